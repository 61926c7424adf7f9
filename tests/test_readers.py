"""HTML, PDF and DOCX readers: the same paragraphs and structure as the text reader, bad files refused.

The files are made here from the real reports by scripts/make_formats.py (HTML in a government site's
chrome, A4 PDFs rendered with Noto CJK, DOCX with heading styles), so the readers meet the layouts
people are given, not stubs. PDFs need WeasyPrint and fonts-noto-cjk (scripts/install-fonts.sh):
without them the PDF tests skip with the reason, and fail under CI.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from rag.commitments import extract_commitments
from rag.documents import load_corpus, parse_document, read_plain
from rag.errors import CorpusError, UnreadableDocument
from rag.indexing import passages_of
from rag.readers import Line, pdf_paragraphs, read_docx, read_html, read_pdf

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT.parent / "shared" / "reports"
KAIZHOU = ROOT / "corpus" / "kaizhou-2026-government-work-report.txt"
NATIONAL = [REPORTS / "national-2024-government-work-report.txt", REPORTS / "national-2023-government-work-report.txt"]
CHROMIUM = "/usr/bin/chromium"

spec = importlib.util.spec_from_file_location("make_formats", ROOT / "scripts" / "make_formats.py")
make_formats = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_formats)


def need(ok: bool, reason: str) -> None:
    """Skip with the reason, except under CI, where what the tests need must be installed."""
    if not ok:
        assert not os.environ.get("CI"), f"missing under CI: {reason}"
        pytest.skip(reason)


def can_render_pdf() -> tuple[bool, str]:
    if not any(Path(f).exists() for f in make_formats.FONT_FILES):
        return False, "fonts-noto-cjk is not installed: run scripts/install-fonts.sh (as root)"
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: the Pango libraries are missing
        return False, f"weasyprint unusable ({exc}): pip install -e '.[test]' and run scripts/install-fonts.sh"
    return True, ""


def reports() -> list[Path]:
    return [KAIZHOU, *NATIONAL]


def report_path(name: str) -> Path:
    path = next(p for p in reports() if p.stem.startswith(name))
    need(path.exists(), f"{path} is absent (../shared/reports/ holds the national reports)")
    return path


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    """HTML and DOCX of every report, PDFs where they can be rendered, and the bad files."""
    out = tmp_path_factory.mktemp("formats")
    present = [r for r in reports() if r.exists()]
    make_formats.make_all(present, out, ("html", "docx"))
    if can_render_pdf()[0]:
        make_formats.make_all(present, out, ("pdf",), bad=True)
    return out


def recovered(reference: list[str], got: list[str]) -> float:
    have, hits = Counter(got), 0
    for p in reference:
        if have[p] > 0:
            have[p] -= 1
            hits += 1
    return hits / len(reference)


def assert_same_document(made_file: Path, text_file: Path) -> None:
    """Structure, periods, figures and commitments as the text file gives them."""
    doc, ref = parse_document(made_file), parse_document(text_file)
    assert (doc.title, doc.year, doc.issuer, doc.level, doc.place) == (ref.title, ref.year, ref.issuer, ref.level, ref.place)
    assert [(p.text, p.section_path, p.lead, p.period, p.role) for p in doc.paragraphs] == \
           [(p.text, p.section_path, p.lead, p.period, p.role) for p in ref.paragraphs]
    doc.doc_id = ref.doc_id  # the same report: compare what the index would hold
    for p in doc.paragraphs:
        p.doc = ref.doc_id
    got, want = passages_of([doc], 300), passages_of([ref], 300)
    assert [(p.id, p.text) for p in got] == [(p.id, p.text) for p in want]
    assert [(f.text, f.value, f.unit, f.period) for p in got for f in p.figures] == \
           [(f.text, f.value, f.unit, f.period) for p in want for f in p.figures]
    assert [c.text for c in extract_commitments([doc])] == [c.text for c in extract_commitments([ref])]


@pytest.mark.parametrize("name", ["kaizhou", "national-2024", "national-2023"])
def test_html_page_gives_the_report_without_the_site(made, name):
    report = report_path(name)
    got, encoding = read_html(made / f"{report.stem}.html")
    ref, _ = read_plain(report)
    assert recovered(ref, got) >= 0.98
    assert got[0] == ref[0]  # the title, from the page's heading
    page = " ".join(got)
    for chrome in ("ICP备", "当前位置", "分享到", "相关链接", "无障碍浏览", "长者模式", "_hmt", "document.write", "发布时间", "上一篇"):
        assert chrome not in page
    assert encoding == ("gb18030" if name == "national-2023" else "utf-8")  # that page is served as GBK
    assert_same_document(made / f"{report.stem}.html", report)


@pytest.mark.parametrize("name", ["kaizhou", "national-2024", "national-2023"])
def test_docx_gives_the_report_with_its_headings(made, name):
    import docx

    report = report_path(name)
    path = made / f"{report.stem}.docx"
    got, encoding = read_docx(path)
    ref, _ = read_plain(report)
    assert encoding == "docx" and recovered(ref, got) >= 0.98
    headings = [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Heading 1"]
    assert headings and all(h.replace("\u3000", " ") in got for h in headings)
    parts = {p.section_path[0] for p in parse_document(path).paragraphs if p.section_path}
    assert set(headings) <= parts  # each Heading 1 heads a part of the structure
    assert got.count(ref[0]) == ref.count(ref[0])  # the page header repeats the title: not body text
    assert_same_document(path, report)


@pytest.mark.parametrize("name", ["kaizhou", "national-2024", "national-2023"])
def test_pdf_paragraphs_are_whole_across_lines_and_pages(made, name):
    ok, why = can_render_pdf()
    need(ok, why)
    report = report_path(name)
    path = made / f"{report.stem}.pdf"
    got, encoding = read_pdf(path)
    ref, _ = read_plain(report)
    assert encoding == "pdf" and recovered(ref, got) >= 0.95
    import pymupdf

    with pymupdf.open(path) as pdf:
        pages = [page.get_text().replace("\n", "") for page in pdf]
        lines = sum(page.get_text().count("\n") for page in pdf)
    assert len(pages) > 10 and lines > 3 * len(ref)  # paragraphs wrap over many lines
    across = [p for p in ref if not any(p in page for page in pages)]  # begun on one page, ended on the next
    assert len(across) >= 5 and all(p in got for p in across)
    for furniture in ("— 2 —", "第 2 页 共", "政府工作报告 2024年"):
        assert not any(furniture in p for p in got)
    assert got.count(ref[0]) == ref.count(ref[0])  # the running header repeats the title: dropped
    assert_same_document(path, report)


def test_pdf_printed_by_chromium_is_read_the_same(tmp_path):
    """Another producer: Chromium justifies CJK lines to the margin and maps some glyphs to Kangxi radicals."""
    ok, why = can_render_pdf()
    need(ok, why)
    need(Path(CHROMIUM).exists(), f"{CHROMIUM} is absent: run scripts/install-browser.sh")
    lines = make_formats.report_lines(KAIZHOU)[:40]
    make_formats.make_pdfs_chromium([(lines, KAIZHOU.stem, tmp_path / "k.pdf")])
    got, _ = read_pdf(tmp_path / "k.pdf")
    assert got == [line.replace("\u3000", " ") for line in lines]


def test_bad_files_are_refused_in_one_line_naming_the_file(made):
    ok, why = can_render_pdf()
    need(ok, why)
    expected = {"scanned.pdf": "OCR is out of scope", "encrypted.pdf": "encrypted",
                "truncated.docx": "not a readable Word document", "empty.html": "no main text"}
    for name, words in expected.items():
        with pytest.raises(UnreadableDocument) as err:
            parse_document(made / name)
        message = str(err.value)
        assert message.startswith(f"{name}: ") and words in message and "\n" not in message


def test_pdf_with_a_scanned_page_is_refused_whole_and_owner_locked_pdf_is_read(tmp_path):
    ok, why = can_render_pdf()
    need(ok, why)
    lines = make_formats.report_lines(KAIZHOU)
    make_formats.make_scanned_pdf(lines, tmp_path / "annex.pdf", text_pages=1)
    with pytest.raises(UnreadableDocument, match=r"annex.pdf: page\(s\) 2 of 2 have no text layer.*OCR"):
        read_pdf(tmp_path / "annex.pdf")
    # copy and print restricted by an owner password, no password to open: readable, as such PDFs are
    make_formats.make_encrypted_pdf(lines[:20], tmp_path / "restricted.pdf", user_password="")
    got, _ = read_pdf(tmp_path / "restricted.pdf")
    assert got == [line.replace("\u3000", " ") for line in lines[:20]]


def test_damaged_files_of_every_format(tmp_path):
    (tmp_path / "notpdf.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    (tmp_path / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)  # an OLE .doc renamed
    (tmp_path / "menu.html").write_text("<html><body><ul><li><a href='/'>首页</a></li></ul></body></html>",
                                        encoding="utf-8")
    for name in ("notpdf.pdf", "old.docx", "menu.html"):
        with pytest.raises(UnreadableDocument, match=f"^{name}: "):
            parse_document(tmp_path / name)


def test_docx_tables_and_line_breaks_and_a_mislabelled_page(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("2025年某县人民政府工作报告", style="Title")
    d.add_paragraph("一、2024年工作回顾", style="Heading 1")
    d.add_paragraph("地区生产总值增长5.2%。").add_run().add_break()  # a manual line break, then more text
    d.paragraphs[-1].add_run("城镇新增就业5000人。")
    table = d.add_table(rows=2, cols=2)
    for r, (a, b) in enumerate([("指标", "增长"), ("一般公共预算收入", "6%")]):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    d.save(tmp_path / "t.docx")
    assert read_docx(tmp_path / "t.docx")[0] == ["2025年某县人民政府工作报告", "一、2024年工作回顾", "地区生产总值增长5.2%。",
                                                 "城镇新增就业5000人。", "指标 增长", "一般公共预算收入 6%"]
    # a page that says GB2312 but is UTF-8 (a common mislabel) is still read right
    page = make_formats.make_html(make_formats.report_lines(KAIZHOU)[:20], KAIZHOU.stem).replace(
        '<meta charset="utf-8">', '<meta charset="gb2312">')
    (tmp_path / "p.html").write_bytes(page.encode("utf-8"))
    lines, encoding = read_html(tmp_path / "p.html")
    assert encoding == "utf-8" and lines[0] == "2026年开州区人民政府工作报告"


def test_build_skips_bad_files_and_indexes_the_rest(made, tmp_path):
    """`rag build` over good and bad files: one warning line per bad file, the good ones indexed whole."""
    ok, why = can_render_pdf()
    need(ok, why)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    short = make_formats.report_lines(KAIZHOU)[:14]  # a short report keeps the embedding quick
    (corpus / "short.html").write_text(make_formats.make_html(short, KAIZHOU.stem), encoding="utf-8")
    make_formats.make_docx(short, KAIZHOU.stem, corpus / "short-word.docx")
    make_formats.make_pdf(short, KAIZHOU.stem, corpus / "short-print.pdf")
    bad = ["scanned.pdf", "encrypted.pdf", "truncated.docx", "empty.html"]
    for name in bad:
        shutil.copy(made / name, corpus / name)
    run = subprocess.run([sys.executable, "-m", "rag.cli", "build", str(corpus), "--index", str(tmp_path / "idx")],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if line.startswith("warning: skipped ")]
    assert sorted(w.split()[2].rstrip(":") for w in warnings) == sorted(bad)
    assert "indexed 3 document(s)" in run.stdout
    import json

    manifest = json.loads((tmp_path / "idx" / "manifest.json").read_text(encoding="utf-8"))
    docs = sorted(d["doc"] for d in manifest["documents"])
    assert docs == ["short", "short-print", "short-word"]
    assert all(d["paragraphs"] == len(short) for d in manifest["documents"])


def test_only_bad_files_is_an_error_and_twins_keep_their_suffix(made, tmp_path):
    ok, why = can_render_pdf()
    need(ok, why)
    shutil.copy(made / "scanned.pdf", tmp_path / "scanned.pdf")
    with pytest.raises(CorpusError, match="^scanned.pdf: no page has a text layer"):
        load_corpus(tmp_path)
    (tmp_path / "scanned.pdf").unlink()
    lines = make_formats.report_lines(KAIZHOU)[:12]
    (tmp_path / "report.txt").write_text("\n".join(lines), encoding="utf-8")
    make_formats.make_pdf(lines, KAIZHOU.stem, tmp_path / "report.pdf")
    docs = {d.doc_id: d for d in load_corpus(tmp_path)}
    assert set(docs) == {"report.txt", "report.pdf"}  # one id each, no passage ids in common
    assert [p.text for p in docs["report.pdf"].paragraphs] == [p.text for p in docs["report.txt"].paragraphs]


# --- paragraph assembly on lines placed by hand (no PDF needed) ---

def body_lines(rows: list[tuple[float, float, str]], page: int = 0, top: float = 100.0, pitch: float = 20.0):
    return [Line(page, x0, x1, top + i * pitch, top + i * pitch + 15, 15.0, text) for i, (x0, x1, text) in enumerate(rows)]


def test_indented_paragraphs_join_across_a_page_break_and_furniture_goes():
    L, R = 85.0, 510.0
    page0 = [Line(0, 250, 350, 40, 50, 9, "某县政府工作报告")] + body_lines([
        (L + 30, R, "一段很长的话"), (L, R, "继续写下去"), (L, 300, "第一段完。"),
        (L + 30, R, "第二段开始"), (L, R - 5, "在这一页的最后一行")]) + [Line(0, 280, 320, 800, 812, 12, "— 1 —")]
    page1 = [Line(1, 250, 350, 40, 50, 9, "某县政府工作报告")] + body_lines([
        (L, 200, "翻页后写完。"), (L + 30, R, "2025年地区生产总值增长"), (L, R, "5.2%，"),
        (L + 30, 130, "2")], page=1, top=700) + [Line(1, 280, 320, 800, 812, 12, "— 2 —")]
    lines = page0 + page1
    for i, c in enumerate("甲乙丙丁", start=2):  # more pages so the running header repeats as on a real report
        lines += [Line(i, 250, 350, 40, 50, 9, "某县政府工作报告"), *body_lines([(L + 30, R, f"又一段{c}"), (L, 150, f"{c}完。")], page=i),
                  Line(i, 280, 320, 800, 812, 12, f"— {i + 1} —")]
    got = pdf_paragraphs(lines, 6, 842)
    assert got[:5] == ["一段很长的话继续写下去第一段完。", "第二段开始在这一页的最后一行翻页后写完。",
                       "2025年地区生产总值增长5.2%，", "2", "又一段甲甲完。"]
    assert not any("报告" in p or "—" in p for p in got)  # headers and page numbers dropped, a body "2" kept


def test_centred_title_lines_and_latin_words():
    L, R = 85.0, 510.0
    rows = [(190, 405, "重庆市某区人民政府工作报告"), (88, R, "——2026年2月4日在某区第十八届人民代表大会第九次"),
            (278, 323, "会议上"), (193, 407, "区长 某某"), (L + 30, R, "We build the"), (L, 300, "Smart City."),
            (L + 30, R, "我们要"), (L, R, "继续努力"), (L, R, "不断前进"), (L, 250, "奋斗。"), (L + 30, 200, "各位代表：")]
    got = pdf_paragraphs(body_lines(rows), 1, 842)
    assert got == ["重庆市某区人民政府工作报告", "——2026年2月4日在某区第十八届人民代表大会第九次会议上", "区长 某某",
                   "We build the Smart City.", "我们要继续努力不断前进奋斗。", "各位代表："]


def test_block_paragraphs_without_indents_split_on_spacing():
    L, R = 72.0, 520.0
    lines = [Line(0, L, R, 100, 112, 12, "第一段第一行"), Line(0, L, 400, 118, 130, 12, "第一段完。"),
             Line(0, L, R, 150, 162, 12, "第二段满一行"), Line(0, L, R, 168, 180, 12, "第二段又满一行"),
             Line(0, L, 300, 186, 198, 12, "第二段完。")]
    assert pdf_paragraphs(lines, 1, 842) == ["第一段第一行第一段完。", "第二段满一行第二段又满一行第二段完。"]

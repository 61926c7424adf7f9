"""Which PDF library keeps Chinese paragraphs whole: pdfplumber, PyMuPDF and pypdf on the same PDFs.

    python bench/bench_pdf_readers.py [REPORT.txt ...]

Renders each report to an A4 PDF twice, with WeasyPrint and with Chromium (scripts/make_formats.py: running headers, page numbers, first-line
indents, paragraphs broken across lines and pages), reads it back with each library and counts the
share of the text file's paragraphs recovered exactly. Each library is measured twice: its plain text
with lines joined naively (the line breaks taken as they come), and its positioned lines put through
the same paragraph assembly (rag/readers.py), so the difference is the library's, not the joiner's.
Prints a Markdown table; needs the `test` extra, pymupdf and pypdf, and fonts-noto-cjk.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import unicodedata
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))

import make_formats  # noqa: E402
from rag.documents import read_plain  # noqa: E402
from bench_formats import recovered  # noqa: E402  (the same measure in both benches)
from rag.readers import Line, pdf_paragraphs  # noqa: E402

DEFAULT_REPORTS = [ROOT / "corpus" / "kaizhou-2026-government-work-report.txt",
                   ROOT.parent / "shared" / "reports" / "national-2024-government-work-report.txt",
                   ROOT.parent / "shared" / "reports" / "national-2023-government-work-report.txt"]


def lines_pymupdf(path: Path) -> tuple[list[Line], int, float]:
    """The product's own reader (rag/readers.py)."""
    import pymupdf

    from rag.readers import _page_lines

    with pymupdf.open(path) as doc:
        lines = [ln for n, page in enumerate(doc) for ln in _page_lines(page, n)]
        return lines, doc.page_count, (doc[0].rect.height if doc.page_count else 842.0)


def lines_pdfplumber(path: Path) -> tuple[list[Line], int, float]:
    import pdfplumber

    out: list[Line] = []
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages):
            for ln in page.extract_text_lines(return_chars=True):
                out.append(Line(n, ln["x0"], ln["x1"], ln["top"], ln["bottom"],
                                median(c["size"] for c in ln["chars"]), ln["text"]))
        height = pdf.pages[0].height if pdf.pages else 842.0
        return out, len(pdf.pages), height


def lines_pypdf(path: Path) -> tuple[list[Line], int, float]:
    """pypdf places no lines; its layout mode lays text on a character grid: columns and rows."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    out: list[Line] = []
    for n, page in enumerate(reader.pages):
        rows = page.extract_text(extraction_mode="layout").split("\n")
        for r, row in enumerate(rows):
            text = row.strip()
            if text:
                x0 = len(row) - len(row.lstrip())
                out.append(Line(n, x0, x0 + len(text), r * 1.5, r * 1.5 + 1, 1.0, text))
    return out, len(reader.pages), 1.5 * max(1, max((ln.top for ln in out), default=1) / 1.5 + 1)


def plain_pymupdf(path: Path) -> str:
    import pymupdf

    with pymupdf.open(path) as doc:
        return "\n".join(page.get_text() for page in doc)


def plain_pdfplumber(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def plain_pypdf(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def naive(text: str) -> list[str]:
    """Plain text as a paragraph a line, the way a reader that trusts the line breaks sees it."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def fold_radicals(text: str) -> str:
    """Kangxi radicals (U+2F00–U+2FDF) to the ideographs they stand for, by NFKC; the CJK Radicals
    Supplement (U+2E80–U+2EFF: ⻚ for 页, ⺠ for 民) has no NFKC mapping and stays."""
    return re.sub(r"[\u2f00-\u2fdf]", lambda m: unicodedata.normalize("NFKC", m.group(0)), text)




LIBRARIES = {
    "pdfplumber": (plain_pdfplumber, lines_pdfplumber),
    "pymupdf": (plain_pymupdf, lines_pymupdf),
    "pypdf": (plain_pypdf, lines_pypdf),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("reports", type=Path, nargs="*", default=DEFAULT_REPORTS)
    args = ap.parse_args()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # "Could not get FontBBox" for every Chromium glyph
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        jobs = []
        for report in args.reports:
            lines = make_formats.report_lines(report)
            make_formats.make_pdf(lines, report.stem, Path(tmp) / f"{report.stem}.weasyprint.pdf")
            jobs.append((lines, report.stem, Path(tmp) / f"{report.stem}.chromium.pdf"))
        make_formats.make_pdfs_chromium(jobs)
        for report, producer in [(r, p) for r in args.reports for p in ("weasyprint", "chromium")]:
            ref, _ = read_plain(report)
            pdf = Path(tmp) / f"{report.stem}.{producer}.pdf"
            for name, (plain, positioned) in LIBRARIES.items():
                t = time.perf_counter()
                simple = recovered(ref, naive(plain(pdf)))
                t_plain = time.perf_counter() - t
                t = time.perf_counter()
                lines, pages, height = positioned(pdf)
                got = [p.replace("\u3000", " ").strip() for p in pdf_paragraphs(lines, pages, height)]
                t_layout = time.perf_counter() - t
                folded = recovered(ref, [fold_radicals(p) for p in got])
                rows.append((report.stem, producer, pages, name, simple, recovered(ref, got), folded, len(got), len(ref),
                             got == ref, t_plain, t_layout))
    print("| report | PDF made by | pages | library | plain text, lines as paragraphs | positioned lines + rag/readers.py "
          "| the same, Kangxi radicals folded | paragraphs got / expected | identical list | seconds (plain / positioned) |")
    print("|---|---|---:|---|---:|---:|---:|---:|---|---:|")
    for stem, producer, pages, name, simple, layout, folded, n_got, n_ref, same, tp, tl in rows:
        print(f"| {stem} | {producer} | {pages} | {name} | {simple:.1%} | {layout:.1%} | {folded:.1%} | {n_got} / {n_ref} | "
              f"{'yes' if same else 'no'} | {tp:.2f} / {tl:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

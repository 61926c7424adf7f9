"""Parsing: encodings, structure of the real report, clear errors on bad input."""


import pytest

from rag.documents import load_corpus, parse_document, period_of
from rag.errors import CorpusError

from .conftest import CORPUS, REPORT


@pytest.fixture(scope="module")
def report():
    return parse_document(REPORT, CORPUS)


def test_report_structure(report):
    assert report.title == "2026年开州区人民政府工作报告"
    assert report.encoding == "utf-8"
    assert len(report.paragraphs) == 109
    parts = {p.section_path[0] for p in report.paragraphs if p.section_path and p.section_path[0][1] == "、"}
    assert parts == {"一、“十四五”时期和2025年工作回顾", "二、“十五五”时期的主要目标任务", "三、2026年工作安排"}
    sections = {p.section_path[1] for p in report.paragraphs
                if len(p.section_path) > 1 and p.section_path[1].startswith("(")}
    # nine 2025 sections, five 十五五 goals, ten 2026 work areas
    assert len([s for s in sections if "全力以赴" in s]) == 9
    assert len([s for s in sections if "积厚成势" in s]) == 5
    assert len([s for s in sections if "坚定不移" in s]) == 10
    items = {p.section_path[-1] for p in report.paragraphs if p.section_path and p.section_path[-1].startswith("——五年来")}
    assert len(items) == 7


def test_section_path_lead_and_period_of_chosen_paragraphs(report):
    by_number = {p.number: p for p in report.paragraphs}
    p53 = by_number[53]
    assert p53.section_path == ("三、2026年工作安排", "(一)坚定不移推进区域协同发展,着力增强战略引领")
    assert p53.lead == "深度融入双城经济圈"
    assert p53.period.label == "2026年目标" and p53.period.kind == "target" and p53.period.end == 2026
    p22 = by_number[22]
    assert p22.section_path[-1] == "——五年来 “民生保障与安全稳定防线”" or p22.section_path[-1].startswith("——五年来")
    assert p22.period.label == "十四五时期" and (p22.period.start, p22.period.end) == (2021, 2025)
    assert by_number[32].period.label == "2025年" and "(九)" in by_number[32].section
    assert by_number[45].period.label == "2030年目标" and by_number[45].period.kind == "goal"
    assert by_number[50].text.startswith("今年经济社会发展主要预期目标是")
    assert by_number[33].section == "一、“十四五”时期和2025年工作回顾"  # after (九), not inside it


def test_period_of_headings():
    assert period_of("三、2027年工作安排", 2027).label == "2027年目标"
    assert period_of("一、2024年工作回顾", 2025).label == "2024年"
    assert period_of("二、“十五五”时期的主要目标任务", 2026).label == "2030年目标"
    # the national reports' wordings
    assert period_of("二、2025年经济社会发展总体要求和政策取向", 2025).label == "2025年目标"
    assert period_of("三、2025年政府工作任务", 2025).label == "2025年目标"
    assert period_of("一、过去五年工作回顾", 2018).label == "2013—2017年"
    assert period_of("二、对今年政府工作的建议", 2023).label == "2023年目标"
    assert period_of("二、“十三五”时期主要目标任务和重大举措", 2016).label == "2020年目标"
    assert period_of("", 2026).kind == "other"


def test_gb18030_and_bom_are_read(tmp_path):
    text = "2025年某县人民政府工作报告\n一、2024年工作回顾\n地区生产总值增长5.2%。\n"
    (tmp_path / "gbk.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "bom.md").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    docs = {d.doc_id: d for d in load_corpus(tmp_path)}
    assert docs["gbk"].encoding == "gb18030"
    assert docs["gbk"].paragraphs[2].text == "地区生产总值增长5.2%。"
    assert docs["bom"].title == "2025年某县人民政府工作报告"
    assert docs["gbk"].paragraphs[2].period.label == "2024年"


def test_bad_corpus_inputs(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "missing")
    with pytest.raises(CorpusError, match="holds no documents"):
        load_corpus(tmp_path)
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    with pytest.raises(CorpusError, match="binary"):
        load_corpus(tmp_path)
    (tmp_path / "binary.txt").unlink()
    (tmp_path / "empty.txt").write_text("\n\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="empty"):
        load_corpus(tmp_path)


def test_undecodable_file_is_a_clear_error(tmp_path):
    # random high bytes: not UTF-8, not GB18030, and no encoding detector can make text of them
    import random

    rng = random.Random(1)
    (tmp_path / "bad.txt").write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(3000)))
    with pytest.raises(CorpusError, match="bad.txt"):
        load_corpus(tmp_path)


def test_vocabulary_data_files_load_and_hold_no_local_names():
    """The genre layer is data, and about the genre: no one report's place or programme names."""
    from rag.lexicon import expand_terms, genre_data, lexicon_data

    data = lexicon_data()
    assert {"zh_synonyms", "en_glossary", "topic_terms"} <= set(data)
    text = repr(data)
    assert not any(name in text for name in ("开州", "渝西", "成达万", "汉丰"))
    assert "国内生产总值" in expand_terms("GDP增长多少") and "地区生产总值" in expand_terms("GDP增长多少")
    assert "居民消费价格" in expand_terms("What was CPI growth?")
    assert {"past5", "last", "this"} <= set(genre_data()["question_periods"])


# --- issue 11: symlinks, and the wrong text indexed silently ---

REPORT_LINES = "某区人民政府工作报告\n一、2025年工作回顾\n地区生产总值增长5%,城镇新增就业7300人。\n"


def test_symlinks_leading_outside_the_corpus_are_skipped_with_a_warning(tmp_path):
    from rag.documents import corpus_files
    from rag.errors import CorpusWarning

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd.txt").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "r.txt").write_text(REPORT_LINES, encoding="utf-8")
    (corpus / "passwd.txt").symlink_to(outside / "passwd.txt")
    (corpus / "etc").symlink_to(outside, target_is_directory=True)
    (corpus / "inside.txt").symlink_to(corpus / "sub" / "r.txt")  # stays inside the corpus: read
    with pytest.warns(CorpusWarning) as caught:
        files = corpus_files(corpus)
    assert [p.relative_to(corpus).as_posix() for p in files] == ["inside.txt", "sub/r.txt"]
    messages = sorted(str(w.message) for w in caught)
    assert len(messages) == 2 and "etc" in messages[0] and "passwd.txt" in messages[1]
    assert all("outside the corpus" in m and str(tmp_path) not in m for m in messages)
    with pytest.warns(CorpusWarning):
        assert [d.doc_id for d in load_corpus(corpus)] == ["inside", "sub/r"]


def test_a_corpus_that_is_itself_a_symlink_is_read(tmp_path):
    from rag.documents import corpus_files

    real = tmp_path / "real"
    real.mkdir()
    (real / "r.txt").write_text(REPORT_LINES, encoding="utf-8")
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    assert [p.name for p in corpus_files(tmp_path / "link")] == ["r.txt"]


@pytest.mark.parametrize("name, data, why", [
    ("latin.txt", "Café résumé, naïve façade.\nDéjà vu.\n".encode("latin-1"), "guess"),
    ("big5.txt", "政府工作報告。各位代表：現在，我代表區人民政府，向大會報告工作，請予審議。".encode("big5"), "GB2312"),
    ("english.txt", b"Government work report\nGDP grew by 5 percent last year.\n", "Chinese"),
])
def test_a_doubtful_encoding_or_text_that_is_not_chinese_is_a_warning_naming_the_file(name, data, why):
    from rag.documents import decode_text
    from rag.errors import CorpusWarning

    with pytest.warns(CorpusWarning, match=name) as caught:
        decode_text(data, name)
    assert any(why in str(w.message) for w in caught)


def test_chinese_in_utf8_and_gb18030_decodes_without_a_warning(report_text):
    import warnings

    from rag.documents import decode_text

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert decode_text(report_text.encode("utf-8"), "r.txt") == (report_text, "utf-8")
        assert decode_text(report_text.encode("gb18030"), "r.txt") == (report_text, "gb18030")

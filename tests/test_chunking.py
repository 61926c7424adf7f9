"""Chunking: whole sentences, bounded length, stable ids."""

from rag.chunking import chunk, passage_id, sentences, split_paragraph
from rag.documents import parse_document

from .conftest import CORPUS, REPORT


def test_sentences_keep_end_marks_and_closing_quotes():
    assert sentences("甲。乙!“丙。”丁;戊") == ["甲。", "乙!", "“丙。”", "丁;", "戊"]


def test_passages_of_real_report_are_bounded_and_lossless():
    doc = parse_document(REPORT, CORPUS)
    passages = chunk(doc.paragraphs, 300)
    assert all(len(p.text) <= 300 for p in passages)
    for para in doc.paragraphs:
        # passages of a paragraph put back together give the paragraph
        assert "".join(p.text for p in passages if p.paragraph == para.number) == para.text
    assert len({p.id for p in passages}) == len(passages)
    long_ones = [p for p in passages if len(p.text) > 150]
    assert long_ones, "long paragraphs should fill passages"
    # cut at sentence ends (or, inside a sentence longer than a passage, at a comma)
    for para in doc.paragraphs:
        parts = [p.text for p in passages if p.paragraph == para.number]
        for text in parts[:-1]:
            assert text[-1] in "。！？；!?;”,，、:："
    assert sum(p.text[-1] in "。！？；!?;”" for p in passages) > 0.8 * len(passages)  # headings have no end mark


def test_overlong_sentence_is_cut_at_commas():
    sent = "，".join(["这是一个很长的分句"] * 60) + "。"
    parts = split_paragraph(sent, 100)
    assert all(len(p) <= 100 for p in parts) and "".join(parts) == sent


def test_ids_are_stable_and_depend_on_text():
    assert passage_id("doc", "文本") == passage_id("doc", "文本")
    assert passage_id("doc", "文本") != passage_id("doc", "文本2")
    assert passage_id("doc", "文本") != passage_id("other", "文本")
    doc = parse_document(REPORT, CORPUS)
    first = [p.id for p in chunk(doc.paragraphs)]
    second = [p.id for p in chunk(doc.paragraphs)]
    assert first == second

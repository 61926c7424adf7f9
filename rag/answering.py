"""Answers: retrieve, rerank with what the question asks for, then the figure, the span, or a refusal.

This module only composes the steps, each in its own module: the question (rag.question), its
period resolved per report (rag.periods), lexical matching (rag.matching), figure choice
(rag.figure_choice) and span choice (rag.spans).
"""

from __future__ import annotations

import re

import numpy as np

from .figure_choice import Scored, choose_figure, eligible, fits, period_spec, score_figures
from .matching import Stats, bigrams, coverage, question_grams, stats_for
from .models import Answer, Citation, DocRef, Figure, Passage
from .periods import Period
from .question import Question, analyze
from .retrieval import Hit, Retriever
from .scope import Scope, route
from .spans import (ASKS_DATE, ASKS_DAY, DATE_RE, DAY_RE, MIN_SPAN_COVERAGE, PERIOD_SPAN_SHARE, best_span,
                    names_whom_asked)
from .store import StoredIndex
from .text import normalize

POOL = 30  # passages fused retrieval hands to the rerank
CANDIDATES = 12  # reranked passages whose figures compete for the answer


def rerank(q: Question, grams: dict[str, float], hits: list[Hit], stats: Stats) -> list[tuple[float, Hit]]:
    """Passages reordered by fused rank, the question's words they contain, and the period they speak of."""
    top = hits[0].score if hits else 1.0
    scored = []
    for hit in hits:
        s = hit.score / top + 0.8 * coverage(stats, grams, bigrams(hit.passage.text))
        spec = period_spec(q, stats, hit.passage.doc)
        if spec is not None and spec.fits(hit.passage.period):
            s += 0.3
        scored.append((s, hit))
    return sorted(scored, key=lambda t: -t[0])


def ranked_passages(retriever: Retriever, q: Question, grams: dict[str, float], stats: Stats, k: int,
                    qvec: np.ndarray | None = None, docs=None) -> list[Hit]:
    """Hybrid retrieval (English glossed for BM25) of the given reports' passages, reranked with what the
    question asks for."""
    hits = retriever.search(q.text, max(k, POOL), qvec=qvec, lexical_query=q.search_text, docs=docs)
    ranked = []
    for score, hit in rerank(q, grams, hits, stats):
        hit.score = score  # citations show the score they are ranked by
        ranked.append(hit)
    return ranked


def search_passages(retriever: Retriever, query: str, k: int = 5, scope: Scope | None = None) -> list[Hit]:
    """The k best passages for a query, as the answering stage ranks them, within a scope."""
    q = analyze(query)
    docs = _scope_ids(retriever.index, scope)
    stats = stats_for(retriever.index, None if docs is None else frozenset(docs))
    return ranked_passages(retriever, q, question_grams(q, stats), stats, k, docs=docs)[:k]


def _scope_ids(index: StoredIndex, scope: Scope | None) -> tuple[str, ...] | None:
    """The ids of the reports in scope, None for every report (no filter at all)."""
    if scope is None or scope.empty:
        return None
    return tuple(d.doc for d in scope.select(index.documents))


def figure_similarity(retriever: Retriever, qvec: np.ndarray,
                      passages: list[Passage] | None = None) -> dict[tuple[str, int], float]:
    """Cosine of the question with every figure in its clause (of the given passages only, when given),
    by (passage id, figure number)."""
    index = retriever.index
    if index.figure_vectors is None or not len(index.figure_vectors):
        return {}
    rows = index.figure_rows
    if passages is None:
        keys = list(rows)
    else:
        keys = [(p.id, j) for p in passages for j in range(len(p.figures)) if (p.id, j) in rows]
    if not keys:
        return {}
    sims = index.figure_vectors[[rows[key] for key in keys]] @ qvec
    return {key: float(v) for key, v in zip(keys, sims)}


def doc_refs(index: StoredIndex) -> dict[str, DocRef]:
    return {d.doc: DocRef(id=d.doc, title=d.title, year=d.year) for d in index.documents}


def citation(hit: Hit, refs: dict[str, DocRef] | None = None) -> Citation:
    p = hit.passage
    ref = (refs or {}).get(p.doc)
    return Citation(doc=p.doc, section=p.section, paragraph=p.paragraph, text=p.text,
                    score=round(hit.score, 6), passage_id=p.id, title=ref.title if ref else "",
                    year=ref.year if ref else None)


def _cite(ranked: list[Hit], first: Passage | None, k: int, refs: dict[str, DocRef] | None = None) -> list[Citation]:
    """Citations best first: the passage the answer comes from, then the others in rerank order."""
    ordered = [h for h in ranked if first is not None and h.passage.id == first.id]
    ordered += [h for h in ranked if first is None or h.passage.id != first.id]
    return [citation(h, refs) for h in ordered[:k]]


def answer_question(retriever: Retriever, question: str, k: int = 5, scope: Scope | None = None) -> Answer:
    """The short answer with its figures and citations, or a refusal with its reason, from the reports in
    scope; without a scope the question's words choose the reports (rag.scope.route), and every answer
    names the report it comes from."""
    from .tracking import answer_tracking

    q = analyze(question)
    index = retriever.index
    in_scope = (scope or Scope()).select(index.documents)
    refs = doc_refs(index)
    tracked = answer_tracking(index, q, in_scope, refs, k)
    if tracked is not None:
        return tracked
    way = route(question, q.period, in_scope)
    qvec = retriever.embed(question)
    restrict = len(in_scope) < len(index.documents) or len(way.groups) > 1 or len(way.groups[0]) < len(in_scope)
    first: Answer | None = None
    for n, group in enumerate(way.groups):
        answer = _answer_in(retriever, q, question, k, qvec, frozenset(group) if restrict else None, refs)
        if not answer.refused:
            break
        first = first or answer
    else:
        answer, n = first, -1
    if way.latest_first and n == 0:  # the latest report answered: name the older ones that answer too
        older = _answer_in(retriever, q, question, k, qvec, frozenset(way.groups[1]), refs)
        if not older.refused and older.doc is not None:
            answer.other_docs = [older.doc, *(d for d in older.other_docs if d.id != answer.doc.id)]
    answer.route = way.reason
    return answer


def _answer_in(retriever: Retriever, q: Question, question: str, k: int, qvec: np.ndarray,
               docs: frozenset[str] | None, refs: dict[str, DocRef]) -> Answer:
    """The answer from the passages of the given reports (all when docs is None), matched with the
    statistics of those reports."""
    stats = stats_for(retriever.index, docs)
    grams = question_grams(q, stats)
    ranked = ranked_passages(retriever, q, grams, stats, k, qvec, docs)
    if not ranked:
        return Answer(question=question, refused=True, reason="索引中没有可检索的内容")
    if q.wants_figure:
        sims = figure_similarity(retriever, qvec, [h.passage for h in ranked[:CANDIDATES]])
        scored = score_figures(q, grams, ranked[:CANDIDATES], stats, sims)
        best = choose_figure(q, scored, stats, retriever.index.embedder)
        if best:
            equal = _also_answering(q, scored, stats, best)
            if equal:  # reports that answer equally well: the latest one answers, the others are named
                best, *equal = sorted([best, *equal], key=lambda s: -(stats.doc_years.get(s.passage.doc) or 0))
            return Answer(question=question, answer=best.figure.text, figures=[best.figure],
                          citations=_cite(ranked, best.passage, k, refs), doc=refs.get(best.passage.doc),
                          other_docs=[refs[s.passage.doc] for s in equal if s.passage.doc in refs])
        return Answer(question=question, refused=True, reason="报告中没有找到与问题相符的数据",
                      citations=_cite(ranked, None, k, refs))
    span, passage, cov = best_span(grams, [h.passage for h in ranked[:3]], stats)
    date_re = DAY_RE if ASKS_DAY.search(question) else DATE_RE
    if ASKS_DATE.search(question) and not date_re.search(span):  # "哪一天": the best sentence that has a date
        dated = best_span(grams, [h.passage for h in ranked[:CANDIDATES]], stats, must=date_re)
        if dated[0]:
            span, passage, cov = dated
    if q.period or q.result:  # last year's question is answered from last year's passages, if one fits as well
        fits_period = [h.passage for h in ranked[:CANDIDATES] if _passage_fits(q, stats, h.passage)][:3]
        in_period = best_span(grams, fits_period, stats)
        # a period the question names is binding when that period has an answer; a past tense only leans
        share = 0.0 if q.period else PERIOD_SPAN_SHARE
        if in_period[0] and in_period[2] >= max(share * cov, MIN_SPAN_COVERAGE):
            span, passage, cov = in_period
    if (not span or cov < MIN_SPAN_COVERAGE or (ASKS_DATE.search(question) and not date_re.search(span))
            or not names_whom_asked(question, span)):
        return Answer(question=question, refused=True, reason="报告中没有找到能回答这个问题的内容",
                      citations=_cite(ranked, None, k, refs))
    figs = [f for f in passage.figures if f.text in span]
    return Answer(question=question, answer=span, figures=figs, citations=_cite(ranked, passage, k, refs),
                  doc=refs.get(passage.doc))


ALSO_MARGIN = 0.1  # a figure of another report this close to the chosen one answers the question as well


def _also_answering(q: Question, scored: list[Scored], stats: Stats, best: Scored) -> list[Scored]:
    """The best figure of each other report that answers the question about as well as the chosen one."""
    others: list[Scored] = []
    seen = {best.passage.doc}
    for s in scored:
        doc = s.passage.doc
        if doc in seen or s.score < best.score - ALSO_MARGIN:
            continue
        if fits(q, s, stats) and eligible(q, s):
            seen.add(doc)
            others.append(s)
    return others


def _passage_fits(q: Question, stats: Stats, passage: Passage) -> bool:
    """The passage speaks of the period the question names (or, for a past-tense question, of a result)."""
    spec = period_spec(q, stats, passage.doc)
    if spec is not None:
        return spec.fits(passage.period)
    return not passage.period.forward


def figure_table(index: StoredIndex, topic: str | None = None, period: str | None = None,
                 scope: Scope | None = None) -> list[Figure]:
    """Every figure of the corpus (of the reports in scope), optionally only those about a topic and of a period."""
    figures = index.figures
    docs = _scope_ids(index, scope)
    if docs is not None:
        figures = [f for f in figures if f.doc in docs]
    if period:
        figures = [f for f in figures if period_matches(f, period)]
    if topic:
        q = analyze(topic)
        wanted = {normalize(topic), *(normalize(t) for t in q.terms)}
        figures = [f for f in figures if any(w in normalize(f.metric + " " + f.context) for w in wanted)]
    return figures


def period_matches(fig: Figure, period: str) -> bool:
    """"2026" or "2026年目标", "十四五" or "十四五时期", "2030", "result"/"target"/"goal": figures of that period."""
    return period_label_matches(fig.period, period)


def period_label_matches(p: Period, wanted: str) -> bool:
    wanted = wanted.strip()
    if wanted in ("", "全部", "all"):
        return True
    if wanted in (p.label, p.label.removesuffix("时期"), p.kind):
        return True
    m = re.fullmatch(r"((?:19|20)\d\d)年?", wanted)
    return bool(m) and p.end == int(m.group(1)) and not p.span

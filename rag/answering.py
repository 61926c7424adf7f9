"""Answers: retrieve, rerank with what the question asks for, then the figure, the span, or a refusal.

This module only composes the steps, each in its own module: the question (rag.question), its
period resolved per report (rag.periods), lexical matching (rag.matching), figure choice
(rag.figure_choice) and span choice (rag.spans).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .calibration import Calibration
from .chunking import sentences
from .figure_choice import (Scored, choose_figure, eligible, fits, named_otherwise, period_spec, rank_fitting, score_figures,
                            sentence_of)
from .figures import as_written
from .front import about_report, asks_about_report, front_answer, front_ids, front_matter
from .lexicon import english_kinds
from .matching import Stats, bigrams, coverage, question_grams, stats_for, with_dictionary, with_expansions
from .models import Answer, Citation, DocRef, Figure, Passage
from .periods import Period
from .question import Question, analyze
from .retrieval import Hit, Retriever
from .scope import Scope, route
from .spans import (ASKS_DATE, ASKS_DAY, ASKS_MONTH, DATE_RE, DAY_RE, MONTH_RE, KIND_PATTERNS, NAME_TAIL, PERIOD_SPAN_SHARE, ask_kind, asked_category, asked_head, kind_follows, other_of_family,
                    best_span, class_only, count_only, counted_pattern, counted_span, covered_sentences, echoes_question, lacks_kind, lacks_thing, mostly_unasked, names_no_place, names_whom_asked, short_span,
                    YEAR_ROLE_RE, rank_pattern)
from .stores import Index
from .text import normalize, plain_wording

POOL = 30  # passages fused retrieval hands to the rerank
CANDIDATES = 12  # reranked passages whose figures compete for the answer
HIGH_COVER = 1.0  # metric + question cover from which a figure answer is "high" confidence
HIGH_SPAN_COVER = 0.5  # question coverage from which a sentence answer is "high" (with a short span)


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


def _scope_ids(index: Index, scope: Scope | None) -> tuple[str, ...] | None:
    """The ids of the reports in scope, None for every report (no filter at all)."""
    if scope is None or scope.empty:
        return None
    return tuple(d.doc for d in scope.select(index.documents))


def figure_similarity(retriever: Retriever, qvec: np.ndarray,
                      passages: list[Passage] | None = None) -> dict[tuple[str, int], float]:
    """Cosine of the question with every figure in its clause (of the given passages only, when given),
    by (passage id, figure number)."""
    return retriever.index.figure_similarity(qvec, passages)


def doc_refs(index: Index) -> dict[str, DocRef]:
    return {d.doc: DocRef(id=d.doc, title=d.title, year=d.year) for d in index.documents}


def citation(hit: Hit, refs: dict[str, DocRef] | None = None, highlight: list[list[int]] | None = None) -> Citation:
    p = hit.passage
    ref = (refs or {}).get(p.doc)
    return Citation(doc=p.doc, section=p.section, paragraph=p.paragraph, text=p.text,
                    score=round(hit.score, 6), passage_id=p.id, highlight=highlight or [],
                    title=ref.title if ref else "", year=ref.year if ref else None)


def highlight_offsets(text: str, answer: str, anchor: str = "") -> list[list[int]]:
    """[start, end) of the answer in the passage text: the occurrence inside its anchor (the clause or
    sentence it was read from), not another equal string elsewhere in the passage."""
    if not answer:
        return []
    base = text.find(anchor) if anchor else -1
    if base >= 0 and (i := text.find(answer, base, base + len(anchor))) >= 0:
        return [[i, i + len(answer)]]
    i = text.find(answer)
    return [[i, i + len(answer)]] if i >= 0 else []


def _cite(ranked: list[Hit], first: Passage | None, k: int, refs: dict[str, DocRef] | None = None,
          answer: str = "", anchor: str = "") -> list[Citation]:
    """Citations best first: the passage the answer comes from (the answer highlighted), then the others."""
    ordered = [h for h in ranked if first is not None and h.passage.id == first.id]
    ordered += [h for h in ranked if first is None or h.passage.id != first.id]
    return [citation(h, refs, highlight_offsets(h.passage.text, answer, anchor) if i == 0 and first is not None
                     else None) for i, h in enumerate(ordered[:k])]


@dataclass
class Prepared:
    """Everything about a question that does not depend on the refusal thresholds (rag.calibration):
    retrieval, rerank and the scored figures; decide() then answers or refuses, cheaply."""

    question: str
    q: Question
    stats: Stats
    grams: dict[str, float]
    ranked: list[Hit]
    k: int
    scored: list[Scored]
    fitting: list[Scored]
    refs: dict[str, DocRef]
    front: tuple[str, Passage] | None = None  # a question about the report itself, answered by its front matter
    fronts: frozenset[str] = frozenset()  # the front matter's passages (title, date line, speaker)


def prepare(retriever: Retriever, question: str, k: int = 5, docs: frozenset[str] | None = None,
            q: Question | None = None, qvec: np.ndarray | None = None) -> Prepared:
    """Retrieval and scoring over the passages of the given reports (all when docs is None)."""
    question = plain_wording(question)
    stats = stats_for(retriever.index, docs)
    q = with_expansions(with_dictionary(q or analyze(question), stats), stats, retriever.index, docs)
    grams = question_grams(q, stats)
    qvec = retriever.embed(question) if qvec is None else qvec
    ranked = ranked_passages(retriever, q, grams, stats, k, qvec, docs)
    scored: list[Scored] = []
    if q.wants_figure and ranked:
        sims = figure_similarity(retriever, qvec, [h.passage for h in ranked[:CANDIDATES]])
        scored = score_figures(q, grams, ranked[:CANDIDATES], stats, sims)
    front = None
    if not q.wants_figure and ranked and (kind := asks_about_report(question)):
        doc = ranked[0].passage.doc  # the report the question's words reach first, within the scope
        front = front_answer(kind, front_matter([p for p in retriever.index.passages if p.doc == doc]))
    return Prepared(question, q, stats, grams, ranked, k, scored, rank_fitting(q, scored, stats) if scored else [],
                    doc_refs(retriever.index), front, front_ids(retriever.index) if not q.wants_figure else frozenset())


def answer_question(retriever: Retriever, question: str, k: int = 5, scope: Scope | None = None) -> Answer:
    """The short answer with its figures and citations, or a refusal that says what the report states
    nearby, from the reports in scope; without a scope the question's words choose the reports
    (rag.scope.route), and every answer names the report it comes from."""
    from .tracking import answer_tracking

    q = analyze(plain_wording(question))
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
    answer.question = question  # as asked, not as read (叫啥 -> 叫什么)
    return answer


def _answer_in(retriever: Retriever, q: Question, question: str, k: int, qvec: np.ndarray,
               docs: frozenset[str] | None, refs: dict[str, DocRef]) -> Answer:
    """The answer from the passages of the given reports (all when docs is None), matched with the
    statistics of those reports."""
    return decide(prepare(retriever, question, k, docs, q, qvec), retriever.index.calibration)


def decide(prep: Prepared, cal: Calibration) -> Answer:
    """Answer or refuse a prepared question under the given thresholds."""
    question, q, stats, grams, ranked, k, refs = (prep.question, prep.q, prep.stats, prep.grams, prep.ranked,
                                                  prep.k, prep.refs)
    if not ranked:
        return Answer(question=question, refused=True, reason="索引中没有可检索的内容")
    if q.wants_figure:
        scored = prep.scored
        best = choose_figure(q, prep.fitting, cal)
        if best and named_otherwise(q, best, scored, prep.fitting, stats):
            best = None  # the report gives the statistic asked only in another form: say so, not another figure
        if best:
            equal = _also_answering(q, scored, stats, best, cal)
            if equal:  # reports that answer equally well: the latest one answers, the others are named
                best, *equal = sorted([best, *equal], key=lambda s: -(stats.doc_years.get(s.passage.doc) or 0))
            written = as_written(best.figure)
            return Answer(question=question, answer=written, answer_kind="figure", figures=[best.figure],
                          confidence=figure_confidence(best, cal),
                          citations=_cite(ranked, best.passage, k, refs, written, best.figure.context),
                          doc=refs.get(best.passage.doc),
                          other_docs=[refs[s.passage.doc] for s in equal if s.passage.doc in refs])
        counted = best_span(grams, [h.passage for h in ranked[:3]], stats, must=must) if (
            must := counted_pattern(question)) else ("", None, 0.0)
        if counted[0] and counted[2] >= cal.min_span_coverage and (found := counted_span(question, counted[0])):
            # "增值税税率要简并到几档" ~ 三档: a count the report writes in Chinese numerals
            sentence = sentence_of(counted[1], counted[0])
            return Answer(question=question, answer=found[0], answer_kind="span", confidence=span_confidence(counted[2], True),
                          citations=_cite(ranked, counted[1], k, refs, found[0], sentence), doc=refs.get(counted[1].doc))
        near = nearby_figure(scored, cal)
        return Answer(question=question, refused=True, reason=refusal_reason(near),
                      citations=_cite(ranked, near.passage if near else None, k, refs,
                                      near.figure.text if near else "", near.figure.context if near else ""))
    if prep.front is not None:  # when, where or by whom the report was delivered: its front matter says
        text, passage = prep.front
        hits = [Hit(passage, ranked[0].score), *(h for h in ranked if h.passage.id != passage.id)]
        return Answer(question=question, answer=text, answer_kind="span", confidence="high",
                      citations=_cite(hits, passage, k, refs, text, passage.text), doc=refs.get(passage.doc))
    if not about_report(question):  # a title or a date line answers no question but one about the report
        ranked = [h for h in ranked if h.passage.id not in prep.fronts] or ranked
    span, passage, cov = best_span(grams, [h.passage for h in ranked[:3]], stats)
    date_re = DAY_RE if ASKS_DAY.search(question) else MONTH_RE if ASKS_MONTH.search(question) else DATE_RE
    asked_kind = ask_kind(question)
    kind_re = (date_re if ASKS_DATE.search(question) else rank_pattern(question) if asked_kind == "rank"
               else KIND_PATTERNS.get(asked_kind))
    floor = cal.min_span_coverage
    if kind_re is not None:  # "哪一天", "哪次会议", "第几": the best sentence that holds a date, a meeting, a rank
        if not kind_re.search(span):
            found = best_span(grams, [h.passage for h in ranked[:CANDIDATES]], stats, must=kind_re)
            if found[0]:
                span, passage, cov = found
        if kind_re.search(span):
            floor /= 2  # the kind of thing asked for is there: less of the wording needs to be
    if q.period or q.result:  # last year's question is answered from last year's passages, if one fits as well
        fits_period = [h.passage for h in ranked[:CANDIDATES] if _passage_fits(q, stats, h.passage)][:3]
        # (a rank asked, when a sentence with one was found: "这五年…排到第几" ~ 跃升到世界第二位; a meeting or a
        # name may be a span the pattern does not know, 古田全军政治工作会议)
        ranked_kind = asked_kind == "rank" and q.lang == "zh" and kind_re is not None and kind_re.search(span)
        in_period = best_span(grams, fits_period, stats, must=kind_re if ranked_kind else None)
        # a period the question names is binding when that period has an answer; a past tense only leans
        share = 0.0 if q.period else PERIOD_SPAN_SHARE
        if in_period[0] and in_period[2] >= max(share * cov, floor):
            span, passage, cov = in_period
    if (not span or cov < floor) and q.lang == "en" and (named := _english_named(question, grams, ranked)):
        # "Which national market for carbon trading was launched": the glossary names little of the question,
        # but the passage the model ranks first holds a name of the kind asked with a word it does name
        text, sentence, where = named
        return Answer(question=question, answer=text, answer_kind="span", confidence="low",
                      citations=_cite(ranked, where, k, refs, text, sentence), doc=refs.get(where.doc))
    if (not span or cov < floor) and (role := _year_role(prep)):
        # "2015年对“十二五”来说是个什么年份": the question's words are all period words; the sentence that
        # names that period (or the report's own year) with what the year is for it answers (收官之年)
        text, sentence, where = role
        return Answer(question=question, answer=text, answer_kind="span", confidence="medium",
                      citations=_cite(ranked, where, k, refs, text, sentence), doc=refs.get(where.doc))
    if (not span or cov < floor or (ASKS_DATE.search(question) and not date_re.search(span))
            or not names_whom_asked(question, span)):
        return Answer(question=question, refused=True, reason="报告中没有找到能回答这个问题的内容",
                      citations=_cite(ranked, None, k, refs))
    sentence = sentence_of(passage, span)
    short = short_span(question, sentence, grams)
    asked = asked_category(question, subject=True)
    # "建立什么制度": a short answer of another kind (…提升计划) leaves the question open for a sentence that
    # gives one of the kind asked (建立居住证制度)
    head = asked_head(question)
    other_kind = (short is not None and len(head) >= 2 and not short[0].endswith(head) and bool(NAME_TAIL.search(short[0]))
                  and not kind_follows(sentence, short[1] + len(short[0]), head))  # “…中心”称号: its kind follows
    if (short is None or other_kind) and asked_kind is not None:  # a lead sentence ("提升科技创新能力。")
        # or one of two that answer: the next best sentence of the passages that holds the kind of span asked for
        # (or a sentence the next one elaborates: "二是结合税制改革完善结构性减税政策。重点是加快推进营业税改征…试点")
        lead = passage.lead and sentence.rstrip("。；;") == passage.lead or _elaborated(passage, sentence)
        for cov2, other, where in _other_sentences(grams, [h.passage for h in ranked[:3]], stats, sentence,
                                                   after_lead=passage if lead else None):
            if cov2 < max(floor, SPAN_SHARE_OTHER * cov) and not (lead and where.id == passage.id):
                break  # the sentences a lead phrase heads answer for it, however few of the words they repeat
            if not (asked and asked in other or q.lang == "en" and any(k in other for k in english_kinds(question))):
                continue  # it names the kind of thing asked for (规划, 展会 …; corridor ~ 通道)
            if (found := short_span(question, other, grams)) and not (other_kind and not found[0].endswith(head)):
                sentence, passage, short, span = other, where, found, other
                break
    if short is None:  # a sentence that gives no short answer gives way to the best one that does, from a passage
        # ranked no lower (the ranking weighs the question's meaning, coverage only its words)
        first = [h.passage for h in ranked[:SPAN_PASSAGES]]
        rank = next((n for n, p in enumerate(first) if p.id == passage.id), len(first))
        for cov2, other, where in covered_sentences(grams, first[:rank + 1], stats):
            if cov2 < SPAN_SHARE_ANY * cov:
                break
            if other != sentence and (found := short_span(question, other, grams)) and mostly_unasked(found[0], grams):
                sentence, passage, short, span = other, where, found, other
                break
    if short is not None and other_of_family(head, short[0]):
        # "渝超联赛主场设在哪个体育场" ~ “壹圆剧场”: a name of another kind of the family asked, and no sentence
        # names one of the kind asked
        return Answer(question=question, refused=True, reason=f"报告中没有找到所问的{head}",
                      citations=_cite(ranked, None, k, refs))
    figs = [f for f in passage.figures if f.text in span]
    # "引进知名主题乐园": which one, the report does not say (before the checks below: it says what the report
    # does state)
    if mention := class_only(question, sentence, short):
        return Answer(question=question, refused=True, reason=f"报告只提到{mention}，没有说具体是哪一个",
                      citations=_cite(ranked, passage, k, refs, "", sentence))
    if (missing := lacks_kind(question, sentence) if short is None else lacks_thing(question, sentence)):
        # "哪位总理作的报告", "哪家平台公司", "哪艘飞船": a sentence that names nobody, no organisation, no place, no
        # craft of its own is no answer
        return Answer(question=question, refused=True, reason=f"报告中没有找到回答这个问题的{missing}",
                      citations=_cite(ranked, None, k, refs))
    if counted := count_only(question, sentence, short):  # "首批5个国家公园分别是哪几个": how many, not which
        return Answer(question=question, refused=True, reason=f"报告只给出了数量（{counted}），没有列出具体是哪些",
                      citations=_cite(ranked, passage, k, refs, counted, sentence))
    if short is None and echoes_question(question, sentence):  # "第一批国家公园正式设立。": the question's own words
        return Answer(question=question, refused=True, reason=f"报告只说到问题本身说的（{sentence.strip('。')}），没有给出所问的内容",
                      citations=_cite(ranked, passage, k, refs, "", sentence))
    if short is None and names_no_place(question, sentence):  # "…在哪个城市举办": nor one that names no place
        return Answer(question=question, refused=True, reason="报告中没有找到回答这个问题的地名",
                      citations=_cite(ranked, None, k, refs))
    if short:
        text, _ = short
        return Answer(question=question, answer=text, answer_kind="span", figures=[], confidence=span_confidence(cov, True),
                      citations=_cite(ranked, passage, k, refs, text, sentence), doc=refs.get(passage.doc))
    return Answer(question=question, answer=span, answer_kind="sentence", figures=figs,
                  confidence=span_confidence(cov, False), citations=_cite(ranked, passage, k, refs, span, sentence),
                  doc=refs.get(passage.doc))


ELABORATION = re.compile(r"(?:重点是|重点要|主要是|具体是|关键是|核心是)")


def _elaborated(passage: Passage, sentence: str) -> bool:
    """The sentence after this one in the passage says what it consists of (重点是…, 主要是…)."""
    sents = sentences(passage.text)
    at = next((i for i, sent in enumerate(sents) if sent == sentence), None)
    return at is not None and at + 1 < len(sents) and bool(ELABORATION.match(sents[at + 1]))


def _year_role(prep: Prepared) -> tuple[str, str, Passage] | None:
    """For "…是个什么年份": what the genre calls the year (开局之年, 收官之年), from the best-ranked sentence that
    names the period the question names (十二五) or, for the report's own year, 今年."""
    if ask_kind(prep.question) != "year_role":
        return None
    period = prep.q.period
    for hit in prep.ranked:  # few sentences name a year's role: every ranked passage is looked at
        year = prep.stats.doc_years.get(hit.passage.doc)
        own = ["今年", *([f"{year}年"] if year else [])]
        wanted = [period.text] if period is not None and period.text else []  # 十四五, 2025, 今年
        if period is None or period.rel == "this" or period.year == year:
            wanted += own  # the report's own year: its 今年
        for sent in sentences(hit.passage.text):
            if (m := YEAR_ROLE_RE.search(sent)) and any(w and w in sent[:m.start()] for w in wanted):
                return m.group(0), sent, hit.passage
    return None


def _english_named(question: str, grams: dict[str, float], ranked: list[Hit]) -> tuple[str, str, Passage] | None:
    """A name of the kind an English question asks for (lexicon en_kinds) in the first-ranked passage, that
    holds a Chinese word the question's glosses give; None when there is none or more than one."""
    if not english_kinds(question) or not ranked:
        return None
    passage = ranked[0].passage
    found = []
    for sent in sentences(passage.text):
        if (short := short_span(question, sent, grams)) and any(g in short[0] for g in grams):
            found.append((short[0], sent))
    return (found[0][0], found[0][1], passage) if len({f[0] for f in found}) == 1 else None


SPAN_SHARE_OTHER = 0.6  # another sentence may give the short answer when it covers the question nearly as well
SPAN_SHARE_ANY = 0.5  # ... and, when the best covering sentence gives none, one that covers it half as well
SPAN_PASSAGES = 5  # the passages whose sentences may give the short answer


def _other_sentences(grams: dict[str, float], passages: list[Passage], stats: Stats, but: str,
                     after_lead: Passage | None = None) -> list[tuple[float, str, Passage]]:
    """The sentences of the passages other than `but`, best covering first (at most six); after a lead
    phrase, the sentences of its own passage first, in order."""
    headed = [(1.0, sent, after_lead) for sent in sentences(after_lead.text) if sent != but] if after_lead else []
    out = [(coverage(stats, grams, bigrams(sent)), sent, p) for p in passages for sent in sentences(p.text)
           if sent != but and not (after_lead and p.id == after_lead.id)]
    return headed[:6] + sorted(out, key=lambda t: -t[0])[:6]


def figure_confidence(best: Scored, cal: Calibration) -> str:
    """high: the question names the figure's metric and its words stand around it; medium: it only just
    clears the thresholds; low: chosen on meaning alone (the closest figure, calibrated embedder)."""
    lexical = (best.metric_cover >= cal.min_metric_cover and best.question_cover >= cal.min_question_cover
               and best.metric_cover + best.question_cover >= cal.min_both_cover)
    if not lexical:
        return "low"
    return "high" if best.metric_cover + best.question_cover >= HIGH_COVER else "medium"


def span_confidence(cov: float, short: bool) -> str:
    if cov >= HIGH_SPAN_COVER and short:
        return "high"
    return "medium" if cov >= HIGH_SPAN_COVER or short else "low"


def nearby_figure(scored: list[Scored], cal: Calibration) -> Scored | None:
    """The figure of the metric asked for that the report does give (another period, the growth rather
    than the total ...): what a refusal points to."""
    return next((s for s in scored if s.metric_cover >= max(cal.min_metric_cover, 0.5)), None)


def refusal_reason(near: Scored | None) -> str:
    if near is None:
        return "报告中没有找到与问题相符的数据"
    f = near.figure
    metric = f.metric if f.metric.count("“") == f.metric.count("”") else re.sub(r"[“”]", "", f.metric)  # (消费品以旧换新”兑付补贴)
    return (f"报告没有给出问题所问的数据；相近的是{f.period.label if f.period.kind != 'other' else ''}"
            f"{metric}{f.text}（第{f.paragraph}段），与所问的时期、口径或单位不符。")


ALSO_MARGIN = 0.1  # a figure of another report this close to the chosen one answers the question as well


def _also_answering(q: Question, scored: list[Scored], stats: Stats, best: Scored, cal: Calibration) -> list[Scored]:
    """The best figure of each other report that answers the question about as well as the chosen one."""
    others: list[Scored] = []
    seen = {best.passage.doc}
    for s in scored:
        doc = s.passage.doc
        if doc in seen or s.score < best.score - ALSO_MARGIN:
            continue
        if fits(q, s, stats) and eligible(q, s, cal):
            seen.add(doc)
            others.append(s)
    return others


def _passage_fits(q: Question, stats: Stats, passage: Passage) -> bool:
    """The passage speaks of the period the question names (or, for a past-tense question, of a result)."""
    spec = period_spec(q, stats, passage.doc)
    if spec is not None:
        return spec.fits(passage.period)
    return not passage.period.forward


def figure_table(index: Index, topic: str | None = None, period: str | None = None,
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
    return bool(m) and p.end == int(m.group(1)) and (not p.span or p.kind == "goal")

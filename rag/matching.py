"""Lexical matching of a question against report text: IDF-weighted character bigrams.

Chinese paraphrase keeps most bigrams of the official term (城里新增了多少就业 ~ 城镇新增就业), and
English questions are glossed to the official Chinese terms first (rag.lexicon). The statistics are
those of the index the question is asked of; words that only name the report's place (全国, 全区,
the place names of the indexed reports) are not topic words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from .lexicon import everyday_words, lexicon_data, place_words
from .question import Question, strip_period_words
from .text import content_runs, cut, is_word, normalize

CJK_RUN = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z]+\+?")
SHARE_OF = re.compile(r"占([^，,。？?]{1,10}?)的?(?:比重|比例)")
ACROSS_WEIGHT = 0.5  # a pair of characters across two words, that the report never writes
DENOMINATOR_WEIGHT = 0.25  # the whole a share is asked of ("占GDP的比重")
DICTIONARY_WEIGHT = 0.5  # an English word's Chinese from the dictionary (rag.bilingual), not the glossary
SYNONYM_WEIGHT = 0.5  # official terms added for an everyday word count less than the asker's own words
# question words and generic verbs say nothing about the topic
QUESTION_WORDS = "多少是多少有多少几个几家什么哪些哪个怎么如何请问一下达到了要达到计划打算目标预期我们的数是"
PLACE_SUFFIX_RE = re.compile(r"(?:自治区|自治州|省|市|区|县|旗|盟)$")


@lru_cache(maxsize=1 << 16)  # the same passages and figure clauses are matched question after question
def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of the Chinese runs, and ASCII words whole (GDP, AI+); digits are left out."""
    out: set[str] = set()
    for run in CJK_RUN.findall(normalize(text)):
        if run.isascii():
            out.add(run)
        elif len(run) == 1:
            out.add(run)
        else:
            out.update(run[i:i + 2] for i in range(len(run) - 1))
    return frozenset(out)


@dataclass
class Stats:
    """Bigram document frequencies over the passages of one index, and the grams that never count."""

    idf: dict[str, float]
    default: float
    stop: frozenset[str]  # question words and the indexed reports' place names
    doc_years: dict[str, int | None]


def place_names(place: str) -> list[str]:
    """"重庆市开州区" -> 重庆市, 开州区, 重庆, 开州: how a question may name the report's place."""
    parts = re.findall(r"[\u4e00-\u9fff]{1,10}?(?:自治区|自治州|省|市|区|县|旗|盟)", place) or [place]
    names = [place, *parts]
    names += [PLACE_SUFFIX_RE.sub("", p) for p in parts if len(PLACE_SUFFIX_RE.sub("", p)) >= 2]
    return [n for n in names if n]


def passage_bigram_counts(passages) -> tuple[Counter, int]:
    """Document frequency of each bigram over the passages, and their number."""
    return Counter(g for p in passages for g in bigrams(p.text)), len(passages)


@lru_cache(maxsize=64)  # keyed by index identity (a reindex brings a new index and new stats) and scope
def stats_for(index, docs: frozenset[str] | None = None) -> Stats:
    """Bigram statistics of the passages a question is asked of: the whole index, or the reports in docs
    (a report asked alone weighs words as it would indexed alone, whatever else the library holds)."""
    if hasattr(index, "bigram_counts"):  # a store's index counts them its way (rag.stores.Index)
        df, n = index.bigram_counts(docs)
    else:  # anything else with passages (tracking's Library)
        df, n = passage_bigram_counts(index.passages if docs is None else [p for p in index.passages if p.doc in docs])
    n = n or 1
    stop = set(bigrams(QUESTION_WORDS))
    places = [w for d in index.documents for w in place_names(d.place)] + list(place_words())
    for word in places:
        stop |= bigrams(word)
    return Stats({g: math.log(1 + n / c) for g, c in df.items()}, math.log(1 + n), frozenset(stop),
                 {d.doc: d.year for d in index.documents})


class Asked(dict):
    """A question's bigrams with weights, and the alternatives among them: the bigrams of each of the
    terms that stand for one word of the question (人均 / 每人 for "per capita")."""

    groups: tuple[tuple[frozenset[str], ...], ...] = ()


def coverage(stats: Stats, asked: set[str] | dict[str, float], text_grams: set[str]) -> float:
    """How much of what is asked (IDF-weighted, times the gram's own weight) the text contains.

    Of a word's alternatives (Asked.groups) the one the text holds most of counts, so a text that says
    每人 for "per capita" is not short of 人均."""
    weights = asked if isinstance(asked, dict) else dict.fromkeys(asked, 1.0)
    value = {g: stats.idf.get(g, stats.default) * w for g, w in weights.items()}
    groups = getattr(asked, "groups", ())
    grouped = {g for group in groups for alt in group for g in alt}
    total = sum(v for g, v in value.items() if g not in grouped)
    found = sum(v for g, v in value.items() if g in text_grams and g not in grouped)
    for group in groups:
        sums = [(sum(value[g] for g in alt if g in text_grams), sum(value[g] for g in alt)) for alt in group]
        got, of = max(sums, key=lambda s: (s[0] / s[1] if s[1] else 0.0, -s[1]))
        found, total = found + got, total + of
    return found / total if total else 0.0


SPLIT_VERB_OBJECT = re.compile(r"([\u4e00-\u9fff])(?:了?(?:多少|几)(?:亿|万)?(?:元|块)?的?|了)"
                               r"((?![个人家项座所件套辆台次年天元块亿万吨亩斤公平米名位条倍成批种张架艘只头部篇轮处栋间层期类届岁周月分点多少几])"
                               r"[\u4e00-\u9fff])")


def question_grams(q: Question, stats: Stats) -> dict[str, float]:
    """The question's content bigrams with weights: its own words 1, official terms added for them less."""
    grams: dict[str, float] = {}
    if q.lang == "zh":
        text = strip_period_words(q.text)
        inside = {w[i:i + 2] for w in cut(text) for i in range(len(w) - 1)}
        for run in content_runs(text):
            # a pair across two words that the report never writes (服务业|占, 比重|升) is less a word of the
            # question's than the pairs inside a word or that the report writes
            grams.update({g: 1.0 if g in stats.idf or g in inside or len(g) < 2 else ACROSS_WEIGHT for g in bigrams(run)})
        # "减了多少税", "减了多少负担", "落了户": a verb and its object split by the question word or 了 are the
        # report's 减税, 减负, 落户
        for m in SPLIT_VERB_OBJECT.finditer(text):
            if (g := m.group(1) + m.group(2)) in stats.idf and is_word(g):
                grams[g] = 1.0
    extra = SYNONYM_WEIGHT if q.lang == "zh" else 1.0
    if q.lang == "zh":
        # an everyday word the report never writes (棚改, 第三产业), for which it writes an official term
        # (棚户区改造, 服务业): the question asks for that term, with the weight of the asker's own words
        for key, official in everyday_words(q.text):
            used = [t for t in official if bigrams(t) and all(g in stats.idf for g in bigrams(t))]
            if used and not all(g in stats.idf for g in bigrams(key)):
                kept = {g for t in used for g in bigrams(t)}
                for g in bigrams(key) - kept:  # the word is not the report's: none of its pieces speaks for it
                    grams.pop(g, None)
                for t in used:
                    grams.update(dict.fromkeys(bigrams(t), 1.0))
        for short, full in q.expansions:  # 疾控 never written, 疾病预防控制 is: the question asks for the full form
            for g in bigrams(short) - bigrams(full):
                grams.pop(g, None)
            grams.update(dict.fromkeys(bigrams(full), 1.0))
    for term in q.terms:
        for g in bigrams(term):
            grams.setdefault(g, extra)
    for term in q.dictionary:  # a dictionary's sense of a word is weaker evidence than the glossary's term
        for g in bigrams(term):
            grams.setdefault(g, DICTIONARY_WEIGHT)
    if q.lang == "zh" and (share := SHARE_OF.search(q.text)):
        # "第三产业占GDP的比重": reports state a share by its part (服务业增加值比重达到48.2%), the whole it
        # is a share of goes without saying; its words count little
        whole = share.group(1)
        for text in [whole, *(t for _, terms in everyday_words(whole) for t in terms)]:
            for g in bigrams(text):
                if g in grams:
                    grams[g] = min(grams[g], DENOMINATOR_WEIGHT)
    asked = Asked({g: w for g, w in grams.items() if g not in stats.stop})
    own = {w[i:i + 2] for w in content_runs(q.text) for i in range(len(w) - 1)} if q.lang == "zh" else set()
    groups = []
    for alternatives in q.alternatives:
        # the question's own words are asked whatever the alternatives: only the terms' other bigrams choose
        alts = {frozenset(g for g in bigrams(t) if g in asked and g not in own) for t in alternatives}
        # 铁路 beside 铁路建设投资 says less, not something else: the shorter is no alternative of the longer
        alts = {a for a in alts if a and not any(a < b for b in alts)}
        if len(alts) > 1 and (group := tuple(sorted(alts, key=sorted))) not in groups:  # GDP is both an
            groups.append(group)  # everyday word and a glossed one: one word, one group
    asked.groups = tuple(groups)
    return asked


@lru_cache(maxsize=64)  # keyed like stats_for: one text per index and scope
def _report_text(index, docs: frozenset[str] | None = None) -> str:
    return "\n".join(p.text for p in index.passages if docs is None or p.doc in docs)


def with_expansions(q: Question, stats: Stats, index, docs: frozenset[str] | None = None) -> Question:
    """A Chinese question's short forms that the report never writes, read as the words the report abbreviates
    them from: 疾控 -> 疾病预防控制, 北交所 -> 北京证券交易所 (its characters in order, the first first, within one
    phrase; the form the report writes most often)."""
    if q.lang != "zh" or not hasattr(index, "passages"):
        return q
    found: list[tuple[str, str]] = []
    for word in dict.fromkeys(cut(strip_period_words(q.text))):
        if not (2 <= len(word) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", word)) or any(g in stats.idf for g in bigrams(word)) \
                or bigrams(word) <= stats.stop:
            continue
        pattern = re.compile("[\u4e00-\u9fff]{0,3}?".join(map(re.escape, word)))
        forms = Counter(m.group(0) for m in pattern.finditer(_report_text(index, docs)) if len(m.group(0)) > len(word))
        if forms:
            found.append((word, forms.most_common(1)[0][0]))
    if not found:
        return q
    return replace(q, expansions=tuple(found), search_text=" ".join([q.search_text, *(full for _, full in found)]))


@lru_cache(maxsize=1)
def _kind_words() -> re.Pattern:
    kinds = sorted(lexicon_data().get("en_kinds", {}), key=len, reverse=True)
    return re.compile(r"\b(which|what)((?: [a-z-]+){0,3}?) (?:" + "|".join(map(re.escape, kinds)) + r")s?\b")


def with_dictionary(q: Question, stats: Stats) -> Question:
    """An English question with its other words in the Chinese the report writes (rag.bilingual), for
    BM25 and for matching."""
    if q.lang != "en":
        return q
    from .bilingual import dictionary_groups, proper_names
    from .lexicon import unglossed_english

    # the kind of name asked (which company, which zone) is read by the span step, not matched as a topic
    rest = _kind_words().sub(lambda m: m.group(1) + m.group(2), unglossed_english(q.text))
    known = lambda c: all(g in stats.idf for g in bigrams(c))  # noqa: E731
    groups = dictionary_groups(rest, known)
    words = [t for group in groups for t in group if t not in q.terms]
    words = list(dict.fromkeys(words))
    words += [t for t in proper_names(q.text, known) if t not in q.terms and t not in words]  # Sichuan -> 四川
    return replace(q, dictionary=tuple(words), search_text=" ".join([q.search_text, *words]),
                   alternatives=q.alternatives + tuple(g for g in groups if len(g) > 1)) if words else q

"""Which reports a question is asked of: an explicit scope, or the question's own words.

A library holds reports of several issuers (the State Council, a district) over several years. A
``Scope`` names reports by id, delivery year, issuer or level; ``select`` turns it into the indexed
reports it covers, or a one-line error. Without a scope the question's words choose (``route``):
a place name -> that place's reports, 全国 / 国务院 / 国家 -> the national ones, "2023年的报告" /
"去年的报告" -> that report, a year of data -> the report that sets that year's targets or the next
one that reports its results, 今年 / 去年 without a year -> the latest report in scope.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .errors import QuestionError
from .lexicon import gloss_english
from .matching import place_names
from .models import DocumentInfo
from .periods import PeriodAsk

MAX_SCOPE_ITEMS = 50
# A question naming the country (not a place inside it); English as well
NATIONAL_RE = re.compile(r"全国|国务院|国家(?!级|和|、|与|及|高新|重点|重大|战略|储备|部委|部门|标准|试点|示范|规划)|我国|中国|"
                         r"中央|\bchina\b|\bchinese\b|\bnational\b(?![- ]level)|state council|\bnationwide\b", re.I)
# (国家级, 纳入国家和市级规划, 国家高新区: a local report's national-level things, not the national report)
# "2023年的政府工作报告", "2014年报告里", "国务院2015年的报告", "the 2013 report", "2014 government work report"
REPORT_YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年?\s*(?:的|度)?\s*(?:国务院|政府|市政府|区政府)?\s*(?:工作)?报告|"
                            r"\b((?:19|20)\d\d)\s+(?:government\s+work\s+)?report\b", re.I)
REPORT_REL_RE = re.compile(r"(去年|上一?年|前年|今年|本年|最新|上一份|上份)(?:的|一份|度)?\s*(?:政府)?(?:工作)?报告|"
                           r"\b(last year|this year|latest|previous|most recent)['’]?s?\s+(?:government\s+work\s+)?report\b",
                           re.I)
REL_YEARS = {"去年": 1, "上年": 1, "上一年": 1, "上一份": 1, "上份": 1, "前年": 2, "今年": 0, "本年": 0, "最新": 0,
             "last year": 1, "previous": 1, "this year": 0, "latest": 0, "most recent": 0}
# Asks for what a report sets (a target, a plan, an arrangement) rather than what a year achieved
PLAN_CUE = re.compile(r"目标|计划|预期|规划|提出|安排|拟|[要将]|(?<![稳确规决制])定[在了的为]|力争|预算|"
                      r"\b(?:target|plan|planned|planning|goal|aim|budget|budgeted|set)\b|\b(?:is|are|was|were) to\b|"
                      r"\bto (?:fall|rise|reach|grow|increase|decrease|drop|decline|reduce|cut|raise|be)\b",
                      re.I)
PLAN_NAME_RE = re.compile(r"(?:“|\")?十[一二三四五六七八九]五(?:”|\")?(?:规划|时期|期间)?|\d{1,2}(?:st|nd|rd|th) five[- ]year(?: plan)?",
                          re.I)


@dataclass(frozen=True)
class Scope:
    """The reports a request is limited to: ids, delivery years, issuer, level (all optional, all must hold)."""

    docs: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    issuer: str = ""  # 国务院, 开州区人民政府, or a place (开州, 重庆市开州区)
    level: str = ""  # 国家 / 省 / 市 / 区县

    @property
    def empty(self) -> bool:
        return not (self.docs or self.years or self.issuer or self.level)

    @classmethod
    def of(cls, docs=None, years=None, issuer: str | None = None, level: str | None = None) -> "Scope":
        """A scope from loose values (CLI options, query parameters), checked; QuestionError when malformed."""
        docs = tuple(dict.fromkeys(d.strip() for d in (docs or ()) if d and d.strip()))
        try:
            years = tuple(dict.fromkeys(int(y) for y in (years or ()) if str(y).strip()))
        except (TypeError, ValueError):
            raise QuestionError(f"a scope year must be a year such as 2023, got {list(years)!r}") from None
        if len(docs) > MAX_SCOPE_ITEMS or len(years) > MAX_SCOPE_ITEMS:
            raise QuestionError(f"a scope names at most {MAX_SCOPE_ITEMS} reports and {MAX_SCOPE_ITEMS} years")
        if any(not 1900 <= y <= 2100 for y in years):
            raise QuestionError(f"a scope year must be between 1900 and 2100, got {years}")
        return cls(docs, years, (issuer or "").strip(), (level or "").strip())

    def select(self, documents: list[DocumentInfo]) -> list[DocumentInfo]:
        """The indexed reports in scope (all when empty); QuestionError naming what matched nothing."""
        if self.empty:
            return list(documents)
        known = {d.doc for d in documents}
        unknown = [d for d in self.docs if d not in known]
        if unknown:
            raise QuestionError(f"unknown report id(s): {', '.join(unknown)} (list them with: rag documents)")
        out = [d for d in documents if self.covers(d)]
        if not out:
            raise QuestionError(f"no indexed report matches the scope {self.describe()}")
        return out

    def covers(self, d: DocumentInfo) -> bool:
        if self.docs and d.doc not in self.docs:
            return False
        if self.years and d.year not in self.years:
            return False
        if self.issuer and not _names_issuer(d, self.issuer):
            return False
        return not self.level or d.level == self.level

    def describe(self) -> str:
        parts = [*self.docs, *(f"{y}年" for y in self.years), self.issuer, self.level]
        return "、".join(p for p in parts if p) or "全部报告"


def _names_issuer(d: DocumentInfo, name: str) -> bool:
    return name in (d.issuer, d.level, d.place) or (len(name) >= 2 and name in d.place) or name in place_names(d.place)


# --- routing an unscoped question by its own words ---


@dataclass
class Route:
    """Reports to try in order (each a group answered together), and why they were chosen."""

    groups: list[tuple[str, ...]]
    reason: str = ""
    relative: bool = False  # the question's 今年/去年 were read against the latest report in scope
    explicit: bool = False  # the question names a report (by place and year): only it may answer
    latest_first: bool = False  # no year named: the latest report answers, the others are only named
    others: list[str] = field(default_factory=list)  # reports in scope the route left out


def _latest(docs: list[DocumentInfo]) -> list[DocumentInfo]:
    years = [d.year for d in docs if d.year is not None]
    if not years:
        return docs
    top = max(years)
    return [d for d in docs if d.year == top]


def _ids(docs: list[DocumentInfo]) -> tuple[str, ...]:
    return tuple(d.doc for d in docs)


def place_filter(text: str, docs: list[DocumentInfo]) -> tuple[list[DocumentInfo], str]:
    """The reports of the place a question names (开州, Kaizhou), or the national ones (全国, 国务院, China)."""
    lowered = text.lower()
    latin = bool(re.search(r"[a-z]{3}", lowered))
    english = set(gloss_english(lowered)) if latin else set()
    named: dict[str, list[DocumentInfo]] = {}
    for d in docs:
        if d.level == "国家" or not d.place:
            continue
        for name in place_names(d.place):
            if len(name) >= 2 and (name in text or name in english
                                   or (latin and re.search(rf"\b{romanized(name)}\b", lowered))):
                named.setdefault(name, []).append(d)
    if named:
        name = max(named, key=len)  # the most specific name said (开州区 over 重庆)
        chosen = {d.doc for n, ds in named.items() if n in name or name in n for d in ds}
        return [d for d in docs if d.doc in chosen], f"问题提到“{name}”"
    if (m := NATIONAL_RE.search(text)) and any(d.level == "国家" for d in docs):
        return [d for d in docs if d.level == "国家"], f"问题提到“{m.group(0)}”"
    return docs, ""


@lru_cache(maxsize=256)
def romanized(name: str) -> str:
    """A place name as English writes it (开州 -> kaizhou, 重庆 -> chongqing): its pinyin, by pypinyin;
    a name it cannot romanize matches nothing."""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # a dependency (pyproject.toml); without it English questions name no place
        return "(?!)"
    return re.escape("".join(lazy_pinyin(name)).lower())


def report_year(text: str, docs: list[DocumentInfo]) -> tuple[int | None, str]:
    """The delivery year of a report the question names: "2023年的报告" -> 2023, "去年的报告" -> latest - 1."""
    if m := REPORT_YEAR_RE.search(text):
        year = int(m.group(1) or m.group(2))
        return year, m.group(0).strip()
    if m := REPORT_REL_RE.search(text):
        word = (m.group(1) or m.group(2)).lower()
        latest = max((d.year for d in docs if d.year is not None), default=None)
        if latest is not None:
            return latest - REL_YEARS.get(word, 0), m.group(0).strip()
    return None, ""


def asks_plan(text: str) -> bool:
    """The question asks what a report sets (target, plan, arrangement), not what a year achieved."""
    rest = PLAN_NAME_RE.sub(" ", text)
    return bool(PLAN_CUE.search(rest)) and not re.search(r"实际|actual", rest, re.I)


def route(text: str, period: PeriodAsk | None, documents: list[DocumentInfo]) -> Route:
    """The reports an unscoped question is asked of, by its own words (see the module docstring)."""
    docs = [d for d in documents]
    if len(docs) <= 1:
        return Route([_ids(docs)])
    docs, why = place_filter(text, docs)
    reasons = [why] if why else []
    year, said = report_year(text, docs)
    if year is not None:
        named = [d for d in docs if d.year == year]
        if named:
            return Route([_ids(named)], "；".join(reasons + [f"问题指明“{said}”"]), explicit=True,
                         others=_others(documents, named))
    if len(docs) > 1 and period is not None:
        by_year: dict[int, list[DocumentInfo]] = {}
        for d in docs:
            if d.year is not None:
                by_year.setdefault(d.year, []).append(d)
        plan = asks_plan(text)
        if period.rel == "year" and period.year:
            y = period.year
            order = [y, y + 1] if plan else [y + 1, y]
            groups = [_ids(by_year[v]) for v in order if v in by_year]
            if groups:
                kind = "目标" if plan else "结果"
                return Route(groups, "；".join(reasons + [f"{y}年的{kind}"]), others=_others(documents, docs))
        elif period.rel == "plan" and period.plan:
            start, end = period.plan
            order = [start, *range(start + 1, end + 1)] if plan else [end + 1, end]
            groups = [_ids(by_year[v]) for v in order if v in by_year]
            if groups:
                return Route(groups, "；".join(reasons + [f"{period.text}{'规划' if plan else '时期'}"]),
                             others=_others(documents, docs))
        elif period.rel != "goal":  # 今年, 去年, 过去五年 ... without a year: the latest report in scope
            latest = _latest(docs)
            return Route([_ids(latest)], "；".join(reasons + [f"“{period.text}”按最新的报告理解"]), relative=True,
                         others=_others(documents, latest))
    latest = _latest(docs)
    if period is None and 0 < len(latest) < len(docs):  # no year named: the latest report, then the others
        rest = [d for d in docs if d.doc not in {x.doc for x in latest}]
        return Route([_ids(latest), _ids(rest)], "；".join(reasons + ["未指明年份，按最新的报告"]), latest_first=True,
                     others=_others(documents, docs))
    return Route([_ids(docs)], "；".join(reasons), others=_others(documents, docs))


def _others(documents: list[DocumentInfo], chosen: list[DocumentInfo]) -> list[str]:
    ids = {d.doc for d in chosen}
    return [d.doc for d in documents if d.doc not in ids]


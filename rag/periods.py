"""Periods as values: what a figure speaks of, what a question asks about, resolved against a report's year.

A report delivered in year Y reviews year Y-1 (results), sets targets for Y, and may review five
years (results of a span) or set the goals of a five-year plan (goal years). A question's 今年 /
去年 / 过去五年 / 十四五 mean nothing until they meet the year of the report that answers them, so a
question carries an unresolved ``PeriodAsk`` and ``resolve`` turns it into a ``PeriodSpec`` per
report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from .lexicon import genre_data

Kind = Literal["result", "target", "goal", "other"]
CN_DIGITS = "零一二三四五六七八九"


class Period(BaseModel):
    """What a figure or paragraph speaks of: a result, a target or a goal, for a year or a span."""

    model_config = ConfigDict(frozen=True)

    kind: Kind = "other"
    start: int | None = None
    end: int | None = None
    label: str = "其他"
    level: bool = False  # a level reached at the end of a span (由45.9%提高到52.6%): also that end year's result

    @property
    def span(self) -> bool:
        return self.start is not None and self.end is not None and self.start < self.end

    @property
    def forward(self) -> bool:
        """A target or a goal: something the report sets, not something reached."""
        return self.kind in ("target", "goal")


OTHER = Period()


def plan_span(name: str) -> tuple[int, int] | None:
    """"十四五" -> (2021, 2025): from the third plan (1966) on, the n-th starts in 1966 + 5(n-3)."""
    m = re.fullmatch(r"十([一二三四五六七八九])五", name)
    if not m:
        return None
    start = _plan_start(10 + CN_DIGITS.index(m.group(1)))
    return start, start + 4


def _plan_start(n: int) -> int:
    return 1966 + 5 * (n - 3)


def plan_name(start: int, end: int) -> str | None:
    if end - start != 4 or (start - 1966) % 5:
        return None
    n = (start - 1966) // 5 + 3
    return f"十{CN_DIGITS[n - 10]}五" if 11 <= n <= 19 else None


PLAN_RE = re.compile(r"十[一二三四五六七八九]五")


def result_year(year: int) -> Period:
    return Period(kind="result", start=year, end=year, label=f"{year}年")


def target_year(year: int) -> Period:
    return Period(kind="target", start=year, end=year, label=f"{year}年目标")


def goal_year(year: int, start: int | None = None) -> Period:
    return Period(kind="goal", start=start or year, end=year, label=f"{year}年目标")


def result_span(start: int, end: int) -> Period:
    name = plan_name(start, end)
    return Period(kind="result", start=start, end=end, label=f"{name}时期" if name else f"{start}—{end}年")


# --- questions ---


@dataclass(frozen=True)
class PeriodAsk:
    """The period a question names, before it meets a report: a relative word or an explicit year."""

    rel: str  # "year" | "this" | "last" | "next" | "past5" | "next5" | "after5" | "plan" | "goal"
    year: int | None = None  # for "year" and "goal"
    plan: tuple[int, int] | None = None  # for "plan"
    text: str = ""  # the words that named it


@dataclass(frozen=True)
class PeriodSpec:
    """A resolved period: which figure periods fit, for one report year."""

    kinds: tuple[str, ...]  # acceptable kinds
    start: int | None
    end: int | None
    span: bool  # a span of years (five-year review or plan), not one year
    label: str

    def fits(self, period: Period) -> bool:
        if period.kind not in self.kinds or period.end is None:
            return False
        if self.span:
            if not period.span and period.kind != "goal":
                return False
            if self.end is not None and period.end != self.end:
                return False
            return self.start is None or period.kind == "goal" or period.start == self.start
        if self.end is None:  # any goal beyond the report's year
            return True
        return period.end == self.end and (period.kind == "goal" or not period.span or period.level)


def ask_of(text: str) -> PeriodAsk | None:
    """The period a question (or the clause of it that asks) names, unresolved. A year it compares with
    ("今年赤字比去年年初预算多了多少") is not the one it asks about."""
    cues = genre_data()["question_periods"]
    # the base of a comparison ("比去年", "和2020年比", "跟十三五末相比") is not the period asked about
    text = re.sub(r"(?:比|较|同|相比|对比|和|跟|与)(?:去年|上年|前一年|(?:19|20)\d\d年(?:底|末)?|“?十[一二三四五六七八九]五”?末)"
                  r"(?:相比|比)?", " ", text)
    # nor a multiple's base ("涨到了2020年的几倍", "达2020年的1.4倍")
    text = re.sub(r"(?:19|20)\d\d年(?:底|末)?的(?=(?:几|多少|[\d.]+)倍)", " ", text)
    # a price base ("2010年不变价", "at 2010 constant prices") is how a figure is measured, not its period
    text = re.sub(r"(?:按|以)?(?:19|20)\d\d年?的?(?:不变价|价格|可比价)(?:格|计算|计)?|(?:at|in)\s+(?:19|20)\d\d\s+"
                  r"(?:constant|comparable)\s+prices?", " ", text, flags=re.I)
    if m := re.search(r"((?:19|20)\d\d)\s*年?\s*(?:[-–—~～]|至|到|to)\s*((?:19|20)\d\d)", text, re.I):
        return PeriodAsk("plan", plan=(int(m.group(1)), int(m.group(2))), text=m.group(0))
    # "the five years to 2012", "截至2012年的五年": the five years that end in that year
    if m := re.search(r"(?:five|5)\s+years?\s+(?:to|up to|through|until|ending(?:\s+in)?)\s+((?:19|20)\d\d)|"
                      r"((?:19|20)\d\d)\s*年?(?:以前|之前|为止)?的?(?:过去|前)?(?:五|5)年", text, re.I):
        end = int(m.group(1) or m.group(2))
        return PeriodAsk("plan", plan=(end - 4, end), text=m.group(0))
    if m := re.search(r"(?:(?<!截)到|(?<!截)至|by\s+)(20\d\d)\s*年?", text, re.I):
        return PeriodAsk("goal", int(m.group(1)), text=m.group(0))
    if m := PLAN_RE.search(text):
        return PeriodAsk("plan", plan=plan_span(m.group(0)), text=m.group(0))
    if m := re.search(r"(\d{1,2})(?:st|nd|rd|th) five", text, re.I):
        start = _plan_start(int(m.group(1)))
        return PeriodAsk("plan", plan=(start, start + 4), text=m.group(0))
    for rel in ("past5", "next5", "after5"):
        if m := re.search("|".join(cues[rel]), text, re.I):
            return PeriodAsk(rel, text=m.group(0))
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)]
    if years:
        return PeriodAsk("year", years[-1], text=str(years[-1]))
    for rel in ("last", "this", "next"):
        if m := re.search("|".join(cues[rel]), text, re.I):
            return PeriodAsk(rel, text=m.group(0))
    return None


def resolve(ask: PeriodAsk | None, doc_year: int | None) -> PeriodSpec | None:
    """The periods a question's words mean in a report of doc_year (None: no period named)."""
    if ask is None:
        return None
    y = doc_year
    if ask.rel == "year":
        return PeriodSpec(("result", "target", "goal"), ask.year, ask.year, False, f"{ask.year}年")
    if ask.rel == "goal":
        if doc_year is not None and ask.year < doc_year:  # "到2012年…达到多少" in a 2013 report: a level reached
            return PeriodSpec(("result",), ask.year, ask.year, False, f"{ask.year}年")
        return PeriodSpec(("goal", "target"), ask.year, ask.year, False, f"{ask.year}年目标")
    if ask.rel == "plan":
        s, e = ask.plan
        name = plan_name(s, e) or f"{s}—{e}年"
        if y is not None and y <= s:  # the plan still ahead: its goals
            return PeriodSpec(("goal",), None, e, False, f"{e}年目标")
        return PeriodSpec(("result", "goal"), s, e, True, f"{name}时期")
    if y is None:
        return None
    if ask.rel == "this":
        return PeriodSpec(("target", "result", "goal"), y, y, False, f"{y}年")
    if ask.rel == "last":
        return PeriodSpec(("result",), y - 1, y - 1, False, f"{y - 1}年")
    if ask.rel == "next":
        return PeriodSpec(("target", "goal"), y + 1, y + 1, False, f"{y + 1}年")
    if ask.rel == "past5":
        return PeriodSpec(("result",), None, y - 1, True, f"{y - 5}—{y - 1}年")
    if ask.rel == "next5":
        return PeriodSpec(("goal",), None, None, False, "今后五年")
    if ask.rel == "after5":  # a five-year span's result or a plan's goal, whichever the report gives
        return PeriodSpec(("result", "goal"), None, None, True, "五年后")
    return None

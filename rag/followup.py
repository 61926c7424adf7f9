"""Follow-up questions: "那2025年呢？", "目标呢？", "What about 2023?" resolved against the previous turn.

Text-level, before answering: the previous question (as it was resolved) is rewritten with what the
follow-up gives, a period, a target, a metric or a place, and the rewritten question is answered as any
other. So every client (the UI, curl, a script) gets the same conversation through POST /api/ask.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .config import MAX_QUESTION_CHARS, MAX_TOPIC_CHARS

MAX_HISTORY = 10  # turns a client may send; only the last one is read, the rest is allowed for convenience

# --- the request shape ---

_Short = Annotated[str, StringConstraints(max_length=MAX_TOPIC_CHARS)]


class Turn(BaseModel):
    """An earlier turn: the question (as asked and as resolved) and what its answer was about."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [
        {"question": "2026年地区生产总值增长目标是多少？", "metric": "地区生产总值增长", "period": "2026年目标",
         "doc": "kaizhou-2026-government-work-report"}]})

    question: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUESTION_CHARS)]
    resolved_question: Annotated[str, StringConstraints(max_length=MAX_QUESTION_CHARS)] = ""
    answer: Annotated[str, StringConstraints(max_length=MAX_QUESTION_CHARS)] = ""
    metric: _Short = ""  # the answer's first figure's metric
    period: _Short | dict[str, Any] | None = None  # a label ("2026年目标") or a period value {"label", "start", ...}
    doc: _Short | dict[str, Any] | None = None  # a document id or {"id", "title", "year", "place"}


History = Annotated[list[Turn], Field(max_length=MAX_HISTORY)]

# --- what a follow-up looks like ---

_YEAR = r"(?:19|20)\d{2}"
# Period phrases as a question writes them; a leading 到/在 goes with the phrase it introduces.
ZH_PERIOD = re.compile(rf"(?:到|至|在)?(?:{_YEAR}\s*年(?:度|底|末)?|(?<![\d.]){_YEAR}(?![\d.%年])|今年|去年|明年|前年|上年|本年|"
                       r"十[四五]五(?:时期|期间|规划期)?|过去五年|五年来|近五年|未来五年|今后五年)")
EN_PERIOD = re.compile(rf"\b(?:(?:in|by|for|during|of)\s+)?(?:(?:the\s+)?year\s+)?(?:{_YEAR}|this year|last year|next year|"
                       r"the past five years|the next five years|the 1[45]th five-year plan(?: period)?)\b", re.I)
ZH_TARGET = re.compile(r"(?:的)?(?:预期|计划)?目标(?:值)?|要(?=达到|实现|增长|完成|突破)")
EN_TARGET = re.compile(r"\s*\b(?:targets?|goals?)\b", re.I)
RESULT_WORDS = re.compile(r"完成了|实现了|达到了|取得了")

ZH_LEAD = re.compile(r"^(?:那么?|那就|还有|另外|再问一下|再问|请问)[，,、\s]*")
EN_LEAD = re.compile(r"^(?:(?:and|so|ok|okay)[,\s]+)?(?:what|how)\s+about\s+|^(?:and|also)\s+", re.I)
ZH_TAIL = re.compile(r"(?:的情况|的数据|的数字|情况|数据|数字)?(?:的)?(?:是多少|有多少|多少|怎么样|如何|是什么)?(?:呢|呀|啊)?$")
EN_TAIL = re.compile(r"\s*(?:then|instead|as well|too)?$", re.I)
ASKING = re.compile(r"多少|几|什么|哪|如何|怎么|怎样|是否|吗|\bhow\b|\bwhat\b(?!\s+about)|\bwhich\b|\bwhen\b|\bwho\b", re.I)
# A question word and what follows it: the tail a metric or a target is put in front of.
ZH_QUESTION_TAIL = re.compile(r"(?:是|为|有|达到|能达到|要达到)?(?:多少|几|什么|怎样|如何)")
ZH_UNIT_AFTER_ASK = re.compile(r"(?<=多少)[个家所座户项件名人天吨亩]|(?<=几)[个家所座户项件名人天吨亩]")
PLACE = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:省|市|区|县|州|旗|盟|镇|乡)$")
NOT_PLACES = {"社区", "园区", "景区", "城区", "片区", "小区", "辖区", "山区", "库区", "地区", "矿区", "街区", "新城区", "老城区"}
EN_TO_ZH = {"last year": "去年", "this year": "今年", "next year": "明年"}
ZH_TO_EN = {v: k for k, v in EN_TO_ZH.items()}
PAST_WORDS = re.compile(r"去年|前年|上年|十四五|过去五年|五年来|近五年|last year|past five years|14th", re.I)
FUTURE_WORDS = re.compile(r"今年|本年|明年|十五五|未来五年|今后五年|this year|next year|next five years|15th", re.I)
CJK = re.compile(r"[\u4e00-\u9fff]")
EN_STOPWORDS = {"the", "a", "an", "of", "in", "for", "during", "by", "about", "it", "that", "one"}


@dataclass
class FollowUp:
    """What a follow-up gives: a period, a target, a subject (a metric or a place), and its language."""

    period: str = ""
    target: bool = False
    subject: str = ""
    place: bool = False
    lang: str = "zh"


def _lang(text: str) -> str:
    return "zh" if CJK.search(text) else "en"


def parse_followup(question: str) -> FollowUp | None:
    """What the question adds to the previous one, or None when it stands on its own."""
    text = re.sub(r"[\s？?。.!！]+$", "", question.strip())
    lang = _lang(text)
    if lang == "zh":
        leaning = bool(ZH_LEAD.match(text)) or text.endswith("呢")
        core = ZH_TAIL.sub("", ZH_LEAD.sub("", text)).strip()
        period_re, target_re = ZH_PERIOD, ZH_TARGET
    else:
        leaning = bool(EN_LEAD.match(text))
        core = EN_TAIL.sub("", EN_LEAD.sub("", text)).strip()
        period_re, target_re = EN_PERIOD, EN_TARGET
    period_m = period_re.search(core)
    period = period_m.group(0) if period_m else ""
    target = bool(target_re.search(core))
    subject = target_re.sub("", period_re.sub("", core))
    subject = " ".join(w for w in subject.strip(" ,，、的").split() if w.lower() not in EN_STOPWORDS)
    if not (period or target or subject):
        return None
    if not leaning and (subject or ASKING.search(text)):
        return None  # "2025年就业多少人？" asks on its own
    if subject and ASKING.search(ZH_LEAD.sub("", text) if lang == "zh" else EN_LEAD.sub("", text)):
        return None  # "那城镇新增就业多少人？" names its own metric and asks its own question
    place = bool(subject and lang == "zh" and PLACE.match(subject) and subject not in NOT_PLACES)
    return FollowUp(period=period, target=target, subject=subject, place=place, lang=lang)


# --- resolving against the previous turn ---

def _label(value) -> str:
    """A period's or a document's label, whether sent as a string or as a structured value."""
    if isinstance(value, dict):
        for key in ("label", "title", "id"):
            if isinstance(value.get(key), str):
                return value[key]
        return ""
    return value or ""


def _year(text: str) -> int | None:
    m = re.search(_YEAR, text or "")
    return int(m.group(0)) if m else None


def report_year(turn: Turn) -> int | None:
    """The year of the report the previous answer came from, as far as the turn tells it."""
    if isinstance(turn.doc, dict):
        year = turn.doc.get("year")
        if isinstance(year, int) and not isinstance(year, bool):
            return year
    period = turn.period
    if isinstance(period, dict):
        kind, start, end = period.get("kind"), period.get("start"), period.get("end")
        last = end if isinstance(end, int) and not isinstance(end, bool) else start
        if isinstance(start, int) and not isinstance(start, bool):
            return last + 1 if kind == "result" else start  # a result (of a year or a span) is reported after it
    label = _label(period)
    year = _year(label)
    if year is None:
        return None
    return year if "目标" in label else year + 1  # "2025年" is a result reported the next year


def _is_past(period: str, ref_year: int | None, previous_year: int | None) -> bool:
    if PAST_WORDS.search(period):
        return True
    if FUTURE_WORDS.search(period):
        return False
    year = _year(period)
    ref = ref_year or previous_year
    return year is not None and ref is not None and year < ref


def _zh_period(period: str) -> str:
    """A follow-up's period as a Chinese question writes it: 2023 -> 2023年, last year -> 去年."""
    low = period.lower().strip()
    for en, zh in EN_TO_ZH.items():
        if en in low:
            return zh
    period = re.sub(r"^(?:到|至|在)", "", period.strip())
    if re.fullmatch(_YEAR, period) or re.search(rf"\b{_YEAR}\b", period) and not CJK.search(period):
        return f"{_year(period)}年"
    return period


def _en_period(period: str) -> str:
    for zh, en in ZH_TO_EN.items():
        if zh in period:
            return en
    year = _year(period)
    return f"in {year}" if year else re.sub(r"^(?:in|by|for|during|of)\s+", "", period.strip(), flags=re.I)


def _replace_period(previous: str, new: str, lang: str) -> str:
    """The previous question with its period phrase replaced by new (or new put in front when it has none)."""
    if lang == "zh":
        new = _zh_period(new)
        if ZH_PERIOD.search(previous):
            return ZH_PERIOD.sub(new, previous, count=1)
        return new + previous
    new = _en_period(new)
    old = EN_PERIOD.search(previous)
    if old and re.fullmatch(_YEAR, old.group(0)):  # "the 2026 GDP growth target": the year is an adjective
        if _year(new):
            return previous[:old.start()] + str(_year(new)) + previous[old.end():]
        previous = re.sub(r"\s{2,}", " ", previous[:old.start()] + previous[old.end():])
    elif old:
        return (previous[:old.start()] + new + previous[old.end():]).strip()
    return re.sub(r"\s*\?*$", f" {new}?", previous, count=1)


def _drop_target(text: str, lang: str) -> str:
    if lang == "zh":
        return ZH_TARGET.sub("", text)
    return re.sub(r"\bis\b", "was", EN_TARGET.sub("", text), count=1)


def _add_target(text: str, lang: str) -> str:
    if lang == "zh":
        if ZH_TARGET.search(text):
            return text
        text = RESULT_WORDS.sub("", text)
        m = ZH_QUESTION_TAIL.search(text)
        if m:
            return f"{text[:m.start()]}目标是{text[m.start():].lstrip('是为')}"
        return re.sub(r"[？?]*$", "目标是多少？", text, count=1)
    if EN_TARGET.search(text):
        return text
    return re.sub(r"\s*\?*$", ", as a target?", re.sub(r"\b(?:was|were)\b", "is", text, count=1), count=1)


def _metric_span(previous: str, metric: str) -> tuple[int, int] | None:
    """Where the previous question names what it asks about: the answer's metric, else its longest plain run."""
    if metric and metric in previous:
        i = previous.index(metric)
        return i, i + len(metric)
    if _lang(previous) != "zh":
        return None
    cut = re.compile("|".join(p.pattern for p in (ZH_PERIOD, ZH_TARGET, ZH_QUESTION_TAIL, RESULT_WORDS))
                     + r"|[的是为有了，,。？?！!、\s]")
    runs, last = [], 0
    for m in cut.finditer(previous):
        runs.append((last, m.start()))
        last = m.end()
    runs.append((last, len(previous)))
    runs = [(a, b) for a, b in runs if b - a >= 2]
    return max(runs, key=lambda r: r[1] - r[0]) if runs else None


def _place_of(turn: Turn) -> str:
    if isinstance(turn.doc, dict) and isinstance(turn.doc.get("place"), str):
        return turn.doc["place"]
    return ""


def resolve(question: str, history: list[Turn] | None) -> str:
    """The question to answer: the question itself, or a follow-up rewritten from the previous turn."""
    if not history:
        return question
    follow = parse_followup(question)
    if follow is None:
        return question
    turn = history[-1]
    previous = (turn.resolved_question or turn.question).strip()
    lang = _lang(previous)
    out = previous
    if follow.subject:
        if follow.place:
            place = _place_of(turn)
            out = out.replace(place, follow.subject, 1) if place and place in out else follow.subject + out
        elif lang == "zh" and follow.lang == "zh":
            span = _metric_span(out, turn.metric)
            if span:
                out = out[:span[0]] + follow.subject + ZH_UNIT_AFTER_ASK.sub("", out[span[1]:])
            else:
                out = f"{follow.subject}是多少？"
        else:  # an English metric cannot be put into a Chinese question (nor the reverse) at the text level
            period = (ZH_PERIOD if lang == "zh" else EN_PERIOD).search(previous)
            target = bool((ZH_TARGET if lang == "zh" else EN_TARGET).search(previous))
            if follow.lang == "zh":
                out = f"{_zh_period(period.group(0)) if period else ''}{follow.subject}{'目标' if target else ''}是多少？"
            else:
                when = f" {_en_period(period.group(0))}" if period else ""
                out = f"What is the {follow.subject}{' target' if target else ''}{when}?"
            lang = follow.lang
    previous_year = _year(previous)
    ref = report_year(turn)
    if follow.period:
        past = _is_past(follow.period, ref, previous_year)
        out = _replace_period(out, follow.period, lang)
        if past and not follow.target:
            out = _drop_target(out, lang)
    if follow.target:
        if not follow.period:
            old = (ZH_PERIOD if lang == "zh" else EN_PERIOD).search(out)
            old_period = old.group(0) if old else _label(turn.period)
            if old_period and _is_past(old_period, ref, previous_year):
                year = ref if ref and (not _year(old_period) or ref > _year(old_period)) else (
                    _year(old_period) + 1 if _year(old_period) else None)
                new = (f"{year}年" if lang == "zh" else f"in {year}") if year else ("今年" if lang == "zh" else "this year")
                out = _replace_period(out, new, lang)
        out = _add_target(out, lang)
    out = re.sub(r"\s{2,}", " ", out).strip()
    return out if out and len(out) <= MAX_QUESTION_CHARS else question


def answered_as(answer, question: str, resolved: str):
    """The answer to the resolved question, shown as the answer to the question asked."""
    answer.question = question
    answer.resolved_question = resolved
    return answer

"""Questions about a report itself: when it was delivered, at which meeting, by whom.

The genre puts these in the front matter, before the first "各位代表": the title, a date line
("——2023年3月5日在第十四届全国人民代表大会第一次会议上") and the speaker ("国务院总理" / "李强", or
"重庆市开州区人民政府区长 杨宏" on one line). Retrieval ranks these short lines low, so a question that
asks about the report is answered from its front matter directly.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .models import Passage

_REPORT = r"(?:报告|这份|本次|work report|the report|this report|speech)"
_WHEN = r"(?:哪一?天|什么时候|何时|哪年哪月|几月几[日号]|什么日子|when|what date|which day|on what day)"
_MEETING = r"(?:哪次|哪一次|哪个|什么)[\u4e00-\u9fff]{0,6}?(?:会议|大会|会)|(?:which|what) (?:session|meeting|congress)"
_WHO = r"谁|哪位|什么人|\bwho\b"
_DELIVER = r"(?:作的|作了|所作|作报告|宣读|代表[\u4e00-\u9fff]{0,8}作|上作|delivered|presented|given|gave|read)"
ASKS = [
    ("date", re.compile(rf"{_REPORT}.{{0,80}}{_WHEN}|{_WHEN}.{{0,80}}{_DELIVER}", re.I)),
    ("meeting", re.compile(rf"{_REPORT}.{{0,80}}(?:{_MEETING}).{{0,8}}(?:上|{_DELIVER})|(?:{_MEETING}).{{0,80}}{_DELIVER}|"
                           rf"在(?:{_MEETING})上", re.I)),
    # (not "报告中点名…的领导人是谁", "报告里提到…的是谁": a person the report speaks of, not its speaker)
    ("person", re.compile(rf"(?:{_WHO}).{{0,20}}{_DELIVER}|{_REPORT}(?![中里]|提到|点名|提及|说|讲|谈到).{{0,20}}(?:{_WHO})|"
                          rf"(?:{_DELIVER}).{{0,30}}(?:{_WHO})",
                          re.I)),
]
BODY_START = re.compile(r"^(?:各位代表|现在，?我代表|[一二三四五六七八九十]+、)")
DATE_RE = re.compile(r"(?:19|20)\d\d年\d{1,2}月\d{1,2}日")
MEETING_RE = re.compile(r"第[一二三四五六七八九十]+届[\u4e00-\u9fff]{0,16}?(?:大会|委员会)"
                        r"第[一二三四五六七八九十]+次(?:全体)?会议")
ROLE_RE = re.compile(r"(?:总理|省长|市长|区长|县长|州长|主席|旗长|盟长)$")
NAME_RE = re.compile(r"^[\u4e00-\u9fff]{1,3}[\s\u3000]*[\u4e00-\u9fff]{1,2}$")


HEAD_ASK = re.compile(r"^[^，,。]{0,8}?(?:[区市省县州旗]长|总理)(?:是谁|叫什么|叫啥|的名字|姓什么|是哪位)|"
                      r"^who is (?:the )?(?:premier|mayor|governor|district head)\b", re.I)


def asks_about_report(question: str) -> str | None:
    """"报告是哪天作的" -> date, "在哪次会议上作的" -> meeting, "谁代表区政府作的报告" -> person; else None."""
    if HEAD_ASK.search(question):  # "开州区长叫什么名字": the head of the government delivers its report
        return "person"
    if not re.search(r"报告|report|speech", question, re.I):
        return None
    return next((kind for kind, cue in ASKS if cue.search(question)), None)


def front_matter(passages: list[Passage]) -> list[Passage]:
    """The passages of one report before its body (title, date line, speaker), in order."""
    out = []
    for p in sorted(passages, key=lambda p: p.paragraph):
        if BODY_START.match(p.text) or len(out) >= 10:
            break
        out.append(p)
    return out


@lru_cache(maxsize=64)  # one set per index, hashed by identity as stats_for's statistics are
def front_ids(index) -> frozenset[str]:
    """The passages of every report's front matter (title, date line, speaker)."""
    by_doc: dict[str, list[Passage]] = {}
    for p in getattr(index, "passages", []):
        by_doc.setdefault(p.doc, []).append(p)
    return frozenset(p.id for passages in by_doc.values() for p in front_matter(passages))


def about_report(question: str) -> bool:
    """The question names the report itself (报告, this report): its front matter may answer."""
    return bool(re.search(_REPORT, question, re.I))


def front_answer(kind: str, front: list[Passage]) -> tuple[str, Passage] | None:
    """The date, the meeting or the speaker as the front matter writes it, with its passage."""
    for i, p in enumerate(front):
        text = p.text.strip()
        if kind == "date" and (m := DATE_RE.search(text)):
            return m.group(0), p
        if kind == "meeting" and (m := MEETING_RE.search(text)):
            # the meeting as the date line names it, with whose congress it is: "——2026年2月4日在重庆市开州区第十八届
            # 人民代表大会第九次会议上" (a national report's line names none: 在第十四届全国人民代表大会第二次会议上)
            owner = re.search(r"在([\u4e00-\u9fff]{2,12}?(?:省|市|区|县|州|旗))" + re.escape(m.group(0)), text)
            return (owner.group(1) if owner else "") + m.group(0), p
        if kind == "person":
            head, _, name = text.rpartition(" ")
            if head and ROLE_RE.search(head.strip()) and NAME_RE.match(name.strip()):
                return name.strip(), p  # "重庆市开州区人民政府区长 杨宏"
            if ROLE_RE.search(text) and i + 1 < len(front) and NAME_RE.match(front[i + 1].text.strip()):
                return front[i + 1].text.strip(), front[i + 1]  # "国务院总理" / "李克强"
    return None

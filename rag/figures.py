"""Figures in a passage: the text as written, its value and unit, what it measures, for which period.

Work reports state figures in a few fixed patterns, which the rules here follow:
"地区生产总值增长6%" (metric, then figure), "新增规上企业8家、国家级…“小巨人”企业1家" (lists cut by 、),
"A、B、C分别增长4.8%、9.6%、10%" (分别: the i-th figure belongs to the i-th subject),
"突破1150万人次、增长27%" (a bare verb inherits the subject before it), and "力争到2030年…" (a goal year).
"""

from __future__ import annotations

import contextlib
import io
import re
from functools import lru_cache

from .chunking import sentences
from .models import Figure

MAGNITUDE = {"万": 1e4, "亿": 1e8}
# Longest first, so "万人次" wins over "万人" and "人".
# Base units, longest first so "人次" wins over "人"; 万/亿 may stand before any of them (2万个, 1150万人次).
UNITS = sorted("""人次 平方米 平方公里 公里 千伏 千瓦 吨 亩次 亩 元 人 户 个百分点 百分点 % ‰ 个 家 项 座 所 名 岁 天
标箱 倍 件 次 台 轮 批 辆 套 张 条 场 周年 年 篇 部 期 类 小时 分钟 米 千米 个月 届""".split(), key=len, reverse=True)
UNIT_RE = rf"[万亿]?(?:{'|'.join(map(re.escape, UNITS))})|[万亿]"
NUM = r"\d+(?:\.\d+)?"
FIGURE_RE = re.compile(
    rf"(?<![A-Za-z\d.])(?:(?P<ratio>{NUM}[:：]1)(?!\d)"
    rf"|(?P<range>{NUM}[万亿]?[—–\-~～至]{NUM}[万亿]?)(?P<runit>{UNIT_RE})?"
    rf"|(?P<num>{NUM})(?P<unit>{UNIT_RE})(?![民口员才士群]))(?![A-Za-z])"  # 170万人民: 人 starts a noun
)
PRE_QUALIFIERS = ("超过", "超", "近", "约", "逾", "突破")
POST_QUALIFIER_RE = re.compile(r"^(以上|左右|以内|以下|多|余)")
BOUNDARY_RE = re.compile(r"[，,。；;：:！!？?、]")
LEADING_NOISE_RE = re.compile(r"^(?:力争|确保|努力|争取|推动|加快|其中|同时|并且|并|以及|和|及|全年|今年|去年|累计)+")
VERB_TAIL_RE = re.compile(
    r"(?:年均)?(?:分别)?(?:增长|下降|减少|提升至|提高至|提升|提高|增至|升至|降至|缩小至|达到|达|突破|超过|超|"
    r"稳定在|保持在|保持|控制在|完成|实现|增加)$")
GOAL_YEAR_RE = re.compile(r"到(20\d\d)年")


def figures_in(text: str, period: str = "其他", year: int | None = None) -> list[Figure]:
    """Every figure of a passage, with metric and period (the passage's period unless a sentence names a goal year)."""
    out: list[Figure] = []
    for sent in sentences(text):
        sent_period, sent_year = period, year
        if (m := GOAL_YEAR_RE.search(sent)) and int(m.group(1)) != year:
            sent_year = int(m.group(1))
            sent_period = f"{sent_year}年目标"
        out.extend(_sentence_figures(sent, sent_period, sent_year))
    return out


def _sentence_figures(sent: str, period: str, year: int | None) -> list[Figure]:
    every = [m for m in FIGURE_RE.finditer(sent) if not _is_date(sent, m)]
    # "50亿级以上项目1个": a size class (…级) is a figure of its own but also part of what the next one counts
    classes = [m for m in every if sent[m.end():m.end() + 1] == "级"]
    matches = [m for m in every if m not in classes]
    figures = [_class_figure(sent, m, every, period, year) for m in classes]
    if not matches:
        return figures
    respectively = _respectively_metrics(sent, matches)
    prev_end = 0
    prev_subject = ""
    for i, m in enumerate(matches):
        text = m.group(0)
        start, end = m.span()
        clause_start = _clause_start(sent, start, prev_end)
        before = sent[clause_start:start]
        pre_q = next((q for q in PRE_QUALIFIERS if before.endswith(q) and q in ("超过", "超", "近", "约", "逾")), "")
        after = sent[end:end + 3]
        post = POST_QUALIFIER_RE.match(after)
        metric = respectively[i] if respectively else _metric(before, sent, end)
        if VERB_TAIL_RE.fullmatch(metric or "x") or len(metric) <= 1:
            metric = prev_subject + metric  # "…接待量突破1150万人次、增长27%": 增长 of the same subject
        prev_subject = VERB_TAIL_RE.sub("", metric) or prev_subject
        value, unit = normalize(m)
        figures.append(Figure(text=text, value=value, unit=unit, metric=metric, period=period, year=year,
                              qualifier=(pre_q + (post.group(0) if post else "")), context=_clause(sent, start, end)))
        prev_end = end
    return figures


def _class_figure(sent: str, m: re.Match, every: list[re.Match], period: str, year: int | None) -> Figure:
    nxt = min((o.start() for o in every if o.start() > m.end()), default=len(sent))
    tail = BOUNDARY_RE.split(sent[m.end():nxt], maxsplit=1)[0]
    value, unit = normalize(m)
    return Figure(text=m.group(0), value=value, unit=unit or "元", metric=re.sub(r"以上|以下", "", tail),
                  period=period, year=year, context=_clause(sent, m.start(), m.end()))


def _is_date(sent: str, m: re.Match) -> bool:
    """Years and dates are not figures: 2025年, 2月4日, 2025央视春晚."""
    if m.group("unit") == "年" and len(m.group("num")) == 4:
        return True
    return sent[m.end():m.end() + 1] in ("月", "日")


def _clause_start(sent: str, start: int, floor: int) -> int:
    cut = floor
    for b in BOUNDARY_RE.finditer(sent, floor, start):
        cut = b.end()
    return cut


def _clause(sent: str, start: int, end: int) -> str:
    left = 0
    for b in re.finditer(r"[，,。；;：:！!？?]", sent[:start]):
        left = b.end()
    right = re.search(r"[，,。；;！!？?]", sent[end:])
    return sent[left:end + (right.start() if right else len(sent) - end)]


def _metric(before: str, sent: str, end: int) -> str:
    metric = LEADING_NOISE_RE.sub("", before.strip(" “”\"'"))
    for q in ("超过", "超", "近", "约", "逾"):
        if metric.endswith(q) and len(metric) > len(q):
            metric = metric[: -len(q)]
            break
    if metric.rstrip("”\"’").endswith("等"):  # "“A”等3项做法开全国先河": the examples, then what is counted
        tail = BOUNDARY_RE.split(sent[end:], maxsplit=1)[0]
        return (POST_QUALIFIER_RE.sub("", tail)[:24] or metric).strip()
    if len(metric) <= 2:  # "28项工作获…激励", "启动18个老旧小区改造": the meaning follows the figure
        tail = BOUNDARY_RE.split(sent[end:], maxsplit=1)[0]
        metric += POST_QUALIFIER_RE.sub("", tail)[:24]
    return metric.strip()


def _respectively_metrics(sent: str, matches: list[re.Match]) -> list[str] | None:
    """"A、B和C(年均)分别增长x、y、z": metric i is subject i plus the shared words and verb."""
    idx = sent.find("分别")
    if idx < 0:
        return None
    stop = re.search(r"[，,。；;！!？?]", sent[idx:])
    seg_end = idx + stop.start() if stop else len(sent)
    figs_after = [m for m in matches if idx < m.start() < seg_end]
    if len(figs_after) < 2:
        return None
    left = sent[:idx]
    cut = max((b.end() for b in re.finditer(r"[，,。；;：:！!？?]", left)), default=0)
    subjects = [s for s in re.split(r"、|和|及|与", left[cut:]) if s]
    if len(subjects) != len(figs_after):
        return None
    verb = re.sub(r"[\d.%万亿元]+.*$", "", sent[idx + 2:figs_after[0].start()])
    subjects[0] = LEADING_NOISE_RE.sub("", subjects[0])
    by_start = {m.start(): s.strip() + verb for m, s in zip(figs_after, subjects)}
    return [by_start.get(m.start()) or _metric(sent[_clause_start(sent, m.start(), 0):m.start()], sent, m.end())
            for m in matches]


def normalize(m: re.Match) -> tuple[float | None, str]:
    """The value in base units (万/亿 scaled) and the base unit."""
    if m.group("ratio"):
        return float(re.split(r"[:：]", m.group("ratio"))[0]), "比"
    if m.group("range"):
        low = re.split(r"[—–\-~～至]", m.group("range"))[0]
        unit = m.group("runit") or ""
        return _money_value(m.group(0)) if "元" in unit or not unit else _scaled(low)[0], unit or "元"
    num, unit = float(m.group("num")), m.group("unit")
    if unit in MAGNITUDE:
        return num * MAGNITUDE[unit], ""
    if len(unit) > 1 and unit[0] in MAGNITUDE:
        return num * MAGNITUDE[unit[0]], unit[1:]
    return num, unit


def _scaled(text: str) -> tuple[float, str]:
    mag = MAGNITUDE.get(text[-1], 1.0)
    return float(text.rstrip("万亿")) * mag, ""


def _money_value(text: str) -> float | None:
    """Amounts of money (ranges included) through jionlp's parser, which knows 亿/万 and ranges."""
    parsed = _parse_money(text if "元" in text else text + "元")
    num = parsed.get("num") if parsed else None
    if isinstance(num, list):
        num = num[0]
    try:
        return float(num)
    except (TypeError, ValueError):
        return None


@lru_cache(maxsize=1)
def _jionlp():
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
        import jionlp
    return jionlp


def _parse_money(text: str) -> dict | None:
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return _jionlp().parse_money(text)
    except Exception:  # jionlp raises on text it cannot read; a figure without a value is still a figure
        return None

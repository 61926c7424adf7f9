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
from .periods import OTHER, PLAN_RE, Period, goal_year, plan_span, result_span, result_year

MAGNITUDE = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
# Base units, longest first so "人次" wins over "人"; 万/亿/万亿 may stand before any of them (2万个, 134.9万亿元).
UNITS = sorted("""微克/立方米 微克每立方米 个工作日 工作日 人次 平方米 平方公里 公里 千伏 千瓦时 千瓦 千米 千克 公斤 斤 吨标准煤 吨 亩次 亩 公顷 立方米 美元 元 人 户 个百分点
百分点 % ‰ 个 家 项 座 所 名 岁 天 标箱 重量箱 标准箱 倍 件次 件 次 台 轮 批 辆 套 张 条 场 周年 年 篇 部 期 类 小时 分钟 米 个月 届 艘 架 颗 款
只 头 口 种 处 栋 间 层 公斤 千瓦""".split(), key=len, reverse=True)
MAG_RE = r"(?:万亿|亿|万)"
PER_RE = r"(?:/[\u4e00-\u9fff]{1,2}|每[\u4e00-\u9fff](?:每[年月天日])?)?"  # 元/人, 元每吨
UNIT_RE = rf"(?:{MAG_RE}[多余]?)?(?:{'|'.join(map(re.escape, UNITS))}){PER_RE}|{MAG_RE}"  # 7万多家: more than 7万家
NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
FIGURE_RE = re.compile(
    rf"(?<![A-Za-z\d.])(?:(?P<ratio>{NUM}[:：]1)(?!\d)"
    rf"|(?P<range>{NUM}{MAG_RE}?[%]?[—–\-~～至到]{NUM}{MAG_RE}?)(?P<runit>{UNIT_RE})?"
    rf"|(?P<yi>\d+亿\d+千?(?P<yapprox>[多余])?万)(?P<yunit>{'|'.join(map(re.escape, UNITS))})?"  # 1亿3千多万, 1亿3000万人
    rf"|(?P<mixed>\d+万\d(?:千|百)|\d+千)(?P<mapprox>[多余])?(?P<munit>{'|'.join(map(re.escape, UNITS))})"  # 2万5千公里, 1万6千多户
    rf"|(?P<num>{NUM})(?P<approx>[多余](?={MAG_RE}|公里|个|项|家|人|元|吨|亩|座|所|万|倍))?(?P<unit>{UNIT_RE})(?![民口员才士群]))(?![A-Za-z])"  # 170万人民: 人 starts a noun; 5700多亿元
)
# Chinese numerals where they are figures: 三成, 两倍, 百分之五, 一个百分点
CN_NUM = r"[零一二两三四五六七八九十百千万亿半]+"
CN_FIGURE_RE = re.compile(rf"(?P<cn>百分之{CN_NUM}|(?<![第一二两三四五六七八九十]){CN_NUM}(?:成(?![为立功果就绩效本员长熟不])|倍|个百分点)"
                          rf"|(?<![一二三四五六七八九十百])[一二三四五六七八九十]分之[一二三四五六七八九十]|(?<![另大])一半)")  # 三分之一, 一半
PRE_QUALIFIERS = ("不低于", "不超过", "超过", "接近", "突破", "低于", "高于", "大约", "超", "近", "约", "逾")
POST_QUALIFIER_RE = re.compile(r"^(以上|左右|以内|以下|上下|多|余)")
# the qualifiers before a figure that an answer keeps as written (超过2.6万亿元, 近1亿人): not a comparison
# (低于, 高于) nor the verb 突破
ANSWER_PRE = tuple(q for q in PRE_QUALIFIERS if q not in ("低于", "高于", "突破"))
BOUNDARY_RE = re.compile(r"[，,。；;：:！!？?、]")
LEADING_NOISE_RE = re.compile(r"^(?:力争|确保|努力|争取|推动|加快|其中|同时|并且|并|以及|和|及|全年|今年|去年|累计|"
                              r"比上年|比去年|较上年|较去年|同比|实际)+")
VERB_TAIL_RE = re.compile(
    r"(?:年均)?(?:分别)?(?:转为)?(?:(?:增长|下降|减少|提升|提高|增加|降低|扩大|缩小|上调|下调|上升|跃升|回落|增产|减产|增收|减收|增|升|降)(?:到|至)?|达到|达|突破|超过|超|"
    r"稳定在|保持在|保持|控制在|完成|实现)$")
FROM_RE = re.compile(r"(.{2,}?)(?:从|由)(?:去年|上年|(?:19|20)\d\d年)?的?")
FROM_SPLIT_RE = re.compile(r"(.{2,}?)(?:从|由)(?!业|严|事|而|于|此|来)")
GOAL_YEAR_RE = re.compile(r"到(20\d\d)年")
# a verb that gives or sets up what the figure sizes: the thing itself is named after the figure
GIVING_VERB = re.compile(r"(?:设立|发行|安排|下达|拨付|筹集|新设|成立|组建|建立)(?:了|规模)?$")
# an average yearly rate (年均增长7.8%) is the span's; 年均浓度 (the year's mean concentration) is not
AVERAGE_RATE = re.compile(r"年均(?:实际)?(?:增长|增速|提高|提升|下降|减少|增加|递增|降低|增幅)")
TIME_TAIL_RE = re.compile(r"(?:(?:19|20)\d\d年(?:底|末)?|现在|目前|去年底?|上年末?)的?$")
# full-width digits, letters and signs match as their ASCII forms; the text as written is what is kept
_HALF = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def as_written(fig: Figure) -> str:
    """The figure as an answer writes it: with the qualifier written right before it (超过2.6万亿元, 近1亿人)."""
    pre = next((q for q in ANSWER_PRE if fig.qualifier.startswith(q)), "")
    return pre + fig.text if pre and pre + fig.text in fig.context else fig.text


def halfwidth(text: str) -> str:
    """Full-width ASCII forms (５．２％) to ASCII, one character for one, so offsets stay the same."""
    return text.translate(_HALF)


def figures_in(text: str, period: Period = OTHER) -> list[Figure]:
    """Every figure of a passage, with metric and period (the passage's period unless a sentence names a goal year)."""
    out: list[Figure] = []
    opened = None  # "2012年底，A；B": a year that opens a sentence speaks for the clauses after its semicolons too
    for sent in sentences(text):
        sent_period = period
        half = halfwidth(sent)
        if own := OPENING_YEAR.match(half):
            opened = int(own.group(1))
        if ((m := GOAL_YEAR_RE.search(half)) and int(m.group(1)) != period.end
                and not (period.kind == "result" and period.end and int(m.group(1)) < period.end)):  # 提高到2012年的 in a review
            sent_period = goal_year(int(m.group(1)), period.start if period.forward else None)
        out.extend(_sentence_figures(sent, sent_period, opened))
        if not re.search(r"[；;]$", sent.rstrip()):
            opened = None
    return out


def _sentence_figures(original: str, period: Period, opened: int | None = None) -> list[Figure]:
    sent = halfwidth(original)
    every = [m for m in FIGURE_RE.finditer(sent) if not _is_date(sent, m)]
    every += [m for m in CN_FIGURE_RE.finditer(sent) if not _overlaps(m, every)]
    every.sort(key=lambda m: m.start())
    # "50亿级以上项目1个": a size class (…级) is a figure of its own but also part of what the next one counts
    classes = [m for m in every if sent[m.end():m.end() + 1] == "级"]
    matches = [m for m in every if m not in classes]
    figures = [_class_figure(original, sent, m, every, period) for m in classes]
    if not matches:
        return figures
    respectively = _respectively_metrics(sent, matches)
    prev_end = 0
    prev_subject = ""
    for i, m in enumerate(matches):
        start, end = m.span()
        clause_start = _clause_start(sent, start, prev_end)
        before = sent[clause_start:start]
        pre_q = next((q for q in PRE_QUALIFIERS if before.endswith(q)), "")
        post = POST_QUALIFIER_RE.match(sent[end:end + 3])
        post_q = post.group(0) if post else ""
        metric = respectively[i] if respectively else _metric(before, sent, end + len(post_q))
        bare = TIME_TAIL_RE.sub("", metric)  # "提高到2012年的1.97%", "提高到现在的1721元": the verb is what is left
        if VERB_TAIL_RE.fullmatch(bare or "x") or len(metric) <= 1:
            metric = prev_subject + bare  # "…接待量突破1150万人次、增长27%": 增长 of the same subject
        elif m_from := FROM_RE.fullmatch(metric):
            metric = m_from.group(1)  # "赤字率从去年的2.1%提高到2.3%": the subject of both figures
        # "起征点从月销售额10万元提高到15万元": what rises to 15万元 is the 起征点, not "从月销售额"
        # "补助标准由每人每年320元提高到380元": 380元 is also 每人每年, the words after 由 that are not a time
        subject = (m_split.group(1) + TIME_TAIL_RE.sub("", metric[m_split.end():])
                   if (m_split := FROM_SPLIT_RE.match(metric)) else metric)
        prev_subject = VERB_TAIL_RE.sub("", subject) or prev_subject
        value, unit = normalize(m)
        # "扩大到1000个县": a one-character place noun after 个 that ends its clause is what is counted
        noun = re.match(r"[县市区省镇乡村](?=[，,。；;、)]|$)", sent[end:]) if m.group(0).endswith("个") and not post_q else None
        if noun:
            end += 1
        figures.append(Figure(text=original[start:end + len(post_q)], value=value, unit=unit, metric=metric,
                              period=_own_period(sent, start, end, before, period, opened),
                              qualifier=pre_q + (m.groupdict().get("approx") or m.groupdict().get("mapprox") or m.groupdict().get("yapprox") or "") + post_q,
                              context=_clause(original, start, end)))
        prev_end = end
    return figures


LAST_YEAR_BEFORE = re.compile(r"(?:比|较|同)?(?:去年|上年)(?:的|为|是)?(?:预算)?$")
TO_AFTER = re.compile(r"^[^，,。；;]{0,12}?(?:(?:提高|增加|增|提升|上升|跃升|降|下降|回落|降低|减少|调整|扩大|缩小|上调|下调|达)(?:到|至)|转为)")


SPAN_YEARS = re.compile(r"(?:过去|近|这)?([二三四五六七八九十两])年(?:来|间|里)|过去([二三四五六七八九十两])年")


OWN_YEAR_BEFORE = re.compile(r"((?:19|20)\d\d)年(?:底|末|年底)?(?:的|为|是|达到|达)?$")
OPENING_YEAR = re.compile(r"((?:19|20)\d\d)年(?:底|末|年底)?[，,]")
CLAUSE_YEAR = re.compile(r"(?:^|[，,；;：:])((?:19|20)\d\d)年(?:底|末|年底)?")
PRESENT_STATE = re.compile(r"(?:目前|现在|当前|迄今|至今)[^，,。；;]{0,20}已(?:经)?[^，,。；;]{0,6}$")
LAST_YEAR_OPENS = re.compile(r"^(?:去年|上年)(?:底|末)?")
LEVEL_BEFORE = re.compile(r"(?:到|至|达|达到|突破|超过|升至|降至|增至)了?(?:现在的|去年底的|目前的)?$")
FROM_AFAR = re.compile(r"(?:由|从)(?:(?:19|20)\d\d年)?[^\d，,。；;、]{0,8}$")


def _own_period(sent: str, start: int, end: int, before: str, period: Period, opened: int | None = None) -> Period:
    """A figure's period when its words say other than its paragraph: "比去年的2.1%提高0.2个百分点" in this
    year's targets is last year's result; "由55元提高到70元" states the old level (no period of its own);
    "年均增长7.8%" in the review of a year that ends a plan is the plan's average, not that year's.

    In a review, a year the words name is the figure's own: "由2007年的1.4%提高到2012年的1.97%" (each
    figure its year), "2012年，…国内生产总值增长7.8%" in a five-year review (a clause that opens with a
    year speaks of that year). A level reached at the end of a five-year span ("城镇化率由45.9%提高到
    52.6%", "总里程达9.56万公里") is also the result of the span's last year."""
    if period.kind == "target" and period.end and (LAST_YEAR_BEFORE.search(before) or LAST_YEAR_OPENS.match(before)
                                                   or PRESENT_STATE.search(before)):
        return result_year(period.end - 1)  # "目前…已经超过2万亿元" among this year's tasks: where things stand
    if period.kind == "result" and period.end:
        # "相当于2020年的1.4倍", "比2012年的…": the year is the base compared with, not the figure's own
        base = sent[start:end].endswith("倍") or bool(re.search(r"(?:比|较|相当于|同)$", before[:m.start()])) if (
            m := OWN_YEAR_BEFORE.search(before)) else True
        if not base and int(m.group(1)) <= period.end:
            return result_year(int(m.group(1)))
        opens = [*([opened] if opened else []), *(int(m.group(1)) for m in CLAUSE_YEAR.finditer(sent, 0, start))]
        if (opens and period.span and period.start <= opens[-1] <= period.end and not AVERAGE_RATE.search(before)
                and not FROM_AFAR.search(before)):
            period = result_year(opens[-1])
        elif period.span and LAST_YEAR_OPENS.match(before):
            return result_year(period.end)
        elif period.span and LEVEL_BEFORE.search(before) and not AVERAGE_RATE.search(before) and not FROM_AFAR.search(before):
            period = period.model_copy(update={"level": True})
    if period.kind == "result" and period.end and period.start == period.end and AVERAGE_RATE.search(before):
        plans = [span for name in PLAN_RE.findall(sent) if (span := plan_span(name)) and span[1] == period.end]
        if plans:
            return result_span(*plans[0])
        m = SPAN_YEARS.search(sent)
        years = "二三四五六七八九十".index((m.group(1) or m.group(2)).replace("两", "二")) + 2 if m else 5
        return result_span(period.end - years + 1, period.end)
    if FROM_AFAR.search(before) and TO_AFTER.search(sent[end:]):  # "由55元提高到70元", "从2004年人均每月700元提高到"
        return OTHER
    return period


def _overlaps(m: re.Match, others: list[re.Match]) -> bool:
    return any(o.start() < m.end() and m.start() < o.end() for o in others)


def _class_figure(original: str, sent: str, m: re.Match, every: list[re.Match], period: Period) -> Figure:
    nxt = min((o.start() for o in every if o.start() > m.end()), default=len(sent))
    tail = BOUNDARY_RE.split(sent[m.end():nxt], maxsplit=1)[0]
    value, unit = normalize(m)
    return Figure(text=original[m.start():m.end()], value=value, unit=unit or "元", metric=re.sub(r"以上|以下", "", tail),
                  period=period, context=_clause(original, m.start(), m.end()))


def _is_date(sent: str, m: re.Match) -> bool:
    """Years and dates are not figures: 2025年, 2月4日, 2025央视春晚."""
    if m.re is not FIGURE_RE:
        return False
    if m.group("unit") == "年" and re.fullmatch(r"\d{4}", m.group("num")):  # not 11.3年 (years of schooling)
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
    for q in PRE_QUALIFIERS:
        if metric.endswith(q):
            metric = metric[: -len(q)]
            break
    metric = re.sub(r"(?:由|从|拟按|拟|按)$", "", metric)  # "赤字率拟按2.6%安排": the rate, not how it is set
    tail = BOUNDARY_RE.split(sent[end:], maxsplit=1)[0]  # the rest of the figure's clause
    if metric.rstrip("”\"’").endswith("等"):  # "“A”等3项做法开全国先河": the examples, then what is counted
        return (POST_QUALIFIER_RE.sub("", tail)[:24] or metric).strip()
    if re.search(r"[\u4e00-\u9fff][和、]$", metric) and re.match(r"[\u4e00-\u9fff“]{2}", tail):
        return tail[:24].strip()  # "应对21轮强降雨和2轮高温天气过程": a member after 和 counts what follows it
    if len(metric) <= 2 or GIVING_VERB.search(metric) and not sent[:end].endswith("周年") or _only_verbs(metric):
        # "28项工作获…激励", "启动18个老旧小区改造", "国家已设立400亿元新兴产业创业投资引导基金",
        # "发行1万亿元超长期特别国债": the meaning follows the figure
        # not the next member, with a figure of its own (…成立50周年和新疆…成立60周年)
        tail = re.split(r"[和及与](?=[^，,。；;、]*?\d)", tail)[0]
        tail = re.sub(r"^的", "", POST_QUALIFIER_RE.sub("", tail))
        if len(metric) <= 2 or re.match(r"[\u4e00-\u9fff“]{2}", tail):
            metric += tail[:24]
    return metric.strip()


@lru_cache(maxsize=4096)
def _only_verbs(words: str) -> bool:
    """"坚决守住18亿亩耕地红线": words before a figure that are only a verb and its adverbs say nothing of
    what is measured; the noun after the figure does."""
    import jieba.posseg as pseg

    from .text import _jieba

    _jieba()
    tokens = pseg.lcut(re.sub(r"^(?:有效|积极|全面|大力|持续|稳步|扎实|成功)", "", words))  # jieba: 有|效应|对
    # "年初剩余的551万农村贫困人口": a time word and 的 say nothing of what is measured either
    return (2 < len(words) <= 6 and bool(tokens) and all(t.flag in ("v", "d", "ad", "t", "uj") for t in tokens)
            and any(t.flag == "v" for t in tokens))


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
    """The value in base units (万/亿/万亿 scaled; 三成 -> 30 %) and the base unit (元, 人, %, 比 ...)."""
    groups = m.re.groupindex
    if "cn" in groups:
        return _chinese_value(m.group("cn"))
    if m.group("yi"):
        high, low, place = re.match(r"(\d+)亿(\d+)(千?)", m.group("yi")).groups()
        return int(high) * 1e8 + int(low) * (1e7 if place else 1e4), m.group("yunit") or ""
    if m.group("mixed"):
        if mixed := re.fullmatch(r"(\d+)千", m.group("mixed")):  # 5千多户
            return int(mixed.group(1)) * 1e3, m.group("munit")
        high, low, place = re.match(r"(\d+)万(\d)(千|百)", m.group("mixed")).groups()
        return int(high) * 1e4 + int(low) * (1e3 if place == "千" else 1e2), m.group("munit")
    if m.group("ratio"):
        return _number(re.split(r"[:：]", m.group("ratio"))[0]), "比"
    if m.group("range"):
        low = re.split(r"[—–\-~～至到]", m.group("range"))[0].rstrip("%")  # "6.5%-7%": the unit once
        unit = m.group("runit") or ""
        if "元" in unit or not unit:
            return _money_value(m.group(0)), unit or "元"
        return _split_unit(low + unit)
    return _split_unit(m.group(0))


def _split_unit(text: str) -> tuple[float | None, str]:
    """"134.9万亿元" -> (1.349e14, "元"); "2万" -> (20000, "")."""
    m = re.match(rf"({NUM})[多余]?({MAG_RE})?[多余]?(.*)$", text)  # "5700多亿元", "7万多家": more than
    if not m:
        return None, ""
    value = _number(m.group(1)) * MAGNITUDE.get(m.group(2) or "", 1.0)
    return value, m.group(3)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _chinese_value(text: str) -> tuple[float | None, str]:
    """三成 -> 30 %, 两倍 -> 2 倍, 百分之五 -> 5 %, 一个百分点 -> 1 个百分点, 三分之一 -> 33.3 %, 一半 -> 50 %
    (numerals read by cn2an)."""
    import cn2an

    if text == "一半":
        return 50.0, "%"
    if frac := re.fullmatch(r"([一二三四五六七八九十])分之([一二三四五六七八九十])", text):
        whole, part = (float(cn2an.cn2an(n, "smart")) for n in frac.groups())
        return 100 * part / whole, "%"
    for prefix, suffix, unit, scale in (("百分之", "", "%", 1), ("", "个百分点", "个百分点", 1), ("", "成", "%", 10),
                                        ("", "倍", "倍", 1)):
        if text.startswith(prefix) and text.endswith(suffix):
            digits = text[len(prefix):len(text) - len(suffix)]
            try:
                return float(cn2an.cn2an(digits.replace("半", "0.5") if digits == "半" else digits, "smart")) * scale, unit
            except (ValueError, KeyError):
                return None, unit
    return None, ""


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

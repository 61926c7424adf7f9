"""Targets against results across years: what a report set for year N, and what the next report says
year N came to.

A report delivered in year N sets targets for N (国内生产总值增长5%左右); the same issuer's report of
year N+1 reports the results of N (增长5.2%). For a metric, every target of every report in scope is
found by its measure (IDF-weighted bigrams of the metric names, rag.matching), the result of the same
measure for the same year in the next report is found the same way, and the pair is judged:

- met / not met: by the target's qualifier as written — 以上 (at least), 以内 / 以下 / 低于 (at most),
  a range (6.5%－7%: within it), 左右 (about: within ±0.5 point of a rate, ±5% of an amount; a ceiling
  for prices, unemployment and deficits, a floor for jobs and reductions — rag/data/genre.toml);
- no result: the next report gives no figure of that measure for that year;
- not comparable: it gives one in another unit or of another measure;
- pending: the next report is not in the library.

Both figures carry their citation, so every verdict can be checked against the two reports.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from pydantic import BaseModel, Field

from .lexicon import expand_terms, genre_data
from .matching import Stats, bigrams, coverage, stats_for
from .models import Answer, Citation, DocRef, DocumentInfo, Figure, Passage
from .periods import resolve

VERDICTS_ZH = {"met": "达成", "not met": "未达成", "no result": "未报告结果", "not comparable": "不可比",
               "pending": "待下一年报告"}
DELTA_UNITS = ("个百分点", "百分点")  # a change, not a level: never a target or a result of one
MIN_NAME_COVER = 0.85  # share of a measure's name (IDF-weighted bigrams) a figure's metric must hold
AT_LEAST = ("以上", "超过", "不低于", "高于", "突破", "逾", "超", "多", "余")
AT_MOST = ("以内", "以下", "不超过", "低于")
ABOUT = ("左右", "上下", "约", "大约", "接近", "近")
LEAD_NOISE_RE = re.compile(r"^(?:全年|年末|年底|全国|今年|去年|上年|把|将|但|使|其中|并|和|同时|预计|要|拟|力争|确保)+")
TAIL_RE = re.compile(r"(?:年均|平均|全年|年末|实际)?(?:比上年|比去年|较上年|同比)?"
                     r"(?:增长|上涨|涨幅|增幅|增速|下降|降低|降幅|回落|提高|提升|上升|增加|减少|控制|稳定|保持|平均|"
                     r"达到|达|突破|超过|拟按|按|为|在|到|至|了|的|降|升)+$")
RATE_WORD_RE = re.compile(r"增长|涨幅|增幅|增速|率|上涨|下降|降低|比重|比例")
NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")


class TrackRow(BaseModel):
    """One year of one issuer: the target set for it, the result reported for it, and the verdict."""

    year: int
    place: str = ""
    issuer: str = ""
    measure: str = ""  # the measure as the target names it (城镇登记失业率 before 2018)
    target: Figure
    target_doc: DocRef
    target_citation: Citation
    result: Figure | None = None
    result_doc: DocRef | None = None
    result_citation: Citation | None = None
    verdict: str  # met | not met | no result | not comparable | pending
    verdict_zh: str
    note: str = ""


class TrackTable(BaseModel):
    """Every target of a metric in scope against its result, oldest first."""

    metric: str
    names: list[str] = Field(default_factory=list)  # the measures looked for (the metric and related ones)
    rows: list[TrackRow] = Field(default_factory=list)
    message: str = ""


@dataclass(eq=False)  # hashed by identity, as the index is: matching statistics are cached per library
class Library:
    """What tracking needs of an index: its passages (with their figures) and its reports."""

    passages: list[Passage]
    documents: list[DocumentInfo]


# --- measures ---


def measure_core(metric: str) -> str:
    """"居民消费价格涨幅控制在" -> 居民消费价格, "年末城镇调查失业率降到" -> 城镇调查失业率: the measure
    without the words that say how it moved or was held."""
    core = LEAD_NOISE_RE.sub("", metric.strip(" “”\"'（）()"))
    while True:
        stripped = TAIL_RE.sub("", core)
        if stripped == core or len(stripped) < 2:
            return core
        core = stripped


def measure_names(metric: str) -> list[tuple[str, int]]:
    """The measures a metric names, each with its tier: 0 the metric's own words, 1 the official terms for
    them ("GDP增长" -> 国内生产总值), 2 a related measure ("城镇调查失业率" -> 城镇登记失业率, the one it
    replaced). A report's target is looked for in the lowest tier that has one."""
    related = genre_data()["tracking"]["related"]
    own = measure_core(metric)
    names: list[tuple[str, int]] = []
    for tier, terms in ((0, [metric]), (1, expand_terms(metric))):
        for term in terms:
            core = measure_core(term)
            if len(core) >= 2 and core not in [n for n, _ in names] and core not in related.get(own, ()):
                names.append((core, tier))
    for core, _ in list(names):
        for other in related.get(core, ()):
            if other not in [n for n, _ in names]:
                names.append((other, 2))
    return names


def _grams(stats: Stats, text: str) -> set[str]:
    return bigrams(text) - stats.stop


def name_match(stats: Stats, name: str, metric: str) -> float:
    """How well a figure's metric names a measure: 0 unless it holds the name (and adds no other measure)."""
    core = measure_core(metric)
    want, have = _grams(stats, name), _grams(stats, core)
    if not want or not have:
        return 0.0
    cover = coverage(stats, want, have)
    if cover < MIN_NAME_COVER:
        return 0.0
    if any(w in core and w not in name for w in genre_data()["tracking"]["other_measure"]):
        return 0.0  # 单位国内生产总值能耗, 人均国内生产总值: other measures that contain the name
    return cover + 0.5 * coverage(stats, have, want)


# --- judging ---


def direction(metric: str) -> str:
    """"ceiling" (prices, unemployment, deficits), "floor" (jobs, reductions) or "" (read both ways)."""
    data = genre_data()["tracking"]
    if any(w in metric for w in data["ceiling"]):
        return "ceiling"
    if any(w in metric for w in data["floor"]):
        return "floor"
    return ""


def judge(target: Figure, result: Figure | None, metric: str = "") -> tuple[str, str]:
    """(verdict, note) for a target and the result reported for its year."""
    if result is None:
        return "no result", "下一年的报告没有给出该年的结果"
    if target.unit != result.unit or target.value is None or result.value is None:
        return "not comparable", f"单位不同（目标{target.unit or '无'}，结果{result.unit or '无'}）"
    t, r = target.value, result.value
    numbers = [float(n) for n in NUMBER_RE.findall(target.text.replace(",", ""))]
    if len(numbers) == 2 and re.search(r"\d[%％]?\s*[—–\-~～－至到]\s*\d", target.text):
        scale = t / numbers[0] if numbers[0] else 1.0  # the range's bounds in the figure's base unit
        low, high = numbers[0] * scale, numbers[1] * scale
        ok = low <= r <= high
        return ("met" if ok else "not met"), f"目标区间{target.text}，结果{result.text}" + ("在区间内" if ok else "不在区间内")
    q = target.qualifier
    way = direction(metric or target.metric)
    tol = genre_data()["tracking"]["about_points"] if target.unit == "%" else abs(t) * genre_data()["tracking"]["about_share"]
    about = f"{_amount(tol, target.unit)}"
    if any(w in q for w in AT_MOST):
        ok, rule = r <= t + 1e-9, "目标是上限（“{q}”）"
    elif any(w in q for w in AT_LEAST):
        ok, rule = r >= t - 1e-9, "目标是下限（“{q}”）"
    elif any(w in q for w in ABOUT):
        if way == "ceiling":
            ok, rule = r <= t + tol + 1e-9, f"目标是上限（“{q}”允许高出{about}）"
        elif way == "floor":
            ok, rule = r >= t - tol - 1e-9, f"目标是下限（“{q}”允许低出{about}）"
        else:
            ok, rule = abs(r - t) <= tol + 1e-9, f"“{q}”按±{about}计"
    elif way == "ceiling":
        ok, rule = r <= t + 1e-9, "目标是上限"
    else:
        ok, rule = r >= t - 1e-9, "目标是下限"
    diff = r - t
    gap = f"比目标{'高' if diff > 0 else '低'}{_amount(abs(diff), target.unit)}" if abs(diff) > 1e-9 else "与目标持平"
    return ("met" if ok else "not met"), f"{result.text}{gap}，{rule.format(q=q)}"


def _amount(x: float, unit: str) -> str:
    """A difference as a person writes it: 0.2个百分点, 44万人, 1.5亿元."""
    if unit == "%":
        return f"{_fmt(x)}个百分点"
    for size, word in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
        if x >= size:
            return f"{_fmt(x / size)}{word}{unit}"
    return f"{_fmt(x)}{unit}"


def _fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


# --- the table ---


def _figures_of(library, docs: set[str]) -> dict[str, list[tuple[Figure, Passage]]]:
    out: dict[str, list[tuple[Figure, Passage]]] = {}
    for p in library.passages:
        if p.doc in docs:
            out.setdefault(p.doc, []).extend((f, p) for f in p.figures)
    return out


def _usable(f: Figure) -> bool:
    return f.value is not None and f.unit not in DELTA_UNITS and not f.period.span


def _best(cands: list[tuple[Figure, Passage]], names: list[tuple[str, int]], stats: Stats, rate: bool | None):
    """The figure that best names one of the measures (in the lowest tier that has one, a figure of the
    wanted kind — a rate or not — before others); None if none does."""
    best, best_key = None, None
    for order, (f, p) in enumerate(cands):
        for name, tier in names:
            score = name_match(stats, name, f.metric)
            if not score:
                continue
            unit_fit = 0.0 if rate is None else (0.3 if (f.unit == "%") == rate else 0.0)
            key = (-tier, score + unit_fit, -order)
            if best_key is None or key > best_key:
                best, best_key = (f, p, name, tier), key
    return best


def _citation(p: Passage, ref: DocRef) -> Citation:
    return Citation(doc=p.doc, section=p.section, paragraph=p.paragraph, text=p.text, score=1.0, passage_id=p.id,
                    title=ref.title, year=ref.year)


def track(library, metric: str, docs: list[DocumentInfo] | None = None) -> TrackTable:
    """Every target of the metric set by a report in docs (all by default), against the result the same
    issuer's next report in the library gives for that year."""
    stats = stats_for(library)
    names = measure_names(metric)
    scope = docs if docs is not None else library.documents
    everything = library.documents
    refs = {d.doc: DocRef(id=d.doc, title=d.title, year=d.year) for d in everything}
    figures = _figures_of(library, {d.doc for d in everything})
    rate = bool(RATE_WORD_RE.search(metric)) if names else None
    rows: list[TrackRow] = []
    for d in sorted(scope, key=lambda d: (d.level != "国家", d.place, d.year or 0)):
        if d.year is None:
            continue
        targets = [(f, p) for f, p in figures.get(d.doc, [])
                   if _usable(f) and f.period.kind == "target" and f.period.end == d.year and (not rate or f.unit == "%")]
        found = _best(targets, names, stats, rate)
        if found is None:
            continue
        fig, passage, name, tier = found
        core = measure_core(fig.metric)
        row = dict(year=d.year, place=d.place, issuer=d.issuer, measure=core, target=fig, target_doc=refs[d.doc],
                   target_citation=_citation(passage, refs[d.doc]))
        nxt = [e for e in everything if e.year == d.year + 1 and e.issuer == d.issuer and e.place == d.place]
        if not nxt:
            rows.append(TrackRow(**row, verdict="pending", verdict_zh=VERDICTS_ZH["pending"],
                                 note=f"库中没有{d.year + 1}年的{d.issuer or ''}报告"))
            continue
        results = [(f, p) for e in nxt for f, p in figures.get(e.doc, [])
                   if _usable(f) and f.period.kind == "result" and f.period.end == d.year]
        same = _best(results, [(core, 0)], stats, fig.unit == "%")
        if same is None:  # another measure of the metric (调查 for 登记) is no result of this target
            other = _best(results, names, stats, fig.unit == "%")
            if other is not None and measure_core(other[0].metric) != core:
                res, rp = other[0], other[1]
                rows.append(TrackRow(**row, result=res, result_doc=refs[rp.doc], result_citation=_citation(rp, refs[rp.doc]),
                                     verdict="not comparable", verdict_zh=VERDICTS_ZH["not comparable"],
                                     note=f"口径不同：目标是{core}，结果是{measure_core(res.metric)}"))
                continue
            verdict, note = judge(fig, None)
            rows.append(TrackRow(**row, verdict=verdict, verdict_zh=VERDICTS_ZH[verdict],
                                 note=f"{nxt[0].year}年的报告没有给出{d.year}年{core}的数字"))
            continue
        res, rp = same[0], same[1]
        verdict, note = judge(fig, res, core)
        if tier == 2:
            note = f"口径：{core}（{names[0][0]}的前身）；{note}"
        rows.append(TrackRow(**row, result=res, result_doc=refs[rp.doc], result_citation=_citation(rp, refs[rp.doc]),
                             verdict=verdict, verdict_zh=VERDICTS_ZH[verdict], note=note))
    message = "" if rows else f"库中的报告没有为“{metric}”设定年度目标"
    return TrackTable(metric=metric, names=[n for n, _ in names], rows=rows, message=message)


# --- exports ---

CSV_HEADER = ["年份", "地区", "指标", "目标", "目标出处", "目标段落", "结果", "结果出处", "结果段落", "判断", "说明"]


def table_csv(table: TrackTable) -> str:
    """The table as CSV text, with a BOM so that spreadsheet programs read the Chinese as UTF-8."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_HEADER)
    for r in table.rows:
        writer.writerow([r.year, r.place, r.measure, r.target.text, f"{r.target_doc.title}", r.target.paragraph,
                         r.result.text if r.result else "", r.result_doc.title if r.result_doc else "",
                         r.result.paragraph if r.result else "", r.verdict_zh, r.note])
    return "\ufeff" + buf.getvalue()


def table_chart(table: TrackTable, fmt: str = "png") -> bytes:
    """A chart of target and result by year (one line pair per place), as PNG or SVG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib.figure import Figure as MplFigure

    if fmt not in ("png", "svg"):
        raise ValueError(f"chart format must be png or svg, not {fmt!r}")
    fonts = [f.name for f in font_manager.fontManager.ttflist
             if any(k in f.name for k in ("Noto Sans CJK", "Noto Serif CJK", "WenQuanYi", "SimHei", "Source Han",
                                          "AR PL", "Droid Sans Fallback"))]
    fig = MplFigure(figsize=(8, 4.5), dpi=110)
    ax = fig.add_subplot()
    zh = bool(fonts)
    rc = {"family": fonts[0]} if zh else {}
    places = list(dict.fromkeys(r.place for r in table.rows))
    for place in places:
        rows = [r for r in table.rows if r.place == place and r.target.value is not None]
        unit = rows[0].target.unit if rows else ""
        scale = 1e4 if unit in ("人", "元") and rows and rows[0].target.value >= 1e5 else 1.0
        years = [r.year for r in rows]
        ax.plot(years, [r.target.value / scale for r in rows], "o--", label=f"{place} {'目标' if zh else 'target'}")
        res = [(r.year, r.result.value / scale) for r in rows if r.result is not None and r.result.value is not None
               and r.verdict != "not comparable"]
        if res:
            ax.plot([y for y, _ in res], [v for _, v in res], "s-", label=f"{place} {'结果' if zh else 'result'}")
        for r in rows:
            mark = {"met": "✓", "not met": "✗"}.get(r.verdict)
            if mark and r.result is not None and r.result.value is not None:
                ax.annotate(mark, (r.year, r.result.value / scale), textcoords="offset points", xytext=(0, 6),
                            ha="center", fontsize=9, **({"fontfamily": fonts[0]} if zh else {}))
    unit = table.rows[0].target.unit if table.rows else ""
    ax.set_title(f"{table.metric}：{'目标与结果' if zh else 'target vs result'}", **rc)
    ax.set_xlabel("年份" if zh else "year", **rc)
    ax.set_ylabel(unit if unit != "人" else ("万人" if zh else "10k persons"), **rc)
    ax.grid(alpha=0.3)
    if table.rows:
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.legend(prop=rc or None)
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, bbox_inches="tight")
    return buf.getvalue()


# --- questions about targets and results ---

DONE_RE = re.compile(r"目标[^，,。？?]{0,8}(?:完成|实现|达成|达到|做到)(?:了|得)?(?:吗|没有|没|与否|情况|怎么样|如何)|"
                     r"是否(?:完成|实现|达成|达到)[^，,。？?]{0,6}目标|目标(?:完成|实现)情况|"
                     r"\b(?:was|were|did)\b[^?]{0,60}\btarget\b[^?]{0,30}\b(?:met|achieved|reached|hit|meet|achieve)\b|"
                     r"\b(?:meet|met|achieve|achieved|hit|reach)\b[^?]{0,20}\btarget", re.I)
SERIES_RE = re.compile(r"(?:近几年|近年来?|历年|每年|各年|这几年|逐年|近\d+年|几年来|这些年|多年来|over the years|each year|"
                       r"every year|in recent years|over the past|across the years)[^，,。？?]{0,16}(?:目标|target)|"
                       r"(?:目标|target)[^，,。？?]{0,10}(?:历年|每年|各年|变化|走势|over the years|each year)", re.I)
QUESTION_NOISE_RE = re.compile(r"目标|预期|完成|实现|达成|达到|做到|情况|怎么样|如何|是否|与否|了吗|吗|没有|没|了|是多少|多少|"
                               r"近几年|近年来?|历年|每年|各年|这几年|逐年|近\d+年|几年来|这些年|多年来|变化|走势|"
                               r"全国|国家|我国|中国|的|[？?，,。！!\s]|"
                               r"\b(?:was|were|did|the|target|targets|for|in|met|achieved|reached|hit|meet|achieve|what|"
                               r"is|are|has|have|been|over|years|each|year|every|recent|china|china's|national)\b", re.I)


def asks_tracking(text: str) -> str:
    """"done" for 目标完成了吗, "series" for 近几年…目标是多少, "" for other questions."""
    if DONE_RE.search(text):
        return "done"
    if SERIES_RE.search(text):
        return "series"
    return ""


def question_metric(text: str) -> str:
    """The metric words of a tracking question: "2023年GDP增长目标完成了吗？" -> GDP增长."""
    from .question import strip_period_words

    return QUESTION_NOISE_RE.sub("", strip_period_words(text)).strip()


def answer_tracking(library, q, docs: list[DocumentInfo], refs: dict[str, DocRef], k: int = 5) -> Answer | None:
    """The answer to a question about targets and results across years, from the library; None when the
    question is not one, or the library cannot answer it (the ordinary answering then takes over)."""
    kind = asks_tracking(q.text)
    if not kind:
        return None
    from .scope import place_filter

    docs, _ = place_filter(q.text, docs)  # 开州… / 全国…: that place's targets
    metric = question_metric(q.text)
    if len(metric) < 2:
        return None
    table = track(library, metric, docs)
    rows = table.rows
    if not rows:
        return None
    if kind == "done":
        latest = max((d.year for d in docs if d.year is not None), default=None)
        spec = resolve(q.period, latest) if q.period is not None else None
        if spec is not None and spec.end is not None:
            rows = [r for r in rows if r.year == spec.end]
        else:
            judged = [r for r in rows if r.verdict != "pending"]
            rows = judged[-1:] if judged else []
        if not rows or all(r.verdict == "pending" for r in rows):
            return None
        r = rows[0]
        figures = [r.target] + ([r.result] if r.result is not None else [])
        citations = [r.target_citation] + ([r.result_citation] if r.result_citation is not None else [])
        result = (f"，{r.result_doc.year}年的报告：{r.result.text}" if r.result is not None and r.result_doc else "")
        text = f"{r.verdict_zh}。{r.year}年目标{r.target.text}（{r.target_doc.year}年的报告）{result}。{r.note}"
        others = [r.result_doc] if r.result_doc is not None and r.result_doc.id != r.target_doc.id else []
        return Answer(question=q.text, answer=text, figures=figures, citations=citations, doc=r.target_doc,
                      other_docs=others, route=f"{r.year}年的目标与{r.year + 1}年报告的结果")
    if q.period is not None and q.period.rel == "year" and q.period.year:
        rows = [r for r in rows if r.year == q.period.year] or rows
    rows = rows[-max(k, 5):]
    text = "；".join(f"{r.year}年{r.target.text}" for r in rows)
    latest = rows[-1]
    return Answer(question=q.text, answer=text, figures=[r.target for r in rows],
                  citations=[r.target_citation for r in reversed(rows)], doc=latest.target_doc,
                  other_docs=[r.target_doc for r in reversed(rows[:-1])],
                  route=f"各年报告的“{latest.measure}”目标")

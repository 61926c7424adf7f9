"""Pure helpers that turn API JSON into escaped HTML, table rows and CSV files for the page."""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from html import escape
from pathlib import Path

REFUSED = "报告中没有找到答案"
FIGURE_HEADERS = ["指标", "数字", "数值", "单位", "时期", "限定", "章节", "段落"]
COMMITMENT_HEADERS = ["章节", "段落", "承诺内容", "涉及数字", "标志词"]
FAILURE_HEADERS = ["编号", "题型", "问题", "标准答案", "系统答案", "原因"]

# Scoped to each gr.HTML by Gradio's css_template, so the look does not depend on how the app is mounted.
CSS = """
.rag-box { font-size: 15px; line-height: 1.7; }
.rag-q { color: #555; margin-bottom: 4px; }
.rag-short { font-size: 30px; font-weight: 700; color: #0b5394; margin: 4px 0 8px; }
.rag-refused { font-size: 22px; font-weight: 700; color: #a61c00; margin: 4px 0; }
.rag-reason, .rag-note { color: #666; font-size: 14px; }
.rag-error { white-space: pre-wrap; background: #fdecea; border-left: 4px solid #c62828; color: #8e1b1b;
             padding: 10px 14px; border-radius: 4px; }
.rag-info { background: #eef5fc; border-left: 4px solid #0b5394; padding: 10px 14px; border-radius: 4px; }
.rag-ok { color: #1b5e20; }
.rag-bad { color: #a61c00; }
.rag-box table { border-collapse: collapse; margin: 6px 0 12px; font-size: 14px; width: 100%; }
.rag-box th, .rag-box td { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
.rag-box th { background: #f3f6f9; font-weight: 600; }
.rag-box td.num { white-space: nowrap; }
.rag-box td.figs { font-size: 13px; }
.rag-box h4 { margin: 14px 0 6px; font-size: 16px; }
.rag-box details { border: 1px solid #e2e6ea; border-radius: 6px; padding: 6px 10px; margin: 6px 0;
                   background: #fafbfc; }
.rag-box summary { cursor: pointer; color: #0b5394; font-weight: 600; }
.rag-box mark { background: #ffe58a; padding: 0 2px; border-radius: 2px; font-weight: 700; }
.rag-box strong { color: #0b5394; font-weight: 700; }
.rag-box .sec { background: #eef3f8; font-weight: 600; color: #0b3d6e; }
.rag-hist li { margin: 2px 0; }
"""


def box(inner: str) -> str:
    return f'<div class="rag-box">{inner}</div>'


def error_html(message: str) -> str:
    """A readable error panel (the message is escaped)."""
    return box(f'<div class="rag-error">{escape(message)}</div>')


def info_html(message: str) -> str:
    return box(f'<div class="rag-info">{escape(message)}</div>')


def where(section: str, paragraph) -> str:
    """'三、2026年工作安排 › (七)… · 第50段' as plain text."""
    sec = (section or "").replace(" > ", " › ")
    par = f"第{paragraph}段" if paragraph else ""
    return " · ".join(x for x in (sec, par) if x)


def _occurrences(text: str, needle: str) -> list[int]:
    """Start positions of needle in text, never inside a longer number ('6%' is not in '16%', '25' not in '250')."""
    pattern = ((r"(?<![\d.])" if needle[0].isdigit() else "") + re.escape(needle)
               + (r"(?!\d)" if needle[-1].isdigit() else ""))
    return [m.start() for m in re.finditer(pattern, text)]


def highlight(text: str, figures: list = (), keywords: list[str] = ()) -> str:
    """Escaped text with figures in <mark> and topic words in <strong>.

    A figure is a string or a figure dict; a dict's metric picks its own occurrence, so in
    "地区生产总值增长6%,规上工业增加值增长6%" only the first 6% lights up for 地区生产总值增长.
    """
    spans: list[tuple[int, int, str]] = []
    for f in figures:
        needle, metric = (f, "") if isinstance(f, str) else (f.get("text") or "", f.get("metric") or "")
        if not needle.strip():
            continue
        found = _occurrences(text, needle)
        near = [i for i in found if metric and metric in text[max(0, i - len(metric) - 8):i]]
        spans += [(i, i + len(needle), "mark") for i in (near or found)]
    for k in keywords:
        if k and k.strip():
            spans += [(m.start(), m.end(), "strong") for m in re.finditer(re.escape(k.strip()), text)]
    out, last = [], 0
    # Longest first at each position; a span overlapping one already taken is dropped.
    for start, end, tag in sorted(spans, key=lambda sp: (sp[0], -(sp[1] - sp[0]))):
        if start < last:
            continue
        out.append(escape(text[last:start]))
        out.append(f"<{tag}>{escape(text[start:end])}</{tag}>")
        last = end
    out.append(escape(text[last:]))
    return "".join(out)


SUFFIX_QUALIFIERS = ("以上", "左右", "以内", "以下", "上下", "多", "余")


def figure_text(f: dict) -> str:
    """The figure with its qualifier on the side the report writes it: 超10亿元, 20%以上."""
    text, q = f.get("text") or "", f.get("qualifier") or ""
    if not q:
        return text
    context = f.get("context") or ""
    if f"{q}{text}" in context:
        return f"{q}{text}"
    if f"{text}{q}" in context or q in SUFFIX_QUALIFIERS:
        return f"{text}{q}"
    return f"{q}{text}"


def period_label(period) -> str:
    """A figure's period as shown: its label ("2026年目标"); older servers send the label itself."""
    if isinstance(period, dict):
        return str(period.get("label") or "")
    return str(period or "")


def report_label(doc: dict) -> str:
    """《2024年…政府工作报告》 for a report reference ({id, title, year}) or a citation ({doc, title, year})."""
    title = doc.get("title") or ""
    year = doc.get("year")
    if not title:
        return str(doc.get("id") or doc.get("doc") or "")
    return f"《{title}》" + (f"（{year}年）" if year and str(year) not in title else "")


def report_choices(reports: list[dict]) -> list[tuple[str, str]]:
    """(label, id) pairs for the report picker, newest first: "2024年 · 国务院 · 《…》"."""
    ordered = sorted(reports, key=lambda r: (-(r.get("year") or 0), r.get("id", "")))
    return [(" · ".join(str(x) for x in (f"{r['year']}年" if r.get("year") else "", r.get("issuer") or r.get("place"),
                                          r.get("title")) if x), r["id"]) for r in ordered]


TRACK_HEADERS = ["年份", "地区", "指标", "目标", "目标出处", "结果", "结果出处", "判断", "说明"]
VERDICT_CLASS = {"met": "rag-ok", "not met": "rag-bad"}


def track_rows(table: dict) -> list[list]:
    """Rows of the targets-against-results table."""
    rows = []
    for r in table.get("rows") or []:
        target, result = r.get("target") or {}, r.get("result") or {}
        rows.append([r.get("year"), r.get("place", ""), r.get("measure", ""), target.get("text", ""),
                     _cited(r.get("target_doc"), target), result.get("text", "") or "—",
                     _cited(r.get("result_doc"), result) if result else "", r.get("verdict_zh", ""), r.get("note", "")])
    return rows


def _cited(doc: dict | None, figure: dict) -> str:
    if not doc:
        return ""
    para = f" 第{figure['paragraph']}段" if figure.get("paragraph") else ""
    return f"{doc.get('year') or ''}年报告{para}"


def track_html(table: dict) -> str:
    """The table of targets against results, each verdict with both citations (as <details>)."""
    rows = table.get("rows") or []
    if not rows:
        return info_html(table.get("message") or "没有找到这个指标的年度目标。")
    body = []
    for r in rows:
        target, result = r.get("target") or {}, r.get("result") or {}
        cls = VERDICT_CLASS.get(r.get("verdict"), "")
        cites = "".join(f"<details><summary>{escape(label)}：{escape(report_label(c))} · "
                        f"{escape(where(c.get('section', ''), c.get('paragraph')))}</summary>"
                        f"<p>{highlight(c.get('text', ''), [fig] if fig else [])}</p></details>"
                        for label, c, fig in (("目标", r.get("target_citation"), target),
                                              ("结果", r.get("result_citation"), result)) if c)
        body.append(f"<tr><td>{escape(str(r.get('year')))}</td><td>{escape(r.get('place', ''))}</td>"
                    f"<td>{escape(r.get('measure', ''))}</td><td class=\"num\">{escape(target.get('text', ''))}</td>"
                    f"<td class=\"num\">{escape(result.get('text', '') or '—')}</td>"
                    f"<td class=\"{cls}\"><b>{escape(r.get('verdict_zh', ''))}</b></td>"
                    f"<td>{escape(r.get('note', ''))}{cites}</td></tr>")
    head = "<tr><th>年份</th><th>地区</th><th>指标</th><th>目标</th><th>结果</th><th>判断</th><th>说明与出处</th></tr>"
    return box(f"<h4>{escape(table.get('metric', ''))}：目标与结果</h4><table><thead>{head}</thead>"
               f"<tbody>{''.join(body)}</tbody></table>")


def answer_html(answer: dict) -> str:
    """The answer: short answer (or the refusal and its reason), figures table, citations as <details>."""
    parts = []
    if answer.get("question"):
        parts.append(f'<div class="rag-q">问：{escape(answer["question"])}</div>')
    figures = answer.get("figures") or []
    citations = answer.get("citations") or []
    if answer.get("refused"):
        parts.append(f'<div class="rag-refused">{REFUSED}</div>')
        if answer.get("reason"):
            parts.append(f'<div class="rag-reason">原因：{escape(answer["reason"])}</div>')
    else:
        short = answer.get("answer") or ""
        parts.append(f'<div class="rag-short">{escape(short) if short else "（没有简短答案，请看下方原文）"}</div>')
        if answer.get("doc"):
            route = f"（{answer['route']}）" if answer.get("route") else ""
            parts.append(f'<div class="rag-note">来源：{escape(report_label(answer["doc"]))}{escape(route)}</div>')
        if answer.get("other_docs"):
            others = "、".join(report_label(d) for d in answer["other_docs"])
            parts.append(f'<div class="rag-note">同样回答了这个问题的报告：{escape(others)}</div>')
        if citations:
            top = where(citations[0].get("section", ""), citations[0].get("paragraph"))
            parts.append(f'<div class="rag-note">出处：{escape(top)}</div>')
    if figures:
        rows = "".join(
            f"<tr><td>{escape(f.get('metric') or '')}</td><td class=\"num\">{escape(figure_text(f))}</td>"
            f"<td>{escape(period_label(f.get('period')))}</td><td>{escape(where('', f.get('paragraph')))}</td></tr>"
            for f in figures)
        parts.append("<h4>相关数据</h4><table><thead><tr><th>指标</th><th>数字</th><th>时期</th><th>段落</th></tr>"
                     f"</thead><tbody>{rows}</tbody></table>")
    if citations:
        needles: list = list(figures)
        short = answer.get("answer") or ""
        if not answer.get("refused") and short and len(short) <= 40 and short not in {f.get("text") for f in figures}:
            needles.append(short)
        title = "引用原文" if not answer.get("refused") else "最接近的段落，仅供参考"
        parts.append(f"<h4>{title}（{len(citations)} 段，点击展开）</h4>")
        for i, c in enumerate(citations, 1):
            is_open = " open" if i == 1 and not answer.get("refused") else ""
            report = f"{report_label(c)} · " if c.get("title") else ""
            parts.append(f"<details{is_open}><summary>[{i}] {escape(report)}"
                         f"{escape(where(c.get('section', ''), c.get('paragraph')))}"
                         f"</summary><p>{highlight(c.get('text', ''), needles)}</p></details>")
    return box("".join(parts))


def history_html(history: list[tuple[str, str]]) -> str:
    """Earlier questions of this session, newest first."""
    if not history:
        return ""
    items = "".join(f"<li>{escape(q)} → <b>{escape(a)}</b></li>" for q, a in reversed(history))
    return box(f'<h4>本次提问记录</h4><ul class="rag-hist">{items}</ul>')


def group_by_section(items: list[dict]) -> list[dict]:
    """Items with the same section together, sections in first-seen order, paragraphs ascending within."""
    order: dict[str, int] = {}
    for it in items:
        order.setdefault(it.get("section", ""), len(order))
    return sorted(items, key=lambda it: (order[it.get("section", "")], it.get("paragraph") or 0))


def commitment_rows(result: dict) -> list[list]:
    """[章节, 段落, 承诺内容, 涉及数字, 标志词] per commitment, grouped by section."""
    rows = []
    for c in group_by_section(result.get("commitments") or []):
        rows.append([(c.get("section") or "").replace(" > ", " › "), c.get("paragraph") or 0, c.get("text", ""),
                     "、".join(figure_text(f) for f in c.get("figures") or []),
                     "、".join(c.get("markers") or [])])
    return rows


def commitments_html(result: dict) -> str:
    """The commitments as one table with a heading row per section, figures highlighted."""
    commitments = group_by_section(result.get("commitments") or [])
    topic = result.get("topic", "")
    if not commitments:
        msg = result.get("message") or f"报告中没有找到与「{topic}」有关的承诺。"
        return info_html(msg)
    sections = []
    for c in commitments:
        if c.get("section", "") not in sections:
            sections.append(c.get("section", ""))
    head = (f'<div class="rag-note">与「{escape(topic)}」有关的承诺共 <b>{len(commitments)}</b> 条，'
            f"分布在 {len(sections)} 个章节。</div>")
    if result.get("message"):
        head += f'<div class="rag-note">{escape(result["message"])}</div>'
    body, current = [], None
    for c in commitments:
        if c.get("section", "") != current:
            current = c.get("section", "")
            title = current.replace(" > ", " › ") or "（未分章节）"
            body.append(f'<tr><td class="sec" colspan="3">{escape(title)}</td></tr>')
        figs = c.get("figures") or []
        body.append(f'<tr class="commitment"><td class="num">第{escape(str(c.get("paragraph") or ""))}段</td>'
                    f"<td>{highlight(c.get('text', ''), figs, [topic])}</td>"
                    f"<td class=\"figs\">{escape('、'.join(figure_text(f) for f in c.get('figures') or []))}</td></tr>")
    table = ('<table><colgroup><col style="width:9%"><col style="width:73%"><col style="width:18%"></colgroup>'
             "<thead><tr><th>段落</th><th>承诺内容</th><th>涉及数字</th></tr></thead>"
             f"<tbody>{''.join(body)}</tbody></table>")
    return box(head + table)


def figure_rows(figures: list[dict]) -> list[list]:
    """[指标, 数字, 数值, 单位, 时期, 限定, 章节, 段落] per figure."""
    return [[f.get("metric") or "", f.get("text") or "", f.get("value"), f.get("unit") or "", f.get("period") or "",
             f.get("qualifier") or "", (f.get("section") or "").replace(" > ", " › "), f.get("paragraph") or 0]
            for f in figures]


def csv_text(headers: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return buf.getvalue()


def write_csv(headers: list[str], rows: list[list], stem: str) -> str:
    """A CSV file (UTF-8 with BOM, so Excel reads the Chinese) in a fresh temp dir; returns its path."""
    safe = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", stem).strip("_")[:40] or "table"
    path = Path(tempfile.mkdtemp(prefix="rag-ui-")) / f"{safe}.csv"
    path.write_bytes(csv_text(headers, rows).encode("utf-8-sig"))
    return str(path)


def parse_jsonl(data: bytes | str) -> list[dict]:
    """Gold items of a JSON Lines file; a ValueError in Chinese names the first bad line."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError("文件不是 UTF-8 编码的 JSONL。")
    items = []
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"第 {n} 行不是合法的 JSON（第 {exc.colno} 个字符附近有误）。")
        if not isinstance(item, dict) or not item.get("question"):
            raise ValueError(f"第 {n} 行缺少 question 字段。")
        items.append(item)
    if not items:
        raise ValueError("文件里没有评测题目。")
    return items


METRIC_ZH = {
    "items": "题数", "passed": "通过", "errors": "出错", "pass_rate": "通过率",
    "answer_accuracy": "答案准确率", "figure_exact_match": "数字完全一致率",
    "evidence_hit@1": "首条引用命中率", "evidence_hit@5": "前5条引用命中率", "evidence_mrr": "引用 MRR",
    "refusal_precision": "拒答精确率", "refusal_recall": "拒答召回率", "answerable_refusal_rate": "可答题误拒率",
    "commitment_recall": "承诺召回率", "commitment_precision": "承诺精确率",
    "latency_p50_s": "耗时中位数", "latency_p95_s": "耗时 P95", "ask_latency_p50_s": "问答耗时中位数",
    "ask_latency_p95_s": "问答耗时 P95", "commitments_latency_p50_s": "承诺查询耗时中位数",
    "commitments_latency_p95_s": "承诺查询耗时 P95",
}
TYPE_ZH = {"figure": "数字题", "fact": "事实题", "en": "英文题", "unanswerable": "无答案题",
           "commitment_topic": "承诺主题", "overall": "总体", "all": "总体"}


def metric_label(key: str) -> str:
    return f"{METRIC_ZH[key]}（{key}）" if key in METRIC_ZH else key


def metric_value(key: str, v) -> str:
    """Rates as percents, latencies in seconds, counts as they are, a missing metric as a dash."""
    if v is None:
        return "—"
    if isinstance(v, bool) or isinstance(v, int) or not isinstance(v, float):
        return str(v)
    if key.endswith("_s"):
        return f"{v:.3f} 秒"
    return f"{v:.1%}" if 0 <= v <= 1 else f"{v:.4g}"


def _metric_table(metrics: dict, per_row: int = 3) -> str:
    """The overall metrics, three label/value pairs a row so the table stays short."""
    cells = [f"<th>{escape(metric_label(str(k)))}</th><td class=\"num\">{escape(metric_value(str(k), v))}</td>"
             for k, v in metrics.items() if not isinstance(v, (dict, list))]
    rows = "".join("<tr>" + "".join(cells[i:i + per_row]) + "</tr>" for i in range(0, len(cells), per_row))
    return f"<table><tbody>{rows}</tbody></table>" if rows else ""


def _type_table(by_type: dict) -> str:
    cols: list[str] = []
    for v in by_type.values():
        cols += [c for c in v if c not in cols and not isinstance(v[c], (dict, list))]
    if not cols:
        return ""
    head = "".join(f"<th>{escape(METRIC_ZH.get(c, c))}</th>" for c in cols)
    rows = "".join(f"<tr><th>{escape(TYPE_ZH.get(k, k))}</th>" + "".join(
        f"<td class=\"num\">{escape(metric_value(c, v[c])) if c in v else ''}</td>" for c in cols) + "</tr>"
        for k, v in by_type.items() if isinstance(v, dict))
    return f"<table><thead><tr><th>题型</th>{head}</tr></thead><tbody>{rows}</tbody></table>"


def eval_html(result: dict) -> str:
    """An evaluation result: overall metrics, metrics by question type, warnings, the failure count."""
    metrics = result.get("metrics") or {}
    # by type comes either as its own key or nested inside metrics
    by_type = result.get("by_type") or {k: v for k, v in metrics.items() if isinstance(v, dict)}
    if not metrics and not by_type:
        return info_html("服务没有返回评测指标。")
    parts = ["<h4>总体指标</h4>" + _metric_table(metrics)] if _metric_table(metrics) else []
    if by_type:
        parts.append("<h4>分题型指标</h4>" + _type_table(by_type))
    failures = result.get("failures") or []
    cls = "rag-ok" if not failures else "rag-note"
    parts.append(f'<div class="{cls}">未通过的题目：{len(failures)} 道' + ("，见下表。" if failures else "。") + "</div>")
    warnings = result.get("warnings") or []
    if warnings:
        parts.append("<h4>评测集提示</h4><ul>" + "".join(f"<li>{escape(str(w))}</li>" for w in warnings) + "</ul>")
    return box("".join(parts))


def _cell(v, limit: int = 300) -> str:
    """One table cell; long commitment lists are cut (the full text is in `rag eval --report`)."""
    if isinstance(v, list):
        text = "；".join(_cell(x, limit) for x in v)
    elif isinstance(v, dict):
        text = json.dumps(v, ensure_ascii=False)
    else:
        text = "" if v is None else str(v)
    return text if len(text) <= limit else text[:limit] + "…"


def failure_rows(failures: list[dict]) -> list[list]:
    """[编号, 题型, 问题, 标准答案, 系统答案, 原因] per failed gold item."""
    return [[_cell(f.get("id")), TYPE_ZH.get(f.get("type") or "", _cell(f.get("type"))), _cell(f.get("question")),
             _cell(f.get("expected")), _cell(f.get("got")), _cell(f.get("why"))] for f in failures]

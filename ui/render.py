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
# In a library each row names its report: paragraph numbers count within one report.
FIGURE_HEADERS = ["指标", "数字", "数值", "单位", "时期", "限定", "章节", "段落", "报告"]
COMMITMENT_HEADERS = ["报告", "章节", "段落", "承诺内容", "涉及数字", "标志词"]
FAILURE_HEADERS = ["编号", "题型", "问题", "标准答案", "系统答案", "原因"]

# The page's own styles, loaded once for the whole app (mount_gradio_app(css=...)). Every colour comes from
# Gradio's theme variables, so the light and the dark scheme both hold; the only colours of our own are the
# highlight's, one pair per scheme, each checked for contrast (tests/test_ui.py).
CSS = """
:root { --rag-mark-bg: #ffe08a; --rag-mark-fg: #1f1f1f; }
.dark { --rag-mark-bg: #6b5200; --rag-mark-fg: #ffffff; }
.rag-box, .rag-card { font-size: 15px; line-height: 1.7; color: var(--body-text-color); overflow-wrap: anywhere; }
.rag-q, .rag-meta, .rag-note, .rag-reason, .rag-resolved { color: var(--body-text-color); font-size: 14px; }
.rag-meta span + span::before { content: " · "; }
.rag-resolved { border-left: 3px solid var(--color-accent); padding-left: 8px; margin-bottom: 6px; }
.rag-short { font-size: 28px; font-weight: 700; color: var(--body-text-color); margin: 2px 0 6px;
             border-left: 4px solid var(--color-accent); padding-left: 10px; line-height: 1.35; }
.rag-refused { font-size: 20px; font-weight: 700; color: var(--error-text-color); margin: 4px 0; }
.rag-error { white-space: pre-wrap; background: var(--error-background-fill); color: var(--error-text-color);
             border-left: 4px solid var(--error-border-color); padding: 10px 14px; border-radius: 4px; }
.rag-info { background: var(--background-fill-secondary); color: var(--body-text-color);
            border-left: 4px solid var(--color-accent); padding: 10px 14px; border-radius: 4px; }
.rag-ok { color: var(--body-text-color); font-weight: 600; }
.rag-scroll { max-width: 100%; overflow-x: auto; -webkit-overflow-scrolling: touch; }
.rag-box table, .rag-card table { border-collapse: collapse; margin: 6px 0 12px; font-size: 14px; width: 100%;
                                  color: var(--body-text-color); background: var(--background-fill-primary); }
.rag-box th, .rag-box td, .rag-card th, .rag-card td { border: 1px solid var(--border-color-primary);
    padding: 4px 8px; text-align: left; vertical-align: top; color: var(--body-text-color); }
.rag-box th, .rag-card th { background: var(--background-fill-secondary); font-weight: 600; }
.rag-box td.num, .rag-card td.num { white-space: nowrap; }
.rag-box td.figs { font-size: 13px; }
.rag-box h4, .rag-card h4 { margin: 12px 0 6px; font-size: 15px; color: var(--body-text-color); }
.rag-box details, .rag-card details { border: 1px solid var(--border-color-primary); border-radius: 6px;
    padding: 6px 10px; margin: 6px 0; background: var(--background-fill-secondary); color: var(--body-text-color); }
.rag-card details details { background: var(--background-fill-primary); margin-top: 8px; }
.rag-box summary, .rag-card summary { cursor: pointer; font-weight: 600; color: var(--body-text-color); }
.rag-box mark, .rag-card mark { background: var(--rag-mark-bg); color: var(--rag-mark-fg); padding: 0 2px;
                                border-radius: 2px; font-weight: 700; }
.rag-box strong { font-weight: 700; text-decoration: underline; text-decoration-color: var(--color-accent); }
.rag-box .sec { background: var(--background-fill-secondary); font-weight: 600; }
.rag-box .doc { background: var(--background-fill-secondary); font-weight: 700; border-top: 3px solid var(--color-accent); }
.rag-cite p { margin: 6px 0; }
.rag-copytext { display: none; }
.rag-actions { margin: 4px 0 2px; display: flex; gap: 8px; flex-wrap: wrap; }
.rag-copy { font-size: 13px; padding: 2px 10px; border-radius: 6px; cursor: pointer;
            border: 1px solid var(--border-color-primary); background: var(--background-fill-primary);
            color: var(--body-text-color); }
.rag-copy:hover { border-color: var(--color-accent); }
#chat .message-content { max-width: 100%; }
#q-count { font-size: 12px; color: var(--body-text-color); text-align: right; min-height: 1em; }
#title h1 { margin: 4px 0; font-size: 26px; }
#title p { margin: 0; color: var(--body-text-color); }
@media (max-width: 640px) {
  .gradio-container { padding-left: 6px !important; padding-right: 6px !important; }
  #title h1 { font-size: 21px; }
  .rag-short { font-size: 24px; }
  .rag-wrap-row { flex-wrap: wrap !important; }
  .rag-wrap-row > * { min-width: 100% !important; }
  #chat { height: 62vh !important; }
  /* the commitments' figures are highlighted in their text already: the narrow third column goes */
  .rag-box th.figs, .rag-box td.figs, .rag-box col.figs { display: none; }
}
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


def highlight(text: str, figures: list = (), keywords: list[str] = (), marks: list = ()) -> str:
    """Escaped text with figures (and the given [start, end) marks) in <mark> and topic words in <strong>.

    A figure is a string or a figure dict; a dict's metric picks its own occurrence, so in
    "地区生产总值增长6%,规上工业增加值增长6%" only the first 6% lights up for 地区生产总值增长.
    """
    spans: list[tuple[int, int, str]] = [(int(a), int(b), "mark") for a, b in (m[:2] for m in marks if len(m) >= 2)
                                         if 0 <= int(a) < int(b) <= len(text)]
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
    if not q or text.startswith(q) or text.endswith(q):  # the text already holds it as written ("5%左右")
        return text
    context = f.get("context") or ""
    if f"{q}{text}" in context:
        return f"{q}{text}"
    if f"{text}{q}" in context or q in SUFFIX_QUALIFIERS:
        return f"{text}{q}"
    return f"{q}{text}"


CONFIDENCE_ZH = {"high": "高", "medium": "中", "low": "低"}


def _label(value) -> str:
    """A period's or a document's label: a string, or a structured value ({"label"} / {"title"} / {"id"})."""
    if isinstance(value, dict):
        for key in ("label", "title", "id"):
            if isinstance(value.get(key), str) and value[key]:
                return value[key]
        return ""
    return "" if value is None else str(value)


def answer_period(answer: dict) -> str:
    if answer.get("period"):
        return _label(answer["period"])
    figures = answer.get("figures") or []
    return _label(figures[0].get("period")) if figures and not answer.get("refused") else ""


def answer_doc(answer: dict, documents: dict | None = None) -> str:
    """The report an answer comes from, 《title》 and year (from the answer, or its first citation), else its id."""
    doc = answer.get("doc")
    if doc:
        return report_label(doc) if isinstance(doc, dict) else report_name(str(doc), documents)
    citations = answer.get("citations") or []
    return citation_report(citations[0], documents) if citations else ""


def report_name(doc_id: str, documents: dict | None = None) -> str:
    """《title》（year） of a report id from GET /api/documents' entries (by id), else the id itself."""
    info = (documents or {}).get(doc_id)
    return report_label({"id": doc_id, **info}) if isinstance(info, dict) else str(doc_id or "")


def citation_report(citation: dict, documents: dict | None = None) -> str:
    """The report a citation (or a commitment, a figure) comes from: its own title and year, else the
    documents' entry of its doc id, else the id ("" when it names none)."""
    if citation.get("title"):
        return report_label(citation)
    return report_name(citation.get("doc") or "", documents)


def citation_labels(citations: list[dict], paragraphs: dict | None = None) -> list[str]:
    """'三、… · 第28段' per citation; pieces of one paragraph get their part ('第28段 第2部分') so no two read alike."""
    paragraphs = paragraphs or {}
    count: dict[tuple, int] = {}
    for c in citations:
        key = (c.get("doc"), c.get("paragraph"))
        count[key] = count.get(key, 0) + 1
    labels, seen = [], {}
    for c in citations:
        key = (c.get("doc"), c.get("paragraph"))
        label = where(c.get("section", ""), c.get("paragraph"))
        para = paragraphs.get(key) or {}
        pieces = para.get("passages") or []
        if c.get("text") in pieces and len(pieces) > 1:
            label += f" 第{pieces.index(c['text']) + 1}部分（共{len(pieces)}部分）"
        elif count[key] > 1:
            seen[key] = seen.get(key, 0) + 1
            label += f" 片段{seen[key]}"
        labels.append(label)
    return labels


def answer_plain(answer: dict, documents: dict | None = None) -> str:
    """The answer as plain text for the copy button: question, answer, where it stands, the first citation."""
    lines = [f"问：{answer.get('question', '')}"]
    if answer.get("resolved_question") and answer["resolved_question"] != answer.get("question"):
        lines.append(f"（理解为：{answer['resolved_question']}）")
    if answer.get("refused"):
        lines.append(f"答：{REFUSED}" + (f"（{answer['reason']}）" if answer.get("reason") else ""))
    else:
        lines.append(f"答：{answer.get('answer') or '（见原文）'}")
    citations = answer.get("citations") or []
    if citations:
        c = citations[0]
        doc = citation_report(c, documents)
        lines.append(f"出处：{doc + ' ' if doc else ''}{where(c.get('section', ''), c.get('paragraph'))}")
        lines.append(f"原文：{c.get('text', '')}")
    return "\n".join(lines)


def copy_button(label: str, text: str) -> str:
    """A copy button (page script in ui/app.py): it copies the hidden text beside it."""
    return (f'<span class="rag-copyable"><button class="rag-copy" type="button" title="{escape(label)}">'
            f'{escape(label)}</button><span class="rag-copytext">{escape(text)}</span></span>')


def answer_html(answer: dict, paragraphs: dict | None = None, documents: dict | None = None) -> str:
    """The answer card: short answer (or the refusal and its reason), report, period and confidence, figures,
    citations (the first open) each with the whole paragraph around it, and copy buttons.

    paragraphs maps (doc, paragraph) to GET /api/paragraph's JSON, documents a document id to GET
    /api/documents' entry, where the UI fetched them.
    """
    paragraphs = paragraphs or {}
    doc_name = answer_doc(answer, documents)
    parts = []
    question, resolved = answer.get("question") or "", answer.get("resolved_question") or ""
    if resolved and resolved != question:
        parts.append(f'<div class="rag-resolved">按上文理解为：{escape(resolved)}</div>')
    figures = answer.get("figures") or []
    citations = answer.get("citations") or []
    if answer.get("refused"):
        parts.append(f'<div class="rag-refused">{REFUSED}</div>')
        if answer.get("reason"):
            parts.append(f'<div class="rag-reason">原因：{escape(answer["reason"])}</div>')
    else:
        short = answer.get("answer") or ""
        parts.append(f'<div class="rag-short">{escape(short) if short else "（没有简短答案，请看下方原文）"}</div>')
    meta = []
    if doc_name:
        meta.append(f"报告：{escape(doc_name)}")
    if answer_period(answer):
        meta.append(f"时期：{escape(answer_period(answer))}")
    if answer.get("confidence"):
        meta.append(f"可信度：{escape(CONFIDENCE_ZH.get(answer['confidence'], str(answer['confidence'])))}")
    if citations and not answer.get("refused"):
        meta.append(f"出处：{escape(where(citations[0].get('section', ''), citations[0].get('paragraph')))}")
    if meta:
        parts.append('<div class="rag-meta">' + "".join(f"<span>{m}</span>" for m in meta) + "</div>")
    # in a library: why the question's words chose that report (the meta line names it already; a picked
    # scope has no route)
    if answer.get("doc") and answer.get("route") and not answer.get("refused"):
        parts.append(f'<div class="rag-note">来源：{escape(report_label(answer["doc"]))}（{escape(answer["route"])}）</div>')
    if answer.get("other_docs"):
        others = "、".join(report_label(d) for d in answer["other_docs"])
        parts.append(f'<div class="rag-note">同样回答了这个问题的报告：{escape(others)}</div>')
    parts.append(f'<div class="rag-actions">{copy_button("复制答案", answer_plain(answer, documents))}</div>')
    if figures:
        rows = "".join(
            f"<tr><td>{escape(f.get('metric') or '')}</td><td class=\"num\">{escape(figure_text(f))}</td>"
            f"<td class=\"num\">{escape(_label(f.get('period')))}</td><td class=\"num\">{escape(where('', f.get('paragraph')))}</td></tr>"
            for f in figures)
        parts.append('<h4>相关数据</h4><div class="rag-scroll"><table><thead><tr><th>指标</th><th>数字</th><th>时期</th>'
                     f"<th>段落</th></tr></thead><tbody>{rows}</tbody></table></div>")
    if citations:
        needles: list = list(figures)
        short = answer.get("answer") or ""
        if not answer.get("refused") and short and len(short) <= 40 and short not in {f.get("text") for f in figures}:
            needles.append(short)
        title = "引用原文" if not answer.get("refused") else "最接近的段落，仅供参考"
        parts.append(f"<h4>{title}（{len(citations)} 段）</h4>")
        labels = citation_labels(citations, paragraphs)
        for i, (c, label) in enumerate(zip(citations, labels), 1):
            is_open = " open" if i == 1 and not answer.get("refused") else ""
            text = c.get("text", "")
            para = paragraphs.get((c.get("doc"), c.get("paragraph"))) or {}
            whole = ""
            if para.get("text") and para["text"] != text:
                whole = (f"<details><summary>查看整段原文（第{escape(str(c.get('paragraph')))}段）</summary>"
                         f"<p>{highlight(para['text'], needles)}</p></details>")
            name = citation_report(c, documents)  # each its own: in a library they may come from several
            cite_plain = f"{text}\n——{name + ' ' if name else ''}{label}"
            marks = c.get("highlight") or []
            report = f"{name} · " if name else ""
            parts.append(f'<details class="rag-cite"{is_open}><summary>[{i}] {escape(report + label)}</summary>'
                         f"<p>{highlight(text, [] if marks else needles, marks=marks)}</p>{whole}"
                         f'<div class="rag-actions">{copy_button("复制引文", cite_plain)}</div></details>')
    return f'<div class="rag-card">{"".join(parts)}</div>'


def turn_record(answer: dict, documents: dict | None = None) -> dict:
    """What the page keeps of an answer: the history a follow-up is resolved against, and what feedback sends."""
    figures = answer.get("figures") or []
    doc_id = (answer.get("citations") or [{}])[0].get("doc")
    info = (documents or {}).get(doc_id) or {}
    doc = answer.get("doc") or ({"id": doc_id, **{k: info[k] for k in ("title", "year", "place") if info.get(k)}}
                                if doc_id else None)
    return {"question": answer.get("question", ""), "resolved_question": answer.get("resolved_question", ""),
            "answer": answer.get("answer", ""), "refused": bool(answer.get("refused")),
            "metric": (figures[0].get("metric") or "") if figures else "",
            "period": answer.get("period") or (figures[0].get("period") if figures else None),
            "doc": doc,
            "citations": [{k: c.get(k) for k in ("doc", "section", "paragraph", "text")}
                          for c in (answer.get("citations") or [])[:5]]}


def group_by_section(items: list[dict]) -> list[dict]:
    """Items of one report together and within it those of one section, both in first-seen order (the
    best first), paragraphs ascending within a section: two reports' sections of one name stay apart."""
    docs: dict[str, int] = {}
    order: dict[tuple[str, str], int] = {}
    for it in items:
        docs.setdefault(it.get("doc") or "", len(docs))
        order.setdefault((it.get("doc") or "", it.get("section", "")), len(order))
    return sorted(items, key=lambda it: (docs[it.get("doc") or ""], order[(it.get("doc") or "", it.get("section", ""))],
                                         it.get("paragraph") or 0))


def commitment_rows(result: dict, documents: dict | None = None) -> list[list]:
    """[报告, 章节, 段落, 承诺内容, 涉及数字, 标志词] per commitment, grouped by report and section."""
    rows = []
    for c in group_by_section(result.get("commitments") or []):
        rows.append([citation_report(c, documents), (c.get("section") or "").replace(" > ", " › "),
                     c.get("paragraph") or 0, c.get("text", ""),
                     "、".join(figure_text(f) for f in c.get("figures") or []),
                     "、".join(c.get("markers") or [])])
    return rows


def commitments_html(result: dict, documents: dict | None = None) -> str:
    """The commitments as one table with a heading row per report (its title and year) and per section,
    figures highlighted."""
    commitments = group_by_section(result.get("commitments") or [])
    topic = result.get("topic", "")
    if not commitments:
        msg = result.get("message") or f"报告中没有找到与「{topic}」有关的承诺。"
        return info_html(msg)
    sections = {(c.get("doc") or "", c.get("section", "")) for c in commitments}
    reports = {c.get("doc") or "" for c in commitments}
    spread = f"{len(reports)} 份报告的 " if len(reports) > 1 else ""
    head = (f'<div class="rag-note">与「{escape(topic)}」有关的承诺共 <b>{len(commitments)}</b> 条，'
            f"分布在 {spread}{len(sections)} 个章节。</div>")
    if result.get("message"):
        head += f'<div class="rag-note">{escape(result["message"])}</div>'
    body, current, report = [], None, None
    for c in commitments:
        if (c.get("doc") or "") != report:
            report, current = c.get("doc") or "", None
            name = citation_report(c, documents)
            if name:
                body.append(f'<tr><td class="doc" colspan="3">{escape(name)}</td></tr>')
        if c.get("section", "") != current:
            current = c.get("section", "")
            title = current.replace(" > ", " › ") or "（未分章节）"
            body.append(f'<tr><td class="sec" colspan="3">{escape(title)}</td></tr>')
        figs = c.get("figures") or []
        body.append(f'<tr class="commitment"><td class="num">第{escape(str(c.get("paragraph") or ""))}段</td>'
                    f"<td>{highlight(c.get('text', ''), figs, [topic])}</td>"
                    f"<td class=\"figs\">{escape('、'.join(figure_text(f) for f in c.get('figures') or []))}</td></tr>")
    table = ('<table><colgroup><col style="width:9%"><col style="width:73%"><col class="figs" style="width:18%">'
             '</colgroup><thead><tr><th>段落</th><th>承诺内容</th><th class="figs">涉及数字</th></tr></thead>'
             f"<tbody>{''.join(body)}</tbody></table>")
    return box(head + table)


def figure_rows(figures: list[dict], documents: dict | None = None) -> list[list]:
    """[指标, 数字, 数值, 单位, 时期, 限定, 章节, 段落, 报告] per figure."""
    return [[f.get("metric") or "", f.get("text") or "", f.get("value"), f.get("unit") or "", _label(f.get("period")),
             f.get("qualifier") or "", (f.get("section") or "").replace(" > ", " › "), f.get("paragraph") or 0,
             citation_report(f, documents)]
            for f in figures]


def csv_value(v):
    """A cell as a spreadsheet reads it: nothing for None, 47000 (not 47000.0) for a whole number."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e16:
        return int(v)
    return v


def number_text(v) -> str:
    """A value with thousands separators: 12,500,000,000 and 6.5 (None as nothing)."""
    if v is None or isinstance(v, bool) or not isinstance(v, (int, float)):
        return "" if v is None else str(v)
    if isinstance(v, float) and not v.is_integer():
        return f"{v:,.6f}".rstrip("0").rstrip(".")
    return f"{int(v):,}"


def csv_text(headers: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([csv_value(v) for v in row] for row in rows)
    return buf.getvalue()


def write_csv(headers: list[str], rows: list[list], stem: str, folder: str | Path | None = None) -> str:
    """A CSV file (UTF-8 with BOM, so Excel reads the Chinese) in folder (a fresh temp dir if none); its path."""
    safe = re.sub(r"[^\w\u4e00-\u9fff-]+", "_", stem).strip("_")[:40] or "table"
    folder = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="rag-ui-"))
    path = Path(tempfile.mkdtemp(prefix="csv-", dir=folder)) / f"{safe}.csv"
    path.write_bytes(csv_text(headers, rows).encode("utf-8-sig"))
    return str(path)


GOLD_TYPES = {"figure": "数字题", "fact": "事实题", "en": "英文题", "unanswerable": "无答案题", "commitment_topic": "承诺主题"}
# What the evaluation tab's text lists, and so what a line must have: the page and this check say the same.
GOLD_FIELDS_TEXT = ("每行一道题，字段：id（编号）、type（题型：figure、fact、en、unanswerable 或 commitment_topic）、"
                    "question（问题）、answer（标准答案）、evidence（原文证据）；承诺主题题用 evidence_list"
                    "（承诺原文列表）代替 answer 和 evidence，无答案题的 answer 和 evidence 留空。lang 可省略，按问题自动判断。")
MAX_UPLOAD_BYTES = 4 * 1024 * 1024  # the server's limit on an evaluation request (rag.api.MAX_EVAL_BODY_BYTES)
MAX_UPLOAD_ITEMS = 1000
_ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _text_field(item: dict, key: str, n: int) -> str:
    value = item.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError(f"第 {n} 行缺少 {key} 字段。")
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise ValueError(f"第 {n} 行的 {key} 字段应为文字。")
    return str(value).strip()


def gold_item(item, n: int) -> dict:
    """One line checked against the fields the page lists; lang filled in from the question when missing."""
    if not isinstance(item, dict):
        raise ValueError(f"第 {n} 行不是一个 JSON 对象（应为 {{\"id\": …, \"question\": …}}）。")
    out = dict(item)
    out["id"] = _text_field(item, "id", n)
    kind = _text_field(item, "type", n)
    if kind not in GOLD_TYPES:
        raise ValueError(f"第 {n} 行的 type「{kind[:20]}」无效，应为 {'、'.join(GOLD_TYPES)} 之一。")
    out["type"] = kind
    out["question"] = _text_field(item, "question", n)
    if kind in ("figure", "fact", "en"):
        out["answer"] = _text_field(item, "answer", n)
        out["evidence"] = _text_field(item, "evidence", n)
    elif kind == "unanswerable":
        if (item.get("answer") or "").strip() or (item.get("evidence") or "").strip():
            raise ValueError(f"第 {n} 行是无答案题，answer 和 evidence 应留空。")
        out["answer"], out["evidence"] = "", ""
    else:
        ev = item.get("evidence_list")
        if not isinstance(ev, list) or not ev or not all(isinstance(e, str) and e.strip() for e in ev):
            raise ValueError(f"第 {n} 行是承诺主题题，需要 evidence_list 字段（非空的承诺原文列表）。")
    lang = item.get("lang")
    if lang is None or lang == "":
        q = out["question"]
        out["lang"] = "en" if len(_ASCII_WORD.findall(q)) * 2 > len(_CJK.findall(q)) else "zh"
    elif lang not in ("zh", "en"):
        raise ValueError(f"第 {n} 行的 lang 应为 zh 或 en（也可省略）。")
    return out


def parse_jsonl(data: bytes | str) -> list[dict]:
    """Gold items of a JSON Lines file, checked line by line; a ValueError in Chinese names the first bad line."""
    if isinstance(data, bytes):
        if len(data) > MAX_UPLOAD_BYTES:
            raise ValueError(f"文件太大：最多 {MAX_UPLOAD_BYTES // (1024 * 1024)} MB。")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError("文件不是 UTF-8 编码的 JSONL。")
    data = data.removeprefix("\ufeff")
    items, ids = [], set()
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"第 {n} 行不是合法的 JSON（第 {exc.colno} 个字符附近有误）。")
        item = gold_item(item, n)
        if item["id"] in ids:
            raise ValueError(f"第 {n} 行的编号 {item['id'][:40]} 与前面的题重复。")
        ids.add(item["id"])
        items.append(item)
        if len(items) > MAX_UPLOAD_ITEMS:
            raise ValueError(f"题目太多：最多 {MAX_UPLOAD_ITEMS} 道。")
    if not items:
        raise ValueError("文件里没有评测题目。")
    return items


WHY_ZH = [
    (re.compile(r"^missed (\d+) of (\d+) commitments: (.*)$", re.S), r"漏掉了 \2 条承诺中的 \1 条：\3"),
    (re.compile(r"^answered an unanswerable question$"), "回答了报告中没有答案的问题"),
    (re.compile(r"^refused an answerable question$"), "拒答了报告中有答案的问题"),
    (re.compile(r"^wrong answer$"), "答案不对"),
    (re.compile(r"^empty answer$"), "没有给出答案"),
    (re.compile(r"^evidence not in the (\d+) citations \(top citation: (.*)\)$", re.S), r"\1 段引用中没有标准证据（第一段引用：\2）"),
    (re.compile(r"^evidence not in the (\d+) citations \(no citations\)$"), "没有引用任何段落"),
    (re.compile(r"^error: (.*)$", re.S), r"评测出错：\1"),
    (re.compile(r"^\(refused: (.*)\)$", re.S), r"（拒答：\1）"),
    (re.compile(r"^(.*): evidence not found in the corpus: (.*)$", re.S), r"\1：证据原文在语料中找不到：\2"),
]


def why_text(text: str) -> str:
    """An evaluation's English reason (rag/evaluation.py) in Chinese; each '; '-joined part on its own."""
    out = []
    for part in str(text).split("; "):
        for pattern, zh in WHY_ZH:
            if pattern.match(part):
                part = pattern.sub(zh, part)
                break
        out.append(part)
    return "；".join(out)


METRIC_ZH = {
    "items": "题数", "passed": "通过", "errors": "出错", "pass_rate": "通过率",
    "answer_accuracy": "答案准确率", "figure_exact_match": "数字完全一致率",
    "evidence_hit@1": "首条引用命中率", "evidence_hit@5": "前5条引用命中率", "evidence_mrr": "引用 MRR",
    "refusal_precision": "拒答精确率", "refusal_recall": "拒答召回率", "answerable_refusal_rate": "可答题误拒率",
    "commitment_recall": "承诺召回率", "commitment_precision": "承诺精确率",
    "latency_p50_s": "耗时中位数", "latency_p95_s": "耗时 P95", "ask_latency_p50_s": "问答耗时中位数",
    "ask_latency_p95_s": "问答耗时 P95", "commitments_latency_p50_s": "承诺查询耗时中位数",
    "commitments_latency_p95_s": "承诺查询耗时 P95", "seconds": "总耗时",
    "fact_exact_span": "事实题答案完全一致率", "highlight_ok": "原文标注正确率",
}
_CONFIDENCE_METRIC = re.compile(r"^confidence_(high|medium|low)_(right|n)$")
TYPE_ZH = {"figure": "数字题", "fact": "事实题", "en": "英文题", "unanswerable": "无答案题",
           "commitment_topic": "承诺主题", "overall": "总体", "all": "总体"}


def metric_label(key: str) -> str:
    m = _CONFIDENCE_METRIC.match(key)
    if m:
        level = {"high": "高", "medium": "中", "low": "低"}[m.group(1)]
        return f"{level}可信度答对率" if m.group(2) == "right" else f"{level}可信度题数"
    return METRIC_ZH.get(key, key)


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
    return f'<div class="rag-scroll"><table><tbody>{rows}</tbody></table></div>' if rows else ""


def _type_table(by_type: dict) -> str:
    cols: list[str] = []
    for v in by_type.values():
        cols += [c for c in v if c not in cols and not isinstance(v[c], (dict, list))]
    if not cols:
        return ""
    head = "".join(f"<th>{escape(metric_label(c))}</th>" for c in cols)
    rows = "".join(f"<tr><th>{escape(TYPE_ZH.get(k, k))}</th>" + "".join(
        f"<td class=\"num\">{escape(metric_value(c, v[c])) if c in v else ''}</td>" for c in cols) + "</tr>"
        for k, v in by_type.items() if isinstance(v, dict))
    return f'<div class="rag-scroll"><table><thead><tr><th>题型</th>{head}</tr></thead><tbody>{rows}</tbody></table></div>'


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
        parts.append("<h4>评测集提示</h4><ul>" + "".join(f"<li>{escape(why_text(w))}</li>" for w in warnings) + "</ul>")
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
             _cell(f.get("expected")), why_text(_cell(f.get("got"))), why_text(_cell(f.get("why")))] for f in failures]


# --- the library: report names and the cross-year table (issue 13) ---

VERDICT_CLASS = {"met": "rag-ok", "not met": "rag-bad"}


def _cited(doc: dict | None, figure: dict) -> str:
    """《title》（year） 第N段: where a target or a result stands."""
    if not doc:
        return ""
    para = f" 第{figure['paragraph']}段" if figure.get("paragraph") else ""
    return f"{report_label(doc)}{para}"


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
    """(label, id) pairs for the report picker (GET /api/documents' entries), newest first, labelled as
    answers name them: 《title》 and the year where the title lacks it; two alike get their place or id."""
    ordered = sorted((r for r in reports if isinstance(r, dict) and r.get("id")),
                     key=lambda r: (-(r.get("year") or 0), r.get("title") or "", r["id"]))
    labels = [report_label(r) for r in ordered]
    return [(label if labels.count(label) == 1 else f"{label} · {r.get('place') or r.get('issuer') or r['id']}", r["id"])
            for label, r in zip(labels, ordered)]


TRACK_HEADERS = ["年份", "地区", "指标", "目标", "目标出处", "结果", "结果出处", "判断", "说明"]


def track_rows(table: dict) -> list[list]:
    """Rows of the targets-against-results table."""
    rows = []
    for r in table.get("rows") or []:
        target, result = r.get("target") or {}, r.get("result") or {}
        rows.append([r.get("year"), r.get("place", ""), r.get("measure", ""), target.get("text", ""),
                     _cited(r.get("target_doc"), target), result.get("text", "") or "—",
                     _cited(r.get("result_doc"), result) if result else "", r.get("verdict_zh", ""), r.get("note", "")])
    return rows


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

"""Human-readable output of answers for the terminal, in Chinese."""

from __future__ import annotations

from .models import Answer

BOLD, YELLOW, DIM, RESET = "\033[1m", "\033[33m", "\033[2m", "\033[0m"


def highlight(text: str, spans: list[list[int]], color: bool) -> str:
    """The text with the answer marked at its offsets (not every equal string)."""
    out, last = [], 0
    for start, end in sorted(spans):
        piece = text[start:end]
        out += [text[last:start], f"{YELLOW}{BOLD}{piece}{RESET}" if color else f"【{piece}】"]
        last = end
    return "".join(out) + text[last:]


def report_name(title: str, year: int | None, doc_id: str = "") -> str:
    """《2024年…政府工作报告》, or the id when the title is unknown."""
    if title:
        return f"《{title}》" + ("" if year is None or str(year) in title else f"（{year}年）")
    return doc_id


def render_answer(answer: Answer, color: bool = False) -> str:
    b, r = (BOLD, RESET) if color else ("", "")
    lines = []
    if answer.refused:
        lines.append(f"{b}答案:{r} 报告中没有找到答案。" + (f"({answer.reason})" if answer.reason else ""))
    else:
        lines.append(f"{b}答案:{r} {answer.answer}")
    if answer.doc is not None:
        lines.append(f"{b}来源:{r} {report_name(answer.doc.title, answer.doc.year, answer.doc.id)}"
                     + (f"（{answer.route}）" if answer.route else ""))
    if answer.other_docs:
        lines.append(f"{b}同样回答了这个问题的报告:{r} "
                     + "、".join(report_name(d.title, d.year, d.id) for d in answer.other_docs))
    if answer.figures:
        lines.append(f"\n{b}数据:{r}")
        for f in answer.figures:
            q = f"({f.qualifier})" if f.qualifier else ""
            lines.append(f"  {f.text}{q}  {f.metric}  [{f.period.label}]  ¶{f.paragraph}")
    if answer.citations:
        lines.append(f"\n{b}出处:{r}")
        for i, c in enumerate(answer.citations, 1):
            report = f"《{c.title}》 " if c.title else ""
            lines.append(f"  {i}. {report}{c.section} 第{c.paragraph}段 (score {c.score:.3f})")
            lines.append(f"     {highlight(c.text, c.highlight, color)}")
    return "\n".join(lines)

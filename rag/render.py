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


def render_answer(answer: Answer, color: bool = False) -> str:
    b, r = (BOLD, RESET) if color else ("", "")
    lines = []
    if answer.refused:
        lines.append(f"{b}答案:{r} 报告中没有找到答案。" + (f"({answer.reason})" if answer.reason else ""))
    else:
        lines.append(f"{b}答案:{r} {answer.answer}")
    if answer.figures:
        lines.append(f"\n{b}数据:{r}")
        for f in answer.figures:
            q = f"({f.qualifier})" if f.qualifier else ""
            lines.append(f"  {f.text}{q}  {f.metric}  [{f.period.label}]  ¶{f.paragraph}")
    if answer.citations:
        lines.append(f"\n{b}出处:{r}")
        for i, c in enumerate(answer.citations, 1):
            lines.append(f"  {i}. {c.section} 第{c.paragraph}段 (score {c.score:.3f})")
            lines.append(f"     {highlight(c.text, c.highlight, color)}")
    return "\n".join(lines)

"""Human-readable output of answers for the terminal, in Chinese."""

from __future__ import annotations

from .models import Answer

BOLD, YELLOW, DIM, RESET = "\033[1m", "\033[33m", "\033[2m", "\033[0m"


def highlight(text: str, needles: list[str], color: bool) -> str:
    for needle in sorted(set(n for n in needles if n), key=len, reverse=True):
        text = text.replace(needle, f"{YELLOW}{BOLD}{needle}{RESET}" if color else f"【{needle}】")
    return text


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
        needles = [f.text for f in answer.figures] + ([answer.answer] if answer.answer else [])
        for i, c in enumerate(answer.citations, 1):
            lines.append(f"  {i}. {c.section} 第{c.paragraph}段 (score {c.score:.3f})")
            lines.append(f"     {highlight(c.text, needles, color)}")
    return "\n".join(lines)

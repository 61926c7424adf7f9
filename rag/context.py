"""The text around a citation: the whole paragraph its passage was cut from."""

from __future__ import annotations

from .models import Passage, ParagraphText


def paragraph_of(passages: list[Passage], doc: str, number: int) -> ParagraphText | None:
    """The paragraph `number` of document `doc`, rebuilt from its passages (cut without overlap), or None."""
    parts = [p for p in passages if p.doc == doc and p.paragraph == number]
    if not parts:
        return None
    return ParagraphText(doc=doc, section=parts[0].section, paragraph=number, text="".join(p.text for p in parts),
                         passages=[p.text for p in parts])

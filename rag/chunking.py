"""Paragraph -> passages of whole sentences, at most ~300 characters, with stable ids."""

from __future__ import annotations

import hashlib
import re

from .documents import Paragraph
from .models import Passage

# A sentence ends at 。！？；(and their ASCII forms), closing quotes and brackets stay with it.
SENTENCE_RE = re.compile(r"[^。！？；!?;]+(?:[。！？；!?;]+[”’」』)）]*)?")
CLAUSE_RE = re.compile(r"[^，,、：:]+[，,、：:]?")


def sentences(text: str) -> list[str]:
    """Split text into sentences, keeping the end marks."""
    return [s for s in (m.group(0).strip() for m in SENTENCE_RE.finditer(text)) if s]


def _pack(pieces: list[str], max_chars: int, target: float = float("inf")) -> list[str]:
    """Greedily join pieces into chunks of at most max_chars, closing a chunk once it reaches target."""
    out: list[str] = []
    buf = ""
    for piece in pieces:
        if buf and (len(buf) + len(piece) > max_chars or len(buf) >= target):
            out.append(buf)
            buf = ""
        buf += piece
    if buf:
        out.append(buf)
    return out


def _pieces(text: str, max_chars: int) -> list[str]:
    """Sentences, with any sentence longer than max_chars cut at commas (then hard-cut)."""
    out: list[str] = []
    for sent in sentences(text):
        if len(sent) <= max_chars:
            out.append(sent)
            continue
        clauses = [m.group(0) for m in CLAUSE_RE.finditer(sent)]
        cut = [c[i:i + max_chars] for c in clauses for i in range(0, len(c), max_chars)]
        out.extend(_pack(cut, max_chars))
    return out


def split_paragraph(text: str, max_chars: int = 300) -> list[str]:
    """Pack whole sentences into passages of at most max_chars, balanced so the last is not a stub."""
    pieces = _pieces(text, max_chars)
    total = sum(map(len, pieces))
    if total <= max_chars:
        return ["".join(pieces)] if pieces else []
    n_parts = -(-total // max_chars)
    return _pack(pieces, max_chars, target=total / n_parts)


def passage_id(doc: str, text: str, occurrence: int = 0) -> str:
    """Stable id from the document and the passage text (and its occurrence, for repeated text)."""
    digest = hashlib.sha1(f"{doc}\n{text}\n{occurrence}".encode()).hexdigest()[:16]
    return f"{doc}:{digest}"


def chunk(paragraphs: list[Paragraph], max_chars: int = 300) -> list[Passage]:
    """Every paragraph as passages, the section path and lead phrase carried along."""
    seen: dict[tuple[str, str], int] = {}
    out: list[Passage] = []
    for para in paragraphs:
        for text in split_paragraph(para.text, max_chars):
            key = (para.doc, text)
            occurrence = seen.get(key, 0)
            seen[key] = occurrence + 1
            out.append(Passage(id=passage_id(para.doc, text, occurrence), doc=para.doc,
                               paragraph=para.number, section=para.section, lead=para.lead, period=para.period,
                               text=text))
    return out

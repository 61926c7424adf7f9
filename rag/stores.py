"""Where an index lives, chosen by one config string: the default FAISS directory, or Milvus.

    faiss              the embedded index directory (--index DIR): FAISS + bm25s files, one machine
    faiss:DIR          the same, naming the directory here
    milvus:./lib.db    Milvus collections in a milvus-lite file (pip install 'rag[milvus]')
    milvus:http://host:19530   a Milvus server or cluster; a token in $RAG_MILVUS_TOKEN when it asks for one

A store builds and loads an index. What it loads answers to the same calls whatever the backend
(`dense_search`, `lexical_search`, `figure_similarity`, `bigram_counts`, the documents and manifest,
and the whole-library lists of passages, figures and commitments), so retrieval and answering above it
do not know which backend they have.
"""

from __future__ import annotations

import json
import re
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from .errors import IndexStateError
from .models import Commitment, DocumentInfo, Passage

FAISS = "faiss"
MILVUS = "milvus"
YEAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class Where:
    """A filter on what is searched: only these documents and / or these years (None: any)."""

    docs: frozenset[str] | None = None
    years: frozenset[int] | None = None

    def admits(self, doc: str, year: int | None) -> bool:
        return ((self.docs is None or doc in self.docs)
                and (self.years is None or (year is not None and year in self.years)))

    def expr(self) -> str:
        """The same filter as a Milvus boolean expression over the `doc` and `year` fields."""
        parts = []
        if self.docs is not None:
            parts.append(f"doc in [{', '.join(_quote(d) for d in sorted(self.docs))}]")
        if self.years is not None:
            parts.append(f"year in [{', '.join(str(int(y)) for y in sorted(self.years))}]")
        return " and ".join(parts)


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def document_year(info: DocumentInfo) -> int | None:
    """The year a report is of: its own field where the document model has one, else the first year
    in its id or title (national-2024-government-work-report, 2024年政府工作报告)."""
    year = getattr(info, "year", None)
    if isinstance(year, int):
        return year
    for text in (info.doc, info.title):
        m = YEAR_RE.search(text or "")
        if m:
            return int(m.group(1))
    return None


class Index(Protocol):
    """What a loaded index answers, whatever its backend."""

    manifest: dict

    @property
    def embedder(self) -> str: ...

    @property
    def documents(self) -> list[DocumentInfo]: ...

    # whole-library lists: the figure table, commitments by topic
    passages: list[Passage]
    commitments: list[Commitment]
    commitment_vectors: np.ndarray | None

    @property
    def figures(self) -> list: ...

    # per question
    def dense_search(self, qvec: np.ndarray, k: int, where: Where | None = None) -> list[tuple[Passage, float]]: ...

    def lexical_search(self, query: str, k: int, where: Where | None = None) -> list[tuple[Passage, float]]: ...

    def figure_similarity(self, qvec: np.ndarray, passages: list[Passage]) -> dict[tuple[str, int], float]: ...

    def bigram_counts(self) -> tuple[dict[str, int], int]: ...

    def cached_vectors(self) -> dict[str, np.ndarray]: ...


class Store(Protocol):
    """Builds and loads one index."""

    location: Path | str  # the index directory, or "milvus:URI"

    def describe(self) -> str: ...

    def build_lock(self) -> AbstractContextManager: ...

    def previous_vectors(self, embedder: str) -> dict[str, np.ndarray]: ...

    def write(self, manifest: dict, passages: list[Passage], commitments: list[Commitment], vectors: np.ndarray,
              commitment_vectors: np.ndarray, figure_vectors: np.ndarray) -> None: ...

    def load(self, embedder: str | None = None) -> Index: ...


class FaissStore:
    """The index directory of store.py: FAISS for vectors, bm25s for BM25, written whole or not at all."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self.location = self.index_dir

    def describe(self) -> str:
        return str(self.index_dir)

    @contextmanager
    def build_lock(self):
        from .store import build_lock, clean_stale

        with build_lock(self.index_dir):
            clean_stale(self.index_dir)
            yield

    def previous_vectors(self, embedder: str) -> dict[str, np.ndarray]:
        """Vectors of the index being replaced, when it was built with the same embedder."""
        from .store import load_index

        try:
            old = load_index(self.index_dir)
        except IndexStateError:
            return {}
        return old.cached_vectors() if old.embedder == embedder else {}

    def write(self, manifest, passages, commitments, vectors, commitment_vectors, figure_vectors) -> None:
        import bm25s

        from .store import write_index
        from .text import tokenize

        bm25 = bm25s.BM25()
        bm25.index([tokenize(p.indexed_text()) or ["∅"] for p in passages], show_progress=False)
        write_index(self.index_dir, manifest, passages, commitments, vectors, bm25, commitment_vectors,
                    figure_vectors)

    def load(self, embedder: str | None = None):
        from .store import load_index

        return load_index(self.index_dir, embedder)


def parse_store(spec: str | None) -> tuple[str, str | None]:
    """("faiss", DIR or None) or ("milvus", URI) for a --store value, or a one-line error."""
    spec = (spec or FAISS).strip()
    kind, _, rest = spec.partition(":")
    if kind == FAISS:
        return FAISS, rest or None
    if kind == MILVUS and rest:
        return MILVUS, rest
    raise IndexStateError(f"unknown store {spec!r}: use 'faiss' (the index directory), 'milvus:./lib.db' "
                          "(milvus-lite in a file) or 'milvus:http://host:19530' (a Milvus server)")


def open_store(config) -> Store:
    """The store config.store names (config.index_dir is the FAISS directory unless the spec names one)."""
    kind, where = parse_store(getattr(config, "store", None))
    if kind == MILVUS:
        from .milvus_store import MilvusStore

        return MilvusStore(where)
    return FaissStore(Path(where) if where else Path(config.index_dir))

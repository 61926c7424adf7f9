"""Where an index lives, chosen by one config string: the default FAISS directory, or Milvus.

    faiss              the embedded index directory (--index DIR): FAISS + bm25s files, one machine
    faiss:DIR          the same, naming the directory here
    milvus:./lib.db    Milvus collections in a milvus-lite file (pip install 'rag[milvus]')
    milvus:http://host:19530   a Milvus server or cluster; a token in $RAG_MILVUS_TOKEN when it asks for one

A store builds and loads an index. What it loads answers to the same calls whatever the backend
(`dense_search`, `lexical_search` within a scope, `figure_similarity`, `bigram_counts`, the calibration,
the documents and manifest, and the whole-library lists of passages, figures and commitments), so
retrieval and answering above it do not know which backend they have.

A scope reaches a store as the set of report ids it covers (rag.scope resolves ids, years, issuer and
level against the documents, the same for every store); the Milvus store turns it into a filter
expression over its scalar fields (`scope_filter`).
"""

from __future__ import annotations

import json
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol

import numpy as np

from .errors import IndexStateError
from .models import Commitment, DocumentInfo, Passage

FAISS = "faiss"
MILVUS = "milvus"
SCOPE_FIELDS = ("year", "level", "issuer")  # the scalar fields a store filters on besides the report id


def _literal(value) -> str:
    return str(int(value)) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)


def scope_filter(docs: frozenset[str], documents: list[DocumentInfo]) -> str:
    """A filter expression (Milvus syntax) that admits exactly the passages of the reports in docs.

    The shortest of: the years (`year in [2023, 2024]`), levels, issuers, or two of them together, when
    they cover exactly those reports in this library; else the ids (`doc in ["a", "b"]`)."""
    if not docs:
        return 'doc in [""]'
    chosen = [d for d in documents if d.doc in docs]
    for fields in [*((f,) for f in SCOPE_FIELDS), ("year", "level"), ("year", "issuer")]:
        values = {f: {getattr(d, f) for d in chosen} for f in fields}
        if any(v is None or v == "" for vs in values.values() for v in vs):
            continue
        covered = {d.doc for d in documents if all(getattr(d, f) in values[f] for f in fields)}
        if covered == set(docs):
            return " and ".join(f"{f} in [{', '.join(_literal(v) for v in sorted(values[f]))}]" for f in fields)
    return f"doc in [{', '.join(_literal(d) for d in sorted(docs))}]"


class Index(Protocol):
    """What a loaded index answers, whatever its backend. docs: the report ids of a scope (None: all)."""

    manifest: dict

    @property
    def embedder(self) -> str: ...

    @property
    def documents(self) -> list[DocumentInfo]: ...

    @property
    def calibration(self): ...

    # whole-library lists: the figure table, commitments by topic, tracking, the paragraph of a citation
    passages: list[Passage]
    commitments: list[Commitment]
    commitment_vectors: np.ndarray | None

    @property
    def figures(self) -> list: ...

    # per question
    def dense_search(self, qvec: np.ndarray, k: int,
                     docs: frozenset[str] | None = None) -> list[tuple[Passage, float]]: ...

    def lexical_search(self, query: str, k: int, docs: frozenset[str] | None = None) -> list[tuple[Passage, float]]: ...

    def figure_similarity(self, qvec: np.ndarray,
                          passages: list[Passage] | None = None) -> dict[tuple[str, int], float]: ...

    def bigram_counts(self, docs: frozenset[str] | None = None) -> tuple[dict[str, int], int]: ...

    def cached_vectors(self) -> dict[str, np.ndarray]: ...


class Store(Protocol):
    """Builds and loads one index."""

    location: Path | str  # the index directory, or "milvus:URI"

    def describe(self) -> str: ...

    def check_target(self) -> None: ...

    def built_manifest(self) -> dict | None: ...

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

    def check_target(self) -> None:
        """Refuse, touching nothing, a directory that is neither absent, empty nor an index."""
        from .store import check_index_target

        check_index_target(self.index_dir)

    def built_manifest(self) -> dict | None:
        """The manifest of the index there, None when there is none (or it is unreadable)."""
        from .store import read_manifest

        try:
            return read_manifest(self.index_dir)
        except IndexStateError:
            return None

    @contextmanager
    def build_lock(self):
        from .store import build_lock, check_index_target, clean_stale

        with build_lock(self.index_dir):
            check_index_target(self.index_dir)
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


def public_location(config) -> str:
    """The store as a response may show it: the index directory (relative, or only its last name), or
    milvus: with the file's last name or the server's scheme, host and port (never a path of the server)."""
    from urllib.parse import urlsplit

    from .edge import public_path

    try:
        kind, where = parse_store(getattr(config, "store", None))
    except IndexStateError:
        return "?"
    if kind == FAISS:
        return public_path(where or config.index_dir)
    if where.startswith(("http://", "https://")):
        url = urlsplit(where)
        try:
            port = f":{url.port}" if url.port else ""
        except ValueError:
            port = ""
        return f"milvus:{url.scheme}://{url.hostname or ''}{port}"
    return f"milvus:{public_path(where)}"

"""Hybrid retrieval: dense (FAISS) and BM25 (jieba) rankings fused by reciprocal rank, within a scope.

A scope (a set of report ids) filters the candidates of each ranking before fusion: FAISS searches
only the scope's rows (an ID selector) and BM25 scores only them (a weight mask), so what answers a
scoped question never sees a passage of another report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .models import Passage
from .store import StoredIndex
from .text import tokenize


MAX_EMBED_CHARS = 256


@dataclass
class Hit:
    """A retrieved passage with its fused score and the evidence behind it."""

    passage: Passage
    score: float  # fused score; the answering stage's rerank replaces it with its own
    ranks: dict[str, int] = field(default_factory=dict)  # rank in each retriever, for inspection


class Retriever:
    """Searches one loaded index with the embedder it was built with."""

    def __init__(self, index: StoredIndex, embedder, candidates: int = 40, rrf_k: int = 60) -> None:
        self.index = index
        self.embedder = embedder
        self.candidates = candidates
        self.rrf_k = rrf_k
        self._filters: dict[frozenset[str], tuple[object, np.ndarray]] = {}

    def _filter(self, docs) -> tuple[object, np.ndarray] | None:
        """(FAISS search parameters, BM25 weight mask) for the passages of these reports; None for all."""
        if docs is None:
            return None
        key = frozenset(docs)
        if key not in self._filters:
            import faiss

            rows = np.array([i for i, p in enumerate(self.index.passages) if p.doc in key], dtype=np.int64)
            mask = np.zeros(len(self.index.passages), dtype=np.float32)
            mask[rows] = 1.0
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(rows)) if len(rows) else None
            if len(self._filters) > 256:  # scopes are few in practice; never let them grow without bound
                self._filters.clear()
            self._filters[key] = (params, mask)
        return self._filters[key]

    def embed(self, query: str) -> np.ndarray:
        # a question's meaning is in its first few hundred characters; embedding 2,000 takes seconds
        return self.embedder.embed_queries([query[:MAX_EMBED_CHARS]])[0]

    def dense(self, qvec: np.ndarray, k: int, docs=None) -> list[tuple[int, float]]:
        """Passage rows by cosine with the question, only those of the given reports when docs is set."""
        flt = self._filter(docs)
        if flt is not None and flt[0] is None:
            return []
        k = min(k, self.index.vectors.ntotal)
        query = qvec.reshape(1, -1).astype(np.float32)
        scores, ids = (self.index.vectors.search(query, k) if flt is None
                       else self.index.vectors.search(query, k, params=flt[0]))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def lexical(self, query: str, k: int, docs=None) -> list[tuple[int, float]]:
        """Passage rows by BM25, only those of the given reports when docs is set."""
        tokens = [t for t in tokenize(query) if t in self.index.vocab]
        if not tokens:
            return []
        flt = self._filter(docs)
        k = min(k, len(self.index.passages))
        mask = None if flt is None else flt[1]
        rows, scores = self.index.bm25.retrieve([tokens], k=k, show_progress=False, weight_mask=mask)
        return [(int(d), float(s)) for d, s in zip(rows[0], scores[0]) if s > 0]

    def search(self, query: str, k: int = 5, qvec: np.ndarray | None = None,
               lexical_query: str | None = None, docs=None) -> list[Hit]:
        """The k best passages by reciprocal-rank fusion of the dense and BM25 rankings (of docs' passages only)."""
        qvec = self.embed(query) if qvec is None else qvec
        dense = self.dense(qvec, self.candidates, docs)
        lexical = self.lexical(lexical_query or query, self.candidates, docs)
        hits: dict[int, Hit] = {}
        for name, ranking in (("dense", dense), ("bm25", lexical)):
            for rank, (i, _) in enumerate(ranking):
                hit = hits.setdefault(i, Hit(self.index.passages[i], 0.0))
                hit.score += 1.0 / (self.rrf_k + rank + 1)
                hit.ranks[name] = rank + 1
        return sorted(hits.values(), key=lambda h: -h.score)[:k]

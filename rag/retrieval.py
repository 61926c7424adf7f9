"""Hybrid retrieval: dense (FAISS) and BM25 (jieba) rankings fused by reciprocal rank, within a scope.

A scope (a set of report ids) filters the candidates of each ranking before fusion: FAISS searches
only the scope's rows (an ID selector) and BM25 ranks them with an index of the scope's passages
alone (built on first use, so a report asked alone ranks as it would indexed alone); what answers
a scoped question never sees a passage of another report.
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


@dataclass
class _Subset:
    """The passages of a scope: FAISS's selector over their rows, and BM25 over them alone (built on first
    use), so that a report asked alone ranks its passages as it would indexed alone."""

    rows: np.ndarray  # passage rows of the scope, ascending
    params: object | None  # faiss.SearchParameters with an IDSelectorBatch; None when the scope is empty
    bm25: object | None = None
    vocab: dict[str, int] | None = None


class Retriever:
    """Searches one loaded index with the embedder it was built with."""

    MAX_SUBSETS = 64  # scopes are few in practice (a report, a year, a level); never let them grow without bound

    def __init__(self, index: StoredIndex, embedder, candidates: int = 40, rrf_k: int = 60) -> None:
        self.index = index
        self.embedder = embedder
        self.candidates = candidates
        self.rrf_k = rrf_k
        self._subsets: dict[frozenset[str], _Subset] = {}

    def _subset(self, docs) -> _Subset | None:
        """The scope's passages (None: every passage, no filter)."""
        if docs is None:
            return None
        key = frozenset(docs)
        sub = self._subsets.get(key)
        if sub is None:
            import faiss

            rows = np.array([i for i, p in enumerate(self.index.passages) if p.doc in key], dtype=np.int64)
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(rows)) if len(rows) else None
            if len(self._subsets) >= self.MAX_SUBSETS:
                self._subsets.clear()
            sub = self._subsets[key] = _Subset(rows, params)
        return sub

    def _subset_bm25(self, sub: _Subset):
        """BM25 over the scope's passages alone: its IDF and lengths are the scope's, not the library's."""
        if sub.bm25 is None:
            import bm25s

            bm25 = bm25s.BM25()
            bm25.index([tokenize(self.index.passages[i].indexed_text()) or ["∅"] for i in sub.rows],
                       show_progress=False)
            sub.vocab = {str(k): int(v) for k, v in bm25.vocab_dict.items()}
            sub.bm25 = bm25
        return sub.bm25, sub.vocab

    def embed(self, query: str) -> np.ndarray:
        # a question's meaning is in its first few hundred characters; embedding 2,000 takes seconds
        return self.embedder.embed_queries([query[:MAX_EMBED_CHARS]])[0]

    def dense(self, qvec: np.ndarray, k: int, docs=None) -> list[tuple[int, float]]:
        """Passage rows by cosine with the question, only those of the given reports when docs is set."""
        sub = self._subset(docs)
        if sub is not None and sub.params is None:
            return []
        k = min(k, self.index.vectors.ntotal)
        query = qvec.reshape(1, -1).astype(np.float32)
        scores, ids = (self.index.vectors.search(query, k) if sub is None
                       else self.index.vectors.search(query, k, params=sub.params))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def lexical(self, query: str, k: int, docs=None) -> list[tuple[int, float]]:
        """Passage rows by BM25, only those of the given reports (scored among them alone) when docs is set."""
        sub = self._subset(docs)
        if sub is None:
            bm25, vocab, rows = self.index.bm25, self.index.vocab, None
        elif not len(sub.rows):
            return []
        else:
            (bm25, vocab), rows = self._subset_bm25(sub), sub.rows
        tokens = [t for t in tokenize(query) if t in vocab]
        if not tokens:
            return []
        k = min(k, len(self.index.passages) if rows is None else len(rows))
        found, scores = bm25.retrieve([tokens], k=k, show_progress=False)
        return [(int(d) if rows is None else int(rows[d]), float(s)) for d, s in zip(found[0], scores[0]) if s > 0]

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

"""Hybrid retrieval: dense (FAISS) and BM25 (jieba) rankings fused by reciprocal rank."""

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

    def embed(self, query: str) -> np.ndarray:
        # a question's meaning is in its first few hundred characters; embedding 2,000 takes seconds
        return self.embedder.embed_queries([query[:MAX_EMBED_CHARS]])[0]

    def dense(self, qvec: np.ndarray, k: int) -> list[tuple[int, float]]:
        k = min(k, self.index.vectors.ntotal)
        scores, ids = self.index.vectors.search(qvec.reshape(1, -1).astype(np.float32), k)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def lexical(self, query: str, k: int) -> list[tuple[int, float]]:
        tokens = [t for t in tokenize(query) if t in self.index.vocab]
        if not tokens:
            return []
        k = min(k, len(self.index.passages))
        docs, scores = self.index.bm25.retrieve([tokens], k=k, show_progress=False)
        return [(int(d), float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]

    def search(self, query: str, k: int = 5, qvec: np.ndarray | None = None,
               lexical_query: str | None = None) -> list[Hit]:
        """The k best passages by reciprocal-rank fusion of the dense and BM25 rankings."""
        qvec = self.embed(query) if qvec is None else qvec
        dense = self.dense(qvec, self.candidates)
        lexical = self.lexical(lexical_query or query, self.candidates)
        hits: dict[int, Hit] = {}
        for name, ranking in (("dense", dense), ("bm25", lexical)):
            for rank, (i, _) in enumerate(ranking):
                hit = hits.setdefault(i, Hit(self.index.passages[i], 0.0))
                hit.score += 1.0 / (self.rrf_k + rank + 1)
                hit.ranks[name] = rank + 1
        return sorted(hits.values(), key=lambda h: -h.score)[:k]

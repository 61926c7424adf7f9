"""One facade the CLI and the API both call: load once, answer many, reindex safely."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from .config import MAX_QUESTION_CHARS, MAX_TOPIC_CHARS, Settings
from .embedding import Embedder, make_embedder
from .errors import QuestionError, RagError
from .models import Answer, Citation, CommitmentResult, DocumentInfo, Figure
from .retrieval import Retriever
from .stores import Index, open_store

MAX_K = 50


def validate_text(text, what: str = "question", limit: int = MAX_QUESTION_CHARS) -> str:
    """The stripped text, or a QuestionError saying what is wrong with it."""
    if not isinstance(text, str):
        raise QuestionError(f"the {what} must be text, got {type(text).__name__}")
    text = text.strip()
    if not text:
        raise QuestionError(f"the {what} is empty")
    if len(text) > limit:
        raise QuestionError(f"the {what} is too long: {len(text)} characters, at most {limit}")
    if "\x00" in text:
        raise QuestionError(f"the {what} contains a NUL character")
    return text


def validate_k(k: int) -> int:
    if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= MAX_K:
        raise QuestionError(f"k must be an integer from 1 to {MAX_K}, got {k!r}")
    return k


@dataclass
class State:
    """What one loaded index needs to answer: swapped whole on reindex."""

    index: Index
    retriever: Retriever


class Service:
    """Ask, search, commitments, figures, documents, health and reindex over one index (directory or store)."""

    def __init__(self, config: Settings, embedder: Embedder | None = None) -> None:
        self.config = config
        self._embedder = embedder
        self._state: State | None = None
        self._reindex_lock = threading.Lock()
        self._load_lock = threading.Lock()

    # --- loading ---

    def _load(self) -> State:
        index = open_store(self.config).load(self.config.embedder)
        if self._embedder is None or self._embedder.name != index.embedder:
            self._embedder = make_embedder(index.embedder)
        return State(index, Retriever(index, self._embedder, self.config.candidates, self.config.rrf_k))

    @property
    def state(self) -> State:
        state = self._state
        if state is None:
            with self._load_lock:  # concurrent first requests load the index once, not once each
                if self._state is None:
                    self._state = self._load()
                state = self._state
        return state

    def load(self) -> "Service":
        """Load the index and model now (raises IndexStateError when there is none)."""
        _ = self.state
        return self

    @property
    def loaded(self) -> bool:
        return self._state is not None

    # --- queries ---

    def search(self, query: str, k: int = 5) -> list[Citation]:
        """Cited passages, best first: hybrid retrieval reranked with what the query asks for."""
        from .answering import citation, search_passages

        query = validate_text(query, "query")
        return [citation(h) for h in search_passages(self.state.retriever, query, validate_k(k))]

    def ask(self, question: str, top_k: int | None = None) -> Answer:
        from .answering import answer_question

        question = validate_text(question)
        k = validate_k(top_k if top_k is not None else self.config.top_k)
        return answer_question(self.state.retriever, question, k)

    def commitments(self, topic: str) -> CommitmentResult:
        from .commitments import find_commitments

        topic = validate_text(topic, "topic", MAX_TOPIC_CHARS)
        state = self.state
        return find_commitments(state.index, state.retriever, topic)

    def figures(self, topic: str | None = None, period: str | None = None) -> list[Figure]:
        from .answering import figure_table

        topic = validate_text(topic, "topic", MAX_TOPIC_CHARS) if topic is not None and topic.strip() else None
        return figure_table(self.state.index, topic, period)

    def documents(self) -> list[DocumentInfo]:
        return self.state.index.documents

    def location(self) -> str:
        """The index directory, or milvus:URI."""
        try:
            return open_store(self.config).describe()
        except RagError:
            return str(self.config.store)

    def health(self) -> dict:
        if self._state is None:
            try:
                self.load()
            except Exception as exc:  # health reports the problem instead of raising it
                return {"status": "no-index", "detail": str(exc), "index": self.location()}
        m = self.state.index.manifest
        return {"status": "ok", "index": self.location(), "embedder": m["embedder"], "dim": m["dim"],
                "documents": len(m["documents"]), "passages": m["passages"], "commitments": m.get("commitments", 0),
                "built": m.get("created", "")}

    # --- writes ---

    def reindex(self):
        """Rebuild from the corpus and swap the new index in; queries keep using the old one meanwhile."""
        from .indexing import build_index

        with self._reindex_lock:
            # rebuild with the embedder the served index was built with, not silently the default
            embedder = self.config.embedder or (self._state.index.embedder if self._state else None)
            report = build_index(self.config.with_(embedder=embedder), progress=False)
            self._state = self._load()
            return report

"""One facade the CLI and the API both call: load once, answer many, reindex safely."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .config import MAX_QUESTION_CHARS, MAX_TOPIC_CHARS, Settings
from .embedding import Embedder, make_embedder
from .errors import QuestionError, RagError
from .models import Answer, Citation, CommitmentResult, DocumentInfo, Figure
from .retrieval import Retriever
from .scope import Scope
from .stores import Index, open_store

if TYPE_CHECKING:
    from .tracking import TrackTable

MAX_K = 50
# The answer path (question analysis, BM25, bigram coverage, the rerank) reads a question's first
# MAX_ANSWER_CHARS characters: its cost grows with the length, and a question is said in far fewer (the
# longest gold question has 134). The answer still echoes the whole question.
MAX_ANSWER_CHARS = 200


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
    if not is_unicode(text):  # `rag ask $'\xff'` (argv decoded with surrogateescape), or "\ud800" in JSON
        raise QuestionError(f"the {what} is not valid Unicode text (invalid UTF-8 bytes or a lone surrogate)")
    return text


def is_unicode(text: str) -> bool:
    """Whether text is proper Unicode: no lone surrogate, so it encodes to UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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

    def search(self, query: str, k: int = 5, scope: Scope | None = None) -> list[Citation]:
        """Cited passages, best first: hybrid retrieval reranked with what the query asks for (within a scope)."""
        from .answering import citation, doc_refs, search_passages

        query = validate_text(query, "query")[:MAX_ANSWER_CHARS]
        state = self.state
        refs = doc_refs(state.index)
        return [citation(h, refs) for h in search_passages(state.retriever, query, validate_k(k), scope)]

    def ask(self, question: str, top_k: int | None = None, scope: Scope | None = None) -> Answer:
        """The answer from the reports in scope; without one, from the reports the question's words name."""
        from .answering import answer_question

        question = validate_text(question)
        k = validate_k(top_k if top_k is not None else self.config.top_k)
        answer = answer_question(self.state.retriever, question[:MAX_ANSWER_CHARS], k, scope)
        return answer if len(question) <= MAX_ANSWER_CHARS else answer.model_copy(update={"question": question})

    def commitments(self, topic: str, scope: Scope | None = None, goals: bool = True) -> CommitmentResult:
        """The commitments on a topic: the year's tasks and targets and the five-year plan's goals (each with its
        period); without goals, the year's alone."""
        from .answering import _scope_ids
        from .commitments import find_commitments

        topic = validate_text(topic, "topic", MAX_TOPIC_CHARS)
        state = self.state
        return find_commitments(state.index, state.retriever, topic, _scope_ids(state.index, scope), include_goals=goals)

    def figures(self, topic: str | None = None, period: str | None = None, scope: Scope | None = None) -> list[Figure]:
        from .answering import figure_table

        topic = validate_text(topic, "topic", MAX_TOPIC_CHARS) if topic is not None and topic.strip() else None
        if period is not None and not is_unicode(period):
            raise QuestionError("the period is not valid Unicode text (invalid UTF-8 bytes or a lone surrogate)")
        return figure_table(self.state.index, topic, period, scope)

    def documents(self, scope: Scope | None = None) -> list[DocumentInfo]:
        """The indexed reports (those in scope), oldest first, each with what the index holds of it."""
        docs = (scope or Scope()).select(self.state.index.documents)
        return sorted(docs, key=lambda d: (d.year or 0, d.level != "国家", d.doc))

    def track(self, metric: str, scope: Scope | None = None) -> "TrackTable":
        """Targets set for each year against the results the next report gives (see rag.tracking)."""
        from .tracking import track

        metric = validate_text(metric, "metric", MAX_TOPIC_CHARS)
        index = self.state.index
        return track(index, metric, (scope or Scope()).select(index.documents))

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

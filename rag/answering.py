"""Answers: retrieve, rerank with what the question asks for, and give the figure, the span, or a refusal."""

from __future__ import annotations

from .models import Answer, Figure
from .retrieval import Retriever
from .service import citation
from .store import StoredIndex


def answer_question(retriever: Retriever, question: str, k: int = 5) -> Answer:
    hits = retriever.search(question, k)
    return Answer(question=question, citations=[citation(h) for h in hits])


def figure_table(index: StoredIndex, topic: str | None = None, period: str | None = None) -> list[Figure]:
    figures = [f for p in index.passages for f in p.figures]
    if topic:
        figures = [f for f in figures if topic in f.metric or topic in f.context]
    if period:
        figures = [f for f in figures if period in f.period or period == str(f.year)]
    return figures

"""Commitments of the plan (pledges and targets) and the lookup of every one that concerns a topic."""

from __future__ import annotations

from .chunking import sentences
from .documents import Document
from .models import Commitment, Passage


def extract_commitments(documents: list[Document], passages: list[Passage]) -> list[Commitment]:
    return []

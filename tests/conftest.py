"""Shared fixtures: the real report indexed once per session with the real bundled model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
REPORT = CORPUS / "kaizhou-2026-government-work-report.txt"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def report_text() -> str:
    return REPORT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_index(tmp_path_factory) -> Path:
    """Index directory of the real report, built with the bundled multilingual-e5-small."""
    from rag.config import Settings
    from rag.indexing import build_index

    base = tmp_path_factory.mktemp("index")
    corpus = base / "corpus"
    shutil.copytree(CORPUS, corpus)
    index_dir = base / "index"
    build_index(Settings(corpus_dir=corpus, index_dir=index_dir), progress=False)
    return index_dir


@pytest.fixture(scope="session")
def service(built_index):
    """A loaded Service over the real report's index."""
    from rag.config import Settings
    from rag.service import Service

    return Service(Settings(index_dir=built_index, corpus_dir=built_index.parent / "corpus")).load()

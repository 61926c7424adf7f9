"""What stands between a client and the service: body and rate limits, proper Unicode, no server paths out,
and evaluations that stop when their client goes away. ASGI middleware and helpers for rag/api.py."""

from __future__ import annotations

import ipaddress
import json
import math
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import anyio
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.routing import APIRoute

from .service import Service, is_unicode


# --- what public responses may say of the server's files ---

_ABSOLUTE_PATH = re.compile(r"(^|[\s'\"(=\[])(/(?:[^\s'\"/]+/)+)([^\s'\"/),;\]]*)")


def public_path(path: Path | str) -> str:
    """A path as a response may show it: as given when relative (index/default), else only its last name."""
    p = Path(path)
    return p.as_posix() if not p.is_absolute() and ".." not in p.parts else f"…/{p.name}"


def scrub(message: str, *dirs: Path) -> str:
    """A message without absolute server paths: known directories as public_path shows them, others cut to
    their last name (`/srv/x/index/manifest.json` -> `…/manifest.json`)."""
    for d in dirs:
        d = Path(d)
        for form in sorted({str(d.absolute()), str(d.resolve())}, key=len, reverse=True):
            message = message.replace(form, public_path(d))
    return _ABSOLUTE_PATH.sub(lambda m: f"{m.group(1)}…/{m.group(3)}", message)


# --- proper Unicode at the edge ---

# A JSON escape of a UTF-16 surrogate: the only way a JSON body (which must be UTF-8) carries one
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def lone_surrogate(body: bytes) -> list | None:
    """Where a JSON body holds a lone surrogate (a key or a string: ["items", 0, "id"]), or None.

    Python's json takes "\\ud800" as a one-character string that no UTF-8 encoder (nor the embedder, nor the
    JSON response) accepts: it has to be refused here, as 422, before it reaches anything."""
    if not _SURROGATE_ESCAPE.search(body):  # the common case: no escape at all, nothing to parse twice
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None  # FastAPI answers malformed JSON itself

    def find(value, loc: list) -> list | None:
        if isinstance(value, str):
            return None if is_unicode(value) else loc
        if isinstance(value, dict):
            for k, v in value.items():
                if not is_unicode(k):
                    return loc + [k.encode("utf-8", "backslashreplace").decode("utf-8")]  # "开州\\udc00"
                if (found := find(v, loc + [k])) is not None:
                    return found
        if isinstance(value, list):
            for i, v in enumerate(value):
                if (found := find(v, loc + [i])) is not None:
                    return found
        return None

    return find(data, [])


class UnicodeCheckedRoute(APIRoute):
    """A route whose JSON body is refused with 422 when it holds a lone surrogate, before validation."""

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def checked(request: Request) -> Response:
            if request.method in ("POST", "PUT", "PATCH"):
                try:
                    body = await request.body()  # cached: the handler reads it again from the request
                except Exception:  # a client gone, a body over the limit: the handler answers as it always has
                    return await handler(request)
                loc = lone_surrogate(body)
                if loc is not None:
                    raise RequestValidationError([{
                        "type": "unicode", "loc": ["body", *loc], "input": None,
                        "msg": "not valid Unicode: a lone surrogate (\\ud800-\\udfff) that is not half of a pair"}])
            return await handler(request)

        return checked


# --- a per-client rate limit ---

@dataclass(frozen=True)
class RateLimit:
    """A token bucket per client address: `burst` requests at once, then `per_second` requests a second."""

    per_second: float = 5.0
    burst: int = 20
    exempt_loopback: bool = True  # the UI calls the API from 127.0.0.1, and so do local tools and benchmarks
    max_clients: int = 10_000  # buckets kept; full ones are forgotten first


class RateLimiter:
    """ASGI middleware: 429 with Retry-After once a client has used its tokens (API routes only)."""

    def __init__(self, app, limit: RateLimit, prefix: str = "/api") -> None:
        self.app, self.limit, self.prefix = app, limit, prefix
        self.buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, when counted); event loop only

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("",))[0]
        if self.limit.exempt_loopback and is_loopback(client):
            return await self.app(scope, receive, send)
        now = time.monotonic()
        rate, burst = self.limit.per_second, self.limit.burst
        tokens, then = self.buckets.get(client, (burst, now))
        tokens = min(burst, tokens + (now - then) * rate)
        if tokens < 1:
            self.buckets[client] = (tokens, now)
            wait = max(1, math.ceil((1 - tokens) / rate))
            return await reply(send, 429, f"too many requests: at most {rate:g} a second per client "
                                          f"(bursts of {burst}); retry in {wait} s", [(b"retry-after", str(wait).encode())])
        self.buckets[client] = (tokens - 1, now)
        if len(self.buckets) > self.limit.max_clients:
            self.forget(now)
        await self.app(scope, receive, send)

    def forget(self, now: float) -> None:
        """Drop the buckets that have refilled (the same as a new one), then the oldest if still too many."""
        rate, burst = self.limit.per_second, self.limit.burst
        self.buckets = {c: (t, w) for c, (t, w) in self.buckets.items() if t + (now - w) * rate < burst}
        if len(self.buckets) > self.limit.max_clients:
            recent = sorted(self.buckets.items(), key=lambda item: item[1][1])[-self.limit.max_clients // 2:]
            self.buckets = dict(recent)


def is_loopback(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return (mapped or address).is_loopback


# --- body size ---

class BodyLimit:
    """Refuse API request bodies over a limit with 413, whether or not they declare their length."""

    def __init__(self, app, limit: int, prefix: str = "/api", larger: dict[str, int] | None = None) -> None:
        self.app, self.limit, self.prefix, self.larger = app, limit, prefix, larger or {}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            return await self.app(scope, receive, send)
        limit = self.larger.get(scope["path"], self.limit)
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


async def reply(send, status: int, detail: str, headers: list[tuple[bytes, bytes]] = ()) -> None:
    """Send a JSON error from ASGI middleware, below FastAPI."""
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *headers]})
    await send({"type": "http.response.body", "body": body})


# --- evaluations a client can walk away from ---

class EvalCancelled(BaseException):
    """The client of an evaluation went away. A BaseException, as asyncio's CancelledError: the evaluation
    records an item's Exception as that item's failure and goes on, but this has to stop it."""


class Cancellable:
    """A Service whose asking methods raise EvalCancelled once cancel is set (the rest passes through)."""

    def __init__(self, service: Service, cancel: threading.Event) -> None:
        self._service, self._cancel = service, cancel

    def __getattr__(self, name: str):
        return getattr(self._service, name)

    def _check(self) -> None:
        if self._cancel.is_set():
            raise EvalCancelled()

    def ask(self, *args, **kwargs):
        self._check()
        return self._service.ask(*args, **kwargs)

    def search(self, *args, **kwargs):
        self._check()
        return self._service.search(*args, **kwargs)

    def commitments(self, *args, **kwargs):
        self._check()
        return self._service.commitments(*args, **kwargs)


async def cancel_on_disconnect(request: Request, cancel: threading.Event, every: float = 0.25) -> None:
    """Set cancel when the client disconnects (polled; the task is cancelled when the work is done)."""
    while not await request.is_disconnected():
        await anyio.sleep(every)
    cancel.set()


def corpus_relative(path: str, corpus_dir: Path) -> str:
    """A document path as /api/documents shows it: relative to the corpus (indexes built before issue 11
    hold absolute ones)."""
    p = Path(path)
    if not p.is_absolute():
        return p.as_posix()
    for root in (Path(corpus_dir).absolute(), Path(corpus_dir).resolve()):
        if p.is_relative_to(root):
            return p.relative_to(root).as_posix()
    return p.name

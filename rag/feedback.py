"""Feedback on answers: thumbs up or down, stored append-only as JSON Lines, exported as gold-set lines.

The loop that turns use into evaluation data: every rating is one line of `feedback.jsonl` in a data
directory beside the index (`index/default` -> `index/default-data/`, never inside the index, which a
reindex replaces whole); `export` turns the lines into gold items a person reviews before adding them
to a gold set. Anyone may write (it only appends), so each write is bounded in size and each client in
rate, and the file in total size.

    python -m rag.feedback export --index index/default > review.jsonl
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .config import MAX_QUESTION_CHARS, MAX_TOPIC_CHARS

FEEDBACK_FILE = "feedback.jsonl"
DATA_DIR_ENV = "RAG_DATA_DIR"
MAX_FEEDBACK_BYTES = 20 * 1024 * 1024  # about 10,000 ratings with their citations
RATE_CAPACITY = 20  # ratings a client may send at once ...
RATE_PER_SECOND = 20 / 60  # ... and then one every three seconds
MAX_CLIENTS = 10_000  # the rate table forgets idle clients past this many
MAX_COMMENT_CHARS = 1000
MAX_CITATIONS = 20


class FeedbackError(Exception):
    """A rating that was not stored; status is the HTTP status to answer with."""

    status = 400


class RateLimited(FeedbackError):
    status = 429

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"too many ratings from this client; try again in {retry_after:.0f} s")
        self.retry_after = retry_after


class StoreFull(FeedbackError):
    status = 507


# --- shapes ---

_Text = Annotated[str, StringConstraints(max_length=MAX_QUESTION_CHARS)]


class CitedPassage(BaseModel):
    """A citation of the rated answer, as the answer gave it (extra fields such as score are dropped)."""

    model_config = ConfigDict(extra="ignore")
    doc: Annotated[str, StringConstraints(max_length=MAX_TOPIC_CHARS)] = ""
    section: Annotated[str, StringConstraints(max_length=MAX_QUESTION_CHARS)] = ""
    paragraph: int = Field(0, ge=0, le=1_000_000)
    text: _Text = ""


class FeedbackIn(BaseModel):
    """A rating of one answer: the question, the answer and its citations as shown, up or down."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [
        {"question": "2026年地区生产总值增长目标是多少？", "answer": "6%", "rating": "up",
         "citations": [{"doc": "kaizhou-2026-government-work-report", "section": "三、2026年工作安排",
                        "paragraph": 50, "text": "地区生产总值增长6%……"}]}]})

    question: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUESTION_CHARS,
                                                  pattern=r"\S")]
    resolved_question: _Text = ""
    answer: _Text = ""
    refused: bool = False
    citations: list[CitedPassage] = Field(default_factory=list, max_length=MAX_CITATIONS)
    rating: Literal["up", "down"]
    comment: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_COMMENT_CHARS)] = ""


class FeedbackReceipt(BaseModel):
    """What was stored: its id and time."""

    id: str
    time: str
    rating: Literal["up", "down"]


# --- rate limit ---

class TokenBucket:
    """Per-client token buckets: capacity ratings at once, refilled at rate per second."""

    def __init__(self, capacity: float = RATE_CAPACITY, rate: float = RATE_PER_SECOND,
                 max_clients: int = MAX_CLIENTS, clock=time.monotonic) -> None:
        self.capacity, self.rate, self.max_clients, self.clock = capacity, rate, max_clients, clock
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, last time)
        self._lock = threading.Lock()

    def take(self, client: str) -> None:
        """Spend one token of client's bucket, or raise RateLimited with the seconds to wait."""
        with self._lock:
            now = self.clock()
            tokens, last = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens < 1:
                self._buckets[client] = (tokens, now)
                raise RateLimited((1 - tokens) / self.rate if self.rate else float("inf"))
            if client not in self._buckets and len(self._buckets) >= self.max_clients:
                full = [c for c, (t, at) in self._buckets.items() if t + (now - at) * self.rate >= self.capacity]
                for c in full or list(self._buckets)[: len(self._buckets) // 2]:
                    del self._buckets[c]
            self._buckets[client] = (tokens - 1, now)


# --- the store ---

def data_dir(index_dir: Path) -> Path:
    """Where feedback lives: $RAG_DATA_DIR, else a sibling of the index directory (index/default-data)."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    index_dir = Path(index_dir)
    return index_dir.with_name(f"{index_dir.name}-data")


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class FeedbackStore:
    """Append-only JSON Lines of ratings; one lock orders the writes of one server."""

    def __init__(self, path: Path, max_bytes: int = MAX_FEEDBACK_BYTES, limiter: TokenBucket | None = None) -> None:
        self.path = Path(path)
        self.max_bytes = max_bytes
        self.limiter = limiter or TokenBucket()
        self._lock = threading.Lock()

    def add(self, item: FeedbackIn, client: str = "") -> FeedbackReceipt:
        """Store one rating (raises RateLimited or StoreFull, and then writes nothing)."""
        self.limiter.take(client)
        record = {"id": uuid.uuid4().hex[:16], "time": now_iso(), **item.model_dump()}
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            size = self.path.stat().st_size if self.path.exists() else 0
            if size + len(line) > self.max_bytes:
                raise StoreFull(f"the feedback store is full ({self.max_bytes} bytes); export and archive it")
            # one write() of the whole line with O_APPEND: a line is never interleaved with another
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line)
            finally:
                os.close(fd)
        return FeedbackReceipt(id=record["id"], time=record["time"], rating=item.rating)

    def records(self) -> Iterator[dict]:
        """The stored ratings, oldest first; a damaged line is skipped."""
        if not self.path.exists():
            return
        with open(self.path, encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(record, dict) and record.get("question"):
                    yield record


# --- export as gold-set lines ---

NUMBER = re.compile(r"\d")
ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
CJK = re.compile(r"[\u4e00-\u9fff]")


def gold_line(record: dict) -> dict:
    """A gold item to review: type, question, answer and evidence from the rated answer.

    A thumbs-up answer is proposed as the expected answer; a thumbs-down one is kept as `system_answer`
    with `answer` left for the reviewer (and `needs_review` set), since all we know is that it was wrong.
    """
    question = record.get("question", "")
    lang = "en" if len(ASCII_WORD.findall(question)) * 2 > len(CJK.findall(question)) else "zh"
    answer = record.get("answer", "") or ""
    up = record.get("rating") == "up"
    citations = record.get("citations") or []
    if record.get("refused") and up:
        kind = "unanswerable"
    elif lang == "en":
        kind = "en"
    else:
        kind = "figure" if NUMBER.search(answer) and len(answer) <= 30 else "fact"
    unanswerable = kind == "unanswerable"
    line = {"id": f"fb-{record.get('id', '')}", "type": kind, "question": question,
            "answer": "" if unanswerable or not up else answer,
            "evidence": "" if unanswerable or not citations else citations[0].get("text", ""),
            "lang": lang, "rating": record.get("rating"), "system_answer": answer,
            "needs_review": not up, "time": record.get("time", "")}
    if record.get("resolved_question") and record["resolved_question"] != question:
        line["resolved_question"] = record["resolved_question"]
    if citations and citations[0].get("doc"):
        line["doc"] = citations[0]["doc"]
    if record.get("comment"):
        line["comment"] = record["comment"]
    return line


def export_lines(store: FeedbackStore) -> Iterator[str]:
    for record in store.records():
        yield json.dumps(gold_line(record), ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """`python -m rag.feedback export [--index DIR]`: the gold-set lines on stdout."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m rag.feedback", description=main.__doc__)
    parser.add_argument("command", choices=["export"])
    parser.add_argument("--index", default="index/default", help="the index directory the feedback sits beside")
    args = parser.parse_args(argv)
    store = FeedbackStore(data_dir(Path(args.index)) / FEEDBACK_FILE)
    if not store.path.exists():
        print(f"error: no feedback at {store.path}", file=sys.stderr)
        return 1
    sys.stdout.writelines(export_lines(store))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

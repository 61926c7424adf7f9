"""Bounded load test of a running `rag serve`: N concurrent clients asking Chinese questions for D seconds.

    python bench/api_load.py --url http://127.0.0.1:8000 --clients 32 --seconds 60 [--long-share 0.25]

With --long-share, that share of the clients asks 2,000-character questions (slices of the bundled report)
instead of the gold questions. Prints Markdown table rows: clients, seconds, asks, asks/s, p50, p99, max
latency (ms), errors; for all asks, then for the normal and the long ones apart.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import sys
import time
from pathlib import Path

import httpx

GOLD = Path(__file__).resolve().parents[1] / "eval" / "gold.jsonl"
REPORT = Path(__file__).resolve().parents[1] / "corpus" / "kaizhou-2026-government-work-report.txt"
LONG_CHARS = 2000
FALLBACK = ["2026年地区生产总值增长目标是多少？", "2025年城镇新增就业多少人？", "乡村振兴有哪些举措？",
            "今年要新建多少个5G基站？", "开州区的森林覆盖率是多少？",
            "规上工业增加值增长多少？"]


def questions(gold: Path) -> list[str]:
    """The Chinese questions of the gold set, else a small built-in list."""
    if not gold.exists():
        return FALLBACK
    out = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if item.get("lang", "zh") == "zh" and item.get("question"):
            out.append(item["question"])
    return out or FALLBACK


def long_questions(n: int = 20, chars: int = LONG_CHARS) -> list[str]:
    """n different questions of exactly `chars` characters: slices of the report, one line."""
    text = "".join(REPORT.read_text(encoding="utf-8").split()) if REPORT.exists() else "开州区政府工作报告" * 300
    text = (text * (1 + chars * (n + 1) // max(1, len(text))))
    step = max(1, (len(text) - chars) // n)
    return [text[i * step:i * step + chars] for i in range(n)]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank), 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


async def client_loop(http: httpx.AsyncClient, qs: list[str], start: int, stop_at: float,
                      latencies: list[float], errors: list[str]) -> None:
    """One client: ask, wait for the answer, ask the next, until the time is up."""
    i = start
    while time.perf_counter() < stop_at:
        question = qs[i % len(qs)]
        i += 1
        t0 = time.perf_counter()
        try:
            r = await http.post("/api/ask", json={"question": question})
            ok = r.status_code == 200 and "citations" in r.json()
            if not ok:
                errors.append(f"{r.status_code}: {r.text[:120]}")
        except (httpx.HTTPError, ValueError) as exc:
            ok = False
            errors.append(f"{type(exc).__name__}: {exc}")
        if ok:
            latencies.append(time.perf_counter() - t0)


def stats(latencies: list[float], errors: list[str], elapsed: float) -> dict:
    return {"asks": len(latencies), "asks_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(1000 * percentile(latencies, 50), 1), "p99_ms": round(1000 * percentile(latencies, 99), 1),
            "max_ms": round(1000 * max(latencies, default=0), 1),
            "mean_ms": round(1000 * statistics.fmean(latencies), 1) if latencies else 0.0,
            "errors": len(errors), "error_samples": errors[:5]}


async def run(url: str, clients: int, seconds: float, qs: list[str], timeout: float, long_share: float = 0.0) -> dict:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as http:
        health = (await http.get("/api/health")).json()
        if health.get("status") != "ok":
            raise SystemExit(f"the server has no index: {health}")
        await http.post("/api/ask", json={"question": qs[0]})  # warm: the first ask loads nothing lazily later
        n_long = round(clients * long_share)
        longs = long_questions() if n_long else []
        kinds = {"normal": ([], []), "long": ([], [])}
        started = time.perf_counter()
        stop_at = started + seconds
        await asyncio.gather(*(client_loop(http, longs if n < n_long else qs, n * 7, stop_at,
                                           *kinds["long" if n < n_long else "normal"]) for n in range(clients)))
        elapsed = time.perf_counter() - started
    latencies = kinds["normal"][0] + kinds["long"][0]
    errors = kinds["normal"][1] + kinds["long"][1]
    out = {"url": url, "clients": clients, "long_clients": n_long, "seconds": round(elapsed, 1),
           **stats(latencies, errors, elapsed), "questions": len(qs),
           "machine": f"{platform.machine()} {__import__('os').cpu_count()} cores, Python {platform.python_version()}"}
    if n_long:
        out["by_kind"] = {kind: stats(lat, err, elapsed) for kind, (lat, err) in kinds.items()}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="Base URL of the server.")
    parser.add_argument("--clients", type=int, default=32, help="Concurrent clients.")
    parser.add_argument("--seconds", type=float, default=60.0, help="How long to keep asking.")
    parser.add_argument("--gold", type=Path, default=GOLD, help="Gold set whose Chinese questions are asked.")
    parser.add_argument("--timeout", type=float, default=30.0, help="Per-request timeout in seconds.")
    parser.add_argument("--json", type=Path, help="Also write the result as JSON to this file.")
    parser.add_argument("--long-share", type=float, default=0.0,
                        help=f"Share of the clients asking {LONG_CHARS:,}-character questions (0.25: a quarter).")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0 or not 0 <= args.long_share <= 1:
        parser.error("--clients must be >= 1, --seconds > 0 and --long-share from 0 to 1")
    result = asyncio.run(run(args.url.rstrip("/"), args.clients, args.seconds, questions(args.gold), args.timeout,
                             args.long_share))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print("| asks | clients | seconds | asks | asks/s | p50 ms | p99 ms | max ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    rows = [("all", result["clients"], result)]
    for kind, row in result.get("by_kind", {}).items():
        rows.append((kind, result["long_clients"] if kind == "long" else result["clients"] - result["long_clients"], row))
    for name, clients, row in rows:
        print(f"| {name} | {clients} | {result['seconds']} | {row['asks']} | {row['asks_per_s']} | "
              f"{row['p50_ms']} | {row['p99_ms']} | {row['max_ms']} | {row['errors']} |")
    for sample in result["error_samples"]:
        print(f"error: {sample}", file=sys.stderr)
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())

"""Server CPU per question: normal (gold) questions against 2,000-character ones, one client at a time.

    python bench/api_cost.py --index index/default [--requests 100] [--rounds 4]

Starts `rag serve` on a free loopback port, asks in alternating blocks of normal and long questions (so a
drift of the machine's load hits both kinds alike), and reads the server process's CPU time (user + system,
all threads, from /proc/PID/stat) around each block. Prints a Markdown table and the ratio long / normal.
Linux only (/proc).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_load import GOLD, LONG_CHARS, long_questions, questions  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all its threads, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(index: Path, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False"}
    env.pop("RAG_API_KEY", None)
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "serve", "--port", str(port), "--index", str(index)],
                                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"rag serve exited with {proc.returncode}: see {log}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).json().get("status") == "ok":
                return proc
        except (httpx.HTTPError, ValueError):
            pass
        time.sleep(0.5)
    proc.kill()
    raise SystemExit(f"rag serve not healthy after 180 s: see {log}")


def block(http: httpx.Client, pid: int, qs: list[str], n: int, start: int) -> tuple[float, float, int]:
    """CPU seconds and wall seconds the server spent on n sequential asks; errors."""
    errors = 0
    cpu0, wall0 = cpu_seconds(pid), time.perf_counter()
    for i in range(n):
        r = http.post("/api/ask", json={"question": qs[(start + i) % len(qs)]})
        errors += r.status_code != 200
    return cpu_seconds(pid) - cpu0, time.perf_counter() - wall0, errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=ROOT / "index" / "default", help="Index directory to serve.")
    parser.add_argument("--requests", type=int, default=50, help="Asks per block.")
    parser.add_argument("--rounds", type=int, default=4, help="Blocks of each kind, alternating.")
    parser.add_argument("--json", type=Path, help="Also write the result as JSON to this file.")
    args = parser.parse_args(argv)
    port = free_port()
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"api_cost-{port}.log"
    proc = start_server(args.index, port, log)
    try:
        kinds = {"normal": questions(GOLD), "long": long_questions()}
        totals = {k: [0.0, 0.0, 0, 0] for k in kinds}  # cpu, wall, asks, errors
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as http:
            for qs in kinds.values():  # warm both paths
                block(http, proc.pid, qs, 5, 0)
            for r in range(args.rounds):
                for kind, qs in kinds.items():
                    cpu, wall, errors = block(http, proc.pid, qs, args.requests, r * args.requests)
                    t = totals[kind]
                    t[0] += cpu
                    t[1] += wall
                    t[2] += args.requests
                    t[3] += errors
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    rows = {k: {"asks": t[2], "cpu_ms_per_ask": round(1000 * t[0] / t[2], 1),
                "wall_ms_per_ask": round(1000 * t[1] / t[2], 1), "errors": t[3]} for k, t in totals.items()}
    ratio = rows["long"]["cpu_ms_per_ask"] / max(rows["normal"]["cpu_ms_per_ask"], 1e-9)
    result = {"rows": rows, "cpu_ratio_long_to_normal": round(ratio, 2), "long_chars": LONG_CHARS,
              "machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"}
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print("| questions | asks | server CPU ms / ask | wall ms / ask (one client) | errors |")
    print("|---|---:|---:|---:|---:|")
    for kind, row in rows.items():
        label = f"{LONG_CHARS:,} characters" if kind == "long" else "gold (Chinese)"
        print(f"| {label} | {row['asks']} | {row['cpu_ms_per_ask']} | {row['wall_ms_per_ask']} | {row['errors']} |")
    print(f"\nCPU ratio long / normal: {ratio:.2f}")
    return 1 if any(r["errors"] for r in rows.values()) else 0


if __name__ == "__main__":
    sys.exit(main())

"""Core benchmarks: cold and unchanged build time, index size, search and ask latency after load.

    python bench/bench_core.py [--index DIR] [--runs N]

Prints a Markdown table (paste it into BENCHMARKS.md with the machine it ran on).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rag.config import Settings  # noqa: E402
from rag.indexing import build_index  # noqa: E402
from rag.service import Service  # noqa: E402


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def questions() -> list[str]:
    gold = ROOT / "eval" / "gold.jsonl"
    items = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [i["question"] for i in items if i["type"] != "commitment_topic"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--runs", type=int, default=3, help="passes over the gold questions for latency")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "index"
        cold = build_index(Settings(corpus_dir=args.corpus, index_dir=index_dir), progress=False)
        warm = build_index(Settings(corpus_dir=args.corpus, index_dir=index_dir), progress=False)
        size = dir_size(index_dir)
        t = time.perf_counter()
        svc = Service(Settings(index_dir=index_dir)).load()
        load_s = time.perf_counter() - t
        qs = questions()
        svc.ask(qs[0])  # first call pays jieba's dictionary load
        search_ms, ask_ms = [], []
        for _ in range(args.runs):
            for q in qs:
                t = time.perf_counter()
                svc.search(q, 5)
                search_ms.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                svc.ask(q)
                ask_ms.append((time.perf_counter() - t) * 1000)
        shutil.rmtree(index_dir, ignore_errors=True)
    rows = [
        ("cold build (parse, embed, index)", f"{cold.seconds:.1f} s ({cold.embedded} texts embedded)"),
        ("unchanged rebuild", f"{warm.seconds:.2f} s ({warm.embedded} embedded, {warm.reused} reused)"),
        ("index size on disk", f"{size / 1024:.0f} KiB ({cold.passages} passages, {cold.commitments} commitments)"),
        ("load index + model", f"{load_s * 1000:.0f} ms"),
        (f"search latency p50 / p95 ({len(search_ms)} queries)", f"{pct(search_ms, .5):.1f} / {pct(search_ms, .95):.1f} ms"),
        (f"ask latency p50 / p95 ({len(ask_ms)} questions)", f"{pct(ask_ms, .5):.1f} / {pct(ask_ms, .95):.1f} ms"),
        ("ask latency mean", f"{statistics.mean(ask_ms):.1f} ms"),
    ]
    print("| measure | result |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()

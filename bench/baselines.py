"""Retrieval baselines on the gold set: dense only, BM25 only, hybrid fusion, and the full answering pipeline.

Evidence hit@k and MRR over the answerable items (figure, fact, en), with the citation rule of
rag/evaluation.py, so BENCHMARKS.md shows what each stage adds.

    python bench/baselines.py [--gold eval/gold.jsonl] [--index index/default] [--k 10] [--out FILE.md]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

from rag.evaluation import ANSWERABLE, evidence_rank, hit_at, load_gold, mrr
from rag.retrieval import Retriever

METHODS = ("dense", "bm25", "hybrid", "search", "pipeline")
LABELS = {"dense": "dense only (e5 + FAISS)", "bm25": "BM25 only (jieba)", "hybrid": "hybrid (RRF fusion)",
          "search": "rag search (hybrid + question-aware rerank)", "pipeline": "pipeline (Service.ask citations)"}


def ranked_texts(method: str, retriever: Retriever, service, question: str, k: int) -> list[str]:
    """The top-k passage texts one method returns for a question."""
    if method == "dense":
        return [p.text for p, _ in retriever.dense(retriever.embed(question), k)]
    if method == "bm25":
        return [p.text for p, _ in retriever.lexical(question, k)]
    if method == "hybrid":
        return [h.passage.text for h in retriever.search(question, k)]
    if method == "search":
        return [c.text for c in service.search(question, k)]
    return [c.text for c in service.ask(question, top_k=k).citations]


def run(gold: Path, index: Path, k: int) -> tuple[dict, dict]:
    """Per method: evidence ranks of every answerable item, and seconds per query."""
    from rag.config import Settings
    from rag.service import Service

    items = [i for i in load_gold(gold) if i.type in ANSWERABLE]
    service = Service(Settings(index_dir=index)).load()
    retriever = service.state.retriever
    retriever.embed("warm up")  # the first call loads the model: keep it out of the timings
    ranks: dict[str, list] = {m: [] for m in METHODS}
    seconds: dict[str, float] = dict.fromkeys(METHODS, 0.0)
    for item in items:  # methods interleaved per item, so a busy machine slows them all alike
        for method in METHODS:
            started = time.perf_counter()
            texts = ranked_texts(method, retriever, service, item.question, k)
            seconds[method] += time.perf_counter() - started
            ranks[method].append((item, evidence_rank(texts, item.evidence)))
    seconds = {m: s / max(1, len(items)) for m, s in seconds.items()}
    return ranks, seconds


def _row(label: str, rs: list, k: int, extra: str = "") -> str:
    cells = [hit_at(rs, 1), hit_at(rs, 5), hit_at(rs, k), mrr(rs)]
    return f"| {label} | {len(rs)} | " + " | ".join(f"{c:.3f}" for c in cells) + f" |{extra}"


def table(ranks: dict, seconds: dict, k: int) -> str:
    """Markdown: overall per method, then hit@5 per item type."""
    lines = [f"| method | items | hit@1 | hit@5 | hit@{k} | MRR@{k} | ms/query |",
             "|---|---|---|---|---|---|---|"]
    for method in METHODS:
        rs = [r for _, r in ranks[method]]
        lines.append(_row(LABELS[method], rs, k, f" {seconds[method] * 1000:.1f} |"))
    kinds = [t for t in ANSWERABLE if any(i.type == t for i, _ in ranks["dense"])]
    lines += ["", "hit@5 by item type:", "", "| method | " + " | ".join(f"{t} (n={sum(i.type == t for i, _ in ranks['dense'])})"
                                                                     for t in kinds) + " |",
              "|---|" + "---|" * len(kinds)]
    for method in METHODS:
        cells = [hit_at([r for i, r in ranks[method] if i.type == t], 5) for t in kinds]
        lines.append(f"| {LABELS[method]} | " + " | ".join(f"{c:.3f}" for c in cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    import os

    mem = ""
    try:
        kb = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{platform.machine()}, {os.cpu_count()} cores{mem}, no GPU, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=Path("eval/gold.jsonl"))
    ap.add_argument("--index", type=Path, default=Path("index/default"))
    ap.add_argument("--k", type=int, default=10, help="depth of each ranking (hit@k, MRR@k)")
    ap.add_argument("--out", type=Path, help="also write the table, command and machine to this Markdown file")
    args = ap.parse_args(argv)
    ranks, seconds = run(args.gold, args.index, args.k)
    text = table(ranks, seconds, args.k)
    print(text)
    if args.out:
        command = "python bench/baselines.py " + " ".join(argv if argv is not None else sys.argv[1:])
        args.out.write_text(f"Command: `{command.strip()}`  \nMachine: {machine()}  \n"
                            f"Run: {time.strftime('%Y-%m-%d %H:%M %Z')}\n\n{text}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

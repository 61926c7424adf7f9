"""Parity of the stores: every gold set scored on a FAISS index and on a Milvus store of the same corpus.

    python bench/store_parity.py --index DIR --store milvus:./lib.db [--sets eval/gold.jsonl ...] [--scoped]

Prints, per gold set, the main metrics on both and their difference in points, then every item whose
outcome differs (passed on one and not the other, or another answer). Build the two from the same
corpus first, e.g. `rag build DIR --index idx` and `rag build DIR --store milvus:./lib.db`.
Each set is asked as its questions come (unscoped: over a library, the question's words choose the
report); with --scoped, also scoped to its report (the items' "doc", Kaizhou's for sets without one),
as bench/library.py asks them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rag.config import Settings  # noqa: E402
from rag.evaluation import evaluate, load_gold  # noqa: E402
from rag.service import Service  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from library import Scoped  # noqa: E402
from per_report import KAIZHOU  # noqa: E402

METRICS = ("pass_rate", "answer_accuracy", "figure_exact_match", "evidence_hit@1", "evidence_hit@5",
           "refusal_recall", "answerable_refusal_rate", "commitment_recall", "commitment_precision")
DEFAULT_SETS = sorted((ROOT / "eval").glob("*.jsonl"))


def points(x) -> float | None:
    return None if x is None else 100 * x


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", type=Path, required=True, help="the FAISS index directory")
    ap.add_argument("--store", required=True, help="the Milvus store, milvus:...")
    ap.add_argument("--sets", type=Path, nargs="+", default=DEFAULT_SETS)
    ap.add_argument("--json", type=Path, help="write everything here too")
    ap.add_argument("--scoped", action="store_true", help="also ask each set scoped to its report")
    args = ap.parse_args()
    services = {"faiss": Service(Settings(index_dir=args.index)).load(),
                "milvus": Service(Settings(store=args.store)).load()}
    report, worst = {}, 0.0
    print("| gold set | items | metric | FAISS | Milvus | difference (points) |")
    print("| --- | --- | --- | --- | --- | --- |")
    diffs_out = []
    runs = []
    for path in args.sets:
        items = load_gold(path)
        runs.append((path.name, items, None))
        if args.scoped:
            raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            docs = {r.get("doc") or KAIZHOU for r in raw}
            if len(docs) == 1:
                runs.append((f"{path.name} scoped", items, docs.pop()))
    for label, items, doc in runs:
        results = {name: evaluate(svc if doc is None else Scoped(svc, doc), items, progress=False)
                   for name, svc in services.items()}
        report[label] = {name: r.metrics for name, r in results.items()}
        for m in METRICS:
            a, b = points(results["faiss"].metrics.get(m)), points(results["milvus"].metrics.get(m))
            if a is None and b is None:
                continue
            d = None if a is None or b is None else b - a
            worst = max(worst, abs(d or 0.0))
            print(f"| {label} | {len(items)} | {m} | {a:.1f} | {b:.1f} | {d:+.1f} |" if d is not None
                  else f"| {label} | {len(items)} | {m} | {a} | {b} | n/a |")
        for fa, mi in zip(results["faiss"].items, results["milvus"].items):
            if fa.passed != mi.passed or fa.got != mi.got or fa.evidence_rank != mi.evidence_rank:
                diffs_out.append({"set": label, "id": fa.id, "question": fa.question,
                                  "faiss": {"passed": fa.passed, "got": fa.got, "evidence_rank": fa.evidence_rank},
                                  "milvus": {"passed": mi.passed, "got": mi.got, "evidence_rank": mi.evidence_rank}})
    print(f"\nlargest difference: {worst:.1f} points; {len(diffs_out)} item(s) differ")
    for d in diffs_out:
        print(f"- {d['set']} {d['id']} {d['question']}\n    FAISS:  {json.dumps(d['faiss'], ensure_ascii=False)}"
              f"\n    Milvus: {json.dumps(d['milvus'], ensure_ascii=False)}")
    if args.json:
        args.json.write_text(json.dumps({"metrics": report, "differences": diffs_out, "largest_points": worst},
                                        ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

"""Answer quality per report: each report indexed alone, its gold sets run through the Service.

    python bench/per_report.py [--reports ../shared/reports] [--out bench/out/per_report.json]

Gold sets are found by their items' "doc" field (eval/national-*.jsonl, eval/holdout4.jsonl ...);
Kaizhou's older sets (no "doc") go to the Kaizhou report. Indexes are built once under
bench/out/indexes/<doc> and rebuilt only when the report or the code's index format changes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

from rag.config import Settings
from rag.evaluation import eval_to_dict, evaluate, load_gold
from rag.indexing import build_index
from rag.service import Service

ROOT = Path(__file__).resolve().parents[1]
KAIZHOU = "kaizhou-2026-government-work-report"


def report_files(reports: Path) -> dict[str, Path]:
    files = {p.stem: p for p in sorted(reports.glob("*.txt"))}
    files[KAIZHOU] = ROOT / "corpus" / f"{KAIZHOU}.txt"
    return files


def gold_by_doc(eval_dir: Path, only: set[str] | None = None) -> dict[str, dict[str, list]]:
    """doc -> gold set name -> items."""
    out: dict[str, dict[str, list]] = defaultdict(dict)
    for path in sorted(eval_dir.glob("*.jsonl")):
        if path.stem in ("routing",) or (only and path.stem not in only):
            continue
        raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        docs = {r.get("doc") or KAIZHOU for r in raw}
        if len(docs) != 1:
            continue
        out[docs.pop()][path.stem] = load_gold(path)
    return out


def service_for(doc: str, source: Path, base: Path) -> Service:
    corpus, index = base / doc / "corpus", base / doc / "index"
    corpus.mkdir(parents=True, exist_ok=True)
    target = corpus / source.name
    if not target.exists() or target.read_bytes() != source.read_bytes():
        shutil.copy(source, target)
    build_index(Settings(corpus_dir=corpus, index_dir=index), progress=False)  # incremental: unchanged -> cheap
    return Service(Settings(corpus_dir=corpus, index_dir=index)).load()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=Path, default=ROOT.parent / "shared" / "reports")
    ap.add_argument("--eval-dir", type=Path, default=ROOT / "eval")
    ap.add_argument("--sets", nargs="*", help="only these gold sets (file stems)")
    ap.add_argument("--base", type=Path, default=ROOT / "bench" / "out" / "indexes")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "per_report.json")
    ap.add_argument("--failures", action="store_true", help="print each failed item")
    ap.add_argument("--items", action="store_true", help="keep each item's result in the JSON (to compare runs)")
    args = ap.parse_args()
    files = report_files(args.reports)
    results = {}
    for doc, sets in gold_by_doc(args.eval_dir, set(args.sets) if args.sets else None).items():
        if doc not in files:
            print(f"skip {doc}: report not found", file=sys.stderr)
            continue
        started = time.perf_counter()
        service = service_for(doc, files[doc], args.base)
        for name, items in sets.items():
            result = evaluate(service, items, progress=False)
            res = eval_to_dict(result)
            en = res["by_type"].get("en", {})
            results[name] = {"doc": doc, "metrics": {**res["metrics"], "english_right": en.get("answer_accuracy"),
                                                     "english_n": en.get("items", 0)}}
            if args.items:
                results[name]["items"] = [{"id": it.id, "question": it.question, "got": it.got, "expected": it.expected,
                                           "exact": it.exact, "kind": it.kind,
                                           "confidence": it.confidence, "why": it.why} for it in result.items]
            m = res["metrics"]
            print(f"{name:14s} n={len(items):3d} " + " ".join(
                f"{k}={v}" for k, v in m.items() if not isinstance(v, dict)), flush=True)
            if args.failures:
                for it in result.items:
                    if not it.passed:
                        print("   FAIL", it.id, it.type, "|", it.question, "| got:", str(it.got)[:60],
                              "| want:", str(it.expected)[:60], "| rank", it.evidence_rank, "|", "; ".join(it.why))
        print(f"  ({doc}: {time.perf_counter() - started:.0f}s)", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

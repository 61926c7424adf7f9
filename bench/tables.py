"""Markdown tables for BENCHMARKS.md from bench/out/per_report.json and bench/out/calibration.json.

    python bench/tables.py
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = [("figure_exact_match", "figure exact"), ("fact_exact_span", "fact exact span"),
           ("answer_accuracy", "answers right"), ("english_right", "English right"), ("evidence_hit@1", "hit@1"),
           ("evidence_hit@5", "hit@5"),
           ("refusal_recall", "unanswerable refused"), ("answerable_refusal_rate", "answerable refused"),
           ("commitment_recall", "commitment recall"), ("commitment_precision", "commitment precision")]


def pct(v) -> str:
    return "—" if v is None else f"{100 * v:.1f}%"


def main() -> None:
    per = json.loads((ROOT / "bench/out/per_report.json").read_text(encoding="utf-8"))
    print("| gold set | report | n | " + " | ".join(c for _, c in COLUMNS) + " |")
    print("| --- | --- | --- | " + " | ".join("---" for _ in COLUMNS) + " |")
    for name, r in sorted(per.items(), key=lambda kv: (kv[1]["doc"], kv[0])):
        m = r["metrics"]
        print(f"| {name} | {r['doc'].replace('-government-work-report', '')} | {m['items']} | "
              + " | ".join(pct(m.get(k)) for k, _ in COLUMNS) + " |")
    # how often an answer of each confidence level is right, over every gold set (issue 12)
    print("\n| confidence | answers | right |")
    print("| --- | --- | --- |")
    for level in ("high", "medium", "low"):
        n = sum(r["metrics"].get(f"confidence_{level}_n") or 0 for r in per.values())
        right = sum((r["metrics"].get(f"confidence_{level}_right") or 0) * (r["metrics"].get(f"confidence_{level}_n") or 0)
                    for r in per.values())
        print(f"| {level} | {n} | {pct(right / n) if n else '—'} |")
    cal_path = ROOT / "bench/out/calibration.json"
    if cal_path.exists():
        cal = json.loads(cal_path.read_text(encoding="utf-8"))
        print("\n| report left out | items handled right, thresholds fitted on the others | with the starting thresholds |")
        print("| --- | --- | --- |")
        for doc, v in cal["loro"].items():
            print(f"| {doc.replace('-government-work-report', '')} | {pct(v['held_out_score'])} | {pct(v['start_score'])} |")
        print(f"| **mean** | **{pct(cal['loro_mean'])}** | |")


if __name__ == "__main__":
    main()

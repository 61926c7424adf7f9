"""Evaluation output: the terminal summary, Markdown/HTML reports with a chart, and run-to-run comparison."""

from __future__ import annotations

import base64
import html
import json
import sys
from pathlib import Path

from .errors import RagError
from .evaluation import ANSWERABLE, GoldError, TYPES

OVERALL = [  # (key, label) in the order the tables show them
    ("pass_rate", "pass rate (items with no failure)"),
    ("answer_accuracy", "answer accuracy (figure+fact+en)"),
    ("figure_exact_match", "figure exact match"),
    ("evidence_hit@1", "evidence hit@1"),
    ("evidence_hit@5", "evidence hit@5"),
    ("evidence_mrr", "evidence MRR"),
    ("refusal_precision", "refusal precision"),
    ("refusal_recall", "refusal recall"),
    ("answerable_refusal_rate", "refusal rate on answerable"),
    ("commitment_recall", "commitment recall"),
    ("commitment_precision", "commitment precision"),
    ("latency_p50_s", "latency p50 (s)"),
    ("latency_p95_s", "latency p95 (s)"),
    ("ask_latency_p50_s", "ask latency p50 (s)"),
    ("ask_latency_p95_s", "ask latency p95 (s)"),
    ("commitments_latency_p50_s", "commitments latency p50 (s)"),
    ("commitments_latency_p95_s", "commitments latency p95 (s)"),
]
BY_TYPE_COLS = ["items", "passed", "answer_accuracy", "evidence_hit@1", "evidence_hit@5", "evidence_mrr",
                "answerable_refusal_rate", "refusal_recall", "commitment_recall", "commitment_precision",
                "latency_p50_s", "latency_p95_s"]
MAX_FAILURES_SHOWN = 15


def fmt(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, bool) or isinstance(v, int):
        return str(v)
    return f"{v:.3f}"


def accuracy(kind: str, m: dict) -> float | None:
    """The one score per type the chart shows: answers, refusals, or commitments found."""
    key = "answer_accuracy" if kind in ANSWERABLE else (
        "refusal_recall" if kind == "unanswerable" else "commitment_recall")
    return m.get(key)


def _text(v) -> str:
    return " | ".join(v) if isinstance(v, list) else str(v)


def _got(v) -> str:
    return f"{len(v)} returned: " + " | ".join(v) if isinstance(v, list) else str(v)


# --- comparison ---


def load_result(path: Path) -> dict:
    """An earlier --json result, or a GoldError saying why it cannot be compared."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldError(f"compare file {path} does not exist") from None
    except (OSError, ValueError) as exc:
        raise GoldError(f"compare file {path} is not readable JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list) or "metrics" not in data:
        raise GoldError(f"compare file {path} is not a `rag eval --json` result (no metrics/items)")
    return data


def compare_results(old: dict, new: dict) -> dict:
    """Per item what got better and what got worse, and the metric deltas."""
    before = {i["id"]: i for i in old["items"]}
    after = {i["id"]: i for i in new["items"]}
    better, worse = [], []
    for id_, a in after.items():
        b = before.get(id_)
        if b is None or bool(b.get("passed")) == bool(a["passed"]):
            continue
        row = {"id": id_, "type": a["type"], "question": a["question"], "before": _text(b.get("got", "")),
               "after": _text(a["got"]), "why": "; ".join(b.get("why", []) if a["passed"] else a["why"])}
        (better if a["passed"] else worse).append(row)
    metrics = {}
    for key, new_v in new["metrics"].items():
        old_v = old["metrics"].get(key)
        if isinstance(new_v, (int, float)) and isinstance(old_v, (int, float)):
            metrics[key] = {"old": old_v, "new": new_v, "delta": round(new_v - old_v, 4)}
    return {"better": better, "worse": worse, "metrics": metrics,
            "added": sorted(set(after) - set(before)), "removed": sorted(set(before) - set(after))}


# --- terminal ---


def print_summary(result, diff: dict | None = None, file=None) -> None:
    """Readable tables on stdout (rich)."""
    from rich.console import Console
    from rich.table import Table

    console = Console(file=file or sys.stdout, width=120)
    if result is not None:
        m = result.metrics
        console.print(f"[bold]rag eval[/bold]: {m['items']} items, {m['passed']} passed, {m['errors']} errors, "
                      f"{result.meta.get('seconds', 0)}s")
        overall = Table(title="Overall", show_header=True)
        overall.add_column("metric")
        overall.add_column("value", justify="right")
        for key, label in OVERALL:
            overall.add_row(label, fmt(m.get(key)))
        console.print(overall)
        types = Table(title="By type (accuracy*: answers; refusal recall for unanswerable; commitment recall)")
        for col in ("type", "items", "passed", "accuracy*", "hit@1", "hit@5", "MRR", "refused", "p50 s", "p95 s"):
            types.add_column(col, justify="left" if col == "type" else "right")
        for kind, tm in result.by_type.items():
            types.add_row(kind, *(fmt(v) for v in (
                tm["items"], tm["passed"], accuracy(kind, tm), tm.get("evidence_hit@1"), tm.get("evidence_hit@5"),
                tm.get("evidence_mrr"), tm.get("answerable_refusal_rate"), tm["latency_p50_s"], tm["latency_p95_s"])))
        console.print(types)
        fails = result.failures
        if fails:
            ft = Table(title=f"Failures ({len(fails)}, first {min(len(fails), MAX_FAILURES_SHOWN)})")
            for col in ("id", "expected", "got", "why"):
                ft.add_column(col, overflow="fold")
            for r in fails[:MAX_FAILURES_SHOWN]:
                got = f"{len(r.got)} commitments returned" if isinstance(r.got, list) else r.got
                ft.add_row(r.id, _text(r.expected)[:40], got[:40], "; ".join(r.why)[:120])
            console.print(ft)
        if result.warnings:
            console.print(f"[yellow]{len(result.warnings)} gold-set warning(s)[/yellow]: "
                          + "; ".join(result.warnings[:5]))
    if diff is not None:
        dt = Table(title=f"Compared: {len(diff['better'])} better, {len(diff['worse'])} worse")
        for col in ("metric", "old", "new", "delta"):
            dt.add_column(col, justify="right" if col != "metric" else "left")
        for key, d in diff["metrics"].items():
            if d["delta"]:
                dt.add_row(key, fmt(d["old"]), fmt(d["new"]), f"{d['delta']:+.4g}")
        console.print(dt)
        for word, rows in (("better", diff["better"]), ("worse", diff["worse"])):
            for r in rows:
                console.print(f"  {word}: {r['id']} {r['question'][:40]}  {r['before'][:30]!r} -> {r['after'][:30]!r}")


# --- files ---


def write_chart(data: dict, path: Path) -> Path:
    """PNG bar chart: accuracy and pass rate by item type."""
    import matplotlib

    matplotlib.use("Agg")  # no display here, and none wanted
    import matplotlib.pyplot as plt

    kinds = [k for k in TYPES if k in data["by_type"]]
    acc = [accuracy(k, data["by_type"][k]) or 0.0 for k in kinds]
    passed = [data["by_type"][k]["pass_rate"] or 0.0 for k in kinds]
    x = range(len(kinds))
    fig, ax = plt.subplots(figsize=(7, 3.6), dpi=100)
    ax.bar([i - 0.2 for i in x], acc, width=0.4, label="accuracy*", color="#3b75af")
    ax.bar([i + 0.2 for i in x], passed, width=0.4, label="pass rate", color="#9ecae1")
    for i, v in zip(x, acc):
        ax.text(i - 0.2, v + 0.02, f"{v:.2f}", ha="center", fontsize=8)
    ax.set_xticks(list(x), [f"{k}\n(n={data['by_type'][k]['items']})" for k in kinds], fontsize=8)
    ax.set_ylim(0, 1.3)
    ax.set_title("Accuracy by item type")
    ax.legend(fontsize=8, loc="upper left", ncol=2)
    fig.text(0.01, 0.01, "*answer accuracy; refusal recall for unanswerable; commitment recall for topics", fontsize=7)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.savefig(path)
    plt.close(fig)
    return path


def _tables(data: dict, diff: dict | None) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) of every table a report shows."""
    m = data["metrics"]
    out = [("Overall", ["metric", "value"], [[label, fmt(m.get(key))] for key, label in OVERALL]),
           ("By type", ["type"] + BY_TYPE_COLS,
            [[k] + [fmt(tm.get(c)) for c in BY_TYPE_COLS] for k, tm in data["by_type"].items()])]
    if diff is not None:
        out.append((f"Compared with the earlier run: {len(diff['better'])} better, {len(diff['worse'])} worse",
                    ["metric", "old", "new", "delta"],
                    [[k, fmt(d["old"]), fmt(d["new"]), f"{d['delta']:+.4g}"] for k, d in diff["metrics"].items()]))
        rows = [[w, r["id"], r["question"], r["before"], r["after"], r["why"]]
                for w, rs in (("better", diff["better"]), ("worse", diff["worse"])) for r in rs]
        out.append(("Items that changed", ["change", "id", "question", "before", "after", "why"], rows))
    out.append((f"Failures ({len(data['failures'])})", ["id", "type", "question", "expected", "got", "why"],
                [[f["id"], f["type"], f["question"], _text(f["expected"]), _got(f["got"]), f["why"]]
                 for f in data["failures"]]))
    if data.get("warnings"):
        out.append(("Gold-set warnings", ["warning"], [[w] for w in data["warnings"]]))
    return out


def _meta_line(data: dict) -> str:
    meta = data.get("meta", {})
    return ", ".join(f"{k}: {meta[k]}" for k in ("gold", "index", "embedder", "created", "seconds") if k in meta)


def _md_cell(v: str) -> str:
    return str(v).replace("|", "\\|").replace("\n", " ")


def to_markdown(data: dict, chart: str | None, diff: dict | None) -> str:
    lines = ["# Evaluation report", "", _meta_line(data), ""]
    for i, (title, header, rows) in enumerate(_tables(data, diff)):
        lines += [f"## {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
        lines.append("")
        if i == 1 and chart:
            lines += [f"![accuracy by type]({chart})", ""]
    lines += ["Matching rules: see the docstring of rag/evaluation.py.", ""]
    return "\n".join(lines)


def to_html(data: dict, chart: Path | None, diff: dict | None) -> str:
    e = html.escape
    parts = ["<!doctype html><html lang='zh'><head><meta charset='utf-8'><title>Evaluation report</title>",
             "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}"
             "td,th{border:1px solid #ccc;padding:3px 6px;font-size:13px;vertical-align:top}</style></head><body>",
             "<h1>Evaluation report</h1>", f"<p>{e(_meta_line(data))}</p>"]
    for i, (title, header, rows) in enumerate(_tables(data, diff)):
        parts.append(f"<h2>{e(title)}</h2><table><tr>" + "".join(f"<th>{e(h)}</th>" for h in header) + "</tr>")
        parts += ["<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in row) + "</tr>" for row in rows]
        parts.append("</table>")
        if i == 1 and chart:
            b64 = base64.b64encode(chart.read_bytes()).decode()  # embedded, so the page stands alone
            parts.append(f"<p><a href='{e(chart.name)}'><img alt='accuracy by type' "
                         f"src='data:image/png;base64,{b64}'></a></p>")
    parts.append("<p>Matching rules: see the docstring of rag/evaluation.py.</p></body></html>")
    return "\n".join(parts)


def write_report(data: dict, path: Path, diff: dict | None = None) -> Path | None:
    """Markdown (.md) or HTML (.html/.htm) report, with its chart PNG saved next to it."""
    suffix = path.suffix.lower()
    if suffix not in (".md", ".html", ".htm"):
        raise RagError(f"report file {path} must end in .md or .html")
    path.parent.mkdir(parents=True, exist_ok=True)
    chart = None
    if data["by_type"]:
        chart = write_chart(data, path.with_name(path.stem + "-accuracy.png"))
    if suffix == ".md":
        path.write_text(to_markdown(data, chart.name if chart else None, diff), encoding="utf-8")
    else:
        path.write_text(to_html(data, chart, diff), encoding="utf-8")
    return chart


def run_cli(service, gold_path: Path, json_out: Path | None, report_out: Path | None, compare: Path | None,
            progress: bool | None = None) -> int:
    """Run the gold set, print the summary, write the files asked for; 2 on bad input, 0 otherwise."""
    from .evaluation import check_evidence, corpus_texts, eval_to_dict, evaluate, load_gold

    try:
        if report_out and Path(report_out).suffix.lower() not in (".md", ".html", ".htm"):
            raise GoldError(f"report file {report_out} must end in .md or .html")
        items = load_gold(gold_path)
        old = load_result(compare) if compare else None
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    service.load()  # a missing index fails here once (IndexStateError), not once per item
    try:
        warnings = check_evidence(items, corpus_texts(service))
    except RagError as exc:
        warnings = [f"gold evidence not checked: {exc}"]
    result = evaluate(service, items, progress=sys.stderr.isatty() if progress is None else progress,
                      warnings=warnings)
    result.meta["gold"] = str(gold_path)
    data = eval_to_dict(result)
    diff = compare_results(old, data) if old is not None else None
    print_summary(result, diff)
    if json_out:
        Path(json_out).parent.mkdir(parents=True, exist_ok=True)
        Path(json_out).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"wrote {json_out}", file=sys.stderr)
    if report_out:
        chart = write_report(data, Path(report_out), diff)
        print(f"wrote {report_out}" + (f" and {chart}" if chart else ""), file=sys.stderr)
    return 0

"""The same reports as HTML pages, PDF files and Word documents: paragraphs recovered and gold-set scores.

    python bench/bench_formats.py [--out DIR] [--reports REPORT.txt ...] [--all] [--chromium] [--cold] [--no-eval]

1. Writes every report (default: the Kaizhou report, the national 2024 report and every report that
   has a gold set) as .html, .pdf and .docx with scripts/make_formats.py (--chromium: a second PDF of
   each, printed by Chromium).
2. Paragraphs recovered: per report and format, the share of the text reader's paragraphs that the
   format's reader returns exactly (each counted once), and the same for the parsed documents (after
   parse_document's mending of web-copy breaks, which every format goes through).
3. Gold sets: for each report with gold sets (found by their items' "doc" field, as
   bench/per_report.py does; routing.jsonl, a library set, is left out), an index of the report alone is
   built from the .txt and from each format, and every gold set is run on each. A format's build
   starts from a copy of the text build, so texts that came out the same reuse their vectors (the
   normal incremental build; the "embedded" column counts texts that had to be embedded anew);
   --cold builds each from nothing.
Prints Markdown tables for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import make_formats  # noqa: E402
sys.path.insert(0, str(ROOT / "bench"))
from rag.documents import READERS, parse_document, read_plain  # noqa: E402

SHARED = ROOT.parent / "shared" / "reports"
KAIZHOU = ROOT / "corpus" / "kaizhou-2026-government-work-report.txt"
FORMATS = ("html", "pdf", "docx")


def recovered(reference: list[str], got: list[str]) -> float:
    """Share of the reference paragraphs found exactly in got (each counted once)."""
    have = Counter(got)
    hits = 0
    for p in reference:
        if have[p] > 0:
            have[p] -= 1
            hits += 1
    return hits / len(reference)


def golds_by_report(eval_dir: Path) -> dict[Path, dict[str, list]]:
    """Report file -> gold set name -> items (bench/per_report.py's rule: the items' "doc" field)."""
    from per_report import gold_by_doc, report_files

    files = report_files(SHARED)
    return {files[doc].resolve(): sets for doc, sets in gold_by_doc(eval_dir).items() if doc in files}


def default_reports(golds: dict[Path, dict]) -> list[Path]:
    reports = [KAIZHOU, SHARED / "national-2024-government-work-report.txt"]
    return [r for r in reports + sorted(golds, key=lambda p: p.name) if r.exists()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "formats")
    ap.add_argument("--reports", type=Path, nargs="*", default=None)
    ap.add_argument("--chromium", action="store_true", help="also read PDFs printed by Chromium")
    ap.add_argument("--cold", action="store_true", help="build each format's index from nothing")
    ap.add_argument("--no-eval", action="store_true", help="paragraph recovery only")
    ap.add_argument("--all", action="store_true", help="every report of ../shared/reports too")
    ap.add_argument("--eval-dir", type=Path, default=ROOT / "eval")
    args = ap.parse_args()
    golds = golds_by_report(args.eval_dir)
    reports = list(dict.fromkeys(p.resolve() for p in (args.reports or default_reports(golds))))
    if args.all:
        reports += [r.resolve() for r in sorted(SHARED.glob("*.txt")) if r.resolve() not in reports]
    out = args.out
    shutil.rmtree(out, ignore_errors=True)

    kinds = list(FORMATS) + (["pdf-chromium"] if args.chromium else [])
    for report in reports:
        base = out / report.stem
        (base / "txt").mkdir(parents=True)
        shutil.copy(report, base / "txt" / report.name)
        for fmt in FORMATS:
            make_formats.make_all([report], base / fmt, (fmt,))
        if args.chromium:
            make_formats.make_all([report], base / "pdf-chromium", ("pdf",), chromium=True)

    print("### Paragraphs recovered exactly\n")
    print("Each cell: the reader's paragraphs against the text reader's / the parsed documents' paragraphs "
          "(after parse_document's mending) against the text file's; then the reading time.\n")
    print("| report | paragraphs | " + " | ".join(kinds) + " |")
    print("|---|---:|" + "---:|" * len(kinds))
    for report in reports:
        ref, _ = read_plain(report)
        ref_doc = [p.text for p in parse_document(report).paragraphs]
        cells = []
        for kind in kinds:
            path = next((out / report.stem / kind).glob(f"{report.stem}.*"))
            t = time.perf_counter()
            got, _ = READERS[path.suffix](path)
            seconds = time.perf_counter() - t
            got_doc = [p.text for p in parse_document(path).paragraphs]
            raw, doc = recovered(ref, got), recovered(ref_doc, got_doc)
            note = " identical" if got_doc == ref_doc else ""
            cells.append(f"{raw:.1%} / {doc:.1%}{note}, {seconds:.2f}s")
        print(f"| {report.stem} | {len(ref)} / {len(ref_doc)} | " + " | ".join(cells) + " |")

    if args.no_eval:
        return 0
    from rag.config import Settings
    from rag.evaluation import evaluate, load_gold
    from rag.indexing import build_index
    from rag.service import Service

    print("\n### Gold sets on an index built from each format (pass rate; evidence hit@5)\n")
    built_kinds = ["txt", *FORMATS]  # Chromium's PDFs read the same as WeasyPrint's (table above): not rebuilt
    print("| report | gold set | items | " + " | ".join(built_kinds) + " | largest difference |")
    print("|---|---|---:|" + "---|" * len(built_kinds) + "---:|", flush=True)
    for report in reports:
        sets = golds.get(report)
        if not sets:
            continue
        scores: dict[str, dict[str, tuple[float, float]]] = {}
        built: dict[str, str] = {}
        for kind in built_kinds:
            corpus, index = out / report.stem / kind, out / report.stem / f"index-{kind}"
            if kind != "txt" and not args.cold:
                shutil.copytree(out / report.stem / "index-txt", index)
            t = time.perf_counter()
            r = build_index(Settings(corpus_dir=corpus, index_dir=index), progress=False)
            built[kind] = f"{r.passages} passages, {r.embedded} embedded, {time.perf_counter() - t:.0f}s"
            service = Service(Settings(index_dir=index, corpus_dir=corpus)).load()
            for name, items in sets.items():
                m = evaluate(service, items, progress=False).metrics
                scores.setdefault(name, {})[kind] = (m["pass_rate"], m.get("evidence_hit@5") or 0.0)
        for name, by_kind in scores.items():
            txt = by_kind["txt"][0]
            diff = max(abs(v[0] - txt) for v in by_kind.values())
            cells = " | ".join(f"{by_kind[k][0]:.1%}; {by_kind[k][1]:.3f}" for k in built_kinds)
            print(f"| {report.stem} | {name} | {len(sets[name])} | {cells} | {diff * 100:.1f} pt |", flush=True)
        print(f"\nbuilds ({report.stem}): " + "; ".join(f"{k}: {v}" for k, v in built.items()) + "\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

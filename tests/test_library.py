"""A library of reports in one index: incremental builds per report, scoped and routed questions, the
report named on every answer, targets against results through the Service, the API and the CLI.

The library is the Kaizhou report and excerpts of the national 2023 and 2024 reports (their part
headings, the first paragraph of each part and the paragraphs on GDP, jobs and the year's targets),
read from ../shared/reports at run time and embedded with the real bundled model.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from rag.api import create_app
from rag.cli import app as cli
from rag.config import Settings
from rag.documents import PART_RE
from rag.indexing import build_index
from rag.scope import Scope
from rag.service import Service
from rag.store import load_index

from .conftest import REPORT, reports_dir

KZ = "kaizhou-2026-government-work-report"
N23, N24 = "national-2023-government-work-report", "national-2024-government-work-report"
WORDS = ("预期目标", "国内生产总值", "城镇新增就业")


def excerpt(path: Path) -> str:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out, within = lines[:3], 0
    for line in lines[3:]:
        if PART_RE.match(line.strip()):
            out.append(line)
            within = 0
        elif within < 1 or any(w in line for w in WORDS):
            out.append(line)
            within += 1
    return "\n".join(out) + "\n"


def texts_of(index_dir: Path, doc: str) -> int:
    """How many texts of a report the index embeds: its passages, commitments and figures."""
    idx = load_index(index_dir)
    return (sum(p.doc == doc for p in idx.passages) + sum(c.doc == doc for c in idx.commitments)
            + sum(len(p.figures) for p in idx.passages if p.doc == doc))


def library_dirs(built_index: Path, base: Path) -> tuple[Path, Path]:
    """(corpus, index) of a small library under base: the Kaizhou report and excerpts of the national 2023
    and 2024 reports, the index a copy of Kaizhou's alone (the library grows from it)."""
    reports = reports_dir()
    corpus = base / "corpus"
    corpus.mkdir()
    shutil.copy(REPORT, corpus / REPORT.name)
    for doc in (N23, N24):
        (corpus / f"{doc}.txt").write_text(excerpt(reports / f"{doc}.txt"), encoding="utf-8")
    index = base / "index"
    shutil.copytree(built_index, index)
    return corpus, index


@pytest.fixture(scope="module")
def library(built_index, tmp_path_factory):
    """(corpus, index, first build, unchanged rebuild): Kaizhou's vectors come from the shared index."""
    corpus, index = library_dirs(built_index, tmp_path_factory.mktemp("library"))
    settings = Settings(corpus_dir=corpus, index_dir=index)
    first = build_index(settings, progress=False)
    again = build_index(settings, progress=False)
    return corpus, index, first, again


@pytest.fixture(scope="module")
def service(library) -> Service:
    corpus, index, *_ = library
    return Service(Settings(corpus_dir=corpus, index_dir=index)).load()


def test_adding_reports_embeds_only_their_texts(library):
    corpus, index, first, again = library
    assert first.documents == 3
    new = texts_of(index, N23) + texts_of(index, N24)
    assert 0 < first.embedded <= new < 300  # the two new reports' texts at most; none of Kaizhou's 500+
    assert texts_of(index, KZ) > 400
    assert again.embedded == 0 and again.reused == first.embedded + first.reused


def test_documents_list_each_report(service):
    docs = {d.doc: d for d in service.documents()}
    assert set(docs) == {KZ, N23, N24}
    assert (docs[N23].year, docs[N23].issuer, docs[N23].level, docs[N23].place) == (2023, "国务院", "国家", "全国")
    assert (docs[KZ].year, docs[KZ].level, docs[KZ].place) == (2026, "区县", "重庆市开州区")
    assert [d.doc for d in service.documents()] == [N23, N24, KZ]  # oldest first
    assert all(d.figures > 0 and d.paragraphs > 0 for d in docs.values())


def test_scoped_search_sees_only_the_scoped_reports(service):
    for doc in (N23, KZ):
        hits = service.search("国内生产总值增长 城镇新增就业", 10, Scope(docs=(doc,)))
        assert hits and {h.doc for h in hits} == {doc}
        assert all(h.title and h.year for h in hits)  # every citation names its report
    both = service.search("国内生产总值增长", 10, Scope(years=(2023, 2024)))
    assert {h.doc for h in both} <= {N23, N24}


def test_questions_reach_the_report_their_words_name(service):
    a = service.ask("开州区2026年地区生产总值增长目标是多少？")
    assert (a.answer, a.doc.id) == ("6%", KZ) and "开州" in a.route
    a = service.ask("2023年国内生产总值增长目标是多少？")
    assert (a.answer, a.doc.id, a.doc.year) == ("5%左右", N23, 2023)
    assert all(c.doc == N23 and c.year == 2023 for c in a.citations)
    a = service.ask("2023年全国国内生产总值增长多少？")  # the result of 2023: the 2024 report
    assert (a.answer, a.doc.id) == ("5.2%", N24)


def test_without_a_year_the_latest_report_answers_and_the_others_are_named(service):
    a = service.ask("国内生产总值增长目标是多少？", scope=Scope(level="国家"))
    assert (a.answer, a.doc.id) == ("5%左右", N24) and "最新" in a.route
    assert [d.id for d in a.other_docs] == [N23]  # 2023's report sets 5%左右 as well


def test_a_scope_is_obeyed_even_when_the_words_point_elsewhere(service):
    a = service.ask("2023年国内生产总值增长目标是多少？", scope=Scope(docs=(KZ,)))
    assert all(c.doc == KZ for c in a.citations) and (a.refused or a.doc.id == KZ)
    a = service.ask("国内生产总值增长目标是多少？", scope=Scope(docs=(N24,)))
    assert (a.answer, a.doc.id) == ("5%左右", N24)


def test_targets_against_results_through_the_service(service):
    table = service.track("国内生产总值增长")
    row = next(r for r in table.rows if r.year == 2023)
    assert (row.target.text, row.result.text, row.verdict) == ("5%左右", "5.2%", "met")
    assert (row.target_doc.id, row.result_doc.id) == (N23, N24)
    a = service.ask("2023年GDP增长目标完成了吗？")
    assert a.answer.startswith("达成") and [c.doc for c in a.citations] == [N23, N24]


def test_api_documents_scope_and_track(library):
    corpus, index, *_ = library
    app = create_app(Settings(corpus_dir=corpus, index_dir=index), api_key="", mount_ui=False)
    with TestClient(app) as c:
        docs = c.get("/api/documents").json()
        assert [d["id"] for d in docs] == [N23, N24, KZ] and all("path" not in d for d in docs)
        assert [d["id"] for d in c.get("/api/documents", params={"level": "国家"}).json()] == [N23, N24]
        r = c.post("/api/ask", json={"question": "国内生产总值增长目标是多少？", "scope": {"docs": [N23]}})
        assert r.status_code == 200 and r.json()["doc"] == {"id": N23, "title": r.json()["doc"]["title"], "year": 2023}
        assert {x["doc"] for x in r.json()["citations"]} == {N23}
        r = c.post("/api/ask", json={"question": "国内生产总值增长目标是多少？", "scope": {"docs": ["nope"]}})
        assert r.status_code == 422 and "unknown report id" in r.json()["detail"]
        r = c.post("/api/ask", json={"question": "x", "scope": {"years": [2023], "colour": "red"}})
        assert r.status_code == 422  # unknown scope fields are refused, not ignored
        hits = c.get("/api/search", params={"q": "国内生产总值", "doc": [N24], "k": 8}).json()
        assert hits and {h["doc"] for h in hits} == {N24}
        figs = c.get("/api/figures", params={"topic": "国内生产总值", "year": 2023}).json()
        assert figs and {f["doc"] for f in figs} == {N23}
        table = c.get("/api/track", params={"metric": "国内生产总值增长"}).json()
        assert any(r["year"] == 2023 and r["verdict"] == "met" for r in table["rows"])
        csv = c.get("/api/track", params={"metric": "国内生产总值增长", "format": "csv"})
        assert csv.headers["content-type"].startswith("text/csv") and csv.content.startswith("\ufeff年份".encode())
        png = c.get("/api/track", params={"metric": "国内生产总值增长", "format": "png"})
        assert png.headers["content-type"] == "image/png" and png.content.startswith(b"\x89PNG")
        assert c.get("/api/track", params={"metric": "x", "format": "gif"}).status_code == 422
        assert c.get("/api/track", params={"metric": "国内生产总值增长", "year": 1800}).status_code == 422


def test_cli_documents_track_and_scope(library, tmp_path):
    corpus, index, *_ = library
    runner = CliRunner()
    r = runner.invoke(cli, ["documents", "--index", str(index), "--json"])
    assert r.exit_code == 0 and [d["id"] for d in json.loads(r.stdout)] == [N23, N24, KZ]
    csv, svg = tmp_path / "t.csv", tmp_path / "t.svg"
    r = runner.invoke(cli, ["track", "国内生产总值增长", "--index", str(index), "--csv", str(csv), "--chart", str(svg)])
    assert r.exit_code == 0 and "2023" in r.stdout and "达成" in r.stdout
    assert csv.read_bytes().startswith("\ufeff".encode()) and b"<svg" in svg.read_bytes()[:400]
    r = runner.invoke(cli, ["ask", "国内生产总值增长目标是多少？", "--doc", N24, "--index", str(index), "--json"])
    assert r.exit_code == 0 and json.loads(r.stdout)["doc"]["id"] == N24
    r = runner.invoke(cli, ["ask", "国内生产总值增长目标是多少？", "--doc", "nope", "--index", str(index)])
    assert r.exit_code == 1 and "unknown report id" in r.stderr
    r = runner.invoke(cli, ["track", "国内生产总值增长", "--index", str(index), "--chart", str(tmp_path / "t.gif")])
    assert r.exit_code == 1 and ".png or .svg" in r.stderr


def test_changing_or_removing_one_report(library, tmp_path):
    corpus0, index0, *_ = library
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(corpus0, corpus)
    shutil.copytree(index0, index)
    settings = Settings(corpus_dir=corpus, index_dir=index)
    path = corpus / f"{N24}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    target = next(i for i, line in enumerate(lines) if "预期目标" in line)
    lines[target] = lines[target].replace("5%左右", "5.5%左右")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    changed = build_index(settings, progress=False)
    assert 0 < changed.embedded <= 12  # the changed paragraph's passage, commitments and figures only
    (corpus / f"{N23}.txt").unlink()
    removed = build_index(settings, progress=False)
    assert removed.embedded == 0 and removed.documents == 2
    service = Service(settings).load()
    assert {d.doc for d in service.documents()} == {N24, KZ}
    assert all(p.doc != N23 for p in service.state.index.passages)
    a = service.ask("2023年国内生产总值增长目标是多少？")
    assert all(c.doc != N23 for c in a.citations) and (a.doc is None or a.doc.id != N23)
    assert service.ask("国内生产总值增长目标是多少？", scope=Scope(docs=(N24,))).answer == "5.5%左右"

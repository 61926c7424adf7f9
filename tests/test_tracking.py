"""Targets against results: the judgement rules, and every verdict of eval/tracking.json on the real reports.

The library here is parsed (documents, passages, figures) without embedding: tracking reads figures only.
"""

import json

import pytest

from rag.documents import parse_document
from rag.indexing import passages_of
from rag.models import DocumentInfo, Figure
from rag.question import analyze
from rag.tracking import Library, answer_tracking, judge, measure_core, measure_names, table_chart, table_csv, track

from .conftest import REPORT, ROOT, reports_dir


def fig(text: str, value: float, unit: str = "%", qualifier: str = "", metric: str = "国内生产总值增长") -> Figure:
    return Figure(text=text, value=value, unit=unit, qualifier=qualifier, metric=metric)


@pytest.mark.parametrize("target, result, metric, verdict", [
    (fig("7.5%左右", 7.5, qualifier="左右"), fig("7.7%", 7.7), "", "met"),  # within ±0.5 point
    (fig("5.5%左右", 5.5, qualifier="左右"), fig("3%", 3.0), "", "not met"),
    (fig("6%以上", 6.0, qualifier="以上"), fig("8.1%", 8.1), "", "met"),
    (fig("6%以上", 6.0, qualifier="以上"), fig("5.9%", 5.9), "", "not met"),
    (fig("5.5%以内", 5.5, qualifier="以内"), fig("5.5%", 5.5), "城镇调查失业率", "met"),
    (fig("4.6%", 4.6, qualifier="低于"), fig("4.1%", 4.1), "城镇登记失业率", "met"),
    (fig("3%左右", 3.0, qualifier="左右"), fig("0.2%", 0.2), "居民消费价格", "met"),  # a ceiling
    (fig("3%左右", 3.0, qualifier="左右"), fig("3.6%", 3.6), "居民消费价格", "not met"),
    (fig("1200万人左右", 1.2e7, "人", "左右"), fig("1244万人", 1.244e7, "人"), "城镇新增就业", "met"),  # a floor
    (fig("1200万人左右", 1.2e7, "人", "左右"), fig("1100万人", 1.1e7, "人"), "城镇新增就业", "not met"),
    (fig("6.5%－7%", 6.5), fig("6.7%", 6.7), "", "met"),  # a range
    (fig("6.5%－7%", 6.5), fig("7.2%", 7.2), "", "not met"),
    (fig("2.1%", 2.1), fig("2.1%", 2.1), "赤字率", "met"),
    (fig("3%", 3.0), fig("2.4万亿元", 2.4e12, "元"), "赤字率", "not comparable"),
    (fig("3%", 3.0), None, "赤字率", "no result"),
])
def test_judge(target, result, metric, verdict):
    assert judge(target, result, metric)[0] == verdict


def test_measure_names_and_cores():
    assert measure_core("居民消费价格涨幅控制在") == measure_core("居民消费价格上涨") == "居民消费价格"
    assert measure_core("年末城镇调查失业率降到") == measure_core("城镇调查失业率全年控制在") == "城镇调查失业率"
    assert measure_core("国内生产总值比上年增长") == "国内生产总值"
    assert ("城镇登记失业率", 2) in measure_names("城镇调查失业率")  # the measure it replaced, last
    assert ("国内生产总值", 1) in measure_names("GDP增长")


def _infos(docs, passages) -> list[DocumentInfo]:
    return [DocumentInfo(doc=d.doc_id, title=d.title, path="", encoding=d.encoding, paragraphs=len(d.paragraphs),
                         passages=sum(p.doc == d.doc_id for p in passages), sha256=d.sha256, year=d.year,
                         issuer=d.issuer, level=d.level, place=d.place) for d in docs]


@pytest.fixture(scope="module")
def library() -> Library:
    reports = reports_dir()
    docs = [parse_document(p, reports) for p in sorted(reports.glob("*.txt"))] + [parse_document(REPORT, REPORT.parent)]
    passages = passages_of(docs, 300)
    return Library(passages, _infos(docs, passages))


def test_every_verdict_of_the_hand_checked_list(library):
    gold = json.loads((ROOT / "eval" / "tracking.json").read_text(encoding="utf-8"))
    wrong = []
    for metric in dict.fromkeys(g["metric"] for g in gold):
        rows = {(r.year, r.target_doc.id): r for r in track(library, metric).rows}
        for g in (g for g in gold if g["metric"] == metric):
            r = rows.get((g["year"], g["target_doc"]))
            got = (r.target.text, r.result.text if r.result else None, r.verdict) if r else None
            if got != (g["target"], g["result"], g["verdict"]):
                wrong.append((metric, g["year"], got))
            elif r.result is not None:  # both figures cited from the reports that state them
                assert r.result_doc.id == g["result_doc"] and g["result"] in r.result_citation.text
                assert g["target"] in r.target_citation.text and r.target_citation.doc == g["target_doc"]
    assert not wrong, wrong
    assert len(gold) == 40


def test_a_target_without_a_next_report_waits(library):
    rows = track(library, "城镇新增就业").rows
    kaizhou = [r for r in rows if r.place == "重庆市开州区"]
    assert [(r.year, r.target.text, r.verdict) for r in kaizhou] == [(2026, "7300人", "pending")]
    assert [r.year for r in rows if r.place == "全国" and r.verdict == "pending"] == [2018, 2024]


def test_scope_limits_the_targets(library):
    docs = [d for d in library.documents if d.year in (2022, 2023) and d.level == "国家"]
    rows = track(library, "国内生产总值增长", docs).rows
    assert [(r.year, r.verdict) for r in rows] == [(2022, "not met"), (2023, "met")]
    assert rows[1].result_doc.year == 2024  # the result comes from the next report, in scope or not


def test_csv_and_charts(library):
    table = track(library, "居民消费价格涨幅")
    text = table_csv(table)
    assert text.startswith("\ufeff年份,") and "3.5%左右" in text and "未报告结果" in text
    assert table_chart(table, "png").startswith(b"\x89PNG")
    assert b"<svg" in table_chart(table, "svg")[:400]
    with pytest.raises(ValueError, match="png or svg"):
        table_chart(table, "gif")


def test_questions_about_targets_are_answered_with_both_citations(library):
    refs = {}
    a = answer_tracking(library, analyze("2023年GDP增长目标完成了吗？"), library.documents, refs)
    assert a is not None and a.answer.startswith("达成") and "5%左右" in a.answer and "5.2%" in a.answer
    assert [c.year for c in a.citations] == [2023, 2024] and a.doc.year == 2023
    a = answer_tracking(library, analyze("2022年经济增长目标实现了吗？"), library.documents, refs)
    assert a is not None and a.answer.startswith("未达成")
    a = answer_tracking(library, analyze("近几年物价涨幅目标是多少？"), library.documents, refs)
    assert a is not None and "2023年3%左右" in a.answer and len(a.citations) >= 5
    assert answer_tracking(library, analyze("2023年GDP增长目标是多少？"), library.documents, refs) is None

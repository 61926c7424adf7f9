"""Evaluation harness: gold loading, the metric arithmetic, and real runs through the Service and `rag eval`.

Accuracy values of the real answering are not asserted (answering is being rewritten): the
end-to-end tests check the structure of the result and the files written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rag.eval_report import compare_results, load_result
from rag.evaluation import (
    TYPES, GoldError, GoldItem, ItemResult, answer_correct, check_evidence, citation_contains, commitment_match,
    compute_metrics, contains_answer, corpus_texts, eval_to_dict, evaluate, evidence_rank, exact_match, hit_at,
    load_gold, mrr, norm, percentile, refusal_scores, run_item, span_exact)
from rag.errors import RagError

from .conftest import store_args

DATA = Path(__file__).parent / "data"
SMALL = DATA / "gold_small.jsonl"
BAD = DATA / "gold_bad.jsonl"
METRIC_KEYS = {"items", "passed", "errors", "pass_rate", "answer_accuracy", "figure_exact_match", "evidence_hit@1",
               "evidence_hit@5", "evidence_mrr", "refusal_precision", "refusal_recall", "answerable_refusal_rate",
               "commitment_recall", "commitment_precision", "latency_p50_s", "latency_p95_s", "ask_latency_p50_s",
               "ask_latency_p95_s", "commitments_latency_p50_s", "commitments_latency_p95_s", "fact_exact_span",
               "highlight_ok", "confidence_high_right", "confidence_medium_right", "confidence_low_right",
               "confidence_high_n", "confidence_medium_n", "confidence_low_n"}


# --- load_gold ---


def test_load_gold_reads_the_small_fixture():
    items = load_gold(SMALL)
    assert len(items) == 8
    assert {i.type for i in items} == set(TYPES)
    topic = next(i for i in items if i.type == "commitment_topic")
    assert topic.question == "养老" and len(topic.evidence_list) == 3
    assert items[0].line == 1


def test_load_gold_lists_every_bad_line_with_its_number():
    with pytest.raises(GoldError) as err:
        load_gold(BAD)
    msg = str(err.value)
    assert isinstance(err.value, RagError)
    assert "6 bad line(s)" in msg
    assert "line 2: invalid JSON" in msg
    assert "line 3: unknown type 'opinion'" in msg
    assert "line 4: missing field 'question'" in msg
    assert "line 5: duplicate id 'b-1' (first on line 1)" in msg
    assert "line 7: a commitment_topic item needs evidence_list" in msg
    assert "line 8: not a JSON object" in msg
    assert "line 1:" not in msg and "line 6:" not in msg  # the good line and the blank line


def test_load_gold_caps_the_list_of_problems(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text("{oops\n" * 30, encoding="utf-8")
    msg = str(pytest.raises(GoldError, load_gold, path).value)
    assert "30 bad line(s)" in msg and "line 20:" in msg and "line 21:" not in msg and "and 10 more" in msg


def test_load_gold_rejects_empty_and_missing_files(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n  \n", encoding="utf-8")
    assert "is empty" in str(pytest.raises(GoldError, load_gold, empty).value)
    assert "does not exist" in str(pytest.raises(GoldError, load_gold, tmp_path / "nope.jsonl").value)


def test_load_gold_requires_answer_and_evidence_for_answerable_items(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps({"id": "x", "type": "figure", "question": "q", "answer": "", "evidence": "",
                                "lang": "fr"}, ensure_ascii=False) + "\n", encoding="utf-8")
    msg = str(pytest.raises(GoldError, load_gold, path).value)
    assert "needs an answer" in msg and "needs evidence" in msg and "unknown lang 'fr'" in msg


def test_accept_holds_other_exact_spans_for_facts_only(tmp_path):
    item = {"id": "f", "type": "fact", "question": "推出了什么品牌？", "answer": "“投资中国”品牌",
            "evidence": "打造“投资中国”品牌", "lang": "zh", "accept": ["投资中国"]}
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8")
    (got,) = load_gold(path)
    assert got.accept == ("投资中国",)
    assert span_exact("投资中国", got.answer, got.accept) and span_exact("“投资中国”品牌", got.answer, got.accept)
    assert not span_exact("投资", got.answer, got.accept) and not span_exact("投资中国", got.answer)
    assert check_evidence([got], ["我们要打造“投资中国”品牌。"]) == []
    stray = GoldItem("s", "fact", "q", "a", "打造“投资中国”品牌", "zh", accept=("外资品牌",))
    assert check_evidence([stray], ["打造“投资中国”品牌"]) == ["s: accepted span not in its evidence: 外资品牌"]
    bad = [dict(item, accept="投资中国"), dict(item, id="g", type="figure", answer="5%", accept=["5"])]
    path.write_text("\n".join(json.dumps(b, ensure_ascii=False) for b in bad) + "\n", encoding="utf-8")
    msg = str(pytest.raises(GoldError, load_gold, path).value)
    assert "line 1: accept must be a list" in msg and "line 2: accept is for fact and en items, not figure" in msg


def test_check_evidence_flags_text_not_in_the_corpus():
    items = load_gold(SMALL) + [GoldItem("made-up", "fact", "q", "a", "开州建成了月球基地", "zh")]
    corpus = ["今年经济社会发展主要预期目标是:地区生产总值增长6%,城镇新增就业7300人,一般公共预算收入增长8%"]
    warnings = check_evidence(items, corpus)
    assert any(w.startswith("made-up:") for w in warnings)
    assert not any(w.startswith("s-fig-001:") for w in warnings)  # present once normalized
    assert check_evidence(items, []) == ["no corpus text could be read: gold evidence was not checked"]


# --- metric functions on hand-made answers ---


def test_exact_match_normalizes_width_and_spaces_only():
    assert exact_match("４．８％", "4.8%")
    assert exact_match(" 4.8 % ", "4.8%")
    assert exact_match("96.94\u3000亿元", "96.94亿元")
    assert not exact_match("4.80%", "4.8%")
    assert not exact_match("14.8%", "4.8%")
    assert not exact_match("", "")  # an empty gold answer never matches
    assert norm("Ａ Ｂ\n") == "AB"


def test_answer_rules_by_type():
    assert contains_answer("报告说是第十个城市", "第十个")
    assert answer_correct("fact", "全国第十个", "第十个")
    assert not answer_correct("figure", "增长6%左右", "6%")  # figures must match exactly
    assert answer_correct("en", "６%", "6%") and not answer_correct("en", "16%", "6%")
    assert answer_correct("en", "Yang Hong (杨宏)", "杨宏")  # no digit: containment


def test_citation_contains_evidence_rules():
    evidence = "城镇新增就业7300人,一般公共预算收入增长8%"
    assert citation_contains("目标是:城镇新增就业7300人,一般公共预算收入增长8%,居民收入…", evidence)
    assert citation_contains("城镇新增就业7300人,", evidence)  # the citation is a piece of the evidence
    # the evidence straddles a passage end: 20 of its 23 characters are in this passage
    assert citation_contains("目标是:城镇新增就业7300人,一般公共预算收入增", evidence)
    # a partial overlap of 14 of the evidence's 26 characters (54%) is not enough
    assert not citation_contains("完成一般公共预算收入增长任务,推进改革", "城镇新增就业7300人;完成一般公共预算收入增长任务")
    assert not citation_contains("", evidence) and not citation_contains("x", "")


def test_hit_at_k_and_mrr():
    assert evidence_rank(["无关", "还是无关", "城镇新增就业7300人"], "城镇新增就业7300人") == 3
    assert evidence_rank(["无关"], "城镇新增就业7300人") is None
    ranks = [1, 3, None, 2]
    assert hit_at(ranks, 1) == 0.25
    assert hit_at(ranks, 5) == 0.75
    assert mrr(ranks) == pytest.approx((1 + 1 / 3 + 0 + 1 / 2) / 4)
    assert hit_at([], 1) is None and mrr([]) is None


def test_refusal_precision_and_recall():
    # (should refuse, refused): 2 true positives, 1 false negative, 1 false positive, 3 answered right
    pairs = [(True, True), (True, True), (True, False), (False, True), (False, False), (False, False), (False, False)]
    s = refusal_scores(pairs)
    assert s["refusal_precision"] == pytest.approx(2 / 3)
    assert s["refusal_recall"] == pytest.approx(2 / 3)
    assert s["answerable_refusal_rate"] == pytest.approx(1 / 4)
    assert refusal_scores([(False, False)])["refusal_precision"] is None


def test_commitment_recall_and_precision():
    returned = ["启动普惠养老服务改革,大力发展社区居家养老", "确保基本养老保险、基本医疗保险参保率稳定在95%以上", "修建公园"]
    expected = ["启动普惠养老服务改革", "基本养老保险、基本医疗保险参保率", "养老金融、数字金融贷款余额增长20%以上"]
    found, relevant = commitment_match(returned, expected)
    assert found == expected[:2] and relevant == 2
    results = [ItemResult("t1", "commitment_topic", "zh", "养老", expected, found=2, expected_count=3, returned=3,
                          relevant=2),
               ItemResult("t2", "commitment_topic", "zh", "交通", ["x"], found=1, expected_count=1, returned=1,
                          relevant=1)]
    m = compute_metrics(results)
    assert m["commitment_recall"] == pytest.approx(3 / 4)
    assert m["commitment_precision"] == pytest.approx(3 / 4)


def test_compute_metrics_arithmetic():
    r = [ItemResult("f1", "figure", "zh", "q", "6%", got="6%", correct=True, evidence_rank=1, latency_s=0.1),
         ItemResult("f2", "figure", "zh", "q", "7%", got="8%", correct=False, evidence_rank=2, latency_s=0.2,
                    why=["wrong answer"]),
         ItemResult("c1", "fact", "zh", "q", "杨宏", got="", refused=True, correct=False, latency_s=0.3,
                    why=["refused an answerable question"]),
         ItemResult("u1", "unanswerable", "zh", "q", "(refusal)", refused=True, correct=True, latency_s=0.4)]
    m = compute_metrics(r)
    assert set(m) == METRIC_KEYS
    assert (m["items"], m["passed"], m["errors"]) == (4, 2, 0)
    assert m["figure_exact_match"] == 0.5
    assert m["answer_accuracy"] == pytest.approx(1 / 3, abs=1e-4)
    assert m["evidence_hit@1"] == pytest.approx(1 / 3, abs=1e-4) and m["evidence_hit@5"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["evidence_mrr"] == pytest.approx(0.5)
    assert m["refusal_precision"] == 0.5 and m["refusal_recall"] == 1.0
    assert m["answerable_refusal_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert m["latency_p50_s"] == 0.2 and m["latency_p95_s"] == 0.4
    assert m["commitment_recall"] is None


def test_percentile_nearest_rank():
    assert percentile([3, 1, 2, 4], 50) == 2
    assert percentile([3, 1, 2, 4], 95) == 4
    assert percentile([5], 50) == 5 and percentile([], 50) is None


def test_compare_results_reports_better_worse_and_deltas():
    def item(id_, passed, got):
        return {"id": id_, "type": "figure", "question": id_, "got": got, "passed": passed,
                "why": [] if passed else ["wrong answer"]}

    old = {"metrics": {"answer_accuracy": 0.5, "items": 3}, "items": [item("a", False, "5%"), item("b", True, "6%"),
                                                                      item("gone", True, "1")]}
    new = {"metrics": {"answer_accuracy": 0.75, "items": 3}, "items": [item("a", True, "6%"), item("b", False, "7%"),
                                                                       item("new", True, "2")]}
    d = compare_results(old, new)
    assert [r["id"] for r in d["better"]] == ["a"] and d["better"][0]["before"] == "5%"
    assert [r["id"] for r in d["worse"]] == ["b"] and d["worse"][0]["why"] == "wrong answer"
    assert d["metrics"]["answer_accuracy"]["delta"] == 0.25 and d["metrics"]["items"]["delta"] == 0
    assert d["added"] == ["new"] and d["removed"] == ["gone"]


def test_load_result_rejects_non_results(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"metrics": {}}', encoding="utf-8")
    assert "not a `rag eval --json` result" in str(pytest.raises(GoldError, load_result, bad).value)
    assert "does not exist" in str(pytest.raises(GoldError, load_result, tmp_path / "no.json").value)


# --- real runs through the Service ---


def test_corpus_texts_reads_gb18030_documents(tmp_path):
    from rag.config import Settings
    from rag.indexing import build_index
    from rag.service import Service

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "report.txt").write_bytes("2026年某县政府工作报告\n今年地区生产总值增长6%。城镇新增就业5000人。\n".encode("gb18030"))
    build_index(Settings(corpus_dir=corpus, index_dir=tmp_path / "index"), progress=False)
    service = Service(Settings(corpus_dir=corpus, index_dir=tmp_path / "index"))
    texts = corpus_texts(service)
    assert "城镇新增就业5000人" in next(iter(texts.values()))
    items = [GoldItem("g", "figure", "q", "5000人", "城镇新增就业5000人", "zh"),
             GoldItem("h", "figure", "q", "7300人", "城镇新增就业7300人", "zh")]
    assert [w.split(":")[0] for w in check_evidence(items, texts)] == ["h"]


def test_evaluate_small_gold_set_through_the_service(service):
    items = load_gold(SMALL)
    assert check_evidence(items, corpus_texts(service)) == []  # the fixture's evidence is in the report
    result = evaluate(service, items, progress=False)
    assert set(result.metrics) == METRIC_KEYS
    assert result.metrics["items"] == 8
    assert set(result.by_type) == set(TYPES)
    assert len(result.items) == 8 and [r.id for r in result.items] == [i.id for i in items]
    assert result.metrics["passed"] + len(result.failures) == 8
    for r in result.items:
        assert r.latency_s >= 0
        assert r.passed == (not r.why)
        if r.type in ("figure", "fact", "en") and not r.error:
            assert r.citations, r.id  # the Service always cites something for an answerable question
    data = json.loads(json.dumps(eval_to_dict(result), ensure_ascii=False))
    assert {"metrics", "by_type", "failures", "items", "warnings", "meta"} <= set(data)
    for f in data["failures"]:
        assert {"id", "type", "question", "expected", "got", "why"} <= set(f) and f["why"]
    for kind, m in data["by_type"].items():
        assert m["items"] >= 1 and "pass_rate" in m


def test_an_item_that_raises_is_recorded_and_the_run_goes_on(service):
    items = [GoldItem("too-long", "figure", "增长" * 2000, "6%", "地区生产总值增长6%", "zh"),
             *load_gold(SMALL)[:1]]
    result = evaluate(service, items, progress=False)
    bad = result.items[0]
    assert not bad.passed and bad.error.startswith("QuestionError:") and "too long" in bad.error
    assert bad.why[0].startswith("error: QuestionError")
    assert len(result.items) == 2 and not result.items[1].error
    assert result.metrics["errors"] == 1


def test_rag_eval_cli_writes_json_report_and_compare(service, tmp_path):
    from rag.cli import app

    runner = CliRunner()
    first, report = tmp_path / "first.json", tmp_path / "out" / "report.md"
    res = runner.invoke(app, ["eval", str(SMALL), *store_args(service), "--json", str(first),
                              "--report", str(report)])
    assert res.exit_code == 0, res.output
    assert "Overall" in res.stdout and "evidence hit@5" in res.stdout
    data = json.loads(first.read_text(encoding="utf-8"))
    assert set(data["metrics"]) == METRIC_KEYS and len(data["items"]) == 8
    md = report.read_text(encoding="utf-8")
    assert "## Overall" in md and "## By type" in md and "](report-accuracy.png)" in md
    assert (report.parent / "report-accuracy.png").read_bytes()[:4] == b"\x89PNG"

    html_report, second = tmp_path / "report.html", tmp_path / "second.json"
    res = runner.invoke(app, ["eval", str(SMALL), *store_args(service), "--json", str(second),
                              "--report", str(html_report), "--compare", str(first)])
    assert res.exit_code == 0, res.output
    assert "Compared" in res.stdout
    page = html_report.read_text(encoding="utf-8")
    assert "data:image/png;base64," in page and "Compared with the earlier run" in page
    assert (tmp_path / "report-accuracy.png").exists()


def test_rag_eval_cli_exits_2_on_bad_input(built_index, tmp_path):
    from rag.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["eval", str(BAD), "--index", str(built_index)])
    assert res.exit_code == 2 and "line 3: unknown type" in res.stderr
    res = runner.invoke(app, ["eval", str(SMALL), "--index", str(built_index), "--report", str(tmp_path / "r.pdf")])
    assert res.exit_code == 2 and "must end in .md or .html" in res.stderr
    res = runner.invoke(app, ["eval", str(SMALL), "--index", str(built_index), "--compare", str(tmp_path / "no.json")])
    assert res.exit_code == 2


def test_run_item_of_a_commitment_topic_scores_what_comes_back(service):
    item = next(i for i in load_gold(SMALL) if i.type == "commitment_topic")
    r = run_item(service, item)
    assert r.expected_count == 3 and not r.error
    assert 0 < r.found <= 3 and 0 < r.relevant <= r.returned == len(r.got)


def test_a_fact_answer_is_right_whatever_its_quotation_marks():
    from rag.evaluation import contains_answer

    assert contains_answer("织卡织卡", "《织卡织卡》") and contains_answer("“两山”实践创新基地", "两山")
    assert not contains_answer("织卡", "《织卡织卡》") and not contains_answer("《》", "《》")


def test_an_accepted_span_makes_a_fact_answer_right_as_well_as_exact(service):
    # the gold writer's span is longer than the short answer; the accepted one is the short answer itself
    question = "开州区长叫什么名字？"
    assert service.ask(question).answer == "杨宏"
    strict = GoldItem("a1", "fact", question, "区长杨宏", "区长 杨宏", "zh")
    lenient = GoldItem("a2", "fact", question, "区长杨宏", "区长 杨宏", "zh", accept=("杨宏",))
    first, second = evaluate(service, [strict, lenient], progress=False).items
    assert not first.correct and first.exact is False and first.why[0] == "wrong answer"
    assert second.correct and second.exact and not any(w.startswith("wrong") for w in second.why)

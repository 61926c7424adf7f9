"""The Gradio UI: its pure HTML/CSV helpers, its HTTP client, and a real browser on a real `rag serve`."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import free_port

from ui.client import ApiClient, ApiError, check_text, detail_text
from ui.render import report_choices, report_label, track_html, track_rows  # noqa: E401
from ui.render import (COMMITMENT_HEADERS, GOLD_FIELDS_TEXT, REFUSED, answer_html, answer_plain, citation_labels,
                       commitment_rows, commitments_html, csv_text, eval_html, failure_rows, figure_rows, figure_text,
                       highlight, number_text, parse_jsonl, turn_record, why_text, write_csv)

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

ANSWER = {
    "question": "2026年地区生产总值增长目标是多少？", "answer": "6%", "refused": False, "reason": "",
    "figures": [{"text": "6%", "value": 6.0, "unit": "%", "metric": "地区生产总值增长", "period": "2026年目标",
                 "qualifier": "", "section": "三、2026年工作安排", "paragraph": 50}],
    "citations": [{"doc": "kaizhou", "section": "三、2026年工作安排", "paragraph": 50, "score": 0.9,
                   "text": "地区生产总值增长6%,规上工业增加值增长16%,<b>粗体</b>"}],
    "resolved_question": "2026年地区生产总值增长目标是多少？",
}


# --- pure helpers ---

def test_highlight_escapes_and_marks_whole_figures():
    out = highlight("增长6%与16%,<script>x</script>", ["6%"])
    assert out.count("<mark>6%</mark>") == 1  # not the 6% inside 16%
    assert "1<mark>" not in out
    assert "&lt;script&gt;" in out and "<script>" not in out


def test_highlight_picks_the_occurrence_of_the_figures_metric():
    text = "地区生产总值增长6%,规上工业增加值增长6%,新增25家与250家"
    out = highlight(text, [{"text": "6%", "metric": "规上工业增加值增长"}, "25"], ["工业"])
    assert out == ("地区生产总值增长6%,规上<strong>工业</strong>增加值增长<mark>6%</mark>,"
                   "新增<mark>25</mark>家与250家")


def test_figure_text_puts_the_qualifier_where_the_report_does():
    assert figure_text({"text": "10亿元", "qualifier": "超", "context": "出口总额超10亿元"}) == "超10亿元"
    assert figure_text({"text": "20%", "qualifier": "以上"}) == "20%以上"
    assert figure_text({"text": "5家", "qualifier": ""}) == "5家"
    assert figure_text({"text": "20%以上", "qualifier": "以上"}) == "20%以上"  # already as written: not twice
    assert figure_text({"text": "突破50亿元", "qualifier": "突破"}) == "突破50亿元"


def test_highlight_escapes_needles_too():
    assert highlight("a<b>c", ["<b>"]) == "a<mark>&lt;b&gt;</mark>c"


def test_answer_html_shows_short_answer_figures_and_cited_paragraph():
    html = answer_html(ANSWER)
    assert '<div class="rag-short">6%</div>' in html
    assert "<mark>6%</mark>" in html and "1<mark>6%" not in html
    assert "第50段" in html and "三、2026年工作安排" in html
    assert '<details class="rag-cite" open>' in html and "<summary>" in html
    assert "&lt;b&gt;粗体&lt;/b&gt;" in html and "<b>粗体</b>" not in html
    assert "地区生产总值增长" in html and "2026年目标" in html
    assert "按上文理解为" not in html  # the question was not a follow-up
    assert html.count('class="rag-copy"') == 2  # the answer, and the one citation


def test_answer_card_shows_the_resolution_report_period_confidence_and_whole_paragraph():
    answer = {**ANSWER, "question": "那2026年呢？", "confidence": "high",
              "figures": [{**ANSWER["figures"][0], "period": {"kind": "target", "start": 2026, "end": 2026,
                                                              "label": "2026年目标"}}],
              "citations": [{**ANSWER["citations"][0], "highlight": [[8, 10]]}]}
    paragraph = {"doc": "kaizhou", "paragraph": 50, "text": "今年目标是:地区生产总值增长6%,规上工业增加值增长16%,<b>粗体</b>。其余句子。",
                 "passages": [ANSWER["citations"][0]["text"], "其余句子。"]}
    docs = {"kaizhou": {"id": "kaizhou", "title": "2026年开州区政府工作报告", "year": 2026}}  # GET /api/documents' shape
    html = answer_html(answer, {("kaizhou", 50): paragraph}, docs)
    assert "按上文理解为：2026年地区生产总值增长目标是多少？" in html
    assert "报告：《2026年开州区政府工作报告》" in html and "时期：2026年目标" in html and "可信度：高" in html
    # a citation without its own title (an older server) is named from the documents' list
    assert "[1] 《2026年开州区政府工作报告》 · 三、2026年工作安排 · 第50段" in html
    assert "查看整段原文（第50段）" in html and "其余句子。" in html
    assert "第50段 第1部分（共2部分）" in html
    assert "增长<mark>6%</mark>" in html  # the API's highlight offsets mark the answer
    plain = answer_plain(answer, docs)
    assert plain.splitlines()[:3] == ["问：那2026年呢？", "（理解为：2026年地区生产总值增长目标是多少？）", "答：6%"]
    assert "出处：《2026年开州区政府工作报告》 三、2026年工作安排 · 第50段" in plain
    record = turn_record(answer, docs)
    assert record["metric"] == "地区生产总值增长" and record["period"]["label"] == "2026年目标"
    assert record["doc"] == {"id": "kaizhou", "title": "2026年开州区政府工作报告", "year": 2026}
    assert record["citations"][0] == {k: answer["citations"][0][k] for k in ("doc", "section", "paragraph", "text")}


def test_pieces_of_one_paragraph_get_distinct_labels():
    cites = [{"doc": "d", "section": "二", "paragraph": 28, "text": "甲"}, {"doc": "d", "section": "二", "paragraph": 28,
                                                                         "text": "乙"}]
    assert citation_labels(cites) == ["二 · 第28段 片段1", "二 · 第28段 片段2"]
    para = {("d", 28): {"passages": ["甲", "丙", "乙"]}}
    assert citation_labels(cites, para) == ["二 · 第28段 第1部分（共3部分）", "二 · 第28段 第3部分（共3部分）"]


def test_numbers_get_thousands_separators_and_csv_whole_numbers():
    assert number_text(12500000000.0) == "12,500,000,000" and number_text(6.5) == "6.5" and number_text(None) == ""
    assert number_text(0.125) == "0.125" and number_text(47000) == "47,000"
    assert csv_text(["v", "w"], [[47000.0, 6.5], [None, 1e20]]) == "v,w\r\n47000,6.5\r\n,1e+20\r\n"


def test_answer_html_names_the_report_and_the_others_that_answer():
    doc = {"id": "national-2024", "title": "2024年中华人民共和国国务院政府工作报告", "year": 2024}
    cited = {**ANSWER["citations"][0], "title": doc["title"], "year": 2024}
    figure = {**ANSWER["figures"][0], "period": {"kind": "target", "start": 2026, "end": 2026, "label": "2026年目标"}}
    html = answer_html({**ANSWER, "figures": [figure], "citations": [cited], "doc": doc, "route": "问题提到“全国”",
                        "other_docs": [{"id": "n-2023", "title": "2023年<i>报告</i>", "year": 2023}]})
    assert "来源：《2024年中华人民共和国国务院政府工作报告》（问题提到“全国”）" in html
    assert "同样回答了这个问题的报告：《2023年&lt;i&gt;报告&lt;/i&gt;》" in html
    assert "[1] 《2024年中华人民共和国国务院政府工作报告》 · 三、2026年工作安排" in html
    assert "2026年目标" in html  # a period sent as a value shows its label


def test_report_picker_choices_and_labels():
    reports = [{"id": "a", "title": "2023年报告", "year": 2023, "issuer": "国务院"},
               {"id": "b", "title": "开州区报告", "year": 2026, "issuer": "开州区人民政府"}]
    assert report_choices(reports) == [("《开州区报告》（2026年）", "b"), ("《2023年报告》", "a")]  # newest first
    twins = [{"id": "x", "title": "政府工作报告", "year": 2024, "place": "开州"},
             {"id": "y", "title": "政府工作报告", "year": 2024, "place": "全国"}]
    assert report_choices(twins) == [("《政府工作报告》（2024年） · 开州", "x"), ("《政府工作报告》（2024年） · 全国", "y")]
    assert report_label({"id": "x", "title": "", "year": None}) == "x"
    assert report_label({"doc": "b", "title": "开州区报告", "year": 2026}) == "《开州区报告》（2026年）"


def test_track_table_rows_and_html():
    cite = lambda doc, year, text: {"doc": doc, "title": f"{year}年报告", "year": year, "section": "一", "paragraph": 3,
                                    "text": text}
    table = {"metric": "国内生产总值增长", "rows": [
        {"year": 2022, "place": "全国", "measure": "国内生产总值", "verdict": "not met", "verdict_zh": "未达成",
         "note": "3%比目标低2.5个百分点", "target": {"text": "5.5%左右", "paragraph": 40},
         "target_doc": {"id": "n22", "title": "2022年报告", "year": 2022},
         "target_citation": cite("n22", 2022, "国内生产总值增长5.5%左右"),
         "result": {"text": "3%", "paragraph": 3}, "result_doc": {"id": "n23", "title": "2023年报告", "year": 2023},
         "result_citation": cite("n23", 2023, "全年国内生产总值增长3%")},
        {"year": 2024, "place": "全国", "measure": "国内生产总值", "verdict": "pending", "verdict_zh": "待下一年报告",
         "note": "", "target": {"text": "5%左右", "paragraph": 30},
         "target_doc": {"id": "n24", "title": "2024年报告", "year": 2024},
         "target_citation": cite("n24", 2024, "国内生产总值增长5%左右")}]}
    rows = track_rows(table)
    assert rows[0][:4] == [2022, "全国", "国内生产总值", "5.5%左右"] and rows[0][5] == "3%" and rows[0][7] == "未达成"
    assert rows[1][5] == "—" and rows[1][6] == ""
    html = track_html(table)
    assert '<td class="rag-bad"><b>未达成</b></td>' in html and "<mark>3%</mark>" in html
    assert "结果：《2023年报告》 · 一 · 第3段" in html
    assert "设定年度目标" in track_html({"metric": "x", "rows": [], "message": "库中的报告没有为“x”设定年度目标"})


def test_answer_html_refusal_shows_message_and_reason_escaped():
    html = answer_html({"question": "<i>火星</i>？", "answer": "", "refused": True,
                        "reason": "没有<相关>数据", "figures": [], "citations": []})
    assert REFUSED in html and "没有&lt;相关&gt;数据" in html
    assert "&lt;i&gt;火星&lt;/i&gt;" in html and "<i>" not in html
    assert "rag-short" not in html


RESULT = {"topic": "养老", "message": "", "commitments": [
    {"text": "新建养老服务中心3个", "section": "三 > (十)民生", "paragraph": 103,
     "figures": [{"text": "3个"}], "markers": ["新建"]},
    {"text": "发展银发经济<>", "section": "二 > (一)目标", "paragraph": 40, "figures": [], "markers": []},
    {"text": "完善养老保险", "section": "三 > (十)民生", "paragraph": 101, "figures": [], "markers": ["完善"]},
]}


def test_commitment_rows_grouped_by_section_in_first_seen_order():
    rows = commitment_rows(RESULT)
    assert [r[:3] for r in rows] == [["", "三 › (十)民生", 101], ["", "三 › (十)民生", 103], ["", "二 › (一)目标", 40]]
    assert rows[1][3:] == ["新建养老服务中心3个", "3个", "新建"]
    assert len(rows[0]) == len(COMMITMENT_HEADERS)


def test_commitments_html_has_a_heading_row_per_section_and_escapes():
    html = commitments_html(RESULT)
    assert html.count('class="sec"') == 2 and html.count('class="commitment"') == 3
    assert "<mark>3个</mark>" in html and "发展银发经济&lt;&gt;" in html
    assert "共 <b>3</b> 条" in html
    empty = commitments_html({"topic": "<火星>", "commitments": [], "message": ""})
    assert "&lt;火星&gt;" in empty and "没有找到" in empty


def test_csv_has_bom_crlf_and_reads_back(tmp_path):
    path = Path(write_csv(COMMITMENT_HEADERS, commitment_rows(RESULT), "承诺_养老/../x", folder=tmp_path))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    assert path.suffix == ".csv" and ".." not in path.name
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == COMMITMENT_HEADERS and rows[1][3] == "完善养老保险"
    assert csv_text(["a", "b"], [[None, 1]]) == "a,b\r\n,1\r\n"
    assert path.parent.parent == tmp_path


def test_figure_rows_keep_numbers_sortable():
    rows = figure_rows([ANSWER["figures"][0] | {"section": "三 > (一)"}])
    assert rows == [["地区生产总值增长", "6%", 6.0, "%", "2026年目标", "", "三 › (一)", 50, ""]]
    docs = {"kz": {"id": "kz", "title": "开州区政府工作报告", "year": 2026}}
    assert figure_rows([ANSWER["figures"][0] | {"doc": "kz"}], docs)[0][-1] == "《开州区政府工作报告》（2026年）"
    period = {"kind": "target", "start": 2026, "end": 2026, "label": "2026年目标"}
    assert figure_rows([ANSWER["figures"][0] | {"period": period}])[0][4] == "2026年目标"


GOLD_LINE = {"id": "g1", "type": "figure", "question": "2026年地区生产总值增长目标是多少？", "answer": "6%",
             "evidence": "地区生产总值增长6%"}


def test_parse_jsonl_takes_exactly_the_fields_the_page_lists():
    """The page says id, type, question, answer, evidence: a file with just those is whole (lang is inferred)."""
    for field in ("id", "type", "question", "answer", "evidence"):
        assert field in GOLD_FIELDS_TEXT
    lines = [GOLD_LINE, {**GOLD_LINE, "id": "g2", "type": "en", "question": "What is the 2026 GDP growth target?"},
             {"id": "g3", "type": "unanswerable", "question": "火星的GDP是多少？"},
             {"id": "g4", "type": "commitment_topic", "question": "养老", "evidence_list": ["新建养老服务中心3个"]}]
    items = parse_jsonl("\ufeff" + "\n\n".join(json.dumps(x, ensure_ascii=False) for x in lines))
    assert [i["lang"] for i in items] == ["zh", "en", "zh", "zh"]
    assert items[2]["answer"] == "" and items[0]["evidence"] == "地区生产总值增长6%"


@pytest.mark.parametrize("text, message", [
    ('{"id": "a", "type": "figure", "question": "问", "answer": "1"}', "第 1 行缺少 evidence 字段"),
    ('{"id": "a", "type": "wrong", "question": "问"}', "第 1 行的 type「wrong」无效"),
    ('{"id": "a", "type": "figure", "question": "问", "answer": "1", "evidence": "e", "lang": "fr"}', "lang 应为 zh 或 en"),
    ('{"id": "a", "type": "commitment_topic", "question": "养老"}', "需要 evidence_list"),
    ('{"id": "a", "type": "unanswerable", "question": "问", "answer": "x"}', "应留空"),
    ('[1, 2]', "不是一个 JSON 对象"),
    ('{"type": "figure"}', "第 1 行缺少 id 字段"),
    (json.dumps(GOLD_LINE) + "\n{oops", "第 2 行不是合法的 JSON"),
    (json.dumps(GOLD_LINE) + "\n" + json.dumps(GOLD_LINE), "第 2 行的编号 g1 与前面的题重复"),
    ("\n", "没有评测题目"),
    (b"\xff\xfe", "不是 UTF-8"),
])
def test_parse_jsonl_names_the_bad_line_in_chinese(text, message):
    with pytest.raises(ValueError, match=message):
        parse_jsonl(text)


def test_evaluation_reasons_are_in_chinese():
    assert why_text("refused an answerable question; evidence not in the 5 citations (top citation: 某段)") == \
        "拒答了报告中有答案的问题；5 段引用中没有标准证据（第一段引用：某段）"
    assert why_text("missed 2 of 3 commitments: a; b") == "漏掉了 3 条承诺中的 2 条：a；b"
    assert why_text("(refused: 没有数据)") == "（拒答：没有数据）"
    assert why_text("g1: evidence not found in the corpus: 某句") == "g1：证据原文在语料中找不到：某句"


def test_eval_html_formats_rates_latencies_and_types():
    html = eval_html({"metrics": {"items": 2, "pass_rate": 0.5, "latency_p50_s": 0.123, "evidence_mrr": None},
                      "by_type": {"figure": {"items": 1, "pass_rate": 1.0}, "en": {"items": 1, "pass_rate": 0.0}},
                      "failures": [{"id": "en-1"}], "warnings": ["<w>"]})
    assert "50.0%" in html and "0.123 秒" in html and "—" in html
    assert "数字题" in html and "英文题" in html and "未通过的题目：1 道" in html and "&lt;w&gt;" in html
    rows = failure_rows([{"id": "c1", "type": "commitment_topic", "question": "养老", "expected": ["a", "b"],
                          "got": [], "why": "missed 2"}])
    assert rows == [["c1", "承诺主题", "养老", "a；b", "", "missed 2"]]


def test_detail_text_translates_server_messages():
    assert detail_text({"detail": "the question is empty"}) == "内容为空，请先输入。"
    assert "最多 2000" in detail_text({"detail": "the question is too long: 2500 characters, at most 2000"})
    assert detail_text({"detail": [{"loc": ["body", "question"], "msg": "Field required"}]}) == \
        "question: Field required"
    assert detail_text({"detail": [{"loc": ["body", "items", 0, "figure", "lang"], "msg": "Field required"}]}) == \
        "第 1 题（数字题）的 lang 字段：缺少这个字段"
    with pytest.raises(ApiError, match="请先输入问题"):
        check_text("   ")


# --- the client when the server is down or silent ---



def test_client_says_when_the_server_is_down():
    with pytest.raises(ApiError, match="无法连接问答服务") as err:
        ApiClient(f"http://127.0.0.1:{free_port()}").ask("问")
    assert err.value.status == 0


def test_client_says_when_the_server_times_out():
    with socket.socket() as listener:  # accepts connections in the kernel but never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        with pytest.raises(ApiError, match="超时"):
            ApiClient(f"http://127.0.0.1:{port}", timeout=0.5).health()


# --- a real `rag serve` and a real browser ---

@pytest.fixture(scope="module")
def server(live_server):
    """Base URL of the session's real `rag serve` (tests/conftest.py)."""
    return live_server


@pytest.mark.slow
def test_client_against_real_server(server):
    client = ApiClient(server)
    answer = client.ask("2026年地区生产总值增长目标是多少？", 3)
    assert not answer["refused"] and answer["citations"]
    with pytest.raises(ApiError) as err:
        client.ask("", 3)  # the server's 4xx comes back as a Chinese sentence
    assert 400 <= err.value.status < 500 and "输入有误" in str(err.value)
    result = client.evaluate([{"id": "t1", "type": "figure", "question": "2026年地区生产总值增长目标是多少？",
                               "answer": "6%", "evidence": "地区生产总值增长6%", "lang": "zh"}], timeout=120)
    assert result["metrics"]["figure_exact_match"] == 1.0 and not result["failures"]
    # the 含五年规划目标 box (ticked at first): the plan's goals with the year's tasks, the year's alone unticked
    year = client.commitments("交通", goals=False)["commitments"]
    both = client.commitments("交通")["commitments"]
    assert all(c["period"]["kind"] != "goal" for c in year) and any(c["period"]["kind"] == "goal" for c in both)



# --- the UI's files, errors and origins (issue 11): only what is uploaded through the page is read ---

def gradio_call(base: str, api_name: str, data: list) -> str:
    """Call a UI event through Gradio's HTTP API as any client can (POST then read the event stream)."""
    import httpx

    r = httpx.post(f"{base}/ui/gradio_api/call/{api_name}", json={"data": data}, timeout=30)
    assert r.status_code == 200, r.text
    return httpx.get(f"{base}/ui/gradio_api/call/{api_name}/{r.json()['event_id']}", timeout=120).text


def gradio_upload(base: str, path: Path) -> str:
    """Upload a file the way the page does; the server path Gradio keeps it at."""
    import httpx

    with open(path, "rb") as f:
        r = httpx.post(f"{base}/ui/gradio_api/upload", files={"files": (path.name, f)}, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()[0]


@pytest.mark.slow
def test_the_ui_reads_no_server_file_it_did_not_upload(server, tmp_path):
    """A FileData naming a server path is refused: not read, not copied, no path or exception in the answer."""
    from gradio.utils import get_upload_folder

    secret = tmp_path / "secret-probe.jsonl"
    secret.write_text(json.dumps({**GOLD_LINE, "question": "SECRET-MARKER-7f3a 问"}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    for path in (secret, tmp_path / "missing-probe.jsonl"):
        out = gradio_call(server, "on_eval", ["上传 JSONL 文件", {"path": str(path),
                                                               "meta": {"_type": "gradio.FileData"}}])
        assert "SECRET-MARKER" not in out and str(tmp_path) not in out, out
        assert "FileNotFoundError" not in out and "Errno" not in out and "Traceback" not in out, out
    assert not list(Path(get_upload_folder()).rglob("secret-probe.jsonl"))  # nothing copied into Gradio's cache

    # the same file uploaded through the page is read (here: refused with the page's Chinese message)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "type": "figure", "question": "问", "answer": "1"}\n', encoding="utf-8")
    uploaded = gradio_upload(server, bad)
    out = gradio_call(server, "on_eval", ["上传 JSONL 文件", {"path": uploaded, "meta": {"_type": "gradio.FileData"}}])
    assert "第 1 行缺少 evidence 字段" in json.loads(out.split("data:", 1)[1])[0], out


def test_upload_path_accepts_only_files_in_the_upload_folder(tmp_path):
    from gradio.utils import get_upload_folder

    from ui.app import upload_path

    outside = tmp_path / "x.jsonl"
    outside.write_text("{}", encoding="utf-8")
    assert upload_path(str(outside)) is None and upload_path("/etc/passwd") is None and upload_path(None) is None
    folder = Path(get_upload_folder())
    folder.mkdir(parents=True, exist_ok=True)
    inside = Path(tempfile_in(folder)) / "ok.jsonl"
    inside.write_text("{}", encoding="utf-8")
    try:
        assert upload_path(str(inside)) == inside.resolve()
        assert upload_path(str(inside.parent / ".." / ".." / outside.name)) is None
        assert upload_path(str(folder)) is None
    finally:
        inside.unlink()
        inside.parent.rmdir()


def tempfile_in(folder: Path) -> str:
    import tempfile

    return tempfile.mkdtemp(prefix="rag-test-", dir=folder)


@pytest.mark.slow
def test_the_ui_allows_only_its_own_origin(server):
    import httpx

    foreign = httpx.get(f"{server}/ui/config", headers={"Origin": "http://localhost:1"}, timeout=30)
    assert "access-control-allow-origin" not in foreign.headers
    assert foreign.headers.get("access-control-allow-credentials") != "true"
    preflight = httpx.options(f"{server}/ui/gradio_api/queue/join", timeout=30,
                              headers={"Origin": "http://localhost:1", "Access-Control-Request-Method": "POST"})
    assert preflight.headers.get("access-control-allow-origin") != "http://localhost:1"
    own = httpx.get(f"{server}/ui/config", headers={"Origin": server}, timeout=30)
    assert own.headers.get("access-control-allow-origin") == server


def test_csv_files_are_pruned_and_removed_at_exit(tmp_path):
    from ui.app import CsvFiles

    files = CsvFiles()
    first = Path(files.write(["a"], [[1]], "指标"))
    assert first.exists() and first.parent.parent == files.path and files.path.name.startswith("rag-ui-")
    files.prune(max_age=-1)  # Gradio has copied it into its cache by then
    assert not first.exists() and not any(files.path.iterdir())
    files.close()
    assert not files.path.exists()
    # a process that exits leaves no rag-ui-* folder behind
    out = subprocess.run([sys.executable, "-c", "from ui.app import CsvFiles; c = CsvFiles(); "
                          "print(c.write(['a'], [[1]], 'x'))"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    left = Path(out.stdout.strip())
    assert left.name == "x.csv" and not left.exists() and not left.parent.parent.exists()


@pytest.mark.slow
def test_the_page_has_a_favicon(server):
    import httpx

    r = httpx.get(f"{server}/favicon.ico", timeout=30)
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml") and b"<svg" in r.content


def test_gradio_cache_copies_expire():
    from ui.app import GRADIO_CACHE, build_ui

    demo = build_ui("http://127.0.0.1:9")
    assert demo.delete_cache == GRADIO_CACHE and GRADIO_CACHE[1] <= 3600


# --- a real browser on a real `rag serve` ---

# WCAG relative luminance and contrast of each element's text against the backgrounds it sits on.
CONTRAST_JS = """(selector) => {
  const parse = (c) => { const m = c && c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const over = (top, under) => ({r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
                                 b: top.b * top.a + under.b * (1 - top.a), a: 1});
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const background = (el) => { const chain = []; for (let e = el; e; e = e.parentElement) chain.unshift(e);
    let bg = {r: 255, g: 255, b: 255, a: 1};
    for (const e of chain) { const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0) bg = over(c, bg); }
    return bg; };
  return [...document.querySelectorAll(selector)].filter((el) => el.offsetParent !== null && el.textContent.trim())
    .map((el) => { const bg = background(el), fg = over(parse(getComputedStyle(el).color), bg);
      const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      return {text: el.textContent.trim().slice(0, 30), ratio: (hi + 0.05) / (lo + 0.05),
              fg: getComputedStyle(el).color, bg: `rgb(${bg.r|0},${bg.g|0},${bg.b|0})`}; });
}"""
# The answer, its report/period line, the resolution, figures tables, citations (titles, text, highlights), buttons
CONTRAST_SELECTORS = ["#chat .rag-short", "#chat .rag-meta span", "#chat .rag-resolved", "#chat .rag-card th",
                      "#chat .rag-card td", "#chat .rag-cite summary", "#chat .rag-cite p", "#chat .rag-card mark",
                      "#chat .rag-copy", "#chat .rag-card h4", "#status .rag-info"]
THREE_TURNS = [("2026年地区生产总值增长目标是多少？", "6%", None),
               ("那城镇新增就业呢？", "7300人", "2026年城镇新增就业目标是多少？"),
               ("去年呢？", "7677人", "去年城镇新增就业是多少？")]


def skip_without_chromium():
    if not Path(CHROMIUM).exists():
        assert not os.environ.get("CI"), f"{CHROMIUM} is missing in CI: .ci/run must install it"
        pytest.skip(f"{CHROMIUM} is absent: run scripts/install-browser.sh (as root) to install Debian's chromium")


@pytest.fixture(scope="module")
def browser():
    skip_without_chromium()
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def open_ui(browser, server, **context):
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    page.goto(f"{server}/ui/", wait_until="domcontentloaded")
    page.locator("#question textarea").first.wait_for(timeout=60_000)
    page.wait_for_selector("#status .rag-info, #status .rag-error", timeout=60_000)
    return ctx, page


BOTS = "#chat [data-testid='bot']"


def ask_in_page(page, question: str) -> str:
    """Type a question, press 提问 and wait for its answer card; the card's text."""
    before = page.locator(BOTS).count()
    page.locator("#question textarea").first.fill(question)
    page.click("#ask-btn")
    page.wait_for_function(f"document.querySelectorAll(\"{BOTS}\").length > {before}", timeout=60_000)
    page.wait_for_function("!document.querySelector('#ask-btn').disabled", timeout=30_000)
    return page.locator(BOTS).last.inner_text()


def low_contrast(page) -> list[dict]:
    found = []
    for selector in CONTRAST_SELECTORS:
        found += [{**r, "selector": selector} for r in page.evaluate(CONTRAST_JS, selector) if r["ratio"] < 4.5]
    return found


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.slow
def test_browser_phone_dark_conversation_with_followups_copy_feedback_and_reload(browser, server, built_index):
    """A new user on a phone in dark mode, with an English browser: three turns, copy, thumbs up, reload, clear."""
    from rag.feedback import FEEDBACK_FILE, data_dir

    feedback_file = data_dir(built_index) / FEEDBACK_FILE
    stored_before = len(feedback_file.read_text(encoding="utf-8").splitlines()) if feedback_file.exists() else 0
    ctx, page = open_ui(browser, server, viewport={"width": 390, "height": 844}, color_scheme="dark",
                        locale="en-US", is_mobile=True, has_touch=True)
    try:
        ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
        assert page.evaluate("document.body.classList.contains('dark')")
        for question, answer, resolved in THREE_TURNS:
            card = ask_in_page(page, question)
            assert answer in page.locator(BOTS).last.locator(".rag-short").inner_text(), card
            if resolved:
                assert f"按上文理解为：{resolved}" in card
            # the new question is scrolled into view, so its answer starts on screen
            top = page.evaluate("(() => { const u = document.querySelectorAll(\"#chat [data-testid='user']\");"
                                " return u[u.length - 1].getBoundingClientRect().top; })()")
            assert 0 <= top < 844, top
        page.screenshot(path=str(ARTIFACTS / "ui-phone-dark-chat.png"))
        assert page.locator("#chat [data-testid='user']").count() == 3 and page.locator(BOTS).count() == 3
        assert no_horizontal_scroll(page), page.evaluate("document.documentElement.scrollWidth")
        bad = low_contrast(page)
        assert not bad, bad
        # Gradio's own labels are Chinese on an English browser
        assert page.locator("#chat button[aria-label='赞']").count() == 3

        # the whole paragraph around a citation opens, and the copy button copies the answer as text
        last = page.locator(BOTS).last
        last.locator(".rag-cite").first.locator("details summary").first.click()
        assert last.locator(".rag-cite details[open] p").first.inner_text()
        last.locator("button.rag-copy").first.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("问：去年呢？\n（理解为：去年城镇新增就业是多少？）\n答：7677人"), copied
        page.screenshot(path=str(ARTIFACTS / "ui-phone-dark-citation.png"))

        # thumbs up on the last answer is stored by the API with its question, answer and citations
        page.locator("#chat button[aria-label='赞']").last.click()
        page.get_by_text("已记录您的反馈").first.wait_for(timeout=30_000)
        lines = feedback_file.read_text(encoding="utf-8").splitlines()
        assert len(lines) == stored_before + 1
        stored = json.loads(lines[-1])
        assert (stored["question"], stored["resolved_question"], stored["rating"]) == \
            ("去年呢？", "去年城镇新增就业是多少？", "up")
        assert "7677" in stored["answer"] and stored["citations"][0]["text"]

        # a double click on 提问 asks once; the box counts characters meanwhile
        page.locator("#question textarea").first.fill("到2030年常住人口城镇化率要达到多少？")
        assert page.inner_text("#q-count").strip() == "20 / 2000 字"
        page.locator("#ask-btn").dblclick()
        page.wait_for_function(f"document.querySelectorAll(\"{BOTS}\").length >= 4", timeout=60_000)
        page.wait_for_timeout(1500)
        assert page.locator(BOTS).count() == 4

        # the conversation survives a reload, and is gone once cleared
        page.reload(wait_until="domcontentloaded")
        page.wait_for_function(f"document.querySelectorAll(\"{BOTS}\").length == 4", timeout=60_000)
        assert "7677人" in page.locator(BOTS).nth(2).inner_text()
        page.click("#clear-btn")
        page.wait_for_function(f"document.querySelectorAll(\"{BOTS}\").length == 0", timeout=30_000)
        page.reload(wait_until="domcontentloaded")
        page.locator("#question textarea").first.wait_for(timeout=60_000)
        page.wait_for_timeout(1500)
        assert page.locator(BOTS).count() == 0
        assert "Traceback" not in page.content()
    finally:
        ctx.close()


@pytest.mark.slow
def test_browser_phone_tables_scroll_inside_the_page(browser, server):
    """The 指标 table (8 columns) and the commitments table fit a 390 px phone without sideways page scroll."""
    ctx, page = open_ui(browser, server, viewport={"width": 390, "height": 844}, color_scheme="dark", locale="zh-CN")
    try:
        page.get_by_role("tab", name="指标").click()
        page.wait_for_selector("#fig-note .rag-info", timeout=60_000)
        page.wait_for_timeout(500)
        assert no_horizontal_scroll(page), page.evaluate("document.documentElement.scrollWidth")
        # the table shows a few rows at a time on a phone: filter to the row whose value is checked
        page.locator("#fig-topic textarea, #fig-topic input").first.fill("第一产业增加值")
        page.click("#fig-btn")
        page.wait_for_function("document.querySelector('#fig-table').innerText.includes('96.94')", timeout=60_000)
        assert no_horizontal_scroll(page)
        assert "9,694,000,000" in page.inner_text("#fig-table")  # 96.94亿元 with thousands separators
        page.screenshot(path=str(ARTIFACTS / "ui-phone-dark-figures.png"))
        page.get_by_role("tab", name="承诺查询").click()
        page.locator("#topic textarea, #topic input").first.fill("养老")
        page.click("#topic-btn")
        page.wait_for_selector("#commitments tr.commitment", timeout=60_000)
        assert no_horizontal_scroll(page)
        bad = [r for r in page.evaluate(CONTRAST_JS, "#commitments td, #commitments th") if r["ratio"] < 4.5]
        assert not bad, bad
        page.screenshot(path=str(ARTIFACTS / "ui-phone-dark-commitments.png"), full_page=True)
    finally:
        ctx.close()


@pytest.mark.slow
def test_browser_light_desktop_contrast_and_eval_uploads(browser, server, tmp_path):
    """Light scheme on a desktop: an answer reads at AA contrast; an evaluation upload with a bad file gives a
    Chinese message naming the line, and a file with exactly the fields the page lists is evaluated."""
    ctx, page = open_ui(browser, server, viewport={"width": 1280, "height": 900}, color_scheme="light",
                        locale="zh-CN")
    try:
        assert not page.evaluate("document.body.classList.contains('dark')")
        # one report: no picker to choose from, and the status line names the report instead
        assert page.locator("#report-picker").is_hidden()
        assert "已收录 1 份报告（《2026年开州区人民政府工作报告》）" in page.inner_text("#status")
        card = ask_in_page(page, THREE_TURNS[0][0])
        assert "6%" in card
        bad = low_contrast(page)
        assert not bad, bad
        page.screenshot(path=str(ARTIFACTS / "ui-desktop-light-chat.png"))

        page.get_by_role("tab", name="评测").click()
        bad_file = tmp_path / "bad.jsonl"
        bad_file.write_text('{"id": "a", "type": "figure", "question": "2026年地区生产总值增长目标是多少？", "answer": "6%"}\n',
                            encoding="utf-8")
        page.locator("#eval-file input[type=file]").set_input_files(str(bad_file))
        page.wait_for_timeout(1000)  # the upload switches the source to 上传
        page.click("#eval-btn")
        page.wait_for_selector("#eval-metrics .rag-error", timeout=60_000)
        message = page.inner_text("#eval-metrics")
        assert message.strip() == "评测集文件有误：第 1 行缺少 evidence 字段。", message
        page.screenshot(path=str(ARTIFACTS / "ui-eval-bad-file.png"), full_page=True)

        good = tmp_path / "good.jsonl"
        good.write_text(json.dumps(GOLD_LINE, ensure_ascii=False) + "\n", encoding="utf-8")  # no lang: inferred
        page.locator("#eval-file button[aria-label]").last.click()  # 清除: the upload area comes back
        page.locator("#eval-file input[type=file]").set_input_files(str(good))
        page.wait_for_timeout(1000)
        page.click("#eval-btn")
        page.wait_for_function("document.querySelector('#eval-metrics').innerText.includes('通过率')", timeout=120_000)
        metrics = page.inner_text("#eval-metrics")
        assert "通过率" in metrics and "100.0%" in metrics and "Field required" not in metrics, metrics
        assert not re.search(r"[a-z]+_[a-z_@0-9]+", metrics), metrics  # every metric named in Chinese
        page.screenshot(path=str(ARTIFACTS / "ui-eval-good-file.png"), full_page=True)
    finally:
        ctx.close()


# --- the report picker over a library of reports (issue 13) ---

LIBRARY_DOCS = {"n23": {"id": "n23", "title": "2023年国务院政府工作报告", "year": 2023},
                "kz": {"id": "kz", "title": "开州区政府工作报告", "year": 2026}}


def test_commitments_of_several_reports_are_grouped_and_named_by_report():
    """Two reports' sections of one name stay apart, each under a row naming its report (title and year)."""
    result = {"topic": "就业", "message": "", "commitments": [
        {"doc": "n23", "text": "城镇新增就业1200万人左右", "section": "二、2023年政府工作建议", "paragraph": 40},
        {"doc": "kz", "text": "城镇新增就业7300人", "section": "二、2023年政府工作建议", "paragraph": 9},
        {"doc": "n23", "text": "落实就业优先政策", "section": "一、过去一年", "paragraph": 5}]}
    rows = commitment_rows(result, LIBRARY_DOCS)
    assert [r[:3] for r in rows] == [["《2023年国务院政府工作报告》", "二、2023年政府工作建议", 40],
                                     ["《2023年国务院政府工作报告》", "一、过去一年", 5],
                                     ["《开州区政府工作报告》（2026年）", "二、2023年政府工作建议", 9]]
    html = commitments_html(result, LIBRARY_DOCS)
    assert html.count('class="doc"') == 2 and html.count('class="sec"') == 3
    assert html.index("《2023年国务院政府工作报告》") < html.index("优先政策") < html.index("《开州区政府工作报告》")
    assert "分布在 2 份报告的 3 个章节" in html


def test_each_citation_names_its_own_report():
    """In a library the citations of one answer may come from several reports: each names its own."""
    cites = [{**ANSWER["citations"][0], "doc": "kz"}, {**ANSWER["citations"][0], "doc": "n23", "paragraph": 7,
                                                      "title": "2023年国务院政府工作报告", "year": 2023}]
    html = answer_html({**ANSWER, "citations": cites}, {}, LIBRARY_DOCS)
    assert "[1] 《开州区政府工作报告》（2026年） · 三、2026年工作安排 · 第50段" in html
    assert "[2] 《2023年国务院政府工作报告》 · 三、2026年工作安排 · 第7段" in html
    assert "——《2023年国务院政府工作报告》 三、2026年工作安排 · 第7段" in html  # the copied citation too
    assert "报告：《开州区政府工作报告》（2026年）" in html  # no answer.doc (older server): the first citation's


def test_track_rows_name_the_reports_of_target_and_result():
    table = {"metric": "m", "rows": [{"year": 2023, "place": "全国", "measure": "m", "verdict": "met", "verdict_zh": "达成",
                                      "target": {"text": "5%左右", "paragraph": 30}, "result": {"text": "5.2%", "paragraph": 2},
                                      "target_doc": LIBRARY_DOCS["n23"], "result_doc": {"id": "n24", "year": 2024,
                                                                                         "title": "2024年报告"}}]}
    row = track_rows(table)[0]
    assert (row[4], row[6]) == ("《2023年国务院政府工作报告》 第30段", "《2024年报告》 第2段")


def test_client_refuses_an_unknown_report_in_chinese():
    assert detail_text({"detail": "unknown report id(s): x (list them with: rag documents)"}) == \
        "所选报告不在库中（x），可能已被移除，请刷新页面后重新选择。"


@pytest.fixture(scope="module")
def library_server(built_index, tmp_path_factory):
    """`rag serve` over a library: the Kaizhou report and excerpts of the national 2023 and 2024 reports
    (tests/test_library.py's excerpts, read from ../shared/reports), grown from the session's Kaizhou index."""
    from rag.config import Settings
    from rag.indexing import build_index

    from .conftest import serve, stop
    from .test_library import library_dirs

    base = tmp_path_factory.mktemp("ui-library")
    corpus, index = library_dirs(built_index, base)  # Kaizhou's vectors are reused: only the excerpts are embedded
    build_index(Settings(corpus_dir=corpus, index_dir=index), progress=False)
    proc, url = serve(index, corpus, base / "serve.log")
    try:
        yield url
    finally:
        stop(proc)


KZ_ID, N23_ID, N24_ID = ("kaizhou-2026-government-work-report", "national-2023-government-work-report",
                         "national-2024-government-work-report")
N23_TITLE, N24_TITLE = "2023年中华人民共和国国务院政府工作报告", "2024年中华人民共和国国务院政府工作报告"
JOBS = "城镇新增就业目标是多少？"  # every report of the library sets one: 1200万人左右 (2023), 1200万人以上 (2024), 7300人


@pytest.mark.slow
def test_client_sends_the_picked_reports_to_every_route(library_server):
    """The same question scoped to each report is answered from that report alone; every GET route keeps
    to the picked reports; an id the library lacks is refused in Chinese."""
    client = ApiClient(library_server)
    assert {d["id"] for d in client.documents()} == {KZ_ID, N23_ID, N24_ID}
    unscoped = client.ask(JOBS, 5)
    assert unscoped["doc"]["id"] == KZ_ID  # no scope: the latest report (its route says so)
    for doc, expected in ((N23_ID, "1200万人左右"), (N24_ID, "1200万人以上"), (KZ_ID, "7300人")):
        answer = client.ask(JOBS, 5, docs=[doc])
        assert expected in answer["answer"] and answer["doc"]["id"] == doc, (doc, answer["answer"])
        assert answer["citations"] and {c["doc"] for c in answer["citations"]} == {doc}
        assert all(c["title"] and c["year"] for c in answer["citations"])  # each names its report
    both = client.ask(JOBS, 5, docs=[N23_ID, N24_ID])
    assert {c["doc"] for c in both["citations"]} <= {N23_ID, N24_ID} and both["doc"]["id"] in (N23_ID, N24_ID)
    assert {c["doc"] for c in client.search("就业", 5, docs=[N23_ID])} == {N23_ID}
    picked = client.commitments("就业", docs=[N24_ID])["commitments"]
    assert picked and {c["doc"] for c in picked} == {N24_ID}
    assert len({c["doc"] for c in client.commitments("就业")["commitments"]}) > 1  # unscoped: every report
    figures = client.figures("国内生产总值", docs=[N23_ID])
    assert figures and {f["doc"] for f in figures} == {N23_ID}
    rows = client.track("城镇新增就业", [N23_ID])["rows"]
    assert rows and {r["target_doc"]["id"] for r in rows} == {N23_ID}
    with pytest.raises(ApiError, match="所选报告不在库中"):
        client.ask(JOBS, 5, docs=["no-such-report"])


def pick_report(page, label: str) -> None:
    """Open the report picker and choose the report labelled so."""
    page.locator("#report-picker input").first.click()
    page.locator(f"#report-picker li[role=option][aria-label='{label}']").click()
    page.locator("#title").click()  # close the list


@pytest.mark.slow
def test_browser_report_picker_limits_answers_and_tabs_to_the_picked_report(browser, library_server):
    """A library of three reports: the picker lists them; with the 2023 national report picked the answer,
    every citation, the commitments and the figures come from it alone and name it; picking another report
    while a tab is shown asks that tab again."""
    ctx, page = open_ui(browser, library_server, viewport={"width": 1280, "height": 900}, color_scheme="light",
                        locale="zh-CN")
    try:
        picker = page.locator("#report-picker")
        picker.wait_for(state="visible", timeout=30_000)
        picker.locator("input").first.click()
        options = [o.get_attribute("aria-label") for o in picker.locator("li[role=option]").all()]
        assert options == ["《2026年开州区人民政府工作报告》", f"《{N24_TITLE}》", f"《{N23_TITLE}》"]
        page.locator("#title").click()

        card = ask_in_page(page, JOBS)  # nothing picked: the question's words choose (the latest report)
        assert "7300人" in card and "报告：《2026年开州区人民政府工作报告》" in card

        pick_report(page, f"《{N23_TITLE}》")
        card = ask_in_page(page, JOBS)
        last = page.locator(BOTS).last
        assert "1200万人左右" in last.locator(".rag-short").inner_text(), card
        assert f"报告：《{N23_TITLE}》" in card
        cites = [s.inner_text() for s in last.locator(".rag-cite > summary").all()]
        assert cites and all(c.split("] ", 1)[1].startswith(f"《{N23_TITLE}》 · ") for c in cites), cites
        page.screenshot(path=str(ARTIFACTS / "ui-report-picker-answer.png"))

        page.get_by_role("tab", name="承诺查询").click()
        page.locator("#topic textarea, #topic input").first.fill("就业")
        page.click("#topic-btn")
        page.wait_for_selector("#commitments tr.commitment", timeout=60_000)
        assert [d.inner_text() for d in page.locator("#commitments td.doc").all()] == [f"《{N23_TITLE}》"]
        # another report picked while the tab is shown: the tab asks again, within the new scope
        pick_report(page, f"《{N24_TITLE}》")
        page.locator("#report-picker .token .token-remove").first.click()  # the 2023 report's chip goes
        page.wait_for_function("JSON.stringify([...document.querySelectorAll('#commitments td.doc')]"
                               f".map(d => d.innerText)) === JSON.stringify(['《{N24_TITLE}》'])", timeout=60_000)
        assert [t.inner_text() for t in page.locator("#report-picker .token span").all()] == [f"《{N24_TITLE}》"]

        page.get_by_role("tab", name="指标").click()
        page.wait_for_selector("#fig-note .rag-info", timeout=60_000)
        assert f"《{N24_TITLE}》" in page.inner_text("#fig-note")
        column = [c.inner_text().strip() for c in page.locator("#fig-table [role=gridcell][data-col='8']").all()]
        assert column and set(column) == {f"《{N24_TITLE}》"}, column[:5]
        assert "Traceback" not in page.content()
    finally:
        ctx.close()


@pytest.mark.slow
def test_the_ui_checks_picked_reports_against_the_library(library_server):
    """Through Gradio's HTTP API, as a page whose choices were never loaded (a server restarted since)
    sends them: a report id of the library is used; one it lacks gets a Chinese message, no API call."""
    def commitments(docs: list[str]) -> str:
        out = gradio_call(library_server, "on_commitments", ["就业", docs, False])
        assert out.startswith("event: complete"), out
        return json.loads(out.split("data:", 1)[1])[0]

    html = commitments(["  ", N23_ID, N23_ID])  # blanks and repeats dropped
    assert re.findall(r'<td class="doc"[^>]*>(.*?)</td>', html) == [f"《{N23_TITLE}》"] and "tr class=\"commitment\"" in html
    assert "所选报告不在库中（no-such-report），请刷新页面后重新选择。" in commitments(["no-such-report"])

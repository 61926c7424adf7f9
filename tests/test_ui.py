"""The Gradio UI: its pure HTML/CSV helpers, its HTTP client, and a real browser on a real `rag serve`."""

from __future__ import annotations

import csv
import io
import os
import socket
from pathlib import Path

import pytest

from .conftest import free_port

from ui.client import ApiClient, ApiError, check_text, detail_text
from ui.render import (COMMITMENT_HEADERS, REFUSED, answer_html, commitment_rows, commitments_html, csv_text,
                       eval_html, failure_rows, figure_rows, figure_text, highlight, parse_jsonl, report_choices,
                       report_label, track_html, track_rows, write_csv)

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


def test_highlight_escapes_needles_too():
    assert highlight("a<b>c", ["<b>"]) == "a<mark>&lt;b&gt;</mark>c"


def test_answer_html_shows_short_answer_figures_and_cited_paragraph():
    html = answer_html(ANSWER)
    assert '<div class="rag-short">6%</div>' in html
    assert "<mark>6%</mark>" in html and "1<mark>6%" not in html
    assert "第50段" in html and "三、2026年工作安排" in html
    assert "<details open>" in html and "<summary>" in html
    assert "&lt;b&gt;粗体&lt;/b&gt;" in html and "<b>粗体</b>" not in html
    assert "地区生产总值增长" in html and "2026年目标" in html


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
    assert report_choices(reports) == [("2026年 · 开州区人民政府 · 开州区报告", "b"), ("2023年 · 国务院 · 2023年报告", "a")]
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
    assert [r[:2] for r in rows] == [["三 › (十)民生", 101], ["三 › (十)民生", 103], ["二 › (一)目标", 40]]
    assert rows[1][2:] == ["新建养老服务中心3个", "3个", "新建"]
    assert len(rows[0]) == len(COMMITMENT_HEADERS)


def test_commitments_html_has_a_heading_row_per_section_and_escapes():
    html = commitments_html(RESULT)
    assert html.count('class="sec"') == 2 and html.count('class="commitment"') == 3
    assert "<mark>3个</mark>" in html and "发展银发经济&lt;&gt;" in html
    assert "共 <b>3</b> 条" in html
    empty = commitments_html({"topic": "<火星>", "commitments": [], "message": ""})
    assert "&lt;火星&gt;" in empty and "没有找到" in empty


def test_csv_has_bom_crlf_and_reads_back():
    path = Path(write_csv(COMMITMENT_HEADERS, commitment_rows(RESULT), "承诺_养老/../x"))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    assert path.suffix == ".csv" and ".." not in path.name
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == COMMITMENT_HEADERS and rows[1][2] == "完善养老保险"
    assert csv_text(["a", "b"], [[None, 1]]) == "a,b\r\n,1\r\n"
    path.unlink()
    path.parent.rmdir()


def test_figure_rows_keep_numbers_sortable():
    rows = figure_rows([ANSWER["figures"][0] | {"section": "三 > (一)"}])
    assert rows == [["地区生产总值增长", "6%", 6.0, "%", "2026年目标", "", "三 › (一)", 50]]


def test_parse_jsonl_names_the_bad_line():
    assert parse_jsonl('\ufeff{"question": "问"}\n\n{"question": "答"}\n'.encode()) == [{"question": "问"},
                                                                                       {"question": "答"}]
    with pytest.raises(ValueError, match="第 2 行"):
        parse_jsonl('{"question": "问"}\n{oops\n')
    with pytest.raises(ValueError, match="question"):
        parse_jsonl('{"id": 1}\n')
    with pytest.raises(ValueError, match="没有"):
        parse_jsonl("\n")


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


@pytest.mark.slow
def test_browser_asks_and_looks_up_commitments(server):
    if not Path(CHROMIUM).exists():
        assert not os.environ.get("CI"), f"{CHROMIUM} is missing in CI: .ci/run must install it"
        pytest.skip(f"{CHROMIUM} is absent: run scripts/install-browser.sh (as root) to install Debian's chromium")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            page.goto(f"{server}/ui", wait_until="domcontentloaded")
            box = page.locator("#question textarea, #question input").first
            box.wait_for(timeout=60_000)
            box.fill("2026年地区生产总值增长目标是多少？")
            page.click("#ask-btn")
            page.wait_for_selector("#answer .rag-short, #answer .rag-refused, #answer .rag-error", timeout=60_000)
            page.screenshot(path=str(ARTIFACTS / "ui-ask.png"), full_page=True)
            answer = page.inner_text("#answer")
            assert page.locator("#answer .rag-short").count() == 1, answer
            assert "6%" in page.inner_text("#answer .rag-short")
            assert "第50段" in answer and "<mark>6%</mark>" in page.inner_html("#answer")
            assert "Traceback" not in page.content()

            page.get_by_role("tab", name="承诺查询").click()
            topic = page.locator("#topic textarea, #topic input").first
            topic.fill("养老")
            page.click("#topic-btn")
            page.wait_for_selector("#commitments tr.commitment, #commitments .rag-error", timeout=60_000)
            page.screenshot(path=str(ARTIFACTS / "ui-commitments.png"), full_page=True)
            assert page.locator("#commitments tr.commitment").count() >= 1, page.inner_text("#commitments")
        finally:
            browser.close()

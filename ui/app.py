"""The Gradio chat UI in Chinese: ask, commitments, figures and evaluation tabs over the rag HTTP API."""

from __future__ import annotations

import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import gradio as gr

from .client import ApiClient, ApiError, check_text
from .render import (CSS, COMMITMENT_HEADERS, FAILURE_HEADERS, FIGURE_HEADERS, REFUSED, TRACK_HEADERS, answer_html,
                     commitment_rows, commitments_html, error_html, failure_rows, figure_rows, history_html,
                     eval_html, info_html, parse_jsonl, report_choices, track_html, track_rows, write_csv)

TITLE = "政府工作报告问答助手"
EXAMPLE_QUESTIONS = ["2026年地区生产总值增长目标是多少？", "去年城镇新增就业多少人？",
                     "到2030年常住人口城镇化率要达到多少？", "What is the 2026 GDP growth target?"]
EXAMPLE_TOPICS = ["养老", "中药材", "就业", "乡村振兴", "教育"]
EXAMPLE_METRICS = ["国内生产总值增长", "居民消费价格涨幅", "城镇新增就业", "城镇调查失业率", "赤字率"]
PERIODS = ["全部", "2025年", "2026年目标", "2030年目标", "十四五时期"]
BUNDLED, UPLOADED = "内置标准评测集", "上传 JSONL 文件"
# Rough pace and size of the bundled gold set, only to move the progress bar while the one request runs.
EVAL_SECONDS_PER_ITEM, BUNDLED_ITEMS = 0.3, 126
HISTORY_SHOWN = 10
CONCURRENT_REQUESTS = 8  # Gradio runs one event at a time by default: let several users ask at once


def unexpected(exc: Exception) -> str:
    """A one-line message for a bug in the page itself (never a stack trace)."""
    return f"页面处理出错：{type(exc).__name__}: {exc}"


def html(elem_id: str | None = None, value: str = "") -> gr.HTML:
    # css_template is scoped to the component, so the styles hold however the app is mounted.
    return gr.HTML(value, css_template=CSS, elem_id=elem_id, js_on_load=None)


def health_text(client: ApiClient) -> str:
    """The status line under the title: connected and what is indexed, or why not."""
    try:
        h = client.health()
    except ApiError as exc:
        return error_html(str(exc))
    except Exception as exc:  # noqa: BLE001 - the page must show a message, not a trace
        return error_html(unexpected(exc))
    if h.get("status") == "starting":
        return info_html("问答服务正在启动，正在加载索引和模型，请稍候刷新页面。")
    if h.get("status") != "ok":
        return error_html(f"问答服务已启动，但索引不可用：{h.get('detail', h.get('status', ''))}。"
                          "请先运行 rag build 建立索引。")
    return info_html(f"已连接问答服务 · 已收录 {h.get('documents', '?')} 份报告、{h.get('passages', '?')} 个段落"
                     + (f"、{h['commitments']} 条承诺" if h.get("commitments") else "") + "。答案均摘自报告原文并注明出处。")


def build_ui(api_url: str) -> gr.Blocks:
    """The Blocks app talking to the rag API at api_url (e.g. http://127.0.0.1:8000)."""
    client = ApiClient(api_url)

    def on_reports():
        """The report picker's choices, from GET /api/documents (empty when the server cannot say)."""
        try:
            return gr.update(choices=report_choices(client.documents()))
        except Exception:  # noqa: BLE001 - the status line already says what is wrong with the server
            return gr.update(choices=[])

    def on_track(metric, docs):
        hidden = gr.update(visible=False, value=None)
        try:
            m = check_text(metric, "指标", 200)
            table = client.track(m, docs)
            chart = client.track_file(m, "png", docs) if table.get("rows") else None
        except ApiError as exc:
            return error_html(str(exc)), hidden, hidden
        except Exception as exc:  # noqa: BLE001
            return error_html(unexpected(exc)), hidden, hidden
        rows = track_rows(table)
        if not rows:
            return track_html(table), hidden, hidden
        image = Path(tempfile.mkdtemp(prefix="rag-track-")) / "track.png"
        image.write_bytes(chart)
        path = write_csv(TRACK_HEADERS, rows, f"跨年对比_{m}")
        return (track_html(table), gr.update(visible=True, value=str(image)),
                gr.update(visible=True, value=path, label=f"下载 CSV（{len(rows)} 行）"))

    def on_ask(question, top_k, history, docs=None):
        try:
            q = check_text(question)
            answer = client.ask(q, int(top_k), docs)
        except ApiError as exc:
            return error_html(str(exc)), history, history_html(history[-HISTORY_SHOWN:])
        except Exception as exc:  # noqa: BLE001
            return error_html(unexpected(exc)), history, history_html(history[-HISTORY_SHOWN:])
        shown = REFUSED if answer.get("refused") else (answer.get("answer") or "（见原文）")
        earlier = history[-HISTORY_SHOWN:]
        return answer_html(answer), history + [(q, shown)], history_html(earlier)

    def on_commitments(topic):
        hidden = gr.update(visible=False, value=None)
        try:
            t = check_text(topic, "主题", 200)
            result = client.commitments(t)
        except ApiError as exc:
            return error_html(str(exc)), hidden
        except Exception as exc:  # noqa: BLE001
            return error_html(unexpected(exc)), hidden
        rows = commitment_rows(result)
        if not rows:
            return commitments_html(result), hidden
        path = write_csv(COMMITMENT_HEADERS, rows, f"承诺_{t}")
        return commitments_html(result), gr.update(visible=True, value=path, label=f"下载 CSV（{len(rows)} 条）")

    def on_figures(topic, period):
        hidden = gr.update(visible=False, value=None)
        empty = gr.update(value=[])
        topic = (topic or "").strip()
        try:
            if topic:
                check_text(topic, "指标关键词", 200)
            figures = client.figures(topic or None, None if period in (None, "", "全部") else period)
        except ApiError as exc:
            return error_html(str(exc)), empty, hidden
        except Exception as exc:  # noqa: BLE001
            return error_html(unexpected(exc)), empty, hidden
        rows = figure_rows(figures)
        scope = "、".join(x for x in (f"关键词「{topic}」" if topic else "", period if period != "全部" else "") if x)
        if not rows:
            return info_html(f"没有找到符合条件（{scope or '全部'}）的数字。"), empty, hidden
        note = info_html(f"共 {len(rows)} 个数字" + (f"（{scope}）" if scope else "") + "。点击表头右侧的 ⋮ 可排序或筛选。")
        path = write_csv(FIGURE_HEADERS, rows, f"指标_{topic or '全部'}_{period or '全部'}")
        return note, gr.update(value=rows), gr.update(visible=True, value=path, label=f"下载 CSV（{len(rows)} 个）")

    def on_eval(source, upload, progress=gr.Progress()):
        empty = gr.update(value=[], visible=False)
        try:
            items = None
            if source == UPLOADED:
                if not upload:
                    return error_html("请先上传评测集文件（JSONL，每行一道题）。"), empty
                path = upload if isinstance(upload, str) else getattr(upload, "name", upload)
                items = parse_jsonl(Path(path).read_bytes())
            expected = (len(items) if items else BUNDLED_ITEMS) * EVAL_SECONDS_PER_ITEM
            progress(0, desc="正在评测…")
            with ThreadPoolExecutor(1) as pool:
                job = pool.submit(client.evaluate, items)
                start = time.monotonic()
                while not job.done():
                    elapsed = time.monotonic() - start
                    # The server answers in one response: the bar shows elapsed time against a rough estimate.
                    progress(min(0.95, elapsed / max(expected, 1)), desc=f"正在评测…已用 {elapsed:.0f} 秒")
                    time.sleep(0.5)
                result = job.result()
            progress(1, desc="评测完成")
        except ValueError as exc:
            return error_html(f"评测集文件有误：{exc}"), empty
        except ApiError as exc:
            if exc.status in (404, 405):
                return error_html("评测接口尚未启用：服务端没有 POST /api/eval。可在命令行运行 "
                                  "rag eval eval/gold.jsonl 进行评测。"), empty
            return error_html(str(exc)), empty
        except Exception as exc:  # noqa: BLE001
            return error_html(unexpected(exc)), empty
        rows = failure_rows(result.get("failures") or [])
        return eval_html(result), gr.update(value=rows, visible=bool(rows))

    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.HTML(f"<h1 style='margin:4px 0'>{TITLE}</h1>"
                "<div style='color:#555'>依据政府工作报告原文回答问题，给出数字与出处段落；"
                "报告中没有的内容会明确说明“没有找到”。</div>", js_on_load=None)
        status = html("status")
        # the report picker scopes the questions and the cross-year table: one report, several, or none (all)
        reports = gr.Dropdown([], value=[], multiselect=True, label="报告范围（不选：按问题中的地区、年份自动选择）",
                              elem_id="report-picker")

        with gr.Tabs():
            with gr.Tab("问答", id="ask"):
                with gr.Row(equal_height=True):
                    question = gr.Textbox(label="您的问题", placeholder="例如：2026年地区生产总值增长目标是多少？",
                                          lines=1, max_lines=4, scale=6, elem_id="question", autofocus=True)
                    ask_btn = gr.Button("提问", variant="primary", scale=1, min_width=100, elem_id="ask-btn")
                gr.Markdown("**示例问题**（点击即可提问）")
                with gr.Row():
                    example_btns = [gr.Button(q, size="sm", variant="secondary") for q in EXAMPLE_QUESTIONS]
                with gr.Accordion("高级选项", open=False):
                    top_k = gr.Slider(1, 10, value=5, step=1, label="引用原文段落数")
                answer = html("answer", info_html("请输入问题，或点击上方的示例问题。"))
                history_box = html("history")
                history = gr.State([])

            with gr.Tab("承诺查询", id="commitments"):
                gr.Markdown("输入一个主题，列出报告中与之有关的全部工作承诺与目标，按章节分组。")
                with gr.Row(equal_height=True):
                    topic = gr.Textbox(label="主题", placeholder="例如：养老、中药材、就业", scale=6, elem_id="topic")
                    topic_btn = gr.Button("查询", variant="primary", scale=1, min_width=100, elem_id="topic-btn")
                with gr.Row():
                    topic_btns = [gr.Button(t, size="sm", variant="secondary") for t in EXAMPLE_TOPICS]
                commitments_out = html("commitments", info_html("请输入主题后点击“查询”。"))
                commitments_csv = gr.DownloadButton("下载 CSV", visible=False, size="sm", elem_id="commitments-csv")

            with gr.Tab("指标", id="figures") as figures_tab:
                gr.Markdown("报告中出现的全部数字及其指标、时期和出处。可按关键词和时期筛选。")
                with gr.Row(equal_height=True):
                    fig_topic = gr.Textbox(label="指标关键词", placeholder="例如：地区生产总值、就业、增长", scale=4,
                                           elem_id="fig-topic")
                    fig_period = gr.Dropdown(PERIODS, value="全部", label="时期", scale=2, elem_id="fig-period")
                    fig_btn = gr.Button("筛选", variant="primary", scale=1, min_width=100, elem_id="fig-btn")
                fig_note = html("fig-note")
                fig_table = gr.Dataframe(headers=FIGURE_HEADERS, value=[], interactive=False, wrap=True,
                                         datatype=["str", "str", "number", "str", "str", "str", "str", "number"],
                                         column_widths=["18%", "9%", "8%", "6%", "9%", "6%", "36%", "8%"],
                                         max_height=600, elem_id="fig-table", label="数字一览")
                fig_csv = gr.DownloadButton("下载 CSV", visible=False, size="sm", elem_id="fig-csv")

            with gr.Tab("跨年对比", id="track"):
                gr.Markdown("某一年报告设定的目标，与下一年报告公布的结果对比：达成、未达成、未报告结果或不可比，"
                            "两处出处均可展开核对。")
                with gr.Row(equal_height=True):
                    track_metric = gr.Textbox(label="指标", placeholder="例如：国内生产总值增长、城镇新增就业", scale=6,
                                              elem_id="track-metric")
                    track_btn = gr.Button("对比", variant="primary", scale=1, min_width=100, elem_id="track-btn")
                with gr.Row():
                    metric_btns = [gr.Button(m, size="sm", variant="secondary") for m in EXAMPLE_METRICS]
                track_out = html("track", info_html("请输入指标后点击“对比”。"))
                track_chart = gr.Image(label="目标与结果", visible=False, type="filepath", elem_id="track-chart")
                track_csv = gr.DownloadButton("下载 CSV", visible=False, size="sm", elem_id="track-csv")

            with gr.Tab("评测", id="eval"):
                gr.Markdown("用标准问答集检验系统的回答：运行服务端自带的标准集，或上传自己的 JSONL 评测集"
                            "（每行一题，字段 id、type、question、answer、evidence）。")
                with gr.Row():
                    eval_source = gr.Radio([BUNDLED, UPLOADED], value=BUNDLED, label="评测集", scale=2)
                    eval_file = gr.File(label="上传评测集（.jsonl）", file_types=[".jsonl", ".json", ".txt"],
                                        type="filepath", scale=3, elem_id="eval-file")
                eval_btn = gr.Button("开始评测", variant="primary", elem_id="eval-btn")
                eval_out = html("eval-metrics")
                eval_failures = gr.Dataframe(headers=FAILURE_HEADERS, value=[], interactive=False, wrap=True,
                                             label="未通过的题目", elem_id="eval-failures", visible=False,
                                             column_widths=["8%", "8%", "24%", "20%", "20%", "20%"])

        ask_inputs, ask_outputs = [question, top_k, history, reports], [answer, history, history_box]
        ask_btn.click(on_ask, ask_inputs, ask_outputs)
        question.submit(on_ask, ask_inputs, ask_outputs)
        for btn, q in zip(example_btns, EXAMPLE_QUESTIONS):
            btn.click(lambda q=q: q, None, question).then(on_ask, ask_inputs, ask_outputs)

        topic_btn.click(on_commitments, topic, [commitments_out, commitments_csv])
        topic.submit(on_commitments, topic, [commitments_out, commitments_csv])
        for btn, t in zip(topic_btns, EXAMPLE_TOPICS):
            btn.click(lambda t=t: t, None, topic).then(on_commitments, topic, [commitments_out, commitments_csv])

        fig_outputs = [fig_note, fig_table, fig_csv]
        fig_btn.click(on_figures, [fig_topic, fig_period], fig_outputs)
        fig_topic.submit(on_figures, [fig_topic, fig_period], fig_outputs)
        fig_period.input(on_figures, [fig_topic, fig_period], fig_outputs)
        figures_tab.select(on_figures, [fig_topic, fig_period], fig_outputs)

        track_outputs = [track_out, track_chart, track_csv]
        track_btn.click(on_track, [track_metric, reports], track_outputs)
        track_metric.submit(on_track, [track_metric, reports], track_outputs)
        for btn, m in zip(metric_btns, EXAMPLE_METRICS):
            btn.click(lambda m=m: m, None, track_metric).then(on_track, [track_metric, reports], track_outputs)

        eval_file.upload(lambda: UPLOADED, None, eval_source)
        eval_btn.click(on_eval, [eval_source, eval_file], [eval_out, eval_failures], concurrency_limit=1)

        demo.load(lambda: health_text(client), None, status)
        demo.load(on_reports, None, reports)
    demo.queue(default_concurrency_limit=CONCURRENT_REQUESTS)
    return demo


def main(api_url: str, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Serve the UI alone at http://host:port, talking to the API at api_url."""
    demo = build_ui(api_url)
    demo.launch(server_name=host, server_port=port, footer_links=[], show_error=False)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Run the chat UI against a rag API.")
    parser.add_argument("--api", default="http://127.0.0.1:8000")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7860)
    args = parser.parse_args()
    main(api_url=args.api, host=args.host, port=args.port)

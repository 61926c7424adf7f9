"""The Gradio chat UI in Chinese: a conversation, commitments, figures and evaluation tabs over the rag HTTP API."""

from __future__ import annotations

import html as html_lib
import logging
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import gradio as gr

from .client import MAX_QUESTION_CHARS, MAX_SCOPE_DOCS, ApiClient, ApiError, check_text
from .render import TRACK_HEADERS, report_choices, report_label, track_html, track_rows
from .render import (COMMITMENT_HEADERS, CSS, FAILURE_HEADERS, FIGURE_HEADERS, GOLD_FIELDS_TEXT, answer_html,
                     commitment_rows, commitments_html, error_html, eval_html, failure_rows, figure_rows, info_html,
                     number_text, parse_jsonl, turn_record, write_csv)

log = logging.getLogger("rag.ui")

TITLE = "政府工作报告问答助手"
EXAMPLE_QUESTIONS = ["2026年地区生产总值增长目标是多少？", "去年城镇新增就业多少人？",
                     "到2030年常住人口城镇化率要达到多少？", "What is the 2026 GDP growth target?"]
EXAMPLE_TOPICS = ["养老", "中药材", "就业", "乡村振兴", "教育"]
EXAMPLE_METRICS = ["国内生产总值增长", "居民消费价格涨幅", "城镇新增就业", "城镇调查失业率", "赤字率"]
PERIODS = ["全部", "2025年", "2026年目标", "2030年目标", "十四五时期"]
BUNDLED, UPLOADED = "内置标准评测集", "上传 JSONL 文件"
# Rough pace and size of the bundled gold set, only to move the progress bar while the one request runs.
EVAL_SECONDS_PER_ITEM, BUNDLED_ITEMS = 0.3, 126
CONCURRENT_REQUESTS = 8  # Gradio runs one event at a time by default: let several users ask at once
HISTORY_SENT = 3  # earlier turns sent with a question (the API reads the last; a few more cost nothing)
TURNS_KEPT = 50  # turns kept in the browser (localStorage) across reloads
CSV_MAX_AGE_S = 120  # our CSV copies outlive the event only until Gradio has copied them into its cache
GRADIO_CACHE = (600, 3600)  # Gradio's own cached copies: checked every 10 minutes, removed after an hour
STORAGE_KEY = "rag-chat-v1"
FAVICON_SVG = ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'><rect width='64' height='64' rx='12' "
               "fill='#c0392b'/><text x='32' y='45' font-size='38' text-anchor='middle' fill='white' "
               "font-family='sans-serif'>报</text></svg>")

# Gradio's own labels in Chinese for browsers in English (other languages get Gradio's own translations,
# Chinese browsers Gradio's zh-CN). Flat keys win over Gradio's nested English messages.
ZH_CHROME = {
    "chatbot.like": "赞", "chatbot.dislike": "踩", "chatbot.clear": "清空对话", "chatbot.copy_message": "复制",
    "chatbot.retry": "重试", "chatbot.undo": "撤销", "chatbot.submit": "发送", "chatbot.edit": "编辑",
    "common.clear": "清除", "common.download": "下载", "common.remove": "移除", "common.error": "错误",
    "common.loading": "加载中", "common.or": "或", "common.edit": "编辑", "common.submit": "提交",
    "common.undo": "撤销", "common.progress": "进度", "common.complete": "完成", "common.upload": "上传",
    "upload_text.click_to_upload": "点击上传", "upload_text.drop_file": "将文件拖放到此处",
    "file.uploading": "正在上传…", "dataframe.sort_ascending": "升序排列", "dataframe.sort_descending": "降序排列",
    "dataframe.clear_sort": "取消排序", "dataframe.filter": "筛选", "dataframe.clear_filter": "取消筛选",
}

# The page's script: copy buttons inside answer cards (the chat's sanitizer keeps <button class>, drops onclick),
# the question's character counter, and scrolling to the newest question so its answer starts on screen.
HEAD = """
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'%3E%3Crect width='64' height='64' rx='12' fill='%23c0392b'/%3E%3Ctext x='32' y='45' font-size='38' text-anchor='middle' fill='white' font-family='sans-serif'%3E%E6%8A%A5%3C/text%3E%3C/svg%3E">
<script>
(() => {
  const copyText = async (text) => {
    try { await navigator.clipboard.writeText(text); return true; } catch (e) {}
    const area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area); area.select();
    let ok = false; try { ok = document.execCommand("copy"); } catch (e) {}
    area.remove(); return ok;
  };
  document.addEventListener("click", async (event) => {
    const button = event.target.closest && event.target.closest("button.rag-copy");
    if (!button) return;
    event.preventDefault(); event.stopPropagation();
    const holder = button.closest(".rag-copyable");
    const source = holder && holder.querySelector(".rag-copytext");
    const ok = await copyText(source ? source.textContent : "");
    button.textContent = ok ? "已复制" : "复制失败";
    setTimeout(() => { button.textContent = button.title || "复制"; }, 1500);
  }, true);
  const limit = RAG_LIMIT;
  document.addEventListener("input", (event) => {
    if (!event.target.closest || !event.target.closest("#question")) return;
    const counter = document.querySelector("#q-count");
    if (!counter) return;
    const n = event.target.value.length;
    counter.textContent = n ? `${n} / ${limit} 字` : "";
  });
})();
</script>
""".replace("RAG_LIMIT", str(MAX_QUESTION_CHARS))

SCROLL_JS = """() => {
  const questions = document.querySelectorAll('#chat .message-row.user-row, #chat [data-testid="user"]');
  const last = questions[questions.length - 1];
  if (last) last.scrollIntoView({block: "start", behavior: "instant"});
  const counter = document.querySelector("#q-count"); if (counter) counter.textContent = "";
}"""


def unexpected(exc: Exception) -> str:
    """A one-line message for a bug in the page itself: no exception text (it may name a server path)."""
    log.exception("UI handler failed")
    return f"页面处理出错（{type(exc).__name__}），请重试；若一再出现，请告知管理员。"


def html(elem_id: str | None = None, value: str = "") -> gr.HTML:
    return gr.HTML(value, elem_id=elem_id, js_on_load=None)


def health_text(client: ApiClient, reports: list[dict] | None = None) -> str:
    """The status line under the title: connected and what is indexed (the report's name when there is one
    only, since the picker is hidden then), or why not."""
    try:
        h = client.health()
    except ApiError as exc:
        return error_html(str(exc))
    except Exception as exc:  # noqa: BLE001 - the page must show a message, not a trace
        return error_html(unexpected(exc))
    if h.get("status") == "starting":
        return info_html("问答服务正在启动，正在加载索引和模型，请稍候刷新页面。")
    if h.get("status") != "ok":
        return error_html("问答服务已启动，但索引不可用。请先运行 rag build 建立索引，再刷新页面。")
    only = f"（{report_label(reports[0])}）" if reports and len(reports) == 1 else ""
    return info_html(f"已连接问答服务 · 已收录 {h.get('documents', '?')} 份报告{only}、{h.get('passages', '?')} 个段落"
                     + (f"、{h['commitments']} 条承诺" if h.get("commitments") else "") + "。答案均摘自报告原文并注明出处。")


class CsvFiles:
    """The UI's CSV downloads: one private temp folder, files pruned once Gradio has cached them, removed at exit."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="rag-ui-")  # its finalizer removes it at interpreter exit
        self.path = Path(self._dir.name)

    def write(self, headers: list[str], rows: list[list], stem: str) -> str:
        self.prune()
        return write_csv(headers, rows, stem, folder=self.path)

    def prune(self, max_age: float = CSV_MAX_AGE_S) -> None:
        now = time.time()
        for sub in self.path.iterdir():
            try:
                if now - sub.stat().st_mtime > max_age:
                    for f in sub.iterdir():
                        f.unlink()
                    sub.rmdir()
            except OSError:
                continue

    def close(self) -> None:
        self._dir.cleanup()


def upload_path(upload) -> Path | None:
    """The uploaded file's path if Gradio's upload folder holds it, else None (a path named by a caller)."""
    if not upload:
        return None
    raw = upload if isinstance(upload, str) else getattr(upload, "path", None) or getattr(upload, "name", None)
    if not isinstance(raw, str):
        return None
    from gradio.utils import get_upload_folder

    try:
        path = Path(raw).resolve(strict=True)
        folder = Path(get_upload_folder()).resolve()
    except (OSError, RuntimeError):
        return None
    return path if path.is_file() and path.is_relative_to(folder) and path != folder else None


def figures_table(rows: list[list]):
    """The figure rows for the table, 数值 shown with thousands separators and still sorted as numbers."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=FIGURE_HEADERS)
    return frame.style.format({"数值": number_text}, na_rep="")


def _history(turns: list) -> list[dict]:
    return [{k: t[k] for k in ("question", "resolved_question", "answer", "metric", "period", "doc") if t.get(k)}
            for t in turns if t][-HISTORY_SENT:]


def _paragraphs(client: ApiClient, answer: dict) -> dict:
    """The whole paragraphs of the cited passages (one call per paragraph; an older API without the route: none)."""
    out = {}
    for c in answer.get("citations") or []:
        key = (c.get("doc"), c.get("paragraph"))
        if key in out or not key[0] or not key[1]:
            continue
        try:
            out[key] = client.paragraph(*key)
        except ApiError:
            out[key] = {}
    return out


def build_ui(api_url: str, csv_files: CsvFiles | None = None) -> gr.Blocks:
    """The Blocks app talking to the rag API at api_url (e.g. http://127.0.0.1:8000)."""
    client = ApiClient(api_url)
    csv_files = csv_files or CsvFiles()
    # report id -> GET /api/documents' entry (id, title, year, issuer, place); replaced whole, never changed in
    # place, since the events of several users read it at once
    library: dict[str, dict[str, dict]] = {"reports": {}}

    def documents(refresh: bool = False) -> dict[str, dict]:
        """The indexed reports by id, fetched once (again after a failure, on a page load, or when an answer
        or a pick names one new to it)."""
        if refresh or not library["reports"]:
            try:
                library["reports"] = {d["id"]: d for d in client.documents() if isinstance(d, dict) and d.get("id")}
            except (ApiError, TypeError, KeyError):
                pass
        return library["reports"]

    def scope_docs(picked) -> list[str]:
        """The picker's report ids, checked against the library (the list again if one is new to it): [] is
        every report. The dropdown takes typed values too, so a stale page survives a server restart; an id
        the library lacks gets a Chinese message here instead of the API's English one."""
        picked = [picked] if isinstance(picked, str) else list(picked or [])
        picked = list(dict.fromkeys(str(d) for d in picked if str(d).strip()))
        if len(picked) > MAX_SCOPE_DOCS:
            raise ApiError(f"最多选择 {MAX_SCOPE_DOCS} 份报告。")
        unknown = [d for d in picked if d not in documents()]
        reports = documents(refresh=True) if unknown else {}  # a report added since the list was fetched, or gone
        unknown = [d for d in unknown if d not in reports]
        if unknown and reports:  # with no list at all (the API is down) the call itself says so
            raise ApiError(f"所选报告不在库中（{'、'.join(unknown)[:200]}），请刷新页面后重新选择。")
        return picked

    def load_page(picked):
        """On each page load: the status line and the picker's choices (hidden with one report or none)."""
        reports = list(documents(refresh=True).values())
        choices = report_choices(reports)
        ids = {v for _, v in choices}
        kept = [d for d in (picked or []) if d in ids]
        return health_text(client, reports), gr.update(choices=choices, value=kept, visible=len(choices) > 1)

    # --- the conversation ---

    def start_turn(question, chat, in_flight):
        """Instant (no queue): the question joins the thread, the box empties and 提问 waits for the answer.

        While a question is in flight another is not taken (the box keeps it): one answer per question, in order.
        """
        q = (question or "").strip()
        if in_flight or not q:  # stops the chain (.success) without a message; the box keeps what it has
            raise gr.Error("", visible=False, print_exception=False)
        shown = html_lib.escape(q)
        return "", (chat or []) + [{"role": "user", "content": shown}], q, gr.update(interactive=False)

    def start_example(chat, in_flight, data: gr.SelectData):
        value = data.value if isinstance(data.value, dict) else {"text": str(data.value or "")}
        return start_turn(value.get("text", ""), chat, in_flight)

    def finish_turn(pending, chat, turns, top_k, picked):
        chat, turns = list(chat or []), list(turns or [])
        try:
            q = check_text(pending)
            answer = client.ask(q, int(top_k), history=_history(turns), docs=scope_docs(picked))
            docs = documents()
            cited = {c.get("doc") for c in answer.get("citations") or []}
            if cited - set(docs):  # a reindex added a report since
                docs = documents(refresh=True)
            card = answer_html(answer, _paragraphs(client, answer), docs)
            record = turn_record(answer, docs)
        except ApiError as exc:
            card, record = error_html(str(exc)), None
        except Exception as exc:  # noqa: BLE001
            card, record = error_html(unexpected(exc)), None
        chat.append({"role": "assistant", "content": card})
        turns.append(record)
        saved = {"messages": chat[-2 * TURNS_KEPT:], "turns": turns[-TURNS_KEPT:]}
        return chat, turns, saved, None

    def on_like(turns, data: gr.LikeData, request: gr.Request):
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        if not isinstance(data.liked, bool) or not isinstance(index, int):
            return  # a rating taken back: nothing to store
        record = _turn_at(turns or [], index)
        if not record:
            gr.Warning("这条消息不是回答，无法评价。")
            return
        body = {k: record.get(k) for k in ("question", "resolved_question", "answer", "refused", "citations")}
        try:
            # the API limits ratings per client: name the browser's address, not this server's own
            who = request.client.host if request and request.client else None
            client.feedback({**body, "rating": "up" if data.liked else "down"}, forwarded_for=who)
        except ApiError as exc:
            gr.Warning(f"反馈没有保存：{exc}")
            return
        gr.Info("已记录您的反馈，谢谢！" + ("" if data.liked else "我们会据此改进答案。"))

    def _turn_at(turns: list, message_index: int):
        """The turn of the chat's message_index-th message: each turn is a question and its answer, in step."""
        return turns[message_index // 2] if message_index % 2 == 1 and message_index // 2 < len(turns) else None

    def restore(saved):
        saved = saved if isinstance(saved, dict) else {}
        messages, turns = saved.get("messages") or [], saved.get("turns") or []
        if not isinstance(messages, list) or not isinstance(turns, list) or len(messages) != 2 * len(turns):
            return [], []
        return messages, turns

    def clear():
        return [], [], {}

    # --- commitments, figures, evaluation ---

    def on_commitments(topic, picked, goals=True):
        hidden = gr.update(visible=False, value=None)
        try:
            t = check_text(topic, "主题", 200)
            result = client.commitments(t, docs=scope_docs(picked), goals=bool(goals))
        except ApiError as exc:
            return error_html(str(exc)), hidden
        except Exception as exc:  # noqa: BLE001
            return error_html(unexpected(exc)), hidden
        docs = documents()
        rows = commitment_rows(result, docs)
        if not rows:
            return commitments_html(result, docs), hidden
        path = csv_files.write(COMMITMENT_HEADERS, rows, f"承诺_{t}")
        return commitments_html(result, docs), gr.update(visible=True, value=path, label=f"下载 CSV（{len(rows)} 条）")

    def on_track(metric, picked):
        hidden = gr.update(visible=False, value=None)
        try:
            m = check_text(metric, "指标", 200)
            docs = scope_docs(picked)
            table = client.track(m, docs)
            chart = client.track_file(m, "png", docs) if table.get("rows") else None
        except ApiError as exc:
            return error_html(str(exc)), hidden, hidden
        except Exception as exc:  # noqa: BLE001
            return error_html(unexpected(exc)), hidden, hidden
        rows = track_rows(table)
        if not rows:
            return track_html(table), hidden, hidden
        image = csv_files.path / f"track-{time.time_ns()}.png"
        image.write_bytes(chart)
        path = csv_files.write(TRACK_HEADERS, rows, f"跨年对比_{m}")
        return (track_html(table), gr.update(visible=True, value=str(image)),
                gr.update(visible=True, value=path, label=f"下载 CSV（{len(rows)} 行）"))

    def on_figures(topic, period, picked):
        hidden = gr.update(visible=False, value=None)
        empty = gr.update(value=figures_table([]))
        topic = (topic or "").strip()
        try:
            if topic:
                check_text(topic, "指标关键词", 200)
            picked = scope_docs(picked)
            figures = client.figures(topic or None, None if period in (None, "", "全部") else period, docs=picked)
        except ApiError as exc:
            return error_html(str(exc)), empty, hidden
        except Exception as exc:  # noqa: BLE001
            return error_html(unexpected(exc)), empty, hidden
        docs = documents()
        rows = figure_rows(figures, docs)
        names = "、".join(report_label(docs[d]) if d in docs else d for d in picked)
        scope = "、".join(x for x in (f"关键词「{topic}」" if topic else "", period if period != "全部" else "", names) if x)
        if not rows:
            return info_html(f"没有找到符合条件（{scope or '全部'}）的数字。"), empty, hidden
        note = info_html(f"共 {len(rows):,} 个数字" + (f"（{scope}）" if scope else "") + "。点击表头可排序；表格可左右滑动。")
        path = csv_files.write(FIGURE_HEADERS, rows, f"指标_{topic or '全部'}_{period or '全部'}")
        return note, gr.update(value=figures_table(rows)), gr.update(visible=True, value=path,
                                                                     label=f"下载 CSV（{len(rows):,} 个）")

    def on_eval(source, upload, progress=gr.Progress()):
        empty = gr.update(value=[], visible=False)
        try:
            items = None
            if source == UPLOADED:
                if not upload:
                    return error_html("请先上传评测集文件（JSONL，每行一道题）。"), empty
                path = upload_path(upload)
                if path is None:  # only a file uploaded through this page is read, never a path a caller names
                    return error_html("只能评测通过本页面上传的文件，请重新上传评测集。"), empty
                try:
                    data = path.read_bytes()
                except OSError:
                    return error_html("无法读取上传的文件，请重新上传。"), empty
                items = parse_jsonl(data)
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

    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=GRADIO_CACHE) as demo:
        gr.HTML(f"<h1>{TITLE}</h1><p>依据政府工作报告原文回答问题，给出数字与出处段落；"
                "报告中没有的内容会明确说明“没有找到”。可以接着追问，例如“那2025年呢？”。</p>",
                elem_id="title", js_on_load=None)
        status = html("status")
        # The report picker, above the tabs and applied to every one but 评测: nothing picked is every report
        # (a question's own words then choose); shown once the page knows the library holds several reports.
        # Typed values are taken (allow_custom_value) and checked in scope_docs, so a page whose server restarted
        # keeps working; the ids are GET /api/documents' ids, the labels how answers name the reports.
        picker = gr.Dropdown([], value=[], multiselect=True, allow_custom_value=True, filterable=True,
                             label="报告范围", elem_id="report-picker", visible=False, max_choices=MAX_SCOPE_DOCS,
                             info="可选一份或几份，问答、承诺查询、指标和跨年对比都只在所选报告中查找；"
                                  "不选即全部报告，由问题里提到的地区、年份选定报告。")
        active = gr.State("ask")  # the tab shown, so a new scope reruns that tab's query
        # A fixed key, so a server restart does not lose the conversation: it is the user's own text in the user's
        # own browser, and what comes back is shown through the chat's HTML sanitizer like any answer.
        saved = gr.BrowserState({}, storage_key=STORAGE_KEY, secret="rag-ui-conversation")
        turns = gr.State([])
        pending = gr.State(None)

        with gr.Tabs():
            with gr.Tab("问答", id="ask") as ask_tab:
                chat = gr.Chatbot(
                    elem_id="chat", label="对话", show_label=False, height="60vh", autoscroll=False,
                    buttons=[], feedback_options=("Like", "Dislike"), layout="panel", group_consecutive_messages=False,
                    placeholder="**请提问**：报告里的数字、目标、举措都可以问；可以接着追问“那2025年呢？”“目标呢？”。",
                    examples=[{"text": q} for q in EXAMPLE_QUESTIONS])
                with gr.Row(equal_height=True, elem_classes="rag-wrap-row"):
                    question = gr.Textbox(label="您的问题", show_label=False, elem_id="question", autofocus=True,
                                          placeholder="输入问题，按回车发送", lines=1, max_lines=4, scale=8,
                                          max_length=MAX_QUESTION_CHARS, submit_btn=False)
                    ask_btn = gr.Button("提问", variant="primary", scale=1, min_width=80, elem_id="ask-btn")
                with gr.Row(equal_height=True, elem_classes="rag-wrap-row"):
                    html("q-count")
                    clear_btn = gr.Button("清空对话", size="sm", variant="secondary", elem_id="clear-btn", min_width=80)
                with gr.Accordion("高级选项", open=False):
                    top_k = gr.Slider(1, 10, value=5, step=1, label="引用原文段落数")

            with gr.Tab("承诺查询", id="commitments") as commitments_tab:
                gr.Markdown("输入一个主题，列出报告中与之有关的全部工作承诺与目标，按章节分组。")
                with gr.Row(equal_height=True, elem_classes="rag-wrap-row"):
                    topic = gr.Textbox(label="主题", placeholder="例如：养老、中药材、就业", scale=6, elem_id="topic")
                    topic_btn = gr.Button("查询", variant="primary", scale=1, min_width=80, elem_id="topic-btn")
                goals = gr.Checkbox(True, label="含五年规划目标（不勾选则只列当年的任务和目标）", elem_id="goals")
                with gr.Row():
                    topic_btns = [gr.Button(t, size="sm", variant="secondary", min_width=60) for t in EXAMPLE_TOPICS]
                commitments_out = html("commitments", info_html("请输入主题后点击“查询”。"))
                commitments_csv = gr.DownloadButton("下载 CSV", visible=False, size="sm", elem_id="commitments-csv")

            with gr.Tab("指标", id="figures") as figures_tab:
                gr.Markdown("报告中出现的全部数字及其指标、时期和出处。可按关键词和时期筛选。")
                with gr.Row(equal_height=True, elem_classes="rag-wrap-row"):
                    fig_topic = gr.Textbox(label="指标关键词", placeholder="例如：地区生产总值、就业、增长", scale=4,
                                           elem_id="fig-topic")
                    fig_period = gr.Dropdown(PERIODS, value="全部", label="时期", scale=2, elem_id="fig-period")
                    fig_btn = gr.Button("筛选", variant="primary", scale=1, min_width=80, elem_id="fig-btn")
                fig_note = html("fig-note")
                # Widths in pixels: on a phone the table scrolls sideways instead of squeezing 8 columns.
                fig_table = gr.Dataframe(value=figures_table([]), headers=FIGURE_HEADERS, interactive=False, wrap=True,
                                         datatype=["str", "str", "number", "str", "str", "str", "str", "number",
                                                   "str"],
                                         column_widths=["160px", "90px", "120px", "60px", "100px", "60px", "260px",
                                                        "60px", "220px"],
                                         max_height=600, elem_id="fig-table", label="数字一览")
                fig_csv = gr.DownloadButton("下载 CSV", visible=False, size="sm", elem_id="fig-csv")

            with gr.Tab("跨年对比", id="track") as track_tab:
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

            with gr.Tab("评测", id="eval") as eval_tab:
                gr.Markdown("用标准问答集检验系统的回答：运行服务端自带的标准集，或上传自己的 JSONL 评测集（"
                            + GOLD_FIELDS_TEXT + "）")
                with gr.Row(elem_classes="rag-wrap-row"):
                    eval_source = gr.Radio([BUNDLED, UPLOADED], value=BUNDLED, label="评测集", scale=2)
                    eval_file = gr.File(label="上传评测集（.jsonl）", file_types=[".jsonl", ".json", ".txt"],
                                        type="filepath", scale=3, elem_id="eval-file")
                eval_btn = gr.Button("开始评测", variant="primary", elem_id="eval-btn")
                eval_out = html("eval-metrics")
                eval_failures = gr.Dataframe(headers=FAILURE_HEADERS, value=[], interactive=False, wrap=True,
                                             label="未通过的题目", elem_id="eval-failures", visible=False,
                                             column_widths=["80px", "80px", "200px", "160px", "160px", "200px"])

        def ask_chain(trigger, fn=start_turn, inputs=None):
            return (trigger(fn, inputs or [question, chat, pending], [question, chat, pending, ask_btn], queue=False,
                            show_progress="hidden",
                            trigger_mode="once")
                    .success(finish_turn, [pending, chat, turns, top_k, picker], [chat, turns, saved, pending],
                          concurrency_limit=CONCURRENT_REQUESTS)
                    .then(lambda: gr.update(interactive=True), None, ask_btn, queue=False, js=SCROLL_JS))

        ask_chain(ask_btn.click)
        ask_chain(question.submit)
        ask_chain(chat.example_select, start_example, [chat, pending])
        chat.like(on_like, [turns], None)
        chat.clear(clear, None, [chat, turns, saved], queue=False)
        clear_btn.click(clear, None, [chat, turns, saved], queue=False)

        commitment_outputs = [commitments_out, commitments_csv]
        topic_btn.click(on_commitments, [topic, picker, goals], commitment_outputs)
        topic.submit(on_commitments, [topic, picker, goals], commitment_outputs)
        goals.change(on_commitments, [topic, picker, goals], commitment_outputs)
        for btn, t in zip(topic_btns, EXAMPLE_TOPICS):
            btn.click(lambda t=t: t, None, topic, queue=False).then(on_commitments, [topic, picker, goals], commitment_outputs)

        fig_inputs, fig_outputs = [fig_topic, fig_period, picker], [fig_note, fig_table, fig_csv]
        fig_btn.click(on_figures, fig_inputs, fig_outputs)
        track_outputs = [track_out, track_chart, track_csv]
        track_btn.click(on_track, [track_metric, picker], track_outputs)
        track_metric.submit(on_track, [track_metric, picker], track_outputs)
        for btn, m in zip(metric_btns, EXAMPLE_METRICS):
            btn.click(lambda m=m: m, None, track_metric).then(on_track, [track_metric, picker], track_outputs)
        fig_topic.submit(on_figures, fig_inputs, fig_outputs)
        fig_period.input(on_figures, fig_inputs, fig_outputs)
        figures_tab.select(on_figures, fig_inputs, fig_outputs)

        # A new scope: the tab shown asks again (the chat waits for the next question; its answers name their report)
        for tab, name in ((ask_tab, "ask"), (commitments_tab, "commitments"), (figures_tab, "figures"),
                          (track_tab, "track"), (eval_tab, "eval")):
            tab.select(lambda name=name: name, None, active, queue=False)

        def rerun(fn, shown: str, n: int):
            def on_scope(tab, text, *rest):
                if tab != shown or (shown != "figures" and not (text or "").strip()):
                    return (gr.skip(),) * n
                return fn(text, *rest)
            return on_scope

        # always_last: picks made while a query runs ask once more, after it, so the last scope's result stays
        picker.input(rerun(on_commitments, "commitments", 2), [active, topic, picker], commitment_outputs,
                     trigger_mode="always_last")
        picker.input(rerun(on_figures, "figures", 3), [active, *fig_inputs], fig_outputs, trigger_mode="always_last")
        picker.input(rerun(on_track, "track", 3), [active, track_metric, picker], track_outputs,
                     trigger_mode="always_last")

        eval_file.upload(lambda: UPLOADED, None, eval_source, queue=False)
        eval_btn.click(on_eval, [eval_source, eval_file], [eval_out, eval_failures], concurrency_limit=1)

        demo.load(load_page, picker, [status, picker])
        demo.load(restore, saved, [chat, turns], queue=False)
    demo.queue(default_concurrency_limit=CONCURRENT_REQUESTS)
    return demo


def own_origins(api_url: str) -> list[str]:
    """The origins the page is served from when reached on the loopback interface: CORS allows only these."""
    parts = urlsplit(api_url)
    port = f":{parts.port}" if parts.port else ""
    hosts = {parts.hostname or "127.0.0.1", "127.0.0.1", "localhost", "[::1]"}
    return sorted({f"{parts.scheme or 'http'}://{h if ':' not in h or h.startswith('[') else f'[{h}]'}{port}"
                   for h in hosts})


def mount_ui(app, api_url: str, path: str = "/ui", blocked_paths: list[str] | None = None,
             origins: list[str] | None = None) -> gr.Blocks:
    """Mount the UI on a FastAPI app at path, locked down:

    - files: only what a user uploads through the page is read (Gradio checks an input FileData's path
      against its upload folder only once it counts as launched, which mounting never sets), nothing is
      served from allowed_paths, and blocked_paths (the index, the corpus, the data dir) never are;
    - errors: no exception text reaches the browser (show_error=False);
    - CORS: only the page's own origin (a CORSMiddleware on the parent app makes Gradio leave CORS to it).
    """
    from fastapi.middleware.cors import CORSMiddleware

    demo = build_ui(api_url)
    app.add_middleware(CORSMiddleware, allow_origins=origins or own_origins(api_url), allow_credentials=False,
                       allow_methods=["GET", "POST"], allow_headers=["Content-Type", "X-API-Key"])
    gr.mount_gradio_app(app, demo, path=path, allowed_paths=[], blocked_paths=list(blocked_paths or []),
                        show_error=False, footer_links=[], css=CSS, head=HEAD, i18n=gr.I18n(en=ZH_CHROME),
                        max_file_size=f"{4 * 1024 * 1024}b")
    demo.has_launched = True  # so processing_utils._check_allowed checks inputs (it skips apps never launched)
    if not any(getattr(r, "path", None) == "/favicon.ico" for r in app.routes):
        from fastapi.responses import Response

        app.get("/favicon.ico", include_in_schema=False)(
            lambda: Response(FAVICON_SVG, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"}))
    return demo


def main(api_url: str, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Serve the UI alone at http://host:port/, talking to the API at api_url."""
    import uvicorn
    from fastapi import FastAPI
    from fastapi.responses import RedirectResponse

    app = FastAPI(title=TITLE, docs_url=None, redoc_url=None, openapi_url=None)
    mount_ui(app, api_url, "/ui", origins=own_origins(f"http://{host}:{port}"))
    app.get("/", include_in_schema=False)(lambda: RedirectResponse("/ui/"))
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    uvicorn.run(app, host=host, port=port, log_level="info")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Run the chat UI against a rag API.")
    parser.add_argument("--api", default="http://127.0.0.1:8000")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7860)
    args = parser.parse_args()
    main(api_url=args.api, host=args.host, port=args.port)

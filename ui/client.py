"""A small HTTP client of the rag API whose every failure is one readable Chinese message."""

from __future__ import annotations

import re

import httpx

MAX_QUESTION_CHARS = 2000  # the server's limit (rag.config.MAX_QUESTION_CHARS), checked here to answer in Chinese

# The server's QuestionError messages (rag/service.py) in the words a user of the page reads.
_DETAIL_ZH = [
    (re.compile(r"^the (question|query|topic) is empty$"), "内容为空，请先输入。"),
    (re.compile(r"^the (question|query|topic) is too long: (\d+) characters, at most (\d+)$"),
     r"内容太长：\2 个字，最多 \3 个字。"),
    (re.compile(r"^the (question|query|topic) contains a NUL character$"), "内容含有无法识别的控制字符。"),
    (re.compile(r"^k must be an integer from 1 to (\d+).*$"), r"引用段落数须为 1 到 \1 之间的整数。"),
    (re.compile(r"^unknown report id\(s\): (.*?) \(list them with: rag documents\)$"),
     r"所选报告不在库中（\1），可能已被移除，请刷新页面后重新选择。"),
    (re.compile(r"^no indexed report matches the scope .*$"), "库中没有符合所选范围的报告，请刷新页面后重新选择。"),
]
MAX_SCOPE_DOCS = 50  # the server's limit on the reports of one scope (rag.scope.MAX_SCOPE_ITEMS)


class ApiError(Exception):
    """A failed API call; str() is the Chinese message to show, status the HTTP status (0: no response)."""

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


MSG_ZH = {"Field required": "缺少这个字段", "Input should be a valid string": "应为文字",
          "String should have at least 1 character": "不能为空", "Input should be a valid list": "应为列表"}
GOLD_TYPE_ZH = {"figure": "数字题", "fact": "事实题", "en": "英文题", "unanswerable": "无答案题",
                "commitment_topic": "承诺主题"}


def _validation_item(item: dict) -> str:
    """One FastAPI validation error in Chinese where it concerns an evaluation item ("items.0.figure.lang")."""
    loc = [x for x in item.get("loc", []) if x != "body"]
    msg = str(item.get("msg", ""))
    if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
        kind = GOLD_TYPE_ZH.get(str(loc[2]), "") if len(loc) > 2 else ""
        field = ".".join(str(x) for x in loc[3:]) if kind else ".".join(str(x) for x in loc[2:])
        head = f"第 {loc[1] + 1} 题" + (f"（{kind}）" if kind else "")
        return f"{head}的 {field} 字段：{MSG_ZH.get(msg, msg)}" if field else f"{head}：{MSG_ZH.get(msg, msg)}"
    where = ".".join(str(x) for x in loc)
    return f"{where}: {msg}" if where else msg


def detail_text(body) -> str:
    """The server's {"detail": ...} as one line (FastAPI validation errors are a list)."""
    detail = body.get("detail", body) if isinstance(body, dict) else body
    if isinstance(detail, list):
        parts = [_validation_item(item) if isinstance(item, dict) else str(item) for item in detail]
        detail = "；".join(parts)
    text = str(detail).strip()
    for pattern, zh in _DETAIL_ZH:
        if pattern.match(text):
            return pattern.sub(zh, text)
    return text


def error_message(status: int, detail: str, what: str) -> str:
    """The Chinese sentence for an HTTP error status of one API call."""
    if status == 404:
        return f"{what}失败：服务端没有这个接口或找不到所请求的内容（404）。" + (f"详情：{detail}" if detail else "")
    if status in (400, 413, 422):
        return f"输入有误：{detail or '请检查输入内容。'}"
    if status == 429:
        return f"{what}太频繁了，请稍等片刻再试。"
    if status == 503:
        return f"服务暂不可用（503）：{detail or '索引可能尚未建立或正在重建，请稍后重试。'}"
    if status >= 500:
        return f"{what}失败：服务内部错误（{status}）。" + (f"详情：{detail}" if detail else "请稍后重试。")
    return f"{what}失败（HTTP {status}）：{detail}"


class ApiClient:
    """Calls /api/* of one rag server; methods return the decoded JSON or raise ApiError."""

    def __init__(self, base_url: str, timeout: float = 60.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def _call(self, method: str, path: str, what: str, timeout: float | None = None, **kwargs):
        url = f"{self.base_url}{path}"
        try:
            with httpx.Client(timeout=timeout or self.timeout) as http:
                response = http.request(method, url, **kwargs)
        except httpx.TimeoutException:
            raise ApiError(f"{what}超时：问答服务（{self.base_url}）在 {timeout or self.timeout:.0f} 秒内没有响应，请稍后重试。")
        except httpx.HTTPError:
            raise ApiError(f"无法连接问答服务（{self.base_url}）：请确认服务已启动（rag serve）。")
        if response.status_code >= 400:
            try:
                detail = detail_text(response.json())
            except ValueError:
                detail = response.text.strip()[:200]
            raise ApiError(error_message(response.status_code, detail, what), response.status_code)
        try:
            return response.json()
        except ValueError:
            raise ApiError(f"{what}失败：服务返回的内容不是 JSON，请确认地址 {self.base_url} 指向 rag 服务。")

    def health(self) -> dict:
        return self._call("GET", "/api/health", "查询服务状态", timeout=min(10.0, self.timeout))

    def ask(self, question: str, top_k: int = 5, history: list[dict] | None = None,
            docs: list[str] | None = None) -> dict:
        """POST /api/ask; history (earlier turns, oldest first) lets the server resolve a follow-up question,
        docs (report ids) limits it to those reports (none: the question's own words choose)."""
        body = {"question": question, "top_k": int(top_k)}
        if history:
            body["history"] = history
        if docs:
            body["scope"] = {"docs": list(docs)}
        return self._call("POST", "/api/ask", "提问", json=body)

    def paragraph(self, doc: str, paragraph: int) -> dict:
        """GET /api/paragraph: the whole paragraph a citation was cut from."""
        return self._call("GET", "/api/paragraph", "查询原文段落", timeout=min(10.0, self.timeout),
                          params={"doc": doc, "paragraph": int(paragraph)})

    def feedback(self, item: dict, forwarded_for: str | None = None) -> dict:
        """POST /api/feedback: a thumbs up or down on one answer, on behalf of the browser at forwarded_for."""
        headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else None
        return self._call("POST", "/api/feedback", "提交反馈", timeout=min(10.0, self.timeout), json=item,
                          headers=headers)

    # The GET routes take the scope as repeatable doc= parameters (httpx repeats a list's values).

    def search(self, query: str, k: int = 5, docs: list[str] | None = None) -> list:
        return self._call("GET", "/api/search", "检索", params={"q": query, "k": int(k), "doc": list(docs or [])})

    def commitments(self, topic: str, docs: list[str] | None = None, goals: bool = True) -> dict:
        # the five-year plan's goals as well as the year's tasks, or (goals=False) the year's alone
        params = {"topic": topic, "doc": list(docs or []), "goals": "true" if goals else "false"}
        return self._call("GET", "/api/commitments", "查询承诺", params=params)

    def figures(self, topic: str | None = None, period: str | None = None, docs: list[str] | None = None) -> list:
        params = {k: v for k, v in (("topic", topic), ("period", period)) if v}
        return self._call("GET", "/api/figures", "查询指标", params={**params, "doc": list(docs or [])})

    def documents(self) -> list:
        return self._call("GET", "/api/documents", "查询文件")

    def track(self, metric: str, docs: list[str] | None = None) -> dict:
        """GET /api/track: targets against results across years, as JSON."""
        return self._call("GET", "/api/track", "跨年对比", params={"metric": metric, "doc": list(docs or [])})

    def track_file(self, metric: str, fmt: str, docs: list[str] | None = None) -> bytes:
        """GET /api/track?format=csv|png|svg: the table as CSV or the chart, as bytes."""
        url = f"{self.base_url}/api/track"
        try:
            with httpx.Client(timeout=self.timeout) as http:
                r = http.get(url, params={"metric": metric, "format": fmt, "doc": list(docs or [])})
        except httpx.HTTPError:
            raise ApiError(f"无法连接问答服务（{self.base_url}）：请确认服务已启动（rag serve）。")
        if r.status_code >= 400:
            try:
                detail = detail_text(r.json())
            except ValueError:
                detail = r.text.strip()[:200]
            raise ApiError(error_message(r.status_code, detail, "跨年对比"), r.status_code)
        return r.content

    def evaluate(self, items: list[dict] | None = None, timeout: float = 600.0) -> dict:
        """POST /api/eval: {} runs the server's bundled gold set, {"items": [...]} the given gold items."""
        body = {"items": items} if items is not None else {}
        return self._call("POST", "/api/eval", "评测", timeout=timeout, json=body)


def check_text(text: str | None, what: str = "问题", limit: int = MAX_QUESTION_CHARS) -> str:
    """The stripped text, or an ApiError in Chinese before any request is sent."""
    text = (text or "").strip()
    if not text:
        raise ApiError(f"请先输入{what}。")
    if len(text) > limit:
        raise ApiError(f"{what}太长：{len(text)} 个字，最多 {limit} 个字。")
    return text

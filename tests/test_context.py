"""The paragraph around a citation (rag/context.py) and GET /api/paragraph over the real report."""

from __future__ import annotations

import pytest

from rag.context import paragraph_of
from rag.models import Passage

from .test_api import client  # noqa: F401  the app over the shared index (one definition, in test_api)


def passage(doc: str, number: int, text: str) -> Passage:
    return Passage(id=f"{doc}:{number}:{text}", doc=doc, paragraph=number, section="二", text=text)


def test_a_paragraph_is_its_passages_joined_in_order():
    passages = [passage("a", 1, "甲。"), passage("a", 2, "乙一。"), passage("b", 2, "别的。"), passage("a", 2, "乙二。")]
    found = paragraph_of(passages, "a", 2)
    assert found.text == "乙一。乙二。" and found.passages == ["乙一。", "乙二。"] and found.section == "二"
    assert paragraph_of(passages, "a", 3) is None and paragraph_of(passages, "c", 1) is None


def test_the_paragraph_of_a_citation_holds_the_citation(client, report_text):
    answer = client.post("/api/ask", json={"question": "去年城镇新增就业多少人？"}).json()
    cited = answer["citations"][0]
    r = client.get("/api/paragraph", params={"doc": cited["doc"], "paragraph": cited["paragraph"]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert cited["text"] in body["text"] and "".join(body["passages"]) == body["text"]
    assert body["section"] == cited["section"] and body["text"] in report_text.replace("\n", "")


@pytest.mark.parametrize("params, status", [
    ({"doc": "kaizhou-2026-government-work-report", "paragraph": 99999}, 404), ({"doc": "nope", "paragraph": 1}, 404),
    ({"doc": "x"}, 422), ({"doc": "x", "paragraph": 0}, 422), ({"doc": "x", "paragraph": "a"}, 422),
    ({"paragraph": 1}, 422), ({"doc": "x" * 201, "paragraph": 1}, 422),
])
def test_a_missing_or_malformed_paragraph_request(client, params, status):
    r = client.get("/api/paragraph", params=params)
    assert r.status_code == status and isinstance(r.json()["detail"], (str, list))

"""Follow-up questions (rag/followup.py): the text-level resolution, and POST /api/ask with a history."""

from __future__ import annotations

import pytest

from rag.followup import MAX_HISTORY, Turn, parse_followup, resolve

from .test_api import client  # noqa: F401  the app over the shared index (one definition, in test_api)

GDP = "2026年地区生产总值增长目标是多少？"


def turn(question: str, **kw) -> list[Turn]:
    return [Turn(question=question, **kw)]


# --- resolution, pure ---

@pytest.mark.parametrize("previous, meta, followup, resolved", [
    # a period replaces the previous one; a past year is a result, so the target word goes
    (GDP, {"metric": "地区生产总值增长", "period": "2026年目标"}, "那2025年呢？", "2025年地区生产总值增长是多少？"),
    (GDP, {}, "去年呢？", "去年地区生产总值增长是多少？"),
    (GDP, {}, "那十四五期间呢？", "十四五期间地区生产总值增长是多少？"),
    (GDP, {}, "2025年的目标呢？", "2025年地区生产总值增长目标是多少？"),  # asks for the target itself
    ("去年地区生产总值增长多少？", {}, "今年呢？", "今年地区生产总值增长多少？"),
    ("常住人口城镇化率是多少？", {}, "那2030年呢", "2030年常住人口城镇化率是多少？"),  # none before: put in front
    # a target after a result: the report's own target year
    ("去年城镇新增就业多少人？", {"period": "2025年"}, "目标呢？", "2026年城镇新增就业目标是多少人？"),
    ("去年城镇新增就业多少人？", {"doc": {"id": "x", "year": 2027}}, "目标呢？", "2027年城镇新增就业目标是多少人？"),
    # a metric replaces the answer's metric (or the previous question's longest plain run)
    (GDP, {"metric": "地区生产总值增长"}, "那城镇新增就业呢？", "2026年城镇新增就业目标是多少？"),
    (GDP, {}, "那固定资产投资呢？", "2026年固定资产投资目标是多少？"),
    ("去年城镇新增就业多少人？", {}, "那地区生产总值呢？", "去年地区生产总值多少？"),  # the old unit goes too
    # a place (a library of reports): put in front, or in place of the previous report's place
    (GDP, {}, "那开州呢？", "开州2026年地区生产总值增长目标是多少？"),
    ("万州2026年地区生产总值增长目标是多少？", {"doc": {"place": "万州"}}, "那开州呢？", GDP.replace("2026", "开州2026")),
    # English follow-ups, onto a Chinese or an English question
    (GDP, {}, "What about 2023?", "2023年地区生产总值增长是多少？"),
    ("What is the 2026 GDP growth target?", {}, "What about 2023?", "What was the 2023 GDP growth?"),
    ("What is the GDP growth target for 2026?", {}, "What about last year?", "What was the GDP growth last year?"),
    ("What was the GDP growth in 2025?", {"period": "2025年"}, "And the target?",
     "What is the GDP growth in 2026, as a target?"),
    ("What is the 2026 GDP growth target?", {}, "What about employment?", "What is the employment target in 2026?"),
])
def test_a_followup_is_resolved_against_the_previous_question(previous, meta, followup, resolved):
    assert resolve(followup, turn(previous, **meta)) == resolved


def test_the_previous_turn_is_read_as_it_was_resolved():
    history = [Turn(question=GDP), Turn(question="那城镇新增就业呢？", resolved_question="2026年城镇新增就业目标是多少？")]
    assert resolve("去年呢？", history) == "去年城镇新增就业是多少？"


@pytest.mark.parametrize("question", [
    "去年城镇新增就业多少人？",  # a question of its own
    "那城镇新增就业多少人？",  # leans on nothing: it names its metric and asks its own question
    "What is the GDP?",
    "那呢？",  # nothing to resolve with
    "开州区简介",
])
def test_a_question_that_stands_alone_is_not_rewritten(question):
    assert resolve(question, turn(GDP)) == question


def test_without_history_nothing_is_rewritten():
    assert resolve("那2025年呢？", None) == "那2025年呢？"
    assert resolve("那2025年呢？", []) == "那2025年呢？"


def test_parse_followup_says_what_the_followup_gives():
    f = parse_followup("那2025年的目标呢？")
    assert (f.period, f.target, f.subject, f.place) == ("2025年", True, "", False)
    f = parse_followup("那开州呢？")
    assert (f.subject, f.place) == ("开州", True)
    assert parse_followup("那社区呢？").place is False  # 社区 is not a place name
    assert parse_followup("What about 2023?").lang == "en"


def test_structured_periods_and_documents_are_read_too():
    """The answer's period and doc may come as values ({"label", "kind", "start"}) as well as strings."""
    history = turn("去年城镇新增就业多少人？", period={"kind": "result", "start": 2025, "end": 2025, "label": "2025年"})
    assert resolve("目标呢？", history) == "2026年城镇新增就业目标是多少人？"
    span = turn("十四五期间地区生产总值增长是多少？", period={"kind": "result", "start": 2021, "end": 2025, "label": "十四五时期"})
    assert resolve("目标呢？", span) == "2026年地区生产总值增长目标是多少？"  # the report after the span sets it


def test_a_resolution_too_long_to_answer_falls_back_to_the_question():
    previous = "2026年" + "地" * 1990 + "是多少？"  # 1999 characters; the place put in front makes 2001
    assert resolve("那开州呢？", turn(previous)) == "那开州呢？"
    assert resolve("那2025年呢？", turn(previous)) == "2025年" + "地" * 1990 + "是多少？"


# --- POST /api/ask with a history ---


def ask(client, question, history=None):
    r = client.post("/api/ask", json={"question": question, **({"history": history} if history is not None else {})})
    assert r.status_code == 200, r.text
    return r.json()


def as_turn(answer: dict) -> dict:
    """A history turn as a client builds it from an Answer JSON."""
    fig = (answer["figures"] or [{}])[0]
    return {"question": answer["question"], "resolved_question": answer["resolved_question"],
            "answer": answer["answer"], "metric": fig.get("metric", ""), "period": fig.get("period"),
            "doc": (answer["citations"] or [{}])[0].get("doc")}


def test_a_three_turn_conversation_over_the_real_report(client):
    first = ask(client, GDP)
    assert first["answer"] == "6%" and first["resolved_question"] == GDP
    second = ask(client, "那城镇新增就业呢？", [as_turn(first)])
    assert second["question"] == "那城镇新增就业呢？"
    assert second["resolved_question"] == "2026年城镇新增就业目标是多少？"
    assert not second["refused"] and "7300" in second["answer"]
    third = ask(client, "去年呢？", [as_turn(first), as_turn(second)])
    assert third["resolved_question"] == "去年城镇新增就业是多少？"
    assert not third["refused"] and "7677" in third["answer"]


def test_without_history_a_followup_is_answered_as_written(client):
    answer = ask(client, "那城镇新增就业呢？")
    assert answer["resolved_question"] == "那城镇新增就业呢？"


def test_the_same_answer_with_or_without_an_unneeded_history(client):
    alone = ask(client, GDP)
    with_history = ask(client, GDP, [{"question": "去年城镇新增就业多少人？"}])
    assert alone["answer"] == with_history["answer"] and with_history["resolved_question"] == GDP


@pytest.mark.parametrize("history", [
    "not a list", [{"answer": "6%"}], [{"question": ""}], [{"question": "问" * 2001}],
    [{"question": "问", "metric": "m" * 201}], [{"question": "问"}] * (MAX_HISTORY + 1),
])
def test_a_malformed_history_is_422(client, history):
    r = client.post("/api/ask", json={"question": "那2025年呢？", "history": history})
    assert r.status_code == 422, r.text


def test_the_schema_documents_history_and_resolved_question(client):
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    assert "history" in schema["AskRequest"]["properties"]
    assert "resolved_question" in schema["Answer"]["properties"]

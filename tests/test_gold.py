"""Sanity checks for the gold evaluation sets (eval/gold.jsonl, eval/holdout.jsonl, eval/holdout2.jsonl).

Standard library + pytest only.
"""
import json
import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
CORPUS_DIR = ROOT / "corpus"
CORPUS_FILE = CORPUS_DIR / "kaizhou-2026-government-work-report.txt"
EVAL_DIR = ROOT / "eval"
FILES = {
    "gold": EVAL_DIR / "gold.jsonl",
    "holdout": EVAL_DIR / "holdout.jsonl",
    "holdout2": EVAL_DIR / "holdout2.jsonl",
    "holdout3": EVAL_DIR / "holdout3.jsonl",
    "dev_en": EVAL_DIR / "dev_en.jsonl",
    "dev_zh": EVAL_DIR / "dev_zh.jsonl",
}

TYPES = {"figure", "fact", "en", "unanswerable", "commitment_topic"}
LANGS = {"zh", "en"}
REQUIRED = ("id", "type", "question", "answer", "evidence", "lang")
# Sentence / clause ends, full-width and ASCII (the corpus uses ASCII ; and !).
SENTENCE_END = re.compile(r"[。；！？;!?]")
# Qualifiers that must not be part of a figure answer.
QUALIFIERS = ("以上", "左右", "以内", "超", "突破", "近", "约")
ID_PATTERN = {
    "gold": re.compile(r"^(fig|fact|en|un|topic)-\d{3}$"),
    "holdout": re.compile(r"^ho-(fig|fact|en|un|topic)-\d{3}$"),
    "holdout2": re.compile(r"^h2-(fig|fact|en|un|topic)-\d{3}$"),
    "holdout3": re.compile(r"^h3-(fig|fact|en|un)-\d{3}$"),
    "dev_en": re.compile(r"^den-\d{3}$"),
    "dev_zh": re.compile(r"^dzh-(fig|fact|un)-\d{3}$"),
}
ID_KIND = {"fig": "figure", "fact": "fact", "en": "en", "un": "unanswerable", "topic": "commitment_topic"}


@pytest.fixture(scope="module")
def corpus():
    return CORPUS_FILE.read_text(encoding="utf-8")


def _load(path):
    items = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:  # pragma: no cover - reported by the test
                raise AssertionError(f"{path.name}:{lineno}: invalid JSON: {exc}")
            assert isinstance(obj, dict), f"{path.name}:{lineno}: not an object"
            items.append(obj)
    return items


@pytest.fixture(scope="module")
def sets():
    return {name: _load(path) for name, path in FILES.items()}


def _all(sets):
    for name, items in sets.items():
        for it in items:
            yield name, it


def test_corpus_exists():
    assert CORPUS_FILE.is_file()


def test_files_exist_and_parse(sets):
    for name, path in FILES.items():
        assert path.is_file(), path
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert line.strip(), f"{path.name}:{lineno}: blank line"
            json.loads(line)
        assert sets[name], f"{name} is empty"


def test_sizes_and_mix(sets):
    assert len(sets["gold"]) >= 115
    assert len(sets["holdout"]) == 35
    mix = Counter(it["type"] for it in sets["holdout"])
    assert mix == Counter(
        {"figure": 18, "fact": 4, "en": 5, "unanswerable": 6, "commitment_topic": 2}
    ), mix
    gold_mix = Counter(it["type"] for it in sets["gold"])
    for t in TYPES:
        assert gold_mix[t] > 0, f"gold has no {t} items"


def test_required_fields_and_types(sets):
    for name, it in _all(sets):
        for key in REQUIRED:
            assert key in it, f"{name} {it.get('id')}: missing {key}"
            assert isinstance(it[key], str), f"{name} {it.get('id')}: {key} not a string"
        assert it["type"] in TYPES, f"{it['id']}: bad type {it['type']}"
        assert it["lang"] in LANGS, f"{it['id']}: bad lang {it['lang']}"
        assert it["question"].strip(), f"{it['id']}: empty question"
        if it["type"] in ("figure", "fact", "commitment_topic"):
            assert it["lang"] == "zh", it["id"]
        if it["type"] == "en":
            assert it["lang"] == "en", it["id"]
        if it["type"] != "commitment_topic":
            assert "evidence_list" not in it, f"{it['id']}: evidence_list only for commitment_topic"


def test_ids_unique_and_well_formed(sets):
    ids = [it["id"] for _, it in _all(sets)]
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, f"duplicate ids: {dupes}"
    for name, it in _all(sets):
        m = ID_PATTERN[name].match(it["id"])
        assert m, f"{name}: bad id {it['id']}"
        if m.groups():  # dev_en ids carry no type prefix
            assert ID_KIND[m.group(1)] == it["type"], f"{it['id']}: id prefix does not match type {it['type']}"


def test_questions_unique(sets):
    qs = [it["question"].strip() for _, it in _all(sets)]
    dupes = [q for q, n in Counter(qs).items() if n > 1]
    assert not dupes, f"duplicate questions: {dupes}"


def test_evidence_in_corpus(sets, corpus):
    for _, it in _all(sets):
        if it["type"] == "unanswerable":
            assert it["answer"] == "", it["id"]
            assert it["evidence"] == "", it["id"]
        else:
            assert it["evidence"], f"{it['id']}: empty evidence"
            assert it["evidence"] in corpus, f"{it['id']}: evidence not in corpus: {it['evidence']}"


def test_answers_in_evidence(sets):
    for _, it in _all(sets):
        if it["type"] in ("figure", "en", "fact"):
            assert it["answer"], f"{it['id']}: empty answer"
            assert it["answer"] in it["evidence"], f"{it['id']}: answer {it['answer']!r} not in evidence"
            assert len(it["evidence"]) <= 120, f"{it['id']}: evidence longer than 120 characters"


def test_figure_answers(sets):
    for _, it in _all(sets):
        if it["type"] in ("figure", "en"):
            assert re.search(r"\d", it["answer"]), f"{it['id']}: figure answer without digit"
        if it["type"] == "figure":
            for q in QUALIFIERS:
                assert q not in it["answer"], f"{it['id']}: qualifier {q!r} in answer {it['answer']!r}"


def test_commitment_topics(sets, corpus):
    for _, it in _all(sets):
        if it["type"] != "commitment_topic":
            continue
        assert it["answer"] == "", it["id"]
        lst = it.get("evidence_list")
        assert isinstance(lst, list) and lst, f"{it['id']}: empty evidence_list"
        assert len(set(lst)) == len(lst), f"{it['id']}: duplicate entries"
        assert it["evidence"] in lst, f"{it['id']}: evidence is not one of evidence_list"
        for entry in lst:
            assert isinstance(entry, str) and entry, it["id"]
            assert entry in corpus, f"{it['id']}: entry not in corpus: {entry}"
            assert not SENTENCE_END.search(entry), f"{it['id']}: entry crosses a sentence end: {entry}"
            assert 8 <= len(entry) <= 30, f"{it['id']}: entry length {len(entry)} outside 8-30: {entry}"

"""Gold set -> every item through the Service -> metrics, failures and reports (eval/).

Matching rules (the same here, in the reports and in bench/baselines.py):
- Text is normalized by NFKC (full-width -> half-width) and removing all whitespace; nothing else.
- figure: the answer must equal the gold answer (exact match after normalization); a qualifier written
  right after the figure (5%左右, 1200万人以上) or right before it (超过2.6万亿元, 近1亿人) is part of the
  figure as written, and may be present in the answer, the gold answer or both: "5%左右" and "5%" match,
  "超过2.6万亿元" and "2.6万亿元" match, "5.5%" and "5%" do not.
- fact: the gold answer, or one of its "accept" spans, must be contained in the answer (quotation and
  title marks aside: 织卡织卡 answers 《织卡织卡》). en: exact match when the gold answer holds a digit (a figure), containment
  otherwise.
- fact exact span (fact and English fact items): the short answer is the gold span, or one of the
  item's optional "accept" spans (other edges a careful grader also counts as exact, written by the
  gold writer: “投资中国”品牌 / 投资中国), quotation and title marks aside — exact match against
  several references, as in SQuAD.
- A citation contains the evidence when the evidence is a substring of the citation text, or
  (passages are cut at sentence ends, so evidence may straddle two) the citation text is a
  substring of the evidence, or their longest common substring covers >= 60% of the evidence.
- Evidence hit@k / MRR are over the citations the answer returns (Settings.top_k, 5 by default),
  for the answerable items (figure, fact, en); an item with no matching citation scores 0.
- Refusal: positive = refused; unanswerable items are the positives. An item that raised an
  error did not refuse.
- Commitments: an evidence_list entry is found when it is a substring of a returned commitment's
  text (an entry that runs over a sentence end: when each of its sentences is); recall = found / listed, precision = returned commitments holding any entry / returned
  (both summed over topics).
"""

from __future__ import annotations

import json
import math
import re
import sys
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .errors import RagError

TYPES = ("figure", "fact", "en", "unanswerable", "commitment_topic")
ASK_TYPES = ("figure", "fact", "en", "unanswerable")
ANSWERABLE = ("figure", "fact", "en")
LANGS = ("zh", "en")
REQUIRED = ("id", "type", "question", "answer", "evidence", "lang")
OVERLAP = 0.6  # share of the evidence a citation must cover when neither holds the other
MAX_PROBLEMS = 20


class GoldError(RagError):
    """The gold set cannot be used: every problem found, with its line number."""


@dataclass(frozen=True)
class GoldItem:
    """One gold question with its expected answer and evidence."""

    id: str
    type: str
    question: str
    answer: str
    evidence: str
    lang: str
    evidence_list: tuple[str, ...] = ()
    line: int = 0
    accept: tuple[str, ...] = ()  # other exact spans for a fact (see the module docstring)


# --- loading ---


def _item_problems(obj) -> list[str]:
    if not isinstance(obj, dict):
        return [f"not a JSON object ({type(obj).__name__})"]
    problems = [f"missing field {k!r}" for k in REQUIRED if k not in obj]
    problems += [f"field {k!r} must be text" for k in REQUIRED if k in obj and not isinstance(obj[k], str)]
    if problems:
        return problems
    kind = obj["type"]
    if kind not in TYPES:
        return [f"unknown type {kind!r} (expected one of {', '.join(TYPES)})"]
    if not obj["id"].strip():
        problems.append("empty id")
    if not obj["question"].strip():
        problems.append("empty question")
    if obj["lang"] not in LANGS:
        problems.append(f"unknown lang {obj['lang']!r} (expected zh or en)")
    if kind in ANSWERABLE and not obj["answer"].strip():
        problems.append(f"a {kind} item needs an answer")
    if kind in ANSWERABLE and not obj["evidence"].strip():
        problems.append(f"a {kind} item needs evidence")
    if kind == "commitment_topic":
        ev = obj.get("evidence_list")
        if not isinstance(ev, list) or not ev or not all(isinstance(e, str) and e.strip() for e in ev):
            problems.append("a commitment_topic item needs evidence_list: a non-empty list of texts")
    if "accept" in obj:
        acc = obj["accept"]
        if not isinstance(acc, list) or not all(isinstance(a, str) and a.strip() for a in acc):
            problems.append("accept must be a list of non-empty texts")
        elif acc and kind not in ("fact", "en"):
            problems.append(f"accept is for fact and en items, not {kind}")
    return problems


def load_gold(path: Path | str) -> list[GoldItem]:
    """Read a gold set (JSON Lines); GoldError lists every bad line with its number."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GoldError(f"gold set {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"gold set {path} cannot be read: {exc}") from None
    records: list[tuple[int, object]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append((lineno, json.loads(line)))
        except json.JSONDecodeError as exc:
            records.append((lineno, JSONProblem(f"invalid JSON ({exc.msg} at column {exc.colno})")))
    return gold_items(records, f"gold set {path}", "line")


@dataclass(frozen=True)
class JSONProblem:
    """A record that could not be parsed, kept in place so its number is reported."""

    message: str


def gold_items(records: list[tuple[int, object]], source: str, unit: str = "item") -> list[GoldItem]:
    """Gold items from numbered records (parsed JSON objects); GoldError lists every bad one."""
    items: list[GoldItem] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for number, obj in records:
        bad = [obj.message] if isinstance(obj, JSONProblem) else _item_problems(obj)
        if not bad and obj["id"] in seen:
            bad = [f"duplicate id {obj['id']!r} (first on {unit} {seen[obj['id']]})"]
        if bad:
            problems.append(f"{unit} {number}: " + "; ".join(bad))
            continue
        seen[obj["id"]] = number
        items.append(GoldItem(id=obj["id"], type=obj["type"], question=obj["question"], answer=obj["answer"],
                              evidence=obj["evidence"], lang=obj["lang"],
                              evidence_list=tuple(obj.get("evidence_list") or ()), line=number,
                              accept=tuple(obj.get("accept") or ())))
    if problems:
        more = f"\n  ... and {len(problems) - MAX_PROBLEMS} more" if len(problems) > MAX_PROBLEMS else ""
        raise GoldError(f"{source}: {len(problems)} bad {unit}(s):\n  "
                        + "\n  ".join(problems[:MAX_PROBLEMS]) + more)
    if not items:
        raise GoldError(f"{source} is empty")
    return items


def corpus_texts(service) -> dict[str, str]:
    """The text of every indexed document, read with the same parser the index used (GB18030 too)."""
    from .documents import parse_document

    out: dict[str, str] = {}
    for info in service.documents():
        corpus = Path(service.config.corpus_dir)  # paths are relative to the corpus (absolute in older indexes)
        candidates = [corpus / info.path, Path(info.path), corpus / Path(info.path).name]
        path = next((p for p in candidates if p.is_file()), None)
        if path is None:
            continue
        out[info.doc] = "\n".join(p.text for p in parse_document(path).paragraphs)
    return out


def check_evidence(items: list[GoldItem], texts) -> list[str]:
    """Warnings for gold evidence that no corpus text contains."""
    texts = list(texts.values()) if isinstance(texts, dict) else list(texts)
    if not texts:
        return ["no corpus text could be read: gold evidence was not checked"]
    corpus = [norm(t) for t in texts]
    warnings = []
    for item in items:
        for ev in ([item.evidence] if item.evidence else []) + list(item.evidence_list):
            if not any(norm(ev) in t for t in corpus):
                warnings.append(f"{item.id}: evidence not found in the corpus: {ev[:60]}")
        for alt in item.accept:
            if norm(alt) not in norm(item.evidence):
                warnings.append(f"{item.id}: accepted span not in its evidence: {alt[:60]}")
    return warnings


# --- metric functions ---


def norm(text: str) -> str:
    """NFKC (full-width -> half-width) with all whitespace removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def exact_match(got: str, gold: str) -> bool:
    return bool(norm(gold)) and norm(got) == norm(gold)


def contains_answer(got: str, gold: str) -> bool:
    gold, got = norm(QUOTES.sub("", gold)), norm(QUOTES.sub("", got))
    return bool(gold) and gold in got


TRAILING_QUALIFIER = re.compile(r"(?:以上|左右|以内|以下|上下|多|余)$")
LEADING_QUALIFIER = re.compile(r"^(?:不低于|不超过|超过|接近|突破|大约|超|近|约|逾)(?=\d)")


def figure_match(got: str, gold: str) -> bool:
    """Exact match of the figure, a qualifier written right before it (超过, 近 …) or after it (左右, 以上 ...)
    on either side or both."""
    def bare(text: str) -> str:
        return LEADING_QUALIFIER.sub("", TRAILING_QUALIFIER.sub("", norm(text)))

    return exact_match(got, gold) or exact_match(bare(got), bare(gold))


QUOTES = re.compile(r"[“”\"《》「」『』]")


def span_exact(got: str, gold: str, accept: tuple[str, ...] | list[str] = ()) -> bool:
    """The short answer is the gold span or one of the accepted ones (quotation and title marks aside)."""
    return any(exact_match(QUOTES.sub("", got), QUOTES.sub("", g)) for g in (gold, *accept))


def answer_correct(kind: str, got: str, gold: str) -> bool:
    """The per-type answer rule of the module docstring."""
    if kind == "figure" or (kind == "en" and re.search(r"\d", gold)):
        return figure_match(got, gold)
    return contains_answer(got, gold)


def citation_contains(citation_text: str, evidence: str) -> bool:
    """Whether a cited passage holds the evidence (see the module docstring for the rule)."""
    c, e = norm(citation_text), norm(evidence)
    if not c or not e:
        return False
    if e in c or c in e:
        return True
    m = SequenceMatcher(None, c, e, autojunk=False).find_longest_match(0, len(c), 0, len(e))
    return m.size >= OVERLAP * len(e)


def evidence_rank(citation_texts: list[str], evidence: str) -> int | None:
    """1-based rank of the first citation holding the evidence, None if none does."""
    return next((i for i, t in enumerate(citation_texts, 1) if citation_contains(t, evidence)), None)


def hit_at(ranks: list[int | None], k: int) -> float | None:
    return sum(r is not None and r <= k for r in ranks) / len(ranks) if ranks else None


def mrr(ranks: list[int | None]) -> float | None:
    return sum(1 / r for r in ranks if r) / len(ranks) if ranks else None


def refusal_scores(pairs: list[tuple[bool, bool]]) -> dict[str, float | None]:
    """Precision and recall of refusing, from (should_refuse, refused) pairs."""
    tp = sum(s and r for s, r in pairs)
    fp = sum(r and not s for s, r in pairs)
    fn = sum(s and not r for s, r in pairs)
    answerable = [r for s, r in pairs if not s]
    return {"refusal_precision": tp / (tp + fp) if tp + fp else None,
            "refusal_recall": tp / (tp + fn) if tp + fn else None,
            "answerable_refusal_rate": sum(answerable) / len(answerable) if answerable else None}


def commitment_match(returned: list[str], expected: list[str]) -> tuple[list[str], int]:
    """The expected entries found in some returned commitment, and how many returned hold any entry."""
    got = [norm(t) for t in returned]
    want = [norm(e) for e in expected]
    # commitments are sentences: an entry that runs over a sentence end is found when each of its
    # sentences is (a returned commitment then holds a piece of it)
    pieces = [[p for p in re.split(r"[。；;！!？?]", w) if len(p) >= 4] or [w] for w in want]
    found = [e for e, ps in zip(expected, pieces) if all(any(p in g for g in got) for p in ps)]
    relevant = sum(any(p in g for ps in pieces for p in ps) for g in got)
    return found, relevant


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, max(0, math.ceil(len(s) * q / 100) - 1))]


# --- running ---


@dataclass
class ItemResult:
    """What one gold item got and why it failed, if it did."""

    id: str
    type: str
    lang: str
    question: str
    expected: str | list[str]
    got: str | list[str] = ""
    refused: bool = False
    correct: bool | None = None  # answer rule, or refused-when-unanswerable
    evidence_rank: int | None = None
    found: int = 0  # commitment_topic: expected entries found ...
    expected_count: int = 0
    returned: int = 0  # ... commitments returned, and how many of them hold an entry
    relevant: int = 0
    citations: list[str] = field(default_factory=list)
    latency_s: float = 0.0
    exact: bool | None = None  # fact (and English fact): the short answer is the gold span itself
    confidence: str = ""
    kind: str = ""  # the answer's kind: figure, span or sentence
    highlight_ok: bool | None = None  # the first citation's highlight offsets point at the answer text
    error: str = ""
    why: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.why


@dataclass
class EvalResult:
    """Metrics overall and by type, the per-item results, and gold-set warnings."""

    metrics: dict
    by_type: dict
    items: list[ItemResult]
    warnings: list[str] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    @property
    def failures(self) -> list[ItemResult]:
        return [r for r in self.items if not r.passed]


def _short(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[:n] + "…"


def run_item(service, item: GoldItem) -> ItemResult:
    """One item through the Service; an exception becomes the item's failure, not the run's."""
    expected = list(item.evidence_list) if item.type == "commitment_topic" else (
        "(refusal)" if item.type == "unanswerable" else item.answer)
    r = ItemResult(item.id, item.type, item.lang, item.question, expected, expected_count=len(item.evidence_list))
    started = time.perf_counter()
    try:
        if item.type == "commitment_topic":
            result = service.commitments(item.question)
            texts = [c.text for c in result.commitments]
            r.got, r.returned = texts, len(texts)
            found, r.relevant = commitment_match(texts, list(item.evidence_list))
            r.found, r.correct = len(found), len(found) == len(item.evidence_list)
            missed = [e for e in item.evidence_list if e not in found]
            if missed:
                r.why.append(f"missed {len(missed)} of {len(item.evidence_list)} commitments: "
                             + "; ".join(_short(m, 30) for m in missed))
        else:
            answer = service.ask(item.question)
            r.refused = answer.refused
            r.got = f"(refused: {answer.reason})" if answer.refused else answer.answer
            r.citations = [c.text for c in answer.citations]
            r.confidence = answer.confidence
            r.kind = "" if answer.refused else answer.answer_kind
            if not answer.refused and answer.citations:
                c = answer.citations[0]
                r.highlight_ok = bool(c.highlight) and all(c.text[a:b] == answer.answer for a, b in c.highlight)
            if item.type == "unanswerable":
                r.correct = answer.refused
                if not answer.refused:
                    r.why.append("answered an unanswerable question")
            else:
                r.correct = not answer.refused and any(answer_correct(item.type, answer.answer, gold)
                                                       for gold in (item.answer, *item.accept))
                if item.type == "fact" or (item.type == "en" and not re.search(r"\d", item.answer)):
                    r.exact = not answer.refused and span_exact(answer.answer, item.answer, item.accept)
                r.evidence_rank = evidence_rank(r.citations, item.evidence)
                if answer.refused:
                    r.why.append("refused an answerable question")
                elif not r.correct:
                    r.why.append("wrong answer" if answer.answer else "empty answer")
                if r.evidence_rank is None:
                    top = f" (top citation: {_short(r.citations[0], 40)})" if r.citations else " (no citations)"
                    r.why.append(f"evidence not in the {len(r.citations)} citations{top}")
    except Exception as exc:  # recorded, and the run goes on with the next item
        r.error = f"{type(exc).__name__}: {exc}"
        r.correct = False
        r.why = [f"error: {_short(r.error, 200)}"]
    r.latency_s = round(time.perf_counter() - started, 4)
    return r


def _rnd(x):
    return None if x is None else round(x, 4)


def _share(flags: list[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def compute_metrics(results: list[ItemResult]) -> dict:
    """The metrics of a list of item results (any mix of types)."""
    answerable = [r for r in results if r.type in ANSWERABLE]
    asked = [r for r in results if r.type in ASK_TYPES]
    topics = [r for r in results if r.type == "commitment_topic"]
    ranks = [r.evidence_rank for r in answerable]
    figures = [r for r in results if r.type == "figure"]
    lat = [r.latency_s for r in results]
    ask_lat = [r.latency_s for r in asked]
    com_lat = [r.latency_s for r in topics]
    expected = sum(r.expected_count for r in topics)
    returned = sum(r.returned for r in topics)
    m = {
        "items": len(results), "passed": sum(r.passed for r in results), "errors": sum(bool(r.error) for r in results),
        "pass_rate": sum(r.passed for r in results) / len(results) if results else None,
        "answer_accuracy": sum(bool(r.correct) for r in answerable) / len(answerable) if answerable else None,
        "figure_exact_match": sum(bool(r.correct) for r in figures) / len(figures) if figures else None,
        "fact_exact_span": _share([r.exact for r in results if r.exact is not None]),
        "highlight_ok": _share([r.highlight_ok for r in results if r.highlight_ok is not None]),
        **{f"confidence_{level}_right": _share([bool(r.correct) for r in answerable
                                                if r.confidence == level and not r.refused])
           for level in ("high", "medium", "low")},
        **{f"confidence_{level}_n": sum(r.confidence == level and not r.refused for r in answerable)
           for level in ("high", "medium", "low")},
        "evidence_hit@1": hit_at(ranks, 1), "evidence_hit@5": hit_at(ranks, 5), "evidence_mrr": mrr(ranks),
        **refusal_scores([(r.type == "unanswerable", r.refused) for r in asked]),
        "commitment_recall": sum(r.found for r in topics) / expected if expected else None,
        "commitment_precision": sum(r.relevant for r in topics) / returned if returned else None,
        "latency_p50_s": percentile(lat, 50), "latency_p95_s": percentile(lat, 95),
        "ask_latency_p50_s": percentile(ask_lat, 50), "ask_latency_p95_s": percentile(ask_lat, 95),
        "commitments_latency_p50_s": percentile(com_lat, 50), "commitments_latency_p95_s": percentile(com_lat, 95),
    }
    return {k: (v if isinstance(v, int) else _rnd(v)) for k, v in m.items()}


TYPE_KEYS = {  # the metrics that mean something for each type
    "figure": ("answer_accuracy", "evidence_hit@1", "evidence_hit@5", "evidence_mrr", "answerable_refusal_rate"),
    "fact": ("answer_accuracy", "evidence_hit@1", "evidence_hit@5", "evidence_mrr", "answerable_refusal_rate"),
    "en": ("answer_accuracy", "evidence_hit@1", "evidence_hit@5", "evidence_mrr", "answerable_refusal_rate"),
    "unanswerable": ("refusal_recall",),
    "commitment_topic": ("commitment_recall", "commitment_precision"),
}


def by_type(results: list[ItemResult]) -> dict:
    out = {}
    for kind in TYPES:
        rs = [r for r in results if r.type == kind]
        if not rs:
            continue
        m = compute_metrics(rs)
        out[kind] = {"items": m["items"], "passed": m["passed"], "errors": m["errors"], "pass_rate": m["pass_rate"],
                     **{k: m[k] for k in TYPE_KEYS[kind]},
                     "latency_p50_s": m["latency_p50_s"], "latency_p95_s": m["latency_p95_s"]}
    return out


def evaluate(service, items: list[GoldItem], progress: bool = True, warnings: list[str] | None = None) -> EvalResult:
    """Run every item through the Service the API uses and score it."""
    from tqdm import tqdm

    started = time.perf_counter()
    results = [run_item(service, item) for item in
               tqdm(items, desc="eval", unit="q", file=sys.stderr, disable=not progress, dynamic_ncols=True)]
    meta = {"created": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "seconds": round(time.perf_counter() - started, 2),
            "index": str(getattr(getattr(service, "config", None), "index_dir", ""))}
    try:
        meta["embedder"] = service.health().get("embedder", "")
    except Exception:  # metadata only: a broken index already shows up as item errors
        pass
    return EvalResult(compute_metrics(results), by_type(results), results, list(warnings or []), meta)


def eval_to_dict(result: EvalResult, items: bool = True) -> dict:
    """JSON shape for --json and the API: metrics, by_type, failures, (items), warnings, meta."""
    out = {"metrics": result.metrics, "by_type": result.by_type,
           "failures": [{"id": r.id, "type": r.type, "question": r.question, "expected": r.expected,
                         "got": r.got, "why": "; ".join(r.why)} for r in result.failures],
           "warnings": result.warnings, "meta": result.meta}
    if items:
        out["items"] = [{**asdict(r), "passed": r.passed} for r in result.items]
    return out


def cli_eval(service, gold_path: Path, json_out: Path | None = None, report_out: Path | None = None,
             compare: Path | None = None, progress: bool | None = None) -> int:
    """`rag eval` (run, summary, --json/--report/--compare files): exit code, 2 on bad input."""
    from .eval_report import run_cli

    return run_cli(service, gold_path, json_out, report_out, compare, progress)

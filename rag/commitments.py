"""Commitments of the plan (pledges and targets) and the lookup of every one that concerns a topic.

A commitment is one sentence of the plan: of the year's work plan (its targets, requirements and
every work area) and of the five-year goals. A topic lookup returns all commitments that name the
topic or the words reports use for it, plus those the embedding model finds close enough: a
thresholded set, never a top-k.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from .calibration import Calibration
from .chunking import sentences
from .documents import ADDRESS_RE, PART_RE, SECTION_RE, Document, Paragraph
from .figures import figures_in
from .lexicon import topic_terms
from .models import Commitment, CommitmentResult
from .text import cut, normalize, STOPWORDS

MARKERS = ("力争", "确保", "加快", "推动", "推进", "新建", "新增", "新培育", "实施", "建设", "打造", "完成", "启动",
           "开工", "培育", "深化", "实现", "提升", "建成", "争创", "创成", "落实", "开展", "强化", "完善", "支持",
           "构建", "健全", "促进", "扩大", "持续", "全面", "大力", "积极", "坚决", "稳定在", "控制在", "突破", "达到")
# "今年是…开局之年", "当前…": the situation, not a pledge
SITUATION_CUE = re.compile(r"^(?:今年是|当前|目前|这些年|过去|我们也|同时也要看到|在看到|我国发展)")
PLEDGE_WORDS = ("要", "将", "着力", "抓好", "坚持", "继续", "进一步", "今年", "拟", "力争", "安排")
PREAMBLE_CUE = re.compile(r"(?:目标|要求|任务)(?:是|为)[:：]|上述目标")  # "主要预期目标是:", "总体要求是:"


def _is_target_part(para: Paragraph) -> bool:
    return para.period.forward


def commitment_paragraphs(doc: Document) -> list[Paragraph]:
    """Paragraphs of the target and goal parts (not the part headings, nor the "各位代表!" addresses)."""
    out = []
    for para in doc.paragraphs:
        if not _is_target_part(para) or PART_RE.match(para.text) or ADDRESS_RE.match(para.text):
            continue
        # national reports set out their tasks in paragraphs straight under the part, with no numbered
        # sections: every paragraph of a target part may pledge (its sentences are filtered by _pledges)
        out.append(para)
    return out


def _pledges(para: Paragraph, sent: str) -> bool:
    """Inside a numbered work area every sentence is a pledge; elsewhere only one that says what will be done."""
    if len(para.section_path) > 1 or PREAMBLE_CUE.search(para.text):
        return True
    return any(m in sent for m in MARKERS + PLEDGE_WORDS) and not SITUATION_CUE.search(sent)


def extract_commitments(documents: list[Document]) -> list[Commitment]:
    """One record per pledge sentence, with its figures, markers and keywords."""
    out: list[Commitment] = []
    for doc in documents:
        for para in commitment_paragraphs(doc):
            for sent in sentences(para.text):
                text = sent.rstrip("。；;")
                if SECTION_RE.match(text) or (para.lead and text == para.lead) or len(text) < 6:
                    continue  # headings and lead phrases name the area, they pledge nothing
                if not _pledges(para, sent):
                    continue
                figs = figures_in(sent, para.period)
                for f in figs:
                    f.section, f.paragraph, f.doc = para.section, para.number, doc.doc_id
                cid = hashlib.sha1(f"{doc.doc_id}\n{para.number}\n{text}".encode()).hexdigest()[:16]
                out.append(Commitment(
                    id=f"{doc.doc_id}:{cid}", text=text, doc=doc.doc_id, section=para.section,
                    paragraph=para.number, lead=para.lead, period=para.period, figures=figs,
                    markers=[m for m in MARKERS if m in text],
                    keywords=_keywords(text)))
    return out


def _keywords(text: str, limit: int = 12) -> list[str]:
    words = [w for w in cut(text) if len(w) >= 2 and w not in STOPWORDS and not w.isdigit()]
    return list(dict.fromkeys(words))[:limit]


def commitment_text(c: Commitment) -> str:
    """What the embedder sees of a commitment: its section and its text."""
    return f"{c.section}\n{c.text}"


def topic_signals(index, retriever, topic: str) -> tuple[list[bool], np.ndarray]:
    """Per commitment: whether it (or its paragraph's lead phrase) names the topic or the report's words
    for it, and its cosine with the topic. Independent of the thresholds (rag.calibration)."""
    terms = [normalize(t) for t in topic_terms(topic)]
    lexical = [any(t and t in normalize(f"{c.lead} {c.text}") for t in terms) for c in index.commitments]
    return lexical, _semantic_scores(index, retriever, topic)


def select_commitments(lexical: list[bool], scores: np.ndarray, cal: Calibration) -> list[int]:
    """The commitments that concern the topic: those that name it, and those the model finds close
    enough. e5-small packs cosines tightly, so the model is trusted only near its best match; further
    out only when the report's words for the topic find nothing at all."""
    best = float(scores.max()) if scores.size else 0.0
    margin = cal.commitment_margin if any(lexical) else cal.commitment_fallback_margin
    return [i for i in range(len(lexical))
            if lexical[i] or (bool(scores.size) and scores[i] >= cal.commitment_floor and scores[i] >= best - margin)]


def find_commitments(index, retriever, topic: str, docs=None) -> CommitmentResult:
    """Every commitment that concerns the topic (of the given reports; all when docs is None), grouped by
    section in report order."""
    commitments = index.commitments
    if not commitments:
        return CommitmentResult(topic=topic, message="索引中没有提取到承诺事项（请重新构建索引）")
    lexical, scores = topic_signals(index, retriever, topic)
    if docs is not None:  # the scope decides which commitments compete, and which is the best match
        keep = [i for i, c in enumerate(commitments) if c.doc in docs]
        commitments = [commitments[i] for i in keep]
        lexical = [lexical[i] for i in keep]
        scores = scores[keep] if scores.size else scores
    found = [commitments[i].model_copy(update={"score": round(float(scores[i]) if scores.size else 1.0, 4)})
             for i in select_commitments(lexical, scores, index.calibration)]
    message = "" if found else f"报告的计划部分没有与「{topic}」相关的承诺事项"
    return CommitmentResult(topic=topic, commitments=found, message=message)


def _semantic_scores(index, retriever, topic: str) -> np.ndarray:
    vectors = getattr(index, "commitment_vectors", None)
    if vectors is None or len(vectors) != len(index.commitments):
        return np.zeros(0, dtype=np.float32)
    return vectors @ retriever.embed(f"{topic}")

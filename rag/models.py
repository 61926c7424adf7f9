"""Typed records that flow through the pipeline and out of the API (JSON shapes of ARCHITECTURE.md)."""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator


class Figure(BaseModel):
    """A number in the report: as written, normalized, what it measures and for which period."""

    text: str  # exactly as written, with its unit: "96.94亿元", "2.01:1"
    value: float | None = None  # normalized: 万/亿 scaled, percent as the number before %
    unit: str = ""
    metric: str = ""  # the phrase it belongs to: "地区生产总值增长"
    period: str = "其他"  # "2025年", "2026年目标", "2030年目标", "十四五时期", "其他"
    year: int | None = None  # the year the figure is for (2025, 2026, 2030), None if unknown
    qualifier: str = ""  # 以上, 左右, 以内, 突破, 超 ... as written around the figure
    context: str = ""  # the clause it stands in
    section: str = ""
    paragraph: int = 0
    doc: str = ""


class Passage(BaseModel):
    """A few sentences of one paragraph: the unit that is embedded and cited."""

    id: str
    doc: str
    paragraph: int
    section: str  # the section path joined with " > "
    lead: str = ""  # the paragraph's lead phrase (e.g. 深度融入双城经济圈)
    period: str = "其他"  # the period its paragraph speaks of (see documents.period_of)
    text: str
    figures: list[Figure] = Field(default_factory=list)

    def indexed_text(self) -> str:
        """What the embedder and BM25 see: the section path and lead give the passage its context."""
        head = self.section
        if self.lead and not self.text.startswith(self.lead):
            head = f"{head} > {self.lead}"
        return f"{head}\n{self.text}"


class Citation(BaseModel):
    """A cited passage with where it stands in the report."""

    doc: str
    section: str
    paragraph: int
    text: str
    score: float
    passage_id: str = Field("", exclude=True)  # internal: not part of the JSON contract


class ParagraphText(BaseModel):
    """A whole paragraph of a report, and the passages it was cut into (in order)."""

    doc: str
    section: str
    paragraph: int
    text: str
    passages: list[str] = Field(default_factory=list)


class Answer(BaseModel):
    """The answer to one question: short answer, figures, citations, or a refusal."""

    question: str
    answer: str = ""
    refused: bool = False
    reason: str = ""
    figures: list[Figure] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    # The question answered: the question itself, or a follow-up resolved against the history (rag/followup.py)
    resolved_question: str = ""

    @model_validator(mode="after")
    def _resolved_defaults_to_question(self) -> "Answer":
        self.resolved_question = self.resolved_question or self.question
        return self


class Commitment(BaseModel):
    """A pledge or target of the plan, one clause."""

    id: str
    text: str
    doc: str
    section: str
    paragraph: int
    lead: str = ""  # the lead phrase of its paragraph (深化国资国企改革): the subject of every sentence under it
    period: str = ""
    markers: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    score: float = 0.0


class CommitmentResult(BaseModel):
    """Every commitment that concerns a topic."""

    topic: str
    commitments: list[Commitment] = Field(default_factory=list)
    message: str = ""


class DocumentInfo(BaseModel):
    """One indexed document."""

    doc: str
    title: str
    path: str
    encoding: str
    paragraphs: int
    passages: int
    sha256: str

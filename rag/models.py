"""Typed records that flow through the pipeline and out of the API (JSON shapes of ARCHITECTURE.md)."""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

from .periods import OTHER, Period


class Figure(BaseModel):
    """A number in the report: as written, normalized, what it measures and for which period."""

    text: str  # exactly as written, with its unit and a qualifier after it: "96.94亿元", "5%左右", "2.01:1"
    value: float | None = None  # normalized: 万/亿/万亿 scaled (134.9万亿元 -> 1.349e14), percent as the number before %
    unit: str = ""  # the base unit: 元, 人, %, 个百分点, 比 ...
    metric: str = ""  # the phrase it belongs to: "地区生产总值增长"
    period: Period = OTHER  # result of a year or span, target of a year, goal of a plan
    qualifier: str = ""  # 以上, 左右, 以内, 近, 超过 ... as written around the figure
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
    period: Period = OTHER  # the period its paragraph speaks of (see documents.PartPeriods)
    text: str
    figures: list[Figure] = Field(default_factory=list)

    def indexed_text(self) -> str:
        """What the embedder and BM25 see: the section path and lead give the passage its context."""
        head = self.section
        if self.lead and not self.text.startswith(self.lead):
            head = f"{head} > {self.lead}"
        return f"{head}\n{self.text}"


class DocRef(BaseModel):
    """Which report: its id, title and the year it was delivered."""

    id: str
    title: str = ""
    year: int | None = None


class Citation(BaseModel):
    """A cited passage with where it stands in the report."""

    doc: str
    section: str
    paragraph: int
    text: str
    score: float
    highlight: list[list[int]] = Field(default_factory=list)  # [start, end) of the answer in text
    title: str = ""  # the report's title and year, so every citation names its report
    year: int | None = None
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
    answer_kind: str = ""  # figure | span | sentence ("" when refused)
    refused: bool = False
    reason: str = ""  # a refusal: what the report does state nearby
    confidence: str = ""  # high | medium | low
    figures: list[Figure] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    # The question answered: the question itself, or a follow-up resolved against the history (rag/followup.py)
    resolved_question: str = ""

    @model_validator(mode="after")
    def _resolved_defaults_to_question(self) -> "Answer":
        self.resolved_question = self.resolved_question or self.question
        return self
    doc: DocRef | None = None  # the report the answer comes from (None when refused)
    other_docs: list[DocRef] = Field(default_factory=list)  # other reports that answer the question as well
    route: str = ""  # how the question's words chose the reports asked ("问题提到“开州”"), "" when not routed


class Commitment(BaseModel):
    """A pledge or target of the plan, one clause."""

    id: str
    text: str
    doc: str
    section: str
    paragraph: int
    lead: str = ""  # the lead phrase of its paragraph (深化国资国企改革): the subject of every sentence under it
    title: bool = False  # it is a work area's heading or a work item's lead phrase, not a sentence under one
    period: Period = OTHER
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
    """One indexed document: which report it is, and what the index holds of it."""

    doc: str
    title: str
    path: str
    encoding: str
    paragraphs: int
    passages: int
    sha256: str
    year: int | None = None  # the year it was delivered
    issuer: str = ""
    level: str = ""  # 国家 / 省 / 市 / 区县
    place: str = ""
    figures: int = 0
    commitments: int = 0


class ReportInfo(BaseModel):
    """A report of the library as people see it (no file paths): which report, and how much of it is indexed."""

    id: str
    title: str
    issuer: str = ""
    level: str = ""  # 国家 / 省 / 市 / 区县
    place: str = ""
    year: int | None = None
    paragraphs: int = 0
    passages: int = 0
    figures: int = 0
    commitments: int = 0

    @classmethod
    def of(cls, d: DocumentInfo) -> "ReportInfo":
        return cls(id=d.doc, title=d.title, issuer=d.issuer, level=d.level, place=d.place, year=d.year,
                   paragraphs=d.paragraphs, passages=d.passages, figures=d.figures, commitments=d.commitments)

"""The thresholds that decide between answering and refusing, fitted across reports per embedder.

Values live in rag/data/calibration.toml, one table per embedder, written by bench/calibrate.py
from the gold sets of several reports (and checked leave-one-report-out there). A build stores the
values in the index manifest, so an index answers with the calibration it was built with.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Calibration:
    """Refusal thresholds: how much of the question a figure or sentence must cover to answer."""

    min_metric_cover: float = 0.18  # share of the figure's metric the question names
    min_question_cover: float = 0.12  # share of the question's words in the figure's clause
    min_both_cover: float = 0.5  # their sum
    dense_floor_zh: float | None = None  # cosine at which the closest figure may answer on meaning alone
    dense_floor_en: float | None = None
    min_dense_lexical: float = 0.2  # even then, this much of the question's words (metric + question cover)
    min_span_coverage: float = 0.2  # a sentence answers a non-figure question from this coverage on
    commitment_floor: float = 0.85  # a commitment concerns a topic on meaning alone above this cosine ...
    commitment_margin: float = 0.004  # ... and this close to the best match
    commitment_fallback_margin: float = 0.015  # ... or this close, when no report word for the topic matches
    commitment_term_margin: float = 1.0  # a commitment naming only a word for the topic: this close to the best
    fitted_on: tuple[str, ...] = ()  # the gold sets the values were fitted on

    def dense_floor(self, lang: str) -> float | None:
        return self.dense_floor_en if lang == "en" else self.dense_floor_zh

    def to_dict(self) -> dict:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: dict | None) -> "Calibration":
        names = {f.name for f in fields(cls)}
        values = {k: (tuple(v) if isinstance(v, list) else v) for k, v in (data or {}).items() if k in names}
        return cls(**values)


@lru_cache(maxsize=1)
def _tables() -> dict:
    with resources.files("rag").joinpath("data/calibration.toml").open("rb") as fh:
        return tomllib.load(fh)


def calibration_for(embedder: str) -> Calibration:
    """The fitted values for an embedder; the defaults (no meaning-only answers) for one never fitted."""
    return Calibration.from_dict(_tables().get(embedder))

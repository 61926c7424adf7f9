"""Build an index from a corpus directory: parse, chunk, extract figures and commitments, embed, store
(in the index directory, or the store --store names: rag.stores)."""

from __future__ import annotations

import hashlib
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from .chunking import chunk
from .commitments import commitment_text, extract_commitments
from .config import DEFAULT_EMBEDDER, Settings
from .documents import Document, _doc_id, corpus_files, parse_document
from .embedding import canonical_name, make_embedder
from .errors import CorpusError, CorpusWarning, UnreadableDocument
from .figures import figures_in
from .models import DocumentInfo, Passage
from .store import embed_key, figure_text, new_manifest
from .stores import open_store


@dataclass
class BuildReport:
    """What a build did."""

    index_dir: Path | str  # the index directory, or the store's description (milvus:URI)
    documents: int
    passages: int
    embedded: int  # distinct texts (passages, commitments, figures) whose vectors were computed
    reused: int  # texts not embedded: their vectors came from the previous index or from an identical text
    commitments: int
    figures: int
    seconds: float
    warnings: list[str] = field(default_factory=list)  # files read with doubts or skipped; a corpus over the size


def passages_of(documents: list[Document], max_chars: int) -> list[Passage]:
    """Passages of every document, each with the figures it states."""
    out: list[Passage] = []
    for doc in documents:
        by_number = {p.number: p for p in doc.paragraphs}
        for passage in chunk(doc.paragraphs, max_chars):
            para = by_number[passage.paragraph]
            figs = figures_in(passage.text, para.period)
            for f in figs:
                f.section, f.paragraph, f.doc = passage.section, passage.paragraph, passage.doc
            passage.figures = figs
            out.append(passage)
    return out


def _embed_with_cache(embedder, name: str, texts: list[str], cache: dict[str, np.ndarray], batch_size: int,
                      progress: bool) -> tuple[np.ndarray, int]:
    """Vectors for the texts, computing each distinct text the previous index did not have once."""
    keys = [embed_key(name, t) for t in texts]
    vectors = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    todo: dict[str, list[int]] = {}  # key -> rows of the texts it stands for (repeated texts share one vector)
    for i, k in enumerate(keys):
        if k in cache and cache[k].shape == (embedder.dim,):
            vectors[i] = cache[k]
        else:
            todo.setdefault(k, []).append(i)
    if todo:
        rows = list(todo.values())
        computed = embedder.embed_passages([texts[r[0]] for r in rows], batch_size=batch_size, progress=progress)
        for vector, same in zip(computed, rows):
            vectors[same] = vector
    return vectors, len(todo)


def _collecting(on_warning: Callable[[str], None], fn, *args):
    """fn(*args), handing every CorpusWarning it raises to on_warning (other warnings go on as usual)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = fn(*args)
    for w in caught:
        if issubclass(w.category, CorpusWarning):
            on_warning(str(w.message))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)
    return result


def parse_corpus(config: Settings, progress: bool, on_warning: Callable[[str], None],
                 on_size: Callable[[str], None]) -> tuple[list[Document], list[Passage]]:
    """Parse and chunk every document of the corpus, with a progress bar (bytes read, time left)."""
    corpus_dir = Path(config.corpus_dir)
    files = _collecting(on_warning, corpus_files, corpus_dir)
    sizes = {f: f.stat().st_size for f in files}
    total = sum(sizes.values())
    if total > config.warn_corpus_mb * 1e6:
        on_size(f"the corpus is {total / 1e6:.1f} MB, over the {config.warn_corpus_mb:g} MB warning limit "
                "(--warn-mb): parsing and embedding it may take hours; progress is shown as it goes")
    documents: list[Document] = []
    passages: list[Passage] = []
    with tqdm(total=total, desc="parsing", unit="B", unit_scale=True, disable=not progress, file=sys.stderr,
              dynamic_ncols=True) as bar:
        skipped: list[str] = []
        for path in files:
            try:
                doc = _collecting(on_warning, parse_document, path, corpus_dir)
            except UnreadableDocument as exc:  # a scanned or encrypted PDF, a damaged DOCX: the rest is built
                skipped.append(str(exc))
                on_size(f"skipped {exc}")
                bar.update(sizes[path])
                continue
            documents.append(doc)
            passages.extend(passages_of([doc], config.max_passage_chars))
            bar.update(sizes[path])
    if not documents and skipped:
        raise CorpusError(skipped[0] if len(skipped) == 1 else
                          f"no document of {corpus_dir} could be read ({len(skipped)} skipped; first: {skipped[0]})")
    return documents, passages


def code_fingerprint() -> str:
    """A digest of the code and vocabulary that turn reports into an index: when it changes, a corpus
    whose files did not change still has to be parsed again."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*root.glob("*.py"), *root.glob("data/*.toml")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _unchanged(store, corpus_dir: Path, embedder: str, config: Settings, code: str) -> dict | None:
    """The manifest of an index built from exactly these files, by this code and these settings; else None."""
    manifest = store.built_manifest()
    if manifest is None:
        return None
    if (manifest.get("code") != code or manifest["embedder"] != embedder
            or manifest.get("max_passage_chars") != config.max_passage_chars):
        return None
    with warnings.catch_warnings():  # the build proper warns about the corpus; this only compares
        warnings.simplefilter("ignore")
        try:
            files = {_doc_id(p, corpus_dir): p for p in corpus_files(corpus_dir)}
        except CorpusError:
            return None
    built = {d["doc"]: d["sha256"] for d in manifest["documents"]}
    if set(files) != set(built):
        return None
    for doc, path in files.items():
        if hashlib.sha256(path.read_bytes()).hexdigest() != built[doc]:
            return None
    return manifest


def build_index(config: Settings, progress: bool | None = None,
                warn: Callable[[str], None] | None = None, embedder=None) -> BuildReport:
    """Build (or rebuild) the index of config.corpus_dir into the store config names (config.index_dir by default).

    warn gets each warning as it comes (a doubtful or skipped corpus file, the corpus size); with
    config.strict a doubtful file is an error instead. Every warning is also in the report.
    embedder: an already loaded embedder of the same name, so as not to load the model again.
    """
    started = time.perf_counter()
    progress = sys.stderr.isatty() if progress is None else progress
    embedder_name = canonical_name(config.embedder or DEFAULT_EMBEDDER)
    store = open_store(config)  # an unknown store or a missing backend fails here, before any work
    store.check_target()  # before anything is written, the lock file included
    code = code_fingerprint()
    if (built := _unchanged(store, Path(config.corpus_dir), embedder_name, config, code)) is not None:
        figures = sum(d.get("figures", 0) for d in built["documents"])
        return BuildReport(store.location, len(built["documents"]), built["passages"], 0,
                           built["passages"] + built["commitments"] + figures, built["commitments"], figures,
                           time.perf_counter() - started)
    seen: list[str] = []

    def note(message: str) -> None:
        seen.append(message)
        if warn is not None:
            warn(message)

    def on_warning(message: str) -> None:  # a doubtful or skipped file: with --strict, the build stops here
        if config.strict:
            raise CorpusError(f"{message} (an error with --strict)")
        note(message)

    # errors here leave everything as it was
    documents, passages = parse_corpus(config, progress, on_warning, note)
    with store.build_lock():
        if embedder is None or embedder.name != embedder_name:
            embedder = make_embedder(embedder_name)
        cache = store.previous_vectors(embedder_name)
        commitments = extract_commitments(documents)
        figures = [f for p in passages for f in p.figures]
        texts = ([p.indexed_text() for p in passages] + [commitment_text(c) for c in commitments]
                 + [figure_text(f) for f in figures])
        all_vectors, embedded = _embed_with_cache(embedder, embedder_name, texts, cache, config.batch_size, progress)
        n_p, n_c = len(passages), len(commitments)
        vectors, commitment_vectors, figure_vectors = all_vectors[:n_p], all_vectors[n_p:n_p + n_c], all_vectors[n_p + n_c:]
        corpus_dir = Path(config.corpus_dir)
        infos = [DocumentInfo(doc=d.doc_id, title=d.title, path=_relative(d.path, corpus_dir), encoding=d.encoding,
                              paragraphs=len(d.paragraphs), passages=sum(p.doc == d.doc_id for p in passages),
                              sha256=d.sha256, year=d.year, issuer=d.issuer, level=d.level, place=d.place,
                              figures=sum(len(p.figures) for p in passages if p.doc == d.doc_id),
                              commitments=sum(c.doc == d.doc_id for c in commitments)) for d in documents]
        manifest = new_manifest(embedder_name, embedder.dim, infos, len(passages), len(commitments),
                                config.max_passage_chars)
        manifest["code"] = code
        store.write(manifest, passages, commitments, vectors, commitment_vectors, figure_vectors)
    return BuildReport(store.location, len(documents), len(passages), embedded, len(texts) - embedded,
                       len(commitments), sum(len(p.figures) for p in passages), time.perf_counter() - started, seen)


def _relative(path: Path, corpus_dir: Path) -> str:
    """A document's path relative to its corpus: the index (and the API) hold no absolute server path."""
    try:
        return path.relative_to(corpus_dir).as_posix()
    except ValueError:
        return path.name

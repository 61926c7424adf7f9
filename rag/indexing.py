"""Build an index from a corpus directory: parse, chunk, extract figures and commitments, embed, store
(in the index directory, or the store --store names)."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .chunking import chunk
from .commitments import commitment_text, extract_commitments
from .config import DEFAULT_EMBEDDER, Settings
from .documents import Document, load_corpus
from .embedding import canonical_name, make_embedder
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
    embedded: int  # texts (passages and commitments) whose vectors were computed
    reused: int  # texts whose vectors came from the previous index
    commitments: int
    figures: int
    seconds: float


def passages_of(documents: list[Document], max_chars: int) -> list[Passage]:
    """Passages of every document, each with the figures it states."""
    out: list[Passage] = []
    for doc in documents:
        by_number = {p.number: p for p in doc.paragraphs}
        for passage in chunk(doc.paragraphs, max_chars):
            para = by_number[passage.paragraph]
            figs = figures_in(passage.text, para.period, para.year)
            for f in figs:
                f.section, f.paragraph, f.doc = passage.section, passage.paragraph, passage.doc
            passage.figures = figs
            out.append(passage)
    return out


def _embed_with_cache(embedder, name: str, texts: list[str], cache: dict[str, np.ndarray], batch_size: int,
                      progress: bool) -> tuple[np.ndarray, int]:
    """Vectors for the texts, computing only those the previous index did not have."""
    keys = [embed_key(name, t) for t in texts]
    vectors = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    todo = []
    for i, k in enumerate(keys):
        if k in cache and cache[k].shape == (embedder.dim,):
            vectors[i] = cache[k]
        else:
            todo.append(i)
    if todo:
        vectors[todo] = embedder.embed_passages([texts[i] for i in todo], batch_size=batch_size, progress=progress)
    return vectors, len(todo)


def build_index(config: Settings, progress: bool | None = None, embedder=None) -> BuildReport:
    """Build (or rebuild) the index of config.corpus_dir into the store config names (config.index_dir by default).

    embedder: an already loaded embedder of the same name, to not load the model again."""
    started = time.perf_counter()
    progress = sys.stderr.isatty() if progress is None else progress
    embedder_name = canonical_name(config.embedder or DEFAULT_EMBEDDER)
    store = open_store(config)  # an unknown store or a missing backend fails here, before any work
    documents = load_corpus(Path(config.corpus_dir))  # errors here leave everything as it was
    passages = passages_of(documents, config.max_passage_chars)
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
        infos = [DocumentInfo(doc=d.doc_id, title=d.title, path=str(d.path), encoding=d.encoding,
                              paragraphs=len(d.paragraphs), passages=sum(p.doc == d.doc_id for p in passages),
                              sha256=d.sha256) for d in documents]
        manifest = new_manifest(embedder_name, embedder.dim, infos, len(passages), len(commitments),
                                config.max_passage_chars)
        store.write(manifest, passages, commitments, vectors, commitment_vectors, figure_vectors)
    return BuildReport(store.location, len(documents), len(passages), embedded, len(texts) - embedded,
                       len(commitments), sum(len(p.figures) for p in passages), time.perf_counter() - started)

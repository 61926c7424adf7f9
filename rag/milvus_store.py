"""Milvus as the store: passages, figures and commitments with their vectors and metadata in collections.

`--store milvus:./lib.db` keeps them in a milvus-lite file (embedded, one process), `--store
milvus:http://host:19530` in a Milvus server or cluster (token from $RAG_MILVUS_TOKEN). The same
pymilvus calls serve both. Dense search (inner product over L2-normalized vectors, exact below
FLAT_BELOW rows and always in milvus-lite, IVF_FLAT above on a server) and BM25 full-text search (Milvus's BM25 function over a jieba
analyzer) both run on the Milvus side; a scope becomes a filter expression over the scalar fields
(report id, year, level, issuer: stores.scope_filter). Milvus's BM25 statistics are the whole
collection's, while a scoped question must rank a report's passages as that report indexed alone does
(the FAISS store's promise): a scope of at most LOCAL_BM25_MAX passages is therefore ranked by BM25 over
its own passages (fetched by the same filter, once per scope), a larger one by Milvus with the filter.

Layout, for a collection prefix P (default "rag"):

    P_meta                 permanent: the pointer row "current" and, per generation G, its manifest,
                           documents and bigram statistics per report (JSON in chunks under "G/...")
    P_G_passages           id, seq, doc, year, level, issuer, key, text (BM25 input) -> sparse, vector,
                           record (Passage JSON)
    P_G_figures            id, passage, n, seq, doc, year, level, issuer, key, vector (a row per passage figure)
    P_G_commitments        id, seq, doc, year, level, issuer, key, vector, record (Commitment JSON)

A build writes a new generation G beside the served one, waits until Milvus has indexed it, then
switches the pointer row: a build that fails or is killed leaves the served generation as it was
(its leftovers are dropped by the next build). The generation before keeps existing until the one
after, so a process still serving it is not cut off mid-answer.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
import uuid
import warnings
from contextlib import contextmanager
from functools import cached_property
from importlib import metadata

import numpy as np

from .errors import IndexStateError
from .models import Commitment, DocumentInfo, Passage
from .stores import scope_filter
from .text import STOPWORDS, normalize

TOKEN_ENV = "RAG_MILVUS_TOKEN"
INSTALL_HINT = "the Milvus store needs the milvus extra: pip install 'rag[milvus]' (pymilvus and milvus-lite)"
PREFIX = "rag"
FLAT_BELOW = 50_000  # rows: exact search below, like the FAISS store; IVF_FLAT above, on a server only:
# milvus-lite 2.5 never builds an IVF index (it answers from its interim index: recall@10 0.755 at 10^5 rows
# whatever nprobe; FLAT 1.0), so a milvus-lite file is always FLAT (bench/milvus_ann.py, BENCHMARKS.md)
NPROBE = 64  # IVF lists searched per query (of about 4 * sqrt(rows)) on a server: FAISS's IVF_FLAT on the same
# synthetic 10^5 rows gives recall@10 0.98 at 64, 0.75 at 8 (BENCHMARKS.md)
BM25_PARAMS = {"bm25_k1": 1.5, "bm25_b": 0.75}  # the values bm25s uses in the FAISS store
BATCH = 2000  # rows per insert call
QUERY_LIMIT = 16_384  # rows one query may return (Milvus's limit)
CHUNK_BYTES = 60_000  # JSON chunks of the meta collection (VARCHAR holds 65,535 bytes)
MAX_RECORD_BYTES = 65_535
CONNECT_TIMEOUT_S = 10.0
INDEX_WAIT_S = 3600.0
# spaces and punctuation are split off by jieba as tokens of their own; the FAISS store's tokenizer drops them, so
# here the analyzer's stop filter does, with the function words both stores leave out
PUNCTUATION = [" ", "..", "...", "——", "……", "\u200b", "\u200c", "\u200d", "\ufeff", *"–，。、；：？！“”‘’（）《》〈〉【】「」『』—…·．,.;:?!()[]{}<>\"'`~@#$%^&*-_=+|/\\％～"]
ANALYZER = {"tokenizer": "jieba", "filter": [{"type": "stop", "stop_words": sorted(STOPWORDS | set(PUNCTUATION))}]}
FORMAT = 2  # layout version of the collections above (2: level and issuer fields, bigram counts per report)
LOCAL_BM25_MAX = 50_000  # passages: a scope up to this size is ranked by BM25 over its own passages
KINDS = ("passages", "figures", "commitments")
_build_locks: dict[str, threading.Lock] = {}


def _pymilvus():
    try:
        import pymilvus
    except ImportError as exc:
        raise IndexStateError(INSTALL_HINT) from exc
    return pymilvus


class _FromMilvusLite(logging.Filter):
    """milvus-lite logs its failures on the root logger; they come back to the user as one line of ours."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "milvus_lite" not in record.pathname


def _lite_client(pymilvus, uri: str):
    root, quiet = logging.getLogger(), _FromMilvusLite()
    root.addFilter(quiet)
    try:
        with warnings.catch_warnings():  # milvus-lite 2.5 imports pkg_resources, which setuptools 81 deprecates aloud
            warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
            # pymilvus pings every 10 s even when idle; the milvus-lite server takes that for abuse (GOAWAY
            # "too_many_pings") and drops the connection: a local socket needs no keepalive
            return pymilvus.MilvusClient(uri, grpc_options={"grpc.keepalive_time_ms": 3_600_000,
                                                            "grpc.keepalive_permit_without_calls": False})
    finally:
        root.removeFilter(quiet)


def bm25_text(text: str) -> str:
    """What the BM25 analyzer reads, stored and queried alike: NFKC, lower case (as the FAISS store's tokenizer)."""
    return normalize(text)


def _short(exc: BaseException) -> str:
    """One line of an exception from pymilvus or grpc."""
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return re.sub(r"\s+", " ", str(message)).strip()[:300]


class MilvusStore:
    """An index in Milvus collections (stores.Store)."""

    def __init__(self, uri: str, prefix: str = PREFIX, token: str | None = None) -> None:
        uri = (uri or "").strip()
        if not (uri.startswith(("http://", "https://")) or uri.endswith(".db")):
            raise IndexStateError(f"milvus:{uri} is neither a milvus-lite file (a path ending in .db) nor a "
                                  "server (http://host:19530)")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,40}", prefix):
            raise IndexStateError(f"collection prefix {prefix!r}: letters, digits and _ only")
        self.uri = uri
        self.prefix = prefix
        self.token = token if token is not None else os.environ.get(TOKEN_ENV, "")
        self.location = self.describe()
        _pymilvus()  # a missing extra fails now, with the hint, before any work

    @property
    def lite(self) -> bool:
        return not self.uri.startswith(("http://", "https://"))

    def describe(self) -> str:
        return f"milvus:{self.uri}"

    def rebuild_hint(self, embedder: str | None = None) -> str:
        opt = f" --embedder {embedder}" if embedder else ""
        return f"rebuild it with: rag build CORPUS_DIR --store {self.describe()}{opt}"

    # --- connection ---

    @cached_property
    def client(self):
        pymilvus = _pymilvus()
        try:
            if self.lite:
                os.makedirs(os.path.dirname(os.path.abspath(self.uri)), exist_ok=True)
                return _lite_client(pymilvus, self.uri)
            return pymilvus.MilvusClient(uri=self.uri, token=self.token, timeout=CONNECT_TIMEOUT_S)
        except ImportError as exc:
            raise IndexStateError(INSTALL_HINT) from exc
        except Exception as exc:  # MilvusException, grpc errors, OS errors: all mean "cannot open"
            if self.lite:
                raise IndexStateError(f"cannot open {self.describe()} ({_short(exc)}); milvus-lite serves one "
                                      "process at a time: stop the other one (rag serve?) or use a Milvus "
                                      "server") from exc
            raise IndexStateError(f"cannot reach the Milvus server at {self.uri} ({_short(exc)}); check that it "
                                  f"runs and the address, and ${TOKEN_ENV} if it asks for a token") from exc

    def _call(self, what: str, fn, *args, **kwargs):
        """A pymilvus call whose failure becomes one line naming the store."""
        try:
            return fn(*args, **kwargs)
        except IndexStateError:
            raise
        except Exception as exc:
            raise IndexStateError(f"{self.describe()}: {what} failed ({_short(exc)})") from exc

    def name(self, generation: str, kind: str) -> str:
        return f"{self.prefix}_{generation}_{kind}"

    @property
    def meta_name(self) -> str:
        return f"{self.prefix}_meta"

    # --- schemas ---

    def _schema(self, kind: str, dim: int):
        pymilvus = _pymilvus()
        DataType = pymilvus.DataType
        schema = pymilvus.MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        if kind == "meta":
            schema.add_field("key", DataType.VARCHAR, is_primary=True, max_length=512)
            schema.add_field("value", DataType.VARCHAR, max_length=65535)
            schema.add_field("v", DataType.FLOAT_VECTOR, dim=2)  # Milvus wants a vector in every collection
            return schema
        schema.add_field("id", DataType.VARCHAR, is_primary=True, max_length=512)
        if kind == "figures":
            schema.add_field("passage", DataType.VARCHAR, max_length=512)
            schema.add_field("n", DataType.INT64)
        schema.add_field("seq", DataType.INT64)
        schema.add_field("doc", DataType.VARCHAR, max_length=512)
        schema.add_field("year", DataType.INT64)
        schema.add_field("level", DataType.VARCHAR, max_length=64)
        schema.add_field("issuer", DataType.VARCHAR, max_length=512)
        schema.add_field("key", DataType.VARCHAR, max_length=64)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dim)
        if kind == "passages":
            schema.add_field("text", DataType.VARCHAR, max_length=65535, enable_analyzer=True,
                             analyzer_params=ANALYZER)
            schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
            schema.add_function(pymilvus.Function(name="bm25", function_type=pymilvus.FunctionType.BM25,
                                                  input_field_names=["text"], output_field_names=["sparse"]))
        if kind in ("passages", "commitments"):
            schema.add_field("record", DataType.VARCHAR, max_length=65535)
        return schema

    @staticmethod
    def _expected_fields(kind: str, dim: int) -> dict[str, tuple[str, int | None]]:
        """Field name -> (type name, vector dimension) that this version reads."""
        if kind == "meta":
            return {"key": ("VARCHAR", None), "value": ("VARCHAR", None), "v": ("FLOAT_VECTOR", 2)}
        fields = {"id": ("VARCHAR", None), "seq": ("INT64", None), "doc": ("VARCHAR", None), "year": ("INT64", None),
                  "level": ("VARCHAR", None), "issuer": ("VARCHAR", None), "key": ("VARCHAR", None),
                  "vector": ("FLOAT_VECTOR", dim)}
        if kind == "figures":
            fields |= {"passage": ("VARCHAR", None), "n": ("INT64", None)}
        if kind == "passages":
            fields |= {"text": ("VARCHAR", None), "sparse": ("SPARSE_FLOAT_VECTOR", None)}
        if kind in ("passages", "commitments"):
            fields["record"] = ("VARCHAR", None)
        return fields

    def _check_schema(self, collection: str, kind: str, dim: int) -> None:
        """A one-line error when a collection is not what this version writes (another program's, or older)."""
        info = self._call(f"describing {collection}", self.client.describe_collection, collection)
        found = {}
        for f in info.get("fields", []):
            ftype = getattr(f.get("type"), "name", str(f.get("type")))
            params = f.get("params") or {}
            found[f["name"]] = (ftype, int(params["dim"]) if "dim" in params else None)
        expected = self._expected_fields(kind, dim)
        wrong = [f"{name} {t}{f'({d})' if d else ''}" for name, (t, d) in expected.items() if found.get(name) != (t, d)]
        if wrong:
            have = ", ".join(f"{n} {t}{f'({d})' if d else ''}" for n, (t, d) in found.items())
            raise IndexStateError(f"collection {collection} in {self.describe()} has another schema (expected "
                                  f"{', '.join(wrong)}; found {have or 'no fields'}); " + self.rebuild_hint())

    def _vector_index(self, rows: int) -> tuple[str, dict]:
        if rows < FLAT_BELOW or self.lite:
            return "FLAT", {}
        return "IVF_FLAT", {"nlist": int(min(65536, max(64, round(4 * rows ** 0.5))))}

    def _create(self, collection: str, kind: str, dim: int, rows: int) -> None:
        client = self.client
        params = client.prepare_index_params()
        if kind == "meta":
            params.add_index("v", index_type="FLAT", metric_type="L2")
        else:
            index_type, index_params = self._vector_index(rows)
            params.add_index("vector", index_type=index_type, metric_type="IP", params=index_params)
        if kind == "passages":
            params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25", params=BM25_PARAMS)
        self._call(f"creating {collection}", client.create_collection, collection, schema=self._schema(kind, dim),
                   index_params=params, consistency_level="Strong")

    # --- the meta collection ---

    def _ensure_meta(self) -> None:
        if self._call("listing collections", self.client.has_collection, self.meta_name):
            self._check_schema(self.meta_name, "meta", 0)
        else:
            self._create(self.meta_name, "meta", 0, 0)
        self._call("loading the meta collection", self.client.load_collection, self.meta_name)

    def _meta_get(self, key: str) -> str | None:
        rows = self._call("reading the meta collection", self.client.query, self.meta_name,
                          filter=f"key == {json.dumps(key)}", output_fields=["value"])
        return rows[0]["value"] if rows else None

    def _meta_chunks(self, prefix: str) -> str:
        """The JSON written under prefix/0, prefix/1, ... joined back."""
        rows = self._call("reading the meta collection", self.client.query, self.meta_name,
                          filter=f'key like {json.dumps(prefix + "/%")}', output_fields=["key", "value"])
        rows.sort(key=lambda r: int(r["key"].rsplit("/", 1)[1]))
        return "".join(r["value"] for r in rows)

    def _meta_rows(self, key: str, value: str) -> list[dict]:
        """A value as one or more rows of at most CHUNK_BYTES bytes (cut on character boundaries)."""
        rows, part, size = [], [], 0
        for ch in value:
            n = len(ch.encode())
            if size + n > CHUNK_BYTES:
                rows.append("".join(part))
                part, size = [], 0
            part.append(ch)
            size += n
        rows.append("".join(part))
        return [{"key": f"{key}/{i}", "value": v, "v": [0.0, 0.0]} for i, v in enumerate(rows)]

    # --- reading ---

    def current(self) -> dict | None:
        """The pointer row: {"generation": G, "previous": G0}, or None when nothing was built."""
        if not self._call("listing collections", self.client.has_collection, self.meta_name):
            return None
        self._check_schema(self.meta_name, "meta", 0)
        self._call("loading the meta collection", self.client.load_collection, self.meta_name)
        value = self._meta_get("current")
        return json.loads(value) if value else None

    def _manifest(self, generation: str) -> dict:
        """The manifest of a generation, documents included; IndexStateError when unreadable or of another format."""
        from .store import FORMAT_VERSION

        try:
            manifest = json.loads(self._meta_get(f"{generation}/manifest") or "")
            manifest["documents"] = json.loads(self._meta_chunks(f"{generation}/documents") or "[]")
            for key in ("format_version", "embedder", "dim", "documents", "passages", "milvus_format"):
                manifest[key]
        except (ValueError, KeyError, TypeError) as exc:
            raise IndexStateError(f"the manifest of {self.describe()} is unreadable or incomplete ({exc}); "
                                  + self.rebuild_hint()) from exc
        if manifest["format_version"] != FORMAT_VERSION or manifest["milvus_format"] != FORMAT:
            raise IndexStateError(f"{self.describe()} has format {manifest['format_version']}/"
                                  f"{manifest['milvus_format']}, this version reads {FORMAT_VERSION}/{FORMAT}; "
                                  + self.rebuild_hint())
        return manifest

    def check_target(self) -> None:
        """Reach the store now (a one-line error when it cannot be reached or its meta collection is not ours)."""
        self.current()

    def built_manifest(self) -> dict | None:
        """The manifest of the served build, None when there is none (or it is unreadable)."""
        pointer = self.current()
        if pointer is None:
            return None
        try:
            return self._manifest(pointer["generation"])
        except IndexStateError:
            return None

    def load(self, embedder: str | None = None) -> "MilvusIndex":
        from .embedding import canonical_name

        pointer = self.current()
        if pointer is None:
            raise IndexStateError(f"no index in {self.describe()}: build one with: rag build corpus --store "
                                  f"{self.describe()}")
        generation = pointer["generation"]
        manifest = self._manifest(generation)
        if embedder is not None and canonical_name(embedder) != manifest["embedder"]:
            raise IndexStateError(
                f"{self.describe()} was built with embedder {manifest['embedder']!r}, not "
                f"{canonical_name(embedder)!r}; query it with --embedder {manifest['embedder']} or "
                + self.rebuild_hint(embedder))
        counts = {"passages": manifest["passages"], "commitments": manifest.get("commitments", 0),
                  "figures": manifest.get("figures", 0)}
        for kind in KINDS:
            collection = self.name(generation, kind)
            if not self._call("listing collections", self.client.has_collection, collection):
                raise IndexStateError(f"collection {collection} is missing from {self.describe()}; "
                                      + self.rebuild_hint())
            self._check_schema(collection, kind, manifest["dim"])
            self._call(f"loading {collection}", self.client.load_collection, collection)
            rows = self._count(collection)
            if rows != counts[kind]:
                raise IndexStateError(f"{self.describe()} is inconsistent ({collection} has {rows} rows, the "
                                      f"manifest says {counts[kind]}); " + self.rebuild_hint())
        return MilvusIndex(self, generation, manifest)

    def _count(self, collection: str) -> int:
        rows = self._call(f"counting {collection}", self.client.query, collection, filter="",
                          output_fields=["count(*)"])
        return int(rows[0]["count(*)"])

    def iterate(self, collection: str, fields: list[str], total: int, batch: int = 5000, where: str = ""):
        """Every row of a collection (only the given fields; those where admits), by ranges of its seq field
        (0 .. total-1): Milvus answers at most QUERY_LIMIT rows a query."""
        extra = f" and ({where})" if where else ""
        for start in range(0, total, batch):
            yield from self._call(f"reading {collection}", self.client.query, collection,
                                  filter=f"seq >= {start} and seq < {start + batch}{extra}", output_fields=fields)

    # --- writing ---

    @contextmanager
    def build_lock(self):
        """One build of this store at a time in this process (milvus-lite opens a file in one process only;
        on a server, run one builder)."""
        lock = _build_locks.setdefault(f"{self.uri}|{self.prefix}", threading.Lock())
        with lock:
            yield

    def previous_vectors(self, embedder: str) -> dict[str, np.ndarray]:
        """Vectors of the served index by embed key, when it was built with the same embedder."""
        if self.current() is None:  # an unreachable server or a foreign meta collection fails here, before embedding
            return {}
        try:
            old = self.load()
        except IndexStateError:  # a damaged generation: the build writes a whole new one
            return {}
        return old.cached_vectors() if old.embedder == embedder else {}

    def write(self, manifest: dict, passages: list[Passage], commitments: list[Commitment], vectors: np.ndarray,
              commitment_vectors: np.ndarray, figure_vectors: np.ndarray) -> None:
        """Write a new generation and switch to it; on any failure the served one stays as it was."""
        self._ensure_meta()
        pointer = self.current() or {}
        served = pointer.get("generation")
        generation = f"g{int(time.time()):x}{uuid.uuid4().hex[:6]}"
        dim = int(manifest["dim"])
        infos = {d["doc"]: DocumentInfo(**d) for d in manifest["documents"]}
        none = DocumentInfo(doc="", title="", path="", encoding="", paragraphs=0, passages=0, sha256="")

        def scalars(doc: str) -> dict:
            d = infos.get(doc, none)
            return {"doc": doc, "year": d.year or 0, "level": d.level, "issuer": d.issuer}
        figures = [(p, j, f) for p in passages for j, f in enumerate(p.figures)]
        for what, items in (("passage", passages), ("commitment", commitments)):
            ids = [x.id for x in items]
            if len(set(ids)) != len(ids):
                raise IndexStateError(f"two {what}s share an id; the Milvus store needs unique ids")
        try:
            self._write_rows(generation, "passages", dim, len(passages), (
                {"id": p.id, "seq": i, **scalars(p.doc), "key": _key(manifest, p.indexed_text()),
                 "vector": vectors[i],
                 "text": bm25_text(p.indexed_text()), "record": _record(p)}
                for i, p in enumerate(passages)))
            self._write_rows(generation, "figures", dim, len(figures), (
                {"id": f"{p.id}/{j}", "passage": p.id, "n": j, "seq": i, **scalars(p.doc),
                 "key": _key(manifest, _figure_text(f)), "vector": figure_vectors[i]}
                for i, (p, j, f) in enumerate(figures)))
            self._write_rows(generation, "commitments", dim, len(commitments), (
                {"id": c.id, "seq": i, **scalars(c.doc), "key": _key(manifest, _commitment_text(c)), "vector": commitment_vectors[i], "record": _record(c)}
                for i, c in enumerate(commitments)))
            for kind in KINDS:
                self._wait_indexed(self.name(generation, kind))
            grams = _bigram_counts_by_report(passages)  # a scope's statistics: the sum over its reports
            meta = {k: v for k, v in manifest.items() if k != "documents"}
            meta |= {"milvus_format": FORMAT, "figures": len(figures), "collections": {
                kind: self.name(generation, kind) for kind in KINDS}}
            meta["versions"] = {**meta.get("versions", {}), **_versions()}
            rows = [{"key": f"{generation}/manifest", "value": json.dumps(meta, ensure_ascii=False), "v": [0.0, 0.0]}]
            rows += self._meta_rows(f"{generation}/documents", json.dumps(manifest["documents"], ensure_ascii=False))
            rows += self._meta_rows(f"{generation}/grams", json.dumps(grams, ensure_ascii=False))
            for start in range(0, len(rows), 50):
                self._call("writing the meta collection", self.client.insert, self.meta_name, rows[start:start + 50])
            # the switch: one row, written whole
            value = json.dumps({"generation": generation, "previous": served})
            self._call("switching to the new build", self.client.upsert, self.meta_name,
                       [{"key": "current", "value": value, "v": [0.0, 0.0]}])
            self._call("flushing the meta collection", self.client.flush, self.meta_name)
        except BaseException:
            self._drop_generation(generation)
            raise
        self._collect(keep={generation, served})

    def _write_rows(self, generation: str, kind: str, dim: int, count: int, rows) -> None:
        collection = self.name(generation, kind)
        self._create(collection, kind, dim, count)
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                self._call(f"inserting into {collection}", self.client.insert, collection, batch)
                batch = []
        if batch:
            self._call(f"inserting into {collection}", self.client.insert, collection, batch)
        self._call(f"flushing {collection}", self.client.flush, collection)

    def _wait_indexed(self, collection: str) -> None:
        """Until Milvus has built the vector index over every row (searches are fast from then on)."""
        deadline = time.monotonic() + INDEX_WAIT_S
        while True:
            info = self._call(f"describing the index of {collection}", self.client.describe_index, collection,
                              "vector") or {}
            if not info.get("pending_index_rows") and info.get("indexed_rows", 0) >= info.get("total_rows", 0):
                break
            if time.monotonic() > deadline:
                raise IndexStateError(f"{self.describe()}: {collection} not indexed after {INDEX_WAIT_S:.0f} s")
            time.sleep(0.5)
        self._call(f"loading {collection}", self.client.load_collection, collection)

    def _generations(self) -> set[str]:
        pattern = re.compile(rf"^{re.escape(self.prefix)}_(g[0-9a-f]+)_(?:{'|'.join(KINDS)})$")
        names = self._call("listing collections", self.client.list_collections)
        return {m.group(1) for n in names if (m := pattern.match(n))}

    def _drop_generation(self, generation: str) -> None:
        """Best effort: the collections and meta rows of a generation that is not served."""
        for kind in KINDS:
            try:
                if self.client.has_collection(self.name(generation, kind)):
                    self.client.drop_collection(self.name(generation, kind))
            except Exception:  # noqa: BLE001 - cleanup must not hide the error that called it
                pass
        try:
            self.client.delete(self.meta_name, filter=f'key like {json.dumps(generation + "/%")}')
        except Exception:  # noqa: BLE001
            pass

    def _collect(self, keep: set[str | None]) -> None:
        """Drop the generations neither served nor kept for the processes that still serve the one before."""
        for generation in self._generations() - keep:
            self._drop_generation(generation)


def _bigram_counts_by_report(passages: list[Passage]) -> dict[str, dict]:
    """Per report: its number of passages and the document frequency of each bigram over them."""
    from collections import Counter

    from .matching import bigrams

    out: dict[str, dict] = {}
    for p in passages:
        entry = out.setdefault(p.doc, {"n": 0, "df": Counter()})
        entry["n"] += 1
        entry["df"].update(bigrams(p.text))
    return out


def _key(manifest: dict, text: str) -> str:
    from .store import embed_key

    return embed_key(manifest["embedder"], text)


def _figure_text(f) -> str:
    from .store import figure_text

    return figure_text(f)


def _commitment_text(c: Commitment) -> str:
    from .commitments import commitment_text

    return commitment_text(c)


def _record(item) -> str:
    record = item.model_dump_json()
    if len(record.encode()) > MAX_RECORD_BYTES:
        raise IndexStateError(f"{type(item).__name__.lower()} {item.id} is too long for the Milvus store "
                              f"({len(record.encode())} bytes as JSON, at most {MAX_RECORD_BYTES})")
    return record


def _versions() -> dict[str, str]:
    out = {}
    for name in ("pymilvus", "milvus-lite"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out


class MilvusIndex:
    """A built generation of a MilvusStore, answering what stores.Index asks.

    Per question it asks Milvus (dense and BM25 search, the figures of the candidate passages) and keeps
    only the manifest, the documents and the bigram statistics in memory; the whole-library lists
    (passages, figures, commitments), which only the figure table and the commitments lookup read, are
    fetched on first use."""

    RECORD_CACHE = 50_000
    MAX_SCOPES = 64

    def __init__(self, store: MilvusStore, generation: str, manifest: dict) -> None:
        self.store = store
        self.generation = generation
        self.manifest = manifest
        self.path = store.describe()
        self._records: dict[str, Passage] = {}
        self._scopes: dict[frozenset[str], object] = {}  # scope -> store.ScopeBM25
        self._lock = threading.Lock()

    @property
    def embedder(self) -> str:
        return self.manifest["embedder"]

    @cached_property
    def documents(self) -> list[DocumentInfo]:
        return [DocumentInfo(**d) for d in self.manifest["documents"]]

    def _name(self, kind: str) -> str:
        return self.store.name(self.generation, kind)

    def _passage(self, pid: str, record: str) -> Passage:
        passage = self._records.get(pid)
        if passage is None:
            passage = Passage.model_validate_json(record)
            with self._lock:
                if len(self._records) >= self.RECORD_CACHE:
                    self._records.clear()
                self._records[pid] = passage
        return passage

    @cached_property
    def calibration(self):
        """The refusal thresholds the index was built with (the embedder's fitted values)."""
        from .calibration import Calibration, calibration_for

        stored = self.manifest.get("calibration")
        return Calibration.from_dict(stored) if stored else calibration_for(self.embedder)

    # --- per question ---

    def _filter(self, docs: frozenset[str] | None) -> str:
        return "" if docs is None else scope_filter(docs, self.documents)

    def _search(self, data, field: str, k: int, docs: frozenset[str] | None,
                params: dict) -> list[tuple[Passage, float]]:
        if k <= 0 or (docs is not None and not docs):
            return []
        result = self.store._call("searching", self.store.client.search, self._name("passages"), data=data,
                                  anns_field=field, limit=k, filter=self._filter(docs), output_fields=["record"],
                                  search_params=params)
        return [(self._passage(h["id"], h["entity"]["record"]), float(h["distance"])) for h in result[0]]

    def dense_search(self, qvec: np.ndarray, k: int, docs: frozenset[str] | None = None) -> list[tuple[Passage, float]]:
        vector = np.asarray(qvec, dtype=np.float32).reshape(-1)
        return self._search([vector], "vector", k, docs, {"metric_type": "IP", "params": {"nprobe": NPROBE}})

    def lexical_search(self, query: str, k: int, docs: frozenset[str] | None = None) -> list[tuple[Passage, float]]:
        if docs is not None and not docs:
            return []
        if docs is not None and self._scope_size(docs) <= LOCAL_BM25_MAX:
            return self._scope_bm25(docs).search(query, k)
        text = bm25_text(query)
        if not text:
            return []
        return self._search([text], "sparse", k, docs, {"metric_type": "BM25", "params": {}})

    def _scope_size(self, docs: frozenset[str]) -> int:
        return sum(d.passages for d in self.documents if d.doc in docs)

    def _scope_bm25(self, docs: frozenset[str]):
        """BM25 over the scope's passages alone (fetched by the scope's filter, in build order), built once per
        scope: the ranking a report asked alone gets in the FAISS store."""
        from .store import ScopeBM25

        with self._lock:
            found = self._scopes.get(docs)
        if found is not None:
            return found
        size, where, fields = self._scope_size(docs), self._filter(docs), ["seq", "id", "record"]
        if size <= QUERY_LIMIT:
            rows = self.store._call("reading a scope's passages", self.store.client.query, self._name("passages"),
                                    filter=where, output_fields=fields, limit=max(1, size))
        else:
            rows = list(self.store.iterate(self._name("passages"), fields, self._total("passages"), where=where))
        rows.sort(key=lambda r: r["seq"])
        scoped = ScopeBM25([self._passage(r["id"], r["record"]) for r in rows])
        with self._lock:
            if len(self._scopes) >= self.MAX_SCOPES:
                self._scopes.clear()
            self._scopes[docs] = scoped
        return scoped

    def figure_similarity(self, qvec: np.ndarray,
                          passages: list[Passage] | None = None) -> dict[tuple[str, int], float]:
        if passages is None:
            rows = list(self.store.iterate(self._name("figures"), ["passage", "n", "vector"], self._total("figures")))
        else:
            ids = [p.id for p in passages if p.figures]
            if not ids:
                return {}
            rows = self.store._call("reading figures", self.store.client.query, self._name("figures"),
                                    filter=f"passage in [{', '.join(json.dumps(i, ensure_ascii=False) for i in ids)}]",
                                    output_fields=["passage", "n", "vector"])
        if not rows:
            return {}
        vectors = np.asarray([r["vector"] for r in rows], dtype=np.float32)
        sims = vectors @ np.asarray(qvec, dtype=np.float32).reshape(-1)
        return {(r["passage"], int(r["n"])): float(s) for r, s in zip(rows, sims)}

    @cached_property
    def _grams(self) -> dict[str, dict]:
        return json.loads(self.store._meta_chunks(f"{self.generation}/grams") or "{}")

    def bigram_counts(self, docs: frozenset[str] | None = None) -> tuple[dict[str, int], int]:
        """Document frequency of each bigram over the passages of the given reports (all when None), and their
        number: the sum of the counts stored per report."""
        from collections import Counter

        df: Counter = Counter()
        n = 0
        for doc, entry in self._grams.items():
            if docs is None or doc in docs:
                df.update(entry["df"])
                n += int(entry["n"])
        return df, n

    # --- the whole library, on first use ---

    def _total(self, kind: str) -> int:
        return int(self.manifest.get(kind, 0))

    def _all(self, kind: str, fields: list[str]) -> list[dict]:
        rows = list(self.store.iterate(self._name(kind), ["seq", *fields], self._total(kind)))
        rows.sort(key=lambda r: r["seq"])
        return rows

    @cached_property
    def passages(self) -> list[Passage]:
        return [self._passage(r["id"], r["record"]) for r in self._all("passages", ["id", "record"])]

    @cached_property
    def _commitments(self) -> tuple[list[Commitment], np.ndarray]:
        rows = self._all("commitments", ["record", "vector"])
        vectors = np.asarray([r["vector"] for r in rows], dtype=np.float32).reshape(len(rows), self.manifest["dim"])
        return [Commitment.model_validate_json(r["record"]) for r in rows], vectors

    @property
    def commitments(self) -> list[Commitment]:
        return self._commitments[0]

    @property
    def commitment_vectors(self) -> np.ndarray:
        return self._commitments[1]

    @property
    def figures(self) -> list:
        return [f for p in self.passages for f in p.figures]

    def cached_vectors(self) -> dict[str, np.ndarray]:
        """Vectors by embed key, for reuse when the same text is embedded again."""
        cache = {}
        for kind in KINDS:
            for row in self.store.iterate(self._name(kind), ["key", "vector"], self._total(kind)):
                cache[row["key"]] = np.asarray(row["vector"], dtype=np.float32)
        return cache

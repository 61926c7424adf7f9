"""Scale of the Milvus store: a synthetic library made from the real reports, in milvus-lite.

    python bench/milvus_scale.py --passages 100000 [--queries 120] [--out bench/out]

1. The source: the real reports (corpus/ and ../shared/reports/) indexed once with the real embedder
   (a FAISS index under OUT/source-index, reused by later runs): their passages, figures and vectors.
2. The synthetic library: documents made by recombining one source report's passages in a new order,
   every number in them perturbed (x0.8 .. x1.25, same number of decimals), a year 2013..2026 each. To
   avoid a day of embedding, a synthetic passage's vector is its source passage's vector plus Gaussian
   noise (sigma --noise per dimension), L2-normalized again; figures the same way. Not embedded text, so
   recall is measured against exact search over these same vectors, not against relevance.
3. Ingest: MilvusStore.write, the product's build path (passages + figures; no commitments), timed.
4. Queries, in a fresh process (its memory is the serving memory): the gold questions (real
   embeddings). Dense and BM25 search latency, ask latency end to end (Service.ask: embedding, both
   searches, figure similarity, answering), and ANN recall@10 of the dense search against exact
   inner-product search over every vector, for several nprobe values.

Prints a Markdown table and writes OUT/milvus-scale-N.json. Run it niced on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rag.config import Settings  # noqa: E402
from rag.models import Figure, Passage  # noqa: E402

SOURCES = [ROOT / "corpus", ROOT.parent / "shared" / "reports"]
NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
GOLD = [ROOT / "eval" / "gold.jsonl", ROOT / "eval" / "dev_zh.jsonl"]


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of a process, MiB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def milvus_lite_pids(db: Path) -> list[int]:
    """The milvus-lite server processes serving a .db file (milvus-lite 2.5 runs one beside Python)."""
    out = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if os.path.basename(cmd.split(" ")[0]) == "milvus" and str(db) in cmd:
                out.append(int(proc.name))
    return out


def disk_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


# --- 1. the source ---


def _labels(record: dict) -> dict:
    """A passage of a later format, whose periods are structured ({"label": "2026年目标", ...}): labels."""
    if isinstance(record.get("period"), dict):
        record["period"] = record["period"].get("label", "其他")
    for f in record.get("figures", []):
        if isinstance(f.get("period"), dict):
            f["period"] = f["period"].get("label", "其他")
    return record


class Source:
    """Passages, figures and their real vectors, read from the files of a FAISS index directory (any
    format version: only passages.jsonl, vectors.faiss, figure_vectors.npy and the manifest's embedder)."""

    def __init__(self, index_dir: Path) -> None:
        import faiss

        manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
        self.embedder = manifest["embedder"]
        self.passages = [Passage.model_validate(_labels(json.loads(line))) for line in
                         (index_dir / "passages.jsonl").read_text(encoding="utf-8").splitlines() if line]
        self.vectors = faiss.read_index(str(index_dir / "vectors.faiss"))
        self.figure_vectors = np.load(index_dir / "figure_vectors.npy", allow_pickle=False)
        keys = [(p.id, j) for p in self.passages for j in range(len(p.figures))]
        assert len(keys) == len(self.figure_vectors), "figure vectors do not match the passages"
        self.figure_rows = {key: row for row, key in enumerate(keys)}


def source_index(out: Path, given: Path | None = None) -> Source:
    """The real reports indexed with the real embedder (built once under OUT, then reused), or --source-index."""
    import shutil

    if given is not None:
        return Source(given)

    from rag.indexing import build_index

    corpus = out / "source-corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for folder in SOURCES:
        for f in sorted(folder.glob("*.txt")):
            if not (corpus / f.name).exists():
                shutil.copy(f, corpus / f.name)
    index_dir = out / "source-index"
    report = build_index(Settings(corpus_dir=corpus, index_dir=index_dir), progress=sys.stderr.isatty())
    print(f"source: {report.documents} reports, {report.passages} passages, {report.figures} figures "
          f"({report.embedded} embedded)", file=sys.stderr)
    return Source(index_dir)


# --- 2. the synthetic library ---


def perturb(text: str, rng: random.Random, memo: dict[str, str]) -> str:
    def one(m: re.Match) -> str:
        s = m.group(0)
        if s not in memo:
            decimals = len(s.split(".")[1]) if "." in s else 0
            value = float(s) * rng.uniform(0.8, 1.25)
            memo[s] = f"{value:.{decimals}f}" if decimals else str(max(1, round(value)))
        return memo[s]
    return NUMBER_RE.sub(one, text)


def noisy(v: np.ndarray, sigma: float, rng: np.random.Generator) -> np.ndarray:
    w = v + rng.normal(0.0, sigma, size=v.shape).astype(np.float32)
    return (w / np.linalg.norm(w, axis=-1, keepdims=True)).astype(np.float32)


def synthesize(source, n: int, sigma: float, seed: int):
    """n passages in documents recombined from the source reports; their vectors and figure vectors."""
    from rag.models import DocumentInfo

    rng, nrng = random.Random(seed), np.random.default_rng(seed)
    by_doc: dict[str, list[int]] = {}
    for i, p in enumerate(source.passages):
        by_doc.setdefault(p.doc, []).append(i)
    src_vectors = source.vectors.reconstruct_n(0, source.vectors.ntotal)
    fig_rows = source.figure_rows
    docs = sorted(by_doc)
    passages, rows, fig_rows_out, infos = [], [], [], []
    d = 0
    while len(passages) < n:
        src_doc = docs[d % len(docs)]
        year = 2013 + d % 14
        doc_id = f"synth-{d:06d}-{year}"
        order = by_doc[src_doc][:]
        rng.shuffle(order)
        order = order[:n - len(passages)]
        memo: dict[str, str] = {}
        for j, i in enumerate(order):
            p = source.passages[i]
            figures = []
            for k, f in enumerate(p.figures):
                figures.append(Figure(**{**f.model_dump(), "text": perturb(f.text, rng, memo),
                                         "context": perturb(f.context, rng, memo), "doc": doc_id, "paragraph": j + 1}))
                fig_rows_out.append(fig_rows[(p.id, k)])
            passages.append(Passage(id=f"{doc_id}:{j}", doc=doc_id, paragraph=j + 1, section=p.section, lead=p.lead,
                                    period=p.period, text=perturb(p.text, rng, memo), figures=figures))
            rows.append(i)
        infos.append(DocumentInfo(doc=doc_id, title=f"{year}年政府工作报告（合成，源自{src_doc}）", path="", encoding="utf-8",
                                  paragraphs=len(order), passages=len(order), sha256="0" * 64))
        d += 1
    vectors = noisy(src_vectors[rows], sigma, nrng)
    figure_vectors = (noisy(source.figure_vectors[fig_rows_out], sigma, nrng) if fig_rows_out
                      else np.zeros((0, src_vectors.shape[1]), dtype=np.float32))
    return passages, infos, vectors, figure_vectors


def ingest(args) -> dict:
    from rag.milvus_store import MilvusStore
    from rag.store import new_manifest

    source = source_index(args.out, args.source_index)
    t = time.perf_counter()
    passages, infos, vectors, figure_vectors = synthesize(source, args.passages, args.noise, args.seed)
    made_s = time.perf_counter() - t
    db = args.out / f"milvus-scale-{args.passages}.db"
    if db.exists():
        db.unlink()
    np.save(args.out / f"milvus-scale-{args.passages}-vectors.npy", vectors)
    store = MilvusStore(str(db))
    manifest = new_manifest(source.embedder, vectors.shape[1], infos, len(passages), 0, 300)
    print(f"ingesting {len(passages)} passages and {len(figure_vectors)} figures of {len(infos)} documents ...",
          file=sys.stderr)
    t = time.perf_counter()
    store.write(manifest, passages, [], vectors, np.zeros((0, vectors.shape[1]), np.float32), figure_vectors)
    ingest_s = time.perf_counter() - t
    store.client.close()
    return {"passages": len(passages), "figures": int(len(figure_vectors)), "documents": len(infos),
            "source": str(args.source_index or args.out / "source-index"),
            "source_passages": len(source.passages), "noise_sigma": args.noise, "synthesize_s": round(made_s, 1),
            "ingest_s": round(ingest_s, 1), "ingest_rows_per_s": round((len(passages) + len(figure_vectors)) / ingest_s),
            "ingest_passages_per_s": round(len(passages) / ingest_s), "db": str(db)}


# --- 4. queries, in a fresh process ---


def questions() -> list[str]:
    out = []
    for path in GOLD:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                if item["type"] != "commitment_topic":
                    out.append(item["question"])
    return out


def query(args) -> dict:
    from rag import milvus_store
    from rag.service import Service

    db = args.out / f"milvus-scale-{args.passages}.db"
    before = rss_mb()
    t = time.perf_counter()
    svc = Service(Settings(store=f"milvus:{db}")).load()
    load_s = time.perf_counter() - t
    index, retriever = svc.state.index, svc.state.retriever
    qs = questions()[:args.queries]
    svc.ask(qs[0])  # jieba's dictionary and the model's first call
    res: dict = {"load_s": round(load_s, 1), "queries": len(qs)}
    timings: dict[str, list[float]] = {"embed": [], "dense": [], "bm25": [], "ask": []}
    qvecs = []
    for q in qs:
        t = time.perf_counter()
        qvecs.append(retriever.embed(q))
        timings["embed"].append(time.perf_counter() - t)
    for q, qv in zip(qs, qvecs):
        t = time.perf_counter()
        index.dense_search(qv, retriever.candidates)
        timings["dense"].append(time.perf_counter() - t)
        t = time.perf_counter()
        index.lexical_search(q, retriever.candidates)
        timings["bm25"].append(time.perf_counter() - t)
        t = time.perf_counter()
        svc.ask(q)
        timings["ask"].append(time.perf_counter() - t)
    for name, values in timings.items():
        res[f"{name}_p50_ms"] = round(1000 * statistics.median(values), 1)
        res[f"{name}_p95_ms"] = round(1000 * pct(values, 0.95), 1)
    res["python_rss_mb"] = round(rss_mb() - before, 0)
    res["python_rss_total_mb"] = round(rss_mb(), 0)
    res["milvus_lite_rss_mb"] = round(sum(rss_mb(pid) for pid in milvus_lite_pids(db)), 0)
    res["disk_mb"] = round(disk_mb(db), 1)
    # ANN recall@10 against exact search over the same vectors, several nprobe
    vectors = np.load(args.out / f"milvus-scale-{args.passages}-vectors.npy", mmap_mode="r")
    exact = []
    for qv in qvecs:
        scores = np.asarray(vectors @ qv)
        exact.append(set(np.argpartition(-scores, 10)[:10].tolist()))
    sweep = {}
    for probe in args.nprobe:
        recalls, lat = [], []
        for qv, truth in zip(qvecs, exact):
            t = time.perf_counter()
            hits = index.store.client.search(index._name("passages"), data=[qv], anns_field="vector", limit=10,
                                             output_fields=["seq"],
                                             search_params={"metric_type": "IP", "params": {"nprobe": probe}})
            lat.append(time.perf_counter() - t)
            got = {h["entity"]["seq"] for h in hits[0]}
            recalls.append(len(got & truth) / 10)
        sweep[probe] = {"recall@10": round(float(np.mean(recalls)), 4),
                         "dense_k10_p50_ms": round(1000 * statistics.median(lat), 1)}
    res["nprobe"] = sweep
    res["nprobe_default"] = milvus_store.NPROBE
    res["index"] = index.store._vector_index(args.passages)
    res["maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--passages", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=120)
    ap.add_argument("--noise", type=float, default=0.015, help="sigma of the per-dimension Gaussian noise")
    ap.add_argument("--nprobe", type=int, nargs="+", default=[8, 16, 32, 64])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    ap.add_argument("--phase", choices=["all", "ingest", "query"], default="all")
    ap.add_argument("--source-index", type=Path, help="a FAISS index of real reports to take passages and vectors "
                                                       "from (default: build one of corpus/ and ../shared/reports/)")
    args = ap.parse_args()
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    result_path = args.out / f"milvus-scale-{args.passages}.json"
    if args.phase == "ingest":
        print(json.dumps(ingest(args)))
        return
    if args.phase == "query":
        print(json.dumps(query(args)))
        return
    started = time.perf_counter()
    common = [sys.executable, __file__, "--passages", str(args.passages), "--queries", str(args.queries),
              "--noise", str(args.noise), "--seed", str(args.seed), "--out", str(args.out),
              "--nprobe", *map(str, args.nprobe)]
    if args.source_index:
        common += ["--source-index", str(args.source_index.resolve())]
    result = {"machine": f"{os.uname().machine}, {os.cpu_count()} CPU", "load_average_at_start": os.getloadavg()}
    for phase in ("ingest", "query"):
        out = subprocess.run([*common, "--phase", phase], check=True, stdout=subprocess.PIPE, text=True).stdout
        result[phase] = json.loads(out.strip().splitlines()[-1])
        print(f"{phase}: {result[phase]}", file=sys.stderr)
    result["load_average_at_end"] = os.getloadavg()
    result["wall_s"] = round(time.perf_counter() - started, 1)
    result_path.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    i, q = result["ingest"], result["query"]
    print(f"| passages | figures | ingest rows/s | dense p50/p95 ms | BM25 p50/p95 ms | ask p50/p95 ms "
          f"(embedding p50) | recall@10 (nprobe) | Python / milvus RSS MiB | disk MiB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    recall = ", ".join(f"{v['recall@10']:.3f} ({k})" for k, v in q["nprobe"].items())
    print(f"| {i['passages']} | {i['figures']} | {i['ingest_rows_per_s']} | {q['dense_p50_ms']} / {q['dense_p95_ms']} "
          f"| {q['bm25_p50_ms']} / {q['bm25_p95_ms']} | {q['ask_p50_ms']} / {q['ask_p95_ms']} ({q['embed_p50_ms']}) "
          f"| {recall} | {q['python_rss_total_mb']:.0f} / {q['milvus_lite_rss_mb']:.0f} | {q['disk_mb']:.0f} |")


if __name__ == "__main__":
    main()

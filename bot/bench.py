"""`python -m bot bench`: answer latency against its floor (embed + bare FAISS), ingest against bare embedding."""

from __future__ import annotations

import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from bot.config import Config


def _pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else 0.0


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def bench_answers(cfg: Config, questions: list[str]) -> dict:
    """Per question: (a) embed + bare FAISS search, (b) the full answer path; the same process and model."""
    from bot.engine import Engine

    started = time.perf_counter()
    engine = Engine(cfg)
    first = engine.answer(questions[0])
    startup = time.perf_counter() - started
    floor, full = [], []
    for question in questions:
        t0 = time.perf_counter()
        vector = engine.embedder.embed_queries([question])
        engine.index.dense.search(vector, cfg.top_k)
        t1 = time.perf_counter()
        engine.answer(question)
        t2 = time.perf_counter()
        floor.append(t1 - t0)
        full.append(t2 - t1)
    ratios = [b / a for a, b in zip(floor, full)]
    return {
        "questions": len(questions),
        "startup_to_first_answer_s": round(startup, 3),
        "first_answer_found": first.found,
        "floor_ms": {"median": round(statistics.median(floor) * 1000, 2), "p95": round(_pct(floor, 95) * 1000, 2)},
        "full_ms": {"median": round(statistics.median(full) * 1000, 2), "p95": round(_pct(full, 95) * 1000, 2)},
        "ratio_full_over_floor": {
            "median_of_medians": round(statistics.median(full) / statistics.median(floor), 3),
            "p95_of_p95s": round(_pct(full, 95) / _pct(floor, 95), 3),
            "per_question_median": round(statistics.median(ratios), 3),
            "per_question_p95": round(_pct(ratios, 95), 3),
        },
    }


def bench_ingest(cfg: Config) -> dict:
    """A full ingest of the corpus into a scratch index, against embedding the same chunk texts bare."""
    from bot.embedding import get_embedder
    from bot.ingest.pipeline import embed_text, ingest
    from bot.store import load_index

    embedder = get_embedder(cfg.model)
    embedder.embed_queries(["warm-up"])
    with tempfile.TemporaryDirectory() as scratch:
        scratch_cfg = cfg.with_overrides(index_dir=Path(scratch) / "index")
        t0 = time.perf_counter()
        report = ingest(scratch_cfg, show_progress=False, force=True)
        ingest_s = time.perf_counter() - t0
        texts = [embed_text(c) for c in load_index(scratch_cfg.index_dir).chunks]
    t0 = time.perf_counter()
    embedder.embed_passages(texts)
    bare_s = time.perf_counter() - t0
    return {"chunks": report.chunks, "ingest_s": round(ingest_s, 3), "bare_embedding_s": round(bare_s, 3),
            "ratio_ingest_over_embedding": round(ingest_s / bare_s, 3)}


def bench_scale(n: int, dim: int = 384, queries: int = 200, seed: int = 0) -> dict:
    """FAISS index types on `n` synthetic unit vectors: build time, search latency, memory, recall@10 vs exact."""
    import faiss

    rng = np.random.default_rng(seed)
    # Clustered data behaves like real embeddings (random uniform vectors make every ANN look bad).
    centers = rng.normal(size=(256, dim)).astype(np.float32)
    data = centers[rng.integers(0, 256, n)] + 0.3 * rng.normal(size=(n, dim)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    q = data[rng.integers(0, n, queries)] + 0.05 * rng.normal(size=(queries, dim)).astype(np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    results = {}
    exact = None
    for name, factory in _index_types(dim, n).items():
        t0 = time.perf_counter()
        index = factory(data)
        build = time.perf_counter() - t0
        t0 = time.perf_counter()
        for row in q:
            _, ids = index.search(row.reshape(1, -1), 10)
        per_query = (time.perf_counter() - t0) / queries
        _, all_ids = index.search(q, 10)
        if exact is None:
            exact = all_ids
        recall = float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(all_ids, exact)]))
        results[name] = {"build_s": round(build, 2), "search_ms": round(per_query * 1000, 3),
                         "memory_mb": round(len(faiss.serialize_index(index)) / 2**20, 1), "recall@10": round(recall, 3)}
    results["bm25"] = _bench_bm25(n, rng)
    return {"vectors": n, "dim": dim, "types": results}


def _index_types(dim: int, n: int) -> dict:
    import faiss

    def flat(data):
        index = faiss.IndexFlatIP(dim)
        index.add(data)
        return index

    def hnsw(data):
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.add(data)
        index.hnsw.efSearch = 64
        return index

    def ivf(data):
        nlist = max(16, int(4 * np.sqrt(n)))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
        index.train(data[: min(n, 50 * nlist)])
        index.add(data)
        index.nprobe = 16
        return index

    return {"flat (exact, used now)": flat, "hnsw32": hnsw, "ivf_flat": ivf}


def _bench_bm25(n: int, rng) -> dict:
    from bot.lexical import LexicalIndex

    words = ["立案", "罚没", "收入", "培训", "执法", "夜市", "便民", "服务", "审批", "公示", "处罚", "信访"]
    texts = [" ".join(rng.choice(words, 12)) + f" {int(rng.integers(1, 999))}宗" for _ in range(n)]
    t0 = time.perf_counter()
    index = LexicalIndex.build(texts)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(50):
        index.scores(["立案", "罚没", "35"])
    return {"build_s": round(build, 2), "search_ms": round((time.perf_counter() - t0) / 50 * 1000, 3)}


def run_bench(cfg: Config, questions_path: str, scale: int = 0, library: str | None = None,
              copies: list[int] | None = None) -> int:
    from bot.evaluation import load_cases

    questions = [c.question for c in load_cases(Path(questions_path))]
    result = {"machine": machine(), "answers": bench_answers(cfg, questions), "ingest": bench_ingest(cfg)}
    if scale:
        result["scale"] = bench_scale(scale)
    if library:
        from bot.bench_library import bench_library

        # Largest last: peak memory is read from the largest child process so far.
        result["library"] = []
        for n in sorted(copies or [1]):
            result["library"].append(bench_library(cfg, Path(library), n, questions))
            print(json.dumps(result["library"][-1], ensure_ascii=False), flush=True)  # long runs: keep each size
    print(json.dumps(result, ensure_ascii=False, indent=2))
    a, i = result["answers"]["ratio_full_over_floor"], result["ingest"]
    print(f"\nfull answer / floor: median {a['median_of_medians']}x, p95 {a['p95_of_p95s']}x; "
          f"ingest / bare embedding: {i['ratio_ingest_over_embedding']}x; "
          f"start-up to first answer {result['answers']['startup_to_first_answer_s']}s")
    Path("bench-results.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0

"""The FAISS index type by library size: exact while it is cheap, IVF past that, its recall measured at ingest.

Exact inner-product search costs about 0.15 ms per thousand chunks per question on this machine, so it stays
below the cost of embedding the question up to ~40,000 chunks (README, Scale). Past that an IVF index is
trained on the library's own vectors, and nprobe is raised until recall@10 against exact search on a sample
of the library's vectors reaches the target; the recall reached is written into the manifest.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

EXACT_MAX_CHUNKS = 40_000
RECALL_TARGET = 0.95
RECALL_K = 10
SAMPLE_QUERIES = 200
MIN_IVF = 16  # fewer vectors than this cannot be split into lists worth probing: stay exact


@dataclass
class DenseSpec:
    """What the manifest records about the dense index: enough to reload and to trust it."""

    type: str  # "flat" or "ivf"
    vectors: int
    nlist: int = 0
    nprobe: int = 0
    recall_at_10: float = 1.0
    sample_queries: int = 0

    def to_json(self) -> dict:
        return asdict(self)


def choose_type(n: int, wanted: str = "auto", exact_max: int = EXACT_MAX_CHUNKS) -> str:
    if wanted not in ("auto", "flat", "ivf"):
        raise ValueError(f"unknown dense index type {wanted!r}: use auto, flat or ivf (env BOT_DENSE_INDEX)")
    if wanted != "auto":
        return wanted
    return "ivf" if n > exact_max else "flat"


def build(vectors: np.ndarray, kind: str, seed: int = 0):
    """(faiss index, DenseSpec) for these L2-normalised vectors; row number == chunk id in both types."""
    import faiss

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n, dim = vectors.shape
    if kind == "flat" or n < MIN_IVF:
        index = faiss.IndexFlatIP(dim)  # inner product on unit vectors == cosine similarity
        index.add(vectors)
        return index, DenseSpec("flat", n)
    # 4·sqrt(n) lists is FAISS's usual start; n//8 keeps a few points per list in the small libraries of tests.
    nlist = max(2, min(int(4 * math.sqrt(n)), n // 8))
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
    rng = np.random.default_rng(seed)
    train = vectors if n <= 256 * nlist else vectors[np.sort(rng.choice(n, 256 * nlist, replace=False))]
    index.train(train)
    index.add(vectors)
    index.make_direct_map()  # so reconstruct(id) works, as incremental ingest and bench need
    spec = tune_nprobe(index, vectors, rng)
    return index, spec


def tune_nprobe(index, vectors: np.ndarray, rng) -> DenseSpec:
    """Double nprobe until recall@10 against exact search on sample queries reaches RECALL_TARGET."""
    queries = sample_queries(vectors, rng)
    truth = exact_top(vectors, queries, RECALL_K)
    nprobe, recall = 4, 0.0
    while True:
        index.nprobe = min(nprobe, index.nlist)
        recall = recall_at_k(index.search(queries, RECALL_K)[1], truth)
        if recall >= RECALL_TARGET or index.nprobe == index.nlist:
            break
        nprobe *= 2
    return DenseSpec("ivf", index.ntotal, index.nlist, index.nprobe, round(recall, 4), len(queries))


def sample_queries(vectors: np.ndarray, rng, count: int = SAMPLE_QUERIES) -> np.ndarray:
    """Library vectors nudged off their own point: near-duplicates of real content, like real questions."""
    rows = vectors[rng.choice(len(vectors), min(count, len(vectors)), replace=False)]
    noisy = rows + 0.05 * rng.standard_normal(rows.shape).astype(np.float32)
    return (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)


def exact_top(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """Brute-force top-k ids by inner product, in blocks so a large library is never multiplied at once."""
    best_scores = np.full((len(queries), 0), -np.inf, np.float32)
    best_ids = np.zeros((len(queries), 0), np.int64)
    for start in range(0, len(vectors), 65536):
        block = queries @ vectors[start : start + 65536].T
        scores = np.concatenate([best_scores, block], axis=1)
        ids = np.concatenate([best_ids, np.broadcast_to(np.arange(start, start + block.shape[1]), block.shape)], axis=1)
        top = np.argsort(-scores, axis=1, kind="stable")[:, :k]
        best_scores, best_ids = np.take_along_axis(scores, top, 1), np.take_along_axis(ids, top, 1)
    return best_ids


def recall_at_k(found: np.ndarray, truth: np.ndarray) -> float:
    k = truth.shape[1]
    return float(np.mean([len(set(a.tolist()) & set(b.tolist())) / k for a, b in zip(found, truth)]))


def apply_spec(index, spec: dict | None) -> None:
    """On load: set the search depth the ingest chose (faiss stores nprobe too; the manifest is the record)."""
    if spec and spec.get("type") == "ivf" and hasattr(index, "nprobe"):
        index.nprobe = int(spec["nprobe"])

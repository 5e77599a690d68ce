"""Index types by size, against a brute-force numpy oracle; IVF saved and loaded with the depth chosen at ingest."""

from __future__ import annotations

import numpy as np
import pytest

from bot import dense_index
from bot.records import Chunk
from bot.store import load_index, publish, write_build


def library(n: int, dim: int = 32, seed: int = 0) -> np.ndarray:
    """Clustered unit vectors: real embeddings cluster by topic, uniform noise would flatter no index."""
    rng = np.random.default_rng(seed)
    centers = rng.normal(size=(40, dim)).astype(np.float32)
    data = centers[rng.integers(0, 40, n)] + 0.4 * rng.normal(size=(n, dim)).astype(np.float32)
    return (data / np.linalg.norm(data, axis=1, keepdims=True)).astype(np.float32)


def oracle(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    return np.argsort(-(queries @ vectors.T), axis=1, kind="stable")[:, :k]


@pytest.mark.parametrize("n,wanted,expected", [
    (10, "auto", "flat"), (40_000, "auto", "flat"), (40_001, "auto", "ivf"), (10, "ivf", "ivf"), (10**6, "flat", "flat"),
])
def test_type_follows_size_unless_chosen(n, wanted, expected):
    assert dense_index.choose_type(n, wanted) == expected


def test_unknown_type_names_the_choices():
    with pytest.raises(ValueError, match="auto, flat or ivf"):
        dense_index.choose_type(10, "hnsw")


def test_exact_top_matches_numpy_across_blocks():
    vectors, queries = library(70_000, 16), library(20, 16, seed=1)
    assert np.array_equal(dense_index.exact_top(vectors, queries, 10), oracle(vectors, queries, 10))


def test_flat_index_is_the_oracle():
    vectors, queries = library(3000), library(50, seed=1)
    index, spec = dense_index.build(vectors, "flat")
    assert spec.type == "flat" and spec.recall_at_10 == 1.0
    assert np.array_equal(index.search(queries, 10)[1], oracle(vectors, queries, 10))


def test_ivf_reaches_its_recorded_recall_against_the_oracle():
    both = library(6100)
    vectors, queries = both[:6000], both[6000:]  # held-out queries from the same topics, never seen by tuning
    index, spec = dense_index.build(vectors, "ivf")
    assert spec.type == "ivf" and spec.nlist > 1 and 1 <= spec.nprobe <= spec.nlist
    assert spec.recall_at_10 >= dense_index.RECALL_TARGET and spec.sample_queries == 200
    measured = dense_index.recall_at_k(index.search(queries, 10)[1], oracle(vectors, queries, 10))
    assert measured >= 0.9
    assert np.allclose(index.reconstruct(123), vectors[123])  # incremental ingest reads vectors back


def test_a_tiny_library_stays_exact_even_when_ivf_is_asked_for():
    _, spec = dense_index.build(library(10), "ivf")
    assert spec.type == "flat"


def test_ivf_build_loads_with_its_nprobe_and_searches_like_at_ingest(tmp_path):
    vectors = library(3000)
    index, spec = dense_index.build(vectors, "ivf")
    chunks = [Chunk(i, "a.txt", "A", [], f"第{i}条", 0, 1, [(0, 1)]) for i in range(len(vectors))]
    manifest = {"model": "test", "dim": 32, "chunking": {}, "files": {}, "dense": spec.to_json()}
    publish(tmp_path, write_build(tmp_path, manifest, chunks, vectors, [], dense=index))
    loaded = load_index(tmp_path)
    assert loaded.manifest["dense"]["type"] == "ivf" and loaded.dense.nprobe == spec.nprobe
    queries = library(20, seed=3)
    assert np.array_equal(loaded.dense.search(queries, 10)[1], index.search(queries, 10)[1])

"""Hybrid retrieval: FAISS dense search and BM25 over jieba tokens, fused by reciprocal rank."""

from __future__ import annotations

import numpy as np

from bot.query import Query
from bot.records import Hit
from bot.store import StoredIndex

RRF_K = 60  # the constant of Cormack et al. (2009); damps the difference between rank 1 and rank 2
DENSE_DEPTH = 50


def rrf(rankings: list[list[int]], k: int = RRF_K, weights: list[float] | None = None) -> dict[int, float]:
    """Reciprocal-rank fusion: each ranking adds weight / (k + rank) to every id it lists (rank from 1)."""
    weights = weights or [1.0] * len(rankings)
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, item in enumerate(ranking, 1):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank)
    return fused


def dense_search(index: StoredIndex, query_vector: np.ndarray, depth: int = DENSE_DEPTH) -> tuple[list[int], np.ndarray]:
    """Chunk ids by cosine similarity, and the similarity of every chunk searched."""
    depth = min(depth, index.dense.ntotal)
    if depth == 0:
        return [], np.zeros(0, np.float32)
    scores, ids = index.dense.search(np.ascontiguousarray(query_vector.reshape(1, -1), dtype=np.float32), depth)
    similarity = np.zeros(index.dense.ntotal, np.float32)
    similarity[ids[0]] = scores[0]
    return [int(i) for i in ids[0] if i >= 0], similarity


def lexical_search(index: StoredIndex, query: Query, depth: int = DENSE_DEPTH) -> tuple[list[int], np.ndarray]:
    """Chunk ids by BM25; chunks sharing no token with the question get no rank at all, so they cast no vote."""
    scores = index.lexical.scores(query.tokens)
    order = [int(i) for i in np.argsort(-scores, kind="stable")[:depth] if scores[i] > 0]
    return order, scores


def hybrid_search(index: StoredIndex, query: Query, query_vector: np.ndarray, k: int) -> list[Hit]:
    dense_ids, dense_scores = dense_search(index, query_vector)
    lexical_ids, lexical_scores = lexical_search(index, query)
    fused = rrf([dense_ids, lexical_ids])
    best = sorted(fused, key=lambda i: (-fused[i], i))[:k]
    # a passage found by its words alone lies outside the dense search's depth: its similarity is read from its
    # stored vector, or it would fail every similarity check whatever it says (a large library pushes the
    # report's passages past that depth)
    searched = set(dense_ids)
    for i in best:
        if i not in searched:
            dense_scores[i] = stored_similarity(index, i, query_vector)
    return [Hit(index.chunks[i], fused[i], float(dense_scores[i]), float(lexical_scores[i])) for i in best]


def stored_similarity(index: StoredIndex, chunk_id: int, vector: np.ndarray) -> float:
    """Cosine similarity of the question and one chunk, from its stored vector; 0 for an approximate index
    without its direct map."""
    try:
        stored = index.dense.reconstruct(chunk_id)
    except RuntimeError:
        return 0.0
    return float(np.dot(stored, vector))

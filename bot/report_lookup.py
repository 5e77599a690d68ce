"""A second look in the reports for a question counting things ("被人申请复议了几次？", "书面指导发了几次？"): in a
library of laws, articles share such a question's words (复议, 申请, 书面) far more often than the one report
sentence that counts it, and crowd it out of the candidates, though no article ever counts what the bureau
did. The best report passages by the question alone are read too."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from bot.query import Query, counts_events
from bot.records import Hit
from bot.retrieval import rrf
from bot.store import StoredIndex

LOOKED_UP = 2  # report passages added at most
DEPTH = 30  # report passages ranked by each of the two signals


def with_report_passages(query: Query, hits: list[Hit], index: StoredIndex, vector: np.ndarray,
                         keep: Callable[[list[Hit]], list[Hit]] = lambda found: found) -> list[Hit]:
    """`hits`, plus up to LOOKED_UP of the report passages most like the question that are not among them yet,
    for a question counting things (几次, 几件, how many), with or without a word saying they were done
    ("对外公开的审批许可决定有几件？"); other questions' hits unchanged (a story told in the past, "狗走丢了…
    有没有时间限制", counts nothing, and a report's passage is no answer to it)."""
    if not counts_events(query) or not index.catalogue.has_reports:
        return hits
    ids, vectors = _report_rows(index)
    if not ids:
        return hits
    words = index.lexical.scores(query.tokens)
    lexical = words[ids]
    dense = vectors @ vector if vectors is not None else np.zeros(len(ids), np.float32)
    by_words = [ids[i] for i in np.argsort(-lexical, kind="stable")[:DEPTH] if lexical[i] > 0]
    by_meaning = [ids[i] for i in np.argsort(-dense, kind="stable")[:DEPTH]] if vectors is not None else []
    fused = rrf([by_meaning, by_words])
    seen = {h.chunk.id for h in hits}
    best = [i for i in sorted(fused, key=lambda i: (-fused[i], i)) if i not in seen][:LOOKED_UP]
    similarity = dict(zip(ids, dense.tolist()))
    return hits + keep([Hit(index.chunks[i], 0.0, float(similarity[i]), float(words[i])) for i in best])


def _report_rows(index: StoredIndex) -> tuple[list[int], np.ndarray | None]:
    """The chunk ids of the reports, and their stored vectors (None for an approximate index without its direct
    map); computed once per loaded index."""
    cached = index.__dict__.get("_report_rows")
    if cached is None:
        catalogue = index.catalogue
        ids = [c.id for c in index.chunks if catalogue[c.source].kind == "report"]
        try:
            vectors = np.stack([index.dense.reconstruct(i) for i in ids]) if ids else None
        except RuntimeError:
            vectors = None
        cached = index.__dict__["_report_rows"] = (ids, vectors)
    return cached

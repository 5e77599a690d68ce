"""A second look for the question's key word: when no retrieved passage names it ("偷井盖" among articles that
all say 治安管理处罚), the passages of the same documents that do are looked up by that word alone and read too."""

from __future__ import annotations

import numpy as np

from bot.evidence import Concept
from bot.key_words import key_concepts
from bot.records import Hit
from bot.retrieval import stored_similarity
from bot.store import StoredIndex
from bot.tokenize import token_set, tokens

LOOKED_UP = 2  # passages added: the best by the key word alone


def with_key_passages(items: list[Concept], hits: list[Hit], index: StoredIndex, vector: np.ndarray, scope) -> list[Hit]:
    """`hits`, plus up to LOOKED_UP passages of the documents among them that name the key word of the
    question's concepts `items`, when none of `hits` does. `scope` filters and orders hits as the question's
    document and place allow."""
    keys = key_concepts(items)
    if not keys or any(_names(h, keys) for h in hits):
        return hits
    # the key word's own tokens, and its expansions only where the index knows them whole: the pieces of an
    # expansion ("检查井" -> 检查) would look up whatever is checked
    words = [t for k in keys for w in k.words for t in tokens(w)] + [p for k in keys for p in k.phrases if index.lexical.knows(p)]
    scores = index.lexical.scores(list(dict.fromkeys(words)))
    seen = {h.chunk.id for h in hits}
    # only inside the documents retrieval chose: the look-up finds the passage, not another document
    documents = {h.chunk.source for h in hits}
    found = [Hit(index.chunks[int(i)], 0.0, stored_similarity(index, int(i), vector), float(scores[i]))
             for i in np.argsort(-scores, kind="stable")[:50]
             if scores[i] > 0 and int(i) not in seen and index.chunks[int(i)].source in documents]
    return hits + scope(found)[:LOOKED_UP]


def _names(hit: Hit, keys: list[Concept]) -> bool:
    present = token_set(hit.chunk.text)
    return any(k.found_in(hit.chunk.text, present) for k in keys)

"""A second opinion on a weakly supported clause of a law: does the embedding model, reading the question
against the few best clauses one by one, pick the same clause the word evidence picked?

Chunk similarity blurs a long article's many items together, and a colloquial question shares few words with
any of them ("河边的警示牌被人拆走了" against "损毁、移动警示标志"), so both signals run low on a right answer. When
the two independent judges agree on the clause, a weakly supported answer stands; and a clause chosen on few of
the question's words that the model does not pick is refused (bot/model_review.py `_seconded`, `_doubted`). On the
development split (Chinese), the model picked the words' clause for 91% of the right answers and for 44% of
the wrong ones. For an English question the pick must be clear (a margin over every runner-up), as
cross-lingual similarities run close together. A penalty clause that names its behaviour only by number is
read once per behaviour it punishes (`Readings`). Clauses are embedded only for these checks, and cached:
about 60 ms a clause here."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

AMONG = 4  # the chosen clause and its runners-up by word evidence that the model compares
CACHE = 4096  # clause vectors kept: the same articles come up again and again

Similar = Callable[[Sequence[str]], list[float]]
# a clause as the model reads it: one text, or several readings of which the most similar counts (a penalty
# clause once per behaviour it punishes, bot/penalty_reach.py `as_behaviours`)
Readings = str | Sequence[str]


class ClauseSimilarity:
    """Cosine similarity of one question's vector to clauses, with the clause vectors cached across questions."""

    def __init__(self, embed_passages: Callable[[list[str]], np.ndarray]) -> None:
        self._embed = embed_passages
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def to(self, vector: np.ndarray) -> Similar:
        """The similarity function for one question."""
        return lambda texts: [float(v @ vector) for v in self._vectors(list(texts))]

    def _vectors(self, texts: list[str]) -> list[np.ndarray]:
        # One lock over look-up and embedding: the model embeds one call at a time anyway, and another
        # question's eviction cannot come between a clause found and a clause read.
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
            if missing:
                self._cache.update(zip(missing, self._embed(missing)))
            for text in texts:
                self._cache.move_to_end(text)
            vectors = [self._cache[t] for t in texts]
            while len(self._cache) > CACHE:
                self._cache.popitem(last=False)
            return vectors


def agrees(clauses: Sequence[Readings], similar: Similar | None, floor: float, margin: float = 0.0) -> bool:
    """The first clause (the one the word evidence chose) is also the one most like the question, by at least
    `margin` over every runner-up, and like it at least `floor`; False without runners-up to compare or a model
    to ask."""
    scores = _compared(clauses, similar)
    return bool(scores) and scores[0] >= floor and scores[0] - max(scores[1:]) >= margin


def preferred(clauses: Sequence[Readings], similar: Similar | None, floor: float, margin: float) -> int:
    """The runner-up (index > 0) the model prefers to the first clause by at least `margin`, and finds at least
    `floor` similar to the question; 0 when it prefers none."""
    scores = _compared(clauses, similar)
    if not scores:
        return 0
    best = max(range(len(scores)), key=lambda i: scores[i])
    return best if best and scores[best] >= floor and scores[best] - scores[0] >= margin else 0


def _compared(clauses: Sequence[Readings], similar: Similar | None) -> list[float]:
    """The model's similarity for the first AMONG clauses, each its best reading; none without runners-up to
    compare or a model."""
    if similar is None or len(clauses) < 2:
        return []
    readings = [(c,) if isinstance(c, str) else tuple(c) for c in clauses[:AMONG]]
    scores = iter(similar([text for texts in readings for text in texts]))
    return [max(next(scores) for _ in texts) for texts in readings]

"""BM25 over jieba tokens (bm25s), saved as plain JSON and .npy files beside the vectors."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from bot.tokenize import tokens


def _bm25s():
    import bm25s

    # bm25s sets its own logger to DEBUG on import, which would print on every index build.
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


class LexicalIndex:
    def __init__(self, retriever) -> None:
        self._bm25 = retriever

    @classmethod
    def build(cls, texts: list[str]) -> "LexicalIndex":
        retriever = _bm25s().BM25()
        # Empty texts would leave rows without tokens; the empty token keeps row numbers aligned with chunk ids.
        retriever.index([tokens(t) or [""] for t in texts], show_progress=False)
        return cls(retriever)

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every row for these tokens; unknown tokens score nothing."""
        return np.asarray(self._bm25.get_scores(list(query_tokens)), dtype=np.float32)

    def idf(self, token: str) -> float:
        """Inverse document frequency over chunks; a token the corpus never uses gets the rarest weight."""
        n = int(self._bm25.scores["num_docs"])
        df = self.df(token)
        return float(np.log(1 + (n - df + 0.5) / (df + 0.5)))

    def df(self, token: str) -> int:
        """How many chunks use the token."""
        column = self._bm25.vocab_dict.get(token)
        return 0 if column is None else int(self._bm25.scores["indptr"][column + 1] - self._bm25.scores["indptr"][column])

    def rows(self, token: str) -> np.ndarray:
        """The chunks that use the token (row numbers, ascending)."""
        column = self._bm25.vocab_dict.get(token)
        if column is None:
            return np.zeros(0, np.int64)
        indptr = self._bm25.scores["indptr"]
        return np.asarray(self._bm25.scores["indices"][indptr[column]: indptr[column + 1]])

    def knows(self, token: str) -> bool:
        return token in self._bm25.vocab_dict

    def save(self, folder: Path) -> None:
        self._bm25.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> "LexicalIndex":
        return cls(_bm25s().BM25.load(str(folder), show_progress=False, verbosity=0))

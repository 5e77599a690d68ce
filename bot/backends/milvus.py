"""Milvus backend: one collection per build holding vectors, chunk payloads and a BM25 (jieba) text field.

`milvus://host:19530/name` talks to a Milvus server or cluster; `milvus-lite:///path/file.db` runs the same
`pymilvus` API embedded (pure-Python Milvus Lite; one process per database file). Collections are named
<name>_<build id>; the alias <name> follows the published build, so other clients see one stable name.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass

import numpy as np

from bot.errors import BotError

DEFAULT_COLLECTION = "bot_chunks"
INSERT_BATCH = 512
TEXT_MAX = 8192  # characters of a chunk kept in the BM25 field; chunks are ~160, so this never cuts one

_clients: dict[str, object] = {}
_lock = threading.Lock()


class StoreUnavailable(BotError):
    pass


@dataclass
class MilvusStore:
    uri: str
    base: str

    @classmethod
    def from_url(cls, url: str) -> "MilvusStore":
        if url.startswith("milvus-lite://"):
            path, _, name = url[len("milvus-lite://"):].partition("#")
            return cls(path, _name(name or DEFAULT_COLLECTION))
        rest = url[len("milvus://"):]
        hostport, _, name = rest.partition("/")
        return cls(f"http://{hostport}", _name(name or DEFAULT_COLLECTION))

    @property
    def client(self):
        """One client per address per process: Milvus Lite refuses a second process on the same file."""
        with _lock:
            if self.uri not in _clients:
                from pymilvus import MilvusClient

                logging.getLogger("grpc._server").addFilter(_unimplemented_rpc)
                try:
                    _clients[self.uri] = MilvusClient(self.uri)
                except Exception as exc:  # pymilvus raises its own hierarchy; the user needs the address and the fix
                    raise StoreUnavailable(
                        f"cannot open the Milvus store at {self.uri} ({exc.__class__.__name__}: {exc}): check that the "
                        "server runs, or, for milvus-lite, that no other process (a running bot) holds the file; "
                        "several processes need a server: `milvus-lite server --data-dir DIR --port 19530` and "
                        "BOT_STORE=milvus://127.0.0.1:19530/NAME") from exc
            return _clients[self.uri]

    def collection_for(self, build_id: str) -> str:
        return self.base + "_" + re.sub(r"\W", "_", build_id, flags=re.ASCII)

    def write_collection(self, build_id: str, chunks, vectors: np.ndarray, spec: dict, text_of) -> str:
        name = self.collection_for(build_id)
        client = self.client
        if client.has_collection(name):
            client.drop_collection(name)
        client.create_collection(name, schema=_schema(vectors.shape[1]))
        for start in range(0, len(chunks), INSERT_BATCH):
            client.insert(name, [_row(c, vectors[c.id], text_of(c)) for c in chunks[start : start + INSERT_BATCH]])
        client.create_index(name, _index_params(client, spec))
        client.load_collection(name)
        return name

    def open_collection(self, name: str, ntotal: int, spec: dict | None = None) -> "MilvusDense":
        if not self.client.has_collection(name):
            raise StoreUnavailable(f"collection {name} named by the index is not in the Milvus store at {self.uri}: "
                                   "run `python ingest.py --force` with the same BOT_STORE")
        self.client.load_collection(name)
        nprobe = (spec or {}).get("nprobe") if (spec or {}).get("type") == "ivf" else None
        return MilvusDense(self.client, name, ntotal, {"nprobe": nprobe} if nprobe else {})

    def promote(self, build_id: str, keep: list[str]) -> None:
        client, name = self.client, self.collection_for(build_id)
        if self.base in client.list_aliases().get("aliases", []):
            client.alter_alias(name, self.base)
        else:
            client.create_alias(name, self.base)
        wanted = {self.collection_for(b) for b in keep} | {name}
        for old in client.list_collections():
            if old.startswith(self.base + "_") and old not in wanted:
                client.drop_collection(old)


class MilvusDense:
    """A collection seen through the FAISS calls retrieval makes; row id == chunk id, as in the FAISS file."""

    def __init__(self, client, collection: str, ntotal: int, params: dict | None = None) -> None:
        self.client, self.collection, self.ntotal = client, collection, ntotal
        self.params = params or {}

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        found = self.client.search(self.collection, data=[q.tolist() for q in np.atleast_2d(queries)],
                                   anns_field="vector", limit=k, search_params={"metric_type": "IP", "params": self.params})
        scores = np.full((len(found), k), -np.inf, np.float32)
        ids = np.full((len(found), k), -1, np.int64)
        for row, hits in enumerate(found):
            for col, hit in enumerate(hits[:k]):
                scores[row, col], ids[row, col] = hit["distance"], hit["id"]
        return scores, ids

    def reconstruct(self, i: int) -> np.ndarray:
        rows = self.client.get(self.collection, ids=[int(i)], output_fields=["vector"])
        if not rows:
            raise RuntimeError(f"chunk {i} is not in collection {self.collection}")
        return np.asarray(rows[0]["vector"], np.float32)

    def reconstruct_n(self, start: int, n: int) -> np.ndarray:
        return np.stack([self.reconstruct(i) for i in range(start, start + n)]) if n else np.zeros((0, 0), np.float32)

    def text_search(self, text: str, k: int) -> list[tuple[int, float]]:
        """BM25 inside Milvus over its jieba analyzer: the lexical side held by the engine (see README)."""
        found = self.client.search(self.collection, data=[text], anns_field="sparse", limit=k)
        return [(int(h["id"]), float(h["distance"])) for h in found[0]]


def _unimplemented_rpc(record: logging.LogRecord) -> bool:
    """Milvus Lite's embedded server lacks RPCs pymilvus tries first (AllocTimestamp) and then does without;
    grpc logs each as an ERROR with a traceback, which would read as a failure in every ingest."""
    return "Method not implemented" not in record.getMessage()


def _name(raw: str) -> str:
    """Milvus names allow letters, digits and underscores, starting with a letter or underscore."""
    cleaned = re.sub(r"\W", "_", raw, flags=re.ASCII)
    return cleaned if re.match(r"[A-Za-z_]", cleaned) else f"_{cleaned}"


def _schema(dim: int):
    from pymilvus import DataType, Function, FunctionType, MilvusClient

    schema = MilvusClient.create_schema(auto_id=False)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dim)
    schema.add_field("source", DataType.VARCHAR, max_length=1024)
    schema.add_field("chunk", DataType.JSON)
    schema.add_field("text", DataType.VARCHAR, max_length=TEXT_MAX * 4, enable_analyzer=True,
                     analyzer_params={"tokenizer": "jieba"})
    schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    schema.add_function(Function(name="bm25", function_type=FunctionType.BM25,
                                 input_field_names=["text"], output_field_names=["sparse"]))
    return schema


def _row(chunk, vector: np.ndarray, text: str) -> dict:
    return {"id": chunk.id, "vector": vector.tolist(), "source": chunk.source[:1024], "chunk": chunk.to_json(),
            "text": text[:TEXT_MAX]}


def _index_params(client, spec: dict):
    """The same choice as the FAISS file: exact while cheap, IVF with the nprobe tuned at ingest past that."""
    params = client.prepare_index_params()
    if spec.get("type") == "ivf":
        params.add_index(field_name="vector", index_type="IVF_FLAT", metric_type="IP", params={"nlist": spec["nlist"]})
    else:
        params.add_index(field_name="vector", index_type="FLAT", metric_type="IP")
    params.add_index(field_name="sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
    return params

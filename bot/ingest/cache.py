"""Per-file chunks and vectors saved as they are made, so a killed ingest resumes where it stopped.

index/cache/<key>.jsonl holds the file's manifest entry on its first line and then its chunks (ids from 0);
<key>.npy holds its vectors, row n for chunk n.
The key hashes everything the pair depends on: the file's bytes, the model, the chunking parameters and
the Chunk fields, so a changed file or setting can never pick up stale vectors. Plain files, no pickle:
`python -c "import numpy; print(numpy.load('index/cache/<key>.npy').shape)"` inspects one.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import fields
from pathlib import Path

import numpy as np

from bot.records import Chunk

CACHE_FORMAT = 1


def cache_key(sha256: str, model: str, chunking: dict) -> str:
    """One key per (file content, model, chunking); the Chunk field names make a schema change a miss."""
    spec = {"format": CACHE_FORMAT, "sha256": sha256, "model": model, "chunking": chunking,
            "chunk_fields": [f.name for f in fields(Chunk)]}
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:32]


class VectorCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, key: str) -> tuple[Path, Path]:
        return self.folder / f"{key}.jsonl", self.folder / f"{key}.npy"

    def has(self, key: str) -> bool:
        return all(p.is_file() for p in self._paths(key))

    def chunks(self, key: str, first_id: int) -> tuple[dict, list[Chunk]] | None:
        """(file entry, chunks renumbered from `first_id`), or None when not cached (or unreadable)."""
        if not self.has(key):
            return None
        try:
            lines = self._paths(key)[0].read_text(encoding="utf-8").splitlines()
            meta = json.loads(lines[0])["file"]
            rows = [json.loads(line) for line in lines[1:] if line]
            return meta, [Chunk.from_json({**row, "id": first_id + n}) for n, row in enumerate(rows)]
        except (ValueError, TypeError, KeyError, IndexError):  # a half-written or foreign file is a miss, not a crash
            return None

    def vectors(self, key: str) -> np.ndarray | None:
        try:
            # mmap: the rows are copied straight into the build's matrix, never held twice.
            return np.load(self._paths(key)[1], mmap_mode="r", allow_pickle=False)
        except (OSError, ValueError):
            return None

    def put(self, key: str, meta: dict, chunks: list[Chunk], vectors: np.ndarray) -> None:
        """Save one file's pair; each part is renamed into place whole, the vectors last."""
        if len(chunks) != len(vectors):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors for cache entry {key}")
        self.folder.mkdir(parents=True, exist_ok=True)
        jsonl, npy = self._paths(key)
        tag = uuid.uuid4().hex[:8]
        tmp_jsonl, tmp_npy = jsonl.with_name(f".{key}.{tag}.jsonl"), npy.with_name(f".{key}.{tag}.npy")
        with open(tmp_jsonl, "w", encoding="utf-8") as handle:
            handle.write(json.dumps({"file": meta}, ensure_ascii=False) + "\n")
            for n, chunk in enumerate(chunks):
                handle.write(json.dumps({**chunk.to_json(), "id": n}, ensure_ascii=False) + "\n")
        with open(tmp_npy, "wb") as handle:
            np.save(handle, np.ascontiguousarray(vectors, dtype=np.float32), allow_pickle=False)
        os.replace(tmp_jsonl, jsonl)
        os.replace(tmp_npy, npy)  # has() needs both, so an entry is visible only once complete

    def prune(self, keep: set[str]) -> int:
        """Remove entries no published file uses (and temp files of killed runs); returns how many went."""
        if not self.folder.is_dir():
            return 0
        removed = 0
        for path in self.folder.iterdir():
            key = path.name.split(".")[1] if path.name.startswith(".") else path.name.split(".")[0]
            if key not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

"""The index folder: FAISS vectors, BM25, chunk metadata and a manifest, published by one atomic rename.

Layout: index/CURRENT names the live build; index/builds/<id>/ holds manifest.json, chunks.jsonl,
dense.faiss, lexical/, the fact sheet (facts.jsonl), the penalty table (penalties.jsonl) and the quiz (quiz.jsonl). A build is written
under a temporary name, renamed into place, and only then is CURRENT replaced (os.replace is atomic),
so a reader sees the old index or the new one, never half of either.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot.backends import open_dense
from bot.dense_index import apply_spec
from bot.errors import IndexCorrupt, IndexNotFound, ModelMismatch
from bot.lexical import LexicalIndex
from bot.penalties import Penalty
from bot.records import Chunk, Fact, QuizItem

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
KEEP_BUILDS = 3  # the live build plus two older ones that a bot may still be reading


@dataclass
class StoredIndex:
    path: Path
    manifest: dict
    chunks: list[Chunk]
    dense: object  # faiss.Index; row number == chunk id
    lexical: LexicalIndex
    facts: list[Fact] = field(default_factory=list)
    quiz: list[QuizItem] = field(default_factory=list)
    penalties: list[Penalty] = field(default_factory=list)
    _texts: dict[str, str] = field(default_factory=dict, repr=False)
    _articles: dict[tuple[str, str], list[Chunk]] = field(default_factory=dict, repr=False)
    _by_source: dict[str, list[Chunk]] = field(default_factory=dict, repr=False)

    @property
    def catalogue(self):
        from bot.catalogue import Catalogue

        if "_catalogue" not in self.__dict__:
            self.__dict__["_catalogue"] = Catalogue(self.manifest.get("files", {}))
        return self.__dict__["_catalogue"]

    def article(self, source: str, label: str) -> list[Chunk]:
        """The chunks of one article of one document, in reading order (a long article has several)."""
        if not self._articles:
            grouped: dict[tuple[str, str], list[Chunk]] = {}
            for chunk in self.chunks:
                if chunk.article:
                    grouped.setdefault((chunk.source, chunk.article), []).append(chunk)
            self._articles.update(grouped)
        return self._articles.get((source, label), [])

    def articles_of(self, source: str) -> list[list[Chunk]]:
        self.article("", "")
        return [chunks for (src, _), chunks in self._articles.items() if src == source]

    def chunks_of(self, source: str) -> list[Chunk]:
        """A document's chunks in reading order, grouped once per index rather than scanned per call."""
        if not self._by_source:
            grouped: dict[str, list[Chunk]] = {}
            for chunk in self.chunks:
                grouped.setdefault(chunk.source, []).append(chunk)
            self._by_source.update(grouped)
        return self._by_source.get(source, [])

    def text_of(self, source: str) -> str:
        """A document's text as indexed (its chunks joined), for checking what the document mentions."""
        if not self._texts:
            joined: dict[str, list[str]] = {}
            for chunk in self.chunks:
                joined.setdefault(chunk.source, [chunk.title]).append(chunk.text)
            self._texts.update({k: "\n".join(v) for k, v in joined.items()})
        return self._texts.get(source, "")

    def chunks_in_section(self, chunk: Chunk) -> list[Chunk]:
        """Every chunk of the same document under the same top two heading levels, in reading order."""
        key = chunk.section[:2]
        return [c for c in self.chunks_of(chunk.source) if c.section[:2] == key]

    @property
    def build_id(self) -> str:
        return self.manifest["build_id"]

    def vectors(self) -> np.ndarray:
        return self.dense.reconstruct_n(0, self.dense.ntotal)


def make_faiss(vectors: np.ndarray):
    import faiss

    # Vectors are L2-normalised, so inner product is cosine similarity; exact search is cheap at this scale.
    index = faiss.IndexFlatIP(vectors.shape[1])
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def current_build(index_dir: Path) -> Path:
    pointer = index_dir / "CURRENT"
    if not pointer.is_file():
        raise IndexNotFound(str(index_dir))
    build = index_dir / "builds" / pointer.read_text(encoding="utf-8").strip()
    if not (build / "manifest.json").is_file():
        raise IndexCorrupt(str(index_dir), f"build {build.name} named by CURRENT is missing")
    return build


def read_manifest(index_dir: Path) -> dict | None:
    """The live manifest, or None when there is no usable index yet."""
    try:
        return json.loads((current_build(index_dir) / "manifest.json").read_text(encoding="utf-8"))
    except (IndexNotFound, IndexCorrupt, OSError, ValueError):
        return None


def load_index(index_dir: Path, model: str | None = None, store: str = "") -> StoredIndex:
    """Load the live build; refuse one built with another embedding model than `model`.

    With `store` (BOT_STORE) set, dense search goes to the build's collection there (bot/backends)."""
    import faiss

    build = current_build(index_dir)
    try:
        manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT_VERSION:
            raise IndexCorrupt(str(index_dir), f"format {manifest.get('format')} is not {FORMAT_VERSION}")
        if model is not None and manifest["model"] != model:
            raise ModelMismatch(str(index_dir), manifest["model"], model)
        chunks = [Chunk.from_json(json.loads(line)) for line in _lines(build / "chunks.jsonl")]
        facts = [Fact(**json.loads(line)) for line in _lines(build / "facts.jsonl")] if (build / "facts.jsonl").exists() else []
        quiz = [QuizItem(**json.loads(line)) for line in _lines(build / "quiz.jsonl")] if (build / "quiz.jsonl").exists() else []
        penalties = [Penalty.from_json(json.loads(line)) for line in _lines(build / "penalties.jsonl")] \
            if (build / "penalties.jsonl").exists() else []
        dense = faiss.read_index(str(build / "dense.faiss"))
        apply_spec(dense, manifest.get("dense"))
        lexical = LexicalIndex.load(build / "lexical")
    except (IndexCorrupt, ModelMismatch):
        raise
    except Exception as exc:  # any unreadable part means the whole build is unusable
        raise IndexCorrupt(str(index_dir), f"{exc.__class__.__name__}: {exc}") from exc
    if dense.ntotal != len(chunks):
        raise IndexCorrupt(str(index_dir), f"{dense.ntotal} vectors for {len(chunks)} chunks")
    dense = open_dense(store, manifest, dense)
    return StoredIndex(build, manifest, chunks, dense, lexical, facts, quiz, penalties)


def _lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_build(index_dir: Path, manifest: dict, chunks: list[Chunk], vectors: np.ndarray,
                facts: list[Fact], quiz: list[QuizItem] | None = None, penalties: list[Penalty] | None = None,
                dense=None) -> Path:
    """Write a complete build under a temporary name and rename it into index/builds/.

    `dense` is a FAISS index already built from `vectors` (bot/dense_index.py picks its type); exact when omitted."""
    import faiss

    build_id = time.strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
    builds = index_dir / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    tmp = builds / f".tmp-{build_id}"
    tmp.mkdir()
    manifest = {**manifest, "format": FORMAT_VERSION, "build_id": build_id}
    _write_lines(tmp / "chunks.jsonl", (c.to_json() for c in chunks))
    _write_lines(tmp / "facts.jsonl", (f.to_json() for f in facts))
    _write_lines(tmp / "quiz.jsonl", (q.to_json() for q in quiz or []))
    _write_lines(tmp / "penalties.jsonl", (p.to_json() for p in penalties or []))
    faiss.write_index(dense if dense is not None else make_faiss(vectors), str(tmp / "dense.faiss"))
    LexicalIndex.build([lexical_text(c) for c in chunks]).save(tmp / "lexical")
    # The manifest goes last: a build folder without one is never treated as complete.
    (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    final = builds / build_id
    os.rename(tmp, final)
    return final


def publish(index_dir: Path, build: Path) -> None:
    """Point CURRENT at `build` in one atomic step, then remove builds nobody should still read."""
    pointer_tmp = index_dir / f".CURRENT-{uuid.uuid4().hex[:6]}"
    pointer_tmp.write_text(build.name + "\n", encoding="utf-8")
    with open(pointer_tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(pointer_tmp, index_dir / "CURRENT")
    _prune(index_dir / "builds", keep=build.name)


def _prune(builds: Path, keep: str) -> None:
    finished = sorted((p for p in builds.iterdir() if not p.name.startswith(".")), key=lambda p: p.name)
    old = [p for p in finished if p.name != keep][: max(0, len(finished) - KEEP_BUILDS)]
    for path in old:
        shutil.rmtree(path, ignore_errors=True)
    for tmp in builds.glob(".tmp-*"):
        if time.time() - tmp.stat().st_mtime > 3600:  # left by an ingest that was killed an hour ago
            shutil.rmtree(tmp, ignore_errors=True)


def lexical_text(chunk: Chunk) -> str:
    """BM25 sees the section titles too: a question may name the topic, not the sentence."""
    return " ".join(chunk.section[-1:]) + " " + (chunk.lead + " " if chunk.lead else "") + chunk.text


def _write_lines(path: Path, rows) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def kept_builds(index_dir: Path) -> list[str]:
    """Ids of the finished builds still on disk (the live one and those a reader may still hold)."""
    builds = index_dir / "builds"
    return sorted(p.name for p in builds.iterdir() if not p.name.startswith(".")) if builds.is_dir() else []

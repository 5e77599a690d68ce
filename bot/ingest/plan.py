"""Where each corpus file's chunks, vectors, facts and penalty rows come from in a build: the cache of an
earlier (perhaps killed) run, the previous build, or the file itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

import numpy as np

from bot.config import Config
from bot.errors import UnreadableDocument
from bot.ingest.cache import VectorCache
from bot.ingest.chunking import chunk_document
from bot.ingest.documents import read_document
from bot.ingest.loaders import corpus_files, file_sha256
from bot.penalties import Penalty, extract_penalties
from bot.records import Chunk, Document, Fact, QuizItem
from bot.store import StoredIndex

if TYPE_CHECKING:
    from bot.ingest.pipeline import IngestReport


@dataclass
@dataclass
class FilePlan:
    """One corpus file in this build: its rows in the matrix, and whether its vectors are in the cache."""

    source: str
    key: str
    meta: dict
    chunks: list[Chunk]
    cached: bool


@dataclass
class Extracted:
    """What the build derives from the chunks besides vectors."""

    facts: list[Fact] = field(default_factory=list)
    quiz: list[QuizItem] = field(default_factory=list)
    penalties: list[Penalty] = field(default_factory=list)

    def add(self, other: "Extracted") -> None:
        self.facts += other.facts
        self.quiz += other.quiz
        self.penalties += other.penalties


def plan_files(cfg: Config, key_of: Callable[[str], str], cache: VectorCache, previous: StoredIndex | None,
               same_extractors: bool, force: bool, report: IngestReport) -> tuple[list[FilePlan], list[Chunk], Extracted]:
    """Chunks, facts, questions and penalty rows of every file, from the cache, the previous build or the file.

    Documents are dropped once chunked: only chunks (which the index keeps anyway) stay in memory."""
    old = _Previous(previous)
    plans: list[FilePlan] = []
    chunks: list[Chunk] = []
    extracted = Extracted()
    for path in corpus_files(cfg.corpus_dir):
        source = path.relative_to(cfg.corpus_dir).as_posix()
        sha = file_sha256(path)
        key = key_of(sha)
        unchanged = old.files.get(source, {}).get("sha256") == sha
        plan = None if force else _from_cache(cache, source, key, len(chunks))
        if plan is None and unchanged:
            plan = _from_previous(previous, cache, source, key, old.chunks.get(source, []), len(chunks))
        try:
            plan = plan or _from_file(cfg, path, source, sha, key, len(chunks))
        except UnreadableDocument as exc:
            report.skipped.append((source, str(exc)))
            continue
        if plan.cached and not same_extractors:
            plan = _reidentified(plan, path, cfg, cache)
        (report.reused if unchanged else report.updated).append(source)
        report.resumed += int(plan.cached and not unchanged)
        plans.append(plan)
        chunks += plan.chunks
        extracted.add(old.extracted_for(source, plan.chunks) if unchanged and same_extractors
                      else _fresh_extracted(plan.chunks))
    return plans, chunks, extracted


class _Previous:
    """The previous build grouped by file, so reusing 3,000 files is not 3,000 scans of the index."""

    def __init__(self, previous: StoredIndex | None) -> None:
        self.files = previous.manifest["files"] if previous else {}
        self.chunks = _by_source(previous.chunks) if previous else {}
        self._facts = _by_source(previous.facts) if previous else {}
        self._quiz = _by_source(previous.quiz) if previous else {}
        self._penalties = _by_source(previous.penalties) if previous else {}

    def extracted_for(self, source: str, chunks: list[Chunk]) -> Extracted:
        """An unchanged file's facts, questions and penalty rows, renumbered to its chunks' new ids."""
        mapping = {old.id: new.id for old, new in zip(self.chunks.get(source, []), chunks)}

        def renumbered(items: list) -> list:
            return [type(i)(**{**i.__dict__, "chunk_id": mapping.get(i.chunk_id, -1)}) for i in items]

        return Extracted(renumbered(self._facts.get(source, [])), self._quiz.get(source, []),
                         renumbered(self._penalties.get(source, [])))


def _fresh_extracted(chunks: list[Chunk]) -> Extracted:
    """New or changed file, or new extractor code: facts, questions and penalty rows made afresh."""
    facts, penalties = _extract_facts(chunks), extract_penalties(chunks)
    return Extracted(facts, _make_quiz(facts, penalties), penalties)


def _from_cache(cache: VectorCache, source: str, key: str, first_id: int) -> FilePlan | None:
    found = cache.chunks(key, first_id)
    if found is None:
        return None
    meta, chunks = found
    return FilePlan(source, key, meta, chunks, cached=True)


def _from_previous(previous: StoredIndex, cache: VectorCache, source: str, key: str, old: list[Chunk],
                   first_id: int) -> FilePlan | None:
    """An unchanged file of a build made before the cache existed: its vectors move into the cache."""
    try:
        vectors = np.stack([previous.dense.reconstruct(c.id) for c in old]) if old else np.zeros((0, previous.dense.d), np.float32)
    except RuntimeError:  # an index type that cannot give vectors back: embed the file again
        return None
    meta = {**previous.manifest["files"][source], "chunks": len(old), "cache": key}
    chunks = [Chunk(**{**c.__dict__, "id": first_id + n}) for n, c in enumerate(old)]
    cache.put(key, meta, chunks, vectors)
    return FilePlan(source, key, meta, chunks, cached=True)


def _reidentified(plan: FilePlan, path, cfg: Config, cache: VectorCache) -> FilePlan:
    """A reused file read again for who it is (title, place, dates), when that code may have changed since its
    vectors were saved: cheap beside embedding, and its cache entry keeps the new record."""
    doc = read_document(path, cfg.corpus_dir)
    meta = {**plan.meta, "title": doc.title, **doc.meta}
    if meta == plan.meta:
        return plan
    chunks = [Chunk(**{**c.__dict__, "title": doc.title}) for c in plan.chunks]
    vectors = cache.vectors(plan.key)
    if vectors is not None:
        cache.put(plan.key, meta, chunks, vectors)
    return FilePlan(plan.source, plan.key, meta, chunks, cached=True)


def _from_file(cfg: Config, path, source: str, sha: str, key: str, first_id: int) -> FilePlan:
    doc = read_document(path, cfg.corpus_dir)
    chunks = chunk_document(doc, cfg.chunk_chars, cfg.chunk_overlap, first_id=first_id)
    return FilePlan(source, key, file_entry(doc, sha, len(chunks), key), chunks, cached=False)


def file_entry(doc: Document, sha: str, chunks: int, key: str) -> dict:
    """A file's record in the manifest (and in its cache entry, so a cached file needs no re-reading)."""
    return {"sha256": sha, "title": doc.title, "chunks": chunks, "pages": len(doc.pages), "cache": key, **doc.meta}


def _by_source(items: list) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for item in items:
        grouped.setdefault(item.source, []).append(item)
    return grouped


def _extract_facts(chunks: list[Chunk]) -> list[Fact]:
    from bot.facts import extract_facts

    return extract_facts(chunks)


def _make_quiz(facts: list[Fact], penalties: list[Penalty]) -> list[QuizItem]:
    from bot.penalty_quiz import penalty_items
    from bot.quiz import make_items

    return make_items(facts) + penalty_items(penalties)

"""Build or update the index: read changed files, chunk, embed, extract facts and quiz questions, publish atomically."""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass, field

import numpy as np

from bot.backends import after_publish, upload
from bot.config import Config
from bot.embedding import get_embedder
from bot.dense_index import build as build_dense
from bot.dense_index import choose_type
from bot.errors import BotError, UnreadableDocument
from bot.ingest.cache import VectorCache, cache_key
from bot.ingest.chunking import chunk_document
from bot.ingest.documents import read_document
from bot.ingest.legal import PREAMBLE
from bot.ingest.loaders import corpus_files, file_sha256
from bot.ingest.progress import Progress
from bot.penalties import Penalty, extract_penalties
from bot.records import Chunk, Document, Fact, QuizItem
from bot.store import StoredIndex, kept_builds, lexical_text, load_index, publish, write_build

log = logging.getLogger(__name__)

CHUNKER_VERSION = 2  # 2: laws and regulations chunked by article
EMBED_BATCH = 64  # chunks per embedding call: progress and the kill window stay small


@dataclass
class IngestReport:
    files: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    chunks: int = 0
    embedded: int = 0
    resumed: int = 0  # new or changed files whose vectors a killed earlier run had already cached
    facts: int = 0
    penalties: int = 0
    changed: bool = True
    seconds: float = 0.0
    embed_seconds: float = 0.0
    build: str = ""

    def summary(self) -> str:
        if not self.changed:
            head = f"index is up to date: {self.files} file(s), {self.chunks} chunks; nothing re-embedded"
        else:
            head = (f"indexed {self.files} file(s) into {self.chunks} chunks, {self.facts} facts and "
                    f"{self.penalties} penalty rows in "
                    f"{self.seconds:.1f}s: embedded {self.embedded} chunk(s), reused {len(self.reused)} "
                    f"unchanged file(s), updated {len(self.updated)}, removed {len(self.removed)}")
            if self.resumed:
                head += f"; {self.resumed} new file(s) resumed from the cache of an earlier, unfinished run"
        lines = [head] + [f"skipped {name}: {reason}" for name, reason in self.skipped]
        return "\n".join(lines)


def chunking_params(cfg: Config) -> dict:
    return {"max_chars": cfg.chunk_chars, "overlap": cfg.chunk_overlap, "version": CHUNKER_VERSION}


def extractor_versions() -> dict:
    """Facts and questions of an unchanged file are reused only when they were made by the same code."""
    from bot.facts import FACTS_VERSION
    from bot.penalties import PENALTIES_VERSION
    from bot.quiz import QUIZ_VERSION

    return {"facts": FACTS_VERSION, "quiz": QUIZ_VERSION, "penalties": PENALTIES_VERSION}


def embed_text(chunk: Chunk) -> str:
    """What the dense model sees: the title and section path give a short chunk its topic, and a piece
    of a split article its lead-in."""
    if not chunk.article and chunk.section != [PREAMBLE]:
        return f"{chunk.section_path}\n{chunk.text}" if chunk.section else chunk.text
    head = " ".join(part for part in (chunk.title, chunk.section_path, chunk.lead) if part)
    return f"{head}\n{chunk.text}"


@dataclass
class FilePlan:
    """One corpus file in this build: its rows in the matrix, and whether its vectors are in the cache."""

    source: str
    key: str
    meta: dict
    chunks: list[Chunk]
    cached: bool


def ingest(cfg: Config, show_progress: bool = True, force: bool = False) -> IngestReport:
    """Chunk every file, embed file by file into the cache, then write and publish one build atomically.

    A killed run loses only the file being embedded: the next run finds the others in index/cache/."""
    started = time.perf_counter()
    report = IngestReport()
    if not cfg.corpus_dir.is_dir():
        raise BotError(f"corpus folder not found at {cfg.corpus_dir}: create it and put reports (.txt .md .docx .pdf) in it")
    previous = None if force else _reusable_previous(cfg)
    old_files = previous.manifest["files"] if previous else {}
    extractors = extractor_versions()
    same_extractors = previous is not None and previous.manifest.get("extractors") == extractors
    embedder = get_embedder(cfg.model)
    cache = VectorCache(cfg.index_dir / "cache")
    plans, chunks, extracted = _plan(cfg, embedder.name, cache, previous, same_extractors, force, report)
    facts, quiz, penalties = extracted.facts, extracted.quiz, extracted.penalties
    files_meta = {p.source: p.meta for p in plans}
    report.files = len(files_meta)
    report.removed = sorted(set(old_files) - set(files_meta))
    report.chunks, report.facts, report.penalties = len(chunks), len(facts), len(penalties)
    if previous is not None and not report.updated and not report.removed and same_extractors:
        report.changed = False
        report.seconds = time.perf_counter() - started
        return report
    t0 = time.perf_counter()
    matrix = _fill_vectors(plans, len(chunks), embedder, cache, _progress(cfg, plans, show_progress), report)
    report.embed_seconds = time.perf_counter() - t0
    dense, spec = build_dense(matrix, choose_type(len(chunks), cfg.dense_index, cfg.exact_max_chunks))
    manifest = {
        "model": embedder.name, "dim": embedder.dim, "chunking": chunking_params(cfg),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "files": files_meta,
        "counts": {"files": len(files_meta), "chunks": len(chunks), "facts": len(facts), "quiz": len(quiz),
                   "penalties": len(penalties)},
        "extractors": extractors, "dense": spec.to_json(),
    }
    cfg.index_dir.mkdir(parents=True, exist_ok=True)
    build = write_build(cfg.index_dir, manifest, chunks, matrix, facts, quiz, penalties, dense=dense)
    upload(cfg.store, build, build.name, chunks, matrix, spec.to_json(), lexical_text)  # before publish: readers never see a gap
    publish(cfg.index_dir, build)
    after_publish(cfg.store, build.name, kept_builds(cfg.index_dir))
    cache.prune({p.key for p in plans})
    report.build = build.name
    report.seconds = time.perf_counter() - started
    return report


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


def _plan(cfg: Config, model: str, cache: VectorCache, previous: StoredIndex | None, same_extractors: bool,
          force: bool, report: IngestReport) -> tuple[list[FilePlan], list[Chunk], Extracted]:
    """Chunks, facts, questions and penalty rows of every file, from the cache, the previous build or the file.

    Documents are dropped once chunked: only chunks (which the index keeps anyway) stay in memory."""
    old = _Previous(previous)
    plans: list[FilePlan] = []
    chunks: list[Chunk] = []
    extracted = Extracted()
    for path in corpus_files(cfg.corpus_dir):
        source = path.relative_to(cfg.corpus_dir).as_posix()
        sha = file_sha256(path)
        key = cache_key(sha, model, chunking_params(cfg))
        unchanged = old.files.get(source, {}).get("sha256") == sha
        plan = None if force else _from_cache(cache, source, key, len(chunks))
        if plan is None and unchanged:
            plan = _from_previous(previous, cache, source, key, old.chunks.get(source, []), len(chunks))
        try:
            plan = plan or _from_file(cfg, path, source, sha, key, len(chunks))
        except UnreadableDocument as exc:
            report.skipped.append((source, str(exc)))
            continue
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


def _from_file(cfg: Config, path, source: str, sha: str, key: str, first_id: int) -> FilePlan:
    doc = read_document(path, cfg.corpus_dir)
    chunks = chunk_document(doc, cfg.chunk_chars, cfg.chunk_overlap, first_id=first_id)
    return FilePlan(source, key, file_entry(doc, sha, len(chunks), key), chunks, cached=False)


def file_entry(doc: Document, sha: str, chunks: int, key: str) -> dict:
    """A file's record in the manifest (and in its cache entry, so a cached file needs no re-reading)."""
    return {"sha256": sha, "title": doc.title, "chunks": chunks, "pages": len(doc.pages), "cache": key, **doc.meta}


def _progress(cfg: Config, plans: list[FilePlan], show: bool) -> Progress:
    todo = sum(len(p.chunks) for p in plans if not p.cached)
    every = cfg.progress_seconds if show else -1.0
    return Progress(len(plans), todo, tty=show and sys.stderr.isatty(), every=every)


def _fill_vectors(plans: list[FilePlan], total: int, embedder, cache: VectorCache, progress: Progress,
                  report: IngestReport) -> np.ndarray:
    """One preallocated matrix, filled file by file; each embedded file is cached before the next starts."""
    matrix = np.zeros((total, embedder.dim), dtype=np.float32)
    row = 0
    for plan in plans:
        end = row + len(plan.chunks)
        vectors = cache.vectors(plan.key) if plan.cached else None
        if vectors is None or len(vectors) != len(plan.chunks):
            texts = [embed_text(c) for c in plan.chunks]
            for start in range(0, len(texts), EMBED_BATCH):
                batch = texts[start : start + EMBED_BATCH]
                matrix[row + start : row + start + len(batch)] = embedder.embed_passages(batch)
                progress.advance(chunks=len(batch))
            cache.put(plan.key, plan.meta, plan.chunks, matrix[row:end])
            report.embedded += len(plan.chunks)
        else:
            matrix[row:end] = vectors
        progress.advance(files=1)
        row = end
    progress.close()
    return matrix


def _by_source(items: list) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for item in items:
        grouped.setdefault(item.source, []).append(item)
    return grouped


def _reusable_previous(cfg: Config) -> StoredIndex | None:
    """The live index, when its model and chunking match ours so its vectors can be reused."""
    try:
        previous = load_index(cfg.index_dir)
    except BotError as exc:
        log.info("no reusable index (%s): embedding everything", exc)
        return None
    if previous.manifest["model"] != cfg.model or previous.manifest["chunking"] != chunking_params(cfg):
        log.info("index was built with other settings: embedding everything")
        return None
    return previous


def _extract_facts(chunks: list[Chunk]) -> list[Fact]:
    from bot.facts import extract_facts

    return extract_facts(chunks)


def _make_quiz(facts: list[Fact], penalties: list[Penalty]) -> list[QuizItem]:
    from bot.penalty_quiz import penalty_items
    from bot.quiz import make_items

    return make_items(facts) + penalty_items(penalties)

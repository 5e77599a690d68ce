"""Build or update the index: plan every file (bot/ingest/plan.py), embed what is not cached, publish atomically."""

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
from bot.errors import BotError
from bot.ingest.cache import VectorCache, cache_key
from bot.ingest.legal import PREAMBLE
from bot.ingest.plan import FilePlan, plan_files
from bot.ingest.progress import Progress
from bot.records import Chunk
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
    """Facts, questions and identity (title, place) of an unchanged file are reused only when made by the same code."""
    from bot.facts import FACTS_VERSION
    from bot.penalties import PENALTIES_VERSION
    from bot.quiz import QUIZ_VERSION

    from bot.ingest.identity import IDENTITY_VERSION

    return {"facts": FACTS_VERSION, "quiz": QUIZ_VERSION, "penalties": PENALTIES_VERSION, "identity": IDENTITY_VERSION}


def embed_text(chunk: Chunk) -> str:
    """What the dense model sees: the title and section path give a short chunk its topic, and a piece
    of a split article its lead-in."""
    if not chunk.article and chunk.section != [PREAMBLE]:
        return f"{chunk.section_path}\n{chunk.text}" if chunk.section else chunk.text
    head = " ".join(part for part in (chunk.title, chunk.section_path, chunk.lead) if part)
    return f"{head}\n{chunk.text}"


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
    def key_of(sha: str) -> str:
        return cache_key(sha, embedder.name, chunking_params(cfg))

    plans, chunks, extracted = plan_files(cfg, key_of, cache, previous, same_extractors, force, report)
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



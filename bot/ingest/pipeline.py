"""Build or update the index: read changed files, chunk, embed, extract facts and quiz questions, publish atomically."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import numpy as np

from bot.config import Config
from bot.embedding import get_embedder
from bot.errors import BotError, UnreadableDocument
from bot.ingest.chunking import chunk_document
from bot.ingest.documents import read_document
from bot.ingest.legal import PREAMBLE
from bot.ingest.loaders import corpus_files, file_sha256
from bot.penalties import Penalty, extract_penalties
from bot.records import Chunk, Document, Fact, QuizItem
from bot.store import StoredIndex, load_index, publish, write_build

log = logging.getLogger(__name__)

CHUNKER_VERSION = 2  # 2: laws and regulations chunked by article


@dataclass
class IngestReport:
    files: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    chunks: int = 0
    embedded: int = 0
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


def ingest(cfg: Config, show_progress: bool = True, force: bool = False) -> IngestReport:
    started = time.perf_counter()
    report = IngestReport()
    if not cfg.corpus_dir.is_dir():
        raise BotError(f"corpus folder not found at {cfg.corpus_dir}: create it and put reports (.txt .md .docx .pdf) in it")
    previous = None if force else _reusable_previous(cfg)
    old_files = previous.manifest["files"] if previous else {}
    extractors = extractor_versions()
    same_extractors = previous is not None and previous.manifest.get("extractors") == extractors
    embedder = get_embedder(cfg.model)
    chunks: list[Chunk] = []
    vectors: list[np.ndarray] = []
    facts: list[Fact] = []
    quiz: list[QuizItem] = []
    penalties: list[Penalty] = []
    new_docs: list[tuple[Document, list[Chunk]]] = []
    files_meta: dict[str, dict] = {}
    for path in corpus_files(cfg.corpus_dir):
        source = path.relative_to(cfg.corpus_dir).as_posix()
        sha = file_sha256(path)
        if source in old_files and old_files[source]["sha256"] == sha:
            reused, reused_vectors, reused_facts, reused_quiz, reused_penalties = _take_from(
                previous, source, len(chunks), same_extractors)
            chunks += reused
            vectors.append(reused_vectors)
            facts += reused_facts
            quiz += reused_quiz
            penalties += reused_penalties
            files_meta[source] = {**old_files[source], "chunks": len(reused)}
            report.reused.append(source)
            continue
        try:
            doc = read_document(path, cfg.corpus_dir)
        except UnreadableDocument as exc:
            report.skipped.append((source, str(exc)))
            continue
        doc_chunks = chunk_document(doc, cfg.chunk_chars, cfg.chunk_overlap, first_id=len(chunks))
        chunks += doc_chunks
        vectors.append(np.zeros((len(doc_chunks), embedder.dim), dtype=np.float32))
        new_docs.append((doc, doc_chunks))
        doc_facts, doc_penalties = _extract_facts(doc_chunks), extract_penalties(doc_chunks)
        facts += doc_facts
        penalties += doc_penalties
        quiz += _make_quiz(doc_facts, doc_penalties)
        files_meta[source] = {"sha256": sha, "title": doc.title, "chunks": len(doc_chunks), "pages": len(doc.pages),
                              **doc.meta}
        report.updated.append(source)
    report.files = len(files_meta)
    report.removed = sorted(set(old_files) - set(files_meta))
    report.chunks, report.facts, report.penalties = len(chunks), len(facts), len(penalties)
    if previous is not None and not report.updated and not report.removed and same_extractors:
        report.changed = False
        report.seconds = time.perf_counter() - started
        return report
    matrix = np.concatenate(vectors) if vectors else np.zeros((0, embedder.dim), dtype=np.float32)
    fresh = [c for _, doc_chunks in new_docs for c in doc_chunks]
    if fresh:
        t0 = time.perf_counter()
        matrix[[c.id for c in fresh]] = embedder.embed_passages([embed_text(c) for c in fresh], show_progress)
        report.embed_seconds = time.perf_counter() - t0
    report.embedded = len(fresh)
    manifest = {
        "model": embedder.name, "dim": embedder.dim, "chunking": chunking_params(cfg),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "files": files_meta,
        "counts": {"files": len(files_meta), "chunks": len(chunks), "facts": len(facts), "quiz": len(quiz),
                   "penalties": len(penalties)},
        "extractors": extractors,
    }
    cfg.index_dir.mkdir(parents=True, exist_ok=True)
    build = write_build(cfg.index_dir, manifest, chunks, matrix, facts, quiz, penalties)
    publish(cfg.index_dir, build)
    report.build = build.name
    report.seconds = time.perf_counter() - started
    return report


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


def _take_from(previous: StoredIndex, source: str, first_id: int,
               same_extractors: bool) -> tuple[list[Chunk], np.ndarray, list[Fact], list[QuizItem], list[Penalty]]:
    """An unchanged file's chunks, vectors, facts, questions and penalty rows from the previous build, renumbered;
    they are made afresh from the chunks when the code that made them has changed."""
    old = [c for c in previous.chunks if c.source == source]
    ids = [c.id for c in old]
    vectors = np.stack([previous.dense.reconstruct(i) for i in ids]) if ids else np.zeros((0, previous.dense.d), np.float32)
    mapping = {c.id: first_id + n for n, c in enumerate(old)}
    chunks = [Chunk(**{**c.__dict__, "id": mapping[c.id]}) for c in old]
    if not same_extractors:
        facts, penalties = _extract_facts(chunks), extract_penalties(chunks)
        return chunks, vectors, facts, _make_quiz(facts, penalties), penalties
    facts = [Fact(**{**f.__dict__, "chunk_id": mapping.get(f.chunk_id, -1)}) for f in previous.facts if f.source == source]
    penalties = [Penalty(**{**p.__dict__, "chunk_id": mapping.get(p.chunk_id, -1)})
                 for p in previous.penalties if p.source == source]
    return chunks, vectors, facts, [q for q in previous.quiz if q.source == source], penalties


def _extract_facts(chunks: list[Chunk]) -> list[Fact]:
    from bot.facts import extract_facts

    return extract_facts(chunks)


def _make_quiz(facts: list[Fact], penalties: list[Penalty]) -> list[QuizItem]:
    from bot.penalty_quiz import penalty_items
    from bot.quiz import make_items

    return make_items(facts) + penalty_items(penalties)

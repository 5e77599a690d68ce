"""Large-library figures for `python -m bot bench --library DIR --copies 1,3`: ingest rate against bare
embedding, resume after a kill against a full ingest, peak memory, answer latency.

With no large corpus on this machine, the library is made from DIR's files (and the shipped corpus)
replicated N times, each copy under its own title and file name, so every copy is embedded for real.
"""

from __future__ import annotations

import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bot.config import ROOT, Config


def make_library(sources: list[Path], copies: int, corpus: Path) -> int:
    """`copies` of every source file with distinct titles and names; returns the number of files written."""
    corpus.mkdir(parents=True, exist_ok=True)
    for n in range(copies):
        for path in sources:
            text = path.read_text(encoding="utf-8")
            name = f"{path.stem}-副本{n + 1}{path.suffix}" if n else path.name
            (corpus / name).write_text(text if n == 0 else f"{path.stem}（副本{n + 1}）\n\n{text}", encoding="utf-8")
    return copies * len(sources)


def _ingest_cmd(corpus: Path, index: Path) -> list[str]:
    return [sys.executable, str(ROOT / "ingest.py"), "--corpus", str(corpus), "--index", str(index), "--quiet"]


def timed_ingest(corpus: Path, index: Path) -> tuple[float, int]:
    """Wall seconds of a whole `python ingest.py` and its peak RSS in MB (Linux reports ru_maxrss in KB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(_ingest_cmd(corpus, index), check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - t0
    # RUSAGE_CHILDREN keeps the largest child so far: this figure is valid when this run is the largest one.
    return seconds, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) // 1024


def killed_then_resumed(corpus: Path, index: Path, files: int) -> tuple[float, int]:
    """SIGKILL an ingest once half the files are cached, then time the run that finishes the job."""
    job = subprocess.Popen(_ingest_cmd(corpus, index), cwd=ROOT, stdout=subprocess.DEVNULL)
    cache = index / "cache"
    while job.poll() is None:
        done = len([p for p in cache.glob("*.npy") if not p.name.startswith(".")]) if cache.is_dir() else 0
        if done >= files // 2:
            job.send_signal(signal.SIGKILL)
            break
        time.sleep(0.2)
    job.wait()
    t0 = time.perf_counter()
    subprocess.run(_ingest_cmd(corpus, index), check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0, done


def bare_embedding_rate(texts: list[str], model: str, sample: int = 600) -> float:
    """Chunks per second of the embedder alone, on the library's own chunk texts."""
    from bot.embedding import get_embedder

    embedder = get_embedder(model)
    embedder.embed_queries(["warm-up"])
    chosen = texts[:: max(1, len(texts) // sample)][:sample]
    t0 = time.perf_counter()
    embedder.embed_passages(chosen)
    return len(chosen) / (time.perf_counter() - t0)


def answer_latency(cfg: Config, questions: list[str]) -> dict:
    from bot.engine import Engine

    engine = Engine(cfg)
    engine.answer(questions[0])
    times = []
    for question in questions:
        t0 = time.perf_counter()
        engine.answer(question)
        times.append(time.perf_counter() - t0)
    return {"p50_ms": round(statistics.median(times) * 1000, 1), "p95_ms": round(float(np.percentile(times, 95)) * 1000, 1)}


QUALITY_SETS = (("report", "questions.jsonl", ""), ("laws_dev", "library_questions.jsonl", "dev"),
                ("laws_test", "library_questions.jsonl", "test"))
QUALITY_METRICS = ("hit@1", "figure", "article", "refusal", "wrong")


def quality(cfg: Config, sets=QUALITY_SETS) -> dict:
    """The shipped question sets on the built library: top-1, figure, article, refusal and wrong answers per
    language. Meaningful for one copy of real files (copies repeat answers word for word)."""
    from bot.engine import Engine
    from bot.evaluation import load_cases, score

    engine = Engine(cfg)
    out = {}
    for name, filename, split in sets:
        path = ROOT / "tests" / filename
        cases = load_cases(path, split) if path.is_file() else []
        if cases:
            table = score(cases, [engine.answer(c.question) for c in cases])
            out[name] = {lang: {m: round(v[m], 3) for m in QUALITY_METRICS if m in v} for lang, v in table.items()
                         if lang != "all"}
    return out


def bench_library(cfg: Config, library: Path, copies: int, questions: list[str]) -> dict:
    from bot.ingest.pipeline import embed_text
    from bot.store import load_index

    sources = sorted(p for p in library.glob("*.md") if p.name.lower() != "readme.md") + sorted(p for p in cfg.corpus_dir.glob("*.txt") if p.name != "glossary.txt")
    with tempfile.TemporaryDirectory() as scratch:
        corpus, index = Path(scratch) / "corpus", Path(scratch) / "index"
        files = make_library(sources, copies, corpus)
        if (cfg.corpus_dir / "glossary.txt").is_file():  # the staff's vocabulary, as a real deployment has it
            (corpus / "glossary.txt").write_text((cfg.corpus_dir / "glossary.txt").read_text(encoding="utf-8"), encoding="utf-8")
        full_s, peak_mb = timed_ingest(corpus, index)
        built = load_index(index)
        chunks = len(built.chunks)
        bare = bare_embedding_rate([embed_text(c) for c in built.chunks], cfg.model)
        latency = answer_latency(cfg.with_overrides(index_dir=index, corpus_dir=corpus), questions)
        measured = quality(cfg.with_overrides(index_dir=index, corpus_dir=corpus)) if copies == 1 else {}
        dense = built.manifest["dense"]
        del built
        resume_index = Path(scratch) / "resume"
        resume_s, cached = killed_then_resumed(corpus, resume_index, files)
    rate = chunks / full_s
    return {
        "copies": copies, "files": files, "chunks": chunks, "dense": dense["type"],
        "full_ingest_s": round(full_s, 1), "ingest_chunks_per_s": round(rate, 1),
        "bare_embedding_chunks_per_s": round(bare, 1), "ratio_ingest_over_bare": round(bare / rate, 3),
        "resume_after_kill_s": round(resume_s, 1), "files_cached_at_kill": cached,
        "ratio_resume_over_full": round(resume_s / full_s, 3), "peak_rss_mb": peak_mb,
        "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", ""), "answers": latency, "quality": measured,
    }

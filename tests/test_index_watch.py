"""The index watcher the Telegram, DingTalk and WeCom bots share (bot/frontends/index_watch.py), on a real index."""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.frontends.index_watch import watch_index
from bot.worker import EngineWorker

EVERY = 0.05  # seconds between checks here; the bots use RELOAD_EVERY
WAIT = 30.0


def publish_copy(index_dir: Path, build_id: str) -> None:
    """Publish a copy of the live build under a new id, as an ingest would publish a new build."""
    builds = index_dir / "builds"
    live = builds / (index_dir / "CURRENT").read_text(encoding="utf-8").strip()
    shutil.copytree(live, builds / build_id)
    manifest = json.loads((builds / build_id / "manifest.json").read_text(encoding="utf-8"))
    (builds / build_id / "manifest.json").write_text(json.dumps({**manifest, "build_id": build_id}), encoding="utf-8")
    (index_dir / "CURRENT").write_text(build_id, encoding="utf-8")


def publish_broken(index_dir: Path, build_id: str) -> None:
    """A build whose manifest names a format no loader reads: loading it fails."""
    (index_dir / "builds" / build_id).mkdir()
    (index_dir / "builds" / build_id / "manifest.json").write_text('{"format": -1}', encoding="utf-8")
    (index_dir / "CURRENT").write_text(build_id, encoding="utf-8")


async def until(condition, seconds: float = WAIT) -> None:
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "the watcher did not act in time"
        await asyncio.sleep(EVERY)


@pytest.fixture
def own_engine(built_config, tmp_path) -> Engine:
    shutil.copytree(built_config.index_dir, tmp_path / "index")
    return Engine(built_config.with_overrides(index_dir=tmp_path / "index"))


def test_a_new_build_is_picked_up_and_a_broken_one_is_logged_while_the_old_answers(own_engine, caplog):
    engine = own_engine
    index_dir = engine.cfg.index_dir
    worker = EngineWorker(engine, 1, 4)

    async def scenario() -> None:
        watcher = asyncio.create_task(watch_index(worker, engine, every=EVERY))
        try:
            publish_copy(index_dir, "watched-1")
            await until(lambda: engine.index.build_id == "watched-1")
            publish_broken(index_dir, "watched-2")
            await until(lambda: "index reload failed" in caplog.text)
            assert not watcher.done()  # the failure was logged, and the watcher goes on
        finally:
            watcher.cancel()

    with caplog.at_level(logging.ERROR, logger="bot.frontends.index_watch"):
        asyncio.run(scenario())
    worker.shutdown()
    assert engine.index.build_id == "watched-1"
    assert "35" in engine.answer("2023年共立案多少宗？").answer

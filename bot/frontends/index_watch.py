"""Keeping a long-running bot on the newest index: `python ingest.py` publishes a new build while the bot answers,
and the bot switches to it without a restart. Telegram, DingTalk and WeCom run this watcher; the web app checks
on requests instead (web/context.py `fresh`), with the same interval."""

from __future__ import annotations

import asyncio
import logging

from bot.engine import Engine
from bot.worker import EngineWorker

log = logging.getLogger(__name__)

RELOAD_EVERY = 10.0  # seconds between checks for a newly ingested index (each check reads one small file)


async def watch_index(worker: EngineWorker, engine: Engine, every: float = RELOAD_EVERY) -> None:
    """Until cancelled, pick up each new build: the old one answers until the new one is fully loaded."""
    while True:
        await asyncio.sleep(every)
        try:
            await worker.run(engine.reload_if_changed)
        except Exception:  # a broken new build must not stop the old one from answering
            log.exception("index reload failed; still answering from the previous index")

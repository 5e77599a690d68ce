"""Run engine work off the event loop: a small thread pool behind a bounded queue, shared by async front-ends."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

from bot.engine import Engine
from bot.records import Answer

T = TypeVar("T")


class Busy(Exception):
    """More questions are waiting than the queue holds; the front-end asks the user to retry shortly."""


class EngineWorker:
    def __init__(self, engine: Engine, workers: int = 2, queue_size: int = 64) -> None:
        self.engine = engine
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="engine")
        self._queue_size = queue_size
        self._pending = 0

    async def run(self, fn: Callable[..., T], *args) -> T:
        # Counting on the event loop thread needs no lock: the loop runs one coroutine step at a time.
        if self._pending >= self._queue_size:
            raise Busy(f"{self._pending} questions are waiting")
        self._pending += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._pool, fn, *args)
        finally:
            self._pending -= 1

    async def answer(self, question: str) -> tuple[Answer, float]:
        """The answer and the seconds it took, computed in a worker thread."""
        started = time.perf_counter()
        answer = await self.run(self.engine.answer, question)
        return answer, time.perf_counter() - started

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

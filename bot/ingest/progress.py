"""Ingest progress: a tqdm bar on a terminal, otherwise a log line every few seconds (files, chunks, rate, ETA).

A batch job whose output goes to a file or a pipe must still say how far it got, so nobody kills it
after an hour of silence thinking it hung.
"""

from __future__ import annotations

import sys
import time
from typing import Callable


def eta_text(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}h{rest // 60:02d}m" if hours else f"{rest // 60}m{rest % 60:02d}s"


class Progress:
    """Counts files and embedded chunks; `chunks_total` is what must be embedded, cached files excluded."""

    def __init__(self, files_total: int, chunks_total: int, tty: bool, every: float = 5.0,
                 emit: Callable[[str], None] | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.files_total, self.chunks_total = files_total, chunks_total
        self.files = self.chunks = 0
        self.every = every
        self._emit = emit or _to_stderr
        self._clock = clock
        self._started = self._last = clock()
        self._bar = None
        if tty:
            from tqdm import tqdm

            self._bar = tqdm(total=chunks_total, desc="embedding", unit="chunk")

    def line(self) -> str:
        elapsed = max(self._clock() - self._started, 1e-9)
        rate = self.chunks / elapsed
        left = self.chunks_total - self.chunks
        eta = eta_text(left / rate) if rate > 0 else "unknown"
        return (f"ingest: {self.files}/{self.files_total} files, {self.chunks}/{self.chunks_total} chunks embedded, "
                f"{rate:.1f} chunks/s, ETA {eta}")

    def advance(self, chunks: int = 0, files: int = 0) -> None:
        self.files += files
        self.chunks += chunks
        if self._bar is not None:
            self._bar.update(chunks)
        elif self.every >= 0 and self._clock() - self._last >= self.every:
            self._last = self._clock()
            self._emit(self.line())

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        elif self.every >= 0 and self.chunks_total:
            self._emit(self.line())


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)  # flushed: a pipe would otherwise hold it in a buffer

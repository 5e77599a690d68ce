"""Progress off a terminal: a line every few seconds with files, chunks, rate and ETA."""

from __future__ import annotations

from bot.ingest.progress import Progress, eta_text


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_lines_come_every_interval_with_counts_rate_and_eta():
    clock, lines = Clock(), []
    progress = Progress(files_total=10, chunks_total=300, tty=False, every=5.0, emit=lines.append, clock=clock)
    clock.now = 2.0
    progress.advance(chunks=40)
    assert lines == []  # not yet five seconds
    clock.now = 6.0
    progress.advance(chunks=20, files=2)
    assert lines == ["ingest: 2/10 files, 60/300 chunks embedded, 10.0 chunks/s, ETA 0m24s"]
    clock.now = 7.0
    progress.advance(chunks=10)
    assert len(lines) == 1
    clock.now = 12.0
    progress.advance(files=1)
    assert lines[-1] == "ingest: 3/10 files, 70/300 chunks embedded, 5.8 chunks/s, ETA 0m39s"


def test_close_prints_the_final_count_and_quiet_prints_nothing():
    clock, lines = Clock(), []
    progress = Progress(2, 10, tty=False, every=5.0, emit=lines.append, clock=clock)
    clock.now = 1.0
    progress.advance(chunks=10, files=2)
    progress.close()
    assert lines == ["ingest: 2/2 files, 10/10 chunks embedded, 10.0 chunks/s, ETA 0m00s"]
    quiet: list[str] = []
    silent = Progress(2, 10, tty=False, every=-1, emit=quiet.append, clock=clock)
    clock.now = 100.0
    silent.advance(chunks=10, files=2)
    silent.close()
    assert quiet == []


def test_eta_before_any_chunk_is_unknown():
    lines: list[str] = []
    progress = Progress(1, 5, tty=False, every=0, emit=lines.append, clock=Clock())
    progress.advance(files=0)
    assert lines[-1].endswith("ETA unknown")


def test_eta_text_reads_as_hours_and_minutes():
    assert eta_text(59) == "0m59s" and eta_text(3 * 3600 + 125) == "3h02m"

"""One way to open the bot's SQLite files: shared by worker threads, WAL for concurrent readers, schema applied."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def open_db(path: Path, schema: str) -> sqlite3.Connection:
    """Connections are shared across threads; callers serialise use with their own lock."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(str(path), check_same_thread=False, timeout=10)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(schema)
    return db

"""Question log and feedback in SQLite: what was asked, by whom, what was answered, how fast, and 👍/👎."""

from __future__ import annotations

import threading
import time
from pathlib import Path


from bot.sqlite import open_db
from bot.records import Answer

SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts REAL NOT NULL,
    channel TEXT NOT NULL,
    user_id TEXT NOT NULL,
    question TEXT NOT NULL,
    found INTEGER NOT NULL,
    answer TEXT NOT NULL,
    top_section TEXT,
    top_passage TEXT,
    latency_ms REAL,
    feedback INTEGER,
    feedback_ts REAL,
    kind TEXT NOT NULL DEFAULT 'answer',
    understood_as TEXT
);
CREATE INDEX IF NOT EXISTS questions_ts ON questions(ts);
"""
# Columns added after the first release: logs written before them are migrated in place on open.
ADDED_COLUMNS = {"kind": "TEXT NOT NULL DEFAULT 'answer'", "understood_as": "TEXT"}
QUESTIONS = "kind != 'smalltalk'"  # small talk is logged but is not a question, answered or not

# `channel` has always held the front-end's name (telegram, web, dingtalk, wecom); `platform` names it for
# summaries by platform, computed from it so older logs gain it without copying a row.
PLATFORM_COLUMN = "ALTER TABLE questions ADD COLUMN platform TEXT GENERATED ALWAYS AS (channel) VIRTUAL"


class QuestionLog:
    """Thread-safe: front-ends call it from worker threads; one short transaction per call."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db = open_db(path, SCHEMA)
        self._migrate()

    def _migrate(self) -> None:
        present = {row[1] for row in self._db.execute("PRAGMA table_xinfo(questions)")}
        with self._db:
            for name, decl in ADDED_COLUMNS.items():
                if name not in present:
                    self._db.execute(f"ALTER TABLE questions ADD COLUMN {name} {decl}")
            if "platform" not in present:
                self._db.execute(PLATFORM_COLUMN)

    def record(self, channel: str, user_id: str | int, answer: Answer, latency: float) -> int:
        top = answer.passages[0] if answer.passages else None
        with self._lock, self._db:
            cursor = self._db.execute(
                "INSERT INTO questions (ts, channel, user_id, question, found, answer, top_section, top_passage, latency_ms,"
                " kind, understood_as) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (time.time(), channel, str(user_id), answer.question, int(answer.found), answer.answer,
                 top.section if top else None, top.text if top else None, round(latency * 1000, 1),
                 answer.kind, answer.understood_as or None),
            )
            return int(cursor.lastrowid)

    def question(self, qid: int) -> str | None:
        """The question as it was answered: a follow-up's standalone reading, else the text as typed."""
        with self._lock:
            row = self._db.execute("SELECT COALESCE(understood_as, question) FROM questions WHERE id = ?",
                                   (qid,)).fetchone()
        return row[0] if row else None

    def feedback(self, qid: int, value: int) -> bool:
        """Store 👍 (+1) or 👎 (-1); the latest vote counts. False when the question is unknown."""
        with self._lock, self._db:
            cursor = self._db.execute(
                "UPDATE questions SET feedback = ?, feedback_ts = ? WHERE id = ?", (1 if value > 0 else -1, time.time(), qid)
            )
        return cursor.rowcount == 1

    def stats(self, days: int = 30) -> dict:
        since = time.time() - days * 86400
        with self._lock:
            total, found, users, latency = self._db.execute(
                "SELECT COUNT(*), COALESCE(SUM(found), 0), COUNT(DISTINCT user_id), AVG(latency_ms) FROM questions"
                f" WHERE ts >= ? AND {QUESTIONS}", (since,),
            ).fetchone()
            up, down = self._db.execute(
                "SELECT COALESCE(SUM(feedback = 1), 0), COALESCE(SUM(feedback = -1), 0) FROM questions WHERE ts >= ?", (since,)
            ).fetchone()
            unanswered = [r[0] for r in self._db.execute(
                f"SELECT question FROM questions WHERE ts >= ? AND found = 0 AND {QUESTIONS} ORDER BY ts DESC LIMIT 5",
                (since,))]
            smalltalk = self._db.execute("SELECT COUNT(*) FROM questions WHERE ts >= ? AND kind = 'smalltalk'",
                                         (since,)).fetchone()[0]
            platforms = dict(self._db.execute(
                f"SELECT platform, COUNT(*) FROM questions WHERE ts >= ? AND {QUESTIONS} GROUP BY platform ORDER BY platform",
                (since,)))
        return {"days": days, "questions": total, "found": found, "users": users,
                "avg_latency_ms": round(latency or 0.0, 1), "thumbs_up": up, "thumbs_down": down,
                "recent_unanswered": unanswered, "smalltalk": smalltalk, "platforms": platforms}

    def close(self) -> None:
        with self._lock:
            self._db.close()

"""Quiz scores and Leitner boxes per user in SQLite: what each user answered, and when each question is due again."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from bot.sqlite import open_db

# Questions until a card is due again, by Leitner box: a wrong answer goes back to box 1 and returns after
# two other questions; each right answer moves it up a box and further away.
INTERVALS = {1: 2, 2: 5, 3: 12, 4: 30, 5: 80}
MASTERED_BOX = 4
DB_NAME = "quiz.sqlite3"  # kept in Config.data_dir beside the question log

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts REAL NOT NULL,
    user_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    correct INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_user ON answers(user_id);
CREATE TABLE IF NOT EXISTS cards (
    user_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    box INTEGER NOT NULL,
    due INTEGER NOT NULL,
    right INTEGER NOT NULL,
    wrong INTEGER NOT NULL,
    last_ts REAL NOT NULL,
    PRIMARY KEY (user_id, item_id)
);
CREATE TABLE IF NOT EXISTS users (
    user_id TEXT PRIMARY KEY,
    turn INTEGER NOT NULL DEFAULT 0,
    streak INTEGER NOT NULL DEFAULT 0,
    best_streak INTEGER NOT NULL DEFAULT 0,
    pending TEXT
);
"""


@dataclass
class Card:
    """One user's schedule for one question: its box and the turn (answers given) from which it is due."""

    item_id: str
    box: int
    due: int
    right: int = 0
    wrong: int = 0


class QuizStore:
    """Thread-safe: the Telegram bot calls it from worker threads; one short transaction per call."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._db = open_db(self.path, SCHEMA)

    def record(self, user_id: str | int, item_id: str, correct: bool, topic: str = "") -> Card:
        """Log an answer and move the card: up one box when right, back to box 1 when wrong."""
        user = str(user_id)
        with self._lock, self._db:
            turn, streak, best = self._user(user)
            turn += 1
            streak = streak + 1 if correct else 0
            old = self._card(user, item_id)
            box = min((old.box if old else 1) + 1, max(INTERVALS)) if correct else 1
            card = Card(item_id, box, turn + INTERVALS[box], (old.right if old else 0) + int(correct),
                        (old.wrong if old else 0) + int(not correct))
            self._db.execute("INSERT INTO answers (ts, user_id, item_id, topic, correct) VALUES (?, ?, ?, ?, ?)",
                             (time.time(), user, item_id, topic, int(correct)))
            self._db.execute("INSERT OR REPLACE INTO cards VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (user, item_id, card.box, card.due, card.right, card.wrong, time.time()))
            self._db.execute("INSERT OR REPLACE INTO users (user_id, turn, streak, best_streak, pending) VALUES (?, ?, ?, ?, NULL)",
                             (user, turn, streak, max(best, streak)))
        return card

    def _user(self, user: str) -> tuple[int, int, int]:
        row = self._db.execute("SELECT turn, streak, best_streak FROM users WHERE user_id = ?", (user,)).fetchone()
        return tuple(row) if row else (0, 0, 0)

    def _card(self, user: str, item_id: str) -> Card | None:
        row = self._db.execute("SELECT item_id, box, due, right, wrong FROM cards WHERE user_id = ? AND item_id = ?",
                               (user, item_id)).fetchone()
        return Card(*row) if row else None

    def card(self, user_id: str | int, item_id: str) -> Card | None:
        with self._lock:
            return self._card(str(user_id), item_id)

    def cards(self, user_id: str | int) -> dict[str, Card]:
        with self._lock:
            rows = self._db.execute("SELECT item_id, box, due, right, wrong FROM cards WHERE user_id = ?",
                                    (str(user_id),)).fetchall()
        return {row[0]: Card(*row) for row in rows}

    def turn(self, user_id: str | int) -> int:
        """How many answers the user has given: the clock that due turns are counted on."""
        with self._lock:
            return self._user(str(user_id))[0]

    def set_pending(self, user_id: str | int, item_id: str | None) -> None:
        """Remember the question a user was just asked, so a typed answer finds it after a restart too."""
        user = str(user_id)
        with self._lock, self._db:
            self._db.execute("INSERT OR IGNORE INTO users (user_id) VALUES (?)", (user,))
            self._db.execute("UPDATE users SET pending = ? WHERE user_id = ?", (item_id, user))

    def pending(self, user_id: str | int) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT pending FROM users WHERE user_id = ?", (str(user_id),)).fetchone()
        return row[0] if row else None

    def score(self, user_id: str | int, item_ids: Iterable[str] | None = None) -> dict:
        """Answers, right answers, streaks, per-topic results and Leitner progress (over `item_ids` when given)."""
        user = str(user_id)
        with self._lock:
            turn, streak, best = self._user(user)
            answered, correct = self._db.execute(
                "SELECT COUNT(*), COALESCE(SUM(correct), 0) FROM answers WHERE user_id = ?", (user,)).fetchone()
            topics = {t: {"answered": n, "correct": c} for t, n, c in self._db.execute(
                "SELECT topic, COUNT(*), SUM(correct) FROM answers WHERE user_id = ? GROUP BY topic ORDER BY MIN(id)", (user,))}
            rows = self._db.execute("SELECT item_id, box, due FROM cards WHERE user_id = ?", (user,)).fetchall()
        wanted = set(item_ids) if item_ids is not None else None
        rows = [r for r in rows if wanted is None or r[0] in wanted]
        result = {
            "answered": answered, "correct": correct, "accuracy": round(correct / answered, 3) if answered else 0.0,
            "streak": streak, "best_streak": best, "topics": topics,
            "boxes": {box: sum(1 for r in rows if r[1] == box) for box in INTERVALS},
            "seen": len(rows), "mastered": sum(1 for r in rows if r[1] >= MASTERED_BOX),
            "due": sum(1 for r in rows if r[2] <= turn),
        }
        if wanted is not None:
            result["total"] = len(wanted)
        return result

    def close(self) -> None:
        with self._lock:
            self._db.close()

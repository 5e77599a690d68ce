"""The platform-neutral conversation core: every chat front-end hands it (platform, conversation, user, text).

Front-ends (Telegram, terminal, web, DingTalk, WeCom) only translate input and output; what a message means
in its conversation, the answer, and the question log live here, so every platform behaves the same.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from bot.engine import Engine
from bot.qlog import QuestionLog
from bot.records import Answer

IDLE_SECONDS = 30 * 60  # a conversation quiet this long starts afresh


@dataclass
class Reply:
    answer: Answer
    qid: int | None  # question-log id, carried by buttons and feedback; None when not logged
    seconds: float


@dataclass
class Thread:
    """The recent turns of one conversation: (question as understood, answer)."""

    turns: list[tuple[str, Answer]] = field(default_factory=list)
    last: float = 0.0


class Conversations:
    """Thread-safe: async front-ends call `ask` from engine worker threads."""

    def __init__(self, engine: Engine, qlog: QuestionLog | None = None, idle_seconds: float = IDLE_SECONDS) -> None:
        self.engine = engine
        self.qlog = qlog
        self.idle_seconds = idle_seconds
        self._threads: dict[tuple[str, str], Thread] = {}
        self._lock = threading.Lock()

    def ask(self, platform: str, conversation: str, user: str, text: str) -> Reply:
        started = time.perf_counter()
        answer = self.engine.answer(text)
        seconds = time.perf_counter() - started
        self._remember(platform, conversation, text, answer)
        qid = self.qlog.record(platform, user, answer, seconds) if self.qlog else None
        return Reply(answer, qid, seconds)

    def reset(self, platform: str, conversation: str) -> None:
        with self._lock:
            self._threads.pop((platform, conversation), None)

    def _remember(self, platform: str, conversation: str, question: str, answer: Answer) -> None:
        with self._lock:
            thread = self._threads.setdefault((platform, conversation), Thread())
            thread.turns = (thread.turns + [(question, answer)])[-6:]
            thread.last = time.time()

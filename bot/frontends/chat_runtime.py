"""What the DingTalk and WeCom adapters share: one engine, warmed up, behind the conversation core and a worker."""

from __future__ import annotations

import signal
from dataclasses import dataclass

from bot.config import Config
from bot.conversation import Conversations, Reply
from bot.engine import Engine
from bot.frontends import index_watch
from bot.qlog import QuestionLog
from bot.worker import Busy, EngineWorker

WARM_UP = "2023年的工作情况如何？"  # any question: the first answer loads the tokenizer and model (seconds)


@dataclass
class ChatRuntime:
    engine: Engine
    conversations: Conversations
    worker: EngineWorker
    qlog: QuestionLog

    async def ask(self, platform: str, conversation: str, user: str, text: str) -> Reply | None:
        """The reply, computed off the event loop so the platform connection never waits; None when too busy."""
        try:
            return await self.worker.run(self.conversations.ask, platform, conversation, user, text)
        except Busy:
            return None

    async def watch_index(self) -> None:
        """Pick up a re-ingested index until cancelled (the watcher the Telegram bot runs too)."""
        await index_watch.watch_index(self.worker, self.engine)

    def close(self) -> None:
        self.worker.shutdown()
        self.qlog.close()


def exit_on_sigterm() -> None:
    """SIGTERM outside the serving loop (while the model loads, or re-raised by uvicorn after its graceful
    shutdown) ends the command with status 0, like Ctrl-C at a prompt; the serving loops handle it themselves."""
    def stop(signum, frame) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)


def open_runtime(cfg: Config) -> ChatRuntime:
    """Load the index and answer one question unlogged, so the first real question is answered at full speed
    (WeCom wants its reply within 5 s)."""
    engine = Engine(cfg)
    engine.answer(WARM_UP)
    qlog = QuestionLog(cfg.data_dir / "questions.sqlite3")
    return ChatRuntime(engine, Conversations(engine, qlog), EngineWorker(engine, cfg.workers, cfg.queue_size), qlog)

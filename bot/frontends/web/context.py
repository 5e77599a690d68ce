"""What every web request shares (engine, worker pool, question log, conversations) and how it gets an answer."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import HTTPException, Request

from bot.config import Config
from bot.conversation import Conversations, Reply
from bot.engine import Engine
from bot.frontends.index_watch import RELOAD_EVERY
from bot.qlog import QuestionLog
from bot.quiz_store import DB_NAME, QuizStore
from bot.records import Answer
from bot.worker import Busy, EngineWorker

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent.parent / "static"
MAX_QUESTION = 2000  # API limit; the engine itself politely refuses anything over 500
CONVERSATION_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


@dataclass
class WebContext:
    """What every request shares: one engine, one worker pool, one question log, one conversation core."""

    cfg: Config
    engine: Engine
    worker: EngineWorker
    qlog: QuestionLog
    chat: Conversations
    checked: float = field(default_factory=time.monotonic)
    _quiz: QuizStore | None = None

    @property
    def quiz_store(self) -> QuizStore:
        if self._quiz is None:
            self._quiz = QuizStore(self.cfg.data_dir / DB_NAME)
        return self._quiz


def web_of(request: Request) -> WebContext:
    return request.app.state.web


def check_question(question: str) -> str:
    """The question stripped, or a 422 naming what is wrong with it."""
    question = question.strip()
    if not question:
        raise HTTPException(422, "问题为空，请输入问题。 / `question` is empty: send {\"question\": \"2023年共立案多少宗？\"}")
    if len(question) > MAX_QUESTION:
        raise HTTPException(422, f"问题太长（{len(question)}字），上限{MAX_QUESTION}字。"
                                 f" / `question` is {len(question)} characters; the limit is {MAX_QUESTION}.")
    return question


def check_conversation(conversation: str | None) -> str:
    """"" (every question stands alone) or an id of letters, digits and -_.: up to 64 characters."""
    if conversation is None or conversation == "":
        return ""
    if not CONVERSATION_ID.match(conversation):
        raise HTTPException(422, "`conversation` must be 1 to 64 letters, digits or -_.: characters, e.g. a UUID.")
    return conversation


async def fresh(web: WebContext) -> None:
    """Pick up a re-ingested index, checking at most every RELOAD_EVERY seconds (one small file read)."""
    now = time.monotonic()
    if now - web.checked < RELOAD_EVERY:
        return
    web.checked = now
    try:
        await web.worker.run(web.engine.reload_if_changed)
    except Busy:
        raise
    except Exception:  # a broken new build must not stop the old one from answering
        log.exception("index reload failed; still answering from the previous index")


def who(request: Request, user: str = "") -> str:
    return user or (request.client.host if request.client else "unknown")


async def ask_in_conversation(request: Request, question: str, channel: str, conversation: str = "",
                              user: str = "") -> Reply:
    """Answer through the conversation core in a worker thread; it is logged there."""
    web = web_of(request)
    await fresh(web)
    return await web.worker.run(web.chat.ask, channel, conversation, who(request, user), question)


async def answer_of(request: Request, qid: int) -> Answer:
    """The answer a logged question got, so links keyed by its id keep working, also after a restart."""
    web = web_of(request)
    answer = await web.worker.run(web.chat.answer_of, qid)
    if answer is None:
        raise HTTPException(404, "没有这条提问记录，请重新提问。 / No such question id; please ask again.")
    return answer

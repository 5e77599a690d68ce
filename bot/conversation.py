"""The platform-neutral conversation core: every chat front-end hands it (platform, conversation, user, text).

Front-ends (Telegram, terminal, web, DingTalk, WeCom) only translate input and output; what a message means
in its conversation, the answer, and the question log live here, so every platform behaves the same.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable

from bot.citation import cited_article
from bot.cited import article_answer, citation_of, where_answer
from bot.engine import Engine, input_problem
from bot.followup import in_context, resolve
from bot.language_switch import asked_language, in_language
from bot.qlog import QuestionLog
from bot.question_parts import lang_of
from bot.reading import Citation, Resolution, differs, doc_name
from bot.records import Answer
from bot.refusal import WHICH_DOCUMENT
from bot.smalltalk import reply as smalltalk_reply
from bot.smalltalk import smalltalk_kind

IDLE_SECONDS = 30 * 60  # a conversation quiet this long starts afresh (CONVERSATION_IDLE_MINUTES)
KEEP_TURNS = 6
MAX_THREADS = 10_000  # beyond this, quiet threads are dropped at once rather than when next touched
KEEP_ANSWERS = 512  # recent answers by question-log id, so buttons show the answer the user saw


@dataclass
class Reply:
    answer: Answer
    qid: int | None  # question-log id, carried by buttons and feedback; None when not logged
    seconds: float


@dataclass
class Turn:
    question: str  # the question as understood, standing alone
    answer: Answer
    citation: Citation


@dataclass
class Thread:
    """The recent turns of one conversation."""

    turns: list[Turn] = field(default_factory=list)
    last: float = 0.0


class Conversations:
    """Thread-safe: async front-ends call `ask` from engine worker threads."""

    def __init__(self, engine: Engine, qlog: QuestionLog | None = None, idle_seconds: float = IDLE_SECONDS,
                 clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self.qlog = qlog
        self.idle_seconds = idle_seconds
        self.clock = clock
        self._threads: dict[tuple[str, str], Thread] = {}
        self._answers: OrderedDict[int, Answer] = OrderedDict()
        self._lock = threading.Lock()

    def ask(self, platform: str, conversation: str, user: str, text: str) -> Reply:
        started = time.perf_counter()
        answer, turn = self._understand(platform, conversation, text)
        seconds = time.perf_counter() - started
        self._remember(platform, conversation, turn)
        qid = self.qlog.record(platform, user, answer, seconds) if self.qlog else None
        if qid is not None:
            with self._lock:
                self._answers[qid] = answer
                while len(self._answers) > KEEP_ANSWERS:
                    self._answers.popitem(last=False)
        return Reply(answer, qid, seconds)

    def ask_with_history(self, platform: str, user: str, history: list[str], text: str) -> Reply:
        """A conversation a client keeps itself (the OpenAI `messages`): earlier questions replayed, the last answered.

        Replayed turns are read and answered like any other, so a follow-up there resolves too; they are not
        logged again, and the throwaway thread is forgotten afterwards.
        """
        key = f"replay:{uuid.uuid4().hex}"
        try:
            for earlier in history:
                _, turn = self._understand(platform, key, earlier)
                self._remember(platform, key, turn)
            return self.ask(platform, key, user, text)
        finally:
            self.reset(platform, key)

    def reset(self, platform: str, conversation: str) -> None:
        with self._lock:
            self._threads.pop((platform, conversation), None)

    def previous(self, platform: str, conversation: str) -> Turn | None:
        """The last answered turn, unless the conversation has been quiet longer than the idle limit."""
        with self._lock:
            thread = self._threads.get((platform, conversation))
            if thread is None or not thread.turns:
                return None
            if self.clock() - thread.last > self.idle_seconds:
                self._threads.pop((platform, conversation), None)
                return None
            return thread.turns[-1]

    def answer_of(self, qid: int) -> Answer | None:
        """The answer a logged question got, for buttons; after a restart the logged question answered again."""
        with self._lock:
            kept = self._answers.get(qid)
        if kept is not None:
            return kept
        question = self.qlog.question(qid) if self.qlog else None
        return self.engine.answer(question) if question is not None else None

    # ---- reading a message in its conversation -------------------------------------------------
    def _understand(self, platform: str, conversation: str, text: str) -> tuple[Answer, Turn | None]:
        if input_problem(text):
            answer = self.engine.answer(text)
            answer.kind = "bad input"
            return answer, None
        kind = smalltalk_kind(text)
        if kind:
            index = self.engine.index
            return smalltalk_reply(text, kind, index.facts, self.engine.glossary, index.penalties), None
        prev = self.previous(platform, conversation)
        reading = resolve(prev.question if prev else None, text, prev.citation if prev else None,
                          self.engine.index.catalogue.places)
        answer = self._answer(reading, prev, text)
        if answer.notice == WHICH_DOCUMENT and prev is not None and prev.citation.doc:
            reading, answer = self._in_document(reading, answer, prev.citation.doc)
        if not answer.found and not reading.followup and prev is not None:
            reading, answer = self._in_context(reading, answer, prev, text)
        answer.question = text.strip()
        answer.understood_as = reading.question if reading.followup and differs(text, reading.question) else ""
        if reading.about_answer in ("where", "language") and prev is not None:
            return answer, prev  # a question about the last answer leaves the thread where it was
        if reading.about_answer == "article" and prev is not None:
            # The article was read whole: the next ellipsis still swaps into the question that found it.
            return answer, Turn(prev.question, answer, Citation(reading.doc, reading.article, _source(prev, reading)))
        cited = citation_of(self.engine.index, answer)
        if not answer.found and reading.followup and prev is not None:
            cited = prev.citation  # a refused follow-up leaves the article talked about as it was: "下一条呢？" next
        return answer, Turn(reading.question, answer, cited)

    def _in_context(self, reading: Resolution, answer: Answer, prev: Turn, text: str) -> tuple[Resolution, Answer]:
        """A question refused read alone, answered as one more about the behaviour asked before, if that finds it:
        "绳子最长多长？" after "郑州遛狗要拴绳吗？". Read alone first, so a question of its own keeps its own answer."""
        again = in_context(prev.question, text, prev.citation, self.engine.index.catalogue.places)
        found = self.engine.answer(again.question) if again else None
        # the words before only lead to the clause: it must name what this question asks about ("拆除费用谁出？"
        # after "违法建设怎么处罚？" is not answered by the penalty clause that found "违法建设")
        if found is not None and found.found and self.engine.names_topic_of(text, found):
            return again, found
        return reading, answer

    def _in_document(self, reading: Resolution, answer: Answer, doc: str) -> tuple[Resolution, Answer]:
        """A question about some law's dates that names none ("新版什么时候施行？"), refused as a guess read alone:
        asked of the document the conversation is about."""
        again = Resolution(f"{doc_name(doc)}{reading.question}", True, doc=doc)
        found = self.engine.answer(again.question)
        return (again, found) if found.found else (reading, answer)

    def _answer(self, reading: Resolution, prev: Turn | None, text: str) -> Answer:
        lang = lang_of(text)
        if reading.about_answer == "where" and prev is not None:
            return where_answer(reading.question, prev.answer, lang)
        if reading.about_answer == "language" and prev is not None:
            wanted, cited = asked_language(text), prev.citation
            article = cited_article(cited.doc, cited.article, cited.source, self.engine.index.catalogue, wanted) \
                if cited.article else ""
            return in_language(reading.question, prev.answer, wanted, article)
        if reading.about_answer == "article":
            cited = Citation(reading.doc, reading.article, _source(prev, reading))
            found = article_answer(self.engine.index, reading.question, cited, lang)
            if found is not None:
                return found
        return self.engine.answer(reading.question)

    def _remember(self, platform: str, conversation: str, turn: Turn | None) -> None:
        if not conversation:
            return  # no conversation id: every question stands alone
        with self._lock:
            if len(self._threads) > MAX_THREADS:
                self._forget_quiet()
            thread = self._threads.setdefault((platform, conversation), Thread())
            if turn is not None:
                thread.turns = (thread.turns + [turn])[-KEEP_TURNS:]
            thread.last = self.clock()

    def _forget_quiet(self) -> None:
        """Called with the lock held."""
        cutoff = self.clock() - self.idle_seconds
        for key in [k for k, t in self._threads.items() if t.last < cutoff]:
            del self._threads[key]


def _source(prev: Turn | None, reading: Resolution) -> str:
    """The file a follow-up's article is read from: the one the answer before came from, when it is the same
    document (of a law indexed in two versions, the version that answered)."""
    return prev.citation.source if prev is not None and prev.citation.doc == reading.doc else ""

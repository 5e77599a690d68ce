"""`python -m bot dingtalk`: the DingTalk front-end (enterprise internal app robot, Stream mode).

Thin: a bot message becomes (conversation, sender, text) for the conversation core, and the reply goes back as
Markdown with one POST per message to the message's sessionWebhook.
"""

from __future__ import annotations

import asyncio
import logging
import re
import signal
from dataclasses import dataclass

import httpx

from bot.config import Config
from bot.errors import BotError
from bot.frontends.chat_gate import RecentIds, permitted
from bot.frontends.chat_runtime import ChatRuntime, exit_on_sigterm, open_runtime
from bot.frontends.delivery import errcode, http_client, send_with_retry
from bot.frontends.dingtalk_format import answer_markdown, escape, title
from bot.frontends.dingtalk_stream import BOT_TOPIC, Frame, StreamClient
from bot.logs import redact_secret

log = logging.getLogger(__name__)

PLATFORM = "dingtalk"
THROTTLED = {130101, 660026}  # "send too fast": the message was not taken, send again later
DRAIN_SECONDS = 10.0  # on SIGTERM, answers already under way get this long to go out

NOT_TEXT = "我只能回答文字问题，请用文字提问，例如：2023年共立案多少宗？"
BUSY = "现在提问的人较多，请稍等几秒再问一次。"
EMPTY = "请在 @我 后面写上问题，例如：2023年共立案多少宗？"


@dataclass
class BotMessage:
    """The fields of a DingTalk robot message that the bot uses."""

    msg_id: str
    conversation_id: str
    group: bool  # conversationType "2"; "1" is a private chat
    sender: str  # staff id within the organisation; the DingTalk-wide sender id when absent
    msgtype: str
    text: str
    webhook: str
    mentioned: bool  # isInAtList: in a group, DingTalk only delivers messages that @ the bot

    @classmethod
    def from_payload(cls, data: dict, frame_id: str = "") -> "BotMessage":
        text = (data.get("text") or {}).get("content", "") if isinstance(data.get("text"), dict) else ""
        return cls(str(data.get("msgId") or frame_id), str(data.get("conversationId", "")),
                   str(data.get("conversationType", "1")) == "2",
                   str(data.get("senderStaffId") or data.get("senderId") or ""), str(data.get("msgtype", "text")),
                   text, str(data.get("sessionWebhook", "")), data.get("isInAtList", True) is not False)


def question_text(text: str) -> str:
    """The question without the @mention a group message may still start with."""
    return re.sub(r"^(\s*@\S+\s+)+", "", text).strip()


class DingTalkBot:
    def __init__(self, cfg: Config, runtime: ChatRuntime, http: httpx.AsyncClient) -> None:
        self.cfg = cfg
        self.runtime = runtime
        self.http = http
        self.seen = RecentIds()
        self.tasks: set[asyncio.Task] = set()

    def on_callback(self, frame: Frame) -> None:
        """Called for every CALLBACK frame before it is acknowledged: remember the message, answer in the background."""
        if frame.topic != BOT_TOPIC:
            return
        message = BotMessage.from_payload(frame.payload(), frame.message_id)
        if not self.seen.first_time(message.msg_id):
            log.info("DingTalk message %s delivered again: acknowledged, not answered twice", message.msg_id)
            return
        if message.group and not message.mentioned:
            return
        task = asyncio.create_task(self.answer(message))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def answer(self, message: BotMessage) -> None:
        try:
            for markdown, heading in await self.replies(message):
                await self.send(message, markdown, heading)
        except Exception:
            log.exception("DingTalk message %s could not be answered", message.msg_id)

    async def replies(self, message: BotMessage) -> list[tuple[str, str]]:
        """(Markdown, title) for each message of the reply."""
        if message.msgtype != "text":
            return [(NOT_TEXT, "报告问答")]
        if not permitted(self.cfg.dingtalk_allowed_ids, message.sender, message.conversation_id):
            return [(refusal(message), "报告问答")]
        question = question_text(message.text)
        if not question:
            return [(EMPTY, "报告问答")]
        reply = await self.runtime.ask(PLATFORM, message.conversation_id, message.sender, question)
        if reply is None:
            return [(BUSY, "报告问答")]
        return [(part, title(reply.answer)) for part in answer_markdown(reply.answer)]

    async def send(self, message: BotMessage, markdown: str, heading: str) -> None:
        if not message.webhook.startswith(("https://", "http://")):
            log.warning("DingTalk message %s came without a sessionWebhook: nowhere to reply", message.msg_id)
            return
        body = {"msgtype": "markdown", "markdown": {"title": heading, "text": markdown}}
        if message.group and message.sender:
            body["at"] = {"atUserIds": [message.sender]}
        response = await send_with_retry(lambda: self.http.post(message.webhook, json=body),
                                         f"DingTalk reply to {message.msg_id}", busy=lambda r: errcode(r) in THROTTLED)
        if response is not None and (response.status_code >= 400 or errcode(response)):
            log.error("DingTalk refused the reply to %s: HTTP %d, errcode %s", message.msg_id,
                      response.status_code, errcode(response))
        elif response is not None:
            log.info("DingTalk message %s answered", message.msg_id)

    async def drain(self, seconds: float = DRAIN_SECONDS) -> None:
        if self.tasks:
            await asyncio.wait(set(self.tasks), timeout=seconds)


def refusal(message: BotMessage) -> str:
    return (f"你还没有使用权限。你的 ID：{escape(message.sender)}，会话 ID：{escape(message.conversation_id)}。"
            "请把它们发给管理员，加入 DINGTALK_ALLOWED_IDS。")


async def serve(cfg: Config, runtime: ChatRuntime) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    async with http_client() as http:
        bot = DingTalkBot(cfg, runtime, http)
        client = StreamClient(cfg.dingtalk_endpoint, cfg.dingtalk_client_id, cfg.dingtalk_client_secret,
                              bot.on_callback, http)
        watcher = asyncio.create_task(runtime.watch_index())
        try:
            await client.run(stop)
            await bot.drain()
        finally:
            watcher.cancel()
    log.info("DingTalk bot stopped")


def run_dingtalk(cfg: Config) -> int:
    if not (cfg.dingtalk_client_id and cfg.dingtalk_client_secret):
        raise BotError("DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET are not set: copy them from your app's "
                       "credentials page in the DingTalk developer console (see README, DingTalk)")
    redact_secret(cfg.dingtalk_client_secret)
    exit_on_sigterm()
    runtime = open_runtime(cfg)
    print("DingTalk bot is running (Stream mode). Ctrl-C or SIGTERM to stop.", flush=True)
    try:
        asyncio.run(serve(cfg, runtime))
    finally:
        runtime.close()
    return 0

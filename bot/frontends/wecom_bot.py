"""`python -m bot wecom`: the WeCom front-end (self-built app, callback mode) at /wecom/callback.

WeCom retries a callback it has no answer to within 5 s, so each message gets the budget WECOM_REPLY_SECONDS:
an answer ready by then goes back as the passive (encrypted) reply; otherwise the callback gets an empty 200 at
once and the answer follows through message/send. Each MsgId is answered once, one way or the other.
"""

from __future__ import annotations

import asyncio
import logging
import time
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.responses import PlainTextResponse

from bot.config import Config
from bot.errors import BotError
from bot.frontends.chat_gate import RecentIds, permitted
from bot.frontends.chat_runtime import ChatRuntime, exit_on_sigterm, open_runtime
from bot.frontends.delivery import http_client
from bot.frontends.wecom_api import WeComAPI
from bot.frontends.wecom_crypto import BadMessage, WeComCrypto, cdata, parse_xml
from bot.frontends.wecom_format import answer_text
from bot.logs import redact_secret

log = logging.getLogger(__name__)

PLATFORM = "wecom"
PATH = "/wecom/callback"
MAX_BODY = 1 << 16  # a text message is at most 2,048 bytes; the encrypted envelope is a few times that
DRAIN_SECONDS = 10.0

NOT_TEXT = "我只能回答文字问题，请用文字提问，例如：2023年共立案多少宗？"
BUSY = "现在提问的人较多，请稍等几秒再问一次。"
EMPTY = "请直接发送问题，例如：2023年共立案多少宗？"


class WeComBot:
    def __init__(self, cfg: Config, runtime: ChatRuntime, api: WeComAPI) -> None:
        self.cfg = cfg
        self.runtime = runtime
        self.api = api
        self.crypto = WeComCrypto(cfg.wecom_token, cfg.wecom_encoding_aes_key, cfg.wecom_corp_id)
        self.seen = RecentIds()
        self.later: set[asyncio.Task] = set()

    async def receive(self, message: dict[str, str]) -> str | None:
        """The passive reply's plaintext, or None for an empty 200 (event, repeat, or answer still coming)."""
        key = message.get("MsgId") or f"{message.get('FromUserName')}:{message.get('CreateTime')}:{message.get('Event')}"
        if not self.seen.first_time(key):
            log.info("WeCom message %s delivered again: empty 200, already answered or being answered", key)
            return None
        if message.get("MsgType") == "event":
            return None
        user = message.get("FromUserName", "")
        answering = asyncio.create_task(self.reply_text(message))
        try:
            text = await asyncio.wait_for(asyncio.shield(answering), self.cfg.wecom_reply_seconds)
        except asyncio.TimeoutError:
            log.info("WeCom message %s: answer not ready in %.1f s, will follow via message/send",
                     key, self.cfg.wecom_reply_seconds)
            self._send_later(answering, user)
            return None
        log.info("WeCom message %s answered in the passive reply", key)
        return self.passive(user, text)

    async def reply_text(self, message: dict[str, str]) -> str:
        user = message.get("FromUserName", "")
        if message.get("MsgType") != "text":
            return NOT_TEXT
        if not permitted(self.cfg.wecom_allowed_ids, user):
            return f"你还没有使用权限。你的 ID：{user}。请把它发给管理员，加入 WECOM_ALLOWED_IDS。"
        question = message.get("Content", "").strip()
        if not question:
            return EMPTY
        reply = await self.runtime.ask(PLATFORM, user, user, question)
        return answer_text(reply.answer) if reply is not None else BUSY

    def passive(self, user: str, text: str) -> str:
        return (f"<xml><ToUserName>{cdata(user)}</ToUserName><FromUserName>{cdata(self.cfg.wecom_corp_id)}"
                f"</FromUserName><CreateTime>{int(time.time())}</CreateTime><MsgType>{cdata('text')}</MsgType>"
                f"<Content>{cdata(text)}</Content></xml>")

    def _send_later(self, answering: asyncio.Task, user: str) -> None:
        async def deliver() -> None:
            try:
                if await self.api.send_text(user, await answering):
                    log.info("WeCom answer to %s sent through message/send", user)
            except Exception:
                log.exception("WeCom answer to %s could not be sent", user)

        task = asyncio.create_task(deliver())
        self.later.add(task)
        task.add_done_callback(self.later.discard)

    async def drain(self, seconds: float = DRAIN_SECONDS) -> None:
        if self.later:
            await asyncio.wait(set(self.later), timeout=seconds)


def create_app(cfg: Config, runtime: ChatRuntime) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        async with http_client() as http:
            api = WeComAPI(cfg.wecom_api_base, cfg.wecom_corp_id, cfg.wecom_secret, cfg.wecom_agent_id, http)
            app.state.bot = WeComBot(cfg, runtime, api)
            watcher = asyncio.create_task(runtime.watch_index())
            yield
            watcher.cancel()
            await app.state.bot.drain()

    app = FastAPI(title="WeCom callback", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)

    @app.get(PATH)
    async def verify_url(request: Request, msg_signature: str = "", timestamp: str = "", nonce: str = "",
                         echostr: str = "") -> Response:
        """URL verification when the admin saves the callback URL: answer the decrypted echostr, nothing more."""
        crypto = request.app.state.bot.crypto
        echostr = echostr.replace(" ", "+")  # a "+" of the base64 that reached us unescaped, read as a space
        if not echostr or not crypto.verify(msg_signature, timestamp, nonce, echostr):
            return _refused("URL verification")
        try:
            return PlainTextResponse(crypto.decrypt(echostr))
        except BadMessage:
            return Response(status_code=403)

    @app.post(PATH)
    async def callback(request: Request, msg_signature: str = "", timestamp: str = "", nonce: str = "") -> Response:
        bot: WeComBot = request.app.state.bot
        body = await request.body()
        if len(body) > MAX_BODY:
            return Response(status_code=413)
        try:
            encrypted = parse_xml(body).get("Encrypt", "")
        except BadMessage:
            return Response(status_code=400)
        if not encrypted or not bot.crypto.verify(msg_signature, timestamp, nonce, encrypted):
            return _refused("message callback")
        try:
            message = parse_xml(bot.crypto.decrypt(encrypted))
        except BadMessage as exc:
            log.warning("WeCom callback with a valid signature could not be read: %s", exc)
            return Response(status_code=400)
        reply = await bot.receive(message)
        if reply is None:
            return Response(status_code=200)
        return Response(bot.crypto.reply(reply), media_type="application/xml")

    return app


def _refused(what: str) -> Response:
    log.warning("WeCom %s with a wrong signature refused (if genuine, WECOM_TOKEN differs from the console's Token)", what)
    return Response(status_code=403)


def run_wecom(cfg: Config) -> int:
    import uvicorn

    missing = [name for name, value in (("WECOM_CORP_ID", cfg.wecom_corp_id), ("WECOM_TOKEN", cfg.wecom_token),
               ("WECOM_ENCODING_AES_KEY", cfg.wecom_encoding_aes_key), ("WECOM_AGENT_ID", cfg.wecom_agent_id),
               ("WECOM_SECRET", cfg.wecom_secret)) if not value]
    if missing:
        raise BotError(f"{', '.join(missing)} not set: copy them from the app's page and its API-receiving settings "
                       "in the WeCom admin console (see README, WeCom)")
    redact_secret(cfg.wecom_secret, cfg.wecom_encoding_aes_key, cfg.wecom_token)
    WeComCrypto(cfg.wecom_token, cfg.wecom_encoding_aes_key, cfg.wecom_corp_id)  # a bad key fails before the model loads
    exit_on_sigterm()
    runtime = open_runtime(cfg)
    print(f"WeCom bot is running at http://{cfg.wecom_host}:{cfg.wecom_port}{PATH}. Ctrl-C or SIGTERM to stop.", flush=True)
    try:
        uvicorn.run(create_app(cfg, runtime), host=cfg.wecom_host, port=cfg.wecom_port, log_config=None)
    finally:
        runtime.close()
    return 0

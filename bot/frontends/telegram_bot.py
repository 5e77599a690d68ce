"""`python -m bot telegram`: the Telegram front-end (python-telegram-bot, async Application)."""

from __future__ import annotations

import asyncio
import logging
import re
from html import escape
from urllib.parse import urlparse

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.ext import (Application, ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes,
                          MessageHandler, filters)
from telegram.request import HTTPXRequest

from bot.config import Config
from bot.conversation import Conversations
from bot.engine import Engine
from bot.frontends.index_watch import watch_index
from bot.frontends.telegram_access import Access
from bot.frontends.telegram_format import answer_messages, fit_messages, passages_html, section_messages
from bot.frontends.telegram_send import send_with_retry
from bot.logs import redact_secret
from bot.qlog import QuestionLog
from bot.records import Answer
from bot.worker import Busy, EngineWorker

log = logging.getLogger(__name__)

HELP = """你好！我是报告问答机器人，回答来自报告原文：给出含数字的原句、所在章节和原文段落。

直接发送问题即可，也可以接着追问，例如：
• 2023年共立案多少宗？
• 那罚款呢？
• 设置了多少个便民服务点？
• how many cases in 2023?

群聊中请用 /ask 问题，或回复我的消息、@我。

命令：
/ask 问题 — 提问（群聊用）
/new — 开始新对话（忘记前面的问题）
/facts 关键词 — 报告中的数字一览
/penalties 关键词 — 法律法规罚则一览（行为、处罚、条款）
/quiz 主题 — 练习题
/score — 我的练习成绩
/help — 帮助"""

COMMANDS_ZH = [
    ("ask", "提问：/ask 2023年共立案多少宗"),
    ("new", "开始新对话"),
    ("facts", "报告数字一览，可加关键词"),
    ("penalties", "罚则一览：违法行为、处罚幅度、条款"),
    ("quiz", "练习题，可加主题"),
    ("score", "我的练习成绩"),
    ("help", "使用说明和示例问题"),
]


class TelegramBot:
    """Handlers are thin: check access, hand the question to the engine worker, format, send."""

    def __init__(self, cfg: Config, engine: Engine, qlog: QuestionLog) -> None:
        self.cfg = cfg
        self.engine = engine
        self.worker = EngineWorker(engine, cfg.workers, cfg.queue_size)
        self.qlog = qlog
        self.chat = Conversations(engine, qlog, idle_seconds=cfg.conversation_idle_seconds)
        self.access = Access.from_ids(cfg.telegram_allowed_ids, cfg.telegram_admin_ids)
        redact_secret(cfg.telegram_token)
        self._reloader: asyncio.Task | None = None
        self.training = None  # set by register_extras when the quiz is available

    # ---- set-up -------------------------------------------------------------------------------------
    def build(self) -> Application:
        builder = ApplicationBuilder().token(self.cfg.telegram_token).concurrent_updates(True)
        builder = builder.request(self._request()).get_updates_request(self._request(polling=True))
        if self.cfg.telegram_base_url:
            builder = builder.base_url(_bot_api_base(self.cfg.telegram_base_url))
        app = builder.post_init(self._post_init).post_shutdown(self._post_shutdown).build()
        self.register(app)
        return app

    def _request(self, polling: bool = False) -> HTTPXRequest:
        # An explicit proxy or a self-hosted/loopback API must win over HTTP(S)_PROXY from the environment.
        trust_env = not (self.cfg.telegram_proxy or self.cfg.telegram_base_url)
        return HTTPXRequest(
            connection_pool_size=64 if not polling else 2,
            proxy=self.cfg.telegram_proxy or None,
            read_timeout=30.0 if polling else 10.0,
            httpx_kwargs={"trust_env": trust_env},
        )

    def register(self, app: Application) -> None:
        app.add_handler(CommandHandler(["start", "help"], self.on_help))
        app.add_handler(CommandHandler("ask", self.on_ask))
        app.add_handler(CommandHandler("new", self.on_new))
        app.add_handler(CommandHandler("stats", self.on_stats))
        app.add_handler(CommandHandler("reload", self.on_reload))
        self.register_extras(app)
        # MessageHandler also sees edited messages: an edited question is answered as asked now.
        app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, self.on_text))
        app.add_handler(MessageHandler(filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL, self.on_other))
        app.add_handler(CallbackQueryHandler(self.on_answer_button, pattern=r"^(more|sec|fb):"))
        app.add_error_handler(self.on_error)

    def register_extras(self, app: Application) -> None:
        """Fact sheet and quiz commands, when those features are installed."""
        try:
            from bot.frontends.telegram_training import register_training
        except ImportError:
            return
        register_training(app, self)

    async def _post_init(self, app: Application) -> None:
        commands = [BotCommand(name, text) for name, text in COMMANDS_ZH]
        await send_with_retry(lambda: app.bot.set_my_commands(commands, language_code="zh"), "command menu (zh)")
        await send_with_retry(lambda: app.bot.set_my_commands(commands), "command menu")
        self._reloader = asyncio.create_task(watch_index(self.worker, self.engine))

    async def _post_shutdown(self, app: Application) -> None:
        if self._reloader:
            self._reloader.cancel()
        self.worker.shutdown()

    # ---- handlers ---------------------------------------------------------------------------------
    async def on_help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.reply(update.effective_message, escape(HELP))

    async def on_ask(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        question = " ".join(context.args or [])
        if not question:
            await self.reply(update.effective_message, "请在 /ask 后面写上问题，例如：/ask 2023年共立案多少宗？")
            return
        await self.handle_question(update, question)

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message.chat.type != ChatType.PRIVATE:
            question = addressed_question(message, context.bot.username, context.bot.id)
            if question is None:
                return  # group chatter not meant for the bot
        else:
            question = message.text or ""
            if self.training is not None and self.access.permits(update.effective_user.id, message.chat_id) \
                    and await self.training.maybe_answer(update, question):
                return
        await self.handle_question(update, question)

    async def on_new(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not await self.check_access(update):
            return
        self.chat.reset("telegram", conversation_id(update))
        await self.reply(update.effective_message, "好的，开始新对话。请提问。")

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.reply(update.effective_message, "我只能回答文字问题，请用文字提问，例如：2023年共立案多少宗？")

    async def handle_question(self, update: Update, question: str) -> None:
        message = update.effective_message
        if not await self.check_access(update):
            return
        try:
            reply = await self.worker.run(self.chat.ask, "telegram", conversation_id(update),
                                          str(update.effective_user.id), question)
        except Busy:
            await self.reply(message, "现在提问的人较多，请稍等几秒再问一次。")
            return
        answer, qid = reply.answer, reply.qid
        parts = answer_messages(answer)
        for n, part in enumerate(parts):
            markup = answer_buttons(qid, answer) if n == len(parts) - 1 else None
            await self.reply(message, part, markup)

    async def on_answer_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        await send_with_retry(query.answer, "callback answer")
        if not await self.check_access(update):
            return
        kind, qid, *rest = query.data.split(":")
        if kind == "fb":
            ok = await self.worker.run(self.qlog.feedback, int(qid), int(rest[0]))
            text = "谢谢反馈！" if ok else "这条记录已不存在。"
            await self.reply(query.message, text)
            return
        answer = await self.worker.run(self.chat.answer_of, int(qid))
        if answer is None:
            await self.reply(query.message, "这条记录已不存在，请重新提问。")
            return
        if kind == "more":
            messages = fit_messages([passages_html(answer)])
        else:
            section, text = await self.worker.run(self.engine.section_text, answer)
            messages = section_messages(section, text) if text else ["没有找到所在章节。"]
        for text in messages:
            await self.reply(query.message, text)

    async def on_stats(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not self.access.is_admin(update.effective_user.id):
            await self.reply(update.effective_message, "只有管理员可以查看统计（TELEGRAM_ADMIN_IDS）。")
            return
        s = await self.worker.run(self.qlog.stats)
        lines = [f"近{s['days']}天：提问 {s['questions']} 次，答出 {s['found']} 次，用户 {s['users']} 人，"
                 f"平均耗时 {s['avg_latency_ms']} 毫秒，👍 {s['thumbs_up']} / 👎 {s['thumbs_down']}，"
                 f"寒暄 {s.get('smalltalk', 0)} 条（不计入提问）"]
        if s.get("platforms"):
            lines.append("按平台：" + "，".join(f"{name} {count}" for name, count in s["platforms"].items()))
        if s["recent_unanswered"]:
            lines.append("最近未答出的问题：\n" + "\n".join(f"• {q}" for q in s["recent_unanswered"]))
        await self.reply(update.effective_message, escape("\n\n".join(lines)))

    async def on_reload(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not self.access.is_admin(update.effective_user.id):
            await self.reply(update.effective_message, "只有管理员可以重新载入索引。")
            return
        changed = await self.worker.run(self.engine.reload_if_changed)
        build = self.engine.index.build_id
        await self.reply(update.effective_message, f"已切换到新索引 {build}。" if changed else f"索引已是最新（{build}）。")

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("error while handling an update", exc_info=context.error)
        if isinstance(update, Update) and update.effective_message is not None:
            await self.reply(update.effective_message, "抱歉，处理时出错了，请稍后再试。")

    # ---- helpers ----------------------------------------------------------------------------------
    async def check_access(self, update: Update) -> bool:
        user, chat = update.effective_user, update.effective_chat
        if self.access.permits(user.id if user else None, chat.id if chat else None):
            return True
        where = f"，当前群组 ID：{chat.id}" if chat and chat.type != ChatType.PRIVATE else ""
        await self.reply(update.effective_message,
                         f"抱歉，你还没有使用权限。你的用户 ID：{user.id if user else '未知'}{where}。"
                         "请把这个 ID 发给管理员，加入 TELEGRAM_ALLOWED_IDS。")
        return False

    async def reply(self, message: Message | None, html: str, markup: InlineKeyboardMarkup | None = None) -> Message | None:
        if message is None:
            return None
        return await send_with_retry(
            lambda: message.get_bot().send_message(
                message.chat_id, html, parse_mode=ParseMode.HTML, reply_markup=markup,
                reply_to_message_id=message.message_id if message.chat.type != ChatType.PRIVATE else None,
                allow_sending_without_reply=True, disable_web_page_preview=True,
            ),
            "answer",
        )


def conversation_id(update: Update) -> str:
    """One conversation per private chat; in a group, one per member, so people do not finish each other's questions."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or chat.type == ChatType.PRIVATE:
        return str(chat.id if chat else user.id)
    return f"{chat.id}:{user.id if user else 0}"


def answer_buttons(qid: int, answer: Answer) -> InlineKeyboardMarkup | None:
    """Buttons carry the logged question's id (callback data is limited to 64 bytes), so they work after a restart."""
    if not answer.passages or answer.notice == "bad input":
        return None
    return InlineKeyboardMarkup([
        [InlineKeyboardButton("更多段落", callback_data=f"more:{qid}"),
         InlineKeyboardButton("整节原文", callback_data=f"sec:{qid}")],
        [InlineKeyboardButton("👍 有用", callback_data=f"fb:{qid}:1"),
         InlineKeyboardButton("👎 没用", callback_data=f"fb:{qid}:-1")],
    ])


def addressed_question(message: Message, username: str, bot_id: int) -> str | None:
    """In groups, the question when the message is for the bot (a reply to it or an @mention), else None."""
    text = message.text or ""
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return text
    mention = f"@{username}".lower() if username else None
    if mention and mention in text.lower():
        return re.sub(re.escape(mention), " ", text, flags=re.I).strip()
    return None


def _bot_api_base(url: str) -> str:
    """PTB appends the token to the base URL: accept both "http://host:port" and "http://host:port/bot"."""
    url = url.rstrip("/")
    return url if urlparse(url).path.endswith("/bot") or "{token}" in url else f"{url}/bot"


def webhook_settings(cfg: Config, listen: str = "0.0.0.0") -> dict:
    """Where PTB's webhook server listens and what it registers with Telegram; the secret rejects forged posts."""
    return {
        "listen": listen, "port": cfg.telegram_webhook_port,
        "url_path": urlparse(cfg.telegram_webhook_url).path.lstrip("/") or "telegram",
        "webhook_url": cfg.telegram_webhook_url, "secret_token": cfg.telegram_webhook_secret or None,
    }


def run_telegram(cfg: Config) -> int:
    from bot.errors import BotError

    if not cfg.telegram_token:
        raise BotError("TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather and export it, or run `python -m bot chat`")
    engine = Engine(cfg)
    qlog = QuestionLog(cfg.data_dir / "questions.sqlite3")
    if not cfg.telegram_allowed_ids:
        log.warning("TELEGRAM_ALLOWED_IDS is empty: the bot answers nobody but admins; refused users are told their id")
    app = TelegramBot(cfg, engine, qlog).build()
    if cfg.telegram_webhook_url:
        print(f"Telegram bot is running (webhook on port {cfg.telegram_webhook_port}). Ctrl-C to stop.", flush=True)
        app.run_webhook(**webhook_settings(cfg), allowed_updates=Update.ALL_TYPES)
    else:
        print("Telegram bot is running (polling). Ctrl-C to stop.", flush=True)
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0

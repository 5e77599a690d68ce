"""Telegram commands for the fact sheet and the training quiz: /facts, /quiz, /score (and /penalties)."""

from __future__ import annotations

import io
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.facts import filter_facts, sheet_pages, xlsx_bytes
from bot.frontends.telegram_send import send_with_retry
from bot.quiz import find, format_question, format_score, format_verdict, grade, items_of, next_item
from bot.quiz_store import DB_NAME, QuizStore

MAX_FACT_MESSAGES = 5  # longer sheets are offered as the spreadsheet


class Training:
    def __init__(self, bot) -> None:
        self.bot = bot
        self.store = QuizStore(bot.cfg.data_dir / DB_NAME)

    async def on_facts(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not await self.bot.check_access(update):
            return
        keyword = " ".join(context.args or [])
        facts = filter_facts(self.bot.engine.index.facts, keyword)
        message = update.effective_message
        if not facts:
            await self.bot.reply(message, f"没有找到与“{escape(keyword)}”有关的数字。")
            return
        pages = sheet_pages(facts)
        for page in pages[:MAX_FACT_MESSAGES]:
            await self.bot.reply(message, escape(page))
        data = await self.bot.worker.run(xlsx_bytes, facts)
        caption = f"共 {len(facts)} 项数字" + ("（消息中只列出前几页，完整清单见表格）" if len(pages) > MAX_FACT_MESSAGES else "")
        await send_with_retry(lambda: message.get_bot().send_document(
            message.chat_id, document=io.BytesIO(data), filename="报告数字一览.xlsx", caption=caption), "fact sheet")

    async def on_quiz(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if await self.bot.check_access(update):
            await self.ask(update.effective_message, update.effective_user.id, " ".join(context.args or []))

    async def ask(self, message, user_id: int, topic: str = "") -> None:
        items = items_of(self.bot.engine.index)
        item = await self.bot.worker.run(next_item, items, self.store, user_id, topic)
        if item is None:
            await self.bot.reply(message, f"没有关于“{escape(topic)}”的练习题。" if topic else "还没有练习题：请先导入报告。")
            return
        markup = None
        if item.kind == "choice":
            markup = InlineKeyboardMarkup([[InlineKeyboardButton(o, callback_data=f"q:{item.id}:{n}")
                                            for n, o in enumerate(item.options)]])
            await self.bot.worker.run(self.store.set_pending, user_id, None)
        else:
            await self.bot.worker.run(self.store.set_pending, user_id, item.id)
        await self.bot.reply(message, escape(format_question(item, numbered=False)), markup)

    async def on_choice(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        await send_with_retry(query.answer, "callback answer")
        if not await self.bot.check_access(update):
            return
        _, item_id, index = query.data.split(":")
        await self.verdict(query.message, update.effective_user.id, item_id, int(index))

    async def maybe_answer(self, update: Update, text: str) -> bool:
        """A private message right after a fill-in question is its answer; True when it was taken as one."""
        message, user_id = update.effective_message, update.effective_user.id
        if message.chat.type != ChatType.PRIVATE:
            return False
        pending = await self.bot.worker.run(self.store.pending, user_id)
        if not pending or not any(ch.isdigit() for ch in text) and len(text) > 12:
            return False
        await self.bot.worker.run(self.store.set_pending, user_id, None)
        await self.verdict(message, user_id, pending, text)
        return True

    async def verdict(self, message, user_id: int, item_id: str, reply: str | int) -> None:
        item = find(items_of(self.bot.engine.index), item_id)
        if item is None:
            await self.bot.reply(message, "这道题已随报告更新而失效，请发送 /quiz 换一题。")
            return
        result = await self.bot.worker.run(grade, item, reply, self.store, user_id)
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("下一题", callback_data=f"qn:{item.topic[:20]}")]])
        await self.bot.reply(message, escape(format_verdict(result)), markup)

    async def on_next(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        await send_with_retry(query.answer, "callback answer")
        if await self.bot.check_access(update):
            await self.ask(query.message, update.effective_user.id)

    async def on_score(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not await self.bot.check_access(update):
            return
        items = items_of(self.bot.engine.index)
        score = await self.bot.worker.run(self.store.score, update.effective_user.id, [i.id for i in items])
        await self.bot.reply(update.effective_message, escape(format_score(score)))


def register_training(app: Application, bot) -> None:
    from bot.frontends.telegram_penalties import register_penalties

    register_penalties(app, bot)
    training = Training(bot)
    bot.training = training
    app.add_handler(CommandHandler("facts", training.on_facts))
    app.add_handler(CommandHandler("quiz", training.on_quiz))
    app.add_handler(CommandHandler("score", training.on_score))
    app.add_handler(CallbackQueryHandler(training.on_choice, pattern=r"^q:"))
    app.add_handler(CallbackQueryHandler(training.on_next, pattern=r"^qn:"))

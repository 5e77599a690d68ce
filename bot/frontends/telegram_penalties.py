"""Telegram /penalties 关键词: the matching rows of the penalty table as messages, and the whole selection as Excel."""

from __future__ import annotations

import io
from html import escape

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.frontends.telegram_send import send_with_retry
from bot.penalty_sheet import filter_penalties, table_pages, xlsx_bytes

MAX_MESSAGES = 3  # longer selections are offered as the spreadsheet


async def on_penalties(bot, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await bot.check_access(update):
        return
    keyword = " ".join(context.args or [])
    rows = filter_penalties(bot.engine.index.penalties, keyword)
    message = update.effective_message
    if not rows:
        await bot.reply(message, f"没有找到与“{escape(keyword)}”有关的罚则。" if keyword
                        else "索引中没有法律法规的罚则：请先导入法律、法规。")
        return
    pages = table_pages(rows)
    for page in pages[:MAX_MESSAGES]:
        await bot.reply(message, escape(page))
    data = await bot.worker.run(xlsx_bytes, rows)
    more = "（消息中只列出前几页，完整清单见表格）" if len(pages) > MAX_MESSAGES else ""
    await send_with_retry(lambda: message.get_bot().send_document(
        message.chat_id, document=io.BytesIO(data), filename="罚则一览.xlsx", caption=f"共 {len(rows)} 条罚则{more}"),
        "penalty table")


def register_penalties(app: Application, bot) -> None:
    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await on_penalties(bot, update, context)

    app.add_handler(CommandHandler("penalties", handler))

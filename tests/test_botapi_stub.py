"""The Bot API stand-in (tests/botapi_stub.py) driven by the real python-telegram-bot client."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Awaitable, Iterator

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.ext import (Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler,
                          filters)

from tests.botapi_stub import BotAPIStub, make_request, running, utf16_len

logging.getLogger("httpx").setLevel(logging.WARNING)

USER = 4242


@pytest.fixture
def stub() -> Iterator[BotAPIStub]:
    with BotAPIStub() as server:
        yield server


def run(coro: Awaitable[None], limit: float = 20.0) -> None:
    """Run one scenario in a fresh event loop, bounded in time."""
    asyncio.run(asyncio.wait_for(coro, limit))


def echo_app(stub: BotAPIStub, errors: list[BaseException] | None = None) -> Application:
    """An application that echoes text, greets on /start and collects handler errors."""
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        await message.reply_text(message.text or "")

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("welcome")

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if errors is not None and context.error is not None:
            errors.append(context.error)

    app = stub.application_builder().concurrent_updates(True).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_error_handler(on_error)
    return app


def direct_bot(stub: BotAPIStub, token: str | None = None) -> Bot:
    return Bot(token or stub.token, base_url=stub.base_url, request=make_request(timeout=2.0))


async def wait_errors(errors: list[BaseException], count: int) -> None:
    deadline = time.monotonic() + 10
    while len(errors) < count:
        assert time.monotonic() < deadline, f"expected {count} handler error(s), got {errors}"
        await asyncio.sleep(0.01)


# ---- the lifecycle, by hand -------------------------------------------------------------------------------


def test_echo_and_start_through_the_real_client(stub: BotAPIStub) -> None:
    app = echo_app(stub)

    async def scenario() -> None:
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0, timeout=1)
            stub.push_message("你好 😀 <b>", user_id=USER)
            assert [m["text"] for m in await stub.wait_messages(USER, 1)] == ["你好 😀 <b>"]
            stub.push_message("/start", user_id=USER)
            await stub.wait_messages(USER, 2)
            await app.updater.stop()
            await app.stop()

    run(scenario())
    assert stub.sent_texts(USER) == ["你好 😀 <b>", "welcome"]
    assert stub.calls("getMe") and stub.calls("deleteWebhook")
    assert stub.pending_updates() == []  # the last getUpdates(timeout=0) confirmed everything
    message = stub.bot_messages(USER)[0]
    assert message["chat"] == {"id": USER, "type": "private", "first_name": f"User{USER}", "username": f"user{USER}"}
    assert message["from"]["id"] == stub.bot_user["id"]


def test_group_reply_is_threaded_and_load_of_30_users_answered_once_each(stub: BotAPIStub) -> None:
    app = echo_app(stub)

    async def scenario() -> None:
        async with running(app):
            update_id = stub.push_message("group question", user_id=7, chat_type="supergroup")
            sent = await stub.wait_messages(stub.update(update_id)["message"]["chat"]["id"], 1)
            assert sent[0]["reply_parameters"]["message_id"] == stub.update(update_id)["message"]["message_id"]
            stub.push_many([(f"question {n}", 5000 + n) for n in range(30)])
            await stub.wait_messages(None, 31)
            await stub.wait_quiet(0.3)

    run(scenario())
    for n in range(30):
        assert stub.sent_texts(5000 + n) == [f"question {n}"]
    assert stub.bot_messages(-1001002003004)[0]["reply_to_message"]["text"] == "group question"


# ---- callbacks ----------------------------------------------------------------------------------------------


def test_callback_query_is_answered_and_message_edited(stub: BotAPIStub) -> None:
    async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer("noted")
        await update.callback_query.edit_message_text(f"you chose {update.callback_query.data}")

    app = stub.application_builder().build()
    app.add_handler(CallbackQueryHandler(on_button))
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes")]])

    async def scenario() -> None:
        async with running(app):
            sent = await app.bot.send_message(USER, "pick one", reply_markup=keyboard)
            update_id = stub.push_callback("yes", user_id=USER, message=sent.message_id)
            await stub.wait_calls("editMessageText", 1)
            answers = stub.calls("answerCallbackQuery")
            assert [a.params["callback_query_id"] for a in answers] == [str(update_id)]
            with pytest.raises(BadRequest, match="(?i)query is too old"):
                await app.bot.answer_callback_query(str(update_id))  # a second answer is refused

    run(scenario())
    assert stub.calls("answerCallbackQuery")[0].params["text"] == "noted"
    message = stub.last_bot_message(USER)
    assert message is not None
    assert message["text"] == "you chose yes" and "reply_markup" not in message and "edit_date" in message


# ---- injected faults ----------------------------------------------------------------------------------------


def test_429_reaches_the_error_handler_as_retry_after(stub: BotAPIStub) -> None:
    errors: list[BaseException] = []
    app = echo_app(stub, errors)
    stub.fail_next("sendMessage", "429", retry_after=3)

    async def scenario() -> None:
        async with running(app):
            stub.push_message("first", user_id=USER)
            await wait_errors(errors, 1)
            stub.push_message("second", user_id=USER)
            await stub.wait_messages(USER, 1)

    run(scenario())
    assert isinstance(errors[0], RetryAfter) and "3 seconds" in str(errors[0])
    assert stub.sent_texts(USER) == ["second"]  # the refused call was not delivered
    assert [a.outcome for a in stub.attempts("sendMessage")] == ["fault:429", "ok"]


def test_drop_and_500_raise_network_errors_and_deliver_nothing(stub: BotAPIStub) -> None:
    errors: list[BaseException] = []
    app = echo_app(stub, errors)
    stub.fail_next("sendMessage", "drop")
    stub.fail_next("sendMessage", "500")

    async def scenario() -> None:
        async with running(app):
            for n in range(2):
                stub.push_message(f"try {n}", user_id=USER)
                await wait_errors(errors, n + 1)
            stub.push_message("third", user_id=USER)
            await stub.wait_messages(USER, 1)

    run(scenario())
    dropped, failed = errors
    assert type(dropped) is NetworkError and "RemoteProtocolError" in str(dropped)
    assert type(failed) is NetworkError and "Internal Server Error" in str(failed)
    assert stub.sent_texts(USER) == ["third"]
    assert [a.outcome for a in stub.attempts("sendMessage")] == ["fault:drop", "fault:500", "ok"]


def test_slow_reply_times_out_but_is_delivered(stub: BotAPIStub) -> None:
    stub.fail_next("sendMessage", "slow", delay=1.5)

    async def scenario() -> None:
        async with direct_bot(stub) as bot:
            with pytest.raises(TimedOut):
                await bot.send_message(USER, "late", read_timeout=0.5)
            await stub.wait_messages(USER, 1)

    run(scenario())
    assert stub.sent_texts(USER) == ["late"]


def test_other_status_codes_map_to_ptb_errors(stub: BotAPIStub) -> None:
    from telegram.error import Forbidden

    stub.fail_next("sendMessage", 403)

    async def scenario() -> None:
        async with direct_bot(stub) as bot:
            with pytest.raises(Forbidden, match="blocked"):
                await bot.send_message(USER, "x")
        with pytest.raises(InvalidToken):
            async with direct_bot(stub, token="999:wrong") as bot:
                await bot.get_me()

    run(scenario())
    assert stub.calls("sendMessage") == [] and [c.method for c in stub.sent] == ["getMe"]


# ---- Telegram's validation -----------------------------------------------------------------------------------


def test_html_is_parsed_and_checked_like_telegram(stub: BotAPIStub) -> None:
    async def scenario() -> None:
        async with direct_bot(stub) as bot:
            sent = await bot.send_message(USER, "<b>12</b> &lt;宗&gt; 😀<i>x</i>", parse_mode=ParseMode.HTML)
            assert sent.text == "12 <宗> 😀x"
            assert [(e.type, e.offset, e.length) for e in sent.entities] == [("bold", 0, 2), ("italic", 9, 1)]
            for bad, reason in [("a < b", "unsupported start tag"), ("<b>x", "can't find end tag"),
                                ("<p>x</p>", 'unsupported start tag "p"'), ("x" * 4097, "message is too long"),
                                ("  ", "message text is empty")]:
                with pytest.raises(BadRequest, match=f"(?i){reason}"):
                    await bot.send_message(USER, bad, parse_mode=ParseMode.HTML)
            await bot.send_message(USER, "<b>" + "字" * 4096 + "</b>", parse_mode=ParseMode.HTML)  # counted after parsing

    run(scenario())
    assert len(stub.rejected("sendMessage")) == 5 and len(stub.sent_messages(USER)) == 2


def test_edits_replies_and_keyboards_are_checked(stub: BotAPIStub) -> None:
    async def scenario() -> None:
        async with direct_bot(stub) as bot:
            sent = await bot.send_message(USER, "v1")
            with pytest.raises(BadRequest, match="(?i)not modified"):
                await bot.edit_message_text("v1", USER, sent.message_id)
            edited = await bot.edit_message_text("v2", USER, sent.message_id)
            assert edited.text == "v2" and edited.edit_date is not None
            with pytest.raises(BadRequest, match="(?i)message to edit not found"):
                await bot.edit_message_text("v3", USER, 999_999)
            with pytest.raises(BadRequest, match="(?i)replied not found"):
                await bot.send_message(USER, "r", reply_to_message_id=999_999)
            await bot.send_message(USER, "r", reply_to_message_id=999_999, allow_sending_without_reply=True)
            too_long = InlineKeyboardMarkup([[InlineKeyboardButton("b", callback_data="x" * 65)]])
            with pytest.raises(BadRequest, match="(?i)BUTTON_DATA_INVALID"):
                await bot.send_message(USER, "k", reply_markup=too_long)

    run(scenario())
    assert stub.sent_texts(USER) == ["v1", "r"]


def test_commands_document_and_chat_action(stub: BotAPIStub) -> None:
    from telegram import BotCommand

    payload = b"line 1\r\n--not-a-boundary\r\n\x00\xff binary"

    async def scenario() -> None:
        async with direct_bot(stub) as bot:
            assert await bot.set_my_commands([BotCommand("ask", "提问")], language_code="zh")
            assert [c.command for c in await bot.get_my_commands(language_code="zh")] == ["ask"]
            assert await bot.get_my_commands() == ()
            with pytest.raises(BadRequest):
                await bot.set_my_commands([BotCommand("Bad-Name", "x")])
            assert await bot.send_chat_action(USER, "typing")
            sent = await bot.send_document(USER, payload, filename='报告 "1".txt', caption="<b>c</b>",
                                           parse_mode=ParseMode.HTML)
            assert sent.document.file_name == '报告 "1".txt' and sent.caption == "c"
            assert await bot.delete_my_commands(language_code="zh")

    run(scenario())
    upload = stub.calls("sendDocument")[0].params["document"]
    assert (upload.filename, upload.content) == ('报告 "1".txt', payload)
    assert stub.commands("zh") == [] and stub.calls("sendChatAction")[0].params["action"] == "typing"


# ---- injected updates, parsed by PTB ------------------------------------------------------------------------


def test_pushed_updates_parse_in_ptb(stub: BotAPIStub) -> None:
    command = Update.de_json(stub.update(stub.push_message("/ask@stub_qa_bot 罚没 😀", user_id=USER)), None)
    assert filters.COMMAND.check_update(command)
    assert command.message.entities[0].length == utf16_len("/ask@stub_qa_bot")
    assert command.message.parse_entities() == {command.message.entities[0]: "/ask@stub_qa_bot"}

    group = Update.de_json(stub.update(stub.push_message("hi", 8, chat_type="group", reply_to_bot=True)), None)
    assert group.effective_chat.id < 0 and group.effective_chat.type == "group"
    assert group.message.reply_to_message.from_user.id == stub.bot_user["id"]
    mention = Update.de_json(stub.update(stub.push_message("@stub_qa_bot 你好", 8, chat_type="group")), None)
    assert mention.message.entities[0].type == "mention" and mention.message.entities[0].length == 12

    edited = Update.de_json(stub.update(stub.push_edited_message("changed", user_id=USER)), None)
    assert edited.edited_message.message_id == command.message.message_id and edited.edited_message.text == "changed"
    sticker = Update.de_json(stub.update(stub.push_sticker(USER)), None)
    photo = Update.de_json(stub.update(stub.push_photo(USER, caption="图")), None)
    assert sticker.message.sticker.emoji and sticker.message.text is None
    assert len(photo.message.photo) == 2 and photo.message.text is None
    with pytest.raises(ValueError):
        stub.push_message("x", 1, chat_id=5, chat_type="group")


# ---- raw protocol: long polling, offsets, conflicts, shutdown ------------------------------------------------


def call(stub: BotAPIStub, method: str, **params: object) -> httpx.Response:
    with httpx.Client(trust_env=False, timeout=5) as client:
        return client.post(f"{stub.base_url}{stub.token}/{method}", data={k: str(v) for k, v in params.items()})


def test_long_poll_blocks_offsets_confirm_and_a_newer_poll_wins(stub: BotAPIStub) -> None:
    started = time.monotonic()
    assert call(stub, "getUpdates", timeout=1).json() == {"ok": True, "result": []}
    assert time.monotonic() - started >= 0.9

    threading.Timer(0.2, stub.push_message, args=("late",)).start()
    started = time.monotonic()
    first = call(stub, "getUpdates", timeout=5).json()["result"]
    assert time.monotonic() - started < 2 and first[0]["message"]["text"] == "late"
    assert len(call(stub, "getUpdates", offset=first[0]["update_id"]).json()["result"]) == 1
    assert call(stub, "getUpdates", offset=first[0]["update_id"] + 1).json()["result"] == []

    older: list[httpx.Response] = []
    poller = threading.Thread(target=lambda: older.append(call(stub, "getUpdates", timeout=5)))
    poller.start()
    stub.wait_for(lambda: stub.polls_waiting, timeout=3, what="the older poll to reach the server")
    assert call(stub, "getUpdates", timeout=0).status_code == 200
    poller.join(3)
    assert older[0].status_code == 409

    unknown = call(stub, "setChatTitle", chat_id=-5, title="x").json()
    assert unknown == {"ok": True, "result": True} and stub.calls("setChatTitle")[0].params["chat_id"] == -5
    assert call(stub, "getMe").json()["result"]["username"] == "stub_qa_bot"
    wrong = httpx.post(f"{stub.base_url}999:nope/getMe", trust_env=False)
    assert (wrong.status_code, wrong.json()) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})


def test_stop_interrupts_long_polls_and_leaves_no_threads() -> None:
    stub = BotAPIStub().start()
    poller = threading.Thread(target=lambda: call(stub, "getUpdates", timeout=30))
    poller.start()
    time.sleep(0.3)
    started = time.monotonic()
    stub.stop()
    poller.join(3)
    assert time.monotonic() - started < 3 and not poller.is_alive()
    assert not [t for t in threading.enumerate() if t.name.startswith("botapi-stub")]


def test_sync_waits_refuse_to_block_the_event_loop(stub: BotAPIStub) -> None:
    async def scenario() -> None:
        with pytest.raises(RuntimeError, match="event loop"):
            stub.wait_for_messages(USER, 1, timeout=0.1)
        with pytest.raises(TimeoutError, match="1 message"):
            await stub.wait_messages(USER, 1, timeout=0.1)

    run(scenario())
    with pytest.raises(TimeoutError):
        stub.wait_for_messages(USER, 1, timeout=0.1)

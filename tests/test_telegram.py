"""The Telegram bot end to end: the real python-telegram-bot client against the loopback Bot API stand-in."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import pytest

from bot.frontends.telegram_bot import TelegramBot
from bot.qlog import QuestionLog
from tests.botapi_stub import BotAPIStub, running

ALLOWED, STRANGER, ADMIN, GROUP = 1001, 5555, 9999, -2002


@pytest.fixture
def stub() -> Iterator[BotAPIStub]:
    with BotAPIStub() as server:
        yield server


@pytest.fixture
def make_bot(built_config, engine, stub, tmp_path):
    """A TelegramBot wired to the stand-in; call it again to simulate a restart on the same question log."""
    cfg = built_config.with_overrides(
        telegram_token=stub.token, telegram_base_url=stub.base_url,
        telegram_allowed_ids=(str(ALLOWED), str(GROUP)), telegram_admin_ids=(str(ADMIN),),
    )

    def make() -> TelegramBot:
        return TelegramBot(cfg, engine, QuestionLog(tmp_path / "questions.sqlite3"))

    return make


def run(coro, limit: float = 60.0) -> None:
    asyncio.run(asyncio.wait_for(coro, limit))


async def ask(stub: BotAPIStub, text: str, user: int = ALLOWED, count: int = 1, **kwargs) -> list[str]:
    """Push one message and return the texts the bot sent to that chat in reply."""
    chat = kwargs.get("chat_id") or user
    before = len(stub.sent_texts(chat))
    stub.push_message(text, user_id=user, **kwargs)
    await stub.wait_messages(chat_id=chat, count=before + count, timeout=30)
    return stub.sent_texts(chat)[before:]


@pytest.mark.parametrize("question", ["2023年共立案多少宗？", "how many cases in 2023"])
def test_questions_in_chinese_and_english_are_answered_with_the_figure(stub, make_bot, question):
    async def scenario():
        async with running(make_bot().build()):
            [reply] = await ask(stub, question)
            assert "35" in reply and "严格规范执法" in reply
            sent = stub.sent_messages(ALLOWED)[-1]
            assert "<b>35宗</b>" in sent["text"] and sent["parse_mode"] == "HTML"
    run(scenario())
    assert stub.rejected() == []


def test_a_user_outside_the_allow_list_gets_no_report_content_but_their_id(stub, make_bot):
    async def scenario():
        async with running(make_bot().build()):
            [reply] = await ask(stub, "2023年共立案多少宗？", user=STRANGER)
            assert str(STRANGER) in reply and "35" not in reply and "TELEGRAM_ALLOWED_IDS" in reply
    run(scenario())


def test_html_special_characters_are_escaped_both_ways(stub, make_bot):
    async def scenario():
        async with running(make_bot().build()):
            [reply] = await ask(stub, "2023年共立案多少宗？<b>&</b> <script>")
            assert "35" in reply
            [reply] = await ask(stub, "<b>&&&</b>")
            assert reply
    run(scenario())
    assert stub.rejected() == []


def test_buttons_show_more_passages_the_section_and_take_feedback_after_a_restart(stub, make_bot, tmp_path):
    async def scenario():
        async with running(make_bot().build()):
            await ask(stub, "2023年共立案多少宗？")
            answer = stub.sent_messages(ALLOWED)[-1]
            buttons = [b["callback_data"] for row in answer["reply_markup"]["inline_keyboard"] for b in row]
            assert all(len(data.encode()) <= 64 for data in buttons)
            message = stub.last_bot_message(ALLOWED)
        stub.reset()
        async with running(make_bot().build()):  # a restarted bot still understands the old buttons
            for data in buttons[:2]:
                stub.push_callback(data, user_id=ALLOWED, message=message)
            await stub.wait_messages(chat_id=ALLOWED, count=2, timeout=30)
            replies = stub.sent_texts(ALLOWED)[:2]  # handled concurrently: either may come first
            section = next(t for t in replies if t.startswith("📖"))
            more = next(t for t in replies if t is not section)
            assert more.startswith("2.") and "共立案35宗" in section and "一是强化" in section
            stub.push_callback(buttons[2], user_id=ALLOWED, message=message)
            await stub.wait_messages(chat_id=ALLOWED, count=3, timeout=30)
            assert "谢谢" in stub.sent_texts(ALLOWED)[2]
            assert len(stub.calls("answerCallbackQuery")) == 3
    run(scenario())
    log = QuestionLog(tmp_path / "questions.sqlite3")
    assert log.stats()["thumbs_up"] == 1


def test_group_messages_are_answered_only_when_addressed(stub, make_bot):
    async def scenario():
        async with running(make_bot().build()):
            stub.push_message("大家好，今天开会吗？", user_id=ALLOWED, chat_id=GROUP, chat_type="group")
            stub.push_message("2023年共立案多少宗？", user_id=ALLOWED, chat_id=GROUP, chat_type="group")
            await stub.wait_quiet(quiet=1.0, timeout=15)
            assert stub.sent_texts(GROUP) == []
            [reply] = await ask(stub, "/ask@stub_qa_bot 2023年共立案多少宗？", chat_id=GROUP, chat_type="group")
            assert "35" in reply
            [reply] = await ask(stub, "@stub_qa_bot 罚没收入是多少？", chat_id=GROUP, chat_type="group")
            assert "115" in reply
            [reply] = await ask(stub, "设置了多少个便民服务点？", chat_id=GROUP, chat_type="group", reply_to_bot=True)
            assert "75" in reply
    run(scenario())


def test_a_long_answer_is_split_under_the_telegram_limit(stub, make_bot, monkeypatch):
    long_section = ("第一句话很长，" * 40 + "。\n") * 30

    async def scenario():
        bot = make_bot()
        monkeypatch.setattr(bot.engine, "section_text", lambda answer: ("二、很长的一节", long_section))
        async with running(bot.build()):
            await ask(stub, "2023年共立案多少宗？")
            data = stub.sent_messages(ALLOWED)[-1]["reply_markup"]["inline_keyboard"][0][1]["callback_data"]
            before = len(stub.sent_texts(ALLOWED))
            stub.push_callback(data, user_id=ALLOWED)
            await stub.wait_messages(chat_id=ALLOWED, count=before + 3, timeout=30)
            await stub.wait_quiet(quiet=0.5, timeout=10)
            parts = stub.sent_texts(ALLOWED)[before:]
            assert len(parts) >= 3 and all(len(p) <= 4096 for p in parts)
            assert "".join(parts).count("第一句话很长") == 40 * 30
    run(scenario())
    assert stub.rejected() == []


@pytest.mark.parametrize("kind, count", [("429", 1), ("500", 2), ("drop", 2)])
def test_send_failures_are_retried_and_the_answer_arrives_exactly_once(stub, make_bot, kind, count):
    async def scenario():
        async with running(make_bot().build()):
            stub.fail_next("sendMessage", kind, count=count, retry_after=1)
            [reply] = await ask(stub, "2023年共立案多少宗？")
            assert "35" in reply
            await stub.wait_quiet(quiet=1.5, timeout=15)
            assert len(stub.sent_texts(ALLOWED)) == 1
            assert len(stub.attempts("sendMessage")) == count + 1
    run(scenario())


def test_thirty_users_asking_at_once_are_all_answered(stub, make_bot):
    users = [ALLOWED] + list(range(3001, 3030))

    async def scenario():
        bot = make_bot()
        bot.access = bot.access.__class__(frozenset({"*"}), bot.access.admins)
        async with running(bot.build()):
            stub.push_many([("2023年共立案多少宗？", u) for u in users])
            await stub.wait_until(lambda: all(stub.sent_texts(u) for u in users), timeout=60)
            await stub.wait_quiet(quiet=1.0, timeout=15)
    run(scenario(), limit=90)
    for user in users:
        [reply] = stub.sent_texts(user)
        assert "35" in reply


def test_stickers_photos_and_edited_messages_get_a_clear_reply(stub, make_bot):
    async def scenario():
        async with running(make_bot().build()):
            stub.push_sticker(user_id=ALLOWED)
            await stub.wait_messages(chat_id=ALLOWED, count=1, timeout=15)
            stub.push_photo(user_id=ALLOWED)
            await stub.wait_messages(chat_id=ALLOWED, count=2, timeout=15)
            assert all("文字" in t for t in stub.sent_texts(ALLOWED))
            stub.push_edited_message("罚没收入是多少？", user_id=ALLOWED)
            await stub.wait_messages(chat_id=ALLOWED, count=3, timeout=30)
            assert "115" in stub.sent_texts(ALLOWED)[2]
    run(scenario())


def test_help_commands_and_menu_are_in_chinese(stub, make_bot):
    async def scenario():
        async with running(make_bot().build()):
            [reply] = await ask(stub, "/start")
            assert "2023年共立案多少宗" in reply and "/ask" in reply
            [reply] = await ask(stub, "/help")
            assert "示例" in reply or "例如" in reply
    run(scenario())
    assert {c["command"] for c in stub.commands(language_code="zh")} >= {"ask", "help", "facts", "quiz"}


def test_stats_are_for_admins_only(stub, make_bot):
    async def scenario():
        async with running(make_bot().build()):
            await ask(stub, "2023年共立案多少宗？")
            [reply] = await ask(stub, "/stats", user=ALLOWED)
            assert "管理员" in reply
            [reply] = await ask(stub, "/stats", user=ADMIN)
            assert "提问" in reply
    run(scenario())


def test_the_token_never_appears_in_logs(stub, make_bot, caplog):
    caplog.set_level(logging.DEBUG)

    async def scenario():
        async with running(make_bot().build()):
            await ask(stub, "2023年共立案多少宗？")
    run(scenario())
    assert caplog.records
    assert not [r for r in caplog.records if stub.token in r.getMessage()]


def test_environment_proxies_never_hijack_a_loopback_api(stub, make_bot, monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens there

    async def scenario():
        async with running(make_bot().build()):
            [reply] = await ask(stub, "2023年共立案多少宗？")
            assert "35" in reply
    run(scenario())


class RecordingProxy:
    """A minimal HTTP forward proxy on loopback that records the methods it relays."""

    def __init__(self) -> None:
        import http.server
        import threading
        import urllib.request

        relayed = self.relayed = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                relayed.append(self.path.rsplit("/", 1)[-1])
                headers = {"Content-Type": self.headers.get("Content-Type") or "application/x-www-form-urlencoded"}
                request = urllib.request.Request(self.path, data=body, method="POST", headers=headers)
                opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
                try:
                    with opener.open(request, timeout=30) as response:
                        status, payload = response.status, response.read()
                except urllib.error.HTTPError as error:
                    status, payload = error.code, error.read()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_telegram_proxy_carries_both_sending_and_polling(stub, make_bot):
    proxy = RecordingProxy()
    try:
        async def scenario():
            bot = make_bot()
            bot.cfg = bot.cfg.with_overrides(telegram_proxy=proxy.url)
            async with running(bot.build()):
                [reply] = await ask(stub, "2023年共立案多少宗？")
                assert "35" in reply
        run(scenario())
    finally:
        proxy.close()
    assert "getUpdates" in proxy.relayed and "sendMessage" in proxy.relayed


def test_webhook_mode_registers_the_hook_and_answers_posted_updates(stub, make_bot):
    import json
    import socket
    import urllib.request

    from bot.frontends.telegram_bot import webhook_settings

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    async def scenario():
        bot = make_bot()
        bot.cfg = bot.cfg.with_overrides(telegram_webhook_url=f"http://127.0.0.1:{port}/tg-hook",
                                         telegram_webhook_port=port, telegram_webhook_secret="s3cret")
        app = bot.build()
        async with app:
            await app.start()
            await app.updater.start_webhook(**webhook_settings(bot.cfg, listen="127.0.0.1"))
            assert stub.webhook_url == f"http://127.0.0.1:{port}/tg-hook"
            update_id = stub.push_message("2023年共立案多少宗？", user_id=ALLOWED)
            payload = json.dumps(stub.update(update_id)).encode()
            request = urllib.request.Request(f"http://127.0.0.1:{port}/tg-hook", data=payload, method="POST", headers={
                "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "s3cret"})
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            await asyncio.get_running_loop().run_in_executor(None, lambda: opener.open(request, timeout=10).read())
            await stub.wait_messages(chat_id=ALLOWED, count=1, timeout=30)
            assert "35" in stub.sent_texts(ALLOWED)[0]
            await app.updater.stop()
            await app.stop()
    run(scenario())


def test_facts_list_the_figures_and_send_the_spreadsheet(stub, make_bot):
    async def scenario():
        async with running(make_bot().build()):
            stub.push_message("/facts", user_id=ALLOWED)
            await stub.wait_calls("sendDocument", count=1, timeout=30)
            text = "\n".join(stub.sent_texts(ALLOWED))
            for figure in ["35", "115", "658", "8600", "92.94%", "75", "63"]:
                assert figure in text
            [doc] = stub.calls("sendDocument")
            assert doc.files
            before = len(stub.sent_texts(ALLOWED))
            stub.push_message("/facts 夜市", user_id=ALLOWED)
            await stub.wait_calls("sendDocument", count=2, timeout=30)
            assert "63" in "\n".join(stub.sent_texts(ALLOWED)[before:])
    run(scenario())
    assert stub.rejected() == []


def test_quiz_question_verdict_and_score_survive_a_restart(stub, make_bot):
    async def scenario():
        async with running(make_bot().build()):
            for _ in range(2):
                before = len(stub.sent_texts(ALLOWED))
                stub.push_message("/quiz", user_id=ALLOWED)
                await stub.wait_messages(chat_id=ALLOWED, count=before + 1, timeout=30)
                question = stub.sent_messages(ALLOWED)[-1]
                if question.get("reply_markup"):
                    data = question["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
                    stub.push_callback(data, user_id=ALLOWED, message=stub.last_bot_message(ALLOWED))
                else:
                    stub.push_message("12345", user_id=ALLOWED)
                await stub.wait_messages(chat_id=ALLOWED, count=before + 2, timeout=30)
                verdict = stub.sent_texts(ALLOWED)[-1]
                assert ("正确" in verdict or "错误" in verdict) and "原文" in verdict
        async with running(make_bot().build()):
            [reply] = await ask(stub, "/score")
            assert "已答 2 题" in reply
    run(scenario())


def test_follow_ups_keep_the_thread_until_new(stub, make_bot):
    async def scenario():
        async with running(make_bot().build()):
            [reply] = await ask(stub, "今年以来共公示行政处罚多少件？")
            assert "32" in reply
            [reply] = await ask(stub, "谢谢")
            assert reply.startswith("不客气") and "段落" not in reply
            [reply] = await ask(stub, "那行政许可呢？")
            assert "理解为：今年以来共公示行政许可多少件？" in reply and "37件" in reply
            assert stub.sent_messages(ALLOWED)[-1]["reply_markup"]  # buttons stay on a follow-up's answer
            [reply] = await ask(stub, "/new")
            assert "新对话" in reply
            [reply] = await ask(stub, "那行政许可呢？")
            assert "理解为" not in reply
    run(scenario())
    assert stub.rejected() == []


def test_in_a_group_each_member_has_their_own_thread(stub, make_bot):
    async def scenario():
        async with running(make_bot().build()):
            group = {"chat_id": GROUP, "chat_type": "group"}
            [reply] = await ask(stub, "/ask@stub_qa_bot 今年以来共公示行政处罚多少件？", **group)
            assert "32" in reply
            [reply] = await ask(stub, "@stub_qa_bot 那行政许可呢？", user=ADMIN, **group)
            assert "理解为" not in reply
            [reply] = await ask(stub, "@stub_qa_bot 那行政许可呢？", **group)
            assert "理解为" in reply and "37件" in reply
    run(scenario())

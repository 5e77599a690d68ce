"""The DingTalk bot end to end: `python -m bot dingtalk` as a real process against the Stream-mode stand-in."""

from __future__ import annotations

import sqlite3
import time

import pytest

from bot.frontends.dingtalk_format import MAX_BYTES, answer_markdown
from bot.records import Answer, Passage
from tests.bot_process import BotProcess
from tests.dingtalk_stub import DingTalkStub
from tests.stub_http import wait_until

QUESTION = "2023年共立案多少宗？"
ALLOWED = "staff001,staff002,cidgroupstaff003"
QUIET = 3.0  # seconds to wait for a message that must not come


@pytest.fixture(scope="module")
def stub():
    server = DingTalkStub()
    yield server
    server.close()


@pytest.fixture(scope="module")
def bot(stub, built_config, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dingtalk")
    process = BotProcess(["dingtalk", "--index", str(built_config.index_dir)], {
        "DINGTALK_CLIENT_ID": stub.client_id, "DINGTALK_CLIENT_SECRET": stub.client_secret,
        "DINGTALK_OPENAPI_ENDPOINT": stub.endpoint, "DINGTALK_ALLOWED_IDS": ALLOWED,
    }, tmp / "bot.log", tmp / "data")
    try:
        wait_until(lambda: stub.connected() or not process.alive(), 180, "the bot to connect")
        assert process.alive(), process.log()
        yield process
    finally:
        assert process.stop() == 0, process.log()


def ask(stub: DingTalkStub, text: str, **kwargs) -> tuple[dict, str]:
    payload = stub.message(text, **kwargs)
    return payload, stub.push(payload)


def test_a_private_question_is_answered_once_with_the_figure_in_bold(stub, bot):
    payload, frame_id = ask(stub, QUESTION)
    [reply] = stub.wait_replies(payload)
    assert reply.body["msgtype"] == "markdown" and "**35宗**" in reply.text
    assert "许昌市城市管理局" in reply.text and "依法严格规范办案" in reply.text
    [ack] = stub.acks_for(frame_id)
    assert ack["code"] == 200
    time.sleep(QUIET)
    assert len(stub.replies_to(payload)) == 1
    rows = sqlite3.connect(bot.log_path.parent / "data" / "questions.sqlite3").execute(
        "SELECT platform, user_id, question FROM questions WHERE question = ?", (QUESTION,)).fetchall()
    assert ("dingtalk", "staff001", QUESTION) in rows


def test_a_redelivered_message_is_acknowledged_each_time_and_answered_once(stub, bot):
    payload = stub.message(QUESTION, user="staff002")
    first, again = stub.push(payload), stub.push(payload)  # back to back, before any answer is ready
    stub.wait_replies(payload)
    wait_until(lambda: stub.acks_for(again), 10, "the second acknowledgement")
    assert [a["code"] for a in stub.acks_for(first) + stub.acks_for(again)] == [200, 200]
    time.sleep(QUIET)
    assert len(stub.replies_to(payload)) == 1


def test_in_a_group_an_at_mention_is_answered_and_the_sender_is_mentioned_back(stub, bot):
    ignored, _ = ask(stub, QUESTION, user="staff003", group=True, mentioned=False)
    payload, _ = ask(stub, f"@报告问答 {QUESTION}", user="staff003", group=True)
    [reply] = stub.wait_replies(payload)
    assert "**35宗**" in reply.text and reply.body["at"] == {"atUserIds": ["staff003"]}
    time.sleep(QUIET)
    assert stub.replies_to(ignored) == []


def test_a_sender_outside_the_allow_list_is_told_their_id_and_nothing_else(stub, bot):
    payload, _ = ask(stub, QUESTION, user="stranger9")
    [reply] = stub.wait_replies(payload)
    assert "stranger9" in reply.text and "DINGTALK_ALLOWED_IDS" in reply.text and "35" not in reply.text


def test_a_picture_gets_a_request_for_text(stub, bot):
    payload = stub.message("", user="staff001")
    payload.update(msgtype="picture", content={"downloadCode": "x"})
    payload.pop("text")
    stub.push(payload)
    [reply] = stub.wait_replies(payload)
    assert "文字" in reply.text


def test_system_pings_are_acknowledged_with_their_data(stub, bot):
    frame_id = stub.push({"opaque": "ping-42"}, frame_type="SYSTEM", topic="ping")
    [ack] = wait_until(lambda: stub.acks_for(frame_id), 10, "the ping acknowledgement")
    assert ack["code"] == 200 and "ping-42" in ack["data"]


def test_webhook_429_and_5xx_are_retried_and_the_reply_is_sent_once(stub, bot):
    stub.faults.fail_next("webhook", 429, 503, 500)
    payload, _ = ask(stub, QUESTION, user="staff001")
    [reply] = stub.wait_replies(payload)
    assert "**35宗**" in reply.text
    session = payload["sessionWebhook"].rpartition("=")[2]
    time.sleep(QUIET)
    assert stub.attempts.count(session) == 4 and len(stub.replies_to(payload)) == 1


def test_a_dropped_connection_is_reopened_and_no_secret_reaches_the_log(stub, bot):
    opened = len(stub.opens)
    stub.drop_connection()
    wait_until(lambda: len(stub.opens) > opened and stub.connected(), 60, "a new connection")
    payload, _ = ask(stub, QUESTION)
    stub.wait_replies(payload)
    log = bot.log()
    assert "DingTalk stream connected" in log and len(stub.tickets) >= 2
    assert stub.client_secret not in log and not [t for t in stub.tickets if t in log]


def test_a_wrong_secret_is_reported_without_the_secret_and_sigterm_stops_the_bot(stub, built_config, tmp_path):
    wrong = "wrong-" + stub.client_secret
    opened = len(stub.opens)
    process = BotProcess(["dingtalk", "--index", str(built_config.index_dir)], {
        "DINGTALK_CLIENT_ID": stub.client_id, "DINGTALK_CLIENT_SECRET": wrong, "DINGTALK_OPENAPI_ENDPOINT": stub.endpoint,
    }, tmp_path / "bot.log", tmp_path / "data")
    try:
        wait_until(lambda: len(stub.opens) >= opened + 2 or not process.alive(), 180, "two connection attempts")
    finally:
        code = process.stop()
    assert code == 0, process.log()
    assert "HTTP 401" in process.log() and wrong not in process.log()


# ---- the Markdown renderer -----------------------------------------------------------------------------------

def _answer(sentence: str, passage: str) -> Answer:
    return Answer(question="问题", found=True, answer=sentence, sentence=sentence, figure="35宗", doc="报告",
                  section="一 > 二", passages=[Passage("报告", "一 > 二", passage, 1.0)])


def test_a_long_answer_is_split_under_the_size_limit_with_nothing_lost():
    sentence = "2023年共立案35宗。" + "这是一个很长的句子，" * 700 + "完。"
    messages = answer_markdown(_answer(sentence, "原文。" * 300))
    assert len(messages) > 1 and all(len(m.encode()) <= MAX_BYTES for m in messages)
    assert "**35宗**" in messages[0] and "\n\n> 原文。" in messages[-1]
    assert "".join(messages).count("这是一个很长的句子") == 700


def test_markdown_characters_in_the_report_are_shown_literally():
    [message] = answer_markdown(_answer("2023年共立案35宗，*注*[1]。", "# 标题\n- 列表"))
    assert "**35宗**" in message and r"\*注\*\[1\]" in message and r"> \# 标题" in message and r"> \- 列表" in message
    assert "一 › 二" in message

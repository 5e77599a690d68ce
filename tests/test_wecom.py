"""The WeCom bot end to end: `python -m bot wecom` as a real process, called back by the WeCom stand-in."""

from __future__ import annotations

import socket
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from bot.frontends.wecom_crypto import BadMessage, WeComCrypto
from bot.frontends.wecom_format import MAX_BYTES, answer_text
from bot.records import Answer, Passage
from tests.bot_process import BotProcess
from tests.stub_http import wait_until
from tests.wecom_stub import WeComStub

QUESTION = "2023年共立案多少宗？"
ALLOWED = "zhangsan,lisi,wangwu,zhaoliu,slowuser1,slowuser2,slowuser3,slowuser4"
QUIET = 3.0  # seconds to wait for a message that must not come


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def stub():
    server = WeComStub()
    yield server
    server.close()


def start(stub: WeComStub, built_config, tmp, program: list[str] | None = None) -> tuple[BotProcess, str]:
    port = free_port()
    process = BotProcess(["wecom", "--index", str(built_config.index_dir), "--host", "127.0.0.1", "--port", str(port)], {
        "WECOM_CORP_ID": stub.corp_id, "WECOM_TOKEN": stub.token, "WECOM_ENCODING_AES_KEY": stub.aes_key,
        "WECOM_AGENT_ID": stub.agent_id, "WECOM_SECRET": stub.secret, "WECOM_API_BASE": stub.api_base,
        "WECOM_ALLOWED_IDS": ALLOWED,
    }, tmp / "bot.log", tmp / "data", program)
    url = f"http://127.0.0.1:{port}/wecom/callback"

    def up() -> bool:
        if not process.alive():
            return True
        try:
            return httpx.get(url, timeout=2, trust_env=False).status_code == 403  # unsigned: refused, so it listens
        except httpx.HTTPError:
            return False

    wait_until(up, 180, "the WeCom bot to listen")
    assert process.alive(), process.log()
    return process, url


@pytest.fixture(scope="module")
def bot(stub, built_config, tmp_path_factory):
    process, url = start(stub, built_config, tmp_path_factory.mktemp("wecom"))
    yield process, url
    assert process.stop() == 0, process.log()


@pytest.fixture(scope="module")
def slow_bot(stub, built_config, tmp_path_factory):
    """The same bot with a conversation core that takes 6 s per answer (tests/slow_bot.py)."""
    process, url = start(stub, built_config, tmp_path_factory.mktemp("wecom-slow"), ["-m", "tests.slow_bot"])
    yield process, url
    assert process.stop() == 0, process.log()


def test_url_verification_returns_exactly_the_decrypted_echostr(stub, bot):
    _, url = bot
    response = stub.verify_url(url, "8123456789012345678")
    assert response.status_code == 200 and response.content == b"8123456789012345678"


def test_a_forged_signature_gets_403_and_nothing_else(stub, bot):
    _, url = bot
    response = stub.verify_url(url, "123", forged=True)
    assert response.status_code == 403 and response.content == b""
    response = stub.callback(url, stub.text("zhangsan", QUESTION), forged=True)
    assert response.status_code == 403 and response.content == b""
    time.sleep(QUIET)
    assert stub.sent_to("zhangsan") == []


def test_a_question_gets_the_passive_encrypted_reply_and_nothing_more(stub, bot):
    _, url = bot
    response = stub.callback(url, stub.text("lisi", QUESTION))
    assert response.status_code == 200
    reply = stub.passive_reply(response)
    assert reply["ToUserName"] == "lisi" and reply["FromUserName"] == stub.corp_id and reply["MsgType"] == "text"
    assert "35宗" in reply["Content"] and "依法严格规范办案" in reply["Content"]
    time.sleep(QUIET)
    assert stub.sent_to("lisi") == []


def test_a_repeated_msgid_gets_an_empty_200_and_the_question_is_answered_once(stub, bot):
    _, url = bot
    message = stub.text("wangwu", QUESTION)
    with ThreadPoolExecutor(2) as pool:  # WeCom's retry racing the first delivery
        responses = list(pool.map(lambda _: stub.callback(url, message), range(2)))
    again = stub.callback(url, message)  # and a retry after the answer
    assert [r.status_code for r in responses + [again]] == [200, 200, 200]
    replies = [stub.passive_reply(r) for r in responses + [again]]
    assert sum(r is not None for r in replies) == 1 and again.content == b""
    time.sleep(QUIET)
    assert stub.sent_to("wangwu") == []


def test_a_picture_gets_a_request_for_text_and_an_event_gets_an_empty_200(stub, bot):
    _, url = bot
    picture = {**stub.text("zhaoliu", ""), "MsgType": "image", "PicUrl": "http://127.0.0.1/x.png", "MediaId": "m1"}
    assert "文字" in stub.passive_reply(stub.callback(url, picture))["Content"]
    event = {"ToUserName": stub.corp_id, "FromUserName": "zhaoliu", "CreateTime": int(time.time()),
             "MsgType": "event", "Event": "enter_agent", "AgentID": int(stub.agent_id)}
    response = stub.callback(url, event)
    assert response.status_code == 200 and response.content == b""


def test_a_user_outside_the_allow_list_is_told_their_id_and_nothing_else(stub, bot):
    _, url = bot
    reply = stub.passive_reply(stub.callback(url, stub.text("stranger", QUESTION)))
    assert "stranger" in reply["Content"] and "WECOM_ALLOWED_IDS" in reply["Content"] and "35" not in reply["Content"]


def test_an_answer_slower_than_5_s_goes_through_message_send_once(stub, slow_bot):
    _, url = slow_bot
    message = stub.text("slowuser1", QUESTION)
    first = stub.callback(url, message)
    assert first.status_code == 200 and first.content == b"" and stub.sent_to("slowuser1") == []
    retry = stub.callback(url, message)  # WeCom calls again when 5 s pass without a reply
    assert retry.status_code == 200 and retry.content == b""
    [text] = wait_until(lambda: stub.sent_to("slowuser1"), 60, "message/send")
    assert "35宗" in text
    [sent] = [b for b in stub.sent if b["touser"] == "slowuser1"]
    assert str(sent["agentid"]) == stub.agent_id and sent["msgtype"] == "text"
    time.sleep(QUIET)
    assert len(stub.sent_to("slowuser1")) == 1


def test_message_send_429_and_5xx_are_retried_and_the_answer_sent_once(stub, slow_bot):
    _, url = slow_bot
    stub.faults.fail_next("message/send", 429, 500, 503)
    assert stub.callback(url, stub.text("slowuser2", QUESTION)).content == b""
    wait_until(lambda: stub.sent_to("slowuser2"), 90, "message/send")
    time.sleep(QUIET)
    assert len(stub.sent_to("slowuser2")) == 1
    assert sum(b["touser"] == "slowuser2" for b in stub.attempts) == 4


def test_the_access_token_is_cached_and_renewed_when_wecom_says_it_expired(stub, slow_bot):
    _, url = slow_bot
    assert stub.callback(url, stub.text("slowuser3", QUESTION)).content == b""
    wait_until(lambda: stub.sent_to("slowuser3"), 60, "message/send")
    calls = stub.gettoken_calls
    stub.expire_tokens()
    assert stub.callback(url, stub.text("slowuser4", QUESTION)).content == b""
    wait_until(lambda: stub.sent_to("slowuser4"), 60, "message/send after renewal")
    assert stub.gettoken_calls == calls + 1 and len(stub.sent_to("slowuser4")) == 1


def test_no_secret_reaches_either_log(stub, bot, slow_bot):
    # runs after the tests above in this module: the logs hold verification, answers, retries and token renewal
    for process, _ in (bot, slow_bot):
        log = process.log()
        assert "Uvicorn running" in log or "Application startup complete" in log, log
        for secret in [stub.secret, stub.aes_key, stub.token, *stub.tokens]:
            assert secret not in log


# ---- crypto and text, against the stand-in's independent implementation --------------------------------------

def test_the_bots_crypto_and_the_stand_ins_agree_both_ways():
    stub = WeComStub()
    try:
        crypto = WeComCrypto(stub.token, stub.aes_key, stub.corp_id)
        assert crypto.decrypt(stub.encrypt("你好 <xml>")) == "你好 <xml>"
        assert stub.decrypt(crypto.encrypt("回复")) == ("回复", stub.corp_id)
        query = stub.signed_query("abc")
        assert crypto.verify(query["msg_signature"], query["timestamp"], query["nonce"], "abc")
        assert not crypto.verify(query["msg_signature"], query["timestamp"], query["nonce"], "abd")
        other = WeComCrypto(stub.token, stub.aes_key, "another-corp")
        with pytest.raises(BadMessage):
            other.decrypt(stub.encrypt("x"))
    finally:
        stub.close()


def test_a_long_answer_fits_one_text_message_and_keeps_the_sentence_whole():
    sentence = "2023年共立案35宗，罚没收入115万元。"
    answer = Answer(question="问题", found=True, answer=sentence, sentence=sentence, figure="35宗", doc="报告",
                    section="一 > 二", passages=[Passage("报告", "一 > 二", "很长的原文。" * 500, 1.0)])
    text = answer_text(answer)
    assert len(text.encode()) <= MAX_BYTES and text.startswith(sentence) and text.endswith("…") and "一 › 二" in text

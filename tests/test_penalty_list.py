"""A regulation's penalties asked as a list ("南阳绿化条例有哪些罚则？") are answered with its penalty table, by the
real engine over the report and the 11 laws of tests/fixtures/library."""

from __future__ import annotations

import pytest

from bot.conversation import Conversations
from bot.penalty_list import SHOWN


@pytest.mark.parametrize("question", ["南阳绿化条例有哪些罚则？", "《南阳市城市绿化条例》的罚则一览",
                                      "南阳市城市绿化条例里都有哪些处罚规定？"])
def test_the_penalty_rows_of_the_regulation_named(library_engine, question):
    answer = library_engine.answer(question)
    assert answer.found and answer.evidence.get("from") == "penalty table"
    assert answer.sentence.startswith("《南阳市城市绿化条例》罚则（共") and answer.doc == "南阳市城市绿化条例"
    rows = [line for line in answer.answer.splitlines() if line.startswith("· ")]
    assert len(rows) == SHOWN and "第三十二条第一项" in rows[0]
    assert "另有" in answer.answer and "/penalties 南阳市城市绿化条例" in answer.answer  # where the rest is


def test_an_english_list_and_a_short_one_are_shown_whole(library_engine):
    answer = library_engine.answer("What are the penalties in the Xuchang Urban and Rural Planning Regulations?")
    assert answer.found and answer.sentence == "许昌市城乡规划条例: 5 penalty rows (behaviour, then measures):"
    assert "第四十三条 未取得建设工程规划许可证" in answer.answer and "more:" not in answer.answer


def test_penalties_of_a_behaviour_are_its_clause_not_a_list(library_engine):
    # no regulation named: the question asks what the rule on cutting trees says, answered by its clause
    answer = library_engine.answer("南阳砍树有哪些罚则？")
    assert answer.found and answer.evidence.get("from") != "penalty table" and "每株一千元以上一万元以下" in answer.answer


def test_this_regulations_penalties_in_a_conversation(library_engine):
    chat = Conversations(library_engine)
    chat.ask("t", "list", "u", "许昌城乡规划条例里，违法建设怎么处罚？")
    answer = chat.ask("t", "list", "u", "这部条例有哪些罚则？").answer
    assert answer.found and answer.sentence.startswith("《许昌市城乡规划条例》罚则（共5条")


def test_a_behaviour_against_a_named_regulation_is_its_clause_not_the_list(library_engine):
    answer = library_engine.answer("擅自砍伐树木违反南阳市城市绿化条例有什么法律责任？")
    assert answer.found and answer.evidence.get("from") != "penalty table" and "第三十六条" in answer.answer

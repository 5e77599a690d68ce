"""An article asked by its number alone, among several laws ("第三十六条讲什么？"): which documents hold it, and
which one is meant; in a conversation about one regulation, that one. Real engine, report and 11 laws."""

from __future__ import annotations

import pytest

from bot.conversation import Conversations
from bot.refusal import WHICH_DOCUMENT


@pytest.mark.parametrize("question", ["第三十六条", "第三十六条讲什么？", "第三十六条是什么内容？", "违反第三十六条罚多少？"])
def test_an_article_held_by_several_laws_is_asked_which(library_engine, question):
    answer = library_engine.answer(question)
    # no law is guessed: the reply names those that have the article, each with its passage to read
    assert not answer.found and answer.notice == WHICH_DOCUMENT
    assert answer.answer.startswith("多部文件都有第三十六条：《") and "请说明是哪一部" in answer.answer
    assert len(answer.passages) == 5 and all(p.section.endswith("第三十六条") for p in answer.passages)
    assert len({p.doc for p in answer.passages}) == 5


def test_in_english_too_and_an_article_one_law_holds_is_read(library_engine):
    english = library_engine.answer("What does Article 36 say?")
    assert not english.found and english.answer.startswith("9 documents have 第三十六条: ")
    # of the eleven laws only 治安管理处罚法 reaches 第一百一十九条: nothing to ask
    only = library_engine.answer("第一百一十九条讲什么？")
    assert only.found and only.doc == "中华人民共和国治安管理处罚法" and only.section.endswith("第一百一十九条")


def test_in_a_conversation_the_regulation_talked_about_is_meant(library_engine):
    chat = Conversations(library_engine)
    chat.ask("t", "bare", "u", "南阳砍树罚多少？")
    answer = chat.ask("t", "bare", "u", "第三十六条讲什么？").answer
    assert answer.found and answer.doc == "南阳市城市绿化条例" and answer.section.endswith("第三十六条")
    assert answer.understood_as == "《南阳市城市绿化条例》第三十六条讲什么？"

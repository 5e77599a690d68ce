"""Follow-ups that narrow a question about rules (another city, a party, a version), answered by the real
engine over the report and the 11 laws of tests/fixtures/library: the topic asked before is kept, and a city
whose rules are not indexed is refused, not answered with some other rule of that city."""

from __future__ import annotations

import pytest

from bot.conversation import Conversations


@pytest.fixture(scope="module")
def chat(library_engine):
    return Conversations(library_engine)


def test_another_city_keeps_the_topic_and_is_refused_when_its_rules_are_not_indexed(chat):
    first = chat.ask("t", "place-1", "u", "擅自砍伐城市树木罚款多少？").answer
    assert first.found and first.section.endswith("第三十六条") and "南阳" in first.doc
    # 许昌's regulations are indexed, but none on greening: its river regulation must not answer a tree fine
    followup = chat.ask("t", "place-1", "u", "在许昌呢？").answer
    assert followup.understood_as == "在许昌，擅自砍伐城市树木罚款多少？"
    assert not followup.found


def test_a_city_whose_rules_are_indexed_is_answered_from_them(chat):
    chat.ask("t", "place-2", "u", "许昌擅自砍伐城市树木罚款多少？")
    followup = chat.ask("t", "place-2", "u", "南阳呢？").answer
    assert followup.understood_as == "南阳擅自砍伐城市树木罚款多少？"
    assert followup.found and "南阳" in followup.doc and followup.section.endswith("第三十六条")
    assert "每株一千元以上一万元以下" in followup.answer.replace("**", "")


def test_an_older_version_is_read_from_that_version(chat):
    first = chat.ask("t", "version", "u", "申请行政复议有期限吗？").answer
    assert first.found and first.section.endswith("第二十条")
    followup = chat.ask("t", "version", "u", "2017年版的呢？").answer
    assert followup.found and followup.section.endswith("第九条") and "六十日" in followup.answer


def test_an_english_follow_up_for_another_city_is_refused_when_its_rules_are_not_indexed(chat):
    first = chat.ask("t", "place-en", "u", "What is the fine for cutting down trees in Nanyang?").answer
    assert first.found and "南阳" in first.doc
    followup = chat.ask("t", "place-en", "u", "And in Xuchang?").answer
    assert followup.understood_as == "What is the fine for cutting down trees in Xuchang?"
    assert not followup.found

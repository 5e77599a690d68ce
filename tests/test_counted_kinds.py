"""A count of kinds ("分几类", "how many categories") is answered only by a figure counting kinds: a rule lists
them ("生活垃圾分为可回收物、有害垃圾、易腐垃圾和其他垃圾"), and the times or amounts of other articles count nothing
of the sort. Real model and index: the report plus tests/fixtures/fresh3."""

from __future__ import annotations

import pytest

from bot.glossary import Glossary
from bot.query import analyse


@pytest.mark.parametrize("question", ["嘉兴生活垃圾分几类？", "How many categories of household waste are there in Jiaxing?"])
def test_a_count_of_kinds_is_not_answered_with_a_time_or_an_amount(fresh3_engine, question):
    answer = fresh3_engine.answer(question)
    assert not answer.found
    # the list that does answer it is the first related reading
    assert "生活垃圾分为可回收物" in answer.passages[0].text


@pytest.mark.parametrize("question, units", [("生活垃圾分几类？", ("类", "种")), ("共有多少种犬只禁养？", ("类", "种")),
                                             ("对多少类行政相对人进行了提示提醒？", ("类", "种"))])
def test_kinds_asked_for(question, units):
    assert analyse(question, Glossary()).units == units

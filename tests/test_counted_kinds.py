"""A count of kinds ("分几类", "how many categories") is answered by a figure counting kinds, or by a rule that
lists them after a dividing word ("生活垃圾分为可回收物、有害垃圾、易腐垃圾和其他垃圾": four); the times or amounts
of other articles count nothing of the sort. Real model and index: the report plus tests/fixtures/fresh3."""

from __future__ import annotations

import pytest

from bot.enumeration import listed
from bot.glossary import Glossary
from bot.query import analyse


@pytest.mark.parametrize("question, count", [("嘉兴生活垃圾分几类？", "四类"),
                                             ("How many categories of household waste are there in Jiaxing?", "4 kinds")])
def test_a_count_of_kinds_is_answered_by_the_list(fresh3_engine, question, count):
    answer = fresh3_engine.answer(question)
    assert answer.found, answer.answer
    assert "生活垃圾分为可回收物" in answer.sentence and answer.section.endswith("第九条")
    assert answer.figure == count and count in answer.answer


def test_what_a_term_includes_is_no_count_of_its_kinds(fresh3_engine):
    # "公共停车场…包括独立建设的停车场和建设项目配建的…停车场" lists what one kind includes, not the kinds of car park
    answer = fresh3_engine.answer("威海停车场分几类？")
    assert not answer.found, answer.answer


@pytest.mark.parametrize("text, kinds", [
    ("生活垃圾分为可回收物、有害垃圾、易腐垃圾和其他垃圾。", ("可回收物", "有害垃圾", "易腐垃圾", "其他垃圾")),
    ("城市排水设施分为公共排水设施和专用排水设施。", ("公共排水设施", "专用排水设施")),
    ("第十条治安管理处罚的种类分为:\n（一）警告；\n（二）罚款；\n（三）行政拘留；\n（四）吊销许可证。", ("警告", "罚款", "行政拘留", "吊销许可证")),
    ("机关、团体、部队、企事业单位，应当按照规定负责清扫保洁。", ()),  # named in passing
    ("城乡规划，包括城镇体系规划、城市规划和村庄规划。", ()),  # what a term includes
    ("分为两段，并应当分别办理审批手续。", ()),  # no list of names
])
def test_listed_kinds(text, kinds):
    assert listed(text) == kinds


@pytest.mark.parametrize("question, units", [("生活垃圾分几类？", ("类", "种")), ("共有多少种犬只禁养？", ("类", "种")),
                                             ("对多少类行政相对人进行了提示提醒？", ("类", "种"))])
def test_kinds_asked_for(question, units):
    assert analyse(question, Glossary()).units == units

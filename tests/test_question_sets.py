"""The question sets measure something only if their evidence is in the documents: every answerable question's
evidence stands in its set's documents, inside the article it names, with its figure in that article; an unanswerable one
names none. (A question written by hand with a typo in its evidence would count as a miss forever.)"""

from __future__ import annotations

import re

import pytest

from bot.config import ROOT
from bot.evaluation import _squash, load_cases

TESTS = ROOT / "tests"
SETS = {"library_questions.jsonl": "library", "fresh_questions.jsonl": "fresh", "fresh3_questions.jsonl": "fresh3",
        "fresh4_questions.jsonl": "fresh4", "fresh5_questions.jsonl": "fresh5", "fresh6_questions.jsonl": "fresh6",
        "fresh7_questions.jsonl": "fresh7", "fresh8_questions.jsonl": "fresh8",
        "fresh9_questions.jsonl": "fresh9", "fresh10_questions.jsonl": "fresh10",
        "fresh11_questions.jsonl": "fresh11", "fresh12_questions.jsonl": "fresh12",
        "fresh13_questions.jsonl": "fresh13", "fresh14_questions.jsonl": "fresh14",
        "fresh15_questions.jsonl": "fresh15", "fresh16_questions.jsonl": "fresh16",
        "fresh17_questions.jsonl": "fresh17"}
_ARTICLE_START = re.compile(r"(?m)^\s*(第[一二三四五六七八九十百零〇两]+条)")


def _articles(folder: str) -> dict[str, list[str]]:
    """Each article of the set's documents (squashed text), by its number; one number may open several."""
    out: dict[str, list[str]] = {}
    for path in sorted((TESTS / "fixtures" / folder).glob("*.md")):
        if path.name == "README.md":
            continue
        text = path.read_text(encoding="utf-8")
        starts = list(_ARTICLE_START.finditer(text))
        for m, nxt in zip(starts, starts[1:] + [None]):
            out.setdefault(m.group(1), []).append(_squash(text[m.start() : nxt.start() if nxt else len(text)]))
    return out


@pytest.mark.parametrize("name", list(SETS))
def test_every_evidence_stands_in_the_article_it_names(name):
    articles = _articles(SETS[name])
    everything = "".join(t for texts in articles.values() for t in texts)
    for case in load_cases(TESTS / name):
        if not case.answerable:
            assert not case.evidence and not case.figure, case.id
            continue
        evidence = _squash(case.evidence)
        assert evidence and evidence in everything, f"{case.id}: evidence not in the documents"
        within = [t for t in articles.get(case.article, []) if evidence in t] if case.article else [everything]
        assert within, f"{case.id}: evidence not in {case.article}"
        if case.figure:  # in the evidence, or later in the same article ("…的，处警告…二百元以上五百元以下罚款")
            assert any(_squash(case.figure) in t for t in within), f"{case.id}: figure not in its article"

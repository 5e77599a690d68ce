"""Compose an answer: the single best sentence with its figure, where it stands, and an honest refusal."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.query import Query
from bot.records import Answer, Hit, Passage
from bot.store import StoredIndex
from bot.evidence import concepts, coverage, figures, pick_figure, quantity_bonus

SENTENCES_FROM = 4


@dataclass(frozen=True)
class Thresholds:
    """Evidence needed before the bot states an answer; calibrated by `python -m bot eval --calibrate`."""

    coverage: float = 0.2  # share of the question's (IDF-weighted) words found in the answer's passage
    dense: float = 0.89  # cosine similarity of question and passage that suffices on its own
    floor: float = 0.7  # below this similarity nothing is answered, whatever the word overlap


@dataclass
class Candidate:
    hit: Hit
    rank: int
    start: int
    end: int
    score: float
    coverage: float

    @property
    def text(self) -> str:
        return self.hit.chunk.text[self.start : self.end]


def best_sentence(query: Query, hits: list[Hit], idf) -> Candidate | None:
    """The sentence that best answers: shares the question's words, and carries a figure when one is asked."""
    best: Candidate | None = None
    items = concepts(query, idf)
    for rank, hit in enumerate(hits[:SENTENCES_FROM]):
        for start, end in hit.chunk.sentences:
            sentence = hit.chunk.text[start:end]
            cov = coverage(items, f"{hit.chunk.section_path}\n{sentence}")
            score = cov + 0.15 / (rank + 1) + quantity_bonus(query, sentence) - _heading_penalty(hit, sentence)
            if best is None or score > best.score:
                best = Candidate(hit, rank, start, end, score, cov)
    return best


def _heading_penalty(hit: Hit, sentence: str) -> float:
    """A sentence that only repeats its own heading ("（二）持续推动立法工作。") is a poor quote."""
    title = hit.chunk.section[-1] if hit.chunk.section else ""
    return 0.3 if title and sentence.rstrip("。；：") == title else 0.0


def refusal_reason(query: Query, candidate: Candidate | None, index: StoredIndex, limits: Thresholds) -> str:
    """Why the evidence does not answer the question, or "" when it does."""
    if candidate is None:
        return "nothing retrieved"
    chunk = candidate.hit.chunk
    context = f"{chunk.title} {chunk.section_path} {chunk.text}"
    sentence = candidate.text
    stated_years = set(re.findall(r"(?<!\d)(?:19|20)\d\d(?=年)", sentence))
    for year in query.years:
        if year not in context or (stated_years and year not in stated_years and year not in chunk.title):
            return f"the report does not cover {year}"
    corpus_text = index.text_of(chunk.source)
    for place in query.places:
        if place not in corpus_text and place not in chunk.title:
            return f"the report is not about {place}"
    if query.asks_person and not _names_a_person(sentence):
        return "the report names no person for this"
    if query.quantity and not figures(sentence):
        return "no figure in the report for this"
    if candidate.hit.dense < limits.floor:
        return "weak evidence"
    if candidate.coverage < limits.coverage and candidate.hit.dense < limits.dense:
        return "weak evidence"
    return ""


def hard_reason(reason: str) -> bool:
    """Refusals that no threshold can overturn (wrong year, place, missing figure), as opposed to weak evidence."""
    return bool(reason) and reason != "weak evidence"


def _names_a_person(text: str) -> bool:
    """A person's name, or a role someone holds ("由局主要领导任组长"), answers a "who" question."""
    import jieba.posseg

    if re.search(r"由[^，。；]{1,15}任|担任", text):
        return True
    return any(flag == "nr" and len(word) >= 2 for word, flag in jieba.posseg.cut(text))


def passages(hits: list[Hit]) -> list[Passage]:
    return [Passage(h.chunk.title, h.chunk.section_path, h.chunk.text, h.score, h.chunk.id) for h in hits]


def compose(query: Query, hits: list[Hit], index: StoredIndex, idf, limits: Thresholds) -> Answer:
    candidate = best_sentence(query, hits, idf)
    reason = refusal_reason(query, candidate, index, limits)
    found_passages = passages(hits)
    evidence = {"coverage": candidate.coverage, "dense": candidate.hit.dense, "hard": hard_reason(reason)} if candidate else {}
    if reason:
        return Answer(query.text, False, not_found_text(query, hits), passages=found_passages, notice=reason,
                      evidence=evidence)
    chunk = candidate.hit.chunk
    # Lead with the passage the answer came from, then the others in retrieval order.
    ordered = [p for p in found_passages if p.chunk_id == chunk.id] + [p for p in found_passages if p.chunk_id != chunk.id]
    figure = pick_figure(query, candidate.text, concepts(query, idf))
    return Answer(
        question=query.text,
        found=True,
        answer=answer_text(query, candidate.text, figure, chunk.title, chunk.section_path),
        sentence=candidate.text,
        figure=figure,
        doc=chunk.title,
        section=chunk.section_path,
        passages=ordered,
        evidence=evidence,
    )


def emphasise(sentence: str, figure: str, mark: str = "**") -> str:
    return sentence.replace(figure, f"{mark}{figure}{mark}", 1) if figure else sentence


def answer_text(query: Query, sentence: str, figure: str, doc: str, section: str) -> str:
    where = f"{doc} › {section}" if section else doc
    label = "Source" if query.lang == "en" else "出处"
    return f"{emphasise(sentence, figure)}\n{label}：{where}"


def not_found_text(query: Query, hits: list[Hit]) -> str:
    if query.lang == "en":
        head = "The report does not say."
        tail = " The closest passages are listed as related." if hits else ""
    else:
        head = "报告中没有找到这个问题的答案。"
        tail = "以下是最相关的段落，供参考。" if hits else ""
    return head + tail

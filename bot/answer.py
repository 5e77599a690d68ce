"""Compose an answer: the best clause with its figure, where it stands, and an honest refusal."""

from __future__ import annotations

from bot.choose import Candidate, choose
from bot.citation import answer_text, not_found_text
from bot.enumeration import counted
from bot.evidence import Concept
from bot.figures import Figure, figures, pick_figure
from bot.model_review import about_a_clause, reviewed
from bot.penalty_reach import row_fines
from bot.query import Query
from bot.records import Answer, Hit, Passage
from bot.refusal import UNNAMED, Thresholds, hard_reason, refusal_reason, unindexed_place
from bot.rules import is_penalty
from bot.second_opinion import Similar
from bot.store import StoredIndex
from bot.unpunished import NO_PENALTY, Unpunished, unpunished, unpunished_text

__all__ = ["Thresholds", "compose", "hard_reason"]


def passages(hits: list[Hit]) -> list[Passage]:
    return [Passage(h.chunk.title, h.chunk.section_path, h.chunk.text, h.score, h.chunk.id) for h in hits]


def _reached_fine(candidate: Candidate, index: StoredIndex, figure: Figure | None) -> Figure | None:
    """A penalty clause reached for one behaviour of several it fines differently ("违反第一、七项规定的，处以十元
    以上五十元以下罚款；违反第二、三、四项规定的，可处以二百元以上二千元以下罚款"): the fine the table gives that
    behaviour, when the figure picked by the words is not one of its fines."""
    fines = row_fines(index, candidate.hit.chunk.id, candidate.behaviour) if candidate.behaviour else []
    if not fines or figure is None or figure.text in fines:
        return figure
    return next((f for f in figures(candidate.text) if f.text in fines), figure)


def _unpunished(query: Query, candidate: Candidate, index: StoredIndex, items: list[Concept]):
    """A penalty clause chosen for a behaviour it does not name, which its document mentions only where no
    penalty reaches it (bot/unpunished.py)."""
    if not about_a_clause(candidate) or not is_penalty(candidate.text):
        return None
    chosen = f"{candidate.context}\n{candidate.hit.chunk.text}"
    return unpunished(query, chosen, candidate.hit.chunk.source, index, items)


def _unpunished_answer(query: Query, gap: Unpunished, index: StoredIndex, found: list[Passage],
                       evidence: dict) -> Answer:
    """The refusal that names the prohibition no penalty reaches, with its article first among the passages."""
    stated = passages([Hit(index.chunks[gap.chunk_id], 0.0)]) if gap.chunk_id >= 0 else []
    shown = stated + [p for p in found if p.chunk_id != gap.chunk_id]
    return Answer(query.text, False, unpunished_text(query, gap), passages=shown, notice=NO_PENALTY, evidence=evidence)


def _led_by(candidate: Candidate, found: list[Passage]) -> list[Passage]:
    """The related reading of a Chinese question's refusal for weak evidence, led by the passage of the clause its
    words chose: on the dev sets that passage held the answer more often than retrieval's first (an English
    question's words are the dictionary's, and there retrieval's order, reading the whole question, did as well)."""
    lead = passages([candidate.hit])[0]
    return [lead] + [p for p in found if p.chunk_id != lead.chunk_id]


def compose(query: Query, hits: list[Hit], index: StoredIndex, items: list[Concept], limits: Thresholds,
            shown: int = 5, similar: Similar | None = None) -> Answer:
    """The answer from `hits` (best first); `shown` of them are listed as passages. `items` are the question's
    concepts, computed once per answer: retrieval's key-word look-up, choosing and refusing read the same.
    `similar` gives the question's similarity to clauses: the model's second opinion on the clause the words
    chose (bot/second_opinion.py), which lets weak word evidence stand or doubts a clause chosen on few words."""
    candidate = choose(query, hits, index, items)
    if candidate and candidate.missing:
        return Answer(query.text, False, candidate.missing, passages=passages([candidate.hit]),
                      notice="the article has no such part")
    reason = refusal_reason(query, candidate, index, limits, items)
    candidate, reason = reviewed(query, candidate, reason, hits, index, items, similar, limits)
    found_passages = passages(hits[:shown])
    evidence = {"coverage": candidate.coverage, "dense": candidate.hit.dense, "hard": hard_reason(reason)} if candidate else {}
    # a clause that does not answer, or too weakly: the document may still forbid what is asked where no penalty
    # reaches it, which says more than "not found"
    soft = reason in ("", "weak evidence", UNNAMED)
    gap = _unpunished(query, candidate, index, items) if candidate and soft else None
    if reason and not gap:
        refusal = not_found_text(query, hits, index, unindexed_place(reason))
        if candidate and soft and query.lang == "zh":
            found_passages = _led_by(candidate, found_passages)
        return Answer(query.text, False, refusal, passages=found_passages, notice=reason, evidence=evidence)
    if gap:
        return _unpunished_answer(query, gap, index, found_passages, evidence)
    chunk = candidate.hit.chunk
    # Lead with the passage the answer came from, then the others in retrieval order.
    lead = [passages([candidate.hit])[0]]
    ordered = lead + [p for p in found_passages if p.chunk_id != chunk.id]
    figure: Figure | None = _reached_fine(candidate, index, pick_figure(query, candidate.text, items))
    count = "" if figure else counted(query, candidate.text)
    return Answer(
        question=query.text,
        found=True,
        answer=answer_text(query, candidate.text, figure, chunk, index.catalogue, count),
        sentence=candidate.text,
        figure=figure.text if figure else count,
        doc=chunk.title,
        section=chunk.section_path,
        passages=ordered,
        evidence=evidence,
    )

"""The model's review of the clause the question's words chose (bot/second_opinion.py): weak word evidence
stands when the model picks the same clause, a clause chosen on few words is doubted when it does not, and the
answer moves to a runner-up the model clearly prefers."""

from __future__ import annotations

from bot.choose import Candidate, choose
from bot.evidence import Concept
from bot.key_words import names_any, topic_unknown
from bot.query import Query
from bot.records import Hit
from bot.penalty_reach import as_behaviours
from bot.refusal import UNNAMED, Thresholds, refusal_reason, scope_reason
from bot.rules import is_penalty
from bot.second_opinion import Similar, agrees, preferred
from bot.store import StoredIndex

Ranked = tuple[tuple[str, ...], ...]  # the clauses the model compares, each as one or more readings


def reviewed(query: Query, candidate: Candidate | None, reason: str, hits: list[Hit], index: StoredIndex,
             items: list[Concept], similar: Similar | None, limits: Thresholds) -> tuple[Candidate | None, str]:
    """The candidate and refusal reason after the model's review: seconded, doubted or switched."""
    ranked = _read_by_model(query, candidate, index, items) if candidate else ()
    if _may_be_seconded(query, reason, items) and _seconded(query, candidate, ranked, similar, limits):
        reason = ""
    elif not reason and _doubted(query, candidate, ranked, similar, limits):
        reason = "weak evidence"
    switch = _switch_floor(query, candidate, reason, index, items, limits)
    if switch:
        candidate, reason = _switched(query, candidate, ranked, hits, index, items, similar, limits, switch) or (candidate, reason)
    return candidate, reason


def _read_by_model(query: Query, candidate: Candidate, index: StoredIndex, items: list[Concept]) -> Ranked:
    """`candidate.ranked` as the model reads it: for a penalty question, a penalty clause that names its
    behaviour only by number, once with each behaviour it punishes, and a lead-in once with each of its items
    the question's words touch. (For any other question such a reading would only repeat the duty article,
    which answers it.)"""
    if not query.penalty:
        return tuple((t,) for t in candidate.ranked)
    # only the items the question's words touch: every item of a long list would give a rival lead-in as many
    # chances to look like the question (held out: one right answer had been lost to such a rival)
    return tuple(as_behaviours(index, chunk_id, text, relevant=lambda item: names_any(items, item))
                 for chunk_id, text in candidate.compared)


def _seconded(query: Query, candidate: Candidate, ranked: Ranked, similar: Similar | None, limits: Thresholds) -> bool:
    """Weak word evidence for a clause of a law, but the model picks the same clause (bot/second_opinion.py). For
    an English question only by a clear margin over every runner-up: cross-lingual similarities run close
    together, and on the development split a bare pick stood for as many wrong answers as right ones."""
    if query.lang == "en":
        rivals = penalty_rivals(query, candidate.text, ranked)
        return about_a_clause(candidate) and \
            agrees(rivals, similar, limits.legal_agree_floor_en, limits.legal_agree_margin_en)
    return _asks_the_model(query, candidate) and agrees(ranked, similar, limits.legal_agree_floor)


def penalty_rivals(query: Query, chosen: str, ranked: Ranked) -> Ranked:
    """For a penalty question answered by a penalty clause (`chosen`), the runners-up that are penalty clauses
    too: the duty article naming the same behaviour resembles the question as much ("letting its markings fall
    into disrepair"), yet cannot say what the fine is, so it is no rival. Used for an English question's clear
    pick only: for a Chinese one the bare pick and the switch to a runner-up (`_switched`) did better on dev."""
    if not query.penalty or not is_penalty(chosen):
        return ranked
    return tuple(r for n, r in enumerate(ranked) if n == 0 or any(is_penalty(t) for t in r))


def _may_be_seconded(query: Query, reason: str, items: list[Concept]) -> bool:
    """Refusals the model's pick can overturn: weak word evidence, and for an English question a clause that
    misses the key word as the dictionary translated it. There the miss is mostly the translation's (a wrong
    sense: "acts" as 演出), not a topic the documents lack; a Chinese question's key word is the asker's own,
    and its miss overturned stood for as many wrong answers as right ones on dev."""
    english_miss = reason == UNNAMED and query.lang == "en" and not topic_unknown(items)
    return reason == "weak evidence" or english_miss


def _doubted(query: Query, candidate: Candidate, ranked: Ranked, similar: Similar | None, limits: Thresholds) -> bool:
    """A clause of a law chosen on less than `legal_doubt_coverage` of the question's words, which the model,
    comparing it with its runners-up, does not pick: on dev most such answers were a neighbouring clause."""
    return _asks_the_model(query, candidate) and similar is not None and len(ranked) > 1 and \
        candidate.coverage < limits.legal_doubt_coverage and not agrees(ranked, similar, 0.0)


def _switched(query: Query, candidate: Candidate, ranked: Ranked, hits: list[Hit], index: StoredIndex, items: list[Concept],
              similar: Similar | None, limits: Thresholds, switch: float) -> tuple[Candidate, str] | None:
    """Weak word evidence (for a Chinese question also a clause missing the rarest word, or lacking what is asked),
    and the model clearly prefers a runner-up's passage, finding it at least `switch` similar (a Chinese question):
    the answer from that passage, its clause chosen by the words as before. A long
    colloquial question's incidental words ("活动结束了…拆干净", "站在阳台上…往楼下扔") pull the words to a
    neighbour, while the model reads the whole question; an English question's dictionary translations pull them
    too. Only a hard reason refuses it."""
    if not about_a_clause(candidate):  # a Chinese question's clause (`_asks_the_model`), or an English one's
        return None
    english = query.lang == "en"
    # an English question: a clearer pick than lets a weak clause stand (`_seconded`)
    floor, margin = (limits.legal_agree_floor_en, limits.legal_switch_margin_en) if english else \
        (switch, limits.legal_switch_margin)
    picked = preferred(ranked, similar, floor, margin)
    if not picked:
        return None
    hit = next((h for h in hits if h.chunk.id == candidate.ranked_ids[picked]), None)
    other = choose(query, [hit], index, items) if hit else None
    if other is None or not other.hit.chunk.article:
        return None
    reason = refusal_reason(query, other, index, limits, items)
    # the model's pick is the evidence now: the words' weakness, or their rarest word missing, does not refuse it
    return other, "" if reason in ("weak evidence", UNNAMED) and not topic_unknown(items) else reason


def _switch_floor(query: Query, candidate: Candidate | None, reason: str, index: StoredIndex, items: list[Concept],
                  limits: Thresholds) -> float:
    """How similar a runner-up the model clearly prefers must be to take the answer from it; 0 when the words'
    clause is not given up. Weak words (and for a Chinese question a clause missing the rarest word) yield only
    to a very similar pick; a Chinese question's clause lacking what is asked (a period, a penalty) overrides no
    evidence, so the floor that lets a weak clause stand suffices ("最长能占多久" answered by "…期限不得超过一年")."""
    if reason == "weak evidence" or (reason == UNNAMED and query.lang == "zh" and not topic_unknown(items)):
        return limits.legal_switch_floor
    if reason and candidate and query.lang == "zh" and not scope_reason(query, candidate, index):
        return limits.legal_agree_floor
    return 0.0


def _asks_the_model(query: Query, candidate: Candidate) -> bool:
    """A clause of a law, chosen by the question's words, for a Chinese question: what the model is asked about."""
    return about_a_clause(candidate) and query.lang == "zh"


def about_a_clause(candidate: Candidate) -> bool:
    """A clause of a law chosen by the question's words (not found by where it stands)."""
    return bool(candidate.hit.chunk.article) and not candidate.by_structure

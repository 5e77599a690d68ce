"""Choose the clause that answers: the sentence sharing most of the question's words (with its figure, its
penalty, its article's lead-in), moved to the penalty clause enforcing a duty, or found by where it stands."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot import clauses
from bot.citation import missing_part_text
from bot.doc_number import document_number
from bot.evidence import Concept, coverage
from bot.figures import ASKS_GRADE, figures, grade_fit, period_deed, quantity_bonus
from bot.ingest.legal import PREAMBLE
from bot.key_words import covers_key
from bot.law_dates import takes_effect
from bot.named_law import named_law
from bot.penalty_reach import enforcing_row, reached
from bot.query import Query, asks_rule_broken
from bot.rate import rate_bonus
from bot.records import Hit
from bot.rules import is_penalty, item_number, item_refs, not_done, not_done_objects, paragraph_at
from bot.second_opinion import AMONG
from bot.store import StoredIndex

SENTENCES_FROM = 5
LEGAL_SENTENCES_FROM = 8  # articles are short and alike: the answering one often ranks lower
PENALTY_BONUS = 0.25  # a penalty question is answered by the clause that carries the penalty
NOT_PENALTY = 0.1
# A period or quantity a duty sets ("竣工验收后多久之内要报送资料？") is answered by the duty, not by the penalty
# clause that restates it ("建设单位未在…六个月内…报送…的，…罚款"); unless the question asks what follows
PENALTY_FOR_DUTY = 0.1
_CONSEQUENCE = re.compile(r"咋办|怎么办|怎样|怎么样|后果|\bwhat happens|\bwhat if|\bif\b", re.I)
# a period question is answered by the clause whose period governs what it asks about (`period_deed`)
PERIOD_DEED = 0.5
RULE_FOR_ACTIVITY = 0.5  # "一共办了几场培训" asks what was done: an article only says what must be done
MISSES_KEY = 0.4  # a clause that does not name the question's most specific word is rarely its answer
# A clause whose every penalty hangs on a grade ("有前款第一项…行为之一，情节严重的，…责令停业整顿") adds to the
# clause punishing the behaviour itself: it answers a question that grades the case so, not one that does not.
GRADED_ONLY = 0.2
NEGATED = 0.3  # the behaviour is a thing not done ("垃圾不分类"), and so is the clause's ("投放生活垃圾未分类")
# the question's party holds its licence ("证照齐全，可…不照许可证上写的来"): not the clause for working without one
LICENCE_HELD = 0.3
OBJECT_REACH = 20  # characters from 未 to the object it governs, within one clause: "未即时清理犬只在公共场所产生的粪便"
# Two clauses of one article scoring within this of each other: the question's words do not tell them apart
# ("遛狗不清理狗屎" against the clauses for 第九条第一项 and 第九条第三项), so both are quoted, not a guess.
TIE = 0.01
RUN_IN_HEADING = 0.02  # a tie-breaker only (`_heading_penalty`)


@dataclass
class Candidate:
    hit: Hit
    rank: int
    start: int
    end: int
    score: float
    coverage: float
    quote: str = ""  # the clause as shown, when it is more than the one sentence (lead-in, second penalty)
    context: str = ""  # the text its coverage was measured on: the sentence with its section and lead-in
    # found by where it stands in the document (the clause saying when a law takes effect), not by the
    # question's words: word and similarity checks do not apply to it
    by_structure: bool = False
    tied: tuple[tuple[int, int], ...] = ()  # other sentences of the same chunk that score as well
    # for bot/second_opinion.py: the clause the question's words chose (chunk id, text as read), and the best
    # clause of each passage read, best first
    chosen: tuple[int, str] = (-1, "")
    runners: tuple[tuple[int, str], ...] = ()
    missing: str = ""  # the part of a cited article asked is not there: what to say instead ("第十条共1款，没有第九款。")
    behaviour: str = ""  # a penalty clause reached for one behaviour it punishes: that behaviour, as the table has it

    @property
    def text(self) -> str:
        return self.quote or self.hit.chunk.text[self.start : self.end]

    @property
    def ranked(self) -> tuple[str, ...]:
        """The chosen clause, then the best clause of each of the next passages: the model is asked which passage
        the question is about; which sentence of one article answers is the words' business ("养犬登记有效期为一年"
        is no rival to "…三十日内…办理养犬登记" for "多少天内登记")."""
        return tuple(text for _, text in self.compared)

    @property
    def ranked_ids(self) -> tuple[int, ...]:
        """The passages (chunk ids) of `ranked`, in its order."""
        return tuple(chunk_id for chunk_id, _ in self.compared)

    @property
    def compared(self) -> tuple[tuple[int, str], ...]:
        others = [(c, text) for c, text in self.runners if c != self.chosen[0]][: AMONG - 1]
        return (self.chosen, *others) if self.chosen[1] else ()


def best_sentence(query: Query, hits: list[Hit], items: list[Concept], pool: int = SENTENCES_FROM) -> Candidate | None:
    """The sentence that best answers: shares the question's words (`items`), carries a figure when one is
    asked, and, for a penalty question, carries the penalty."""
    best: Candidate | None = None
    scored: dict[tuple[int, str], float] = {}
    negated = _not_done_pattern(query, items)  # once per question, not once per sentence read
    for rank, hit in _read(query, hits, pool):
        for start, end in hit.chunk.sentences:
            sentence = hit.chunk.text[start:end]
            context = clauses.context(hit.chunk, start, end)
            score, cov = _shared_score(query, items, rank, sentence, context)
            score -= _heading_penalty(hit, sentence)
            if hit.chunk.article or hit.chunk.section == [PREAMBLE]:
                score += _legal_bonus(query, items, negated, hit.chunk, start, sentence, context)
            best = _better(best, Candidate(hit, rank, start, end, score, cov, context=context))
            key = (hit.chunk.id, _as_read(hit, start, end))
            scored[key] = max(score, scored.get(key, score))
    if best is not None:
        best.chosen, best.runners = _as_chosen(best), _runners(scored)
    return best


def _runners(scored: dict[tuple[int, str], float]) -> tuple[tuple[int, str], ...]:
    """The best clause of each passage read, best first, as many as the second opinion can use."""
    out: dict[int, str] = {}
    for (chunk_id, text), _ in sorted(scored.items(), key=lambda kv: -kv[1]):
        out.setdefault(chunk_id, text)
        if len(out) > AMONG:
            break
    return tuple(out.items())


def _as_chosen(candidate: Candidate) -> tuple[int, str]:
    """The candidate's clause as the second opinion reads it, with the passage it stands in."""
    return candidate.hit.chunk.id, _as_read(candidate.hit, candidate.start, candidate.end)


def _as_read(hit: Hit, start: int, end: int) -> str:
    """A clause as the model compares it with the question: an item with the lead-in it completes, a short
    sentence with the one before it in its paragraph ("公告时间不少于三十日。" says nothing of what is announced)."""
    sentence, lead = hit.chunk.text[start:end], clauses.lead_in(hit.chunk, start) or clauses.before_short(hit.chunk, start, end)
    return lead + sentence if lead and lead not in sentence else sentence


def _better(best: Candidate | None, new: Candidate) -> Candidate:
    """The higher-scoring candidate; a clause of the same chunk scoring within TIE of it is kept as tied."""
    if best is None:
        return new
    winner, other = (new, best) if new.score > best.score else (best, new)
    if other.hit.chunk.id == winner.hit.chunk.id and winner.score - other.score <= TIE and other.start != winner.start:
        winner.tied = tuple(sorted({*winner.tied, *other.tied, (other.start, other.end)} - {(winner.start, winner.end)}))
    return winner


def _read(query: Query, hits: list[Hit], pool: int) -> list[tuple[int, Hit]]:
    """The hits whose sentences are read, with their ranks: the first `pool` report passages and the articles
    among the first LEGAL_SENTENCES_FROM hits (articles are short and alike, and in a large library they crowd
    a report's passages down). For a question about what was done, report passages however far down, and
    articles only within the first `pool`."""
    reach = len(hits) if query.about_activity else max(LEGAL_SENTENCES_FROM, _looked_up(hits))
    # a passage looked up (no fused score: `_looked_up`) is read however many report passages came before it:
    # it was added because none of them names the key word, or counts what is asked
    reports = [(r, h) for n, (r, h) in enumerate((r, h) for r, h in enumerate(hits[:reach]) if not h.chunk.article)
               if n < pool or h.score == 0.0]
    articles = [(r, h) for r, h in enumerate(hits[: pool if query.about_activity else reach]) if h.chunk.article]
    return sorted(reports + articles, key=lambda rh: rh[0])


def _looked_up(hits: list[Hit]) -> int:
    """How far the hits reach with the passages looked up by the key word (bot/key_lookup.py), which follow
    the retrieved ones with no fused score of their own."""
    return next((len(hits) for h in hits if h.score == 0.0), 0)


def _shared_score(query: Query, items: list[Concept], rank: int, sentence: str, context: str) -> tuple[float, float]:
    """What every candidate clause is scored on: the question's words in its context, the rank of the hit it
    came from, a figure in the asked unit. Returns (score, coverage)."""
    # ranked with words found by their characters; judged (the refusal's coverage) on whole words only
    score = coverage(items, context) + 0.15 / (rank + 1) + quantity_bonus(query, sentence) + rate_bonus(query.rates, sentence)
    return score, coverage(items, context, False)


def _legal_bonus(query: Query, items, negated: re.Pattern | None, chunk, start: int, sentence: str, context: str) -> float:
    """In a law: the clause must name the question's behaviour, and carry the penalty when one is asked;
    `negated` finds the question's behaviour told as not done (`_not_done_pattern`)."""
    if not chunk.article:  # the adoption note above the articles answers only when and by whom
        return 0.0 if query.about_adoption else -MISSES_KEY
    # the key word may stand in another sentence of the same article: "庆祝标语…" then "…一周内撤除"
    bonus = 0.0 if covers_key(items, f"{context}\n{chunk.text}") else -MISSES_KEY
    if query.about_activity:
        bonus -= RULE_FOR_ACTIVITY
    if query.penalty:
        bonus += PENALTY_BONUS if is_penalty(clauses.lead_in(chunk, start) + sentence) else -NOT_PENALTY
    elif (_restates_a_duty(query, sentence) or asks_rule_broken(query)) and \
            is_penalty(clauses.lead_in(chunk, start) + sentence):
        bonus -= PENALTY_FOR_DUTY
    if negated is not None and negated.search(context):
        bonus += NEGATED
    if _HOLDS_LICENCE.search(query.text) and _LACKS_LICENCE.search(sentence):
        bonus -= LICENCE_HELD
    bonus += PERIOD_DEED * period_deed(query, sentence, items)
    return bonus + GRADED_ONLY * grade_fit(query, sentence)


# the question's party holds the licence or permit ("证照齐全", "有证", "a licensed shop"), and a clause punishes
# working without one ("未取得…许可证", "无证", "未经许可")
_HOLDS_LICENCE = re.compile(r"证照齐全|证件齐全|手续齐全|(?<![没无未])[有持]证|证照?[都也](?:有|办了|齐全?)|(?<![没未])办了证|"
                            r"(?<![没未还])(?:有|拿到了?|领了)[^，。？?没未]{0,6}许可证|"
                            r"\blicensed\b|\b(?:has|have|holds?|with) (?:a |the |its )?(?:valid )?(?:licen[cs]e|permit)\b", re.I)
_LACKS_LICENCE = re.compile(r"未(?:依法)?取得[^，。；]{0,16}(?:许可|证)|未经[^，。；]{0,6}许可|无证|无照|未办理[^，。；]{0,10}(?:许可|证)")


def _not_done_pattern(query: Query, items: list[Concept]) -> re.Pattern | None:
    """How a law words the question's behaviour told as not done: "扔垃圾不分类" as 未分类 or 不分类; "不捡狗屎" as
    未 and, a few characters on, the object or its glossary form (未即时清理…粪便)."""
    words = [re.escape(w) for w in not_done(query)]
    forms = [re.escape(f) for obj in not_done_objects(query) for c in items if obj in c.words
             for f in (*c.words, *c.phrases) if len(f) > 1]
    parts = ([f"[未不](?:{'|'.join(words)})"] if words else []) + \
        ([f"未[^，。；：]{{0,{OBJECT_REACH}}}?(?:{'|'.join(forms)})"] if forms else [])
    return re.compile("|".join(parts)) if parts else None


def _restates_a_duty(query: Query, sentence: str) -> bool:
    """A period or quantity asked of what must be done, not of what follows a breach ("到期了还没干完咋办"), and
    the clause gives one of the kind asked: a penalty clause doing so restates its duty ("未在…六个月内报送的")."""
    if not (query.period or query.quantity) or query.penalty or _CONSEQUENCE.search(query.text):
        return False
    return any(f.unit in query.units for f in figures(sentence))


def _heading_penalty(hit: Hit, sentence: str) -> float:
    """A sentence that only repeats its own heading ("（二）持续推动立法工作。") is a poor quote; one that opens
    with a run-in heading ("三是对向我局提出行政复议、诉讼的案件，按照法定程序答复") states the measure, and the
    sentences after it what came of it: between equals, the later one is quoted."""
    title = hit.chunk.section[-1] if hit.chunk.section else ""
    if not title:
        return 0.0
    if sentence.rstrip("。；：") == title:
        return 0.3
    return RUN_IN_HEADING if not hit.chunk.article and sentence.startswith(title) else 0.0


def choose(query: Query, hits: list[Hit], index: StoredIndex, items: list[Concept]) -> Candidate | None:
    """The candidate clause: an article the question cites, else the best sentence, moved to the penalty
    article that enforces it when a penalty is asked for and the best sentence only states the duty."""
    if query.article:
        cited = clauses.cited_article(query, hits, index)
        missing = clauses.part_missing(query, cited) if cited else None
        if missing:
            text = missing_part_text(query, index.catalogue[cited[0].chunk.source].title, query.article, missing)
            return Candidate(cited[0], 0, 0, 0, 1.0, 1.0, by_structure=True, missing=text)
        if cited:  # "违反第十八条罚多少？": the clause that punishes breaking the article (or its item) cited
            asked = item_refs(query.text)
            return _enforced(query, _whole_or_best(query, cited, index, items), index, min(asked) if asked else None)
    effect = takes_effect(query, hits, index) if query.about_adoption else None
    if effect:
        hit, start, end = effect
        context = clauses.context(hit.chunk, start, end)
        # the law asked about named by its title is the evidence: the question's other words are not in its dates
        named = named_law(index, query) == hit.chunk.source
        return Candidate(hit, 0, start, end, 1.0, 1.0 if named else coverage(items, context), context=context,
                         by_structure=True)
    number = document_number(query, hits, index)
    if number:  # its form is the evidence: the question's words are not in a letterhead
        hit, start, end = number
        return Candidate(hit, 0, start, end, 1.0, 1.0, context=hit.chunk.text[start:end], by_structure=True)
    candidate = best_sentence(query, hits, items)
    runners = candidate.runners if candidate else ()
    if query.penalty:
        clause = best_penalty_clause(query, hits, index, items)
        if clause and (candidate is None or clause.score >= candidate.score):
            clause.chosen, candidate = _as_chosen(clause), clause
    candidate = _enforced(query, candidate, index)
    candidate = _broken(query, candidate, index, items)
    if candidate and candidate.hit.chunk.article:
        spans = sorted({(candidate.start, candidate.end), *candidate.tied})
        quotes = dict.fromkeys(clauses.quote(candidate.hit.chunk, a, b) for a, b in spans)
        candidate.quote = "\n".join([*quotes, *_graded_addition(query, candidate)])
    if candidate:
        candidate.runners = runners
    return candidate


def _graded_addition(query: Query, candidate: Candidate) -> list[str]:
    """For a question about a serious (or light) case, the article's clause for such cases that adds to the one
    chosen ("有前款第一项…行为之一，情节严重的，…责令停业整顿"), which names the behaviour only by its item."""
    chunk = candidate.hit.chunk
    if grade_fit(query, candidate.text) or not ASKS_GRADE.search(query.text):
        return []
    later = (chunk.text[a:b] for a, b in chunk.sentences if a > candidate.start)
    return [sentence for sentence in later if grade_fit(query, sentence) == 1][:1]


def _enforced(query: Query, candidate: Candidate | None, index: StoredIndex, item: int | None = None) -> Candidate | None:
    """For a penalty question, a clause that only states a duty gives way to the clause enforcing it (its item
    `item`, when the question names one)."""
    if not (candidate and query.penalty and candidate.hit.chunk.article and not _penalised(candidate)):
        return candidate
    item = item or item_number(candidate.hit.chunk.text[candidate.start:candidate.end])
    moved = clauses.enforcing(candidate.hit, candidate.start, candidate.end, index, item) or \
        enforcing_row(candidate.hit, item, index, paragraph_at(candidate.hit.chunk, candidate.start))
    if not moved:
        return candidate
    hit, start, end = moved
    context = candidate.context + "\n" + clauses.context(hit.chunk, start, end)
    # the model is still asked about the duty the words identified, not the clause carrying its penalty
    return Candidate(hit, candidate.rank, start, end, candidate.score, candidate.coverage, context=context,
                     chosen=candidate.chosen, by_structure=candidate.by_structure,
                     quote=clauses.quote(hit.chunk, start, end))


def _broken(query: Query, candidate: Candidate | None, index: StoredIndex, items: list[Concept]) -> Candidate | None:
    """For "…违反的是哪一条", a penalty clause gives way to the duty it cites, which is the rule broken."""
    if not (candidate and asks_rule_broken(query) and candidate.hit.chunk.article and _penalised(candidate)):
        return candidate
    duty = clauses.broken_duty(candidate.hit, candidate.start, candidate.end, index)
    best = best_sentence(query, duty, items, pool=len(duty)) if duty else None
    if best is None:
        return candidate
    best.coverage = max(best.coverage, candidate.coverage)  # the penalty's words, which led here, are the evidence
    best.context = f"{candidate.context}\n{best.context}"
    return best


def best_penalty_clause(query: Query, hits: list[Hit], index: StoredIndex, items: list[Concept]) -> Candidate | None:
    """The penalty clause, reached from the hits, whose behaviour (as the penalty table resolved it) best
    matches the question; scored like a penalty sentence of a law, read with that behaviour."""
    best: Candidate | None = None
    for found in reached(hits, index, LEGAL_SENTENCES_FROM):
        chunk, start, end = found.hit.chunk, found.start, found.end
        context = f"{clauses.context(chunk, start, end)}\n{found.behaviour}"
        score, cov = _shared_score(query, items, found.rank, chunk.text[start:end], context)
        # the key word may be the duty's ("皮划艇" of "船只"); the score still counts the clause's own words
        score += PENALTY_BONUS - (0.0 if covers_key(items, f"{context}\n{found.duty}") else MISSES_KEY)
        score -= RULE_FOR_ACTIVITY if query.about_activity else 0.0
        score += GRADED_ONLY * grade_fit(query, chunk.text[start:end])
        best = _better(best, Candidate(found.hit, found.rank, start, end, score, cov,
                                       context=f"{context}\n{found.duty}", behaviour=found.behaviour))
    return best


def _penalised(candidate: Candidate) -> bool:
    chunk = candidate.hit.chunk
    return is_penalty(clauses.lead_in(chunk, candidate.start) + candidate.text)


def _whole_or_best(query: Query, cited: list[Hit], index: StoredIndex, items: list[Concept]) -> Candidate:
    """"第三十二条讲什么" gets the whole article, "第三十二条第三项是什么" that item (with its lead-in) and
    "第三十二条罚多少" the clause of it that answers."""
    part = clauses.part_asked(query, cited)
    if part:
        hit, start, end = part
        context = "\n".join(h.chunk.text for h in cited)
        return Candidate(hit, 0, start, end, 1.0, 1.0, quote=clauses.quote(hit.chunk, start, end), context=context)
    if clauses.asks_whole_article(query, index):
        chunk = cited[0].chunk
        text = "\n".join(h.chunk.text for h in cited)
        return Candidate(cited[0], 0, 0, len(chunk.text), 1.0, 1.0, quote=text, context=text)
    best = best_sentence(query, cited, items, pool=len(cited))
    best.coverage = max(best.coverage, 1.0)  # the article was asked for by number: that is the evidence
    best.context = "\n".join(h.chunk.text for h in cited)
    best.quote = clauses.quote(best.hit.chunk, best.start, best.end)
    return best

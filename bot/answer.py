"""Compose an answer: the single best sentence with its figure, where it stands, and an honest refusal."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.query import Query
from bot.records import Answer, Hit, Passage
from bot.store import StoredIndex
from bot.tokenize import token_set, tokens

FIGURE = re.compile(
    r"(?:达到|超过|近|约)?(\d+(?:\.\d+)?)(余)?(万余次|万次|万元|亿元|元|%|宗|件|次|项|个|期|部|类|人|家|条|户|名|场|处|天|小时|年)?(以上|左右|以内)?"
)
SENTENCES_FROM = 4
# English words that ask or connect but name no topic; any other English word must be found in the report.
EN_GENERIC = frozenset("""
did does do done doing was were is are be been being have has had get got gets make made makes
hold held holds carry carried out set up sort sorted handle handled handling receive received conduct conducted
organize organized organise organised open opened launch launched implement implemented provide provided give
given take taken list listed report reported reports say said says state stated mention mentioned
according total overall altogether number amount times time year years last past whole during through
about into over under within across per each every all any some its their them they there here these those
bureau city government department office xuchang urban management also still yet far so just only
many much percent percentage rate ratio proportion share count figure value kind kinds type types
""".split())  # top chunks whose sentences compete for the answer


@dataclass(frozen=True)
class Thresholds:
    """Evidence needed before the bot states an answer; calibrated by `python -m bot eval --calibrate`."""

    coverage: float = 0.5  # share of the question's (IDF-weighted) words found in the answer's passage
    dense: float = 0.83  # cosine similarity of question and passage that suffices on its own
    floor: float = 0.78  # below this similarity nothing is answered, whatever the word overlap


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


def figures(sentence: str) -> list[re.Match]:
    """Numbers with their units in a sentence, skipping bare years and dates ("2023年", "7月")."""
    out = []
    for m in FIGURE.finditer(sentence):
        after = sentence[m.end() : m.end() + 1]
        if m.group(3) == "年" or (not m.group(3) and after in "年月日号")  or re.fullmatch(r"(19|20)\d\d", m.group(1)) and not m.group(3):
            continue
        out.append(m)
    return out


def coverage(concepts: list[tuple[tuple[str, ...], float]], present: frozenset[str]) -> float:
    """IDF-weighted share of the question's concepts that a text's tokens contain.

    A concept is a question word together with its glossary expansions, so "罚款" is covered by "罚没".
    """
    total = sum(weight for _, weight in concepts)
    if total == 0:
        return 0.0
    return sum(weight for concept, weight in concepts if any(t in present for t in concept)) / total


def weighted_concepts(query: Query, idf) -> list[tuple[tuple[str, ...], float]]:
    return [(c, _weight(c, idf)) for c in _concepts(query)]


def _concepts(query: Query) -> list[tuple[str, ...]]:
    """The question's topical words, each with the report words that may stand for it.

    Years are checked separately; English words that carry no topic ("held", "set up") are skipped, while
    an English topic word the glossary does not know ("budget") stays a concept that nothing covers.
    """
    expansions = {t: tuple(x for e in values for x in tokens(e)) for term, values in query.expansions.items() for t in tokens(term)}
    own = [t for t in tokens(query.text) if not re.fullmatch(r"(19|20)\d\d", t)]
    concepts = [(t, *expansions.get(t, ())) for t in own if t in expansions or not (t.isalpha() and t.isascii() and t in EN_GENERIC)]
    return list(dict.fromkeys(concepts))


def _weight(concept: tuple[str, ...], idf) -> float:
    return max(idf(t) for t in concept)


def best_sentence(query: Query, hits: list[Hit], idf) -> Candidate | None:
    """The sentence that best answers: shares the question's words, and carries a figure when one is asked."""
    best: Candidate | None = None
    concepts = weighted_concepts(query, idf)
    for rank, hit in enumerate(hits[:SENTENCES_FROM]):
        section_tokens = token_set(hit.chunk.section_path)
        for start, end in hit.chunk.sentences:
            sentence = hit.chunk.text[start:end]
            cov = coverage(concepts, section_tokens | token_set(sentence))
            score = cov + 0.15 / (rank + 1) + _quantity_bonus(query, sentence)
            if best is None or score > best.score:
                best = Candidate(hit, rank, start, end, score, cov)
    return best


def _quantity_bonus(query: Query, sentence: str) -> float:
    if not query.quantity:
        return 0.0
    found = figures(sentence)
    if any(m.group(3) in query.units for m in found):
        return 0.4
    return 0.1 if found else -0.3


def pick_figure(query: Query, sentence: str, idf) -> str:
    """The figure the question asks for: the one whose clause shares most of the question's words,
    then the one with the asked unit, then the first."""
    found = figures(sentence)
    if not found or not query.quantity:
        return ""
    concepts = weighted_concepts(query, idf)
    clauses = [(m.start(), m.end()) for m in re.finditer(r"[^，,、；;。：:]+", sentence)]
    def clause_of(m: re.Match) -> str:
        return next((sentence[a:b] for a, b in clauses if a <= m.start() < b), "")
    def rank(m: re.Match) -> tuple[float, bool]:
        return coverage(concepts, token_set(clause_of(m))), m.group(3) in query.units
    return max(found, key=rank).group(0)


def refusal_reason(query: Query, candidate: Candidate | None, index: StoredIndex, limits: Thresholds) -> str:
    """Why the evidence does not answer the question, or "" when it does."""
    if candidate is None:
        return "nothing retrieved"
    chunk = candidate.hit.chunk
    context = f"{chunk.title} {chunk.section_path} {chunk.text}"
    sentence = candidate.text
    stated_years = set(re.findall(r"(?<!\d)(?:19|20)\d\d(?=年)", sentence))
    for year in query.years:
        if year not in context or (stated_years and year not in stated_years):
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

    if re.search(r"由.{1,12}(任|担任)|牵头|负责人|领导", text):
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
    figure = pick_figure(query, candidate.text, idf)
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

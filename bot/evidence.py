"""How well a text answers a question: the question's concepts it covers, and the figures it carries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.query import Query
from bot.tokenize import token_set, tokens

FIGURE = re.compile(
    r"(?:达到|超过|近|约)?(\d+(?:\.\d+)?)(余)?(万余次|万次|万元|亿元|元|%|宗|件|次|项|个|期|部|类|人|家|条|户|名|场|处|天|小时|年)?(以上|左右|以内)?"
)
_YEAR = re.compile(r"(19|20)\d\d")
_CLAUSE = re.compile(r"[^，,、；;。：:]+")
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
""".split())
# Chinese words that shape a question but are not its topic ("一共办了多少个案子" is about 案子).
ZH_FILLER = frozenset("一共 总共 总计 合计 意思 多久 去年 今年 目前 现在 情况 具体 主要 相关 方面 时候 一次 为什么 怎么样 是什么 有关".split())
SINGLE_CHAR_WEIGHT = 0.3  # 开, 办, 收: one-character words are mostly light verbs of the question


@dataclass(frozen=True)
class Concept:
    """A topical word of the question and what may stand for it in the report.

    `words` match whole tokens; `phrases` (glossary expansions such as 行政许可) must appear verbatim,
    so an expansion is not satisfied by a fragment of it (行政 alone is not 行政许可).
    """

    words: tuple[str, ...]
    phrases: tuple[str, ...]
    weight: float

    def found_in(self, text: str, present: frozenset[str]) -> bool:
        return any(w in present for w in self.words) or any(p in text for p in self.phrases)


_FOCUS_EN = re.compile(r"\bhow (?:many|much)\s+((?:[a-z'-]+\s+){0,2}[a-z'-]+)", re.I)
_FOCUS_ZH_AFTER = re.compile(r"(?:多少|几)[个项件宗次期部类名人家条]?([\u4e00-\u9fff]{2,8})")
_FOCUS_ZH_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:有|是|共|为|达|占)?(?:多少|几)")
FOCUS_WEIGHT = 2.0


def focus_tokens(query: Query) -> set[str]:
    """The words naming what a quantity question counts: "how many night market spots", "多少项防范措施"."""
    if not query.quantity:
        return set()
    text = query.text
    match = _FOCUS_EN.search(text) or _FOCUS_ZH_AFTER.search(text) or _FOCUS_ZH_BEFORE.search(text)
    return set(tokens(match.group(1))) if match else set()


def concepts(query: Query, idf) -> list[Concept]:
    """The question's topical words; years are checked elsewhere, English filler words are skipped."""
    focus = focus_tokens(query)
    phrases: dict[str, tuple[str, ...]] = {}
    for term, values in query.expansions.items():
        for token in tokens(term):
            phrases[token] = phrases.get(token, ()) + tuple(values)
    out: dict[str, Concept] = {}
    for token in tokens(query.text):
        if _YEAR.fullmatch(token) or token in ZH_FILLER or (token.isascii() and token.isalpha() and token in EN_GENERIC and token not in phrases):
            continue
        related = phrases.get(token, ())
        weight = max([idf(token)] + [idf(t) for p in related for t in tokens(p)[:1]])
        if len(token) == 1 and not token.isdigit() and not related:
            weight *= SINGLE_CHAR_WEIGHT
        if token in focus:
            weight *= FOCUS_WEIGHT
        out[token] = Concept((token,), related, weight)
    return list(out.values())


def coverage(items: list[Concept], text: str) -> float:
    """IDF-weighted share of the question's concepts found in the text."""
    total = sum(c.weight for c in items)
    if total == 0:
        return 0.0
    present = token_set(text)
    return sum(c.weight for c in items if c.found_in(text, present)) / total


def figures(sentence: str) -> list[re.Match]:
    """Numbers with their units in a sentence, skipping years and dates ("2023年", "7月", "2021—2025")."""
    out = []
    for m in FIGURE.finditer(sentence):
        after = sentence[m.end() : m.end() + 1]
        if m.group(3) == "年" or (not m.group(3) and (after in "年月日号—-" or _YEAR.fullmatch(m.group(1)))):
            continue
        out.append(m)
    return out


def pick_figure(query: Query, sentence: str, items: list[Concept]) -> str:
    """The asked figure: the one whose clause covers most of the question, then the asked unit, then the first."""
    found = figures(sentence)
    if not found or not query.quantity:
        return ""
    clauses = [(m.start(), m.end()) for m in _CLAUSE.finditer(sentence)]

    def clause_of(m: re.Match) -> str:
        return next((sentence[a:b] for a, b in clauses if a <= m.start() < b), "")

    def rank(m: re.Match) -> tuple[float, bool, int]:
        return coverage(items, clause_of(m)), m.group(3) in query.units, -m.start()

    return max(found, key=rank).group(0)


def quantity_bonus(query: Query, sentence: str) -> float:
    """Quantity questions prefer sentences with a figure in the asked unit, and shun those without one."""
    if not query.quantity:
        return 0.0
    found = figures(sentence)
    if any(m.group(3) in query.units for m in found):
        return 0.4
    return 0.1 if found else -0.3

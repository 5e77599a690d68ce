"""When a law took effect, was adopted or amended, read from where every Chinese law says so: the article
"本条例自…起施行" (usually its last), and the note above its first chapter ("…会议通过", "…第二次修正",
"…会议修订"). A question's words rarely retrieve either, so both are found by their wording."""

from __future__ import annotations

import re

from bot.ingest.legal import PREAMBLE
from bot.named_law import named_law
from bot.query import IN_EFFECT_ZH, LAW_KINDS, Query
from bot.records import Hit
from bot.store import StoredIndex

# "本条例自2021年1月1日起施行": how every Chinese law states when it takes effect (usually its last article).
TAKES_EFFECT = re.compile(r"自[^。；\n]{2,40}起(?:施行|生效)")
_ASKS_EFFECT = re.compile(rf"{IN_EFFECT_ZH}|take[sn]? effect|come into (?:force|effect)|in force|effective", re.I)
_NAMES_A_LAW = re.compile(LAW_KINDS, re.I)
_RULES = re.compile(r"\brules\b", re.I)  # "Sanmenxia's rules on civilized behaviour": a law, when its title words name one
# What the question asks of the law's history, as the note words it; the first adoption, the latest change.
_ASKS_CHANGE = re.compile(r"修订|修正|修改|改过|\bamend|\brevis", re.I)
_ASKS_ADOPTED = re.compile(r"通过|制定|出台|发布|公布|颁布|印发|\badopt|\bpass(?:ed)?\b|\benact|\bissued\b|\bpromulgat", re.I)
_WHEN = re.compile(r"哪一?年|什么时候|啥时候|何时|哪天|哪一天|几月|日期|\bwhen\b|\bwhat year\b|\bdate\b", re.I)
_CHANGED = re.compile(r"修订|修正")
_ADOPTED = re.compile(r"通过|发布")


def takes_effect(query: Query, hits: list[Hit], index: StoredIndex) -> tuple[Hit, int, int] | None:
    """For "从哪天起施行？": the sentence of the best-ranked law among the hits that says when it takes effect;
    for "哪年修订的？" or "什么时候通过的？", the latest change or the first adoption its note records."""
    if not _NAMES_A_LAW.search(query.text) and not (_RULES.search(query.text) and named_law(index, query)):
        return None
    if _ASKS_EFFECT.search(query.text):
        return _sentence(query, hits, index, lambda chunk: chunk.article, TAKES_EFFECT, last=True)
    if not _WHEN.search(query.text):  # "规划修改要经过什么程序" asks no date
        return None
    if _ASKS_CHANGE.search(query.text):
        return _sentence(query, hits, index, _in_note, _CHANGED, last=True)
    if _ASKS_ADOPTED.search(query.text):
        return _sentence(query, hits, index, _in_note, _ADOPTED, last=False)
    return None


def asks_when_in_effect(text: str) -> bool:
    """The question asks from when a law or rules are in force ("这部条例从哪天起施行？", "Since when have the rules
    been in force?"); not when a decision takes effect ("复议决定什么时候生效？": 一经送达，即发生法律效力)."""
    return bool(_ASKS_EFFECT.search(text) and _WHEN.search(text) and (_NAMES_A_LAW.search(text) or _RULES.search(text)))


def _in_note(chunk) -> bool:
    return chunk.section == [PREAMBLE]


def dated(chunk, sentence: str) -> bool:
    """A sentence that dates its law: the note above its first chapter, or "本条例自…起施行"."""
    return _in_note(chunk) or bool(TAKES_EFFECT.search(sentence))


def _sentence(query: Query, hits: list[Hit], index: StoredIndex, where, wording: re.Pattern, last: bool):
    """The first (or last) sentence so worded, among the chunks `where` selects, of the best-ranked law the
    question names (or of any law, when it names none by title)."""
    named = index.catalogue.named_in(query.text)
    if not named and query.lang == "en":  # "When was the Urban and Rural Planning Law adopted?"
        source = named_law(index, query)
        named = {source} if source else named
    hit = next((h for h in hits if index.catalogue[h.chunk.source].kind != "report"
                and (not named or h.chunk.source in named)), None)
    if hit is None:
        return None
    found = [(chunk, start, end) for chunk in index.chunks_of(hit.chunk.source) if where(chunk)
             for start, end in chunk.sentences if wording.search(chunk.text[start:end])]
    if not found:
        return None
    chunk, start, end = found[-1] if last else found[0]
    return Hit(chunk, hit.score, hit.dense, hit.lexical), start, end

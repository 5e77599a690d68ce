"""Penalty clauses a penalty question reaches from what retrieval found: the penalty clause itself, or one
whose duty article was found ("违反本条例第三十八条第四项规定的" reached from 第三十八条). Each comes with the
behaviour the penalty table resolved for it, so an item that names its behaviour only by number ("违反第四项
规定的") is still read with the words of that behaviour. A duty article may list a class of behaviour by name
("不得有下列妨碍供热设施正常运行的行为：") that a penalty article punishes by that name, citing no number ("用户有妨碍
供热设施正常运行行为的，…"): the two are linked by the name."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.ingest.legal import ARTICLE, article_number
from bot.numerals import to_chinese
from bot.penalties import Penalty, duty_indexes, linked, named_classes
from bot.penalty_refs import DutyArticle, cites_paragraph, duties, parse_refs
from bot.records import Chunk, Hit
from bot.rules import is_penalty
from bot.store import StoredIndex

_DUTY_ARTICLE = re.compile(r"^第[零一二三四五六七八九十百千两〇]+条")


@dataclass(frozen=True)
class Reached:
    rank: int  # rank of the hit it was reached through
    hit: Hit  # the penalty clause's chunk, carrying the evidence of the hit that reached it
    start: int
    end: int
    behaviour: str
    duty: str = ""  # the words of the duty it enforces, when the clause names the behaviour its own way


def reached(hits: list[Hit], index: StoredIndex, depth: int, paragraph: int | None = None) -> list[Reached]:
    """Penalty clauses of the first `depth` hits, and those enforcing the duties those hits state (in the
    paragraph `paragraph` of their article, when known)."""
    by_chunk, by_duty = _lookup(index)
    out: list[Reached] = []
    seen: set[tuple] = set()
    for rank, hit in enumerate(hits[:depth]):
        chunk = hit.chunk
        if not chunk.article:
            continue
        duty_rows = [r for r in by_duty.get((chunk.source, chunk.article), []) if _states_cited(r, chunk, index, paragraph)]
        for row in by_chunk.get(chunk.id, []) + duty_rows:
            key = (row.chunk_id, row.item, row.behaviour)
            span = None if key in seen else _span(index.chunks[row.chunk_id], row)
            seen.add(key)
            if span:
                target = Hit(index.chunks[row.chunk_id], hit.score, hit.dense, hit.lexical)
                out.append(Reached(rank, target, span[0], span[1], row.behaviour, _duty_words(row, index)))
    return out


def _states_cited(row: Penalty, chunk: Chunk, index: StoredIndex, paragraph: int | None = None) -> bool:
    """The duty article's chunk holds the paragraph the row cites (the paragraph `paragraph` is, when known):
    "违反本条例第二十条第三款规定的" enforces the car-alarm paragraph of 第二十条, not its second, on sirens."""
    number = article_number(chunk.article)
    refs = [r for r in parse_refs(f"违反{row.duty}规定") if number is not None and r.article == number]
    cited = {r.paragraph for r in refs}
    duty = duty_articles(index).get(chunk.source, {}).get(int(number)) if refs and number.is_integer() else None
    if duty is None or None in cited:
        return True
    if paragraph:
        return cites_paragraph(refs, int(number), paragraph)
    text = _squash(chunk.text)
    return any(_squash(duty.paragraphs[p - 1])[:15] in text for p in cited if 0 < p <= len(duty.paragraphs))


def enforcing_row(hit: Hit, item: int | None, index: StoredIndex, paragraph: int | None = None) -> tuple[Hit, int, int] | None:
    """The penalty clause the table says enforces `hit`'s article (its item `item`, when the duty is one item):
    the table reads references the clause-by-clause look-up (bot/rules.py) does not, "第十八条除第四项以外的其他
    规定" among them. None when it enforces other items only."""
    rows = [r for r in reached([hit], index, 1, paragraph) if r.hit.chunk.article != hit.chunk.article]
    if item is not None:
        rows = [r for r in rows if f"第{to_chinese(item)}项" in r.behaviour.split("：", 1)[0]]
    return (rows[0].hit, rows[0].start, rows[0].end) if rows else None


LISTED_ITEMS = 12  # readings of a lead-in: sibling articles' lead-ins read alike, only their items tell them apart


def as_behaviours(index: StoredIndex, chunk_id: int, clause: str, most: int = 6,
                  relevant: Callable[[str], bool] = lambda item: True) -> tuple[str, ...]:
    """A penalty clause as the model should read it: once per behaviour it punishes, with that behaviour's
    words before it. "违反第十四条第一款、第二款规定的，……罚款" names no behaviour of its own, and the model can
    only tell which penalty a question is about from the duty it enforces. The clause alone when it names its
    behaviour itself, or is no penalty clause; at most `most` readings (a clause enforcing a whole chapter). A
    lead-in is read once per item it punishes that is `relevant`: "餐厨废弃物处置单位有下列行为之一的" and "…收集运输
    单位有下列行为之一的" differ by a word, "未按照规定配备…设施、设备" and "未将…运输到指定的处置场所" by what was done."""
    by_chunk, _ = _lookup(index)
    bare = _squash(ARTICLE.sub("", clause, count=1))
    duties = [row.behaviour.split("：", 1)[1] for row in by_chunk.get(chunk_id, [])
              if row.behaviour.startswith("违反") and "：" in row.behaviour and _same_clause(bare, row)]
    for row in by_chunk.get(chunk_id, []):  # a class of behaviour punished by name: each behaviour its duty lists
        named = _named_class(row, index) if _same_clause(bare, row) else None
        duties += named[2] if named else ()
    if clause.rstrip().endswith(("：", ":")):  # a lead-in: its items are the behaviours ("有下列行为之一的，…罚款：")
        duties += [row.behaviour for row in by_chunk.get(chunk_id, [])
                   if not row.behaviour.startswith("违反") and _same_clause(bare, row) and relevant(row.behaviour)]
        most = max(most, LISTED_ITEMS)
    return tuple(f"{duty}；{clause}" for duty in dict.fromkeys(duties))[:most] or (clause,)


def row_fines(index: StoredIndex, chunk_id: int, behaviour: str) -> list[str]:
    """The fines, as written, the table gives one behaviour of a chunk's penalty clauses."""
    return [m.amount for row in _lookup(index)[0].get(chunk_id, []) if row.behaviour == behaviour
            for m in row.fines if m.amount]


def punished_behaviours(index: StoredIndex, chunk_id: int) -> list[str]:
    """The behaviours the penalty table gives for the clauses of one chunk."""
    return [row.behaviour for row in _lookup(index)[0].get(chunk_id, [])]


def _same_clause(bare: str, row: Penalty) -> bool:
    """The penalty row is the clause read (the table may quote it with or without its lead-in and numbers)."""
    written = _squash(ARTICLE.sub("", row.sentence, count=1))
    return bool(bare) and (bare in written or written in bare or written.endswith(bare[-20:]))


def _duty_words(row: Penalty, index: StoredIndex) -> str:
    """The words of the duty a clause enforces when it names the behaviour its own way: "船只擅自进入水系"
    enforces "脚踏船、人工划船、摩托艇、皮划艇…不得擅自进入水系"."""
    named = _named_class(row, index)
    if named or not row.duty:
        return named[1] if named else ""
    if row.behaviour.startswith("违反"):
        return ""  # a behaviour taken from the duty already
    articles = duty_articles(index).get(row.source, {})
    refs = parse_refs(f"违反{row.duty}规定")  # as the clause cites it: a number must be followed by text
    return "\n".join(dict.fromkeys(text for ref in refs for _, text in duties(ref, articles)))


def duty_articles(index: StoredIndex) -> dict[str, dict[int, DutyArticle]]:
    """Every document's articles by number, with their paragraphs and items; built once per index."""
    cached = index.__dict__.get("_duty_articles")
    if cached is None:
        cached = index.__dict__["_duty_articles"] = duty_indexes(index.chunks)
    return cached


def _lookup(index: StoredIndex) -> tuple[dict[int, list[Penalty]], dict[tuple[str, str], list[Penalty]]]:
    """Penalty rows by the chunk that states them and by (document, duty article); built once per index."""
    cached = index.__dict__.get("_penalty_lookup")
    if cached is None:
        by_chunk: dict[int, list[Penalty]] = {}
        by_duty: dict[tuple[str, str], list[Penalty]] = {}
        for row in index.penalties:
            if not 0 <= row.chunk_id < len(index.chunks):
                continue
            by_chunk.setdefault(row.chunk_id, []).append(row)
            duty = _DUTY_ARTICLE.match(row.duty)
            if duty:
                by_duty.setdefault((row.source, duty.group(0)), []).append(row)
            elif not row.duty:
                named = _named_class(row, index)
                if named:
                    by_duty.setdefault((row.source, named[0]), []).append(row)
        cached = index.__dict__["_penalty_lookup"] = (by_chunk, by_duty)
    return cached


def _span(chunk: Chunk, row: Penalty) -> tuple[int, int] | None:
    """The sentence of `chunk` where the row's clause starts: its item, or the penalty sentence it quotes."""
    clause = _squash(row.sentence)
    for start, end in chunk.sentences:
        text = chunk.text[start:end]
        if row.item and not text.startswith(row.item):
            continue
        # the table quotes a clause without its numbers: "第四十三条殴打他人的……" as "殴打他人的……", and
        # "（一）违反第一项规定的……" as "违反第一项规定的……"
        bare = ARTICLE.sub("", text.removeprefix(row.item), count=1)
        if (row.item or is_penalty(text)) and _squash(bare) in clause:
            return start, end
    return None


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _named_class(row: Penalty, index: StoredIndex) -> tuple[str, str, tuple[str, ...]] | None:
    """(article, its text, behaviours listed) of the duty article listing the class of behaviour the row punishes
    by name. The table links them at ingest; a table extracted before it did is linked here."""
    if not row.listed and not row.duty:
        row = linked(replace(row), _classes(index).get(row.source, []))
    if not row.listed:
        return None
    duty = next((d for d in duty_articles(index).get(row.source, {}).values() if d.label == row.duty), None)
    return row.duty, _text(duty) if duty else "", tuple(row.listed)


def _classes(index: StoredIndex) -> dict[str, list[tuple[str, str, tuple[str, ...]]]]:
    """Per document, the named classes of behaviour its articles list (bot/penalties.py); built once per index."""
    cached = index.__dict__.get("_behaviour_classes")
    if cached is None:
        cached = index.__dict__["_behaviour_classes"] = {
            source: named_classes(articles) for source, articles in duty_articles(index).items()}
    return cached


def _text(duty: DutyArticle) -> str:
    """An article's paragraphs, each with the items it lists."""
    return "\n".join(line for n, lead in enumerate(duty.paragraphs, 1)
                     for line in (lead, *(prefix + text for prefix, text in duty.items.get(n, ()))))

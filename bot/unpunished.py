"""A penalty question about something the documents mention only where no penalty reaches it.

"在公园里遛狗罚多少？" of a park regulation that lists "携犬进入公园" among its prohibitions (第三十条第五项) while
its penalty article fines items one to four and seven of that list: some other item's fine resembles the
question, yet none answers it. When the penalty clause the words chose does not name the question's key word,
and a prohibited item of the same document does, one the penalties leave out while citing that list's items one
by one, the honest answer is that item and the absence of a penalty, not a fine stated as found. A key word that
some penalty row names itself, or that the chosen clause's duty names, leaves the choice to the usual evidence;
so does an article no penalty cites by item (a penalty may name a prohibition in its own words instead). The same
holds for a paragraph the penalties leave out while citing the article paragraph by paragraph ("违反本条例第二十条第三
款规定的"), and for a prohibition no penalty cites at all in a regulation whose every fine cites its duty by number
("违反本条例第十三条规定的")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.evidence import Concept
from bot.key_words import covers_key, key_concepts, names_all, second_words
from bot.numerals import cn_to_number, to_chinese
from bot.penalties import Penalty
from bot.penalty_refs import DutyArticle, Ref, cites_paragraph, clip, parse_refs
from bot.penalty_reach import duty_articles
from bot.query import Query
from bot.rules import is_penalty
from bot.store import StoredIndex

NO_PENALTY = "the documents forbid it where no penalty reaches it"
# a prohibition: what an article forbids is a behaviour some penalty may or may not reach; a definition, a
# principle or an authority's task naming the word is no such mention
_FORBIDS = re.compile(r"禁止|不得|严禁")


@dataclass(frozen=True)
class Unpunished:
    title: str
    label: str  # "第三十条第五项"
    text: str  # what that article or item says, as a behaviour
    chunk_id: int = -1  # the chunk stating it, shown first among the passages


def unpunished(query: Query, chosen: str, source: str, index: StoredIndex, items: list[Concept]) -> Unpunished | None:
    """The item of a prohibition of `source` naming the question's key word that the penalties, citing the other
    items one by one, leave out, when the penalty clause chosen (`chosen`, with the duty words it was read with)
    does not name the key word; or a prohibition naming the key word and a second word the chosen clause lacks,
    which no penalty names or cites; None otherwise."""
    if not query.penalty or not key_concepts(items):
        return None
    # the key word named, but not a second word as telling ("限速" of "限速器拆了", chosen a clause on helmets)
    extra = second_words(items, chosen) if covers_key(items, chosen) else None
    if extra == []:
        return None

    def names(text: str) -> bool:
        return covers_key(items, text) and names_all(extra or [], text)

    rows = [row for row in index.penalties if row.source == source]
    if not rows or any(names(f"{row.behaviour}\n{row.sentence}") for row in rows):
        return None
    refs = [ref for row in rows for ref in parse_refs(f"违反{row.duty}规定") if ref.article is not None]
    title = rows[0].title
    # with a second word, no penalty names the words at all: a prohibition no penalty cites is left unpunished
    by_number = _fines_by_number(rows, index) or bool(extra)
    for number, duty in duty_articles(index).get(source, {}).items():
        found = _naming(duty, names)
        if found and _left_out(refs, number, found[1], found[3], by_number):
            chunk = next((c.id for c in index.chunks if c.source == source and c.article == duty.label and
                          found[2][:12] in c.text), -1)
            return Unpunished(title, found[0], clip(found[2]), chunk)
    return None


def _naming(duty: DutyArticle, names: Callable[[str], bool]) -> tuple[str, int | None, str, int] | None:
    """(label, item number or None, text, paragraph) of the first part of a prohibition naming the key word: an
    item of a prohibiting list, or a prohibiting paragraph without items; None for a penalty article."""
    for para, lead in enumerate(duty.paragraphs, 1):
        if is_penalty(lead):
            return None
        listed = duty.items.get(para, [])
        if not _FORBIDS.search(lead):
            continue
        for prefix, text in listed:
            if names(text):
                number = cn_to_number(prefix.strip("（）() "))
                return f"{duty.label}第{prefix.strip('（）() ')}项", int(number) if number else None, text, para
        if not listed and names(lead):
            label = f"{duty.label}第{to_chinese(para)}款" if len(duty.paragraphs) > 1 else duty.label
            return label, None, lead, para
    return None


def _left_out(refs: list[Ref], article: int, item: int | None, paragraph: int, by_number: bool) -> bool:
    """The penalties choose which items of the article they punish and leave this one out; or they cite the
    article paragraph by paragraph ("违反本条例第二十条第三款规定的") and never this paragraph; or every penalty
    cites its duty by number (`by_number`) and none cites this article."""
    if _items_chosen(refs, article) and not _enforced(refs, article, item):
        return True
    if not any(ref.article == article for ref in refs):
        return by_number
    return item is None and not cites_paragraph(refs, article, paragraph)


# "违反本条例第十三条规定", "违反本办法第五条": a penalty that names its duty by number
_BY_NUMBER = re.compile(r"违反本(?:条例|办法|规定|细则|法)第")


def _fines_by_number(rows: list[Penalty], index: StoredIndex) -> bool:
    """Every article that fines cites the duties it enforces by number (in a row, or in its lead-in): a
    prohibition no penalty cites is then left unpunished on purpose, not named in a penalty's own words."""
    fining = {row.article for row in rows if row.fines}
    citing = {row.article for row in rows if row.duty or _BY_NUMBER.search(_stated(row, index))}
    return bool(fining) and fining <= citing


def _stated(row: Penalty, index: StoredIndex) -> str:
    """The chunk a penalty row stands in (its lead-in with it), or its own sentence."""
    return index.chunks[row.chunk_id].text if 0 <= row.chunk_id < len(index.chunks) else row.sentence


def _items_chosen(refs: list[Ref], article: int) -> bool:
    """The penalties cite items of the article one by one: which of its prohibitions are punished was chosen,
    and an item left out is left out on purpose. (A penalty may name a prohibition in its own words, "饲养家畜
    家禽影响市容", without citing its article; an article never cited says nothing about its items.)"""
    return any(ref.article == article and ref.item is not None for ref in refs)


def _enforced(refs: list[Ref], article: int, item: int | None) -> bool:
    """Some penalty row cites the article, or the item of it."""
    return any(ref.article == article and (ref.item == item or (ref.item is None and item not in ref.excluded))
               for ref in refs)


def unpunished_text(query: Query, gap: Unpunished) -> str:
    if query.lang == "en":
        return (f"{gap.label} of {gap.title} says: “{gap.text}”; the documents set no penalty for it. "
                "The closest passages are listed as related reading.")
    return f"《{gap.title}》{gap.label}规定：“{gap.text}”，但资料中没有找到对它的罚则。以下是最相关的段落，供参考。"

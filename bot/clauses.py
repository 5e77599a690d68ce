"""Clauses of laws and regulations as answers: the article a question cites, the penalty clause that
enforces a duty, and the quote with what it depends on (the items' lead-in, a second penalty)."""

from __future__ import annotations

import re

from bot.ingest.legal import ITEM, article_number
from bot.numerals import cn_to_number, to_chinese
from bot.query import Query
from bot.records import Chunk, Hit
from bot.rules import CONTINUES, enforcing_sentences, item_number, paragraph_at
from bot.store import StoredIndex

# What is left of "许昌市城市绿化条例第三十二条讲的是什么？" once the document and article are named.
LIST_CHARS = 600  # a lead-in's items are quoted with it up to this length (the whole article, at most)
_ABOUT_ARTICLE = re.compile(r"讲的?是?|说的?是?|规定(?:了|的是)?|内容|什么|啥|哪些|是|有|了|的|吗|呢|一下|请问|"
                            r"\bwhat\b|\bdoes\b|\bdo\b|\bsay[s]?\b|\bis\b|\babout\b|\barticle\b|\bof\b|\bthe\b|\bin\b|\bstate[s]?\b|\d+",
                            re.I)


def context(chunk: Chunk, start: int, end: int) -> str:
    """What a sentence is read with when scoring it: its section path, and in a law the document's title
    and, for an item （三）, the lead-in it completes."""
    sentence = chunk.text[start:end]
    if not chunk.article:
        return f"{chunk.section_path}\n{sentence}"
    return f"{chunk.title} {chunk.section_path}\n{lead_in(chunk, start)}\n{referred(chunk, start)}\n{sentence}"


# "禁止进行以上产生噪声的活动", "前款规定的": the sentence continues the one before it. 以上 after a number
# ("五百元以上") is a bound, not a reference.
_REFERS_BACK = re.compile(r"(?<![\d一二三四五六七八九十百千万元日月年时倍周岁])以上(?!各)|上述|前述|前款|前两款|前项")


def referred(chunk: Chunk, start: int) -> str:
    """The sentence before, when this one refers back to it ("以上", "上述", "前款"), else ""."""
    own = next(((a, b) for a, b in chunk.sentences if a == start), None)
    if own is None or not _REFERS_BACK.search(chunk.text[own[0]:own[1]]):
        return ""
    return _sentence_before(chunk, start)


def _sentence_before(chunk: Chunk, start: int) -> str:
    before = [(a, b) for a, b in chunk.sentences if b <= start]
    return chunk.text[before[-1][0]:before[-1][1]] if before else ""


SHORT_SENTENCE = 20  # characters: a sentence this short leans on the one before it


def before_short(chunk: Chunk, start: int, end: int) -> str:
    """For a short sentence inside a paragraph, the sentence before it there, else ""."""
    if end - start > SHORT_SENTENCE or start == 0 or chunk.text[start - 1] == "\n":
        return ""
    return _sentence_before(chunk, start)


def lead_in(chunk: Chunk, start: int) -> str:
    """For an item （三）, the paragraph it continues ("有下列行为之一的，处……："), else ""."""
    if not ITEM.match(chunk.text[start : start + 8]):  # ("^" would not anchor at `pos` in ITEM.match(text, pos))
        return ""
    before = [line for line in chunk.text[:start].split("\n") if line.strip()]
    for line in reversed(before):
        if not ITEM.match(line):
            return line
    return chunk.lead


def quote(chunk: Chunk, start: int, end: int) -> str:
    """The clause as an officer would quote it: the item with its lead-in, and any following sentence that
    only makes sense with it (a penalty for units as well as persons, a heavier one for serious cases)."""
    spans = chunk.sentences
    i = next((n for n, (a, _) in enumerate(spans) if a == start), None)
    if i is None:
        return chunk.text[start:end]
    first, last = i, i
    while first > 0 and CONTINUES.match(chunk.text[spans[first][0] : spans[first][1]]) and _same_line(chunk, spans[first - 1][0], start):
        first -= 1
    while last + 1 < len(spans) and CONTINUES.match(chunk.text[spans[last + 1][0] : spans[last + 1][1]]):
        last += 1
    if _sentence(chunk, spans[last]).rstrip().endswith(("：", ":")):  # a lead-in: "有下列情形之一的："
        last = _with_items(chunk, spans, spans[first][0], last)
    text = chunk.text[spans[first][0] : spans[last][1]]
    lead = lead_in(chunk, spans[first][0])
    if lead and not chunk.text[: spans[first][0]].rstrip().endswith(lead):
        return f"{lead}……\n{text}"
    return f"{lead}\n{text}" if lead else text


def _with_items(chunk: Chunk, spans: list[tuple[int, int]], start: int, last: int) -> int:
    """A lead-in is never quoted without its items: the index of its last item, as long as the quote stays
    short enough for a chat message."""
    while last + 1 < len(spans) and ITEM.match(_sentence(chunk, spans[last + 1])) and \
            spans[last + 1][1] - start <= LIST_CHARS:
        last += 1
    return last


def _sentence(chunk: Chunk, span: tuple[int, int]) -> str:
    return chunk.text[span[0] : span[1]]


def _same_line(chunk: Chunk, a: int, b: int) -> bool:
    return "\n" not in chunk.text[a:b]


def enforcing(hit: Hit, start: int, end: int, index: StoredIndex, item: int | None) -> tuple[Hit, int, int] | None:
    """The penalty clause that enforces the duty stated at (start, end) of hit's article (its item `item`, when
    the duty is one item), if any."""
    chunk = hit.chunk
    found = enforcing_sentences(index.articles_of(chunk.source), chunk, item, paragraph_at(chunk, start))
    if not found:
        return None
    target, i = found[0]
    a, b = target.sentences[i]
    return Hit(target, hit.score, hit.dense, hit.lexical), a, b


def broken_duty(hit: Hit, start: int, end: int, index: StoredIndex) -> list[Hit]:
    """The chunks of the duty article a penalty clause cites ("违反本条例第二十二条第三款规定，…的"), for a question
    asking which rule a behaviour breaks; none when the clause cites no other article of its document."""
    from bot.penalty_refs import parse_refs, pointing_here

    chunk = hit.chunk
    text = pointing_here(lead_in(chunk, start) + chunk.text[start:end], chunk.article, paragraph_at(chunk, start) or 1)
    own = article_number(chunk.article)
    for ref in parse_refs(text):
        if ref.article and ref.article != own:
            chunks = index.article(chunk.source, f"第{to_chinese(ref.article)}条")
            if chunks:
                return [Hit(c, hit.score, hit.dense, hit.lexical) for c in chunks]
    return []


_PART = re.compile(r"第([零一二三四五六七八九十两〇\d]+)(项|款)")


def part_asked(query: Query, cited: list[Hit]) -> tuple[Hit, int, int] | None:
    """"第三十六条第三项是什么？", "第四十三条第二款讲什么？": the first sentence of the item or paragraph asked,
    among the chunks of the cited article (a paragraph starts a line and is no item)."""
    parts = _parts(query, cited)
    return parts[2].get(parts[1]) if parts else None


def part_missing(query: Query, cited: list[Hit]) -> tuple[str, int, int] | None:
    """(款 or 项, the number asked, how many the article has) when the question asks a part the cited article
    does not have ("第十条第九款" of an article of one paragraph); None otherwise."""
    parts = _parts(query, cited)
    if not parts or parts[1] in parts[2]:
        return None
    kind, number, found = parts
    return kind, number, max(found, default=0)


def _parts(query: Query, cited: list[Hit]) -> tuple[str, int, dict[int, tuple[Hit, int, int]]] | None:
    """The kind of part asked (款 or 项), its number, and the article's parts of that kind by number (the first
    item of that number, where several paragraphs of one article list items)."""
    asked = _PART.search(query.text.replace(query.article, "", 1))
    value = (asked.group(1) if asked.group(1).isdigit() else cn_to_number(asked.group(1))) if asked else None
    if not value:
        return None
    kind, seen = asked.group(2), set()
    found: dict[int, tuple[Hit, int, int]] = {}
    for hit in cited:
        chunk = hit.chunk
        for start, end in chunk.sentences:
            sentence = chunk.text[start:end]
            if sentence in seen:
                continue  # a lead-in carried into the article's next chunk
            seen.add(sentence)
            if kind == "项" and item_number(sentence):
                found.setdefault(item_number(sentence), (hit, start, end))
            if kind == "款" and (start == 0 or chunk.text[start - 1] == "\n") and not ITEM.match(sentence):
                found[len(found) + 1] = (hit, start, end)
    return kind, int(value), found


def cited_article(query: Query, hits: list[Hit], index: StoredIndex) -> list[Hit]:
    """The chunks of the article the question cites, in the document it names or else the best-ranked
    document in scope that has such an article."""
    named = index.catalogue.named_in(query.text)
    order = [h.chunk.source for h in hits] + sorted(named)
    sources = [s for s in dict.fromkeys(order) if not named or s in named]
    for source in sources:
        chunks = index.article(source, query.article)
        if chunks:
            best = next((h for h in hits if h.chunk.source == source), None)
            score, dense = (best.score, best.dense) if best else (1.0, 1.0)
            return [Hit(c, score, dense, 0.0) for c in chunks]
    return []


def asks_whole_article(query: Query, index: StoredIndex) -> bool:
    """True when the question only cites the article ("第三十二条讲什么？"), asking nothing in particular."""
    from bot.catalogue import doc_names

    rest = query.text.replace(query.article, "")
    names = {n for doc in index.catalogue.docs.values() for n in doc_names(doc)} | set(query.places)
    for name in sorted(names, key=len, reverse=True):
        rest = rest.replace(name, "")
    rest = _ABOUT_ARTICLE.sub("", re.sub(r"[《》？?。，,！!\s]|市|本条例|本法|这部|条例|法规", "", rest))
    return len(re.findall(r"[\u4e00-\u9fff]|[A-Za-z]{3,}", rest)) <= 2

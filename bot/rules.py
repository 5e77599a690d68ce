"""Rules in laws and regulations: which clause carries a penalty, and how a penalty article points back at
the duty it enforces ("违反本条例第十九条规定的", "违反第一项至第三项规定的")."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.ingest.legal import ITEM
from bot.numerals import cn_to_number
from bot.penalty_refs import cites_paragraph, parse_refs
from bot.query import Query
from bot.records import Chunk

_N = "一二三四五六七八九十百千零〇两"
PENALTY = re.compile(r"罚款|罚金|拘留|警告|没收|吊销|暂扣|停业整顿|处分|责令[^，。；]{0,12}(?:改正|拆除|停止|恢复|补种|赔偿)|处[^，。；]{0,20}罚")
_REF = re.compile(rf"第([{_N}]+)条(?:第[{_N}]+款)?(?:(?:至|到)第([{_N}]+)条)?")
_EXCEPT = re.compile(r"除(?:第[^项，,；;]{1,8}项[、和及或]?)*$")  # "除第四项、第五项以外": items left out
_ITEM_REF = re.compile(rf"第([{_N}]+)项(?:(?:至|到)第([{_N}]+)项)?")
# Sentences that only make sense with the one before: a heavier or second penalty for the same behaviour.
CONTINUES = re.compile(r"^(?:对单位|对个人|单位|个人|情节(?:较重|严重|特别严重|较轻)|其中|经营性|非经营性|造成|逾期|拒不|构成|有违法所得)")


def is_penalty(sentence: str) -> bool:
    return bool(PENALTY.search(sentence))


# "不分类", "没备案", "没有开工", "未办理": a behaviour told as something not done
_NOT_DONE = re.compile(r"(?:不|没有|没|未)$")
# "不捡狗屎", "没办手续", "不戴头盔": not done, told by a verb of one character and its object; not a copula or
# modal ("不算大型的", "不是", "不能")
_NOT_VERB = re.compile(r"(?:不|没有|没|未)[^是算会能要想让在太很够用被给对到好大多少行该像\W\da-zA-Z]$")


def not_done(query: Query) -> tuple[str, ...]:
    """The question's words of two or more characters told as not done ("扔垃圾不分类" -> 分类). A law
    writes such a behaviour "未分类", and "已分类" is another behaviour."""
    # "受不受理" asks whether, it tells nothing not done
    return _after(query, lambda before, token: bool(_NOT_DONE.search(before[-2:])) and before[-2:][:1] != token[0])


def not_done_objects(query: Query) -> tuple[str, ...]:
    """The objects of a one-character verb told as not done ("不捡狗屎" -> 狗屎): a law writes the behaviour
    with its own verb ("未即时清理…粪便"), so only the object says which clause it is."""
    return _after(query, lambda before, token: bool(_NOT_VERB.search(before)))


def _after(query: Query, told: Callable[[str, str], bool]) -> tuple[str, ...]:
    """The question's Chinese words of two or more characters that `told(three characters before, word)` picks,
    read in order through the question as written."""
    text, out, at = query.text, [], 0
    for token in query.tokens:
        found = text.find(token, at)
        if found < 0:
            continue  # a word the glossary or the search-mode cut added: not in the text as written
        at = found
        if len(token) >= 2 and "\u4e00" <= token[0] <= "\u9fff" and told(text[max(0, at - 3) : at], token):
            out.append(token)
        at += len(token)
    return tuple(dict.fromkeys(out))


def article_refs(text: str, own: str = "") -> set[int]:
    """Article numbers a text refers to: "第十条、第十一条" -> {10, 11}; "第十五条至第十八条" -> {15..18}."""
    out: set[int] = set()
    for m in _REF.finditer(text):
        if own and m.group(0) == own and m.start() == 0:
            continue  # the article's own number at its start
        low = cn_to_number(m.group(1))
        high = cn_to_number(m.group(2)) if m.group(2) else low
        if low is not None and high is not None and high - low < 50:
            out.update(range(int(low), int(high) + 1))
    return out


def item_refs(text: str, excluded: bool = False) -> set[int]:
    """Item numbers a clause refers to: "违反第一项至第三项规定的" -> {1, 2, 3}; with `excluded`, those it leaves
    out instead ("第十八条除第四项以外的其他规定" -> {4})."""
    out: set[int] = set()
    for m in _ITEM_REF.finditer(text):
        if bool(_EXCEPT.search(text[: m.start()])) != excluded:
            continue
        low = cn_to_number(m.group(1))
        high = cn_to_number(m.group(2)) if m.group(2) else low
        if low is not None and high is not None:
            out.update(range(int(low), int(high) + 1))
    return out


def item_number(sentence: str) -> int | None:
    m = ITEM.match(sentence)
    value = cn_to_number(m.group(1)) if m else None
    return int(value) if value else None


def enforcing_sentences(article_chunks: list[list[Chunk]], duty: Chunk, item: int | None,
                        paragraph: int | None = None) -> list[tuple[Chunk, int]]:
    """Penalty sentences (chunk, sentence index) of other articles that refer back to `duty`'s article,
    narrowed to the ones naming `item` when the duty is one item of a list, and to those citing `paragraph` (a
    款, when known) where they cite the article paragraph by paragraph."""
    from bot.ingest.legal import article_number

    number = article_number(duty.article)
    if number is None:
        return []
    found: list[tuple[Chunk, int, bool]] = []
    for chunks in article_chunks:
        if chunks[0].article == duty.article:
            continue
        article_text = "\n".join(c.text for c in chunks)
        if int(number) not in article_refs(article_text, chunks[0].article):
            continue
        # "下列处罚由公安机关实施：" refers to nothing itself: its items say which duty each enforces
        itemised = any(article_refs(c.text[a:b], c.article) for c in chunks for a, b in c.sentences[1:])
        for chunk in chunks:
            for i, (a, b) in enumerate(chunk.sentences):
                sentence = chunk.text[a:b]
                if not is_penalty(sentence):
                    continue
                refs = article_refs(sentence, chunk.article)
                if (refs and int(number) not in refs) or (not refs and itemised):
                    continue  # this clause enforces another article, or only introduces the clauses that do
                if paragraph and not cites_paragraph(parse_refs(sentence), int(number), paragraph):
                    continue  # "违反第二十条第三款规定的" enforces another paragraph of the duty's article
                items = item_refs(sentence)
                if item is not None and (item in item_refs(sentence, excluded=True) or (items and item not in items)):
                    continue  # it enforces other items of the duty's article: 第十二条第一项, not 第二项
                found.append((chunk, i, item is not None and item in items))
    if item is not None and any(named for _, _, named in found):
        return [(c, i) for c, i, named in found if named]
    return [(c, i) for c, i, _ in found]


def paragraph_at(chunk: Chunk, start: int) -> int | None:
    """The paragraph (款) of its article the text at `start` of `chunk` stands in, counting the lines before it
    that are no items; None when the chunk does not start its article (a long article's later part)."""
    if not chunk.article or not chunk.text.startswith(chunk.article):
        return None
    lines = chunk.text[:start].split("\n")[:-1]
    return 1 + sum(1 for line in lines if line.strip() and not ITEM.match(line))

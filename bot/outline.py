"""A regulation's outline from the structure ingestion gave its chunks: how many chapters and articles it has,
which articles each chapter holds, what one chapter covers, and which chapter holds a subject ("《许昌市城乡规划
条例》有几章？", "第五章讲什么？", "法律责任在哪一章？", "How many articles does the … have?"). Trainees learn a
regulation by its outline; no clause's words answer such a question."""

from __future__ import annotations

import re

from bot.numerals import cn_to_number
from bot.query import Query
from bot.records import Answer, Passage
from bot.named_law import named_law
from bot.store import StoredIndex

# the count asked at the end of the question, so "有几条关于违法建设的规定" (a count of rules on a topic) is not one
_ASKS_ZH = re.compile(r"(?<!第)(?:共|一共|总共)?(?:有|分)?(?:几|多少)个?(章|条)(?:内容)?[呢吗？?。\s]*$|(?:分|有)哪(?:几|些)章")
_ASKS_EN = re.compile(r"\bhow many (chapters|articles)\b", re.I)
_NUMERAL = "一二三四五六七八九十百零〇两"
_CHAPTER = re.compile(rf"^第[{_NUMERAL}]+章")
_PART = re.compile(rf"^第[{_NUMERAL}]+[编节]")  # a part above chapters, a section below them: not the chapter
# "第五章讲什么？": one chapter (no article named with it); "法律责任在哪一章？": the chapter holding a subject
_ONE_CHAPTER = re.compile(rf"第([{_NUMERAL}\d]+)章(?!.*第[{_NUMERAL}\d]+条)")
_WHICH_CHAPTER = re.compile(r"([\u4e00-\u9fff]{2,30}?)(?:是|在|属于)?(?:哪一?章|第几章)")
OPENING_CHARS = 40  # each article of a chapter is shown by its opening words


def outline_answer(index: StoredIndex, query: Query) -> Answer | None:
    """The outline, or one chapter, of the one regulation the question names, when that is what it asks."""
    question = query.text
    one, which = _ONE_CHAPTER.search(question), _WHICH_CHAPTER.search(question)
    if not (_ASKS_ZH.search(question) or _ASKS_EN.search(question) or one or which):
        return None
    source = named_law(index, query)
    chapters = _chapters(index, source) if source else {}
    if not chapters:
        return None
    if one or which:
        return _chapter_answer(index, query, source, chapters, one, which)
    return _counts_answer(index, query, source, chapters)


def _counts_answer(index: StoredIndex, query: Query, source: str, chapters: dict[str, list]) -> Answer:
    # asked in English of a title in Chinese ("How many chapters does 《…》 have?"): answered in English
    lang = "en" if _ASKS_EN.search(query.text) else query.lang
    title = _title(index, source, lang)
    articles = sum(len(arts) for arts in chapters.values())
    headed = [h for h in chapters if h]
    if lang == "en":
        head = f"{title} has {len(headed)} chapters and {articles} articles:" if headed else f"{title} has {articles} articles."
    else:
        head = f"{title}共{len(headed)}章{articles}条：" if headed else f"{title}共{articles}条。"
    body = "\n".join(_line(h, [a for a, _ in arts]) for h, arts in chapters.items()) if headed else ""
    return _answer(index, query, source, head, body, "")


def _chapter_answer(index: StoredIndex, query: Query, source: str, chapters: dict[str, list], one, which) -> Answer | None:
    """One chapter with its articles' openings: the chapter named by number, or the one whose heading names the
    subject asked ("法律责任在哪一章？")."""
    if one:
        number = int(cn_to_number(one.group(1)) or 0) if not one.group(1).isdigit() else int(one.group(1))
        heading = _numbered(chapters, number)
    else:  # the longest end of the words before "在哪一章" that a heading holds: "…条例法律责任" -> 法律责任
        words = re.sub(r"的$", "", which.group(1))
        ends = [words[i:] for i in range(len(words) - 1)]
        heading = next((h for end in ends for h in chapters if h and end in h), None)
    if heading is None and one:  # "第九章讲什么？" of a regulation of six: say so, rather than answer 第九条
        headed = [h for h in chapters if h]
        text = (f"{_title(index, source, 'en')} has {len(headed)} chapters, no chapter {number}." if query.lang == "en"
                else f"{_title(index, source)}共{len(headed)}章，没有第{one.group(1)}章。")
        return Answer(query.text, False, text, doc=index.catalogue[source].title, notice="no such chapter")
    if heading is None:
        return None
    arts = chapters[heading]
    head = f"{_title(index, source)}{_line(heading, [a for a, _ in arts])}"
    body = "\n".join(opening for _, opening in arts)
    return _answer(index, query, source, head, body, heading)


def _answer(index: StoredIndex, query: Query, source: str, head: str, body: str, section: str) -> Answer:
    title = index.catalogue[source].title
    first = next(c for c in index.chunks_of(source) if c.article and (not section or section in c.section))
    return Answer(query.text, True, f"{head}\n{body}".strip(), sentence=head, doc=title, section=section,
                  passages=[Passage(title, section, body or head, 1.0, first.id)], evidence={"from": "outline"})


def _title(index: StoredIndex, source: str, lang: str = "zh") -> str:
    """The title as cited, and of a law indexed in two versions which one this is."""
    doc = index.catalogue[source]
    versioned = index.catalogue.has_versions(source) and doc.version
    if lang == "en":
        return f"{doc.title} ({doc.version[:4]} version)" if versioned else doc.title
    return f"《{doc.title}》" + (f"（{doc.version[:4]}年版）" if versioned else "")


def _heading(section: list[str], article: str) -> str:
    """The chapter an article stands in: its 第X章 heading, or the heading a text gives without its number
    ("法律责任" where a copy lost "第四章"), which is a chapter all the same; "" outside any."""
    chapter = next((s for s in section if _CHAPTER.match(s)), "")
    return chapter or next((s for s in section if s != article and not _PART.match(s)), "")


def _numbered(chapters: dict[str, list], number: int) -> str | None:
    """Chapter `number`: the heading that says so, or else the one standing in that place among them all (an
    unnumbered "法律责任" between 第三章 and 第五章 is the fourth)."""
    headed = [h for h in chapters if h]
    said = next((h for h in headed if _CHAPTER.match(h) and cn_to_number(_CHAPTER.match(h).group(0)[1:-1]) == number), None)
    if said is not None:
        return said
    placed = headed[number - 1] if 0 < number <= len(headed) else None
    return placed if placed is not None and not _CHAPTER.match(placed) else None


def _line(heading: str, articles: list[str]) -> str:
    span = f"{articles[0]}至{articles[-1]}" if len(articles) > 1 else articles[0]
    return f"{heading or '—'}（{span}）"




def _chapters(index: StoredIndex, source: str) -> dict[str, list[tuple[str, str]]]:
    """Chapter heading -> its articles in reading order, each with its opening words ("" for articles outside
    any chapter)."""
    chapters: dict[str, list[tuple[str, str]]] = {}
    seen: set[str] = set()
    for chunk in index.chunks_of(source):
        if not chunk.article or chunk.article in seen or cn_to_number(chunk.article[1:-1]) is None:
            continue
        seen.add(chunk.article)
        heading = _heading(chunk.section, chunk.article)
        text = chunk.text.split("\n", 1)[0]
        opening = text if len(text) <= OPENING_CHARS else text[:OPENING_CHARS] + "…"
        chapters.setdefault(heading, []).append((chunk.article, opening))
    return chapters

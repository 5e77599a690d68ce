"""A regulation's outline from the structure ingestion gave its chunks: how many chapters and articles it has,
and which articles each chapter holds ("《许昌市城乡规划条例》有几章？", "这部条例共多少条？", "How many articles does
the … have?"). Trainees learn a regulation by its outline; its words answer no such question."""

from __future__ import annotations

import re

from bot.numerals import cn_to_number
from bot.query import Query
from bot.records import Answer, Passage
from bot.scope import version_asked
from bot.store import StoredIndex
from bot.tokenize import tokens

# the count asked at the end of the question, so "有几条关于违法建设的规定" (a count of rules on a topic) is not one
_ASKS_ZH = re.compile(r"(?<!第)(?:共|一共|总共)?(?:有|分)?(?:几|多少)个?(章|条)(?:内容)?[呢吗？?。\s]*$|(?:分|有)哪(?:几|些)章")
_ASKS_EN = re.compile(r"\bhow many (chapters|articles)\b", re.I)
_CHAPTER = re.compile(r"^第[一二三四五六七八九十百零〇两]+章")


def outline_answer(index: StoredIndex, query: Query) -> Answer | None:
    """The outline of the one regulation the question names, when it asks how many chapters or articles it has."""
    question, lang = query.text, query.lang
    if not (_ASKS_ZH.search(question) or _ASKS_EN.search(question)):
        return None
    # the question's words, and for an English question their Chinese translations
    words = query.tokens + [w for values in query.expansions.values() for v in values for w in tokens(v)]
    source = _named_law(index, query, words)
    if source is None:
        return None
    chapters = _chapters(index, source)
    if not chapters:
        return None
    doc = index.catalogue[source]
    title = doc.title
    # of a law indexed in two versions, which one this is
    version = f"（{doc.version[:4]}年版）" if index.catalogue.has_versions(source) and doc.version else ""
    lines = [f"{heading or '—'}（{arts[0]}至{arts[-1]}）" if len(arts) > 1 else f"{heading or '—'}（{arts[0]}）"
             for heading, arts in chapters.items()]
    articles = sum(len(arts) for arts in chapters.values())
    headed = [h for h in chapters if h]
    if lang == "en":
        head = f"{title}{version} has {len(headed)} chapters and {articles} articles:" if headed else \
            f"{title}{version} has {articles} articles."
    else:
        head = f"《{title}》{version}共{len(headed)}章{articles}条：" if headed else f"《{title}》{version}共{articles}条。"
    body = "\n".join(lines) if headed else ""
    first = next(c for c in index.chunks_of(source) if c.article)
    return Answer(question, True, f"{head}\n{body}".strip(), sentence=head, doc=title,
                  passages=[Passage(title, "", body or head, 1.0, first.id)], evidence={"from": "outline"})


def _named_law(index: StoredIndex, query: Query, words: list[str]) -> str | None:
    """The one regulation the question names: by its title (the full title over one that only contains it, the
    version asked of a law in two, else its current one), or else by the words of its title ("Public Security
    Administration Punishment Law")."""
    catalogue, question = index.catalogue, query.text
    named = catalogue.titled_in(question) or catalogue.named_in(question)
    laws = [s for s in named if catalogue[s].kind != "report"]
    if len(laws) > 1:
        titled = [s for s in laws if catalogue[s].title in question]  # 洛阳市城市市容…条例 holds 城市市容…条例
        longest = max((len(catalogue[s].title) for s in titled), default=0)
        laws = [s for s in titled if len(catalogue[s].title) == longest] or laws
        picked = version_asked(catalogue[laws[0]].title, query, catalogue)
        laws = [s for s in laws if (catalogue[s].version == picked if picked else catalogue.current(s))]
    if not laws:
        scored = {s: _title_words_named(catalogue, s, words) for s, d in catalogue.docs.items()
                  if d.kind != "report" and catalogue.current(s)}
        best = max(scored.values(), default=0)
        laws = [s for s, n in scored.items() if n == best and n >= 2]
    return laws[0] if len(laws) == 1 else None


def _title_words_named(catalogue, source: str, words: list[str]) -> int:
    """How many of the question's words are words of the document's title."""
    title = catalogue.title_words(source)
    return sum(1 for w in set(words) if len(w) > 1 and any(w == t or w in t for t in title))


def _chapters(index: StoredIndex, source: str) -> dict[str, list[str]]:
    """Chapter heading -> its article labels in reading order ("" for articles outside any chapter)."""
    chapters: dict[str, list[str]] = {}
    seen: set[str] = set()
    for chunk in index.chunks_of(source):
        if not chunk.article or chunk.article in seen or cn_to_number(chunk.article[1:-1]) is None:
            continue
        seen.add(chunk.article)
        heading = next((s for s in chunk.section if _CHAPTER.match(s)), "")
        chapters.setdefault(heading, []).append(chunk.article)
    return chapters

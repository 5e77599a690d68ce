"""The one regulation a question names, by its title or, in English, by the translated words of its title
("the Public Security Administration Punishments Law"): what a question about a law as a whole (its outline, its
dates) is asked of."""

from __future__ import annotations

from bot.query import Query
from bot.scope import NATIONAL, version_asked
from bot.store import StoredIndex
from bot.tokenize import tokens


def named_law(index: StoredIndex, query: Query) -> str | None:
    """The one regulation the question names: by its title (the full title over one that only contains it, the
    version asked of a law in two, else its current one), or else by the words of its title ("Public Security
    Administration Punishment Law")."""
    catalogue, question = index.catalogue, query.text
    # the question's words, and for an English question their Chinese translations
    words = query.tokens + [w for values in query.expansions.values() for v in values for w in tokens(v)]
    named = catalogue.titled_in(question) or catalogue.named_in(question)
    laws = [s for s in named if catalogue[s].kind != "report"]
    if len(laws) > 1:
        titled = [s for s in laws if catalogue[s].title in question]  # 洛阳市城市市容…条例 holds 城市市容…条例
        longest = max((len(catalogue[s].title) for s in titled), default=0)
        laws = [s for s in titled if len(catalogue[s].title) == longest] or laws
        picked = version_asked(catalogue[laws[0]].title, query, catalogue)
        laws = [s for s in laws if (catalogue[s].version == picked if picked else catalogue.current(s))]
    if not laws:
        national = bool(NATIONAL.search(question))  # "国务院市容条例": not 洛阳市城市市容和环境卫生管理条例
        scored = {s: _title_words_named(catalogue, s, words) for s, d in catalogue.docs.items()
                  if d.kind != "report" and catalogue.current(s) and not (national and d.place)}
        best = max(scored.values(), default=0)
        laws = [s for s, n in scored.items() if n == best and n >= 2]
    return laws[0] if len(laws) == 1 else None


def _title_words_named(catalogue, source: str, words: list[str]) -> int:
    """How many of the question's words are words of the document's title, its place and, in English, its kind
    among them ("Xuchang Urban and Rural Planning Regulations" names 许昌, 规划 and a 条例: 许昌市城乡规划条例, not
    城乡规划法; "the Urban and Rural Planning Law" names 规划 and a 法)."""
    doc = catalogue[source]
    title, place = catalogue.title_words(source), doc.place
    named = sum(1 for w in set(words) if len(w) > 1 and any(w == t or w in t for t in title))
    if not named:
        return 0
    kind = any(doc.title.endswith(_KIND_EN.get(w, "\0")) for w in words)  # "… Law" is a 法, "… Regulations" a 条例
    return named + (1 if place and place in words else 0) + (1 if kind else 0)


_KIND_EN = {"law": "法", "regulations": "条例", "regulation": "条例"}

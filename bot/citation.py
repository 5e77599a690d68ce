"""How an answer says where it stands: 《title》 and article for a law, title › section for a report, the
version of a law indexed in several, the figure in English for an English question; and refusals that
name what was searched."""

from __future__ import annotations

from bot.catalogue import Catalogue
from bot.figures import Figure
from bot.numerals import cn_to_number, to_chinese
from bot.query import Query
from bot.records import Chunk, Hit
from bot.store import StoredIndex


def emphasise(sentence: str, figure: str, mark: str = "**", start: int | None = None) -> str:
    """The sentence with the figure marked where it stands (at `start` when given: "五百元以下" may also be
    the end of an earlier "二百元以上五百元以下")."""
    if not figure:
        return sentence
    if start is not None and sentence[start : start + len(figure)] == figure:
        return f"{sentence[:start]}{mark}{figure}{mark}{sentence[start + len(figure):]}"
    return sentence.replace(figure, f"{mark}{figure}{mark}", 1)


def where(chunk: Chunk, catalogue: Catalogue, lang: str = "zh") -> str:
    """"《许昌市城市绿化条例》第三十二条" for a law; "title › section" for a report."""
    if not chunk.article:
        return f"{chunk.title} › {chunk.section_path}" if chunk.section else chunk.title
    return cited_article(chunk.title, chunk.article, chunk.source, catalogue, lang)


def cited_article(title: str, article: str, source: str, catalogue: Catalogue, lang: str = "zh") -> str:
    """An article as a law is cited: "《许昌市城市绿化条例》第三十二条", in English with its number ("(Article 32)"),
    and for a law indexed in several versions which one this is."""
    cited = f"《{title}》{article}"
    if lang == "en":
        number = cn_to_number(article[1:-1])
        cited += f" (Article {number:.0f})" if number else ""
    return cited + version_note(source, catalogue, lang)


def version_note(source: str, catalogue: Catalogue, lang: str) -> str:
    """For a law indexed in several versions: which one this is, and whether it is in force."""
    if not catalogue.has_versions(source):
        return ""
    doc = catalogue[source]
    current = catalogue.current(source)
    if lang == "en":
        return f" [version of {doc.version}, {'current' if current else 'superseded by a later version'}]"
    return f"（{doc.version}版本，{'现行有效' if current else '已被新版本取代'}）"


def answer_text(query: Query, sentence: str, figure: Figure | None, chunk: Chunk, catalogue: Catalogue,
                count: str = "") -> str:
    """The clause with its figure marked and where it stands; `count` is a count of the kinds the clause lists
    (bot/enumeration.py), which it does not write itself."""
    label = "Source" if query.lang == "en" else "出处"
    marked = emphasise(sentence, figure.text, start=figure.start) if figure else sentence
    if count:
        marked += f" ({count} listed)" if query.lang == "en" else f"（共**{count}**）"
    text = f"{marked}\n{label}：{where(chunk, catalogue, query.lang)}"
    if query.lang == "en" and figure is not None and figure.amount is not None:
        text += f"\nFigure: {figure.amount.english()}"
    return text


def not_found_text(query: Query, hits: list[Hit], index: StoredIndex, place: str = "") -> str:
    """The refusal: what was searched, and, when the question asks about a place whose rules are not indexed,
    that place (another city's rule would be no answer for it)."""
    searched = _searched(index, query.lang)
    if query.lang == "en":
        tail = " The closest passages are listed as related reading." if hits else ""
        said = f"The documents hold no rules of {place}." if place else "The documents do not say."
        return f"{said} (Searched {searched}.){tail}"
    tail = "以下是最相关的段落，供参考。" if hits else ""
    said = f"资料中没有{place}的规定" if place else "资料中没有找到这个问题的答案"
    return f"{said}（已检索{searched}）。{tail}"


def missing_part_text(query: Query, title: str, article: str, part: tuple[str, int, int]) -> str:
    """"第十条第九款是什么？" of an article of one paragraph: what the article has, and that the part is not there."""
    kind, number, count = part
    if query.lang == "en":
        noun = "paragraph" if kind == "款" else "item"
        return f"{article} of {title} has {count} {noun}{'s' if count != 1 else ''}; there is no {noun} {number}."
    has = f"共{count}{kind}" if count else f"不分{kind}"
    return f"《{title}》{article}{has}，没有第{to_chinese(number)}{kind}。"


def _searched(index: StoredIndex, lang: str) -> str:
    titles = list(dict.fromkeys(doc.title for doc in index.catalogue.docs.values()))
    if not titles:
        titles = list(dict.fromkeys(c.title for c in index.chunks))
    shown = "、".join(f"《{t}》" for t in titles[:3]) if lang != "en" else "; ".join(titles[:3])
    if lang == "en":
        more = f" and {len(titles) - 3} more" if len(titles) > 3 else ""
        return f"{len(titles)} document(s): {shown}{more}"
    more = "等" if len(titles) > 3 else ""
    return f"{len(titles)}份文件：{shown}{more}"

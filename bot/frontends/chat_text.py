"""The text shaping every chat platform's answer format shares: the words, clipping, sizes, the figure inside its
sentence and packing blocks into messages. The *_format modules add only their markup and their platform's limits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from bot.records import SECTION_SEP, Answer

SHOWN_SEP = " › "  # how messages show SECTION_SEP: a ">" could start a quote, and reads as markup on some platforms
RELATED_CHARS = 200  # of each related passage under a refusal: enough to recognise it, short enough to scan


@dataclass(frozen=True)
class Words:
    read_as: str
    document: str
    article: str
    figure: str
    passage: str
    related: str
    most_related: str


ENGLISH = Words("Read as", "Document", "Article", "Figure", "Passage", "Related passages", "Most related passage")
CHINESE = Words("按此理解", "文件", "条目", "数字", "原文段落", "相关段落", "最相关的段落")


def words(answer: Answer) -> Words:
    """English labels for a question asked in English (ASCII only), Chinese for the rest."""
    return ENGLISH if answer.question.isascii() else CHINESE


def shown_section(section: str) -> str:
    return section.replace(SECTION_SEP, SHOWN_SEP)


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, the last one "…" when anything was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def utf8_size(text: str) -> int:
    return len(text.encode("utf-8"))


def cut_utf8(text: str, limit: int) -> str:
    """The longest start of `text` within `limit` bytes of UTF-8, never half a character."""
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def mark_figure(sentence: str, figure: str, escape: Callable[[str], str], bold: Callable[[str], str]) -> str:
    """The sentence with its figure in bold; the parts are escaped apart, so no markup is ever cut in two."""
    if not figure or figure not in sentence:
        return escape(sentence)
    before, after = sentence.split(figure, 1)
    return f"{escape(before)}{bold(escape(figure))}{escape(after)}"


def related(answer: Answer, count: int = 2) -> list[tuple[str, str]]:
    """Where each of the first passages stands and its start, shown when the documents do not answer."""
    return [(p.where, clip(p.text, RELATED_CHARS)) for p in answer.passages[:count]]


def pack(pieces: Iterable[str], limit: int, size: Callable[[str], int] = len) -> list[str]:
    """Pieces joined by blank lines into as few messages as keep under `limit` by `size`; callers split any piece
    that alone is over it."""
    messages, current = [], ""
    for piece in pieces:
        candidate = f"{current}\n\n{piece}" if current else piece
        if size(candidate) > limit and current:
            messages.append(current)
            candidate = piece
        current = candidate
    if current:
        messages.append(current)
    return messages


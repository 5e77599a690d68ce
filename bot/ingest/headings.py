"""Recognise the heading scheme of Chinese official documents: 一、 / （一） / 1. / （1） / 一是."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = "一二三四五六七八九十百零〇"
# Levels follow GB/T 9704 (党政机关公文格式): 一、 then （一） then 1. then （1）.
_LINE_PATTERNS: list[tuple[int, re.Pattern]] = [
    (1, re.compile(rf"^[{_NUM}]+、")),
    (2, re.compile(rf"^[（(][{_NUM}]+[）)]")),
    (3, re.compile(r"^\d{1,2}[.．、](?!\d)")),
    (4, re.compile(r"^[（(]\d{1,2}[）)]")),
]
_MARKDOWN = re.compile(r"^(#{1,6})\s+(.*)$")
# Enumerated items inside a paragraph: 一是…，二是… ; they become the deepest level of the path.
ITEM = re.compile(rf"(?:^|(?<=[。；;！？]))([{_NUM}]+是)")
ITEM_LEVEL = 5
_TITLE_END = re.compile(r"[。；;：:！？]")
_TITLE_MAX = 40


@dataclass
class Heading:
    level: int
    title: str
    body: str  # text after an inline title ("（一）加强组织领导。调整成立…" -> "调整成立…")


def is_heading(line: str) -> bool:
    return any(p.match(line) for _, p in _LINE_PATTERNS) or bool(_MARKDOWN.match(line))


def parse_heading(line: str) -> Heading | None:
    """The heading at the start of a line, with its title split from any body text that follows."""
    md = _MARKDOWN.match(line)
    if md:
        return Heading(len(md.group(1)), md.group(2).strip(), "")
    for level, pattern in _LINE_PATTERNS:
        if pattern.match(line):
            title, body = split_title(line)
            return Heading(level, title, body)
    return None


def split_title(text: str) -> tuple[str, str]:
    """Split "（一）加强组织领导。调整成立…" into the title and the body; short lines are all title."""
    match = _TITLE_END.search(text)
    if match is None:
        return (text, "") if len(text) <= 60 else (clip_title(text), text)
    title = text[: match.start()]
    if len(title) > _TITLE_MAX:
        return clip_title(title), text
    return title, text


def clip_title(text: str) -> str:
    """A readable label for a long item: its first clause, or its first 40 characters."""
    first = re.split(r"[，,。；;：:]", text, maxsplit=1)[0]
    return first if len(first) <= _TITLE_MAX else first[:_TITLE_MAX] + "…"

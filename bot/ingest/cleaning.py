"""Repair extracted text: page-break splits, doubled page-edge characters, width and spacing of figures."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.ingest.headings import is_heading, parse_heading
from bot.ingest.legal import is_legal

_FULLWIDTH = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)},
     **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
     **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
     "％": "%", "\u3000": " ", "\u00a0": " ", "\ufeff": "", "\r": ""}
)
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff00-\uffef“”‘’…—·"
# Whitespace that separates nothing: between two CJK characters, or a CJK character and a digit/unit.
_INNER_SPACE = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}0-9%])[ \t]+(?=[{_CJK}{_CJK_PUNCT}])"
                          rf"|(?<=[{_CJK}{_CJK_PUNCT}])[ \t]+(?=[0-9%A-Za-z])")
_FULLWIDTH_POINT = re.compile(r"(?<=\d)．(?=\d)")
# Page numbers that PDF extraction leaves on their own line: "- 3 -", "—3—", "第 3 页", "3".
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*共\s*\d+\s*页)?|\d{1,4})\s*$")
_TERMINAL = "。！？!?；;：:…"
_CLOSERS = "”’」』）)》】\"'"


def normalize(text: str) -> str:
    """Half-width digits and letters, no spaces inside Chinese text ("35 宗" -> "35宗")."""
    text = _FULLWIDTH_POINT.sub(".", text.translate(_FULLWIDTH))
    return _INNER_SPACE.sub("", text)


_COMMENT = re.compile(r"<!--.*?-->")
# Lines that always open a paragraph of their own: articles and divisions of a law (第三条, 第二章).
_OPENS_PARAGRAPH = re.compile(r"^(?:第[一二三四五六七八九十百千零〇]+[条章节编]|<!--)")


def clean(text: str) -> str:
    """Normalised text with one paragraph per line and page-break splits joined.

    In a law whose paragraphs are separated by blank lines (Markdown, plain-text law collections) a blank
    line always ends a paragraph, so adoption notes are not run together; in extracted reports a blank
    line often marks a page break inside a sentence, so there it does not.
    """
    lines = [normalize(_COMMENT.sub("", line)).strip() for line in text.split("\n")]
    blank_separated = _blank_separated(lines) and is_legal(text)
    paragraphs: list[str] = []
    after_blank = False
    for line in lines:
        if not line or _PAGE_NUMBER.match(line):
            after_blank = after_blank or not line
            continue
        if paragraphs and not (blank_separated and after_blank) and _continues(paragraphs[-1], line):
            paragraphs[-1] = join_split(paragraphs[-1], line)
        else:
            paragraphs.append(line)
        after_blank = False
    return "\n".join(paragraphs)


def _blank_separated(lines: list[str]) -> bool:
    filled = sum(1 for line in lines if line)
    return filled >= 4 and sum(1 for line in lines if not line) >= filled * 0.6


def _continues(previous: str, line: str) -> bool:
    """True when `line` carries on the sentence that a page or line break cut in `previous`."""
    if is_heading(line) or line.startswith("#") or _OPENS_PARAGRAPH.match(line):
        return False
    heading = parse_heading(previous)
    if heading is not None and not heading.body:
        return False
    return _is_body(previous) and not _ends_sentence(previous)


def _is_body(text: str) -> bool:
    # Titles and headers of official documents are short and carry no clause punctuation.
    return len(text) >= 40 or any(mark in text for mark in "，、,")


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in _TERMINAL


def join_split(left: str, right: str) -> str:
    """Join a word split across a page break, dropping a page-edge character printed twice."""
    if left[-1] == right[0] and _is_cjk(left[-1]) and not _is_word(left[-1] * 2):
        return left + right[1:]
    if left[-1:].isascii() and right[:1].isascii() and left[-1:].isalpha() and right[:1].isalpha():
        return f"{left} {right}"
    return left + right


def _is_cjk(char: str) -> bool:
    return bool(re.match(rf"[{_CJK}]", char))


@lru_cache(maxsize=4096)
def _is_word(candidate: str) -> bool:
    """Reduplicated words (常常, 看看) are real; 第第 is a printing artifact."""
    from bot.tokenize import jieba_dict

    return jieba_dict().FREQ.get(candidate, 0) > 0

"""The structure of laws and regulations: 编/章/节 divisions, articles 第X条 (the unit of citation), their
paragraphs (款) and items （一） under a lead-in. Articles become chunks whole; a long one is split at 款/项
boundaries and each piece carries the article number and the lead-in it depends on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.numerals import cn_to_number

_NUM = "一二三四五六七八九十百千零〇两"
ARTICLE = re.compile(rf"^第([{_NUM}]+)条(?:之([{_NUM}]+))?")
DIVISION = re.compile(rf"^#*\s*(第[{_NUM}]+[编章节])\s*(.*)$")
ITEM = re.compile(rf"^[（(]([{_NUM}]+)[）)]")
_MARKDOWN = re.compile(r"^#{1,6}\s*")
_LEVELS = {"编": 1, "章": 2, "节": 3}
PREAMBLE = "题注"  # the adoption and amendment note above a law's first chapter


@dataclass
class Line:
    start: int
    end: int
    text: str


@dataclass
class Article:
    """One 第X条 with the divisions it stands under; `lines` are its paragraphs (款) and items (项)."""

    label: str  # "第三十二条"
    number: float  # 32, 32.1 for 第三十二条之一: for sorting and look-up
    divisions: tuple[str, ...]
    lines: list[Line] = field(default_factory=list)


def is_legal(text: str) -> bool:
    """A law or regulation: several paragraphs open with 第X条."""
    return sum(1 for line in text.split("\n") if ARTICLE.match(line)) >= 3


def article_number(label: str) -> float | None:
    m = ARTICLE.match(label)
    if not m:
        return None
    whole = cn_to_number(m.group(1))
    sub = cn_to_number(m.group(2)) if m.group(2) else 0
    return None if whole is None else whole + (sub or 0) / 10


def division_label(line: str) -> str:
    """"## 第四章法律责任" -> "第四章 法律责任"."""
    m = DIVISION.match(line)
    return f"{m.group(1)} {m.group(2).strip()}".strip() if m else _MARKDOWN.sub("", line).strip()


def _is_plain_heading(line: str) -> bool:
    """A bare heading line between articles ("规划与建设"): short, no clause punctuation."""
    return len(line) <= 20 and not re.search(r"[，。；：、,;:（(]", line) and not ARTICLE.match(line)


def parse(text: str) -> tuple[list[Line], list[Article]]:
    """The preamble lines (title, adoption notes) and the articles, in order."""
    preamble: list[Line] = []
    articles: list[Article] = []
    divisions: list[tuple[int, str]] = []
    offset = 0
    for raw in text.split("\n"):
        line = Line(offset, offset + len(raw), raw)
        offset += len(raw) + 1
        if not raw.strip():
            continue
        division = DIVISION.match(raw)
        if division or (articles and raw.startswith("#")) or (articles and _is_plain_heading(raw)):
            level = _LEVELS.get(division.group(1)[-1], 2) if division else 2
            divisions = [d for d in divisions if d[0] < level] + [(level, division_label(raw))]
            continue
        if ARTICLE.match(raw):
            label = ARTICLE.match(raw).group(0)
            articles.append(Article(label, article_number(label) or 0.0, tuple(d for _, d in divisions), [line]))
        elif articles:
            articles[-1].lines.append(line)
        elif not divisions:
            preamble.append(line)
    return preamble, articles


def pieces(article: Article, max_chars: int) -> list[tuple[list[Line], str]]:
    """The article as one piece, or split at 款/项 boundaries: (lines, lead) where `lead` is the text the
    piece depends on (the article number, and the lead-in of the items it continues)."""
    if article.lines[-1].end - article.lines[0].start <= max_chars:
        return [(article.lines, "")]
    out: list[tuple[list[Line], str]] = []
    current: list[Line] = []
    lead_in = ""  # the last paragraph before a run of items: "有下列行为之一的，处……："
    for line in article.lines:
        if current and line.end - current[0].start > max_chars:
            out.append((current, _lead(article, current, lead_in)))
            current = []
        if not ITEM.match(line.text):
            lead_in = line.text
        current.append(line)
    if current:
        out.append((current, _lead(article, current, lead_in)))
    return out


def _lead(article: Article, lines: list[Line], lead_in: str) -> str:
    first = lines[0]
    if first is article.lines[0]:
        return ""
    if ITEM.match(first.text) and lead_in:
        return lead_in if lead_in.startswith(article.label) else f"{article.label} {lead_in}"
    return article.label

"""Who a document is: its title from the text (not the file name), kind, place, and dates of adoption,
amendment and effect, so two versions of one law can be told apart and cited by version."""

from __future__ import annotations

import re

from bot.ingest.legal import ARTICLE, DIVISION, is_legal

_DATE = re.compile(r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日")
_EFFECTIVE = re.compile(r"自((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日起施行")
_BOOK_TITLE = re.compile(r"《([^《》]{4,40})》")
_LAW_TITLE = re.compile(r"(?:法|条例|办法|规定|细则|决定|规则|标准|基准)$")
_REPORT_WORDS = re.compile(r"报告|关于|情况|通知|意见|规划|方案|总结|公报|决定|办法")


def _iso(m: re.Match) -> str:
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"


def describe(text: str, fallback: str) -> dict:
    """{"title", "kind", "place", "adopted", "version", "effective"}; dates ISO, "" when not stated."""
    legal = is_legal(text)
    title = title_of(text, fallback, legal)
    preamble = _preamble(text) if legal else ""
    dates = sorted(_iso(m) for m in _DATE.finditer(preamble))
    effective = _EFFECTIVE.search(text)
    place = _place(title)
    return {
        "title": title,
        "kind": _kind(title, legal),
        "place": place,
        "adopted": dates[0] if dates else "",
        "version": dates[-1] if dates else "",
        "effective": _iso(effective) if effective else "",
    }


def title_of(text: str, fallback: str, legal: bool | None = None) -> str:
    """The first `# ` line, else a 《title》 or heading-like line near the top, else the file name."""
    lines = [line.strip() for line in text.split("\n")[:10] if line.strip()]
    for line in lines:
        if re.match(r"^#\s", line) or (line.startswith("#") and not line.startswith("##")):
            return line.lstrip("#").strip()
    if legal if legal is not None else is_legal(text):
        for line in lines:
            if ARTICLE.match(line) or DIVISION.match(line):
                break
            book = _BOOK_TITLE.fullmatch(line)
            if book or (_LAW_TITLE.search(line) and len(line) <= 40):
                return book.group(1) if book else line
    return _report_title(lines, fallback)


def _report_title(lines: list[str], fallback: str) -> str:
    from bot.ingest.headings import is_heading

    head = []
    for line in lines[:8]:
        if is_heading(line) or len(line) > 60 or line.endswith(("。", "；")):
            break
        head.append(line.lstrip("#").strip())
    for line in head:
        if _REPORT_WORDS.search(line) and len(line) >= 6:
            return line
    return head[0] if head else fallback


def _preamble(text: str) -> str:
    out = []
    for line in text.split("\n"):
        if ARTICLE.match(line) or DIVISION.match(line):
            break
        out.append(line)
    return "\n".join(out)


# bump when title, place or date reading changes: ingest then reads those of unchanged files again
IDENTITY_VERSION = 4  # 2: cities jieba tags as nouns (焦作市, 东营市); 3: a city without 市 (绍兴古城…条例); 4: acts without 第X条


def _place(title: str) -> str:
    """The place a title opens with ("许昌市城乡规划条例" -> "许昌"); national texts have none."""
    from bot.tokenize import leading_place, place_names

    if title.startswith("中华人民共和国"):
        return ""
    names = place_names(title[:12])
    if names and title.startswith(names[0]):
        return names[0]
    return leading_place(title)


# a legislature's or government's act, whatever its layout: "全国人民代表大会常务委员会关于…的决定", "…的解释"
_ISSUER = re.compile(r"^(?:全国人民代表大会|国务院|\S{2,12}?(?:人民代表大会|人民政府))")
_ACT = re.compile(r"(?:决定|决议|解释|规定|办法|细则|规则|条例)$")


def _kind(title: str, legal: bool) -> str:
    if title.startswith("中华人民共和国") or (legal and title.endswith("法")):
        return "law"
    # A decision or interpretation often has no 第X条; read as a report, it would answer what the bureau did
    # ("办事时间缩短了百分之多少？" by a decision's 罚金 rate) and be looked up for the report's counts.
    if not legal and _ACT.search(title) and _ISSUER.match(title):
        return "law" if title.startswith("全国人民代表大会") else "regulation"
    return "regulation" if legal else "report"

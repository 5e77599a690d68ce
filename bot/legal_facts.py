"""Figures of laws and regulations written in Chinese numerals ("处五百元以上五千元以下罚款", "十五日内") as facts
of the fact sheet, with their parsed range so the sheet sorts and filters them like report figures."""

from __future__ import annotations

import re

from bot.amounts import Amount, find_amounts
from bot.records import Fact

_CLAUSE = re.compile(r"[，。；：,;:！？]")
_LEAD = re.compile(r"^(?:并处以|并处|处以|处|并|自|在|于|经|对|由|按照|应当|可以)+")
_COMPARE = re.compile(r"(?:不得低于|不低于|不得超过|不超过|超过|大于|小于|不少于|达到|为|的)$")
_LABEL_MAX = 12


def legal_facts(sentence: str, section: str, doc_year: str, taken: list[tuple[int, int]]) -> list[Fact]:
    """The sentence's amounts that are not already among `taken` (spans of figures found in digits)."""
    out, floor = [], 0
    for a in find_amounts(sentence):
        if any(a.start < end and start < a.end for start, end in taken):
            continue
        value = a.low if a.low is not None else a.high
        out.append(Fact(
            value=str(int(value)) if float(value).is_integer() else str(value), unit=a.unit,
            qualifier="以下" if a.low is None else "以上" if a.high is None else "",
            label=amount_label(sentence, a, floor), year="", section=section, sentence=sentence, source="", title="",
            figure=a.text, offset=a.start, doc_year=doc_year, low=a.low, high=a.high, per=a.per,
        ))
        floor = a.end
    return out


def amount_label(sentence: str, a: Amount, floor: int = 0) -> str:
    """What an amount measures: 罚款 or 拘留 when the clause imposes one, else the words before it ("申请期限")."""
    start = max([floor] + [m.end() for m in _CLAUSE.finditer(sentence, 0, a.start)])
    end = next((m.start() for m in _CLAUSE.finditer(sentence, a.end)), len(sentence))
    after = sentence[a.end:end]
    for word in ("罚款", "罚金", "拘留"):
        if word in after[:12]:
            return word
    before = re.split(r"[、（）()]", sentence[start:a.start])[-1]
    before = _COMPARE.sub("", _LEAD.sub("", before)).strip()
    if len(before) >= 2:
        return before[-_LABEL_MAX:]
    return after.strip("的")[:_LABEL_MAX] or a.text

"""Kinds a rule counts by listing them: "生活垃圾分为可回收物、有害垃圾、易腐垃圾和其他垃圾" answers "分几类" with
four, though it writes no number; so does a lead-in "种类分为:" with its items. Only a list after a word that
divides (分为, 分成) counts: a sentence naming several things in passing ("机关、团体、部队") is no answer to how
many kinds there are, nor is a list after 包括, since what a term includes is often not all its kinds
("公共停车场…包括独立建设的停车场和…配建的停车场" does not say how many kinds of car park there are)."""

from __future__ import annotations

import re

from bot.numerals import to_chinese
from bot.query import Query

KINDS = ("类", "种")
# the dividing word, an optional "以下/下列" and a written count ("分为四类：" is answered by its figure anyway)
_LISTED = re.compile(r"(?:分为|分成|划分为)(?:以下|下列|如下)?(?:几[类种])?[：:]?(?P<list>[^。；：:！？\n]+)")
_LEAD_IN = re.compile(r"(?:分为|分成|划分为)(?:以下|下列|如下)?(?:几[类种])?[：:]\s*$", re.M)
_NUMBERED = re.compile(r"^\s*[（(][一二三四五六七八九十]+[）)]\s*([^；;。\n]+)", re.M)
_LAST = re.compile(r"以及|和|及|与")
_ITEM = re.compile(r"[^、，,]{1,20}")
_ASKED = re.compile(r"[几多少](?:大)?([类种])")


def asks_kinds(query: Query) -> bool:
    """A count of kinds is asked ("分几类", "how many categories")."""
    return query.quantity and any(u in query.units for u in KINDS)


def listed(text: str) -> tuple[str, ...]:
    """The kinds a clause lists after a dividing word, at least two: inline ("分为A、B和C") or as the items of
    its lead-in ("种类分为:\n（一）警告；\n（二）罚款；…"); () when it lists none."""
    items = _items(text)
    if items:
        return items
    found = _LISTED.search(text)
    if not found:
        return ()
    parts = found.group("list").split("、")
    if len(parts) < 2:
        parts = _LAST.split(parts[0], maxsplit=1)  # "分为城市和乡村"
    else:
        parts[-1:] = _LAST.split(parts[-1], maxsplit=1)  # "…、易腐垃圾和其他垃圾"
    kinds = tuple(p.strip() for p in parts if p.strip())
    # every part a short name: a clause that goes on ("分为两段，并应当…") lists no kinds
    return kinds if len(kinds) >= 2 and all(_ITEM.fullmatch(k) for k in kinds) else ()


def lists_kinds(query: Query, sentence: str) -> bool:
    """A count of kinds is asked and the sentence lists them, or is the lead-in of a list of them."""
    return asks_kinds(query) and bool(listed(sentence) or _LEAD_IN.search(sentence))


def _items(text: str) -> tuple[str, ...]:
    """The items after a dividing lead-in, without their numbers: "警告", "罚款"."""
    lead = _LEAD_IN.search(text)
    if not lead:
        return ()
    items = tuple(m.group(1) for m in _NUMBERED.finditer(text, lead.end()))
    return items if len(items) >= 2 else ()


def counted(query: Query, sentence: str) -> str:
    """The count a listing sentence gives, in the question's words: "四类", "4 kinds"; "" when it lists none
    or no count of kinds is asked."""
    kinds = listed(sentence) if asks_kinds(query) else ()
    if not kinds:
        return ""
    if query.lang == "en":
        return f"{len(kinds)} kinds"
    unit = _ASKED.search(query.text)
    number = "两" if len(kinds) == 2 else to_chinese(len(kinds))  # 两类, not 二类
    return f"{number}{unit.group(1) if unit else '类'}"

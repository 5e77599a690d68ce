"""The unit a sum is asked per: "每天怎么罚", "一平米罚多少", "一棵树罚多少", "what is the fine per day".

A penalty article often lists one behaviour per item, each with its own rate (处每株…罚款; 按每日每平方米…罚款):
when the question asks the sum per day, per square metre or per tree, the item whose amount is counted that way
answers, not the first item that names the same thing."""

from __future__ import annotations

import re

from bot.amounts import find_amounts

# the question's words for a unit counted per (as "每…" in an amount) -> the units an amount writes for it
_ASKED: list[tuple[re.Pattern, tuple[str, ...]]] = [
    # "一天" only when it is the rate asked ("一天多少", "一天一平米"), not a story's "有一天"
    (re.compile(r"每(?:天|日)|按(?:天|日)|一天(?=[^，。？！,.?!]{0,5}(?:多少|几|罚|算|一平))|\bper day\b|\ba day\b|\bdaily\b",
                re.I), ("日", "天")),
    (re.compile(r"(?:每|一|按)(?:个)?平(?:方米?|米)|\bper square (?:met|foot)|\ba square met", re.I), ("平方米",)),
    (re.compile(r"(?:每|一)立方|\bper cubic\b|\ba cubic met", re.I), ("立方米",)),
    (re.compile(r"(?:每|一)(?:棵|株)|\bper tree\b|\beach tree\b|\ba tree\b", re.I), ("株", "棵")),
    # a story's "一辆车", "一台机器" asks no rate: only "每辆", or "一辆…多少"
    (re.compile(r"每(?:辆|台)|一(?:辆|台)(?=[^，。？！,.?!]{0,4}(?:多少|几|罚))|\bper (?:vehicle|car)\b|\beach (?:vehicle|car)\b",
                re.I), ("辆", "台")),
]
RATE_BONUS = 0.3  # near a figure in the asked unit (0.4, figures.quantity_bonus): the rate is part of the unit asked


def asked_rates(text: str) -> tuple[tuple[str, ...], ...]:
    """The units the question asks a sum per, one group per unit ("每天" -> (日, 天)), in the order of `_ASKED`."""
    return tuple(units for pattern, units in _ASKED if pattern.search(text))


def rate_bonus(rates: tuple[tuple[str, ...], ...], sentence: str) -> float:
    """RATE_BONUS for a sentence with an amount counted per every unit asked ("一天一平米": 每日每平方米…), in
    part for an amount counted per some of them (每平方米 alone)."""
    if not rates or "每" not in sentence:
        return 0.0
    pers = [a.per for a in find_amounts(sentence) if a.per]
    best = max((sum(any(f"每{u}" in per for u in units) for units in rates) for per in pers), default=0)
    return RATE_BONUS * best / len(rates)

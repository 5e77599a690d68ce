"""A change asked for ("比上年多了多少？", "同比增长多少？", "How many more cases than last year?"), which only a
sentence comparing with another year or period answers: "2023年共立案35宗" says how many, not how many more.
Read alone or after a question about a count, the count asked is the one before (bot/followup.py).
"""

from __future__ import annotations

import re

# another year or period to compare with, as a question or a report names it
_BEFORE = r"(?:上一?年度?|去年|前年|往年|\d{4}年|[〇零一二三四五六七八九]{4}年|同期)"
_MORE = r"(?:多|少|增|减|涨|降|升|提高|提升|下降|降低)"
ASKS_CHANGE = re.compile(
    rf"(?:比|较|跟|和|与|相比){_BEFORE}[^，,。？?]{{0,6}}{_MORE}|同比|环比|增幅|降幅|增长率|增速|"
    r"\b(?:than|compared (?:with|to)|over|from|on) (?:the )?(?:(?:last|previous|prior|preceding) year|year before)\b|"
    r"\bthan (?:in )?(?:19|20)\d\d\b|\byear[- ]on[- ]year\b|\bcompared (?:with|to) (?:19|20)\d\d\b", re.I)
# a sentence that compares: with another year or period, or by how much a number grew or fell
_STATES_CHANGE = re.compile(
    rf"(?:比|较){_BEFORE}|同比|环比|增长|增加|减少|下降|上升|增幅|降幅|翻番|翻了|提高了?[\d一二三四五六七八九十百]|"
    r"\b(?:increase|decrease|rise|fall|grew|fell|up|down) (?:of|by)\b", re.I)
# a follow-up that asks only the change: "比上年多了多少？", "同比呢？", "较去年增长了几宗？"
_CHANGE_ALONE = re.compile(
    rf"(?:那|那么)?(?:(?:比|较|跟|和|与){_BEFORE}(?:相比|比)?|同比|环比)(?:[^，,。？?]{{0,2}}?{_MORE}[^，,。？?]{{0,4}})?"
    r"(?:多少|几)?[宗件次个项起家人元%]*(?:呢|吗|啊)?")


def asks_change(question: str) -> bool:
    return bool(ASKS_CHANGE.search(question))


def states_change(sentence: str) -> bool:
    return bool(_STATES_CHANGE.search(sentence))


def change_alone(body: str) -> bool:
    """The question asks only how the count before changed; it names nothing of its own."""
    return bool(_CHANGE_ALONE.fullmatch(body.strip("？?。 ")))

"""A bureau as people name it ("文物局", "林业局", "市场监管局") and as laws name it ("文物行政部门", "林业主管部门"):
a law never names a city's bureau, only the department in charge of its field, so the bureau's field is looked up
as such a department."""

from __future__ import annotations

import re

from bot.tokenize import tokens

# words ending in 局 that name no bureau: a post office, a layout, an outcome, a game, a trap
_NOT_A_BUREAU = frozenset("邮局 格局 布局 结局 当局 大局 全局 开局 饭局 赌局 骗局 出局 终局 僵局 定局 残局 败局 胜局 局局".split())
# "市文物局": the level says where, the field what; 市场 opens a field ("市场监管局")
_LEVEL = re.compile(r"^[省市县区](?!场)")


def bureau_terms(text: str) -> dict[str, list[str]]:
    """"文物局" -> [文物行政部门, 文物主管部门] for every bureau named in the text, as glossary expansions."""
    return {token: [f"{_field(token)}行政部门", f"{_field(token)}主管部门"] for token in tokens(text) if is_bureau(token)}


def is_bureau(word: str) -> bool:
    """A bureau's name ("林业局", "市文物局")."""
    return len(word) >= 3 and word.endswith("局") and word not in _NOT_A_BUREAU and len(_field(word)) >= 2


def names_an_agency(word: str, phrases: tuple[str, ...]) -> bool:
    """A word of the question that only names a bureau, or a piece of its name read as the bureau (建设 and 设局
    of "建设局"): who acts in the asker's story, never what the question is about (bot/key_words.py), though its
    field helps find the clause."""
    return is_bureau(word) or bool(phrases) and all(p.endswith(_AGENCIES) for p in phrases)


_AGENCIES = ("行政部门", "主管部门")


def _field(bureau: str) -> str:
    return _LEVEL.sub("", bureau[:-1])

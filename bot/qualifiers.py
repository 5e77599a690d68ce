"""A follow-up that narrows the question before rather than changing its topic: another place ("在许昌呢？",
"And in Xuchang?"), a party ("那个人呢？", "What about companies?"), a version ("2017年版的呢？") or a circumstance
("情节严重的呢？"). Swapped in for the topic, such a word loses what was asked ("违法建设怎么处罚？" then "那个人呢？"
read as "个人怎么处罚？" found a clause of another law); it is added to the question instead, or takes the place
of the one of its kind already there.

The vocabulary is the field's general one (who a rule addresses, how it grades a case), not any document's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.pinyin import is_pinyin, readings
from bot.question_parts import ARTICLE, DOC, YEAR_DIGITS, Parts

# Whom a rule addresses: penalties and duties differ between them ("对单位…；对个人…").
PARTY_ZH = re.compile(r"(?:建设单位|施工单位|个体工商户|个体户|个人|单位|企业|公司|经营者|经营户|商户|商家|店主|业主|物业|开发商|"
                      r"法人|自然人|机关|机构|组织|驾驶人|司机|养犬人|未成年人)")
_ENDS_IN_PARTY = re.compile(PARTY_ZH.pattern + "$")
_PARTY_FIRST = re.compile(rf"({PARTY_ZH.pattern})([\u4e00-\u9fff]{{1,3}})")  # "单位砍", "个人养": a party and its deed
# How a rule grades a case ("情节严重的，处……").
CONDITION_ZH = re.compile(r"情节(?:特别)?(?:严重|较轻|轻微)|逾期|拒不|屡次|多次|再次|首次|初次|第一次|造成|经营性|非经营性|"
                          r"后果|损失|拒绝|阻碍")
# a circumstance that says so by its first word, with or without 的: "拒不改正呢？", "逾期不拆呢？"
_GRADE_FIRST = re.compile(r"^(?:情节|逾期|拒不|屡次|多次|再次)")
_LEAD_ZH = re.compile(r"^(?:如果|要是|假如|若是?|对于|对|针对|换成|换到|放在|在)")
_TAIL_ZH = re.compile(r"(?:的话|这边|那边|这里|那里|地区|当地|的)+$")
_VERSION_ZH = re.compile(r"^((?:19|20)\d{2})\s*年?(?:的)?(?:版本?|修订版|修正版|那版|那一版)$")
_SUFFIX_ZH = re.compile(r"(?:市|县|区|省)$")
# the national level instead of a city's rules: "国家的呢？", "按国家法律呢？", "What about the national law?"
_NATIONAL_ZH = re.compile(r"^(?:按|按照|依照|依据)?(?:国家|全国|国务院)(?:层面)?(?:的)?(?:法律|法|规定|条例|法规)?$")
_NATIONAL_EN = re.compile(r"^(?:under|in|by|at)?\s*(?:the\s+)?(?:national|state council'?s?)\s*"
                          r"(?:level|laws?|rules?|regulations?)?$", re.I)

PARTY_EN = re.compile(r"^(?:for|by|on|to)?\s*(?:an?|the)?\s*((?:individual|person|people|compan(?:y|ie)|business(?:e)?|"
                      r"unit|organi[sz]ation|entit(?:y|ie)|enterprise|employer|(?:property )?owner|operator|developer|"
                      r"shop|store|vendor|driver|dog owner)s?)$", re.I)
_VERSION_EN = re.compile(r"^(?:(?:in|under|for|of|with)\s+)?(?:the\s+)?"
                         r"((?:19|20)\d{2}|old|older|previous|former|earlier|new|current|latest)\s+"
                         r"(?:version|edition|text|revision|law|act)$", re.I)
_IN_VERSION_EN = re.compile(r"\s+in the \w+ version\b", re.I)
_PLACE_EN = re.compile(r"^(?:in|for|at)?\s*([A-Z][a-z]+)(?:\s+[Cc]ity)?$")
IN_PLACE_EN = re.compile(r"\s+in\s+[A-Z][a-z]+(?:\s+[Cc]ity)?\b")


@dataclass(frozen=True)
class Qualifier:
    kind: str  # "place", "party", "version", "condition" or "level" (the national law rather than a city's)
    text: str  # as it goes into the question: "许昌", "个人", "2017", "情节严重的"; "Xuchang", "companies"


def qualifier_zh(change: str, places: frozenset[str] | set[str], about_rules: bool, before: str = "") -> Qualifier | None:
    """What a Chinese ellipsis ("在许昌", "个人", "2017年版的", "情节严重的") adds, or None for a new topic. A party
    or a circumstance only after a question about rules: after a report's count, "那行政机关呢" is a new topic. A
    party may come with the deed of the question `before` ("要是单位砍的呢？" after "南阳砍古树罚多少？")."""
    version = _VERSION_ZH.match(re.sub(r"的$", "", change))
    if version:
        return Qualifier("version", version.group(1))
    if about_rules and _NATIONAL_ZH.match(change):
        return Qualifier("level", "national")
    core = _TAIL_ZH.sub("", _LEAD_ZH.sub("", change))
    if core.startswith("个") and not PARTY_ZH.match(core):
        core = core[1:]  # "那个单位呢" comes as "个单位": the measure word of 那个; 个人 and 个体户 are parties
    if not core:
        return None
    place = core if core in places else _SUFFIX_ZH.sub("", core)
    if place in places or (len(place) >= 2 and _known_place(core)):
        return Qualifier("place", place)
    if not about_rules:
        return None
    core = re.sub(r"^是", "", core)  # "要是是单位呢", "如果是个人的话呢"
    doing = _PARTY_FIRST.match(core)
    if doing and before and all(ch in before for ch in doing.group(2)):
        core = doing.group(1)  # the deed is the one asked before: only the party changes
    if len(core) <= 6 and _ENDS_IN_PARTY.search(core) and not CONDITION_ZH.search(core):
        return Qualifier("party", core)
    if CONDITION_ZH.search(core) and (change.endswith("的") or _LEAD_ZH.match(change) or _GRADE_FIRST.match(core)):
        return Qualifier("condition", core + "的")
    return None


def qualified_zh(prev: Parts, qualifier: Qualifier, places: frozenset[str] | set[str]) -> str:
    """The question before with the qualifier in it (without end punctuation)."""
    text = prev.text
    if qualifier.kind == "version":
        return YEAR_DIGITS.sub(qualifier.text, text, count=1) if prev.year else f"{qualifier.text}年版{text}"
    if qualifier.kind == "party":
        party = PARTY_ZH.search(prev.body)
        if party:
            return text.replace(party.group(0), qualifier.text, 1)
        doc = DOC.match(text)  # after the regulation the question stays in, not before it
        return text[: doc.end()] + qualifier.text + text[doc.end() :] if doc else qualifier.text + text
    if qualifier.kind == "condition":
        return f"{prev.body}，{qualifier.text}{prev.ask}"
    if qualifier.kind == "level":  # the city named before is no longer asked about
        old = _place_in(text, places)
        return f"按国家法律，{ARTICLE.sub('', DOC.sub('', text.replace(old, '') if old else text)).lstrip('，, ')}"
    return _placed(text, qualifier.text, places)


def _place_in(text: str, places) -> str:
    """The indexed place the question names (the longest, where one holds another); "" when none."""
    return next((p for p in sorted(places, key=len, reverse=True) if p in text), "")


def _placed(text: str, place: str, places) -> str:
    """Another place: that city's rules, so not the article cited before, and a document named before only as
    its kind ("《南阳市城市绿化条例》" asked of 许昌: 许昌市城市绿化条例)."""
    old = _place_in(text, places)
    doc = DOC.search(text)
    if doc:
        name = doc.group(0).strip("《》")
        text = text.replace(doc.group(0), name.replace(old, place, 1) if old and old in name else "", 1)
    text = ARTICLE.sub("", text).lstrip("，, ")
    if old and old in text:
        return text.replace(old, place)
    return text if place in text else f"在{place}，{text}"


def qualifier_en(change: str, places: frozenset[str] | set[str], about_rules: bool) -> Qualifier | None:
    """What an English ellipsis ("in Xuchang", "companies", "the 2017 version") adds, or None."""
    change = change.strip()
    version = _VERSION_EN.match(change)
    if version:
        return Qualifier("version", version.group(1))
    if about_rules and _NATIONAL_EN.match(change):
        return Qualifier("level", "national")
    party = PARTY_EN.match(change)
    if party and about_rules:
        return Qualifier("party", party.group(1).lower())
    place = _PLACE_EN.match(change)
    if place and (is_pinyin(place.group(1)) or any(place.group(1).lower() in readings(p) for p in places)):
        return Qualifier("place", place.group(1))
    return None


def qualified_en(prev: Parts, qualifier: Qualifier) -> str:
    text = prev.text
    if qualifier.kind == "version":
        if not qualifier.text.isdigit():  # "the old version": bot/scope.py picks the version before the current
            return f"{_IN_VERSION_EN.sub('', text)} in the {qualifier.text.lower()} version"
        return YEAR_DIGITS.sub(qualifier.text, text, count=1) if prev.year else f"{text} in the {qualifier.text} version"
    if qualifier.kind == "party":
        return f"{text} for {qualifier.text}"
    if qualifier.kind == "level":
        return f"{IN_PLACE_EN.sub('', text)} under the national law"
    return f"{IN_PLACE_EN.sub('', text)} in {qualifier.text}"


def _known_place(name: str) -> bool:
    from bot.tokenize import place_names

    return bool(place_names(name))

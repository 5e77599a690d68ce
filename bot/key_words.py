"""The question's key words: the few words that name its topic, which an answering clause must name too
(bot/refusal.py), which rank clauses (bot/choose.py) and which are looked up when no passage names them
(bot/key_lookup.py). Words that ask, qualify or scope a question are never key words."""

from __future__ import annotations

import re

from bot.bureau import names_an_agency
from bot.evidence import LEGAL_FILLER, SINGLE_CHAR_WEIGHT, Concept, readable
from bot.query import asked_part
from bot.spoken import rejoined
from bot.tokenize import token_set, word_classes

KEY_TIE = 0.9


def key_concepts(items: list[Concept]) -> list[Concept]:
    """The most specific words of the question that name its topic rather than ask: the heaviest, and any
    nearly as heavy (weights of 草坪, 花坛, 毁坏 differ by chance of the corpus, not by meaning)."""
    topical = [c for c in _named(items) if not _says_how(c)]
    if not topical:
        return []
    top = max(topical, key=_as_a_topic)
    if top.words[0].isascii():  # the most specific translation; one key word, as translations rarely tie
        return [max(topical, key=lambda c: (c.weight, c.specific))]
    return [c for c in topical if _as_a_topic(c) >= KEY_TIE * _as_a_topic(top)]


def second_words(items: list[Concept], text: str, share: float = 0.8) -> list[Concept]:
    """Topical words of the question, of two characters or more and nearly as heavy as its key word, that the
    text does not name: "限速" of "把电动车的限速器拆了" beside the key word 电动车, in a clause about helmets."""
    keys = key_concepts(items)
    if not keys:
        return []
    text = readable(text)
    present = token_set(text)
    floor = share * max(k.weight for k in keys)
    return [c for c in _named(items) if not _says_how(c) and c not in keys and len(c.words[0]) > 1 and
            c.weight >= floor and not c.found_in(text, present)]


def names_any(items: list[Concept], text: str) -> bool:
    """The text names one of the question's topical words (not only how or when it asks)."""
    text = readable(text)
    present = token_set(text)
    return any(c.found_in(text, present) for c in _named(items) if not _says_how(c))


def names_all(concepts: list[Concept], text: str) -> bool:
    """The text names every one of the concepts (an empty list: trivially)."""
    text = readable(text)
    present = token_set(text)
    return all(c.found_in(text, present) for c in concepts)


def _as_a_topic(concept: Concept) -> float:
    """How specific a word is as the topic: its weight, except that a noun of one character the documents use
    is not discounted as one-character words are for scoring (鸡 in "养了几只鸡" names the topic; 开 or 办 do not)."""
    word = concept.words[0]
    if len(word) == 1 and concept.known and not concept.phrases and not concept.done and word_classes(word)[0] == "n":
        return concept.weight / SINGLE_CHAR_WEIGHT
    return concept.weight


def _named(items: list[Concept]) -> list[Concept]:
    """The question's words that the corpus uses and that could name a topic: no place, no legal filler, no
    English word that only says when or how."""
    return [c for c in items if c.known and not c.place and not set(c.words) & LEGAL_FILLER and
            not (c.words[0].isascii() and (len(c.words[0]) < 3 or c.words[0] in _EN_FUNCTION))]


# English words that say when, how or how often, which the glossary may give a Chinese sense ("within": 日内, 期限,
# 以内); not the nouns of a glossary phrase ("time" of "time limit": 时限)
_EN_FUNCTION = frozenset("within after before again first per each every about into over under across during "
                         "through still yet also just only".split())


# Parts of speech that say how, when, where or how much rather than what (jieba's tags): adjectives, pronouns,
# time and place words, numerals, measure words, particles ("拆干净", "这条路", "天天", "门口"). Adverbs only of
# one character ("又", "就"): jieba tags 暂停 one.
_NOT_A_TOPIC = frozenset("a ad r t m q p c u uj ul uv uz ud ug y e o f s".split())
# the unit of the figure asked for: "每平方米多少元" asks a rate, it names no topic
_UNIT_WORD = re.compile(r"每?(?:平方米?|立方米?|米|公里|株|棵|日|天|月|年|次|人|辆|处|件|元|吨|小时)")
_RESULT = re.compile(r"[\u4e00-\u9fff][到住完掉]")  # "抓到", "逮住": how it was found, not what was done


# how the asker came to know ("被发现了", "碰到个大爷", "听说") or what they intend ("我打算开个饭馆"): the story
# around the question, not its topic; so is what befell someone in it ("被投诉好多次了", Concept.suffered)
_NARRATIVE = frozenset("发现 看见 看到 碰到 遇到 听说 亲眼 知道 注意到 打算 准备 想要".split())
# adverbs of a spoken story, of two characters, that jieba may not tag as such ("已经有一只泰迪了"): when, how often
# or how, never what
_SPOKEN_ADVERBS = frozenset("已经 曾经 一直 总是 经常 常常 老是 马上 立刻 偷偷 悄悄 到底 究竟 其实 本来 原来 居然 竟然 "
                            "突然 终于 反正 顺便 顺手 随便 照样 照旧 仍然 依然 还是 天天 整天".split())


def _says_how(concept: Concept) -> bool:
    """A word of the question that qualifies rather than names its topic; a glossary word names one, unless it
    only tells how the asker came to know."""
    word = concept.words[0]
    if word in _NARRATIVE or word in _SPOKEN_ADVERBS or concept.suffered or names_an_agency(word, concept.phrases):
        return True
    if concept.phrases and all(word_classes(p)[0] == "t" for p in concept.phrases):
        return True  # 半夜 -> 夜间: when it happened, not what ("半夜…收垃圾", "半夜…水管爆了")
    if concept.phrases or word.isascii():
        return False
    if _UNIT_WORD.fullmatch(word):
        return True
    classes = word_classes(word)
    if len(word) == 1 and classes[0] == "d":  # "又", "就", "才": adverbs of one character say how, not what
        return True
    if classes[0] == "r" and len(word) <= 3:  # "这条路", "那种车": which one, not what
        return True
    return all(c in _NOT_A_TOPIC for c in classes) or (classes[0] == "v" and bool(_RESULT.fullmatch(word)))


def beyond_the_title(items: list[Concept], title: str) -> bool:
    """Every key word of the question is a word of the document's title ("机动车" of 《许昌市机动车和非道路移动机械
    排气污染防治条例》), which all its clauses are about, while a field term of the question is one the documents
    never use ("冒黑烟", with all its glossary forms): nothing names what is asked of that subject."""
    keys = key_concepts(items)
    unused = [c for c in items if not c.known and c.phrases and len(c.words[0]) > 1 and not c.place and not _says_how(c)]
    return bool(keys and unused) and all(k.words[0] in title for k in keys)


def covers_key(items: list[Concept], text: str) -> bool:
    """The text names one of the question's key words (or the question has none the corpus uses)."""
    text = readable(text)
    present = token_set(text)
    keys = key_concepts(items)
    return not keys or any(k.found_in(text, present) or _within_a_word(k, present) for k in keys)


def _within_a_word(key: Concept, present: frozenset[str]) -> bool:
    """A one-character key word names its topic inside a longer word too: 车 in 车辆, 路 in 道路, 树 in 树木."""
    word = key.words[0]
    return len(word) == 1 and not word.isascii() and any(len(t) == 2 and word in t for t in present)


def topic_unknown(items: list[Concept]) -> bool:
    """Every topical word of the question is one the corpus never uses ("醉驾怎么处罚？"): whatever clause
    resembles it, the documents do not name its topic."""
    return not _named(items) and any(c.chars for c in items)


# at least this share of the asking clause's topical weight named by a clause, on two words at least
ASKED_NAMED = 2 / 3


def names_what_is_asked(items: list[Concept], question: str, text: str) -> bool:
    """A Chinese question whose key words stand only in its story, while the text names its asking clause's own
    topical words: "我们新小区的管线工程刚验收合格，建设单位要在多长时间内把管线移交给管线单位？" asks about handing
    over pipelines, not about 小区, which only says where."""
    clause = asked_part(question, True)
    asked = rejoined(clause)  # "洗了个澡" is 洗澡, as the question's words are (bot/spoken.py)
    if clause == question or any(k.words[0] in asked or k.words[0] in clause for k in key_concepts(items)):
        return False
    own = [c for c in _named(items) if not _says_how(c) and (c.words[0] in asked or c.words[0] in clause) and
           len(c.words[0]) > 1]
    text = readable(text)
    present = token_set(text)
    found = [c for c in own if c.found_in(text, present)]
    total = sum(c.weight for c in own)
    return len(found) >= 2 and sum(c.weight for c in found) >= ASKED_NAMED * total


QUOTED = 8  # Han characters in a row: "非法占用森林防火设施" is the document's wording; "户外广告设施" (6) a common term
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{%d,}" % QUOTED)


def quotes(question: str, text: str) -> bool:
    """The question names its case in the text's own words ("…占了养鱼，这算非法占用森林防火设施，他个人会被罚
    多少？"): a run of QUOTED characters of it stands in the text verbatim, whatever its story's key words."""
    for run in _HAN_RUN.findall(question):
        if any(run[i : i + QUOTED] in text for i in range(len(run) - QUOTED + 1)):
            return True
    return False

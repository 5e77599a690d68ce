"""Chinese-aware tokens for lexical search: jieba words, numbers kept whole, punctuation and stop words dropped."""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache

_lock = threading.Lock()
_TOKEN = re.compile(r"\d+(?:\.\d+)?%?|[A-Za-z]+|[\u3400-\u9fff]+")
STOPWORDS = frozenset(
    "的 了 和 与 及 等 在 是 为 对 将 把 被 于 以 并 也 都 而 其 之 或 这 那 有 个 中 上 下 我 我局 "
    "吗 呢 啊 吧 呀 请问 一下 什么 多少 几 几个 几次 几项 几件 几宗 哪些 哪个 怎么 怎样 如何 是否 有没有 "
    "a an the of in on at to for and or is are was were be been do does did how what which who "
    "many much there their this that with by from as it its".split()
)


@lru_cache(maxsize=1)
def jieba_dict():
    """jieba's default tokenizer, initialised once and quietly (it logs its cache build at INFO)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    with _lock:
        jieba.dt.check_initialized()
    return jieba.dt


def tokens(text: str) -> list[str]:
    """Search-granularity tokens: 法治政府建设 -> 法治, 政府, 建设, 法治政府建设; numbers stay whole."""
    out: list[str] = []
    for piece in _TOKEN.findall(text.lower()):
        if piece[0].isdigit() or piece.isascii():
            out.append(piece)
            continue
        out.extend(w for w in jieba_dict().cut_for_search(piece) if w.strip())
    return [t for t in out if t not in STOPWORDS]


_NOT_PLACES = frozenset("城市 全市 市区 城区 地方 本市 我市 全省 全国 社区 景区 小区 辖区".split())
# Kinds of area, not names: 旧城区 is no city's name ("旧城区改造项目"), nor 中心城区, 开发区, 保护区
_AREA_KINDS = re.compile(r"^(?:旧|新|老|主|中心|郊|山|矿|林|牧|园|景|开发|高新|保税|工业|商业|住宅|居住|规划|保护|风景|示范|试验|实验|"
                         r"禁[止养行]?|限[行制养]?)?城?[区市县州省]$")
PLACE_SUFFIX = r"(?:特别行政区|自治区|自治州|市|省|县|区|州)"
_PLACE_SUFFIX = re.compile(PLACE_SUFFIX + "$")


def place_names(text: str) -> list[str]:
    """Chinese place names (jieba part-of-speech `ns`), without their 市/省/县 suffix: 郑州市 -> 郑州."""
    import jieba.posseg

    jieba_dict()
    names = []
    for word, flag in jieba.posseg.cut(text):
        # jieba tags some common nouns ns (满意度, 西瓜): only names with a place suffix count, or that are
        # one name with one (郑州 as 郑州市; 西瓜市 is no word)
        if flag == "ns" and len(word) >= 3 and word not in _NOT_PLACES and _PLACE_SUFFIX.search(word) and \
                not _AREA_KINDS.match(word):
            stem = _PLACE_SUFFIX.sub("", word)
            names.append(stem if len(stem) >= 2 else word)
        elif flag == "ns" and len(word) >= 2 and word not in _NOT_PLACES and is_a_city(word):
            names.append(word)
    return names


def is_a_city(name: str) -> bool:
    """A bare name that jieba's dictionary lists as a city with its suffix: 郑州 (郑州市); not 西瓜, nor 新建 (a
    verb first, and only a county's name). Not a province: "山东济南", "浙江绍兴" name the city's own province."""
    return jieba_dict().FREQ.get(name + "市", 0) > 0


def leading_place(title: str) -> str:
    """The place a title opens with when jieba knows it as a word but tags it a noun, not a place ("焦作市",
    "东营市"): its first word, with a place suffix, no kind of area ("城市", "市区"), a name of two characters at
    least ("超市", "本市" are none)."""
    import jieba

    jieba_dict()
    first = next(iter(jieba.cut(title[:12])), "")
    stem = _PLACE_SUFFIX.sub("", first)
    if stem == first or len(stem) < 2 or first in _NOT_PLACES or _AREA_KINDS.match(first):
        return ""
    return stem


@lru_cache(maxsize=65536)
def token_set(text: str) -> frozenset[str]:
    """tokens() as a set, cached: report sentences are scored again and again, and never change."""
    return frozenset(tokens(text))


@lru_cache(maxsize=65536)
def word_classes(word: str) -> tuple[str, ...]:
    """jieba's parts of speech for a word standing alone: "干净" -> (a,), "这条" -> (r, q), "抓到" -> (v, v)."""
    import jieba.posseg

    jieba_dict()
    return tuple(p.flag for p in jieba.posseg.cut(word))

"""Chinese place names written in English: "Nanyang" is pinyin for 南阳, "Urban" is no pinyin at all.

An English question names a city in pinyin; telling a pinyin name from an ordinary capitalised word
("State Council", "Urban and Rural Planning Law") keeps the latter from being taken for a place.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    from pypinyin import lazy_pinyin

    chars = "".join(chr(c) for c in range(0x4E00, 0x9FA6))
    return frozenset(s for s in lazy_pinyin(chars) if s.isascii() and s.isalpha())


def is_pinyin(name: str) -> bool:
    """True when the name splits wholly into pinyin syllables: "Zhengzhou", "Nanyang", "Xi'an"."""
    word = "".join(ch for ch in name.lower() if ch.isalpha())
    if len(word) < 4:
        return False
    known = syllables()
    reach = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        reach[end] = any(reach[start] and word[start:end] in known for start in range(max(0, end - 6), end))
    return reach[-1]


def romanise(text: str) -> str:
    """"南阳" -> "nanyang"."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).lower()

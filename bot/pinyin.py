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


_MAX_READINGS = 64  # a long name's readings multiply; a place name has two to four characters


@lru_cache(maxsize=4096)
def readings(text: str) -> frozenset[str]:
    """Every way the name may be romanised: its usual reading, and each character read in any of its sounds.
    Place names keep old readings the dictionary's phrase table lacks: 漯河 is Luohe, not "Tahe"; 长治 Changzhi."""
    from itertools import product

    from pypinyin import Style, pinyin

    sounds = [[s.lower() for s in pinyin(ch, style=Style.NORMAL, heteronym=True)[0]] for ch in text]
    found = {romanise(text)}
    for n, combo in enumerate(product(*sounds)):
        if n >= _MAX_READINGS:
            break
        found.add("".join(combo))
    return frozenset(found)

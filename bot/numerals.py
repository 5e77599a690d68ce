"""Chinese numerals as legal texts write them: 五百, 二十四, 一万五千, 三点五, 百分之二十, 两, 〇."""

from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"
# A run of numeral characters, or Arabic digits with an optional decimal part and 万/亿.
NUMBER = rf"(?:\d+(?:\.\d+)?[万亿]?|[{NUMERAL_CHARS}]+(?:点[{NUMERAL_CHARS}]+)?)"
_NUMBER = re.compile(NUMBER)


def cn_to_number(text: str) -> float | None:
    """The value of a Chinese (or Arabic) numeral; None when the text is not one.

    "五百" -> 500, "一万五千" -> 15000, "二十四" -> 24, "十五" -> 15, "三点五" -> 3.5, "5万" -> 50000.
    """
    text = text.strip()
    if not text:
        return None
    arabic = re.fullmatch(r"(\d+(?:\.\d+)?)([万亿]?)", text)
    if arabic:
        return float(arabic.group(1)) * (BIG_UNITS.get(arabic.group(2), 1))
    if "点" in text:
        whole, _, frac = text.partition("点")
        head = cn_to_number(whole)
        digits = [DIGITS.get(c) for c in frac]
        if head is None or not digits or None in digits:
            return None
        return head + float("0." + "".join(str(d) for d in digits))
    return _integer(text)


def _integer(text: str) -> float | None:
    if any(c not in NUMERAL_CHARS for c in text):
        return None
    total, section, digit = 0, 0, None
    for char in text:
        if char in DIGITS:
            # 一〇八 / 二〇二三: digits written one by one
            digit = DIGITS[char] if digit is None else digit * 10 + DIGITS[char]
        elif char in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[char]
            digit = None
        else:  # 万, 亿
            section += digit or 0
            total = (total + section) * BIG_UNITS[char]
            section, digit = 0, None
    return float(total + section + (digit or 0))


def format_number(value: float) -> str:
    """500 -> "500", 5000 -> "5,000", 1150000 -> "1,150,000", 3.5 -> "3.5"."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def to_chinese(number: int) -> str:
    """32 -> "三十二", 10 -> "十", 105 -> "一百零五": how laws number their articles (below 10,000)."""
    if number == 0:
        return "零"
    digits = "零一二三四五六七八九"
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = number // value % 10
        if d == 0:
            zero = bool(out)
            continue
        out += ("零" if zero else "") + digits[d] + unit
        zero = False
    return out[1:] if out.startswith("一十") else out


_EN_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                        "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_EN_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_EN_NUMBER = re.compile(r"\b(?:(?:%s)(?:[ -](?:%s))?|(?:%s))(?: hundred(?: and)?(?: (?:%s)(?:[ -](?:%s))?| (?:%s))?)?"
                        r"(?: thousand)?\b" % ("|".join(_EN_TENS), "|".join(list(_EN_UNITS)[1:10]), "|".join(_EN_UNITS),
                                               "|".join(_EN_TENS), "|".join(list(_EN_UNITS)[1:10]), "|".join(_EN_UNITS)),
                        re.I)


def english_numbers(text: str) -> dict[str, int]:
    """Numbers written in English words: "seventy-two" -> 72, "three hundred" -> 300, "five thousand" -> 5000."""
    out = {}
    for m in _EN_NUMBER.finditer(text):
        value, part = 0, 0
        for word in re.split(r"[ -]+", m.group(0).lower()):
            if word in _EN_UNITS:
                part += _EN_UNITS[word]
            elif word in _EN_TENS:
                part += _EN_TENS[word]
            elif word == "hundred":
                part = max(part, 1) * 100
            elif word == "thousand":
                value, part = (value + max(part, 1)) * 1000, 0
        out[m.group(0)] = value + part
    return out

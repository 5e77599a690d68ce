"""Amounts as legal Chinese writes them: 五百元以上五千元以下, 每株五万元以上五十万元以下, 一倍以上三倍以下,
二百元以下, 二年, 十五日, 三个工作日, 二十四小时, 百分之二十 — found in a sentence and parsed to values."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.numerals import NUMERAL_CHARS, cn_to_number, format_number

_N = rf"(?:\d+(?:\.\d+)?|[{NUMERAL_CHARS}]+(?:点[{NUMERAL_CHARS}]+)?)"
# Longest first: 万元 before 元, 个工作日 before 日.
# 周岁 before 周: "七十周岁" is an age, not seventy weeks.
# 时 after 小时: "二十一时" is a time of day (9 p.m.), "二十四小时" a period.
UNITS = ("亿元", "万元", "千元", "元", "个工作日", "工作日", "个月", "小时", "时", "日", "天", "周岁", "周", "年", "倍",
         "平方米", "立方米", "公里", "米", "吨", "株", "棵", "辆", "名", "人", "次", "只", "类", "摄氏度")
_UNIT = "|".join(UNITS)
_QTY = rf"(?:百分之{_N}|{_N}分之{_N}|{_N}(?:{_UNIT})|\d+(?:\.\d+)?%)"
_PER = r"(?:每(?:日|天|次|株|棵|平方米|立方米|米|处|只|头|辆|台|人|件|块|个|户|宗|吨))+"
# An optional per-unit, a first quantity, then an optional second end of a range.
AMOUNT = re.compile(
    rf"(?P<per>{_PER})?(?P<low>{_QTY}|{_N}(?=(?:至|到)))(?:(?P<joint>以上|至|到|～|~|-|—)(?P<high>{_QTY})(?:以下|以内)?|(?P<bound>以下|以内|以上|之内))?"
)
_NOT_BEFORE = set("第之其每")  # 第三十条, 之一, 其一: ordinals and "one of", not amounts
_EVERY = ("年", "个月", "周", "日", "天", "小时")  # 每 before these: a frequency; before others "each" (每一个)
# 一次性, 一般, 一切, 一致, 一体, 一起, 一样; 1日起 (a date). Not 律: 一律 is never read as an amount, and
# "委托一至二名律师" counts lawyers.
_NOT_AFTER = ("性", "般", "切", "致", "体", "起", "样")
# what may follow a count of times ("二次以上", "二次的", "二次不缴纳"), unlike the noun after 二次 = "secondary"
_AFTER_A_COUNT = set("以及的后或不未被并")
PER_EN = {"日": "day", "天": "day", "次": "time", "株": "tree", "棵": "tree", "平方米": "square metre",
          "立方米": "cubic metre", "米": "metre", "处": "site", "只": "animal", "头": "head of livestock",
          "辆": "vehicle", "台": "machine", "人": "person", "件": "item", "块": "piece", "个": "unit",
          "户": "household", "宗": "case", "吨": "tonne"}
UNIT_EN = {"元": "yuan", "名": "people", "日": "days", "天": "days", "个工作日": "working days", "工作日": "working days",
           "个月": "months", "小时": "hours", "周岁": "years of age", "周": "weeks", "年": "years", "倍": "times", "%": "percent",
           "平方米": "square metres", "立方米": "cubic metres", "公里": "km", "米": "metres", "吨": "tonnes",
           "株": "trees", "棵": "trees", "辆": "vehicles", "人": "people", "次": "times", "只": "animals", "类": "categories",
           "摄氏度": "°C"}


@dataclass(frozen=True)
class Amount:
    """One amount in a sentence: `text` as written; `low`/`high` in base units (元, 日, %...), None when open."""

    text: str
    start: int
    end: int
    low: float | None
    high: float | None
    unit: str  # base unit: 元, 日, 年, 个月, 小时, 倍, %, 株...
    per: str = ""  # 每株, 每日每平方米

    @property
    def is_money(self) -> bool:
        return self.unit == "元"

    def english(self) -> str:
        """"RMB 500 to 5,000 per tree", "up to 15 days", "1 to 3 times", "20 percent"."""
        unit = self.unit
        low, high = self.low, self.high
        if unit == "时":
            return _en_range(low, high, lambda hour: f"{format_number(hour)}:00", "")
        if unit == "元":
            value = _en_range(low, high, _en_money).replace("#", "RMB ", 1)
        else:
            word = UNIT_EN.get(unit, unit)
            value = _en_range(low, high, format_number, "") + f" {word}"
        pers = re.findall(r"每(日|天|次|株|棵|平方米|立方米|米|处|只|头|辆|台|人|件|块|个|户|宗|吨)", self.per)
        return value + "".join(f" per {PER_EN.get(p, p)}" for p in pers)


def _en_money(value: float) -> str:
    if value >= 1_000_000 and value % 10_000 == 0:
        return f"{format_number(value / 1_000_000)} million"
    return format_number(value)


def _en_range(low: float | None, high: float | None, fmt, mark: str = "#") -> str:
    """"#500 to 5,000", "up to #200": `mark` stands where a currency sign goes, before the first number."""
    if low is not None and high is not None and low != high:
        return f"{mark}{fmt(low)} to {fmt(high)}"
    if low is None and high is not None:
        return f"up to {mark}{fmt(high)}"
    if high is None and low is not None:
        return f"at least {mark}{fmt(low)}"
    return mark + fmt(low if low is not None else high)


_SCALES = {"亿元": 1e8, "万元": 1e4, "千元": 1e3}


def _quantity(text: str) -> tuple[float | None, str]:
    """"五千元" -> (5000, "元"); "五万元" -> (50000, "元"); "百分之十" -> (10, "%"); "三个工作日" -> (3, "个工作日")."""
    if text.startswith("百分之"):
        return cn_to_number(text[3:]), "%"
    if "分之" in text:  # 三分之二: a share, as a percentage
        whole, part = (cn_to_number(x) for x in text.split("分之", 1))
        return (100 * part / whole if whole and part is not None else None), "%"
    if not any(text.endswith(u) for u in UNITS):
        return cn_to_number(text), ""  # the bare first end of "一至二名"
    if text.endswith("%"):
        return float(text[:-1]), "%"
    unit = next(u for u in UNITS if text.endswith(u))
    value = cn_to_number(text[: -len(unit)])
    scale = _SCALES.get(unit)
    if scale and value is not None:
        return value * scale, "元"
    return value, unit


def find_amounts(sentence: str) -> list[Amount]:
    """Every amount in the sentence; ordinals (第三十条), "之一" and dates (2023年5月) are not amounts."""
    out = []
    for m in AMOUNT.finditer(sentence):
        if not _plausible(sentence, m):
            continue
        low, unit = _quantity(m.group("low"))
        high, high_unit = _quantity(m.group("high")) if m.group("high") else (None, unit)
        if low is None or (m.group("high") and high is None) or (not unit and not m.group("high")):
            continue
        if m.group("high") and not unit:
            unit = high_unit  # "一至二名", "五至十万元": the second end's unit and magnitude count for both
            low *= next((scale for u, scale in _SCALES.items() if m.group("high").endswith(u)), 1)
        elif m.group("high") and high_unit != unit:
            low_raw = cn_to_number(re.sub(rf"({_UNIT}|%)$", "", m.group("low")))
            if low_raw is None:
                continue
            unit, low = high_unit, low_raw  # "五至十万元": the unit of the second end counts for both
        bound = m.group("bound") or ""
        if bound in ("以下", "以内", "之内"):
            low, high = None, low
        elif bound == "以上":
            high = None
        elif not m.group("high"):
            high = low
        out.append(Amount(m.group(0), m.start(), m.end(), low, high, unit, m.group("per") or ""))
    return _with_spoken_lengths(sentence, out)


# "一米五", "两米八": metres and tenths as people say a length; "一米五以下" bounds it.
_SPOKEN_LENGTH = re.compile(r"([一二两三四五六七八九十]+)米([一二三四五六七八九])(?![十百千万米元\d])(以下|以内|以上)?")


def _with_spoken_lengths(sentence: str, found: list[Amount]) -> list[Amount]:
    """`found` with "一米五" read as 1.5 metres in place of the "一米" it overlaps; not over any other amount."""
    for m in _SPOKEN_LENGTH.finditer(sentence):
        metres, tenths = cn_to_number(m.group(1)), cn_to_number(m.group(2))
        overlapped = [a for a in found if a.start < m.end() and m.start() < a.end]
        if metres is None or tenths is None or any(a.text != m.group(1) + "米" for a in overlapped):
            continue
        value = metres + tenths / 10
        low, high = (None, value) if m.group(3) in ("以下", "以内") else (value, None if m.group(3) else value)
        found = [a for a in found if a not in overlapped] + [Amount(m.group(0), m.start(), m.end(), low, high, "米")]
    return sorted(found, key=lambda a: a.start)


def _plausible(sentence: str, m: re.Match) -> bool:
    start = m.start("low")
    before = sentence[start - 1 : start] if start else ""
    after = sentence[m.end() : m.end() + 1]
    low = m.group("low")
    if before == "每" and low.endswith(_EVERY) and low[:1] not in "一1":
        return True  # "至少每十年…一次", "每三个月": how often, a period asked as "多长时间…一次"
    if before in _NOT_BEFORE or after in _NOT_AFTER or (before.isdigit()):
        return False
    if re.fullmatch(r"(?:19|20)\d\d年", low) or (low.endswith(("年", "日")) and re.match(r"\d", low) and after in "月日号"):
        return False  # 2023年, a date
    if low[0] in "百千万亿" and not low.startswith("百分之"):
        return False  # 百日行动, 千年, 万人: a bare 百/千/万 opens a word, not a number
    if low[:1] == "一" and low[1:] in ("人", "次", "米", "天", "时") and not m.group("high") and not m.group("bound"):
        return False  # 一人, 一次, 一天: "one", rarely an amount anyone asks for (一点五米 is a length)
    if low == "二次" and not m.group("bound") and re.match(r"[\u4e00-\u9fff]", after) and after not in _AFTER_A_COUNT:
        return False  # 二次供水, 二次污染: "secondary", not twice (but "二次以上", "二次不缴纳")
    return True

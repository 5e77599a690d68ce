"""Understand a question: language, search tokens with glossary expansions, and what kind of answer it wants."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.glossary import Glossary
from bot.tokenize import tokens

MAX_QUESTION_CHARS = 500
_CJK = re.compile(r"[\u3400-\u9fff]")
_QUANTITY_ZH = re.compile(r"多少|几[次个件宗项期部类人家条]?|比例|比率|占比|百分之|多大|多高|[^效]率是?|数量|总数|总计|共计|合计|金额")
_QUANTITY_EN = re.compile(r"\bhow (many|much)\b|\bpercent(age)?\b|\brate\b|\bratio\b|\bnumber of\b|\bproportion\b|\bshare of\b|\bcount\b|\btotal\b", re.I)
_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
_EN_NAME = re.compile(r"(?<=[a-z0-9,] )[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")
# Units a quantity question may name, mapped to the units that answer it.
UNIT_HINTS: list[tuple[re.Pattern, tuple[str, ...]]] = [
    (re.compile(r"宗|立案|案件|案子|\bcases?\b", re.I), ("宗", "件")),
    (re.compile(r"件|信件|\bletters?\b|\bitems?\b", re.I), ("件",)),
    (re.compile(r"几次|多少次|次数|\btimes\b|\bsessions?\b|\bcalls?\b|\bvisits?\b|\bviews?\b|\bplays?\b", re.I), ("次", "万次", "万余次")),
    (re.compile(r"项|\bmeasures?\b|\bduties\b|\bresponsibilities\b|\bpoints?\b", re.I), ("项", "个")),
    (re.compile(r"个|\bspots?\b|\bstations?\b|\bexamples?\b|\bsites?\b", re.I), ("个",)),
    (re.compile(r"期|讲座|\blectures?\b", re.I), ("期",)),
    (re.compile(r"钱|金额|万元|元|收入|罚款|罚没|\bmoney\b|\bfines?\b|\byuan\b|\brevenue\b|\bincome\b|how much", re.I), ("万元", "亿元", "元")),
    (re.compile(r"比例|比率|占比|百分|率|\bpercent(age)?\b|\brate\b|\bratio\b|\bproportion\b|\bshare\b", re.I), ("%",)),
    (re.compile(r"部|\blaws?\b|\bregulations?\b|\blegislation\b", re.I), ("部",)),
]


@dataclass
class Query:
    text: str
    lang: str
    tokens: list[str]
    expansions: dict[str, list[str]] = field(default_factory=dict)
    quantity: bool = False
    units: tuple[str, ...] = ()
    years: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    asks_person: bool = False

    @property
    def search_text(self) -> str:
        """The text the dense model embeds: the question plus the report's words for its terms."""
        extra = [e for values in self.expansions.values() for e in values if not e.isascii()]
        return self.text if not extra else f"{self.text} ({' '.join(dict.fromkeys(extra))})"


def analyse(question: str, glossary: Glossary) -> Query:
    text = " ".join(question.split())[:MAX_QUESTION_CHARS]
    lang = "zh" if _CJK.search(text) else "en"
    expansions = glossary.matches(text)
    expanded = tokens(text) + [t for values in expansions.values() for e in values for t in tokens(e)]
    quantity = bool(_QUANTITY_ZH.search(text) if lang == "zh" else _QUANTITY_EN.search(text))
    units = _units(text) if quantity else ()
    return Query(
        text=text,
        lang=lang,
        tokens=list(dict.fromkeys(expanded)),
        expansions=expansions,
        quantity=quantity,
        units=units,
        years=[m.group(0) for m in _YEAR.finditer(text)],
        places=_places(text, glossary),
        asks_person=bool(re.search(r"是谁|姓名|名字|叫什么|\bwho\b|\bname of\b", text, re.I)),
    )


def _units(text: str) -> tuple[str, ...]:
    """Units that answer the question; a question about a share or rate wants a percentage, whatever it counts."""
    percent_pattern, percent = UNIT_HINTS[-2]
    if percent_pattern.search(text):
        return percent
    return tuple(dict.fromkeys(u for pattern, us in UNIT_HINTS if pattern.search(text) for u in us))


def _places(text: str, glossary: Glossary) -> list[str]:
    """Names the question is about, to be checked against the corpus: 郑州市 -> 郑州; Zhengzhou -> Zhengzhou.

    An English name is translated through the glossary (Xuchang -> 许昌); one the glossary does not know
    stays as it is, so it matches nothing in a Chinese report and the question is not answered from it.
    """
    from bot.tokenize import place_names

    places = place_names(text)
    for name in _EN_NAME.findall(text):
        known = glossary.matches(name)
        places += [v for values in known.values() for v in values[:1]] if known else [name]
    return list(dict.fromkeys(p for p in places if p))

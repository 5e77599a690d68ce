"""The figures a sentence carries ("35宗", "五百元以上五千元以下", "伐一补三") and which of them answers a question:
in the unit asked, in the clause that names what is asked, for the grade of case asked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.amounts import Amount, find_amounts
from bot.change import asks_change, states_change
from bot.enumeration import lists_kinds
from bot.evidence import YEAR, Concept, coverage
from bot.ingest.legal import ARTICLE
from bot.query import PERIOD_UNITS, Query

FIGURE = re.compile(
    r"(?:达到|超过|近|约)?(\d+(?:\.\d+)?)(余)?(万余次|万次|万元|亿元|元|%|平方米|立方米|个工作日|工作日|个月|周岁|公里|分贝|米|吨|"
    r"宗|件|次|项|个|期|部|类|人|家|条|户|名|场|处|辆|台|只|摄氏度|℃|天|小时|时|点|年)?(以上|左右|以内|以下)?"
)
_CLAUSE = re.compile(r"[^，,、；;。：:]+")


@dataclass(frozen=True)
class Figure:
    """A figure in a sentence as written ("35宗", "五百元以上五千元以下"), its unit, and, for amounts in
    legal Chinese, the parsed values."""

    text: str
    start: int
    unit: str
    amount: Amount | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.text)


# A replacement ratio as regulations write it: 伐一补三 (three planted for one felled), 占一补一, 拆一还一
_RATIO = re.compile(r"[伐砍移毁拆占]一[补栽种植还建][一二两三四五六七八九十]")
# A level bounded: "风力达到五级以上", "六级以下": a count of levels, unlike a grade's name (一级保护区, 二级公路)
_LEVEL = re.compile(r"(?:\d+|[一二两三四五六七八九十]+)级(?:以上|以下)")


# a month.day before the day's name: "12.4宪法宣传日", not "12.4个工作日"
_NAMED_DAY = re.compile(r"(?:1[0-2]|0?[1-9])\.(?:[12]\d|3[01]|0?[1-9])(?=(?!个|工作|天)[\u4e00-\u9fff]{2,6}[日节])")


def figures(sentence: str) -> list[Figure]:
    """Numbers with their units in a sentence, skipping years and dates ("2023年", "7月", "2021—2025"),
    and amounts in Chinese numerals ("处五百元以上五千元以下罚款", "十五日内")."""
    out = [Figure(a.text, a.start, a.unit, a) for a in find_amounts(sentence)]
    out += [Figure(m.group(0), m.start(), "") for m in _RATIO.finditer(sentence)]
    out += [Figure(m.group(0), m.start(), "级") for m in _LEVEL.finditer(sentence)]
    for m in FIGURE.finditer(sentence):
        after = sentence[m.end() : m.end() + 1]
        if m.group(3) == "年" or (not m.group(3) and (after in "年月日号—-" or YEAR.fullmatch(m.group(1)))):
            continue
        if _NAMED_DAY.match(sentence, m.start()):  # "12.4宪法宣传日", "6.5环境保护日": a day's name, no count
            continue
        if sentence[m.start() - 1 : m.start()] in "“「\"" and sentence[m.end() : m.end() + 1] in "”」\"" and m.start():
            continue  # "“721”工作法": a number quoted as a name
        arabic = Figure(m.group(0), m.start(), m.group(3) or "")
        clash = [f for f in out if f.start < arabic.end and arabic.start < f.end]
        if all(len(f.text) < len(arabic.text) for f in clash):  # the longer reading wins: "达到80%以上"
            out = [f for f in out if f not in clash] + [arabic]
    return sorted(out, key=lambda f: f.start)


def pick_figure(query: Query, sentence: str, items: list[Concept]) -> Figure | None:
    """The asked figure: the one whose clause covers most of the question, then the asked unit, then the first.
    A penalty question wants the fine (or else the first sanction with a figure)."""
    found = figures(sentence)
    if not found or not (query.quantity or query.penalty or query.period):
        return None
    clauses = [(m.start(), m.end()) for m in _CLAUSE.finditer(sentence)]

    def clause_of(f: Figure) -> str:
        return next((sentence[a:b] for a, b in clauses if a <= f.start < b), "")

    def part_of(f: Figure) -> str:
        """The figure's part of the sentence up to it, from the last ；: "饲养烈性犬、大型犬的，…，处五千元…" names the
        behaviour its comma-clause "处五千元以上一万元以下罚款" does not."""
        return sentence[sentence.rfind("；", 0, f.start) + 1 : f.end]

    given = figures(query.text)
    change = asks_change(query.text)  # "How many more than the year before?": the figure of "比上年增加7宗"

    def rank(f: Figure) -> tuple[bool, bool, bool, float, float, bool, bool, int]:
        wanted = f.unit in query.units or (query.penalty and not query.period and f.unit == "元")
        # "情节较轻的，处五日以下拘留或者五百元以下罚款" is the exception: the answer when the question asks about
        # one, never otherwise
        fits = bool(_QUALIFIED.search(_before(sentence, f.start))) == bool(ASKS_GRADE.search(query.text))
        return (not restates(f, given), fits, not change or states_change(clause_of(f)), coverage(items, clause_of(f)),
                coverage(items, part_of(f)), wanted,
                "罚" in clause_of(f), -f.start)

    return max(found, key=rank)


_SAME_UNIT = {"天": "日", "块": "元"}


def restates(figure: Figure, given: list[Figure]) -> bool:
    """The figure only repeats one the question gives ("过了十五天还没交" and the clause's 十五日): it cannot be
    what the question asks for."""
    def key(f: Figure):
        value = (f.amount.low, f.amount.high) if f.amount else f.text
        return value, _SAME_UNIT.get(f.unit, f.unit)
    return any(key(figure) == key(g) for g in given)


_GRADES = "较轻|较重|严重|特别严重|轻微|恶劣"  # how a penalty clause grades a case: "情节严重的，…"
_QUALIFIED = re.compile(rf"情节(?:{_GRADES})")
ASKS_GRADE = re.compile(r"情节|较轻|较重|不[算太很是那么]{0,3}严重|严重|轻微|恶劣")  # "情节严重的罚多少"
# a sentence whose condition, before anything is imposed, is a grade: "有前款第一项…行为之一，情节严重的，…"
_GRADED_OPENING = re.compile(rf"^[^。；处罚]{{0,60}}?情节({_GRADES})的")
_LIGHT = ("较轻", "轻微")


def grade_fit(query: Query, sentence: str) -> int:
    """For a sentence whose every measure applies to a graded case only ("情节严重的，…可以责令停业整顿"): 1 when
    the question grades the case the same way (serious or light), -1 when it grades none or the other way; 0 for
    any other sentence. Such a clause adds to the one punishing the behaviour itself."""
    graded = _GRADED_OPENING.search(ARTICLE.sub("", sentence.strip(), count=1))
    if not graded:
        return 0
    asked = ASKS_GRADE.findall(query.text)
    light = graded.group(1) in _LIGHT
    return 1 if any((word in _LIGHT or word.startswith("不")) == light for word in asked if word != "情节") else -1


def _before(sentence: str, start: int) -> str:
    """The clause a figure stands in, up to the figure: "情节较轻的，处五日以下拘留或者" for 五百元以下."""
    head = sentence[:start]
    cut = max(head.rfind(p) for p in "；;。")
    return head[cut + 1 :]


def figure_clause_coverage(query: Query, sentence: str, items: list[Concept]) -> float:
    """How much of the question the clause around the chosen figure covers: 0 means the figure counts
    something the question did not ask about ("回访5万余次" for "拆除了多少处违法建筑")."""
    figure = pick_figure(query, sentence, items)
    if figure is None:
        return 0.0
    clause = next((sentence[m.start() : m.end()] for m in _CLAUSE.finditer(sentence) if m.start() <= figure.start < m.end()), "")
    return coverage(items, clause)


# how often a thing must be done, as laws word it ("每半年至少…进行一次", "每季度", "每年"), and as it is asked
# ("多久清洗一次", "how often")
_FREQUENCY = re.compile(r"每(?:[一二两三四五六七八九十\d]+)?个?(?:季度|半年|年|月|周|日|天)")
_ASKS_FREQUENCY = re.compile(r"一次|几次|多少次|隔多久|多久[^，。？?]{0,8}[一1]次|\bhow often\b|\bhow frequently\b", re.I)


def asks_frequency(query: Query) -> bool:
    """How often something must be done: answered by "每半年", "每届至少两次", not by a deadline."""
    return bool((query.period or query.lang == "en") and _ASKS_FREQUENCY.search(query.text))


# what a period governs: the words after "…之日起十五日内" up to the clause's end ("提出行政复议申请")
_GOVERNED = re.compile(r"[^，,；;。：:]*")


def period_deed(query: Query, sentence: str, items: list[Concept]) -> float:
    """For a period question, how much of it the deed a period of the sentence governs names: "申请行政复议的
    期限" is "…之日起六十日内提出行政复议申请", not "自受理申请之日起六十日内作出行政复议决定", whose 申请 only
    says when the period starts. The best of the sentence's periods; 0 for any other question."""
    if not query.period or query.penalty or asks_frequency(query):
        return 0.0
    governed = [_GOVERNED.match(sentence, f.end).group(0) for f in figures(sentence) if f.unit in PERIOD_UNITS]
    return max((coverage(items, deed, False) for deed in governed), default=0.0)


DONE_FIGURE = 0.02  # a tie-breaker only: the words decide which passage answers


def quantity_bonus(query: Query, sentence: str) -> float:
    """Quantity questions prefer sentences with a figure in the asked unit, and shun those without one."""
    if asks_frequency(query):
        # how often: "每半年至少…一次" (a period in words) answers, "三十日内办理" (a deadline) does not
        return 0.4 if _FREQUENCY.search(sentence) else 0.1 if figures(sentence) else -0.3
    if not (query.quantity or query.period):
        # what came of something ("结果如何"): between equals, the sentence that gives a figure reports it
        return DONE_FIGURE if query.about_activity and figures(sentence) else 0.0
    found = figures(sentence)
    if any(f.unit in query.units for f in found) or lists_kinds(query, sentence):
        return 0.4
    if query.period and _FREQUENCY.search(sentence):
        return 0.1  # a period in words ("每年") is a figure of a kind, though not the deadline asked
    return 0.1 if found else -0.3

"""Training quiz from the fact sheet: cloze and multiple-choice questions, answer checking, spaced repetition."""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from bot.records import SECTION_SEP, Fact, QuizItem
from bot.quiz_store import Card, QuizStore

QUIZ_VERSION = 2  # 2: questions from the penalty table too (bot/penalty_quiz.py); bump when generation changes: ingest then regenerates the questions of unchanged files
BLANK = "___"
OPTIONS = 4
_MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}
_SEQUENCE = re.compile(r"^[（(]?[一二三四五六七八九十\d]+(?:[）)]|、|是|\.)")
_CLAUSE = re.compile(r"[^，；,;]+[，；,;]?")


# ---- generation ----------------------------------------------------------------------------------------

def make_items(facts: list[Fact]) -> list[QuizItem]:
    """One question per fact, in reading order; distractors come from the same document's figures.
    Amounts in Chinese numerals (laws) are asked through the penalty table instead: options here are written in digits."""
    facts = [f for f in facts if re.match(r"[\d,]+(?:\.\d+)?", f.figure[len(f.prefix):])]
    by_source: dict[str, list[Fact]] = {}
    for fact in facts:
        by_source.setdefault(fact.source, []).append(fact)
    return [make_item(fact, by_source[fact.source]) for fact in facts]


def make_item(fact: Fact, pool: list[Fact], kind: str = "") -> QuizItem:
    """A cloze or a choice question (about half each, by id unless `kind` is given); the same fact always
    gives the same question, because its randomness is seeded by the fact's id."""
    rng = random.Random(fact.id)
    kind = kind or ("choice" if int(fact.id, 16) % 2 else "cloze")
    core = fact.figure[len(fact.prefix):]  # the figure as an option shows it: "80%以上", not "达到80%以上"
    options: list[str] = []
    if kind == "choice":
        options = [core] + [_render(fact, value) for value in distractors(fact, pool, rng)]
        rng.shuffle(options)
    topic = section_topic(fact.section) or fact.title
    return QuizItem(
        id=fact.id, kind=kind, prompt=blanked(fact, kind), options=options,
        answer=core if kind == "choice" else fact.value, value=fact.value, unit=fact.unit, figure=fact.figure,
        label=fact.label, sentence=fact.sentence, section=fact.section, source=fact.source, title=fact.title,
        topic=topic, keywords=_keywords(fact.label, topic),
    )


def distractors(fact: Fact, pool: list[Fact], rng: random.Random, n: int = OPTIONS - 1) -> list[str]:
    """Wrong numbers in the same unit and near the answer: one other figure of the report when one fits, the rest nearby."""
    x, ceiling = fact.number, _ceiling(fact)
    # Another figure of the report is the most plausible wrong answer, if written alike (no "92.94%" among "80%").
    own = sorted({f.value for f in pool if f.unit == fact.unit and _decimals(f.value) == _decimals(fact.value)
                  and _near(f.number, x, ceiling)}, key=float)
    picked = rng.sample(own, min(1, len(own)))
    main, fallback = _nearby(x, _decimals(fact.value), fact.unit == "%", rng)
    rng.shuffle(main)
    for value in main + fallback:
        if len(picked) < n and value not in picked and _near(float(value), x, ceiling):
            picked.append(value)
    return picked


def _ceiling(fact: Fact) -> float:
    """Percentages stop at 100, and below it when the report says "以上" or "超过": "100%以上" is no option."""
    if fact.unit != "%":
        return float("inf")
    return 100.0 if not ({fact.qualifier, fact.prefix} & {"以上", "余", "多", "超过"}) else 99.99


def _near(value: float, x: float, ceiling: float) -> bool:
    return value != x and 0 < value <= ceiling and x / 4 <= value <= x * 4


def _nearby(x: float, decimals: int, percent: bool, rng: random.Random) -> tuple[list[str], list[str]]:
    """Candidates: small counts stepped by one, percentages by a few points, others scaled and rounded alike;
    then a fallback of neighbours one or two steps away, for when rounding made the others collide."""
    step = _step(x, decimals)
    if percent:
        jitter = [round(rng.uniform(-0.5, 0.5), decimals) if decimals else 0 for _ in range(12)]
        values = [x + off + j for off, j in zip((-15, -10, -8, -5, -3, -2, 2, 3, 5, 8, 10, 15), jitter)]
    elif x <= 10 and not decimals:
        values = [x + d for d in (-3, -2, -1, 1, 2, 3, 4, 5)]
    else:
        values = [round(x * f / step) * step for f in (0.5, 0.6, 0.7, 0.75, 0.8, 1.25, 1.3, 1.5, 1.75, 2)]
    fallback = [x + k * step for k in (-2, -1, 1, 2, 3, 4)]
    return _distinct(values, decimals), _distinct(fallback, decimals)


def _distinct(values: list[float], decimals: int) -> list[str]:
    return list(dict.fromkeys(_format(v, decimals) for v in values))


def _step(x: float, decimals: int) -> float:
    """The precision the answer is written to, keeping two significant digits: 3500 -> 100, 658 -> 1, 92.94 -> 0.01."""
    if decimals:
        return 10 ** -decimals
    digits = str(int(x))
    zeros = len(digits) - len(digits.rstrip("0"))
    return 10 ** max(0, min(zeros, len(digits) - 2))


def _decimals(value: str) -> int:
    return len(value.partition(".")[2])


def _format(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}" if decimals else str(int(round(value)))


def _render(fact: Fact, value: str) -> str:
    """An option written like the report writes the answer: "80余项" -> "60余项"."""
    core = fact.figure[len(fact.prefix):]
    written = re.match(r"[\d,]+(?:\.\d+)?", core).group(0)
    return value + core[len(written):]


def blanked(fact: Fact, kind: str) -> str:
    """The sentence with the answer blanked (the number for a cloze, the whole figure for a choice), trimmed to its clauses."""
    start = fact.offset + len(fact.prefix)
    core = fact.figure[len(fact.prefix):]
    end = start + (len(re.match(r"[\d,]+(?:\.\d+)?", core).group(0)) if kind == "cloze" else len(core))
    text = f"{fact.sentence[:start]} {BLANK} {fact.sentence[end:]}"
    text = re.sub(r" (?=[，。；、：,.;:）)]|$)", "", text)
    return _window(text, text.index(BLANK))


def _window(text: str, position: int, short: int = 90, context: int = 30) -> str:
    """A long sentence shortened to the clause with the blank and enough clauses before it to make sense."""
    if len(text) <= short:
        return text
    spans = [m.span() for m in _CLAUSE.finditer(text)]
    here = next(n for n, (a, b) in enumerate(spans) if a <= position < b)
    first = here
    while first > 0 and spans[here][1] - spans[first][0] < context:
        first -= 1
    head = "…" if first > 0 else ""
    tail = "…" if here < len(spans) - 1 else ""
    return head + text[spans[first][0]:spans[here][1]].rstrip("，；,;") + tail


def section_topic(section: str) -> str:
    """A short name for the section a question belongs to: "（三）严格规范执法，持续提升执法质效" -> "严格规范执法"."""
    parts = [p for p in section.split(SECTION_SEP) if p]
    if not parts:
        return ""
    name = _SEQUENCE.sub("", parts[1] if len(parts) > 1 else parts[0])
    return re.split(r"[，,。；;]", name, maxsplit=1)[0]


def _keywords(label: str, topic: str) -> list[str]:
    from bot.tokenize import jieba_dict

    words = [label] + [w for w in jieba_dict().cut(label) if len(w) >= 2] + [topic]
    return list(dict.fromkeys(w for w in words if w))


def items_of(index) -> list[QuizItem]:
    """The questions of a loaded index; an index built before the quiz existed gets them from its facts."""
    return list(getattr(index, "quiz", None) or make_items(index.facts))


def find(items: Iterable[QuizItem], item_id: str) -> QuizItem | None:
    return next((item for item in items if item.id == item_id), None)


# ---- asking and checking ---------------------------------------------------------------------------------

def select(items: Iterable[QuizItem], topic: str = "") -> list[QuizItem]:
    """Questions about `topic`: named in the label, keywords, section or sentence (all questions for "")."""
    topic = topic.strip()
    return [i for i in items if not topic or any(topic in t for t in (i.label, i.topic, i.section, i.sentence, *i.keywords))]


def next_item(items: Iterable[QuizItem], store: QuizStore, user_id: str | int, topic: str = "",
              rng: random.Random | None = None) -> QuizItem | None:
    """The next question: a missed one that is due again, else an unseen one, else a due review, else the soonest due.

    Missed questions (Leitner box 1) come back after a couple of others; questions answered right wait in higher
    boxes until the unseen ones are done, so a new officer moves through the whole report while repairing mistakes.
    """
    pool = select(items, topic)
    if not pool:
        return None
    cards = store.cards(user_id)
    turn = store.turn(user_id)
    due = sorted((i for i in pool if i.id in cards and cards[i.id].due <= turn),
                 key=lambda i: (cards[i.id].box, cards[i.id].due, i.id))
    if due and cards[due[0].id].box == 1:
        return due[0]
    unseen = [i for i in pool if i.id not in cards]
    if unseen:
        return (rng or random.Random()).choice(unseen)
    if due:
        return min(due, key=lambda i: (cards[i.id].due, cards[i.id].box, i.id))
    return min(pool, key=lambda i: (cards[i.id].due, cards[i.id].box, i.id))


def check(item: QuizItem, reply: str | int) -> bool:
    """Right or wrong. An int is a 0-based option index (a button); text is a number ("35", "35宗", "３５", "三十五"),
    an option's text, or for a choice its 1-based number or letter as shown (1-4, A-D)."""
    if isinstance(reply, int):
        return reply == item.answer_index if item.kind == "choice" else _same_number(item, str(reply))
    text = unicodedata.normalize("NFKC", reply).strip().replace(" ", "")
    if item.kind == "choice":
        if text in item.options:
            return text == item.answer
        index = _option_index(text, len(item.options))
        if index is not None:
            return index == item.answer_index
    return _same_number(item, text)


def _option_index(text: str, count: int) -> int | None:
    if re.fullmatch(r"\d", text) and 1 <= int(text) <= count:
        return int(text) - 1
    if re.fullmatch(r"[A-Za-z]", text) and ord(text.upper()) - ord("A") < count:
        return ord(text.upper()) - ord("A")
    return None


def _same_number(item: QuizItem, text: str) -> bool:
    """The typed number equals the answer as written ("5" for 5万余次) or in full ("50000"), but "115元" is not 115万元."""
    parsed = parse_number(text)
    if parsed is None:
        return False
    number, magnitude = parsed
    expected = float(item.value)
    prefix = next((p for p in _MAGNITUDES if item.unit.startswith(p) and item.unit != p + "米"), "")  # 千米 is a unit
    in_full = expected * _MAGNITUDES.get(prefix, 1.0)
    counter = item.unit[len(prefix):] if prefix else ""
    bare = bool(counter) and re.search(rf"\d{re.escape(counter)}", text)
    if magnitude == 1.0 and abs(number - expected) < 1e-9 and not bare:
        return True
    return abs(number * magnitude - in_full) < 1e-6 * max(1.0, in_full)


_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMBER = re.compile(r"(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)(万亿|亿|万)?")


def parse_number(text: str) -> tuple[float, float] | None:
    """The first number in a reply and its magnitude: "35宗" -> (35, 1), "5万余次" -> (5, 10000), "三十五" -> (35, 1)."""
    text = unicodedata.normalize("NFKC", text).replace(",", "").replace("，", "")
    text = text.replace("百分之", "")
    match = _NUMBER.search(text)
    if not match:
        return None
    digits, magnitude = match.group(1), _MAGNITUDES.get(match.group(2) or "", 1.0)
    number = float(digits) if digits[0].isdigit() else _chinese(digits)
    return number, magnitude


def _chinese(text: str) -> float:
    whole, _, fraction = text.partition("点")
    if not any(c in _ZH_UNITS for c in whole) and len(whole) > 1:
        value = float("".join(str(_ZH_DIGITS[c]) for c in whole))  # 二〇二三 read digit by digit
    else:
        value, digit = 0, 0
        for char in whole:
            if char in _ZH_DIGITS:
                digit = _ZH_DIGITS[char]
            else:
                value += (digit or 1) * _ZH_UNITS[char]
                digit = 0
        value += digit
    if fraction:
        value += float("0." + "".join(str(_ZH_DIGITS[c]) for c in fraction))
    return float(value)


@dataclass
class Verdict:
    item: QuizItem
    correct: bool
    reply: str
    card: Card | None = None


def grade(item: QuizItem, reply: str | int, store: QuizStore, user_id: str | int) -> Verdict:
    """Check a reply and record it: the card moves box, the user's score and streak change."""
    correct = check(item, reply)
    card = store.record(user_id, item.id, correct, topic=item.topic)
    shown = item.options[reply] if isinstance(reply, int) and 0 <= reply < len(item.options) else str(reply)
    return Verdict(item, correct, shown, card)


# ---- text for the front-ends ----------------------------------------------------------------------------

def format_question(item: QuizItem, numbered: bool = True) -> str:
    """The question as text; `numbered` lists the options (a terminal), without it buttons carry them (Telegram)."""
    ask = "请选择正确的数字：" if item.kind == "choice" else "请填写空格处的数字："
    lines = [f"【{item.topic}】{item.label}", item.prompt, ask]
    if item.kind == "choice" and numbered:
        lines += [f"  {n}. {option}" for n, option in enumerate(item.options, 1)]
    return "\n".join(lines)


def format_verdict(verdict: Verdict) -> str:
    item = verdict.item
    yours = f"（你的回答：{verdict.reply}）" if verdict.reply else ""
    head = f"✅ 回答正确：{item.figure}" if verdict.correct else f"❌ 回答错误{yours}，正确答案是 {item.figure}"
    where = f"{item.title} › {item.section}" if item.section else item.title
    return f"{head}\n原文：{item.sentence}\n出处：{where}"


def format_score(score: dict) -> str:
    """A user's score as text: totals, streaks, progress through the questions and results per topic."""
    if not score["answered"]:
        return "还没有答题记录。发送 /quiz 开始练习。"
    lines = [f"已答 {score['answered']} 题，答对 {score['correct']} 题（{score['accuracy']:.0%}）；"
             f"当前连对 {score['streak']} 题，最佳 {score['best_streak']} 题。"]
    total = f"/{score['total']}" if "total" in score else ""
    lines.append(f"进度：已练 {score['seen']}{total} 题，已掌握 {score['mastered']} 题，待复习 {score['due']} 题。")
    for topic, result in score["topics"].items():
        lines.append(f"  · {topic or '其他'}：{result['correct']}/{result['answered']}")
    return "\n".join(lines)

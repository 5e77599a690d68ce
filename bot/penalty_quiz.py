"""Practice questions from the penalty table: "擅自砍伐、移植城市树木，每株罚款幅度是？" with the range the law sets
among ranges other rows set (or, when the document has too few, the same range scaled)."""

from __future__ import annotations

import random

from bot.numerals import to_chinese
from bot.penalties import Penalty
from bot.penalty_measures import Measure
from bot.records import QuizItem, stable_id

OPTIONS = 4
_SCALES = (0.1, 0.2, 0.5, 2, 5, 10)


def penalty_items(penalties: list[Penalty]) -> list[QuizItem]:
    """One multiple-choice question per row with a fine in yuan; the first such fine is the one asked about."""
    asked = [(p, next(m for m in p.fines if m.has_range and m.unit == "元")) for p in penalties
             if any(m.has_range and m.unit == "元" for m in p.fines)]
    pool = list(dict.fromkeys(_bounds(m) for _, m in asked))
    return [penalty_item(p, m, pool) for p, m in asked]


def penalty_item(penalty: Penalty, fine: Measure, pool: list[tuple]) -> QuizItem:
    item_id = stable_id(penalty.id, fine.amount)
    rng = random.Random(item_id)
    answer = money_range(*_bounds(fine))
    options = [answer] + distractors(_bounds(fine), pool, rng)
    rng.shuffle(options)
    condition = f"{fine.condition}，" if fine.condition else ""
    who = f"对{fine.basis}" if fine.basis else ""
    prompt = f"{penalty.citation}：{penalty.behaviour}，{condition}{who}{fine.per}罚款幅度是？"
    value = fine.low if fine.low is not None else fine.high
    return QuizItem(
        id=item_id, kind="choice", prompt=prompt, options=options, answer=answer, value=f"{value:g}", unit="元",
        figure=f"{fine.per}{answer}", label=penalty.behaviour[:30], sentence=penalty.sentence,
        section=penalty.section, source=penalty.source, title=penalty.title, topic="罚则",
        keywords=["罚则", "罚款", penalty.title, penalty.article],
    )


def _bounds(fine: Measure) -> tuple[float | None, float | None]:
    return fine.low, fine.high


def distractors(bounds: tuple, pool: list[tuple], rng: random.Random, n: int = OPTIONS - 1) -> list[str]:
    """Other rows' ranges first, in the same order of magnitude where possible; then the answer scaled."""
    answer = money_range(*bounds)
    top = bounds[1] or bounds[0] or 1
    others = [b for b in pool if b != bounds and money_range(*b) != answer]
    near = [b for b in others if top / 20 <= (b[1] or b[0] or 1) <= top * 20]
    rng.shuffle(near)
    picked: list[str] = []
    for b in near + [tuple(None if v is None else v * s for v in bounds) for s in _SCALES]:
        text = money_range(*b)
        if text and text != answer and text not in picked and all(v is None or v >= 1 for v in b):
            picked.append(text)
        if len(picked) == n:
            break
    return picked


def money_range(low: float | None, high: float | None) -> str:
    """(500, 5000) -> "五百元以上五千元以下"; (None, 200) -> "二百元以下"; (50, 50) -> "五十元": as laws write them."""
    if low is not None and high is not None:
        return cn_money(low) if low == high else f"{cn_money(low)}以上{cn_money(high)}以下"
    if high is not None:
        return f"{cn_money(high)}以下"
    return f"{cn_money(low)}以上" if low is not None else ""


def cn_money(value: float) -> str:
    """12500 -> "一万二千五百元", 50000 -> "五万元", 1000 -> "一千元"."""
    value = int(round(value))
    if value < 10_000:
        return f"{to_chinese(value)}元"
    wan, rest = divmod(value, 10_000)
    tail = ("零" if rest < 1000 else "") + to_chinese(rest) if rest else ""
    return f"{to_chinese(wan) if wan < 10_000 else wan}万{tail}元"

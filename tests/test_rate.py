"""A sum asked per a unit ("一棵树罚多少？", "一天一平米多少钱？") is answered by the item whose amount is counted that
way, and a level asked ("风力到几级") by the item that gives one (bot/rate.py, bot/figures.py)."""

from __future__ import annotations

from bot.figures import figures
from bot.rate import RATE_BONUS, asked_rates, rate_bonus

TEMPORARY = "临时占用城市绿地期满后，未按照规定期限恢复绿地的，从逾期之日起，处以每日每平方米五十元以上一百元以下罚款；"
OCCUPIED = "擅自占用城市绿地的，责令恢复原状，并处以所占绿地面积每平方米一千元以上五千元以下罚款；"


def test_the_units_a_sum_is_asked_per():
    assert asked_rates("到期了还没恢复，每天怎么罚？") == (("日", "天"),)
    assert asked_rates("一天一平米多少钱？") == (("日", "天"), ("平方米",))
    assert asked_rates("一棵树罚多少？") == (("株", "棵"),)
    assert asked_rates("What is the fine per tree?") == (("株", "棵"),)
    # a story's day is no rate asked
    assert asked_rates("有一天我在路边停车，被罚了，罚多少？") == ()
    assert asked_rates("一辆渣土车没盖篷布，罚多少？") == ()
    assert asked_rates("超载的车每辆罚多少？") == (("辆", "台"),)


def test_the_amount_counted_per_every_unit_asked_scores_most():
    rates = asked_rates("一天一平米多少钱？")
    assert rate_bonus(rates, TEMPORARY) == RATE_BONUS
    assert 0 < rate_bonus(rates, OCCUPIED) < RATE_BONUS
    assert rate_bonus(rates, "处二万元以上十万元以下罚款") == 0.0
    assert rate_bonus((), TEMPORARY) == 0.0


def test_a_bounded_level_is_a_figure_and_a_grade_is_not():
    assert [f.text for f in figures("海上风力达到五级以上或者超过船舶抗风浪等级") if f.unit == "级"] == ["五级以上"]
    assert not [f for f in figures("在一级保护区内洗车的") if f.unit == "级"]


def test_a_sum_per_tree_is_answered_by_the_item_counted_per_tree(fresh_engine):
    # 开封 第四十五条 lists fines per 株 and per square metre; the first item it had quoted gave no sum per tree
    answer = fresh_engine.answer("开封这边有人偷偷把路边的绿化树锯了，一棵树罚多少？")
    assert answer.found and "每株" in answer.sentence, answer.answer


def test_a_level_asked_is_answered_by_the_item_that_gives_one(fresh8_engine):
    # 第三十七条 (一) 能见度低于一千米 had been quoted: its 一千米 was the only figure the level question saw
    answer = fresh8_engine.answer("在威海开休闲船带游客出海玩，海上风力到几级就不能出海了？")
    assert answer.found and answer.section.endswith("第三十七条") and "五级以上" in answer.sentence, answer.answer

"""Reading penalty clauses on hand-written articles: behaviours, measures with their conditions and ranges, and
references back to duty articles and items. General patterns of Chinese laws, not copies of one file."""

from __future__ import annotations

import pytest

from bot.ingest.chunking import chunk_legal
from bot.legal_facts import legal_facts
from bot.penalties import Penalty, extract_penalties
from bot.penalty_sheet import filter_penalties, format_row
from bot.penalty_clauses import parse_clause
from bot.penalty_measures import measures_of
from bot.penalty_quiz import cn_money, money_range, penalty_items
from bot.penalty_refs import Ref, parse_refs
from bot.records import Document


def table(*articles: str) -> list[Penalty]:
    text = "# 某市测试管理办法\n\n" + "\n\n".join(articles) + "\n"
    doc = Document(source="test.md", title="某市测试管理办法", text=text, sha256="")
    return extract_penalties(chunk_legal(doc, 400))


def only(rows: list[Penalty], kind: str):
    [measure] = [m for r in rows for m in r.measures if m.kind == kind]
    return measure


def test_own_behaviour_with_the_duty_it_violates():
    [row] = table("第二十条 违反本办法第五条规定，擅自在公园内设置摊点的，由城市管理部门责令改正，处二百元以上二千元以下罚款。")
    assert row.behaviour == "擅自在公园内设置摊点"
    assert row.duty == "第五条" and row.authority == "城市管理部门" and row.article == "第二十条"
    assert [m.kind for m in row.measures] == ["责令", "罚款"]
    fine = row.fines[0]
    assert (fine.low, fine.high, fine.unit, fine.per) == (200, 2000, "元", "")
    assert row.citation == "《某市测试管理办法》第二十条"


def test_items_share_the_measures_of_their_lead_in_with_the_conditions():
    rows = table("第八条 有下列行为之一的，处警告或者五百元以下罚款；情节严重的，处五日以上十日以下拘留：",
                 "（一）在道路上抛撒物品的；", "（二）损坏路灯的。")
    assert [(r.item, r.behaviour) for r in rows] == [("（一）", "在道路上抛撒物品"), ("（二）", "损坏路灯")]
    for row in rows:
        kinds = {m.kind: m for m in row.measures}
        assert set(kinds) == {"警告", "罚款", "拘留"}
        assert (kinds["罚款"].low, kinds["罚款"].high) == (None, 500)
        detention = kinds["拘留"]
        assert (detention.low, detention.high, detention.unit, detention.condition) == (5, 10, "日", "情节严重的")
    assert rows[1].citation.endswith("第八条第二项")


def test_a_clause_that_only_points_back_takes_the_duty_items_words():
    rows = table("第三条 在公园内禁止下列行为：", "（一）在绿地内停放车辆；", "（二）攀折花木。",
                 "第九条 违反本办法第三条第二项规定的，处每株五十元罚款。")
    [row] = rows
    assert row.behaviour == "违反第三条第二项：攀折花木" and row.duty == "第三条第二项"
    assert (row.fines[0].low, row.fines[0].high, row.fines[0].per) == (50, 50, "每株")


def test_items_naming_item_numbers_follow_the_article_their_lead_in_names():
    rows = table("第三条 禁止下列行为：", "（一）在绿地内停放车辆；", "（二）攀折花木；", "（三）践踏草坪。",
                 "第九条 违反本办法第三条规定，有下列行为之一的，由执法部门责令停止违法行为，并按照下列规定处罚：",
                 "（一）违反第一项至第二项规定的，处一百元罚款；", "（二）违反第三项规定的，处每平方米二十元罚款。")
    assert [r.behaviour for r in rows] == ["违反第三条第一项：在绿地内停放车辆", "违反第三条第二项：攀折花木",
                                           "违反第三条第三项：践踏草坪"]
    assert all(r.measures[0].text.startswith("责令停止违法行为") for r in rows)
    assert [r.fines[-1].per for r in rows] == ["", "", "每平方米"]
    assert [r.item for r in rows] == ["（一）", "（一）", "（二）"]


def test_a_whole_article_with_a_list_gives_one_row_per_item():
    rows = table("第四条 禁止下列行为：", "（一）焚烧落叶；", "（二）露天烧烤。",
                 "第十条 违反本办法第四条规定的，责令改正，可以处五十元以上二百元以下罚款。")
    assert [r.duty for r in rows] == ["第四条第一项", "第四条第二项"]
    assert [r.behaviour for r in rows] == ["违反第四条第一项：焚烧落叶", "违反第四条第二项：露天烧烤"]


def test_two_behaviours_in_one_sentence_are_two_rows():
    rows = table("第二条 建设单位应当设置围挡。", "第三条 运输车辆应当密闭。",
                 "第十一条 违反本办法第二条规定的，处一千元罚款；违反本办法第三条规定的，处每车次二百元罚款。")
    assert [(r.duty, r.fines[0].low, r.fines[0].per) for r in rows] == [("第二条", 1000, ""), ("第三条", 200, "每车次")]
    assert rows[0].behaviour == "违反第二条：建设单位应当设置围挡"


def test_fines_by_target_and_by_unit_written_before_the_verb():
    [row] = table("第十二条 未经批准设置户外广告的，责令限期拆除；逾期不拆除的，对单位处一万元以上五万元以下罚款，"
                  "对个人处五百元以上一千元以下罚款。")
    assert [(f.condition, f.low, f.high) for f in row.fines] == [
        ("逾期不拆除的，对单位", 10000, 50000), ("逾期不拆除的，对个人", 500, 1000)]
    measures = measures_of("每处处以二百元以上一千元以下罚款")
    assert [(m.kind, m.low, m.high, m.per) for m in measures] == [("罚款", 200, 1000, "每处")]


def test_multiples_and_percentages_keep_what_they_are_of():
    [fine] = measures_of("处建设工程造价百分之五以上百分之十以下的罚款")
    assert (fine.low, fine.high, fine.unit, fine.basis) == (5, 10, "%", "建设工程造价")
    [fine] = measures_of("处修复费用三倍罚款")
    assert (fine.low, fine.high, fine.unit, fine.basis) == (3, 3, "倍", "修复费用")


def test_a_fine_set_by_reference_to_the_paragraph_before_is_that_fine():
    rows = table("第十三条 检测机构出具虚假报告的，处二万元以上十万元以下罚款。",
                 "未取得资质从事检测的，责令停止违法行为，依照前款规定处以罚款。")
    assert [(r.behaviour, r.fines[0].low, r.fines[0].high) for r in rows] == [
        ("检测机构出具虚假报告", 20000, 100000), ("未取得资质从事检测", 20000, 100000)]


@pytest.mark.parametrize("article", [
    "第六条 街道办事处应当组织清理，限期绿化。",  # a deadline of a duty, not an order
    "第七条 行政处罚的种类：",  # a list of kinds of penalty, no behaviour
    "第十四条 当事人对处罚决定不服的，可以依法申请行政复议。",
])
def test_articles_that_impose_nothing_give_no_row(article):
    assert table(article, "（一）警告；", "（二）罚款。") == []


def test_parse_refs_reads_articles_paragraphs_items_and_ranges():
    assert parse_refs("违反本条例第十六条第一项、第三十八条第二至第四项规定") == [
        Ref(16, None, 1), Ref(38, None, 2), Ref(38, None, 3), Ref(38, None, 4)]
    assert parse_refs("违反本条例第十条、第十一条规定") == [Ref(10), Ref(11)]
    assert parse_refs("违反第十五条至第十八条规定") == [Ref(15), Ref(16), Ref(17), Ref(18)]
    assert parse_refs("违反第二十条第三款规定") == [Ref(20, 3)]
    assert parse_refs("违反第一项至第三项规定", context=9) == [Ref(9, None, 1), Ref(9, None, 2), Ref(9, None, 3)]
    assert parse_refs("依照《中华人民共和国治安管理处罚法》第二十六条") == []
    # items listed under one 第 … 项
    assert parse_refs("违反第五、六、七项规定的", context=30) == [Ref(30, None, 5), Ref(30, None, 6), Ref(30, None, 7)]
    assert parse_refs("违反第一、第二项规定", context=9) == [Ref(9, None, 1), Ref(9, None, 2)]


def test_all_items_but_some_are_the_items_left():
    assert parse_refs("违反本条例第十五条第一款或者第十八条除第四项以外的其他规定的") == [Ref(15, 1), Ref(18, None, None, (4,))]
    assert parse_refs("违反第九条除第二项、第三项外的规定") == [Ref(9, None, None, (2, 3))]
    rows = table("第五条 携犬出户应当遵守下列规定：", "（一）犬只束犬链；", "（二）避让老年人；", "（三）及时清除犬只排泄物；",
                 "第二十条 违反本办法第五条除第三项以外的其他规定的，处二百元以上五百元以下罚款。")
    # the excluded item is punished elsewhere or not at all: "清除排泄物" is no behaviour of 第二十条
    assert [(r.duty, r.behaviour) for r in rows] == [
        ("第五条第一项", "违反第五条第一项：犬只束犬链"), ("第五条第二项", "违反第五条第二项：避让老年人")]


@pytest.mark.parametrize("articles, duties", [
    (("第十条 禁止在城市绿地内烧烤。", "违反前款规定的，处二百元以上五百元以下罚款。"),
     [("第十条第一款", "违反第十条第一款：禁止在城市绿地内烧烤")]),
    (("第十条 禁止在城市绿地内烧烤。", "禁止在公园内钓鱼。", "违反前两款规定的，处二百元罚款。"),
     [("第十条第一款", "违反第十条第一款：禁止在城市绿地内烧烤"), ("第十条第二款", "违反第十条第二款：禁止在公园内钓鱼")]),
    (("第十条 任何单位不得擅自占用绿地。", "临时占用绿地的，应当经审批。", "违反本条第一款规定的，处一千元罚款。"),
     [("第十条第一款", "违反第十条第一款：任何单位不得擅自占用绿地")]),
    # an item numbered as printed, 第（二）项, is that item alone
    (("第五条 禁止下列行为：", "（一）乱扔果皮；", "（二）随地吐痰；", "第九条 违反本办法第五条第（二）项规定的，处五十元罚款。"),
     [("第五条第二项", "违反第五条第二项：随地吐痰")]),
])
def test_a_clause_pointing_at_its_own_article_takes_those_duties(articles, duties):
    assert [(r.duty, r.behaviour) for r in table(*articles)] == duties


def test_a_sentence_with_a_listing_lead_in_is_marked_so():
    [row] = parse_clause("城乡规划编制单位有下列行为之一的，由主管部门责令限期改正，处二万元罚款")
    assert row.lists_items and row.subject == "城乡规划编制单位" and row.authority == "主管部门"


def test_amounts_in_chinese_numerals_are_facts_with_ranges():
    facts = legal_facts("违反本条例规定的，处每株五万元以上五十万元以下罚款。", "第五章 法律责任 > 第三十条", "", [])
    [fact] = facts
    assert (fact.low, fact.high, fact.unit, fact.per, fact.label, fact.value) == (50000, 500000, "元", "每株", "罚款", "50000")
    [deadline] = legal_facts("行政机关应当自收到申请之日起十五日内作出决定。", "", "", [])
    assert (deadline.low, deadline.high, deadline.unit) == (15, 15, "日")


def test_quiz_questions_ask_the_fine_range_with_other_ranges_as_choices():
    rows = table("第二十条 擅自砍伐城市树木的，处每株一千元以上一万元以下罚款。",
                 "第二十一条 擅自占用绿地的，处每平方米五百元以上二千元以下罚款。")
    items = penalty_items(rows)
    assert len(items) == 2
    item = items[0]
    assert "擅自砍伐城市树木" in item.prompt and "每株" in item.prompt and item.prompt.endswith("罚款幅度是？")
    assert item.answer == "一千元以上一万元以下" and item.answer in item.options
    assert "五百元以上二千元以下" in item.options and len(set(item.options)) == 4
    assert cn_money(25000) == "二万五千元" and money_range(None, 200) == "二百元以下"


def test_items_a_clause_leaves_out_are_not_items_it_refers_to():
    from bot.rules import item_refs

    clause = "违反本条例第十五条第一款或者第十八条除第四项、第五项以外的其他规定的，处二百元以上五百元以下罚款"
    assert item_refs(clause) == set() and item_refs(clause, excluded=True) == {4, 5}
    assert item_refs("违反第一项至第三项规定的") == {1, 2, 3}


def test_a_behaviour_after_a_semicolon_naming_the_enforcer_again_is_a_row_of_its_own():
    article = ("养犬人未按规定办理养犬注册登记或者复检手续的，由城市管理行政执法部门责令限期办理注册登记或者复检，"
               "逾期仍未办理注册登记或者复检的，暂扣犬只，并可处以每只三千元罚款；在公共楼道、楼顶、绿地、地下室等公共区域"
               "饲养犬只的，由城市管理行政执法部门责令改正，处五百元以上二千元以下罚款，拒不改正的，没收犬只；饲养烈性犬、"
               "大型犬的，由城市管理行政执法部门责令改正，处五千元以上一万元以下罚款，拒不改正的，没收犬只。")
    rows = parse_clause(article)
    assert [r.behaviour for r in rows] == ["养犬人未按规定办理养犬注册登记或者复检手续",
                                           "在公共楼道、楼顶、绿地、地下室等公共区域饲养犬只", "饲养烈性犬、大型犬"]
    # "拒不改正的" after a semicolon or comma is still a condition of its behaviour, not a behaviour
    assert [m.condition for m in rows[2].measures][-1] == "拒不改正的"
    graded = parse_clause("投放生活垃圾未分类的，由综合行政执法部门责令改正；情节严重的，对单位处五万元以上五十万元以下罚款")
    assert len(graded) == 1


def test_a_class_of_behaviour_punished_by_name_is_linked_to_the_duty_listing_it():
    # the penalty cites no number: only the class's name ties it to what the duty article lists
    rows = table("第十二条 用户不得有下列妨碍排水设施正常运行的行为：\n（一）向检查井倾倒垃圾；\n（二）擅自拆除排水管道。",
                 "第三十条 用户有妨碍排水设施正常运行行为的，由排水主管部门责令改正，处五百元以上五千元以下罚款。")
    [row] = [r for r in rows if r.article == "第三十条"]
    assert row.duty == "第十二条" and row.listed == ["（一）向检查井倾倒垃圾；", "（二）擅自拆除排水管道。"]
    assert filter_penalties(rows, "检查井") == [row]
    assert "第十二条所列：（一）向检查井倾倒垃圾；（二）擅自拆除排水管道）" in format_row(row)
    assert Penalty.from_json(row.to_json()) == row


def test_a_list_that_imposes_the_penalty_itself_is_no_duty():
    rows = table("第三十条 有下列妨碍排水设施正常运行的行为的，处五百元以上五千元以下罚款：\n（一）向检查井倾倒垃圾；",
                 "第三十一条 有妨碍排水设施正常运行行为造成损失的，处一千元罚款。")
    assert all(not r.listed for r in rows)


def test_bare_item_numbers_after_an_article_in_one_item_are_that_articles():
    rows = table("第十条 公园内禁止下列行为：\n（一）乱丢废弃物；\n（二）损毁花草树木；\n（三）擅自摆摊设点；\n（四）携犬进入公园。",
                 "第三十条 违反本办法规定，有下列行为之一的，按照以下规定处理：\n"
                 "（一）违反第十条第一项规定的，处以十元以上五十元以下罚款；违反第二、三项规定的，处以二百元以上二千元以下罚款。")
    fines = {r.duty: (only([r], "罚款").low, only([r], "罚款").high) for r in rows if r.article == "第三十条"}
    # the second sentence's items are 第十条's, not items of no article; 第四项 is punished nowhere
    assert fines == {"第十条第一项": (10, 50), "第十条第二项": (200, 2000), "第十条第三项": (200, 2000)}


def test_a_pointer_opened_by_dui_names_each_cited_paragraph_as_a_row():
    # "对违反本条例第X条第三款、第Y条规定的": a pointer at duties like "违反…规定的", each its own behaviour
    rows = table("第五条 禁止在公园内鸣放高音喇叭。", "禁止特种车辆在非执行任务时使用警报器。", "车辆防盗报警器鸣响后，使用者应当及时处理。",
                 "第九条 禁止在夜间进行产生噪声的装修作业。",
                 "第四十条 对违反本办法第五条第三款、第九条规定的，由公安机关给予警告；警告后仍不改正的，处以二百元以上五百元以下罚款。")
    assert [(r.duty, r.behaviour) for r in rows] == [
        ("第五条第三款", "违反第五条第三款：车辆防盗报警器鸣响后，使用者应当及时处理"),
        ("第九条", "违反第九条：禁止在夜间进行产生噪声的装修作业")]
    assert all((r.fines[0].low, r.fines[0].high) == (200, 500) for r in rows)

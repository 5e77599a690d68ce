"""The question's words as evidence: words no document uses count through their uncommon characters when
ranking but never as proof, spoken glue is not a topic, near-equal key words all count, and a bare city
name of an indexed document scopes the question."""

from __future__ import annotations

import numpy as np
import pytest

from bot.catalogue import Catalogue
from bot.evidence import Concept, concepts, coverage, uncommon_chars
from bot.figures import period_deed
from bot.key_words import covers_key, key_concepts, topic_unknown
from bot.glossary import Glossary
from bot.query import analyse
from bot.scope import with_indexed_places

CORPUS_WORDS = {"损坏": 5.0, "环境卫生": 3.0, "设施": 2.0, "罚": 2.0, "草坪": 5.1, "花坛": 5.1, "毁坏": 5.3, "洛阳": 5.0}
UNSEEN = 7.3


def idf(token: str) -> float:
    return CORPUS_WORDS.get(token, UNSEEN)


def _items(text: str) -> list[Concept]:
    return concepts(analyse(text, Glossary()), idf)


def test_uncommon_characters_tell_words_apart_and_glue_has_none():
    assert uncommon_chars("砸坏") == ("砸", "坏")
    assert uncommon_chars("因为") == () and uncommon_chars("拿到") == ()


def test_a_word_no_document_uses_ranks_by_its_characters_but_proves_nothing():
    items = [c for c in _items("垃圾箱砸坏了") if c.words[0] == "砸坏"]
    assert items and not items[0].known
    # ranking: half of 砸坏's characters are in 损坏, for at most half its weight
    assert coverage(items, "损坏环境卫生设施的") == pytest.approx(0.25)
    assert coverage(items, "损坏环境卫生设施的", partial=False) == 0.0
    assert coverage(items, "在街道上晾晒衣物的") == 0.0


def test_spoken_glue_is_not_a_topic():
    words = {c.words[0] for c in _items("因为拿到东西就砸坏了")}
    assert "砸坏" in words and not words & {"因为", "拿到", "东西"}


def test_key_words_of_nearly_equal_weight_each_count():
    items = _items("踩坏草坪、毁坏花坛的怎么罚？")
    assert {k.words[0] for k in key_concepts(items)} == {"毁坏", "草坪", "花坛"}
    assert covers_key(items, "损坏草坪、花坛的，处以罚款")
    assert not covers_key(items, "在树木上晾晒衣物的，处以罚款")


def test_money_asked_for_is_not_the_topic_of_a_penalty_question():
    # "罚多少钱" asks for the fine; the behaviour (乱停共享单车) is the topic, so a clause about 卖淫 that has
    # "元" in it does not name what is asked about
    weights = {"共享": 4.7, "元": 7.2, "万元": 7.0, "罚": 2.0}  # the glossary's 钱 -> 元 makes 钱 weigh what 元 does
    glossary = Glossary({"钱": ["元", "万元"]})
    items = concepts(analyse("共享单车乱停乱放，罚多少钱？", glossary), lambda t: weights.get(t, UNSEEN))
    assert {k.words[0] for k in key_concepts(items)} == {"共享"}


def test_words_that_shape_the_question_are_not_its_topic():
    words = {c.words[0] for c in _items("有多少审批不用跑现场、在网上就能办？")}
    assert "不用" not in words and "审批" in words
    # "一般拘几天" asks how long, "要自己拆吗" whether: neither 一般 nor 自己 is what the question is about
    words = {c.words[0] for c in _items("偷东西被抓了，一般拘几天？")} | {c.words[0] for c in _items("要自己拆吗？")}
    assert not words & {"一般", "自己"}


def test_when_it_happened_is_not_the_topic_even_in_the_glossarys_words():
    # 半夜 -> 夜间 is field vocabulary, but a story's time ("半夜…跑到小区里收垃圾") says when, not what: a clause
    # "未按照规定时间在居住小区收集生活垃圾" answers it without the word 夜间
    weights = {"夜间": 7.0, "小区": 4.0, "收集": 3.5, "垃圾": 3.0, "罚": 2.0}
    items = concepts(analyse("半夜跑到小区里收垃圾，罚多少？", Glossary({"半夜": ["夜间"]})), lambda t: weights.get(t, UNSEEN))
    assert "半夜" not in {k.words[0] for k in key_concepts(items)}
    assert covers_key(items, "未按照规定时间在居住小区收集生活垃圾的，处五千元以上五万元以下罚款")


def test_a_question_whose_every_topic_word_is_unknown_has_no_topic_in_the_documents():
    assert topic_unknown(_items("醉驾怎么处罚？"))
    assert not topic_unknown(_items("毁坏花坛怎么处罚？"))


def test_the_bare_name_of_an_indexed_documents_city_scopes_the_question():
    catalogue = Catalogue({"luoyang.md": {"title": "洛阳市城市市容和环境卫生管理条例", "kind": "regulation", "place": "洛阳"},
                           "report.md": {"title": "报告"}})
    query = with_indexed_places(analyse("洛阳有人把垃圾箱砸坏了，能罚多少？", Glossary()), catalogue)
    assert query.places == ["洛阳"]
    assert not any(c.words[0] == "洛阳" for c in key_concepts(concepts(query, idf)))
    assert with_indexed_places(analyse("郑州有人把垃圾箱砸坏了", Glossary()), catalogue).places != ["洛阳"]


def test_a_colloquial_behaviour_reaches_its_penalty_through_shared_characters(library_engine):
    answer = library_engine.answer("邻居养的狗老是吓唬人，能罚款吗？罚多少？")
    assert answer.found and answer.section.endswith("第七十五条")
    assert "二百元以上五百元以下" in answer.answer


def test_a_behaviour_no_document_names_is_refused(library_engine):
    assert not library_engine.answer("醉驾怎么处罚？").found


def test_an_english_questions_place_and_modal_verbs_are_not_its_topic():
    from bot.translate import translate

    words = {"许昌": 5.0, "游泳": 4.0, "必须": 6.0, "一定": 6.5}
    query = analyse("In Xuchang, what must a swimming club pay?", Glossary({"xuchang": ["许昌"]}))
    query = translate(query, lambda t: t in words, lambda t: 1)  # the dictionary offers 必须 for "must"
    assert query.expansions["xuchang"] == ["许昌"] and "游泳" in query.expansions["swimming"]
    keys = key_concepts(concepts(query, lambda t: words.get(t, UNSEEN)))
    assert [k.words[0] for k in keys] == ["swimming"]


def test_the_key_word_may_stand_in_another_sentence_of_the_same_article(library_engine):
    # 庆祝标语 is named in the sentence before; the period is in the one that answers
    answer = library_engine.answer("国庆节挂的庆祝标语，洛阳规定多久之内要撤掉？")
    assert answer.found and answer.section.endswith("第二十二条")
    assert "一周内撤除" in answer.sentence


def test_an_unused_compound_of_used_words_is_not_counted_twice():
    words = {"经验": 5.0, "交流": 5.0, "盗窃": 5.0, "座谈": 5.0}
    idf_of = lambda t: words.get(t, UNSEEN)  # noqa: E731
    exchange = {c.words[0] for c in concepts(analyse("执法经验交流座谈大概办了多少场？", Glossary()), idf_of)}
    assert {"经验", "交流"} <= exchange and "经验交流" not in exchange and "大概" not in exchange
    crime = {c.words[0] for c in concepts(analyse("偷了多少钱就算盗窃罪？", Glossary()), idf_of)}
    assert "盗窃罪" in crime  # 罪 is more than 盗窃: a crime, not the act


def test_a_few_is_not_a_question_for_a_number():
    glossary = Glossary()
    for text in ("邻居推搡了几下，还会罚吗？", "项目分好几期建，能分期办证吗？", "几乎每天都有人摆摊，能管吗？",
                 "If someone was held before, does that time count toward the detention?"):
        assert not analyse(text, glossary).quantity, text
    for text in ("罚几天？", "一共立案几宗？", "How many cases were filed?"):
        assert analyse(text, glossary).quantity, text


def test_hours_counted_with_a_measure_word_ask_a_period_not_a_count():
    # "多少个小时" had asked a count of 个 (units ('个',)), not a period: a deadline in 小时 did not answer it
    glossary = Glossary()
    for text in ("接到报修以后最晚多少个小时得修好？", "几个工作日内办完？"):
        query = analyse(text, glossary)
        assert query.period and "小时" in query.units and "个" not in query.units, text
    assert analyse("有多少个夜市点？", glossary).units == ("个",)


def test_a_count_in_a_penalty_questions_story_is_not_what_it_asks():
    # "自己弄了几辆大巴…拉客" had made the question count vehicles (units 辆, 台): the fine found, in 元, was
    # refused as counting something else
    glossary = Glossary()
    story = analyse("有个老板没签协议，自己弄了几辆大巴在市区拉客，被查到了要罚多少？", glossary)
    assert story.penalty and not {"辆", "台"} & set(story.units)
    assert {"辆", "台"} <= set(analyse("去年一共查扣了多少辆渣土车？", glossary).units)


def test_a_one_character_word_done_so_many_times_is_a_verb_not_the_topic():
    # jieba tags 报 a noun even in "报一次"; as a one-character noun it had outweighed 用水量 (real weights)
    weights = {"报": 4.6, "用水量": 4.0, "用水": 2.2, "水量": 3.7, "水务": 2.8, "实际": 3.4, "部门": 1.2, "多久": 2.0,
               "得": 1.9, "给": 1.5, "一次": 2.0}
    items = concepts(analyse("多久得给水务部门报一次实际用水量？", Glossary()), lambda t: weights.get(t, UNSEEN))
    assert "报" not in {k.words[0] for k in key_concepts(items)} and "用水量" in {k.words[0] for k in key_concepts(items)}
    items = concepts(analyse("每个月报给水务部门的用水量是编出来的，怎么处理？", Glossary()), lambda t: weights.get(t, UNSEEN))
    assert "报" not in {k.words[0] for k in key_concepts(items)}
    assert "鸡" in {k.words[0] for k in key_concepts(concepts(analyse("养了几只鸡，罚多少？", Glossary()),
                                                             lambda t: {"鸡": 4.6, "养": 3.0}.get(t, UNSEEN)))}


def test_a_kind_of_area_is_not_a_place():
    from bot.tokenize import place_names

    assert place_names("旧城区改造项目的绿地率") == [] and place_names("开发区和中心城区") == []
    assert place_names("郑州市旧城区") == ["郑州"]


def test_a_figure_the_question_gives_is_not_its_answer():
    from bot.figures import figures, pick_figure, restates

    question = "罚款过了十五天还没交，每天加处多少罚款？"
    sentence = "应当自收到处罚决定书之日起十五日内缴纳罚款；到期不缴纳的，每日按罚款数额的百分之三加处罚款。"
    fifteen, three = figures(sentence)
    assert restates(fifteen, figures(question)) and not restates(three, figures(question))  # 十五天 is 十五日
    assert pick_figure(analyse(question, Glossary()), sentence, _items(question)).text == "百分之三"


def test_a_figure_is_picked_by_the_behaviour_its_part_of_the_sentence_names():
    from bot.figures import pick_figure

    # every amount stands in a comma-clause of its own ("处五千元以上一万元以下罚款"); the behaviour it is for is
    # named earlier in the same part of the sentence, after the last ；
    question = "郑州养大型犬罚多少？"
    sentence = ("养犬人未按规定办理养犬注册登记的，暂扣犬只，并可处以每只三千元罚款；在公共区域饲养犬只的，处五百元以上"
                "二千元以下罚款；饲养烈性犬、大型犬的，由城市管理行政执法部门责令改正，处五千元以上一万元以下罚款。")
    assert pick_figure(analyse(question, Glossary()), sentence, _items(question)).text == "五千元以上一万元以下"


def test_words_that_qualify_rather_than_name_are_not_key_words():
    # adjectives, pronoun phrases, place words, "caught" and the unit of the figure asked for: none is a topic
    words = {"广告": 3.0, "干净": 11.0, "拆": 3.0, "这条": 9.0, "路": 2.0, "挖": 3.0, "摘花": 5.0, "抓到": 12.0,
             "门口": 9.0, "摆摊": 6.0, "每平方米": 9.0, "绿地": 3.0, "老板": 9.0, "扬尘": 5.0, "发现": 12.0, "烧烤": 6.0,
             "打算": 9.0}
    for text, topic in (("临时的大广告几天之内得拆干净？", "广告"), ("这条路被挖了", "路"), ("摘花抓到了能罚多少钱？", "摘花"),
                        ("门口有人摆摊", "摆摊"), ("烧烤被发现了", "烧烤"), ("绿地每平方米多少元？", "绿地"), ("工地扬尘，老板不让检查", "扬尘"),
                        ("我打算去门口摆摊", "摆摊")):
        keys = key_concepts(concepts(analyse(text, Glossary()), lambda t: words.get(t, UNSEEN)))
        assert [k.words[0] for k in keys] == [topic], text


def test_an_adverb_of_one_character_is_not_a_key_word_and_a_key_of_one_character_stands_inside_a_word():
    words = {"路": 2.0, "又": 2.5, "挖": 1.0, "车": 5.0, "罚": 2.0}
    items = concepts(analyse("路又被挖了", Glossary()), lambda t: words.get(t, UNSEEN))
    assert [k.words[0] for k in key_concepts(items)] == ["路"]
    assert covers_key(items, "城市道路交付使用后五年内不得挖掘") and not covers_key(items, "城市绿地不得占用")
    truck = concepts(analyse("拉土的那种车，罚多少？", Glossary()), lambda t: words.get(t, UNSEEN))
    assert covers_key(truck, "运输渣土的车辆") and not covers_key(truck, "运输渣土的行为")


def test_a_noun_of_one_character_names_the_topic_by_its_full_weight():
    words = {"鸡": 6.0, "院子": 4.0, "养": 3.0}
    items = concepts(analyse("院子里养了几只鸡，罚多少？", Glossary()), lambda t: words.get(t, UNSEEN))
    assert [k.words[0] for k in key_concepts(items)] == ["鸡"]


def test_the_bound_of_the_figure_asked_for_is_not_a_topic():
    for text in ("最多能罚他多少钱？", "最长能占多长时间？", "最少要补种几棵？", "几年之内不能挖？"):
        assert not {"最多", "最长", "最少", "不能"} & {c.words[0] for c in _items(text)}, text


def test_a_penalty_asked_in_passing_and_a_period_that_only_describes_the_behaviour():
    assert analyse("最多能罚他多少钱？", Glossary()).penalty and analyse("罚得重不重？", Glossary()).penalty
    described = analyse("临时占用绿地期满后未按规定期限恢复的，如何处罚？", Glossary())
    assert described.penalty and not described.period
    assert analyse("申请复议的期限是多久？", Glossary()).period and analyse("有期限吗？", Glossary()).period
    assert analyse("How soon must garbage be removed?", Glossary()).period


def test_how_long_a_validity_lasts_is_a_period_not_a_length():
    asked = analyse("新乡户外广告有效期多长？", Glossary())
    assert asked.period and "年" in asked.units
    assert not analyse("在有效期内被拆除怎么补偿？", Glossary()).period  # the validity describes the case


def test_the_storys_time_is_no_period_asked_for():
    for text in ("这几天发了预警，罚多少？", "前几年盖的房子，能罚吗？"):
        assert not analyse(text, Glossary()).period, text
    for text in ("得提前几天申请？", "几年之内不能挖？", "要在几个小时内报告？"):
        assert analyse(text, Glossary()).period, text


def test_how_often_the_story_says_something_happened_is_no_count_asked_for():
    # "说了好几次都不改": the asker told them several times; the question asks how much the fine can reach
    query = analyse("洗车店把污水管接到雨水管上，说了好几次都不改，情节严重的话最多罚到多少？", Glossary())
    assert query.penalty and "次" not in query.units
    assert "次" in analyse("一共办了几次培训？", Glossary()).units


def test_a_size_asked_wants_a_length_or_an_area():
    # "做多大才算大型户外广告" is answered by "边长四米以上或者面积十平方米以上", not by a fine of the same article
    assert {"米", "平方米"} <= set(analyse("广告牌做多大才算大型户外广告？", Glossary()).units)
    assert analyse("有多大比例的案子是轻罚的？", Glossary()).units == ("%",)


def test_a_measure_word_inside_another_word_asks_for_no_unit():
    # 项目, 部门, 期限, 个人 hold the measure words 项, 部, 期, 个: a penalty question still asks for money
    text = "项目部门的个人超过期限，罚多少钱？"
    assert analyse(text, Glossary()).units == ("万元", "亿元", "元")
    assert analyse("设置了多少个便民点？", Glossary()).units == ("个",)
    assert "项" in analyse("制定了几项措施？", Glossary()).units


def test_a_total_asks_what_was_done():
    assert analyse("2023年罚款总额是多少？", Glossary()).about_activity
    assert not analyse("罚款最高是多少？", Glossary()).about_activity


def test_an_english_word_takes_the_sense_its_company_in_the_documents_shares():
    from bot.translate import translate

    # chunks: 1 holds 携带 and 匕首 (the clause asked about); 2 holds 搬运; 3 holds 运载
    holders = {"携带": [1], "匕首": [1], "搬运": [2], "运载": [3], "运送": [3]}
    known = lambda t: t in holders  # noqa: E731
    rows = lambda t: np.array(holders.get(t, []), np.int64)  # noqa: E731
    df = lambda w: 9 if w == "携带" else 1  # noqa: E731  (携带 is the least specific sense here)
    query = translate(analyse("What is the penalty for carrying a dagger?", Glossary()), known, df, rows)
    assert "携带" in query.expansions["carrying"] and query.expansions["dagger"] == ["匕首"]
    assert len(query.expansions["carrying"]) == 2  # beside it, the most specific sense
    # without the documents' company the two most specific senses are taken, whatever they mean here
    alone = translate(analyse("What is the penalty for carrying a dagger?", Glossary()), known, df)
    assert "携带" not in alone.expansions["carrying"]


def test_an_english_phrasal_verb_is_looked_up_with_its_verb_uninflected():
    from bot.translate import translate

    # CC-CEDICT glosses 截断 "to cut off": "cutting off" must find it, not only "cutting" (开凿, to dig)
    known = lambda t: t in {"截断", "开凿", "湿地", "水源"}  # noqa: E731
    query = translate(analyse("What is the fine for cutting off a wetland's water source?", Glossary()), known, lambda w: 1)
    assert "截断" in query.expansions["cutting off"] and query.expansions["water source"] == ["水源"]


def test_an_english_place_is_a_place_by_the_name_the_documents_use():
    catalogue = Catalogue({"n.md": {"title": "南阳市城市绿化条例", "kind": "regulation", "place": "南阳"}})
    query = with_indexed_places(analyse("In Nanyang, what is the green space ratio?", Glossary()), catalogue)
    assert "南阳" in query.places and query.expansions["nanyang"] == ["南阳"]
    place = [c for c in concepts(query, idf) if c.words[0] == "nanyang"]
    assert place and place[0].place and "nanyang" not in [k.words[0] for k in key_concepts(concepts(query, idf))]


@pytest.mark.parametrize("place, english", [("长治", "Changzhi"), ("朝阳", "Chaoyang")])
def test_an_english_place_is_found_in_any_reading_of_its_characters(place, english):
    # the dictionary's phrase table reads 长治 "Zhangzhi" and 朝阳 "Zhaoyang"; the city is spelled as it is said
    catalogue = Catalogue({"p.md": {"title": f"{place}市城市绿化条例", "kind": "regulation", "place": place}})
    query = with_indexed_places(analyse(f"In {english}, what is the fine for felling a tree?", Glossary()), catalogue)
    assert place in query.places and catalogue.resolve_place(english) == place
    assert catalogue.resolve_place("Tahe") == "Tahe"  # a name no document is about stays as asked


def test_an_english_questions_key_word_is_its_most_specific_translation():
    from bot.translate import translate

    # 重大 is in many clauses, 大修 in few: "overhaul" names the topic, "major" does not
    weights = {"重大": 2.0, "主要": 1.5, "大修": 6.0, "挖掘": 4.0}
    query = analyse("How long after a major overhaul may a road not be dug?", Glossary())
    query = translate(query, lambda t: t in weights, lambda w: 1)
    keys = key_concepts(concepts(query, lambda t: weights.get(t, UNSEEN)))
    assert [k.words[0] for k in keys] == ["overhaul"]


def test_the_words_that_frame_an_english_question_are_not_counted():
    words = {c.words[0] for c in _items("What's the fine if someone doesn't clean up after their dog?")}
    # ("fine" counts only through the glossary's Chinese for it, which this empty glossary lacks)
    assert not words & {"s", "t", "if", "someone", "doesn", "after", "fine"} and {"clean", "dog"} <= words
    # what the asker wants and whether it is allowed frame the question too; they weigh on no clause
    words = {c.words[0] for c in _items("If I want to extend my permit, how far ahead of the expiry date must I apply?")}
    assert not words & {"want", "ahead"} and {"extend", "permit", "expiry"} <= words
    words = {c.words[0] for c in _items("Is anyone still allowed to set off fireworks, or is it forbidden?")}
    assert not words & {"anyone", "still", "allowed", "forbidden"} and "fireworks" in words
    words = {c.words[0] for c in _items("What penalties apply to construction whose impact goes along the road?")}
    assert not words & {"whose", "goes", "along"} and {"construction", "impact", "road"} <= words


def test_a_penalty_question_counts_money_not_what_its_story_counts():
    from bot.evidence import focus_tokens

    assert focus_tokens(analyse("有人占了几个车位摆摊卖海鲜，罚多少？", Glossary())) == set()
    assert "防范措施" in focus_tokens(analyse("制定了多少项防范措施？", Glossary()))


def test_a_fragment_of_a_places_full_name_is_the_place_not_a_topic():
    # the search-mode cut of 郑州市区 also yields 州市, a word the corpus uses (in 郑州市) and rarer than the topic
    words = {"郑州": 4.5, "州市": 4.5, "郑州市": 4.5, "大型": 3.4, "大型犬": 4.4, "罚": 2.0}
    items = concepts(analyse("郑州市区养了条大型犬，罚多少？", Glossary()), lambda t: words.get(t, UNSEEN))
    assert [k.words[0] for k in key_concepts(items)] == ["大型犬"]


@pytest.mark.parametrize("question, person", [("城管大力推行的工作法叫什么？", False), ("这个制度叫什么？", False),
                                              ("局长叫什么？", True), ("分管领导叫什么名字？", True), ("由谁审批？", False)])
def test_what_a_thing_is_called_asks_no_person(question, person):
    assert analyse(question, Glossary({})).asks_person is person


@pytest.mark.parametrize("question, person", [
    ("Who approves the master plan?", True), ("In Xuchang, who approves the master plan?", True),
    ("To whom is the fine paid?", True), ("What must a driver who stops in a drop-off zone do?", False),
    ("What fine does someone who walks a dog without a leash face?", False)])
def test_a_relative_who_asks_no_person(question, person):
    assert analyse(question, Glossary({})).asks_person is person


def test_a_behaviour_not_done_is_told_apart_from_a_question_of_whether():
    from bot.rules import not_done

    assert not_done(analyse("小区里扔垃圾不分类，罚多少？", Glossary())) == ("分类",)
    assert not_done(analyse("地拿了一直没有开工怎么办？", Glossary())) == ("开工",)
    assert not_done(analyse("几天之内要决定受不受理？", Glossary())) == ()  # asks whether, not what was not done


def test_the_object_of_a_verb_not_done_is_what_a_law_words_with_its_own_verb():
    """"不捡狗屎": a law writes "未即时清理…粪便", so only the object names the clause; "不算大型的" tells no deed."""
    from bot.rules import not_done_objects

    assert not_done_objects(analyse("遛狗不捡狗屎，罚多少？", Glossary())) == ("狗屎",)
    assert not_done_objects(analyse("骑电动车不戴头盔罚多少？", Glossary())) == ("头盔",)
    assert not_done_objects(analyse("我挂了个小广告牌，不算大型的，要登记吗？", Glossary())) == ()
    assert not_done_objects(analyse("扔垃圾不分类罚多少？", Glossary())) == ()  # not_done's: 分类 itself is the deed


def test_a_time_limit_the_story_tells_of_is_no_period_asked_for():
    """"批的期限快到了，要自己拆吗" asks what to do as the limit runs out, not how long it is."""
    for text in ("批的期限快到了，要自己拆吗？", "临时占用的期限已过，还要交费吗？", "许可期限届满了还能续期吗？"):
        assert not analyse(text, Glossary()).period, text
    assert analyse("临时建设的期限是多长？", Glossary()).period and analyse("申请复议有期限吗？", Glossary()).period


def test_what_befell_someone_in_the_story_is_not_the_topic():
    """"被投诉好多次了": the complaints tell how the case came up; the topic is collecting garbage at night."""
    words = {"投诉": 5.0, "收": 1.0, "垃圾": 3.5, "小区": 3.0, "罚": 2.0}
    items = concepts(analyse("清运公司跑到小区里收垃圾，被投诉好多次了，能罚多少？", Glossary()), lambda t: words.get(t, UNSEEN))
    assert [k.words[0] for k in key_concepts(items)] == ["垃圾"]
    items = concepts(analyse("投诉好多次了，能罚多少？", Glossary()), lambda t: words.get(t, UNSEEN))
    assert [k.words[0] for k in key_concepts(items)] == ["投诉"]  # asked about, not befallen


def test_what_one_should_do_asks_no_penalty():
    """"应该怎么处理" asks the proper way to do something; "会怎么处理" asks what follows a behaviour."""
    for text in ("旧沙发不要了，应该怎么处理？", "这种垃圾需要怎么处理？", "垃圾该怎么办？"):
        assert not analyse(text, Glossary()).penalty, text
    for text in ("被逮到会怎么处理？", "乱贴小广告怎么处理？", "修了还是不达标怎么办？"):
        assert analyse(text, Glossary()).penalty, text


def test_an_english_phrase_the_dictionary_glosses_whole_is_looked_up_whole():
    from bot.translate import translate

    # "flood control" is 防汛 in CC-CEDICT, though neither "flood" nor "control" alone is; the words are still
    # looked up on their own ("room temperature" is 室温, and the documents may write 室内温度)
    known = lambda t: t in {"防汛", "洪灾", "控制", "河道"}  # noqa: E731
    query = translate(analyse("Who is in charge of flood control on the river?", Glossary()), known, lambda w: 1)
    assert query.expansions["flood control"] == ["防汛"]
    assert "洪灾" in query.expansions["flood"] and "控制" in query.expansions["control"]
    # an article opens no phrase: "a planned stop" is not "a plan" (平面图)
    plan = translate(analyse("Is there a planned stop?", Glossary()), lambda t: t == "平面图", lambda w: 1)
    assert not any("平面图" in v for v in plan.expansions.values())


@pytest.mark.parametrize("question, quantity", [("What is the speed limit for cars crossing city bridges?", True),
                                                ("What is the height limit for trucks under the bridge?", True),
                                                ("Is there a speed bump on the bridge?", False)])
def test_a_limit_asked_by_name_asks_for_a_figure(question, quantity):
    # "限速多少": a clause saying only "应当遵守…限速等相关规定" gives no limit, and is refused for want of one
    assert analyse(question, Glossary()).quantity is quantity


@pytest.mark.parametrize("question", ["公园草坪边上有人插了个广告牌，这种按什么标准罚？", "在楼道里堆杂物咋罚？",
                                      "乱贴小广告的，城管怎么罚？"])
def test_a_penalty_asked_in_everyday_words_is_a_penalty_question(question):
    # "按什么标准罚？" had been read as no penalty question, and a clause with no penalty answered it
    assert analyse(question, Glossary()).penalty


def test_a_period_question_is_about_what_the_period_governs():
    # 申请 in "自受理申请之日起六十日内作出行政复议决定" only says when the period starts; the period that answers
    # "申请行政复议的期限" governs the application itself
    query = analyse("申请行政复议的期限是多少天？", Glossary())
    items = concepts(query, lambda t: 2.0)
    applying = period_deed(query, "可以自知道该具体行政行为之日起六十日内提出行政复议申请", items)
    deciding = period_deed(query, "行政复议机关应当自受理申请之日起六十日内作出行政复议决定", items)
    assert applying > deciding > 0.0
    assert period_deed(query, "行政复议机关应当依法审理", items) == 0.0  # no period at all
    fine = analyse("申请行政复议逾期罚多少？", Glossary())  # not a period question
    assert period_deed(fine, "可以自知道之日起六十日内提出行政复议申请", concepts(fine, lambda t: 2.0)) == 0.0


@pytest.mark.parametrize("question, units, expected", [
    ("多少个月内要投入营运？", ["年"], False), ("多少个月内要投入营运？", ["个月"], True),
    ("欠了几个月水费被停水了，交上以后多长时间之内必须来水？", ["小时"], True),  # the months are the story's
    ("how many days does the office have to decide?", ["个工作日"], True), ("多久之内要办？", ["年"], True)])
def test_a_period_asked_in_a_scale_is_answered_in_that_scale(question, units, expected):
    from bot.figures import Figure
    from bot.query import asked_part
    from bot.refusal import _in_asked_scale

    found = [Figure("八" + u, 0, u) for u in units]
    assert _in_asked_scale(asked_part(question, not question.isascii()), found) is expected


@pytest.mark.parametrize("spoken, written", [
    ("我在泉渠里洗了个澡", "我在泉渠里洗澡"), ("他抽了根烟", "他抽烟"), ("在路边停了个车", "在路边停车"),
    ("被罚了款", "被罚款"), ("洗个澡", "洗澡"),
    # no split verb: a verb repeated, a measure word after a pronoun, 把 marking the object
    ("顺手把电动车冲了冲", "顺手把电动车冲了冲"), ("那个车", "那个车"), ("每个人", "每个人"), ("有个人在钓鱼", "有个人在钓鱼"),
    ("到了个地方", "到了个地方")])
def test_a_verb_split_in_speech_is_read_whole(spoken, written):
    from bot.spoken import rejoined

    assert rejoined(spoken) == written


def test_a_word_with_a_place_word_stuck_on_is_the_word_the_documents_use():
    # jieba cuts 泉渠里 as 泉 / 渠里: neither is the regulation's 泉渠, so the story's own topic was lost
    weights = {"泉渠": 3.5, "泉": 1.4, "洗澡": 4.7, "路": 1.5}
    words = {c.words[0] for c in concepts(analyse("在泉渠里洗了个澡罚多少？", Glossary()), lambda t: weights.get(t, UNSEEN))}
    assert {"泉渠", "洗澡"} <= words and "渠里" not in words
    # one character alone is no word of its own: "路边" is not 路, which names every road
    words = {c.words[0] for c in concepts(analyse("在路边搭板房罚多少？", Glossary()), lambda t: weights.get(t, UNSEEN))}
    assert "路" not in words


def test_how_likely_a_fine_is_is_not_the_topic():
    items = concepts(analyse("我个人可能会罚多少？", Glossary()), lambda t: 4.0)
    assert "可能" not in {c.words[0] for c in items}


def test_numbers_in_english_words_are_searched_as_the_documents_write_them():
    from bot.numerals import english_numbers
    from bot.translate import _numbers

    assert english_numbers("seventy-two springs, twenty tonnes, three hundred and fifty yuan, five thousand") == \
        {"seventy-two": 72, "twenty": 20, "three hundred and fifty": 350, "five thousand": 5000}
    assert _numbers("Within how many metres of the seventy-two springs?") == {"seventy-two": ["七十二", "72"]}
    assert _numbers("one of them") == {}  # "one" is as often a pronoun


@pytest.mark.parametrize("question, period", [
    ("Within how many metres of the pools is building prohibited?", False),
    ("Within how many days must the office decide?", True), ("Within how long must it be filed?", True)])
def test_within_how_many_metres_asks_a_distance_not_a_period(question, period):
    assert analyse(question, Glossary()).period is period


@pytest.mark.parametrize("question, broken", [
    ("在湿地内引进外来物种违反的是哪一条？", True), ("擅自移动保护标志牌违反了第几条？", True),
    ("擅自移动保护标志牌的处罚在哪一条？", False), ("Which article does removing a protection sign violate?", True),
    ("Which article sets the fine for removing a protection sign?", False)])
def test_which_rule_a_behaviour_breaks_is_told_from_which_article_punishes_it(question, broken):
    from bot.query import asks_rule_broken

    assert asks_rule_broken(analyse(question, Glossary())) is broken


def test_legal_filler_with_no_chinese_is_no_word_of_an_english_question():
    # "regulation" and "long" have no translation (they are filler): as words no clause could hold, they only
    # lowered every clause's share of the question found
    words = {c.words[0] for c in _items("How long does the regulation give to pay the fine?")}
    assert not {"regulation", "long"} & words


@pytest.mark.parametrize("question, quantity, period", [
    # dates and a month of the year are asked, no count ("几个月" stays a period)
    ("每年的森林防火期是从几月几号到几月几号？", False, False),
    ("宣传月是每年几月？", False, False),
    # a story's "几个" and "金额" in a penalty question: the clause that asks counts nothing
    ("我们村几个泥瓦匠凑了个施工队，没有资质，要是被查到，会怎么处理？", False, False),
    ("工作人员收了红包，金额不大，他会受到什么处理？", False, False),
    ("我家门口停了几辆车，罚多少？", True, False),
    ("What is the minimum coverage of the insurance?", True, False),
    ("How often must the building be appraised?", False, True)])
def test_what_a_question_counts_is_read_where_it_asks(question, quantity, period):
    query = analyse(question, Glossary())
    assert (query.quantity, query.period) == (quantity, period)


def test_a_share_of_a_whole_asks_a_percentage():
    assert analyse("应当完成开发投资总额的多少？", Glossary()).units == ("%",)


def test_every_so_many_years_is_a_period():
    from bot.figures import figures

    assert [f.text for f in figures("至少每十年对建筑幕墙进行一次安全性检测鉴定。")] == ["十年"]
    assert figures("每一年") == [] and figures("每日") == []


def test_a_subject_the_title_names_does_not_name_what_is_asked_of_it():
    from bot.key_words import beyond_the_title

    weights = {"机动车": 3.2, "机动": 3.2, "动车": 3.2, "罚": 2.0, "罚款": 2.0, "污染": 3.0, "控制": 3.0, "装置": 3.5}
    glossary = Glossary({"冒黑烟": ["排放黑烟", "可见黑烟"], "罚多少": ["罚款"]})
    title = "许昌市机动车和非道路移动机械排气污染防治条例"

    def items(question):
        return concepts(analyse(question, glossary), lambda t: weights.get(t, UNSEEN))

    # every clause of the regulation is about 机动车; 冒黑烟, in none of its forms, is what is asked
    assert beyond_the_title(items("机动车冒黑烟罚多少？"), title)
    # a deed the documents name is a key word of its own; a question of the subject alone asks nothing beyond it
    assert not beyond_the_title(items("机动车拆了污染控制装置罚多少？"), title)
    assert not beyond_the_title(items("机动车罚多少？"), title)
    # in a document whose title does not name the subject, 机动车 is what tells its clauses apart
    assert not beyond_the_title(items("机动车冒黑烟罚多少？"), "许昌市城市市容和环境卫生管理条例")
    # a measure word the glossary spells otherwise ("一棵树" for 株) names no deed
    assert not beyond_the_title(concepts(analyse("绿化树锯了，一棵树罚多少？", Glossary({"棵": ["株"]})),
                                         lambda t: {"绿化": 1.8, "罚": 2.0}.get(t, UNSEEN)), "开封市城市绿化条例")


def test_a_measure_named_is_not_the_thing_counted():
    # "seal up a shop as a compulsory measure, how many of them have to be there": people, not measures (项)
    query = analyse("When officers come to seal up a shop as a compulsory measure, how many of them have to be there?",
                    Glossary())
    assert "人" in query.units and "项" not in query.units
    assert "项" in analyse("How many prevention measures were drawn up against integrity risks?", Glossary()).units


def test_carrying_out_an_administrative_act_is_no_question_of_dates():
    assert not analyse("不得在夜间实施行政强制执行的是哪一条？", Glossary()).about_adoption
    assert analyse("这部条例从哪天起施行？", Glossary()).about_adoption


def test_temperatures_kinds_and_animals_are_figures_a_question_can_ask_for():
    from bot.figures import figures

    assert [(f.text, f.unit) for f in figures("起居室的温度不低于十八摄氏度")] == [("十八摄氏度", "摄氏度")]
    assert [(f.text, f.unit) for f in figures("本省生活垃圾分为下列四类：")] == [("四类", "类")]
    assert [(f.text, f.unit) for f in figures("每一户籍限养一只犬只")] == [("一只", "只")]
    assert figures("第一类污染物") == []  # an ordinal, no count
    assert "摄氏度" in analyse("卧室的温度最低要达到多少度？", Glossary()).units
    assert "摄氏度" in analyse("What is the minimum temperature that must be kept in bedrooms?", Glossary()).units
    # a temperature only named is not the figure asked: "how quickly must they measure the room temperature"
    assert "摄氏度" not in analyse("How quickly must the heating company measure the room temperature?", Glossary()).units
    assert "只" in analyse("一户最多能养几只？", Glossary()).units


def test_a_count_in_the_story_before_a_question_of_what_or_how_asks_no_number():
    assert not analyse("我们医院想在住院楼的楼顶上立几个大字当招牌，对样式有啥要求？", Glossary()).quantity
    assert analyse("我们医院想在楼顶立招牌，最多能立几个？", Glossary()).quantity


def test_the_question_ends_at_its_question_mark_not_with_the_story_after_it():
    from bot.query import asked_part

    assert asked_part("县城里的垃圾分类到底是哪个部门在管？我想打电话反映问题。", True) == "县城里的垃圾分类到底是哪个部门在管？"
    assert asked_part("老房子漏水了，该找谁修？", True) == "该找谁修"


def test_spoken_adverbs_and_modals_are_no_key_words():
    # heavier than the topic, as rare words of a corpus can be: only their kind keeps them from being the key word
    weights = {"已经": 6.8, "必须": 6.8, "泰迪": 5.0}
    items = concepts(analyse("家里已经有一只泰迪了，必须办证吗？", Glossary()), lambda t: weights.get(t, UNSEEN))
    keys = {k.words[0] for k in key_concepts([c for c in items if c.words[0] in weights])}
    assert keys == {"泰迪"}


def test_a_share_of_a_fee_answers_how_much_of_it_is_refunded():
    from bot.refusal import _SHARE_OF_A_SUM

    assert _SHARE_OF_A_SUM.search("供热企业应当按照温度不达标天数退还不合格天数收费额的30%")
    assert _SHARE_OF_A_SUM.search("处工程合同价款的百分之二以上百分之四以下的罚款")
    assert not _SHARE_OF_A_SUM.search("达到总户数50%以上的")


def test_holding_a_licence_is_told_from_lacking_one():
    from bot.choose import _HOLDS_LICENCE, _LACKS_LICENCE

    assert all(_HOLDS_LICENCE.search(t) for t in ("证照齐全", "他是持证经营的", "证都有", "A licensed antiques shop"))
    assert not any(_HOLDS_LICENCE.search(t) for t in ("还没拿到许可证", "没有证", "没办证", "The shop has no licence",
                                                     "an unlicensed hauler", "登记证有效期多久"))
    assert _LACKS_LICENCE.search("未取得供热经营许可证从事供热经营活动的")
    assert not _LACKS_LICENCE.search("供热企业不按照供热经营许可证的规定从事供热经营活动的")

"""The follow-up resolver: (question before, follow-up) -> the standalone question it is read as."""

from __future__ import annotations

import pytest

from bot.followup import in_context, resolve
from bot.reading import Citation, differs
from bot.smalltalk import smalltalk_kind

REPORT = Citation("许昌市城市管理局关于2023年法治政府建设情况的报告")
GREENING = Citation("南阳市城市绿化条例(2019-01-14)", "第三十六条")


@pytest.mark.parametrize("previous, followup, standalone", [
    ("2023年共立案多少宗？", "那罚款收了多少？", "2023年罚款收了多少？"),
    ("2023年共立案多少宗？", "那2022年呢？", "2022年共立案多少宗？"),
    ("2023年共立案多少宗？", "那罚没收入呢？", "2023年共罚没收入多少？"),
    ("今年以来共公示行政处罚多少件？", "那行政许可呢？", "今年以来共公示行政许可多少件？"),
    ("今年以来共办理局长信箱信件多少件？", "市长信箱的呢？", "今年以来共办理市长信箱信件多少件？"),
    ("目前公布免于处罚事项多少项？", "那不予处罚的呢？", "目前公布不予处罚事项多少项？"),
    ("违法建设怎么处罚？", "那毁坏草坪呢？", "毁坏草坪怎么处罚？"),
    ("违法建设怎么处罚？", "这个有没有特殊情况？", "违法建设有没有特殊情况？"),
    ("新建区的绿地面积应当占总用地面积的多少？", "那改建旧城区呢？", "改建旧城区的绿地面积应当占总用地面积的多少？"),
    ("城市市容和环境卫生管理条例第十条规定了什么？", "那第十一条呢？", "城市市容和环境卫生管理条例第十一条规定了什么？"),
    ("法治政府示范市创建是怎么部署的？", "为此做了哪些工作？", "为法治政府示范市创建做了哪些工作？"),
    ("How many cases were filed in 2023?", "And the fines?", "How many fines were filed in 2023?"),
    ("How many cases were filed in 2023?", "What about 2022?", "How many cases were filed in 2022?"),
    ("How many night market spots were set up?", "And the convenience service points?",
     "How many convenience service points were set up?"),
])
def test_a_follow_up_becomes_a_standalone_question(previous, followup, standalone):
    reading = resolve(previous, followup, REPORT)
    assert reading.followup and reading.question == standalone and not reading.about_answer


@pytest.mark.parametrize("previous, question", [
    ("2023年共立案多少宗？", "2024年有什么安排？"),
    ("2023年共立案多少宗？", "设置了多少个便民服务点？"),
    ("How many cases were filed in 2023?", "How many night market spots were set up?"),
    (None, "那行政许可呢？"),
])
def test_a_question_that_stands_alone_ignores_the_history(previous, question):
    reading = resolve(previous, question, REPORT)
    assert not reading.followup and reading.question == question


@pytest.mark.parametrize("followup", ["它在报告哪一部分？", "这个出自哪一节？", "Which section is it in?"])
def test_where_questions_are_about_the_previous_answer(followup):
    reading = resolve("2023年共立案多少宗？", followup, REPORT)
    assert reading.followup and reading.about_answer == "where" and reading.question == "2023年共立案多少宗"


def test_this_article_stays_in_the_cited_regulation():
    reading = resolve("擅自砍伐城市树木怎么处罚？", "这一条还规定了什么？", GREENING)
    assert reading.about_answer == "article" and reading.question == "《南阳市城市绿化条例》第三十六条还规定了什么？"
    assert reading.doc == GREENING.doc and reading.article == "第三十六条"


def test_an_ellipsis_after_a_regulation_names_that_regulation():
    reading = resolve("擅自砍伐城市树木怎么处罚？", "那损坏草坪呢？", GREENING)
    assert reading.question == "《南阳市城市绿化条例》损坏草坪怎么处罚？" and reading.doc == GREENING.doc


def test_understood_as_is_shown_only_when_the_reading_changed():
    assert not differs("讲座办了几期呢？", "讲座办了几期？")
    assert differs("那罚款呢？", "2023年罚款是多少？")


@pytest.mark.parametrize("text, kind", [
    ("你好", "hello"), ("您好！", "hello"), ("hi", "hello"), ("谢谢", "thanks"), ("好的，谢谢！", "thanks"),
    ("thank you", "thanks"), ("你是谁", "help"), ("你能做什么？", "help"), ("怎么用", "help"), ("help", "help"),
    ("What can you do?", "help"), ("再见", "bye"),
    ("2023年共立案多少宗？", ""), ("你好，2023年共立案多少宗？", ""), ("谢谢你们的执法工作有哪些？", ""),
    ("how many cases in 2023", ""),
])
def test_small_talk_is_told_from_questions(text, kind):
    assert smalltalk_kind(text) == kind


def test_another_article_of_the_cited_regulation_is_read_from_it():
    cited = Citation("城市市容和环境卫生管理条例(2017-03-01)", "第十二条")
    reading = resolve("城市市容和环境卫生管理条例第十二条规定了什么？", "那第十三条呢？", cited)
    assert reading.question == "城市市容和环境卫生管理条例第十三条规定了什么？"
    assert reading.about_answer == "article" and reading.article == "第十三条" and reading.doc == cited.doc


PLACES = frozenset({"许昌", "南阳", "洛阳"})
REVIEW = Citation("中华人民共和国行政复议法", "第二十条")


@pytest.mark.parametrize("previous, followup, cited, standalone", [
    # a party narrows a question about rules, or takes the place of the party named before
    ("违法建设怎么处罚？", "那个人呢？", Citation(), "个人违法建设怎么处罚？"),
    ("违法建设怎么处罚？", "那个单位呢？", Citation(), "单位违法建设怎么处罚？"),
    ("单位违法建设怎么处罚？", "个人呢？", Citation(), "个人违法建设怎么处罚？"),
    ("对单位怎么罚？", "那个体户的呢？", Citation(), "对个体户怎么罚？"),
    ("《南阳市城市绿化条例》擅自砍伐城市树木怎么处罚？", "单位呢？", Citation(), "《南阳市城市绿化条例》单位擅自砍伐城市树木怎么处罚？"),
    # ...with the deed asked before ("砍的", "养的"), or supposed ("如果是…的话")
    ("南阳砍古树罚多少？", "那要是单位砍的呢？", Citation(), "单位南阳砍古树罚多少？"),
    ("郑州养狗不办证罚多少？", "要是公司养的呢？", Citation(), "公司郑州养狗不办证罚多少？"),
    ("违法建设怎么处罚？", "如果是个人的话呢？", Citation(), "个人违法建设怎么处罚？"),
    # a circumstance the rules grade by
    ("违法建设怎么处罚？", "情节严重的呢？", Citation(), "违法建设，情节严重的怎么处罚？"),
    # a version of the law cited
    ("申请行政复议有期限吗？", "2017年版的呢？", REVIEW, "《中华人民共和国行政复议法》2017年版申请行政复议有期限吗？"),
    ("申请行政复议有期限吗？", "那2017版呢？", REVIEW, "《中华人民共和国行政复议法》2017年版申请行政复议有期限吗？"),
    ("What is the fine for illegal construction?", "What about individuals?", Citation(),
     "What is the fine for illegal construction for individuals?"),
    ("How long do I have to apply for administrative review?", "What about the 2017 version?", REVIEW,
     "How long do I have to apply for administrative review in the 2017 version?"),
])
def test_a_qualifier_narrows_the_question_before(previous, followup, cited, standalone):
    reading = resolve(previous, followup, cited, PLACES)
    assert reading.followup and reading.question == standalone


@pytest.mark.parametrize("previous, followup, standalone", [
    ("擅自砍伐城市树木罚款多少？", "在许昌呢？", "在许昌，擅自砍伐城市树木罚款多少？"),
    ("擅自砍伐城市树木罚款多少？", "许昌市的呢？", "在许昌，擅自砍伐城市树木罚款多少？"),
    ("南阳这边乱砍树罚多少钱？", "洛阳呢？", "洛阳这边乱砍树罚多少钱？"),
    # the place in the title and in the question both change
    ("《南阳市城市绿化条例》南阳乱砍树罚多少钱？", "在洛阳呢？", "洛阳市城市绿化条例洛阳乱砍树罚多少钱？"),
    # a city no indexed document is about, known by its suffix: asked there, and refused there
    ("擅自砍伐城市树木罚款多少？", "成都市呢？", "在成都，擅自砍伐城市树木罚款多少？"),
    # the article cited is another city's: the document is asked for by its kind
    ("《南阳市城市绿化条例》第三十六条规定了什么？", "许昌的呢？", "许昌市城市绿化条例规定了什么？"),
    ("What is the fine for cutting down trees in Nanyang?", "And in Xuchang?",
     "What is the fine for cutting down trees in Xuchang?"),
    # the national level instead of the city's own rules: the city goes, and so does the regulation cited
    ("许昌违法建设怎么处罚？", "国家的呢？", "按国家法律，违法建设怎么处罚？"),
    ("What is the fine for illegal construction in Xuchang?", "What about the national law?",
     "What is the fine for illegal construction under the national law?"),
])
def test_another_place_leaves_the_regulation_cited_before(previous, followup, standalone):
    reading = resolve(previous, followup, GREENING, PLACES)
    assert reading.followup and reading.question == standalone and reading.doc == "" and not reading.about_answer


def test_a_party_after_a_count_of_the_report_is_still_a_new_topic():
    reading = resolve("今年以来共公示行政处罚多少件？", "那行政机关呢？", REPORT, PLACES)
    assert reading.question == "今年以来共公示行政机关多少件？"


@pytest.mark.parametrize("previous, followup, standalone", [
    # a question naming no behaviour asks about the one asked about before
    ("擅自砍伐城市树木怎么处罚？", "要赔偿吗？", "《南阳市城市绿化条例》擅自砍伐城市树木要赔偿吗？"),
    ("擅自砍伐城市树木怎么处罚？", "那谁来罚？", "《南阳市城市绿化条例》擅自砍伐城市树木谁来罚？"),
    # ...also after such a question: the behaviour, not the asking before
    ("《南阳市城市绿化条例》擅自砍伐城市树木要赔偿吗？", "最高罚多少？", "《南阳市城市绿化条例》擅自砍伐城市树木最高罚多少？"),
    ("郑州养狗要登记吗？", "多久内办？", "《南阳市城市绿化条例》郑州养狗多久内办？"),
    ("郑州养狗要登记吗？", "不办会怎么样？", "《南阳市城市绿化条例》郑州养狗不办会怎么样？"),
    # the behaviour is what was asked about, its question words left out; "违反了" refers to it
    ("哪些地方禁止燃放烟花爆竹？", "违反了罚多少？", "《南阳市城市绿化条例》禁止燃放烟花爆竹违反了罚多少？"),
    # a party is no behaviour-less question: it narrows the one before
    ("擅自砍伐城市树木怎么处罚？", "单位呢？", "《南阳市城市绿化条例》单位擅自砍伐城市树木怎么处罚？"),
])
def test_a_question_naming_no_behaviour_asks_about_the_one_before(previous, followup, standalone):
    reading = resolve(previous, followup, GREENING, PLACES)
    assert reading.followup and reading.question == standalone


@pytest.mark.parametrize("previous, followup, standalone", [
    # the verb 罚 belongs to the asking, not the topic: a circumstance goes before it, a new topic keeps it
    ("洛阳随地吐痰罚多少？", "情节严重的呢？", "洛阳随地吐痰，情节严重的罚多少？"),
    ("在许昌河道里游泳罚多少？", "那钓鱼呢？", "钓鱼罚多少？"),
    ("违法建设怎么处罚？", "要拆吗？", "违法建设要拆吗？"),  # 拆 is a consequence, not a behaviour
    ("郑州养狗要办证吗？", "多久内办？", "郑州养狗要办证多久内办？"),  # "要…吗" asks what rules require
])
def test_the_asking_of_a_rules_question_is_kept(previous, followup, standalone):
    reading = resolve(previous, followup, Citation(), PLACES)
    assert reading.followup and reading.question == standalone


@pytest.mark.parametrize("previous, followup, cited, standalone", [
    # whether one is fined is the asking: a new behaviour takes the place of the old one, the asking stays
    ("焦作在街上晾晒衣服罚款吗？", "乱贴小广告呢？", Citation("焦作市城市市容和环境卫生管理条例", "第四十三条"),
     "《焦作市城市市容和环境卫生管理条例》乱贴小广告罚款吗？"),
    ("擅自砍树会被罚款吗？", "那钓鱼呢？", Citation(), "钓鱼会被罚款吗？"),
    ("在公园钓鱼会被处罚吗？", "那游泳呢？", Citation(), "游泳会被处罚吗？"),
    # the noun 处罚 of a count stays the topic
    ("今年以来共公示行政处罚多少件？", "那行政许可呢？", REPORT, "今年以来共公示行政许可多少件？"),
])
def test_whether_one_is_fined_belongs_to_the_asking(previous, followup, cited, standalone):
    reading = resolve(previous, followup, cited, PLACES)
    assert reading.followup and reading.question == standalone


@pytest.mark.parametrize("previous, followup, standalone", [
    # the behaviour's own words again ("放" of 放鞭炮) name no topic of their own
    ("上海外环以内能放鞭炮吗？", "放了罚多少？", "上海外环以内能放鞭炮，放了罚多少？"),
    ("砍一棵要补种几棵？", "没补种怎么办？", "砍一棵要补种，没补种怎么办？"),
    # not doing what the rule asks: what follows from it, not the question before with a word swapped
    ("砍一棵要补种几棵？", "没补种呢？", "砍一棵要补种，没补种怎么处罚？"),
    ("上海卖烟花要什么证？", "没证卖呢？", "上海卖烟花要证，没证卖怎么处罚？"),
    ("宁波在桥上挂广告要审批吗？", "不批就挂呢？", "宁波在桥上挂广告，不批就挂怎么处罚？"),
    ("新乡设置户外广告要审批吗？", "到期了不拆呢？", "新乡设置户外广告，到期了不拆怎么处罚？"),
])
def test_a_follow_up_about_the_behaviour_before_keeps_it(previous, followup, standalone):
    reading = resolve(previous, followup, Citation(), PLACES)
    assert reading.followup and reading.question == standalone


@pytest.mark.parametrize("previous, followup, standalone", [
    # a circumstance says so by its first word, with or without 的
    ("商丘工地扬尘怎么罚？", "拒不改正呢？", "商丘工地扬尘，拒不改正的怎么罚？"),
    ("违法建设怎么处罚？", "逾期不拆呢？", "违法建设，逾期不拆的怎么处罚？"),
    # English: the word both share is the one narrowed; after a fine for one behaviour, another behaviour
    ("How much is the fine for cutting trees in Kaifeng?", "What about ancient trees?",
     "How much is the fine for cutting ancient trees in Kaifeng?"),
    ("What is the fine for spitting in public?", "What about smoking in parks?", "What is the fine for smoking in parks?"),
])
def test_an_ellipsis_after_a_rule_narrows_or_swaps_the_behaviour(previous, followup, standalone):
    reading = resolve(previous, followup, Citation(), PLACES)
    assert reading.followup and reading.question == standalone


@pytest.mark.parametrize("previous, followup", [
    ("擅自砍伐城市树木怎么处罚？", "砍一棵树罚多少？"),  # 一棵树 is more than the behaviour before
    ("2023年共立案多少宗？", "不予立案的呢？"),  # a count of the report: its topic swapped, as before
])
def test_a_behaviour_of_its_own_or_a_count_is_not_joined_to_the_one_before(previous, followup):
    reading = resolve(previous, followup, Citation(), PLACES)
    assert "，" not in reading.question


DOGS = Citation("郑州市城市养犬管理条例", "第十八条")


@pytest.mark.parametrize("previous, question, cited, standalone", [
    ("郑州遛狗要拴绳吗？", "绳子最长多长？", DOGS, "《郑州市城市养犬管理条例》郑州遛狗要拴绳，绳子最长多长？"),
    # after a question read so, the behaviour is its first clause, not what it asked
    ("《郑州市城市养犬管理条例》郑州遛狗要拴绳，绳子最长多长？", "不拴绳罚多少？", DOGS,
     "《郑州市城市养犬管理条例》郑州遛狗要拴绳，不拴绳罚多少？"),
    ("违法建设怎么处罚？", "拆除费用谁出？", Citation(), "违法建设，拆除费用谁出？"),
])
def test_a_question_refused_alone_may_be_read_about_the_behaviour_before(previous, question, cited, standalone):
    reading = in_context(previous, question, cited, PLACES)
    assert reading is not None and reading.followup and reading.question == standalone


@pytest.mark.parametrize("previous, question, cited", [
    ("违法建设怎么处罚？", "许昌共享单车乱停罚多少？", Citation()),  # a place of its own
    ("违法建设怎么处罚？", "2023年共立案多少宗？", Citation()),  # a year of its own
    ("违法建设怎么处罚？", "《城市市容和环境卫生管理条例》第十条讲什么？", Citation()),  # a document of its own
    ("2023年共立案多少宗？", "罚款收了多少？", REPORT),  # a count of the report is no behaviour
    ("What is the fine for spitting in public?", "Who enforces it?", Citation()),  # English: not read so
])
def test_a_question_of_its_own_is_not_read_about_the_behaviour_before(previous, question, cited):
    assert in_context(previous, question, cited, PLACES) is None


@pytest.mark.parametrize("question", ["罚款收了多少？", "砍一棵树罚多少？", "是吗？"])
def test_a_question_with_a_topic_of_its_own_is_not_given_the_one_before(question):
    reading = resolve("擅自砍伐城市树木怎么处罚？", question, GREENING, PLACES)
    assert not reading.followup and reading.question == question


def test_a_count_of_the_report_lends_no_behaviour():
    assert not resolve("2023年共立案多少宗？", "多少？", REPORT, PLACES).followup


@pytest.mark.parametrize("previous, followup, standalone", [
    ("What is the fine for spitting in public?", "How much?", "How much is the fine for spitting in public?"),
    ("What is the penalty for carrying a dagger?", "Who enforces?", "Who enforces the penalty for carrying a dagger?"),
    ("What is the fine for spitting in public?", "Is there a deadline?", "Is there a deadline for spitting in public?"),
    ("Who enforces the ban on open-air barbecues?", "What's the penalty?", "What's the penalty for open-air barbecues?"),
    ("What happens if I cut down a tree without a permit?", "Who handles that?",
     "Who handles that if I cut down a tree without a permit?"),
    ("Who enforces the ban on open-air barbecues?", "Who handles that?", "Who handles open-air barbecues?"),
    ("Can I keep a large dog in Zhengzhou?", "What if I do?", "What happens if I keep a large dog in Zhengzhou?"),
    ("Is smoking allowed in parks?", "What if I do?", "What is the penalty for smoking in parks?"),
    ("Is smoking banned in parks?", "How much?", "How much is the fine for smoking in parks?"),
    ("What happens if I keep a large dog in Zhengzhou?", "How much?",
     "How much is the fine if I keep a large dog in Zhengzhou?"),
    # a condition asks about rules, and stays a condition; a chain of such follow-ups goes on
    ("How much if my car emits black smoke?", "Who handles that?", "Who handles that if my car emits black smoke?"),
    ("How long do I have to apply for administrative reconsideration?", "Is there an exception?",
     "Is there an exception for apply for administrative reconsideration?"),
    ("Who enforces the fine for illegally cutting down trees?", "How much?",
     "How much is the fine for illegally cutting down trees?"),
    # the behaviour asked about, not done
    ("Do I need to register my dog in Zhengzhou?", "How much is the fine if I don't?",
     "How much is the fine if I don't register my dog in Zhengzhou?"),
    ("Do I need to register my dog in Zhengzhou?", "What if I don't?",
     "What happens if I don't register my dog in Zhengzhou?"),
    ("Is a permit required to cut down a tree?", "What if I don't?",
     "What happens if I don't get a permit required to cut down a tree?"),
    # "it" keeps its own reading: the whole topic phrase, without the verb asked before
    ("What is the fine for spitting in public?", "Who enforces it?", "Who enforces the fine for spitting in public?"),
    ("Who enforces the fine for spitting in public?", "Who imposes it?", "Who imposes the fine for spitting in public?"),
])
def test_an_english_question_naming_no_behaviour_asks_about_the_one_before(previous, followup, standalone):
    reading = resolve(previous, followup, Citation(), PLACES)
    assert reading.followup and reading.question == standalone


@pytest.mark.parametrize("previous, followup", [
    ("How many cases were filed in 2023?", "How much?"),  # a report's count: no behaviour to lend
    ("What is the fine for spitting in public?", "How much is the fee for a dog licence?"),  # a topic of its own
])
def test_an_english_question_stands_alone_without_a_rule_or_with_its_own_topic(previous, followup):
    assert not resolve(previous, followup, Citation(), PLACES).followup


@pytest.mark.parametrize("followup, article", [("下一条呢？", "第三十七条"), ("那上一条呢？", "第三十五条"),
                                               ("What about the next article?", "第三十七条")])
def test_the_next_or_previous_article_of_the_cited_regulation(followup, article):
    reading = resolve("擅自砍伐城市树木怎么处罚？", followup, GREENING, PLACES)
    assert reading.about_answer == "article" and reading.article == article and reading.doc == GREENING.doc


def test_a_question_about_conditions_is_no_step_to_the_next_article():
    assert resolve("擅自砍伐城市树木怎么处罚？", "符合以下条件吗？", GREENING, PLACES).about_answer == ""


@pytest.mark.parametrize("previous, followup, standalone", [
    # a year counted from the one asked about
    ("2023年共立案多少宗？", "去年呢？", "2022年共立案多少宗？"),
    ("2023年共立案多少宗？", "和去年比呢？", "2022年共立案多少宗？"),
    # the counted thing after the question word is what an ellipsis swaps
    ("今年开展了多少次普法活动？", "培训呢？", "今年开展了多少次培训？"),
    ("今年办了多少行政许可？", "处罚呢？", "今年办了多少处罚？"),  # the counted thing without a counter
    ("今年共立案多少宗？", "去年呢？", "去年共立案多少宗？"),
    ("How many cases were filed in 2023?", "What about last year?", "How many cases were filed in 2022?"),
    ("How many cases were filed in 2023?", "And the year before?", "How many cases were filed in 2022?"),
    # the period asked before, whose start is asked next (not only the behaviour it is of)
    ("行政复议的申请期限是多久？", "从什么时候开始算？", "行政复议的申请期限从什么时候开始算？"),
    # the unit the sum is counted in, and who checks, name no behaviour of their own
    ("南阳毁坏绿地怎么罚？", "每平方米多少？", "南阳毁坏绿地每平方米罚多少？"),
    ("南阳砍树罚多少？", "每棵呢？", "南阳砍树每棵罚多少？"),  # the unit alone: the question before, per tree
    # the case supposed changes the thing done to, not the deed ("古树" shares only 树 with "砍树")
    ("南阳砍树罚多少？", "要是古树呢？", "南阳砍古树罚多少？"),
    ("养狗要登记吗？", "大狗呢？", "养大狗要登记吗？"),
    # a kind of the thing sharing its word: the deed before it stays (it had read "建筑垃圾罚多少"), a kind
    # of a kind takes its place
    ("乱扔垃圾罚多少？", "建筑垃圾呢？", "乱扔建筑垃圾罚多少？"),
    ("占用绿地罚多少？", "公共绿地呢？", "占用公共绿地罚多少？"),
    # another thing the deed is done to, sharing no word with the one before (it had read "树叶罚多少")
    ("露天焚烧垃圾罚多少？", "树叶呢？", "露天焚烧树叶罚多少？"),
    ("乱扔垃圾罚多少？", "烟头呢？", "乱扔烟头罚多少？"),
    # one word of deed and thing (砍树): the thing changes (it had read "灌木罚多少"); the same deed done to
    # another thing takes the old one's place (it had read "郑州养狗要养鸡吗")
    ("南阳砍树罚多少？", "灌木呢？", "南阳砍灌木罚多少？"),
    ("许昌违法建设怎么处罚？", "郑州呢？", "郑州违法建设怎么处罚？"),  # a city no document is about, without 市
    ("郑州养狗要办证吗？", "养鸡呢？", "郑州养鸡要办证吗？"),
    ("许昌种树有什么要求？", "种花呢？", "许昌种花有什么要求？"),  # jieba reads 种 as a measure word
    ("许昌机动车排气超标上路怎么罚？", "谁来查？", "许昌机动车排气超标上路谁来查？"),
    # where the behaviour happens narrows it; the behaviour stays
    ("许昌公共场所吸烟罚多少？", "在公交车上呢？", "许昌公共场所吸烟，在公交车上罚多少？"),
    # the unit alone: the question before, per that unit
    ("What's the penalty for cutting trees without permission in Nanyang?", "Per tree?",
     "What's the penalty for cutting trees without permission in Nanyang per tree?"),
    # the case supposed narrows the thing done to ("an ancient tree" of "trees"); it had read "What if Per tree's…"
    ("What's the penalty for cutting trees without permission in Nanyang?", "What if it's an ancient tree?",
     "What's the penalty for cutting ancient trees without permission in Nanyang?"),
    # another behaviour stays in the place asked about (it had lost "in Luoyang" and been answered by national rules)
    ("What is the fine for spitting in Luoyang?", "What about littering?", "What is the fine for littering in Luoyang?"),
    ("How long do I have to apply for administrative reconsideration?", "And under the old version?",
     "How long do I have to apply for administrative reconsideration in the old version?"),
])
def test_a_follow_up_counted_from_the_question_before(previous, followup, standalone):
    reading = resolve(previous, followup, Citation(), PLACES)
    assert reading.followup and reading.question == standalone


@pytest.mark.parametrize("followup", ["Which article is that?", "Where does that come from?", "Which article?"])
def test_english_where_questions_need_no_it(followup):
    reading = resolve("How much is the fine for littering in Luoyang?", followup, Citation())
    assert reading.about_answer == "where"


def test_an_english_question_naming_a_where_is_no_question_about_the_answer():
    reading = resolve("How much is the fine for littering in Luoyang?", "Where is the bureau's office?", Citation())
    assert reading.about_answer != "where"


@pytest.mark.parametrize("previous, followup, standalone", [
    # doing what the rule forbids, asked with no question word: what follows from it
    ("修好的路几年内不能挖？", "违反了呢？", "修好的路内不能挖，违反了怎么处罚？"),
    # "不能" asks what rules say, as "能不能" does
    ("上海春节期间哪里不能放鞭炮？", "放了罚多少？", "上海春节期间不能放鞭炮，放了罚多少？"),
])
def test_breaking_the_rule_asked_about_asks_what_follows(previous, followup, standalone):
    reading = resolve(previous, followup, Citation(), PLACES)
    assert reading.followup and reading.question == standalone


@pytest.mark.parametrize("previous, followup, standalone", [
    ("When did the Administrative Reconsideration Law take effect?", "And the old version?",
     "When did the Administrative Reconsideration Law take effect in the old version?"),
    # "it" is the law the question named, not the law with what was asked of it
    ("When did the Administrative Reconsideration Law take effect?", "When was it amended?",
     "When was the Administrative Reconsideration Law amended?"),
])
def test_an_english_follow_up_about_the_law_named_before(previous, followup, standalone):
    reading = resolve(previous, followup, Citation())
    assert reading.followup and reading.question == standalone


@pytest.mark.parametrize("followup, standalone", [
    ("How many chapters does it have?", "How many chapters does 《南阳市城市绿化条例》 have?"),
    ("What are the penalties in this regulation?", "What are the penalties in 《南阳市城市绿化条例》?"),
])
def test_an_english_question_about_the_whole_regulation_answered_from(followup, standalone):
    # "it" is the regulation that answered, not the fine asked before
    reading = resolve("What is the fine for cutting down trees in Nanyang?", followup, GREENING, PLACES)
    assert reading.followup and reading.question == standalone and reading.doc == GREENING.doc


def test_what_an_article_says_after_it_answered_which_article():
    cited = Citation("许昌市城乡规划条例(2021-04-29)", "第四十七条")
    reading = resolve("Which article covers illegal construction in Xuchang?", "What does it say?", cited)
    assert reading.about_answer == "article" and reading.article == "第四十七条"
    assert reading.question == "What does 第四十七条 of 《许昌市城乡规划条例》 say?"


@pytest.mark.parametrize("followup", ["原文是什么？", "全文呢？", "详细说说", "Show me the full article."])
def test_the_full_text_asked_after_an_article_is_that_article(followup):
    reading = resolve("擅自砍伐城市树木怎么处罚？", followup, GREENING)
    assert reading.about_answer == "article" and reading.article == "第三十六条"


def test_the_full_text_asked_after_a_report_answer_is_where_it_stands():
    assert resolve("2023年共立案多少宗？", "原文是什么？", REPORT).about_answer == "where"


DOGS = Citation("郑州市城市养犬管理条例", "")


@pytest.mark.parametrize("followup, standalone", [
    ("第三章讲什么？", "《郑州市城市养犬管理条例》第三章讲什么？"),
    ("法律责任在哪一章？", "《郑州市城市养犬管理条例》法律责任在哪一章？"),
])
def test_a_chapter_asked_after_an_outline_is_the_regulations(followup, standalone):
    # "法律责任在哪一章？" had been read as asking where the answer before stands
    reading = resolve("郑州养犬管理条例有几章？", followup, DOGS, PLACES)
    assert reading.followup and reading.question == standalone and reading.about_answer != "where"


def test_which_chapter_of_the_answer_is_still_where_it_stands():
    assert resolve("焦作占道经营罚多少？", "这是哪一章？", Citation("焦作市城市市容和环境卫生管理条例", "第四十四条"),
                   PLACES).about_answer == "where"


def test_a_behaviour_of_its_own_after_a_place_word_is_no_scene():
    # "在人行道上晾衣服" is another behaviour, not where 占道经营 happens
    reading = resolve("焦作占道经营罚多少？", "在人行道上晾衣服呢？", Citation(), PLACES)
    assert "占道经营" not in reading.question


def test_the_behaviour_of_a_question_read_with_the_one_before_is_its_first_part():
    # "多少天内办？" was read as "郑州养狗要办证，多少天内办？": "不办呢？" asks about 办证, not "天内办"
    reading = resolve("郑州养狗要办证，多少天内办？", "不办呢？", Citation("郑州市城市养犬管理条例", "第十一条"), PLACES)
    assert reading.question == "《郑州市城市养犬管理条例》郑州养狗要办证，不办怎么处罚？"

"""A bureau as people name it ("林业局", "市场监管局") is looked up as the department laws name ("林业主管部门"), and
is never the question's key word: it says who acts in the story, not what is asked (bot/bureau.py)."""

from __future__ import annotations

from bot.bureau import bureau_terms, is_bureau, names_an_agency


def test_a_bureau_is_read_as_the_department_of_its_field():
    assert bureau_terms("给县文物局打了电话") == {"文物局": ["文物行政部门", "文物主管部门"]}
    assert bureau_terms("去邮局寄了封信，这个格局不好") == {}
    # a level before the field says where ("区环保局"), but 市 of 市场 is the field's own
    assert is_bureau("区环保局") and is_bureau("市场局") and not is_bureau("市局")
    assert is_bureau("林业局") and not is_bureau("局长") and not is_bureau("大局")
    # a piece of the bureau's name read as the bureau is no topic either (建设 and 设局 of 建设局)
    assert names_an_agency("设局", ("建设行政部门", "建设主管部门"))
    assert not names_an_agency("建设", ("建设", "建筑物"))


def test_a_bureau_in_the_story_is_not_what_is_asked(fresh11_engine):
    # "林业局" had been the key word, which no clause names: 第三十八条 was refused
    answer = fresh11_engine.answer("林业局的人来我家承包的林子做防火检查，我把人拦在外面不让查，个人会被罚多少钱？")
    assert answer.found and answer.section.endswith("第三十八条") and "二百元以上二千元以下" in answer.sentence, \
        answer.answer


def test_the_bureau_a_complaint_went_to_is_not_what_is_asked(fresh14_engine):
    # "市场监管局" had made 监管 a key word beside 投诉: the clause on handling complaints names neither
    answer = fresh14_engine.answer("我在网上看到一个广告明显是骗人的，就打电话向市场监管局投诉了。他们最晚多少天内要处理，"
                                   "并把结果告诉我？")
    assert answer.found and answer.section.endswith("第五十三条") and "七个工作日" in answer.sentence, answer.answer

"""Reports and rules side by side: a question about what was done reads the reports first and deeper, one
about what a rule says reads the articles; a count in a measure word of its own is answered in that word."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.choose import Candidate, _read
from bot.catalogue import Catalogue
from bot.glossary import Glossary
from bot.query import analyse
from bot.records import Chunk, Hit
from bot.refusal import Thresholds, refusal_reason
from bot.scope import RULES_FOR_ACTIVITY, doc_weight


@pytest.mark.parametrize("question, done", [
    ("业务培训一共搞了几回？", True),
    ("被人申请复议了几次？", True),
    ("How many special trainings were held?", True),
    ("2023年共立案多少宗？", True),
    ("申请行政复议的期限是多久？", False),
    ("罚款两千块的复议案子，能不能适用简易程序？", False),
    ("How many lawyers can an applicant appoint?", False),
    ("遛狗的绳子最长不能超过多长？", False),
    # a verb's 了 tells an act done, though its object is a rule; not the asker's story, nor a rule's words
    ("推进了哪些城市管理方面的条例？", True),
    ("法律知识培训邀请了哪些专家？", True),
    ("我在网上开了个小店，按规定店铺页面上得标清楚哪些信息？", False),
    ("活动结束了，临时广告几天之内得拆干净？", False),
    ("城乡规划法第六十八条规定了什么？", False),
    ("为了规范执法，哪些行为应当公示？", False),
])
def test_a_question_about_what_was_done_is_told_from_one_about_a_rule(question, done):
    assert analyse(question, Glossary()).about_activity is done


def _hit(i: int, article: str = "") -> Hit:
    text = "第一条某规定。" if article else "共开展专题培训5次。"
    return Hit(Chunk(i, "law.md" if article else "report.md", "某", [article or "一、"], text, 0, len(text),
                     [(0, len(text))], article=article), 1.0 / (i + 1))


def test_report_passages_are_read_past_the_articles_ranked_above_them():
    hits = [_hit(i, "第一条") for i in range(5)] + [_hit(5), _hit(6, "第二条"), _hit(7)]
    done = [r for r, _ in _read(analyse("业务培训一共搞了几回？", Glossary()), hits, 4)]
    assert done == [0, 1, 2, 3, 5, 7]  # articles within the first four, every report passage of the first eight
    rule = [r for r, _ in _read(analyse("培训的期限是多久？", Glossary()), hits, 4)]
    assert rule == [0, 1, 2, 3, 4, 5, 6, 7]  # articles and report passages down to rank eight
    reports = [_hit(0, "第一条")] + [_hit(i) for i in range(1, 10)]
    rule = [r for r, _ in _read(analyse("培训的期限是多久？", Glossary()), reports, 4)]
    assert rule == [0, 1, 2, 3, 4]  # of the report passages, the first four only


def test_articles_weigh_less_for_a_question_about_what_was_done_when_reports_are_indexed():
    catalogue = Catalogue({"law.md": {"title": "某法", "kind": "law"}, "report.md": {"title": "报告", "kind": "report"}})
    done, rule = analyse("业务培训一共搞了几回？", Glossary()), analyse("培训的期限是多久？", Glossary())
    assert doc_weight("law.md", done, catalogue, False) == pytest.approx(RULES_FOR_ACTIVITY)
    assert doc_weight("law.md", rule, catalogue, False) == 1.0
    laws_only = Catalogue({"law.md": {"title": "某法", "kind": "law"}})
    assert doc_weight("law.md", done, laws_only, False) == 1.0


def test_a_count_of_vehicles_is_not_answered_with_a_count_of_meetings():
    query = analyse("城管局有多少辆执法车？", Glossary())
    hit = _hit(0)
    candidate = Candidate(hit, 0, 0, len(hit.chunk.text), 1.0, 1.0, context=hit.chunk.text)
    catalogue_index = type("Index", (), {"catalogue": Catalogue({"report.md": {"title": "报告", "kind": "report"}}),
                                         "text_of": lambda self, source: hit.chunk.text})()
    assert refusal_reason(query, candidate, catalogue_index, Thresholds(), []) == "the figures found count something else"


def test_a_count_of_people_is_not_answered_with_a_count_of_anything_else():
    hit = replace(_hit(0), dense=0.95)
    candidate = Candidate(hit, 0, 0, len(hit.chunk.text), 1.0, 1.0, context=hit.chunk.text)
    index = type("Index", (), {"catalogue": Catalogue({"report.md": {"title": "报告", "kind": "report"}}),
                               "text_of": lambda self, source: hit.chunk.text})()
    for question in ("城管局有多少人员编制？", "How many staff does the bureau have?"):
        reason = refusal_reason(analyse(question, Glossary()), candidate, index, Thresholds(), [])
        assert reason == "the figures found count something else", question
    # visits made to people are counted in 次, as the report counts them
    assert analyse("回访商户有多少人次？", Glossary()).units == ()


def test_a_laws_adoption_note_answers_only_when_and_by_whom_it_was_adopted():
    text = "2019年12月27日许昌市第七届人民代表大会常务委员会第二十四次会议通过"
    hit = Hit(Chunk(0, "law.md", "某条例", ["题注"], text, 0, len(text), [(0, len(text))]), 1.0, dense=0.95)
    candidate = Candidate(hit, 0, 0, len(text), 1.0, 1.0, context=text)
    index = type("Index", (), {"catalogue": Catalogue({"law.md": {"title": "某条例", "kind": "regulation"}}),
                               "text_of": lambda self, source: text})()
    assert refusal_reason(analyse("从什么时候开始对柴油货车限行？", Glossary()), candidate, index, Thresholds(), [])
    assert not refusal_reason(analyse("这个条例是哪天通过的？", Glossary()), candidate, index, Thresholds(), [])


def test_a_word_of_a_laws_title_in_the_question_weighs_that_law_up():
    from bot.scope import TITLE_MATCH

    catalogue = Catalogue({"a.md": {"title": "中华人民共和国治安管理处罚法", "kind": "law"},
                           "b.md": {"title": "中华人民共和国社区矫正法", "kind": "law"},
                           "c.md": {"title": "许昌市城乡规划条例", "kind": "regulation", "place": "许昌"}})
    assert catalogue.title_words("a.md") == {"治安管理"} and catalogue.title_words("c.md") == {"城乡规划"}
    query = analyse("有人动手打人，治安上怎么处罚？", Glossary())
    assert doc_weight("a.md", query, catalogue, False) == pytest.approx(TITLE_MATCH)
    assert doc_weight("b.md", query, catalogue, False) == 1.0
    # generic words of titles (条例, 处罚, 中华人民共和国) and the place name no document
    assert not catalogue.named_by_words("a.md", ["处罚", "条例", "中华人民共和国"])
    assert not catalogue.named_by_words("c.md", ["许昌"])


def _fine_candidate(text: str, source: str = "law.md", article: str = "第三十八条"):
    hit = Hit(Chunk(0, source, "某条例", ["第五章 法律责任", article], text, 0, len(text), [(0, len(text))],
                    article=article), 1.0, dense=0.95)
    candidate = Candidate(hit, 0, 0, len(text), 1.0, 1.0, context=text)
    index = type("Index", (), {"catalogue": Catalogue({source: {"title": "某条例", "kind": "regulation"}}),
                               "text_of": lambda self, s: text})()
    return candidate, index


def test_a_question_for_a_period_is_not_answered_with_a_fine_or_with_no_figure():
    fine, index = _fine_candidate("损害古树名木的，处以每株五千元以上五万元以下罚款。")
    reason = refusal_reason(analyse("多少年以上的树才算古树名木？", Glossary()), fine, index, Thresholds(), [])
    assert reason == "the figures found count something else"
    wordless, index = _fine_candidate("执法记录仪拍摄的视频应当妥善保存。")
    assert refusal_reason(analyse("执法记录仪的视频要保存多长时间？", Glossary()), wordless, index, Thresholds(), []) \
        == "no figure in the documents for this"
    # a period in words is a period: "当日清运", "每季度开展"
    same_day, index = _fine_candidate("对当日集中的垃圾，应当当日清运。")
    assert refusal_reason(analyse("白天收的垃圾多久要运走？", Glossary()), same_day, index, Thresholds(), []) \
        != "no figure in the documents for this"


def test_a_question_naming_the_state_council_stays_with_national_texts():
    from bot.scope import in_scope

    catalogue = Catalogue({"national.md": {"title": "城市市容和环境卫生管理条例", "kind": "regulation"},
                           "city.md": {"title": "洛阳市城市市容和环境卫生管理条例", "kind": "regulation", "place": "洛阳"}})
    hits = [Hit(Chunk(i, source, "t", ["第一条"], "垃圾桶", 0, 3, [(0, 3)], article="第一条"), 1.0 - i / 10)
            for i, source in enumerate(["city.md", "national.md"])]
    national = in_scope(hits, analyse("按国务院市容条例，砸坏垃圾桶罚多少？", Glossary()), catalogue)
    assert [h.chunk.source for h in national] == ["national.md"]
    either = in_scope(hits, analyse("砸坏垃圾桶罚多少？", Glossary()), catalogue)
    assert {h.chunk.source for h in either} == {"national.md", "city.md"}


def test_a_document_named_in_the_askers_short_form_is_found_as_a_name():
    catalogue = Catalogue({"m.md": {"title": "宁波市菜市场管理条例", "kind": "regulation", "place": "宁波"},
                           "q.md": {"title": "济南市名泉保护条例", "kind": "regulation", "place": "济南"},
                           "z.md": {"title": "中华人民共和国治安管理处罚法", "kind": "law"},
                           "r.md": {"title": "2023年工作报告", "kind": "report"}})
    assert catalogue.short_names_in("菜场里卖野生动物，这个菜市场条例规定罚多少钱？") == ["菜市场条例"]
    assert catalogue.short_names_in("打了口新井，按名泉保护条例要罚多少钱？") == ["名泉保护条例"]
    assert catalogue.short_names_in("按治安管理处罚法怎么罚？") == ["治安管理处罚法"]
    # 违法 and 执法 end in the kind of a law's title, but name none; nor does a report's title end in a kind
    assert catalogue.short_names_in("违法建设被执法队查了，按规定罚多少？") == []

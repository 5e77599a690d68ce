"""A regulation's outline from its structure: how many chapters and articles, and which articles each chapter
holds; answered by the real engine over the report and the 11 laws of tests/fixtures/library."""

from __future__ import annotations

from bot.conversation import Conversations


def test_the_chapters_and_articles_of_a_named_regulation(library_engine):
    answer = library_engine.answer("《许昌市城乡规划条例》有几章？")
    assert answer.found and answer.sentence == "《许昌市城乡规划条例》共6章51条："
    assert "第五章 法律责任（第四十条至第四十八条）" in answer.answer


def test_the_version_asked_of_a_law_in_two(library_engine):
    older = library_engine.answer("2017年版行政复议法有多少条？")
    assert older.found and older.sentence == "《中华人民共和国行政复议法》（2017年版）共7章43条："
    current = library_engine.answer("行政复议法有几章？")
    assert current.found and "（2023年版）共7章90条" in current.sentence


def test_a_count_of_rules_on_a_topic_is_no_outline(library_engine):
    answer = library_engine.answer("许昌市城乡规划条例有几条关于违法建设的规定？")
    assert answer.evidence.get("from") != "outline"


def test_this_regulation_in_a_conversation_is_the_one_talked_about(library_engine):
    chat = Conversations(library_engine)
    chat.ask("t", "outline", "u", "许昌市文明行为促进条例什么时候施行？")
    answer = chat.ask("t", "outline", "u", "这部条例有几章？").answer
    assert answer.found and answer.sentence.startswith("《许昌市文明行为促进条例》共")


def test_one_chapter_by_its_number_or_by_the_subject_its_heading_names(library_engine):
    fifth = library_engine.answer("许昌市城乡规划条例第五章讲什么？")
    assert fifth.found and fifth.section == "第五章 法律责任" and "第四十三条未取得建设工程规划许可证" in fifth.answer
    which = library_engine.answer("城乡规划法监督检查是第几章？")
    assert which.found and which.sentence == "《中华人民共和国城乡规划法》第五章 监督检查（第五十一条至第五十七条）"
    # a chapter the regulation does not have is not answered with the article of that number
    missing = library_engine.answer("许昌市城乡规划条例第九章讲什么？")
    assert not missing.found and missing.answer == "《许昌市城乡规划条例》共6章，没有第九章。"


def test_an_english_title_picks_its_regulation_by_place_and_kind(library_engine):
    # both titles share 规划: the place (许昌) names the city's regulation, "Law" the national one
    local = library_engine.answer("How many chapters does the Xuchang Urban and Rural Planning Regulations have?")
    assert local.found and local.sentence.startswith("许昌市城乡规划条例 has 6 chapters and 51 articles")
    national = library_engine.answer("How many articles does the Urban and Rural Planning Law have?")
    assert national.found and national.sentence.startswith("中华人民共和国城乡规划法 has 7 chapters and 70 articles")


def test_a_chapter_heading_that_lost_its_number_is_a_chapter_all_the_same(library_engine):
    # this copy of 南阳's regulation heads two chapters "规划与建设" and "法律责任", without "## 第二章" / "第四章"
    outline = library_engine.answer("南阳市城市绿化条例一共有几章？")
    assert outline.found and outline.sentence == "《南阳市城市绿化条例》共5章41条："
    assert "第一章 总则（第一条至第六条）\n规划与建设（第七条至第十九条）\n第三章 保护与管理" in outline.answer
    assert "—" not in outline.answer  # no articles left outside a chapter, none listed out of order
    fourth = library_engine.answer("南阳市城市绿化条例第四章讲什么？")
    assert fourth.found and fourth.section == "法律责任" and "第三十六条" in fourth.answer

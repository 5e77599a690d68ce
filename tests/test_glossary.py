"""The glossary file: staff-editable lines that expand questions with the report's own words."""

from __future__ import annotations

from bot.config import ROOT
from bot.glossary import Glossary
from bot.query import analyse


def test_all_separator_styles_parse(tmp_path):
    path = tmp_path / "glossary.txt"
    path.write_text("# comment\ncases → 立案/案件\nfines: 罚没, 罚款\n罚款 = 罚没\n案子：案件、立案\nbroken line\n", encoding="utf-8")
    entries = Glossary.load(path).entries
    assert entries == {"cases": ["立案", "案件"], "fines": ["罚没", "罚款"], "罚款": ["罚没"], "案子": ["案件", "立案"]}


def test_english_terms_match_whole_words_only():
    glossary = Glossary({"fine": ["罚没"], "night market": ["夜市点"]})
    assert glossary.matches("How many NIGHT MARKET spots?") == {"night market": ["夜市点"]}
    assert glossary.matches("a refined plan") == {}
    assert glossary.matches("were any fines issued") == {"fine": ["罚没"]}


def test_shipped_glossary_covers_the_issue_examples():
    glossary = Glossary.load(ROOT / "corpus" / "glossary.txt")
    for term, expansion in [("cases", "立案"), ("fines", "罚没"), ("罚款", "罚没"), ("案子", "立案"),
                            # everyday words regulations word formally
                            ("交警", "公安机关交通管理部门"), ("违停", "违法停车"), ("剩饭菜", "餐厨垃圾"),
                            # and words of the field a report writes formally
                            ("轻罚", "从轻处罚"), ("大案", "重大案件"), ("讲课", "讲座"), ("晒出来", "公示"),
                            # and the words of a citizen for what a law names formally
                            ("执行公务", "执行职务"), ("古迹", "名胜古迹"), ("到此一游", "刻划")]:
        assert expansion in glossary.entries[term]


def test_shipped_glossary_renders_english_terms_of_administrative_law():
    # general vocabulary, as official translations of Chinese laws word it; CC-CEDICT lacks these senses
    # ("registration" is only 对准 there, "authority" 权威, "on the spot" 就地)
    glossary = Glossary.load(ROOT / "corpus" / "glossary.txt")
    for question, expansion in [("Is dog registration needed?", "登记"), ("Is it handled on the spot?", "当场"),
                                ("Which landscaping authority?", "园林绿化"), ("the competent authority", "主管部门"),
                                ("Are illegal gains confiscated?", "违法所得"), ("the property management company", "物业"),
                                ("a company without qualifications", "资质"), ("Are fierce dogs allowed?", "烈性犬"),
                                ("fined day by day", "按日连续处罚"), ("a broken manhole cover", "井盖"),
                                # the sense a law means, where the dictionary's rarest is another
                                # ("issues" 做出, "documents" 公文, "firm" 扎实, "hires" 聘请)
                                ("Who issues the permit?", "核发"), ("the completion documents", "资料"),
                                ("an unqualified firm", "单位"), ("hires a contractor", "委托"),
                                ("the people's congress standing committee", "常务委员会"), ("Who maintains it?", "养护"),
                                ("the facility's owner", "产权人"), ("detention suspended", "暂缓执行"),
                                ("doesn't finish the project", "完成")]:
        assert any(expansion in values for values in glossary.matches(question).values()), question


def test_expansions_reach_the_search_tokens_and_the_dense_text():
    query = analyse("罚款多少钱", Glossary({"罚款": ["罚没"]}))
    assert "罚没" in query.tokens and "罚没" in query.search_text


def test_missing_glossary_file_is_an_empty_glossary(tmp_path):
    assert Glossary.load(tmp_path / "none.txt").entries == {}

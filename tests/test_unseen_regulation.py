"""A regulation the engine has never seen, in the plain-text layout local congresses publish (full-width
spaces, a 目录, 【】 article captions, items under a lead-in, a penalty article with two 款 for different
items of one duty article). Indexed with the real model; no glossary entry names anything in it but the
general vocabulary of dog keeping that any city's rules use."""

from __future__ import annotations

import shutil

import pytest

from bot.amounts import find_amounts
from bot.config import Config

REGULATION = """某市养犬管理条例

（2022年8月26日某市人民代表大会常务委员会第二十五次会议通过）

目　　录

第一章　总　　则
第二章　养犬登记
第三章　法律责任

第一章　总　　则

第一条　为了规范养犬行为，保障公民健康和人身安全，维护市容环境和社会公共秩序，制定本条例。

第二章　养犬登记

第八条　【登记】养犬人应当自取得犬只之日起三十日内，为犬只办理养犬登记。
　　养犬登记有效期为一年。

第九条　携犬出户时，应当遵守下列规定：
　　（一）为犬只佩戴犬牌；
　　（二）使用长度不超过一点五米的牵引绳牵领；
　　（三）即时清除犬只粪便。

第十条　饲养犬只应当遵守下列规定：
　　（一）不得饲养烈性犬；
　　（二）犬只吠叫影响他人休息时，应当采取措施予以制止。

第三章　法律责任

第十九条　下列处罚由公安机关实施：
　　（一）违反本条例第十条第一项规定，饲养烈性犬的，没收犬只，并处一千元以上五千元以下罚款。

第二十条　违反本条例第九条第一项、第二项规定的，由公安机关责令改正，可以处五十元以上二百元以下罚款。
违反本条例第九条第三项规定的，由城市管理部门责令改正，处二十元以上一百元以下罚款。

第二十一条　本条例自2023年1月1日起施行。
"""


# A penalty with a lighter alternative for minor cases, in a regulation of its own
ASSAULT = """某市公共秩序条例

第一章　总　　则

第一条　为了维护公共秩序，制定本条例。

第二条　本条例适用于本市行政区域。

第三条　公安机关负责本条例的实施。

第四条　携犬出户的，应当采取措施防止犬只伤人。

第二章　法律责任

第五条　携犬伤人的，处五日以上十日以下拘留，并处二百元以上五百元以下罚款；情节较轻的，处五日以下拘留或者五百元以下罚款。
"""


def _engine(tmp_path_factory, name: str, text: str):
    from bot.engine import Engine
    from bot.ingest.pipeline import ingest

    root = tmp_path_factory.mktemp(name)
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(Config().corpus_dir / "glossary.txt", corpus / "glossary.txt")
    (corpus / f"{text.splitlines()[0]}.txt").write_text(text, encoding="utf-8")
    cfg = Config().with_overrides(corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data")
    assert not ingest(cfg, show_progress=False).skipped
    return Engine(cfg)


@pytest.fixture(scope="module")
def dog_engine(tmp_path_factory):
    return _engine(tmp_path_factory, "unseen-regulation", REGULATION)


def test_a_length_in_chinese_numerals_is_a_figure():
    (amount,) = find_amounts("使用长度不超过一点五米的牵引绳牵领")
    assert (amount.text, amount.unit, amount.low) == ("一点五米", "米", 1.5)
    assert find_amounts("每人一次") == []  # "one" person, "one" time: not amounts anyone asks for
    (spoken,) = find_amounts("身高一米二以下的儿童")  # metres and tenths as people say a length
    assert (spoken.text, spoken.unit, spoken.low, spoken.high) == ("一米二以下", "米", None, 1.2)


def test_a_length_question_is_answered_with_the_length(dog_engine):
    answer = dog_engine.answer("牵引绳最长多长？")
    assert answer.found and answer.figure == "一点五米"
    assert answer.section.endswith("第九条")


def test_colloquial_words_of_the_field_reach_the_clause_for_their_item(dog_engine):
    answer = dog_engine.answer("遛狗不清理狗屎罚多少？")
    assert answer.found and answer.figure == "二十元以上一百元以下"
    assert "五十元" not in answer.sentence  # the clause for items (一) and (二) is another behaviour


def test_clauses_the_question_cannot_tell_apart_are_both_quoted(dog_engine):
    # "便便" is in no dictionary the engine has: nothing says which item of 第九条 is meant, so the answer
    # gives both clauses of 第二十条 with their conditions rather than guessing one fine
    answer = dog_engine.answer("遛狗不管狗的便便罚多少？")
    assert answer.found and answer.section.endswith("第二十条")
    assert "五十元以上二百元以下" in answer.sentence and "二十元以上一百元以下" in answer.sentence


def test_an_article_is_cited_by_its_number_and_a_caption_does_not_hide_it(dog_engine):
    answer = dog_engine.answer("养狗要在多少天内登记？")
    assert answer.found and answer.figure == "三十日"
    assert answer.section.endswith("第八条") and "《某市养犬管理条例》第八条" in answer.answer


def test_a_duty_whose_item_no_penalty_names_is_not_answered_with_the_penalties_of_other_items(dog_engine):
    assert dog_engine.answer("饲养烈性犬罚多少？").figure == "一千元以上五千元以下"
    # 第十九条 lists the penalties the police impose; none is for 第十条第二项
    answer = dog_engine.answer("犬只吠叫影响他人休息，不予制止的，罚多少？")
    assert not answer.found, answer.answer



def test_the_fine_asked_for_is_the_main_one_and_is_marked_where_it_stands(tmp_path_factory):
    engine = _engine(tmp_path_factory, "lighter-case", ASSAULT)
    answer = engine.answer("狗咬伤了人，除了拘留还要罚多少钱？")
    assert answer.figure == "二百元以上五百元以下"  # not the 情节较轻 exception, which names 拘留 too
    lighter = engine.answer("携犬伤人情节较轻的，罚多少钱？")
    assert lighter.figure == "五百元以下"
    # "五百元以下" is also the end of the first range: the mark goes where the chosen figure stands
    assert "二百元以上五百元以下罚款；" in lighter.answer and "或者**五百元以下**罚款" in lighter.answer


def test_weak_word_evidence_stands_only_when_the_model_picks_the_same_clause(dog_engine):
    from dataclasses import replace

    from bot.engine import Engine

    # This short regulation's similarities run lower than the floor calibrated on real ones (0.91)
    lenient = Engine(dog_engine.cfg, replace(dog_engine.thresholds, legal_agree_floor=0.88))
    # "狗的牌牌要一直戴着吗" shares few words with "携犬出户时…为犬只佩戴犬牌" (牌牌 is no glossary word, unlike
    # 狗牌): too little to answer on words alone, but the model, reading the question against the best clauses one
    # by one, picks the same clause
    answer = lenient.answer("狗的牌牌要一直戴着吗")
    assert answer.found and answer.section.endswith("第九条") and "犬牌" in answer.sentence
    assert not dog_engine.answer("狗的牌牌要一直戴着吗").found
    # the words pick one item of 第十条 and the model another: the refusal stands
    assert not lenient.answer("狗晚上老叫，主人得管吗").found


def test_a_fee_asked_is_not_answered_with_another_figure(dog_engine):
    # the registration clause's only figures are periods (三十日, 一年): they say nothing of what it costs
    for question in ("养犬登记费每年多少钱？", "How much is the dog registration fee?"):
        answer = dog_engine.answer(question)
        assert not answer.found, answer.answer
    assert dog_engine.answer("饲养烈性犬罚多少钱？").figure == "一千元以上五千元以下"  # a fine is money it gives


# Two penalties about sorted waste: one for not sorting it, one for mixing what residents had sorted
SORTING = """某市生活垃圾分类管理条例

第一章　总　　则

第一条　为了推进生活垃圾分类，制定本条例。

第五条　单位和个人应当将生活垃圾分类投放到相应的收集容器。

第六条　收集单位不得在居住小区将已分类的生活垃圾混合收集。

第二章　法律责任

第二十条　违反本条例第五条规定，投放生活垃圾未分类的，由城市管理部门责令改正；拒不改正的，对个人处五十元以上二百元以下罚款。

第二十一条　违反本条例第六条规定，收集单位在居住小区将已分类的生活垃圾混合收集的，处五千元以上五万元以下罚款。
"""


def test_a_behaviour_told_as_not_done_is_the_clause_that_says_so(tmp_path_factory):
    engine = _engine(tmp_path_factory, "sorting", SORTING)
    answer = engine.answer("小区里扔垃圾不分类，罚多少？")
    # "不分类" is "未分类"; "已分类的…混合收集" names 小区 too but is another behaviour
    assert answer.found and answer.section.endswith("第二十条"), answer.answer
    assert answer.figure == "五十元以上二百元以下"


# A penalty article whose last paragraph only adds to its items for serious cases
WATER = """某市城市供水条例

第一章　总　　则

第一条　为了加强城市供水管理，保障城市生活、生产用水，制定本条例。

第二条　市城市供水主管部门负责本市城市供水的监督管理工作。

第二章　供水管理

第十二条　供水单位应当保持不间断供水。因工程施工、设备维修等原因确需停止供水的，应当提前二十四小时通知用户。

第十三条　供水单位应当定期检修供水设施，保证供水水质符合国家规定的标准。

第三章　法律责任

第二十条　违反本条例规定，供水单位有下列行为之一的，由城市供水主管部门责令限期改正，按照下列规定给予处罚：
　　（一）供水水质不符合国家规定标准的，处五万元以上十万元以下的罚款；
　　（二）擅自停止供水或者未履行停水通知义务的，处一万元以上五万元以下的罚款；
　　（三）未按照规定检修供水设施的，处五千元以上二万元以下的罚款。
　　有前款第一项、第二项、第三项行为之一，情节严重的，报经有批准权的人民政府批准，可以责令停业整顿。
"""


def test_a_clause_for_serious_cases_only_answers_a_question_about_a_serious_case(tmp_path_factory):
    engine = _engine(tmp_path_factory, "graded-clause", WATER)
    answer = engine.answer("自来水公司突然停了一整天水，事先一点通知都没有，他们会挨什么处罚？")
    assert answer.found and answer.figure == "一万元以上五万元以下", answer.answer
    assert "停业整顿" not in answer.sentence
    serious = engine.answer("自来水公司擅自停水，情节严重的怎么处罚？")
    assert serious.found and "停业整顿" in serious.sentence, serious.answer

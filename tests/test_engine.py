"""The engine: shared by many threads, hot-swapped on re-ingest, never mixing two builds."""

from __future__ import annotations

import shutil
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.engine import Engine, input_problem
from bot.ingest.pipeline import ingest


@pytest.mark.parametrize("question", ["", "   \n\t", "😀🎉", "？？？", "问" * 501, "<script>alert(1)</script>"])
def test_non_questions_get_a_clear_reply(engine, question):
    answer = engine.answer(question)
    assert not answer.found and answer.answer and answer.notice == "bad input"
    assert input_problem(question)


def test_thirty_threads_share_one_model_and_index(engine):
    questions = ["2023年共立案多少宗？", "how many night market spots were set up?", "罚没收入是多少？"] * 10
    with ThreadPoolExecutor(max_workers=30) as pool:
        answers = list(pool.map(engine.answer, questions))
    assert all(a.found for a in answers)
    assert all("35" in a.answer for a in answers[0::3]) and all("63" in a.answer for a in answers[1::3])


def test_reingest_while_answering_switches_atomically(built_config, tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(built_config.corpus_dir, corpus)
    shutil.copytree(built_config.index_dir, index)
    cfg = built_config.with_overrides(corpus_dir=corpus, index_dir=index)
    engine = Engine(cfg)
    old_build = engine.index.build_id
    (corpus / "新增报告.txt").write_text("一、新增工作\n\n全年共拆除违法建筑4321平方米。\n", encoding="utf-8")
    errors: list[BaseException] = []
    stop = threading.Event()

    def keep_asking() -> None:
        while not stop.is_set():
            try:
                assert "35" in engine.answer("2023年共立案多少宗？").answer
            except BaseException as exc:  # collected and re-raised in the test thread
                errors.append(exc)

    askers = [threading.Thread(target=keep_asking) for _ in range(3)]
    for t in askers:
        t.start()
    ingest(cfg, show_progress=False)
    assert engine.index.build_id == old_build  # nothing changes until the engine is told
    assert engine.reload_if_changed()
    stop.set()
    for t in askers:
        t.join(timeout=60)
    assert not errors
    assert engine.index.build_id != old_build
    assert any("4321平方米" in p.text for p in engine.answer("拆除违法建筑多少平方米？").passages[:2])
    assert not engine.reload_if_changed()


def test_a_documents_reference_number_is_found_by_its_form_in_the_letterhead(engine):
    for question in ("这份报告的文号是什么？", "What is the document number of the report?"):
        answer = engine.answer(question)
        assert answer.found and "许城管〔2024〕6号" in answer.sentence, question


def test_a_reference_number_is_told_by_its_form():
    from bot.doc_number import DOC_NUMBER

    assert DOC_NUMBER.search("国办发[2023]12号") and DOC_NUMBER.search("许城管〔2024〕6号")
    assert not DOC_NUMBER.search("2023年共立案35宗") and not DOC_NUMBER.search("第十二条")


def test_a_days_name_is_no_figure_and_events_are_counted_in_events():
    from bot.figures import figures

    # "12.4宪法宣传日" names a day; it had been marked as the count of 普法活动
    assert figures("在6.5环境保护日、12.4宪法宣传日等节点集中开展宣传") == []
    assert [f.text for f in figures("时限压缩了12.4个工作日")] == ["12.4个工作日"]


def test_secondary_is_no_count_of_two():
    from bot.figures import figures

    # 二次供水 is "secondary water supply": no figure of 2 times to quote for "多久清洗一次"
    assert not figures("二次供水设施管理单位应当对二次供水设施进行清洗消毒")
    assert [f.text for f in figures("连续二次不缴纳水费的")] == ["二次"]
    assert [f.text for f in figures("一年内被处罚二次以上的")] == ["一年", "二次以上"]


@pytest.mark.parametrize("question, found", [("普法活动开展了多少场？", False), ("一共办了几场培训？", True)])
def test_a_count_of_events_is_answered_only_by_events(engine, question, found):
    # the report counts no 普法活动: "编写6个…优秀案例" counts cases written, not events held
    answer = engine.answer(question)
    assert answer.found == found, answer.answer
    if found:
        assert answer.figure == "5次"


@pytest.mark.parametrize("question, figure", [("城管局经费有多少？", ""), ("局里的预算是多少？", ""),
                                              ("How much funding did the bureau get?", ""), ("罚没收入是多少？", "115万元")])
def test_funds_asked_are_answered_only_by_money(library_engine, question, figure):
    # the report states no budget: "累计点击播放量达8600万次" had answered "经费有多少", stated as found
    answer = library_engine.answer(question)
    assert answer.found == bool(figure) and answer.figure == figure, answer.answer


def test_a_number_quoted_as_a_name_is_no_figure(engine):
    from bot.figures import figures

    assert figures("大力推行“721”工作法") == [] and figures("认真落实“八五”普法规划") == []
    # it had made "大力推行“721”工作法…" (under the heading "提升市民群众满意度") the answer to a satisfaction rate
    answer = engine.answer("满意度是多少？")
    assert answer.found and answer.figure == "95%以上", answer.answer

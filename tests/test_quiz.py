"""The training quiz: questions made from the facts, answers checked, Leitner repetition, scores that persist."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import threading

import pytest

from bot.config import ROOT, Config
from bot.facts import extract_facts, sentence_facts
from bot.ingest.chunking import chunk_document
from bot.ingest.documents import read_document
from bot.quiz import (BLANK, check, find, format_question, format_score, format_verdict, grade, items_of, make_item,
                      make_items, next_item, parse_number, select)
from bot.quiz_store import INTERVALS, QuizStore
from bot.records import Fact, QuizItem
from tests.conftest import CORPUS, REPORT


@pytest.fixture(scope="module")
def facts() -> list[Fact]:
    cfg = Config()
    return extract_facts(chunk_document(read_document(REPORT, CORPUS), cfg.chunk_chars, cfg.chunk_overlap))


@pytest.fixture(scope="module")
def items(facts) -> list[QuizItem]:
    return make_items(facts)


@pytest.fixture
def store(tmp_path):
    quiz_store = QuizStore(tmp_path / "quiz.sqlite3")
    yield quiz_store
    quiz_store.close()


def fact(facts: list[Fact], figure: str, label: str = "") -> Fact:
    return next(f for f in facts if f.figure == figure and label in f.label)


def number_of(option: str) -> float:
    return float(re.match(r"\d+(?:\.\d+)?", option).group(0))


# ---- generation --------------------------------------------------------------------------------------------

def test_one_question_per_fact_with_short_stable_ids(facts, items):
    assert len(items) == len(facts) == 43
    assert [i.id for i in items] == [f.id for f in facts]
    assert all(re.fullmatch(r"[0-9a-f]{10}", i.id) for i in items)
    assert len({i.id for i in items}) == len(items)
    assert make_items(facts) == items  # the same report always gives the same quiz
    assert len(f"q:{items[0].id}:3".encode()) <= 64  # Telegram callback data


def test_both_kinds_of_question_are_made(items):
    kinds = {i.kind for i in items}
    assert kinds == {"cloze", "choice"}


@pytest.mark.parametrize("figure, label, prompt", [
    ("35宗", "立案", "2023年共立案 ___ 宗，罚没收入115万元。"),
    ("80余项", "防控措施", "坚持监管关口前移，提前介入，梳理占道经营、油烟治理、绿地管理等风险点30项，制定防控措施 ___ 余项。"),
    ("6个", "以案释法", "编写 ___ 个“以案释法”优秀案例并及时向社会公开，为广大群众提供便捷有效的学法路径；"),
    ("达到80%以上", "从轻处罚", "…实施书面行政指导3500次，实现从轻处罚的案件达到 ___ %以上…"),
])
def test_a_cloze_blanks_the_number_and_keeps_unit_and_qualifiers(facts, figure, label, prompt):
    item = make_item(fact(facts, figure, label), facts, kind="cloze")
    assert item.prompt == prompt
    assert item.options == [] and item.answer == item.value


def test_a_choice_blanks_the_whole_figure(facts):
    item = make_item(fact(facts, "35宗", "立案"), facts, kind="choice")
    assert item.prompt == "2023年共立案 ___，罚没收入115万元。"
    assert item.answer == "35宗" and item.answer in item.options


def test_long_sentences_are_cut_to_the_clauses_around_the_blank(items):
    for item in items:
        assert item.prompt.count(BLANK) == 1
        before, after = (part.strip() for part in item.prompt.strip("…").split(BLANK))
        assert before in item.sentence and after in item.sentence
        assert len(item.prompt) <= 95


def choice_items(items):
    return [i for i in items if i.kind == "choice"]


def test_choice_options_are_four_distinct_with_the_answer_once(items):
    for item in choice_items(items):
        assert len(item.options) == 4 and len(set(item.options)) == 4
        assert item.options.count(item.answer) == 1 and item.options[item.answer_index] == item.answer


def test_distractors_share_the_unit_and_stay_near_the_answer(items):
    for item in choice_items(items):
        answer = number_of(item.answer)
        suffix = item.answer[len(re.match(r"\d+(?:\.\d+)?", item.answer).group(0)):]  # "宗", "万余次", "%以上"
        for option in item.options:
            if option == item.answer:
                continue
            value = number_of(option)
            assert option.endswith(suffix) and option[: -len(suffix)].replace(".", "").isdigit()
            assert value != answer and answer / 4 <= value <= answer * 4 and value > 0
            if item.unit == "%":
                assert value <= 100 and (value < 100 or "以上" not in option)


@pytest.mark.parametrize("sentence", [
    "回访满意率95%以上。", "胜诉率100%。", "时限压缩比率92.94%。", "行政复议案件2件。", "累计点击播放量达8600万次。",
    "制定防控措施80余项。", "共对行政相对人回访5万余次。", "日均清扫面积约1.2万平方米。", "出动执法人员600余人次。",
])
def test_distractors_for_any_figure(sentence):
    (one,) = sentence_facts(sentence)
    one = Fact(**{**one.to_json(), "source": "x.txt", "title": "x"})
    item = make_item(one, [one], kind="choice")
    answer = number_of(item.answer)
    decimals = len(one.value.partition(".")[2])
    assert len(set(item.options)) == 4 and item.answer == one.figure[len(one.prefix):]
    for option in item.options:
        value = number_of(option)
        assert answer / 4 <= value <= answer * 4 and len(re.match(r"\d+(?:\.(\d+))?", option).group(1) or "") == decimals
        assert option[len(re.match(r"[\d.]+", option).group(0)):] == item.answer[len(one.value):]
        if one.unit == "%":
            assert value < 100 if "以上" in option else value <= 100


def test_questions_carry_topic_and_keywords(items):
    item = next(i for i in items if i.label == "立案")
    assert item.topic == "严格规范执法" and "立案" in item.keywords
    assert all(i.topic and i.keywords for i in items)


def test_ingest_stores_the_quiz_and_it_loads_back(built_config, items):
    from bot.store import load_index

    index = load_index(built_config.index_dir)
    assert index.quiz == items and items_of(index) == items
    assert all(QuizItem(**i.to_json()) == i for i in index.quiz)
    assert index.manifest["counts"]["quiz"] == 43


# ---- checking answers --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("reply", ["35", "35宗", "35 宗", " 35\n", "３５", "３５宗", "三十五", "三十五宗", "共35宗"])
def test_a_cloze_accepts_the_number_however_written(facts, reply):
    assert check(make_item(fact(facts, "35宗", "立案"), facts, kind="cloze"), reply)


@pytest.mark.parametrize("reply", ["36", "", "宗", "35万", "abc", "3", "350"])
def test_a_cloze_rejects_other_numbers(facts, reply):
    assert not check(make_item(fact(facts, "35宗", "立案"), facts, kind="cloze"), reply)


@pytest.mark.parametrize("figure, label, good, bad", [
    ("5万余次", "回访", ["5", "5万", "5万余次", "50000", "五万"], ["50", "6", "5000"]),
    ("92.94%", "时限", ["92.94", "92.94%", "９２．９４", "百分之九十二点九四"], ["92.9", "93", "9294"]),
    ("80余项", "防控措施", ["80", "80余项", "八十", "80项"], ["8", "800"]),
    ("8600万次", "点击", ["8600", "8600万", "86000000"], ["8600000"]),
    ("115万元", "罚没", ["115", "115万元", "1150000", "一百一十五万"], ["115元", "1150"]),
])
def test_numbers_with_magnitudes_are_compared_as_written_or_in_full(facts, figure, label, good, bad):
    item = make_item(fact(facts, figure, label), facts, kind="cloze")
    assert all(check(item, reply) for reply in good), [r for r in good if not check(item, r)]
    assert not any(check(item, reply) for reply in bad), [r for r in bad if check(item, r)]


def test_a_choice_accepts_the_button_index_the_shown_number_or_letter_and_the_text(facts):
    item = make_item(fact(facts, "35宗", "立案"), facts, kind="choice")
    right = item.answer_index
    assert check(item, right) and not any(check(item, n) for n in range(4) if n != right)
    assert check(item, str(right + 1)) and check(item, "ABCD"[right]) and check(item, "abcd"[right])
    assert check(item, "35宗") and check(item, "35")
    wrong = next(o for o in item.options if o != item.answer)
    assert not check(item, wrong) and not check(item, str((right + 1) % 4 + 1))


@pytest.mark.parametrize("text, parsed", [
    ("35", (35, 1)), ("３５宗", (35, 1)), ("5万余次", (5, 1e4)), ("1.2亿", (1.2, 1e8)), ("二十", (20, 1)),
    ("两千零五", (2005, 1)), ("一百一十五万", (115, 1e4)), ("九十二点九四", (92.94, 1)), ("十", (10, 1)), ("无", None),
])
def test_parse_number(text, parsed):
    assert parse_number(text) == parsed


# ---- spaced repetition ----------------------------------------------------------------------------------------------

def test_a_wrong_answer_comes_back_sooner_than_right_ones(items, store):
    rng = random.Random(7)
    wrong = next_item(items, store, "u", rng=rng)
    store.record("u", wrong.id, False)
    right = next_item(items, store, "u", rng=rng)
    store.record("u", right.id, True)
    between = []
    while (item := next_item(items, store, "u", rng=rng)).id != wrong.id:
        between.append(item.id)
        store.record("u", item.id, True)
    assert right.id not in between and len(between) == INTERVALS[1] - 1
    assert store.card("u", wrong.id).box == 1 and store.card("u", right.id).box == 2


def test_a_question_always_missed_is_asked_far_more_often(items, store):
    rng = random.Random(3)
    hard = items[12].id
    asked: dict[str, int] = {}
    for _ in range(120):
        item = next_item(items, store, "u", rng=rng)
        asked[item.id] = asked.get(item.id, 0) + 1
        store.record("u", item.id, item.id != hard)
    others = max(n for i, n in asked.items() if i != hard)
    assert asked[hard] >= 25 and asked[hard] > 8 * others, (asked[hard], others)


def test_the_order_is_deterministic_with_a_seeded_rng(items, tmp_path):
    def session(path, seed):
        quiz_store = QuizStore(path)
        rng, order = random.Random(seed), []
        for n in range(20):
            item = next_item(items, quiz_store, "u", rng=rng)
            order.append(item.id)
            quiz_store.record("u", item.id, n % 3 != 0)
        quiz_store.close()
        return order

    assert session(tmp_path / "a.sqlite3", 5) == session(tmp_path / "b.sqlite3", 5)


@pytest.mark.parametrize("answers, box", [([True], 2), ([True, True, True], 4), ([True] * 9, 5), ([True, True, False], 1)])
def test_leitner_boxes_move_up_when_right_and_back_to_one_when_wrong(store, answers, box):
    for correct in answers:
        card = store.record("u", "abc", correct)
    assert card.box == box and card.due == len(answers) + INTERVALS[box]
    assert (card.right, card.wrong) == (answers.count(True), answers.count(False))


def test_unseen_questions_come_before_early_reviews(items, store):
    rng = random.Random(1)
    seen = set()
    for _ in range(len(items)):
        item = next_item(items, store, "u", rng=rng)
        assert item.id not in seen
        seen.add(item.id)
        store.record("u", item.id, True)
    assert len(seen) == len(items)


# ---- topics ---------------------------------------------------------------------------------------------------------

def test_a_topic_restricts_the_questions(items, store):
    rng = random.Random(2)
    chosen = select(items, "立案")
    assert {i.figure for i in chosen} == {"35宗", "115万元"}
    for _ in range(6):
        item = next_item(items, store, "u", "立案", rng=rng)
        assert item in chosen
        store.record("u", item.id, False)
    assert next_item(items, store, "u", "没有这个主题") is None
    assert len(select(items, "")) == len(items)


def test_find_an_item_by_its_id(items):
    assert find(items, items[5].id) is items[5] and find(items, "0000000000") is None


# ---- scores ---------------------------------------------------------------------------------------------------------

def test_scores_survive_reopening_the_database(items, tmp_path):
    path = tmp_path / "quiz.sqlite3"
    first = QuizStore(path)
    for item, correct in zip(items[:5], [True, True, False, True, True]):
        grade(item, item.answer if correct else "-1", first, 42)
    first.set_pending(42, items[6].id)
    before = first.score(42, [i.id for i in items])
    first.close()
    again = QuizStore(path)
    assert again.score(42, [i.id for i in items]) == before
    assert before["answered"] == 5 and before["correct"] == 4 and before["streak"] == 2 and before["best_streak"] == 2
    assert before["total"] == 43 and before["seen"] == 5
    assert again.pending(42) == items[6].id and again.card(42, items[2].id).box == 1
    again.close()


def test_the_score_counts_streaks_topics_and_progress(items, store):
    for item in items[:4]:
        store.record("u", item.id, True, topic=item.topic)
    store.record("u", items[4].id, False, topic=items[4].topic)
    score = store.score("u")
    assert (score["answered"], score["correct"], score["accuracy"]) == (5, 4, 0.8)
    assert (score["streak"], score["best_streak"]) == (0, 4)
    assert sum(t["answered"] for t in score["topics"].values()) == 5
    assert score["boxes"] == {1: 1, 2: 4, 3: 0, 4: 0, 5: 0}
    assert "已答 5 题，答对 4 题（80%）" in format_score(score)
    assert store.score("someone else")["answered"] == 0


def test_answering_clears_the_pending_question(items, store):
    store.set_pending("u", items[0].id)
    grade(items[0], items[0].answer, store, "u")
    assert store.pending("u") is None


def test_the_store_is_safe_across_threads(store):
    def answer_many(user: str) -> None:
        for n in range(25):
            store.record(user, f"item{n % 5}", n % 2 == 0)

    threads = [threading.Thread(target=answer_many, args=(f"user{n % 2}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.score("user0")["answered"] + store.score("user1")["answered"] == 200
    assert store.turn("user0") == 100


# ---- text -----------------------------------------------------------------------------------------------------------

def test_the_question_and_verdict_read_well(facts, store):
    item = make_item(fact(facts, "35宗", "立案"), facts, kind="choice")
    text = format_question(item)
    assert item.prompt in text and all(f"{n}. {o}" in text for n, o in enumerate(item.options, 1))
    assert "1. " not in format_question(item, numbered=False)
    wrong = grade(item, (item.answer_index + 1) % 4, store, "u")
    verdict = format_verdict(wrong)
    assert verdict.startswith("❌") and "正确答案是 35宗" in verdict and item.options[(item.answer_index + 1) % 4] in verdict
    assert "原文：2023年共立案35宗，罚没收入115万元。" in verdict and "出处：" in verdict and "三是依法严格规范办案" in verdict
    assert format_verdict(grade(item, item.answer_index, store, "u")).startswith("✅ 回答正确：35宗")


# ---- the terminal quiz ----------------------------------------------------------------------------------------------

def quiz(built_config, data_dir, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "BOT_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "bot", "quiz", "--index", str(built_config.index_dir), *args],
                          input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)


def test_terminal_quiz_checks_piped_answers_and_keeps_the_score_across_runs(built_config, data_dir):
    first = quiz(built_config, data_dir, "夜市点", "--user", "alice", stdin="63\n")
    assert first.returncode == 0, first.stderr
    assert "个夜市点" in first.stdout and BLANK in first.stdout
    assert "✅ 回答正确：63个" in first.stdout
    assert "原文：在空闲场院、断头路重新划定63个夜市点" in first.stdout and "三是开展便民服务活动" in first.stdout
    assert "本次答题 1 道，答对 1 道" in first.stdout
    second = quiz(built_config, data_dir, "夜市点", "--user", "alice", stdin="/score\n1000\n")
    assert "已答 1 题，答对 1 题（100%）" in second.stdout
    assert "❌ 回答错误（你的回答：1000），正确答案是 63个" in second.stdout
    assert "已答 2 题，答对 1 题（50%）" in second.stdout and second.returncode == 0
    assert (data_dir / "quiz.sqlite3").is_file()


def test_terminal_quiz_numbers_the_options_of_a_choice_and_takes_the_number(built_config, data_dir, items):
    (item,) = select(items, "点击播放量")
    assert item.kind == "choice"
    result = quiz(built_config, data_dir, "点击播放量", stdin=f"{item.answer_index + 1}\n")
    assert result.returncode == 0
    assert all(f"\n  {n}. {option}\n" in result.stdout for n, option in enumerate(item.options, 1))
    assert "✅ 回答正确：8600万次" in result.stdout and "本次答题 1 道，答对 1 道" in result.stdout


@pytest.mark.parametrize("args, message", [(["没有这个主题"], "没有与“没有这个主题”相关的题目"), ([], None)])
def test_terminal_quiz_errors_exit_1(built_config, data_dir, tmp_path, args, message):
    if message is None:
        result = subprocess.run([sys.executable, "-m", "bot", "quiz", "--index", str(tmp_path / "none")], input="",
                                capture_output=True, text=True, cwd=ROOT, timeout=300)
        message = "python ingest.py"
    else:
        result = quiz(built_config, data_dir, *args, stdin="")
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr

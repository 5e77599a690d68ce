"""The conversation core over the real engine: follow-ups, isolation, expiry, reset, small talk and the log."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from bot.config import ROOT
from bot.conversation import Conversations
from bot.qlog import QuestionLog


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def chat(engine, data_dir):
    clock = Clock()
    conversations = Conversations(engine, QuestionLog(data_dir / "q.sqlite3"), idle_seconds=600, clock=clock)
    conversations.clock_ = clock
    return conversations


def test_a_follow_up_is_answered_from_the_previous_topic(chat):
    first = chat.ask("t", "c1", "u", "2023年共立案多少宗？").answer
    assert first.found and first.figure == "35宗" and not first.understood_as
    followup = chat.ask("t", "c1", "u", "那罚款收了多少？").answer
    assert followup.found and followup.figure == "115万元"
    assert "2023" in followup.understood_as and followup.question == "那罚款收了多少？"


def test_where_is_answered_from_the_previous_answer(chat):
    chat.ask("t", "c1", "u", "梳理了多少项城市管理法定执法职责？")
    where = chat.ask("t", "c1", "u", "它在报告哪一部分？").answer
    assert where.found and "658项" in where.sentence and "推进职能优化" in where.answer


@pytest.mark.parametrize("switch", ["What about in English?", "英文呢？", "Can you say that in English, please?"])
def test_the_answer_before_is_given_again_in_english(chat, switch):
    first = chat.ask("t", "c1", "u", "2023年罚没收入是多少？").answer
    assert first.found and first.figure == "115万元"
    again = chat.ask("t", "c1", "u", switch).answer
    # the same clause, its source, and the figure in English words; the thread stays on the question before
    assert again.found and again.sentence == first.sentence and "Source：" in again.answer
    assert "RMB 1.15 million" in again.answer and again.understood_as == "2023年罚没收入是多少？"
    back = chat.ask("t", "c1", "u", "用中文说一下").answer
    assert back.found and "出处：" in back.answer and "Figure" not in back.answer
    assert chat.ask("t", "c1", "u", "那立案呢？").answer.figure == "35宗"


def test_an_articles_number_is_said_in_english_or_not_at_all(library_engine):
    chat = Conversations(library_engine)
    chat.ask("t", "c2", "u", "What is the fine for cutting down trees in Nanyang?")
    chinese = chat.ask("t", "c2", "u", "What about in Chinese?").answer
    assert chinese.answer.splitlines()[-1] == "出处：《南阳市城市绿化条例》第三十六条"
    english = chat.ask("t", "c2", "u", "English please").answer
    assert "Source：《南阳市城市绿化条例》第三十六条 (Article 36)" in english.answer
    assert "Figure: RMB 1,000 to 10,000 per tree" in english.answer


def test_a_change_asked_after_a_count_is_refused_when_the_report_states_none(chat):
    chat.ask("t", "c1", "u", "2023年共立案多少宗？")
    change = chat.ask("t", "c1", "u", "比上年多了多少？").answer
    # the report gives the year's count only: "35宗" is not how many more
    assert not change.found and change.understood_as == "2023年共立案比上年多了多少？"
    assert any("35宗" in p.text for p in change.passages[:3])  # the count itself is shown as related reading


def test_conversations_are_isolated(chat):
    chat.ask("t", "a", "u", "今年以来共公示行政处罚多少件？")
    other = chat.ask("t", "b", "u", "那行政许可呢？").answer
    assert not other.understood_as
    same = chat.ask("t", "a", "u", "那行政许可呢？").answer
    assert same.understood_as == "今年以来共公示行政许可多少件？" and same.figure == "37件"


def test_a_quiet_conversation_expires(chat):
    chat.ask("t", "c1", "u", "今年以来共公示行政处罚多少件？")
    chat.clock_.now += 601
    assert chat.previous("t", "c1") is None
    assert not chat.ask("t", "c1", "u", "那行政许可呢？").answer.understood_as


def test_reset_starts_afresh(chat):
    chat.ask("t", "c1", "u", "今年以来共公示行政处罚多少件？")
    chat.reset("t", "c1")
    assert not chat.ask("t", "c1", "u", "那行政许可呢？").answer.understood_as


def test_small_talk_between_turns_keeps_the_thread(chat):
    chat.ask("t", "c1", "u", "今年以来共公示行政处罚多少件？")
    thanks = chat.ask("t", "c1", "u", "谢谢").answer
    assert thanks.kind == "smalltalk" and not thanks.found and not thanks.passages
    assert chat.ask("t", "c1", "u", "那行政许可呢？").answer.figure == "37件"


def test_small_talk_offers_examples_from_the_index_and_is_not_unanswered(chat, engine):
    hello = chat.ask("t", "c1", "u", "你好").answer
    examples = [line[2:] for line in hello.answer.splitlines() if line.startswith("• ")]
    assert 2 <= len(examples) <= 3
    labels = [f.label for f in engine.index.facts]
    assert all(any(label in q for label in labels) for q in examples)
    english = chat.ask("t", "c1", "u", "hello").answer
    assert english.answer.startswith("Hello") and "？" not in english.answer
    stats = chat.qlog.stats()
    assert stats["questions"] == 0 and stats["recent_unanswered"] == [] and stats["smalltalk"] == 2


def test_buttons_get_the_answer_the_user_saw(chat):
    chat.ask("t", "c1", "u", "2023年共立案多少宗？")
    reply = chat.ask("t", "c1", "u", "那罚款收了多少？")
    assert chat.answer_of(reply.qid).figure == "115万元"
    assert chat.qlog.question(reply.qid) == reply.answer.understood_as
    fresh = Conversations(chat.engine, chat.qlog)  # after a restart: the standalone question answered again
    assert fresh.answer_of(reply.qid).figure == "115万元"


def test_an_old_question_log_is_migrated(data_dir):
    data_dir.mkdir(parents=True)
    path = data_dir / "old.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE questions (id INTEGER PRIMARY KEY AUTOINCREMENT, ts REAL NOT NULL, channel TEXT NOT NULL,"
               " user_id TEXT NOT NULL, question TEXT NOT NULL, found INTEGER NOT NULL, answer TEXT NOT NULL,"
               " top_section TEXT, top_passage TEXT, latency_ms REAL, feedback INTEGER, feedback_ts REAL)")
    db.execute("INSERT INTO questions (ts, channel, user_id, question, found, answer) VALUES (1e12, 'x', 'u', '旧问题', 0, '')")
    db.commit()
    db.close()
    log = QuestionLog(path)
    assert log.stats(days=100000)["recent_unanswered"] == ["旧问题"] and log.question(1) == "旧问题"


def test_chat_json_reads_one_conversation_from_stdin(built_config):
    env = {**os.environ, "BOT_CORPUS_DIR": str(built_config.corpus_dir), "BOT_DATA_DIR": str(built_config.data_dir)}
    lines = "你好\n2023年共立案多少宗？\n那罚款收了多少？\n\n谢谢\n"
    run = subprocess.run([sys.executable, "-m", "bot", "chat", "--json", "--index", str(built_config.index_dir)],
                         input=lines, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["question"] for r in rows] == ["你好", "2023年共立案多少宗？", "那罚款收了多少？", "谢谢"]
    fields = {"question", "found", "answer", "sentence", "figure", "doc", "section", "passages", "understood_as"}
    assert all(set(r) == fields for r in rows)
    assert rows[0]["found"] is False and rows[0]["answer"] and not rows[0]["passages"]
    assert rows[2]["found"] and "115万元" in rows[2]["answer"] and "2023" in rows[2]["understood_as"]
    assert rows[1]["understood_as"] == "" and rows[3]["found"] is False


def test_the_example_questions_of_a_greeting_are_different_and_answered(library_engine):
    # over a library of laws they had been "罚款有多少元？" three times: a law's "处…罚款" read as a fact
    chat = Conversations(library_engine)
    hello = chat.ask("t", "examples", "u", "你好").answer
    examples = [line[2:] for line in hello.answer.splitlines() if line.startswith("• ")]
    assert len(examples) == 3 and len(set(examples)) == 3
    assert any(q.endswith("罚多少？") for q in examples)  # what a regulation fines, from its penalty table
    for question in examples:
        assert library_engine.answer(question).found, question

"""`python -m bot quiz [TOPIC] [--user NAME]`: practice questions in the terminal, scores kept in SQLite."""

from __future__ import annotations

import sys

from bot.config import Config
from bot.quiz import format_question, format_score, format_verdict, grade, items_of, next_item
from bot.quiz_store import DB_NAME, QuizStore
from bot.records import QuizItem
from bot.store import load_index

HELP = "输入答案后回车；选择题可输入选项编号。命令：/score 查看成绩   /quit 退出（或 Ctrl-D）"
QUIT = ("/quit", "/exit", "/q", "q", "quit", "exit")


def run_quiz(cfg: Config, topic: str, user: str) -> int:
    """Ask until the user quits or input ends; every answer is recorded under `user`."""
    index = load_index(cfg.index_dir)  # IndexNotFound / IndexCorrupt name the fix; the CLI prints them
    items = items_of(index)
    store = QuizStore(cfg.data_dir / DB_NAME)
    try:
        if next_item(items, store, user, topic) is None:
            print(f"没有与“{topic}”相关的题目。" if topic else "索引中没有可出题的数字。", file=sys.stderr)
            return 1
        print(f"练习开始（{user}）。{HELP}\n")
        asked, right = _loop(items, store, user, topic)
        print(f"\n本次答题 {asked} 道，答对 {right} 道。")
        print(format_score(store.score(user, [i.id for i in items])))
        return 0
    finally:
        store.close()


def _loop(items: list[QuizItem], store: QuizStore, user: str, topic: str) -> tuple[int, int]:
    asked = right = 0
    while True:
        item = next_item(items, store, user, topic)
        print(format_question(item))
        reply = _answer(store, user, items)
        if reply is None:
            return asked, right
        verdict = grade(item, reply, store, user)
        asked, right = asked + 1, right + int(verdict.correct)
        print(format_verdict(verdict) + "\n")


def _answer(store: QuizStore, user: str, items: list[QuizItem]) -> str | None:
    """The next answer; None at end of input or on /quit. Commands and blank lines ask again."""
    while True:
        line = _read()
        if line is None or line.strip().lower() in QUIT:
            return None
        reply = line.strip()
        if reply == "/score":
            print(format_score(store.score(user, [i.id for i in items])))
        elif reply in ("/help", "?"):
            print(HELP)
        elif reply:
            return reply


def _read() -> str | None:
    if sys.stdin.isatty():
        try:
            return input("答> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return None
    line = sys.stdin.readline()
    if not line:
        return None
    print(f"答> {line.strip()}")  # echo piped answers so the transcript reads like a session
    return line

"""`python -m bot chat`: an interactive prompt with history editing, or one conversation read from a pipe."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bot.config import Config
from bot.conversation import Conversations
from bot.engine import Engine
from bot.frontends.render import render_text
from bot.records import Answer

HELP = """输入问题并回车即可，可以接着追问，例如：
  2023年共立案多少宗？
  那罚款呢？
  how many night market spots were set up?
命令：/new 新对话   /more 更多段落   /section 查看整节原文   /help 帮助   /quit 退出（或 Ctrl-D）"""
PLATFORM, CONVERSATION = "terminal", "terminal"


def run_chat(cfg: Config, as_json: bool = False) -> int:
    engine = Engine(cfg)
    chat = Conversations(engine, idle_seconds=cfg.conversation_idle_seconds)
    if as_json or not sys.stdin.isatty():
        return _answer_pipe(chat, as_json)
    _enable_history(cfg.data_dir / "chat_history")
    print(f"已载入索引：{_describe(engine)}\n{HELP}\n")
    last: Answer | None = None
    more = 0
    while True:
        try:
            line = input("问> ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if line in ("/quit", "/exit", "/q"):
            return 0
        if line in ("/help", "/h", "?"):
            print(HELP)
            continue
        if line == "/more":
            more += 2
            print(render_text(last, more=more, color=True) if last else "还没有提问。", "\n")
            continue
        if line == "/section":
            print(_section(engine, last), "\n")
            continue
        if line == "/new":
            chat.reset(PLATFORM, CONVERSATION)
            last = None
            print("已开始新对话。\n")
            continue
        if not line:
            continue
        engine.reload_if_changed()
        last, more = chat.ask(PLATFORM, CONVERSATION, "terminal", line).answer, 0
        print(render_text(last, color=True), "\n")


def _answer_pipe(chat: Conversations, as_json: bool) -> int:
    """Scripted use: the input lines are one conversation, one question a line; stops at end of input."""
    for line in sys.stdin:
        question = line.strip()
        if not question:
            continue
        if question == "/new":
            chat.reset(PLATFORM, CONVERSATION)
            continue
        answer = chat.ask(PLATFORM, CONVERSATION, "terminal", question).answer
        if as_json:
            print(json.dumps(answer.to_json(), ensure_ascii=False), flush=True)
        else:
            print(f"问：{question}")
            print(render_text(answer), "\n", flush=True)
    return 0


def _section(engine: Engine, answer: Answer | None) -> str:
    if answer is None or not answer.passages:
        return "还没有可查看的段落。"
    section, text = engine.section_text(answer)
    return f"[{section}]\n{text}"


def _describe(engine: Engine) -> str:
    m = engine.index.manifest
    return f"{m['counts']['files']} 份文件，{m['counts']['chunks']} 个段落，模型 {m['model']}，构建于 {m['built_at']}"


def _enable_history(path: Path) -> None:
    """Arrow-key editing and a history kept across sessions, where the platform has readline."""
    try:
        import atexit
        import readline
    except ImportError:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        readline.read_history_file(str(path))
    except OSError:
        pass
    readline.set_history_length(1000)
    atexit.register(readline.write_history_file, str(path))


def run_quiz(cfg: Config, topic: str, user: str) -> int:
    from bot.frontends.quiz_cli import run_quiz as quiz

    return quiz(cfg, topic, user)

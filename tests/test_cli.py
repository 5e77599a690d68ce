"""The command line: every command has --help; `ask --json` keeps its contract; errors name the fix."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.config import ROOT

COMMANDS = ["ask", "chat", "telegram", "dingtalk", "wecom", "web", "eval", "facts", "quiz", "bench"]


def bot(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env=env)


@pytest.mark.parametrize("command", [[], ["ingest"]] + [[c] for c in COMMANDS])
def test_every_command_has_help(command):
    if command == ["ingest"]:
        result = subprocess.run([sys.executable, "ingest.py", "--help"], capture_output=True, text=True, cwd=ROOT)
        assert "--corpus" in result.stdout and "--index" in result.stdout
    else:
        result = bot(*command, "--help")
    assert result.returncode == 0 and "usage" in result.stdout


def test_ask_json_prints_one_object_per_question(built_config):
    result = bot("ask", "--json", "--index", str(built_config.index_dir), "2023年共立案多少宗？", "how many cases in 2023")
    lines = result.stdout.strip().split("\n")
    assert result.returncode == 0 and len(lines) == 2
    for line in lines:
        data = json.loads(line)
        assert set(data) >= {"question", "found", "answer", "passages"}
        assert data["found"] is True and "35" in data["answer"]
        assert set(data["passages"][0]) == {"doc", "section", "text", "score"}
        assert isinstance(data["passages"][0]["score"], float)


@pytest.mark.parametrize("question", ["", "   ", "😀🎉👍", "问" * 10_000, "'; DROP TABLE questions; --", "<script>alert(1)</script>"])
def test_bad_questions_get_a_clear_reply_not_a_traceback(built_config, question):
    result = bot("ask", "--json", "--index", str(built_config.index_dir), question)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert data["found"] is False and data["answer"]


def test_missing_index_exits_non_zero_naming_ingest(tmp_path):
    result = bot("ask", "--json", "--index", str(tmp_path / "nothing"), "2023年共立案多少宗？")
    assert result.returncode == 1 and "python ingest.py" in result.stderr and "Traceback" not in result.stderr


def test_corrupt_index_exits_non_zero_naming_ingest(built_config, tmp_path):
    import shutil

    broken = tmp_path / "index"
    shutil.copytree(built_config.index_dir, broken)
    build = next(p for p in (broken / "builds").iterdir())
    (build / "dense.faiss").write_bytes(b"not faiss")
    result = bot("ask", "--index", str(broken), "2023年共立案多少宗？")
    assert result.returncode == 1 and "ingest" in result.stderr and "Traceback" not in result.stderr


def test_chat_reads_questions_from_a_pipe(built_config):
    result = bot("chat", "--index", str(built_config.index_dir), stdin="2023年共立案多少宗？\n\nhow many night market spots were set up?\n")
    assert result.returncode == 0
    assert "35宗" in result.stdout and "63个夜市点" in result.stdout


def test_without_a_command_and_token_the_terminal_chat_starts(built_config):
    env = {k: v for k, v in __import__("os").environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    env["BOT_INDEX_DIR"] = str(built_config.index_dir)
    result = bot(stdin="2023年共立案多少宗？\n", env=env)
    assert result.returncode == 0 and "35" in result.stdout

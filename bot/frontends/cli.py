"""The `python -m bot` command line: ask, chat, telegram, dingtalk, wecom, web, eval, facts, quiz, bench."""

from __future__ import annotations

import argparse
import json
import os
import sys

from bot.config import Config
from bot.errors import BotError
from bot.logs import setup_logging


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--index", metavar="DIR", help="index folder (default: index/, env BOT_INDEX_DIR)")
    p.add_argument("-v", "--verbose", action="store_true", help="debug logging")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bot", description=(
        "Chat Q&A over the reports in corpus/. Without a command: the Telegram bot when TELEGRAM_BOT_TOKEN "
        "is set, else the terminal chat."))
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    ask = sub.add_parser("ask", help="answer questions given on the command line",
                         description="Answer each QUESTION from the index; one model load serves them all.")
    ask.add_argument("questions", nargs="+", metavar="QUESTION")
    ask.add_argument("--json", action="store_true", help="one JSON object per question per line")
    ask.add_argument("--more", type=int, default=0, metavar="N", help="show N more passages (text mode)")
    _common(ask)
    chat = sub.add_parser("chat", help="interactive terminal chat (also reads questions from a pipe)",
                          description="Chat with follow-ups: piped lines are one conversation, one question a line.")
    chat.add_argument("--json", action="store_true",
                      help="one JSON object per input line (the fields of `ask --json`, with understood_as)")
    _common(chat)
    tg = sub.add_parser("telegram", help="run the Telegram bot (env TELEGRAM_BOT_TOKEN)")
    _common(tg)
    ding = sub.add_parser("dingtalk", help="run the DingTalk bot, Stream mode (env DINGTALK_CLIENT_ID, DINGTALK_CLIENT_SECRET)",
                          description="Connect to DingTalk in Stream mode (outgoing HTTPS and WSS only) and answer "
                                      "private chats and group @-mentions until SIGTERM.")
    _common(ding)
    wecom = sub.add_parser("wecom", help="run the WeCom bot, callback mode (env WECOM_CORP_ID, WECOM_TOKEN, ...)",
                           description="Serve the WeCom callback URL /wecom/callback and answer the app's messages "
                                       "until SIGTERM.")
    wecom.add_argument("--host", default=None, help="address to bind (default 127.0.0.1, env WECOM_HOST)")
    wecom.add_argument("--port", type=int, default=None, help="port (default 8090, env WECOM_PORT)")
    _common(wecom)
    web = sub.add_parser("web", help="serve the web chat and HTTP API")
    web.add_argument("--host", default=None, help="address to bind (default 127.0.0.1; others need WEB_TOKEN)")
    web.add_argument("--port", type=int, default=None, help="port (default 8000)")
    _common(web)
    ev = sub.add_parser("eval", help="evaluate answers against a question set",
                        description="Print hit@1, hit@3, MRR, figure-in-answer, refusal accuracy and over-refusal per language.")
    ev.add_argument("questions", nargs="?", default="tests/questions.jsonl", help="JSONL question set")
    ev.add_argument("--misses", metavar="FILE", default="eval-misses.jsonl", help="where to write the misses")
    ev.add_argument("--json", action="store_true", help="print the metrics as JSON")
    ev.add_argument("--conversations", metavar="FILE", nargs="?", const="tests/conversations.jsonl",
                    help="evaluate multi-turn conversations instead (default set: tests/conversations.jsonl): "
                         "accuracy per turn type, dev and held-out")
    ev.add_argument("--calibrate", action="store_true", help="search refusal thresholds on this set and print them")
    ev.add_argument("--split", choices=["dev", "test"], default="", help="only the development or the held-out questions")
    ev.add_argument("--sweep", metavar="SIZES", help="comma-separated chunk sizes to compare on scratch indexes, e.g. 120,160,240")
    ev.add_argument("--overlaps", metavar="N,N", default="0,1", help="chunk overlaps to compare with --sweep (default 0,1)")
    _common(ev)
    facts = sub.add_parser("facts", help="list the figures of the reports (fact sheet), or the penalty table")
    facts.add_argument("keyword", nargs="?", default="", help="only facts whose label, section or sentence contains this")
    facts.add_argument("--penalties", action="store_true",
                       help="the penalty table of the laws and regulations (罚则一览): behaviour, measures, article")
    facts.add_argument("--json", action="store_true", help="one JSON object per fact (or penalty row) per line")
    facts.add_argument("--csv", metavar="FILE", help="write the fact sheet as CSV")
    facts.add_argument("--xlsx", metavar="FILE", help="write the fact sheet as an Excel workbook")
    _common(facts)
    quiz = sub.add_parser("quiz", help="practice quiz in the terminal")
    quiz.add_argument("topic", nargs="?", default="", help="only questions about this keyword")
    quiz.add_argument("--user", default=os.environ.get("USER", "terminal"), help="whose score to keep")
    _common(quiz)
    bench = sub.add_parser("bench", help="measure answer latency against its floor, and ingest against bare embedding")
    bench.add_argument("--questions", default="tests/questions.jsonl")
    bench.add_argument("--scale", type=int, default=0, metavar="N", help="also index N synthetic chunks and compare FAISS index types")
    bench.add_argument("--library", metavar="DIR", help="also ingest a large library made of DIR's .md files and the corpus, "
                       "replicated --copies times: ingest rate vs bare embedding, resume after a kill, peak memory, latency")
    bench.add_argument("--copies", default="1", metavar="N,N", help="library sizes as copies of DIR (default 1)")
    _common(bench)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    setup_logging(getattr(args, "verbose", False))
    cfg = Config.from_env().with_overrides(index_dir=getattr(args, "index", None))
    command = args.command or ("telegram" if cfg.telegram_token else "chat")
    try:
        return COMMANDS[command](cfg, args)
    except BotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def cmd_ask(cfg: Config, args) -> int:
    from bot.engine import Engine
    from bot.frontends.render import render_text

    engine = Engine(cfg)
    for question in args.questions:
        answer = engine.answer(question)
        if args.json:
            print(json.dumps(answer.to_json(), ensure_ascii=False), flush=True)
        else:
            print(render_text(answer, more=args.more, color=sys.stdout.isatty()) + "\n", flush=True)
    return 0


def cmd_chat(cfg: Config, args) -> int:
    from bot.frontends.terminal import run_chat

    return run_chat(cfg, as_json=getattr(args, "json", False))


def cmd_telegram(cfg: Config, args) -> int:
    from bot.frontends.telegram_bot import run_telegram

    return run_telegram(cfg)


def cmd_dingtalk(cfg: Config, args) -> int:
    from bot.frontends.dingtalk_bot import run_dingtalk

    return run_dingtalk(cfg)


def cmd_wecom(cfg: Config, args) -> int:
    from bot.frontends.wecom_bot import run_wecom

    return run_wecom(cfg.with_overrides(wecom_host=args.host, wecom_port=args.port))


def cmd_web(cfg: Config, args) -> int:
    from bot.frontends.web import run_web

    return run_web(cfg, host=args.host, port=args.port)


def cmd_eval(cfg: Config, args) -> int:
    from bot.evaluation import run_eval, sweep_chunking

    if args.conversations:
        from bot.conversation_eval import run_conversation_eval

        return run_conversation_eval(cfg, args.conversations, args.misses, args.json)
    if args.sweep:
        return sweep_chunking(cfg, args.questions, [int(x) for x in args.sweep.split(",")],
                              [int(x) for x in args.overlaps.split(",")])
    return run_eval(cfg, args.questions, misses_path=args.misses, as_json=args.json, search_thresholds=args.calibrate,
                    split=args.split)


def cmd_facts(cfg: Config, args) -> int:
    from bot.frontends.facts_cli import run_facts

    return run_facts(cfg, args)


def cmd_quiz(cfg: Config, args) -> int:
    from bot.frontends.terminal import run_quiz

    return run_quiz(cfg, args.topic, args.user)


def cmd_bench(cfg: Config, args) -> int:
    from bot.bench import run_bench

    copies = [int(n) for n in args.copies.split(",")] if args.library else []
    return run_bench(cfg, args.questions, scale=args.scale, library=args.library, copies=copies)


COMMANDS = {
    "ask": cmd_ask, "chat": cmd_chat, "telegram": cmd_telegram, "dingtalk": cmd_dingtalk, "wecom": cmd_wecom,
    "web": cmd_web, "eval": cmd_eval,
    "facts": cmd_facts, "quiz": cmd_quiz, "bench": cmd_bench,
}

"""`python -m bot facts [--penalties] [--json] [--csv FILE] [--xlsx FILE] [KEYWORD]`: the fact sheet (or the
penalty table) in the terminal or a spreadsheet."""

from __future__ import annotations

import json
import os
import sys

from bot.config import Config
from bot.facts import export_csv, export_xlsx, filter_facts, format_sheet_text
from bot.store import load_index


def run_facts(cfg: Config, args) -> int:
    """Print or export the facts matching the keyword; exit 1 when none does, like grep."""
    index = load_index(cfg.index_dir)  # IndexNotFound / IndexCorrupt name the fix; the CLI prints them
    keyword = (getattr(args, "keyword", "") or "").strip()
    if getattr(args, "penalties", False):
        from bot.frontends.penalties_cli import run_penalties

        return run_penalties(index, keyword, args)
    facts = filter_facts(index.facts, keyword)
    if not facts:
        print(f"没有找到与“{keyword}”相关的数字。" if keyword else "索引中没有数字：语料里的报告没有统计数字。", file=sys.stderr)
        return 1
    exported = False
    if getattr(args, "csv", None):
        print(f"wrote {export_csv(facts, args.csv)} facts to {args.csv}", file=sys.stderr)
        exported = True
    if getattr(args, "xlsx", None):
        print(f"wrote {export_xlsx(facts, args.xlsx)} facts to {args.xlsx}", file=sys.stderr)
        exported = True
    try:
        if getattr(args, "json", False):
            for fact in facts:
                print(json.dumps(fact.to_json(), ensure_ascii=False))
        elif not exported:
            print(format_sheet_text(facts))
        sys.stdout.flush()
    except BrokenPipeError:  # `| head` closed the pipe: the reader has what it wanted
        sys.stdout = open(os.devnull, "w")
    return 0

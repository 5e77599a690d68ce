"""`python -m bot facts --penalties [KEYWORD] [--json] [--csv FILE] [--xlsx FILE]`: the penalty table (罚则一览)."""

from __future__ import annotations

import json
import os
import sys

from bot.penalty_sheet import export_csv, export_xlsx, filter_penalties, format_table_text


def run_penalties(index, keyword: str, args) -> int:
    """Print or export the rows matching the keyword; exit 1 when none does, like grep."""
    rows = filter_penalties(index.penalties, keyword)
    if not rows:
        print(f"没有找到与“{keyword}”相关的罚则。" if keyword else
              "索引中没有罚则：语料里没有法律法规，或索引建于罚则一览之前（请重新运行 python ingest.py）。", file=sys.stderr)
        return 1
    exported = False
    if getattr(args, "csv", None):
        print(f"wrote {export_csv(rows, args.csv)} lines ({len(rows)} penalty rows) to {args.csv}", file=sys.stderr)
        exported = True
    if getattr(args, "xlsx", None):
        print(f"wrote {export_xlsx(rows, args.xlsx)} lines ({len(rows)} penalty rows) to {args.xlsx}", file=sys.stderr)
        exported = True
    try:
        if getattr(args, "json", False):
            for row in rows:
                print(json.dumps({**row.to_json(), "id": row.id, "citation": row.citation}, ensure_ascii=False))
        elif not exported:
            print(format_table_text(rows))
        sys.stdout.flush()
    except BrokenPipeError:  # `| head` closed the pipe: the reader has what it wanted
        sys.stdout = open(os.devnull, "w")
    return 0

"""`python -m bot facts [--penalties] [--json] [--csv FILE] [--xlsx FILE] [KEYWORD]`: the fact sheet (or the
penalty table) in the terminal or a spreadsheet.

Both tables go out the same way (JSON lines, text, CSV, Excel; exit 1 when nothing matches); a `Sheet` says only
what differs: the rows, how each is written, and the words.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from typing import Any, Callable

from bot import facts, penalty_sheet
from bot.config import Config
from bot.store import load_index


@dataclass(frozen=True)
class Sheet:
    """One table as this command sends it out; the two tables differ only in these."""

    rows: list
    empty: str  # why nothing is shown
    export_csv: Callable[[list, str], int]  # both return the number of lines written
    export_xlsx: Callable[[list, str], int]
    written: Callable[[int], str]  # "43 facts", for the line that reports an export
    as_json: Callable[[Any], dict]
    as_text: Callable[[list], str]


def run_facts(cfg: Config, args) -> int:
    """Print or export the rows matching the keyword; exit 1 when none does, like grep."""
    index = load_index(cfg.index_dir)  # IndexNotFound / IndexCorrupt name the fix; the CLI prints them
    keyword = (getattr(args, "keyword", "") or "").strip()
    sheet = penalty_table(index, keyword) if getattr(args, "penalties", False) else fact_sheet(index, keyword)
    return show(sheet, args)


def fact_sheet(index, keyword: str) -> Sheet:
    return Sheet(facts.filter_facts(index.facts, keyword),
                 f"没有找到与“{keyword}”相关的数字。" if keyword else "索引中没有数字：语料里的报告没有统计数字。",
                 facts.export_csv, facts.export_xlsx, lambda n: f"{n} facts", lambda fact: fact.to_json(),
                 facts.format_sheet_text)


def penalty_table(index, keyword: str) -> Sheet:
    rows = penalty_sheet.filter_penalties(index.penalties, keyword)
    empty = (f"没有找到与“{keyword}”相关的罚则。" if keyword else
             "索引中没有罚则：语料里没有法律法规，或索引建于罚则一览之前（请重新运行 python ingest.py）。")
    return Sheet(rows, empty, penalty_sheet.export_csv, penalty_sheet.export_xlsx,
                 lambda n: f"{n} lines ({len(rows)} penalty rows)",
                 lambda row: {**row.to_json(), "id": row.id, "citation": row.citation}, penalty_sheet.format_table_text)


def show(sheet: Sheet, args) -> int:
    if not sheet.rows:
        print(sheet.empty, file=sys.stderr)
        return 1
    exported = export(sheet, args)
    try:
        if getattr(args, "json", False):
            for row in sheet.rows:
                print(json.dumps(sheet.as_json(row), ensure_ascii=False))
        elif not exported:
            print(sheet.as_text(sheet.rows))
        sys.stdout.flush()
    except BrokenPipeError:  # `| head` closed the pipe: the reader has what it wanted
        sys.stdout = open(os.devnull, "w")
    return 0


def export(sheet: Sheet, args) -> bool:
    """Write the spreadsheets asked for; True when any was, so the text is not printed as well."""
    targets = [(getattr(args, "csv", None), sheet.export_csv), (getattr(args, "xlsx", None), sheet.export_xlsx)]
    for target, write in targets:
        if target:
            print(f"wrote {sheet.written(write(sheet.rows, target))} to {target}", file=sys.stderr)
    return any(target for target, _ in targets)

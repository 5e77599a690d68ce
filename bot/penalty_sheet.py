"""The penalty table as officers read it: filtered by a keyword, as text blocks per document, and as a
spreadsheet with one line per fine so the ranges sort and filter."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Iterable

from bot.penalties import Penalty
from bot.penalty_measures import Measure
from bot.spreadsheet import in_memory, write_csv, write_xlsx

COLUMNS = ["文档", "条款", "行为", "违反条款", "执法部门", "处罚措施", "罚款条件", "罚款下限", "罚款上限", "单位",
           "计罚单位", "计罚基数", "拘留", "原文", "来源文件"]
_WIDTHS = [26, 16, 40, 18, 20, 50, 16, 10, 10, 6, 10, 14, 14, 80, 24]


def filter_penalties(penalties: Iterable[Penalty], keyword: str = "") -> list[Penalty]:
    """Rows whose behaviour, document, article, duty or measures mention `keyword` (all rows for "")."""
    keyword = keyword.strip()
    if not keyword:
        return list(penalties)
    return [p for p in penalties if any(keyword in t for t in _searchable(p))]


def _searchable(p: Penalty) -> list[str]:
    return [p.behaviour, p.title, p.citation, p.article, p.duty, p.authority, *p.listed] + \
        [m.kind for m in p.measures] + [m.text for m in p.measures]


def described(penalty: Penalty) -> str:
    """The behaviour as the table shows it; a class punished by name with what its duty article lists, since
    "妨碍供热设施正常运行行为" alone does not tell an officer that tapping the heating water is one."""
    if not penalty.listed:
        return penalty.behaviour
    return f"{penalty.behaviour}（{penalty.duty}所列：{'；'.join(b.rstrip('；;。') for b in penalty.listed)}）"


def measures_text(penalty: Penalty) -> str:
    return "；".join(m.summary() for m in penalty.measures)


def format_row(penalty: Penalty) -> str:
    item = f"第{penalty.item.strip('（）()')}项" if penalty.item else ""
    return f"· {penalty.article}{item} {described(penalty)}\n    {measures_text(penalty)}"


def sheet_blocks(penalties: Iterable[Penalty]) -> list[str]:
    """A block per document: its title, then its rows."""
    groups: dict[str, list[Penalty]] = {}
    for p in penalties:
        groups.setdefault(p.title, []).append(p)
    return [f"《{title}》罚则\n" + "\n".join(format_row(p) for p in rows) for title, rows in groups.items()]


def format_table_text(penalties: Iterable[Penalty]) -> str:
    return "\n\n".join(sheet_blocks(penalties))


def table_pages(penalties: Iterable[Penalty], limit: int = 3500) -> list[str]:
    """Message-sized pages, cut between rows; a document's title is repeated on the page it continues on."""
    pages, current = [], ""
    for block in sheet_blocks(penalties):
        head, *rows = block.split("\n· ")
        for row in rows:
            line = ("· " + row)[:limit - len(head) - 2]
            if current and len(current) + 1 + len(line) > limit:
                pages.append(current)
                current = ""
            if not current or head not in current:
                current = f"{current}\n\n{head}" if current else head
            current += "\n" + line
    return pages + ([current] if current else [])


def sheet_rows(penalties: Iterable[Penalty]) -> list[list]:
    """One line per fine (a row without a fine gets one line), numbers as numbers for sorting."""
    out = []
    for p in penalties:
        detention = "；".join(_detention(m) for m in p.measures if m.kind == "拘留" and m.has_range)
        head = [p.title, p.citation.split("》")[-1], described(p), p.duty, p.authority, measures_text(p)]
        tail = [detention, p.sentence, p.source]
        fines = [m for m in p.fines if m.has_range] or [None]
        for fine in fines:
            out.append(head + _fine_cells(fine) + tail)
    return out


def _fine_cells(fine: Measure | None) -> list:
    if fine is None:
        return ["", None, None, "", "", ""]
    return [fine.condition, _number(fine.low), _number(fine.high), fine.unit, fine.per, fine.basis]


def _detention(m: Measure) -> str:
    return f"{m.condition}：{m.range_text()}" if m.condition else m.range_text()


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def export_csv(penalties: Iterable[Penalty], target: str | Path | IO[str]) -> int:
    """CSV (UTF-8 with BOM when written to a file, for Excel); returns the number of lines written."""
    return write_csv(COLUMNS, sheet_rows(penalties), target)


def export_xlsx(penalties: Iterable[Penalty], target: str | Path | IO[bytes]) -> int:
    """An Excel workbook: bold frozen header, filters, wrapped text; returns the number of lines."""
    return write_xlsx("罚则一览", COLUMNS, sheet_rows(penalties), _WIDTHS, target, wrapped=None)


def xlsx_bytes(penalties: Iterable[Penalty]) -> bytes:
    """The workbook in memory, for sending as a document."""
    return in_memory(lambda buffer: export_xlsx(penalties, buffer))

"""The penalty table as officers read it: filtered by a keyword, as text blocks per document, and as a
spreadsheet with one line per fine so the ranges sort and filter."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import IO, Iterable

from bot.penalties import Penalty
from bot.penalty_measures import Measure

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
    return [p.behaviour, p.title, p.citation, p.article, p.duty, p.authority] + [m.kind for m in p.measures] + [m.text for m in p.measures]


def measures_text(penalty: Penalty) -> str:
    return "；".join(m.summary() for m in penalty.measures)


def format_row(penalty: Penalty) -> str:
    item = f"第{penalty.item.strip('（）()')}项" if penalty.item else ""
    return f"· {penalty.article}{item} {penalty.behaviour}\n    {measures_text(penalty)}"


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
        head = [p.title, p.citation.split("》")[-1], p.behaviour, p.duty, p.authority, measures_text(p)]
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
    rows = sheet_rows(penalties)
    if isinstance(target, (str, Path)):
        with open(target, "w", encoding="utf-8-sig", newline="") as handle:
            return _write_csv(rows, handle)
    return _write_csv(rows, target)


def _write_csv(rows: list[list], handle: IO[str]) -> int:
    writer = csv.writer(handle)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return len(rows)


def export_xlsx(penalties: Iterable[Penalty], target: str | Path | IO[bytes]) -> int:
    """An Excel workbook: bold frozen header, filters, wrapped text; returns the number of lines."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    rows = sheet_rows(penalties)
    book = Workbook()
    sheet = book.active
    sheet.title = "罚则一览"
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # law text, never a formula
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for n, width in enumerate(_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.save(target if not isinstance(target, Path) else str(target))
    return len(rows)


def xlsx_bytes(penalties: Iterable[Penalty]) -> bytes:
    buffer = io.BytesIO()
    export_xlsx(penalties, buffer)
    return buffer.getvalue()

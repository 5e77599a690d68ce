"""CSV and Excel output shared by the fact sheet and the penalty table: one header row, then the rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import IO


def write_csv(columns: list[str], rows: list[list], target: str | Path | IO[str]) -> int:
    """CSV (UTF-8 with BOM when written to a file, so Excel reads the Chinese); returns the row count."""
    if isinstance(target, (str, Path)):
        with open(target, "w", encoding="utf-8-sig", newline="") as handle:
            return write_csv(columns, rows, handle)
    writer = csv.writer(target)
    writer.writerow(columns)
    writer.writerows(rows)
    return len(rows)


def write_xlsx(title: str, columns: list[str], rows: list[list], widths: list[int], target: str | Path | IO[bytes],
               wrapped: set[int] | None = None) -> int:
    """A workbook with a bold frozen header and filters; text wraps in the `wrapped` columns (1-based; all when
    None). Returns the row count."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(columns)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # document text, never a formula
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for n, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if wrapped is None or cell.column in wrapped:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.save(target if not isinstance(target, Path) else str(target))
    return len(rows)


def in_memory(write) -> bytes:
    """What `write(buffer)` writes, as bytes: a workbook to send as a document."""
    buffer = io.BytesIO()
    write(buffer)
    return buffer.getvalue()

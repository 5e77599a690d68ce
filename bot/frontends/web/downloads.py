"""Spreadsheet downloads of the fact sheet and the penalty table: CSV or Excel, named in Chinese for the browser
with an ASCII name for clients that cannot read the UTF-8 one."""

from __future__ import annotations

import io
from typing import Callable
from urllib.parse import quote

from fastapi.responses import Response

from bot.frontends.web.context import WebContext

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_download(export_csv: Callable, rows: list, name: str, ascii_name: str) -> Response:
    buffer = io.StringIO()
    export_csv(rows, buffer)
    # The byte-order mark is what makes Excel read a CSV file as UTF-8 rather than the local code page.
    return download("\ufeff" + buffer.getvalue(), "text/csv; charset=utf-8", name, ascii_name)


async def xlsx_download(web: WebContext, xlsx_bytes: Callable, rows: list, name: str, ascii_name: str) -> Response:
    """The workbook is built in a worker thread: openpyxl takes a while on a large table."""
    return download(await web.worker.run(xlsx_bytes, rows), XLSX, name, ascii_name)


def download(content: str | bytes, media_type: str, name: str, ascii_name: str) -> Response:
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})

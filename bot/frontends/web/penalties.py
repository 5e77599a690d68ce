"""The penalty table under /api: rows as JSON, CSV or Excel, filtered by a keyword."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from bot.frontends.web.context import web_of
from bot.frontends.web.downloads import csv_download, xlsx_download
from bot.penalty_sheet import export_csv, filter_penalties, xlsx_bytes

PENALTIES = APIRouter(prefix="/api", tags=["penalty table"])
Keyword = Query("", max_length=100, description="only rows whose behaviour, document, article or measures contain this")


def _rows(request: Request, q: str):
    return filter_penalties(web_of(request).engine.index.penalties, q)


@PENALTIES.get("/penalties", summary="The penalty table of the laws and regulations (罚则一览)")
async def penalties(request: Request, q: str = Keyword) -> dict:
    chosen = _rows(request, q)
    return {"count": len(chosen), "penalties": [
        {**p.to_json(), "id": p.id, "citation": p.citation, "summary": [m.summary() for m in p.measures]}
        for p in chosen]}


@PENALTIES.get("/penalties.csv", summary="The penalty table as CSV (UTF-8 with BOM, one line per fine)")
async def penalties_csv(request: Request, q: str = Keyword) -> Response:
    return csv_download(export_csv, _rows(request, q), "罚则一览.csv", "penalties.csv")


@PENALTIES.get("/penalties.xlsx", summary="The penalty table as an Excel workbook")
async def penalties_xlsx(request: Request, q: str = Keyword) -> Response:
    return await xlsx_download(web_of(request), xlsx_bytes, _rows(request, q), "罚则一览.xlsx", "penalties.xlsx")

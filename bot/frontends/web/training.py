"""Fact sheet and quiz routes under /api: the figures as JSON, CSV or Excel, and practice questions."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from bot.facts import export_csv, filter_facts, xlsx_bytes
from bot.frontends.web.context import web_of
from bot.frontends.web.downloads import csv_download, xlsx_download
from bot.frontends.web.shapes import QuizAnswerRequest
from bot.quiz import find, format_verdict, grade, items_of, next_item
from bot.records import Fact, QuizItem

TRAINING = APIRouter(prefix="/api", tags=["facts and quiz"])
Keyword = Query("", max_length=100, description="only facts whose label, figure, section or sentence contains this")


def _facts(request: Request, q: str) -> list[Fact]:
    return filter_facts(web_of(request).engine.index.facts, q)


@TRAINING.get("/facts", summary="The figures of the reports")
async def facts(request: Request, q: str = Keyword) -> dict:
    chosen = _facts(request, q)
    return {"count": len(chosen), "facts": [{**f.to_json(), "id": f.id} for f in chosen]}


@TRAINING.get("/facts.csv", summary="The fact sheet as CSV (UTF-8 with BOM, for Excel)")
async def facts_csv(request: Request, q: str = Keyword) -> Response:
    return csv_download(export_csv, _facts(request, q), "报告数字一览.csv", "facts.csv")


@TRAINING.get("/facts.xlsx", summary="The fact sheet as an Excel workbook")
async def facts_xlsx(request: Request, q: str = Keyword) -> Response:
    return await xlsx_download(web_of(request), xlsx_bytes, _facts(request, q), "报告数字一览.xlsx", "facts.xlsx")


def quiz_user(name: str) -> str:
    """Web names are kept apart from Telegram ids, so typing someone's numeric id does not show their score."""
    name = name.strip()
    if not name or len(name) > 40:
        raise HTTPException(422, "请填写姓名（1到40个字）。 / `user` must be 1 to 40 characters.")
    return f"web:{name}"


def _question_json(item: QuizItem) -> dict:
    # Never the answer: the page gets only what it shows.
    return {"id": item.id, "kind": item.kind, "prompt": item.prompt, "options": item.options,
            "label": item.label, "topic": item.topic}


@TRAINING.get("/quiz/next", summary="The next practice question for a user")
async def quiz_next(request: Request, user: str = Query(max_length=200), topic: str = Query("", max_length=100)) -> dict:
    web, who = web_of(request), quiz_user(user)
    item = await web.worker.run(next_item, items_of(web.engine.index), web.quiz_store, who, topic)
    if item is None:
        raise HTTPException(404, f"没有与“{topic}”相关的题目。 / No question about {topic!r}." if topic
                            else "索引中没有可出题的数字。 / The index has no figures to ask about.")
    return _question_json(item)


@TRAINING.post("/quiz/answer", summary="Check and record an answer")
async def quiz_answer(request: Request, body: QuizAnswerRequest) -> dict:
    web, who = web_of(request), quiz_user(body.user)
    items = items_of(web.engine.index)
    item = find(items, body.id)
    if item is None:
        raise HTTPException(404, "这道题已不在当前索引中，请做下一题。 / That question is no longer in the index.")
    reply = body.reply.strip()[:100] if isinstance(body.reply, str) else body.reply
    verdict = await web.worker.run(grade, item, reply, web.quiz_store, who)
    score = await web.worker.run(web.quiz_store.score, who, [i.id for i in items])
    return {"correct": verdict.correct, "figure": item.figure, "sentence": item.sentence, "section": item.section,
            "title": item.title, "text": format_verdict(verdict), "score": score}


@TRAINING.get("/quiz/score", summary="A user's quiz score")
async def quiz_score(request: Request, user: str = Query(max_length=200)) -> dict:
    web, who = web_of(request), quiz_user(user)
    ids = [i.id for i in items_of(web.engine.index)]
    return await web.worker.run(web.quiz_store.score, who, ids)

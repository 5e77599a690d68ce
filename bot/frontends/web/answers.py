"""The JSON API under /api: ask (optionally in a conversation), the web page's chat, buttons, health, reload."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse

from bot.frontends.web.context import answer_of, ask_in_conversation, check_conversation, check_question, web_of
from bot.frontends.web.shapes import AnswerOut, AskRequest, FeedbackRequest, NewConversationRequest

API = APIRouter(prefix="/api", tags=["answers"])


@API.post("/ask", summary="Answer a question", responses={200: {"model": AnswerOut}})
async def ask(request: Request, body: AskRequest) -> JSONResponse:
    """The same JSON object as `python -m bot ask --json`; the question-log id is in the `X-Question-Id` header.

    Send the same `conversation` id with each question to ask follow-ups; `understood_as` shows how one was read.
    """
    question, conversation = check_question(body.question), check_conversation(body.conversation)
    reply = await ask_in_conversation(request, question, "api", conversation)
    return JSONResponse(reply.answer.to_json(), headers={"X-Question-Id": str(reply.qid)})


@API.get("/health", summary="The loaded index")
async def health(request: Request) -> dict:
    manifest = web_of(request).engine.index.manifest
    counts = manifest.get("counts", {})
    return {"status": "ok", "documents": counts.get("files", len(manifest.get("files", []))),
            "chunks": counts.get("chunks", 0), "facts": counts.get("facts", 0), "model": manifest.get("model"),
            "built_at": manifest.get("built_at"), "build_id": manifest.get("build_id"),
            "files": list(manifest.get("files", []))}


@API.post("/chat", summary="Answer for the web page: the ask object plus its question-log id and kind")
async def chat(request: Request, body: AskRequest) -> dict:
    question, conversation = check_question(body.question), check_conversation(body.conversation)
    reply = await ask_in_conversation(request, question, "web", conversation)
    answer = reply.answer
    return {**answer.to_json(), "id": reply.qid, "notice": answer.notice, "kind": answer.kind}


@API.post("/conversations/new", summary="Forget a conversation: its next question starts afresh")
async def new_conversation(request: Request, body: NewConversationRequest) -> dict:
    conversation = check_conversation(body.conversation)
    web = web_of(request)
    for channel in ("web", "api"):
        web.chat.reset(channel, conversation)
    return {"conversation": conversation, "ok": True}


@API.get("/answers/{qid}/passages", summary="All passages of a logged answer, for \"more passages\"")
async def more_passages(request: Request, qid: int) -> dict:
    answer = await answer_of(request, qid)
    return {"id": qid, "passages": [p.to_json() for p in answer.passages]}


@API.get("/answers/{qid}/section", summary="The whole section the answer stands in")
async def whole_section(request: Request, qid: int) -> dict:
    web, answer = web_of(request), await answer_of(request, qid)
    section, text = await web.worker.run(web.engine.section_text, answer)
    if not text:
        raise HTTPException(404, "没有找到所在章节。 / This answer has no section.")
    return {"id": qid, "doc": answer.passages[0].doc, "section": section, "text": text}


@API.post("/answers/{qid}/feedback", summary="👍 (1) or 👎 (-1) on an answer")
async def feedback(request: Request, qid: int, body: FeedbackRequest) -> dict:
    if body.value not in (1, -1):
        raise HTTPException(422, "`value` must be 1 (👍) or -1 (👎).")
    web = web_of(request)
    if not await web.worker.run(web.qlog.feedback, qid, body.value):
        raise HTTPException(404, "没有这条提问记录。 / No such question id.")
    return {"id": qid, "ok": True}


@API.post("/reload", summary="Switch to a newly ingested index now")
async def reload(request: Request) -> dict:
    web = web_of(request)
    changed = await web.worker.run(web.engine.reload_if_changed)
    return {"changed": changed, "build_id": web.engine.index.build_id}

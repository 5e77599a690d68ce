"""The OpenAI chat-completions format under /v1: the `messages` history is the conversation."""

from __future__ import annotations

import json
import time
import uuid
from typing import AsyncIterator

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from bot.frontends.render import understood_line
from bot.frontends.web.context import check_question, fresh, web_of, who
from bot.frontends.web.shapes import MODEL_ID, ChatMessage, ChatRequest
from bot.records import Answer

OPENAI = APIRouter(prefix="/v1", tags=["OpenAI-compatible"])
MAX_REPLAYED = 6  # earlier user turns replayed to read the last one; older ones cannot matter to a follow-up


def message_text(message: ChatMessage) -> str:
    """Content may be a string or a list of {"type": "text"} parts."""
    content = message.content
    if isinstance(content, list):
        content = "\n".join(str(p.get("text", "")) for p in content if p.get("type") == "text")
    return content or ""


def user_turns(messages: list[ChatMessage]) -> tuple[list[str], str]:
    """(earlier user questions, the question): the last user message is asked, the ones before are its history."""
    asked = [message_text(m) for m in messages if m.role == "user"]
    if not asked:
        raise HTTPException(400, "`messages` has no message with role \"user\": the last user message is the question.")
    history = [text.strip() for text in asked[:-1] if text.strip()][-MAX_REPLAYED:]
    return history, asked[-1]


@OPENAI.get("/models", summary="The one model this server offers")
async def models() -> dict:
    return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "report-bot"}]}


@OPENAI.post("/chat/completions", summary="Answer in the OpenAI chat-completions format (stream: true for SSE)")
async def chat_completions(request: Request, body: ChatRequest) -> Response:
    history, last = user_turns(body.messages)
    question = check_question(last)
    web = web_of(request)
    await fresh(web)
    reply = await web.worker.run(web.chat.ask_with_history, "openai", who(request, body.user or ""), history, question)
    content = reply_text(reply.answer)
    meta = {"id": f"chatcmpl-{reply.qid}-{uuid.uuid4().hex[:8]}", "created": int(time.time()),
            "model": body.model or MODEL_ID}
    if body.stream:
        return StreamingResponse(_sse(meta, content), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    return JSONResponse({**meta, "object": "chat.completion", "choices": [{
        "index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}})


def reply_text(answer: Answer) -> str:
    """The answer as chat text, led by how a follow-up was read."""
    understood = understood_line(answer)
    return f"（{understood}）\n{answer.answer}" if understood else answer.answer


async def _sse(meta: dict, content: str) -> AsyncIterator[str]:
    """The answer is complete before streaming starts (errors get a real status); it is sent as role, text, stop."""
    for delta, finish in (({"role": "assistant", "content": ""}, None), ({"content": content}, None), ({}, "stop")):
        chunk = {**meta, "object": "chat.completion.chunk",
                 "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"
    yield "data: [DONE]\n\n"

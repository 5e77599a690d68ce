"""One error shape for the web front-end: {"error": message}, or OpenAI's shape under /v1."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.worker import Busy

log = logging.getLogger(__name__)

BUSY = "现在提问的人较多，请稍等几秒再问一次。 / Too many questions are waiting; please retry in a few seconds."


def error_response(path: str, status: int, message: str, headers: dict | None = None) -> JSONResponse:
    """{"error": message}; under /v1 the OpenAI shape, which its clients know how to show."""
    if path.startswith("/v1/"):
        kind = "invalid_request_error" if status < 500 else "server_error"
        content: dict = {"error": {"message": message, "type": kind, "param": None, "code": status}}
    else:
        content = {"error": message}
    return JSONResponse(content, status_code=status, headers=headers)


def validation_message(exc: RequestValidationError) -> tuple[int, str]:
    """One clear line for the first problem: bad JSON is a 400, a wrong field a 422."""
    first = exc.errors()[0] if exc.errors() else {}
    kind, where = first.get("type", ""), ".".join(str(p) for p in first.get("loc", ())[1:])
    if kind == "json_invalid":
        return 400, f"请求不是有效的 JSON。 / The body is not valid JSON: {first.get('ctx', {}).get('error', '')}".strip()
    if kind == "missing" and not where:
        return 400, "请求需要 JSON 内容。 / The request needs a JSON body, e.g. {\"question\": \"2023年共立案多少宗？\"}"
    if kind in ("model_attributes_type", "dict_type"):
        return 422, "请求内容必须是 JSON 对象。 / The body must be a JSON object, e.g. {\"question\": \"...\"}"
    if kind == "missing":
        return 422, f"缺少字段 `{where}`。 / `{where}` is missing."
    if kind == "string_type":
        return 422, f"`{where}` 必须是字符串。 / `{where}` must be a string."
    return 422, f"`{where or 'request'}`: {first.get('msg', 'invalid value')}"


def install_errors(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        status, message = validation_message(exc)
        return error_response(request.url.path, status, message)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if exc.status_code != 404 or exc.detail != "Not Found" else "没有这个页面。 / Not found."
        return error_response(request.url.path, exc.status_code, str(message), getattr(exc, "headers", None))

    @app.exception_handler(Busy)
    async def on_busy(request: Request, exc: Busy) -> JSONResponse:
        return error_response(request.url.path, 503, BUSY, {"Retry-After": "5"})

    @app.exception_handler(Exception)
    async def on_error(request: Request, exc: Exception) -> JSONResponse:
        log.error("error while answering %s", request.url.path, exc_info=exc)
        message = "抱歉，处理时出错了，请稍后再试。 / Internal error; it has been logged."
        return error_response(request.url.path, 500, message)

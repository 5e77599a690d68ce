"""`python -m bot web`: the browser chat, a JSON API and an OpenAI-compatible endpoint over the answer engine."""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import io
import ipaddress
import json
import logging
import sys
import time
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import AsyncIterator
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.config import Config
from bot.engine import Engine
from bot.facts import export_csv, filter_facts, xlsx_bytes
from bot.qlog import QuestionLog
from bot.quiz import find, format_verdict, grade, items_of, next_item
from bot.quiz_store import DB_NAME, QuizStore
from bot.records import Answer, QuizItem
from bot.worker import Busy, EngineWorker

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
MAX_QUESTION = 2000  # API limit; the engine itself politely refuses anything over 500
MAX_BODY = 1 << 20  # chat front-ends resend the whole conversation, so allow long histories, not unbounded ones
RELOAD_EVERY = 10.0  # seconds between checks for a newly ingested index
MODEL_ID = "report-qa"
COOKIE = "bot_session"
PUBLIC = ("/login", "/static/", "/favicon.ico")  # what a browser needs to show the login form
BUSY = "现在提问的人较多，请稍等几秒再问一次。 / Too many questions are waiting; please retry in a few seconds."
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")  # Swagger UI sets inline styles


@dataclass
class WebContext:
    """What every request shares: one engine, one worker pool, one question log."""

    cfg: Config
    engine: Engine
    worker: EngineWorker
    qlog: QuestionLog
    checked: float = field(default_factory=time.monotonic)
    _quiz: QuizStore | None = None

    @property
    def quiz_store(self) -> QuizStore:
        if self._quiz is None:
            self._quiz = QuizStore(self.cfg.data_dir / DB_NAME)
        return self._quiz


def _web(request: Request) -> WebContext:
    return request.app.state.web


# ---- request and response shapes (they are also the OpenAPI documentation) --------------------------------

class AskRequest(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"question": "2023年共立案多少宗？"}]})
    question: StrictStr = Field(description=f"the question, 1 to {MAX_QUESTION} characters, Chinese or English")


class PassageOut(BaseModel):
    doc: str
    section: str
    text: str
    score: float


class AnswerOut(BaseModel):
    """Exactly the object of `python -m bot ask --json`."""

    question: str
    found: bool
    answer: str = Field(description="plain text: the sentence with the figure in **…**, then a line 出处：doc › section")
    sentence: str
    figure: str
    doc: str
    section: str
    passages: list[PassageOut]


class FeedbackRequest(BaseModel):
    value: StrictInt = Field(description="1 for 👍, -1 for 👎")


class QuizAnswerRequest(BaseModel):
    user: StrictStr
    id: StrictStr
    reply: StrictStr | StrictInt = Field(description="typed number or option text, or a 0-based option index")


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: StrictStr
    content: StrictStr | list[dict] | None = None


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="allow", json_schema_extra={
        "examples": [{"model": MODEL_ID, "messages": [{"role": "user", "content": "how many cases in 2023"}]}]})
    messages: list[ChatMessage] = Field(min_length=1)
    model: StrictStr | None = None
    stream: bool = False
    user: StrictStr | None = None


# ---- answering ---------------------------------------------------------------------------------------------

def check_question(question: str) -> str:
    """The question stripped, or a 422 naming what is wrong with it."""
    question = question.strip()
    if not question:
        raise HTTPException(422, "问题为空，请输入问题。 / `question` is empty: send {\"question\": \"2023年共立案多少宗？\"}")
    if len(question) > MAX_QUESTION:
        raise HTTPException(422, f"问题太长（{len(question)}字），上限{MAX_QUESTION}字。"
                                 f" / `question` is {len(question)} characters; the limit is {MAX_QUESTION}.")
    return question


async def _fresh(web: WebContext) -> None:
    """Pick up a re-ingested index, checking at most every RELOAD_EVERY seconds (one small file read)."""
    now = time.monotonic()
    if now - web.checked < RELOAD_EVERY:
        return
    web.checked = now
    try:
        await web.worker.run(web.engine.reload_if_changed)
    except Busy:
        raise
    except Exception:  # a broken new build must not stop the old one from answering
        log.exception("index reload failed; still answering from the previous index")


async def answer_logged(request: Request, question: str, channel: str, user: str = "") -> tuple[Answer, int]:
    """Answer in a worker thread and log it; returns the answer and its question-log id."""
    web = _web(request)
    await _fresh(web)
    answer, seconds = await web.worker.answer(question)
    who = user or (request.client.host if request.client else "unknown")
    qid = await web.worker.run(web.qlog.record, channel, who, answer, seconds)
    return answer, qid


async def answer_of(request: Request, qid: int) -> Answer:
    """The logged question answered again, so links keyed by its id keep working after a restart."""
    web = _web(request)
    question = await web.worker.run(web.qlog.question, qid)
    if question is None:
        raise HTTPException(404, "没有这条提问记录，请重新提问。 / No such question id; please ask again.")
    answer, _ = await web.worker.answer(question)
    return answer


# ---- pages -------------------------------------------------------------------------------------------------

PAGES = APIRouter(include_in_schema=False)


def _page(name: str) -> FileResponse:
    return FileResponse(STATIC / name, media_type="text/html; charset=utf-8")


@PAGES.get("/")
async def chat_page() -> FileResponse:
    return _page("index.html")


@PAGES.get("/facts")
async def facts_page() -> FileResponse:
    return _page("facts.html")


@PAGES.get("/quiz")
async def quiz_page() -> FileResponse:
    return _page("quiz.html")


@PAGES.get("/login")
async def login_page() -> FileResponse:
    return _page("login.html")


@PAGES.get("/favicon.ico")
async def favicon() -> FileResponse:
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


@PAGES.post("/login")
async def login(request: Request) -> RedirectResponse:
    """The login form posts the token; a right one sets a session cookie derived from it, never the token itself."""
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    token, target = form.get("token", [""])[0], safe_next(form.get("next", ["/"])[0])
    expected = _web(request).cfg.web_token
    if not expected or not _same(token.strip(), expected):
        return RedirectResponse(f"/login?error=1&next={quote(target)}", status_code=303)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, session_value(expected), max_age=30 * 86400, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https")
    return response


@PAGES.get("/docs")
async def docs_page() -> Response:
    if swagger_assets() is None:
        return HTMLResponse("<p>API docs need the fastapi-offline package (its Swagger UI files): "
                            "<code>pip install -r requirements.txt</code>. The OpenAPI description is at "
                            "<a href=\"/openapi.json\">/openapi.json</a>.</p>", status_code=503)
    return _page("docs.html")


def safe_next(target: str) -> str:
    """Only a path on this site: "//host" or "https://host" would make the login form an open redirect."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) else "/"


def swagger_assets() -> Path | None:
    """Swagger UI's files as the fastapi-offline package ships them, or None when it is not installed."""
    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(list(spec.submodule_search_locations)[0]) / "static"
    return folder if (folder / "swagger-ui-bundle.js").is_file() else None


# ---- the JSON API --------------------------------------------------------------------------------------------

API = APIRouter(prefix="/api", tags=["answers"])


@API.post("/ask", summary="Answer a question", responses={200: {"model": AnswerOut}})
async def ask(request: Request, body: AskRequest) -> JSONResponse:
    """The same JSON object as `python -m bot ask --json`; the question-log id is in the `X-Question-Id` header."""
    answer, qid = await answer_logged(request, check_question(body.question), "api")
    return JSONResponse(answer.to_json(), headers={"X-Question-Id": str(qid)})


@API.get("/health", summary="The loaded index")
async def health(request: Request) -> dict:
    manifest = _web(request).engine.index.manifest
    counts = manifest.get("counts", {})
    return {"status": "ok", "documents": counts.get("files", len(manifest.get("files", []))),
            "chunks": counts.get("chunks", 0), "facts": counts.get("facts", 0), "model": manifest.get("model"),
            "built_at": manifest.get("built_at"), "build_id": manifest.get("build_id"),
            "files": list(manifest.get("files", []))}


@API.post("/chat", summary="Answer for the web page: the ask object plus its question-log id")
async def chat(request: Request, body: AskRequest) -> dict:
    answer, qid = await answer_logged(request, check_question(body.question), "web")
    return {**answer.to_json(), "id": qid, "notice": answer.notice}


@API.get("/answers/{qid}/passages", summary="All passages of a logged answer, for \"more passages\"")
async def more_passages(request: Request, qid: int) -> dict:
    answer = await answer_of(request, qid)
    return {"id": qid, "passages": [p.to_json() for p in answer.passages]}


@API.get("/answers/{qid}/section", summary="The whole section the answer stands in")
async def whole_section(request: Request, qid: int) -> dict:
    web, answer = _web(request), await answer_of(request, qid)
    section, text = await web.worker.run(web.engine.section_text, answer)
    if not text:
        raise HTTPException(404, "没有找到所在章节。 / This answer has no section.")
    return {"id": qid, "doc": answer.passages[0].doc, "section": section, "text": text}


@API.post("/answers/{qid}/feedback", summary="👍 (1) or 👎 (-1) on an answer")
async def feedback(request: Request, qid: int, body: FeedbackRequest) -> dict:
    if body.value not in (1, -1):
        raise HTTPException(422, "`value` must be 1 (👍) or -1 (👎).")
    web = _web(request)
    if not await web.worker.run(web.qlog.feedback, qid, body.value):
        raise HTTPException(404, "没有这条提问记录。 / No such question id.")
    return {"id": qid, "ok": True}


@API.post("/reload", summary="Switch to a newly ingested index now")
async def reload(request: Request) -> dict:
    web = _web(request)
    changed = await web.worker.run(web.engine.reload_if_changed)
    return {"changed": changed, "build_id": web.engine.index.build_id}


# ---- fact sheet and quiz ----------------------------------------------------------------------------------

TRAINING = APIRouter(prefix="/api", tags=["facts and quiz"])
Keyword = Query("", max_length=100, description="only facts whose label, figure, section or sentence contains this")


@TRAINING.get("/facts", summary="The figures of the reports")
async def facts(request: Request, q: str = Keyword) -> dict:
    chosen = filter_facts(_web(request).engine.index.facts, q)
    return {"count": len(chosen), "facts": [{**f.to_json(), "id": f.id} for f in chosen]}


@TRAINING.get("/facts.csv", summary="The fact sheet as CSV (UTF-8 with BOM, for Excel)")
async def facts_csv(request: Request, q: str = Keyword) -> Response:
    buffer = io.StringIO()
    export_csv(filter_facts(_web(request).engine.index.facts, q), buffer)
    return _download("\ufeff" + buffer.getvalue(), "text/csv; charset=utf-8", "报告数字一览.csv", "facts.csv")


@TRAINING.get("/facts.xlsx", summary="The fact sheet as an Excel workbook")
async def facts_xlsx(request: Request, q: str = Keyword) -> Response:
    web = _web(request)
    data = await web.worker.run(xlsx_bytes, filter_facts(web.engine.index.facts, q))
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(data, kind, "报告数字一览.xlsx", "facts.xlsx")


def _download(content: str | bytes, media_type: str, name: str, ascii_name: str) -> Response:
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


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
    web, who = _web(request), quiz_user(user)
    item = await web.worker.run(next_item, items_of(web.engine.index), web.quiz_store, who, topic)
    if item is None:
        raise HTTPException(404, f"没有与“{topic}”相关的题目。 / No question about {topic!r}." if topic
                            else "索引中没有可出题的数字。 / The index has no figures to ask about.")
    return _question_json(item)


@TRAINING.post("/quiz/answer", summary="Check and record an answer")
async def quiz_answer(request: Request, body: QuizAnswerRequest) -> dict:
    web, who = _web(request), quiz_user(body.user)
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
    web, who = _web(request), quiz_user(user)
    ids = [i.id for i in items_of(web.engine.index)]
    return await web.worker.run(web.quiz_store.score, who, ids)


# ---- OpenAI chat-completions format ----------------------------------------------------------------------

OPENAI = APIRouter(prefix="/v1", tags=["OpenAI-compatible"])


def last_user_text(messages: list[ChatMessage]) -> str:
    """The question is the last user message; content may be a string or a list of {"type": "text"} parts."""
    for message in reversed(messages):
        if message.role == "user":
            content = message.content
            if isinstance(content, list):
                content = "\n".join(str(p.get("text", "")) for p in content if p.get("type") == "text")
            return content or ""
    raise HTTPException(400, "`messages` has no message with role \"user\": the last user message is the question.")


@OPENAI.get("/models", summary="The one model this server offers")
async def models() -> dict:
    return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "report-bot"}]}


@OPENAI.post("/chat/completions", summary="Answer in the OpenAI chat-completions format (stream: true for SSE)")
async def chat_completions(request: Request, body: ChatRequest) -> Response:
    question = check_question(last_user_text(body.messages))
    answer, qid = await answer_logged(request, question, "openai", body.user or "")
    meta = {"id": f"chatcmpl-{qid}-{uuid.uuid4().hex[:8]}", "created": int(time.time()), "model": body.model or MODEL_ID}
    if body.stream:
        return StreamingResponse(_sse(meta, answer.answer), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
    return JSONResponse({**meta, "object": "chat.completion", "choices": [{
        "index": 0, "message": {"role": "assistant", "content": answer.answer}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}})


async def _sse(meta: dict, content: str) -> AsyncIterator[str]:
    """The answer is complete before streaming starts (errors get a real status); it is sent as role, text, stop."""
    for delta, finish in (({"role": "assistant", "content": ""}, None), ({"content": content}, None), ({}, "stop")):
        chunk = {**meta, "object": "chat.completion.chunk",
                 "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"
    yield "data: [DONE]\n\n"


# ---- access, limits and errors ------------------------------------------------------------------------------

def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def session_value(token: str) -> str:
    """The cookie proves the token was typed without carrying it; changing WEB_TOKEN logs everyone out."""
    return hmac.new(token.encode("utf-8"), b"bot web session", hashlib.sha256).hexdigest()


def authorized(request: Request, token: str) -> bool:
    if not token:
        return True
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and _same(given.strip(), token):
        return True
    return _same(request.cookies.get(COOKIE, ""), session_value(token))


def _wants_json(path: str) -> bool:
    return path.startswith(("/api/", "/v1/")) or path == "/openapi.json"


async def guard(request: Request, call_next) -> Response:
    """WEB_TOKEN, when set, guards everything but the login form; every response gets the security headers."""
    path = request.url.path
    if not path.startswith(PUBLIC) and not authorized(request, _web(request).cfg.web_token):
        if _wants_json(path):
            message = "需要口令。 / Missing or wrong token: send `Authorization: Bearer <WEB_TOKEN>`."
            return error_response(path, 401, message, {"WWW-Authenticate": "Bearer"})
        target = path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    response = await call_next(request)
    response.headers.setdefault("Content-Security-Policy", DOCS_CSP if path == "/docs" else CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")  # shared links carry questions in the URL
    response.headers.setdefault("Cache-Control", "no-cache")
    return response


class BodyLimit:
    """Refuse bodies over `limit` bytes before they are read whole, declared (Content-Length) or chunked."""

    def __init__(self, app, limit: int = MAX_BODY) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self.limit:
            return await self._refuse(scope, receive, send)
        body, more = b"", True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.limit:
                return await self._refuse(scope, receive, send)
            more = message.get("more_body", False)

        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if replayed:
                return await receive()  # after the body only a disconnect can come
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, scope, receive, send) -> None:
        message = f"请求太大（上限{self.limit // 1024} KB）。 / The request body is over {self.limit // 1024} KB."
        await error_response(scope["path"], 413, message)(scope, receive, send)


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


# ---- the app and the server ----------------------------------------------------------------------------------

@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.web.worker.shutdown()


def create_app(engine: Engine, qlog: QuestionLog, cfg: Config) -> FastAPI:
    """The whole web front-end over one loaded engine; tests drive it without a server."""
    app = FastAPI(title="报告问答 Report Q&A", version="1", docs_url=None, redoc_url=None, lifespan=_lifespan,
                  description="Answers from the indexed reports: the best sentence with its figure, where it "
                              "stands, and the passages. When WEB_TOKEN is set, send `Authorization: Bearer <WEB_TOKEN>`.")
    app.state.web = WebContext(cfg, engine, EngineWorker(engine, cfg.workers, cfg.queue_size), qlog)
    for router in (PAGES, API, TRAINING, OPENAI):
        app.include_router(router)
    assets = swagger_assets()
    if assets is not None:
        app.mount("/static/swagger", StaticFiles(directory=assets), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_errors(app)
    app.add_middleware(BodyLimit)
    app.middleware("http")(guard)  # added last, so outermost: nothing is read before the token is checked
    return app


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name may resolve to anything
        return False


def run_web(cfg: Config, host: str | None = None, port: int | None = None) -> int:
    """Serve until interrupted; refuse to listen beyond loopback without WEB_TOKEN."""
    import uvicorn

    host, port = host or DEFAULT_HOST, DEFAULT_PORT if port is None else port
    if not is_loopback(host) and not cfg.web_token:
        print(f"error: refusing to serve on {host} without WEB_TOKEN: set WEB_TOKEN to a long random secret "
              "(the API then needs `Authorization: Bearer <WEB_TOKEN>`, the page a login), "
              f"or bind to {DEFAULT_HOST}", file=sys.stderr)
        return 2
    if not 0 < port < 65536:
        print(f"error: --port {port} is not a TCP port (1-65535)", file=sys.stderr)
        return 2
    from bot.logs import redact_secret

    redact_secret(cfg.web_token)
    app = create_app(Engine(cfg), QuestionLog(cfg.data_dir / "questions.sqlite3"), cfg)
    shown = f"[{host}]" if ":" in host else host
    print(f"web chat on http://{shown}:{port}/  (API docs: /docs; Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
    return 0

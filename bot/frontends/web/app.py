"""The web app over one loaded engine, and the server that runs it."""

from __future__ import annotations

import ipaddress
import sys
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from bot.config import Config
from bot.conversation import Conversations
from bot.engine import Engine
from bot.frontends.web.answers import API
from bot.frontends.web.auth import guard
from bot.frontends.web.context import STATIC, WebContext
from bot.frontends.web.errors import install_errors
from bot.frontends.web.limits import BodyLimit
from bot.frontends.web.openai_api import OPENAI
from bot.frontends.web.pages import PAGES, swagger_assets
from bot.frontends.web.penalties import PENALTIES
from bot.frontends.web.training import TRAINING
from bot.qlog import QuestionLog
from bot.worker import EngineWorker

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.web.worker.shutdown()


def create_app(engine: Engine, qlog: QuestionLog, cfg: Config) -> FastAPI:
    """The whole web front-end over one loaded engine; tests drive it without a server."""
    app = FastAPI(title="报告问答 Report Q&A", version="1", docs_url=None, redoc_url=None, lifespan=_lifespan,
                  description="Answers from the indexed reports: the best sentence with its figure, where it "
                              "stands, and the passages. When WEB_TOKEN is set, send `Authorization: Bearer <WEB_TOKEN>`.")
    chat = Conversations(engine, qlog, idle_seconds=cfg.conversation_idle_seconds)
    app.state.web = WebContext(cfg, engine, EngineWorker(engine, cfg.workers, cfg.queue_size), qlog, chat)
    for router in (PAGES, API, TRAINING, PENALTIES, OPENAI):
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

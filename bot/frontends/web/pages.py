"""The routes of the HTML pages (written by layout.py), the login form and the offline API docs."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from bot.frontends.web.auth import COOKIE, same, session_value
from bot.frontends.web.context import STATIC, web_of
from bot.frontends.web.layout import SITE, render

PAGES = APIRouter(include_in_schema=False)


def _layout_route(path: str) -> None:
    async def page() -> HTMLResponse:
        return HTMLResponse(render(path))

    PAGES.add_api_route(path, page, methods=["GET"], name=f"page {path}")


for _path in SITE:  # the chat, the fact sheet, the penalty table, the quiz and the login form
    _layout_route(_path)


@PAGES.get("/favicon.ico")
async def favicon() -> FileResponse:
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


@PAGES.post("/login")
async def login(request: Request) -> RedirectResponse:
    """The login form posts the token; a right one sets a session cookie derived from it, never the token itself."""
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    token, target = form.get("token", [""])[0], safe_next(form.get("next", ["/"])[0])
    expected = web_of(request).cfg.web_token
    if not expected or not same(token.strip(), expected):
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
    return FileResponse(STATIC / "docs.html", media_type="text/html; charset=utf-8")


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

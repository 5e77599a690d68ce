"""WEB_TOKEN: a bearer token for the API, a session cookie for the pages, and security headers on every response."""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from bot.frontends.web.context import web_of
from bot.frontends.web.errors import error_response

COOKIE = "bot_session"
PUBLIC = ("/login", "/static/", "/favicon.ico")  # what a browser needs to show the login form
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")  # Swagger UI sets inline styles


def same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def session_value(token: str) -> str:
    """The cookie proves the token was typed without carrying it; changing WEB_TOKEN logs everyone out."""
    return hmac.new(token.encode("utf-8"), b"bot web session", hashlib.sha256).hexdigest()


def authorized(request: Request, token: str) -> bool:
    if not token:
        return True
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and same(given.strip(), token):
        return True
    return same(request.cookies.get(COOKIE, ""), session_value(token))


def _wants_json(path: str) -> bool:
    return path.startswith(("/api/", "/v1/")) or path == "/openapi.json"


async def guard(request: Request, call_next) -> Response:
    """WEB_TOKEN, when set, guards everything but the login form; every response gets the security headers."""
    path = request.url.path
    if not path.startswith(PUBLIC) and not authorized(request, web_of(request).cfg.web_token):
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

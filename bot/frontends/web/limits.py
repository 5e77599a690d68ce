"""Refuse request bodies over a limit before they are read whole."""

from __future__ import annotations

from bot.frontends.web.errors import error_response

MAX_BODY = 1 << 20  # chat front-ends resend the whole conversation, so allow long histories, not unbounded ones


class BodyLimit:
    """ASGI middleware: bodies over `limit` bytes are refused, declared (Content-Length) or chunked."""

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

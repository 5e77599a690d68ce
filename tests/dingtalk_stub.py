"""A DingTalk Stream-mode stand-in on 127.0.0.1, written from DingTalk's published protocol.

- `POST /v1.0/gateway/connections/open` checks clientId, clientSecret and the bot-message CALLBACK subscription,
  and returns `{"endpoint": "ws://…/connect", "ticket": …}`.
- The WebSocket at that endpoint accepts a connection only with a valid ticket (`?ticket=`), then carries frames
  `{"specVersion", "type": SYSTEM|CALLBACK, "headers": {"topic", "messageId", "contentType", "time"}, "data": "<json>"}`
  and records every reply as an acknowledgement (expected: `code` 200 and the frame's `headers.messageId`).
- `POST /robot/sendBySession?session=…` is the session webhook: it records replies (`msgtype` text or markdown,
  body under 20,000 bytes, as DingTalk enforces) and can be told to fail the next ones with 429 or 5xx.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid
from dataclasses import dataclass, field

from websockets.asyncio.server import serve

from tests.stub_http import Faults, JsonServer, wait_until

BOT_TOPIC = "/v1.0/im/bot/messages/get"
MAX_BODY = 20_000


@dataclass
class Sent:
    session: str
    body: dict

    @property
    def text(self) -> str:
        kind = self.body.get("msgtype")
        return str((self.body.get(kind) or {}).get("text" if kind == "markdown" else "content", ""))


@dataclass
class DingTalkStub:
    client_id: str = "dingstubclientid"
    client_secret: str = field(default_factory=lambda: "ds-" + uuid.uuid4().hex)
    opens: list[dict] = field(default_factory=list)
    acks: list[dict] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    attempts: list[str] = field(default_factory=list)  # webhook sessions, faulted or not
    rejected: list[str] = field(default_factory=list)
    tickets: list[str] = field(default_factory=list)  # every ticket issued: none may show up in a log
    faults: Faults = field(default_factory=Faults)

    def __post_init__(self) -> None:
        self._tickets: set[str] = set()
        self._socket = None
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run_loop, daemon=True)
        self._thread.start()
        self._ready.wait(10)
        self.http = JsonServer(self._route)

    # ---- the platform side -------------------------------------------------------------------------------
    def _route(self, method: str, path: str, query: dict, body: bytes) -> tuple[int, object]:
        if method == "POST" and path == "/v1.0/gateway/connections/open":
            return self._open(json.loads(body or b"{}"))
        if method == "POST" and path == "/robot/sendBySession":
            return self._webhook(query.get("session", ""), body)
        self.rejected.append(f"{method} {path}")
        return 404, {"code": "NotFound"}

    def _open(self, request: dict) -> tuple[int, object]:
        self.opens.append(request)
        if request.get("clientId") != self.client_id or request.get("clientSecret") != self.client_secret:
            return 401, {"code": "InvalidAuthentication", "message": "clientId or clientSecret is wrong"}
        if {"type": "CALLBACK", "topic": BOT_TOPIC} not in request.get("subscriptions", []):
            return 400, {"code": "InvalidParameter", "message": "no bot message subscription"}
        ticket = uuid.uuid4().hex
        with self._lock:
            self._tickets.add(ticket)
            self.tickets.append(ticket)
        return 200, {"endpoint": f"ws://127.0.0.1:{self.ws_port}/connect", "ticket": ticket}

    def _webhook(self, session: str, raw: bytes) -> tuple[int, object]:
        self.attempts.append(session)
        status = self.faults.take("webhook")
        if status:
            return status, {"errcode": status, "errmsg": "injected fault"}
        body = json.loads(raw)
        kind = body.get("msgtype")
        if len(raw) > MAX_BODY:
            return 200, {"errcode": 400, "errmsg": "body 大小不合法"}
        if kind not in ("text", "markdown") or not Sent(session, body).text:
            self.rejected.append(f"webhook body {body}")
            return 200, {"errcode": 300001, "errmsg": "invalid msgtype or empty content"}
        if kind == "markdown" and not body["markdown"].get("title"):
            self.rejected.append("markdown without title")
            return 200, {"errcode": 300001, "errmsg": "markdown.title is required"}
        self.sent.append(Sent(session, body))
        return 200, {"errcode": 0, "errmsg": "ok"}

    def _run_loop(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._start_ws())
        self._ready.set()
        self._loop.run_forever()

    async def _start_ws(self) -> None:
        self._server = await serve(self._connection, "127.0.0.1", 0)
        self.ws_port = self._server.sockets[0].getsockname()[1]

    async def _connection(self, socket) -> None:
        ticket = socket.request.path.partition("ticket=")[2]
        with self._lock:
            valid = ticket in self._tickets
            self._tickets.discard(ticket)  # a ticket opens one connection
        if not valid:
            await socket.close(4001, "invalid ticket")
            return
        self._socket = socket
        async for raw in socket:
            self.acks.append(json.loads(raw))

    # ---- what tests do -----------------------------------------------------------------------------------
    @property
    def endpoint(self) -> str:
        return self.http.base_url

    def connected(self) -> bool:
        return self._socket is not None and self._socket.state.name == "OPEN"

    def push(self, payload: dict, message_id: str | None = None, frame_type: str = "CALLBACK",
             topic: str = BOT_TOPIC) -> str:
        """Send one frame on the open connection; returns its headers.messageId."""
        message_id = message_id or uuid.uuid4().hex
        frame = {"specVersion": "1.0", "type": frame_type, "data": json.dumps(payload, ensure_ascii=False),
                 "headers": {"topic": topic, "messageId": message_id, "contentType": "application/json",
                             "time": str(int(time.time() * 1000))}}
        asyncio.run_coroutine_threadsafe(self._socket.send(json.dumps(frame, ensure_ascii=False)), self._loop).result(5)
        return message_id

    def message(self, text: str, msg_id: str | None = None, user: str = "staff001", group: bool = False,
                mentioned: bool = True) -> dict:
        """A robot message as DingTalk delivers it, with a session webhook pointing back at this stand-in."""
        msg_id = msg_id or "msg" + uuid.uuid4().hex
        session = "s" + uuid.uuid4().hex
        return {
            "conversationId": ("cidgroup" if group else "cid") + user, "conversationType": "2" if group else "1",
            "msgId": msg_id, "msgtype": "text", "text": {"content": text}, "senderStaffId": user,
            "senderId": "$:LWCP_v1:$" + user, "senderNick": user, "isInAtList": mentioned, "isAdmin": False,
            "chatbotUserId": "$:LWCP_v1:$bot", "robotCode": self.client_id, "createAt": int(time.time() * 1000),
            "sessionWebhook": f"{self.endpoint}/robot/sendBySession?session={session}",
            "sessionWebhookExpiredTime": int(time.time() * 1000) + 5_400_000, "atUsers": [],
        }

    def replies_to(self, payload: dict) -> list[Sent]:
        session = payload["sessionWebhook"].rpartition("session=")[2]
        return [s for s in self.sent if s.session == session]

    def acks_for(self, message_id: str) -> list[dict]:
        return [a for a in self.acks if (a.get("headers") or {}).get("messageId") == message_id]

    def wait_replies(self, payload: dict, count: int = 1, timeout: float = 60) -> list[Sent]:
        wait_until(lambda: len(self.replies_to(payload)) >= count, timeout, f"{count} webhook replies")
        return self.replies_to(payload)

    def wait_connected(self, timeout: float = 120) -> None:
        wait_until(self.connected, timeout, "the bot to connect")

    def drop_connection(self) -> None:
        asyncio.run_coroutine_threadsafe(self._socket.close(1011, "stand-in going away"), self._loop).result(5)

    def close(self) -> None:
        self.http.close()

        async def shutdown() -> None:
            self._server.close()
            await self._server.wait_closed()

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)

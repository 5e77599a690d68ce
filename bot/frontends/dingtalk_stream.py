"""DingTalk Stream mode, the protocol side: open a connection, read frames, acknowledge every one, reconnect.

The official `dingtalk-stream` SDK speaks the same protocol but makes blocking `requests` calls and sleeps inside
its event loop, reads DINGTALK_OPENAPI_ENDPOINT at import and UDP-connects to 8.8.8.8 to learn its own address;
this module does the same job with httpx and websockets and never blocks the loop: a callback frame is handed to
`on_callback` (which must return at once) and acknowledged before the next frame is read.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import quote_plus, urlparse

import httpx
import websockets

from bot.frontends.delivery import is_loopback
from bot.logs import redact_secret

log = logging.getLogger(__name__)

BOT_TOPIC = "/v1.0/im/bot/messages/get"
OPEN_PATH = "/v1.0/gateway/connections/open"
USER_AGENT = "report-qa-bot (DingTalk Stream protocol)"
MAX_BACKOFF = 30.0  # seconds between reconnection attempts, at most


@dataclass
class Frame:
    type: str  # SYSTEM (ping, disconnect), CALLBACK (bot messages) or EVENT
    topic: str
    message_id: str
    data: str  # a JSON document, as a string
    headers: dict = field(default_factory=dict)

    @classmethod
    def parse(cls, raw: str | bytes) -> "Frame":
        body = json.loads(raw)
        headers = body.get("headers") or {}
        return cls(str(body.get("type", "")), str(headers.get("topic", "")), str(headers.get("messageId", "")),
                   body.get("data") or "{}", headers)

    def payload(self) -> dict:
        data = json.loads(self.data) if isinstance(self.data, str) else self.data
        return data if isinstance(data, dict) else {}


def ack(frame: Frame) -> str:
    """Code 200 with the frame's messageId; a ping gets its own data back, a bot message an empty response."""
    data = frame.data if frame.type == "SYSTEM" else json.dumps({"response": None})
    return json.dumps({"code": 200, "headers": {"contentType": "application/json", "messageId": frame.message_id},
                       "message": "OK", "data": data})


class StreamClient:
    def __init__(self, endpoint: str, client_id: str, client_secret: str, on_callback: Callable[[Frame], None],
                 http: httpx.AsyncClient) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.client_id = client_id
        self.client_secret = client_secret
        self.on_callback = on_callback
        self.http = http

    async def run(self, stop: asyncio.Event) -> None:
        """Stay connected until `stop` is set: a dropped connection is reopened with a growing pause."""
        pause = 1.0
        while not stop.is_set():
            try:
                url = await self.open()
                await self._session(url, stop)
                pause = 1.0  # a connection that worked: the next drop is retried at once
            except (httpx.HTTPError, OSError, websockets.WebSocketException, ValueError, KeyError) as exc:
                log.warning("DingTalk stream connection failed (%s); retrying in %.0f s", _describe(exc), pause)
                if await _wait(stop, pause):
                    return
                pause = min(pause * 2, MAX_BACKOFF)

    async def open(self) -> str:
        """Ask the gateway for a ticket; the WebSocket URL it returns carries that ticket."""
        response = await self.http.post(f"{self.endpoint}{OPEN_PATH}", json={
            "clientId": self.client_id, "clientSecret": self.client_secret,
            "subscriptions": [{"type": "CALLBACK", "topic": BOT_TOPIC}],
            "ua": USER_AGENT, "localIp": "",  # the SDK's 8.8.8.8 look-up is not needed: the field is informational
        }, headers={"Accept": "application/json"})
        response.raise_for_status()
        body = response.json()
        ticket, endpoint = str(body["ticket"]), str(body["endpoint"])
        redact_secret(ticket)
        return f"{endpoint}{'&' if '?' in endpoint else '?'}ticket={quote_plus(ticket)}"

    async def _session(self, url: str, stop: asyncio.Event) -> None:
        proxy = None if is_loopback(urlparse(url).hostname) else True  # env proxies never take loopback
        async with websockets.connect(url, proxy=proxy, max_size=2**22, open_timeout=15) as socket:
            log.info("DingTalk stream connected")
            reader = asyncio.create_task(self._read(socket))
            stopper = asyncio.create_task(stop.wait())
            done, _ = await asyncio.wait({reader, stopper}, return_when=asyncio.FIRST_COMPLETED)
            stopper.cancel()
            if reader in done:
                reader.result()  # raises what ended the connection, if anything did
                log.info("DingTalk stream closed by the server; reconnecting")
            else:
                reader.cancel()

    async def _read(self, socket) -> None:
        async for raw in socket:
            try:
                frame = Frame.parse(raw)
            except (ValueError, AttributeError):
                log.warning("DingTalk stream: unreadable frame ignored (%d bytes)", len(raw))
                continue
            if frame.type == "CALLBACK":
                try:
                    self.on_callback(frame)
                except Exception:  # one bad message must not cost the acknowledgement or the connection
                    log.exception("DingTalk callback %s could not be handled", frame.message_id)
            elif frame.type == "SYSTEM" and frame.topic == "disconnect":
                log.info("DingTalk stream: the server asks to reconnect")
            await socket.send(ack(frame))


async def _wait(stop: asyncio.Event, seconds: float) -> bool:
    """Sleep `seconds` unless stopped first; True when stopped."""
    try:
        await asyncio.wait_for(stop.wait(), seconds)
        return True
    except asyncio.TimeoutError:
        return False


def _describe(exc: Exception) -> str:
    if isinstance(exc, httpx.HTTPStatusError):
        return f"HTTP {exc.response.status_code} from the connection-open endpoint"
    return type(exc).__name__

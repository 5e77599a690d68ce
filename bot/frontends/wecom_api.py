"""The two WeCom server APIs the bot calls: `gettoken` (cached until it expires) and `message/send`."""

from __future__ import annotations

import asyncio
import logging
import time

import httpx

from bot.frontends.delivery import errcode, send_with_retry
from bot.logs import redact_secret

log = logging.getLogger(__name__)

TOKEN_INVALID = {40014, 42001}  # invalid or expired access_token: fetch a new one, then resend
BUSY = {-1, 45009, 45033}  # system busy, API rate limit, too many concurrent calls: not taken, send again later
EARLY = 300  # seconds: renew a token this long before WeCom says it expires (a tenth of a short lifetime)


class WeComError(Exception):
    pass


class WeComAPI:
    def __init__(self, base: str, corp_id: str, secret: str, agent_id: str, http: httpx.AsyncClient) -> None:
        self.base = base if base.endswith("/") else base + "/"
        self.corp_id = corp_id
        self.secret = secret
        self.agent_id = int(agent_id) if agent_id.isdigit() else agent_id
        self.http = http
        self._token = ""
        self._expires = 0.0
        self._lock = asyncio.Lock()

    async def token(self) -> str:
        async with self._lock:  # concurrent sends share one gettoken call
            if self._token and time.monotonic() < self._expires:
                return self._token
            response = await send_with_retry(
                lambda: self.http.get(f"{self.base}gettoken", params={"corpid": self.corp_id, "corpsecret": self.secret}),
                "WeCom gettoken", busy=lambda r: errcode(r) in BUSY)
            body = _json(response)
            if response is None or response.status_code != 200 or body.get("errcode") or not body.get("access_token"):
                raise WeComError(f"gettoken failed (errcode {body.get('errcode')}): check WECOM_CORP_ID and WECOM_SECRET")
            self._token = str(body["access_token"])
            redact_secret(self._token)
            lifetime = float(body.get("expires_in") or 7200)
            self._expires = time.monotonic() + lifetime - min(EARLY, lifetime / 10)
            return self._token

    def forget_token(self) -> None:
        self._token, self._expires = "", 0.0

    async def send_text(self, user: str, content: str) -> bool:
        """One text message to `user` from the app; True once WeCom took it."""
        payload = {"touser": user, "msgtype": "text", "agentid": self.agent_id, "text": {"content": content}, "safe": 0}

        async def attempt() -> httpx.Response:
            token = await self.token()
            return await self.http.post(f"{self.base}message/send", params={"access_token": token}, json=payload)

        try:
            response = await send_with_retry(attempt, f"WeCom message/send to {user}", busy=self._busy)
        except WeComError as exc:
            log.error("WeCom message to %s not sent: %s", user, exc)
            return False
        code = errcode(response) if response is not None else None
        if response is None or response.status_code != 200 or code:
            log.error("WeCom message to %s not sent: HTTP %s, errcode %s", user,
                      response.status_code if response is not None else "-", code)
            return False
        return True

    def _busy(self, response: httpx.Response) -> bool:
        code = errcode(response)
        if code in TOKEN_INVALID:
            self.forget_token()
            return True
        return code in BUSY


def _json(response: httpx.Response | None) -> dict:
    try:
        body = response.json() if response is not None else {}
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}

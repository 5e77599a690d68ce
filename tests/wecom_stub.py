"""A WeCom stand-in on 127.0.0.1, written from WeCom's published callback and server-API documentation.

The platform side (what the bot calls): `GET /cgi-bin/gettoken?corpid&corpsecret` issues access tokens (7200 s),
`POST /cgi-bin/message/send?access_token` takes app messages (token checked, `agentid` must be the app's,
text content at most 2,048 bytes) and can be told to fail the next calls with 429/5xx, or to expire its tokens
(then errcode 42001, as WeCom answers).

The callback side (what WeCom sends the bot): URL verification and message callbacks, signed and encrypted here
independently of the bot's code (sha1 signature; AES-256-CBC, PKCS#7 to 32 bytes, receiveid = corp id), and the
passive replies the bot returns, checked and decrypted.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
import threading
import time
import uuid
from dataclasses import dataclass, field
from xml.etree import ElementTree

import httpx
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from tests.stub_http import Faults, JsonServer

TOKEN_EXPIRED = 42001


@dataclass
class WeComStub:
    corp_id: str = "wwstubcorp0001"
    agent_id: str = "1000002"
    secret: str = field(default_factory=lambda: "ws-" + uuid.uuid4().hex)
    token: str = field(default_factory=lambda: "tk" + uuid.uuid4().hex[:12])
    aes_key: str = field(default_factory=lambda: base64.b64encode(os.urandom(32)).decode()[:-1])  # 43 characters
    tokens: list[str] = field(default_factory=list)  # every access token issued
    sent: list[dict] = field(default_factory=list)  # message/send bodies delivered
    attempts: list[dict] = field(default_factory=list)  # message/send calls, faulted or not
    gettoken_calls: int = 0
    rejected: list[str] = field(default_factory=list)
    faults: Faults = field(default_factory=Faults)

    def __post_init__(self) -> None:
        self._valid: set[str] = set()
        self._lock = threading.Lock()
        self.http = JsonServer(self._route)

    @property
    def api_base(self) -> str:
        return f"{self.http.base_url}/cgi-bin/"

    # ---- the server API --------------------------------------------------------------------------------
    def _route(self, method: str, path: str, query: dict, body: bytes) -> tuple[int, object]:
        if method == "GET" and path == "/cgi-bin/gettoken":
            return self._gettoken(query)
        if method == "POST" and path == "/cgi-bin/message/send":
            return self._send(query.get("access_token", ""), body)
        self.rejected.append(f"{method} {path}")
        return 404, {"errcode": 404, "errmsg": "not found"}

    def _gettoken(self, query: dict) -> tuple[int, object]:
        self.gettoken_calls += 1
        if query.get("corpid") != self.corp_id or query.get("corpsecret") != self.secret:
            return 200, {"errcode": 40001, "errmsg": "invalid credential"}
        token = uuid.uuid4().hex + uuid.uuid4().hex
        with self._lock:
            self._valid.add(token)
            self.tokens.append(token)
        return 200, {"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": 7200}

    def _send(self, token: str, raw: bytes) -> tuple[int, object]:
        body = json.loads(raw)
        self.attempts.append(body)
        status = self.faults.take("message/send")
        if status:
            return status, {"errcode": -1, "errmsg": "injected fault"}
        with self._lock:
            valid = token in self._valid
        if not valid:
            return 200, {"errcode": TOKEN_EXPIRED, "errmsg": "access_token expired"}
        content = (body.get("text") or {}).get("content", "")
        if body.get("msgtype") != "text" or str(body.get("agentid")) != self.agent_id or not body.get("touser") \
                or not content or len(content.encode()) > 2048:
            self.rejected.append(f"message/send {body}")
            return 200, {"errcode": 40008, "errmsg": "invalid message"}
        self.sent.append(body)
        return 200, {"errcode": 0, "errmsg": "ok", "invaliduser": "", "msgid": uuid.uuid4().hex}

    def expire_tokens(self) -> None:
        with self._lock:
            self._valid.clear()

    def sent_to(self, user: str) -> list[str]:
        return [b["text"]["content"] for b in self.sent if b["touser"] == user]

    # ---- the callback side -----------------------------------------------------------------------------
    def _key(self) -> bytes:
        return base64.b64decode(self.aes_key + "=")

    def sign(self, timestamp: str, nonce: str, encrypted: str) -> str:
        return hashlib.sha1("".join(sorted([self.token, timestamp, nonce, encrypted])).encode()).hexdigest()

    def encrypt(self, text: str) -> str:
        data = text.encode()
        plain = os.urandom(16) + struct.pack(">I", len(data)) + data + self.corp_id.encode()
        pad = 32 - len(plain) % 32
        key = self._key()
        enc = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
        return base64.b64encode(enc.update(plain + bytes([pad]) * pad) + enc.finalize()).decode()

    def decrypt(self, encrypted: str) -> tuple[str, str]:
        key = self._key()
        dec = Cipher(algorithms.AES(key), modes.CBC(key[:16])).decryptor()
        plain = dec.update(base64.b64decode(encrypted)) + dec.finalize()
        plain = plain[: -plain[-1]]
        (length,) = struct.unpack(">I", plain[16:20])
        return plain[20:20 + length].decode(), plain[20 + length:].decode()

    def signed_query(self, encrypted: str, forged: bool = False) -> dict:
        timestamp, nonce = str(int(time.time())), uuid.uuid4().hex[:10]
        signature = self.sign(timestamp, nonce, encrypted)
        if forged:
            signature = hashlib.sha1(signature.encode()).hexdigest()
        return {"msg_signature": signature, "timestamp": timestamp, "nonce": nonce}

    def verify_url(self, url: str, echo: str, forged: bool = False) -> httpx.Response:
        encrypted = self.encrypt(echo)
        return httpx.get(url, params={**self.signed_query(encrypted, forged), "echostr": encrypted}, timeout=10,
                         trust_env=False)

    def callback(self, url: str, fields: dict, forged: bool = False) -> httpx.Response:
        inner = "<xml>" + "".join(f"<{k}><![CDATA[{v}]]></{k}>" if isinstance(v, str) else f"<{k}>{v}</{k}>"
                                  for k, v in fields.items()) + "</xml>"
        encrypted = self.encrypt(inner)
        body = (f"<xml><ToUserName><![CDATA[{self.corp_id}]]></ToUserName><AgentID><![CDATA[{self.agent_id}]]>"
                f"</AgentID><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>")
        return httpx.post(url, params=self.signed_query(encrypted, forged), content=body.encode(), timeout=30,
                          headers={"Content-Type": "text/xml"}, trust_env=False)

    def text(self, user: str, content: str, msg_id: int | None = None) -> dict:
        return {"ToUserName": self.corp_id, "FromUserName": user, "CreateTime": int(time.time()), "MsgType": "text",
                "Content": content, "MsgId": msg_id or int.from_bytes(os.urandom(7), "big"), "AgentID": int(self.agent_id)}

    def passive_reply(self, response: httpx.Response) -> dict | None:
        """The decrypted passive reply, after checking its signature and receiveid; None for an empty body."""
        if not response.content:
            return None
        outer = {c.tag: c.text or "" for c in ElementTree.fromstring(response.content)}
        assert set(outer) == {"Encrypt", "MsgSignature", "TimeStamp", "Nonce"}, outer
        assert outer["MsgSignature"] == self.sign(outer["TimeStamp"], outer["Nonce"], outer["Encrypt"])
        message, receive_id = self.decrypt(outer["Encrypt"])
        assert receive_id == self.corp_id
        return {c.tag: c.text or "" for c in ElementTree.fromstring(message)}

    def close(self) -> None:
        self.http.close()

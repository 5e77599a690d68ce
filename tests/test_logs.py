"""Secrets never reach a log line: messages, arguments and tracebacks (an httpx error names the full URL)."""

from __future__ import annotations

import logging
import uuid

import httpx

from bot.logs import redact_secret


def test_a_secret_is_redacted_from_messages_arguments_and_tracebacks(caplog):
    secret = "corpsecret-" + uuid.uuid4().hex
    redact_secret(secret, "")
    log = logging.getLogger("test.logs")
    url = f"https://qyapi.example/cgi-bin/gettoken?corpid=ww1&corpsecret={secret}"
    with caplog.at_level(logging.INFO):
        log.info("calling %s", url)
        try:
            request = httpx.Request("GET", url)
            raise httpx.HTTPStatusError(f"Server error for url '{url}'", request=request,
                                        response=httpx.Response(500, request=request))
        except httpx.HTTPError:
            log.exception("gettoken failed")
    text = caplog.text
    assert "gettoken failed" in text and "HTTPStatusError" in text and "corpsecret=<token>" in text
    assert secret not in text

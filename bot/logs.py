"""Logging set-up shared by every command; secrets are kept out of every log line, tracebacks included."""

from __future__ import annotations

import logging
import os

MARK = "<token>"


def setup_logging(verbose: bool = False) -> None:
    level = logging.DEBUG if verbose else getattr(logging, os.environ.get("LOG_LEVEL", "WARNING").upper(), logging.WARNING)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs every request URL at INFO: Telegram URLs contain the bot token, WeCom's gettoken URL the corpsecret;
    # websockets logs the DingTalk ticket and every frame at DEBUG.
    for noisy in ("httpx", "httpcore", "urllib3", "websockets", "jieba", "bm25s", "sentence_transformers", "faiss"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


_secrets: set[str] = set()
_factory = logging.getLogRecordFactory()


def redact(text: str) -> str:
    for secret in sorted(_secrets, key=len, reverse=True):  # longest first: one secret may contain another
        text = text.replace(secret, MARK)
    return text


def _redacting_factory(*args, **kwargs) -> logging.LogRecord:
    record = _factory(*args, **kwargs)
    if not _secrets:
        return record
    message = record.getMessage()
    if any(secret in message for secret in _secrets):
        record.msg, record.args = redact(message), ()
    # Tracebacks are formatted later by the handler, out of reach: format them now so exception messages
    # (an httpx error names the URL, query string and all) are redacted too.
    if record.exc_info and record.exc_info[0] is not None:
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    return record


def redact_secret(*secrets: str) -> None:
    """Keep each secret (bot token, client secret, AES key, access token) out of every log record, whichever
    library writes it. Done at record creation, so it holds for every logger and handler, including ones added later.
    """
    fresh = {s for s in secrets if s}
    if fresh:
        _secrets.update(fresh)
        logging.setLogRecordFactory(_redacting_factory)

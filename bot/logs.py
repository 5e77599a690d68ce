"""Logging set-up shared by every command; HTTP client loggers are kept quiet because URLs carry the bot token."""

from __future__ import annotations

import logging
import os


def setup_logging(verbose: bool = False) -> None:
    level = logging.DEBUG if verbose else getattr(logging, os.environ.get("LOG_LEVEL", "WARNING").upper(), logging.WARNING)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs every request URL at INFO, and Telegram URLs contain the token.
    for noisy in ("httpx", "httpcore", "urllib3", "jieba", "bm25s", "sentence_transformers", "faiss"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


_secrets: set[str] = set()
_factory = logging.getLogRecordFactory()


def _redacting_factory(*args, **kwargs) -> logging.LogRecord:
    record = _factory(*args, **kwargs)
    if _secrets:
        message = record.getMessage()
        if any(secret in message for secret in _secrets):
            for secret in _secrets:
                message = message.replace(secret, "<token>")
            record.msg, record.args = message, ()
    return record


def redact_secret(secret: str) -> None:
    """Keep `secret` (the bot token) out of every log record, whichever library writes it.

    Done at record creation, so it holds for every logger and handler, including ones added later.
    """
    if secret:
        _secrets.add(secret)
        logging.setLogRecordFactory(_redacting_factory)

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


class _Redact(logging.Filter):
    """Replaces a secret (the bot token) in every log record, whatever library wrote it."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.secret in message:
            record.msg, record.args = message.replace(self.secret, "<token>"), ()
        return True


def redact_secret(secret: str) -> None:
    """Keep `secret` out of every log line, on every handler of the root logger."""
    if not secret:
        return
    logging.getLogger().addFilter(_Redact(secret))
    for handler in logging.getLogger().handlers:
        handler.addFilter(_Redact(secret))

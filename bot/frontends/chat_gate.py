"""What a chat adapter checks before asking: has this message been seen already, and may its sender ask?"""

from __future__ import annotations

from collections import OrderedDict


class RecentIds:
    """Message ids seen lately, remembered when a message arrives (not after the reply), so a redelivery that comes
    while the first copy is still being answered is recognised too. Used from one event loop: no lock needed."""

    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self._ids: OrderedDict[str, None] = OrderedDict()

    def first_time(self, key: str) -> bool:
        if key in self._ids:
            self._ids.move_to_end(key)
            return False
        self._ids[key] = None
        if len(self._ids) > self.size:
            self._ids.popitem(last=False)
        return True


def permitted(allowed: tuple[str, ...], *ids: str) -> bool:
    """Empty or "*" lets everyone in (the platform already limits the bot to the organisation)."""
    return not allowed or "*" in allowed or any(i and i in allowed for i in ids)

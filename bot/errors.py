"""Domain errors that name the broken thing and the fix; front-ends turn them into one clear line."""

from __future__ import annotations


class BotError(Exception):
    """Base class: the message is meant for the user, as it stands."""


class IndexNotFound(BotError):
    def __init__(self, path: str) -> None:
        super().__init__(f"index not found at {path}: run `python ingest.py` to build it")


class IndexCorrupt(BotError):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"index at {path} is unreadable ({reason}): run `python ingest.py` to rebuild it")


class ModelMismatch(BotError):
    def __init__(self, path: str, built_with: str, configured: str) -> None:
        super().__init__(
            f"index at {path} was built with model {built_with!r} but the configured model is {configured!r}: "
            f"set EMBEDDING_MODEL={built_with} or rebuild with `python ingest.py`"
        )


class UnreadableDocument(BotError):
    """A corpus file that cannot be turned into text; ingest names it and skips it."""

"""Who may use the bot: an allow-list of user or chat ids (secure by default), and admins."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Access:
    allowed: frozenset[str]
    admins: frozenset[str]

    @classmethod
    def from_ids(cls, allowed: tuple[str, ...], admins: tuple[str, ...]) -> "Access":
        return cls(frozenset(allowed), frozenset(admins))

    @property
    def open_to_all(self) -> bool:
        return "*" in self.allowed

    def permits(self, user_id: int | None, chat_id: int | None) -> bool:
        """Allowed when the user, or the group they write in, is listed; admins always are."""
        if self.open_to_all:
            return True
        ids = {str(user_id), str(chat_id)} - {"None"}
        return bool(ids & (self.allowed | self.admins))

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and str(user_id) in self.admins

"""The staff-editable synonym file (corpus/glossary.txt): expands a question with the report's own words."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

log = logging.getLogger(__name__)

_SPLIT_TERM = re.compile(r"\s*(?:→|->|:|：|=)\s*", re.UNICODE)
_SPLIT_EXPANSIONS = re.compile(r"\s*[,，/、;；|]\s*")


@dataclass
class Glossary:
    entries: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> "Glossary":
        if not path.is_file():
            return cls()
        entries: dict[str, list[str]] = {}
        for number, raw in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            parts = _SPLIT_TERM.split(line, maxsplit=1)
            if len(parts) != 2 or not parts[0] or not parts[1]:
                log.warning("%s:%d: expected 'term: expansion, expansion', got %r", path, number, raw)
                continue
            expansions = [e for e in _SPLIT_EXPANSIONS.split(parts[1]) if e]
            entries.setdefault(parts[0].lower(), []).extend(expansions)
        return cls(entries)

    def matches(self, question: str) -> dict[str, list[str]]:
        """The glossary terms found in the question, each with its expansions."""
        text = question.lower()
        found = {term: self.entries[term] for term in self._english.findall(text)} if self._english else {}
        found.update({term: values for term, values in self.entries.items() if not term.isascii() and term in text})
        return found

    @cached_property
    def _english(self) -> re.Pattern | None:
        """One alternation of all English terms, longest first, matched as whole words."""
        terms = sorted((t for t in self.entries if t.isascii()), key=len, reverse=True)
        if not terms:
            return None
        # Plain inflections match too: "fine" finds "fines", "immediate" finds "immediately".
        return re.compile(r"(?<![a-z])(" + "|".join(re.escape(t) for t in terms) + r")(?:s|es|d|ed|ing|ly)?(?![a-z])")

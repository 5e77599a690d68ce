"""Read one corpus file into a cleaned Document with its title and page offsets."""

from __future__ import annotations

import re
from pathlib import Path

from bot.ingest.cleaning import clean, normalize
from bot.ingest.identity import describe, title_of
from bot.ingest.loaders import file_sha256, load
from bot.records import Document



def read_document(path: Path, corpus_dir: Path) -> Document:
    raw = load(path)
    text = clean(raw.text)
    source = path.relative_to(corpus_dir).as_posix()
    meta = describe(text, path.stem)
    return Document(
        source=source,
        title=meta.pop("title"),
        meta=meta,
        text=text,
        sha256=file_sha256(path),
        pages=_page_starts(raw.text, raw.page_starts, text),
    )


def guess_title(text: str, fallback: str) -> str:
    """The document's own title (see bot.ingest.identity)."""
    return title_of(text, fallback)


def _page_starts(raw: str, raw_starts: list[int], cleaned: str) -> list[int]:
    """Map page starts from the raw text onto the cleaned text by finding each page's opening words."""
    starts, cursor = [], 0
    for i, start in enumerate(raw_starts):
        probe = re.sub(r"\s+", "", normalize(raw[start : start + 80]))[:12]
        found = cleaned.find(probe, cursor) if probe else -1
        if found < 0:
            found = cursor
        starts.append(0 if i == 0 else found)
        cursor = found
    return starts

"""A document's own reference number (发文字号, "许城管〔2024〕6号"), for "这份报告的文号是什么？": found by its form,
since the question's words share nothing with the letterhead line that carries it."""

from __future__ import annotations

import re

from bot.query import Query
from bot.records import Chunk, Hit
from bot.store import StoredIndex

# issuer's short name, the year in 〔〕 (or look-alike brackets), the serial number: 许城管〔2024〕6号, 国办发[2023]12号
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*(?:19|20)\d\d\s*[〕\]］)）]\s*第?\d{1,4}\s*号")
FIRST_CHUNKS = 3  # a reference number stands in the letterhead, above the text
_NAMES_REPORT = re.compile(r"报告|\breport", re.I)


def document_number(query: Query, hits: list[Hit], index: StoredIndex) -> tuple[Hit, int, int] | None:
    """The sentence carrying the reference number of the document the question names, or else of the
    best-ranked document among `hits` that has one, or else of a report ("这份报告的文号": among many laws the
    hits may hold no report at all)."""
    if not query.asks_number:
        return None
    named = index.catalogue.named_in(query.text)
    # a report is looked up only when the question says it asks about one: "行政处罚法的文号" is no report's
    reports = [s for s, doc in index.catalogue.docs.items() if doc.kind == "report"] if _NAMES_REPORT.search(query.text) else []
    order = sorted(named) if named else [h.chunk.source for h in hits] + reports
    for source in dict.fromkeys(order):
        found = _letterhead_number(index, source)
        if found:
            chunk, start, end = found
            # the letterhead's own passage is rarely retrieved: it stands in with the document's most similar
            # passage among the hits, if any
            best = max((h for h in hits if h.chunk.source == source), key=lambda h: h.dense, default=None)
            return Hit(chunk, *((best.score, best.dense, best.lexical) if best else (0.0, 1.0, 0.0))), start, end
    return None


def _letterhead_number(index: StoredIndex, source: str) -> tuple[Chunk, int, int] | None:
    """The first sentence of the document's opening chunks that carries a reference number."""
    for chunk in index.chunks_of(source)[:FIRST_CHUNKS]:
        for start, end in chunk.sentences:
            if DOC_NUMBER.search(chunk.text[start:end]):
                return chunk, start, end
    return None

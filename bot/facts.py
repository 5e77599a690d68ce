"""Extract every quantitative fact (figure, unit, what it counts, section, sentence) from a document."""

from __future__ import annotations

import re

from bot.records import Chunk, Document, Fact

UNITS = "万元|亿元|元|万次|万余次|宗|件|次|项|个|期|部|类|人|家|条|%"
FIGURE = re.compile(rf"(\d+(?:\.\d+)?)(余)?({UNITS})(以上)?")


def extract_facts(doc: Document, chunks: list[Chunk]) -> list[Fact]:
    facts: list[Fact] = []
    seen: set[tuple[int, int]] = set()
    for chunk in chunks:
        for a, b in chunk.sentences:
            start = chunk.start + a
            if (start, chunk.start + b) in seen:
                continue
            seen.add((start, chunk.start + b))
            sentence = chunk.text[a:b]
            for m in FIGURE.finditer(sentence):
                facts.append(Fact(value=m.group(1), unit=m.group(3), qualifier=(m.group(2) or m.group(4) or ""),
                                  label="", year="", section=chunk.section_path, sentence=sentence,
                                  source=doc.source, title=doc.title, chunk_id=chunk.id))
    return facts

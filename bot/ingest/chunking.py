"""Cut a cleaned document into sentence-bounded chunks, each carrying its section path and offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.ingest import legal
from bot.ingest.headings import ITEM, ITEM_LEVEL, clip_title, parse_heading
from bot.records import Chunk, Document

ARTICLE_CHARS = 400  # an article up to this long is one chunk; longer ones are split at 款/项

# A sentence ends at 。！？； (or their ASCII forms), with any closing quotes; "92.94" and "6.5" never end one.
_SENTENCE_END = re.compile(r"[。！？!?；;…]+[”’」』）)]*|(?<=[A-Za-z])\.(?=\s)")
# In a law a clause runs on past "；" ("责令限期改正；逾期不改正的，处……罚款。"): only 。！？ and line ends cut.
_LEGAL_END = re.compile(r"[。！？!?]+[”’」』）)]*")


@dataclass
class Sentence:
    start: int
    end: int
    section: tuple[str, ...]


def split_sentences(text: str, offset: int = 0, ends: re.Pattern = _SENTENCE_END) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in `text`, shifted by `offset`, whitespace trimmed."""
    spans, start = [], 0
    for match in ends.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a + offset, b + offset))
    return out


def sentences_with_sections(text: str) -> list[Sentence]:
    """Every sentence of the document with the heading path it stands under."""
    path: list[tuple[int, str]] = []
    out: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        heading = parse_heading(line)
        if heading is not None:
            path = [h for h in path if h[0] < heading.level] + [(heading.level, _label(line, heading.title))]
        path = [h for h in path if h[0] < ITEM_LEVEL]  # 一是/二是 items end with their paragraph
        body_start = offset + (len(line) - len(heading.body) if heading is not None else 0)
        body = heading.body if heading is not None else line
        for start, end in split_sentences(body, body_start):
            item = ITEM.match(text, start)
            if item:
                path = [h for h in path if h[0] < ITEM_LEVEL] + [(ITEM_LEVEL, _item_title(text[start:end]))]
            out.append(Sentence(start, end, tuple(title for _, title in path)))
        offset += len(line) + 1
    return out


def _label(line: str, title: str) -> str:
    return title if line.startswith(title) else clip_title(line)


def _item_title(sentence: str) -> str:
    return clip_title(sentence)


def chunk_document(doc: Document, max_chars: int, overlap: int, first_id: int = 0) -> list[Chunk]:
    """Group consecutive sentences of one section into chunks of at most `max_chars` characters.

    Chunks never cross a section boundary, so each has one section path; `overlap` sentences of a
    chunk are repeated at the start of the next one of the same section. A sentence longer than
    `max_chars` becomes a chunk of its own rather than being cut. Laws and regulations are cut by
    article instead (see `chunk_legal`).
    """
    if legal.is_legal(doc.text):
        return chunk_legal(doc, ARTICLE_CHARS, first_id)
    groups: list[list[Sentence]] = []
    for sentence in sentences_with_sections(doc.text):
        if groups and groups[-1][-1].section == sentence.section:
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
    chunks: list[Chunk] = []
    for group in groups:
        for window in _windows(group, max_chars, overlap):
            chunks.append(_make_chunk(doc, window, first_id + len(chunks)))
    return chunks


def _windows(group: list[Sentence], max_chars: int, overlap: int) -> list[list[Sentence]]:
    windows: list[list[Sentence]] = []
    i = 0
    while i < len(group):
        j = i + 1
        while j < len(group) and group[j].end - group[i].start <= max_chars:
            j += 1
        windows.append(group[i:j])
        if j >= len(group):
            break
        i = max(j - overlap, i + 1)
    return windows


def _make_chunk(doc: Document, window: list[Sentence], chunk_id: int) -> Chunk:
    start, end = window[0].start, window[-1].end
    return Chunk(
        id=chunk_id,
        source=doc.source,
        title=doc.title,
        section=list(window[0].section),
        text=doc.text[start:end],
        start=start,
        end=end,
        sentences=[(s.start - start, s.end - start) for s in window],
        page=doc.page_at(start),
    )


def chunk_legal(doc: Document, max_chars: int, first_id: int = 0) -> list[Chunk]:
    """One chunk per article (a long one split at 款/项, carrying its number and lead-in), plus the
    preamble of adoption notes; the section path ends with the article: "第四章 法律责任 > 第三十二条"."""
    preamble, articles = legal.parse(doc.text)
    chunks: list[Chunk] = []
    notes = [line for line in preamble if not line.text.startswith("#") and line.text.strip()]
    if notes:
        chunks.append(_legal_chunk(doc, notes, [legal.PREAMBLE], "", "", first_id))
    for article in articles:
        for lines, lead in legal.pieces(article, max_chars):
            section = list(article.divisions) + [article.label]
            chunks.append(_legal_chunk(doc, lines, section, article.label, lead, first_id + len(chunks)))
    return chunks


def _legal_chunk(doc: Document, lines: list, section: list[str], article: str, lead: str, chunk_id: int) -> Chunk:
    start, end = lines[0].start, lines[-1].end
    spans = [span for line in lines for span in split_sentences(line.text, line.start - start, _LEGAL_END)]
    return Chunk(id=chunk_id, source=doc.source, title=doc.title, section=section, text=doc.text[start:end],
                 start=start, end=end, sentences=spans, page=doc.page_at(start), article=article, lead=lead)

"""Answers about what the previous answer cited: where it stands, and what its article says."""

from __future__ import annotations

import re

from bot.reading import Citation
from bot.records import Answer, Chunk, Passage
from bot.store import StoredIndex

ARTICLE_HEAD = re.compile(r"(?:^|\n)\s*(第[零〇一二三四五六七八九十百千两\d]+条)")
NEXT_HEAD = re.compile(r"\n\s*(?:第[零〇一二三四五六七八九十百千两\d]+[条章节]|#)")
ARTICLE_CHARS = 600  # an article longer than this is shown cut, with its passage for the rest


def document_text(index: StoredIndex, source: str) -> str:
    """The document rebuilt from its chunks at their offsets (chunks overlap, so joining them would repeat text)."""
    chunks = index.chunks_of(source)
    size = max((c.end for c in chunks), default=0)
    text = [" "] * size
    for chunk in chunks:
        text[chunk.start : chunk.end] = chunk.text
    return "".join(text)


def citation_of(index: StoredIndex, answer: Answer) -> Citation:
    """The document of a found answer and, when it stands in a numbered article, that article."""
    if not answer.found or not answer.passages:
        return Citation()
    chunk = _chunk(index, answer.passages[0].chunk_id)
    if chunk is None:
        return Citation(answer.doc)
    text = document_text(index, chunk.source)
    at = text.find(answer.sentence, max(0, chunk.start - 1))
    at = at if at >= 0 else chunk.start
    # The article whose heading comes last before the sentence, or opens it ("第十一条在城市中设置…").
    heads = [m for m in ARTICLE_HEAD.finditer(text, 0, at + len(answer.sentence)) if m.start(1) <= at]
    # else the article its chunk stands in: a chunk that opens its article may follow the one before with no line
    # break between them in the rebuilt text, and a quote of items joined to their lead-in is not found in it
    return Citation(answer.doc, heads[-1].group(1) if heads else chunk.article, chunk.source)


def _chunk(index: StoredIndex, chunk_id: int) -> Chunk | None:
    if 0 <= chunk_id < len(index.chunks) and index.chunks[chunk_id].id == chunk_id:
        return index.chunks[chunk_id]
    return next((c for c in index.chunks if c.id == chunk_id), None)


def where_answer(question: str, previous: Answer, lang: str) -> Answer:
    """"它在报告哪一部分？": the previous answer's document, section and article, with its sentence."""
    if not previous.found:
        text = ("The previous question was not answered from the documents, so there is no source to show."
                if lang == "en" else "上一个问题在文件中没有找到答案，所以没有出处可指。")
        return Answer(question, False, text, notice="no previous answer")
    where = f"{previous.doc} › {previous.section}" if previous.section else previous.doc
    if lang == "en":
        text = f"It stands in {where}:\n{previous.sentence}"
    else:
        text = f"出自 {where}：\n{previous.sentence}"
    return Answer(question, True, text, sentence=previous.sentence, figure=previous.figure, doc=previous.doc,
                  section=previous.section, passages=previous.passages[:1], evidence={"from": "previous answer"})


def _article_span(index: StoredIndex, source: str, label: str, text: str) -> tuple[int, int] | None:
    """Where an article stands in its document: from its chunks (the index knows each chunk's article), else
    from its heading to the next one's."""
    pieces = index.article(source, label)
    if pieces:
        return pieces[0].start, max(c.end for c in pieces)
    head = re.search(rf"(?:^|\n)\s*{re.escape(label)}", text)
    if head is None:
        return None
    end = NEXT_HEAD.search(text, head.end())
    return head.start(), end.start() if end else len(text)


def article_answer(index: StoredIndex, question: str, cited: Citation, lang: str) -> Answer | None:
    """"这一条还规定了什么？": the whole cited article, from the document the previous answer came from."""
    chunks = [c for c in index.chunks if c.title == cited.doc and (not cited.source or c.source == cited.source)]
    if not chunks or not cited.article:
        return None
    text = document_text(index, chunks[0].source)
    span = _article_span(index, chunks[0].source, cited.article, text)
    if span is None:
        return None
    body = text[span[0] : span[1]].strip()
    first = re.split(r"(?<=[。；：])", body, maxsplit=1)[0]
    owner = min(chunks, key=lambda c: abs(c.start - span[0]))
    shown = body if len(body) <= ARTICLE_CHARS else body[:ARTICLE_CHARS] + "…"
    label = "Source" if lang == "en" else "出处"
    section = owner.section_path
    return Answer(question, True, f"{shown}\n{label}：{cited.doc} › {cited.article}", sentence=first, doc=cited.doc,
                  section=section, passages=[Passage(cited.doc, section, body, 1.0, owner.id)],
                  evidence={"from": "cited article"})

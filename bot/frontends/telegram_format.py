"""Telegram HTML for answers: everything escaped, the figure in bold, split under the 4096-character limit."""

from __future__ import annotations

import re
from html import escape, unescape

from bot.frontends.chat_text import clip, mark_figure, pack, related, words
from bot.frontends.render import understood_line
from bot.records import Answer, Passage

MAX_TEXT = 4096  # telegram.constants.MessageLimit.MAX_TEXT_LENGTH, counted after entity parsing
PASSAGE_CHARS = 700


def sentence_html(sentence: str, figure: str) -> str:
    return mark_figure(sentence, figure, escape, lambda figure: f"<b>{figure}</b>")


def answer_messages(answer: Answer) -> list[str]:
    """The answer as one message, or several when it would pass Telegram's limit."""
    understood = understood_line(answer)
    lead = [f"<i>{escape(understood)}</i>"] if understood else []
    return fit_messages(lead + answer_blocks(answer))


def answer_blocks(answer: Answer) -> list[str]:
    if not answer.found:
        return [_not_found_html(answer)]
    parts = [
        f"💡 {sentence_html(answer.sentence, answer.figure)}",
        f"📍 <i>{escape(answer.doc)}</i>" + (f"\n<i>{escape(answer.section)}</i>" if answer.section else ""),
    ]
    if answer.passages:
        passage = clip(answer.passages[0].text, PASSAGE_CHARS)
        parts.append(f"<b>{words(answer).passage}：</b>\n<blockquote>{escape(passage)}</blockquote>")
    return parts


def _not_found_html(answer: Answer) -> str:
    head = escape(answer.answer)
    if not answer.passages or answer.notice == "bad input":
        return head
    items = [f"• <i>{escape(where)}</i>\n{escape(text)}" for where, text in related(answer)]
    return head + "\n\n" + "\n\n".join(items)


def passages_html(answer: Answer, start: int = 1, count: int = 3) -> str:
    chosen = answer.passages[start : start + count]
    if not chosen:
        return "没有更多段落了。"
    return "\n\n".join(f"<b>{n}.</b> {_passage_html(p)}" for n, p in enumerate(chosen, start + 1))


def _passage_html(p: Passage) -> str:
    return f"<i>{escape(p.where)}</i>\n<blockquote>{escape(clip(p.text, PASSAGE_CHARS))}</blockquote>"


def section_messages(section: str, text: str) -> list[str]:
    """The whole section, split into as many messages as it needs."""
    return fit_messages([f"📖 <b>{escape(section)}</b>", escape(text)])


def split_plain(text: str, limit: int) -> list[str]:
    """Split raw text at paragraph, then sentence boundaries so every part stays under `limit` once escaped."""
    parts, current = [], ""
    for piece in _pieces(text, limit):
        if current and len(escape(current + piece)) > limit:
            parts.append(current)
            current = ""
        current += piece
    if current:
        parts.append(current)
    return parts


def _pieces(text: str, limit: int) -> list[str]:
    out = []
    for paragraph in re.split(r"(?<=\n)", text):
        if len(escape(paragraph)) <= limit // 2:
            out.append(paragraph)
            continue
        for sentence in re.split(r"(?<=[。！？；!?;])", paragraph):
            # An escaped sentence longer than a message (rare) is cut hard, at a character, never inside a tag.
            while len(escape(sentence)) > limit // 2:
                out.append(sentence[: limit // 8])
                sentence = sentence[limit // 8 :]
            out.append(sentence)
    return [p for p in out if p]


def fit_messages(blocks: list[str], limit: int = MAX_TEXT) -> list[str]:
    """Pack escaped HTML blocks into messages under the limit; a block that alone is too long is
    re-split from its plain text, so no message ever ends inside a tag."""
    return pack((piece for block in blocks for piece in _fitting(block, limit)), limit)


def _fitting(block: str, limit: int) -> list[str]:
    if len(block) <= limit:
        return [block]
    return [escape(p) for p in split_plain(unescape(re.sub(r"<[^>]+>", "", block)), limit)]

"""DingTalk Markdown for answers: the sentence with its figure in bold, document and article, the passage.

DingTalk refuses a robot message body over 20,000 bytes ("body 大小不合法 … 请保持大小在 20000bytes 以内"), and
long Markdown messages are reported to lose their formatting well before that, so each message is kept under
MAX_BYTES of UTF-8; an answer that needs more is split into several messages at paragraph or sentence ends.
"""

from __future__ import annotations

import re

from bot.frontends.chat_text import clip, cut_utf8, mark_figure, pack, related, shown_section, utf8_size, words
from bot.records import Answer

MAX_BYTES = 5000
PASSAGE_CHARS = 1200
_SPECIAL = re.compile(r"([\\`*_\[\]])")


def escape(text: str) -> str:
    """Report text shown literally: Markdown characters escaped, no line read as a heading or list."""
    text = _SPECIAL.sub(r"\\\1", shown_section(text))
    return re.sub(r"(?m)^(\s*)([#>+\-]|\d+\.)", r"\1\\\2", text)


def sentence_markdown(sentence: str, figure: str) -> str:
    return mark_figure(sentence, figure, escape, lambda figure: f"**{figure}**")


def quote(text: str) -> str:
    return "\n".join(f"> {escape(line)}" if line.strip() else ">" for line in text.splitlines())


def answer_markdown(answer: Answer) -> list[str]:
    """The answer as one Markdown message, or several when it would pass MAX_BYTES."""
    return fit_messages(answer_blocks(answer))


def answer_blocks(answer: Answer) -> list[str]:
    w = words(answer)
    head = [f"*{w.read_as}：{escape(answer.understood_as)}*"] if answer.understood_as else []
    if answer.kind != "answer" or not answer.found:
        return head + [escape(answer.answer)] + _related(answer)
    if not answer.sentence:  # the engine's own Markdown: its answer already carries the bold figure
        return head + [answer.answer]
    where = f"{w.document}：{escape(answer.doc)}"
    if answer.section:
        where += f"  \n{w.article}：{escape(answer.section)}"
    blocks = head + [f"💡 {sentence_markdown(answer.sentence, answer.figure)}", f"📍 {where}"]
    if answer.passages:
        blocks.append(f"**{w.passage}：**\n\n{quote(clip(answer.passages[0].text, PASSAGE_CHARS))}")
    return blocks


def _related(answer: Answer) -> list[str]:
    if answer.kind != "answer" or not answer.passages:
        return []
    items = [f"- **{escape(where)}**：{escape(text)}" for where, text in related(answer)]
    return [f"**{words(answer).related}：**\n\n" + "\n".join(items)]


def fit_messages(blocks: list[str], limit: int = MAX_BYTES) -> list[str]:
    """Pack blocks into messages under `limit` bytes; a block too long on its own is cut at sentence ends
    (a quoted block stays quoted in every piece)."""
    return pack((piece for block in blocks for piece in _split_block(block, limit)), limit, utf8_size)


def _split_block(block: str, limit: int) -> list[str]:
    if utf8_size(block) <= limit:
        return [block]
    prefix = "> " if block.startswith("> ") or "\n> " in block else ""
    pieces, current = [], ""
    for sentence in re.split(r"(?<=[。！？；!?;\n])", block):
        while utf8_size(sentence) > limit // 2:  # one endless sentence: cut at a character boundary
            cut = cut_utf8(sentence, limit // 2)
            pieces, current = _push(pieces, current, cut, prefix, limit)
            sentence = sentence[len(cut):]
        pieces, current = _push(pieces, current, sentence, prefix, limit)
    return pieces + ([current] if current else [])


def _push(pieces: list[str], current: str, text: str, prefix: str, limit: int) -> tuple[list[str], str]:
    if current and utf8_size(current + text) > limit:
        pieces.append(current)
        current = prefix if prefix and not text.startswith(">") else ""
    return pieces, current + text


def title(answer: Answer) -> str:
    """The line DingTalk shows in the chat list and the notification."""
    text = answer.sentence or answer.answer.replace("**", "").split("\n", 1)[0]
    return clip(text, 24) or "报告问答"

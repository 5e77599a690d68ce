"""DingTalk Markdown for answers: the sentence with its figure in bold, document and article, the passage.

DingTalk refuses a robot message body over 20,000 bytes ("body 大小不合法 … 请保持大小在 20000bytes 以内"), and
long Markdown messages are reported to lose their formatting well before that, so each message is kept under
MAX_BYTES of UTF-8; an answer that needs more is split into several messages at paragraph or sentence ends.
"""

from __future__ import annotations

import re

from bot.records import Answer

MAX_BYTES = 5000
PASSAGE_CHARS = 1200
RELATED_CHARS = 200
_SPECIAL = re.compile(r"([\\`*_\[\]])")
SECTION_SEP = " > "  # how the engine joins heading levels; shown as "›", since a ">" could start a quote


def escape(text: str) -> str:
    """Report text shown literally: Markdown characters escaped, no line read as a heading or list."""
    text = _SPECIAL.sub(r"\\\1", text.replace(SECTION_SEP, " › "))
    return re.sub(r"(?m)^(\s*)([#>+\-]|\d+\.)", r"\1\\\2", text)


def sentence_markdown(sentence: str, figure: str) -> str:
    if not figure or figure not in sentence:
        return escape(sentence)
    before, after = sentence.split(figure, 1)
    return f"{escape(before)}**{escape(figure)}**{escape(after)}"


def quote(text: str) -> str:
    return "\n".join(f"> {escape(line)}" if line.strip() else ">" for line in text.splitlines())


def answer_markdown(answer: Answer) -> list[str]:
    """The answer as one Markdown message, or several when it would pass MAX_BYTES."""
    return fit_messages(answer_blocks(answer))


def answer_blocks(answer: Answer) -> list[str]:
    en = answer.question.isascii()
    head = []
    if answer.understood_as:
        head.append(f"*{'Read as' if en else '按此理解'}：{escape(answer.understood_as)}*")
    if answer.kind != "answer" or not answer.found:
        return head + [escape(answer.answer)] + _related(answer, en)
    if not answer.sentence:  # the engine's own Markdown: its answer already carries the bold figure
        return head + [answer.answer]
    where = f"{'Document' if en else '文件'}：{escape(answer.doc)}"
    if answer.section:
        where += f"  \n{'Article' if en else '条目'}：{escape(answer.section)}"
    blocks = head + [f"💡 {sentence_markdown(answer.sentence, answer.figure)}", f"📍 {where}"]
    if answer.passages:
        blocks.append(f"**{'Passage' if en else '原文段落'}：**\n\n{quote(_clip(answer.passages[0].text, PASSAGE_CHARS))}")
    return blocks


def _related(answer: Answer, en: bool) -> list[str]:
    if answer.kind != "answer" or not answer.passages:
        return []
    label = "Related passages" if en else "相关段落"
    items = [f"- **{escape(p.section or p.doc)}**：{escape(_clip(p.text, RELATED_CHARS))}" for p in answer.passages[:2]]
    return [f"**{label}：**\n\n" + "\n".join(items)]


def fit_messages(blocks: list[str], limit: int = MAX_BYTES) -> list[str]:
    """Pack blocks into messages under `limit` bytes; a block too long on its own is cut at sentence ends
    (a quoted block stays quoted in every piece)."""
    messages, current = [], ""
    for block in blocks:
        for piece in _split_block(block, limit):
            candidate = f"{current}\n\n{piece}" if current else piece
            if _size(candidate) > limit and current:
                messages.append(current)
                candidate = piece
            current = candidate
    if current:
        messages.append(current)
    return messages


def _split_block(block: str, limit: int) -> list[str]:
    if _size(block) <= limit:
        return [block]
    prefix = "> " if block.startswith("> ") or "\n> " in block else ""
    pieces, current = [], ""
    for sentence in re.split(r"(?<=[。！？；!?;\n])", block):
        while _size(sentence) > limit // 2:  # one endless sentence: cut at a character boundary
            cut = _cut_at_bytes(sentence, limit // 2)
            pieces, current = _push(pieces, current, cut, prefix, limit)
            sentence = sentence[len(cut):]
        pieces, current = _push(pieces, current, sentence, prefix, limit)
    return pieces + ([current] if current else [])


def _push(pieces: list[str], current: str, text: str, prefix: str, limit: int) -> tuple[list[str], str]:
    if current and _size(current + text) > limit:
        pieces.append(current)
        current = prefix if prefix and not text.startswith(">") else ""
    return pieces, current + text


def _cut_at_bytes(text: str, limit: int) -> str:
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def title(answer: Answer) -> str:
    """The line DingTalk shows in the chat list and the notification."""
    text = answer.sentence or answer.answer.replace("**", "").split("\n", 1)[0]
    return _clip(text, 24) or "报告问答"

"""WeCom text for answers: the sentence, the figure, document and article, the passage, in one message.

A WeCom text message holds at most 2,048 bytes (message/send cuts the rest), and a passive reply is a single
message, so the whole answer is fitted into one: the passage, and only it, is shortened to make room.
"""

from __future__ import annotations

from bot.frontends.chat_text import cut_utf8, shown_section, utf8_size, words
from bot.records import Answer

MAX_BYTES = 2048


def answer_text(answer: Answer) -> str:
    w = words(answer)
    head = [f"（{w.read_as}：{answer.understood_as}）"] if answer.understood_as else []
    if answer.kind != "answer" or not answer.found or not answer.sentence:
        body = head + [answer.answer.replace("**", "")]
        related = answer.passages[:1] if answer.kind == "answer" and not answer.found else []
        return fit(body, [f"{w.most_related}（{shown_section(p.where)}）：\n{p.text}" for p in related])
    lines = head + [answer.sentence]
    if answer.figure:
        lines.append(f"{w.figure}：{answer.figure}")
    lines.append(f"{w.document}：{answer.doc}")
    if answer.section:
        lines.append(f"{w.article}：{shown_section(answer.section)}")
    passage = [f"{w.passage}：\n{answer.passages[0].text}"] if answer.passages else []
    return fit(lines, passage)


def fit(lines: list[str], extra: list[str], limit: int = MAX_BYTES) -> str:
    """`lines` whole (cut only if they alone pass the limit), then as much of `extra` as fits, marked with …"""
    text = cut_utf8("\n".join(lines), limit)
    for block in extra:
        room = limit - utf8_size(text) - 2
        if room < 60:
            break
        text += "\n\n" + (block if utf8_size(block) <= room else cut_utf8(block, room - 3) + "…")
    return text

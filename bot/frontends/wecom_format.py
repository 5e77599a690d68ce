"""WeCom text for answers: the sentence, the figure, document and article, the passage, in one message.

A WeCom text message holds at most 2,048 bytes (message/send cuts the rest), and a passive reply is a single
message, so the whole answer is fitted into one: the passage, and only it, is shortened to make room.
"""

from __future__ import annotations

from bot.records import Answer

MAX_BYTES = 2048
SECTION_SEP = " > "


def answer_text(answer: Answer) -> str:
    en = answer.question.isascii()
    head = [f"（{'Read as' if en else '按此理解'}：{answer.understood_as}）"] if answer.understood_as else []
    if answer.kind != "answer" or not answer.found or not answer.sentence:
        body = head + [answer.answer.replace("**", "")]
        related = answer.passages[:1] if answer.kind == "answer" and not answer.found else []
        label = "Most related passage" if en else "最相关的段落"
        return fit(body, [f"{label}（{_where(p.section or p.doc)}）：\n{p.text}" for p in related])
    lines = head + [answer.sentence]
    if answer.figure:
        lines.append(f"{'Figure' if en else '数字'}：{answer.figure}")
    lines.append(f"{'Document' if en else '文件'}：{answer.doc}")
    if answer.section:
        lines.append(f"{'Article' if en else '条目'}：{_where(answer.section)}")
    passage = [f"{'Passage' if en else '原文段落'}：\n{answer.passages[0].text}"] if answer.passages else []
    return fit(lines, passage)


def fit(lines: list[str], extra: list[str], limit: int = MAX_BYTES) -> str:
    """`lines` whole (cut only if they alone pass the limit), then as much of `extra` as fits, marked with …"""
    text = _cut("\n".join(lines), limit)
    for block in extra:
        room = limit - _size(text) - 2
        if room < 60:
            break
        text += "\n\n" + (block if _size(block) <= room else _cut(block, room - 3) + "…")
    return text


def _where(section: str) -> str:
    return section.replace(SECTION_SEP, " › ")


def _cut(text: str, limit: int) -> str:
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


def _size(text: str) -> int:
    return len(text.encode("utf-8"))

"""Plain-text rendering of an Answer, shared by the CLI and the terminal chat."""

from __future__ import annotations

from bot.records import Answer

BOLD, RESET = "\033[1m", "\033[0m"


def understood_line(answer: Answer) -> str:
    """"理解为：…" when a follow-up was read as another question, so a wrong carry-over is visible."""
    if not answer.understood_as:
        return ""
    return f"Understood as: {answer.understood_as}" if answer.question.isascii() else f"理解为：{answer.understood_as}"


def render_text(answer: Answer, more: int = 0, color: bool = False) -> str:
    """The answer, its source and the passage it came from; `more` extra passages on request."""
    understood = understood_line(answer)
    lines = [f"（{understood}）"] if understood else []
    lines.append(answer.answer if not color else answer.answer.replace("**", BOLD, 1).replace("**", RESET, 1))
    shown = answer.passages[: 1 + more] if answer.found else answer.passages[: max(2, 1 + more)]
    if shown:
        lines.append("")
        lines.append("原文段落：" if answer.found else "相关段落：")
    for passage in shown:
        lines.append(f"  [{passage.where}]")
        lines.append(f"  {passage.text}")
    return "\n".join(lines)

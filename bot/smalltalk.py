"""Greetings, thanks and "what can you do": a short friendly reply with example questions from the index."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import zip_longest

from bot.glossary import Glossary
from bot.question_parts import lang_of
from bot.records import Answer, Fact

_END = r"[\s!！。.,，~～?？呀啊呢吧哈嘛😊🙂👋🙏👍]*$"
KINDS = {
    "hello": re.compile(r"^(?:你好|您好|嗨|哈喽|哈啰|在吗|在不在|早上好|上午好|中午好|下午好|晚上好|早|早安|hi|hello|hey|"
                        r"good (?:morning|afternoon|evening)|greetings)(?:呀|啊)?(?:[,，\s]*(?:机器人|bot|there))?" + _END, re.I),
    "thanks": re.compile(r"^(?:(?:非常|十分|太)?(?:谢谢|感谢|多谢)(?:你|您)?(?:了|啦)?|谢了|辛苦了|好的[，,\s]*(?:谢谢|多谢|感谢)?(?:你|您)?|明白了|知道了|收到|"
                         r"(?:ok|okay)(?: thanks)?|thanks?(?: a lot| very much)?|thank you(?: very much| so much)?|thx|cheers|great|"
                         r"got it|👍|🙏)" + _END, re.I),
    "bye": re.compile(r"^(?:再见|拜拜|回头见|bye|goodbye|see you)" + _END, re.I),
    "help": re.compile(r"^(?:你是谁|你叫什么(?:名字)?|你是什么|你能做什么|你会做什么|你会什么|你可以做什么|你能干什么|你有什么用|"
                       r"怎么用|如何使用|怎么使用|怎么提问|使用说明|帮助|求助|help|/help|who are you|what are you|"
                       r"what can you do|how do i use (?:this|you|it)|how to use (?:this|you|it)?|what do you do)" + _END, re.I),
}
REPLIES = {
    "zh": {
        "hello": "你好！我是文件问答助手，回答来自已收录的文件原文：给出原句、所在章节和出处。",
        "thanks": "不客气！还有问题随时问我。",
        "bye": "再见！有问题随时回来问。",
        "help": "我是文件问答助手：直接用中文或英文提问，我从已收录的文件中找出原句、数字和所在章节；"
                "可以接着追问（如“那2022年呢？”“这一条还规定了什么？”），发送 /new 开始新对话。",
        "examples": "可以这样问：",
    },
    "en": {
        "hello": "Hello! I answer questions from the indexed documents, quoting the sentence and where it stands.",
        "thanks": "You're welcome! Ask me anything else about the documents.",
        "bye": "Goodbye! Come back any time.",
        "help": "I answer questions from the indexed documents, in Chinese or English, quoting the sentence, its figure "
                "and its section. Follow-ups work (\"What about 2022?\"); send /new to start a new conversation.",
        "examples": "For example:",
    },
}


def smalltalk_kind(text: str) -> str:
    """"hello", "thanks", "bye" or "help" when the message is small talk, else ""."""
    text = text.strip()
    if len(text) > 40:
        return ""
    return next((kind for kind, pattern in KINDS.items() if pattern.match(text)), "")


def reply(text: str, kind: str, facts: list[Fact], glossary: Glossary | None = None, penalties: Sequence = ()) -> Answer:
    lang = lang_of(text) if lang_of(text) == "zh" or text.isascii() else "zh"
    words = REPLIES[lang]
    examples = example_questions(facts, lang, glossary, penalties=penalties)
    lines = [words[kind]] + ([words["examples"]] + [f"• {q}" for q in examples] if examples else [])
    return Answer(text, False, "\n".join(lines), kind="smalltalk", notice="smalltalk")


def example_questions(facts: list[Fact], lang: str, glossary: Glossary | None = None, count: int = 3,
                      penalties: Sequence = ()) -> list[str]:
    """A few different questions the documents answer: a report's figures, spread over its sections, and
    (in Chinese) what a regulation's penalty table fines, one regulation each."""
    from_facts, sections = [], set()
    # a figure of a year (a report's: "2023年共立案35宗"); a law's figures are limits, no example of a fact
    dated = [f for f in facts if f.year and 2 <= len(f.label) <= 8 and not _GENERIC_LABEL.search(f.label)]
    for fact in _spread(dated):
        question = _question_en(fact, glossary) if lang == "en" else _question_zh(fact)
        if question and fact.section not in sections and question not in from_facts:
            from_facts.append(question)
            sections.add(fact.section)
    from_rules = _penalty_questions(penalties) if lang == "zh" else []
    mixed = [q for pair in zip_longest(from_facts, from_rules) for q in pair if q]
    return list(dict.fromkeys(mixed))[:count]


# what a law's figures are "of" when read as facts ("处…罚款"): no question anyone would ask as an example
_GENERIC_LABEL = re.compile(r"罚款|罚金|^(?:处|并处|可以|以上|以下)")
_PLAIN_BEHAVIOUR = re.compile(r"^[\u4e00-\u9fff、]{4,14}$")
_CITY = re.compile(r"^([\u4e00-\u9fff]{2,4}?)市")


def _penalty_questions(penalties: Sequence) -> list[str]:
    """"南阳擅自砍伐城市树木罚多少？": a behaviour a regulation fines, said plainly (not "违反第十条规定"), with
    the regulation's city; one per regulation."""
    out, seen = [], set()
    for row in penalties:
        behaviour = row.behaviour.rstrip("的")
        if row.source in seen or not row.fines or not _PLAIN_BEHAVIOUR.match(behaviour) or behaviour.startswith("违反"):
            continue
        city = _CITY.match(row.title)
        out.append(f"{city.group(1) if city else ''}{behaviour}罚多少？")
        seen.add(row.source)
    return out


def _spread(facts: list[Fact]) -> list[Fact]:
    """Every third fact first, so the examples come from across the documents rather than their first page."""
    return facts[::3] + facts[1::3] + facts[2::3]


def _question_zh(fact: Fact) -> str:
    year = f"{fact.year}年" if fact.year else ""
    if fact.unit == "%":
        return f"{year}{fact.label}是多少？"
    counter = re.sub(r"^[万亿千]", "", fact.unit) if fact.unit not in ("万元", "亿元") else fact.unit
    return f"{year}{fact.label}有多少{counter}？"


def _question_en(fact: Fact, glossary: Glossary | None) -> str:
    """Only figures the glossary can name in English: a half-Chinese example would not help."""
    if glossary is None:
        return ""
    names = sorted((term for term, values in glossary.entries.items() if term.isascii() and fact.label in values),
                   key=lambda term: (glossary.entries[term][0] != fact.label, -len(term)))
    if not names:
        return ""
    year = f" in {fact.year}" if fact.year else ""
    return f"How many {names[0]}{year}?" if fact.unit != "%" else f"What is the {names[0]}{year}?"

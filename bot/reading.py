"""A follow-up as read: the standalone question it stands for, where the answer before stood, and the steps
both readers (bot/followup.py for Chinese, bot/followup_en.py for English) take alike: staying in the regulation
cited before, narrowing it, stepping to the next article."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.numerals import cn_to_number, to_chinese
from bot.question_parts import DOC, Parts, clean, lang_of, unended


@dataclass
class Resolution:
    """How a message was read: the standalone question, and whether it leaned on the turns before."""

    question: str
    followup: bool = False
    about_answer: str = ""  # "where": asks where the previous answer stands; "article": stays in its article;
    # "language": asks for the previous answer in another language
    doc: str = ""  # the cited document a follow-up stays in
    article: str = ""


@dataclass
class Citation:
    """Where the previous answer stood: its document and, in a regulation, its article."""

    doc: str = ""
    article: str = ""
    source: str = ""  # the file, which tells two versions of one law apart


def narrowed(question: str, qualifier, prev: Parts, cited: Citation) -> Resolution:
    """The question before, narrowed by a qualifier (bot/qualifiers.py). Another place, or the national level,
    leaves the regulation cited before: its rules are not that place's, nor the nation's."""
    if qualifier.kind in ("place", "level"):
        return Resolution(ended(question, prev.lang), True)
    return follow(question, prev, cited)


def neighbour(cited: Citation, step: int, lang: str) -> Resolution:
    """The article after (or before) the one cited, read whole from the same document."""
    number = cn_to_number(cited.article[1:-1])
    if not number or number + step < 1:
        return Resolution(ended(f"{doc_name(cited.doc)}{cited.article}", lang), True, "article", cited.doc, cited.article)
    return read_article(cited.doc, f"第{to_chinese(int(number) + step)}条", lang)


def read_article(doc: str, article: str, lang: str) -> Resolution:
    """An article of `doc` read whole: "《…》第三十六条规定了什么？", "What does 第三十六条 of 《…》 say?"."""
    question = f"What does {article} of {doc_name(doc)} say" if lang == "en" else f"{doc_name(doc)}{article}规定了什么"
    return Resolution(ended(question, lang), True, "article", doc, article)


def follow(question: str, prev: Parts, cited: Citation) -> Resolution:
    stays = cited.doc if cited.article or prev.doc else ""
    named = doc_name(stays).strip("《》")
    if stays and cited.article and lang_of(question) == "zh" and not DOC.search(question) and named not in question:
        question = doc_name(stays) + question  # a regulation's follow-up stays in that regulation
    return Resolution(ended(question, prev.lang if lang_of(question) == prev.lang else lang_of(question)), True,
                      doc=stays, article=cited.article)


def doc_name(doc: str) -> str:
    name = re.sub(r"[（(]\d{4}-\d{2}-\d{2}[)）]$", "", doc.strip())
    return name if not name or name.startswith("《") else f"《{name}》"


def ended(question: str, lang: str) -> str:
    return unended(question) + ("？" if lang == "zh" else "?")


def differs(typed: str, understood: str) -> bool:
    """Worth showing "理解为" only when the reading changed more than punctuation and 那/呢."""
    return clean(typed) != clean(understood)

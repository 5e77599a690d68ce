""""What about in English?", "用中文说一下": the answer before, given again in the other language. Its clause stays
as the document writes it (no translation model runs here); what is said around it changes: the source line, and
for English the figure in English words ("RMB 500 to 5,000 per tree"). Read as a question of its own, "英文呢？"
had been swapped into the question before as a topic, and refused."""

from __future__ import annotations

import re

from bot.amounts import find_amounts
from bot.citation import emphasise
from bot.records import Answer

# asking for the same answer in English / in Chinese, and nothing else
_ASK = r"(?:what about|how about|and|now|can you (?:say|give|answer|repeat)(?: that| it| this)?|could you (?:say|give|answer|repeat)(?: that| it| this)?|say (?:that|it)|answer|reply|repeat (?:that|it))"
_ENGLISH = re.compile(rf"(?:{_ASK} )?(?:in )?english(?: please| version)?|(?:请|能)?(?:用|换成|翻译成|译成)?英[文语](?:呢|版|回答|说|讲|的)?(?:一下|一遍)?(?:吗|可以吗)?", re.I)
_CHINESE = re.compile(rf"(?:{_ASK} )?(?:in )?chinese(?: please| version)?|(?:请|能)?(?:用|换成|翻译成|译成)?(?:中文|汉语)(?:呢|版|回答|说|讲|的)?(?:一下|一遍)?(?:吗|可以吗)?", re.I)
_EDGES = re.compile(r"^[\s,，]*(?:please|pls|请)?[\s,，]*|[\s?？.。!！,，]*(?:please|pls)?[\s?？.。!！]*$", re.I)


def asked_language(text: str) -> str:
    """"en" or "zh" when the message only asks for the answer in that language, else ""."""
    body = _EDGES.sub("", text.strip())
    if _ENGLISH.fullmatch(body):
        return "en"
    if _CHINESE.fullmatch(body):
        return "zh"
    return ""


def in_language(question: str, previous: Answer, lang: str, cited: str = "") -> Answer:
    """The previous answer, said in `lang`: the same clause, figure and passages; `cited` is its article as cited in
    `lang` (bot/citation.py), "" for an answer from no article (it is then cited by where its passage stands)."""
    if not previous.found:
        text = ("The previous question was not answered from the documents." if lang == "en"
                else "上一个问题在文件中没有找到答案。")
        return Answer(question, False, text, passages=previous.passages, notice="no previous answer")
    where = cited or (f"{previous.doc} › {previous.section}" if previous.section else previous.doc)
    marked = emphasise(previous.sentence, previous.figure) if previous.figure else previous.sentence
    if lang == "en":
        text = f"{marked}\nSource：{where}"
        amounts = find_amounts(previous.figure) if previous.figure else []
        if amounts:
            text += f"\nFigure: {amounts[0].english()}"
        text += "\n(The documents are in Chinese: the clause is quoted as it stands.)"
    else:
        text = f"{marked}\n出处：{where}"
    return Answer(question, True, text, sentence=previous.sentence, figure=previous.figure, doc=previous.doc,
                  section=previous.section, passages=previous.passages, evidence={"from": "previous answer"})

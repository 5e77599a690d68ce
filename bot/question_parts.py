"""The parts of a question a follow-up can change or leave out: year, document, article, topic and the ask."""

from __future__ import annotations

import re
from dataclasses import dataclass

CJK = re.compile(r"[\u3400-\u9fff]")
YEAR_ZH = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*年(?:度)?")
YEAR_EN = re.compile(r"\b(?:in |during |for )?(?:19|20)\d{2}\b", re.I)
YEAR_DIGITS = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
ARTICLE = re.compile(r"第[零〇一二三四五六七八九十百千两\d]+条")
DOC = re.compile(r"《[^》]{2,60}》")
# Where the asking starts in a Chinese question: everything before it is the topic.
# ...with the verb 罚 it asks about ("游泳罚多少": the topic is 游泳, the asking 罚多少; not the noun 处罚 of
# "公示行政处罚多少件", which is the topic), and whether one is fined ("晾晒衣服罚款吗", "会被处罚吗")
ASK_ZH = re.compile(r"(?:共|一共|总共|累计|总计|分别)?(?:是|有|为|达到?)?"
                    r"(?:(?:[会要能得]被?|被)(?:处罚|罚款|罚钱|罚)(?=吗|么|多少|几)|(?<![处惩])罚款(?=吗|么)|(?<![处惩])罚钱?)?"
                    r"(?:多少|几|什么|哪|怎么|怎样|如何|谁|是否|有没有|能否|可否|可以吗|吗)")
LEADING_ZH = re.compile(r"^(?:那么|那|还有|另外|此外|再问一下|请问|那请问)[，,、\s]*")
TRAILING = re.compile(r"[\s？?。！!，,~～]+$")
HEAD_EN = re.compile(r"^(?:how many|how much|what|which|who|whom|when|where|why|how|is|are|was|were|did|do|does|"
                     r"has|have|can|could|should|must)\b(?:\s+(?:is|are|was|were|the|a|an|did|does|do|has|have|"
                     r"many|much|of)\b)*", re.I)  # whole words: "the A" is no head of "the Administrative…"
VERB_EN = re.compile(r"\b(?:is|are|was|were|did|does|do|has|have|had|be|been|in|during|for|by|under|according)\b", re.I)
FILLER_EN = re.compile(r"^(?:the|a|an|about)\s+", re.I)


@dataclass
class Parts:
    """A Chinese or English question taken apart; `body + ask` gives it back (without end punctuation)."""

    text: str
    lang: str
    body: str  # before the ask: context and topic ("2023年共立案")
    ask: str  # the asking ("多少宗", "怎么处罚"); for English the tail after the topic
    head: str = ""  # English only: "How many"
    year: str = ""  # "2023"
    doc: str = ""  # "《南阳市城市绿化条例》"
    article: str = ""  # "第十条"

    @property
    def topic(self) -> str:
        """The topic words: the body without year, document, article and counting words."""
        topic = self.body
        for pattern in (YEAR_ZH, DOC, ARTICLE) if self.lang == "zh" else (YEAR_EN, DOC):
            topic = pattern.sub("", topic)
        topic = re.sub(r"^(?:今年以来|目前|截止目前|当前|全年)?[，,\s]*", "", topic)
        topic = re.sub(r"[的是在由有被对为了共]+$", "", topic.strip())
        return FILLER_EN.sub("", topic.strip()) if self.lang == "en" else topic.strip()


def lang_of(text: str) -> str:
    return "zh" if CJK.search(text) else "en"


_END = re.compile(r"[\s？?。.!！]+$")


def unended(text: str) -> str:
    """The question without its end punctuation ("第三十六条讲什么？" -> "第三十六条讲什么")."""
    return _END.sub("", text.strip())


def clean(text: str) -> str:
    """Without a leading 那/请问, trailing punctuation and 呢."""
    text = TRAILING.sub("", text.strip())
    text = re.sub(r"呢$", "", text)
    return TRAILING.sub("", LEADING_ZH.sub("", text)).strip()


def parse(text: str) -> Parts:
    text = clean(text)
    lang = lang_of(text)
    year = YEAR_DIGITS.search(text)
    doc, article = DOC.search(text), ARTICLE.search(text)
    common = dict(text=text, lang=lang, year=year.group(0) if year else "", doc=doc.group(0) if doc else "",
                  article=article.group(0) if article else "")
    if lang == "zh":
        ask = _ask_start_zh(text)
        return Parts(body=text[:ask], ask=text[ask:], **common)
    head = HEAD_EN.match(text)
    head_text = head.group(0) if head else ""
    rest = text[len(head_text):].strip()
    verb = VERB_EN.search(rest)
    cut = verb.start() if verb and verb.start() > 0 else len(rest)
    return Parts(body=rest[:cut].strip(), ask=rest[cut:].strip(), head=head_text, **common)


def _ask_start_zh(text: str) -> int:
    """Where the asking begins: the first question word after the document and article, else the end."""
    skip = max([m.end() for m in (DOC.search(text), ARTICLE.search(text)) if m] or [0])
    match = ASK_ZH.search(text, skip)
    return match.start() if match else len(text)


def has_question_word(text: str) -> bool:
    if lang_of(text) == "zh":
        return bool(re.search(r"多少|几[次个件宗项期部类人家条年]|什么|哪|怎么|怎样|如何|谁|是否|有没有|吗|能否|可否|规定", text))
    return bool(re.search(r"\b(?:how|what|which|who|when|where|why|is|are|does|do|did|can)\b", text, re.I))


def context_prefix(parts: Parts) -> str:
    """What a follow-up inherits when it leaves it out: the document, article and year of the question before."""
    if parts.lang == "en":
        return ""
    return f"{parts.doc}{parts.article}{parts.year + '年' if parts.year else ''}"

"""Read an English follow-up in the light of the question before it (bot/followup.py reads Chinese ones):
"What about 2022?", "And for companies?", "How much?", "Who enforces it?", "What about the next article?"."""

from __future__ import annotations

import re

from bot.qualifiers import IN_PLACE_EN, qualified_en, qualifier_en
from bot.question_parts import YEAR_DIGITS, Parts, has_question_word
from bot.reading import Citation, Resolution, doc_name, ended, follow, narrowed, neighbour, read_article
from bot.topicless import asked_of, behaviour_of_en, is_topicless_en

WHERE_EN = re.compile(r"\b(?:which|what) (?:part|section|chapter|article)\b|\bwhere (?:is|was|does|did|do)\b|\bsource\b", re.I)
REF_ARTICLE_EN = re.compile(r"\b(?:this|that|the same) (?:article|provision|rule|clause)\b", re.I)
_THAT = re.compile(r"\b(?:is|was|does|did) that\b", re.I)  # "Which article is that?", "Where does that come from?"
_BARE_WHERE = re.compile(r"(?:which|what) (?:part|section|chapter|article)", re.I)  # "Which article?"
_SAYS_EN = re.compile(r"what does (?:it|that|this|that article|this article) (?:say|provide|state|cover|require)|"
                      r"(?:read|show|quote) (?:it|that|this)(?: to me)?(?: in full)?|what(?:'s| is) in it", re.I)
_FULL_EN = re.compile(r"\b(?:full|whole|entire|complete) (?:article|text|provision|clause|wording)\b|\btell me more\b|"
                      r"\bin full\b", re.I)
REF_EN = re.compile(r"\b(?:it|this one|that one|they|them|these|those|this)\b", re.I)
ELLIPSIS_EN = re.compile(r"^(?:and|but|so)?\s*(?:what|how)\s+about\s+(.+)$|^and\s+(.+)$", re.I)
NEIGHBOUR_EN = re.compile(r"\b(next|following|previous|preceding)\s+(?:article|provision|one)\b", re.I)
RULES_EN = re.compile(r"\b(?:fine|fined|penalt|punish|rule|regulation|law|allowed|must|may|deadline|how long|ban|prohibit|"
                      r"forbidden|illegal|enforce|what happens if|if (?:i|you|we|someone|somebody|my|a|an|the)\b|"
                      r"(?:can|may|could) (?:i|we|you|someone|somebody|people)\b|is it (?:ok|okay|legal)\b|(?:need|needs|have|has) to\b|"
                      r"required)", re.I)


def resolve_en(prev: Parts, text: str, cited: Citation, places) -> Resolution | None:
    body = re.sub(r"[\s?？.!]+$", "", text.strip())
    referring = REF_EN.search(body) or REF_ARTICLE_EN.search(body)
    if WHERE_EN.search(body) and (referring or _THAT.search(body) or _BARE_WHERE.fullmatch(body)):  # "Which article is that?"
        return Resolution(prev.text, True, "where", cited.doc, cited.article)
    step = NEIGHBOUR_EN.search(body)
    if step and cited.article and len(body) <= 40:
        return neighbour(cited, 1 if step.group(1).lower() in ("next", "following") else -1, "en")
    if cited.article and (_SAYS_EN.fullmatch(body) or _FULL_EN.search(body)):  # "What does it say?", "full text"
        return read_article(cited.doc, cited.article, "en")
    if REF_ARTICLE_EN.search(body) and cited.article:
        ref = f"{cited.article} of {doc_name(cited.doc)}"
        return Resolution(ended(REF_ARTICLE_EN.sub(ref, body, count=1), "en"), True, "article", cited.doc, cited.article)
    whole = _THIS_LAW_EN.search(body) if cited.doc and _WHOLE_LAW_EN.search(body) else None
    if whole:  # "How many chapters does it have?", "What are the penalties in this regulation?": the one cited
        question = body[: whole.start()] + doc_name(cited.doc) + body[whole.end():]
        return Resolution(ended(question, "en"), True, doc=cited.doc)
    about_rules = bool(cited.article or RULES_EN.search(prev.text))
    unit = _PER_UNIT_EN.fullmatch(body)
    if unit and about_rules and prev.lang == "en":  # "Per tree?": the question before, counted per tree
        return follow(f"{prev.text.rstrip('?.! ')} per {unit.group(1)}", prev, cited)
    supposed = _WHAT_IF_IT.fullmatch(body)
    if supposed and about_rules and prev.lang == "en":  # "What if it's an ancient tree?": that case, asked the same
        return follow(swap_en(prev, supposed.group(1)), prev, cited)
    ellipsis = ELLIPSIS_EN.match(body)
    change = ellipsis.group(1) or ellipsis.group(2) if ellipsis else ""
    qualifier = qualifier_en(change, places, about_rules) if change else None
    if qualifier and prev.lang == "en":
        return narrowed(qualified_en(prev, qualifier), qualifier, prev, cited)
    if ellipsis and not has_question_word(ellipsis.group(1) or ellipsis.group(2)):
        return follow(swap_en(prev, ellipsis.group(1) or ellipsis.group(2)), prev, cited)
    # "How much?", "Who enforces?": of the behaviour asked before ("it" has its own reading, below)
    if about_rules and prev.lang == "en" and not (ellipsis or referring) and is_topicless_en(body):
        topic = _topic_en(prev) if _PHRASED.match(prev.ask) else ""
        return follow(asked_of(body, behaviour_of_en(prev.text), topic), prev, cited)
    if referring:
        return follow(_year_en(prev, REF_EN.sub(_topic_en(prev), body, count=1)), prev, cited)
    if ellipsis:  # "And how much was collected?": a question of its own, in the previous question's year
        return follow(_year_en(prev, ellipsis.group(1) or ellipsis.group(2)), prev, cited)
    return None


# what is asked of a regulation as a whole (its outline, its penalty table), and the regulation referred to
_WHOLE_LAW_EN = re.compile(r"\bhow many (?:chapters|articles)\b|\b(?:penalties|penalty provisions)\b", re.I)
_THIS_LAW_EN = re.compile(r"\b(?:this|that|the) (?:regulation|law|act)s?\b|\bit\b", re.I)
_PHRASED = re.compile(r"(?:for|of|on|about|against)\b", re.I)  # the phrase completing a topic: "(fine) for spitting"
_PER_UNIT_EN = re.compile(r"(?:and\s+|so\s+)?(?:per|for each|for every|each)\s+([a-z]+(?:\s+[a-z]+)?)", re.I)
_WHAT_IF_IT = re.compile(r"(?:and\s+|but\s+)?what if (?:it's|it is|it was|they're|they are|they were)\s+(?:an?\s+|the\s+)?(.+)",
                         re.I)


_LAW_EN = re.compile(r"((?:[A-Z][\w'-]*\s+)+(?:Law|Regulations?|Act|Measures|Rules))\b")


def _topic_en(prev: Parts) -> str:
    """What "it" stands for: the topic with the phrase that completes it ("the fine for spitting in public",
    not "fine")."""
    topic = prev.topic or prev.body or prev.text
    titled = _LAW_EN.match(topic)
    if titled:  # "When was it amended?" after "When did the … Law take effect?": "it" is the law
        return f"the {titled.group(1)}"
    if _PHRASED.match(prev.ask):
        # the noun after the body's last article: "enforces the fine" (Who enforces the fine for…) is "fine"
        noun = re.split(r"\b(?:the|a|an)\s+", topic)[-1].strip() or topic
        return f"the {noun} {prev.ask}"
    return topic


# a year named from the one asked about: "What about last year?", "And the year before?"
_RELATIVE_YEAR_EN = re.compile(r"(?:the\s+)?(last|previous|next|this|same)\s+year|(?:the\s+)?year\s+(before|after)", re.I)
_YEARS_AWAY_EN = {"last": -1, "previous": -1, "before": -1, "next": 1, "after": 1, "this": 0, "same": 0}


def swap_en(prev: Parts, change: str) -> str:
    relative = _RELATIVE_YEAR_EN.fullmatch(change.strip())
    if relative and prev.year:
        change = str(int(prev.year) + _YEARS_AWAY_EN[(relative.group(1) or relative.group(2)).lower()])
    year = YEAR_DIGITS.search(change)
    rest = re.sub(r"^(?:the|a|an|in|during|for)\s+|\s+(?:in|during|for)$", "", YEAR_DIGITS.sub("", change).strip(), flags=re.I)
    rest = re.sub(r"^(?:the|a|an)\s+", "", rest.strip(), flags=re.I)
    question = prev.text
    last = rest.split()[-1] if rest else ""
    shared = re.search(rf"\b{re.escape(last.rstrip('s'))}(s?)\b", prev.ask, re.I) if last else None
    if rest and len(rest.split()) > 1 and shared:
        # "What about ancient trees?" after "…the fine for cutting trees in Kaifeng": the word they share is
        # the one narrowed ("…for cutting ancient trees in Kaifeng"), not the fine ("an ancient tree": trees)
        narrowed_to = rest if rest.endswith("s") or not shared.group(1) else f"{rest}s"
        ask = prev.ask[: shared.start()] + narrowed_to + prev.ask[shared.end():]
        question = " ".join(part for part in (prev.head, prev.body, ask) if part)
    elif rest and _ASKED_OF_A_BEHAVIOUR.search(prev.body) and prev.ask.lower().startswith("for "):
        # "What about littering?" after "What is the fine for spitting in Luoyang?": another behaviour, in the
        # same place
        place = IN_PLACE_EN.search(prev.ask)
        where = place.group(0) if place and not IN_PLACE_EN.search(f" {rest}") else ""
        question = f"{prev.head} {prev.body} for {rest}{where}"
    elif rest:
        question = " ".join(part for part in (prev.head or "What about", rest, prev.ask) if part)
    if year:
        question = YEAR_DIGITS.sub(year.group(0), question) if YEAR_DIGITS.search(question) else f"{question} in {year.group(0)}"
    return re.sub(r"\s+(?='s\b)", "", question)  # "What" + "'s the penalty…" joined back as written


_ASKED_OF_A_BEHAVIOUR = re.compile(r"\b(?:fines?|penalt(?:y|ies)|punishments?|sanctions?|deadline|time limit)$", re.I)


def _year_en(prev: Parts, question: str) -> str:
    if prev.year and not YEAR_DIGITS.search(question):
        return f"{question} in {prev.year}"
    return question

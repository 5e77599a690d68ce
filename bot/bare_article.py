""""第三十六条讲什么？" with several laws indexed and none named: every one of them may have a 第三十六条, and the
one whose words the search happens to prefer is a guess. The answer says which documents have it and asks which
is meant; in a conversation about one regulation, it is asked of that one (bot/conversation.py). With one law
holding the article, it is read whole."""

from __future__ import annotations

import re

from bot.cited import article_answer
from bot.named_law import named_law
from bot.query import Query
from bot.question_parts import ARTICLE, unended
from bot.reading import Citation
from bot.records import Answer, Passage
from bot.refusal import WHICH_DOCUMENT
from bot.store import StoredIndex
from bot.topicless import is_topicless

LISTED = 5  # documents named in the reply; the rest counted

# the article and nothing else asked of it: "第三十六条", "第三十六条讲什么？", "违反第三十六条罚多少？" (only words of
# asking what a rule says beside it: bot/topicless.py), "What does Article 36 say?"
_ONLY_EN = re.compile(r"(?:what does |what is in |show(?: me)? |read(?: me)? )?article \d+(?: say| about| of the law)?", re.I)


def bare_article_answer(index: StoredIndex, query: Query) -> Answer | None:
    """Which documents hold the article asked, when the question names none and more than one does; else None."""
    text = unended(query.text)
    rest = ARTICLE.sub("", text, count=1).strip("，, ")
    if not query.article or not (_ONLY_EN.fullmatch(text) or (query.lang == "zh" and (not rest or is_topicless(rest)))):
        return None
    if query.places or named_law(index, query) is not None:
        return None
    catalogue = index.catalogue
    holding = [s for s, d in catalogue.docs.items()
               if d.kind != "report" and catalogue.current(s) and index.article(s, query.article)]
    if len(holding) == 1 and query.penalty:  # "违反第一百一十九条罚多少？": the clause punishing it, found as usual
        return None
    if len(holding) == 1:  # one law reaches that far: nothing to ask, its article is read
        return article_answer(index, query.text, Citation(catalogue[holding[0]].title, query.article, holding[0]),
                              query.lang)
    if not holding:
        return None
    titles = [catalogue[s].title for s in holding]
    named = "、".join(f"《{t}》" for t in titles[:LISTED]) + (f"等{len(titles)}部" if len(titles) > LISTED else "")
    if query.lang == "en":
        listed = "; ".join(titles[:LISTED]) + (f" and {len(titles) - LISTED} more" if len(titles) > LISTED else "")
        said = f"{len(titles)} documents have {query.article}: {listed}. Which one do you mean? " \
               f"Ask e.g. \"What does {query.article} of {titles[0]} say?\""
    else:
        said = f"多部文件都有{query.article}：{named}。请说明是哪一部，例如“《{titles[0]}》{query.article}讲什么？”"
    shown = [index.article(s, query.article)[0] for s in holding[:LISTED]]
    passages = [Passage(c.title, c.section_path, c.text, 0.0, c.id) for c in shown]
    return Answer(query.text, False, said, passages=passages, notice=WHICH_DOCUMENT)

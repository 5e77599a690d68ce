""""南阳绿化条例有哪些罚则？", "What are the penalties in the Xuchang planning regulations?": the penalty table (罚则一览,
bot/penalties.py) of the one regulation the question names, row by row. No clause's words answer such a question:
read as one, it had been refused, or answered with whichever article said 罚. The chat shows the first rows and
says where the whole table is (/penalties, the web page, the spreadsheet)."""

from __future__ import annotations

import re

from bot.named_law import named_law
from bot.penalty_sheet import format_row
from bot.query import Query
from bot.question_parts import unended
from bot.records import Answer, Passage
from bot.store import StoredIndex

SHOWN = 12  # rows in a chat answer; a regulation has 10–60

# the regulation, then only the list asked of it ("…的罚则有哪些", "…有什么处罚规定", "…罚则一览")
_ASKS_ZH = re.compile(r"^(?P<doc>.{2,40}?)(?:的|里|中|里面|当中)?(?:都|一共|共)?(?:有|规定了)?(?:哪些|什么|几条)"
                      r"(?:罚则|处罚规定|法律责任|处罚条款)|"
                      r"^(?P<doc2>.{2,40}?)(?:的)?(?:罚则|处罚规定|法律责任|处罚条款)(?:一览|有哪些|都有哪些|有什么|都有什么|列表|清单)?$")
_ASKS_EN = re.compile(r"^(?:what are|list|show(?: me)?) (?:all )?(?:the )?(?:penalties|penalty provisions|fines)"
                      r" (?:in|of|under|set by|for) (?:the )?(?P<doc>.+)$", re.I)
_A_LAW = re.compile(r"(?:条例|法|办法|规定|细则)》?$|\b(?:regulations?|law|measures|rules)$", re.I)


def _names_only(named: str, title: str) -> bool:
    """The words before the ask are the regulation's name, whole or shortened ("南阳绿化条例" of 南阳市城市绿化条例:
    its characters in the title's order), and nothing else."""
    rest = iter(title)
    return all(ch in rest for ch in re.sub(r"^(?:按|按照|根据|依据|违反)|[《》\s]", "", named))


def penalty_list_answer(index: StoredIndex, query: Query) -> Answer | None:
    """The penalty rows of the regulation the question names, when their list is all it asks; else None."""
    text = unended(query.text)
    asked_en = _ASKS_EN.match(text)
    asked = _ASKS_ZH.match(text) or asked_en
    named = asked and (asked.groupdict().get("doc") or asked.groupdict().get("doc2") or "")
    if not named or not _A_LAW.search(named.strip()):
        return None
    source = named_law(index, query)
    rows = [p for p in index.penalties if p.source == source] if source else []
    if not rows:
        return None
    title = index.catalogue[source].title
    if not named.isascii() and not _names_only(named, title):
        return None  # "擅自砍伐树木违反城市绿化条例有什么法律责任？" asks about one behaviour: its clause answers
    english = query.lang == "en" or bool(asked_en)  # "What are the penalties in 《…》?"
    head = (f"{title}: {len(rows)} penalty rows (behaviour, then measures):" if english
            else f"《{title}》罚则（共{len(rows)}条：违法行为，处罚措施）：")
    body = "\n".join(format_row(p) for p in rows[:SHOWN])
    rest = len(rows) - SHOWN
    if rest > 0:
        body += (f"\n… {rest} more: /penalties {title}, or the web page's penalty table" if english
                 else f"\n……另有{rest}条：发送 /penalties {title}，或见网页的罚则一览")
    first = rows[0]
    passage = Passage(title, first.section, first.sentence, 1.0, first.chunk_id)
    return Answer(query.text, True, f"{head}\n{body}", sentence=head, doc=title, section=first.section,
                  passages=[passage], evidence={"from": "penalty table"})

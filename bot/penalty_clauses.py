"""One paragraph or item of a penalty article read as rows: the behaviour ("擅自砍伐、移植城市树木的"), the duty
it refers back to ("违反本条例第二十六条规定"), and the measures with the conditions they hang on
("逾期不改正的" -> 罚款 …)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.penalty_measures import AUTHORITY, Measure, is_measure_clause, measures_of, strip_actors

_PARTS = re.compile(r"[^，；：,;:。]+")
# "违反本条例第十九条规定", "违反第一项至第三项规定之一的", "违反本法规定", "对违反本条例第二十条第三款、第三十四条规定的":
# a pointer at the duty, not a behaviour.
REFERENCE = re.compile(r"^对?违反(?:本(?:条例|法|办法|规定|细则|决定)|《[^》]+》)?(?:第[^，；：]*?)?(?:规定)?(?:之一)?(?:的|者)?$")
# "，第三十七条第二款", "及第九项规定之一的": the rest of a pointer cut by a comma.
_MORE_REFERENCE = re.compile(r"^(?:及|以及|和|或者)?第[零一二三四五六七八九十百千两〇]+[条款项][^，；：]*?(?:规定)?(?:之一)?(?:的|者)?$")
_BOILERPLATE = re.compile(r"按照?下列规定|按下列规定")  # "并按照下列规定予以处罚": the items say how
LISTS_ITEMS = re.compile(r"有下列(?:[^，；：]{0,12}?)?(?:行为|情形)之一(?:的|者)?|下列行为")


@dataclass
class ClauseRow:
    """A behaviour and what it incurs, as one sentence of a law states them."""

    behaviour: str = ""  # the clause's own words for the behaviour, "" when it only points at a duty
    reference: str = ""  # "违反本条例第十九条规定"
    measures: list[Measure] = field(default_factory=list)
    authority: str = ""
    lists_items: bool = False  # "有下列行为之一的": the behaviours are the items below
    subject: str = ""  # who the items are about: "城乡规划编制单位有下列行为之一的"


def parse_clause(text: str) -> list[ClauseRow]:
    """Rows of one paragraph or item (its （一） already removed). A sentence may hold two behaviours
    ("违反第十六条规定的，处…；违反第三十八条第四项规定的，处…"): a new 违反 after a measure starts a row."""
    rows: list[ClauseRow] = []
    row: ClauseRow | None = None
    pending: list[str] = []
    condition = ""
    authority = ""
    found = [(m.group(0).strip(), text[m.start() - 1: m.start()]) for m in _PARTS.finditer(text)]
    for n, (part, before) in enumerate(found):
        if not part or _BOILERPLATE.search(part):
            continue
        if row is not None and before in "；;" and _another_behaviour(part, found[n + 1:]):
            rows.append(row)  # "…；饲养烈性犬、大型犬的，由…部门责令改正，处…": a behaviour of its own
            row, condition = None, ""
        actor = AUTHORITY.match(part)
        if actor:
            authority = authority or actor.group(1) or actor.group(2) or ""
        if is_measure_clause(part):
            if row is None:
                row, pending = _behaviour(pending), []
            elif pending:
                condition, pending = "，".join(pending), []
            row.measures += measures_of(part, condition)
            continue
        if row is not None and part.startswith("违反"):
            rows.append(row)
            row, condition = None, ""
        pending.append(part)
    if row is None:
        row = _behaviour(pending)
    rows.append(row)
    for r in rows:
        r.authority = authority
    return [r for r in rows if r.behaviour or r.reference or r.measures or r.lists_items]


# how a condition of the behaviour before opens ("拒不改正的", "逾期不改正的", "情节严重的", "造成损失的")
_CONTINUES = re.compile(r"^(?:拒不|逾期|情节|再次|屡次|多次|造成|构成|经|仍|期满|未按期|并|且|对)")


def _another_behaviour(part: str, rest: list[tuple[str, str]]) -> bool:
    """After a "；", "X的" naming the enforcer again ("，由…部门…") is another behaviour, not a condition of the one
    before ("拒不改正的" is one)."""
    following = next((p for p, _ in rest if p), "")
    return part.endswith("的") and not _CONTINUES.match(part) and not REFERENCE.match(part) and \
        following.startswith("由") and bool(AUTHORITY.match(following))


def _behaviour(parts: list[str]) -> ClauseRow:
    """The parts before the first measure: pointers at duties, "有下列行为之一的", and the behaviour's own words."""
    row = ClauseRow()
    own: list[str] = []
    for part in parts:
        listing = LISTS_ITEMS.search(part)
        if listing:
            row.lists_items = True
            row.subject = clean_behaviour(part[:listing.start()])
            continue
        if REFERENCE.match(part) or (row.reference and _MORE_REFERENCE.match(part)):
            row.reference = "，".join(p for p in (row.reference, part.removeprefix("对").rstrip("的者")) if p)
            continue
        if part.startswith("由") and not strip_actors(part)[0]:
            continue  # "由城市人民政府…单位": the authority alone
        own.append(part)
    row.behaviour = clean_behaviour("，".join(own))
    return row


def clean_behaviour(text: str) -> str:
    """"对依法应当编制…的" -> "依法应当编制…"; the authority and the pointer "违反本条例规定" dropped."""
    text = text.strip("，；。、 ")
    text = re.sub(r"^违反本(?:条例|法|办法|规定)规定[，]?", "", text)
    text = re.sub(r"(?:的|者)$", "", text.strip("，；。、 "))
    if text.startswith("对") and len(text) > 6:
        text = text[1:]
    return text.strip("，；。、 ")


def item_behaviour(text: str) -> str:
    """An item as a behaviour: "（三）违反第二十六条规定，擅自砍伐…的；" -> own words only."""
    rows = parse_clause(text)
    words = next((r.behaviour for r in rows if r.behaviour), "")
    return words or clean_behaviour(text)

"""The penalty table (罚则一览) of every law and regulation: each behaviour, the measures it incurs and the article
that says so, read from the article chunks at ingest. Where a penalty article only points at a duty
("违反本条例第十九条规定的"), the behaviour is that duty's own words."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from bot.ingest.legal import ARTICLE, ITEM
from bot.numerals import cn_to_number
from bot.penalty_clauses import ClauseRow, item_behaviour, parse_clause
from bot.penalty_measures import SANCTIONS, Measure
from bot.penalty_refs import DutyArticle, Ref, duties, duty_index, parse_refs, pointing_here
from bot.records import Chunk, stable_id
from bot.rules import is_penalty

PENALTIES_VERSION = 8  # 2: items listed under one 第…项 ("违反第五、六、七项规定的"); 3: all items but some ("第十八条除第四项以外"); 4: 前款, 本条第X款, 第（二）项; 5: "；X的，由…部门…" another behaviour; 6: a class of behaviour punished by name, linked to the duty listing it; 7: bare item numbers after an article named in the same item; 8: "对违反本条例第X条…规定的" a pointer too; bump when extraction changes: ingest then re-extracts the table of unchanged files too


@dataclass
class Penalty:
    """One behaviour and what it incurs, cited as 《title》第X条第Y项."""

    behaviour: str
    measures: list[Measure]
    article: str  # "第三十六条"
    item: str = ""  # "（三）" when the behaviour is an item of the article
    duty: str = ""  # the duty it enforces, when the penalty article names it: "第二十六条", "第十条（四）"
    listed: list[str] = field(default_factory=list)  # the behaviours the duty lists, when it is named as a class
    authority: str = ""  # who imposes it: "城市管理综合执法部门"
    sentence: str = ""  # the clause as written (an item with its lead-in)
    source: str = ""
    title: str = ""
    section: str = ""
    chunk_id: int = -1

    @property
    def citation(self) -> str:
        item = f"第{self.item.strip('（）()')}项" if self.item else ""
        return f"《{self.title}》{self.article}{item}"

    @property
    def fines(self) -> list[Measure]:
        return [m for m in self.measures if m.kind == "罚款"]

    @property
    def id(self) -> str:
        return stable_id(self.source, self.article, self.item, self.behaviour)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Penalty":
        return cls(**{**data, "measures": [Measure(**m) for m in data.get("measures", [])]})


@dataclass
class _Lead:
    """The paragraph a run of items hangs from: its measures apply to every item below it."""

    row: ClauseRow = field(default_factory=ClauseRow)
    text: str = ""


def extract_penalties(chunks: list[Chunk]) -> list[Penalty]:
    """The table rows of one or more documents' chunks, in reading order."""
    out: list[Penalty] = []
    for articles in _articles(chunks).values():
        index = _duty_index(articles)
        classes = named_classes(index)
        for _, members in articles:
            out += [linked(row, classes) for row in article_penalties(members, index)]
    return out


# a duty article listing a class of behaviour by name ("不得有下列妨碍供热设施正常运行的行为："), which a penalty
# article punishes by that name, not by number ("用户有妨碍供热设施正常运行行为的，…")
_CLASS = re.compile(r"下列([^：:，,。；;（）\s]{4,30}?)的?行为[：:]")


def named_classes(articles: dict[int, DutyArticle]) -> list[tuple[str, str, tuple[str, ...]]]:
    """(class name, article, behaviours listed) of every paragraph of a document that lists a named class of
    behaviour and imposes nothing itself."""
    out = []
    for duty in articles.values():
        for number, lead in enumerate(duty.paragraphs, 1):
            named = _CLASS.search(lead)
            listed = tuple(prefix + text for prefix, text in duty.items.get(number, ()))
            if named and listed and not is_penalty(lead[: named.end()]):
                out.append((named.group(1), duty.label, listed))
    return out


def linked(row: Penalty, classes: list[tuple[str, str, tuple[str, ...]]]) -> Penalty:
    """A row citing no duty whose behaviour names a listed class: the duty is the article listing it."""
    behaviour = re.sub(r"\s+", "", row.behaviour)
    found = None if row.duty else next((c for c in classes if c[0] in behaviour), None)
    if found:
        row.duty, row.listed = found[1], list(found[2])
    return row


def duty_indexes(chunks: list[Chunk]) -> dict[str, dict[int, DutyArticle]]:
    """Every document's articles by number, with their paragraphs and items: what a penalty's duty points at."""
    return {source: _duty_index(articles) for source, articles in _articles(chunks).items()}


def _articles(chunks: list[Chunk]) -> dict[str, list[tuple[str, list[Chunk]]]]:
    """Each document's articles in reading order, as (label, the chunks of the article)."""
    by_article: dict[tuple[str, str], list[Chunk]] = {}
    for chunk in chunks:
        if chunk.article:
            by_article.setdefault((chunk.source, chunk.article), []).append(chunk)
    out: dict[str, list[tuple[str, list[Chunk]]]] = {}
    for (source, label), members in by_article.items():
        out.setdefault(source, []).append((label, members))
    return out


def _duty_index(articles: list[tuple[str, list[Chunk]]]) -> dict[int, DutyArticle]:
    return duty_index([(label, _lines(members)) for label, members in articles])


def unparsed_articles(chunks: list[Chunk], penalties: list[Penalty]) -> list[str]:
    """Articles that read like penalty clauses but gave no row: for the ingest report, not the table."""
    found = {(p.source, p.article) for p in penalties}
    seen: dict[tuple[str, str], str] = {}
    for chunk in chunks:
        if chunk.article and any(_imposes(s) for s in chunk.sentence_texts()):
            seen.setdefault((chunk.source, chunk.article), chunk.title)
    return [f"《{title}》{article}" for (source, article), title in seen.items() if (source, article) not in found]


def _imposes(sentence: str) -> bool:
    return is_penalty(sentence) and any(w in sentence for w in ("罚款", "拘留", "警告", "没收", "吊销", "责令"))


def _lines(chunks: list[Chunk]) -> list[str]:
    return [line.strip() for chunk in chunks for line in chunk.text.split("\n") if line.strip()]


def article_penalties(chunks: list[Chunk], index: dict[int, DutyArticle]) -> list[Penalty]:
    """The rows of one article: its paragraphs, and its items with the lead-in they continue."""
    first = chunks[0]
    rows: list[Penalty] = []
    paragraphs: list[list[Penalty]] = []  # rows by 款, for "依照前款规定处以罚款"
    lead = _Lead()
    for chunk in chunks:
        for line in (l.strip() for l in chunk.text.split("\n")):
            if not line:
                continue
            text = ARTICLE.sub("", line, count=1).strip() if ARTICLE.match(line) else line
            item = ITEM.match(text)
            base = Penalty("", [], first.article, source=first.source, title=first.title,
                           section=first.section_path, chunk_id=chunk.id, sentence=text)
            if item:
                paragraphs[-1:] = [(paragraphs[-1] if paragraphs else []) + _item_rows(text, item.group(0), lead, base, index)]
                continue
            parsed = parse_clause(pointing_here(text, first.article, len(paragraphs) + 1))
            lead = _Lead(parsed[-1] if parsed else ClauseRow(), text)
            # A lead-in of a list ("…按照下列规定处罚：") gives its measures to the items, not a row of its own.
            own = [] if "下列" in text else [p for row in parsed if row.measures and not row.lists_items
                                              for p in _rows(row, base, index)]
            paragraphs.append(_borrow_fines(own, text, paragraphs))
    rows = [row for members in paragraphs for row in members]
    return [r for r in rows if any(_sanction(m) for m in r.measures)]


def _borrow_fines(rows: list[Penalty], text: str, paragraphs: list[list[Penalty]]) -> list[Penalty]:
    """"依照前款规定处以罚款", "依照本条第一款规定处以罚款": the fine that paragraph sets, not a bare 罚款."""
    m = re.search(r"依照(?:前款|本条第([一二三四五六七八九十]+)款)(?:的)?规定处以?罚款", text)
    if not m or not paragraphs:
        return rows
    number = int(cn_to_number(m.group(1)) or 0) if m.group(1) else len(paragraphs)
    source = paragraphs[number - 1] if 0 < number <= len(paragraphs) else []
    fines = next((p.fines for p in source if any(f.has_range for f in p.fines)), [])
    for row in rows:
        bare = [i for i, f in enumerate(row.measures) if f.kind == "罚款" and not f.has_range]
        if bare and fines:
            i = bare[0]
            borrowed = [Measure(**{**f.to_json(), "condition": row.measures[i].condition}) for f in fines]
            row.measures[i:i + 1] = borrowed
    return rows


def _sanction(measure: Measure) -> bool:
    """A row needs a sanction: "限期绿化" alone is a duty's deadline, "责令限期改正" an order."""
    return measure.kind in SANCTIONS and (measure.kind != "责令" or measure.text.startswith("责令"))


def _item_rows(text: str, prefix: str, lead: _Lead, base: Penalty, index: dict[int, DutyArticle]) -> list[Penalty]:
    body = text[len(prefix):].strip()
    base.item, base.sentence = prefix, f"{lead.text}{body}" if lead.row.measures or lead.row.lists_items else body
    own = [row for row in parse_clause(body) if row.measures]
    shared = lead.row.measures if lead.row.lists_items or "下列" in lead.text else []
    context = _context(lead.row.reference)
    if not own:
        if not (lead.row.lists_items and lead.row.measures):
            return []
        row = ClauseRow(_subject(lead.row.subject, item_behaviour(body)), "", list(shared), lead.row.authority)
        if not row.behaviour.strip():
            row.reference = body
        return _rows(row, base, index, context)
    out: list[Penalty] = []
    for row in own:
        # "违反第三十条第一、七项规定的，处…；违反第二、三、四项规定的，处…": bare item numbers after the article
        # the item named first are that article's
        context = _context(row.reference) or context
        has_fine = any(m.kind == "罚款" and m.has_range for m in row.measures)
        row.measures = [m for m in shared if not (has_fine and m.kind == "罚款" and not m.has_range)] + row.measures
        row.behaviour = _subject(lead.row.subject, row.behaviour) if row.behaviour else ""
        row.authority = row.authority or lead.row.authority
        row.reference = row.reference or ("" if row.behaviour else lead.row.reference)
        out += _rows(row, base, index, context)
    return out


def _subject(subject: str, behaviour: str) -> str:
    return f"{subject}{behaviour}" if subject and behaviour and not behaviour.startswith(subject) else behaviour


def _context(reference: str) -> int | None:
    """The one article a lead-in points at, for items that name only item numbers ("违反第六项规定的")."""
    articles = {r.article for r in parse_refs(reference)}
    return articles.pop() if len(articles) == 1 else None


def _rows(row: ClauseRow, base: Penalty, index: dict[int, DutyArticle], context: int | None = None) -> list[Penalty]:
    """One row for a behaviour in the clause's own words; one per duty when the clause only points at duties."""
    refs = parse_refs(row.reference, context)
    labels = _label(refs)
    made = lambda behaviour, duty: Penalty(**{**base.__dict__, "behaviour": behaviour, "measures": list(row.measures),
                                               "duty": duty, "authority": row.authority})
    if row.behaviour:
        return [made(row.behaviour, labels)]
    found = [(label, text) for ref in refs for label, text in duties(ref, index)]
    if found:
        return [made(f"违反{label}：{text}", label) for label, text in dict.fromkeys(found)]
    return [made(row.reference, labels)] if row.reference else []


def _label(refs: list[Ref]) -> str:
    from bot.numerals import to_chinese

    return "、".join(f"第{to_chinese(r.article)}条" + (f"第{to_chinese(r.paragraph)}款" if r.paragraph else "")
                    + (f"第{to_chinese(r.item)}项" if r.item else "") for r in refs if r.article)

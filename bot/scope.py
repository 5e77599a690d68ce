"""Keep retrieval in scope at the level of documents: the document a question names, the place it names
(or else the home city), and the current version of a law unless an older one is asked for by year."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.catalogue import Catalogue
from bot.query import Query
from bot.records import Hit

OTHER_PLACE = 0.85  # another city's regulation when the question names no place (RRF scores are close: ~10 ranks)
# the version before the current one, asked for without a year
_OLDER = re.compile(r"旧版|老版|原版|修订前|修改前|修正前|上一版|\b(?:old|older|previous|former|earlier) (?:version|text)\b", re.I)
OLDER_VERSION = 0.6  # a superseded version of a law that is also indexed in its current version
NATIONAL_WHEN_PLACE_NAMED = 0.8
# "按国务院的市容条例", "under the national law": a city's own regulation is not what is asked for
NATIONAL = re.compile(r"国务院|全国人大|国家法律|国家层面|\bnational\b|\bstate council\b", re.I)
# "治安上怎么处罚" names 治安管理处罚法 by a word of its title; calibrated on the dev split (1.4 cost the report)
TITLE_MATCH = 1.2
RULES_FOR_ACTIVITY = 0.8  # a law's article, for a question about what was done, when reports are indexed


def with_indexed_places(query: Query, catalogue: Catalogue) -> Query:
    """"洛阳有人把垃圾箱砸坏了" names 洛阳 without the 市 the place tagger needs: the place of an indexed
    document counts bare too, so the question is scoped to it and the name is not taken for its topic."""
    extra = [p for p in sorted(catalogue.places) if p in query.text and p not in query.places]
    query = replace(query, places=query.places + extra) if extra else query
    short = tuple(catalogue.short_names_in(query.text)) if query.lang == "zh" else ()
    query = replace(query, short_names=short) if short else query
    # "in Nanyang": the name as the documents write it (南阳, in their titles), so it is a place, not a
    # topic word no Chinese text can contain.
    named = {p.lower(): catalogue.resolve_place(p) for p in query.places if p.isascii()}
    named = {p: r for p, r in named.items() if not r.isascii()}
    if not named:
        return query
    # not a search token: scope is kept by document (in_scope), and the name would rank a law's first article
    return replace(query, places=list(dict.fromkeys(query.places + list(named.values()))),
                   expansions={**query.expansions, **{p: [r] for p, r in named.items()}})


def in_scope(hits: list[Hit], query: Query, catalogue: Catalogue) -> list[Hit]:
    """The hits re-weighted by document, best first; hits of documents the question rules out are dropped."""
    titled = catalogue.titled_in(query.text)  # a title in 《》 is taken as written, not by its words
    named = catalogue.named_in(query.text) if titled is None else titled
    places = [p for p in map(catalogue.resolve_place, query.places) if p in catalogue.places]
    if named:
        narrowed = [h for h in hits if h.chunk.source in named]
        hits = narrowed or hits
    if places:
        hits = [h for h in hits if catalogue[h.chunk.source].place in places or not catalogue[h.chunk.source].place]
    elif NATIONAL.search(query.text):
        national = [h for h in hits if not catalogue[h.chunk.source].place or catalogue[h.chunk.source].kind == "report"]
        hits = national or hits
    weighted = [replace(h, score=h.score * doc_weight(h.chunk.source, query, catalogue, bool(places))) for h in hits]
    return sorted(weighted, key=lambda h: -h.score)


def doc_weight(source: str, query: Query, catalogue: Catalogue, place_named: bool) -> float:
    doc = catalogue[source]
    weight = TITLE_MATCH if catalogue.named_by_words(source, query.tokens) else 1.0
    if place_named and not doc.place and doc.kind != "report":
        weight *= NATIONAL_WHEN_PLACE_NAMED
    if not place_named and doc.place and catalogue.home_place and doc.place != catalogue.home_place:
        weight *= OTHER_PLACE
    if query.about_activity and doc.kind != "report" and catalogue.has_reports:
        weight *= RULES_FOR_ACTIVITY
    if catalogue.has_versions(source):
        picked = version_asked(doc.title, query, catalogue)
        chosen = catalogue.current(source) if not picked else doc.version == picked
        weight *= 1.0 if chosen else OLDER_VERSION
    return weight


def version_asked(title: str, query: Query, catalogue: Catalogue) -> str:
    """The version a question's year picks out (the latest adopted by then), or the one before the current when
    it asks for the old one ("旧版", "the previous version"); "" when it names neither."""
    versions = sorted(d.version for d in catalogue.docs.values() if d.title == title and d.version)
    if not query.years:
        return versions[-2] if len(versions) > 1 and _OLDER.search(query.text) else ""
    year = max(query.years)
    in_force = [v for v in versions if v[:4] <= year]
    return in_force[-1] if in_force else (versions[0] if versions else "")

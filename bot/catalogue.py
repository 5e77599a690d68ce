"""What the index holds, document by document: title, kind, place and version, from the manifest.

Answers use it to stay in scope: the current version of a law unless an older one is asked for by year,
the documents of the place a question names, the home city's rules before another city's.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class DocInfo:
    source: str
    title: str
    kind: str = "report"  # "law", "regulation" or "report"
    place: str = ""  # 许昌; "" for national texts
    version: str = ""  # ISO date of the latest adoption or amendment
    effective: str = ""
    adopted: str = ""

    @property
    def short_title(self) -> str:
        """"中华人民共和国行政复议法" -> "行政复议法": how people name a law."""
        return self.title.removeprefix("中华人民共和国")

    @property
    def version_year(self) -> str:
        return self.version[:4]

    @property
    def adopted_year(self) -> str:
        return self.adopted[:4]


# the kind a title ends with: what a question calls the document by ("…条例", "…法")
_KIND = re.compile(r"(?:条例|办法|规定|细则|法)$")
_GENERIC_TITLE_WORDS = frozenset("""中华人民共和国 人民共和国 共和国 中华 条例 法律 法规 办法 规定 决定 实施 实施细则 细则 管理 城市
市区 关于 情况 报告 修正 修订 草案 暂行 若干 问题 工作 人民 人民政府 政府 全国 地方 中心城区 城区 处罚 处罚法 罚款 违反
中心 促进 行为 保护 防治 建设 管理局""".split())


class Catalogue:
    def __init__(self, files: dict[str, dict]) -> None:
        self._title_words: dict[str, frozenset[str]] = {}
        self.docs = {source: DocInfo(source, meta.get("title", source), meta.get("kind", "report"),
                                     meta.get("place", ""), meta.get("version", ""), meta.get("effective", ""),
                                     meta.get("adopted", ""))
                     for source, meta in files.items()}

    def __getitem__(self, source: str) -> DocInfo:
        return self.docs.get(source) or DocInfo(source, source)

    @cached_property
    def home_place(self) -> str:
        """The place most documents are about: the bureau's own city."""
        places = Counter(d.place for d in self.docs.values() if d.place)
        return places.most_common(1)[0][0] if places else ""

    def title_words(self, source: str) -> frozenset[str]:
        """The words that tell a document's title from others: not its place, kind or the generic words
        every title of a law has (条例, 管理, 中华人民共和国)."""
        cached = self._title_words.get(source)
        if cached is None:
            from bot.tokenize import jieba_dict

            doc = self[source]
            title = doc.title.removeprefix("中华人民共和国")
            cached = frozenset(t.removesuffix("法") if len(t) > 2 else t for t in jieba_dict().lcut(title)
                               if len(t) > 1 and t not in _GENERIC_TITLE_WORDS
                               and not (doc.place and doc.place in t) and not t[0].isdigit())
            self._title_words[source] = cached
        return cached

    def named_by_words(self, source: str, words: list[str]) -> bool:
        """Some word of the question is a word of the document's title ("治安" of 治安管理处罚法, "复议" of
        行政复议法)."""
        title = self.title_words(source)
        return any(w in t or t in w for w in words if len(w) > 1 and w not in _GENERIC_TITLE_WORDS for t in title)

    @cached_property
    def has_reports(self) -> bool:
        return any(d.kind == "report" for d in self.docs.values())

    @cached_property
    def places(self) -> set[str]:
        return {d.place for d in self.docs.values() if d.place}

    def resolve_place(self, name: str) -> str:
        """A place as the catalogue spells it: "Nanyang" -> "南阳" when a document is about 南阳."""
        if not name.isascii():
            return name
        from bot.pinyin import readings

        wanted = "".join(ch for ch in name.lower() if ch.isalpha())
        return next((p for p in self.places if wanted in readings(p)), name)

    def current(self, source: str) -> bool:
        """False for an older version of a law that is also indexed in a newer one."""
        doc = self[source]
        if not doc.version:
            return True
        return all(other.version <= doc.version for other in self.docs.values() if other.title == doc.title)

    def has_versions(self, source: str) -> bool:
        doc = self[source]
        return sum(1 for other in self.docs.values() if other.title == doc.title) > 1

    def named_in(self, question: str) -> set[str]:
        """Sources whose title the question names ("城乡规划法", "《许昌市城乡规划条例》", "复议法")."""
        text = re.sub(r"\s+", "", question)
        found = set()
        for doc in self.docs.values():
            for name in doc_names(doc):
                if name in text:
                    found.add(doc.source)
        return found

    def short_names_in(self, question: str) -> list[str]:
        """The question's own short names of indexed documents, outside 《》: "这个菜市场条例" names
        宁波市菜市场管理条例 by 菜市场条例, "按名泉保护条例" 济南市名泉保护条例: the title's kind with the characters of
        the title just before it (two at least; three before a bare 法, as 违法 or 执法 name no law)."""
        found: list[str] = []
        for doc in self.docs.values():
            kind = _KIND.search(doc.title) if doc.kind != "report" else None
            if not kind:
                continue
            chars = set(doc.title[:kind.start()])
            for m in re.finditer(kind.group(0), question):
                start = m.start()
                while start > 0 and question[start - 1] in chars:
                    start -= 1
                if m.start() - start >= (3 if kind.group(0) == "法" else 2):
                    found.append(question[start:m.end()])
        return list(dict.fromkeys(found))

    def titled_in(self, question: str) -> set[str] | None:
        """Sources a question names by a title in 《》, None when it quotes no title. A full title beats a
        title without its place: 国务院《城市市容和环境卫生管理条例》 is not 洛阳市城市市容和环境卫生管理条例."""
        titles = re.findall(r"《([^》]{2,60})》", question)
        if not titles:
            return None
        found: set[str] = set()
        for title in titles:
            exact = {d.source for d in self.docs.values() if title in (d.title, d.short_title)}
            found |= exact or {d.source for d in self.docs.values()
                               if any(n == title or n in title or title in n for n in doc_names(d))}
        return found


def doc_names(doc: DocInfo) -> list[str]:
    """Ways a question names a document: its full or short title, without its place ("城乡规划条例")."""
    names = [doc.title, doc.short_title]
    if doc.kind != "report" and doc.place:
        rest = re.sub(rf"^{re.escape(doc.place)}[市省县区]?", "", doc.title)
        if len(rest) >= 4:
            names.append(rest)
    return [n for n in names if len(n) >= 4]

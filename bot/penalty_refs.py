"""Follow a penalty clause back to the duty it enforces: "违反本条例第十条第四项规定" -> the text of item （四）
of article 10, so the penalty table can name the behaviour where the penalty article only gives a number."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.ingest.legal import ARTICLE, ITEM, article_number
from bot.numerals import cn_to_number, to_chinese

_N = "零一二三四五六七八九十百千两〇"
# 第十条 / 第二款 / 第四项, a bare 第二 before 至 ("第二至第四项"), and the 至 of a range.
_TOKEN = re.compile(rf"第([{_N}]+)([条款项])?(?=[^{_N}])|(至|到)")
DUTY_CHARS = 80  # a duty quoted as a behaviour is cut here: the table shows the start, the article the rest


@dataclass(frozen=True)
class Ref:
    article: int | None  # None: an item of the article the context names
    paragraph: int | None = None
    item: int | None = None
    # "第十八条除第四项以外的其他规定": every item of the article but these
    excluded: tuple[int, ...] = ()


@dataclass
class DutyArticle:
    label: str
    paragraphs: list[str] = field(default_factory=list)  # 款, the article's number removed from the first
    items: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # paragraph -> [("（一）", text)]


# "第五、六、七项", "第一、第二项": numbers listed under one 第 … 项
_LISTED = re.compile(rf"第[{_N}]+(?:[、，,和及与或]第?[{_N}]+)+([条款项])")


def _spelled_out(match: re.Match) -> str:
    """"第五、六、七项" -> "第五项、第六项、第七项"."""
    numbers = re.findall(rf"[{_N}]+", match.group(0))
    return "、".join(f"第{n}{match.group(1)}" for n in numbers)


# "第（三）项": an item numbered as it is printed
_PRINTED_ITEM = re.compile(rf"第[（(]([{_N}]+)[）)]")
# "违反本条第一款规定", "违反前款规定", "违反前两款规定": duties of the article the clause stands in
_HERE = re.compile(r"违反(?:本条(?!例)|前([两二三四])?款)")


def pointing_here(text: str, article: str, paragraph: int) -> str:
    """The clause with its pointers at its own article spelled out, for `parse_refs`: in paragraph 3 of 第十条,
    "违反前两款规定的" -> "违反第十条第一款、第二款规定的", "违反本条第一款规定" -> "违反第十条第一款规定"."""
    number = article_number(article)
    if number is None or not number.is_integer():
        return text
    own = f"第{to_chinese(int(number))}条"

    def spelled(m: re.Match) -> str:
        if m.group(0).endswith("本条"):
            return f"违反{own}"
        if paragraph <= 1:
            return m.group(0)  # no paragraph before the first: left as written
        back = int(cn_to_number(m.group(1)) or 0) if m.group(1) else 1
        before = range(max(1, paragraph - back), paragraph)
        return f"违反{own}" + "、".join(f"第{to_chinese(p)}款" for p in before)

    return _HERE.sub(spelled, text)


def parse_refs(text: str, context: int | None = None) -> list[Ref]:
    """Duties a pointer names, in order: "第十六条第一项、第三十八条第二至第四项" -> 16(1), 38(2), 38(3), 38(4).
    Items without an article belong to `context` (the article the lead-in names)."""
    text = text.split("》")[-1] if "《" in text else text  # numbers after a named law are that law's
    text = _LISTED.sub(_spelled_out, _PRINTED_ITEM.sub(r"第\1", text))
    refs: list[Ref] = []
    article, paragraph, low, ranged, bare = context, None, None, False, False
    excluding, end = False, 0
    for m in _TOKEN.finditer(text):
        gap, end = text[end:m.start()], m.end()
        excluding = "除" in gap or (excluding and not gap.strip("、，,和及与或"))
        if m.group(3):
            ranged = True
            continue
        number = int(cn_to_number(m.group(1)) or 0)
        kind = m.group(2)
        if kind is None:
            low, bare = number, True  # "第二" of "第二至第四项": counted with the range's end
            continue
        start = (low if bare else low + 1) if ranged and low is not None else number
        numbers = range(start, number + 1) if ranged else [number]
        if kind == "条":
            article, paragraph = number, None
            refs += [Ref(n) for n in numbers]
        elif kind == "款":
            paragraph = number
            refs = [r for r in refs if r != Ref(article)] + [Ref(article, number)]
        elif excluding:
            whole = next((r for r in refs if r.article == article and r.paragraph == paragraph and r.item is None), None)
            refs = [r for r in refs if r is not whole]
            refs.append(Ref(article, paragraph, None, (whole.excluded if whole else ()) + tuple(numbers)))
        else:
            refs = [r for r in refs if r not in (Ref(article), Ref(article, paragraph))]
            refs += [Ref(article, paragraph, n) for n in numbers]
        low, ranged, bare = number, False, False
    return refs


def cites_paragraph(refs: list[Ref], article: int, paragraph: int) -> bool:
    """The references reach paragraph `paragraph` of the article: they cite it whole, or that paragraph among those
    they name ("违反本条例第二十条第三款规定的" reaches only the third); True when they cite the article not at all."""
    cited = {ref.paragraph for ref in refs if ref.article == article}
    return not cited or None in cited or paragraph in cited


def duty_index(articles: list[tuple[str, list[str]]]) -> dict[int, DutyArticle]:
    """Articles by number with their paragraphs and items, from (label, lines) pairs."""
    out: dict[int, DutyArticle] = {}
    for label, lines in articles:
        number = article_number(label)
        if number is None or not number.is_integer():
            continue
        duty = DutyArticle(label)
        for line in lines:
            if ITEM.match(line) and duty.paragraphs:
                duty.items.setdefault(len(duty.paragraphs), []).append((ITEM.match(line).group(0), line[ITEM.match(line).end():]))
            else:
                duty.paragraphs.append(ARTICLE.sub("", line, count=1).strip() if not duty.paragraphs else line)
        out[int(number)] = duty
    return out


def duties(ref: Ref, index: dict[int, DutyArticle]) -> list[tuple[str, str]]:
    """(label, text) of the duties a reference names: "第二十九条（六）" and the item's words; [] when not found."""
    duty = index.get(ref.article) if ref.article is not None else None
    if duty is None:
        return []
    para = ref.paragraph
    listed = para if para else min(duty.items, default=1)  # without a 款, the first paragraph that lists items
    items = duty.items.get(listed, [])
    if ref.excluded:
        return [(f"{duty.label}{_para(para)}{_item(prefix)}", clip(text)) for prefix, text in items
                if cn_to_number(prefix.strip("（）()")) not in ref.excluded]
    if ref.item is not None:
        return [(f"{duty.label}{_para(para)}{_item(prefix)}", clip(text)) for prefix, text in items
                if cn_to_number(prefix.strip("（）()")) == ref.item][:1]
    lead = duty.paragraphs[listed - 1] if listed <= len(duty.paragraphs) else ""
    if items and "下列" in lead:
        return [(f"{duty.label}{_para(para)}{_item(prefix)}", clip(text)) for prefix, text in items]
    lead = duty.paragraphs[para - 1] if para and para <= len(duty.paragraphs) else (duty.paragraphs or [""])[0]
    return [(f"{duty.label}{_para(para)}", clip(lead))] if lead else []


def _para(paragraph: int | None) -> str:
    return f"第{to_chinese(paragraph)}款" if paragraph else ""


def _item(prefix: str) -> str:
    """"（四）" -> "第四项": how a citation names an item."""
    return f"第{prefix.strip('（）() ')}项"


def clip(text: str) -> str:
    """A duty as a behaviour: its first sentence, trailing punctuation and "的" gone, at most DUTY_CHARS."""
    text = text.strip()
    first = re.split(r"(?<=[。])", text, maxsplit=1)[0]
    text = first if len(first) >= 10 else text
    text = text.rstrip("。；;，, ").removesuffix("的")
    return text if len(text) <= DUTY_CHARS else text[:DUTY_CHARS - 1] + "…"

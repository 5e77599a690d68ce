"""Every quantitative fact of the reports (figure, what it counts, year, section, sentence) and the fact sheet."""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO, Iterable

from bot.legal_facts import legal_facts
from bot.spreadsheet import in_memory, write_csv, write_xlsx
from bot.records import SECTION_SEP, Chunk, Fact

FACTS_VERSION = 3  # 2: amounts of laws in Chinese numerals (bot/legal_facts.py); 3: counts of animals and kinds, temperatures (一只, 四类, 十八摄氏度); bump when extraction changes: ingest then re-extracts the facts of unchanged files too

# Counters the reports count in, longest first so "个百分点" wins over "个" and "人次" over "人".
# Years (年), months (月) and days (日) are deliberately absent: "2023年", "7月" are dates, not figures.
_COUNTERS = sorted(
    "个百分点 万人次 人次 个工作日 工作日 平方公里 平方米 公里 千米 公顷 小时 分钟 部门 "
    "% 元 宗 件 次 项 个 期 部 类 人 名 家 条 户 场 处 天 所 座 台 辆 份 批 起 篇 轮 届 套 间 张 本 册 "
    "吨 亩 米 倍 支 位 块 棵 株 盏".split(),
    key=len, reverse=True,
)
# Counters that classify a noun, so "63个夜市点" counts 夜市点; measures (%, 万元, 吨) never do.
_CLASSIFIERS = frozenset("宗 件 次 项 个 期 部 类 人 名 家 条 户 场 处 所 座 台 辆 份 批 起 篇 轮 届 套 间 张 本 册 "
                         "支 位 块 棵 株 盏 人次".split())
FIGURE = re.compile(
    r"(?<![\d.A-Za-z第〔])"
    r"(?P<prefix>达到|超过|不少于|不低于|(?<![附接最临])近|约|逾)?"
    r"(?P<value>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<q1>余|多)?(?P<mag>万亿|亿|万|千)?(?P<q2>余|多)?"
    rf"(?P<counter>{'|'.join(map(re.escape, _COUNTERS))})?"
    r"(?P<suffix>以上|左右|以内|以下)?"
)
_YEAR = re.compile(r"(?<![\d—–~～-])((?:19|20)\d\d)年(?![\d—–~～-])")
_BOOK_TITLE = re.compile(r"《[^》]*》")
_CLAUSE_END = "，。；：,;:！？!?（）()"
_QUOTES = str.maketrans("", "", "“”‘’「」『』\"'")
# Words that open a clause but name nothing counted: time, scope, pronouns, and light verbs of reports.
_LEAD = frozenset("""
今年 今年以来 去年 年初 年底 年内 全年 目前 截至 截止 截至目前 截止目前 同时 其中 此外 另外 期间 以来 当年 本年度 上半年 下半年
我 我局 局 本局 我市 全市 全局 全省 各 各类 各级 共 共有 现有 累计 共计 合计 总计 先后 已 已经 分别 重新 及时 全面 进一步 不断 积极
依法 近 的
开展 举行 举办 召开 主持 组织 研究 设置 设立 梳理 制定 实施 实现 查找 查出 出 办理 接待 和 与 及 处理 涉及 编写 编制 编印
划定 公布 完成 做到 提请 推进 建立 建成 发放 发布 受理 收到 出动 达 达到 对 对于 为 向 在 有 是 适用 针对 通过 共对
""".split())
_TRAIL = ("已达到", "达到", "已达", "已", "达", "为", "共计", "共有", "共", "累计", "合计", "总计", "计", "约", "有", "是")
# Where the noun after a classifier ends ("3次专题会部署法治工作" counts 专题会).
_BREAK = frozenset("并 和 及 与 以 向 对 为 在 于 由 从 把 被 将 了 等 其中 进行 开展 部署 提示 提醒 实施 用于 涉及 获得 "
                   "达 达到 共 共计 累计 合计 总计 共有 是 有".split())
_LABEL_MAX = 12


def extract_facts(chunks: list[Chunk]) -> list[Fact]:
    """The facts of every sentence, once each: neighbouring chunks repeat a sentence, the sheet does not."""
    facts: list[Fact] = []
    seen: set[tuple[str, int]] = set()
    for chunk in chunks:
        doc_year = next(iter(_YEAR.findall(chunk.title)), "")
        for a, b in chunk.sentences:
            if (chunk.source, chunk.start + a) in seen:
                continue
            seen.add((chunk.source, chunk.start + a))
            sentence = chunk.text[a:b]
            found = sentence_facts(sentence, chunk.section_path, doc_year)
            if chunk.article:  # a law's figures are mostly written in Chinese numerals
                found += legal_facts(sentence, chunk.section_path, doc_year,
                                     [(f.offset, f.offset + len(f.figure)) for f in found])
                found.sort(key=lambda f: f.offset)
            for fact in found:
                fact.source, fact.title, fact.chunk_id = chunk.source, chunk.title, chunk.id
                facts.append(fact)
    return facts


def sentence_facts(sentence: str, section: str = "", doc_year: str = "") -> list[Fact]:
    """The figures of one sentence with their labels; `source`, `title` and `chunk_id` are left to the caller."""
    facts, floor = [], 0
    for m in find_figures(sentence):
        unit = (m.group("mag") or "") + (m.group("counter") or "")
        facts.append(Fact(
            value=m.group("value").replace(",", ""), unit=unit,
            qualifier=m.group("q1") or m.group("q2") or m.group("suffix") or "",
            label=label_for(sentence, m, floor), year=year_before(sentence, m.start()),
            section=section, sentence=sentence, source="", title="", figure=m.group(0),
            prefix=m.group("prefix") or "", offset=m.start(), doc_year=doc_year,
        ))
        floor = m.end()
    return facts


def find_figures(sentence: str) -> list[re.Match]:
    """Numbers with a counter or magnitude; bare numbers (hotlines 12319, "721"工作法, 6.5环境保护日) are not figures."""
    titles = [m.span() for m in _BOOK_TITLE.finditer(sentence)]
    out = []
    for m in FIGURE.finditer(sentence):
        if not (m.group("mag") or m.group("counter")):
            continue
        if any(a <= m.start() < b for a, b in titles):  # a number inside 《…》 names a document
            continue
        out.append(m)
    return out


def year_before(sentence: str, position: int) -> str:
    """The last year the sentence states before the figure ("2023年共立案35宗" -> "2023"); ranges do not count."""
    titles = [m.span() for m in _BOOK_TITLE.finditer(sentence)]
    years = [m.group(1) for m in _YEAR.finditer(sentence, 0, position) if not any(a <= m.start() < b for a, b in titles)]
    return years[-1] if years else ""


def label_for(sentence: str, m: re.Match, floor: int = 0) -> str:
    """What a figure counts: the noun after a classifier ("63个夜市点"), else the words before it ("便民服务点75个")."""
    rest = sentence[m.end():]
    after = _noun_after(rest) if m.group("counter") in _CLASSIFIERS else ""
    if after:
        return after
    start = max([floor] + [sentence.rfind(c, 0, m.start()) + 1 for c in _CLAUSE_END])
    # A threshold opening its clause ("超过5000万元的项目") is described by what follows it.
    return _words_before(sentence[start:m.start()]) or _noun_after(rest.removeprefix("的")) or m.group(0)


def _noun_after(rest: str) -> str:
    match = re.match(rf"[^{_CLAUSE_END}、]+", rest)
    text = match.group(0).translate(_QUOTES) if match else ""
    if not re.match(r"[\u3400-\u9fff]", text):
        return ""
    words: list[str] = []
    for word, flag in _posseg(text):
        collected = sum(map(len, words))
        # A verb, conjunction or preposition ends the noun; one-character words (专题会's 会) belong to it.
        if word in _BREAK or word[0].isdigit() or (collected >= 2 and (flag in ("c", "p") or (flag == "v" and len(word) > 1))):
            break
        words.append(word)
        if collected + len(word) >= _LABEL_MAX:
            break
    label = "".join(words)
    return label if len(label) >= 2 else ""


def _words_before(text: str) -> str:
    parts = text.strip("、").split("、")
    if len(parts) > 1 and len(parts[-1]) <= 2:
        return _enumeration(parts)
    words = _cut(parts[-1].translate(_QUOTES))
    if "等" in words[:-1]:  # "占道经营、油烟治理等风险点": the examples before 等 are not the label
        words = words[len(words) - words[::-1].index("等"):]
    text = "".join(words)
    for word in _TRAIL:  # "点击播放量达", "占比已": the verb before the figure
        if text.endswith(word) and len(text) > len(word):
            text = text[: -len(word)]
    words = _cut(text)
    while words and (words[0] in _LEAD or re.fullmatch(r"\d+|年|月|年度|日", words[0])):
        words = words[1:]
    return _shorten(words)


def _shorten(words: list[str]) -> str:
    """A long label keeps what follows its last adverb or light verb ("…研究事项事先合法性审核" -> "合法性审核")."""
    if sum(map(len, words)) > _LABEL_MAX:
        flags = _posseg("".join(words))
        cuts = [n for n, (word, flag) in enumerate(flags) if flag == "d" or word in _LEAD]
        if cuts and sum(len(w) for w, _ in flags[cuts[-1] + 1:]) >= 2:
            words = [w for w, _ in flags[cuts[-1] + 1:]]
    while sum(map(len, words)) > _LABEL_MAX:
        words = words[1:]
    return "".join(words)


def _enumeration(parts: list[str]) -> str:
    """Short actions listed together ("提示、提醒、规劝、回访5万余次") are what the figure counts, all of them."""
    run = []
    for part in reversed(parts):
        if not part:
            break
        if len(part) > 2:
            head = _cut(part)[-1]
            if len(head) <= 2:
                run.append(head)
            break
        run.append(part)
    return "、".join(reversed(run))


def _cut(text: str) -> list[str]:
    from bot.tokenize import jieba_dict

    return [w for w in jieba_dict().cut(text) if w.strip()]


def _posseg(text: str) -> list[tuple[str, str]]:
    import jieba.posseg

    from bot.tokenize import jieba_dict

    jieba_dict()
    return [(p.word, p.flag) for p in jieba.posseg.cut(text) if p.word.strip()]


# ---- the fact sheet ---------------------------------------------------------------------------------

def filter_facts(facts: Iterable[Fact], keyword: str = "") -> list[Fact]:
    """Facts whose label, figure, section or sentence contains `keyword` (all of them for "")."""
    keyword = keyword.strip()
    return [f for f in facts if not keyword or any(keyword in t for t in (f.label, f.figure, f.section, f.sentence))]


def group_by_section(facts: Iterable[Fact]) -> dict[tuple[str, str], list[Fact]]:
    """Facts under (document title, section path), in reading order."""
    groups: dict[tuple[str, str], list[Fact]] = {}
    for fact in facts:
        groups.setdefault((fact.title, fact.section), []).append(fact)
    return groups


def format_fact(fact: Fact) -> str:
    year = f"（{fact.year}年）" if fact.year else ""
    return f"· {fact.label}：{fact.figure}{year}"


def sheet_blocks(facts: Iterable[Fact]) -> list[str]:
    """The sheet as text blocks: a document title, or one section heading with its facts."""
    blocks, title = [], None
    for (doc, section), members in group_by_section(facts).items():
        if doc != title:
            blocks.append(f"《{doc}》")
            title = doc
        heading = section.split(SECTION_SEP) if section else ["（正文）"]
        blocks.append("\n".join([f"【{' > '.join(heading)}】"] + [format_fact(f) for f in members]))
    return blocks


def format_sheet_text(facts: Iterable[Fact]) -> str:
    return "\n\n".join(sheet_blocks(facts))


def sheet_pages(facts: Iterable[Fact], limit: int = 3500) -> list[str]:
    """The sheet cut into message-sized pages (Telegram allows 4096 characters) between sections, else lines."""
    pages: list[str] = []
    current = ""
    for block in sheet_blocks(facts):
        for piece in _fit(block, limit):
            if current and len(current) + 2 + len(piece) > limit:
                pages.append(current)
                current = ""
            current = f"{current}\n\n{piece}" if current else piece
    return pages + ([current] if current else [])


def _fit(block: str, limit: int) -> list[str]:
    """A block longer than a page, split between lines; later pieces repeat the heading marked （续）."""
    if len(block) <= limit:
        return [block]
    head, *lines = block.split("\n")
    pieces, current = [], head
    for line in lines:
        if len(current) + 1 + len(line) > limit:
            pieces.append(current)
            current = f"{head}（续）"
        current += "\n" + line[:limit]
    return pieces + [current]


# ---- spreadsheets -------------------------------------------------------------------------------------

COLUMNS = ["文档", "章节", "指标", "数字", "数值", "单位", "限定", "年份", "原句", "来源文件", "下限", "上限", "计量单位"]
_WIDTHS = [28, 40, 18, 12, 10, 8, 8, 8, 80, 24, 10, 10, 10]


def sheet_rows(facts: Iterable[Fact]) -> list[list]:
    """One row per fact, the number as a number so a spreadsheet can sum and sort it."""
    return [[f.title, f.section, f.label, f.figure, _number(f.value), f.unit, (f.prefix + " " + f.qualifier).strip(),
             f.year, f.sentence, f.source, *_range(f)] for f in facts]


def _range(fact: Fact) -> list:
    """A law's range ("每株五百元以上五千元以下": 500, 5000, "每株"); a report figure has only its 数值."""
    if fact.low is None and fact.high is None:
        return [None, None, fact.per]
    return [_plain(fact.low), _plain(fact.high), fact.per]


def _plain(value: float | None) -> int | float | None:
    return None if value is None else int(value) if float(value).is_integer() else value


def _number(value: str) -> int | float:
    number = float(value)
    return int(number) if number.is_integer() and "." not in value else number


def export_csv(facts: Iterable[Fact], target: str | Path | IO[str]) -> int:
    """CSV (UTF-8 with BOM when written to a file, for Excel); returns the number of lines written."""
    return write_csv(COLUMNS, sheet_rows(facts), target)


def export_xlsx(facts: Iterable[Fact], target: str | Path | IO[bytes]) -> int:
    """An Excel workbook: bold frozen header, filters, wrapped text; returns the number of lines."""
    return write_xlsx("数字一览", COLUMNS, sheet_rows(facts), _WIDTHS, target, wrapped={9})


def xlsx_bytes(facts: Iterable[Fact]) -> bytes:
    """The workbook in memory, for sending as a document."""
    return in_memory(lambda buffer: export_xlsx(facts, buffer))

"""How well a text answers a question: the question's concepts (its topical words, weighed) and how many of them a
text covers. The figures a text carries are bot/figures.py's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.query import Query
from bot.spoken import rejoined
from bot.tokenize import PLACE_SUFFIX, STOPWORDS, jieba_dict, token_set, tokens

YEAR = re.compile(r"(19|20)\d\d")  # a year written in digits
# English words that ask or connect but name no topic; any other English word must be found in the report.
EN_GENERIC = frozenset("""
did does do done doing was were is are be been being have has had get got gets make made makes
hold held holds carry carried out set up sort sorted handle handled handling receive received conduct conducted
organize organized organise organised open opened launch launched implement implemented provide provided give
given take taken list listed report reported reports say said says state stated mention mentioned
according total overall altogether number amount times time year years last past whole during through
about into over under within across per each every all any some its their them they there here these those
bureau city government department office xuchang urban management also still yet far so just only
many much percent percentage rate ratio proportion share count figure value kind kinds type types
square meter meters metre metres kilometer kilometers kilometre kilometres yuan rmb
question questions answer answers ask asked thing things matter matters
must may might can could shall should will would need needs needed happen happens happened
article articles provision provisions national day days month months hour hours soon often quickly
put puts putting apply applies applied run runs running fail fails failed
afterwards ahead beforehand absolute allowed forbidden permitted want wants wanted getting anything
concerning regarding whose toward towards along goes go finds using exactly
""".split()) | frozenset(  # conjunctions, negations, pronouns, and the pieces of "what's", "doesn't"
    """
if when whether after before around then than not no nor but because while where why
doesn don didn isn aren wasn weren hasn haven hadn won wouldn shouldn couldn can't
s t ll ve re d m i me my we our us you your he him his she her someone somebody anyone anybody people
""".split())
# Chinese words that shape a question but are not its topic ("一共办了多少个案子" is about 案子).
ZH_FILLER = frozenset("一般 通常 平时 平常 自己 一下 不用 不必 不需要 需不需要 要不要 用不用 能不能 可不可以 是不是 会不会 有人 别人 大概 大约 大致 差不多 到底 究竟 这边 那边 这里 那里 以后 之后 之内 以内 何种 多长 长时间 多长时间 一共 总共 总计 合计 意思 多久 去年 今年 目前 现在 情况 具体 主要 相关 方面 时候 一次 为什么 怎么样 是什么 有关 "
    # the bound of the figure asked for, which the figure itself gives ("最多能罚多少", "最长能占多久"), and the
    # 才能 of "多少年才能算古树"
    "最多 最少 最长 最短 最高 最低 至少 至多 最快 最迟 最晚 才能 "
    # what may or may not be done is the question's frame, not its topic ("几年之内不能挖")
    "不能 不让 不准 不许 能否 "
    # how likely, which the rule does not say ("我个人可能会罚多少")
    "可能 也许 或许".split())
# Words of a question about rules that name no behaviour: "违反规定的怎么处罚，罚多少？" asks about nothing yet.
# 城管 is how staff name the enforcer, which a clause names otherwise (城市管理部门) or not at all; 老板, 商家
# name the party as people say it (a clause: 经营者, 施工单位); a title's kind (管理条例) names no behaviour.
LEGAL_FILLER = frozenset("""处罚 罚款 罚 罚钱 钱 多少钱 处理 怎么 如何 多少 规定 条款 条文 法律责任 责任 后果 违反 行为 条例 法规 法律 本市 哪些
会 被 要 需要 必须 一定 可以 应当 什么 哪个 部门 单位 个人 擅自 违法 私自 随意 乱 处 罚多少 怎么办 情况 有 没有 吗 呢
年版 版 版本 新版 旧版 老版 修订 修正 现行 期限 时限 限期 多久 几天 城管 管理条例 管理办法 办法 实施办法 细则
老板 商家 店家 店主 老百姓 邻居 按规定 按照规定 依照规定 根据规定 国家 national 公司 企业
fine fines fined penalty penalties punish punished punishment sanction sanctions law laws regulation regulations
rule rules illegal illegally unauthorized consequences deadline limit long""".split())
# English words of no topic: generic ones, and legal filler with no Chinese given ("regulation", "long"), which no
# Chinese clause can contain and which only lowered every clause's coverage
_EN_SKIPPED = EN_GENERIC | LEGAL_FILLER
COMMON_CHARS = 300  # 人, 上, 到, 边, 路: characters too common to tell one word from another
PARTIAL = 0.5  # a word only found by its characters counts for at most half: 醉驾 is not 醉酒
SINGLE_CHAR_WEIGHT = 0.3  # 开, 办, 收: one-character words are mostly light verbs of the question
# How a penalty clause grades a case ("情节严重的，处……"): in a penalty question it picks the figure within the
# clause (`pick_figure`), not the clause; as a full concept it took any article with 情节严重 over the one naming
# the behaviour ("违法建设，情节严重的怎么处罚？" answered with 治安管理处罚法 第三十七条).
GRADES = frozenset({"情节", "严重", "较重", "较轻", "轻微", "特别", "情节严重", "情节较重", "情节较轻", "情节轻微"})
GRADE_WEIGHT = 0.3


@dataclass(frozen=True)
class Concept:
    """A topical word of the question and what may stand for it in the report.

    `words` match whole tokens; `phrases` (glossary expansions such as 行政许可) must appear verbatim,
    so an expansion is not satisfied by a fragment of it (行政 alone is not 行政许可).
    """

    words: tuple[str, ...]
    phrases: tuple[str, ...]
    weight: float
    known: bool = True  # the corpus uses the word or one of its expansions
    extra: bool = False  # a glossary term that jieba cut differently ("乱砍树" -> 乱砍/树罚)
    place: bool = False  # a place the question names
    # For a word the corpus never uses, its uncommon characters: "砸坏" is half found in "损坏", "捕鱼" in "捕捞"
    chars: tuple[str, ...] = ()
    specific: float = 0.0  # for an English word, its translation's weight, which tells its key words apart
    suffered: bool = False  # what befell someone in the story ("被投诉", "被查到"), not the question's topic
    done: bool = False  # a word done so many times or to someone ("报一次", "报给"): a verb, whatever jieba tags it

    def found_in(self, text: str, present: frozenset[str]) -> bool:
        return any(w in present for w in self.words) or any(p in text for p in self.phrases)

    def credit(self, text: str, present: frozenset[str]) -> float:
        """1 when the word (or an expansion) is in the text; for an unused word, the share of its
        uncommon characters that are."""
        if self.found_in(text, present):
            return 1.0
        return PARTIAL * sum(ch in text for ch in self.chars) / len(self.chars) if self.chars else 0.0


_FOCUS_EN = re.compile(r"\bhow (?:many|much)\s+((?:[a-z'-]+\s+){0,2}[a-z'-]+)", re.I)
_FOCUS_ZH_AFTER = re.compile(r"(?:多少|几)(?!点)[个项件宗次期部类名人家条]?([\u4e00-\u9fff]{2,8})")
_FOCUS_ZH_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:有|是|共|为|达|占)?(?:多少|几)")
FOCUS_WEIGHT = 2.0


def focus_tokens(query: Query) -> set[str]:
    """The words naming what a quantity question counts: "how many night market spots", "多少项防范措施"."""
    if not query.quantity or query.penalty:  # a penalty question counts money: "占几个车位摆摊…罚多少" counts no 车位
        return set()
    text = query.text
    match = _FOCUS_EN.search(text) or _FOCUS_ZH_AFTER.search(text) or _FOCUS_ZH_BEFORE.search(text)
    return set(tokens(match.group(1))) if match else set()


_TIMES = r"(?:[一两几多]?(?:次|回|遍|趟)|[给过])"  # what follows a verb: how many times, to whom, done before
_TITLED = re.compile(r"《[^》]{2,60}》")


def concepts(query: Query, idf) -> list[Concept]:
    """The question's topical words; years are checked elsewhere, English filler words are skipped."""
    focus = focus_tokens(query)
    phrases: dict[str, tuple[str, ...]] = {}
    for term, values in query.expansions.items():
        for token in tokens(term):
            phrases[token] = phrases.get(token, ()) + tuple(values)
    out: dict[str, Concept] = {}
    # A document named in 《》 says where to look (bot/scope.py), not what to find: its words are in every clause
    # of it, and as concepts they outweighed the one word that told its clauses apart ("…要赔偿吗"); so does a
    # document named in the asker's short form (Query.short_names).
    text = rejoined(_TITLED.sub(" ", query.text), lambda word: _known(idf, [word]))  # "洗了个澡" is 洗澡 (bot/spoken.py)
    for name in query.short_names:  # "这个菜市场条例": the same, named by the asker's short form
        text = text.replace(name, " ")
    for token in tokens(text):
        token = _located(token, text, idf)
        if YEAR.fullmatch(token) or token in ZH_FILLER or (token.isascii() and token.isalpha() and token in _EN_SKIPPED and token not in phrases):
            continue
        concept = _concept(token, phrases.get(token, ()), query, idf, token in focus)
        if concept:
            out[token] = concept
    for term, values in query.expansions.items():
        if term in query.text and term not in text:
            continue  # found only inside a document's name
        if not term.isascii() and not any(t in out for t in tokens(term)):
            weight = max(idf(t) for v in values for t in tokens(v)[:1]) if values else 0.0
            out[term] = Concept((term,), tuple(values), weight, _known(idf, list(values)), extra=True)
    return list(out.values())


def _concept(token: str, related: tuple[str, ...], query: Query, idf, focus: bool) -> Concept | None:
    """One word of the question as a concept, or None when it is spoken glue or counted already."""
    translated = [idf(t) for p in related for t in tokens(p)[:1]]
    weight = max([idf(token)] + translated)
    if len(token) == 1 and not token.isdigit() and not related:
        weight *= SINGLE_CHAR_WEIGHT
    if query.penalty and token in GRADES:
        weight *= GRADE_WEIGHT
    if focus:
        weight *= FOCUS_WEIGHT
    known = _known(idf, [token, *related])
    chars = () if known or not _chinese(token) else uncommon_chars(token)
    if not known and _chinese(token) and len(token) > 1 and not chars:
        return None  # "因为", "拿到", "东西": glue of a spoken question, made of the commonest characters
    if not known and not related and _made_of_known(token, query.tokens, idf):
        return None  # "经验交流": its words 经验 and 交流 are concepts already
    # a place is checked on its own, against the document ("Xuchang" by its translation 许昌)
    # (and a fragment of a place's full name: 州市 of 郑州市, which the search-mode cut also yields)
    place = any(token in p or p in token or any(token in full for full in _full_names(p, query.text))
                for p in query.places) or any(v in query.places for v in related)
    # an English word is only as specific as its translation: "major" (重大) names less than "overhaul" (大修)
    specific = max(translated, default=0.0) if token.isascii() else 0.0
    return Concept((token,), related, weight, known, place=place, chars=chars, specific=specific,
                   suffered=f"被{token}" in query.text, done=bool(re.search(re.escape(token) + _TIMES, query.text)))


_LOCATIVE = "里上边旁内中下头"


def _located(token: str, text: str, idf) -> str:
    """A word the corpus never uses that is one it does with a place word stuck on: "泉渠里" cut as 泉 / 渠里 is
    泉渠 ("在泉渠里洗澡"), "湖面上" 湖面. The cut's neighbour gets its character back when that makes the word; a
    character alone is no word of its own ("路边" is not 路, which names every road)."""
    if len(token) < 2 or token[-1] not in _LOCATIVE or not _chinese(token) or _known(idf, [token]):
        return token
    stem, at = token[:-1], text.find(token)
    for back in (2, 1, 0):
        word = text[at - back : at] + stem if at >= back and len(stem) + back > 1 else ""
        if word and _chinese(word) and tokens(word) == [word] and _known(idf, [word]):
            return word
    return token


def _full_names(place: str, text: str) -> list[str]:
    """How the question writes the place with its suffix: 郑州 -> ["郑州市"] in "郑州市区…"."""
    return re.findall(re.escape(place) + PLACE_SUFFIX, text)


def _made_of_known(word: str, question_tokens: list[str], idf) -> bool:
    """The unused compound is tiled by words of the question that the corpus does use: 经验交流 = 经验 + 交流;
    not 盗窃罪, whose 罪 is more than 盗窃."""
    parts = [t for t in question_tokens if len(t) > 1 and t != word and t in word and _known(idf, [t])]
    ends = {0}
    for i in range(len(word)):
        if i in ends:
            ends |= {i + len(p) for p in parts if word.startswith(p, i)}
    return len(word) in ends


def _chinese(word: str) -> bool:
    return bool(re.fullmatch(r"[\u3400-\u9fff]+", word))


def uncommon_chars(word: str) -> tuple[str, ...]:
    """The characters of a word outside the commonest few hundred of Chinese (jieba's frequency table, a
    general resource): 砸坏 -> 砸, 坏; 因为 -> none."""
    rank = _char_ranks()
    return tuple(ch for ch in word if rank.get(ch, len(rank)) >= COMMON_CHARS and ch not in LEGAL_FILLER | STOPWORDS)


@lru_cache(maxsize=1)
def _char_ranks() -> dict[str, int]:
    freq = jieba_dict().FREQ
    ordered = sorted((c for c in freq if len(c) == 1 and freq[c] > 0), key=lambda c: -freq[c])
    return {c: i for i, c in enumerate(ordered)}


def _known(idf, words: list[str]) -> bool:
    """Some of these words occur in the corpus: a word it never uses gets the rarest weight there is."""
    unseen = idf("\u0000never-indexed")
    return any(all(idf(t) < unseen for t in tokens(w)) for w in words if tokens(w))


# A law's text gives alternatives inside a word: 阳（平）台 is 阳台 or 平台, 建（构）筑物 is 建筑物 or 构筑物.
_INNER_ALTERNATIVE = re.compile(r"(?<=[\u4e00-\u9fff])（[\u4e00-\u9fff]{1,2}）(?=[\u4e00-\u9fff])")


def readable(text: str) -> str:
    """The text, and when it gives alternatives inside words, also as read without them (阳台, 建筑物)."""
    plain = _INNER_ALTERNATIVE.sub("", text)
    return text if plain == text else f"{text}\n{plain}"


def coverage(items: list[Concept], text: str, partial: bool = True) -> float:
    """IDF-weighted share of the question's concepts found in the text; with `partial`, words the corpus never
    uses earn part of their weight through their characters (good for ranking, too loose to prove an answer)."""
    total = sum(c.weight for c in items)
    if total == 0:
        return 0.0
    text = readable(text)
    present = token_set(text)
    if not partial:
        return sum(c.weight for c in items if c.found_in(text, present)) / total
    return sum(c.weight * c.credit(text, present) for c in items) / total

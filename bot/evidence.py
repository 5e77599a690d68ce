"""How well a text answers a question: the question's concepts it covers, and the figures it carries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.amounts import Amount, find_amounts
from bot.enumeration import lists_kinds
from bot.ingest.legal import ARTICLE
from bot.query import PERIOD_UNITS, Query
from bot.spoken import rejoined
from bot.tokenize import PLACE_SUFFIX, STOPWORDS, jieba_dict, token_set, tokens

FIGURE = re.compile(
    r"(?:达到|超过|近|约)?(\d+(?:\.\d+)?)(余)?(万余次|万次|万元|亿元|元|%|平方米|立方米|个工作日|工作日|个月|周岁|公里|分贝|米|吨|"
    r"宗|件|次|项|个|期|部|类|人|家|条|户|名|场|处|辆|台|天|小时|时|点|年)?(以上|左右|以内|以下)?"
)
_YEAR = re.compile(r"(19|20)\d\d")
_CLAUSE = re.compile(r"[^，,、；;。：:]+")
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
会 被 要 需要 可以 应当 什么 哪个 部门 单位 个人 擅自 违法 私自 随意 乱 处 罚多少 怎么办 情况 有 没有 吗 呢
年版 版 版本 新版 旧版 老版 修订 修正 现行 期限 时限 多久 几天 城管 管理条例 管理办法 办法 实施办法 细则
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
        if _YEAR.fullmatch(token) or token in ZH_FILLER or (token.isascii() and token.isalpha() and token in _EN_SKIPPED and token not in phrases):
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


@dataclass(frozen=True)
class Figure:
    """A figure in a sentence as written ("35宗", "五百元以上五千元以下"), its unit, and, for amounts in
    legal Chinese, the parsed values."""

    text: str
    start: int
    unit: str
    amount: Amount | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.text)


# A replacement ratio as regulations write it: 伐一补三 (three planted for one felled), 占一补一, 拆一还一
_RATIO = re.compile(r"[伐砍移毁拆占]一[补栽种植还建][一二两三四五六七八九十]")


# a month.day before the day's name: "12.4宪法宣传日", not "12.4个工作日"
_NAMED_DAY = re.compile(r"(?:1[0-2]|0?[1-9])\.(?:[12]\d|3[01]|0?[1-9])(?=(?!个|工作|天)[\u4e00-\u9fff]{2,6}[日节])")


def figures(sentence: str) -> list[Figure]:
    """Numbers with their units in a sentence, skipping years and dates ("2023年", "7月", "2021—2025"),
    and amounts in Chinese numerals ("处五百元以上五千元以下罚款", "十五日内")."""
    out = [Figure(a.text, a.start, a.unit, a) for a in find_amounts(sentence)]
    out += [Figure(m.group(0), m.start(), "") for m in _RATIO.finditer(sentence)]
    for m in FIGURE.finditer(sentence):
        after = sentence[m.end() : m.end() + 1]
        if m.group(3) == "年" or (not m.group(3) and (after in "年月日号—-" or _YEAR.fullmatch(m.group(1)))):
            continue
        if _NAMED_DAY.match(sentence, m.start()):  # "12.4宪法宣传日", "6.5环境保护日": a day's name, no count
            continue
        if sentence[m.start() - 1 : m.start()] in "“「\"" and sentence[m.end() : m.end() + 1] in "”」\"" and m.start():
            continue  # "“721”工作法": a number quoted as a name
        arabic = Figure(m.group(0), m.start(), m.group(3) or "")
        clash = [f for f in out if f.start < arabic.end and arabic.start < f.end]
        if all(len(f.text) < len(arabic.text) for f in clash):  # the longer reading wins: "达到80%以上"
            out = [f for f in out if f not in clash] + [arabic]
    return sorted(out, key=lambda f: f.start)


def pick_figure(query: Query, sentence: str, items: list[Concept]) -> Figure | None:
    """The asked figure: the one whose clause covers most of the question, then the asked unit, then the first.
    A penalty question wants the fine (or else the first sanction with a figure)."""
    found = figures(sentence)
    if not found or not (query.quantity or query.penalty or query.period):
        return None
    clauses = [(m.start(), m.end()) for m in _CLAUSE.finditer(sentence)]

    def clause_of(f: Figure) -> str:
        return next((sentence[a:b] for a, b in clauses if a <= f.start < b), "")

    def part_of(f: Figure) -> str:
        """The figure's part of the sentence up to it, from the last ；: "饲养烈性犬、大型犬的，…，处五千元…" names the
        behaviour its comma-clause "处五千元以上一万元以下罚款" does not."""
        return sentence[sentence.rfind("；", 0, f.start) + 1 : f.end]

    given = figures(query.text)

    def rank(f: Figure) -> tuple[bool, bool, float, float, bool, bool, int]:
        wanted = f.unit in query.units or (query.penalty and not query.period and f.unit == "元")
        # "情节较轻的，处五日以下拘留或者五百元以下罚款" is the exception: the answer when the question asks about
        # one, never otherwise
        fits = bool(_QUALIFIED.search(_before(sentence, f.start))) == bool(ASKS_GRADE.search(query.text))
        return (not restates(f, given), fits, coverage(items, clause_of(f)), coverage(items, part_of(f)), wanted,
                "罚" in clause_of(f), -f.start)

    return max(found, key=rank)


_SAME_UNIT = {"天": "日", "块": "元"}


def restates(figure: Figure, given: list[Figure]) -> bool:
    """The figure only repeats one the question gives ("过了十五天还没交" and the clause's 十五日): it cannot be
    what the question asks for."""
    def key(f: Figure):
        value = (f.amount.low, f.amount.high) if f.amount else f.text
        return value, _SAME_UNIT.get(f.unit, f.unit)
    return any(key(figure) == key(g) for g in given)


_GRADES = "较轻|较重|严重|特别严重|轻微|恶劣"  # how a penalty clause grades a case: "情节严重的，…"
_QUALIFIED = re.compile(rf"情节(?:{_GRADES})")
ASKS_GRADE = re.compile(r"情节|较轻|较重|不[算太很是那么]{0,3}严重|严重|轻微|恶劣")  # "情节严重的罚多少"
# a sentence whose condition, before anything is imposed, is a grade: "有前款第一项…行为之一，情节严重的，…"
_GRADED_OPENING = re.compile(rf"^[^。；处罚]{{0,60}}?情节({_GRADES})的")
_LIGHT = ("较轻", "轻微")


def grade_fit(query: Query, sentence: str) -> int:
    """For a sentence whose every measure applies to a graded case only ("情节严重的，…可以责令停业整顿"): 1 when
    the question grades the case the same way (serious or light), -1 when it grades none or the other way; 0 for
    any other sentence. Such a clause adds to the one punishing the behaviour itself."""
    graded = _GRADED_OPENING.search(ARTICLE.sub("", sentence.strip(), count=1))
    if not graded:
        return 0
    asked = ASKS_GRADE.findall(query.text)
    light = graded.group(1) in _LIGHT
    return 1 if any((word in _LIGHT or word.startswith("不")) == light for word in asked if word != "情节") else -1


def _before(sentence: str, start: int) -> str:
    """The clause a figure stands in, up to the figure: "情节较轻的，处五日以下拘留或者" for 五百元以下."""
    head = sentence[:start]
    cut = max(head.rfind(p) for p in "；;。")
    return head[cut + 1 :]


def figure_clause_coverage(query: Query, sentence: str, items: list[Concept]) -> float:
    """How much of the question the clause around the chosen figure covers: 0 means the figure counts
    something the question did not ask about ("回访5万余次" for "拆除了多少处违法建筑")."""
    figure = pick_figure(query, sentence, items)
    if figure is None:
        return 0.0
    clause = next((sentence[m.start() : m.end()] for m in _CLAUSE.finditer(sentence) if m.start() <= figure.start < m.end()), "")
    return coverage(items, clause)


# how often a thing must be done, as laws word it ("每半年至少…进行一次", "每季度", "每年"), and as it is asked
# ("多久清洗一次", "how often")
_FREQUENCY = re.compile(r"每(?:[一二两三四五六七八九十\d]+)?个?(?:季度|半年|年|月|周|日|天)")
_ASKS_FREQUENCY = re.compile(r"一次|几次|多少次|隔多久|多久[^，。？?]{0,8}[一1]次|\bhow often\b|\bhow frequently\b", re.I)


def asks_frequency(query: Query) -> bool:
    """How often something must be done: answered by "每半年", "每届至少两次", not by a deadline."""
    return bool((query.period or query.lang == "en") and _ASKS_FREQUENCY.search(query.text))


# what a period governs: the words after "…之日起十五日内" up to the clause's end ("提出行政复议申请")
_GOVERNED = re.compile(r"[^，,；;。：:]*")


def period_deed(query: Query, sentence: str, items: list[Concept]) -> float:
    """For a period question, how much of it the deed a period of the sentence governs names: "申请行政复议的
    期限" is "…之日起六十日内提出行政复议申请", not "自受理申请之日起六十日内作出行政复议决定", whose 申请 only
    says when the period starts. The best of the sentence's periods; 0 for any other question."""
    if not query.period or query.penalty or asks_frequency(query):
        return 0.0
    governed = [_GOVERNED.match(sentence, f.end).group(0) for f in figures(sentence) if f.unit in PERIOD_UNITS]
    return max((coverage(items, deed, False) for deed in governed), default=0.0)


DONE_FIGURE = 0.02  # a tie-breaker only: the words decide which passage answers


def quantity_bonus(query: Query, sentence: str) -> float:
    """Quantity questions prefer sentences with a figure in the asked unit, and shun those without one."""
    if asks_frequency(query):
        # how often: "每半年至少…一次" (a period in words) answers, "三十日内办理" (a deadline) does not
        return 0.4 if _FREQUENCY.search(sentence) else 0.1 if figures(sentence) else -0.3
    if not (query.quantity or query.period):
        # what came of something ("结果如何"): between equals, the sentence that gives a figure reports it
        return DONE_FIGURE if query.about_activity and figures(sentence) else 0.0
    found = figures(sentence)
    if any(f.unit in query.units for f in found) or lists_kinds(query, sentence):
        return 0.4
    if query.period and _FREQUENCY.search(sentence):
        return 0.1  # a period in words ("每年") is a figure of a kind, though not the deadline asked
    return 0.1 if found else -0.3

"""Understand a question: language, search tokens with glossary expansions, and what kind of answer it wants."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.bureau import bureau_terms
from bot.glossary import Glossary
from bot.rate import asked_rates
from bot.spoken import rejoined
from bot.tokenize import tokens

MAX_QUESTION_CHARS = 500
_CJK = re.compile(r"[\u3400-\u9fff]")
# 几 asks a number, except where it only means "a few": 好几期, 推了几下, 说了几句, 几乎
# "几月几号", "几号", "每年几月": a date or a month of the year asked, no count ("几个月" is a period)
_QUANTITY_ZH = re.compile(r"多少|(?<![好这那没月])几(?![乎下句眼口步月号])[次个件宗项期部类人家条]?|比例|比率|占比|百分之|多大|多高|多长(?!时间)|多远|多宽|多深|[^效]率是?|数量|总数|总计|共计|合计|金额")
_WIND = r"\bwind (?:force|level|scale)\b"  # a level asked ("at what wind force"): units 级
# "what is the speed limit", "what is the minimum coverage": a figure asked, as 限速多少 asks it ("how far ahead"
# asks a period, "how high can the fine go" a penalty: neither is added here)
_QUANTITY_EN = re.compile(r"\bhow (many|much)\b|\bwhat(?:'s| is| are) the (?:minimum|maximum|lowest|highest)\b|"
                          r"\b(?:speed|height|weight|load|width|length|age) limits?\b|"
                          r"\bpercent(age)?\b|\brate\b|\bratio\b|\bnumber of\b|\bproportion\b|\bshare of\b|"
                          rf"\bcount of\b|\btotal\b|{_WIND}", re.I)
_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
# A question about what happens to whoever does something: the answer is the clause with the penalty; not
# "应该怎么处理", which asks the proper way to do something (旧沙发应该怎么处理). "按什么标准罚？", "咋罚" ask it too.
_PENALTY = re.compile(r"处罚|罚款|罚则|罚多少|罚钱|[怎咋]么?罚|如何罚|标准罚|罚(?=[？?])|罚几|罚[他她到]|罚得重|[会能要来谁]罚|罚吗|法律责任|后果|(?<!应当)(?<!需要)(?<!该)(?:怎么处理|如何处理|怎么办)|受到什么处[理分罚]|什么处分|会怎样|会怎么样|拘留|没收|"
                      r"\bpenalt|\bfine[sd]?\b|\bpunish|\bsanction|\bconsequence|\bdetention|\bdetained|\bconfiscat", re.I)
# "这几天发了预警", "前几年", "期限快到了": the story's time, not a period asked for
_PERIOD = re.compile(r"多久|多长时间|多少天|(?<![这那过好月])(?<![^提]前)(?<!^前)(?:几天|几日|几个月|几个?小时|几年)|多少日|(?:期限|时限|时效|有效期)(?!快|到了|已|届满|过了|未满|内)|多少个?月|多少个?小时|多少个?工作日|几个工作日|多少年|"
                     r"\bhow (?:long|soon|quickly|fast|often|frequently)\b|\bdeadline|\btime limit|\bwithin how (?!(?:many|much) (?!(?:working |business |calendar )?(?:days|months|years|hours|weeks|time)))|"
                     r"\bhow many (?:(?:working|business|calendar) )?(?:days|months|years|hours)", re.I)
_PERIOD_NOUNS = ("期限", "时限", "时效", "有效期", "deadline", "time limit")
# A time of day: "几点以后不能跳广场舞", "during which hours"; not 几时, which asks for a date ("几时施行").
_CLOCK = re.compile(r"几点|[哪什][个些么]?时段|\bwhat time\b|\b(?:which|what) hours\b", re.I)
CLOCK_UNITS = ("时", "点")
# What was done ("一共办了几场", "2023年共立案多少宗", "how many trainings were held"): a report's kind of fact.
_DONE = re.compile(r"了|过|一共|共|累计|开展|举办|组织|今年|去年|(?:19|20)\d\d年|我局|局里|城管局|结果(?:如何|怎样|怎么样)|"
                   r"\b(?:did|were|was|held|handled|conducted|organi[sz]ed|last year|this year|(?:19|20)\d\d)\b", re.I)
# What a rule says: who may, must or must not, and what follows.
_RULE = re.compile(r"规定|条例|法律|法规|本法|违反|违法|处罚|罚|许可|申请|期限|要求|"
                   r"要|不能|应当|可以|能不能|能否|可不可以|会不会|会被|不得|禁止|必须|最长|最多|至少|不超过|就算|"
                   r"怎么办|怎么处理|哪个部门|谁负责|由谁|归.{0,6}管|"
                   r"\b(?:can|may|must|shall|allowed|required|penalt\w*|fines?|law|regulations?|rules?)\b", re.I)
_COUNTED = re.compile(r"(?:了|过)(?:几|多少)|一共|总共|累计|总额|总数|总量|总计|合计|\bhow many\b[^?]*\b(?:were|was|did)\b", re.I)
_CALENDAR_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?:年(?!版)|(?!\d)(?![\s-]*(?:version|edition)))", re.I)
# the kind of text a question names: "条例", "法", "the … Law"
LAW_KINDS = r"条例|法|规定|办法|\bregulations?\b|\blaw\b|\bact\b|\bmeasures\b"
# a law or a version of one named: "2017年版行政复议法", "the 2017 version of the … Law"
_NAMES_LAW = re.compile(rf"{LAW_KINDS}|规则|版|\b(?:rules|version|edition)\b", re.I)
_MODAL = re.compile(r"能|可以|应当|要|必须|不得|\b(?:can|may|must|shall|should)\b", re.I)
_ASKS_NUMBER = re.compile(r"文号|发文字号|发文号|\b(?:document|reference|file) (?:number|no\.?)", re.I)
# "叫什么" asks a person's name only after a person ("局长叫什么"): "这个工作法叫什么" asks a thing's name
# "who" opening the question or a clause of it, not a relative "who" ("a driver who stops")
_ASKS_PERSON = re.compile(r"是谁|姓名|名字|(?:长|主任|领导|负责人|书记|人|者|员)叫什么|(?:^|[,;:]\s*|\band\s+)who\b|"
                          r"\b(?:to|by|from|with) whom\b|\bname of\b", re.I)
# Taking effect as a question asks it (bot/law_dates.py too): 施行 not inside "实施行政…" (carrying out an
# administrative act), so "…实施行政强制执行的是哪一条" asks no date
IN_EFFECT_ZH = r"(?<!实)施行|生效"
_ADOPTION = re.compile(rf"通过|批准|{IN_EFFECT_ZH}|修正|修订|(?:哪一?年|什么时候|何时)修改|公布|发布|颁布|\badopt|\beffect|\bamend|\bforce\b|\bpromulgat|\benact", re.I)
_ARTICLE = re.compile(r"第([一二三四五六七八九十百千零〇两]+|\d+)条")
_ARTICLE_EN = re.compile(r"\barticle\s+(\d+)\b", re.I)
_WHICH_ARTICLE = re.compile(r"第几条|哪一?条|哪个条款|什么条款|哪些条|\bwhich (?:article|provision|clause)", re.I)
_EN_NAME = re.compile(r"(?<=[a-z0-9,] )[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")
# A question about a share or rate wants a percentage, whatever it counts.
# "投资总额的多少": a share of a whole asked, answered by "百分之二十五"
PERCENT_HINT = (re.compile(r"比例|比率|占比|百分|率|占[^，。？?]{0,15}(?:多少|几)|[额款价费金数]的多少(?![钱元])|\bpercent(age)?\b|\brate\b|\bratio\b|\bproportion\b|\bshare\b", re.I), ("%",))
# Units a quantity question may name, mapped to the units that answer it.
UNIT_HINTS: list[tuple[re.Pattern, tuple[str, ...]]] = [
    (re.compile(r"宗|立案|案件|案子|\bcases?\b", re.I), ("宗", "件")),
    (re.compile(r"(?:几|多少)件|信件|\bletters?\b|\bitems?\b", re.I), ("件",)),
    (re.compile(r"几次|多少次|几回|多少回|次数|\btimes\b|\bsessions?\b|\bcalls?\b|\bvisits?\b|\bviews?\b|\bplays?\b", re.I), ("次", "万次", "万余次")),
    # the thing counted after "how many", not any measure named ("seal up a shop as a compulsory measure")
    (re.compile(r"(?:几|多少)项|\bhow many (?:[\w-]+ ){0,3}(?:measures|duties|responsibilities|points)\b", re.I), ("项", "个")),
    (re.compile(r"(?:几|多少)个(?!小时|月|工作日)|\bspots?\b|\bstations?\b|\bexamples?\b|\bsites?\b", re.I), ("个",)),
    (re.compile(r"(?:多少|几)(?:辆|台)|\bvehicles?\b|\bcars?\b|\bmachines?\b", re.I), ("辆", "台")),
    (re.compile(r"(?:几|多少)期|讲座|\blectures?\b", re.I), ("期",)),
    # events held ("开展了多少场", "几场培训"): counted in 场, 次 or 期, never in cases written (编写6个案例)
    (re.compile(r"(?:几|多少)场|场次", re.I), ("场", "次", "期")),
    # people counted ("多少人员编制", "几个人"), not visits made to them ("多少人次": the report counts 次)
    # ...and who must be there ("how many of them have to be there", "how many must be present")
    (re.compile(r"(?:几|多少)个?(?:人(?![次民])|名)|编制|人数|\bhow many (?:people|persons|staff|officers|employees)\b|"
                r"\bhow many (?:of them )?(?:have to|must|need to|should) be (?:there|present|on site)\b", re.I),
     ("人", "名")),
    # money by name, and what a budget or spending is called ("经费有多少", "投入了多少资金", "how much funding")
    (re.compile(r"钱|金额|万元|元|收入|罚款|罚没|经费|预算|资金|拨款|投入|投资|\bmoney\b|\bfines?\b|\byuan\b|\brevenue\b|"
                r"\bincome\b|\bbudget|\bfunding\b|\bfunds?\b|\bspending\b|\bexpenditure|how much", re.I), ("万元", "亿元", "元")),
    PERCENT_HINT,
    # a level: "风力到几级就不能出海", "at what wind force"
    (re.compile(rf"(?:几|多少)级|{_WIND}", re.I), ("级",)),
    (re.compile(r"(?:几|多少)部|\blaws?\b|\bregulations?\b|\blegislation\b", re.I), ("部",)),
    # kinds counted ("分几类", "how many categories"): a rule lists them ("分为可回收物、有害垃圾…"), and no time or
    # amount of the same article counts them
    (re.compile(r"(?:几|多少)(?:大)?[类种]|\bhow many (?:categories|kinds|types|classes)\b", re.I), ("类", "种")),
    # a temperature ("暖气得烧到多少度", "minimum temperature"), and animals counted ("一户能养几只")
    (re.compile(r"(?:多少|几)度|温度[^，。？?]{0,4}(?:多少|几|多高|多低)|\bwhat (?:\w+ ){0,3}temperature\b|"
                r"\bhow (?:warm|hot|cold)\b|\bdegrees?\b", re.I), ("摄氏度", "℃")),
    (re.compile(r"(?:多少|几)只", re.I), ("只",)),
    # a size: "做多大才算大型户外广告" (边长四米以上或者面积十平方米以上), "要多大面积以上"
    (re.compile(r"多大(?!比例)|多高|尺寸|\bhow (?:big|large|high|tall)\b", re.I), ("平方米", "米")),
    (re.compile(r"多长(?!时间)|多远|多宽|多深|长度|距离|(?<![平立方])米|\bmetres?\b|\bmeters?\b|\bhow (?:far|wide|deep|tall)\b", re.I), ("米", "公里")),
]


# "说了好几次", "这几个人": how often or which, in the story; no count asked
_STORY_COUNT = re.compile(r"[好这那]几[次回个件宗项期部类人家条辆台名]")
# Measure words that only count one kind of thing: a figure in any other unit does not answer "多少辆".
STRICT_UNITS = frozenset({"辆", "台", "人", "类", "种", "场"})
PERIOD_UNITS = ("日", "天", "个工作日", "工作日", "个月", "年", "小时", "周")


@dataclass
class Query:
    text: str
    lang: str
    tokens: list[str]
    expansions: dict[str, list[str]] = field(default_factory=dict)
    quantity: bool = False
    units: tuple[str, ...] = ()
    years: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    asks_person: bool = False
    penalty: bool = False  # asks what the penalty for a behaviour is
    period: bool = False  # asks for a time limit: 多久, 期限, how long
    article: str = ""  # "第三十二条" when the question cites one
    which_article: bool = False  # "第几条", "which article"
    asks_number: bool = False  # a document's reference number (文号): a line of its letterhead, no quantity
    about_activity: bool = False  # asks what was done (a report's facts), not what a rule says
    about_adoption: bool = False  # when a law was adopted, amended or took effect
    short_names: tuple[str, ...] = ()  # indexed documents named outside 《》 ("这个菜市场条例"): scope, not topic
    rates: tuple[tuple[str, ...], ...] = ()  # the units a sum is asked per ("每天怎么罚": 日, 天), bot/rate.py

    @property
    def search_text(self) -> str:
        """The text the dense model embeds: the question plus the report's words for its terms."""
        extra = [e for values in self.expansions.values() for e in values if not e.isascii()]
        return self.text if not extra else f"{self.text} ({' '.join(dict.fromkeys(extra))})"


def analyse(question: str, glossary: Glossary) -> Query:
    text = " ".join(question.split())[:MAX_QUESTION_CHARS]
    lang = "zh" if _CJK.search(text) else "en"
    expansions = {**bureau_terms(text), **glossary.matches(text)}  # the glossary's own reading wins
    expanded = tokens(text) + tokens(rejoined(text)) + [t for values in expansions.values() for e in values for t in tokens(e)]
    penalty = bool(_PENALTY.search(text))
    period = _asks_period(text, penalty)
    which_article = bool(_WHICH_ARTICLE.search(text))
    asks_number = bool(_ASKS_NUMBER.search(text))
    # "第几条" counts nothing: it asks where a rule stands
    clock = bool(_CLOCK.search(text))
    last = asked_part(text, True)
    asked = last if lang == "zh" and (penalty or _asks_otherwise(text, last)) else text
    # a penalty question's counts are read from the clause that asks: "几个泥瓦匠凑了个施工队…会怎么处理" asks no
    # number, and "金额不大，…他会受到什么处理" no sum
    counted = _QUANTITY_ZH.search(asked) if lang == "zh" else _QUANTITY_EN.search(text)
    quantity = not which_article and not asks_number and (clock or bool(counted))
    units = (PERIOD_UNITS if period else ()) + (CLOCK_UNITS if clock else _units(asked) if quantity else ())
    return Query(
        text=text,
        lang=lang,
        tokens=list(dict.fromkeys(expanded)),
        expansions=expansions,
        quantity=quantity,
        units=units,
        years=[m.group(0) for m in _YEAR.finditer(text)],
        places=_places(text, glossary),
        asks_person=bool(_ASKS_PERSON.search(text)),
        penalty=penalty,
        period=period,
        article=_article(text),
        which_article=which_article,
        asks_number=asks_number,
        about_adoption=bool(_ADOPTION.search(text)),
        about_activity=_about_activity(text, period, penalty),
        rates=asked_rates(text),
    )


# the clauses of a question: a story's counts stand in the clauses before the one that asks
_CLAUSE_END = re.compile(r"[，,。；;！!？?]+")
_AFTER_THE_QUESTION = re.compile(r"(?<=[？?])[^？?]*[^？?\s][^？?]*$")


def asked_part(text: str, last: bool) -> str:
    """What a (Chinese) question's units are read from: its last clause, the one asking ("自己弄了几辆大巴…
    拉客，被查到了要罚多少？" counts no vehicles; "欠了几个月水费…多长时间之内必须给我来水" asks no months); with
    `last` false, the question whole."""
    if last:  # "…是哪个部门在管？我想打电话反映问题。": the question ends at its question mark, not with the story after it
        text = _AFTER_THE_QUESTION.sub("", text) or text
    clauses = [c for c in _CLAUSE_END.split(text) if c.strip()]
    return clauses[-1] if last and len(clauses) > 1 else text


# a last clause asking its own question of what or how ("…立几个大字当招牌，对样式有啥要求？")
_OWN_QUESTION = re.compile(r"啥|什么|怎么|怎样|如何|哪|吗|能不能|可不可以|是否|有没有")


def _asks_otherwise(text: str, last: str) -> bool:
    """The last clause (`asked_part`) asks what or how, counting nothing: the story's counts before it ask no number."""
    return last != text and bool(_OWN_QUESTION.search(last)) and not _QUANTITY_ZH.search(last)


def _asks_period(text: str, penalty: bool) -> bool:
    """A question for a time limit: "多久", "期限是多长"; not "未按规定期限恢复绿地的，如何处罚", where the
    period only describes the behaviour whose penalty is asked."""
    found = [m.group(0) for m in _PERIOD.finditer(text)]
    if not found:
        return False
    return not penalty or any(m.lower() not in _PERIOD_NOUNS for m in found)


def _about_activity(text: str, period: bool, penalty: bool) -> bool:
    """A question about what was done: done-words and no rule-words, or a count of what happened ("申请了几次",
    "一共…多少") with no modal verb ("能", "要", "can"), or, asking no penalty, a past act (`_acted`)."""
    if period or _article(text):
        return False
    if _COUNTED.search(text) and not _MODAL.search(text):
        return True
    if _CALENDAR_YEAR.search(text) and not _MODAL.search(text) and not _NAMES_LAW.search(text):
        return True  # "How much were the fines in 2023?": rules state no year's figures, a report does
    return (bool(_DONE.search(text)) and not _RULE.search(text)) or (not penalty and _acted(text))


# "推进了哪些…条例", "列入了…项目": a verb's 了 tells an act done, which only a report states, even when its object
# is a rule; not 为了/除了/了解, not a story of one's own ("我…开了个小店") nor what a rule says of it ("按规定")
_ACTED = re.compile(r"(?<![为除罢算])(?<=[\u4e00-\u9fff])了(?![解结])")
_OWN_STORY = re.compile(r"我(?![局市区县])|有人|邻居|朋友|按(?:照)?规定|依法")


def _acted(text: str) -> bool:
    """A past act asked about (a verb's 了), with no modal verb and no story of the asker's own."""
    return bool(_ACTED.search(text)) and not _MODAL.search(text) and not _OWN_STORY.search(text)


def _article(text: str) -> str:
    """The article a question cites, as laws write it: "第32条" and "Article 32" -> "第三十二条"."""
    from bot.numerals import to_chinese

    m = _ARTICLE.search(text)
    if m:
        return m.group(0) if not m.group(1).isdigit() else f"第{to_chinese(int(m.group(1)))}条"
    m = _ARTICLE_EN.search(text)
    return f"第{to_chinese(int(m.group(1)))}条" if m else ""


def _units(text: str) -> tuple[str, ...]:
    """Units that answer the question; a question about a share or rate wants a percentage, whatever it counts."""
    percent_pattern, percent = PERCENT_HINT
    if percent_pattern.search(text):
        return percent
    text = _STORY_COUNT.sub("", text)
    return tuple(dict.fromkeys(u for pattern, us in UNIT_HINTS if pattern.search(text) for u in us))


def _places(text: str, glossary: Glossary) -> list[str]:
    """Names the question is about, to be checked against the corpus: 郑州市 -> 郑州; Zhengzhou -> Zhengzhou.

    An English name is translated through the glossary (Xuchang -> 许昌); one the glossary does not know
    stays as it is, so it matches nothing in a Chinese report and the question is not answered from it.
    """
    from bot.tokenize import place_names

    from bot.pinyin import is_pinyin

    places = place_names(text)
    for name in _EN_NAME.findall(text):
        known = [v for values in glossary.matches(name).values() for v in values[:1] if place_names(v + "市")]
        # An unknown capitalised word is a place only when it reads as pinyin ("Zhengzhou", not "Urban").
        places += known if known else ([name] if is_pinyin(name) and name.lower() not in ("china", "chinese") else [])
    return list(dict.fromkeys(p for p in places if p))


# "…违反的是哪一条？", "违反了第几条", "which article does it break": the rule broken, which the penalty only cites
_RULE_BROKEN = re.compile(r"违反(?:的是|了)?(?:哪|第几|什么)|\bwhich (?:article|provision|rule)s? (?:does|do|did|is|are|was)\b"
                          r"[^?]*\b(?:break|breach|violat|contraven)", re.I)


def asks_rule_broken(query: Query) -> bool:
    """A which-article question about the rule a behaviour breaks, not about its penalty."""
    return query.which_article and not query.penalty and bool(_RULE_BROKEN.search(query.text))


def counts_events(query: Query) -> bool:
    """"几次" / "多少处" / "how many cases": a count of things done, which a rule's periods, amounts and
    rates never give."""
    return query.quantity and not query.period and not query.penalty and all(counts(u) for u in query.units)


def counts(unit: str) -> bool:
    """A unit that counts things ("次", "件", "名"), not a period, an amount of money or a rate."""
    return not (unit in PERIOD_UNITS or unit.endswith("元") or unit == "%")

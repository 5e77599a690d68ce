"""When the evidence does not answer: wrong year, place or version, no figure or penalty where one is
asked for, or too little of the question found. A refusal beats a confident wrong answer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.change import asks_change, states_change
from bot.doc_number import DOC_NUMBER
from bot.enumeration import counted
from bot.evidence import Concept
from bot.figures import Figure, asks_frequency, figure_clause_coverage, figures, restates
from bot.key_words import beyond_the_title, covers_key, key_concepts, names_what_is_asked, quotes, topic_unknown
from bot.ingest.legal import PREAMBLE
from bot.law_dates import asks_when_in_effect, dated
from bot.named_law import named_law
from bot.query import PERIOD_UNITS, STRICT_UNITS, Query, asked_part, counts, counts_events
from bot.rules import is_penalty
from bot.store import StoredIndex

if TYPE_CHECKING:
    from bot.choose import Candidate


@dataclass(frozen=True)
class Thresholds:
    """Evidence needed before the bot states an answer; calibrated by `python -m bot eval --calibrate`."""

    coverage: float = 0.2  # share of the question's (IDF-weighted) words found in the answer's passage
    dense: float = 0.89  # cosine similarity of question and passage that suffices on its own
    floor: float = 0.7  # below this similarity nothing is answered, whatever the word overlap
    # below this coverage, a quantity answer needs the question's words in the very clause of its figure
    figure_clause: float = 0.25
    # Laws resemble each other far more than a report's paragraphs do: a clause from a law needs more.
    # Calibrated on the development split of tests/library_questions.jsonl (README, "Laws and regulations").
    legal_floor: float = 0.90  # Chinese question
    legal_floor_en: float = 0.86  # English question: cross-lingual similarity runs lower
    legal_coverage_en: float = 0.55
    legal_named_floor_en: float = 0.85
    legal_named_coverage_en: float = 0.75
    # A clause missing the question's most specific word (colloquial wording: "钱" for "元", "老人" for
    # "七十周岁") answers only with this much more similarity; English questions not at all.
    legal_unnamed_floor: float = 0.915
    # A clause naming the question's key word and much of the rest needs less similarity: on the dev split no
    # unanswerable question reaches this coverage with its key word, and similarity levels differ by document.
    legal_named_floor: float = 0.87
    legal_named_coverage: float = 0.4
    # Every word of the question, its key word among them, in the clause: a short question ("牵引绳最长多长？")
    # resembles a long article little, and that is no reason to doubt it. No dev question reaches this.
    legal_full_coverage: float = 0.9
    legal_full_floor: float = 0.8
    # Weak word evidence for a clause of a law stands when the model, comparing the question with the chosen
    # clause and its runners-up, also picks that clause, and finds it at least this similar (bot/second_opinion.py).
    legal_agree_floor: float = 0.91
    # ...for an English question, only when the model picks it by this margin over every runner-up (0.02 until
    # fresh3 to fresh6 joined the dev material: at 0.01 they gained 12 answers for one wrong, and 0.015 only 4)
    legal_agree_floor_en: float = 0.85
    legal_agree_margin_en: float = 0.01
    # ...while an English answer moves to a runner-up the model prefers only by this margin: at 0.01 the switch
    # took "within how many days must the organ examine an application" to the applicant's own deadline
    legal_switch_margin_en: float = 0.02
    # ...and a clause chosen on less of the question's words than this stands only if the model picks it too
    legal_doubt_coverage: float = 0.6
    # ...and when the model clearly prefers a runner-up's passage (at least this similar, and by this margin over
    # the words' clause), the answer is taken from that passage instead (0.01 on dev left two clear picks unused,
    # 0.948 against 0.941; 0.005 added no wrong answer)
    legal_switch_floor: float = 0.93
    legal_switch_margin: float = 0.005


def refusal_reason(query: Query, candidate: Candidate | None, index: StoredIndex, limits: Thresholds,
                   items: list[Concept]) -> str:
    """Why the evidence does not answer the question, or "" when it does; `items` are the question's concepts."""
    if candidate is None:
        return "nothing retrieved"
    return scope_reason(query, candidate, index) or _content_reason(query, candidate, limits, items) \
        or _strength_reason(query, candidate, limits, items)


def _content_reason(query: Query, candidate: Candidate, limits: Thresholds, items: list[Concept]) -> str:
    """The clause lacks what the question asks for: a person, a figure, the counted thing, a penalty."""
    sentence = candidate.text
    found = figures(sentence)
    if counted(query, sentence):
        return ""  # the kinds are listed: their count is the answer ("分为可回收物、有害垃圾…" for "分几类")
    if candidate.hit.chunk.section == [PREAMBLE] and not query.about_adoption:
        return "a law's adoption note answers only when and by whom it was adopted"
    if not candidate.hit.chunk.article and _LETTERHEAD.fullmatch(sentence.strip()) and not _ASKS_ISSUER.search(query.text):
        return "a letterhead answers only who issued the document"  # "What was the bureau's budget for 2023?"
    if query.asks_number and not DOC_NUMBER.search(sentence):
        return "the documents give no reference number for this"
    if _ASKS_ISSUE_DATE.search(query.text) and not candidate.by_structure and not _FULL_DATE.search(sentence):
        return "the documents give no date for this"  # "报告是什么时候发的？" is not answered by the report's title
    if asks_when_in_effect(query.text) and not candidate.by_structure and not dated(candidate.hit.chunk, sentence) and \
            not _FULL_DATE.search(sentence):
        return "the documents give no date for this"  # "Since when have the rules been in force?": not "今年以来…"
    if query.asks_person and not _names_a_person(sentence, bool(candidate.hit.chunk.article)):
        return "the documents name no person for this"
    if (query.quantity or query.period) and not found and not _WORDED_PERIOD.search(sentence):
        return "no figure in the documents for this"
    given = figures(query.text) if query.quantity and found else []
    if given and all(restates(f, given) for f in found):
        return "the only figure found is the one the question gives"
    if query.quantity and STRICT_UNITS & set(query.units) and not any(f.unit in query.units for f in found):
        return "the figures found count something else"
    if query.quantity and _ASKS_RATE.search(query.text) and not any(f.unit == "%" for f in found):
        return "the figures found count something else"  # "结案率多少？" answered with "立案35宗"
    if query.quantity and asks_change(query.text) and not states_change(sentence):
        return "the documents state no change for this"  # "比上年多了多少宗？" is not answered by "立案35宗"
    if _asks_a_sum(query) and found and not any(f.unit.endswith("元") for f in found) and \
            not _SHARE_OF_A_SUM.search(sentence):
        return "the figures found count something else"  # "补植费每棵多少钱" answered with 伐一补三
    if query.period and found and not any(f.unit in PERIOD_UNITS or f.unit in query.units for f in found) and \
            not (asks_frequency(query) and any(f.unit == "次" for f in found)):
        return "the figures found count something else"  # "多少年以上的树" answered with a fine
    if query.period and found and not _in_asked_scale(asked_part(query.text, query.lang == "zh"), found):
        return "the figures found count something else"  # "within how many months" answered with "八年"
    if query.quantity and candidate.coverage < limits.figure_clause and candidate.hit.dense < limits.dense and \
            not figure_clause_coverage(query, sentence, items):
        return "the figures found count something else"
    if candidate.hit.chunk.article and _charge_answered_by_a_fine(query, sentence, found):
        return "the only amounts found are fines"
    if query.penalty and candidate.hit.chunk.article and not is_penalty(sentence):
        return "no penalty clause for this"
    # "what fine can the TV station face" is not answered by an article that has the authority notified of a
    # penalty given under the law (通报): a fine asked, and no fine anywhere in the article's passage
    if query.penalty and candidate.hit.chunk.article and _ASKS_A_FINE.search(query.text) and \
            not _FINES.search(candidate.hit.chunk.text):
        return "no penalty clause for this"
    # "律师费由谁承担" is not answered by "可以委托律师": nothing of the passage is about paying
    if _ASKS_WHO_PAYS.search(query.text) and not _SAYS_WHO_PAYS.search(f"{sentence}\n{candidate.hit.chunk.text}"):
        return "the documents do not say who pays"
    # "饭店油烟扰民，城管能罚多少？" is not answered by a report's "设置便民服务点75个"
    if _ASKS_FINE.search(query.text) and not query.about_activity and not candidate.hit.chunk.article and \
            "罚" not in sentence:
        return "no penalty clause for this"
    if candidate.hit.chunk.article and counts_events(query) and not any(counts(f.unit) for f in found):
        return "the figures found count something else"
    return ""


def _asks_a_sum(query: Query) -> bool:
    """A fee, price or cost asked, in money only ("补植费每棵多少钱", "how much is the fee"); not a penalty, whose
    answer may be a detention, and not "多远" beside a 收费停车场."""
    return query.quantity and not query.penalty and bool(query.units) and \
        all(u.endswith("元") for u in query.units) and bool(_ASKS_MONEY.search(query.text))


def _charge_answered_by_a_fine(query: Query, sentence: str, found: list[Figure]) -> bool:
    """"路边停车一小时收多少钱？", "补偿标准每平方米多少元？": a price, fee or compensation asked, and every amount
    of money the clause gives is a fine ("处五百元以上二千元以下罚款"), which is no price."""
    asks_money = any(u.endswith("元") for u in query.units)
    if not query.quantity or not asks_money or query.penalty or _ASKS_FINE.search(query.text):
        return False
    money = [f for f in found if f.unit.endswith("元")]
    return bool(money) and all(_is_fine(sentence, f) for f in money)


def _is_fine(sentence: str, figure: Figure) -> bool:
    """The amount is a fine: "罚款" right after it (处…罚款), or "罚款" / "罚" just before it (罚款五百元)."""
    return "罚" in sentence[figure.end : figure.end + 4] or "罚" in sentence[max(0, figure.start - 4) : figure.start]


# "达到工程建设总投资的百分之二十五以上": a sum given as a share of another ("至少要投进去多少钱")
_SHARE_OF_A_SUM = re.compile(r"(?:投资|总额|价款|费|价格|金额|工程款)[^，。；]{0,6}的(?:百分之|\d+(?:\.\d+)?%)")
# a sum of money asked by name: a fee, price, cost or charge ("补植费", "多少钱", "how much is the fee")
_ASKS_MONEY = re.compile(r"钱|费|价格|收费|多少元|\b(?:fees?|costs?|prices?|charges?|money|yuan)\b", re.I)
# "许昌市城市管理局文件": the issuer's name above a document, no statement of anything
_LETTERHEAD = re.compile(r"[\u4e00-\u9fff（）()]{2,40}(?:文件|简报|通报|公告|通知)")
_ASKS_ISSUER = re.compile(r"哪个?(?:单位|部门|机关)|谁(?:发|印发|写|出)|发文(?:单位|机关)|\bissu|\bwho (?:wrote|published|sent)", re.I)
# a rate asked as such: "结案率多少", "占比是多少", "比例有多大" (not 绿地率 named in a story of a fine)
_ASKS_RATE = re.compile(r"(?:率|占比|比例|比重)(?:是|为|达到|有|能达到)?(?:多少|几|多大|多高)|百分之几|\bwhat (?:percentage|share|proportion)\b", re.I)
# who bears a cost ("律师费由谁承担", "检测费谁出", "who pays for"), which only a clause about paying answers
_ASKS_WHO_PAYS = re.compile(r"费用?[^，。？?]{0,6}(?:由|归)?(?:谁|哪个|哪方|哪一方)(?:来)?(?:承担|出|付|掏|负担|支付|交)|"
                            r"\bwho (?:pays|bears|covers|foots)\b", re.I)
_SAYS_WHO_PAYS = re.compile(r"费|承担|负担|支付|缴纳|交纳|赔偿|补偿")
_ASKS_FINE = re.compile(r"罚|\bfine[sd]?\b", re.I)  # what a rule makes one pay, not what the bureau collected
# the amount of a fine asked, not any penalty ("怎么处罚"), a fine in the story ("罚款决定不服") or how often fined
_ASKS_A_FINE = re.compile(r"罚多少|罚款(?:是|有)?多少|多少罚款|罚(?:款)?几(?![次回])|罚了?多少钱|罚款金额|"
                          r"\bfines?\b(?! (?:decision|notice))", re.I)
_FINES = re.compile(r"罚款|罚金|处以?[^，。；]{0,20}(?:元|倍)")  # a fine an article sets, with or without its sum
# when a document was issued ("报告是什么时候发的", "这份文件哪天印发的", "When was the report issued?"), which only a
# date answers: a report's title names the year it reports on, not the day it was sent
_ASKS_ISSUE_DATE = re.compile(r"(?:什么时候|啥时候|何时|哪天|哪一天|几月几号|哪年哪月)[^，。？?]{0,4}"
                             r"(?:发|印发|发布|下发|出台|报送|上报)|(?:发文|印发|发布|成文)(?:的)?(?:时间|日期)|"
                             r"\bwhen was (?:the|this|that) (?:report|document|notice|file) "
                             r"(?:issued|published|released|sent|written)\b", re.I)
_FULL_DATE = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月")
# A period question that names its scale ("几个月", "how many days") is answered in that scale: a term of eight
# years does not say within how many months something must be done.
_SCALES = {"month": (re.compile(r"(?:几|多少)个?月|\bhow many months\b", re.I), ("个月", "月")),
           "year": (re.compile(r"(?:几|多少)年|\bhow many years\b", re.I), ("年",)),
           "hour": (re.compile(r"(?:几|多少)个?(?:小时|钟头)|\bhow many hours\b", re.I), ("小时",)),
           "day": (re.compile(r"(?:几|多少)(?:个工作)?[天日]|\bhow many (?:working )?days\b", re.I), ("日", "天", "工作日", "个工作日"))}


def _in_asked_scale(question: str, found: list[Figure]) -> bool:
    """Some period found is in the scale the question names, or it names none, or nothing found is a period."""
    periods = [f for f in found if f.unit in PERIOD_UNITS]
    asked = [units for pattern, units in _SCALES.values() if pattern.search(question)]
    return not periods or not asked or any(f.unit in units for units in asked for f in periods)


# "当日清运", "立即改正", "每季度开展": a period or frequency given in words, without a number
_WORDED_PERIOD = re.compile(r"当日|当天|即时|立即|及时|随时|当场|每个?(?:季度|半年|年|月|周|日|天)|季度|年度")


UNNAMED = "the documents do not name what is asked about"
NOTHING_ASKED = "the question names nothing to look up"


def _strength_reason(query: Query, candidate: Candidate, limits: Thresholds, items: list[Concept]) -> str:
    """Too little of the question found, or too little similarity, for the kind of document answering."""
    legal = bool(candidate.hit.chunk.article) and not query.article and not candidate.by_structure
    # "多少钱？", "怎么处罚？": any clause with a sum or a penalty would do ("去年罚了多少钱？" asks what was done)
    if not (query.article or candidate.by_structure or query.years or query.about_activity or query.about_adoption or
            key_concepts(items) or topic_unknown(items)):
        return NOTHING_ASKED
    if legal and topic_unknown(items):
        return UNNAMED
    named = f"{candidate.context}\n{candidate.hit.chunk.text}"
    if legal and not covers_key(items, named) and \
            (query.lang == "en" or candidate.hit.dense < limits.legal_unnamed_floor) and \
            not (query.lang == "zh" and (names_what_is_asked(items, query.text, named) or quotes(query.text, named))):
        return UNNAMED
    # "机动车冒黑烟罚多少？" is not answered by the fine for faking an emissions test: the words named only the
    # subject of the whole regulation, so they are weak evidence, which the model's own pick may still overturn
    if legal and query.lang == "zh" and beyond_the_title(items, candidate.hit.chunk.title):
        return "weak evidence"
    # what a rule punishes, answered from a report: the report must at least name the behaviour ("What is the
    # penalty for drunk driving?" is not answered by "加大行政处罚决定的执行力度")
    if not candidate.hit.chunk.article and query.penalty and not query.about_activity and \
            not covers_key(items, candidate.text):
        return UNNAMED
    if legal and _weak_for_a_law(query, candidate, limits, items):
        return "weak evidence"
    if candidate.hit.dense < limits.floor:
        return "weak evidence"
    if candidate.coverage < limits.coverage and candidate.hit.dense < limits.dense:
        return "weak evidence"
    return ""


_NO_RULES = "no rules of {} are indexed"


def unindexed_place(reason: str) -> str:
    """The place a refusal says no rules are indexed for, or ""."""
    m = re.fullmatch(_NO_RULES.format("(.+)"), reason)
    return m.group(1) if m else ""


def scope_reason(query: Query, candidate: Candidate, index: StoredIndex) -> str:
    """The year, place or version asked for is not the one the evidence is about."""
    chunk = candidate.hit.chunk
    doc = index.catalogue[chunk.source]
    if query.lang == "zh" and dated(chunk, candidate.text) and not _names_a_document(query, index):
        return WHICH_DOCUMENT  # "新版什么时候施行？" among eleven laws: whichever law's date is found is a guess
    if chunk.article:
        titled = index.catalogue.titled_in(query.text)
        if titled is not None and chunk.source not in titled:
            return "the document the question names is not the one that says this"
        for year in query.years:
            if doc.version and year < doc.adopted_year:
                return f"{doc.title} was not adopted by {year}"
        places = [index.catalogue.resolve_place(p) for p in query.places]
        for place in places:
            # the title names its place even where the index, built before the place was known, does not; and
            # beside the document's own city, a place no document is about is within it ("许昌的禹州市…") or
            # where the asker comes from ("我从郑州来许昌，…"), not whose rule is asked
            if place != doc.place and place not in doc.title and \
                    not (not doc.place and place in index.catalogue.places) and \
                    not (doc.place in places and place not in index.catalogue.places):
                return _NO_RULES.format(place)
        return ""
    context = f"{chunk.title} {chunk.section_path} {chunk.text}"
    stated_years = set(re.findall(r"(?<!\d)(?:19|20)\d\d(?=年)", candidate.text))
    for year in query.years:
        if year not in context or (stated_years and year not in stated_years and year not in chunk.title):
            return f"the documents do not cover {year}"
    corpus_text = index.text_of(chunk.source)
    for place in query.places:
        if place not in corpus_text and place not in chunk.title:
            return f"the documents are not about {place}"
    return ""


WHICH_DOCUMENT = "the question does not say which document it asks about"


def _names_a_document(query: Query, index: StoredIndex) -> bool:
    """The question names a document, or a place only one regulation is about; or there is only one law."""
    catalogue = index.catalogue
    laws = [d for d in catalogue.docs.values() if d.kind != "report"]
    return len(laws) < 2 or bool(catalogue.named_in(query.text)) or catalogue.titled_in(query.text) is not None or \
        bool(query.places) or named_law(index, query) is not None


def _weak_for_a_law(query: Query, candidate: Candidate, limits: Thresholds, items: list[Concept]) -> bool:
    dense = candidate.hit.dense
    if query.lang == "en":
        # nearly every word of the question found in the clause: cross-lingual similarity may run lower
        floor = limits.legal_named_floor_en if candidate.coverage >= limits.legal_named_coverage_en else limits.legal_floor_en
        return dense < floor or candidate.coverage < limits.legal_coverage_en
    covered = covers_key(items, candidate.context)
    if covered and key_concepts(items) and candidate.coverage >= limits.legal_full_coverage:
        return dense < limits.legal_full_floor
    if covered and candidate.coverage >= limits.legal_named_coverage:
        return dense < limits.legal_named_floor
    return dense < limits.legal_floor


def hard_reason(reason: str) -> bool:
    """Refusals that no threshold can overturn (wrong year, place, missing figure), as opposed to weak evidence."""
    return bool(reason) and reason != "weak evidence"


# Who a law's "who" means: a body or a party ("由国务院城市建设行政主管部门负责解释", "委托的行政机关是被申请人")
_BODY = re.compile(r"机关|部门|政府|委员会|法院|检察院|单位|机构|组织|企业|业主|"
                   r"(?:申请|当事|行为|所有|监护|管理|责任|产权|驾驶|代理|委托|养护|设置)人|(?:经营|从业|管理|使用|所有)者")


def _names_a_person(text: str, legal: bool = False) -> bool:
    """A person's name, or a role someone holds ("由局主要领导任组长"), answers a "who" question; in a law,
    so does a body or party."""
    import jieba.posseg

    if re.search(r"由[^，。；]{1,15}任|担任", text) or (legal and _BODY.search(text)):
        return True
    if legal:  # a law names bodies and parties, never a person: jieba's "names" there are words (文明, 公序良)
        return False
    return any(flag == "nr" and len(word) >= 2 for word, flag in jieba.posseg.cut(text))

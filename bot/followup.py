"""Read a follow-up in the light of the question before it, and rewrite it as a question that stands alone.

Heuristic and general: an ellipsis ("那行政许可呢？", "What about 2022?") swaps the changed part (year,
article, topic) into the previous question; a reference ("它", "这一条", "this article") is replaced by what it
points at; a question that only makes sense after the previous answer ("它在报告哪一部分？") is marked so the
conversation answers it from that answer; a place, party, version or circumstance narrows the question before
(bot/qualifiers.py), and after a question about rules one that names no behaviour ("罚多少？") asks about the
behaviour before (bot/topicless.py). Any other question stands alone and ignores history. Chinese follow-ups are
read here, English ones in bot/followup_en.py; what both do alike is in bot/reading.py.
"""

from __future__ import annotations

import re

from bot.change import asks_change, change_alone
from bot.followup_en import resolve_en
from bot.language_switch import asked_language
from bot.qualifiers import qualified_zh, qualifier_zh
from bot.question_parts import (ARTICLE, DOC, YEAR_DIGITS, Parts, clean, context_prefix, has_question_word,
                                lang_of, parse)
from bot.reading import Citation, Resolution, doc_name, ended, follow, narrowed, neighbour, read_article
from bot.tokenize import jieba_dict, place_names, word_classes
from bot.topicless import behaviour_of, is_topicless, subject_of
from bot.translate import names_a_deed

WHERE_ZH = re.compile(r"哪一?(?:个)?部分|哪一?[节章段篇]|哪个章节|出处|出自|来自哪|在哪[里儿]?(?:说|提到|写)|什么地方|哪一?条|第几条")
# a chapter of the regulation talked about: by its number, or by the subject its heading names ("法律责任在哪一章",
# not "这是哪一章", which asks where the answer stands)
CHAPTER_ONE = re.compile(r"^第[一二三四五六七八九十百\d]+章")
CHAPTER_OF = re.compile(r"^(?!这|那|它|该|上面|刚才|此)[\u4e00-\u9fff]{2,12}?(?:是|在|属于)?(?:哪一?章|第几章)")
REF_ARTICLE_ZH = re.compile(r"这一条|这条|该条|本条|此条|这款|这项规定|这个规定|这一规定|该规定|上述规定")
REF_DOC_ZH = re.compile(r"(?:这|那|该|本)(?:部|个)?(?:条例|法规|法律|办法|法)(?![规律定])")
REF_ZH = re.compile(r"上面那个|上面那条|刚才那个|刚才说的|上述|它们|它|这个|这些|这项|该项|这一项|这方面|那个")
PURPOSE_ZH = re.compile(r"为此|对此")
FULL_ZH = re.compile(r"原文|全文|整条|完整(?:的)?(?:条文|内容|规定)|详细(?:说说|讲讲|内容|点)|具体条文|展开(?:说说|讲讲)")
NEIGHBOUR_ZH = re.compile(r"^(?:再|看看?|请)?([上下])一条(?:是什么|规定了?什么|讲了?什么|说了?什么|写了?什么|的?内容)?$")
# a behaviour not done ("没补种", "没证卖", "不批就挂", "到期了不拆"), not a kind of case ("不需要审批的")
NOT_DONE = re.compile(r"^(?:要是|如果)?(?:(?:到期|过期|期满|超时|超期)了?)?(?:没有?|不|未)(?!是|用|同|少|多|错)[\u4e00-\u9fff]+(?<!的)$")
BROKEN = re.compile(r"(?:那|要是|如果)?(?:违反|违规|违法|这样|这么|那样)(?:做|干)?了?(?:的话)?")
PER_UNIT = re.compile(r"每[\u4e00-\u9fff]{1,3}?(?:多少|几)")  # the sum per unit: "每平方米多少", "每棵几"
UNIT_ALONE = re.compile(r"(?:按)?每[\u4e00-\u9fff]{1,3}(?:算)?")  # "每棵呢？", "按每平方米算呢？"
# where a behaviour happens ("在公交车上", "在小区里"), which narrows it; a place of its own is a qualifier
# (a place word and nothing after it: "在人行道上晾衣服" is a behaviour of its own, not where the one before happens)
_LOCATIVE = r"(?:上|里|内|中|边|旁|前|后|外|下|附近|门口|周边|周围)"
SCENE = re.compile(rf"在(?:[\u4e00-\u9fff]{{1,10}}{_LOCATIVE}|(?![\u4e00-\u9fff]*{_LOCATIVE})[\u4e00-\u9fff]{{2,4}})")
MARKED_ZH = re.compile(r"^(?:那么|那|还有|另外|此外)|呢[\s？?。！!]*$")
# A question about what rules say (a penalty, a duty, a period): a party or a circumstance narrows it. Not a
# count of penalties a report gives ("公示行政处罚多少件").
RULES_ZH = re.compile(r"(?:怎么|怎样|如何)(?:罚|处罚|处理)|罚(?:款|了|钱)?(?:多少|几)(?![件宗起次个项例])|什么处罚|"
                      r"处罚(?:标准|幅度)|责任|规定|应当|能不能|可不可以|可以吗|要不要|(?:需要|要|得|能)[^，,。？?]{1,8}吗|"
                      r"要[^，,。？?]{0,8}(?:几|多少|什么)|"
                      r"允许|禁止|不能|不准|不许|不让|期限|多久|多长时间|条例|"
                      r"法》?(?:规定|第)")


def resolve(previous: str | None, text: str, cited: Citation | None = None,
            places: frozenset[str] | set[str] = frozenset()) -> Resolution:
    """`previous` is the last standalone question of the conversation (None when there is none); `places` the
    places the indexed documents are about (许昌, 南阳), which a bare name in a follow-up may be."""
    text = text.strip()
    if not previous:
        return Resolution(text)
    if asked_language(text):  # "What about in English?": the answer before, said in that language
        return Resolution(previous, True, "language")
    cited = cited or Citation()
    reader = _resolve_zh if lang_of(text) == "zh" else resolve_en
    return reader(parse(previous), text, cited, places) or Resolution(text)


def in_context(previous: str, text: str, cited: Citation, places: frozenset[str] | set[str] = frozenset()) -> Resolution | None:
    """A Chinese question that bears no mark of a follow-up, read as one more about the behaviour asked before:
    "郑州遛狗要拴绳吗？" then "绳子最长多长？" -> "郑州遛狗要拴绳，绳子最长多长？" (in that regulation). Only when the
    question before was about rules and this one names no place, document or year of its own; the conversation
    asks it so only after the question, read alone, was refused."""
    body = clean(text)
    prev = parse(previous)
    if lang_of(body) != "zh" or prev.lang != "zh" or not (cited.article or RULES_ZH.search(prev.text)):
        return None
    if DOC.search(body) or YEAR_DIGITS.search(body) or any(p in body for p in places) or place_names(body):
        return None
    # the behaviour is the first clause of a question read so before ("郑州遛狗要拴绳，绳子最长多长" then "不拴绳罚多少？")
    first = re.split(r"[，,]", DOC.sub("", prev.text))[0]
    return follow(f"{behaviour_of(first if len(first) >= 2 else prev.text)}，{body}", prev, cited)


def _resolve_zh(prev: Parts, text: str, cited: Citation, places) -> Resolution | None:
    body = clean(text)
    referring = REF_ZH.search(body) or REF_ARTICLE_ZH.search(body) or PURPOSE_ZH.search(body)
    if cited.doc and not DOC.search(body) and (CHAPTER_ONE.match(body) or CHAPTER_OF.match(body)):
        # "第三章讲什么？", "法律责任在哪一章？" after an answer from a regulation: its outline (bot/outline.py)
        return follow(f"{doc_name(cited.doc)}{body}", prev, cited)
    if WHERE_ZH.search(body) and (referring or len(body) <= 8):
        return Resolution(prev.text, True, "where", cited.doc, cited.article)
    if FULL_ZH.search(body) and len(body) <= 12:  # "原文是什么？", "全文呢？": the article (or passage) answered
        if cited.article:
            return read_article(cited.doc, cited.article, "zh")
        return Resolution(prev.text, True, "where", cited.doc, cited.article)
    step = NEIGHBOUR_ZH.search(body)
    if step and cited.article:  # "下一条呢？": reading a regulation article by article
        return neighbour(cited, 1 if step.group(1) == "下" else -1, "zh")
    if REF_DOC_ZH.search(body) and cited.doc:  # "这部条例谁负责执行？": the document that answered before
        return follow(REF_DOC_ZH.sub(doc_name(cited.doc), body, count=1), prev, cited)
    if REF_ARTICLE_ZH.search(body) and cited.article:
        ref = f"{doc_name(cited.doc)}{cited.article}"
        return Resolution(ended(REF_ARTICLE_ZH.sub(ref, body, count=1), "zh"), True, "article", cited.doc, cited.article)
    if referring:
        return follow(_substitute_zh(prev, body), prev, cited)
    about_rules = bool(cited.article or RULES_ZH.search(prev.text))
    marked = MARKED_ZH.search(text.strip())
    qualifier = qualifier_zh(body, places, about_rules, prev.text) if marked else None
    if qualifier and prev.lang == "zh":  # "单位呢？", "在许昌呢？"
        return narrowed(qualified_zh(prev, qualifier, places), qualifier, prev, cited)
    if about_rules and prev.lang == "zh":
        reading = _about_behaviour(prev, body, bool(marked))
        if reading:
            return follow(reading, prev, cited)
    relative = RELATIVE_YEAR.fullmatch(body)
    if relative and (prev.year or RELATIVE_YEAR_WORD.search(prev.text)):  # "去年呢？", "和去年比呢？"
        return follow(_year_before(prev, relative.group(1)), prev, cited)
    # "比上年多了多少？" after "2023年共立案多少宗？": the change of the count asked before
    if asks_change(body) and change_alone(body) and re.search("多少|几", prev.ask):
        return follow(f"{prev.body}{body}", prev, cited)
    if not marked:
        return None
    if has_question_word(body):
        return follow(_with_context(prev, body), prev, cited)
    reading = follow(swap_zh(prev, re.sub(r"的$", "", body)), prev, cited)
    article = ARTICLE.search(body)
    if article and cited.article and reading.doc:  # "那第十三条呢？" in a regulation: read that article of it
        reading.about_answer, reading.article = "article", article.group(0)
    return reading


_YEARS_AWAY = {"前年": -2, "去年": -1, "上一年": -1, "上年": -1, "今年": 0, "当年": 0, "明年": 1}
RELATIVE_YEAR_WORD = re.compile("|".join(_YEARS_AWAY))
# a year named from the one asked about, alone or to compare with ("和去年比呢？", "去年同期呢？")
RELATIVE_YEAR = re.compile(rf"(?:和|跟|与|同|比)?({RELATIVE_YEAR_WORD.pattern})(?:同期)?(?:比|相比|比较|对比)?(?:的|怎么样|如何)?")


def _year_before(prev: Parts, word: str) -> str:
    """The question before, asked of a year counted from its own: 去年 after "2023年…" is 2022; after "今年…"
    the word takes the place of 今年."""
    if prev.year:
        return swap_zh(prev, f"{int(prev.year) + _YEARS_AWAY[word]}年")
    return RELATIVE_YEAR_WORD.sub(word, prev.text, count=1) + ("" if prev.text.endswith(("？", "?")) else "？")


def _about_behaviour(prev: Parts, body: str, marked: bool) -> str:
    """After a question about rules, one about its behaviour that names none of its own: "罚多少？" (joined),
    "放了罚多少？" (it names the behaviour's own words again), "没补种呢？" (not doing what the rule asks: what
    follows). "" when the question has a topic of its own."""
    behaviour = behaviour_of(prev.text)
    if marked and NOT_DONE.match(body) and not has_question_word(body):
        return f"{behaviour}，{body}怎么处罚"
    if marked and SCENE.fullmatch(body):  # "在公交车上呢？": the same behaviour there, asked the same way
        return f"{behaviour}，{body}{prev.ask or '怎么处罚'}"
    if BROKEN.fullmatch(body):  # "违反了呢？", "要是这样做呢？": what follows from doing it
        return f"{behaviour}，{body}怎么处罚"
    if is_topicless(body):
        if "罚" in prev.text and "罚" not in body and PER_UNIT.search(body):
            body = re.sub(r"多少|几", lambda m: "罚" + m.group(0), body, count=1)  # "每平方米多少？" after a fine
        elif UNIT_ALONE.fullmatch(body) and prev.ask:  # "每棵呢？": the same question, counted per tree
            body += prev.ask
        return f"{subject_of(prev.text)}{body}"
    return f"{behaviour}，{body}" if is_topicless(body, behaviour) else ""


def _substitute_zh(prev: Parts, body: str) -> str:
    topic = prev.topic or prev.body or prev.text
    if PURPOSE_ZH.search(body):
        return _with_context(prev, PURPOSE_ZH.sub(lambda m: m.group(0)[0] + topic, body, count=1))
    ref = REF_ARTICLE_ZH.search(body) or REF_ZH.search(body)
    swapped = body[: ref.start()] + topic + re.sub(r"^的?", "的" if body[ref.end():ref.end() + 1] == "的" else "",
                                                   body[ref.end():], count=1)
    return _with_context(prev, swapped)


def _with_context(prev: Parts, body: str) -> str:
    """Prefix the year, document and article the question before had and this one leaves out."""
    missing = Parts(text=body, lang="zh", body="", ask="",
                    year="" if YEAR_DIGITS.search(body) else prev.year,
                    doc="" if DOC.search(body) else prev.doc,
                    article="" if ARTICLE.search(body) or not prev.article else prev.article)
    prefix = context_prefix(missing)
    return prefix + body if not body.startswith(prefix) else body


def swap_zh(prev: Parts, change: str) -> str:
    """"那行政许可呢？" after "今年以来共公示行政处罚多少件？": put the new year, article or topic in its place."""
    year, article = YEAR_DIGITS.search(change), ARTICLE.search(change)
    rest = re.sub(r"^[年度的\s]+|[的\s]+$", "", ARTICLE.sub("", YEAR_DIGITS.sub("", change)))
    rest = _SUPPOSING.sub("", rest)  # "要是古树呢？": the case supposed is the change
    body = prev.body
    if year:
        body = YEAR_DIGITS.sub(year.group(0), body, count=1) if prev.year else f"{year.group(0)}年{body}"
    if article:
        body = ARTICLE.sub(article.group(0), body, count=1) if prev.article else f"{prev.doc}{article.group(0)}" + \
            body.replace(prev.doc, "", 1)
    if not rest:
        return body + prev.ask
    return _swap_topic(body, rest, prev.ask)


def _swap_topic(body: str, new: str, ask: str) -> str:
    start = _contextended(body)
    region = body[start:]
    match = _common(region, new)
    owner = region.find("的")
    if match is None and 0 < owner <= 8 and "的" not in new:  # "新建区的绿地面积…" + "改建旧城区": swap the owner
        return body[:start] + new + region[owner:] + ask
    same = _same_deed(region, new) if match is None else -1
    if same >= 0:  # "养狗" + "养鸡": the same deed done to another thing (郑州养鸡要办证)
        return body[:start] + region[:same] + new + region[same + 2:] + ask
    head = region.find(new[-1]) if match is None and len(new) >= 2 else -1
    if head > 0 and region.count(new[-1]) == 1:  # "砍树" + "古树": the thing done to changes, not the deed (砍古树)
        return body[:start] + region[:head] + new + region[head + 1:] + ask
    done_to = _object_of_deed(region, new) if match is None else -1
    if done_to >= 0:  # "露天焚烧垃圾" + "树叶": another thing burnt (露天焚烧树叶), not "树叶罚多少"
        return body[:start] + region[:done_to] + new + ask
    counted = _COUNTED_NOUN.match(ask)
    if match is None and counted:  # "今年开展了多少次普法活动" + "培训": the counted thing is what changes
        return body + counted.group(1) + new
    if match is None:  # nothing in common: keep the context and the kind of question, not the old counter
        generic = re.sub(r"^(?:共|一共|总共|累计)?(?:是|有)?(?:多少|几)[个件宗项期次条类人家部名所]?", "多少", ask)
        return body[:start] + new + generic
    at_region, at_new, size = match
    if at_new and at_new + size == len(new) and word_classes(region[:at_region])[-1:] == ("v",) and \
            not {"v", "d"} & set(word_classes(new[:at_new])):
        # "乱扔垃圾" + "建筑垃圾": the kind of thing changes, the deed before it stays (乱扔建筑垃圾); not "免于处罚"
        # + "不予处罚", where the deed itself changes
        return body[:start] + region[:at_region] + new[:at_new] + region[at_region:] + ask
    left = max(0, at_region - at_new)
    right = min(len(region), at_region + size + (len(new) - at_new - size))
    return body[:start] + region[:left] + new + region[right:] + ask


# how common (in jieba's dictionary) a word of verb and thing is when its parts no longer come apart: 立案 (266)
# is a term, not 立 + 案; 砍树 (3), 种树 (42), 养鸡 (50) are a deed and what it is done to
LEXICALISED = 100


def _object_of_deed(region: str, new: str) -> int:
    """Where the thing a deed is done to starts, when the topic is a verb then a noun ("露天焚烧|垃圾", "占用|绿地")
    and the change a plain noun ("树叶"); -1 otherwise."""
    words = jieba_dict().lcut(region)
    if not words or set(word_classes(new)) != {"n"} or _deed_and_thing(new) or names_a_deed(new):
        return -1  # "钓鱼" is a deed of its own (to fish), not a thing to chop: "那钓鱼呢？" after "砍树"
    last = words[-1]
    if _deed_and_thing(last):
        return len(region) - 1  # one word of deed and thing ("砍树", "种树"): 砍 + 灌木, 种 + 花
    if len(words) < 2 or word_classes(last) != ("n",) or word_classes(words[-2])[-1:] != ("v",):
        return -1
    return len(region) - len(last)


def _deed_and_thing(word: str) -> bool:
    """A two-character word of a verb and what it is done to, not a term of its own: 砍树, 养鸡; not 立案, 灌木."""
    if len(word) != 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in word) or \
            jieba_dict().FREQ.get(word, 0) >= LEXICALISED:
        return False
    deed = names_a_deed(word)  # the dictionary first; jieba reads 种 of 种树 as a measure word
    return deed if deed is not None else word_classes(word[0]) == ("v",)


def _same_deed(region: str, new: str) -> int:
    """Where the region's word of the same deed done to another thing stands ("养狗" for "养鸡"); -1 if none."""
    if not _deed_and_thing(new):
        return -1
    at = region.find(new[0])
    return at if at >= 0 and region[at : at + 2] != new and "\u4e00" <= region[at + 1 : at + 2] <= "\u9fff" else -1


_SUPPOSING = re.compile(r"^(?:要是|如果|假如|若是|换成|换作|换做|改成)")
# a count whose counted thing follows the question word: "多少次普法活动", "几场培训", "多少行政许可"
_COUNTED_NOUN = re.compile(r"^((?:共|一共|总共|累计)?(?:是|有)?(?:多少|几)[个件宗项期次条类人家部名所场回]?)([\u4e00-\u9fff]{2,})$")


def _contextended(body: str) -> int:
    lead = re.match(r"^(?:《[^》]+》)?(?:第[^条]{1,6}条)?(?:(?:19|20)\d{2}年度?)?(?:今年以来|目前|截止目前|全年)?[，,\s]*"
                    r"(?:共|一共|总共|累计)?", body)
    return lead.end() if lead else 0


def _common(region: str, new: str) -> tuple[int, int, int] | None:
    """The longest run of two or more characters both share: (position in region, position in new, length)."""
    for size in range(min(len(region), len(new)), 1, -1):
        for j in range(len(new) - size + 1):
            i = region.find(new[j : j + size])
            if i >= 0:
                return i, j, size
    return None

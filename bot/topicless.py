"""A question that names no behaviour, only asks what rules say of one: "罚多少？", "要赔偿吗？", "谁来罚？"; "How
much?", "Who enforces?". After a question about a behaviour ("擅自砍伐城市树木怎么处罚？") it asks about that
behaviour; read alone, it was answered with whatever clause of whatever law holds those words (a fine of
治安管理处罚法, stated as found).

The words are the field's general vocabulary of consequences, authorities and asking, not any document's.
"""

from __future__ import annotations

import re

# What rules say of a behaviour, who applies them, and how one asks about it.
_ASKING = (
    "罚 罚款 罚钱 处罚 处理 处置 处分 赔 赔偿 赔钱 没收 拘留 扣 暂扣 吊销 责令 改正 整改 拆 拆除 恢复 警告 "
    "负责 管 查处 执法 部门 机关 单位 谁 哪个 哪些 哪 什么 多少 几 多久 多长 时间 期限 例外 情况 特殊 标准 幅度 "
    "依据 规定 责任 法律责任 承担 需要 需 应该 应当 必须 能 会 要 可以 可 还 也 都 又 再 来 由 被 是 的 了 有 没有 "
    "吗 呢 么 啊 呀 吧 怎么 怎样 如何 怎么办 咋 咋办 办 钱 元 最多 最少 最高 最低 一般 大概 大约 具体 分别 "
    "不 没 不办 没办 怎么样 咋样 后果 结果 内 之内 以内 办理 手续 流程 程序 申请 报 批 审批 登记 交 缴 缴纳 "
    "在 哪里 哪儿 地方 去 讲 说 写 内容 "
    # ...by the unit the sum is counted in ("每平方米多少？", "按天算吗？"), who checks it, and from when a period runs
    "每 按 查 检查 从 开始 时候 起 算 计算 起算 超过 逾期 过期 "
    # ...and the behaviour asked before, referred to only as such ("违反了罚多少？", "这样做会被罚吗？")
    "违反 违规 违法 这样 这么 这种 那样 做 干 如果 要是 的话"
).split()
_ASKING_WORDS = frozenset(_ASKING)
# ...of which these ask nothing by themselves ("是吗？", "好吧")
_GLUE = frozenset("是 的 了 有 吗 呢 么 啊 呀 吧 也 都 又 再 还 来 由 被 可 可以 能 会 要 需 需要 一般 大概 大约 具体".split())
_SPACE = re.compile(r"[\s，,。？?！!、]+")


def is_topicless(question: str, before: str = "") -> bool:
    """Only words of asking what rules say: no behaviour, place or thing of its own. A word of the behaviour
    `before` names that behaviour again: "上海外环以内能放鞭炮吗？" then "放了罚多少？"."""
    words = _words(question)
    return any(w not in _GLUE for w in words) and \
        all(w in _ASKING_WORDS or _made_of_asking(w) or _UNIT.fullmatch(w) or (before and w in before) for w in words)


# the unit a sum is counted in, as jieba keeps it whole ("每平方米", "每株")
_UNIT = re.compile(r"每?(?:平方米|平米|立方米|株|棵|天|日|次|人|辆|处|件|吨|小时|米)")


# Words that only ask, wherever they stand: "上海哪些地方禁止燃放烟花爆竹" asks about 禁止燃放烟花爆竹 in 上海.
_QUESTION = frozenset("哪些 哪个 哪 什么 多少 几 怎么 怎样 如何 谁 是否 吗 呢 么 吧".split())


def behaviour_of(question: str) -> str:
    """The behaviour a question asked about: its question words left out, and its asking words at the end:
    "擅自砍伐城市树木要赔偿吗" (a topicless question read before) -> "擅自砍伐城市树木". A question read so before,
    the behaviour and then what was asked of it ("郑州养狗要办证，多少天内办"), is the behaviour of its first part."""
    head, comma, last = question.rpartition("，")
    if comma and len(head) >= 2 and is_topicless(last):
        return behaviour_of(head)
    words = [w for w in _words(question) if not _only_asks(w)]
    while words and (words[-1] in _ASKING_WORDS or _made_of_asking(words[-1])):
        words.pop()
    # a modal jieba keeps with the verb before it ("养狗要")
    return re.sub(r"[要会能需得可该应还也都就]+$", "", "".join(words)) or question


_PERIOD_NOUN = re.compile(r"期限|时限")


def subject_of(question: str) -> str:
    """What a question asked a period of: "行政复议的申请期限是多久" -> "行政复议的申请期限", whose start a
    follow-up asks next ("从什么时候开始算？"); `behaviour_of` would keep only 行政复议. Any other question: its
    behaviour."""
    ends = [m.end() for m in _PERIOD_NOUN.finditer(question)]
    return question[: ends[-1]] if ends else behaviour_of(question)


def _words(question: str) -> list[str]:
    from bot.tokenize import jieba_dict

    return [w for w in jieba_dict().lcut(_SPACE.sub("", question)) if w.strip()]


def _only_asks(word: str) -> bool:
    """A question word, or one with an asking word or a measure jieba keeps on it ("哪些地方", "几棵")."""
    return word in _QUESTION or any(word.startswith(q) and (word[len(q):] in _ASKING_WORDS or len(word) == len(q) + 1)
                                    for q in _QUESTION)


def _made_of_asking(word: str) -> bool:
    """"谁来罚", "罚多少", "天内办" as jieba may keep them: every character an asking word or a unit of its own."""
    return all(ch in _ASKING_WORDS or _UNIT.fullmatch(ch) for ch in word)


# The same in English: consequences, authorities, asking, and the glue between them.
_ASKING_EN = frozenset((
    "what whats what's who whom which how much many long soon is are was were there any a an the it this that "
    "do does did can could will would should must may i we you they be been get gets got for of on to by in about "
    "fine fines fined penalty penalties punishment punished sanction sanctions happen happens consequence "
    "consequences enforce enforces enforced handle handles handled responsible charge deadline time limit "
    "period days exception exceptions compensation compensate pay paid maximum minimum most least "
    "amount rule rules if so then and or ban banned prohibited forbidden illegal allowed permitted legal "
    "have has had need needs don't dont not didn't doesn't"
).split())
_WORD_EN = re.compile(r"[A-Za-z']+")
_PERMISSION = frozenset("allowed permitted banned prohibited forbidden ok okay".split())


def is_topicless_en(question: str) -> bool:
    """Only words of asking what rules say ("How much?", "Who enforces it?", "Is there a deadline?")."""
    words = [w.lower() for w in _WORD_EN.findall(question)]
    return bool(words) and all(w in _ASKING_EN for w in words)


def behaviour_of_en(question: str) -> str:
    """The behaviour an English question asked about: its asking words before the first of its own left out
    ("What is the fine for spitting in public" -> "spitting in public"); a condition stays one ("What happens
    if I cut down a tree" -> "if I cut down a tree")."""
    words = question.split()
    while words and words[0].lower().strip("?,.") in _ASKING_EN and words[0].lower() != "if":
        words.pop(0)
    # what the question asks of the behaviour is no part of it: "Is smoking allowed in parks" -> "smoking in parks"
    words = words[:1] + [w for w in words[1:] if w.lower().strip("?,.") not in _PERMISSION]
    return " ".join(words).rstrip("?.! ") or question


_HOW_MUCH = re.compile(r"^how much(?: is it)?$", re.I)
_WHAT_IF = re.compile(r"^what if (?:i|we|you|someone|they|he|she) (?:do|does|did)(?: (?:it|that|so))?$", re.I)
# the behaviour asked about, not done: "Do I need to register my dog?" then "What if I don't?", "How much is the
# fine if I don't?"
_REQUIRED = re.compile(r"^[a-z-]+ (?:is |are )?(?:required|needed|necessary|mandatory)\b", re.I)
_IF_NOT = re.compile(r"\bif (?:i|we|you|someone|they|he|she) (?:don't|dont|do not|didn't|did not|doesn't|does not)$", re.I)
# a question ending in a verb whose object is what was asked about: "Who enforces?", "Who imposes it?"
_WANTS_OBJECT = re.compile(r"\b(?:enforces?|imposes?|handles?|collects?|decides?|issues?|approves?|pays?)$", re.I)


def asked_of(asked: str, behaviour: str, topic: str = "") -> str:
    """A behaviour-less question joined to what was asked before: `behaviour` ("spitting in public", "if I cut
    down a tree") or, where the question needs its object, `topic`, the noun asked of it before ("the fine for
    spitting in public"; "" when none was):
    "How much is the fine for spitting in public", "Who enforces the fine for…", "Is there a deadline for…",
    "Who handles that if I cut down a tree"."""
    asked = re.sub(r"[\s?？.!]+$", "", asked)
    conditional = behaviour.lower().startswith("if ")
    if _IF_NOT.search(asked) and not conditional and not behaviour.split()[0].endswith("ing"):
        # a thing required ("Is a permit required to cut down a tree?"): not getting it
        done = f"get a {behaviour}" if _REQUIRED.match(behaviour) else behaviour
        return f"What happens {asked[5:]} {done}" if asked.lower().startswith("what if ") else f"{asked} {done}"
    if _WHAT_IF.match(asked):  # "Can I keep a large dog?" then "What if I do?"
        if conditional:
            return f"What happens {behaviour}"
        # a verb's -ing form names the behaviour as a thing ("spitting in public"), a bare verb as a deed
        return f"What is the penalty for {behaviour}" if behaviour.split()[0].endswith("ing") else \
            f"What happens if I {behaviour}"
    bare = re.sub(r"\s+", " ", re.sub(r"\b(?:that|it)\b", "", asked, flags=re.I)).strip()  # "Who handles that?"
    if _HOW_MUCH.match(bare):  # with no noun asked before (a condition, "Is smoking banned…"), the sum is the fine
        if conditional:
            return f"How much is the fine {behaviour}"
        return f"How much is {topic}" if topic else f"How much is the fine for {behaviour}"
    if conditional:
        return f"{asked} {behaviour}"
    if _WANTS_OBJECT.search(bare):
        return f"{bare} {topic or behaviour}"
    return f"{bare} for {behaviour}"

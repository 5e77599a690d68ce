"""Spoken Chinese that the documents write otherwise, undone before a question is cut into words.

A separable verb (离合词) is split in speech by an aspect mark or a measure word: "洗了个澡", "抽了根烟",
"停了个车" are 洗澡, 抽烟, 停车, which is how a regulation words them; cut as spoken, the question holds only
the halves ("洗", "澡"), one character each and found anywhere."""

from __future__ import annotations

import re

from bot.tokenize import jieba_dict, word_classes

# verb, then 了/过 and/or a measure word (the split), then its object of one or two characters
# (a bare measure word only of those no other use claims: 把 also marks the object, "顺手把电动车冲了冲")
_SPLIT_VERB = re.compile(r"(?=([\u4e00-\u9fff])((?:了|过)(?:[一两几]?[个次下根支张顿回把条只棵趟场首])?|一?[个根顿趟])"
                         r"([\u4e00-\u9fff]{1,2}))")
_NO_VERB = frozenset("每各某整有是")


def rejoined(text: str, used=lambda word: True) -> str:
    """The text with its split verbs whole again: "在泉渠里洗了个澡" -> "在泉渠里洗澡". A pair is joined only when
    jieba's dictionary (a general resource) lists verb and object as one word, and `used` (the corpus's words)
    has it: "养了几只鸡" stays as said where no document says 养鸡. "冲了冲" (a verb repeated) and "到了个地方" are
    left alone."""
    freq = jieba_dict().FREQ
    out, last = [], 0
    for m in _SPLIT_VERB.finditer(text):
        start = m.start()
        if start < last:
            continue
        verb, split, obj = m.groups()
        if verb in _NO_VERB or word_classes(verb)[0] in ("r", "m", "q"):
            continue  # "那个车", "每个人", "有个人": which one or how many, no verb split
        word = next((verb + o for o in (obj, obj[:1]) if o[0] != verb and freq.get(verb + o, 0) > 0 and used(verb + o)), "")
        if not word:
            continue
        end = start + 1 + len(split) + len(word) - 1
        out.append(text[last:start] + word)
        last = end
    return "".join(out) + text[last:]

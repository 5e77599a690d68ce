"""What a penalty clause imposes: 责令改正, 警告, 罚款 (range, unit, per-unit), 拘留 (days), 没收, 吊销, 处分…,
read from one sub-clause of a law ("并处以每株一千元以上一万元以下罚款") into `Measure`s."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from bot.amounts import Amount, find_amounts
from bot.numerals import format_number

# Who imposes it, stripped before the measure: "由城市管理综合执法部门", "城市人民政府…或者其委托的单位".
_VERBS = r"(?=责令|处|给予|没收|吊销|暂扣|降低|取消|依照|按照|予以|对|可以|可|并|除|组织|$)"
AUTHORITY = re.compile(r"^由([^，；：]*(?:部门|机关|政府|单位|机构|委员会|组织))(?:按照职责|依据职权|依照职权|依法)?" + _VERBS +
                       r"|^([^，；：的]*?(?:部门|机关)(?:或者其委托的单位)?)(?=除|责令|处|给予|可以)")
_TARGET = re.compile(r"^对([^，；]{1,30}?)(?=处|给予|依法|没收|责令|予以|可以)")
_ADVERBS = re.compile(r"^(?:并且|并|也可以|还可以|可以|可|依法|予以|一律|分别|同时|应当)+")
# A measure sub-clause opens with one of these once the authority, target and adverbs are gone.
OPENS = re.compile(r"^(?:每[^，；。\d]{1,4}?)?(?:处以|并处|处|给予|责令|限期|没收|吊销|暂扣|警告|降低|取消|停业整顿|通报批评|追究|承担|"
                   r"依照|按照原处罚|强制拆除|组织强制拆除|采取补救措施|恢复原状|除责令)")
_KINDS = [
    ("责令", re.compile(r"(?:责令|限期|采取补救措施|恢复原状)[^，；。]*?(?=，|；|。|$|或者(?:予以)?(?:没收|处|给予)|并处|并可)")),
    ("警告", re.compile(r"警告")),
    ("通报批评", re.compile(r"通报批评")),
    ("没收", re.compile(r"没收[^，；。]*?(?=，|；|。|$|并处|并可|可以)")),
    ("吊销", re.compile(r"(?:吊销|暂扣|降低|取消)[^，；。、]*")),
    ("停业整顿", re.compile(r"(?<!责令)停业整顿")),
    ("处分", re.compile(r"给予[^，；。]*?处分")),
    ("强制拆除", re.compile(r"强制拆除")),
    ("赔偿", re.compile(r"(?:承担|予以|依法)?赔偿(?:责任)?")),
    ("刑事责任", re.compile(r"追究刑事责任")),
    ("依照", re.compile(r"依照《[^》]+》[^，；。]*?处罚")),
]
_PER_BEFORE = re.compile(r"(每[^，；。、\d一二三四五六七八九十百千]{1,5}?)(?=处以|处)")
_PER_AFTER = re.compile(r"(每[^，；。、\d一二三四五六七八九十百千]{1,5})$")
SANCTIONS = {"责令", "警告", "通报批评", "罚款", "拘留", "没收", "吊销", "停业整顿", "处分", "强制拆除", "依照"}


@dataclass
class Measure:
    """One thing imposed. Ranges in base units (元, 日, 倍, %); None where the law leaves an end open."""

    kind: str  # 责令, 警告, 罚款, 拘留, 没收, 吊销, 处分, 依照…
    text: str  # as written: "并处以每平方米五千元以上三万元以下罚款"
    condition: str = ""  # when it applies: "逾期不改正的", "情节严重的", "对单位"
    low: float | None = None
    high: float | None = None
    unit: str = ""  # 元, 日, 倍, %
    per: str = ""  # 每株, 每日每平方米
    basis: str = ""  # what a multiple or percentage is of: "建设工程造价"; whom a rate is for: "禽类"
    amount: str = ""  # the range as written: "一千元以上一万元以下"

    @property
    def has_range(self) -> bool:
        return self.low is not None or self.high is not None

    def range_text(self) -> str:
        """"500–5,000元", "≤200元", "≥1万元" style for sheets: numbers readable at a glance."""
        if not self.has_range:
            return ""
        unit = self.unit
        if self.low is not None and self.high is not None:
            core = format_number(self.low) if self.low == self.high else f"{format_number(self.low)}–{format_number(self.high)}"
        elif self.low is None:
            core = f"≤{format_number(self.high)}"
        else:
            core = f"≥{format_number(self.low)}"
        return f"{self.per}{self.basis if unit in ('倍', '%') else ''}{core}{unit}"

    def summary(self) -> str:
        """"逾期不改正的：罚款 每平方米50–200元", "警告", "责令限期改正"."""
        if self.has_range:
            what = f"{self.kind} {self.range_text()}"
        else:
            what = self.text if self.kind in ("责令", "没收", "吊销", "处分", "依照", "赔偿") else self.kind
        return f"{self.condition}：{what}" if self.condition else what

    def to_json(self) -> dict:
        return asdict(self)


def is_measure_clause(clause: str) -> bool:
    """A sub-clause that imposes something, rather than stating a behaviour or a condition ("逾期不改正的")."""
    core = strip_actors(clause)[0]
    return bool(core) and not clause.endswith(("的", "者")) and bool(OPENS.match(core)) and not core.startswith(("受到", "被"))


def strip_actors(clause: str) -> tuple[str, str, str]:
    """(the measure, the authority, the target): "由执法部门对单位处…" -> ("处…", "执法部门", "单位")."""
    authority = target = ""
    m = AUTHORITY.match(clause)
    if m:
        authority, clause = (m.group(1) or m.group(2)), clause[m.end():]
    clause = _ADVERBS.sub("", clause)
    m = _TARGET.match(clause)
    if m:
        target, clause = m.group(1), _ADVERBS.sub("", clause[m.end():])
    m = re.match(r"^除(责令.*?)外$", clause)
    return (m.group(1) if m else clause), authority, target


def measures_of(clause: str, condition: str = "") -> list[Measure]:
    """The measures of one measure sub-clause, in the order written."""
    core, _, target = strip_actors(clause)
    condition = "，".join(p for p in (condition, f"对{target}" if target else "") if p)
    found: list[tuple[int, Measure]] = []
    for kind, pattern in _KINDS:
        for m in pattern.finditer(core):
            if kind == "赔偿" and "刑事" in core[m.start():m.end() + 2]:
                continue
            found.append((m.start(), Measure(kind, m.group(0), condition)))
    found += _ranges(core, condition)
    found.sort(key=lambda pair: pair[0])
    return _dedupe([m for _, m in found])


def _ranges(core: str, condition: str) -> list[tuple[int, Measure]]:
    """Fines (元, 倍, %) and detention (日) with their amounts; a fine with no amount is still a fine."""
    amounts = find_amounts(core)
    out: list[tuple[int, Measure]] = []
    fine = re.search(r"罚款|罚金", core)
    if fine:
        money = [a for a in amounts if a.unit in ("元", "倍", "%") and a.start < fine.start()]
        if not money:
            out.append((fine.start(), Measure("罚款", core, condition)))
        out += [(a.start, _fine(core, a, condition)) for a in money]
    detention = core.find("拘留")
    if detention >= 0:
        days = [a for a in amounts if a.unit == "日" and a.start < detention]
        out += [(a.start, _amount_measure("拘留", core, a, condition)) for a in days] or [(detention, Measure("拘留", core, condition))]
    return out


def _fine(core: str, amount: Amount, condition: str) -> Measure:
    measure = _amount_measure("罚款", core, amount, condition)
    before = core[:amount.start]
    if not measure.per:
        per = _PER_BEFORE.search(core[:amount.start]) or _PER_AFTER.search(before)
        measure.per = per.group(1) if per else ""
    verb = max((before.rfind(v) + len(v) for v in ("处以", "处") if before.rfind(v) >= 0), default=0)
    basis = re.split(r"或者|并|、|，", before[verb:].replace(measure.per, ""))[-1].strip("的、，")
    measure.basis = basis if len(basis) <= 20 else ""
    return measure


def _amount_measure(kind: str, core: str, a: Amount, condition: str) -> Measure:
    written = a.text[len(a.per):] if a.per and a.text.startswith(a.per) else a.text
    return Measure(kind, core, condition, a.low, a.high, a.unit, a.per, amount=written)


def _dedupe(measures: list[Measure]) -> list[Measure]:
    """A fine named twice in one sub-clause is one fine; "责令…并处…罚款" keeps the 责令 part short."""
    out: list[Measure] = []
    for m in measures:
        if m.kind == "罚款" and not m.has_range and any(o.kind == "罚款" for o in out):
            continue
        if any(o.kind == m.kind and o.text == m.text and o.low == m.low and o.high == m.high and o.per == m.per for o in out):
            continue
        out.append(m)
    return out

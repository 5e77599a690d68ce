"""The nouns of the product: documents, chunks, hits, passages, answers, facts and quiz items."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

SECTION_SEP = " > "


def stable_id(*parts: object) -> str:
    """10 hex characters naming the parts: the same parts give the same id in every build and after restarts, so
    links, quiz scores and pending quiz answers keyed by it survive a re-ingest."""
    return hashlib.sha1("\n".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:10]


@dataclass
class Document:
    """A cleaned corpus file. `pages` holds the character offset where each PDF page starts."""

    source: str
    title: str
    text: str
    sha256: str
    pages: list[int] = field(default_factory=list)
    meta: dict = field(default_factory=dict)  # kind, place, adopted, version, effective (bot.ingest.identity)

    def page_at(self, offset: int) -> int | None:
        if not self.pages:
            return None
        page = 1
        for number, start in enumerate(self.pages, 1):
            if start <= offset:
                page = number
        return page


@dataclass
class Chunk:
    """A retrievable piece of a document; `sentences` are (start, end) offsets into `text`."""

    id: int
    source: str
    title: str
    section: list[str]
    text: str
    start: int
    end: int
    sentences: list[tuple[int, int]]
    page: int | None = None
    article: str = ""  # "第三十二条" in a law or regulation: how an officer cites it
    lead: str = ""  # what a piece of a split article depends on: its number and the items' lead-in

    @property
    def section_path(self) -> str:
        return SECTION_SEP.join(self.section)

    def sentence_texts(self) -> list[str]:
        return [self.text[a:b] for a, b in self.sentences]

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Chunk":
        data = dict(data)
        data["sentences"] = [tuple(pair) for pair in data["sentences"]]
        return cls(**data)


@dataclass
class Hit:
    """A chunk with its fused score and the per-retriever evidence behind it."""

    chunk: Chunk
    score: float
    dense: float = 0.0
    lexical: float = 0.0


@dataclass
class Passage:
    doc: str
    section: str
    text: str
    score: float
    chunk_id: int = -1

    @property
    def where(self) -> str:
        """Where the passage stands, its document first: with several regulations indexed each has its
        "第四章 法律责任", so a section alone does not say which document a related passage is from."""
        return f"{self.doc}{SECTION_SEP}{self.section}" if self.doc and self.section else self.section or self.doc

    def to_json(self) -> dict:
        return {"doc": self.doc, "section": self.section, "text": self.text, "score": round(self.score, 4)}


@dataclass
class Answer:
    """What every front-end renders: the best sentence, its figure, where it stands, and the passages."""

    question: str
    found: bool
    answer: str
    sentence: str = ""
    figure: str = ""
    doc: str = ""
    section: str = ""
    passages: list[Passage] = field(default_factory=list)
    notice: str = ""
    evidence: dict = field(default_factory=dict)  # the signals behind `found`, for calibration and logs
    understood_as: str = ""  # the standalone question a follow-up was read as; "" when asked as it stands
    kind: str = "answer"  # "answer", "smalltalk" or "bad input"

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "found": self.found,
            "answer": self.answer,
            "sentence": self.sentence,
            "figure": self.figure,
            "doc": self.doc,
            "section": self.section,
            "passages": [p.to_json() for p in self.passages],
            "understood_as": self.understood_as,
        }


@dataclass
class Fact:
    """One quantitative statement: the figure as written, what it counts, and where it stands.

    `figure` is the report's own wording with its qualifiers ("80余项", "达到80%以上", "5万余次");
    `value`, `unit`, `prefix` and `qualifier` take it apart for sorting, spreadsheets and quizzes.
    """

    value: str  # the number as written, thousands separators dropped: "92.94", "8600"
    unit: str  # magnitude and counter together: "%", "宗", "万元", "万次"
    qualifier: str  # an approximation after the number: "余", "多", "以上", "左右"; "" when exact
    label: str  # what the figure counts, taken from the sentence: "立案", "罚没收入", "时限压缩比率"
    year: str  # the year the sentence states ("2023"), or ""
    section: str
    sentence: str
    source: str
    title: str
    chunk_id: int = -1
    figure: str = ""
    prefix: str = ""  # a threshold word before the number: "达到", "超过", "近", "约"
    offset: int = -1  # where `figure` starts in `sentence`
    doc_year: str = ""  # the year in the document's title, for sentences that only say 今年
    # An amount of a law in Chinese numerals ("每株五万元以上五十万元以下"): its range in base units (元, 日, %),
    # None where open, and its per-unit; for report figures low == high == the value and per is "".
    low: float | None = None
    high: float | None = None
    per: str = ""

    def __post_init__(self) -> None:
        # facts.jsonl written before `figure` was stored: rebuild it until the next ingest re-extracts them.
        if not self.figure:
            infix = self.qualifier if self.qualifier in ("余", "多") else ""
            suffix = self.qualifier if not infix else ""
            split = 1 if infix and len(self.unit) > 1 and self.unit[0] in "万亿千" else 0  # "5万余次", "80余项"
            self.figure = f"{self.prefix}{self.value}{self.unit[:split]}{infix}{self.unit[split:]}{suffix}"
        if self.offset < 0:
            self.offset = max(self.sentence.find(self.figure), 0)

    @property
    def number(self) -> float:
        return float(self.value)

    @property
    def id(self) -> str:
        """Short and stable across builds: the same sentence of the same file gives the same id."""
        return stable_id(self.source, self.sentence, self.offset, self.figure)

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class QuizItem:
    """A practice question made from one fact; `id` (10 hex characters) is stable across builds and restarts."""

    id: str
    kind: str  # "cloze": type the number; "choice": pick one of `options`
    prompt: str  # the sentence with the figure blanked: "2023年共立案 ___ 宗，罚没收入115万元。"
    options: list[str]  # choice: figures as the report would write them, the answer among them; cloze: []
    answer: str  # choice: the right option; cloze: the number
    value: str  # the number, for checking a typed reply
    unit: str
    figure: str  # as written in the report: "35宗", "80余项"
    label: str
    sentence: str
    section: str
    source: str
    title: str
    topic: str = ""  # short section name that scores are kept under: "严格规范执法"
    keywords: list[str] = field(default_factory=list)

    @property
    def answer_index(self) -> int:
        return self.options.index(self.answer) if self.answer in self.options else -1

    def to_json(self) -> dict:
        return asdict(self)

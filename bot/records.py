"""The nouns of the product: documents, chunks, hits, passages, answers and facts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SECTION_SEP = " > "


@dataclass
class Document:
    """A cleaned corpus file. `pages` holds the character offset where each PDF page starts."""

    source: str
    title: str
    text: str
    sha256: str
    pages: list[int] = field(default_factory=list)

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
        }


@dataclass
class Fact:
    """One quantitative statement: the figure with its unit, what it counts, and where it stands."""

    value: str
    unit: str
    qualifier: str
    label: str
    year: str
    section: str
    sentence: str
    source: str
    title: str
    chunk_id: int = -1

    @property
    def figure(self) -> str:
        """The figure as the report writes it, qualifiers kept: '80余项', '95%以上'."""
        prefix = self.qualifier if self.qualifier in ("达到", "约", "近", "超过") else ""
        suffix = self.qualifier if not prefix else ""
        if suffix in ("余",):
            return f"{self.value}{suffix}{self.unit}"
        return f"{prefix}{self.value}{self.unit}{suffix}"

    def to_json(self) -> dict:
        data = asdict(self)
        data["figure"] = self.figure
        return data

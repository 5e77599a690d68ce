"""Chunking: section paths from the heading scheme, sentence-bounded chunks, numbers never cut."""

from __future__ import annotations

import re

import pytest

from bot.ingest.chunking import chunk_document, sentences_with_sections, split_sentences
from bot.ingest.cleaning import clean
from bot.ingest.headings import parse_heading
from bot.ingest.loaders import load
from bot.records import Document
from tests.conftest import REPORT


def doc_of(text: str) -> Document:
    return Document(source="t.txt", title="测试", text=clean(text), sha256="x")


@pytest.fixture(scope="module")
def report() -> Document:
    return doc_of(load(REPORT).text)


@pytest.fixture(scope="module")
def chunks(report):
    return chunk_document(report, max_chars=160, overlap=1)


@pytest.mark.parametrize(
    "line, level, title",
    [
        ("一、党政主要负责人履行推进法治建设第一责任人职责", 1, "一、党政主要负责人履行推进法治建设第一责任人职责"),
        ("（三）严格规范执法，持续提升执法质效", 2, "（三）严格规范执法，持续提升执法质效"),
        ("（一）加强法治建设的组织领导。调整成立领导小组。", 2, "（一）加强法治建设的组织领导"),
        ("1. 工作目标", 3, "1. 工作目标"),
        ("2、主要措施。加强领导。", 3, "2、主要措施"),
        ("（1）完善制度", 4, "（1）完善制度"),
        ("## 第二部分", 2, "第二部分"),
    ],
)
def test_heading_levels_of_official_documents(line, level, title):
    heading = parse_heading(line)
    assert heading is not None and (heading.level, heading.title) == (level, title)


@pytest.mark.parametrize("line", ["2023年共立案35宗。", "6.5环境保护日开展宣传。", "我局始终把法治宣传放在首位。"])
def test_body_lines_are_not_headings(line):
    assert parse_heading(line) is None


def test_sentences_end_at_chinese_terminators_and_never_inside_a_number():
    text = "时限压缩比率92.94%。在6.5环境保护日开展宣传；效果好！对吗？"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["时限压缩比率92.94%。", "在6.5环境保护日开展宣传；", "效果好！", "对吗？"]


def test_inline_items_become_the_deepest_section_level():
    text = "（二）强化普法宣传\n我局始终把法治宣传放在首位。一是印制学习资料。编印手册。二是分层次多形式培训。邀请专家。"
    sections = {text_[1] for text_ in ((s, s.section[-1]) for s in sentences_with_sections(clean(text)))}
    assert {"（二）强化普法宣传", "一是印制学习资料", "二是分层次多形式培训"} <= sections


def test_the_asked_figure_sits_under_its_section_path(chunks):
    chunk = next(c for c in chunks if "共立案35宗" in c.text)
    assert chunk.section[:2] == ["二、推进法治政府建设的举措和成效", "（三）严格规范执法，持续提升执法质效"]
    assert chunk.section_path.startswith("二、推进法治政府建设的举措和成效 > （三）严格规范执法，持续提升执法质效")


def test_chunks_are_exact_slices_of_the_document_with_offsets(report, chunks):
    for chunk in chunks:
        assert report.text[chunk.start:chunk.end] == chunk.text
        assert chunk.source == "t.txt" and chunk.title == "测试"


def test_chunks_respect_the_size_unless_one_sentence_is_longer(chunks):
    for chunk in chunks:
        assert len(chunk.text) <= 160 or len(chunk.sentences) == 1


def test_chunks_start_and_end_on_sentence_boundaries(chunks):
    for chunk in chunks:
        a, b = chunk.sentences[0][0], chunk.sentences[-1][1]
        assert a == 0 and b == len(chunk.text)
        assert re.search(r"[。！？；：]$|[^\n]$", chunk.text)
        for start, end in chunk.sentences:
            assert not chunk.text[start].isdigit() or not chunk.text[start - 1:start].isdigit()


def test_every_figure_of_the_report_is_whole_in_some_chunk(report, chunks):
    figures = set(re.findall(r"\d+(?:\.\d+)?%?", report.text))
    joined = [c.text for c in chunks]
    for figure in figures:
        assert any(figure in text for text in joined), figure


def test_overlap_repeats_one_sentence_within_a_section(chunks):
    pairs = [(a, b) for a, b in zip(chunks, chunks[1:]) if a.section == b.section]
    assert pairs
    for a, b in pairs:
        assert a.text[a.sentences[-1][0]:] == b.text[: b.sentences[0][1]] or b.start >= a.end


def test_every_section_of_the_report_is_chunked(report, chunks):
    headings = [line for line in report.text.split("\n") if parse_heading(line)]
    paths = " ".join(c.section_path for c in chunks)
    for heading in headings:
        assert parse_heading(heading).title in paths

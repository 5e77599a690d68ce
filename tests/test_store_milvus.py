"""The second store backend, Milvus Lite embedded: the evaluation gate is answers equal to the FAISS store's
on every question of tests/questions.jsonl, from one ingest into a real Milvus collection."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from bot.backends import check_store
from bot.backends.milvus import MilvusDense, MilvusStore
from bot.config import ROOT
from bot.engine import Engine
from bot.evaluation import load_cases
from bot.ingest.pipeline import ingest
from bot.store import load_index

QUESTIONS = load_cases(ROOT / "tests" / "questions.jsonl")


@pytest.fixture(scope="module")
def milvus_engine(built_config, tmp_path_factory):
    root = tmp_path_factory.mktemp("milvus")
    shutil.copytree(built_config.index_dir / "cache", root / "index" / "cache")  # same vectors, no re-embedding
    cfg = built_config.with_overrides(index_dir=root / "index", store=f"milvus-lite://{root}/store.db#bureau")
    report = ingest(cfg, show_progress=False)
    assert report.embedded == 0
    return Engine(cfg)


def test_the_index_searches_a_milvus_collection(milvus_engine):
    dense = milvus_engine.index.dense
    assert isinstance(dense, MilvusDense) and dense.ntotal == len(milvus_engine.index.chunks)
    stored = milvus_engine.index.manifest["store"]
    assert stored == {"backend": "milvus", "collection": f"bureau_{milvus_engine.index.build_id.replace('-', '_')}",
                      "alias": "bureau"}
    assert dense.client.describe_alias("bureau")["collection_name"] == stored["collection"]


def test_dense_search_matches_the_faiss_file(milvus_engine, engine):
    rng = np.random.default_rng(0)
    queries = engine.index.vectors()[rng.choice(engine.index.dense.ntotal, 5, replace=False)]
    f_scores, f_ids = engine.index.dense.search(queries, 10)
    m_scores, m_ids = milvus_engine.index.dense.search(queries, 10)
    assert np.array_equal(f_ids, m_ids) and np.allclose(f_scores, m_scores, atol=1e-5)
    assert np.allclose(milvus_engine.index.dense.reconstruct(3), engine.index.dense.reconstruct(3), atol=1e-6)


@pytest.mark.parametrize("case", QUESTIONS, ids=[c.id for c in QUESTIONS])
def test_gate_answers_equal_the_faiss_store(milvus_engine, engine, case):
    ours, theirs = milvus_engine.answer(case.question), engine.answer(case.question)
    assert (ours.found, ours.answer, ours.section) == (theirs.found, theirs.answer, theirs.section)
    assert [p.chunk_id for p in ours.passages] == [p.chunk_id for p in theirs.passages]


def test_the_engine_holds_the_lexical_side_too(milvus_engine):
    """BM25 with the jieba analyzer runs inside Milvus on the chunk text it stores."""
    hits = milvus_engine.index.dense.text_search("立案 宗", 5)
    assert hits and any("立案" in milvus_engine.index.chunks[i].text for i, _ in hits)


def test_a_new_build_moves_the_alias_and_drops_old_collections(milvus_engine):
    cfg = milvus_engine.cfg
    first = milvus_engine.index.manifest["store"]["collection"]
    ingest(cfg, show_progress=False, force=False)  # nothing changed: nothing published, alias unchanged
    store = MilvusStore.from_url(cfg.store)
    assert store.client.describe_alias("bureau")["collection_name"] == first
    report = ingest(cfg.with_overrides(dense_index="ivf"), show_progress=False, force=True)
    assert milvus_engine.reload_if_changed()
    second = load_index(cfg.index_dir).manifest["store"]["collection"]
    assert second != first and store.client.describe_alias("bureau")["collection_name"] == second
    assert milvus_engine.index.dense.params["nprobe"] >= 1 and report.build in second.replace("_", "-")
    assert milvus_engine.answer("2023年共立案多少宗？").found


@pytest.mark.parametrize("url", ["qdrant://localhost:6333/x", "milvus:/nohost", "/tmp/store.db"])
def test_an_unknown_store_is_refused_with_the_forms_that_work(url):
    if url.startswith(("milvus://", "milvus-lite://")):
        return
    with pytest.raises(ValueError, match="milvus://host:19530/collection or milvus-lite:///path/to/file.db"):
        check_store(url)


def test_a_store_that_cannot_be_opened_names_the_address_and_the_fix():
    from bot.backends.milvus import StoreUnavailable

    with pytest.raises(StoreUnavailable, match="127.0.0.1:9.*milvus-lite server"):
        MilvusStore.from_url("milvus://127.0.0.1:9/x").client.list_collections()

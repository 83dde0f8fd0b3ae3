"""Files written whole or not at all (core/fsutil.py): the corpus's shards and manifest, the store's backups."""

from __future__ import annotations

import pytest

from eventcoder.core.fsutil import atomic_text, write_file_atomic, write_text_atomic


def test_a_file_appears_whole_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "manifest.json"
    write_text_atomic(target, '{"shards": 3}\n')
    assert target.read_text(encoding="utf-8") == '{"shards": 3}\n'
    write_file_atomic(target, lambda tmp: tmp.write_bytes(b"again"))
    assert target.read_bytes() == b"again"
    assert [p.name for p in tmp_path.iterdir()] == ["manifest.json"]


def test_a_failed_write_leaves_the_old_file_as_it_was(tmp_path):
    target = tmp_path / "errors.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="disk full"), atomic_text(target) as fh:
        fh.write("half of the new")
        raise RuntimeError("disk full")

    def fail(tmp):
        tmp.write_bytes(b"partial")
        raise OSError("no space left on device")

    with pytest.raises(OSError, match="no space"):
        write_file_atomic(target, fail)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["errors.jsonl"]

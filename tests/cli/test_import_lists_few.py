"""Re-importing a large file prints a few per-record lines and the count of the rest, not one line per record
(a trial re-imported 6,000 records and got 6,001 lines); --verbose lists them all."""

from __future__ import annotations

import json

from eventcoder.cli import LISTED, main


def test_a_reimport_lists_the_first_skipped_records_and_counts_the_rest(capsys, tmp_path):
    db = tmp_path / "news.db"
    data = tmp_path / "many.jsonl"
    n = LISTED + 15
    data.write_text("".join(json.dumps({"id": f"r{i}", "text": f"Ruritania and Freedonia met for round {i}."}) + "\n"
                            for i in range(n)), encoding="utf-8")
    assert main(["import", str(data), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["import", str(data), "--db", str(db)]) == 0
    out = capsys.readouterr().out.splitlines()
    skipped = [line for line in out if line.startswith("  skipped ")]
    assert len(skipped) == LISTED and "same text as document" in skipped[0]
    assert out[-1] == f"  ... and {n - LISTED} more skipped (--verbose lists them all)"
    assert main(["import", str(data), "--db", str(db), "--verbose"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len([line for line in out if line.startswith("  skipped ")]) == n
    assert not any(line.startswith("  ... and") for line in out)

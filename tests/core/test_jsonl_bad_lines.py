"""A JSON Lines import with bad lines lists every one of them (FILE:LINE: why), still refusing the file whole
(nothing of it imported); a date written YYYY-MM-DD that is no day says the month or day is out of range."""

from __future__ import annotations

import json

import pytest

from eventcoder.core.io.dates import normalise_date
from eventcoder.core.io.import_base import BAD_LINES_LISTED
from eventcoder.core.io.importers import import_paths


def _write(path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_every_bad_line_is_listed_and_nothing_of_the_file_is_imported(project, tmp_path):
    path = tmp_path / "broken.jsonl"
    _write(path, [json.dumps({"text": "Good one.", "title": "a"}),
                  '{"text": "no closing brace"',
                  json.dumps({"text": "Bad date.", "date": "2024-13-01"}),
                  json.dumps({"text": "Good two.", "title": "b"}),
                  json.dumps({"title": "no text at all"})])
    report = import_paths(project, [path])
    assert report.imported == [] and project.document_ids() == []  # refused whole
    (refusal,) = report.refusals()
    lines = refusal.splitlines()
    assert lines[0].startswith(f"{path}: 3 bad lines; nothing of the file was imported")
    assert [line.split(": ", 1)[0] for line in lines[1:]] == [f"{path}:2", f"{path}:3", f"{path}:5"]
    assert all(line.count(str(path)) == 1 for line in lines)  # one path a line
    assert "month must be in 1..12" in lines[2] and "unreadable" not in lines[2]


def test_many_bad_lines_are_listed_up_to_the_cap_then_counted(project, tmp_path):
    path = tmp_path / "many.jsonl"
    _write(path, ['{"text": broken'] * (BAD_LINES_LISTED + 7))
    (refusal,) = import_paths(project, [path]).refusals()
    lines = refusal.splitlines()
    assert len(lines) == 1 + BAD_LINES_LISTED + 1 and lines[-1] == "… and 7 more bad lines"


def test_one_bad_line_is_said_on_one_line_as_before(project, tmp_path):
    path = tmp_path / "one.jsonl"
    _write(path, [json.dumps({"text": "Good."}), '{"text": '])
    (refusal,) = import_paths(project, [path]).refusals()
    assert refusal.startswith(f"{path}:2: ") and "\n" not in refusal


@pytest.mark.parametrize("typed, reason", [("2024-13-01", "month must be in 1..12"),
                                           ("2023-02-29", "day is out of range for month"),
                                           ("20241301", "month must be in 1..12")])
def test_an_iso_date_out_of_range_says_so(typed, reason):
    with pytest.raises(ValueError, match=reason) as caught:
        normalise_date(typed)
    assert "unreadable" not in str(caught.value)
    with pytest.raises(ValueError, match="unreadable date"):
        normalise_date("next Tuesday")

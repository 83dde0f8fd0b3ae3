"""``eventcoder report``: its numbers agree with SQL counts made here on the closed project file (sqlite3, no
Project open), and report.html is one self-contained file (figures embedded, no network reference)."""

from __future__ import annotations

import base64
import csv
import random
import re
import sqlite3
from pathlib import Path

import pytest

from eventcoder.cli import main
from eventcoder.core.overview import PARTS, build_overview
from eventcoder.core.schemes import load_scheme
from eventcoder.core.store import Project
from eventcoder.core.store.bulk import bulk_insert
from eventcoder.core.store.overview import OverviewFilter

CODES = ["010", "020", "036", "040", "042", "051", "057", "061", "071", "080", "090", "100", "112", "120", "138",
         "141", "150", "163", "173", "190", "193", "200"]
ACTORS = ["NOR", "SWE", "CHL", "PER", "KEN", "GHA", "NORGOV", "CHLMIL", None]
PEOPLE = ["ana", "ben", "chloe"]


def make_project(path: Path, seed: int = 3) -> None:
    rng = random.Random(seed)
    docs = []
    for i in range(40):
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        published = None if i % 13 == 0 else f"{rng.choice([2022, 2023])}-{month:02d}-{day:02d}"
        docs.append({"id": i + 1, "title": f"Dispatch {i}", "text": f"Dispatch {i}: Norway met Chile.",
                     "published": published, "done": int(i % 3 == 0)})
    events = []
    for _ in range(700):
        status = rng.choice(["accepted"] * 5 + ["suggested"] * 3 + ["rejected"])
        own_date = rng.random()
        events.append({
            "document_id": rng.randint(1, 40), "event_code": rng.choice(CODES),
            "source_code": rng.choice(ACTORS), "target_code": rng.choice(ACTORS), "status": status,
            "annotator": None if status == "suggested" else rng.choice(PEOPLE), "scheme": "CAMEO",
            "date": "2021-06-15" if own_date < 0.08 else ("some day" if own_date < 0.1 else None),
            "sentence_start": 0, "sentence_end": 20,
        })
    with Project(path, annotator="tester") as project:
        bulk_insert(project, docs, events)


QUAD_SQL = """CASE WHEN cast(substr(e.event_code, 1, 2) AS integer) <= 5 THEN 1
                   WHEN cast(substr(e.event_code, 1, 2) AS integer) <= 9 THEN 2
                   WHEN cast(substr(e.event_code, 1, 2) AS integer) <= 14 THEN 3 ELSE 4 END"""


def expected_counts(path: Path, status_sql: str, date_sql: str = "1") -> dict:
    """What the report must say, counted here with sqlite3 on the closed file (CAMEO: root = first two digits,
    quad class by root; event date = the event's, else its document's)."""
    day = "coalesce(e.date, d.published)"
    con = sqlite3.connect(path)
    try:
        q = lambda sql, *p: con.execute(sql, p).fetchall()  # noqa: E731
        base = f"FROM events e JOIN documents d ON d.id = e.document_id WHERE {status_sql} AND {date_sql}"
        out = {
            "documents": q("SELECT count(*) FROM documents")[0][0],
            "done": q("SELECT count(*) FROM documents WHERE done = 1")[0][0],
            "by_status": dict(q(f"SELECT e.status, count(*) FROM events e JOIN documents d ON d.id = e.document_id "
                                f"WHERE {date_sql} GROUP BY e.status")),
            "roots": dict(q(f"SELECT substr(e.event_code, 1, 2), count(*) {base} GROUP BY 1")),
            "quads": {(m, qc): n for m, qc, n in q(
                f"SELECT substr({day}, 1, 7) m, {QUAD_SQL}, count(*) {base} AND {day} GLOB '[0-9][0-9][0-9][0-9]-*' "
                "GROUP BY 1, 2")},
            "dyads": q(f"""SELECT e.source_code, e.target_code, count(*) n,
                               sum({QUAD_SQL} >= 3), sum({QUAD_SQL} <= 2)
                           {base} AND e.source_code IS NOT NULL AND e.target_code IS NOT NULL
                           GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 15"""),
            "actors": {a: (s, t) for a, s, t in q(
                f"""SELECT actor, sum(s), sum(t) FROM (
                      SELECT e.source_code actor, 1 s, 0 t {base} AND e.source_code IS NOT NULL
                      UNION ALL SELECT e.target_code, 0, 1 {base} AND e.target_code IS NOT NULL) GROUP BY actor""")},
            "progress": {who: (done, todo) for who, done, todo in q(
                """SELECT x.annotator, sum(d.done), sum(1 - d.done) FROM (SELECT DISTINCT annotator, document_id
                   FROM events WHERE status IN ('accepted', 'rejected') AND annotator IS NOT NULL) x
                   JOIN documents d ON d.id = x.document_id GROUP BY 1""")},
            "rows": q(f"SELECT substr({day}, 1, 7), e.event_code, e.mode, e.source_code, e.target_code {base}"),
        }
    finally:
        con.close()
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def check_report(out: Path, want: dict, html_text: str) -> None:
    totals = {r["what"]: int(r["count"]) for r in read_csv(out / "totals.csv")}
    assert totals["documents"] == want["documents"]
    assert totals["documents marked done"] == want["done"]
    for status in ("accepted", "suggested", "rejected"):
        assert totals[f"events {status}"] == want["by_status"].get(status, 0)
    assert {r["root"]: int(r["events"]) for r in read_csv(out / "types.csv")} == want["roots"]
    assert totals["events in the figures"] == sum(want["roots"].values())
    quads = {(r["month"], int(r["quad_class"])): int(r["events"]) for r in read_csv(out / "quads.csv")}
    assert quads == want["quads"]
    dyads = [(r["source"], r["target"], int(r["events"]), int(r["conflict"]), int(r["cooperation"]))
             for r in read_csv(out / "dyads.csv")]
    assert dyads == [tuple(d) for d in want["dyads"]]
    network = [(r["source"], r["target"], int(r["events"])) for r in read_csv(out / "network.csv")]
    assert network[:len(dyads)] == [d[:3] for d in dyads]
    actors = read_csv(out / "actors.csv")
    assert actors, "no actors"
    for r in actors:
        assert (int(r["as_source"]), int(r["as_target"])) == want["actors"][r["actor"]]
    counts = sorted(want["actors"].values(), key=lambda st: -(st[0] + st[1]))
    assert [int(r["events"]) for r in actors] == [s + t for s, t in counts[:len(actors)]]
    progress = {r["annotator"]: (int(r["documents_done"]), int(r["documents_to_do"]))
                for r in read_csv(out / "progress.csv")}
    assert progress.pop("(all documents)") == (want["done"], want["documents"] - want["done"])
    assert progress == want["progress"]
    # the top dyad's mean Goldstein score per month, from the rows read here and the scheme's scores
    scheme = load_scheme("cameo")
    top = (dyads[0][0], dyads[0][1])
    per: dict[str, list[float]] = {}
    for month, code, mode, source, target in want["rows"]:
        if (source, target) == top and month and re.match(r"^\d{4}-\d{2}$", month):
            per.setdefault(month, []).append(scheme.score(code, mode))
    score = {r["month"]: float(r["mean_score"]) for r in read_csv(out / "score.csv")}
    assert score == pytest.approx({m: round(sum(v) / len(v), 3) for m, v in per.items()})
    # the HTML: the same numbers, every figure embedded, nothing fetched from a network
    for status in ("accepted", "suggested", "rejected"):
        assert f"<td class=\"t\">events {status}</td><td class=\"n\">{want['by_status'].get(status, 0):,}</td>" \
            in html_text
    assert not re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", html_text, re.I)
    assert not re.search(r"https?://", html_text)
    assert "<link" not in html_text and "<script" not in html_text
    images = re.findall(r"<img [^>]*src=\"([^\"]+)\"", html_text)
    assert len(images) == len(PARTS)
    for src in images:
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    for part in PARTS:
        assert (out / f"{part}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"<svg" in (out / f"{part}.svg").read_bytes()[:2000]


def test_report_numbers_agree_with_sql(tmp_path, capsys):
    db = tmp_path / "coded.db"
    make_project(db)
    want = expected_counts(db, "e.status = 'accepted'")
    out = tmp_path / "report"
    assert main(["report", "--db", str(db), "--out", str(out)]) == 0
    assert "report written to" in capsys.readouterr().out
    check_report(out, want, (out / "report.html").read_text(encoding="utf-8"))
    assert not list(out.glob("*.partial"))


def test_report_status_all_and_dates(tmp_path):
    db = tmp_path / "coded.db"
    make_project(db, seed=11)
    day = "coalesce(e.date, d.published)"
    date_sql = f"{day} >= '2022-03' AND substr({day}, 1, 7) <= '2023-06'"
    want = expected_counts(db, "e.status IN ('accepted', 'suggested')", date_sql)
    out = tmp_path / "report"
    assert main(["report", "--db", str(db), "--out", str(out), "--status", "all", "--from", "2022-03",
                 "--to", "2023-06"]) == 0
    check_report(out, want, (out / "report.html").read_text(encoding="utf-8"))
    months = {r["month"] for r in read_csv(out / "quads.csv")}
    assert min(months) >= "2022-03" and max(months) <= "2023-06"


def test_report_refuses_bad_input(tmp_path, capsys):
    db = tmp_path / "coded.db"
    make_project(db)
    assert main(["report", "--db", str(db), "--out", str(tmp_path / "r"), "--from", "March"]) == 1
    assert "YYYY" in capsys.readouterr().err
    (tmp_path / "file").write_text("x")
    assert main(["report", "--db", str(db), "--out", str(tmp_path / "file")]) == 1
    assert "is a file" in capsys.readouterr().err


def test_every_bar_lists_exactly_its_events(tmp_path):
    """The ids behind each bar, month slice, point and edge add up to the bar's count, and are those events."""
    db = tmp_path / "coded.db"
    make_project(db, seed=5)
    scheme = load_scheme("cameo")
    f = OverviewFilter()
    with Project(db) as project:
        overview = build_overview(project, scheme, f)
        accepted = {e.id: e for e in project.events(status="accepted")}
        for bar in overview.types.bars:
            ids = bar.selection.event_ids(project, f)
            assert len(ids) == bar.count == project.overview_event_count(f, codes=bar.selection.codes)
            assert all(accepted[i].event_code[:2] == bar.key for i in ids)
        for k, series in enumerate(overview.quads.series):
            for m, count in enumerate(series.counts):
                assert len(overview.quads.selection(k, m).event_ids(project, f)) == count
        for dyad in overview.dyads.dyads:
            ids = dyad.selection.event_ids(project, f)
            assert len(ids) == dyad.count
            assert {(accepted[i].source_code, accepted[i].target_code) for i in ids} == {(dyad.source, dyad.target)}
        for point in overview.score.points:
            assert len(point.selection.event_ids(project, f)) == point.events
        undated = project.overview_event_ids(f, months=[None])
        assert len(undated) == overview.quads.undated > 0


def test_annotator_and_scheme_filters(tmp_path):
    db = tmp_path / "coded.db"
    make_project(db, seed=8)
    con = sqlite3.connect(db)
    by_code = dict(con.execute("SELECT event_code, count(*) FROM events WHERE status = 'accepted' "
                               "AND annotator = 'ben' GROUP BY 1").fetchall())
    con.close()
    with Project(db) as project:
        assert project.overview_code_counts(OverviewFilter(annotator="ben")) == by_code
        assert project.overview_code_counts(OverviewFilter(annotator="ben", scheme="cameo")) == by_code
        assert project.overview_code_counts(OverviewFilter(annotator="ben", scheme="PLOVER")) == {}
        assert project.overview_annotators() == PEOPLE


def test_count_axes_tick_only_at_whole_numbers():
    """A figure of one or two events has ticks at 0, 1, 2, never at 0.5 or 1.5 events."""
    from eventcoder.core.overview import Bar, Selection, TypesFigure
    from eventcoder.core.report import draw_types

    bars = (Bar("01", "Make public statement", 1, Selection("01")), Bar("04", "Consult", 2, Selection("04")))
    fig = draw_types(TypesFigure("Events by root code", bars))
    ax = fig.axes[0]
    ticks = [t for t in ax.get_yticks() if ax.get_ylim()[0] <= t <= ax.get_ylim()[1]]
    assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks)

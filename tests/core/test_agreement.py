"""Agreement between annotators: hand-computed α, κ and AC1 for codings stored in real project files, read back
through ``eventcoder agreement A.db B.db --json`` (missing events, best-match pairing, three annotators)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from eventcoder.cli import main
from eventcoder.core import commands
from eventcoder.core.model import Document, Event, Origin, Span, Status
from eventcoder.core.store import Project
from eventcoder.core.team.agreement import NO_EVENT, cohen_kappa, gwet_ac1, krippendorff_alpha

# our own article: 8 sentences by the rule segmenter (headline, dateline, six body sentences)
TEXT = """Ministers meet in Lisbon

LISBON, March 3 - Portugal praised Spain for its help with the fires. Spain thanked Portugal on Monday. France \
criticised Italy over the border checks. Italy accused France of ignoring the treaty. Germany offered aid to Greece \
after the storm. The weather stayed calm all week.
"""

# sentence -> (trigger word, source, target)
SENTENCES = {
    "praised": ("PRT", "ESP"),
    "thanked": ("ESP", "PRT"),
    "criticised": ("FRA", "ITA"),
    "accused": ("ITA", "FRA"),
    "offered": ("DEU", "GRC"),
}


def code_file(path, annotator: str, codings: dict[str, str], *, no_trigger: tuple[str, ...] = (),
              done: bool = True) -> Project:
    """A project file in which ``annotator`` coded TEXT: trigger word -> event code (accepted, by hand)."""
    from eventcoder.core.document import sentence_at, sentence_bounds

    project = Project(path, annotator=annotator)
    doc_id, _ = project.add_document(Document(text=TEXT, title="Ministers meet in Lisbon"))
    bounds = sentence_bounds(TEXT)
    for word, code in codings.items():
        start = TEXT.index(word)
        sentence = sentence_at(bounds, start)
        trigger = None
        if word not in no_trigger:
            trigger = project.add_span(Span(doc_id, start, start + len(word), word, layer="trigger", code=code,
                                            status=Status.ACCEPTED.value, origin=Origin.HUMAN.value)).id
        source, target = SENTENCES[word]
        commands.add_event(Event(doc_id, code, source, target, trigger_span_id=trigger, sentence_start=sentence[0],
                                 sentence_end=sentence[1])).apply(project)
    if done:
        commands.set_document_done(project, doc_id, True).apply(project)
    return project


def agreement_json(capsys, *paths) -> dict:
    code = main(["agreement", *map(str, paths), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def close(x, fraction: Fraction) -> bool:
    return x == pytest.approx(float(fraction), abs=1e-6)


def test_two_annotators_hand_computed(tmp_path, capsys):
    # A: 051 051 111 112 073 on the five event sentences; B misses "thanked" (a missing event), codes "accused"
    # as 111 and gives it no trigger (paired by best match)
    a = code_file(tmp_path / "A.db", "ann", {"praised": "051", "thanked": "051", "criticised": "111",
                                            "accused": "112", "offered": "073"})
    b = code_file(tmp_path / "B.db", "bob", {"praised": "051", "criticised": "111", "accused": "111",
                                            "offered": "073"}, no_trigger=("accused",))
    a.close(), b.close()
    got = agreement_json(capsys, tmp_path / "A.db", tmp_path / "B.db")
    assert got["annotators"] == ["ann", "bob"] and got["units"] == 8 and got["slots"] == 5
    # code level, 5 slots: A 051 051 111 112 073 / B 051 (no event) 111 111 073.
    # coincidences: 6 on the diagonal, 4 off it (051~none twice, 112~111 twice); n = 10 values with
    # n_051 = 3, n_none = 1, n_111 = 3, n_112 = 1, n_073 = 2.  D_o = 4/10, D_e = (100 - 24) / 90 = 76/90,
    # alpha = 1 - (4/10) / (76/90) = 10/19.  kappa: p_o = 3/5, p_e = (2*1 + 1*2 + 1*1) / 25 = 1/5, kappa = 1/2.
    # AC1: 5 categories, shares .3 .1 .3 .1 .2, P_e = .76 / 4 = .19, AC1 = (.6 - .19) / .81 = 41/81
    assert close(got["alpha"]["code"], Fraction(10, 19))
    assert close(got["kappa"]["code"], Fraction(1, 2))
    assert close(got["ac1"]["code"], Fraction(41, 81))
    # event level, 8 sentences: A yes on 5, B yes on 4, both no on 3; D_o = 2/16, D_e = (256 - 81 - 49) / 240,
    # alpha = 16/21; kappa: p_o = 7/8, p_e = (5*4 + 3*4) / 64 = 1/2, kappa = 3/4; AC1 = (7/8 - 63/128) / (65/128)
    assert close(got["alpha"]["event"], Fraction(16, 21))
    assert close(got["kappa"]["event"], Fraction(3, 4))
    assert close(got["ac1"]["event"], Fraction(49, 65))
    # source level: only the missing event disagrees (ESP ~ none): D_o = 2/10, D_e = (100 - 18) / 90,
    # alpha = 32/41; kappa = (20/25 - 4/25) / (21/25) = 16/21
    assert close(got["alpha"]["source"], Fraction(32, 41))
    assert close(got["kappa"]["source"], Fraction(16, 21))
    # every figure opens: which events were paired, how, and which counted as missing
    slots = got["explain"]["code"]
    thanked = next(s for s in slots if s["values"]["ann"] == "051" and s["values"]["bob"] == NO_EVENT)
    assert thanked["codings"]["bob"] == "missing" and thanked["codings"]["ann"]["trigger"] == "thanked"
    accused = next(s for s in slots if s["values"]["ann"] == "112")
    assert accused["values"]["bob"] == "111" and accused["codings"]["bob"]["paired_by"] == "best match"
    assert accused["codings"]["bob"]["trigger"] is None and not accused["agree"]
    praised = next(s for s in slots if s["codings"]["ann"]["trigger"] == "praised")
    assert praised["codings"]["bob"]["paired_by"] == "trigger" and praised["agree"]
    confusion = {(c["a"], c["b"]): c["count"] for c in got["confusion"]}
    assert confusion[("111", "112")] == 1 and confusion[(NO_EVENT, "051")] == 1 and confusion[("051", "051")] == 1
    assert got["disagreements"][0]["disagreeing_slots"] == 1


def test_three_annotators_hand_computed(tmp_path, capsys):
    files = [
        code_file(tmp_path / "A.db", "ann", {"criticised": "111", "accused": "112", "offered": "073"}),
        code_file(tmp_path / "B.db", "bob", {"criticised": "111", "accused": "112"}),
        code_file(tmp_path / "C.db", "cho", {"criticised": "111", "accused": "111", "offered": "073"}),
    ]
    for f in files:
        f.close()
    got = agreement_json(capsys, *(tmp_path / n for n in ("A.db", "B.db", "C.db")))
    assert got["annotators"] == ["ann", "bob", "cho"] and got["kappa"] is None
    # code level, 3 slots of 3 values (pairs weigh 1/2): {111,111,111} {112,112,111} {073,none,073}:
    # n = 9 (111: 4, 112: 2, 073: 2, none: 1), off-diagonal 4/9, D_e = (81 - 25) / 72 = 7/9, alpha = 3/7.
    # AC1: P_a = (1 + 1/3 + 1/3) / 3 = 5/9, shares 4/9 2/9 2/9 1/9, P_e = 56/243, AC1 = 79/187
    assert close(got["alpha"]["code"], Fraction(3, 7))
    assert close(got["ac1"]["code"], Fraction(79, 187))
    # event level, 8 sentences x 3: yes 8, no 16; only "offered" disagrees (off-diagonal 2/24),
    # D_e = (576 - 64 - 256) / 552, alpha = 1 - (1/12) / (256/552) = 105/128
    assert close(got["alpha"]["event"], Fraction(105, 128))


def test_only_documents_both_coded_count(tmp_path, capsys):
    """An annotator who did not code a document is not counted there (missing data, not "no event")."""
    a = code_file(tmp_path / "A.db", "ann", {"praised": "051"})
    other = "A second article\n\nPARIS, May 2 - France thanked Spain for the loan. Nothing else happened.\n"
    doc, _ = a.add_document(Document(text=other, title="A second article"))
    start = other.index("thanked")
    commands.add_event(Event(doc, "051", "FRA", "ESP", sentence_start=start - 7, sentence_end=start + 30)).apply(a)
    b = code_file(tmp_path / "B.db", "bob", {"praised": "051"})
    b.add_document(Document(text=other, title="A second article"))  # there, but bob never coded it
    a.close(), b.close()
    got = agreement_json(capsys, tmp_path / "A.db", tmp_path / "B.db")
    assert got["documents"] == 1 and got["units"] == 8
    # one slot, both 051: one value only, alpha undefined (no expected disagreement), AC1 1; the sentences agree
    assert got["alpha"]["code"] is None and got["ac1"]["code"] == 1.0 and got["slots"] == 1
    assert "undefined" in got["levels"]["code"]["note"]
    assert got["alpha"]["event"] == 1.0 and got["kappa"]["event"] == 1.0


def test_krippendorff_textbook_example_with_missing_values():
    """Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the nominal example: 4 coders, 12 units,
    missing values; alpha = 0.743."""
    rows = ["1 2 3 3 2 1 4 1 2 . . .", "1 2 3 3 2 2 4 1 2 5 . 3", ". 3 3 3 2 3 4 2 2 5 1 .",
            "1 2 3 3 2 4 4 1 2 5 1 ."]
    matrix = [[None if v == "." else v for v in row.split()] for row in rows]
    alpha, _ = krippendorff_alpha(matrix)
    assert alpha == pytest.approx(0.743, abs=5e-4)


def test_ac1_stays_high_where_kappa_collapses():
    """One value dominates (9 of 10 units both say yes, one disagreement): kappa is 0, AC1 is 161/181."""
    a = ["yes"] * 9 + ["no"]
    b = ["yes"] * 10
    # p_o = 9/10, p_e = (9*10 + 1*0) / 100 = 9/10: kappa 0.  AC1: shares 19/20, 1/20, P_e = 2 * 19/400 = 38/400,
    # AC1 = (360/400 - 38/400) / (362/400) = 161/181
    assert cohen_kappa(a, b) == pytest.approx(0.0)
    assert gwet_ac1([a, b]) == pytest.approx(161 / 181)


def test_text_report_and_explain(tmp_path, capsys):
    code_file(tmp_path / "A.db", "ann", {"praised": "051", "thanked": "051"}).close()
    code_file(tmp_path / "B.db", "bob", {"praised": "051"}).close()
    with Project(tmp_path / "A.db") as before:
        mark, meta = before.history_mark(), before.get_meta("scheme")
    assert main(["agreement", str(tmp_path / "A.db"), str(tmp_path / "B.db")]) == 0
    out = capsys.readouterr().out
    with Project(tmp_path / "A.db") as after:  # agreement only reads the annotators' files
        assert after.history_mark() == mark and after.get_meta("scheme") == meta is None
    assert "annotators: ann, bob" in out and "kappa" in out and "Spain thanked Portugal" in out
    assert main(["agreement", str(tmp_path / "A.db"), str(tmp_path / "B.db"), "--explain", "code"]) == 0
    out = capsys.readouterr().out
    assert "bob: no event (missing" in out and "paired by trigger)" in out


def reject_suggestion(project: Project, word: str, code: str, source: str, target: str) -> int:
    """A model suggestion on ``word`` of TEXT, rejected by the project's annotator: their "no event here"."""
    from eventcoder.core.document import sentence_at, sentence_bounds

    start = TEXT.index(word)
    sentence = sentence_at(sentence_bounds(TEXT), start)
    trigger = project.add_span(Span(1, start, start + len(word), word, layer="trigger", code=code))
    event = project.add_event(Event(1, code, source, target, trigger_span_id=trigger.id,
                                    sentence_start=sentence[0], sentence_end=sentence[1]))
    commands.set_event_status(project, event.id, Status.REJECTED.value).apply(project)
    return event.id


def test_explain_shows_the_document_sentence_trigger_and_each_coding(tmp_path, capsys):
    """The text ``--explain`` says where each unit is (document, sentence, trigger words) and what each annotator
    coded there; an annotator who rejected the suggestion there said "no event" on purpose: rejected, not missing."""
    code_file(tmp_path / "A.db", "ann", {"praised": "051", "thanked": "051", "criticised": "111"}).close()
    bob = code_file(tmp_path / "B.db", "bob", {"praised": "051", "criticised": "112"})
    rejected = reject_suggestion(bob, "thanked", "051", "ESP", "PRT")
    bob.close()
    assert main(["agreement", str(tmp_path / "A.db"), str(tmp_path / "B.db"), "--explain", "code"]) == 0
    out = capsys.readouterr().out
    units = out.split("\n\n")
    assert units[0].startswith("code level: 3 units, 2 where the annotators differ")
    thanked = next(u for u in units if "thanked" in u)
    assert thanked.startswith("* Ministers meet in Lisbon, sentence 4 (characters ")
    assert '"Spain thanked Portugal on Monday."' in thanked and 'trigger: "thanked"' in thanked
    assert "ann: 051  [051 ESP -> PRT]  (event 2 in " in thanked and "bob: no event (rejected)" in thanked
    assert "missing" not in thanked
    criticised = next(u for u in units if "criticised" in u)
    assert "ann: 111  [111 FRA -> ITA]" in criticised and "bob: 112  [112 FRA -> ITA]" in criticised
    assert "B.db, paired by trigger)" in criticised and criticised.startswith("* ")
    assert next(u for u in units if "praised" in u).startswith("  Ministers meet in Lisbon, sentence 3")
    # the JSON says the same, and the event level names the rejected event
    got = agreement_json(capsys, tmp_path / "A.db", tmp_path / "B.db")
    unit = next(u for u in got["explain"]["code"] if u["trigger"] == "thanked")
    assert unit["codings"]["bob"] == "rejected" and unit["values"]["bob"] == NO_EVENT
    assert unit["document"] == "Ministers meet in Lisbon" and unit["text"] == "Spain thanked Portugal on Monday."
    sentence = next(u for u in got["explain"]["event"] if u["text"] == "Spain thanked Portugal on Monday.")
    assert sentence["values"] == {"ann": "yes", "bob": "no"} and sentence["rejected"]["bob"] == [rejected]
    assert main(["agreement", str(tmp_path / "A.db"), str(tmp_path / "B.db"), "--explain", "event"]) == 0
    assert f"bob: no (rejected event {rejected})" in capsys.readouterr().out


def test_explain_shortens_a_long_sentence():
    from eventcoder.core.team.agreement import SHOWN_SENTENCE, shorten

    long = "Portugal praised Spain " + "and its many friends " * 20 + "for the help."
    short = shorten(long)
    assert len(short) <= SHOWN_SENTENCE and short.endswith("…") and short.startswith("Portugal praised Spain and")
    assert shorten("Spain thanked\nPortugal.") == "Spain thanked Portugal."


def test_agreement_errors_are_one_line(tmp_path, capsys):
    code_file(tmp_path / "A.db", "ann", {"praised": "051"}).close()
    assert main(["agreement", str(tmp_path / "A.db")]) == 1
    assert "needs two annotators" in capsys.readouterr().err
    assert main(["agreement", str(tmp_path / "missing.db"), str(tmp_path / "A.db")]) == 1
    assert "no such project file" in capsys.readouterr().err
    assert main(["agreement", str(tmp_path / "A.db"), str(tmp_path / "A.db"), "--annotators", "ann,zed"]) == 1
    assert "no codings by zed" in capsys.readouterr().err


def test_a_document_marked_done_without_events_says_no_event(tmp_path, capsys):
    """Marking a document done with no event in it is a coding ("nothing here"): the other's events there count
    as disagreements, not as missing data."""
    code_file(tmp_path / "A.db", "ann", {"praised": "051"}).close()
    code_file(tmp_path / "B.db", "bob", {}, done=True).close()
    got = agreement_json(capsys, tmp_path / "A.db", tmp_path / "B.db")
    assert got["documents"] == 1 and got["slots"] == 1
    assert got["explain"]["code"][0]["values"] == {"ann": "051", "bob": NO_EVENT}
    # event level: 8 sentences, ann yes on one, bob no everywhere: D_o = 2/16, D_e = (256 - 1 - 225) / 240,
    # alpha = 1 - (1/8) / (30/240) = 0
    assert got["alpha"]["event"] == pytest.approx(0.0)
    code_file(tmp_path / "C.db", "cho", {}, done=False).close()  # opened, never coded: not counted
    assert main(["agreement", str(tmp_path / "A.db"), str(tmp_path / "C.db")]) == 1
    assert "needs two annotators; found ann in" in capsys.readouterr().err


def test_the_annotator_flag_names_who_changed_what(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Portugal praised Spain for its help with the fires.\n", encoding="utf-8")
    db = tmp_path / "p.db"
    assert main(["--annotator", "zed", "import", str(article), "--db", str(db)]) == 0
    with Project(db) as project:
        assert project.history(1)[0]["who"] == "zed"


def test_nominal_alpha_from_counts_equals_the_package():
    """Large matrices take the closed form (the package's array would not fit); it gives the package's α."""
    import random

    from eventcoder.core.team.agreement import nominal_alpha, pairable_columns

    rng = random.Random(3)
    for _ in range(30):
        coders, units = rng.randint(2, 5), rng.randint(3, 40)
        values = [str(v) for v in range(rng.randint(2, 6))]
        matrix = [[None if rng.random() < 0.2 else rng.choice(values) for _ in range(units)] for _ in range(coders)]
        package, _ = krippendorff_alpha(matrix)
        if package is None:
            continue
        assert nominal_alpha(pairable_columns(matrix)) == pytest.approx(package, abs=1e-9)

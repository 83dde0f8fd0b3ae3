"""The project's own actor dictionary (core/project_actors.py, core/store/actors.py): a code an analyst gives to
an actor mention is remembered (name -> code, from its document's date) and used by later suggestions in every
document, before the built-in dictionaries; analysts add, change and remove entries (undoable), and export them
as a PETRARCH actors file that the loader reads back. The names are invented for these tests."""

from __future__ import annotations

import pytest

from eventcoder.cli import main
from eventcoder.core import commands, pipeline
from eventcoder.core import project_actors as pa
from eventcoder.core.dictionaries import ActorCode, ActorEntry, parse_actors
from eventcoder.core.errors import StoreError
from eventcoder.core.model import Document, Layer, Span, Status
from eventcoder.core.schemes import check_scheme_file, load_scheme
from eventcoder.core.session import CodingSession
from eventcoder.core.store import Project

FIRST = "Zorvan Kettel accused the Russian government of lying about the attack."
SECOND = "On Tuesday Zorvan Kettel criticised the Chinese foreign ministry."


@pytest.fixture(scope="module")
def cameo():
    return load_scheme("cameo")


def _span(project: Project, doc_id: int, text: str) -> Span:
    found = [s for s in project.spans(doc_id, layer=Layer.ACTOR.value) if s.text == text]
    assert found, [s.text for s in project.spans(doc_id)]
    return found[0]


def _code_of(project: Project, doc_id: int, text: str) -> str | None:
    return _span(project, doc_id, text).code


def test_an_actor_coded_in_one_document_is_suggested_in_the_next(project, cameo):
    d1, _ = project.add_document(Document(text=FIRST, published="2023-05-02"))
    d2, _ = project.add_document(Document(text=SECOND, published="2023-06-10"))
    pipeline.code_documents(project, cameo, [d1])
    assert _code_of(project, d1, "Zorvan Kettel") is None  # nobody knows the name yet
    assert pa.project_actors(project) == []

    session = CodingSession(project, cameo)
    session.open_document(d1)
    span = _span(project, d1, "Zorvan Kettel")
    assert session.do(lambda: commands.relabel_span(project, span.id, code="NORGOV")) is not None

    learned = pa.project_actors(project)
    assert [(a.key, a.code, a.start, a.source, a.mentions) for a in learned] == [
        ("ZORVAN KETTEL", "NORGOV", "2023-05-02", pa.LEARNED, 1)]
    pipeline.code_documents(project, cameo, [d2])
    assert _code_of(project, d2, "Zorvan Kettel") == "NORGOV"
    events = project.events(d2)
    assert [(e.event_code, e.source_code, e.target_code) for e in events] == [("111", "NORGOV", "CHNGOV")]

    # undoing the coding undoes what was learned: coded again, the name is unknown again
    assert session.undo()
    assert pa.project_actors(project) == []
    pipeline.code_documents(project, cameo, [d2])
    assert _code_of(project, d2, "Zorvan Kettel") is None
    assert not [e for e in project.events(d2) if e.source_code == "NORGOV"]


def test_an_accepted_event_teaches_its_actor_codes(project, cameo):
    """Accepting an event accepts its actor spans with their codes: a name coded through the event editor is
    learned as well (here the source typed on an event whose source had no code)."""
    d1, _ = project.add_document(Document(text="Zorvan Kettel met the Chinese foreign minister in Oslo.",
                                          published="2022-01-10"))
    d2, _ = project.add_document(Document(text=SECOND, published="2023-06-10"))
    pipeline.code_documents(project, cameo, [d1])
    span = _span(project, d1, "Zorvan Kettel")
    session = CodingSession(project, cameo)
    session.open_document(d1)
    event = session.new_event("040", at=0, source=span, target=_span(project, d1, "Chinese foreign minister"))
    assert event is not None and event.source_code is None  # the words, no code yet
    assert session.edit_event(event.id, roles={"source": commands.RoleWords("NORGOV", span.id, picked=True)})
    assert project.get_event(event.id).source_code == "NORGOV"
    assert _span(project, d1, "Zorvan Kettel").status == Status.ACCEPTED
    pipeline.code_documents(project, cameo, [d2])
    assert _code_of(project, d2, "Zorvan Kettel") == "NORGOV"


def test_a_mapped_scheme_uses_the_project_actors_too(project):
    """PLOVER codes with CAMEO's verbs mapped to its types: the project's actors come before its dictionaries."""
    plover = load_scheme("plover")
    pa.add_actor("Zorvan Kettel", "NORGOV").apply(project)
    doc_id, _ = project.add_document(Document(text=SECOND, published="2023-06-10"))
    pipeline.code_documents(project, plover, [doc_id])
    assert _code_of(project, doc_id, "Zorvan Kettel") == "NORGOV"
    assert {e.source_code for e in project.events(doc_id)} == {"NORGOV"}


def test_dated_entries_code_each_document_by_its_date(project, cameo):
    commands_ = [pa.add_actor("Amira Tolvend", "PRTGOV", end="2016-12-31"),
                 pa.add_actor("Amira Tolvend", "IGOUNO", start="2017-01-01")]
    for c in commands_:
        c.apply(project)
    text = "Amira Tolvend criticised the Chinese foreign ministry."
    ids = {when: project.add_document(Document(text=text + f" ({when})", published=when or None))[0]
           for when in ("2015-03-01", "2020-03-01", "")}
    pipeline.code_documents(project, cameo, list(ids.values()))
    assert _code_of(project, ids["2015-03-01"], "Amira Tolvend") == "PRTGOV"
    assert _code_of(project, ids["2020-03-01"], "Amira Tolvend") == "IGOUNO"
    assert _code_of(project, ids[""], "Amira Tolvend") == "IGOUNO"  # no date: the newest code


def test_learned_codes_are_dated_by_their_documents(project, cameo):
    """A name coded PRTGOV in 2010 and IGOUNO in 2018 documents: each code from the date it was first given."""
    docs = [(f"Amira Tolvend spoke in Lisbon ({year}).", f"{year}-06-01", code)
            for year, code in ((2010, "PRTGOV"), (2012, "PRTGOV"), (2018, "IGOUNO"))]
    for text, when, code in docs:
        doc_id, _ = project.add_document(Document(text=text, published=when))
        commands.add_span(Span(doc_id, 0, 13, "Amira Tolvend", Layer.ACTOR.value, code)).apply(project)
    actors = {a.code: a for a in pa.project_actors(project)}
    assert (actors["PRTGOV"].start, actors["PRTGOV"].end, actors["PRTGOV"].mentions) == ("2010-06-01", "2018-05-31", 2)
    assert (actors["IGOUNO"].start, actors["IGOUNO"].end) == ("2018-06-01", None)
    entry = pa.dictionary_entries(actors.values())[0]
    assert entry.resolve("2011-01-01") == ["PRTGOV"] and entry.resolve("2019-01-01") == ["IGOUNO"]
    assert entry.resolve(None) == ["IGOUNO"] and entry.resolve("2001-01-01") == ["IGOUNO"]
    later, _ = project.add_document(Document(text="Amira Tolvend criticised the Chinese foreign ministry.",
                                             published="2011-02-02"))
    pipeline.code_documents(project, cameo, [later])
    assert _code_of(project, later, "Amira Tolvend") == "PRTGOV"


def test_a_name_coded_in_an_undated_document_codes_on_every_date(project, cameo):
    doc_id, _ = project.add_document(Document(text="Zorvan Kettel spoke in Oslo."))
    commands.add_span(Span(doc_id, 0, 13, "Zorvan Kettel", Layer.ACTOR.value, "NORGOV")).apply(project)
    (actor,) = pa.project_actors(project)
    assert (actor.start, actor.end, actor.code) == (None, None, "NORGOV")
    dated, _ = project.add_document(Document(text=SECOND, published="2019-04-04"))
    pipeline.code_documents(project, cameo, [dated])
    assert _code_of(project, dated, "Zorvan Kettel") == "NORGOV"


def test_project_entries_come_before_the_built_in_dictionary_only_where_they_hold(project, cameo):
    """Vladimir Putin is in the built-in dictionary (RUSGOV today). A project entry for the same words wins on the
    dates it covers; on other dates the built-in codes still decide."""
    pa.add_actor("Vladimir Putin", "RUSELIX", start="2030-01-01").apply(project)
    text = "Vladimir Putin criticised the Chinese foreign ministry."
    now, _ = project.add_document(Document(text=text, published="2023-03-01"))
    future, _ = project.add_document(Document(text=text + " Again.", published="2031-03-01"))
    pipeline.code_documents(project, cameo, [now, future])
    assert _code_of(project, now, "Vladimir Putin") == "RUSGOV"
    assert _code_of(project, future, "Vladimir Putin") == "RUSELIX"
    # the shared rule coder is left as it was
    assert pipeline.rules_coder(cameo).actors.lookup("VLADIMIR PUTIN").resolve("2031-03-01") == ["RUSGOV"]


def test_with_entries_merges_same_words_and_keeps_longer_phrases(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("GONDOR [GON]\nGONDOR_ARMY [GONMIL]\nARNOR [ARN]\n", encoding="utf-8")
    base = parse_actors([path])
    extra = ActorEntry("Gondor", [ActorCode("GONGOV", 20200101, None)], "project actors", 0,
                       ActorCode("GONGOV", 20200101, None))
    merged = base.with_entries([extra])
    assert merged.lookup("Gondor").resolve("2021-01-01") == ["GONGOV"]
    assert merged.lookup("Gondor").resolve("2019-01-01") == ["GON"]  # before the project's code: the built-in
    assert merged.lookup("Gondor").resolve(None) == ["GONGOV"]
    assert merged.index.match_at(["GONDOR", "ARMY"], 0)[0] == 2  # the longer built-in phrase still wins
    assert merged.lookup("Arnor").resolve(None) == ["ARN"]
    assert base.lookup("Gondor").resolve("2021-01-01") == ["GON"]  # the base is unchanged


def test_pronouns_titles_and_role_words_are_not_learned(project, cameo):
    doc_id, _ = project.add_document(Document(text="She said the Minister and the President met in Oslo.",
                                              published="2022-01-01"))
    for start, text in ((0, "She"), (9, "the Minister"), (26, "the President"), (44, "Oslo")):
        commands.add_span(Span(doc_id, start, start + len(text), text, Layer.ACTOR.value, "NORGOV")).apply(project)
    learned = pa.project_actors(project)
    assert {a.key for a in learned} == {"MINISTER", "PRESIDENT", "OSLO"}  # "She" is no name
    agents = pipeline.rules_coder(cameo).agents
    assert [e.name for e in pa.dictionary_entries(learned, agents)] == ["OSLO"]  # role words code nothing
    assert pa.looks_like_name("US") and not pa.looks_like_name("they") and not pa.looks_like_name("It")
    lists, _ = project.add_document(Document(text="Gondor, Arnor and Rohan met.", published="2022-01-01"))
    commands.add_span(Span(lists, 0, 22, "Gondor, Arnor and Rohan", Layer.ACTOR.value, "GON")).apply(project)
    assert "GONDOR , ARNOR AND ROHAN" not in {a.key for a in pa.project_actors(project)}  # a list is no name


def test_a_learned_name_matches_without_its_article_and_possessive(project, cameo):
    doc_id, _ = project.add_document(Document(text="The Varnholt Council's envoy spoke.", published="2022-01-01"))
    commands.add_span(Span(doc_id, 0, 24, "The Varnholt Council's", Layer.ACTOR.value, "NORGOV")).apply(project)
    (actor,) = pa.project_actors(project)
    assert actor.key == "VARNHOLT COUNCIL"
    later, _ = project.add_document(Document(text="Members of the Varnholt Council criticised the Chinese foreign "
                                             "ministry.", published="2022-02-01"))
    pipeline.code_documents(project, cameo, [later])
    assert _code_of(project, later, "Varnholt Council") == "NORGOV"


def test_add_change_remove_are_undoable_and_version_checked(project):
    doc_id, _ = project.add_document(Document(text="Amira Tolvend spoke.", published="2021-01-01"))
    commands.add_span(Span(doc_id, 0, 13, "Amira Tolvend", Layer.ACTOR.value, "PRTGOV")).apply(project)
    (learned,) = pa.project_actors(project)

    undo_remove = pa.remove_actor(learned).apply(project)  # a learned entry is suppressed
    assert pa.project_actors(project) == []
    assert [a.source for a in pa.project_actors(project, include_suppressed=True)] == ["suppressed"]
    undo_remove.apply(project)
    assert pa.project_actors(project) == [learned]

    undo_change = pa.change_actor(learned, code="IGOUNO", start="2017-01-01").apply(project)
    (changed,) = pa.project_actors(project)
    assert (changed.code, changed.start, changed.source) == ("IGOUNO", "2017-01-01", pa.ADDED)
    undo_change.apply(project)  # one step: the suppression and the new entry go together
    assert pa.project_actors(project) == [learned]

    undo_add = pa.add_actor("Zorvan Kettel", "norgov").apply(project)
    (added,) = [a for a in pa.project_actors(project) if a.source == pa.ADDED]
    assert (added.code, added.key) == ("NORGOV", "ZORVAN KETTEL")
    undo_edit = pa.change_actor(added, end="2024-12-31").apply(project)
    stale = pa.change_actor(added, code="SWEGOV")  # made from the entry as it was before the edit
    with pytest.raises(StoreError, match="changed elsewhere"):
        stale.apply(project)
    undo_edit.apply(project)
    redo_add = undo_add.apply(project)
    assert [a.source for a in pa.project_actors(project)] == [pa.LEARNED]
    redo_add.apply(project)  # the entry comes back under its own id
    assert [a.entry_id for a in pa.project_actors(project) if a.source == pa.ADDED] == [added.entry_id]


def test_bad_entries_are_refused_with_a_clear_error(project):
    with pytest.raises(pa.ActorEntryError, match="not a date"):
        pa.add_actor("Zorvan Kettel", "NORGOV", start="2023-02-30")
    with pytest.raises(pa.ActorEntryError, match="starts .* after it ends"):
        pa.add_actor("Zorvan Kettel", "NORGOV", start="2024-01-01", end="2023-01-01")
    with pytest.raises(pa.ActorEntryError, match="no words"):
        pa.add_actor("the", "NORGOV")
    with pytest.raises(pa.ActorEntryError, match="one code without spaces"):
        pa.add_actor("Zorvan Kettel", "NOR GOV")
    assert project.actor_entries() == []


def test_export_is_a_petrarch_actors_file_the_loader_reads_back(project, cameo, tmp_path, capsys):
    pa.add_actor("Amira Tolvend", "PRTGOV", end="2016-12-31").apply(project)
    pa.add_actor("Amira Tolvend", "IGOUNO", start="2017-01-01").apply(project)
    pa.add_actor("Zorvan Kettel", "NORGOV").apply(project)
    pa.add_actor("Al-Varna Front", "NORREB", start="2020-02-01", end="2021-03-31").apply(project)
    out = tmp_path / "project.actors.txt"
    assert pa.export_petrarch(project, out) == 3
    read = parse_actors([out])
    assert read.problems == []
    mine = {e.name: e for e in pa.dictionary_entries(pa.project_actors(project))}  # by the words they match
    assert len(read.entries) == 3
    for name in ("Amira Tolvend", "Zorvan Kettel", "Al-Varna Front"):
        back = read.lookup(name)
        assert back is not None
        assert [(c.code, c.start, c.end) for c in back.codes] == \
            [(c.code, c.start, c.end) for c in mine[pa.name_key(name)].codes]
    assert read.lookup("Amira Tolvend").resolve("2015-01-01") == ["PRTGOV"]
    assert read.lookup("Amira Tolvend").resolve("2019-01-01") == ["IGOUNO"]
    # a scheme that adds it to CAMEO's actors validates and codes with it
    scheme_file = tmp_path / "mine.yaml"
    scheme_file.write_text('name: MINE\nversion: "1"\ndescription: CAMEO and a project\'s actors.\nextends: cameo\n'
                           f'dictionaries:\n  actors: ["@base", {out.name}]\n', encoding="utf-8")
    assert check_scheme_file(scheme_file).errors == []
    assert main(["scheme", "validate", str(scheme_file)]) == 0
    assert "ok" in capsys.readouterr().out
    mine_scheme = load_scheme(scheme_file)
    coded = pipeline.rules_coder(mine_scheme).code_text("Zorvan Kettel criticised the Chinese foreign ministry.")
    assert [s.code for s in coded.spans if s.text == "Zorvan Kettel"] == ["NORGOV"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_lists_adds_removes_and_exports(tmp_path, capsys):
    db = str(tmp_path / "cli.db")
    with Project(db) as project:
        doc_id, _ = project.add_document(Document(text="Amira Tolvend spoke.", published="2021-01-01"))
        commands.add_span(Span(doc_id, 0, 13, "Amira Tolvend", Layer.ACTOR.value, "PRTGOV")).apply(project)
    code, out, _ = run(capsys, "actors", "add", "Zorvan Kettel", "norgov", "--from", "2023-01-01", "--db", db)
    assert code == 0 and "Zorvan Kettel → NORGOV from 2023-01-01" in out
    code, out, _ = run(capsys, "actors", "add", "Amira Tolvend", "IGOUNO", "--from", "2017-01-01", "--db", db)
    code, out, err = run(capsys, "actors", "list", "--db", db)
    assert code == 0 and "Zorvan Kettel" in out and "NORGOV" in out and "from 2023-01-01" in out
    assert "learned from 1 mention(s)" in out and "3 entries" in err
    code, out, _ = run(capsys, "actors", "list", "--json", "--db", db)
    assert sorted(line.count('"code"') for line in out.splitlines()) == [1, 1, 1]

    code, _, err = run(capsys, "actors", "remove", "Amira Tolvend", "--db", db)
    assert code == 1 and "several codes (IGOUNO, PRTGOV): say which with --code" in err
    code, out, _ = run(capsys, "actors", "remove", "Amira Tolvend", "--code", "PRTGOV", "--db", db)
    assert code == 0 and "removed: Amira Tolvend (PRTGOV)" in out
    code, _, err = run(capsys, "actors", "remove", "Nobody Known", "--db", db)
    assert code == 1 and "no actor entry 'Nobody Known'" in err and "Traceback" not in err
    code, _, err = run(capsys, "actors", "add", "Zorvan Kettel", "NORGOV", "--until", "2023-02-31", "--db", db)
    assert code == 1 and "end date '2023-02-31' is not a date" in err

    code, _, err = run(capsys, "actors", "export", "--db", db)
    assert code == 1 and "needs --petrarch FILE" in err
    code, _, err = run(capsys, "actors", "export", "--db", db, "--petrarch", str(tmp_path))
    assert code == 1 and "is a folder" in err
    target = tmp_path / "out" / "actors.txt"
    code, _, err = run(capsys, "actors", "export", "--db", db, "--petrarch", str(target))
    assert code == 1 and "cannot write the actors file" in err and not target.exists()
    target = tmp_path / "actors.txt"
    code, out, _ = run(capsys, "actors", "export", "--db", db, "--petrarch", str(target))
    assert code == 0 and "2 name(s) written" in out
    read = parse_actors([target])
    assert read.problems == [] and read.lookup("Zorvan Kettel").resolve("2024-01-01") == ["NORGOV"]
    assert read.lookup("Amira Tolvend").resolve("2024-01-01") == ["IGOUNO"]

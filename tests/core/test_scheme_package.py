"""What core decides that the window only shows: a code's neighbours, whether a scheme is built in, and the
alternatives offered for an event (Alt+1/2/3) before there is a learner."""

from __future__ import annotations

import shutil

from eventcoder.core import pipeline
from eventcoder.core.model import Document, Event
from eventcoder.core.schemes import BUILTIN_DIR, join_values, load_scheme, split_values


def test_the_neighbours_of_a_code_are_its_siblings_else_its_parent(tmp_path):
    cameo = load_scheme("cameo")
    assert cameo.neighbours("112") == ["110", "111", "113"]
    assert cameo.neighbours("112", k=1) == ["110"]
    assert cameo.neighbours("04") == [] and cameo.neighbours("nonsense") == [] and cameo.neighbours(None) == []
    path = tmp_path / "mini.yaml"
    path.write_text('name: Mini\nevent_types:\n  - {code: "1", label: Meet}\n'
                    '  - {code: "11", label: Visit, parent: "1"}\n', encoding="utf-8")
    assert load_scheme(path).neighbours("11") == ["1"]


def test_a_copy_of_a_builtin_scheme_elsewhere_is_the_analysts_own(tmp_path):
    assert load_scheme("cameo").is_builtin and load_scheme("plover").is_builtin
    copy = tmp_path / "schemes"
    shutil.copytree(BUILTIN_DIR, copy)
    assert not load_scheme(copy / "plover.yaml").is_builtin


def test_without_a_learner_the_alternatives_are_the_neighbours(project):
    cameo = load_scheme("cameo")
    doc_id, _ = project.add_document(Document(text="Spain accused Portugal of spying."))
    event = project.add_event(Event(doc_id, event_code="112", sentence_start=0, sentence_end=33))
    assert pipeline.event_alternatives(project, event, cameo) == [("110", None), ("111", None), ("113", None)]
    assert pipeline.event_alternatives(project, event, cameo, k=2, use_learner=False) == [("110", None), ("111", None)]
    assert pipeline.event_alternatives(project, None, cameo) == []


def test_a_multi_valued_attribute_in_the_schemes_spelling_and_as_stored():
    plover = load_scheme("plover")
    context = plover.attributes["context"]
    assert context.multiple and context.values_for("NOSUCHTYPE") == context.values
    first, second = context.values[:2]
    spelled, unknown = context.spelled([first.upper(), second, first, "no such context"], None)
    assert spelled == [first, second, "no such context"] and unknown == ["no such context"]
    assert join_values(spelled[:2]) == f"{first}|{second}" and split_values(f" {first} || {second} ") == [first, second]
    assert join_values([]) is None and split_values(None) == []


def test_an_actor_code_in_words():
    cameo = load_scheme("cameo")
    assert cameo.actor_names("RUSGOV") == [cameo.actor_codes["RUS"].name, cameo.actor_codes["GOV"].name]
    assert cameo.actor_names("rus") == [cameo.actor_codes["RUS"].name]
    assert cameo.actor_names(None) == [] and cameo.actor_names("") == []

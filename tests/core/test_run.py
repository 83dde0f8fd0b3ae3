"""Coding stored documents with the real model and CAMEO dictionaries: idempotent, analyst decisions kept."""

import pytest

from eventcoder.core import commands
from eventcoder.core.io.importers import import_paths
from eventcoder.core.schemes import load_scheme
from eventcoder.core.suggest.run import code_documents

from ..conftest import SEEDS


@pytest.fixture(scope="module")
def cameo():
    return load_scheme("cameo")


def test_recoding_the_seed_is_idempotent_and_keeps_decisions(project, cameo):
    (doc_id,) = [i for _, i in import_paths(project, [SEEDS]).imported]
    first = code_documents(project, cameo, [doc_id])
    assert first["documents"] == 1 and first["events"] >= 4
    events = project.events(doc_id)
    spans = project.spans(doc_id)
    assert {e.origin for e in events} == {"model"} and all(e.evidence for e in events)
    by_code = {e.event_code: e for e in events}
    threat = next(e for e in events if e.event_code.startswith("13"))
    assert threat.source_code == "USA"
    assert any(e.event_code.startswith("05") and {e.source_code, e.target_code} == {"IND", "RUS"} for e in events)
    assert len(events) < 20  # "not much else": no event for every "said"

    again = code_documents(project, cameo, [doc_id])
    assert again["events"] == len(events) and len(project.events(doc_id)) == len(events)
    assert len(project.spans(doc_id)) == len(spans)

    commands.accept_event(project, threat.id).apply(project)
    rejected = next(e for e in events if e.id != threat.id)
    commands.reject_event(project, rejected.id).apply(project)
    third = code_documents(project, cameo, [doc_id])
    assert third["already_decided"] == 2
    after = {e.id: e for e in project.events(doc_id)}
    assert after[threat.id].status == "accepted" and after[rejected.id].status == "rejected"
    assert len(after) == len(events)  # nothing suggested twice
    assert all(isinstance(code, str) for code in by_code)

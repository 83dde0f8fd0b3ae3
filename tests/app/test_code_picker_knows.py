"""The event editor's code field answers "is this a code" with the scheme's one rule (CodingScheme.knows): a code
typed is taken (a CAMEO root as its "not specified" code), an old name (a PLOVER alias with one target) is
taken as the code it now names, and text that is no code leaves it to the highlighted row. Real widgets."""

from __future__ import annotations

from eventcoder.app.event_editor import CodePicker
from eventcoder.core.schemes import load_scheme


def _picker(qtbot, name: str) -> CodePicker:
    picker = CodePicker()
    qtbot.addWidget(picker)
    picker.set_scheme(load_scheme(name))
    return picker


def test_typed_codes_and_old_names_resolve_to_current_codes(qtbot):
    plover = _picker(qtbot, "plover")
    assert plover.scheme.knows("DISAPPROVE") and "DISAPPROVE" not in plover.scheme.event_types
    plover.line.setText("ACCUSE")
    assert plover.resolve() == "ACCUSE"
    plover.line.setText("DISAPPROVE")  # an old name of ACCUSE
    assert plover.resolve() == "ACCUSE"
    cameo = _picker(qtbot, "cameo")
    cameo.line.setText("112")
    assert cameo.resolve() == "112"
    cameo.line.setText("02")  # a root category: its "not specified below" code
    assert cameo.resolve() == "020"

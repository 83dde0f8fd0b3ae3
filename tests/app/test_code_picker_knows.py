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


def test_the_picker_reads_a_typed_code_by_the_command_lines_rule(qtbot):
    """What the picker takes from its text is core's ``typed_event_code`` (``eventcoder edit --code`` reads it so);
    only text naming no one code falls to the highlighted row, which the command line has not."""
    from eventcoder.core.session import event_code_for, typed_event_code

    for name, texts in (("cameo", ("111", "111 Accuse", "02", "0", "19", "accuse")),
                        ("plover", ("ACCUSE", "DISAPPROVE", "protest", "YIELD"))):
        picker = _picker(qtbot, name)
        for text in texts:
            picker.line.setText(text)
            picker._filter(text)
            core = typed_event_code(picker.scheme, text)
            if core is not None:
                assert picker.resolve() == core, (name, text)
            else:  # the list's highlighted row (a code of the scheme), if any row matches the text
                current = picker.tree.currentIndex()
                row = picker.resolve()
                assert row == (event_code_for(picker.scheme, current.data()) if current.isValid() else None)
                assert row is None or picker.scheme.knows(row), (name, text, row)
    assert typed_event_code(load_scheme("plover"), "YIELD") is None and picker.resolve() is None  # no row matches

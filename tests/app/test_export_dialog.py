"""File ▸ Export: every registered format, folders for brat, spaCy alignment warnings shown."""

from __future__ import annotations

from pathlib import Path

from eventcoder.app import dialogs, main_window
from eventcoder.core.io.exporters import export_formats
from eventcoder.core.model import Span


def test_dialog_offers_every_format_with_defaults_in_exports(window, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exports").mkdir()
    formats = export_formats()
    dialog = dialogs.ExportDialog(window, formats, main_window.exports_dir(), "coding")
    offered = [dialog.format_box.itemData(i) for i in range(dialog.format_box.count())]
    assert set(offered) == set(formats) >= {"csv", "tsv", "jsonl", "brat", "spacy", "doccano"}
    assert main_window.exports_dir() == tmp_path / "exports"
    assert Path(dialog.path.text()).parent == main_window.exports_dir()
    dialog.format_box.setCurrentIndex(offered.index("spacy"))
    assert dialog.path.text().endswith("coding-accepted.spacy") and "binary" in dialog.note.text()
    asked = []
    monkeypatch.setattr(dialogs, "ask_export_folder", lambda parent, default: asked.append("folder") or str(tmp_path))
    monkeypatch.setattr(dialogs, "ask_export_path", lambda *a: asked.append("file") or str(tmp_path / "x.jsonl"))
    dialog.format_box.setCurrentIndex(offered.index("brat"))
    dialog.browse()  # brat writes a folder: a directory dialog
    assert asked == ["folder"] and dialog.choice() == dialogs.ExportChoice("brat", "accepted", str(tmp_path))
    dialog.format_box.setCurrentIndex(offered.index("doccano"))
    dialog.status_box.setCurrentIndex(1)
    dialog.browse()
    assert asked == ["folder", "file"]
    assert dialog.choice() == dialogs.ExportChoice("doccano", None, str(tmp_path / "x.jsonl"))
    dialog.deleteLater()


def test_brat_folder_and_spacy_warnings(window, monkeypatch, tmp_path):
    project = window.session.project
    doc = window.session.doc.document
    start = doc.text.index("Lavrov")
    project.add_span(Span(doc.id, start + 1, start + 4, doc.text[start + 1:start + 4], status="accepted"))
    folder = tmp_path / "brat"
    monkeypatch.setattr(dialogs, "ask_export", lambda *a: dialogs.ExportChoice("brat", None, str(folder)))
    window.export()
    assert window.io.current is not None and window.io.current.wait(30_000)  # written in the background
    assert sorted(p.suffix for p in folder.iterdir() if p.suffix in (".txt", ".ann")) == [".ann", ".txt"]
    shown = []
    monkeypatch.setattr(dialogs, "show_warnings", lambda parent, title, head, lines: shown.append((head, lines)))
    out = tmp_path / "train.spacy"
    monkeypatch.setattr(dialogs, "ask_export", lambda *a: dialogs.ExportChoice("spacy", None, str(out)))
    window.export()
    assert window.io.current is not None and window.io.current.wait(30_000)
    assert out.stat().st_size > 0
    assert shown and any("token boundaries" in line or "no token" in line for line in shown[0][1])
    assert "Exported" in window.statusBar().currentMessage()

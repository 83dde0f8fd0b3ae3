"""New-user trial: text that is not UTF-8 is read right and the import says which encoding it assumed; a
document without a headline is titled by its words after the dateline, not by the dateline."""

from __future__ import annotations

import subprocess
import sys

import pytest

from eventcoder.core.io.importers import import_paths
from eventcoder.core.io.textfiles import decode_bytes, encoding_notes
from eventcoder.core.model import Document
from eventcoder.core.store import Project

WESTERN = [  # (language, text): each written as Windows-1252 / Latin-1 by an editor that is not set to UTF-8
    ("es", "Pedro Sánchez dijo el martes que el señor presidente llegará mañana a Madrid."),
    ("es", "Mañana"),
    ("es", "¿Qué pasará con el acuerdo? El señor ministro no lo sabe."),
    ("fr", "Le président français a rencontré à Bruxelles les ministres étrangers. « Très bien », a-t-il dit."),
    ("de", "Der Bürgermeister äußerte sich am Montag über die Straße und die Brücke in München."),
    ("pt", "O ministro português disse que a reunião em Lisboa não terá mudanças."),
    ("it", "Il presidente ha detto che la città è pronta e che l'accordo sarà firmato."),
    ("da", "Statsministeren sagde på mødet i København, at Danmark vil øge støtten."),
    ("en", "Pedro Sánchez met François Hollande and Angela Müller in Zürich – “a good day”, he said."),
]
CENTRAL = [  # written as Windows-1250
    ("pl", "Prezydent Polski spotkał się w czwartek z premierem. Rozmowy dotyczyły współpracy i bezpieczeństwa."),
    ("cs", "Předseda vlády se ve čtvrtek setkal s prezidentem republiky. Jednání se týkala spolupráce a bezpečnosti."),
]


@pytest.mark.parametrize(("language", "text"), WESTERN)
def test_western_european_text_not_utf8_is_read_as_windows_1252(language, text):
    for encoding in ("cp1252", "latin-1"):
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:  # “ ” – are in Windows-1252, not in Latin-1
            continue
        with encoding_notes() as notes:
            assert decode_bytes(data, "news.txt") == text
        assert notes == [("news.txt", "cp1252")]


@pytest.mark.parametrize(("language", "text"), CENTRAL)
def test_central_european_text_is_still_read_as_windows_1250(language, text):
    with encoding_notes() as notes:
        assert decode_bytes(text.encode("cp1250"), "news.txt") == text
    assert notes == [("news.txt", "cp1250")]


def test_utf8_is_read_without_a_note():
    with encoding_notes() as notes:
        assert decode_bytes("Mañana, señor".encode(), "news.txt") == "Mañana, señor"
    assert notes == []


def test_the_import_stores_the_right_letters_and_warns_naming_the_file_and_encoding(tmp_path):
    latin = tmp_path / "sanchez.txt"
    latin.write_bytes("Pedro Sánchez habló con el señor alcalde. Mañana habrá otra reunión.".encode("latin-1"))
    polish = tmp_path / "polska.txt"
    polish.write_bytes(CENTRAL[0][1].encode("cp1250"))
    plain = tmp_path / "plain.txt"
    plain.write_text("The envoys met on Monday.", encoding="utf-8")
    db = tmp_path / "news.db"
    run = subprocess.run([sys.executable, "-m", "eventcoder.cli", "import", str(tmp_path), "--db", str(db)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if line.startswith("warning: ")]
    assert sorted(warnings) == sorted([
        f"warning: {polish}: not UTF-8; read as Windows-1250 (Central European). If accented letters look wrong, "
        "save the file as UTF-8 and import it again",
        f"warning: {latin}: not UTF-8; read as Windows-1252 (Western European). If accented letters look wrong, "
        "save the file as UTF-8 and import it again",
    ])
    with Project(db) as project:
        texts = {project.get_document(i).source: project.get_document(i).text for i in project.document_ids()}
    assert texts["sanchez.txt"] == "Pedro Sánchez habló con el señor alcalde. Mañana habrá otra reunión."
    assert texts["polska.txt"] == CENTRAL[0][1]


DATELINED = "KYIV, June 1, 2023 (Wire) - Ukraine said on Thursday it had shot down 30 drones over the capital. " \
    "Officials said nobody was hurt."


def test_a_document_without_a_headline_is_titled_after_its_dateline(tmp_path):
    (tmp_path / "kyiv.txt").write_text(DATELINED + "\n", encoding="utf-8")
    (tmp_path / "feed.jsonl").write_text(
        '{"text": "NAIROBI (Reuters) -- Police fired tear gas at protesters on Tuesday. More followed."}\n'
        '{"text": "Talks resume\\n\\nGENEVA, May 2 - The two sides met."}\n', encoding="utf-8")
    with Project(tmp_path / "news.db") as project:
        report = import_paths(project, [tmp_path / "kyiv.txt", tmp_path / "feed.jsonl"])
        assert not report.refused
        titles = [project.get_document(i).title for i in project.document_ids()]
        # a document stored without a title by any other path takes the same rule
        doc_id, _ = project.add_document(Document(
            text="BAMAKO, Jan 14, 2022 - Mali told the envoy to leave within 72 hours. He left."))
        titles.append(project.get_document(doc_id).title)
    assert titles == [
        "Ukraine said on Thursday it had shot down 30 drones over the capital.",
        "Police fired tear gas at protesters on Tuesday.",
        "Talks resume",
        "Mali told the envoy to leave within 72 hours.",
    ]


def test_a_file_imported_again_is_skipped_without_repeating_its_encoding_warning(tmp_path):
    """The second import of a Windows-1252 file skips it as imported already: it says so, and only that (the
    decoding was warned of when the text came in; nothing is read into the project this time)."""
    latin = tmp_path / "docs" / "sanchez.txt"
    latin.parent.mkdir()
    latin.write_bytes("Pedro Sánchez habló con el señor alcalde. Mañana habrá otra reunión.".encode("cp1252"))
    db = tmp_path / "news.db"
    first = subprocess.run([sys.executable, "-m", "eventcoder.cli", "import", str(latin), "--db", str(db)],
                           capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert f"warning: {latin}: not UTF-8; read as Windows-1252" in first.stderr
    again = subprocess.run([sys.executable, "-m", "eventcoder.cli", "import", str(latin), "--db", str(db)],
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "0 imported, 1 skipped, 0 refused" in again.stdout
    assert f"skipped {latin}: same text as document 1" in again.stdout
    assert "warning" not in again.stderr and "UTF-8" not in again.stderr + again.stdout
    with Project(db) as project:  # the same through import_paths, as the window imports
        report = import_paths(project, [latin])
    assert report.skipped and not report.warnings

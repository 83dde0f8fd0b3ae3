"""ICEWS-style tab-separated export: the column names of the ICEWS coded event data files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from ..store import Project
from .export_base import CSV_COLUMNS, EXTRA_FIELDS, event_tuples, exporter, write_table

if TYPE_CHECKING:
    from ..schemes import CodingScheme

ICEWS_COLUMNS = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
    "note",  # the analyst's note on the event (not an ICEWS column)
)

ICEWS_NUMERIC = frozenset({"Event ID", "Intensity", "Sentence Number", "Latitude", "Longitude"})
# Free text (the article's words, the scheme's event label, the publisher, the analyst's note): the only columns
# a formula guard touches. Sectors and countries are the scheme's names or, when unnamed, its codes: as stored.
ICEWS_TEXT = frozenset({"Source Name", "Event Text", "Target Name", "Publisher", "City", "District", "Province",
                        "Country", "note"})

_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")


def _sectors(scheme: CodingScheme, role: str) -> str:
    """``"GOVMIL"`` -> ``"Government,Military"`` using the scheme's role names (codes when unnamed)."""
    parts = [role[i : i + 3] for i in range(0, len(role), 3)]
    names = []
    for part in parts:
        actor = scheme.actor_codes.get(part)
        names.append(actor.name if actor and actor.name else part)
    return ",".join(names)


def _country(scheme: CodingScheme, code: str) -> str:
    actor = scheme.actor_codes.get(code)
    return actor.name if actor and actor.name else code


def icews_rows(project: Project, scheme: CodingScheme, status: str | None) -> Iterator[tuple[Any, ...]]:
    """Rows in ``ICEWS_COLUMNS`` order."""
    col = {name: i for i, name in enumerate(CSV_COLUMNS + EXTRA_FIELDS)}
    cached_doc: tuple[int, str] | None = None
    sectors: dict[str, str] = {"": ""}
    countries: dict[str, str] = {"": ""}
    for row in event_tuples(project, scheme, status):
        sentence_number = None
        start = row[col["sentence_start"]]
        if start is not None:
            doc_id = row[col["document_id"]]
            if cached_doc is None or cached_doc[0] != doc_id:
                cached_doc = (doc_id, project.get_document(doc_id).text)
            sentence_number = len(_SENTENCE_END.findall(cached_doc[1][:start])) + 1
        src_role, tgt_role = row[col["source_role"]], row[col["target_role"]]
        src_country, tgt_country = row[col["source_country"]], row[col["target_country"]]
        for role in (src_role, tgt_role):
            if role not in sectors:
                sectors[role] = _sectors(scheme, role)
        for country in (src_country, tgt_country):
            if country not in countries:
                countries[country] = _country(scheme, country)
        yield (
            row[col["event_id"]],
            row[col["event_date"]],
            row[col["source_text"]],
            sectors[src_role],
            countries[src_country],
            row[col["event_label"]],
            row[col["event_code"]],
            row[col["goldstein"]],
            row[col["target_text"]],
            sectors[tgt_role],
            countries[tgt_country],
            row[col["document_external_id"]] or row[col["document_id"]],
            sentence_number,
            row[col["document_source"]],
            None,
            None,
            None,
            row[col["location"]],
            None,
            None,
            row[col["note"]],
        )


@exporter("tsv", ".tsv", "ICEWS-style tab-separated file, one event per row")
def write_icews(
    project: Project,
    out: IO[str],
    scheme: CodingScheme,
    status: str | None,
    columns: str | None = None,
    raw_cells: bool = False,
    **_: Any,
) -> int:
    return write_table(icews_rows(project, scheme, status), out, ICEWS_COLUMNS, columns, "\t", ICEWS_TEXT, raw_cells)

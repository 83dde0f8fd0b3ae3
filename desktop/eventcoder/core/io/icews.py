"""ICEWS-style tab-separated export: the column names of the ICEWS coded event data files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

from ..store import Project
from .exporters import event_rows, exporter, write_table

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
)

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


def icews_rows(project: Project, scheme: CodingScheme, status: str | None) -> Iterator[dict[str, Any]]:
    cached_doc: tuple[int, str] | None = None
    for row in event_rows(project, scheme, status):
        raw = row["_row"]
        sentence_number = ""
        if raw["sentence_start"] is not None:
            doc_id = raw["document_id"]
            if cached_doc is None or cached_doc[0] != doc_id:
                cached_doc = (doc_id, project.get_document(doc_id).text)
            sentence_number = str(len(_SENTENCE_END.findall(cached_doc[1][: raw["sentence_start"]])) + 1)
        yield {
            "Event ID": row["event_id"],
            "Event Date": row["event_date"],
            "Source Name": row["source_text"],
            "Source Sectors": _sectors(scheme, row["source_role"]),
            "Source Country": _country(scheme, row["source_country"]),
            "Event Text": row["event_label"],
            "CAMEO Code": row["event_code"],
            "Intensity": row["goldstein"],
            "Target Name": row["target_text"],
            "Target Sectors": _sectors(scheme, row["target_role"]),
            "Target Country": _country(scheme, row["target_country"]),
            "Story ID": raw["document_external_id"] or row["document_id"],
            "Sentence Number": sentence_number,
            "Publisher": raw["document_source"] or "",
            "City": "",
            "District": "",
            "Province": "",
            "Country": row["location"],
            "Latitude": "",
            "Longitude": "",
        }


@exporter("tsv", ".tsv", "ICEWS-style tab-separated file, one event per row")
def write_icews(
    project: Project, out: IO[str], scheme: CodingScheme, status: str | None, columns: str | None = None, **_: Any
) -> int:
    return write_table(icews_rows(project, scheme, status), out, ICEWS_COLUMNS, columns, "\t")

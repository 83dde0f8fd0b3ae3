"""ICEWS-style tab-separated export: the column names of the ICEWS coded event data files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import closing
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


class Places:
    """Where an event's location goes in ICEWS's place columns: a country's name in ``Country`` alone ("Kenya");
    any other place -- a city, a town -- in ``City``, with the country the coder's actor dictionaries give the
    place (Phoenix lists "Nairobi" under Kenya, "Washington" under the United States) in ``Country``, named as
    the scheme names it. Country names are read as the coder reads them (country_converter and pycountry,
    :mod:`eventcoder.core.suggest.countries`, when installed), else by the dictionary entry's own name
    (``KENYA_``); a place none of them knows is a city of an unknown country. ``Province`` stays empty: the
    dictionaries list a state ("Texas") as its country's, like a city, so nothing here tells the two apart."""

    def __init__(self, scheme: CodingScheme) -> None:
        self.scheme = scheme
        self._known: dict[str, tuple[str, str, str]] = {}
        self._loaded = False
        self._actors: Any = None
        self._names: Any = None

    def _load(self) -> None:
        from ..dictionaries.cache import load_actors
        from ..suggest import countries

        self._loaded = True
        paths = list((getattr(self.scheme, "dictionaries", None) or {}).get("actors") or ())
        self._actors = load_actors(paths) if paths else None
        self._names = countries.country_names(self.scheme)

    def split(self, location: str | None) -> tuple[str, str, str]:
        """(city, province, country) of an event's location text (province: always "", see the class)."""
        text = " ".join((location or "").split())
        if not text:
            return "", "", ""
        if text not in self._known:
            if not self._loaded:
                self._load()
            self._known[text] = self._split(text)
        return self._known[text]

    def _country_name(self, code: str) -> str:
        return _country(self.scheme, code)

    def _split(self, text: str) -> tuple[str, str, str]:
        from ..suggest.countries import fold  # folded as the coder folds names: case, accents, apostrophes

        if self._names is not None:
            country = self._names.resolve(text, strict=True)
            if country is not None:
                return "", "", self._country_name(country.code)
        entry = self._actors.lookup(text) if self._actors is not None else None
        codes = [code.code for code in getattr(entry, "codes", ())] if entry is not None else []
        country_codes = list(dict.fromkeys(c for c in (self.scheme.split_actor(code)[0] for code in codes)
                                           if self.scheme.actor_kind(c) == "country"))
        if entry is not None and fold(entry.name.strip("_").replace("_", " ")) == fold(text) and country_codes:
            return "", "", self._country_name(country_codes[-1])  # the entry's own name: a country
        return text, "", self._country_name(country_codes[-1]) if country_codes else ""


def icews_rows(project: Project, scheme: CodingScheme, status: str | None) -> Iterator[tuple[Any, ...]]:
    """Rows in ``ICEWS_COLUMNS`` order; the event's location split into City, Province and Country (:class:`Places`)."""
    col = {name: i for i, name in enumerate(CSV_COLUMNS + EXTRA_FIELDS)}
    sectors: dict[str, str] = {"": ""}
    countries: dict[str, str] = {"": ""}
    places = Places(scheme)
    with closing(event_tuples(project, scheme, status)) as rows:
        yield from _icews_rows(project, scheme, rows, col, places, sectors, countries)


def _icews_rows(project: Project, scheme: CodingScheme, rows: Iterator[tuple[Any, ...]], col: dict[str, int],
                places: Places, sectors: dict[str, str], countries: dict[str, str]) -> Iterator[tuple[Any, ...]]:
    cached_doc: tuple[int, str] | None = None
    for row in rows:
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
        city, province, country = places.split(row[col["location"]])
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
            city,
            None,
            province,
            country,
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

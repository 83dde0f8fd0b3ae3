"""Country names and nationality words the actor dictionaries miss, resolved with country-name libraries.

The Phoenix/PETRARCH country dictionary stops around 2018 and knows each country by a fixed list of spellings:
``Eswatini``, ``North Macedonia``, ``Türkiye`` (with its accent), ``Côte d'Ivoire``, ``Timor-Leste`` or
``Swedish`` end up as uncoded entities. This module resolves such a phrase to the scheme's country code with two
well-kept libraries:

- `country_converter <https://github.com/IndEcol/country_converter>`_ (coco): its per-country regular
  expressions (``.*(ivoire|ivory)``, ``swaziland|eswatini``, ``t[ü|u]rk[i|e]y``) catch spelling variants and many
  nationality words whose stem is the country's name (``Bangladeshi``, ``Kazakh``, ``Swedish``), and its short and
  official names. Its data table (``country_data.tsv``, shipped in the package) is read directly: coco's own
  ``CountryConverter()`` fails under pandas 3 (Namibia's ISO2 ``NA`` is read as missing) and importing it pulls in
  pandas, which the coder does not need.
- `pycountry <https://github.com/pycountry/pycountry>`_: the ISO 3166 names, official and common names, and the
  ISO 3166-2 subdivisions (``Georgia`` is also a state of the United States).

Neither library lists demonyms. coco's expressions are stems, so applied to one word from its first letter they
give most nationality words whose stem is the country's name (``Swedish``, ``Slovenian``, ``Djiboutian``,
``Nigerien``, not ``Indiana`` or ``Rugby``); the rest (``Emirati``, ``Congolese``, ``Dutch``) the Phoenix
dictionary lists itself. Endings learnt from the dictionary's own country/nationality pairs (``KENYA``/``KENYAN``)
were tried and added only foreign spellings (``Russiya``, ``Indie``) beyond what coco's stems give, so they are not
used. There is no hand table.

CAMEO country codes are ISO 3166 alpha-3 with a few exceptions (Kosovo ``KSV`` where ISO uses ``XKX``, Timor-Leste
``TMP`` where ISO uses ``TLS``). Those are derived as well: each of the scheme's country names is resolved with the
same regular expressions, and where the ISO code found is not one of the scheme's codes, the scheme's code stands in
for it. A country the scheme has no code for (a dependency like ``Åland Islands``) resolves to nothing.

Lookups are cached per phrase: :func:`country_names` gives one :class:`CountryNames` per scheme (or dictionary).
"""

from __future__ import annotations

import csv
import importlib.util
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_WORD = re.compile(r"[a-z][a-z.'\-]*")
_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def fold(text: str) -> str:
    """Lower case, accents and curly apostrophes removed, spaces collapsed (``Côte d’Ivoire`` -> ``cote d'ivoire``)."""
    t = unicodedata.normalize("NFKD", text.translate(_FOLD))
    t = "".join(ch for ch in t if not unicodedata.combining(ch))
    return " ".join(t.lower().split())


@dataclass(frozen=True, slots=True)
class CountryMatch:
    code: str  # the scheme's country code
    iso3: str  # the ISO 3166 alpha-3 (or coco) code the libraries gave
    name: str  # the library's short name
    how: str  # "name" (a library name, word for word), "regex" (a country_converter expression)


@dataclass(frozen=True, slots=True)
class _Country:
    iso3: str
    name: str
    regex: re.Pattern
    names: tuple[str, ...]  # folded names from both libraries
    words: frozenset[str]  # the words of those names


@dataclass(frozen=True, slots=True)
class _Library:
    countries: tuple[_Country, ...]
    by_name: dict[str, str]  # folded name -> iso3 (names two countries share left out)
    by_iso: dict[str, _Country]
    subdivisions: dict[str, frozenset[tuple[str, str]]]  # folded country name -> {(iso3 of the parent, type)}
    iso2: dict[str, str]  # alpha-2 -> alpha-3


def _coco_table() -> Path | None:
    spec = importlib.util.find_spec("country_converter")
    for loc in (spec.submodule_search_locations or []) if spec is not None else []:
        p = Path(loc) / "country_data.tsv"
        if p.is_file():
            return p
    return None


@cache
def _library() -> _Library:
    import pycountry

    names: dict[str, list[str]] = {}
    short: dict[str, str] = {}
    regexes: dict[str, str] = {}
    table = _coco_table()
    if table is not None:
        with table.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                iso = (row.get("ISO3") or "").strip()
                if not iso or not row.get("regex") or (row.get("obsolete") or "").strip():
                    continue  # obsolete countries are left out, as country_converter does by default
                short[iso] = row.get("name_short") or iso
                regexes[iso] = row["regex"]
                names.setdefault(iso, []).extend(n for n in (row.get("name_short"), row.get("name_official")) if n)
    iso2: dict[str, str] = {}
    for c in pycountry.countries:
        iso2[c.alpha_2] = c.alpha_3
        short.setdefault(c.alpha_3, c.name)
        names.setdefault(c.alpha_3, []).extend(
            n for n in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)) if n
        )
    countries = []
    for iso, ns in names.items():
        folded = tuple(dict.fromkeys(fold(n) for n in ns))
        # "Korea, Republic of" -> also "republic of korea"
        folded += tuple(f"{b.strip()} {a.strip()}" for n in folded if n.count(",") == 1 for a, b in [n.split(",")])
        words = frozenset(w for n in folded for w in _WORD.findall(n))
        rx = re.compile(regexes[iso], re.IGNORECASE) if iso in regexes else re.compile(re.escape(folded[0]))
        countries.append(_Country(iso, short.get(iso, iso), rx, folded, words))
    by_name: dict[str, str] = {}
    shared: set[str] = set()
    for c in countries:
        for n in c.names:
            if by_name.get(n, c.iso3) != c.iso3:
                shared.add(n)
            by_name[n] = c.iso3
    for n in shared:
        by_name.pop(n, None)
    subdivisions: dict[str, set[tuple[str, str]]] = {}
    for s in pycountry.subdivisions:
        n = fold(s.name)
        if n in by_name and s.country_code in iso2 and iso2[s.country_code] != by_name[n]:
            subdivisions.setdefault(n, set()).add((iso2[s.country_code], fold(s.type)))
    return _Library(tuple(countries), by_name, {c.iso3: c for c in countries},
                    {k: frozenset(v) for k, v in subdivisions.items()}, iso2)


def _anchored(rx: re.Pattern, word: str) -> bool:
    """The expression matches the word from its first letter (``Bangladeshi``), not inside it (``Rugby``: ``gb``)."""
    return rx.search(word) is not None and rx.search(word[1:]) is None


class CountryNames:
    """Resolve country names and nationality words to one scheme's country codes (cached per phrase).

    ``codes``: the scheme's country codes; ``scheme_names``: code -> the scheme's name for it (to find where the
    scheme's codes differ from ISO 3166).
    """

    def __init__(self, codes: Iterable[str], scheme_names: dict[str, str] | None = None) -> None:
        self.lib = _library()
        self.codes = frozenset(codes)
        self.to_scheme: dict[str, str] = {c: c for c in self.codes}
        for code, name in (scheme_names or {}).items():
            iso = self._iso_of(fold(name))
            if iso and iso not in self.codes and iso not in self.to_scheme:
                self.to_scheme[iso] = code  # "Kosovo": ISO XKX, the scheme's KSV
        self._cache: dict[tuple[str, bool], CountryMatch | None] = {}

    # ------------------------------------------------------------------ building
    def _iso_of(self, text: str) -> str | None:
        if text in self.lib.by_name:
            return self.lib.by_name[text]
        found = [c.iso3 for c in self.lib.countries if c.regex.search(text)]
        return found[0] if len(found) == 1 else None

    # ------------------------------------------------------------------ lookup
    def resolve(self, text: str, strict: bool = False) -> CountryMatch | None:
        """The country a name or nationality phrase names, else None.

        Every word of the phrase must belong to the country (a word of one of its library names, a word its
        country_converter expression matches from the first letter, or a derived nationality word); ``strict``
        False (a phrase spaCy itself marked as a place or nationality) needs one such word only, the
        expression deciding (``Ivory Coast``).
        """
        key = (text, strict)
        if key in self._cache:
            return self._cache[key]
        out = self._resolve(text, strict)
        self._cache[key] = out
        return out

    def _resolve(self, text: str, strict: bool) -> CountryMatch | None:
        t = fold(text)
        t = re.sub(r"^the ", "", t)
        t = re.sub(r"(?:'s|')$", "", t).strip()
        if len(t) < 2:
            return None
        iso, how = None, ""
        if t in self.lib.by_name:
            iso, how = self.lib.by_name[t], "name"
        else:
            found = [c for c in self.lib.countries if c.regex.search(t)]
            if len(found) != 1:
                return None
            iso, how = found[0].iso3, "regex"
            country = found[0]
            words = _WORD.findall(t)
            known = [w for w in words if w in country.words or _anchored(country.regex, w)]
            if not known or (strict and len(known) < len(words)):
                return None
        code = self.to_scheme.get(iso)
        if code is None:
            return None
        return CountryMatch(code, iso, self.lib.by_iso[iso].name if iso in self.lib.by_iso else iso, how)

    def subdivision_of(self, text: str) -> frozenset[tuple[str, str]]:
        """(scheme code of the country, subdivision type) of subdivisions so named (``Georgia``: USA, state)."""
        t = re.sub(r"(?:'s|')$", "", fold(text)).strip()
        return frozenset((self.to_scheme.get(iso, iso), kind) for iso, kind in self.lib.subdivisions.get(t, ()))


_BY_OWNER: dict[int, tuple[object, CountryNames | None]] = {}  # the last few resolvers, by scheme (or dictionary)


def available() -> bool:
    return importlib.util.find_spec("pycountry") is not None and _coco_table() is not None


def country_names(scheme=None, actors=None) -> CountryNames | None:
    """The resolver for a scheme's country codes; without a scheme, for the country codes the actor dictionary
    gives that the libraries know. None when there are none or the libraries are missing."""
    owner = scheme if scheme is not None else actors
    if owner is None:
        return None
    hit = _BY_OWNER.get(id(owner))
    if hit is not None and hit[0] is owner:
        return hit[1]
    names: dict[str, str] = {}
    if scheme is not None:
        for code, ac in (getattr(scheme, "actor_codes", None) or {}).items():
            if getattr(ac, "kind", None) == "country" and len(code) == 3:
                names[code] = getattr(ac, "name", code) or code
    elif available():
        known = _library().by_iso
        for entry in getattr(actors, "entries", None) or ():
            codes = [c.code for c in getattr(entry, "codes", ())]
            if len(codes) == 1 and codes[0] in known:
                names.setdefault(codes[0], entry.name.strip("_").replace("_", " "))
    out = CountryNames(names, names) if names and available() else None
    if len(_BY_OWNER) >= 8:
        _BY_OWNER.pop(next(iter(_BY_OWNER)))
    _BY_OWNER[id(owner)] = (owner, out)
    return out

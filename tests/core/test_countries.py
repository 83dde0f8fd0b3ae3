"""Country names and nationality words the dictionaries miss, resolved with country_converter and pycountry
(core/suggest/countries.py), and how the actor mentions use them (core/suggest/actors.py). Invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.core.schemes import load_scheme
from eventcoder.core.suggest.actors import COUNTRY_NAMES
from eventcoder.core.suggest.countries import country_names, fold

REPO = Path(__file__).resolve().parents[2]
DICTS = REPO / "coding_schemes" / "dictionaries"



@pytest.fixture(scope="module")
def scheme():
    return load_scheme("cameo")


@pytest.fixture(scope="module")
def nlp():
    from eventcoder.core.suggest.nlp import load_model

    return load_model()


@pytest.fixture(scope="module")
def cameo(scheme, nlp):
    from eventcoder.core.suggest.coder import EventCoder

    return EventCoder.from_scheme(scheme, nlp=nlp)


@pytest.fixture(scope="module")
def names(scheme, cameo):
    out = country_names(scheme, cameo.actors)
    assert out is not None
    return out


@pytest.fixture(scope="module")
def bare(scheme, nlp, tmp_path_factory):
    """The CAMEO scheme and agents with an actor dictionary that knows only the United States: every other country
    in a sentence is left to the country-name libraries, so their guards are what decides."""
    from eventcoder.core.suggest.coder import EventCoder

    d = tmp_path_factory.mktemp("actors")
    (d / "Tiny.actors.txt").write_text("UNITED_STATES_ [USA]\n+US\n+AMERICAN_\n", encoding="utf-8")
    return EventCoder.from_files(verbs=[DICTS / "CAMEO.2.0.txt"], actors=[d / "Tiny.actors.txt"],
                                 agents=[DICTS / "Phoenix.agents.txt"], scheme=scheme, nlp=nlp)


def actor_spans(coder, text: str):
    doc = coder.code_text(text, "2024-03-01")
    return doc, [s for s in doc.spans if s.layer == "actor"]


def test_fold_removes_accents_and_curly_apostrophes():
    assert fold("Côte d’Ivoire") == "cote d'ivoire"
    assert fold("  Türkiye ") == "turkiye"


def test_current_names_and_spellings_resolve(names):
    for text, code in [("Eswatini", "SWZ"), ("North Macedonia", "MKD"), ("Türkiye", "TUR"),
                       ("Côte d'Ivoire", "CIV"), ("the Kyrgyz Republic", "KGZ"), ("Czechia", "CZE"),
                       ("Republic of Türkiye", "TUR"), ("Ivory Coast", "CIV")]:
        m = names.resolve(text)
        assert m is not None and m.code == code, text


def test_scheme_codes_that_differ_from_iso_come_from_the_scheme(names):
    kosovo = names.resolve("Kosovo")
    assert (kosovo.code, kosovo.iso3) == ("KSV", "XKX")  # the scheme's code, not ISO's
    timor = names.resolve("Timor-Leste")
    assert (timor.code, timor.iso3) == ("TMP", "TLS")
    assert names.resolve("Åland Islands") is None  # no code in the scheme: nothing


def test_nationality_words(names):
    assert names.resolve("Swedish").code == "SWE"  # country_converter's expression, from the first letter
    assert names.resolve("Kazakh").code == "KAZ"
    assert names.resolve("Djiboutian").code == "DJI"
    assert names.resolve("Slovenians").code == "SVN"
    assert names.resolve("Rugby") is None  # "gb" inside a word is not Britain
    assert names.resolve("Indiana") is None


def test_similar_names_stay_apart(names):
    assert names.resolve("Niger").code == "NER"
    assert names.resolve("Nigeria").code == "NGA"
    assert names.resolve("Nigerien").code == "NER"
    assert names.resolve("Papua New Guinea").code == "PNG"
    assert names.resolve("Equatorial Guinea").code == "GNQ"
    assert names.resolve("Guinea").code == "GIN"


def test_a_name_run_must_be_a_country_word_for_word(names):
    assert names.resolve("Jordan Smith", strict=True) is None
    assert names.resolve("Chad Miller", strict=True) is None
    assert names.resolve("Jordan", strict=True).code == "JOR"


def test_subdivisions_of_another_country_are_known(names):
    assert ("USA", "state") in names.subdivision_of("Georgia")
    assert names.subdivision_of("Kenya") == frozenset()


def test_lookups_are_cached_and_one_resolver_per_scheme(names, scheme, cameo):
    assert names.resolve("Eswatini") is names.resolve("Eswatini")
    assert country_names(scheme, cameo.actors) is names


def test_fictional_dictionaries_without_real_countries_get_no_resolver(tmp_path):
    from eventcoder.core.dictionaries import load_actors

    (tmp_path / "F.actors.txt").write_text("ARNOR_ [ARN]\nGONDOR_ [GON]\n", encoding="utf-8")
    assert country_names(None, load_actors([tmp_path / "F.actors.txt"])) is None


def test_country_with_a_role_word_composes_like_the_dictionary(cameo):
    doc, spans = actor_spans(cameo, "Türkiye's foreign minister met reporters in Ankara on Monday.")
    minister = next(s for s in spans if "minister" in s.text)
    assert minister.code == "TURGOV"
    assert minister.origin == COUNTRY_NAMES
    assert "country names library" in minister.evidence
    ankara = next(s for s in spans if s.text == "Ankara")
    assert ankara.code == "TUR" and ankara.origin is None  # the dictionary's own entry, left as it is


def test_a_name_beside_a_role_word_gets_its_country(cameo):
    doc, spans = actor_spans(cameo, "The Eswatini police arrested three protesters.")
    police = next(s for s in spans if "police" in s.text)
    assert police.code == "SWZCOP" and police.origin == COUNTRY_NAMES
    assert any(e.source_code == "SWZCOP" for e in doc.events)
    doc, spans = actor_spans(cameo, "Côte d'Ivoire's president criticised the coup.")
    assert any(s.code == "CIVGOV" and s.origin == COUNTRY_NAMES for s in spans)


def test_nationality_adjective_and_abbreviation(cameo):
    doc, spans = actor_spans(cameo, "Slovenian diplomats protested to the U.S embassy.")
    codes = {s.code for s in spans if s.origin == COUNTRY_NAMES}
    assert {"SVNGOV", "USAGOV"} <= codes


def test_dictionary_codes_are_never_replaced(cameo):
    doc, spans = actor_spans(cameo, "Emirati officials said they would send aid to Guinea.")
    emirati = next(s for s in spans if s.text.startswith("Emirati"))
    assert emirati.code.startswith("ARE") and emirati.origin is None


def test_lowercase_nationality_word_is_not_a_name(bare):
    doc, spans = actor_spans(bare, "Arnor will give a million austrian gold coins to the city, an official said.")
    assert not any(s.origin == COUNTRY_NAMES for s in spans)


def test_person_names_are_not_countries(bare):
    for text in ("Jordan Smith, a police officer, was injured in the crash.",
                 "Chad Miller, a government spokesman, denied the report on Tuesday."):
        doc, spans = actor_spans(bare, text)
        assert not any(s.code and s.code[:3] in ("JOR", "TCD") for s in spans), text


def test_georgia_the_state_and_georgia_the_country(bare):
    doc, spans = actor_spans(bare, "The governor of the US state of Georgia signed the bill on Friday.")
    assert not any(s.code and s.code.startswith("GEO") for s in spans)
    doc, spans = actor_spans(bare, "Georgia's foreign minister met the Armenian ambassador in Tbilisi.")
    assert any(s.code == "GEOGOV" and s.origin == COUNTRY_NAMES for s in spans)


def test_guinea_inside_longer_names(bare):
    doc, spans = actor_spans(bare, "Papua New Guinea's government declared an emergency after the floods.")
    assert any(s.code == "PNGGOV" for s in spans)
    assert not any(s.code and s.code.startswith("GIN") for s in spans)
    doc, spans = actor_spans(bare, "Equatorial Guinea's president pardoned the prisoners.")
    assert any(s.code == "GNQGOV" for s in spans)
    assert not any(s.code and s.code.startswith("GIN") for s in spans)


def test_niger_and_nigeria_in_one_sentence(bare):
    doc, spans = actor_spans(bare, "Niger's army accused Nigeria's police of crossing the border.")
    codes = {s.code for s in spans if s.code}
    assert "NERMIL" in codes and "NGACOP" in codes

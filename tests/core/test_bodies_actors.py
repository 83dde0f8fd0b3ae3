"""EventCoder.bodies.actors.txt: international bodies by full name, short name and acronym, in British and
American spelling, and a bare "Organization" that is no longer Phoenix's TANZIM (MEAREB), on sentences written
for this test."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.core.schemes import load_scheme


def actors(coded) -> dict[str, str | None]:
    return {s.text: s.code for s in coded.spans if s.layer == "actor"}


def code_of(coder, text: str, name: str, date: str = "2024-03-04") -> str | None:
    """The code of the one actor span that holds ``name`` in ``text``."""
    found = [s for s in coder.code_text(text, date).spans if s.layer == "actor" and name in s.text]
    assert len(found) == 1, (text, [(s.text, s.code) for s in found])
    return found[0].code


@pytest.mark.parametrize(("name", "code"), [
    ("World Trade Organization", "IGOBUSWTO"),
    ("World Trade Organisation", "IGOBUSWTO"),
    ("WTO", "IGOBUSWTO"),
    ("Gulf Cooperation Council", "IGOPGSGCC"),
    ("GCC", "IGOPGSGCC"),
    ("OSCE", "IGO"),
    ("Shanghai Cooperation Organisation", "IGOCAS"),
    ("Shanghai Cooperation Organization", "IGOCAS"),
    ("International Criminal Court", "IGOJUDICC"),
    ("International Labour Organisation", "IGOUNOLABILO"),
    ("ILO", "IGOUNOLABILO"),
    ("World Food Program", "IGOUNOWFP"),
    ("UN Development Programme", "IGOUNODEV"),
    ("U.N. Development Program", "IGOUNODEV"),
    ("European Court of Human Rights", "IGOEURCOEJUD"),
    ("Pacific Islands Forum", "IGO"),
    ("BRICS", "IGO"),
    ("Commonwealth", "IGOCWN"),
    ("Organisation of American States", "IGOOAS"),
    ("Inter-American Development Bank", "IGONAMDEV"),
    ("AU", "IGOAFRAFU"),
    ("Human Rights Watch", "NGOHRI"),
    ("HRW", "NGOHRI"),
    ("Save the Children", "NGODEV"),
    ("G-20", "IGO"),  # one token to spaCy: a hyphen before a digit does not split (core/dictionaries/phrases.py)
    ("G-77", "IGOBUSGSS"),
    ("UN-Habitat", "IGOUNODEV"),  # three tokens: a hyphen before a letter splits, in the text and the dictionary
])
def test_a_body_is_coded_by_any_of_its_names_as_subject_and_as_object(cameo_coder, name, code):
    assert code_of(cameo_coder, f"The {name} criticised Gondolin's trade rules on Tuesday.", name) == code
    assert code_of(cameo_coder, f"Ministers from Peru met the {name} in Lima on Tuesday.", name) == code


def test_a_un_body_named_after_the_un_is_not_cut_short_by_the_un(cameo_coder):
    # Phoenix's THE_UN_ would otherwise match "The UN" alone and code the body IGOUNO
    coded = cameo_coder.code_text("The UN Environment Programme praised Kenya's new forest law.", "2024-03-04")
    assert actors(coded)["The UN Environment Programme"] == "IGOUNOENV"
    assert ("IGOUNOENV", "KEN") in {(e.source_code, e.target_code) for e in coded.events}


def test_an_unknown_organization_is_no_arab_rebel_group(cameo_coder):
    coded = cameo_coder.code_text("The Zorblatt Organization criticised Canada on Monday.", "2024-03-04")
    assert "MEAREB" not in {s.code for s in coded.spans}
    assert not any(e.source_code == "MEAREB" for e in coded.events)
    coded = cameo_coder.code_text("Canada criticised the Zorblatt Organization on Monday.", "2024-03-04")
    assert actors(coded)["Zorblatt Organization"] is None  # an actor the analyst codes, not MEAREB
    assert [(e.source_code, e.target_code) for e in coded.events] == [("CAN", None)]


def test_tanzim_itself_is_still_coded(cameo_coder):
    coded = cameo_coder.code_text("Tanzim gunmen fired on an Israeli patrol near Jenin.", "2024-03-04")
    assert actors(coded)["Tanzim gunmen"].startswith("MEAREB")


def test_longer_phoenix_names_ending_in_organization_keep_their_codes(cameo_coder):
    assert code_of(cameo_coder, "The World Health Organization warned Chile about measles.",
                   "World Health Organization") == "IGOUNOHLHWHO"
    assert code_of(cameo_coder, "The North Atlantic Treaty Organization warned Belarus on Friday.",
                   "North Atlantic Treaty Organization") == "IGOWSTNAT"


def test_a_body_that_ended_is_dated():
    from eventcoder.core.dictionaries import load_actors

    actors_ = load_actors(load_scheme("cameo").dictionaries["actors"])
    amisom, atmis = actors_.lookup("AMISOM"), actors_.lookup("ATMIS")
    assert amisom.resolve("2015-01-01") == ["IGOAFRAFU"] and amisom.past_dated("2023-01-01") is not None
    assert atmis.past_dated("2023-01-01") is None
    warsaw = actors_.lookup("Warsaw Pact")
    assert warsaw.resolve("1980-01-01") == ["IGOEEU"] and warsaw.past_dated("2000-01-01") is not None


def test_the_file_is_listed_after_the_news_supplement_in_both_schemes():
    for name in ("cameo", "plover"):
        files = [Path(p).name for p in load_scheme(name).dictionaries["actors"]]
        assert files.index("EventCoder.bodies.actors.txt") == files.index("EventCoder.news.actors.txt") + 1


def test_the_file_reads_without_problems():
    from eventcoder.core.dictionaries.checks import dictionary_problems

    path = next(p for p in load_scheme("cameo").dictionaries["actors"] if p.name == "EventCoder.bodies.actors.txt")
    assert dictionary_problems("actors", [path]) == []

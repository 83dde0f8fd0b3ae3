"""Actor codes as the story date and the sentence give them (core/suggest/actors.py, core/dictionaries/actors.py):
offices past a dictionary's dates, the text's own role words for a named person, spokespeople coded as the body
they speak for, and capitals standing for their governments. Invented names and sentences; a small actor
dictionary written here with real country names (the country-name libraries know them) and invented people."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.core.dictionaries import ActorCode, ActorEntry
from eventcoder.core.schemes import load_scheme
from eventcoder.core.suggest.actors import find_mentions

REPO = Path(__file__).resolve().parents[2]
DICTS = REPO / "coding_schemes" / "dictionaries"

TINY = """\
UNITED_STATES_ [USA]
+WASHINGTON_
FRANCE_ [FRA]
+FRENCH_
+PARIS_
GONDOR_ [GON]
+MINAS_TIRITH_
KREMLIN_ [RUSGOV]
SILVER_HAND_ [FRAREB]
UNITED_NATIONS_ [IGOUNO]
SENATE_ [USAGOVLEG]
MARIE_DUVALIER_
\t[FRAGOVLAB 20010101-20051231]
\t[FRAELI]
JEAN_PERRINET_
\t[FRAGOV >20020101]
\t[FRAELI]
PRESIDENT_MARTINOT_
\t[FRAGOVLAB 19900101-19951231]
PRESIDENT_MARTINOT_
\t[FRAGOV 20100101-20151231]
"""



@pytest.fixture(scope="module")
def coder(tmp_path_factory):
    from eventcoder.core.suggest.coder import EventCoder
    from eventcoder.core.suggest.nlp import load_model

    d = tmp_path_factory.mktemp("actors")
    (d / "Tiny.actors.txt").write_text(TINY, encoding="utf-8")
    return EventCoder.from_files(verbs=[DICTS / "CAMEO.2.0.txt"], actors=[d / "Tiny.actors.txt"],
                                 agents=[DICTS / "Phoenix.agents.txt"], scheme=load_scheme("cameo"), nlp=load_model())


def codes(coder, text: str, date: str | None = "2024-03-01") -> dict[str, list[str]]:
    doc = coder.nlp(text)
    return {doc[m.start:m.end].text: m.codes for m in find_mentions(doc, coder.actors, coder.agents, date,
                                                                    coder.scheme)}


# ---------------------------------------------------------------- offices past the dictionary's dates

def test_past_dated_is_the_latest_code_once_every_dated_code_has_ended():
    entry = ActorEntry("X", [ActorCode("FRAGOV", 20010101, 20031231), ActorCode("FRAGOVLAB", 20040101, 20051231),
                             ActorCode("FRAELI")])
    assert entry.past_dated("2024-05-01").code == "FRAGOVLAB"
    assert entry.past_dated("2002-05-01") is None  # a dated code holds
    assert entry.past_dated(None) is None
    assert entry.resolve("2024-05-01") == ["FRAELI"]  # resolve itself is as it was
    assert ActorEntry("Y", [ActorCode("FRAGOV", 20020101, None)]).past_dated("2024-05-01") is None  # open-ended
    assert ActorEntry("Z", [ActorCode("FRA")]).past_dated("2024-05-01") is None  # no dates at all


def test_an_office_that_ended_before_the_story_keeps_only_the_country(coder):
    assert codes(coder, "Marie Duvalier criticised Washington.", "2003-06-01")["Marie Duvalier"] == ["FRAGOVLAB"]
    # in 2024 the labour ministry of 2005 (and the 'elite' default after it) is not what she is
    assert codes(coder, "Marie Duvalier criticised Washington.")["Marie Duvalier"] == ["FRA"]
    # the text says what she is on the day
    got = codes(coder, "French Prime Minister Marie Duvalier criticised Washington.")
    assert got["French Prime Minister Marie Duvalier"] == ["FRAGOV"]


def test_an_open_ended_office_still_holds(coder):
    assert codes(coder, "Jean Perrinet criticised Washington.")["Jean Perrinet"] == ["FRAGOV"]


def test_of_two_entries_with_the_same_words_the_one_not_past_its_dates_codes(coder):
    assert codes(coder, "President Martinot criticised Washington.", "2012-01-01")["President Martinot"] == \
        ["FRAGOV"]
    assert codes(coder, "President Martinot criticised Washington.", "1993-01-01")["President Martinot"] == \
        ["FRAGOVLAB"]


def test_a_named_person_takes_the_role_the_text_gives(coder):
    got = codes(coder, "Opposition leader Jean Perrinet criticised Washington.")
    assert got["Opposition leader Jean Perrinet"] == ["FRAOPP"]  # not FRAGOVOPP


# ---------------------------------------------------------------- spokespeople

def test_a_spokesperson_is_coded_as_the_body_spoken_for(coder):
    assert codes(coder, "A Kremlin spokesman criticised Washington.")["Kremlin spokesman"] == ["RUSGOV"]
    got = codes(coder, "A foreign ministry spokeswoman criticised Washington.")
    assert got["foreign ministry spokeswoman"] == ["---GOV"]
    assert codes(coder, "A French spokeswoman criticised Washington.")["French spokeswoman"] == ["FRAGOV"]


def test_other_role_words_still_compose(coder):
    assert codes(coder, "French police detained two men.")["French police"] == ["FRACOP"]
    assert codes(coder, "A French military spokesman criticised Washington.")["French military spokesman"] == \
        ["FRAMIL"]


def test_a_group_that_is_its_own_side_takes_no_leadership_role(coder):
    assert codes(coder, "A Silver Hand commander criticised Washington.")["Silver Hand commander"] == ["FRAREB"]
    assert codes(coder, "Rebel leaders criticised Washington.")["Rebel leaders"] == ["---REB"]


def test_an_organisations_officers_are_the_organisation(coder):
    assert codes(coder, "A United Nations envoy criticised Washington.")["United Nations envoy"] == ["IGOUNO"]


def test_a_title_beside_another_persons_title_keeps_its_own_role(coder):
    # the country is shared with the coordinated phrase, the commander's role is not the president's
    got = codes(coder, "President Anne Colbert and Silver Hand commander Paul Remy met.")
    assert got["President"] == ["FRAGOV"] and got["Silver Hand commander"] == ["FRAREB"]


def test_a_named_country_keeps_the_most_specific_role_of_another_countrys_body(coder):
    assert codes(coder, "France's Senate criticised Washington.")["France's Senate"] == ["FRALEG"]


# ---------------------------------------------------------------- capitals

def test_a_capital_that_acts_or_is_addressed_is_its_government(coder):
    got = codes(coder, "Washington criticised Paris on Monday.")
    assert got["Washington"] == ["USAGOV"] and got["Paris"] == ["FRAGOV"]
    assert codes(coder, "Norway mediated between Washington and Paris.")["Paris"] == ["FRAGOV"]


def test_a_capital_as_a_place_is_the_country(coder):
    assert codes(coder, "The delegates met in Paris on Monday.")["Paris"] == ["FRA"]
    assert codes(coder, "The minister will visit Washington next week.")["Washington"] == ["USA"]


def test_a_country_name_is_never_a_capital(coder):
    assert codes(coder, "France criticised Washington.")["France"] == ["FRA"]
    # a dictionary's own world: Gondor is no country the libraries know, so Minas Tirith stays its bare code
    assert codes(coder, "Minas Tirith criticised Washington.")["Minas Tirith"] == ["GON"]

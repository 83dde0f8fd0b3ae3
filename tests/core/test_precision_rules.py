"""Precision rules of the rule coder on articles (the product's CAMEO coder): which guessed targets are kept, quotes
that name no target, background acts (past months, habits), adverbial participles, visits, answers' targets, group
targets, actor spans.

Each rule has a module switch in ``eventcoder.core.suggest.coder`` (for measuring its part); a test shows the
behaviour with the rule on and, switched off, the event it stops. Every text here was written for this test."""

from __future__ import annotations

import pytest

import eventcoder.core.suggest.coder as C
from coding_checks import sentence_events

QUARREL = (
    "Norway and Sweden quarrel over fishing quotas\n"
    "\n"
    "OSLO, March 4, 2024 (Wire) - Norwegian Foreign Minister Espen Barth Eide met Swedish Foreign Minister Tobias "
    "Billstrom on Monday to discuss fishing quotas.\n"
    "\n"
    "Sweden accused Norway of overfishing in the North Sea.\n"
    "\n"
    '"We will increase patrols along the coast," Billstrom said.\n'
    "\n"
    '"Sweden firmly opposes all forms of illegal fishing," Billstrom told reporters.\n'
    "\n"
    "Norway condemned the accusation.\n"
    "\n"
    "Billstrom said the government had decided to keep the northern harbours closed.\n"
)


@pytest.fixture
def coder(coder_showing_all):
    return coder_showing_all


def events(coded, text: str, sentence_with: str) -> set[tuple]:
    return sentence_events(coded, text, sentence_with, root_only=False)


def old_context_guesses(monkeypatch) -> None:
    """The guesses before these rules: any act's target from the source's last act, never dropped."""
    monkeypatch.setattr(C, "OTHER_TARGETS_FROM_CONTEXT", True)
    monkeypatch.setattr(C, "CONTEXT_BLOCKS_STORY", False)


def test_an_answer_to_a_particular_act_takes_its_author(coder):
    coded = coder.code_text(QUARREL)
    # the accusation's author as the sentence telling it names it ("Sweden accused Norway": the country word)
    assert events(coded, QUARREL, "condemned the accusation") == {("NOR", "111", "SWE")}


def test_a_quote_naming_no_target_is_not_coded(coder, monkeypatch):
    assert events(coder.code_text(QUARREL), QUARREL, "increase patrols") == set()
    old_context_guesses(monkeypatch)
    assert events(coder.code_text(QUARREL), QUARREL, "increase patrols") == set()  # the quote rule alone
    monkeypatch.setattr(C, "QUOTE_NEEDS_TARGET", False)
    assert events(coder.code_text(QUARREL), QUARREL, "increase patrols")  # the guessed target came from context


def test_an_answer_to_a_kind_of_act_has_no_author_to_target(coder, monkeypatch):
    # "opposes all forms of illegal fishing": no one's act in view, so no target and no event
    assert events(coder.code_text(QUARREL), QUARREL, "all forms of") == set()
    monkeypatch.setattr(C, "ANSWER_NEEDS_PARTICULAR_ACT", False)
    assert ("SWE", "110", "NOR") in events(coder.code_text(QUARREL), QUARREL, "all forms of")


def test_the_last_acts_party_is_no_target_for_an_act_naming_none(coder, monkeypatch):
    # the source's side has met Norway before: "decided to keep the harbours closed" names no one
    assert events(coder.code_text(QUARREL), QUARREL, "had decided") == set()
    old_context_guesses(monkeypatch)
    assert {t for _s, _c, t in events(coder.code_text(QUARREL), QUARREL, "had decided")} == {"SWE"}


AID = (
    "Quake leaves thousands homeless in Nepal\n"
    "\n"
    "KATHMANDU, May 6, 2024 (Wire) - A strong earthquake struck western Nepal on Sunday, killing at least 40 "
    "people.\n"
    "\n"
    "Nepal's government asked India and China for tents and medicine.\n"
    "\n"
    "Nepalese Prime Minister Pushpa Kamal Dahal visited the worst-hit villages on Monday.\n"
    "\n"
    "Denmark pledged 2 million dollars in emergency aid.\n"
)


def test_a_third_party_without_a_target_takes_the_storys_country(coder):
    # Denmark has dealt with no one in the story: its pledge is for the story's country
    assert {(s, t) for s, _c, t in events(coder.code_text(AID), AID, "Denmark pledged")} == {("DNK", "NPL")}


def test_an_act_left_without_a_target_is_not_suggested_in_an_article(coder, monkeypatch):
    monkeypatch.setattr(C, "OTHER_TARGETS_FROM_STORY", False)  # no guess for the pledge
    assert events(coder.code_text(AID), AID, "Denmark pledged") == set()
    monkeypatch.setattr(C, "DROP_TARGETLESS", False)
    assert {(s, t) for s, _c, t in events(coder.code_text(AID), AID, "Denmark pledged")} == {("DNK", None)}


@pytest.mark.parametrize(("sentence", "date", "switch"), [
    ("Ukrainian forces launched a raid into Russia's Belgorod region last month.", "2024-05-07",
     "BACKGROUND_LAST_MONTH"),
    ("Finland joined NATO in April.", "2023-11-20", "BACKGROUND_PAST_MONTHS"),
    ("Kuwait has repeatedly accused Iraq of smuggling oil.", "2024-05-07", "HABITS_ARE_BACKGROUND"),
])
def test_background_acts_are_not_events_of_the_story(coder, monkeypatch, sentence, date, switch):
    assert coder.code_text(sentence, date).events == []
    monkeypatch.setattr(C, switch, False)
    assert [e for e in coder.code_text(sentence, date).events if "negated" not in e.flags]


@pytest.mark.parametrize(("sentence", "date"), [
    ("Police repeatedly fired tear gas at protesters in Nairobi on Sunday.", "2024-05-07"),  # a past act
    ("Iraq will hold talks with Kuwait in October.", "2024-03-07"),  # a month ahead
    ("Iraq held talks with Kuwait on Tuesday.", "2024-05-07"),
])
def test_acts_of_the_storys_days_stay_events(coder, sentence, date):
    assert [e for e in coder.code_text(sentence, date).events if "negated" not in e.flags]


def test_a_month_with_a_modal_is_ahead_not_behind(coder, monkeypatch):
    sentence = "Iraq will hold talks with Kuwait in October."
    monkeypatch.setattr(C, "MODAL_MONTHS_AHEAD", False)
    # five months "back" from a March story: read as the past before the rule
    assert coder.code_text(sentence, "2024-03-07").events == []


def test_an_adverbial_participles_agent_is_its_source(coder, monkeypatch):
    sentence = "Spain's economy grew faster than expected, helped by rising exports of wine to France and Italy."
    # the agent (exports) is no actor: France and Italy neither helped nor were helped
    assert coder.code_text(sentence).events == []
    monkeypatch.setattr(C, "ADVERBIAL_PARTICIPLES", False)
    assert {e.target_code for e in coder.code_text(sentence).events} >= {"FRA"}


def test_a_visit_is_not_also_the_hosts_act(coder, monkeypatch):
    sentence = "Indian Foreign Secretary Vikram Misri visited Nepal on Tuesday."
    got = {(e.source_code, e.event_code, e.target_code) for e in coder.code_text(sentence).events}
    assert ("INDGOV", "042", "NPL") in got and not any(c == "043" for _s, c, _t in got)
    monkeypatch.setattr(C, "NO_REVERSE_OF_PAIRED", False)
    got = {(e.source_code, e.event_code, e.target_code) for e in coder.code_text(sentence).events}
    assert ("NPL", "043", "INDGOV") in got


BLACKLIST = (
    "EU blacklists Chinese firms\n"
    "\n"
    "BRUSSELS, May 7, 2024 (Wire) - The European Union imposed sanctions on 20 Chinese firms on Tuesday.\n"
    "\n"
    "China's commerce ministry firmly opposed the inclusion of Chinese firms.\n"
    "\n"
    "Lithuania condemned the attack on Polish border guards by Belarusian troops.\n"
)


def test_an_answer_is_aimed_at_the_author_of_the_act_it_names(coder, monkeypatch):
    coded = coder.code_text(BLACKLIST)
    # not at the act's patient (China's own firms, the guards): at its author, named ("by Belarusian troops") or
    # the document's (the bloc that imposed the sanctions)
    assert events(coded, BLACKLIST, "opposed the inclusion") == {("CHNGOV", "110", "IGOEUREEC")}
    assert events(coded, BLACKLIST, "condemned the attack") == {("LTU", "112", "BLRMIL")}
    monkeypatch.setattr(C, "ANSWER_TARGETS_AUTHOR", False)
    monkeypatch.setattr(C, "OWN_COUNTRY_NO_TARGET", False)  # (which also drops a government's own country)
    coded = coder.code_text(BLACKLIST)
    assert events(coded, BLACKLIST, "opposed the inclusion") == {("CHNGOV", "110", "CHN")}
    assert events(coded, BLACKLIST, "condemned the attack") == {("LTU", "112", "POLMIL")}


def test_an_actor_span_ends_before_a_trailing_preposition(coder):
    coded = coder.code_text("Mali summoned the French ambassador to Bamako on Tuesday.", "2024-05-07")
    e = next(e for e in coded.events if e.event_code == "114")
    assert e.target_code == "FRAGOV" and coded.spans[e.target].text == "French ambassador"


FLIGHTS = (
    "US and China agree to more flights\n"
    "\n"
    "BEIJING, June 19, 2023 (Wire) - U.S. Secretary of State Antony Blinken met Chinese Foreign Minister Qin Gang on "
    "Monday.\n"
    "\n"
    "Both governments agreed to increase the number of passenger flights between the two countries.\n"
)


def test_a_group_target_of_one_of_its_members_is_the_other(coder, monkeypatch):
    got = events(coder.code_text(FLIGHTS), FLIGHTS, "Both governments")
    assert got and all(s[:3] != t[:3] for s, _c, t in got)
    assert {(s[:3], t) for s, _c, t in got} == {("USA", "CHN"), ("CHN", "USA")}
    monkeypatch.setattr(C, "GROUP_TARGET_IS_THE_OTHER", False)
    monkeypatch.setattr(C, "OWN_COUNTRY_NO_TARGET", False)  # (which also drops a government's own country)
    got = events(coder.code_text(FLIGHTS), FLIGHTS, "Both governments")
    assert any(s[:3] == t[:3] for s, _c, t in got)

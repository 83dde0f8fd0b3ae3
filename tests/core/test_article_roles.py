"""Who acts on whom across an article (suggest/coref.py with the product's CAMEO coder): a name in apposition to
its role, the person a pronoun continues, the country a government title with no country speaks for. Every text
here was written for this test."""

from __future__ import annotations

import pytest

from coding_checks import sentence_events

ARTICLE = (
    "Paraguay and Brazil trade blame over river dam\n"
    "\n"
    "ASUNCION, March 3, 2025 (Wire) - Paraguay accused Brazil on Monday of cutting the flow of the Parana river.\n"
    "\n"
    "Brazil's Minister of Mines and Energy, Ricardo Almeida, said the dam was working normally. Almeida urged "
    "Paraguay to return to talks. He thanked Argentina for its help.\n"
    "\n"
    "Brazil blamed Paraguay for the dispute. Foreign Minister Carlos Mendes urged Asuncion to stop its threats.\n"
    "\n"
    "Chile's human rights ombudsman, Tomas Varela, praised Argentina for its mediation. Varela also thanked "
    "Uruguay.\n"
    "\n"
    "Uruguayan Foreign Minister Ana Ferreira met Argentine Foreign Minister Diego Cabral in Montevideo. She "
    "thanked him for his support.\n"
)



@pytest.fixture(scope="module")
def coded(cameo_coder):
    return cameo_coder.code_text(ARTICLE)


def events(coded, sentence_with: str, text: str = ARTICLE) -> set[tuple]:
    return sentence_events(coded, text, sentence_with)


def span(coded, text: str, after: str = ""):
    at = ARTICLE.index(text, ARTICLE.index(after) if after else 0)
    return next(s for s in coded.spans if s.layer == "actor" and s.start == at)


def test_a_name_in_apposition_is_the_role_it_is_set_beside(coded):
    # the recogniser reads "Ricardo Almeida" as an organisation: the apposition still makes him the minister
    name = span(coded, "Ricardo Almeida")
    assert name.code == "BRAGOV" and "in apposition" in name.evidence
    # ... and the surname and the pronoun after it are that minister
    assert events(coded, "Almeida urged") == {("BRAGOV", "02", "PRY")}
    assert events(coded, "He thanked Argentina") == {("BRAGOV", "05", "ARG")}


def test_a_role_the_dictionaries_do_not_know_gives_its_possessives_country(coded):
    assert span(coded, "Tomas Varela").code == "CHL"
    assert events(coded, "Varela also thanked") == {("CHL", "05", "URY")}


def test_a_list_is_no_apposition(cameo_coder):
    text = ("Lima court jails activist\n\nLIMA, May 2, 2025 (Wire) - A Peruvian court jailed the activist Rosa "
            "Quispe on Friday.\n\nRosa Quispe, her lawyer and the Bolivian government deny the charges.\n\n"
            "Bolivia urged Peru to free her.\n")
    got = cameo_coder.code_text(text)
    name = next(s for s in got.spans if s.text == "Rosa Quispe" and s.start > text.index("Friday"))
    assert "in apposition" not in (name.evidence or "")


def test_a_government_title_with_no_country_speaks_for_the_country_its_paragraph_is_about(coded):
    # the story is datelined Asuncion (PRY); the minister follows "Brazil blamed ..." in the same paragraph
    minister = span(coded, "Foreign Minister Carlos Mendes")
    assert minister.code == "BRAGOV" and "sentence before" in minister.evidence
    # "urged Asuncion": a capital addressed stands for its government (bench/articles/README.md, Capitals)
    assert ("BRAGOV", "02", "PRYGOV") in events(coded, "Carlos Mendes urged")


def test_a_definite_or_new_paragraph_role_keeps_the_storys_country(cameo_coder):
    text = ("Protest in Quito\n\nQUITO, June 9, 2025 (Wire) - Peru accused Ecuador of closing the border.\n\n"
            "The foreign ministry rejected the accusation.\n\nPeru blamed Ecuador for the delays.\n\n"
            "Interior Minister Jorge Salas urged Lima to reopen talks.\n")
    got = cameo_coder.code_text(text)
    ministry = next(s for s in got.spans if s.text.lower().endswith("foreign ministry"))
    assert ministry.code.startswith("ECU")  # "the foreign ministry" of a Quito story is Ecuador's
    salas = next(s for s in got.spans if s.text.endswith("Jorge Salas"))
    assert salas.code.startswith("ECU")  # a new paragraph: no carrying over of Peru


def test_a_title_reacting_to_the_sentence_before_keeps_the_storys_country(cameo_coder):
    # the president acts on no one of the story's country: he is the story's own, reacting to Peru's act
    text = ("Strike on the border\n\nQUITO, June 9, 2025 (Wire) - Peru shelled an Ecuadorian border post on "
            "Sunday. President Daniel Mora said the attack killed five soldiers.\n")
    got = cameo_coder.code_text(text)
    mora = next(s for s in got.spans if s.text.endswith("Daniel Mora"))
    assert mora.code.startswith("ECU")


def test_he_continues_the_main_subject_of_the_sentence_before(cameo_coder):
    # the last subject before "He" is the rebel commander of the clause after "after"; "He" is the president
    text = ("Mediation in Sudan\n\nNAIROBI, May 5, 2025 (Wire) - Kenyan President William Ruto called army chief "
            "General Omar Bashir Taha on Monday after rebel commander Tomas Odera Lunga rejected a truce.\n\n"
            "He urged Sudan to halt the fighting.\n")
    got = cameo_coder.code_text(text)
    he = next(s for s in got.spans if s.text == "He")
    assert he.code == "KENGOV"
    assert ("KENGOV", "02", "SDN") in events(got, "He urged", text)


def test_an_object_pronoun_is_never_whom_its_subject_stands_for(coded):
    him = span(coded, "him", after="She thanked")
    assert him.code == "ARGGOV" and "Cabral" in him.evidence
    she = span(coded, "She thanked")
    assert she.code == "URYGOV"
    assert events(coded, "She thanked him") == {("URYGOV", "05", "ARGGOV")}


SECOND = (
    "Fishing rights dispute\n"
    "\n"
    "DAKAR, March 9, 2025 (Wire) - Mauritania's fisheries ministry said on Monday that Senegalese boats had entered "
    "its waters. It accused Dakar of ignoring a fishing accord. It is unclear whether talks will resume.\n"
    "\n"
    "Senegalese Prime Minister Ousmane Sonko told Mauritanian President Mohamed Ould Ghazouani that Senegal was "
    "ready to negotiate. Sonko also told parliament that Senegal was ready to negotiate.\n"
    "\n"
    "Gambian President Adama Barrow visited Nouakchott on Tuesday. The talks lasted three hours. Fishermen blocked "
    "the port. Malian President Assimi Goita met his Guinean counterpart and praised him for his efforts.\n"
)


@pytest.fixture(scope="module")
def second(cameo_coder):
    return cameo_coder.code_text(SECOND)


def test_a_subject_it_that_acts_is_the_body_that_was_the_subject_last(second):
    it = [s for s in second.spans if s.layer == "actor" and s.text == "It"]
    assert [(SECOND[s.start:s.start + 12], s.code) for s in it] == [("It accused D", "MRTGOV")]  # not "It is"
    assert events(second, "It accused Dakar", SECOND) == {("MRTGOV", "11", "SEN")}


def test_an_object_pronoun_does_not_reach_back_past_two_sentences(second):
    him = [s for s in second.spans if s.layer == "actor" and s.text == "him"]
    assert not any(s.code == "GMBGOV" for s in him)  # the Gambian president is three sentences back
    assert ("MLIGOV", "05", "GMBGOV") not in events(second, "praised him", SECOND)


def test_a_group_keeps_two_bodies_of_one_country_apart(cameo_coder):
    # the army (SDNMIL) and the paramilitary force (SDNREB: its commander is the group) are two sides, though both
    # are Sudan's
    text = ("Chad offers mediation\n\nKHARTOUM, May 5, 2025 (Wire) - Chadian President Mahamat Deby called army "
            "chief General Tito Abaker and Ibro Sallah, the commander of the paramilitary Rapid Support Forces, on "
            "Monday.\n\nHe urged both men to halt the fighting.\n")
    got = cameo_coder.code_text(text)
    group = next(s for s in got.spans if s.text == "both men")
    assert "SDNREB/SDNMIL" in group.evidence or "SDNMIL/SDNREB" in group.evidence
    assert {t for _s, _c, t in events(got, "He urged both men", text)} == {"SDNMIL", "SDNREB"}


def test_a_person_named_with_no_title_or_country_is_the_storys(cameo_coder):
    text = ("Warning to Washington\n\nDAKAR, May 5, 2025 (Wire) - Senegal's government rejected the new visa rules "
            "on Monday.\n\nOn Tuesday, Oumar Kane Sembene warned the United States against any interference.\n\n"
            "France said it would study the rules.\n")
    got = cameo_coder.code_text(text)
    kane = next(s for s in got.spans if s.text.endswith("Kane Sembene"))
    assert kane.code == "SEN" and kane.origin == "story"
    assert any(s == "SEN" and t == "USA" for s, _c, t in events(got, "warned the United States", text))


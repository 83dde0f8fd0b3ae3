"""The document's structure (core/document.py) and the coder's pipeline following it (core/suggest/nlp.py):
headline, dateline, paragraphs, sentences and quotes, decided from the layout without a model."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.core.document import BODY, DATELINE, HEADLINE, segment, sentence_at, sentence_bounds

ARTICLE = (
    "Farmers block motorways around Lyon over diesel prices\n"
    "\n"
    "LYON, March 3, 2023 - Hundreds of farmers drove tractors onto the ring road on Friday. Gen. Pascal Roux "
    "of the gendarmerie said the U.S. embassy had warned its citizens. “We will stay until Paris listens,” "
    "said Marie-Claire Vidal, who leads the growers' union. “Will they come?” she asked.\n"
    "\n"
    "The prefect met the union at 5 p.m. The talks ended without a deal\n"
    "\n"
    "“The government has not moved an inch.\n"
    "\n"
    "“We go on,” Vidal said.\n"
)


def texts(structure, text):
    return [(s.kind, text[s.start:s.end]) for s in structure.sentences]


def test_the_headline_and_the_dateline_never_run_into_the_first_sentence():
    doc = segment(ARTICLE)
    assert ARTICLE[slice(*doc.headline)] == "Farmers block motorways around Lyon over diesel prices"
    line = doc.dateline
    assert (ARTICLE[line.start:line.end], line.place_text, line.date_text) == (
        "LYON, March 3, 2023 -", "LYON", "March 3, 2023")
    assert ARTICLE[slice(*line.place)] == "LYON" and ARTICLE[slice(*line.date)] == "March 3, 2023"
    assert texts(doc, ARTICLE)[:3] == [
        (HEADLINE, "Farmers block motorways around Lyon over diesel prices"),
        (DATELINE, "LYON, March 3, 2023 -"),
        (BODY, "Hundreds of farmers drove tractors onto the ring road on Friday."),
    ]
    assert doc.body_start() == ARTICLE.index("Hundreds")
    assert doc.hard_starts()[:3] == [0, ARTICLE.index("LYON,"), ARTICLE.index("Hundreds")]


def test_sentences_end_at_punctuation_but_not_after_titles_initials_or_a_quote_going_on():
    body = [t for k, t in texts(segment(ARTICLE), ARTICLE) if k == BODY]
    assert body[1] == "Gen. Pascal Roux of the gendarmerie said the U.S. embassy had warned its citizens."
    assert body[2] == "“We will stay until Paris listens,” said Marie-Claire Vidal, who leads the growers' union."
    assert body[3] == "“Will they come?” she asked."
    assert body[4:6] == ["The prefect met the union at 5 p.m.", "The talks ended without a deal"]


def test_a_blank_line_always_ends_a_sentence():
    text = "The envoy left without a word\n\nand the talks were over\n  \n\tNobody spoke. Then silence"
    assert [text[s:e] for s, e in sentence_bounds(text)] == [
        "The envoy left without a word", "and the talks were over", "Nobody spoke.", "Then silence"]
    doc = segment(text)
    assert doc.headline == (0, len("The envoy left without a word"))  # one short line before more text
    assert [text[p.start:p.end] for p in doc.paragraphs] == [
        "and the talks were over", "Nobody spoke. Then silence"]


def test_line_breaks_end_paragraphs_unless_they_only_wrap_a_sentence():
    wrapped = ("The delegation from Tallinn arrived late on Tuesday and went straight\n"
               "into the meeting with the harbour authority, where officials from both\n"
               "ports signed the new ferry timetable. Crews welcomed it. The unions\n"
               "had asked for it since spring.\n")
    assert [wrapped[s:e].replace("\n", " ") for s, e in sentence_bounds(wrapped)] == [
        "The delegation from Tallinn arrived late on Tuesday and went straight into the meeting with the harbour "
        "authority, where officials from both ports signed the new ferry timetable.",
        "Crews welcomed it.", "The unions had asked for it since spring."]
    one_per_line = ("Ferry talks collapse\n"
                    "The harbour authority of Tallinn walked out of the talks on Tuesday after the unions refused "
                    "to sign the timetable\n"
                    "Officials from both ports said they would meet again in May")
    doc = segment(one_per_line)
    assert one_per_line[slice(*doc.headline)] == "Ferry talks collapse"
    assert len(doc.paragraphs) == 2 and [s.kind for s in doc.sentences] == [HEADLINE, BODY, BODY]
    continued = "The minister of\nfisheries resigned. Her deputy\nstays."
    assert [continued[s:e] for s, e in sentence_bounds(continued)] == [
        "The minister of\nfisheries resigned.", "Her deputy\nstays."]


@pytest.mark.parametrize(("opening", "place", "date", "agency"), [
    ("WASHINGTON (Reuters) - ", "WASHINGTON", None, "Reuters"),
    ("KYIV, Ukraine (AP) — ", "KYIV, Ukraine", None, "AP"),
    ("GAZA CITY, Palestinian Territories: ", "GAZA CITY, Palestinian Territories", None, None),
    ("OSLO, Jan. 5 (NTB) -- ", "OSLO", "Jan. 5", "NTB"),
    ("SANTIAGO, 14 February 2024 – ", "SANTIAGO", "14 February 2024", None),
    ("Reykjavik, Iceland - ", "Reykjavik, Iceland", None, None),
    ("UNITED NATIONS, April 13 (IANS) ", "UNITED NATIONS", "April 13", "IANS"),
])
def test_dateline_forms(opening, place, date, agency):
    text = opening + "Fishermen blocked the harbour on Monday. Police watched."
    line = segment(text).dateline
    assert line is not None
    assert (line.place_text, line.date_text, line.agency) == (place, date, agency)
    assert text[line.start:line.end] == opening.rstrip()
    assert sentence_bounds(text)[1][0] == len(opening)


@pytest.mark.parametrize("text", [
    "President Lund: we will not sign this treaty.",
    "Lund said - and nobody argued - that the deal was dead.",
    "The United Nations (UN) Security Council met on Monday.",
    "India and Russia agreed: the deal stands.",
])
def test_speech_and_asides_are_not_datelines(text):
    assert segment(text).dateline is None
    assert sentence_bounds(text) == [(0, len(text))]


def test_a_dateline_on_a_line_of_its_own():
    text = "Ferry strike spreads\nTALLINN, May 2 (ERR)\nDockers walked out in three more ports."
    doc = segment(text)
    assert (doc.dateline.place_text, doc.dateline.date_text, doc.dateline.agency) == ("TALLINN", "May 2", "ERR")
    assert [k for k, _ in texts(doc, text)] == [HEADLINE, DATELINE, BODY]


def test_quotes_are_marked_and_one_left_open_runs_to_its_paragraph_end():
    doc = segment(ARTICLE)
    quoted = [ARTICLE[q.start:q.end] for q in doc.quotes]
    assert quoted[:2] == ["“We will stay until Paris listens,”", "“Will they come?”"]
    open_one = next(q for q in doc.quotes if not q.closed)
    assert ARTICLE[open_one.start:open_one.end] == "“The government has not moved an inch."
    flags = {ARTICLE[s.start:s.end]: s.quoted for s in doc.sentences}
    assert flags["“Will they come?” she asked."] and not flags["The prefect met the union at 5 p.m."]
    pos = ARTICLE.index("Paris")
    assert doc.quote_at(pos).start == ARTICLE.index("“We will stay")
    straight = 'The mayor called it "a disgrace" and left.'
    assert [straight[q.start:q.end] for q in segment(straight).quotes] == ['"a disgrace"']


def test_sentence_at_the_caret():
    doc = segment(ARTICLE)
    inside = ARTICLE.index("ring road")
    assert ARTICLE[slice(*doc.sentence_at(inside).bounds)].startswith("Hundreds of farmers")
    between = ARTICLE.index(" Gen. Pascal")  # the space after a sentence: the one before it
    assert ARTICLE[slice(*doc.sentence_at(between).bounds)].startswith("Hundreds of farmers")
    bounds = doc.bounds()
    assert sentence_at(bounds, inside) == doc.sentence_at(inside).bounds
    assert sentence_at([], 3) is None and segment("").sentence_at(0) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"ab AB.?!\n“”\"-:,()\t", "Mr.", "U.S.", "LYON", "Feb 3", "(AP)", "\u2029"]),
                max_size=80).map("".join))
def test_every_word_is_in_exactly_one_sentence_and_no_sentence_crosses_a_blank_line(text):
    doc = segment(text)
    bounds = doc.bounds()
    assert bounds == sorted(bounds)
    covered = [0] * len(text)
    for start, end in bounds:
        assert 0 <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert "\n\n" not in "".join(text[start:end].split(" "))
        for i in range(start, end):
            covered[i] += 1
    assert all(c == 1 for c, ch in zip(covered, text, strict=True) if not ch.isspace())
    assert all(c <= 1 for c in covered)


def test_fast_enough_for_the_longest_document():
    import time

    text = ("\n\n".join([ARTICLE] * 4000))[:2_000_000]
    t0 = time.perf_counter()
    doc = segment(text)
    assert time.perf_counter() - t0 < 5  # ~0.2 s here; the parser needs minutes for this text
    assert len(doc.sentences) == 10 + 3999 * 9  # headline and dateline only once, at the top


# ---------------------------------------------------------------------------- the coder's pipeline


def test_a_pipeline_without_a_parser_takes_every_sentence_from_the_document():
    import spacy

    from eventcoder.core.suggest.nlp import STRUCTURE_PIPE, add_structure, sentence_offsets

    nlp = spacy.blank("en")
    add_structure(nlp)  # nothing splits sentences there: the component gives every one
    add_structure(nlp)  # once only
    assert nlp.pipe_names == [STRUCTURE_PIPE]
    doc = nlp(ARTICLE)
    assert [sentence_offsets(s) for s in doc.sents] == sentence_bounds(ARTICLE)


@pytest.fixture(scope="module")
def nlp():
    from eventcoder.core.suggest.nlp import load_model

    return load_model()


def test_the_parser_starts_sentences_at_the_headline_dateline_and_paragraphs(nlp):
    from eventcoder.core.suggest.nlp import STRUCTURE_PIPE, sentence_offsets

    assert nlp.pipe_names.index(STRUCTURE_PIPE) < nlp.pipe_names.index("parser")
    doc = nlp(ARTICLE)
    starts = {sentence_offsets(s)[0] for s in doc.sents}
    assert set(segment(ARTICLE).hard_starts()) <= starts
    headline, dateline, body = (sentence_offsets(s) for s in list(doc.sents)[:3])
    assert [headline, dateline, body] == segment(ARTICLE).bounds()[:3]  # not "… diesel prices LYON, March 3 …"
    no_break = "Tractors blocked the bridge\nnear the station on Friday."
    assert len(list(nlp(no_break).sents)) == 1  # a wrapped line is no boundary


def test_sentences_mode_gives_the_coder_exactly_the_documents_sentences(nlp):
    from eventcoder.core.suggest.nlp import STRUCTURE_PIPE, StructureBoundaries, sentence_offsets

    component = nlp.get_pipe(STRUCTURE_PIPE)
    old = component.mode
    component.mode = "sentences"
    try:
        doc = nlp(ARTICLE)
    finally:
        component.mode = old
    assert [sentence_offsets(s) for s in doc.sents] == sentence_bounds(ARTICLE)
    with pytest.raises(ValueError, match="unknown structure mode"):
        StructureBoundaries("words")


@pytest.mark.parametrize(("text", "before", "expected"), [
    ("Farmers block motorways\n\nLYON, March 3, 2023 - Hundreds of farmers drove tractors.", None, "2023-03-03"),
    ("LYON, Sept. 30, 2022 (Wire) -- Farmers drove tractors onto the ring road.", None, "2022-09-30"),
    # no year: the latest such day not after the import's date
    ("LYON, Dec. 30 (Wire) - Farmers drove tractors onto the ring road.", "2024-01-05", "2023-12-30"),
    ("LYON, March 3 (Wire) - Farmers drove tractors onto the ring road.", "2024-04-01", "2024-03-03"),
    ("LYON (Wire) - Farmers drove tractors onto the ring road.", None, None),  # a dateline with no date
    ("Farmers drove tractors onto the ring road on March 3, 2023.", None, None),  # a date, but no dateline
])
def test_the_datelines_date_as_iso(text, before, expected):
    from eventcoder.core.document import dateline_date

    assert dateline_date(text, before=before) == expected

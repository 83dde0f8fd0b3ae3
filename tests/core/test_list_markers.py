"""A bullet or dash glued to a capitalised word in a pasted list is split off as punctuation ("-Russia attacked
Ukraine." coded nothing: "-Russia" was one token no dictionary knows); hyphenated words and negative numbers
keep their tokens."""

from __future__ import annotations

from eventcoder.core.suggest.nlp import load_model


def test_a_glued_bullet_is_split_off_and_hyphens_inside_words_are_not():
    nlp = load_model()
    assert [t.text for t in nlp("-Ruritania attacked Freedonia.")][:2] == ["-", "Ruritania"]
    assert [t.text for t in nlp("\u2022Russia attacked Ukraine.")][:2] == ["\u2022", "Russia"]
    assert [t.text for t in nlp("Temperatures fell to -5 in Jean-Pierre's town.")][3] == "-5"


def test_a_bulleted_line_is_coded_as_the_same_line_without_its_bullet(cameo_coder):
    def triples(text):
        return {(e.source_code, e.event_code, e.target_code) for e in cameo_coder.code_text(text, "2024-03-04").events}

    plain = triples("Russia attacked Ukraine.")
    assert plain and triples("-Russia attacked Ukraine.") == plain

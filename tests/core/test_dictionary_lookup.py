"""The coder's fast dictionary lookups find exactly what a scan in order finds: the phrase index by length
(long first-word buckets), the patterns a block's words admit, a slot's alternatives by first word, and a
sentence's offsets read from its end tokens."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

from eventcoder.core import dictionaries as D
from eventcoder.core.dictionaries.phrases import PhraseIndex
from eventcoder.core.suggest.nlp import load_model, sentence_offsets


def scan(index: PhraseIndex, toks, i):
    """What PhraseIndex.match_at found before the length table: the first bucket phrase that fits."""
    for words, payload in index.index.get(toks[i], ()):
        k = len(words)
        if i + k <= len(toks) and tuple(toks[i:i + k]) == words:
            return k, payload
    return None


def test_phrase_index_long_bucket_matches_the_scan_in_order():
    rng = random.Random(7)
    vocab = ["MINISTER", "OF", "FOREIGN", "AFFAIRS", "DEFENCE", "PRIME", "DEPUTY", "THE", "FOR", "TRADE"]
    index = PhraseIndex()
    for n in range(300):  # ~300 phrases that start with MINISTER, repeats among them (the first added wins)
        words = ("MINISTER", *rng.choices(vocab, k=rng.randint(0, 4)))
        index.add(words, f"entry{n}", layer=rng.choice([0, 0, 1]))
    index.add(("TRADE",), "short")
    index.finish()
    assert len(index.index["MINISTER"]) > 8  # looked up through its length table
    for _ in range(400):
        toks = rng.choices(vocab, k=rng.randint(1, 8))
        for i in range(len(toks)):
            assert index.match_at(toks, i) == scan(index, toks, i)
    # an index read from a pickle (the dictionary cache) and a bucket replaced after use (with_entries) agree too
    again = pickle.loads(pickle.dumps(index))
    toks = ["MINISTER", "OF", "DEFENCE", "OF", "THE"]
    assert again.match_at(toks, 0) == scan(index, toks, 0)
    bucket = [(("MINISTER", "OF", "DEFENCE"), "replaced"), *index.index["MINISTER"]]
    index.index["MINISTER"] = bucket
    assert index.match_at(toks, 0) == (3, "replaced")
    index.add(("MINISTER", "OF", "DEFENCE", "OF", "THE"), "added")  # unsorted until finish(): scanned in order
    assert index.match_at(toks, 0) == scan(index, toks, 0)
    index.finish()
    assert index.match_at(toks, 0) == (5, "added")


VERBS = """\
&FRUIT
+APPLE
+PEAR
+PLUM
+QUINCE
+MEDLAR
+CHERRY
+DAMSON
+GRAPE
+FIG
+LIME

--- HARVEST  [071] ---
HARVEST
- * &FRUIT [0711]
- * {RIPE &FRUIT} FROM + [0712]
- $ GROWERS * [0713]
- * ORCHARD [0714]
- * WITH SHEARS [0715]
- * [0716]
- NOT * &FRUIT [0717]
"""


def test_block_candidates_are_the_patterns_whose_words_are_present(tmp_path):
    path = tmp_path / "harvest.verbs.txt"
    path.write_text(VERBS, encoding="utf-8")
    verbs = D.parse_verbs([path])
    block = verbs.blocks["HARVEST"]
    rng = random.Random(3)
    vocab = ["APPLES", "PEAR", "RIPE", "FROM", "GROWERS", "ORCHARD", "WITH", "SHEARS", "NOT", "FIGS", "THE", "FIG"]
    for _ in range(300):
        words = set(rng.sample(vocab, rng.randint(0, 6)))
        expected = [p for p in block.patterns if all(not need.isdisjoint(words) for need in p.need)]
        assert block.candidates(words) == expected
    assert [p.code for p in block.candidates(set())] == ["0716"]  # the bare pattern needs no word
    slots = [s for p in block.patterns for s in p.pre + p.post if len(s.alts) > 8]
    assert slots  # the synset slots (20 alternatives with the plurals) are looked up by first word
    for slot in slots:
        for _ in range(100):
            words = set(rng.sample(vocab + ["RIPE", "LIMES", "QUINCES"], rng.randint(0, 5)))
            expected = [a for a in slot.alts if a[0][0] == "^" or a[0][0] in words]
            assert slot.alts_for(words) == expected


def test_sentence_offsets_strip_the_white_space_at_both_ends():
    nlp = load_model()
    texts = ["Osgiliath closed its gates.\n\n  The river wardens  protested loudly. \n\n\n",
             " \t Rohan sent riders east.\u2003\n\nGondor thanked them.  ", "\n\n", "Arnor waited. \xa0 \n"]
    for doc in nlp.pipe(texts):
        for span in [*doc.sents, *(doc[a:b] for a in range(len(doc)) for b in range(a + 1, min(len(doc), a + 6) + 1))]:
            text = span.text_with_ws
            expected = (span.start_char + len(text) - len(text.lstrip()), span.start_char + len(text.rstrip()))
            assert sentence_offsets(span) == expected, repr(text)
            start, end = expected
            if start < end:
                assert doc.text[start:end] == text.strip()


def test_the_builtin_dictionaries_answer_as_the_scan_does():
    verbs = D.load_verbs([Path(p) for p in _cameo_verbs()])
    words = {"SANCTIONS", "TALKS", "WITH", "TO", "ON", "TROOPS", "AID", "FOR"}
    for block in list(verbs.blocks.values())[:400]:
        expected = [p for p in block.patterns if all(not need.isdisjoint(words) for need in p.need)]
        assert block.candidates(words) == expected


def _cameo_verbs() -> list[str]:
    from eventcoder.core.schemes import load_scheme

    return [str(p) for p in load_scheme("cameo").dictionaries["verbs"]]

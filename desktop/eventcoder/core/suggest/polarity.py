"""Polarity of a word: is calling someone this an insult or praise?

"called Maduro a dictator", "described the protesters as criminals", "branded the vote a sham": naming someone with
a negative word is a verbal criticism (CAMEO 111), with a positive one verbal praise (051). The word's polarity comes
from VADER's hand-rated lexicon (vaderSentiment: about 7,500 English words, each the mean of ten raters' valence on a
-4 .. +4 scale). VADER was built for social-media text and leaves out a few words that in news are said of political
actors and carry a clear valence there ("sham", "dictator", "traitor", "puppet"); ``NEWS_NEGATIVE`` and
``NEWS_POSITIVE`` below supply them (our own short list, rated the way VADER rates: a word is listed only if calling
someone or something that is, in itself, an insult or a compliment).
"""

from __future__ import annotations

from functools import cache

# words VADER does not rate that name an actor or an act pejoratively in political news
NEWS_NEGATIVE = frozenset({
    "sham", "farce", "charade", "travesty", "dictator", "dictatorship", "tyrant", "tyranny", "despot", "autocrat",
    "traitor", "thug", "puppet", "stooge", "fascist", "nazi", "extremist", "aggressor", "occupier", "warmonger",
    "butcher", "genocide", "provocation", "provocative", "flagrant", "blatant", "illegitimate", "rogue", "outrage",
    "mockery", "hypocrisy", "hypocritical", "banditry", "bandit", "mercenary", "usurper", "junta", "lawless",
    "irresponsible", "destabilising", "destabilizing", "unlawful", "unconstitutional", "invasion", "piracy", "pirate",
    "blackmail", "coup", "sabotage", "saboteur", "barbaric", "barbarism", "atrocity", "massacre", "subversive",
    "masquerade", "null", "void", "absurd", "interference", "meddling", "breach",
})
# words VADER does not rate that name an actor or an act approvingly in political news
NEWS_POSITIVE = frozenset({
    "ally", "partner", "milestone", "landmark", "breakthrough", "statesman", "visionary", "historic",
    "exemplary", "constructive", "indispensable",
})
# how far from neutral a word's rating must be (VADER's ratings run -4 .. +4; "important" is 0.8, "good" 1.9)
THRESHOLD = 1.0


@cache
def _lexicon() -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon)


def valence(word: str) -> int:
    """-1 for a negative word, +1 for a positive one, 0 for a neutral or unknown one (case-insensitive)."""
    w = word.lower()
    if w in NEWS_NEGATIVE:
        return -1
    if w in NEWS_POSITIVE:
        return 1
    score = _lexicon().get(w)
    if score is None:
        return 0
    return -1 if score <= -THRESHOLD else 1 if score >= THRESHOLD else 0


def phrase_valence(words) -> int:
    """The polarity of a naming phrase's words (its head, modifiers, coordinated nouns): one negative word makes
    it negative ("a dangerous partner"), else one positive word makes it positive, else 0."""
    vals = [valence(w) for w in words]
    if -1 in vals:
        return -1
    return 1 if 1 in vals else 0


# verbs that name their object as something: "called X a Y", "described X as Y", "branded X (as) Y"
NAMING_VERBS = frozenset("call describe brand label dub term characterize characterise portray decry".split())

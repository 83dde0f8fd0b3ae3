"""The word lists the rule coder, its role completion and the type learner's features share (one place).

Lower-case lemmas; ``upper`` gives the upper-case forms the coder matches against token texts.
"""

from __future__ import annotations

# reporting verbs: passed through to the clause they report; never an event of their own
REPORTING = frozenset(
    """say tell add state report announce contend note explain insist assert stress remark reiterate
    declare write argue think emphasise emphasize observe recall reply answer comment mention
    underline clarify quote affirm maintain indicate
    """.split()
)
# verbs that report a clause but are events themselves when the clause has none (claim -> accuse)
CLAIMING = frozenset("believe suggest acknowledge confirm reveal claim allege accuse deny".split())
# verbs that report speech at all (reporting, claiming, warning): where a sentence's reported clause starts
SPEECH = REPORTING | CLAIMING | {"warn"}
# verbs of agreeing to act ("agreed to lift", "consented to hold"): under them the act is agreed, not done
AGREEING = frozenset("agree consent".split())
# verbs of refusing the act under them ("refused to respond", "declined to attend"): a rejection whatever the act
REFUSAL_VERBS = frozenset("refuse decline".split())
# modal auxiliaries (their clitic forms too: 'll, wo(n't), ca(n't)); "must" is an obligation, kept apart
MODALS = frozenset({"will", "would", "shall", "'ll", "wo", "can", "ca", "could", "should", "may", "might"})
FUTURE_MODALS = frozenset({"will", "would", "shall", "'ll", "wo"})
OBLIGATION = frozenset({"must"})

# nouns that name a gathering or an exchange (lemmas): a place phrase on them ("talks in Caracas") says where
# the event is held, not who takes part in it
EVENT_NOUNS = frozenset(
    """talk negotiation meeting summit conference ceremony dialogue visit session round consultation
    rally protest march demonstration election vote forum gathering signing
    """.split()
)


# light (support) verbs: the event is named by their object noun ("launched air strikes", "held talks with",
# "voiced support for", "ordered the release of", "carried out an attack on"), coded through the noun's verb entry
LIGHT_VERBS = frozenset(
    """launch carry conduct hold stage mount undertake make pay give voice express issue order announce
    declare wage unleash begin start commence resume intensify step escalate perform
    """.split()
)

# nominalisation suffixes (upper case) -> the endings of the verb they are made from, most likely first:
# INVESTIGATION -> INVESTIGATE, SUSPENSION -> SUSPEND, DEPLOYMENT -> DEPLOY, WITHDRAWAL -> WITHDRAW,
# SEIZURE -> SEIZE, ASSISTANCE -> ASSIST, INTERFERENCE -> INTERFERE, DELIVERY -> DELIVER
NOMINAL_SUFFIXES = (
    ("ATION", ("ATE", "", "E")), ("ITION", ("ITE", "", "E")), ("SION", ("D", "DE", "T")), ("TION", ("TE", "T", "")),
    ("MENT", ("",)), ("URE", ("E",)), ("ANCE", ("", "E")), ("ENCE", ("E", "")), ("AL", ("", "E")), ("ERY", ("ER",)),
)


def verb_stems(noun: str) -> tuple[str, ...]:
    """Candidate verbs (upper case) a nominalisation is made from; the verb dictionary tells which is a verb."""
    out: list[str] = []
    for suffix, endings in NOMINAL_SUFFIXES:
        if noun.endswith(suffix) and len(noun) > len(suffix) + 2:
            stem = noun[: -len(suffix)]
            out.extend(stem + e for e in endings)
            break
    return tuple(out)


def upper(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w.upper() for w in words)

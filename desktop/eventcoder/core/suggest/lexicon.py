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


def upper(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w.upper() for w in words)

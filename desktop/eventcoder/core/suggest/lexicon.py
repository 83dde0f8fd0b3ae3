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


# nouns that name the result of another act rather than an act of their own verb: the verbs that tell that act
# ("welcomed the outcome" of the vote, "condemned the verdict" of the court that convicted)
RESULT_NOUN_VERBS = {
    "outcome": ("vote", "decide", "rule", "elect", "adopt"),
    "result": ("vote", "decide", "rule", "elect"),
    "verdict": ("convict", "sentence", "rule", "find", "acquit"),
    "ruling": ("rule", "order", "convict", "find"),
    "resolution": ("adopt", "pass", "vote", "approve"),
    "decision": ("decide", "vote", "order", "rule", "announce", "approve"),
    "move": ("decide", "announce", "order", "vote", "approve"),
    "vote": ("vote", "approve", "pass", "adopt", "ratify"),
    "inquiry": ("open", "launch", "order"),
    "investigation": ("open", "launch", "order"),
    "agreement": ("agree", "sign", "reach", "conclude"),
    "deal": ("agree", "sign", "reach", "conclude"),
    "accord": ("agree", "sign", "reach", "conclude"),
    "ouster": ("oust", "remove", "vote", "convict", "topple"),
    "removal": ("remove", "oust", "vote", "depose"),
    # a weapons test or launch is told by what was fired ("North Korea fired a ballistic missile ... denounced the
    # test")
    "test": ("fire", "launch"),
    "launch": ("fire", "test"),
    "test-firing": ("fire", "launch", "test"),
}


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


# object classes that decide a material act's sense (the coder's _object_sense); lower-case lemmas. The verb
# dictionary's own synsets (&ENVOY, &WEAPON, &AIRCRAFT, &CROWD, &PEOPLE) are read beside these.
# verbs of leaving: "ordered the diplomats to leave" is expelling them
DEPARTING = frozenset("leave depart quit exit".split())
# verbs of closing and the places of passage whose closing restricts movement (CAMEO 191), not a sanction on a body;
# airspace closed to another's flights is not among them: CAMEO.2.0's own CLOSE * AIRSPACE is 172, a ban on its
# aircraft (the article conventions: "closing airspace to another country's flights is 172")
CLOSING = frozenset("close shut seal".split())
PASSAGE = frozenset(
    """border crossing checkpoint frontier port airport harbour harbor corridor road route highway
    waterway strait
    """.split()
)
# nouns of handing goods over or moving them across: "the sale of fighter jets", "arms deliveries", "the transit of
# Russian gas", "imports of Chinese steel"
TRANSFER_NOUNS = frozenset("sale delivery transfer export import shipment supply purchase transit".split())
# verbs of halting a flow of goods: halting a transfer is an embargo (163)
HALTING = frozenset("suspend halt stop freeze cut ban block".split())
# weapons the dictionary's &WEAPON/&AIRCRAFT synsets leave out
WEAPONS = frozenset("arm arms tank warship submarine munition interceptor launcher".split())
# verbs of physical force that, with "back"/"away" and a crowd as object, repress it (175)
PUSHING = frozenset("push drive beat force".split())
# verbs of negotiating: CAMEO's 046 (the dictionary's NEGOTIATE patterns give the general 050)
NEGOTIATING = frozenset("negotiate bargain".split())
# vessels (the dictionary's &CAR and &AIRCRAFT hold the other vehicles): seizing one takes a thing (171), it
# occupies no territory (192)
VESSELS = frozenset("ship tanker vessel boat freighter trawler yacht ferry barge".split())
# nouns of land and sea a state claims as its own ("claims the entire sea", "claims the islands"): a claim of
# sovereignty, no allegation against anyone (coder._object_sense)
TERRITORY_NOUNS = frozenset("sea island islet reef shoal atoll territory water waters region land area coast".split())
# nouns of a written statement: "issued a statement condemning ...", "a joint communique urging ...": the act is the
# participle's (coder._statement_act)
STATEMENT_NOUNS = frozenset("statement communique communiqué declaration letter message".split())
# nouns of the written instruments two parties sign (lemmas): signing one is signing a formal agreement (CAMEO 057)
# whatever it is about ("signed a ceasefire deal", "a trade agreement", "a defence pact"; coder._object_sense)
SIGNED_NOUNS = frozenset("""agreement deal accord pact treaty contract memorandum protocol convention charter
    declaration""".split())
# verbs of signing an instrument
SIGNING = frozenset("sign ratify countersign".split())
# nouns of economic penalties on trade and money (lemmas): imposing one is an embargo or sanction (CAMEO 163),
# not CAMEO's unspecified coercion (170; coder._object_sense)
PENALTY_NOUNS = frozenset("sanction tariff duty surtax surcharge levy embargo boycott".split())
# verbs of an adjudicator's decision: "asked the WTO to rule on", "asked the court to arbitrate":
# taking the dispute to it, CAMEO 115 (coder._subcode)
RULING = frozenset("rule adjudicate arbitrate".split())
# verbs of giving an explanation: summoning an envoy "to explain" or "to account for" an act demands an explanation
# (CAMEO 101, the article conventions), not a protest (114; coder._object_sense)
EXPLAINING = frozenset("explain account clarify justify".split())
# nouns of people the actor dictionaries do not compose (lemmas): "seven members of the group", "two men"
PERSON_NOUNS = frozenset("member man woman activist journalist reporter suspect individual person".split())

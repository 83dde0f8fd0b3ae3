"""How a wire headline is read: the clauses it is made of.

A headline is telegraphic and often two headlines in one: two main clauses joined by a semicolon ("Czech Republic
expels three Russian diplomats; Moscow vows to respond") or a main clause and a time clause with a subject of its
own ("North Korea fires missile as Seoul and Tokyo condemn launch", "African Union suspends Gabon after army seizes
power"). The small model parses such a line worse than each clause alone. :func:`pieces` cuts a headline's tokens
into those clauses; the coder (``EventCoder._reparse_headline``) parses each on its own and joins the parses again:
the first clause is the root, a clause after a semicolon a main clause coordinated with it (``conj``), a time
clause its adverbial clause (``advcl``, the conjunction its ``mark``).

The module switches are for measuring each part (A/B on the dev articles); the product keeps them on.
"""

from __future__ import annotations

from dataclasses import dataclass

# each clause of a headline parsed on its own and the parses joined (EventCoder._reparse_headline)
PIECES = True
# a dictionary verb in its plain form right after a plural or coordinated subject the parser read as a noun ("as
# Seoul and Tokyo condemn launches") is stood in for by "take", as a verb in "-s" after a name is by "takes"
PLAIN_STAND_IN = True

# a clause's verb in "-s" (or plain) stood in for whatever the parser made of it, after a name the tagger read as a
# common noun too ("Finland shuts ..." with "Finland" a place to the entity recogniser), where the clause's own words
# do not parse as a clause; with AFTER_NOUNS after any common noun ("as army seizes power"). Off: one more right
# event on a01-a32, one more wrong one on the new dev articles a33-a62 (1 Dec).
RELAXED_STAND_IN = False
AFTER_NOUNS = False

# an act of a later clause that names no target answers an earlier clause's act (EventCoder._headline_clause_targets)
CLAUSE_TARGETS = True
# a first clause's answer, threat or state's protest with no target answers the act of the time clause after it
# ("Japan protests as China sends ships near islands")
ANSWER_BEFORE_CAUSE = True

# a verb after a comma or "and" that shares the headline's subject ("Finland shuts border crossings, accuses Moscow
# of ...") is a clause of its own, coordinated with the first
COORDINATED = True

# a lead event restated by the headline takes the headline's actors with the lead's very codes first, and fills the
# headline's own targetless event at the same word (EventCoder._headline_from_lead)
LEAD_FILLS = True

# conjunctions that begin a time clause: a clause after one, with a subject and a verb of its own, is a clause of
# the headline (a preposition such as "amid" or "over" begins a noun phrase, no clause)
SUBORDINATORS = frozenset({"as", "after", "while", "when", "before", "until"})


@dataclass(frozen=True)
class Piece:
    """Tokens ``[lo, hi)`` of the headline (positions in its token list) that make one clause; ``joint`` is the
    position of the semicolon or conjunction before it (``None`` for the first clause), ``kind`` its word."""

    lo: int
    hi: int
    joint: int | None = None
    kind: str = ""


def pieces(words: list[str], verbs_after: frozenset[int] | set[int] = frozenset()) -> list[Piece]:
    """The clauses a headline's words (its tokens' texts, white space left out) may be made of: cut at each
    semicolon and before each time conjunction (:data:`SUBORDINATORS`), and at each comma or "and" in
    ``verbs_after`` (those a verb follows: "Xi signs 30 agreements with Cambodia and pledges aid"), where both sides
    keep two words or more. Whether a piece after a conjunction is a clause is for its parse to say (the coder keeps
    the cut only then)."""
    cuts: list[tuple[int, str]] = []
    last = 0
    for k, w in enumerate(words):
        low = w.lower()
        if low == ";" or (low in SUBORDINATORS and k > 0) or (COORDINATED and k in verbs_after):
            if k - last >= 2 and len(words) - k - 1 >= 2:
                cuts.append((k, ";" if low == ";" else low))
                last = k + 1
    out: list[Piece] = []
    lo, joint, kind = 0, None, ""
    for k, what in cuts:
        out.append(Piece(lo, k, joint, kind))
        lo, joint, kind = k + 1, k, what
    out.append(Piece(lo, len(words), joint, kind))
    return out


def merge(parts: list[Piece], drop: set[int]) -> list[Piece]:
    """``parts`` with the cuts before the pieces at ``drop`` (their positions in ``parts``) undone: each such piece,
    its conjunction with it, joins the piece before it."""
    out: list[Piece] = []
    for k, p in enumerate(parts):
        if k in drop and out:
            prev = out.pop()
            out.append(Piece(prev.lo, p.hi, prev.joint, prev.kind))
        else:
            out.append(p)
    return out


# where the coder keeps the clauses it parsed a headline in (``doc.user_data``): (start, end, kind) in characters
CLAUSES = "eventcoder.headline_clauses"

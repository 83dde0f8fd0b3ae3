"""Pronoun mentions as actor roles: what code a pronoun stands for when an analyst makes it an event's source or
target (S / T), as annotation tools with coreference do it (INCEpTION, brat: a mention's identity is the actor
it refers to, never the word itself).

A pronoun ("he", "she", "it", "they", "his", ...) names no actor by its words: the coder codes it with the
antecedent it resolved (core/suggest/coref.py), and that reading may be wrong or out of date. So when the
analyst picks a pronoun for a role, its code is, in this order:

1. the code the analyst typed in the role's field (they chose the actor);
2. else the code of the antecedent the analyst linked it to: an actor span joined to it by a coreference
   relation (the scheme's ``same_as``), followed through a chain of such links to a span that is no pronoun;
3. else the code the pronoun already has (the coder's reading).

And the pronoun span takes that code with the event (the words stay the event's role; core/commands.py
``_settle_role`` recodes a pronoun with any code typed for its role, since its words name none by themselves).
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Layer, Relation, Span, Status

PRONOUNS = frozenset(
    "he she it they him her them his hers its their theirs we us our ours i me my you your "
    "himself herself itself themselves ourselves".split()
)
COREFERENCE = frozenset({"same_as", "coref", "coreference", "refers_to"})
"""Relation types that say two spans name the same actor (the built-in schemes' ``same_as``)."""


def is_abbreviation(word: str) -> bool:
    """A word written in capitals, more than one letter: a name's abbreviation (``US``, ``IT``), never a pronoun
    (the one rule; core/project_actors.py learns such words as names)."""
    return len(word) > 1 and word.isupper()


def is_pronoun(text: str | None) -> bool:
    """Whether ``text`` (a span's words) is a single personal or possessive pronoun ("he", "Their"); "US" (the
    United States) is an abbreviation, not "us" (:func:`is_abbreviation`)."""
    words = (text or "").strip().strip(".,;:!?\"'“”‘’()").split()
    return len(words) == 1 and words[0].casefold() in PRONOUNS and not is_abbreviation(words[0])


def antecedent(span: Span, spans: dict[int, Span], relations: Iterable[Relation]) -> Span | None:
    """The actor span ``span`` (a pronoun) refers to through coreference relations (either direction, chains
    followed), the nearest one that is no pronoun and has a code; accepted ones first. None when not linked."""
    links: dict[int, set[int]] = {}
    for rel in relations:
        if rel.type in COREFERENCE and rel.status != Status.REJECTED:
            links.setdefault(rel.from_span_id, set()).add(rel.to_span_id)
            links.setdefault(rel.to_span_id, set()).add(rel.from_span_id)
    seen, frontier = {span.id}, [span.id]
    while frontier:
        found = []
        for sid in frontier:
            for other in sorted(links.get(sid, ())):
                if other in seen:
                    continue
                seen.add(other)
                found.append(other)
        named = [spans[i] for i in found if i in spans and spans[i].layer == Layer.ACTOR.value and spans[i].code
                 and not is_pronoun(spans[i].text) and spans[i].status != Status.REJECTED]
        if named:
            named.sort(key=lambda s: (s.status != Status.ACCEPTED, abs(s.start - span.start)))
            return named[0]
        frontier = found
    return None


def pronoun_role_code(span: Span, typed: str | None, spans: dict[int, Span], relations: Iterable[Relation]
                      ) -> tuple[str | None, str]:
    """(the code a pronoun picked for a role takes, where it comes from: ``typed``, ``antecedent`` or ``own``);
    see the module's text."""
    if typed:
        return typed, "typed"
    ante = antecedent(span, spans, relations)
    if ante is not None:
        return ante.code, "antecedent"
    return span.code, "own"

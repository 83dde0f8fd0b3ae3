"""Actor mentions: dictionary actors composed with agents over the spaCy parse, plus NER leftovers.

A *mention* is one noun phrase (tokens joined by ``compound``/``amod``/``poss``/... to one head).
Inside a noun phrase, dictionary actors give the country or organisation code and agent phrases
add their role: ``Russian foreign minister`` -> ``RUS`` + ``~GOV`` = ``RUSGOV``; ``MSF Arnor
diplomat`` -> ``NGO~`` + ``ARN`` + ``~GOV`` = ``NGOARNGOV``. An agent phrase with no actor in its
noun phrase borrows the actors of an attached ``of/from/in`` phrase (``soldiers from Gondor`` ->
``GONMIL``, one code per coordinated country); with none it gets the unknown country ``---``
(``a senior official`` -> ``---GOV``), as PETRARCH does. Date-limited actor codes are resolved on
the document date. Country names and nationality words no dictionary entry covers (``Türkiye's foreign
minister``, ``the Eswatini police``) get their country from the country-name libraries
(:mod:`eventcoder.core.suggest.countries`) and compose with agents the same way (``resolved`` =
``"country_names"``); a dictionary code always wins. spaCy entities (GPE, NORP, ORG, PERSON) that no dictionary
or library knows become uncoded mentions (code ``None``, kind ``"unknown"``).

Inside one phrase, actors separated by a coordinator (``Arnor, Calenardhon and Gondor``, even when
the parser made it one phrase) each keep their code; otherwise the most specific code wins
(``Russian President Vladimir Putin`` -> ``RUSGOV``), except that a named country overrides the
country of a role-coded name (``Rwanda's Senate``, Senate = ``USAGOVLEG`` -> ``RWALEG``, its last role). A
coordinated role shares the country and modifiers of its neighbour (``Danish Islamist media and
government`` -> ``DNKMUSMED``, ``DNKMUSGOV``). A role word used only as a modifier (``military
exercises``) is not an actor. Dictionary actors need a capital letter or a proper-noun/adjective tag.

Codes on the story date, as the article conventions (``bench/articles/README.md``) take CAMEO: an entry whose
dated codes all ended before the date (the Phoenix files end around 2010-2018) keeps only its country, the role
coming from the text's own role words (``Prime Minister Viktor Orban`` in 2024 -> ``HUNGOV``, not ``HUNELI``);
of entries sharing the words, one not past its dates codes; a named person beside a role word of the text takes
that role (``Opposition leader Raila Odinga`` -> ``KENOPP``). A spokesperson is coded as the body spoken for
(``Kremlin spokesman`` -> ``RUSGOV``; alone beside a country, its government); an organisation's officers are the
organisation (``IGOUNO``, not ``IGOUNOGOV``); a rebel, armed or opposition group's leaders and commanders are the
group (``ELN commander`` -> ``COLREB``). A capital (another name of a country's entry, not a country name) that
acts or is addressed stands for the government (``Moscow dismissed``, ``urged New Delhi`` -> ``RUSGOV``,
``INDGOV``); as a place (``in Moscow``, ``attacked Kyiv``) it stays the country.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as _date

from eventcoder.core.dictionaries.actors import as_date
from eventcoder.core.dictionaries.phrases import phrase_tokens

from .countries import CountryMatch, CountryNames, country_names

NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "flat", "nummod", "det", "case", "quantmod", "nn"})
ATTACH_PREPS = frozenset({"OF", "FROM", "IN"})
SPOKESMAN_FOR = True  # "a spokesman for the U.S. Navy's Fifth Fleet": the body spoken for gives the country
NER_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
NONSTATE_PREFIXES = ("IGO", "NGO", "IMG", "MNC", "UAF", "REB", "INS", "NGM", "UNO", "IMF", "IBR")
PROJECT_ACTORS = "project actors"  # the file name of the project's own entries (core/project_actors.SOURCE_FILE)
NATIONALITY_IN_NAME = True  # "the Kazakh Agriculture Ministry": the nationality word of a body's name
POSSESSED_BODIES = True  # "Russia's Security Council": a country's possessive before an IGO's name is its GOV
COORDINATED_NATIONALITIES = True
# "Sudan's government and rebel groups": a role word coordinated with a modifier of another is an actor of its own
COORDINATED_MODIFIER_ROLES = True  # "Japanese and South Korean counterparts": one code per country word
CONJUNCT = "conjunct"  # Mention.resolved of a titled person whose country is a later conjunct's (a guess)
ANTECEDENT = "antecedent"  # SuggestedSpan.origin of a description given an earlier mention's code (coref)
COUNTRY_NAMES = "country_names"  # Mention.resolved of a country the country-name libraries gave (suggest/countries.py)


@dataclass(frozen=True, slots=True)
class LibraryCountry:
    """An actor hit for a country name the dictionaries miss, resolved by :mod:`eventcoder.core.suggest.countries`
    (a stand-in for a dictionary entry: ``resolve`` gives its one code on every date)."""

    match: CountryMatch
    file: str = "country names library"
    line: int = 0

    def resolve(self, on=None) -> list[str]:
        return [self.match.code]


def _proper(tok) -> bool:
    return tok.text[:1].isupper() and tok.pos_ in ("PROPN", "ADJ") and tok.ent_type_ != "PERSON"


# a nationality entity is not grown over the capitalised title and name after it ("Swedish Defence Minister Pal
# Jonson" is "Swedish" + a title), unless the longer run is itself a country's name
NORP_NOT_EXTENDED = True
# a country's name the recogniser took for an organisation ("Türkiye signed ...", "Côte d'Ivoire"): a country when a
# country-name library has it word for word
ORG_COUNTRY_NAMES = True


def _country_hits(doc, hits, names: CountryNames, skip_until: int) -> list[tuple[int, int, str, object]]:
    """Country names and nationality words no dictionary entry covered: spaCy's GPE/NORP entities, and capitalised
    names in a noun phrase with a role word (``Eswatini police``), resolved by the country-name libraries.

    A name run continues over neighbouring capitalised names (``Papua New Guinea``, ``Jordan Smith``), and a run
    spaCy did not mark as one place or nationality must be a country name word for word (``Jordan Smith`` is not).
    Beside a role word, a word only a country_converter expression matches (not a library name word for word) must
    be an adjective (``Slovenian diplomats``). A PERSON entity is a
    country only when it is a country's name of several words (``Papua New Guinea``). A name that is also a
    subdivision of another country (``Georgia``) is left uncoded where the sentence names that country or the
    subdivision's type (``the US state of Georgia``)."""
    covered: set[int] = set()
    for h in hits:
        covered.update(range(h[0], h[1]))
    n = len(doc)
    runs: list[tuple[int, int, bool, str]] = []  # (start, end, strict, label)
    seen: set[int] = set()

    def extend(s: int, e: int) -> tuple[int, int]:
        while s - 1 >= skip_until and s - 1 not in covered and doc[s - 1].text[:1].isupper() and \
                doc[s - 1].pos_ == "PROPN" and not doc[s - 1].is_sent_start:
            s -= 1
        while e < n and e not in covered and doc[e].text[:1].isupper() and doc[e].pos_ == "PROPN":
            e += 1
        return s, e

    for ent in doc.ents:
        if ent.label_ not in ("GPE", "NORP", "PERSON") + (("ORG",) if ORG_COUNTRY_NAMES else ()) or (
                ent.start < skip_until):
            continue
        if any(i in covered for i in range(ent.start, ent.end)):
            continue
        s, e = extend(ent.start, ent.end)
        if NORP_NOT_EXTENDED and ent.label_ == "NORP" and (s, e) != (ent.start, ent.end) and names.resolve(
                doc[s:e].text, strict=True) is None:
            s, e = ent.start, ent.end  # "Swedish Defence Minister Pal Jonson": the nationality, then a title
        runs.append((s, e, (s, e) != (ent.start, ent.end), ent.label_))
        seen.update(range(s, e))
    agent_roots = {_np_root(doc, _span_head(doc, h[0], h[1])) for h in hits if h[2] == "agent"}
    if agent_roots:
        ent_of = {j: ent for ent in doc.ents if ent.label_ != "PERSON" for j in range(ent.start, ent.end)}
        i = skip_until
        while i < n:
            if i in covered or i in seen or not _proper(doc[i]) or _np_root(doc, i) not in agent_roots:
                i += 1
                continue
            ent = ent_of.get(i)  # the whole name spaCy marked ("Côte d'Ivoire's" as an ORG), else the name run
            s, e = extend(*((ent.start, ent.end) if ent is not None and not any(
                j in covered for j in range(ent.start, ent.end)) else (i, i + 1)))
            if not any(j in seen for j in range(s, e)):
                runs.append((s, e, True, ""))
                seen.update(range(s, e))
            i = max(e, i + 1)
    out: list[tuple[int, int, str, object]] = []
    for s, e, strict, label in runs:
        toks = doc[s:e]
        if any(j in covered for j in range(s, e)):
            continue
        if label == "PERSON" or any(t.ent_type_ == "PERSON" for t in toks):
            # a person's name, unless it is a country's name of several words ("Papua New Guinea" taken for one)
            m = names.resolve(toks.text, strict=True) if label == "PERSON" else None
            demonym = DEMONYM_PERSON and m is not None and m.how == "regex" and e - s == 1 and \
                toks[0].dep_ in ("compound", "amod") and toks[0].head.i in agent_roots and toks[0].head.i == e
            if not demonym and (m is None or m.how != "name" or sum(1 for t in toks if t.is_alpha) < 2):
                continue
        if not any(t.text[:1].isupper() for t in toks if t.lower_ != "the"):
            continue  # "a million austrian gold florin": a name has its capital, as a dictionary actor does
        m = names.resolve(toks.text, strict=strict)
        if label == "ORG" and (m is None or m.how != "name"):
            continue  # an organisation's name is a country only when it is a country's name word for word
        if m is None and NATIONALITY_IN_NAME and label == "" and e - s > 1:
            # "the Kazakh Agriculture Ministry": the run grew over the body's own words; its first word alone
            first = names.resolve(doc[s].text, strict=strict)
            if first is not None and first.how != "name":
                m, e, toks = first, s + 1, doc[s:s + 1]
        if m is None:
            continue
        if FEATURES_ARE_PLACES and m.how != "name" and _feature_words(doc, s, e, inside=True):
            continue  # "Lake Malawi", "the Congo River": a place (the Cook Islands is a country's name)
        if m.how != "name" and label == "" and not all(t.pos_ == "ADJ" for t in toks) and not (
                NATIONALITY_IN_NAME and e - s == 1 and toks[0].dep_ == "compound"
                and toks[0].head.i in agent_roots and toks[0].head.i > s):
            # beside a role word, a word only an expression matches must be an adjective ("Slovenian") -- or one
            # word set on the role's own head in a body's name ("the Kazakh Foreign Ministry")
            continue
        sub = names.subdivision_of(toks.text)
        if sub:
            sent = toks.sent
            near = {w.lower_ for w in doc[max(sent.start, s - 2):min(sent.end, e + 1)]}
            there = {str(c)[:3] for h in hits if sent.start <= h[0] < sent.end and h[2] == "actor"
                     for c in h[3].resolve()}  # type: ignore[attr-defined]
            if any(parent in there or kind in near for parent, kind in sub):
                continue  # "the US state of Georgia"
        out.append((s, e, "actor", LibraryCountry(m)))
    return out


@dataclass
class Mention:
    start: int  # token index
    end: int  # token index, exclusive
    head: int  # token index of the noun phrase head
    codes: list[str] = field(default_factory=list)  # one per actor (compound/coordinated actors)
    evidence: str = ""
    kind: str = "unknown"
    coded: bool = True
    span_index: int | None = None  # index into CodedDocument.spans, set by the coder
    # how the document gave it its code, as data (``SuggestedSpan.origin``; ``evidence`` is display text only):
    # "story" (a role with no country given the story's), "name", "pronoun", "group"; None: a dictionary match
    resolved: str | None = None
    # its code is an earlier mention's, given to a description ("the junta" -> an earlier name): stored as the
    # span's found_by "antecedent" when ``resolved`` says nothing else (never a confidence signal)
    carried: bool = False


def guess_kind(code: str | None, scheme=None) -> str:
    if not code:
        return "unknown"
    if scheme is not None:
        try:
            kind = scheme.actor_kind(code)
            if kind and kind != "unknown":
                return kind
        except Exception:
            pass
    if code.startswith("---"):
        return "role"
    if code.startswith(NONSTATE_PREFIXES):
        return "nonstate"
    return "country" if len(code) >= 3 and code[:3].isalpha() else "unknown"


def _combine(actor: str, prefixes: list[str], suffixes: list[str]) -> str:
    code = actor
    for s in suffixes:
        # a role the actor's own code already is ("Wall Street Journal" [MED] + "reporter" [~MED]: MED, not MEDMED)
        if s and s not in code[3:] and code != s:
            code += s
    for p in reversed(prefixes):
        if p and not code.startswith(p):
            code = p + code
    return code


def _speaks_for(agent) -> bool:
    """A spokesperson's agent word (``SPOKESMAN``, ``SPOKESWOMAN``, ``SPOKESPERSON``: Phoenix's bare
    ``SPOKES!PERSON!``): CAMEO codes a spokesperson as the body they speak for, so the word adds no role of its
    own beside a body or another role word (``military spokesman`` is its own agent, ``MILITARY_...``)."""
    return agent.name.upper().startswith("SPOKES")


# a river, lake, sea, island or mountain the country dictionaries list under a country ("the Nile", "Lake Malawi",
# "the Congo River") is a place, not the country as an actor: spaCy's LOC entities (locations that are no
# country, city or state) and names with a feature word
FEATURES_ARE_PLACES = True
FEATURE_WORDS = frozenset("RIVER RIVERS LAKE SEA OCEAN GULF BAY STRAIT STRAITS ISLAND ISLANDS ISLE ARCHIPELAGO "
                          "PENINSULA MOUNT MOUNTAIN MOUNTAINS RANGE VALLEY DESERT DELTA BASIN CANAL SHOAL REEF "
                          "CHANNEL PLATEAU COAST".split())


def _entity_at(doc, i: int):
    """The named entity token ``i`` is inside, or None."""
    return next((x for x in doc.ents if x.start <= i < x.end), None) if doc[i].ent_type_ else None


def _natural_feature(doc, up, s: int, e: int, payload, date, scheme, names) -> bool:
    """Tokens ``s:e`` (a dictionary hit that codes a bare country) name a natural feature, not an actor: a name
    joined to a feature word (Lake Malawi, the Congo River, the Gulf of Finland, South China Sea), or a LOC entity
    (a location that is no country, city or state: the Nile) that is no country's name (Ivory Coast and the Cook
    Islands are: a feature word inside the dictionary's own name, or a name the country-name library knows)."""
    beside = (s > 0 and up[s - 1] in FEATURE_WORDS or e < len(up) and up[e] in FEATURE_WORDS) and _feature_words(
        doc, s, e)
    if not beside and doc[s].ent_type_ != "LOC":
        return False  # (most hits: the cheap tests first)
    codes = payload.resolve(date) if hasattr(payload, "resolve") else []
    if not codes or not all(len(c) == 3 and guess_kind(c, scheme) == "country" for c in codes):
        return False
    if beside:
        return True
    if not all(doc[j].ent_type_ == "LOC" for j in range(s, e)):
        return False
    ent = _entity_at(doc, s)
    if ent is not None and (ent.start < s and doc[ent.start].lower_ != "the" or ent.end > e):
        # the hit is part of a longer place name ("the Blue Nile", "South China Sea")
        return any(doc[j].text.upper() in FEATURE_WORDS for j in range(ent.start, ent.end)) or not (
            names is not None and names.resolve(doc[s:e].text, strict=True) is not None)
    if any(up[j] in FEATURE_WORDS for j in range(s, e)):
        return False  # the dictionary's own name of a country (Ivory Coast, the Cook Islands)
    return not (names is not None and names.resolve(doc[s:e].text, strict=True) is not None)


# a country's name that is one word of a longer person's name ("Nasser Kanaani", "Israel Katz") is no country actor
PERSON_NAMES_ARE_NO_COUNTRY = True


# a dictionary person whose offices all ended before the story ("HUSSEIN_", Jordan's king until 1999), matched on
# one part of a longer person's name whose other names the entry lacks ("Foreign Minister Fuad Hussein" in 2024):
# another person who shares a name, not the dictionary's
PAST_PERSON_NAMESAKE = True


def _past_namesake(doc, s: int, e: int, payload, date) -> bool:
    """The hit ``s:e`` is the end of a PERSON entity with given names before it that the entry does not cover,
    and the entry's dated codes all ended before ``date``."""
    if doc[s].ent_type_ != "PERSON" or s == 0 or not hasattr(payload, "past_dated"):
        return False
    ent = _entity_at(doc, s)
    if ent is None or ent.label_ != "PERSON" or ent.start >= s or ent.end > e:
        return False
    if not all(doc[j].pos_ == "PROPN" and doc[j].is_title for j in range(ent.start, s)):
        return False
    return payload.past_dated(date) is not None


# a one-word dictionary name ("HASSAN_", Jordan's prince) that only opens a person's longer name, two or more names
# going on after it that the entry lacks ("Somali President Hassan Sheikh Mohamud"): another person of that name
GIVEN_NAME_NAMESAKE = True


def _given_namesake(doc, s: int, e: int) -> bool:
    """The hit ``s:e`` is one word opening a PERSON entity, two capitalised proper nouns or more of a person's name
    going on right after it."""
    if e - s != 1 or doc[s].ent_iob_ != "B" or doc[s].ent_type_ != "PERSON":
        return False
    # (the recogniser may cut the name in two: "Hassan Sheikh" + "Mohamud")
    run = e
    while run < len(doc) and doc[run].ent_type_ == "PERSON" and doc[run].pos_ == "PROPN" and doc[run].is_title:
        run += 1
    return run - e >= 2


# a dictionary name "X of Y" cut inside a longer proper name whose last word it only modifies ("the Department of
# State Services" is no "Department of State"): the longer name is another body, not the dictionary's
NAME_CONTINUES_NO_MATCH = True
PLACE_NAMED_PARTIES = True  # "the Colorado Party" is a party's name, not the US state (_place_named_party)


def _place_object(tok) -> bool:
    """``tok`` is the object of a preposition of place ("signed at the prime minister's office", "gathered outside
    the army's headquarters"): where something happened, whoever owns it."""
    return tok.dep_ == "pobj" and tok.head.lower_ in OWNED_PLACE_PREPS


def _place_named_party(doc, s: int, e: int, names) -> bool:
    """The dictionary's place ``s:e`` names a party ("the ruling Colorado Party" of Paraguay, not the US state): a
    word right before "Party" that is no country's name or nationality word ("the Kenya Party" stays Kenya's)."""
    if e >= len(doc) or doc[e].text not in ("Party", "Parties") or names is None:
        return False
    return names.resolve(doc[s:e].text, strict=True) is None


def _name_continues(doc, up, s: int, e: int, keys) -> bool:
    """The dictionary phrase ``s:e`` ("DEPARTMENT OF STATE") has an "of" and its last word is a compound on a
    capitalised proper noun right after it, inside the same named entity, that starts no dictionary entry of its
    own ("State Services"): the phrase is the first part of a longer name, not the dictionary's name."""
    if e - s < 2 or e >= len(doc) or "OF" not in up[s:e]:
        return False
    last, nxt = doc[e - 1], doc[e]
    return (last.dep_ == "compound" and last.head.i >= e and nxt.is_title and nxt.pos_ == "PROPN"
            and nxt.ent_iob_ == "I" and up[e] not in keys)


# a person's name the dictionary lists in part ("SAMIA_SULUHU_") runs on with a word another entry lists
# ("HASSAN_", another country's official): the later words are the same person's name, not a second actor
PERSON_NAME_CONTINUES = True


def _continues_person(doc, hits, i: int) -> bool:
    """Token ``i`` goes on with the person's name of the last actor hit, a name of two words or more ending right
    at ``i`` on a compound of it ("Samia Suluhu" + "Hassan"; the parser may split the PERSON entity there)."""
    if not hits or hits[-1][1] != i or hits[-1][2] != "actor" or hits[-1][1] - hits[-1][0] < 2:
        return False
    last, tok = doc[i - 1], doc[i]
    return (tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON" and last.dep_ == "compound" and last.head.i >= i
            and all(doc[j].ent_type_ == "PERSON" and doc[j].pos_ == "PROPN" for j in range(hits[-1][0], i)))


def _part_of_a_name(doc, s: int, e: int, payload, date, scheme) -> bool:
    """The dictionary hit ``s:e`` is a bare country's name (a noun) inside a longer PERSON entity: a person's given
    or family name, not the country."""
    tok = doc[s]
    if tok.ent_type_ != "PERSON" or tok.pos_ != "PROPN":
        return False
    ent = _entity_at(doc, s)
    if ent is None or ent.label_ != "PERSON" or (ent.start >= s and ent.end <= e):
        return False
    codes = payload.resolve(date) if hasattr(payload, "resolve") else []
    return bool(codes) and all(len(c) == 3 and guess_kind(c, scheme) == "country" for c in codes)


def _feature_words(doc, s: int, e: int, inside: bool = False) -> bool:
    """A capitalised feature word right beside tokens ``s:e`` ("Lake Malawi", "the Congo River"), or (``inside``)
    among them."""
    where = range(max(0, s - 1), min(len(doc), e + 1)) if inside else (j for j in (s - 1, e) if 0 <= j < len(doc))
    return any(doc[j].is_title and doc[j].text.upper() in FEATURE_WORDS for j in where)


def _dated_codes(doc, s: int, e: int, payload, date, scheme, text_role: bool) -> list[str]:
    """An actor hit's codes on the story date. An entry whose dated codes all ended before the date (a dictionary
    that ends before the story) keeps only the country of its latest code: the office of then is not the office
    of now, so the role comes from the text's own role words if any (``Prime Minister Viktor Orban``). A person
    named beside a role word of the text (``Opposition leader Raila Odinga``) takes that role rather than the
    dictionary's: the text says what the person is on the day."""
    codes = list(payload.resolve(date))
    if isinstance(payload, LibraryCountry) or not codes:
        return codes
    past = payload.past_dated(date) if hasattr(payload, "past_dated") else None
    if past is not None:
        country = past.code.split("/")[0][:3]
        if guess_kind(country, scheme) == "country" and all(c[:3] == country for c in codes):
            return [country]
        return codes
    if text_role and any(doc[j].ent_type_ == "PERSON" for j in range(s, e)):
        return [c[:3] if len(c) > 3 and guess_kind(c[:3], scheme) == "country" else c for c in codes]
    return codes


def _hyphenated_match(doc, up, i: int, m, index):
    """A name the dictionary spells with a space that the text writes with a hyphen ("Timor-Leste", Phoenix's
    TIMOR_LESTE_): the longer match read across the hyphen, spanning it; else ``m`` ("Russia-Ukraine talks" keeps
    "Russia", no name of both)."""
    j = i + m[0]
    if j + 1 >= len(up) or up[j] != "-" or doc[j - 1].whitespace_ or doc[j].whitespace_:
        return m
    alt = up[i:j] + up[j + 1:j + 6]
    longer = index.match_at(alt, 0)
    if longer is None or longer[0] <= m[0]:
        return m
    return (longer[0] + 1, longer[1])


def _on_date(a_keys, up, i: int, m, date):
    """The entry of a dictionary match: where several entries share the words (``PRESIDENT_BUSH`` for two
    presidents) and the first one's dated codes all ended before the date, the first of the others that is not
    past its dates (``past_dated``) -- the one in office, or the latest -- else the first."""
    entry = m[1]
    if date is None or not hasattr(entry, "past_dated") or entry.past_dated(date) is None:
        return entry
    words = tuple(up[i:i + m[0]])
    for w, other in a_keys.get(up[i], ()):
        if other is not entry and w == words and hasattr(other, "past_dated") and other.past_dated(date) is None:
            return other
    return entry


# roles of a group that is its own side in a conflict or a contest, and the leadership roles they take in
SIDE_ROLES = frozenset({"REB", "INS", "UAF", "OPP"})
LEADER_ROLES = frozenset({"GOV", "MIL"})
# verbs whose object is a place even when it is a capital ("attacked Kyiv", "visit Washington", "left Moscow")
PLACE_VERBS = frozenset({
    "visit", "attack", "strike", "hit", "shell", "bomb", "bombard", "pound", "target", "raid", "storm", "invade",
    "capture", "seize", "besiege", "encircle", "surround", "liberate", "enter", "leave", "reach", "arrive", "travel",
    "fly", "return", "tour", "evacuate", "flee", "approach", "cross", "land", "head", "move", "relocate",
})
# cities that, standing for a body that acts or is addressed, are an organisation rather than their country's
# government: "Brussels urged Oslo" is the EU (the coding conventions: "Brussels" for the EU)
ORGANISATION_SEATS = {"BRUSSELS": "IGOEUREEC"}
# prepositions whose object is a party to an act ("talks with Baku", "mediated between Moscow and Kyiv")
PARTY_PREPS = frozenset({"with", "between", "against", "by"})


def _seat_of_government(doc, hit, code: str, names: CountryNames, scheme) -> bool:
    """A capital or other city the dictionary codes as its bare country, standing for the government that acts
    or is addressed: the subject of a verb, a verb's object (not of a verb of movement or attack, whose object is
    the place), the object of ``with``/``between``/``against``/``by``, or a possessor -- ``Moscow dismissed``,
    ``urged New Delhi``, ``mediated between Moscow and Kyiv``. Not a country's own name or a nationality word
    (the country-name libraries know those), nor a place phrase (``in Moscow``, ``attacked Kyiv``)."""
    s, e, kind, payload = hit
    if kind != "actor" or isinstance(payload, LibraryCountry) or len(code) != 3:
        return False
    tok = doc[_span_head(doc, s, e)]
    while tok.dep_ == "conj" and tok.head.i != tok.i:  # "Moscow and Kyiv": the first conjunct's place decides
        tok = tok.head
    dep, head = tok.dep_, tok.head
    if dep in ("nsubj", "nsubjpass", "poss"):
        pass
    elif dep in ("dobj", "dative"):
        if head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() in PLACE_VERBS:
            return False
    elif dep != "pobj" or not (head.lower_ in PARTY_PREPS or (head.dep_ == "agent" and head.lower_ == "by")):
        return False
    toks = doc[s:e]
    if not all(t.ent_type_ in ("GPE", "LOC", "") and t.pos_ == "PROPN" for t in toks):
        return False
    if guess_kind(code, scheme) != "country" or names.resolve(toks.text, strict=True) is not None:
        return False
    # another name of a country's own entry ("MOSCOW" under "RUSSIA_"), a country the libraries know: a city of
    # it, where the entry's own name (a country of a dictionary's own world, "Gondor") is the country itself
    own = " ".join(str(getattr(payload, "name", "")).replace("_", " ").split())
    if not own or phrase_tokens(own) == tuple(t.text.upper() for t in toks) or \
            names.resolve(own, strict=True) is None:
        return False
    return True


# a nationality word spaCy took for a person's name right before a role word ("the Kazakh presidency"): the
# country, as the country-name library reads it
DEMONYM_PERSON = True

# a title before a name spaCy marked only in part ("Justice Minister Leila Jaffel": PERSON "Leila", not "Jaffel",
# the phrase's head) is that person's role all the same
TITLED_NAME_PART = True
# ... and a name it did not mark at all, right after a person's title word (_titled_name)
TITLED_UNTAGGED_NAME = True
# a titled person with no country of their own takes a later coordinated person's country only outside an article
OWN_TITLED_PERSON = True


def _titled_name(doc, root: int, hs) -> bool:
    """The phrase's head is a name spaCy's PERSON entity covers only in part: a capitalised proper noun after the
    title's words, itself no entity of another kind, with a PERSON word of the name before it (``Justice Minister
    Leila Jaffel``, ``Foreign Minister Mariam al-Sadiq al-Mahdi``)."""
    tok = doc[root]
    if tok.tag_ != "NNP" or not tok.text[:1].isupper() or tok.ent_type_:
        return False
    last = max(h[1] for h in hs)
    if last <= root and any(doc[j].ent_type_ == "PERSON" for j in range(last, root)):
        return True
    # a name spaCy did not mark at all ("Deputy Information Minister Energy Mutodi"): one to three capitalised
    # proper nouns, no entity of any kind, right after a person's title word
    return (TITLED_UNTAGGED_NAME and 1 <= root + 1 - last <= 3 and last >= 1
            and doc[last - 1].text.upper() in PERSON_TITLES
            and all(doc[j].tag_ == "NNP" and doc[j].text[:1].isupper() and not doc[j].ent_type_
                    and doc[j].text.isalpha() for j in range(last, root + 1)))


# a role word on a body's head noun is the body's role, not a modifier: "the opposition Congress party" (OPP), "a
# rebel group", "the ruling alliance"
ROLE_OF_A_BODY = True
# a role that owns the phrase's head is an actor, as a country that owns it is ("the army's raid" as "Russia's raid")
POSSESSIVE_ROLES = True
OWNED_PLACE_PREPS = frozenset({"at", "in", "inside", "outside", "near", "into", "from"})
# "Timor-Leste" is Phoenix's TIMOR_LESTE_, not its TIMOR_ (Indonesia's) (_hyphenated_match)
HYPHENATED_NAMES = True
# states gone before the story's date (CAMEO codes of their own): a mention of one is history, not a party
DEFUNCT_STATES_ARE_HISTORY = True
DEFUNCT_STATES = {"SUN": _date(1991, 12, 26), "DDR": _date(1990, 10, 3), "CSK": _date(1992, 12, 31),
                  "YUG": _date(2003, 2, 4)}
BODY_HEADS = frozenset("PARTY PARTIES GROUP GROUPS MOVEMENT MOVEMENTS FRONT COALITION BLOC FACTION FACTIONS ALLIANCE "
                       "ALLIANCES".split())
# a title right before a name the recogniser took for an organisation ("Government spokesman Ousmane Gaoual Diallo",
# Diallo an ORG): the title is kept as a mention, and the coreference gives it the name (coref._names_after_titles)
TITLE_BEFORE_ORG_NAME = True
PERSON_TITLES = frozenset("MINISTER SECRETARY CHIEF LEADER COMMANDER PRESIDENT PREMIER GOVERNOR AMBASSADOR ENVOY "
                          "OFFICIAL GENERAL ADVISER ADVISOR DIRECTOR HEAD MAYOR SENATOR JUDGE PROSECUTOR LAWMAKER "
                          "MP DEPUTY DIPLOMAT NEGOTIATOR MEDIATOR OFFICER COLONEL CAPTAIN MAJOR LIEUTENANT "
                          "ADMIRAL MARSHAL RAPPORTEUR COMMISSIONER CHANCELLOR SPEAKER ACTIVIST".split())


def _title_before_entity_name(doc, root: int, hs) -> bool:
    """The phrase's head ends an ORG entity of one to three capitalised proper nouns that starts right after the
    phrase's last role word, a person's title ("spokesman", "minister"), not a prefix."""
    tok = doc[root]
    if tok.ent_type_ != "ORG" or tok.pos_ != "PROPN":
        return False
    last = max(h[1] for h in hs)
    if not 1 <= root + 1 - last <= 3 or doc[last].ent_iob_ != "B":
        return False
    if any(h[2] != "agent" or h[3].prefix for h in hs if h[1] == last):  # type: ignore[attr-defined]
        return False
    word = doc[last - 1].text.upper()
    if not (word in PERSON_TITLES or word.endswith(("MAN", "WOMAN", "PERSON"))):
        return False  # "the tanker Eagle S": a thing's name, not a titled person's
    return all(doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and doc[j].ent_type_ == "ORG"
               for j in range(last, root + 1)) and (root + 1 == len(doc) or doc[root + 1].ent_iob_ != "I")


def _span_head(doc, start: int, end: int) -> int:
    for i in range(start, end):
        h = doc[i].head.i
        if h < start or h >= end or h == i:
            return i
    return end - 1


def _np_root(doc, i: int, stop: frozenset[int] | set[int] = frozenset()) -> int:
    tok = doc[i]
    seen = 0
    while seen < 10 and tok.head.i != tok.i and tok.i not in stop:
        if tok.dep_ in NP_DEPS or (tok.dep_ == "conj" and tok.head.dep_ in NP_DEPS):
            # "US and British activists": coordinated modifiers belong to the same phrase
            tok = tok.head
            seen += 1
            continue
        break
    return tok.i


# an agency's word that is also a mass noun ("shared intelligence", "exchange intelligence on militants"): bare --
# no determiner, possessive, country or other actor word in its phrase -- it is the information, not the agency
MASS_NOUN_AGENTS = True
# a rank word right before another role word ("Deputy Foreign Minister") is no role of its own
RANK_BEFORE_ROLE = True
RANKS = frozenset({"DEPUTY", "VICE", "ACTING", "ASSISTANT"})
MASS_NOUNS = frozenset({"INTELLIGENCE"})


def _mass_noun(doc, up, hit, hits) -> bool:
    """A one-word agent hit of a MASS_NOUNS word that stands bare: no determiner or possessive on it and no other
    hit in its phrase ("Pakistani intelligence", "the intelligence services", "its intelligence" stay agencies)."""
    s, e, kind, _payload = hit
    if kind != "agent" or e - s != 1 or up[s] not in MASS_NOUNS:
        return False
    tok = doc[s]
    if tok.tag_ != "NN" or any(c.dep_ in ("det", "poss", "nmod", "compound", "amod") for c in tok.children):
        return False
    if tok.dep_ == "compound":
        return False  # "intelligence officials", "intelligence chief": a modifier of an agency's people
    root = _np_root(doc, _span_head(doc, s, e))
    return not any(h is not hit and _np_root(doc, _span_head(doc, h[0], h[1])) == root for h in hits)


# entity types of numbers, amounts and times: a lower-case word the tagger puts in one is no dictionary name
NUMBER_ENTITIES = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "DATE", "TIME", "PERCENT", "MONEY"})


def find_mentions(doc, actors, agents, date=None, scheme=None, skip_until: int = 0, up=None) -> list[Mention]:
    """All actor mentions of a parsed doc, in text order (tokens before ``skip_until`` ignored)."""
    if up is None:
        up = [t.text.upper() for t in doc]
    if date is not None and not isinstance(date, _date):
        date = as_date(date)  # read once: every dated entry resolves on it
    n = len(up)
    names = country_names(scheme, actors) if actors is not None else None
    hits: list[tuple[int, int, str, object]] = []  # (start, end, "actor"|"agent", payload)
    i = skip_until
    a_index = actors.index if actors is not None else None
    g_index = agents.index if agents is not None else None
    a_keys = a_index.index if a_index is not None else {}
    g_keys = g_index.index if g_index is not None else {}
    while i < n:
        w = up[i]
        plural = None
        if w not in a_keys and w not in g_keys:
            # "Russians", "Serbs", "Kenyans": the plural of a nationality the dictionary lists in the singular
            if len(w) > 4 and w.endswith("S") and w[:-1] in a_keys and doc[i].text[:1].isupper():
                plural = [w[:-1]]
            else:
                i += 1
                continue
        best = None
        if plural is not None:
            m = a_index.match_at(plural, 0) if a_index is not None else None
            if m is not None and m[0] == 1:
                codes = m[1].resolve(date)
                if codes and all(guess_kind(c[:3], scheme) == "country" and len(c) == 3 for c in codes):
                    best = (1, "actor", m[1])
            if best is None:
                i += 1
                continue
        elif a_index is not None:
            m = a_index.match_at(up, i)
            if HYPHENATED_NAMES and m is not None:
                m = _hyphenated_match(doc, up, i, m, a_index)
            if m is not None:
                tok = doc[i]
                # dictionary actors are proper names: need a capital (or a plural noun like "Russians")
                # (a number word is no name: Phoenix's "+ZERO_" for a group named Zero made "the zero line" USAREB)
                if (tok.text[:1].isupper() or tok.pos_ in ("PROPN", "ADJ") or (
                        tok.ent_type_ and tok.ent_type_ not in NUMBER_ENTITIES)) and not (
                        FEATURES_ARE_PLACES and _natural_feature(doc, up, i, i + m[0], m[1], date, scheme, names)
                ) and not (PERSON_NAMES_ARE_NO_COUNTRY and _part_of_a_name(doc, i, i + m[0], m[1], date, scheme)
                           ) and not (PAST_PERSON_NAMESAKE and _past_namesake(doc, i, i + m[0], m[1], date)
                           ) and not (GIVEN_NAME_NAMESAKE and _given_namesake(doc, i, i + m[0])
                           ) and not (PLACE_NAMED_PARTIES and _place_named_party(doc, i, i + m[0], names)
                           ) and not (NAME_CONTINUES_NO_MATCH and _name_continues(doc, up, i, i + m[0], g_keys)
                                      ) and not (PERSON_NAME_CONTINUES and _continues_person(doc, hits, i)):
                    best = (m[0], "actor", _on_date(a_keys, up, i, m, date))
        if g_index is not None and plural is None:
            m = g_index.match_at(up, i)
            if m is not None and (best is None or m[0] > best[0]):
                best = (m[0], "agent", m[1])
        if best is None:
            i += 1
            continue
        hits.append((i, i + best[0], best[1], best[2]))
        i += best[0]
    if names is not None:
        # country names and nationality words the dictionaries miss: the country-name libraries
        hits.extend(_country_hits(doc, hits, names, skip_until))
        hits.sort(key=lambda h: h[0])

    if MASS_NOUN_AGENTS:
        hits = [h for h in hits if not _mass_noun(doc, up, h, hits)]
    if RANK_BEFORE_ROLE:
        # "Deputy Foreign Minister X": the rank of the office after it, not a role of its own (Phoenix's DEPUTY
        # [~COP], a sheriff's deputy, made VNMCOPGOV of a deputy minister)
        starts = {h[0] for h in hits if h[2] == "agent"}
        hits = [h for h in hits if not (h[2] == "agent" and h[1] - h[0] == 1 and up[h[0]] in RANKS
                                        and h[1] in starts)]
    groups: dict[int, list[tuple[int, int, str, object]]] = {}
    # a role that owns a thing ("the army's raid", "Myanmar junta's objection") is a phrase of its own, the owner's;
    # not one that owns a body or a role ("the U.S. Navy's Fifth Fleet", "the government's spokesman")
    in_hits = {j for h in hits for j in range(h[0], h[1])}
    owners = {hd for h in hits if h[2] == "agent" and doc[hd := _span_head(doc, h[0], h[1])].dep_ == "poss"
              and doc[hd].head.pos_ == "NOUN" and doc[hd].head.i not in in_hits
              and not _place_object(doc[hd].head)} if POSSESSIVE_ROLES else set()
    for h in hits:
        root = _np_root(doc, _span_head(doc, h[0], h[1]), owners)
        groups.setdefault(root, []).append(h)
    split_from: dict[int, int] = {}  # a phrase split off a misparsed coordination -> the conjunct before it
    if COORDINATED_MODIFIER_ROLES:
        # "Sudan's government and rebel groups signed": the parser may coordinate the first noun with a modifier
        # of the second ("[Sudan's [government and rebel] groups]"); two role words on either side of the "and"
        # are two actors, the second sharing the first's country
        for root, hs in list(groups.items()):
            if sum(1 for h in hs if h[2] == "agent") < 2:
                continue
            for j in range(min(h[0] for h in hs), max(h[1] for h in hs)):
                cc, first = doc[j], doc[j].head
                if not (cc.dep_ == "cc" and up[j] in ("AND", "OR") and first.pos_ == "NOUN"
                        and first.dep_ in ("nmod", "compound") and first.head.i == root and first.i < j < root):
                    continue
                left = [h for h in hs if h[1] <= j]
                right = [h for h in hs if h[0] > j]
                if any(h[2] == "agent" and h[0] <= first.i < h[1] for h in left) and any(
                        h[2] == "agent" and h[0] <= root < h[1] for h in right):
                    groups[first.i] = left
                    groups[root] = right
                    split_from[root] = first.i
                break

    # resolve actor codes of groups that have an actor
    group_actor_codes: dict[int, list[str]] = {}
    # codes the project's own dictionary gave (core/project_actors.py): an analyst's code for a name, which may
    # carry a role already ("Kosovo" learned as KSVGOV); a role word of the text composes with its country only
    learned: set[str] = set()
    for root, hs in groups.items():
        # actors in one phrase: coordinated ("Arnor, Calenardhon and Gondor", parsed as one phrase)
        # give one code each; otherwise ("Russian President Putin") the most specific code wins
        runs: list[list[str]] = []
        prev_end = None
        text_role = any(h[2] == "agent" and not h[3].prefix and not _speaks_for(h[3]) for h in hs)  # type: ignore
        for s, e, kind, payload in sorted(hs, key=lambda h: h[0]):
            if kind != "actor":
                continue
            codes = _dated_codes(doc, s, e, payload, date, scheme, text_role)
            if not codes:
                continue
            if getattr(payload, "file", None) == PROJECT_ACTORS:
                learned.update(codes)
            between = range(prev_end, s) if prev_end is not None else range(0)
            # two countries' words joined ("Japanese and South Korean counterparts", "Israeli and Cypriot fields")
            # are two actors too, though the parser hangs the "and" on an adjective
            countries_joined = COORDINATED_NATIONALITIES and bool(runs) and all(
                len(c) == 3 and guess_kind(c, scheme) == "country" for c in (*runs[-1], *codes))
            coordinated = any(
                up[j] in (",", ";") or (doc[j].dep_ == "cc" and (doc[j].head.pos_ not in ("ADJ", "ADV")
                                                                 or countries_joined))
                for j in between
            )
            if runs and not coordinated:
                best = runs[-1]
                if (POSSESSED_BODIES and len(best) == 1 and len(best[0]) == 3
                        and guess_kind(best[0], scheme) == "country"
                        and any(doc[j].tag_ == "POS" for j in between) and all(c.startswith("IGO") for c in codes)):
                    # "Russia's Security Council": a country's own council, not the international body of the name
                    runs[-1] = [best[0] + "GOV"]
                elif (
                    len(best) == 1
                    and guess_kind(best[0], scheme) == "country"
                    and len(best[0]) == 3
                    and all(len(c) > 3 and c[:3] != best[0] for c in codes)
                    and all(guess_kind(c[:3], scheme) == "country" for c in codes)
                ):
                    # "Rwanda's Senate" (Senate = USAGOVLEG): the named country wins, the role is kept -- the most
                    # specific one, the last (RWALEG: the other country's chain of roles is that country's)
                    runs[-1] = [best[0] + c[-3:] for c in codes]
                elif max(len(c) for c in codes) >= max(len(c) for c in best):
                    runs[-1] = codes
            else:
                runs.append(codes)
            prev_end = e
        group_actor_codes[root] = [c for run in runs for c in run]

    # role codes of agents that modify a phrase's head rather than being it ("Islamist" in
    # "Islamist media"): shared with a coordinated head
    group_modifier_roles: dict[int, list[str]] = {}
    for root, hs in groups.items():
        group_modifier_roles[root] = [
            h[3].code for h in sorted(hs) if h[2] == "agent" and not h[3].prefix  # type: ignore[attr-defined]
            and not (h[0] <= root < h[1])
        ]

    def conj_roots(root: int) -> list[int]:
        out = [root]
        for c in doc[root].children:
            if c.dep_ == "conj":
                out.extend(conj_roots(c.i))
        return out

    mentions: list[Mention] = []
    for root, hs in sorted(groups.items(), key=lambda kv: kv[1][0][0]):
        prefixes: list[str] = []
        suffixes: list[str] = []
        spokes = False  # a spokesperson: coded as the body spoken for (no role of its own beside another)
        ev: list[str] = []
        for s, e, kind, payload in hs:
            phrase = doc[s:e].text
            if kind == "agent":
                if payload.prefix:  # type: ignore[attr-defined]
                    prefixes.append(payload.code)  # type: ignore[attr-defined]
                elif _speaks_for(payload):
                    spokes = True
                else:
                    suffixes.append(payload.code)  # type: ignore[attr-defined]
                ev.append(f'agent "{phrase}" [{"" if payload.prefix else "~"}{payload.code}'  # type: ignore
                          f'{"~" if payload.prefix else ""}]')  # type: ignore[attr-defined]
            elif isinstance(payload, LibraryCountry):
                ev.append(f'country "{phrase}" [{payload.match.code}] (country names library: '
                          f'{payload.match.name}, by {payload.match.how})')
            else:
                codes = payload.resolve(date)  # type: ignore[attr-defined]
                ev.append(f'actor "{phrase}" [{"/".join(codes) or "?"}] ({payload.file}:{payload.line})')  # type: ignore
        base = group_actor_codes.get(root) or []
        if not base and not any(h[0] <= root < h[1] for h in hs) and doc[root].ent_type_ != "PERSON" and not (
                TITLED_NAME_PART and _titled_name(doc, root, hs)) and not (
                TITLE_BEFORE_ORG_NAME and _title_before_entity_name(doc, root, hs)) and not (
                ROLE_OF_A_BODY and up[root] in BODY_HEADS and any(h[2] == "agent" for h in hs)):
            # a role word used as a modifier ("military exercises", "government-held"); a title before a
            # name ("President Gustavo Petro", "army chief General Abdel Fattah al-Burhan") is the person's role
            continue
        borrowed = False  # the country is not the phrase's own (a conjunct's, or none)
        conjunct_guess = False  # a titled person's country from a conjunct after it
        if not base and (prefixes or suffixes or spokes):
            # borrow countries from "soldiers from Gondor", "ambassadors of Arnor, Osgiliath and Gondor"
            for c in doc[root].children:
                if c.dep_ == "prep" and (c.text.upper() in ATTACH_PREPS or (
                        SPOKESMAN_FOR and spokes and c.text.upper() == "FOR")):  # "a spokesman for the U.S. Navy"
                    for pobj in c.children:
                        if pobj.dep_ == "pobj":
                            for r in conj_roots(_np_root(doc, pobj.i)):
                                base.extend(group_actor_codes.get(r) or [])
                    if base:
                        break
            if not base:
                # "Danish media and government": a coordinated role shares the country
                borrowed = True
                tok = doc[root]
                near = [tok.head] if tok.dep_ == "conj" else []
                if root in split_from:
                    near.insert(0, doc[split_from[root]])
                near += [c for c in tok.children if c.dep_ == "conj"]
                titled_person = OWN_TITLED_PERSON and (tok.ent_type_ == "PERSON" or _titled_name(doc, root, hs))
                for t in near:
                    codes = group_actor_codes.get(t.i)
                    if codes:
                        # the shared modifiers distribute: "Danish Islamist media and government"
                        shared = group_modifier_roles.get(t.i, []) if t.ent_type_ != "PERSON" else []
                        # (a named person's title is that person's: "President X and ELN commander Y")
                        base = [_combine(c[:3], [], shared) for c in codes]
                        if titled_person and t.i > root:
                            # a titled person takes a later conjunct's country only as a guess: in an article the
                            # story's country wins (coref.py), "Defence Minister X and French Minister Y signed"
                            conjunct_guess = True
                        break
            if not base:
                base = ["---"]
        if not base:
            continue
        if borrowed and suffixes and suffixes[0].startswith(("NGO", "IGO")) and not prefixes:
            # an organisation's role word with no country of its own ("aid groups", "the United Nations and aid
            # groups"): CAMEO codes it as the organisation type itself (NGODEV), not a country's or a conjunct's
            base = [""]
        codes = []
        for b in base:
            # a spokesperson alone beside a country speaks for its government ("a Chinese spokeswoman"); beside a
            # body or another role word it adds nothing ("Kremlin spokesman" RUSGOV, "UN spokesman" IGOUNO)
            extra = ["GOV"] if spokes and not suffixes and (b == "---" or (
                len(b) == 3 and guess_kind(b, scheme) == "country")) else []
            sfx = suffixes + extra
            if sfx and b in learned and len(b) > 3 and guess_kind(b[:3], scheme) == "country":
                # "Protesters in Kosovo", "Kosovo soldiers" with "Kosovo" learned as KSVGOV: KSVOPP, KSVMIL --
                # never KSVGOVOPP (a role on top of a role no CAMEO actor rule composes)
                b = b[:3]
            if b.startswith(("IGO", "NGO")):
                sfx = [x for x in sfx if x != "GOV"]  # an organisation's officers are the organisation
            if b[3:6] in SIDE_ROLES or any(x in SIDE_ROLES for x in sfx):
                # a group that is its own side: its leaders and commanders are the group ("ELN commander" COLREB)
                sfx = [x for x in sfx if x not in LEADER_ROLES]
            c = _combine(b, prefixes, sfx)
            if c not in codes:
                codes.append(c)
        if len(hs) == 1 and len(codes) == 1 and names is not None and \
                _seat_of_government(doc, hs[0], codes[0], names, scheme):
            seat = " ".join(doc[hs[0][0]:hs[0][1]].text.upper().split())
            # "Moscow dismissed", "urged New Delhi": the capital speaks for its government -- and a city that is an
            # organisation's seat in the news' usage for that organisation ("Brussels urged" is the EU)
            codes = [ORGANISATION_SEATS.get(seat, codes[0] + "GOV")]
        start = min(h[0] for h in hs)
        end = max(h[1] for h in hs)
        if TITLED_NAME_PART and end <= root and _titled_name(doc, root, hs):
            end = root + 1  # the title and the whole name
            ev.append(f'the name after the title "{doc[hs[-1][1]:end].text}"')
        library = any(isinstance(h[3], LibraryCountry) for h in hs)
        mentions.append(
            Mention(start, end, root, codes, "; ".join(ev), guess_kind(codes[0], scheme), True,
                    resolved=CONJUNCT if conjunct_guess else COUNTRY_NAMES if library else None)
        )
    # NER entities no dictionary knows
    covered = set()
    for h in hits:
        covered.update(range(h[0], h[1]))
    for ent in doc.ents:
        if ent.label_ not in NER_LABELS or ent.start < skip_until:
            continue
        if any(i in covered for i in range(ent.start, ent.end)):
            continue
        root = _np_root(doc, _span_head(doc, ent.start, ent.end))
        mentions.append(
            Mention(ent.start, ent.end, root, [], f"spaCy entity {ent.label_}", "unknown", False)
        )
    mentions.sort(key=lambda m: m.start)
    if AMBIGUOUS_BY_DOCUMENT:
        _ambiguous_by_document(mentions, up)
    if DEFUNCT_STATES_ARE_HISTORY and date is not None:
        for m in mentions:
            if m.coded and m.codes and all(c[:3] in DEFUNCT_STATES and date > DEFUNCT_STATES[c[:3]] for c in m.codes):
                # "the 1976 Soviet General Staff maps" in a 2024 story: history, no party to it
                m.coded, m.codes = False, []
                m.evidence += "; a state that no longer existed on the story's date: no actor"
    return mentions


# a short name two countries share ("Congo": the Republic's in the dictionary, the Democratic Republic's as often in
# the news) takes the reading the document's other mentions give, when they give only the other one
AMBIGUOUS_BY_DOCUMENT = True
AMBIGUOUS_NAMES = {("CONGO",): ("COG", "COD")}


def _ambiguous_by_document(mentions: list[Mention], up) -> None:
    """Recode, in place, the mentions of an AMBIGUOUS_NAMES name read as its dictionary country when every other
    mention of either country in the document is of the other ("Congolese", "Kinshasa" -> COD)."""
    for name, (listed, other) in AMBIGUOUS_NAMES.items():
        bare = [m for m in mentions if m.coded and m.codes and m.codes[0][:3] == listed
                and any(tuple(up[j:j + len(name)]) == name for j in range(m.start, m.end))
                and not any(w in ("REPUBLIC", "BRAZZAVILLE") for w in up[max(0, m.start - 3):m.end])]
        rest = [m for m in mentions if m.coded and m.codes and m.codes[0][:3] in (listed, other) and m not in bare]
        if not bare or not rest or any(m.codes[0][:3] == listed for m in rest):
            continue
        for m in bare:
            m.codes = [other + c[3:] if c[:3] == listed else c for c in m.codes]
            m.evidence += f"; the document's other mentions read it as {other}"

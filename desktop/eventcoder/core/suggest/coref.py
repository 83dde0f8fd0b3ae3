"""Actors across one document: a mention coded once codes the later mentions of the same entity.

Run by the coder on the mentions of a whole document (:func:`eventcoder.core.suggest.actors.find_mentions`),
before any event is coded, in text order and with the document's structure (:mod:`eventcoder.core.document`):

* **Names with a title.** "French Foreign Minister Catherine Colonna" is one actor: the name the parser's
  entity recogniser found inside a coded phrase takes the phrase's code (FRAGOV), and the document remembers
  the name and its last word ("Colonna") for that code. Every other mention of that name in the document --
  before it too (a headline's "Colonna says ...") -- gets the code.
* **The story's country.** A role with no country ("the junta", "a senior official", "Interim President
  Colonel Assimi Goita" -> ``---GOV``) first takes the code of the last actor before it with the same role
  when it is a definite description ("the minister" after "Foreign Minister Le Drian"), else the country of
  the dateline's place (``BAMAKO, Jan 14 -`` -> MLI: MLIGOV), as the coding conventions say for a domestic
  actor with no country word. When the dateline's country is the subject of the lead ("SANTIAGO - Chile on
  Saturday rejected Peru's account ..."), it is the home of such roles however often another country is named;
  else the country the story names most. Armed roles ("the army", "militants") keep the country named most.
  A title in a clause coordinated with one whose subject is a country's actor ("China's embassy rejected ...,
  and foreign ministry spokesman X urged ...") speaks for that country.
* **Pronouns.** "he" / "she" as a subject, or "his country" / "her government", is the last person coded
  before it (within the sentence first: "Sharif said he ..."; else the subject of the main verb of the last
  sentence with a person as subject); "its forces" / "their troops" take the country of the last coded actor
  before them in the sentence. An object "him" / "her" is never its clause's subject, a co-subject or whom a
  subject pronoun stands for ("He thanked him"), and is the last person named in its sentence or the two
  before. A subject "it" that acts ("It accused Bangkok ...") is the last non-person, singular subject (not
  "it is", "it emerged"; not in a clause reported by its own subject, which the coder reads itself).
* **Appositions.** "Qatar's Minister of State, Lolwah Al-Khater" -- a name set off by a comma beside a coded
  role takes its code (and is remembered as a person); beside a role the dictionaries do not know, the
  country of its possessive ("Ukraine's rights ombudsman, Ivan Petrov"). A list is no apposition.
* **The paragraph's country.** A government title with no country and no article, the subject right after a
  sentence of the same paragraph whose main subject is another country's actor, that acts on the story's own
  country, speaks for that other country ("YEREVAN - ... Turkey blamed Armenia. Foreign Minister X urged
  Yerevan ..."). A person named with no title and no known country is the story's.

* **Parties.** An acronym in brackets after a name ("the Bangladesh Nationalist Party (BNP)") takes the code of the
  actor the name holds, and so do its later mentions; a name the dictionaries do not know right after "opposition"
  or "ruling" ("the opposition Labour Party") is that country's OPP or GOV.

* **Read as a reader reads.** A name right after a coded title is that person, however the parser split them
  ("Rwandan government spokeswoman X took issue"); a nationality word before a qualified title gives its country
  ("Thai acting Prime Minister X"); a dictionary's person named in full before is a person "he" may stand for;
  "she" / "her" is never a person the text shows to be a man ("spokesman X") and prefers a woman it showed
  ("X said she ..."), and "he" the reverse. "The government" in a later paragraph is the home country's again
  unless that paragraph before named the institution itself with its country; reported by a speaker ("X said
  the government had ..."), it is the speaker's. A ministry's name no dictionary knows ("The Treasury
  Department") is the government of the sentence before's country, else the home's. "Thousands marched" is
  the home country's civilians; "foreign governments", "Western diplomats" are of no one country; "both sides"
  with no pair in its sentence is the pair the headline or lead names together.

Each resolved mention says why in its evidence (``pronoun "he" -> "Shehbaz Sharif" [PAKGOV]``).
"""

from __future__ import annotations

from collections.abc import Sequence

from . import actors as _actors
from .actors import CONJUNCT, Mention, guess_kind
from .lexicon import SPEECH

PERSON_PRONOUNS = frozenset({"HE", "SHE"})
POSSESSIVE_PERSON = frozenset({"HIS", "HER"})
OBJECT_PRONOUNS = frozenset({"HIM"})  # "her" as an object is read as "him"
# verbs whose subject "it" is no one ("it is", "it remains unclear", "it emerged that", "it takes time")
IMPERSONAL_VERBS = frozenset("be seem appear remain emerge become happen take mean look matter follow come cost "
                             "rain make sound feel get".split())
OBJECT_PRONOUN_REACH = 2  # sentences back an object pronoun's person may be named in
# an object pronoun of a verb joined to another ("met X and urged him/her/them") stands for that verb's object
CONJUNCT_OBJECT = True
# so is an object pronoun of an adverbial participle: "expelled three diplomats, accusing them of spying"
# (_conjunct_object)
PARTICIPLE_OBJECT = True
FRONTED_PLACE = True  # "In Tehran, foreign ministry spokesman X said": a role with no country is that place's
IGO_ROLES = True  # "the court" refers back to "the International Criminal Court" (IGOJUDICC: its role JUD)
POSSESSIVE_ANY = frozenset({"ITS", "THEIR", "HIS", "HER"})
# what a person's "his country" / "her government" stands for: the country, or the country's government
OWN_COUNTRY = frozenset({"COUNTRY", "NATION"})
OWN_GOVERNMENT = frozenset({"GOVERNMENT", "ADMINISTRATION", "CABINET", "MINISTRY", "OFFICE"})
DEFINITE = frozenset({"THE", "THIS", "THAT"})
SPEAKER_WORDS = frozenset({"WE", "I"})
DATELINE_WEIGHT = 1  # the dateline place counts as this many mentions of its country
# switches, for measuring each rule on and off (bench A/B); all on is the coder's behaviour
LEAD_RULE = True  # the dateline's country acting in the story's lead is the home of roles with no country
DATELINE_HOME = "acts"  # experiment: "named" / "always"
LEAD_SPEAKER = True  # ... also when the lead reports what it says ("NICOSIA - ..., the Cypriot government said")
SAME_SENTENCE = True  # a title continues the side of the subject of the clause it is coordinated with
TOPIC_NAMED_OK = True  # the paragraph's country holds even when the title's own sentence names it too
PARTY_RULES = True  # acronyms in brackets; "the opposition X" / "the ruling X"
LISTED_GROUPS = True  # "the three countries": the last list of three actors named together (_groups)
LEADER_OF = True  # "X, leader of the Y party": X is Y's (_apposed_role)
LEADER_NOUNS = frozenset("LEADER HEAD CHAIRMAN CHAIRWOMAN CHAIR CHIEF FOUNDER PRESIDENT SECRETARY-GENERAL "
                         "SPOKESMAN SPOKESWOMAN SPOKESPERSON COMMANDER MEMBER CANDIDATE DIRECTOR".split())
APPOSITION_OVER_DICTIONARY = True  # the story's apposition beats a dictionary person's (dated) code
APPOSITION_OVER_STORY = True  # ... and the story's country guessed for a titled name with no country of its own
INITIALS_ACRONYMS = True  # ... and acronyms of an earlier name's initials with no brackets ("MDC")
ACRONYM_SKIP = frozenset({"OF", "FOR", "THE", "AND", "DE", "DU", "DES", "LA", "LE", "EL", "&", "-"})
TITLE_NAME = True  # a name right after a coded title is that titled person ("spokeswoman Yolande Makolo")
NATIONALITY_TITLE = True  # a title right after a nationality word takes its country ("Thai acting Prime Minister")
INSTITUTION_REACH = True  # "the government" refers back to another country's government only within its paragraph
SPEAKER_INSTITUTION = True  # "X said the government had ..." is the speaker's own country's government
MINISTRY_NAMES = True  # "The Treasury Department": a ministry's name no dictionary knows is the paragraph's GOV
CROWD_NUMBERS = True  # "Thousands rallied": a number of people acting is the home country's civilians (CVL)
LEAD_PAIR = True  # "both sides" with no pair in its sentence: the pair the headline or lead names together
FOREIGN_PLURALS = True  # "foreign governments", "Western diplomats": no country is given them, not the story's
STORY_PERSON_SURNAMES = True  # a later lone surname of a person given the story's country is that person
# bodies of any state that Phoenix lists only as the United States' ("+SENATE_" of US Congress): bare, in a story
# of another country, they are its own
HOME_BODIES = True
US_DEFAULT_BODIES = {("SENATE",): "LEG", ("CONGRESS",): "LEG", ("SENATORS",): "LEG", ("SUPREME", "COURT"): "JUD",
                     ("HOUSE", "OF", "REPRESENTATIVES"): "LEG"}
THEY_GROUPS = True  # a subject "they" is the plural actor that was the subject last (_group_antecedent)
GENDER = True  # "she" is never a person the text shows to be a man ("spokesman X", "X said he"), nor "he" a woman
# "the fund" after "the International Monetary Fund", "the council members" after "the Security Council": a definite
# description whose noun is the last word of a body's name named before is that body (_named_heads)
NAMED_HEADS = True
# "the winner" / "the victor": whoever the document said won a contest before it (_winners)
WINNERS = True
WINNER_NOUNS = frozenset({"WINNER", "VICTOR"})
CONTESTS = frozenset("ELECTION ELECTIONS VOTE PRESIDENCY POLL POLLS RACE RUNOFF BALLOT PRIMARY REFERENDUM".split())
MEMBER_WORDS = frozenset({"MEMBER", "MEMBERS"})
NAMED_PERSONS = True  # a mention that is a remembered person's name ("Milei") is a person for pronouns
# ... also by the first word of a full name named before ("Indonesian President Prabowo Subianto ... Prabowo said"),
# where the dictionary gives that word the same code
GIVEN_PERSONS = True
# "the Fund" (a capital: tagged a proper noun) refers back as "the fund" does (NAMED_HEADS); a person with no
# country set beside it ("Anna X, the Fund's mission chief") is that body's
PROPER_HEADS = True
# armed roles with no country ("the army", "militants", "army chief General X") are where the fighting is -- the
# country the story names most -- not the reporter's dateline: they keep the story's country
ARMED_ROLES = ("MIL", "REB", "UAF", "INS", "SPY")
# descriptions of organisations: the last actor of that kind named before ("the bloc" after "ECOWAS")
DESCRIBED = {
    "BLOC": ("IGO",), "ALLIANCE": ("IGO",), "ORGANISATION": ("IGO", "NGO"), "ORGANIZATION": ("IGO", "NGO"),
    "AGENCY": ("IGO", "NGO"), "UNION": ("IGO",), "COMMUNITY": ("IGO",), "GROUP": ("NGO", "IGO"),
    "GENERAL": (), "PARTY": (),
}
# a titled person with no country whose name the document gives a country's possessive elsewhere ("Philippines'
# Manalo" in the headline, "Foreign Secretary Enrique Manalo" in the lead): that country, not the story's
POSSESSED_NAMES = True
# "the union": the last trade union named (a role LAB), else the story's own organised labour, when no
# organisation of the kind was named before it
DESCRIBED_UNIONS = True
DESCRIBED_BY_ROLE = {"UNION": "LAB"}
# bare "officers" (no role word, no "of" phrase) are the police or military force named last, else the home country's
# police (the article conventions code them COP)
BARE_OFFICERS = True
OFFICER_WORDS = frozenset({"OFFICERS", "OFFICER"})
OFFICER_ROLES = frozenset({"COP", "MIL"})
# ... and by role: "the general" is the last military person named; "the party" the last party named (an opposition
# or ruling party's code). ("the group" by role -- the last armed group, or people named in the plural -- was wrong
# 4 times of 5 on the dev articles: not done)
DESCRIBED_ROLES = True
# a lower-case word the tagger calls a proper noun ("the bloc said", tagged NNP) is a common noun: it describes
LOWER_PROPN_IS_NOUN = True
SURNAME_TAGGED_NOUN = True  # a remembered person's surname the tagger read as a common noun
APPOSITION_VERB_CONJ = True  # a verb joined to a name does not make its apposition a list
POSSESSED_GROUPS = True  # "its two neighbours" is a group as "the two neighbours" is
OPENING_POSSESSIVE = True  # a sentence opening with "its" goes on from the sentence before's subject
# groups named once: "both sides", "the two men", "the warring parties", "the four countries"
GROUP_NOUNS = frozenset("SIDES PARTIES MEN LEADERS COUNTRIES NATIONS GOVERNMENTS NEIGHBOURS NEIGHBORS RIVALS "
                        "FACTIONS GENERALS CAPITALS ADVERSARIES FOES DELEGATIONS".split())
# "X's office said he ...": the possessor of the subject, a person named before, is whom "he" stands for
POSSESSOR_SPEAKS = True
# "both" alone as an object: the pair its sentence named together before it ("help A and B ..., and urged both")
BOTH_ALONE = True
# a group of persons ("the two leaders", "the two men") is made of the persons named last
PERSON_GROUPS_ARE_PEOPLE = True
PERSON_GROUPS = frozenset({"LEADERS", "MEN", "WOMEN", "GENERALS", "PRESIDENTS", "MINISTERS"})
GROUP_SIZES = {"BOTH": 2, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5}
GROUP_ADJECTIVES = frozenset({"WARRING", "RIVAL", "OPPOSING"})
INCLUDING = frozenset({"INCLUDING", "AMONG"})
# a country's institutions: "the government" in a later paragraph is the story's own again, not the last one named
INSTITUTIONS = frozenset("GOVERNMENT ADMINISTRATION CABINET PARLIAMENT CONGRESS POLICE JUDICIARY".split())
# words that set a plural role apart from the story's country ("foreign governments", "Western diplomats")
OTHERS = frozenset({"FOREIGN", "WESTERN", "OTHER", "INTERNATIONAL", "OVERSEAS", "EUROPEAN", "ARAB", "AFRICAN"})
# words of a person's mention that show the person's sex, and the pronouns that agree with each
FEMALE_WORDS = frozenset("SPOKESWOMAN CHAIRWOMAN CONGRESSWOMAN BUSINESSWOMAN MRS MRS. MS MS. MADAM "
                         "QUEEN PRINCESS DUCHESS LADY DAME".split())
MALE_WORDS = frozenset("SPOKESMAN CHAIRMAN CONGRESSMAN BUSINESSMAN MR MR. KING PRINCE DUKE SIR LORD".split())
PRONOUN_SEX = {"HE": "M", "HIS": "M", "HIM": "M", "SHE": "F", "HER": "F"}
CROWD_WORDS = frozenset({"THOUSANDS", "HUNDREDS", "DOZENS", "SCORES"})
MINISTRY_WORDS = frozenset({"MINISTRY", "DEPARTMENT"})
# a state body's name no dictionary knows ("the National Elections Commission", "the Sovereign Council"): the
# government's, as a ministry's name
STATE_BODY_NAMES = True
STATE_BODY_WORDS = frozenset({"COMMISSION", "COUNCIL", "BUREAU", "AUTHORITY"})
COUNTRY_GROUPS = frozenset("COUNTRIES NATIONS GOVERNMENTS CAPITALS NEIGHBOURS NEIGHBORS DELEGATIONS".split())
# groups of countries' governments: "the two delegations" are two governments, as "both governments"
GOVERNMENT_GROUPS = frozenset({"GOVERNMENTS", "DELEGATIONS"})
# "the sides" with no number: a pair, as "both sides" (the story's two parties)
BARE_SIDES = True
# a group's own clause, not its whole sentence, leaves its members out: "X briefed Y, and Z called on both
# countries" -- X is of "both countries", only Z (who calls on them) is not
GROUP_CLAUSE = True
# a full name whose given names differ from those of an earlier person with the same family name ("Cellou Dalein
# Diallo", later "Ousmane Gaoual Diallo") is another person: it does not take the earlier one's code by surname
OTHER_GIVEN_NAMES = True


def place_country(place_text: str, actors, date=None) -> str | None:
    """The country code of a dateline's place ("BAMAKO" -> MLI, "RAMSTEIN AIR BASE, Germany" -> DEU)."""
    if actors is None or not place_text:
        return None
    for part in [p.strip() for p in place_text.split(",")]:
        words = part.upper().split()
        if not words:
            continue
        hit = actors.index.match_at(words, 0)
        if hit is None or hit[0] != len(words):
            continue
        codes = hit[1].resolve(date)
        if codes and codes[0][:3].isalpha() and not codes[0].startswith(("IGO", "NGO", "---")):
            return codes[0][:3]
    return None


def _where(up: Sequence[str], words, start: int = 0) -> list[int]:
    """Token indices (from ``start``) whose upper-cased text is one of ``words`` -- no Token objects made."""
    return [i for i in range(start, len(up)) if up[i] in words]


def _quote_speakers(doc, mentions: list[Mention], up: Sequence[str], structure) -> dict:
    """Quote -> the coded actor its attribution names ("..., he said", "Lavrov said: ..."): the subject of a
    speech verb outside every quote in the quote's paragraph, the nearest after the quote (else before it)."""
    by_head: dict[int, Mention] = {}
    for m in mentions:
        if _is_real(m):
            by_head.setdefault(m.head, m)
    spans = [(p.start, p.end) for p in structure.paragraphs
             if any(p.start <= q.start < p.end for q in structure.quotes)]
    verbs = [t for a, b in spans for t in doc.char_span(a, b, alignment_mode="expand") or ()
             if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in SPEECH and structure.quote_at(t.idx) is None]
    out = {}
    for q in structure.quotes:
        para = next((p for p in structure.paragraphs if p.start <= q.start < p.end), None)
        if para is None:
            continue
        near = [t for t in verbs if para.start <= t.idx < para.end]
        after = [t for t in near if t.idx >= q.end]
        before = [t for t in near if t.idx < q.start]
        for verb in (after[:1] + before[-1:]):
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None:
                continue
            speaker = by_head.get(subj.i) or next(
                (m for m in mentions if _is_real(m) and m.start <= subj.i < m.end), None)
            if speaker is not None:
                out[q] = speaker
                break
    return out


def _person_antecedent(doc, tok, before: Sequence[Mention], person_heads: set[int], sent_start: int,
                       obj: bool = False) -> Mention | None:
    """The person a pronoun stands for: a subject earlier in its sentence ("Sharif said he ..."), else the last
    person who was a subject before the sentence, else the last person named. An object pronoun ("thanked
    him") is never the subject of its own clause."""
    people = [m for m in before if m.head in person_heads and m.coded and m.codes]
    if not people:
        return None
    if obj:
        # never the subject of its own clause (a verb joined to another shares its subject), nor a co-subject,
        # nor the person a subject pronoun of the clause stands for ("He thanked him"); then the last person
        # named before it ("Macron sent congratulations to Faye. Barrow congratulated him": Faye)
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subjects_here = []
        for _ in range(4):
            subjects_here = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects_here or verb.dep_ not in ("conj", "xcomp", "advcl") or verb.head.i == verb.i:
                break
            verb = verb.head
        own = {t.i for s in subjects_here for t in s.subtree if t.i == s.i or t.dep_ in ("conj", "appos")}
        people = [m for m in people if not any(m.start <= i < m.end for i in own)]
        for s in subjects_here:
            if s.lower_ in ("he", "she"):
                ante = _person_antecedent(doc, s, [m for m in before if m.start < s.i], person_heads, sent_start)
                people = [m for m in people if ante is None or m.codes != ante.codes]
        # named in its own sentence or the one or two before it: an object pronoun does not reach further back
        window = tok.sent.start
        for _ in range(OBJECT_PRONOUN_REACH):
            if window > 0:
                window = doc[window - 1].sent.start
        people = [m for m in people if m.start >= window]
        if people:
            # a person named after the last coded one whom the dictionaries do not know ("sent congratulations
            # to Faye. Barrow congratulated him"): the pronoun is more likely that person, so no guess
            unknown = [m for m in before if not m.coded and m.start > people[-1].end and m.start >= window
                       and doc[m.head].pos_ == "PROPN" and doc[m.head].ent_type_ in ("PERSON", "ORG", "")
                       and not any(m.start <= i < m.end for i in own)]
            if unknown:
                return None
        return people[-1] if people else None
    here = [m for m in people if m.start >= sent_start]
    subject_here = [m for m in here if doc[m.head].dep_ in ("nsubj", "nsubjpass")]
    if subject_here:
        return subject_here[-1]
    if POSSESSOR_SPEAKS and not obj:
        # "Ruto's office said he would host ...": the person whose office, aide or spokesman is the subject before
        # the pronoun is whom "he" stands for
        owner = next((m for m in reversed(before) if m.start >= sent_start and m.coded and m.codes
                      and doc[m.end - 1].dep_ == "poss" and doc[m.end - 1].pos_ == "PROPN"
                      and doc[m.end - 1].head.dep_ in ("nsubj", "nsubjpass") and doc[m.end - 1].head.i < tok.i
                      and any(p.codes == m.codes for p in people)), None)
        if owner is not None:
            return owner
    if here and not obj:
        return here[-1]
    earlier = [m for m in people if m.start < sent_start]
    subjects = [m for m in earlier if doc[m.head].dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        # the last sentence with a person as subject: the subject of its main verb is who "he" continues
        # ("Erdogan called Burhan and Dagalo, his office said. He urged ..."), else its last subject
        last = doc[subjects[-1].head].sent.start
        main = [m for m in subjects if doc[m.head].sent.start == last and doc[m.head].head.dep_ == "ROOT"]
        return main[0] if main else subjects[-1]
    return people[-1] if people else None


def _conjunct_object(doc, tok, before: Sequence[Mention]) -> list[Mention]:
    """The coded actors an object pronoun's verb takes over from the verb it is joined to: "met X and urged him",
    "spoke with X and told him", "phoned X and Y and pressed them", "described X as criminals and vowed to crack
    down on them" -> X (and Y). Nothing when the pronoun is not an object of a joined verb (or of its infinitive),
    or that verb's object names no coded actor."""
    verb = tok.head
    if tok.dep_ == "pobj" and verb.dep_ == "prep":  # "vowed to crack down on them"
        verb = verb.head
    elif tok.dep_ not in ("dobj", "dative"):
        return []
    for _ in range(3):
        if verb.dep_ != "xcomp":
            break
        verb = verb.head
    participle = PARTICIPLE_OBJECT and verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(
        c.dep_ in ("nsubj", "mark") for c in verb.children)  # "expelled X, accusing them of spying"
    if verb.dep_ != "conj" and not participle or verb.head.pos_ not in ("VERB", "AUX") or verb.pos_ not in (
            "VERB", "AUX"):
        return []
    first = verb.head
    objs = [c for c in first.children if c.dep_ in ("dobj", "dative")] or [
        p for c in first.children if c.dep_ == "prep" and c.lower_ in ("with", "to")
        for p in c.children if p.dep_ == "pobj"]
    heads = set()
    for o in objs:
        heads.add(o.i)
        heads.update(c.i for c in o.children if c.dep_ == "conj")
        heads.update(a.i for c in o.children if c.dep_ == "conj" for a in c.children if a.dep_ == "conj")
    found = [m for m in before if m.head in heads and m.coded and m.codes and not m.codes[0].startswith("---")]
    if tok.lower_ != "them" and len(found) != 1:
        return []  # "him" / "her": one person
    return found


def story_country_of(mentions: Sequence[Mention], dateline_country: str | None = None) -> str | None:
    """The country the story is about: the one its actors name most (the dateline's place counts twice)."""
    counts: dict[str, int] = {}
    if dateline_country:
        counts[dateline_country] = DATELINE_WEIGHT
    for m in mentions:
        if not _is_real(m):
            continue
        for c in {c[:3] for c in m.codes}:
            if c.isalpha() and not c.startswith(("IGO", "NGO", "MNC", "IMG", "UAF")):
                counts[c] = counts.get(c, 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    tied = [c for c, n in counts.items() if n == best]
    return dateline_country if dateline_country in tied else tied[0]


def _lead_country(doc, mentions: Sequence[Mention], skip_until: int) -> str | None:
    """The country of the actor that acts in the story's lead: the subject of the main verb of the first sentence
    after the dateline ("SANTIAGO - Chile on Saturday rejected ..." -> CHL), else None."""
    if skip_until >= len(doc):
        return None
    sent = doc[skip_until].sent
    root = sent.root
    if root.i < skip_until:
        # the parser joined the headline (or the dateline) to the lead: the lead's first verb with a subject
        root = next((t for t in sent if t.i >= skip_until and t.pos_ in ("VERB", "AUX")
                     and any(c.dep_ in ("nsubj", "nsubjpass") and c.i >= skip_until for c in t.children)), None)
        if root is None:
            return None
    found = _subject_country(mentions, root, skip_until)
    if found is None and REPORTED_LEAD:
        # "Iraq summoned Turkey's ambassador ..., the foreign ministry said": a speaker with no country of its own
        # reports the lead's act; its subject is who acts in the lead
        for c in root.children:
            if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
                found = _subject_country(mentions, c, skip_until)
                if found is not None:
                    break
    return found


# the lead's act reported by a speaker with no country ("..., the foreign ministry said") is the reported clause's
REPORTED_LEAD = True


def _subject_country(mentions: Sequence[Mention], verb, skip_until: int) -> str | None:
    """The country of the coded actor that is ``verb``'s subject, else None."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.i < skip_until:
        return None
    for m in mentions:
        if _is_real(m) and (m.head == subj.i or m.start <= subj.i < m.end):
            c = m.codes[0][:3]
            return c if c.isalpha() and not m.codes[0].startswith(("IGO", "NGO", "MNC", "IMG", "UAF")) else None
    return None


def _lead_named(doc, mentions: Sequence[Mention], skip_until: int) -> set[str]:
    """The countries the story's lead sentence names (any actor of it, acting or acted on)."""
    if skip_until >= len(doc):
        return set()
    sent = doc[skip_until].sent
    return {m.codes[0][:3] for m in mentions if _is_real(m) and sent.start <= m.head < sent.end
            and m.head >= skip_until and m.codes[0][:3].isalpha()
            and not m.codes[0].startswith(("IGO", "NGO", "MNC", "IMG", "UAF"))}


def _lead_speakers(doc, mentions: Sequence[Mention], skip_until: int) -> set[str]:
    """The countries of whoever the story's lead sentence reports ("NICOSIA - Turkish warships blocked ..., the
    Cypriot government said"): the subjects of its verbs of speech outside quotes."""
    if skip_until >= len(doc):
        return set()
    out: set[str] = set()
    for t in doc[skip_until].sent:
        if t.i < skip_until or t.pos_ not in ("VERB", "AUX") or t.lemma_.lower() not in SPEECH:
            continue
        for subj in (c for c in t.children if c.dep_ == "nsubj"):
            for m in mentions:
                if _is_real(m) and (m.head == subj.i or m.start <= subj.i < m.end):
                    c = m.codes[0][:3]
                    if c.isalpha() and not m.codes[0].startswith(("IGO", "NGO", "MNC", "IMG", "UAF")):
                        out.add(c)
                    break
    return out


def _other_person(doc, up: Sequence[str], m: Mention, persons: Sequence[tuple[int, int]],
                  names: dict[tuple[str, ...], list[str]]) -> bool:
    """Whether the person named in full in ``m`` is none of the remembered persons with its family name: each of
    those was named with given names, and neither person's given names end the other's ("Cellou Dalein Diallo" /
    "Ousmane Gaoual Diallo"; "Emmanuel Macron" / "President Macron" is one person, a title is not a name)."""
    span = next(((s, e) for s, e in persons if s <= m.head < e), None)
    if span is None and all(t.pos_ == "PROPN" for t in doc[m.start:m.end]):
        span = (m.start, m.end)  # a name the recogniser took for an organisation
    if span is None or span[1] - span[0] < 2:
        return False
    own = tuple(up[span[0]:span[1] - 1])
    last = up[span[1] - 1]
    earlier = [k[:-1] for k in names if len(k) >= 2 and k[-1] == last]
    if not earlier:
        return False
    def fits(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        n = min(len(a), len(b))
        return a[len(a) - n:] == b[len(b) - n:]
    return not any(fits(own, g) for g in earlier)


def _is_real(m: Mention) -> bool:
    return m.coded and bool(m.codes) and not m.codes[0].startswith("---")


def _with_country(code: str, country: str) -> str:
    return country + code[3:] if code.startswith("---") else code


def _line_break(doc, start: int, end: int) -> bool:
    """A line break in the text of tokens ``start:end`` (with their trailing whitespace): a paragraph or line
    between two mentions. Read from the tokens -- ``doc.text`` is rebuilt from every token each time it is read."""
    return any("\n" in doc[i].text_with_ws for i in range(max(start, 0), min(end, len(doc))))


def resolve_document(doc, mentions: list[Mention], up: Sequence[str], story_country: str | None = None,
                     scheme=None, skip_until: int = 0, article: bool = True, structure=None) -> list[Mention]:
    """The document's mentions with names, descriptions and pronouns resolved (new pronoun mentions added).

    ``story_country`` is the dateline's; an ``article`` (several sentences) with none takes the country its
    actors name most. A lone sentence with no dateline has no story country: its roles keep ``---``.
    """
    persons = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON" and e.start >= skip_until]
    dateline_country = story_country
    if story_country or article:
        story_country = story_country_of(mentions, story_country)
    # the home of a role with no country ("Foreign Minister X", "the interior ministry", "police", "lawmakers"):
    # the dateline's country when it acts in the story's lead ("SANTIAGO - Chile on Saturday rejected Peru's
    # account ..."), however often another country is named, as a wire reader takes the reporter's country for
    # the officials who speak to him; else the story's. Armed roles keep the story's country (ARMED_ROLES).
    home = story_country
    line = getattr(structure, "dateline", None)
    lead = skip_until if line is None else next((t.i for t in doc if t.idx >= line.end), len(doc))
    if dateline_country and LEAD_RULE and (_lead_country(doc, mentions, lead) == dateline_country or (
            LEAD_SPEAKER and dateline_country in _lead_speakers(doc, mentions, lead)) or (
            DATELINE_HOME == "named" and dateline_country in _lead_named(doc, mentions, lead))
            or DATELINE_HOME == "always"):
        home = dateline_country
    if home and _actors.OWN_TITLED_PERSON:
        # "Defence Minister X and French Armed Forces Minister Y": in a story with a home country, a titled person
        # whose only country was a later conjunct's is the home country's (a nationality does not reach back)
        for m in mentions:
            if m.resolved == CONJUNCT:
                m.codes = list(dict.fromkeys(home + c[3:] for c in m.codes))
                m.evidence += f"; no country of its own: the story's ({home}), not the conjunct's"
                m.resolved = "story"
                m.kind = guess_kind(m.codes[0], scheme)
    names: dict[tuple[str, ...], list[str]] = {}
    given: dict[tuple[str, ...], list[str]] = {}  # first words of names, after every full name and surname
    person_heads: set[int] = set()
    by_head: dict[int, list[Mention]] = {}
    by_end: dict[int, Mention] = {}
    for m in mentions:
        by_head.setdefault(m.head, []).append(m)
        by_end[m.end] = m

    # a role with no country whose members are named ("Western embassies, including those of the United
    # States, Britain and Germany"): one code per member, the role kept
    for m in mentions:
        if not (m.coded and m.codes and m.codes[0].startswith("---")):
            continue
        for c in doc[m.head].children:
            if c.dep_ != "prep" or up[c.i] not in INCLUDING:
                continue
            members = [o.codes[0] for t in c.subtree for o in by_head.get(t.i, ())
                       if o is not m and _is_real(o) and len(o.codes[0]) == 3]
            if members:
                role = m.codes[0][3:]
                m.codes = list(dict.fromkeys(x + role for x in members))
                m.evidence += f'; its members named: [{"/".join(m.codes)}]'
                m.kind = guess_kind(m.codes[0], scheme)
                break

    # names given a country's possessive somewhere in the document ("Philippines' Manalo" in the headline): a
    # titled person of that name with no country of its own is that country's, not the story's
    owned_names: dict[str, str] = {}
    if POSSESSED_NAMES:
        for t in doc:
            if t.pos_ != "PROPN":
                continue  # (the headline too: it comes before the dateline)
            for c in t.children:
                if c.dep_ != "poss":
                    continue
                # (the owner's own mention, or the whole "Philippines' Manalo" read as one phrase of its country)
                owner = next((o for o in (*by_head.get(c.i, ()), *by_head.get(t.i, ())) if _is_real(o)
                              and o.start <= c.i < o.end and len(o.codes[0]) == 3
                              and guess_kind(o.codes[0], scheme) == "country"), None)
                if owner is not None:
                    owned_names.setdefault(up[t.i], owner.codes[0])

    # a role with no country: the last actor with the same role ("the minister"), else the story's country
    last_by_role: dict[str, Mention] = {}
    absorbed: set[int] = set()  # nationality words taken into the title after them
    for m in mentions:
        if m.coded and m.codes and m.codes[0].startswith("---"):
            role = m.codes[0][3:]
            head = doc[m.head]
            definite = any(c.dep_ == "det" and up[c.i] in DEFINITE for c in head.children)
            ante = last_by_role.get((role, up[m.head])) if definite and role else None
            if ante is not None and INSTITUTION_REACH and up[m.head] in INSTITUTIONS and (
                    _line_break(doc, ante.start, m.start)) and not (
                    up[ante.head] == up[m.head] and doc[ante.head].dep_ in ("nsubj", "nsubjpass", "dobj")
                    and any(i != ante.head and doc[i].dep_ != "det" for i in range(ante.start, ante.end))):
                # a new paragraph: "the government" is the home country's again, unless a paragraph before had
                # that institution itself, with its country, act or be acted on ("The Taliban administration
                # said ..."), not as a word of another phrase ("a government spokeswoman", "critics of the
                # Chinese government")
                ante = None
            # a title without an article ("Foreign Minister X", not "the foreign ministry": the story's own)
            titled = ante is None and not definite and role.startswith("GOV")
            if FOREIGN_PLURALS and ante is None and head.tag_ == "NNS" and any(
                    c.dep_ == "amod" and up[c.i] in OTHERS for c in head.children):
                m.evidence += f'; "{doc[m.start:m.end].text}": of no one country'
                m.codes, m.coded, m.kind = [], False, "unknown"
                continue
            word = _nationality_before(doc, m, by_end) if NATIONALITY_TITLE and ante is None else None
            if word is not None:
                nationality = word.codes[0]
                m.codes = [_with_country(c, nationality) for c in m.codes]
                m.evidence += f'; the nationality right before it "{doc[word.start:word.end].text}" [{nationality}]'
                m.start = word.start
                absorbed.add(id(word))
                m.kind = guess_kind(m.codes[0], scheme)
                last_by_role[(m.codes[0][3:], up[m.head])] = m
                continue
            own = story_country if role.startswith(ARMED_ROLES) else home
            topic = _topic_country(doc, m, by_head, mentions, own) if titled else None
            where = "the sentence before"
            if titled and owned_names and doc[m.head].pos_ == "PROPN" and up[m.head] in owned_names:
                topic, where = owned_names[up[m.head]], f'the name\'s possessive elsewhere ("{doc[m.head].text}")'
            if FRONTED_PLACE and ante is None and role.startswith("GOV"):
                fronted = _fronted_place(doc, m, by_head)
                if fronted is not None:
                    topic, where = fronted, "the place its sentence opens with"
            if topic is None and ante is None and definite and SPEAKER_INSTITUTION and up[m.head] in INSTITUTIONS:
                topic, where = _speaker_country(doc, m, by_head, mentions), "its speaker"
            if topic is None and titled and SAME_SENTENCE:
                topic, where = _sentence_country(doc, m, by_head, own), "the clause it is joined to"
            if ante is not None:
                m.codes = list(ante.codes)
                m.evidence += f'; "{doc[m.start:m.end].text}" -> "{doc[ante.start:ante.end].text}" [{ante.codes[0]}]'
                m.carried = True
            elif topic is not None:
                m.codes = [_with_country(c, topic) for c in m.codes]
                m.evidence += f"; no country named: the country of {where} ({topic})"
                m.resolved = "story"
            elif own:
                m.codes = [_with_country(c, own) for c in m.codes]
                m.evidence += f"; no country named: the story's ({own})"
                m.resolved = "story"
            m.kind = guess_kind(m.codes[0], scheme)
        if _is_real(m) and len(m.codes[0]) > 3:
            # "the minister" refers back to an actor named with that word ("Foreign Minister Le Drian")
            roles = {m.codes[0][3:]}
            if IGO_ROLES and m.codes[0][:3] in ("IGO", "NGO"):
                # "the court" after "the International Criminal Court" (IGOJUDICC): a body's code holds its role
                # among its parts (IGO + JUD + ICC)
                roles.update(m.codes[0][k:k + 3] for k in range(3, len(m.codes[0]) - 2, 3))
            for w in up[m.start:m.end]:
                for r in roles:
                    last_by_role[(r, w)] = m

    if absorbed:
        mentions = [m for m in mentions if id(m) not in absorbed]
    # a person named with a country's possessive ("Senegal's Faye", "Pakistan's Sharif"): that country
    for m in mentions:
        if m.coded or not any(s <= m.head < e for s, e in persons):
            continue
        for c in doc[m.head].children:
            if c.dep_ != "poss":
                continue
            owner = next((o for o in by_head.get(c.i, ()) if _is_real(o) and len(o.codes[0]) == 3), None)
            if owner is not None:
                m.codes, m.coded = [owner.codes[0]], True
                m.kind = guess_kind(owner.codes[0], scheme)
                m.evidence += f'; "{c.text}\'s" -> [{owner.codes[0]}]'
                break

    # a name in apposition to a described role, either way round ("Qatar's Minister of State, Lolwah Al-Khater",
    # "Lolwah Al-Khater, Qatar's minister of state"): the name is that actor and takes the role's code; a role
    # the dictionaries do not know still gives the country of its possessive ("Ukraine's ombudsman, Ivan Petrov")
    for m in mentions:
        # (a name the recogniser took for a place and no dictionary knows: "Kenta Izumi, leader of ...")
        if doc[m.head].pos_ != "PROPN" or doc[m.head].ent_type_ not in ("PERSON", "ORG") and (
                m.coded or doc[m.head].ent_type_ != "GPE"):
            continue
        # a person the dictionaries code is described anew by the story ("Nelson Chamisa, leader of the opposition
        # Movement for Democratic Change": no longer the minister the dictionary's entry dates from)
        listed = (m.coded and APPOSITION_OVER_DICTIONARY and doc[m.head].ent_type_ == "PERSON" and not m.resolved
                  and m.end - m.start >= 2)
        # a titled name given the story's country for want of its own ("A spokesman for the U.S. Navy's Fifth
        # Fleet, Commander Tim Hawkins": IRN from an Iranian story) takes the country its apposition names
        guessed = m.coded and APPOSITION_OVER_STORY and m.resolved == "story"
        if m.coded and not listed and not guessed:
            continue
        if any(o is not m and _is_real(o) and (o.head == m.head or o.end == m.start) for o in mentions):
            continue  # a name right after its title ("Top Iranian commander Qasem Soleimani"): one actor, below
        got = _apposed_role(doc, m, mentions, by_head)
        if got is None or listed and (got[0] == m.codes or len(got[0][0]) <= 3):
            continue
        if guessed and not (got[0][0][:3].isalpha() and got[0][0][:3] != m.codes[0][:3]
                            and not got[0][0].startswith("---")):
            continue
        codes, why, partner = got
        if listed and codes[0][:3] != m.codes[0][:3] and any(
                _is_real(o) and o is not m and o.codes[0][:3] == m.codes[0][:3]
                and partner.left_edge.i <= o.head <= partner.right_edge.i for o in mentions):
            continue  # "Dmitry Medvedev, the deputy chairman of Russia's Security Council": still Russia's
        m.codes, m.coded = codes, True
        m.kind = guess_kind(codes[0], scheme)
        m.evidence += f"; in apposition to {why} [{codes[0]}]"
        if doc[m.head].ent_type_ == "ORG" and (partner.pos_ == "NOUN" or len(codes[0]) > 3) and (
                (m.start, m.end) not in persons):
            persons.append((m.start, m.end))  # a name the recogniser took for an organisation, described as a person

    # names with a title: the entity inside (or sharing the head of) a coded phrase takes its code
    drop: set[int] = set()
    if TITLE_NAME:
        _names_after_titles(doc, mentions, persons, drop)
    for m in mentions:
        if m.coded:
            continue
        if not any(s <= m.head < e for s, e in persons):
            continue
        for other in by_head.get(m.head, ()):
            if other is not m and _is_real(other):
                other.start, other.end = min(other.start, m.start), max(other.end, m.end)
                drop.add(id(m))
                break
    kept = [m for m in mentions if id(m) not in drop]
    for m in kept:
        if not m.coded or not m.codes:
            continue
        for s, e in persons:
            if m.start <= s and e <= m.end:
                person_heads.add(m.head)
                if _is_real(m):
                    full = tuple(up[s:e])
                    names.setdefault(full, list(m.codes))
                    names.setdefault(full[-1:], list(m.codes))
                    if len(full) >= 2:  # "Xi" for "Xi Jinping": names whose family name comes first
                        given.setdefault(full[:1], list(m.codes))
    if NAMED_PERSONS and names:
        # a dictionary's own entry for a person named in full before ("Argentine President Javier Milei ... Milei
        # responded"): that mention is the person too, so "he" can stand for it
        for m in kept:
            if _is_real(m) and m.head not in person_heads:
                words = tuple(w for w in up[m.start:m.end] if w not in ("'S", "’S"))
                if len(words) <= 3 and doc[m.head].pos_ == "PROPN" and (
                        m.codes in (names.get(words), names.get(words[-1:]))
                        or (GIVEN_PERSONS and len(words) == 1 and m.codes == given.get(words))):
                    person_heads.add(m.head)
    # later (and earlier) mentions of a remembered name
    if names:
        for m in kept:
            if m.coded:
                continue
            words = tuple(w for w in up[m.start:m.end] if w not in ("'S", "’S"))
            if OTHER_GIVEN_NAMES and len(words) >= 2 and words not in names and _other_person(
                    doc, up, m, persons, names):
                continue
            codes = names.get(words) or names.get(words[-1:]) or (given.get(words) if len(words) == 1 else None)
            if codes:
                m.codes, m.coded = list(codes), True
                m.kind = guess_kind(codes[0], scheme)
                m.evidence += f'; the name named earlier in the document [{codes[0]}]'
                m.resolved = m.resolved or "name"
                person_heads.add(m.head)
        # a surname the entity recogniser did not mark ("Pashinyan spoke by telephone with ..."): a proper
        # noun outside every mention that is a remembered name's last word
        single = {k[0]: v for k, v in names.items() if len(k) == 1}
        if single:
            inside = {i for m in kept for i in range(m.start, m.end)}
            for i in _where(up, single, skip_until):
                tok = doc[i]
                if i in inside or not (tok.pos_ == "PROPN" or (
                        SURNAME_TAGGED_NOUN and tok.pos_ == "NOUN" and tok.text[:1].isupper())) or (
                        i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN"):
                    # (a capitalised "noun" that is a remembered surname is the name the tagger read as a plural:
                    # "Anastasiades urged Ankara ...", NNS)
                    continue
                codes = single[up[i]]
                kept.append(Mention(i, i + 1, i, list(codes), f'the name named earlier in the document [{codes[0]}]',
                                    guess_kind(codes[0], scheme), True, resolved="name"))
                person_heads.add(i)

    # a person named with no title and no country the document knows ("congratulated Faye"): the story's
    if story_country:
        for m in kept:
            if not m.coded and not m.codes and doc[m.head].ent_type_ == "PERSON" and m.head >= skip_until:
                m.codes, m.coded = [story_country], True
                m.kind = guess_kind(story_country, scheme)
                m.evidence += f"; no country named: the story's ({story_country})"
                m.resolved = "story"
                if NAMED_PERSONS:
                    person_heads.add(m.head)  # a person still, whom "he" may stand for
        if STORY_PERSON_SURNAMES:
            # "Chadema vice-chairman John Heche told ... Heche accused the police": a later mention of the surname
            # of a person given the story's country is that person, whatever entity the recogniser made of it
            last: dict[str, Mention] = {}
            for m in kept:
                if m.resolved == "story" and m.head in person_heads and m.end - m.start >= 2 and doc[
                        m.end - 1].pos_ == "PROPN":
                    last.setdefault(up[m.end - 1], m)
            for m in kept:
                ante = last.get(up[m.start]) if m.end - m.start == 1 else None
                if m.coded or ante is None or ante.start >= m.start or doc[m.start].pos_ != "PROPN":
                    continue
                m.codes, m.coded = list(ante.codes), True
                m.kind = guess_kind(ante.codes[0], scheme)
                m.evidence += f'; the surname of "{doc[ante.start:ante.end].text}" [{ante.codes[0]}]'
                m.resolved = "name"
                person_heads.add(m.head)

    if PARTY_RULES:
        _acronyms(doc, kept, up, scheme)
        _described_parties(doc, kept, up, home, scheme)
        if INITIALS_ACRONYMS:  # after the parties are described ("the opposition Movement for Democratic Change")
            _acronyms(doc, kept, up, scheme, initials=True)
    if MINISTRY_NAMES and home:
        _ministry_names(doc, kept, up, home, scheme)
    if HOME_BODIES and home and home != "USA":
        # "the Senate", "Congress" in a Brazilian story: Phoenix lists them as the US's; with no US word beside them
        # they are the story's own legislature or court
        for m in kept:
            words = tuple(w for w in up[m.start:m.end] if w not in ("THE", "'S", "’S"))
            role = US_DEFAULT_BODIES.get(words)
            if role and m.codes and all(c.startswith("USA") for c in m.codes):
                m.codes = [home + role]
                m.kind = guess_kind(m.codes[0], scheme)
                m.evidence += f"; no US word beside it in a story of {home}: the story's own [{m.codes[0]}]"
                m.resolved = "story"

    # pronouns
    kept.sort(key=lambda m: m.start)
    covered = {i for m in kept for i in range(m.start, m.end)}
    added: list[Mention] = []
    starts = [m.start for m in kept]
    import bisect

    sexes: dict[str, str] = {}  # a person's last name -> "M" / "F", from the words of its mentions
    if GENDER:
        for m in kept:
            if m.head in person_heads:
                words = set(up[m.start:m.end])
                if words & FEMALE_WORDS and not words & MALE_WORDS:
                    sexes.setdefault(up[m.end - 1], "F")
                elif words & MALE_WORDS and not words & FEMALE_WORDS:
                    sexes.setdefault(up[m.end - 1], "M")
    for i in _where(up, PERSON_PRONOUNS | POSSESSIVE_ANY | OBJECT_PRONOUNS | {"HER", "THEM"}, skip_until):
        tok = doc[i]
        if tok.i in covered:
            continue
        w = up[tok.i]
        sex = PRONOUN_SEX.get(w)
        if w == "HER" and tok.dep_ != "poss":
            w = "HIM"  # "congratulated her"
        before = kept[: bisect.bisect_left(starts, tok.i)]
        if CONJUNCT_OBJECT and w in ("HIM", "THEM"):
            # "met Burhan's envoy and urged her", "phoned the two generals and urged them": the object of the verb
            # it is joined to is whom the object pronoun stands for
            ante_objs = _conjunct_object(doc, tok, before)
            if ante_objs:
                codes = list(dict.fromkeys(c for m in ante_objs for c in m.codes))
                text = " and ".join(doc[m.start:m.end].text for m in ante_objs)
                added.append(Mention(tok.i, tok.i + 1, tok.i, codes, f'pronoun "{tok.text}" -> "{text}" [{codes[0]}]',
                                     guess_kind(codes[0], scheme), True, resolved="pronoun"))
                covered.add(tok.i)
                continue
        if w == "THEM":
            continue
        sent_start = tok.sent.start
        if w in PERSON_PRONOUNS or w in POSSESSIVE_PERSON or w in OBJECT_PRONOUNS:
            if GENDER and sexes:
                # a person the text shows to be of the other sex is not whom the pronoun stands for
                before = [m for m in before if m.head not in person_heads or sexes.get(up[m.end - 1], sex) == sex]
                window = sent_start
                for _ in range(OBJECT_PRONOUN_REACH):
                    window = doc[window - 1].sent.start if window > 0 else 0
                if sex == "F" and any(m.head in person_heads and m.start >= window and sexes.get(up[m.end - 1]) == "F"
                                      for m in before):
                    # a woman the text shows, named lately: "she" / "her" is her rather than one of unknown sex
                    before = [m for m in before if m.head not in person_heads or m.start < window
                              or sexes.get(up[m.end - 1]) == "F"]
            ante = _person_antecedent(doc, tok, before, person_heads, sent_start, obj=w in OBJECT_PRONOUNS)
            if ante is None:
                continue
            if GENDER and ante.start >= sent_start and up[ante.end - 1] not in sexes:
                sexes[up[ante.end - 1]] = sex  # "Makolo said she ...": the person's sex, for later pronouns
        else:
            ante = next((m for m in reversed(before) if _is_real(m) and m.start >= sent_start), None)
            if ante is None and OPENING_POSSESSIVE and w in ("ITS", "THEIR") and tok.dep_ == "poss" and all(
                    doc[k].is_punct or doc[k].is_space for k in range(sent_start, tok.i)) and sent_start > 0:
                # "Ukraine explained its abstention ... Its ambassador accused ...": a sentence that opens with
                # "its" goes on from the subject of the sentence before, in the same paragraph
                prev = doc[sent_start - 1].sent
                if not _line_break(doc, prev.start, sent_start):
                    ante = next((m for m in reversed(before) if _is_real(m) and prev.start <= m.start < sent_start
                                 and doc[m.head].dep_ in ("nsubj", "nsubjpass") and doc[m.head].head.i == prev.root.i),
                                None)
            if ante is None:
                continue
        codes = list(ante.codes)
        text = doc[ante.start:ante.end].text
        if w in PERSON_PRONOUNS or w in OBJECT_PRONOUNS:
            if tok.dep_ not in (("nsubj", "nsubjpass") if w in PERSON_PRONOUNS else ("dobj", "pobj", "dative")):
                continue
            added.append(Mention(tok.i, tok.i + 1, tok.i, codes, f'pronoun "{tok.text}" -> "{text}" [{codes[0]}]',
                                 guess_kind(codes[0], scheme), True, resolved="pronoun"))
            continue
        # a possessive: "his country", "its forces"
        if tok.dep_ != "poss":
            continue
        owner = tok.head
        noun = up[owner.i]
        # "its forces had struck": the owner's country for a role in the subject; as an object ("withdrew its
        # troops from Syria") the owner's own body is not what the act is on, and it stays uncountried
        role_mentions = [m for m in by_head.get(owner.i, ()) if m.coded and (
                         m.codes[0][:3] in ("---",) or m.resolved == "story")
                         and owner.dep_ in ("nsubj", "nsubjpass")]
        country = codes[0][:3]
        if role_mentions:
            for rm in role_mentions:
                rm.codes = [country + c[3:] for c in rm.codes]  # "its" wins over the story's country
                rm.evidence += f'; "{tok.text}" -> "{text}" [{country}]'
                rm.kind = guess_kind(rm.codes[0], scheme)
            continue
        if owner.i in covered:
            continue
        if (w in POSSESSIVE_PERSON and noun not in OWN_COUNTRY | OWN_GOVERNMENT and owner.pos_ == "NOUN"
                and owner.dep_ in ("dobj", "pobj") and not by_head.get(owner.i)):
            # "Beijing rejected his proposal", "criticised her remarks": the object's owner is whom the act is on
            added.append(Mention(tok.i, tok.i + 1, tok.i, codes, f'"{tok.text}" -> "{text}" [{codes[0]}]',
                                 guess_kind(codes[0], scheme), True, resolved="pronoun"))
            covered.add(tok.i)
            continue
        if w in POSSESSIVE_PERSON and noun in OWN_COUNTRY:
            new = [country]
        elif w in POSSESSIVE_PERSON and noun in OWN_GOVERNMENT:
            new = [country + "GOV"]
        else:
            continue
        added.append(Mention(tok.i, owner.i + 1, owner.i, new, f'"{tok.text} {owner.text}" -> "{text}" [{new[0]}]',
                             guess_kind(new[0], scheme), True))
        covered.update(range(tok.i, owner.i + 1))
    # "It said ...", "It accused Bangkok ...": a subject "it" that acts is the body or country that was the
    # subject last (in its sentence before it, else in the sentence or two before), never a person or a plural
    for i in _where(up, {"IT"}, skip_until):
        tok = doc[i]
        if tok.i in covered or tok.dep_ != "nsubj" or tok.head.lemma_.lower() in IMPERSONAL_VERBS:
            continue
        ante = _thing_antecedent(doc, tok, kept, person_heads)
        if ante is None:
            continue
        text = doc[ante.start:ante.end].text
        added.append(Mention(tok.i, tok.i + 1, tok.i, list(ante.codes), f'pronoun "{tok.text}" -> "{text}" '
                             f"[{ante.codes[0]}]", guess_kind(ante.codes[0], scheme), True, resolved="pronoun"))
        covered.add(tok.i)
    # "They overwhelmed police lines": a subject "they" that acts is the plural actor that was the subject last
    if THEY_GROUPS:
        for i in _where(up, {"THEY"}, skip_until):
            tok = doc[i]
            if tok.i in covered or tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            ante = _group_antecedent(doc, tok, kept, person_heads)
            if ante is None:
                continue
            text = doc[ante.start:ante.end].text
            added.append(Mention(tok.i, tok.i + 1, tok.i, list(ante.codes), f'pronoun "{tok.text}" -> "{text}" '
                                 f"[{ante.codes[0]}]", guess_kind(ante.codes[0], scheme), True, resolved="pronoun"))
            covered.add(tok.i)
    # a quote's "we" / "I" is its speaker ("..., she said"), found in the quote's paragraph
    if structure is not None and structure.quotes:
        speakers = _quote_speakers(doc, sorted(kept + added, key=lambda m: m.start), up, structure)
        for i in _where(up, SPEAKER_WORDS, skip_until):
            tok, w = doc[i], up[i]
            if tok.i in covered:
                continue
            if tok.dep_ not in ("nsubj", "nsubjpass"):
                continue  # "our concern" is no actor of its own: only the subject "we" is the speaker
            speaker = speakers.get(structure.quote_at(tok.idx))
            if speaker is None:
                continue
            stext = doc[speaker.start:speaker.end].text
            added.append(Mention(tok.i, tok.i + 1, tok.i, list(speaker.codes),
                                 f'"{tok.text}" in a quote -> its speaker "{stext}" [{speaker.codes[0]}]',
                                 guess_kind(speaker.codes[0], scheme), True))
            covered.add(tok.i)

    # "Thousands rallied", "hundreds marched": a number of people that acts, with no "of" saying of what, is a
    # crowd of the home country's civilians
    if CROWD_NUMBERS and home:
        for i in _where(up, CROWD_WORDS, skip_until):
            tok = doc[i]
            # (a headline's "Thousands rally in ..." may be parsed as a number before a noun root)
            headline = tok.dep_ == "nummod" and tok.head.dep_ == "ROOT" and tok.head.i == tok.i + 1 and not any(
                t.pos_ in ("VERB", "AUX") for t in tok.sent)
            if tok.i in covered or (tok.dep_ not in ("nsubj", "nsubjpass") and not headline) or (
                    tok.pos_ not in ("NOUN", "NUM")):
                continue
            if any(c.dep_ in ("prep", "amod", "compound") for c in tok.children):
                continue  # "thousands of rockets", "hundreds more soldiers": of something else
            code = home + "CVL"
            added.append(Mention(tok.i, tok.i + 1, tok.i, [code], f'a crowd "{tok.text}": the home country\'s '
                                 f"civilians [{code}]", guess_kind(code, scheme), True, resolved="story"))
            covered.add(tok.i)

    # "Police said officers had arrested 200 people": bare "officers" are the force the document named last (police
    # or military), else the home country's police -- the article conventions code them COP throughout
    if BARE_OFFICERS:
        for i in _where(up, OFFICER_WORDS, skip_until):
            tok = doc[i]
            if tok.i in covered or not _common_noun(tok) or any(
                    c.dep_ in ("compound", "amod", "poss", "nmod") and c.i in covered for c in tok.children):
                continue
            if any(c.dep_ == "prep" for c in tok.children):
                continue  # "officers of the National Guard", "officers from the embassy": the phrase says whose
            ante = next((m for m in reversed(kept) if m.start < tok.i and _is_real(m)
                         and len(m.codes[0]) >= 6 and m.codes[0][3:6] in OFFICER_ROLES), None)
            if ante is not None:
                codes, why = list(ante.codes), f'"{tok.text}" -> "{doc[ante.start:ante.end].text}" [{ante.codes[0]}]'
            elif home:
                codes, why = [home + "COP"], f'"{tok.text}": the story\'s own police [{home}COP]'
            else:
                continue
            left = min([c.i for c in tok.children if c.i < tok.i and c.dep_ in ("det", "amod", "nummod")] + [tok.i])
            added.append(Mention(left, tok.i + 1, tok.i, codes, why, guess_kind(codes[0], scheme), True,
                                 resolved="story" if ante is None else None))
            covered.update(range(left, tok.i + 1))

    # "the bloc", "the alliance", "the agency": the organisation of that kind named last
    for i in _where(up, DESCRIBED, skip_until):
        tok = doc[i]
        kinds = DESCRIBED[up[i]]
        if tok.i in covered or not _common_noun(tok):
            continue
        if not any(c.dep_ == "det" and up[c.i] in DEFINITE for c in tok.children):
            continue
        role = DESCRIBED_BY_ROLE.get(up[i]) if DESCRIBED_UNIONS else None
        ante = next((m for m in reversed(kept) if m.start < tok.i and _is_real(m)
                     and (m.codes[0].startswith(kinds) or _described_by(doc, up[i], m)
                          or (role is not None and len(m.codes[0]) > 3 and m.codes[0][3:6] == role))), None)
        if ante is None and role is not None and home:
            # "the union" with no union or organisation before it: the story's own organised labour
            ante = Mention(tok.i, tok.i + 1, tok.i, [home + role], f"the story's own [{home + role}]",
                           guess_kind(home + role, scheme), True)
        if ante is None:
            continue
        left = min([c.i for c in tok.children if c.i < tok.i and c.dep_ in ("det", "amod", "compound")] + [tok.i])
        added.append(Mention(left, tok.i + 1, tok.i, list(ante.codes),
                             f'"{doc[left:tok.i + 1].text}" -> "{doc[ante.start:ante.end].text}" [{ante.codes[0]}]',
                             guess_kind(ante.codes[0], scheme), True))
        covered.update(range(left, tok.i + 1))
    if WINNERS:
        _winners(doc, kept, added, up, covered, skip_until)
    if NAMED_HEADS:
        _named_heads(doc, kept, added, up, covered, skip_until, scheme)
    out = kept + added
    out.sort(key=lambda m: m.start)
    groups = _groups(doc, out, up, covered, skip_until, scheme, lead=lead)
    if groups:
        out = sorted(out + groups, key=lambda m: m.start)
        _members_of_groups(doc, out, groups, up, scheme)
    return out


def _common_noun(tok) -> bool:
    """A common noun, as the descriptions and group words must be ("the bloc", "the winner", "both sides"): the
    tagger's NOUN, or a lower-case word it called a proper noun (the small model tags "the bloc said" NNP now and
    then; lower case, it is none -- LOWER_PROPN_IS_NOUN)."""
    return tok.pos_ == "NOUN" or (LOWER_PROPN_IS_NOUN and tok.pos_ == "PROPN" and tok.text.islower())


def _described_by(doc, word: str, m: Mention) -> bool:
    """Whether ``m`` is what a definite description by ``word`` can stand for, by its role (DESCRIBED_ROLES)."""
    if not DESCRIBED_ROLES or len(m.codes[0]) < 6 or not m.codes[0][:3].isalpha():
        return False
    role = m.codes[0][3:6]
    head = doc[m.head]
    if word == "GENERAL":
        return role == "MIL" and head.ent_type_ == "PERSON"
    if word == "PARTY":
        return role in ("OPP", "GOV") and head.pos_ == "PROPN" and head.ent_type_ == "ORG"
    return False


def _winners(doc, kept: list[Mention], added: list[Mention], up: Sequence[str], covered: set[int],
             skip_until: int) -> None:
    """"the winner", "the victor": the subject of the last earlier clause that won a contest ("X won the
    presidential election", "X wins presidency"), in place; none when no such clause comes before."""
    for i in _where(up, WINNER_NOUNS, skip_until):
        tok = doc[i]
        if tok.i in covered or not _common_noun(tok) or not any(
                c.dep_ == "det" and up[c.i] in DEFINITE for c in tok.children):
            continue
        ante = None
        for v in doc[skip_until:tok.sent.start]:
            if v.lemma_.lower() != "win" or v.pos_ != "VERB" or not any(
                    c.dep_ == "dobj" and up[c.i] in CONTESTS for c in v.children):
                continue
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
            ante = next((m for m in kept if subj is not None and _is_real(m)
                         and (m.head == subj.i or m.start <= subj.i < m.end)), None) or ante
        if ante is None:
            continue
        left = min([c.i for c in tok.children if c.i < tok.i and c.dep_ in ("det", "amod")] + [tok.i])
        added.append(Mention(left, tok.i + 1, tok.i, list(ante.codes),
                             f'"{doc[left:tok.i + 1].text}" -> the one who won, "{doc[ante.start:ante.end].text}" '
                             f'[{ante.codes[0]}]', ante.kind, True))
        covered.update(range(left, tok.i + 1))


def _named_heads(doc, kept: list[Mention], added: list[Mention], up: Sequence[str], covered: set[int],
                 skip_until: int, scheme=None) -> None:
    """A definite description ("the fund", "the council", "this court") whose noun is the last word of a body's
    proper name named before it in the document ("the International Monetary Fund", "the UN Security Council") is
    that body; so are its members ("the 15 council members"). Only names: a common noun's phrase ("Hasina's
    government") is no name to refer back to, and a person is no body."""
    names: dict[str, Mention] = {}  # the last word of a body's name (upper) -> its last mention
    pool = sorted((m for m in kept if _is_real(m) and m.end - m.start >= 2), key=lambda m: m.start)
    k = 0
    for tok in doc[skip_until:]:
        while k < len(pool) and pool[k].end <= tok.i:
            m = pool[k]
            last = doc[m.end - 1]
            if (last.pos_ == "PROPN" or last.text[:1].isupper()) and last.i == m.head and last.ent_type_ != "PERSON":
                names[up[last.i]] = m
            k += 1
        proper = PROPER_HEADS and tok.tag_ == "NNP" and tok.is_alpha and tok.dep_ != "compound"
        if (tok.pos_ != "NOUN" and not proper) or tok.i in covered or not names:
            continue
        if not any(c.dep_ == "det" and up[c.i] in DEFINITE for c in tok.children):
            continue
        key = up[tok.i]
        if key in MEMBER_WORDS:  # "the council members": the council's
            key = next((up[c.i] for c in tok.children if c.dep_ == "compound"), "")
        elif any(c.dep_ in ("compound", "poss") or c.dep_ == "amod" and c.text[:1].isupper() for c in tok.children):
            continue  # "the monetary fund of Pakistan", "the Arab League's council": its own name
        ante = names.get(key)
        if ante is None:
            continue
        left = min([c.i for c in tok.children if c.i < tok.i and c.dep_ in ("det", "amod", "compound", "nummod")]
                   + [tok.i])
        if any(i in covered for i in range(left, tok.i + 1)):
            continue
        added.append(Mention(left, tok.i + 1, tok.i, list(ante.codes),
                             f'"{doc[left:tok.i + 1].text}" -> "{doc[ante.start:ante.end].text}" [{ante.codes[0]}]',
                             guess_kind(ante.codes[0], scheme), True))
        covered.update(range(left, tok.i + 1))
        owner = tok.head if tok.dep_ == "poss" else None
        if PROPER_HEADS and owner is not None and owner.dep_ == "appos":
            # "Anna X, the Fund's senior mission chief": the person is the body's
            for m in kept:
                if m.resolved == "story" and m.head == owner.head.i and doc[m.head].ent_type_ == "PERSON":
                    m.codes = list(ante.codes)
                    m.kind = guess_kind(ante.codes[0], scheme)
                    m.evidence += f'; set beside "{doc[left:owner.i + 1].text}" [{ante.codes[0]}]'
                    m.resolved = "name"


def _main_pair(pool: Sequence[Mention], here: set[str], governments: bool) -> list[str]:
    """"both countries", "the two neighbours" with no pair named together just before: the story's two parties,
    the two countries its actors named most so far (each at least twice), not merely the last two named."""
    counts: dict[str, int] = {}
    last: dict[str, int] = {}
    mine = {h[:3] for h in here}
    for k, m in enumerate(pool):
        if GROUP_CLAUSE and m.resolved == "group":
            continue  # a group read before is no evidence of who the story's two parties are
        for c in m.codes:
            cc = c[:3]
            if not cc.isalpha() or c.startswith(("IGO", "NGO", "MNC", "IMG", "UAF", "---")) or cc in mine:
                continue
            counts[cc] = counts.get(cc, 0) + 1
            last[cc] = k
    top = sorted(counts, key=lambda c: (-counts[c], -last[c]))[:2]
    if len(top) < 2 or counts[top[1]] < 2:
        return []
    return [c + ("GOV" if governments else "") for c in top]


def _members_of_groups(doc, mentions: list[Mention], groups: list[Mention], up: Sequence[str], scheme=None) -> None:
    """A role said of a group ("commanders from both sides", "the ministers of the two countries"): one code per
    member, the role kept (in place)."""
    by_head = {g.head: g for g in groups}
    for m in mentions:
        if m.resolved not in (None, "story") or not m.coded or not m.codes or len(m.codes[0]) <= 3:
            continue
        if m.resolved is None and not m.codes[0].startswith("---"):
            continue  # a role with its own country ("Thai commanders from both sides" keeps THA)
        role = m.codes[0][3:]
        for c in doc[m.head].children:
            if c.dep_ != "prep" or up[c.i] not in ("FROM", "OF"):
                continue
            group = next((by_head[p.i] for p in c.children if p.dep_ == "pobj" and p.i in by_head), None)
            if group is None:
                continue
            m.codes = list(dict.fromkeys(x[:3] + role for x in group.codes))
            m.evidence += f'; a role of the group "{doc[group.start:group.end].text}" [{"/".join(m.codes)}]'
            m.kind = guess_kind(m.codes[0], scheme)
            m.resolved = "group"
            break


def _speaker_country(doc, m: Mention, by_head: dict, mentions: Sequence[Mention]) -> str | None:
    """The country of whoever reports what an institution with no country did ("New Zealand's minister said the
    government had raised its concerns"): a speaker talks of its own country's government."""
    tok = doc[m.head]
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.dep_ != "ccomp":
        return None
    verb = tok.head.head
    if verb.lemma_.lower() not in SPEECH:
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    # the speaker, or the role set beside its name ("Zabihullah Mujahid, the Taliban's chief spokesman, said")
    near = [subj.i] + [c.i for c in subj.children if c.dep_ == "appos"]
    speaker = next((o for i in near for o in by_head.get(i, ()) if _is_real(o)), None) or next(
        (o for o in mentions if _is_real(o) and o.start <= subj.i < o.end), None)
    if speaker is None:
        return None
    code = speaker.codes[0]
    return code[:3] if code[:3].isalpha() and not code.startswith(("IGO", "NGO", "MNC", "IMG", "UAF")) else None


def _nationality_before(doc, m: Mention, by_end: dict) -> Mention | None:
    """The country of a nationality word right before a role with no country, past the lower-case words that
    qualify a title ("Thai acting Prime Minister", "Kenyan interim President"): the parser may make them two
    phrases, but a reader takes the title as that country's."""
    j = m.start
    for _ in range(2):
        if j > 0 and doc[j - 1].text.islower() and doc[j - 1].pos_ in ("ADJ", "VERB", "ADV"):
            j -= 1
    o = by_end.get(j)
    if o is None or not _is_real(o) or len(o.codes) != 1 or len(o.codes[0]) != 3 or o.end - o.start != 1:
        return None
    tok = doc[o.head]
    if tok.ent_type_ != "NORP" or not o.codes[0].isalpha() or o.codes[0].startswith(("IGO", "NGO")):
        return None  # "Thai", "Kenyan": an adjective of nationality, not a country's name ("Kenya President")
    return o


def _names_after_titles(doc, mentions: list[Mention], persons: list, drop: set[int]) -> None:
    """A name right after a coded title ("Rwandan government spokeswoman Yolande Makolo", "Prime Minister
    Phumtham Wechayachai") is that titled person, even where the parser made two phrases of it or the entity
    recogniser took the name for an organisation: the title's mention takes in the name (in place)."""
    ends = {o.end: o for o in mentions if _is_real(o) and len(o.codes[0]) > 3}
    for m in mentions:
        if m.coded or m.codes or id(m) in drop or not 1 <= m.end - m.start <= 3:
            continue
        head = doc[m.head]
        if head.pos_ != "PROPN" or head.ent_type_ not in ("PERSON", "ORG"):
            continue
        if not all(doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() for i in range(m.start, m.end)):
            continue
        title = ends.get(m.start)
        if title is None or doc[title.end - 1].pos_ not in ("NOUN", "PROPN") or title.end - title.start > 8:
            continue
        if doc[title.end - 1].ent_type_ in ("GPE", "ORG", "NORP") or doc[title.end - 1].text.isupper():
            continue  # "the Kremlin Putin", "ECOWAS Tinubu": a body's name, not a title
        title.end = m.end
        core = ("nsubj", "nsubjpass", "dobj", "pobj", "dative")
        if doc[title.head].dep_ not in core and (head.dep_ in core + ("conj",)
                                                 or m.start <= doc[title.head].head.i < m.end):
            title.head = m.head  # the name is the clause's argument, the title a word before it
        if (m.start, m.end) not in persons:
            persons.append((m.start, m.end))
        title.evidence += f'; the name after the title "{doc[m.start:m.end].text}"'
        drop.add(id(m))


def _thing_antecedent(doc, tok, mentions: Sequence[Mention], person_heads: set[int]) -> Mention | None:
    """What a subject "it" stands for: the last coded subject before it in its sentence, else the subject of the
    sentence (or two) before -- an actor that is not a person and not a plural ("forces", "the rebels")."""
    def fits(m: Mention) -> bool:
        head = doc[m.head]
        return (_is_real(m) and m.head not in person_heads and head.dep_ in ("nsubj", "nsubjpass")
                and head.tag_ not in ("NNS", "NNPS") and head.pos_ != "PRON" and m.end - m.start < 12)

    sent = tok.sent
    verb = tok.head
    if verb.dep_ == "relcl" or (verb.dep_ in ("ccomp", "conj") and verb.head.lemma_.lower() in SPEECH):
        return None  # "X said it would ...", "the embargo it imposed": the coder reads these clauses itself
    here = [m for m in mentions if sent.start <= m.start and m.end <= tok.i and fits(m)]
    if here:
        return here[-1]
    start = sent.start
    for _ in range(2):
        if start == 0:
            break
        prev = doc[start - 1].sent
        found = [m for m in mentions if prev.start <= m.start < prev.end and fits(m)]
        if found:
            # the subject of the sentence's main verb first ("The ministry said the army had fired. It added ...")
            main = [m for m in found if doc[m.head].head.i == prev.root.i]
            return main[0] if main else found[-1]
        start = prev.start
    return None


def _group_antecedent(doc, tok, mentions: Sequence[Mention], person_heads: set[int]) -> Mention | None:
    """What a subject "they" stands for: the last plural actor ("protesters", "Turkana elders", "the two sides",
    "Kenya and Uganda") that was a subject before it in its sentence, else the subject of the sentence (or two)
    before -- never a person. A "they" in a reported or relative clause is the coder's to read, as "it" is."""
    def fits(m: Mention) -> bool:
        head = doc[m.head]
        return (_is_real(m) and m.head not in person_heads and head.dep_ in ("nsubj", "nsubjpass")
                and head.pos_ != "PRON" and m.end - m.start < 12
                and (head.tag_ in ("NNS", "NNPS") or len(m.codes) > 1 or m.resolved == "group"))

    sent = tok.sent
    verb = tok.head
    if verb.dep_ == "relcl" or (verb.dep_ in ("ccomp", "conj") and verb.head.lemma_.lower() in SPEECH):
        return None
    here = [m for m in mentions if sent.start <= m.start and m.end <= tok.i and fits(m)]
    if here:
        return here[-1]
    start = sent.start
    for _ in range(2):
        if start == 0:
            break
        prev = doc[start - 1].sent
        found = [m for m in mentions if prev.start <= m.start < prev.end and fits(m)]
        if found:
            main = [m for m in found if doc[m.head].head.i == prev.root.i]
            return main[0] if main else found[-1]
        start = prev.start
    return None


def _topic_country(doc, m: Mention, by_head: dict, mentions: Sequence[Mention], story: str | None) -> str | None:
    """The country a government role with no country speaks for when it is the subject right after a sentence
    of the same paragraph whose main subject is another country's actor, and it acts on the story's own country
    ("YEREVAN - ... Turkey blamed Armenia. Foreign Minister X urged Yerevan ..."): the paragraph is about that
    other country, and a role that acts on the story's country is not the story's own. A role whose sentence
    names neither ("President X said the attack killed five") keeps the story's country."""
    tok = doc[m.head]
    if story is None or tok.dep_ not in ("nsubj", "nsubjpass") or tok.sent.start == 0:
        return None
    sent = tok.sent
    named = {o.codes[0][:3] for o in mentions if o is not m and _is_real(o) and sent.start <= o.start < sent.end}
    if story not in named:
        return None
    prev = doc[sent.start - 1].sent
    last = next((t for t in reversed(prev) if not t.is_space), None)
    if last is None or _line_break(doc, last.i, sent.start):
        return None  # a new paragraph (the parser keeps the blank line inside the sentence before)
    subj = next((c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    for o in by_head.get(subj.i, ()):
        code = o.codes[0] if _is_real(o) else ""
        if code[:3].isalpha() and not code.startswith(("IGO", "NGO", "MNC", "IMG", "UAF")):
            return code[:3] if code[:3] != story and (TOPIC_NAMED_OK or code[:3] not in named) else None
    return None


def _fronted_place(doc, m: Mention, by_head: dict) -> str | None:
    """The country of the place a government role's clause opens with ("In Tehran, foreign ministry spokesman X
    rejected ...", "In Cotonou, Foreign Minister X voiced concern"): the wire's way of saying whose official speaks.
    The place is an "in" phrase on the role's verb before the role, naming a country or its city (a bare country
    code)."""
    tok = doc[m.head]
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for c in tok.head.children:
        if c.dep_ != "prep" or c.i > tok.i or c.lower_ != "in":
            continue
        for p in c.children:
            if p.dep_ != "pobj":
                continue
            codes = {o.codes[0] for o in by_head.get(p.i, ()) if _is_real(o)}
            if len(codes) == 1 and len(next(iter(codes))) == 3:
                return next(iter(codes))
    return None


def _sentence_country(doc, m: Mention, by_head: dict, own: str | None) -> str | None:
    """The country a government title with no country speaks for when an earlier clause of its own sentence has
    another country's actor as subject ("China's embassy rejected the accusations, and foreign ministry spokesman
    X urged Britain ..."): the title continues that actor's side."""
    tok = doc[m.head]
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = tok.head
    if verb.dep_ != "conj":
        return None
    first = verb.head
    subj = next((c for c in first.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
    if subj is None:
        return None
    for o in by_head.get(subj.i, ()):
        code = o.codes[0] if _is_real(o) else ""
        if code[:3].isalpha() and not code.startswith(("IGO", "NGO", "MNC", "IMG", "UAF")):
            return code[:3] if code[:3] != own else None
    return None


def _acronyms(doc, mentions: list[Mention], up: Sequence[str], scheme=None, initials: bool = False) -> None:
    """An acronym given in brackets after a coded name ("the Bangladesh Nationalist Party (BNP)") is that name:
    every mention of the acronym the dictionaries do not know ("The BNP called a strike") takes the code of the
    actor the name holds (in place). With ``initials``, also an acronym of a name's initials
    (:func:`_initials_acronyms`)."""
    real = [m for m in mentions if m.coded and m.codes and not m.codes[0].startswith("---")]
    if not real:
        return
    known: dict[str, tuple[list[str], str]] = {}
    for i in _where(up, {"("}):
        if i < 1 or i + 2 >= len(doc) or doc[i + 2].text != ")":
            continue
        word = doc[i + 1].text
        if not (word.isalpha() and word.isupper() and len(word) >= 2) or up[i + 1] in known:
            continue
        # the name's noun phrase ends right before the bracket: a coded actor in it ("Bangladesh ...")
        last = doc[i - 1]
        lo = min(last.left_edge.i, last.i)
        full = next((o for o in real if lo <= o.start and o.end <= i), None)
        if full is not None:
            known[up[i + 1]] = (list(full.codes), doc[lo:i].text)
    if initials:
        _initials_acronyms(doc, real, up, known)
    if not known:
        return
    for m in mentions:
        words = [w for w in up[m.start:m.end] if w != "THE"]
        if m.coded or len(words) != 1 or words[0] not in known:
            continue
        codes, name = known[words[0]]
        m.codes, m.coded = list(codes), True
        m.kind = guess_kind(codes[0], scheme)
        m.evidence += f'; the acronym of "{name}" [{codes[0]}]'
        m.resolved = m.resolved or "name"


def _initials_acronyms(doc, real: list[Mention], up: Sequence[str], known: dict) -> None:
    """An acronym made of the initials of a name the text gave before ("the Movement for Democratic Change ... the
    MDC", "the Zimbabwe Congress of Trade Unions ... ZCTU"), with no brackets: the code of the coded actor in that
    name (its last, the name's own role: "Trade Unions" in the congress's name), added to ``known``. Only a name
    of an organisation or group (a named entity of several words); an acronym two names share is left alone."""
    names: dict[str, list[tuple[int, list[str], str]]] = {}
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "NORP", "FAC") or len(ent) < 2:
            continue
        initials = "".join(up[t.i][0] for t in ent if up[t.i] not in ACRONYM_SKIP and up[t.i][:1].isalpha()
                           and doc[t.i].text[:1].isupper())
        if len(initials) < 2:
            continue
        inside = [m for m in real if ent.start <= m.head < ent.end and len(m.codes[0]) > 3]
        if not inside:
            continue
        names.setdefault(initials, []).append((ent.end, list(inside[-1].codes), ent.text))
    for acronym, found in names.items():
        if acronym in known or len({tuple(c) for _e, c, _t in found}) != 1:
            continue
        end, codes, text = found[0]
        # the acronym itself, written after the name, somewhere in the text
        if any(up[i] == acronym and doc[i].text.isupper() for i in range(end, len(doc))):
            known[acronym] = (codes, text)


def _ministry_names(doc, mentions: list[Mention], up: Sequence[str], home: str, scheme=None) -> None:
    """A ministry's name no dictionary knows ("The Treasury Department", "the Digital Ministry") is a government's:
    the country of the main subject of the sentence before in its paragraph ("In Washington, U.S. prosecutors
    charged ... The Treasury Department sanctioned ..."), else the home country's (in place)."""
    for m in mentions:
        words = MINISTRY_WORDS | STATE_BODY_WORDS if STATE_BODY_NAMES else MINISTRY_WORDS
        if m.coded or m.codes or up[m.end - 1] not in words or doc[m.head].ent_type_ != "ORG":
            continue
        if m.end - m.start > 5 or any(doc[i].pos_ not in ("PROPN", "DET") for i in range(m.start, m.end - 1)):
            continue
        country, why = home, "the home country's"
        sent = doc[m.start].sent
        if sent.start > 0:
            prev = doc[sent.start - 1].sent
            if not _line_break(doc, prev.end - 1, sent.start):
                subj = next((c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                owner = next((o for o in mentions if subj is not None and _is_real(o)
                              and (o.head == subj.i or o.start <= subj.i < o.end)), None)
                code = owner.codes[0] if owner is not None else ""
                if code[:3].isalpha() and not code.startswith(("IGO", "NGO", "MNC", "IMG", "UAF")):
                    country, why = code[:3], "the country of the sentence before"
        m.codes, m.coded = [country + "GOV"], True
        m.kind = guess_kind(m.codes[0], scheme)
        m.evidence += f"; a ministry with no country: {why} [{m.codes[0]}]"
        m.resolved = "story"


DESCRIBED_PARTY = {"OPPOSITION": "OPP", "RULING": "GOV"}


def _described_parties(doc, mentions: list[Mention], up: Sequence[str], home: str | None, scheme=None) -> None:
    """A name the dictionaries do not know described as the opposition or the ruling party right before it ("the
    opposition Labour Party", "the ruling Awami League"): the opposition (OPP) or the government (GOV) of the
    country its possessive names, else of the story's home country (in place)."""
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        if m.coded or m.codes or m.start == 0 or doc[m.head].ent_type_ not in ("ORG", ""):
            continue
        before = m.start - 1
        while before > 0 and up[before] in ("MAIN", "OFFICIAL", "FORMER") :
            before -= 1
        role = DESCRIBED_PARTY.get(up[before])
        if role is None:
            continue
        country = home
        owner = by_start.get(before - 1) if before >= 1 and up[before - 1] in ("'S", "’S") else None
        if owner is None and before >= 2 and up[before - 1] in ("'S", "’S"):
            owner = next((o for o in mentions if o.start <= before - 2 < o.end and o.coded and o.codes), None)
        if owner is not None and owner.codes[0][:3].isalpha():
            country = owner.codes[0][:3]
        if not country:
            continue
        m.codes, m.coded = [country + role], True
        m.kind = guess_kind(m.codes[0], scheme)
        m.evidence += f'; described as "{doc[before].text}" [{m.codes[0]}]'
        m.resolved = "story"


def _apposed_role(doc, m: Mention, mentions: Sequence[Mention], by_head: dict):
    """(codes, description, partner token) of the coded role a name stands in apposition to, else None."""
    head = doc[m.head]
    partners = [head.head] if head.dep_ == "appos" and head.head.i != head.i else []
    partners += [c for c in head.children if c.dep_ == "appos"]
    for p in partners:
        if m.start <= p.i < m.end or p.pos_ not in ("NOUN", "PROPN"):
            continue
        lo, hi = min(p.i, m.head), max(p.i, m.head)
        if not any(doc[i].text in (",", "(", "\u2013", "\u2014") for i in range(lo, hi)):
            continue  # an apposition is set off by a comma or a bracket; the parser's others are misreadings
        if any(c.dep_ == "conj" and not (APPOSITION_VERB_CONJ and c.pos_ in ("VERB", "AUX"))
               for t in (p, head) for c in t.children):
            continue  # "Gershkovich, his employer and the U.S. government": a list, not an apposition (a verb the
            # parser joined to the name, ", and Mauritania offered ...", makes no list)
        role = next((o for o in by_head.get(p.i, ()) if o is not m and _is_real(o)), None) or next(
            (o for o in mentions if o is not m and _is_real(o) and o.start <= p.i < o.end), None)
        if role is not None:
            return list(role.codes), f'"{doc[role.start:role.end].text}"', p
        if LEADER_OF and p.lemma_.upper() in LEADER_NOUNS:
            # "Kenta Izumi, leader of the main opposition Constitutional Democratic Party": the body he leads
            # (the body's name, or a coded word of its phrase: "head of the U.N. mission in Afghanistan")
            body = next((o for c in p.children if c.dep_ == "prep" and c.lower_ == "of" for q in c.children
                         if q.dep_ == "pobj" for o in mentions if o is not m and _is_real(o)
                         and len(o.codes[0]) > 3 and (o.start <= q.i < o.end or any(
                             k.dep_ in ("compound", "nmod", "poss") and o.start <= k.i < o.end
                             for k in q.children))), None)
            if body is not None:
                return list(body.codes), f'"{p.text} of {doc[body.start:body.end].text}"', p
        # no coded role: the country of the described noun's possessive ("Ukraine's human rights ombudsman")
        owner = p
        for _ in range(3):
            poss = next((c for c in owner.children if c.dep_ == "poss"), None)
            if poss is None:
                break
            own = next((o for o in mentions if o is not m and _is_real(o) and o.start <= poss.i < o.end), None)
            if own is not None and own.codes[0][:3].isalpha() and not own.codes[0].startswith(("IGO", "NGO")):
                return [own.codes[0][:3]], f'"{poss.text}\'s {p.text}"', p
            owner = poss
    return None


def _lead_pair(doc, mentions: Sequence[Mention], lead: int | None) -> list[str]:
    """The story's two parties as its headline or lead sentence names them together ("Armenia and Azerbaijan
    clash on border", "Sudan's army and the RSF agreed ..."): the codes of the first two coordinated actors of
    different codes there, else []."""
    if lead is None or lead >= len(doc):
        return []
    end = doc[lead].sent.end
    heads = {m.head: m for m in mentions if _is_real(m) and m.start < end}
    for m in sorted(heads.values(), key=lambda m: m.start):
        for c in doc[m.head].children:
            other = heads.get(c.i) if c.dep_ == "conj" else None
            if other is not None and other.codes[0] != m.codes[0]:
                return [m.codes[0], other.codes[0]]
    return []


def _clause_of(tok):
    """The verb of the clause a word is in: its nearest verb or auxiliary above it, up through verbs that share
    their subject ("promised to support both sides", "met X and urged both sides")."""
    t = tok
    for _ in range(40):
        if t.head.i == t.i:
            return t
        if t.pos_ in ("VERB", "AUX"):
            shares = t.dep_ in ("xcomp", "conj") and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
            if not shares:
                return t
        t = t.head
    return t


def _named_together(doc, candidates: Sequence[Mention], heads: dict[int, Mention], here: set[str], n: int,
                    skip: set[int] = frozenset()) -> list[str]:
    """The codes (none of ``here``) of the last of ``candidates`` coordinated with others of ``heads`` ("India and
    Russia"), when they are of ``n`` countries or more; [] when none is. ``skip``: heads that may not start one."""
    for m in reversed(candidates):
        if m.head in skip:
            continue
        linked = [heads[c.i] for c in doc[m.head].children if c.dep_ == "conj" and c.i in heads]
        if linked:
            together = list(dict.fromkeys(c for x in [m, *linked] for c in x.codes if c not in here))
            if len({c[:3] for c in together}) >= n:
                return together
    return []


def _both_alone(doc, mentions: list[Mention], up: Sequence[str], covered: set[int], skip_until: int,
                scheme=None) -> list[Mention]:
    """"both" with no noun, as an object ("ready to help Armenia and Azerbaijan ..., and urged both to respect the
    ceasefire"): the last two actors of two countries named together earlier in its sentence, not as its clause's
    subject."""
    out: list[Mention] = []
    for i in _where(up, {"BOTH"}, skip_until):
        tok = doc[i]
        if i in covered or tok.pos_ not in ("PRON", "DET") or tok.dep_ not in ("dobj", "pobj", "dative"):
            continue
        heads = {m.head: m for m in mentions if _is_real(m) and tok.sent.start <= m.start < i}
        verb, own = tok.head, set()
        for _ in range(4):  # the subjects of its verb and of the verbs that verb is joined to: who urges both
            own |= {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
            if verb.dep_ != "conj" or verb.head.i == verb.i:
                break
            verb = verb.head
        pair = _named_together(doc, list(heads.values()), heads, set(), 2, skip=own)
        if len(pair) == 2:
            out.append(Mention(i, i + 1, i, pair, f'group "{tok.text}" -> the 2 actors named together before '
                               f'[{"/".join(pair)}]', guess_kind(pair[0], scheme), True, resolved="group"))
            covered.add(i)
    return out


def _groups(doc, mentions: list[Mention], up: Sequence[str], covered: set[int], skip_until: int,
            scheme=None, lead: int | None = None) -> list[Mention]:
    """"both sides", "the two men", "the warring parties", "the four countries": the actors named last before.

    A group of N is the last N distinct actors named before it, leaving out those its own sentence names
    before it (the subject that urges "both sides" is not one of them); two countries ("both countries", "the two
    neighbours") not named together just before are the story's two parties, the countries named most so far. One
    mention with a code per member, so an event on the group is one event per member.
    """
    out: list[Mention] = []
    if BOTH_ALONE:
        out.extend(_both_alone(doc, mentions, up, covered, skip_until, scheme))
    # a group word an agent entry coded with the story's country only ("both governments"): the group wins
    guessed = {m.head: m for m in mentions if m.resolved == "story" and m.end - m.start <= 2}
    for i in _where(up, GROUP_NOUNS, skip_until):
        tok = doc[i]
        if not _common_noun(tok) or (tok.i in covered and tok.i not in guessed):
            continue
        n = None
        for c in tok.children:
            w = up[c.i]
            if c.dep_ in ("det", "nummod", "amod", "predet", "quantmod") and w in GROUP_SIZES:
                n = GROUP_SIZES[w] if n is None else max(n, GROUP_SIZES[w])
            elif c.dep_ == "amod" and w in GROUP_ADJECTIVES:
                n = n or 2
        if n is None and BARE_SIDES and up[i] == "SIDES" and any(up[c.i] == "THE" for c in tok.children):
            n = 2
        if n is None or not any(up[c.i] in ("THE", "BOTH", "ALL") or c.dep_ == "det" or (
                POSSESSED_GROUPS and c.dep_ == "poss" and up[c.i] in ("ITS", "THEIR")) for c in tok.children):
            continue  # ("its two neighbours": a possessive makes the group as definite as "the")
        sent_start = tok.sent.start
        own_clause = _clause_of(tok).i if GROUP_CLAUSE else None
        # a relative clause's subject is the noun it describes ("Minister X, who hosted the two delegations")
        described = doc[own_clause].head.i if own_clause is not None and doc[own_clause].dep_ == "relcl" else None
        here = {c for m in mentions if sent_start <= m.start < tok.i and _is_real(m)
                and (own_clause is None or _clause_of(doc[m.head]).i == own_clause or m.head == described)
                for c in m.codes}
        pool = [m for m in mentions if m.start < sent_start and _is_real(m)]
        of_subject = tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.dep_ in ("nsubj", "nsubjpass")
        if tok.dep_ in ("nsubj", "nsubjpass") or of_subject:
            # a subject group ("India and Russia ... as both sides want"; also "commanders from both sides met"): the
            # actors before it in its own sentence are its members too; an object group ("X urged both sides") leaves
            # its own sentence's out
            here = set()
            pool = [m for m in mentions if m.start < tok.i and _is_real(m)]
        countries = up[i] in COUNTRY_GROUPS  # "the two countries": distinct countries, not two bodies of one
        # a pair (or list) of actors named together before it in its sentence ("India and Russia ... as both
        # sides want"): they are the group
        heads = {m.head: m for m in pool}
        members: list[str] = _named_together(doc, [m for m in pool if m.start >= sent_start], heads, here, n)
        if len(members) < n and n == 2 and LEAD_PAIR and up[i] in ("SIDES", "PARTIES"):
            # "both sides" with no pair named together in its sentence: the story's two parties as its headline
            # or lead names them ("Armenia and Azerbaijan clash ... both sides reported shelling"), not whoever
            # was named last (the mediator in between)
            pair = [c for c in _lead_pair(doc, mentions, lead) if c not in here]
            if len(pair) == 2 and tok.i > doc[lead].sent.end:
                members = pair
        if len(members) < n and n == 2 and countries:
            # "both countries", "the two neighbours": two countries (a civil war's "both sides" may be one country's)
            members = _main_pair(pool, here, up[i] in GOVERNMENT_GROUPS)
        if len(members) < n and n >= 3 and LISTED_GROUPS:
            # "the three countries": the last list of exactly that many actors the text named together before
            # ("Greece, Cyprus and Israel sign ..."), not the last three named one by one
            for m in reversed(pool):
                chain = [m]
                while True:
                    nxt = [heads[c.i] for c in doc[chain[-1].head].children if c.dep_ == "conj" and c.i in heads]
                    if not nxt:
                        break
                    chain.append(nxt[0])
                listed = list(dict.fromkeys(
                    (c[:3] + ("GOV" if up[i] in GOVERNMENT_GROUPS else "")) if countries else c
                    for x in chain for c in x.codes if c not in here))
                if len(chain) > 1 and len(listed) == n:
                    members = listed
                    break
        people = pool
        if PERSON_GROUPS_ARE_PEOPLE and up[i] in PERSON_GROUPS and len(members) < n:
            # "the two leaders", "the two men": the last persons named, not a body or a country named after them
            named = [m for m in pool if any(doc[k].ent_type_ == "PERSON" for k in range(m.start, m.end))]
            if len({c for m in named for c in m.codes} - here) >= n:
                people = named
        for m in reversed(people if len(members) < n else []):
            for c in m.codes:
                if countries:
                    c = c[:3] + ("GOV" if up[i] in GOVERNMENT_GROUPS else "")
                    if any(c[:3] == x[:3] for x in members) or c[:3] in {h[:3] for h in here}:
                        continue
                if c not in members and c not in here and not any(x.startswith(c) and len(x) > len(c) for x in members):
                    members.append(c)
            if len(members) >= n:
                break
        if len(members) < n:
            continue
        members = members[:n]
        if tok.i in guessed:
            stale = guessed[tok.i]  # the agent's story-country guess gives way to the group
            mentions.remove(stale)
            covered.difference_update(range(stale.start, stale.end))
        left = min([c.i for c in tok.children if c.i < tok.i] + [tok.i])
        out.append(Mention(left, tok.i + 1, tok.i, members,
                           f'group "{doc[left:tok.i + 1].text}" -> the {n} actors named before [{"/".join(members)}]',
                           guess_kind(members[0], scheme), True, resolved="group"))
        covered.update(range(left, tok.i + 1))
    return out

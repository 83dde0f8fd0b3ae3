"""The rule-based event coder: PETRARCH-style dictionaries over the spaCy dependency parse.

Use :meth:`EventCoder.from_scheme` (or :meth:`EventCoder.from_files` with the dictionary paths),
then :meth:`EventCoder.code_text` / :meth:`EventCoder.code_texts` (batched ``nlp.pipe``). Every
suggestion carries a confidence and the evidence that produced it, e.g. ``verb ISSUE pattern
"* {ARREST WARRANTS}" [173] (CAMEO.2.0.txt:6323)``.

How a sentence is coded
-----------------------
* **One event per main clause.** The sentence root is coded; clauses it governs are only
  reached through the chains below. A coordinated main verb (``condemned ... and promised aid``)
  gets its own event when it has its own object or one of its own patterns matched. An uncoded
  main verb (``The stopover came as ...``) hands over to the clauses it governs.
* **Reported speech.** A reporting verb (say, tell, add, note, ... or any verb whose block default
  is a 01x *make statement* code) is passed through to the clause it reports; claim-like verbs
  (claim, allege, believe, ...) too, but they are events themselves when the reported clause has
  none. When the reported clause yields no event the reporting verb yields none -- there is no
  event for every "said". The dictionary's transformation lines (``~ a (b . ATTACK) SAY = a b
  112``) rewrite reported events when the report comes first ("The US claimed that ISIL had
  attacked Iraq" -> an accusation of ISIL by the US); a trailing attribution ("..., officials
  said") only sources the report and the event is kept as stated. A pronoun subject of the
  reported clause ("Obama said he would ...") is the reporter.
* **Complement chains: CAMEO convention, not the intent reading.** ``is about to restore``,
  ``agreed to lift``: the chain follows ``xcomp`` downwards. We follow PETRARCH's CAMEO
  convention: when the outer verb is *transparent* -- its block has no code, or it is a verb in
  :data:`TRANSPARENT` (agree, decide, begin, continue, want, plan, ...) or has a 03x *express
  intent* default, and was matched only by its block default -- and an inner verb has a code, the
  inner verb's code is used: "agreed to lift sanctions" is the lifting (085), not an intent (03x).
  Such events carry the flag ``"intent"`` so the window can show the reading was chosen. Verbs
  with their own codes (threaten, urge, ask, refuse, ...) keep them: "threatened to impose
  sanctions" is a threat (13x). Transformation lines for ``WANT``/``ATTEMPT`` apply ("X wants Y to
  attack Z" -> 021). The convention is applied in one place, :meth:`EventCoder._best_in_chain`.
* **Intents, appeals, threats (the article conventions, bench/articles/README.md).** An act under "will" /
  "would", "ready/willing/prepared to", "offered/pledged/promised/vowed to" is intended: a cooperative act
  takes its 03x code ("ready to mediate" 039, "will send aid" 033x), a hostile one is a threat ("would impose
  sanctions" 1312, "will attack" 138), flagged ``"intent"`` (:func:`family_code`). An appeal or a demand
  ("urged X to", "called on X to", "told X to") and a threat ("threatened to shoot down" 138) take their
  subcode from the act they ask for or threaten ("urged both sides to halt the fighting" 0256). CAMEO's most
  specific code of an appeal, demand, intent, threat, refusal or accusation, and of a done act by its object, is
  :mod:`eventcoder.core.suggest.subcodes` (``_subcode``): "urged Moscow to free X" 0253, "called for talks" 026,
  "accused X of spying" 1125, "refused to free" 1243, "frees six Americans" 0841, "attacked with drones" 195.
* **Articles.** The dateline's date is the story date when none is given; actors are resolved across the
  document before any event is coded (:mod:`eventcoder.core.suggest.coref`: names with titles, surnames,
  "he"/"she", "the minister", "the bloc", "both sides", a quote's "we", the story's country for a role
  with none). Acts dated before the story's days ("in 2016", "since 2020", "last year") and agentless
  passives give no event; co-subjects act on each other only in a two-sided act (meet, agree, cooperate,
  fight: CAMEO roots 04-06, 19, a symmetric code, a reciprocal word, "agree"/"sign"); a condemnation or denial
  with no target is aimed at the author of the last hostile act before it by another (never a co-subject);
  any other act with no target takes the other party of the source's last act, or of the last act aimed at
  it, else the story's other party (:func:`_targets_from_context`). "X wants/expects Y to act" is an appeal
  to Y (02x); a neutral report ("the ministry said Azerbaijani forces had shelled ...") is the act reported,
  a claim stays an accusation; a venue ("resumed negotiations in Caracas", "will meet in Zurich") is no
  party; a noun with a direct object is a misread verb (headlines: "Bangladesh police arrest opposition
  leader"). Each event's confidence is the calibrated probability that it is right
  (:mod:`eventcoder.core.suggest.confidence`); in an article, below ``min_confidence`` it is not suggested (a
  lone sentence has no document to find a missing target in: all its events are suggested, ranked).
* **Patterns** are tried against the verb's *own* material: before the verb its subject phrase,
  auxiliaries, negation, adverbs and the governing verbs of its chain; after it its objects,
  particles, complements (clausal ones too, except after reporting verbs) and prepositional
  phrases -- date phrases ignored, relative and adverbial clauses excluded. In the passive the
  subject counts as the object. Words joined by ``_`` must be adjacent, words separated by spaces
  may have gaps; pattern words match the token text exactly (the dictionaries list the forms
  they mean; synset members get regular plurals), verbs match their inflected forms and lemmas
  (the lemmatizer errs on some verbs). Of the matching patterns the one covering most tokens
  wins, file order among equals.
* **Actors.** Source = the subject's actor (each coordinated subject gets its own event); in the
  passive the ``by``-agent, else the first actor of the verb's prepositional phrases. Target =
  the actor of a pattern's ``+`` marker, else of the direct object, of a matched prepositional
  phrase, of the verb's other prepositional phrases, of the subject of a governed clause, then
  inside clauses attached to the objects; actors with the unknown country ``---`` only when
  nothing better is found. Coordinated subjects with no target ("Gondor and Osgiliath delayed
  their meeting"), or with a reciprocal word ("together"), act on each other. A paired code ``X:Y``
  gives the event X and the reverse event Y (flagged ``"reverse"``) when Y says something X does not
  ("A visited B" [042:043]: B hosted A). A *symmetric* code ``X:X`` ("met", "held talks with")
  between one source and one target gives one event, source -> target: its reverse would be the same
  interaction counted twice. With a coordinated side ("A will meet B and C", "A and B held talks
  with C") PETRARCH's convention stands and each participant also acts on the other side.
  An event needs a coded source (except in the passive).
* **Nominal events.** In a sentence whose clauses gave no event, a noun with a verb entry and an
  owner ("the US attempts to undermine ...", "attempts on the part of the US to ...") gives a
  low-confidence event flagged ``"nominal"``.
* **Recall without a pattern (the article conventions).** A verb whose block has no default and whose
  patterns mostly (half or more) give one root, with an object no pattern lists, is that root's act flagged
  ``"class"`` ("lifted its travel advisory" 080; only the block's own head verb). A light verb (launch, hold,
  carry out, voice, order, ... :data:`lexicon.LIGHT_VERBS`) with no code of its own takes its object noun's act
  through the noun's verb entry, or its verb's for a nominalisation (``lexicon.verb_stems``: "held meetings
  with" 040, "began the deportation of" 174), flagged ``"light"``. Refusing or declining an act the dictionary
  knows but does not code, or "will not" + such an act on something, is a rejection (120). A sentence whose
  main clauses gave no event (an agentless passive: "villagers were killed when troops shelled ...") is coded
  from its adverbial clauses, unless the main clause is background. In a scheme coded through the CAMEO
  mapping (PLOVER), "agreed to X" is an agreement (03x of X, else 030), not X: PLOVER's AGREE.
* **Negation.** A negated verb (``not``, ``n't``, ``never``) whose matched pattern does not
  itself contain the negation is flagged ``"negated"`` with low confidence (the evaluator does
  not count such events); with a modal ("would not provide support") a cooperative code becomes
  the matching refusal (12x), flagged ``"refusal"``.
* **Discards.** A story discard phrase cancels the document (``CodedDocument.discarded``); a
  sentence discard cancels the sentence's events. Actor spans are still suggested. A discard
  that is a bare year (Phoenix lists 1914 ... 2013 to drop history) does not apply to a story
  dated that year or the next.
* **Datelines** (``GAZA CITY, Palestinian Territories:``, ``CEBU CITY: --``) are stripped: no
  actor in a dateline takes part in an event.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from eventcoder.core import dictionaries as D
from eventcoder.core.dictionaries import Slot
from eventcoder.core.document import dateline_date, segment
from eventcoder.core.model import CodedDocument, Layer, SuggestedEvent, SuggestedSpan
from eventcoder.core.provenance import Provenance, RuleMatch, Step
from eventcoder.core.suggest import headlines, lexicon, polarity, subcodes
from eventcoder.core.suggest.actors import ANTECEDENT, Mention, find_mentions, guess_kind
from eventcoder.core.suggest.confidence import Calibration, load_calibration
from eventcoder.core.suggest.confidence import actor_side as _side
from eventcoder.core.suggest.coref import place_country, resolve_document
from eventcoder.core.suggest.lexicon import CLAIMING, REPORTING, upper
from eventcoder.core.suggest.nlp import sentence_offsets
from eventcoder.core.suggest.roles import BENEFIT_VERBS, GRAMMAR, complete_roles

# verbs that take a clause before them ("..., he said", "..., officials fear"): a complement fronted under any other
# verb is the parser's error (_code_sentence)
FRONTING_VERBS = lexicon.SPEECH | frozenset(
    """hope fear expect know feel understand learn hear see concede admit predict estimate agree wonder suspect
    suppose guess reckon seem appear conclude find show urge vow promise pledge threaten complain charge""".split())

TRANSPARENT = frozenset(
    "agree decide begin start continue resume manage try seek attempt plan prepare intend want hope "
    "expect be appear seem going go".split()
)
NEG_WORDS = frozenset({"NOT", "N'T", "NEVER", "NO"})
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
POST_DEPS = frozenset(
    {"dobj", "obj", "dative", "attr", "oprd", "acomp", "prt", "prep", "agent", "xcomp", "advmod", "pcomp",
     "ccomp", "npadvmod", "conj_obj"}
)
PRUNE_DEPS = frozenset({"relcl", "advcl", "parataxis", "appos", "acl", "ccomp", "punct"})
PRE_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "nsubj", "nsubjpass", "mark", "prep"})
DATE_WORDS = frozenset(
    "MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY TODAY YESTERDAY TOMORROW TONIGHT WEEK MONTH "
    "YEAR JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER WEEKEND "
    "MORNING EVENING NIGHT AFTERNOON".split()
)
MODALS = upper(lexicon.MODALS)
PRONOUNS = frozenset({"HE", "SHE", "THEY", "WE", "IT", "I"})
# a negated, modal cooperative action is a refusal: CAMEO root -> 12x code
NEG_REJECT = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "121", "08": "124"}
# verbs of feeling whose passive subject is who feels ("was concerned / worried / alarmed by"): the experiencer
PSYCH_VERBS = frozenset(
    "concern worry alarm dismay disappoint trouble disturb upset frustrate anger outrage shock offend annoy "
    "irritate distress disquiet disconcert anguish sadden".split()
)
# roots of acts that co-subjects with no target do with each other (meet, agree, cooperate, fight)
MUTUAL_ROOTS = frozenset({"04", "05", "06", "19"})
# of the cooperation root (05), only cooperating (050) and signing an agreement (057) take two sides: praise,
# support, apology or recognition by co-subjects ("Canada, Germany and the United States welcomed the outcome")
# is no act at each other
MUTUAL_05 = frozenset({"050", "057"})
MUTUAL_VERBS = frozenset({"agree", "sign"})  # verbs of acts that take two sides, whatever their code
RECIPROCAL = frozenset({"TOGETHER", "JOINTLY", "MUTUALLY", "BILATERAL", "EACH", "ANOTHER"})
# outer verbs under which the complement's act does not happen
REFUSING = frozenset("refuse decline fail reject deny".split())
STOPPING = frozenset("stop halt cease suspend discontinue quit end".split())  # "+ gerund": the act stopped
SOURCE_PREPS = frozenset({"BY", "IN", "FROM", "AT", "DURING"})
# prepositions of place: "in Caracas", "at the border", "near Kyiv" say where an act happens, not to whom
PLACE_PREPS = frozenset({"IN", "AT", "NEAR", "INSIDE", "OUTSIDE", "ACROSS", "THROUGHOUT"})
# phrases of where-about and since-when ("fired on a patrol near the village", "the first talks since the
# uprising"): they never name whom an act is aimed at
# a phrase of the act's circumstances names no one it is aimed at ("agree to extend the corridor after Turkish
# mediation", "despite a map dispute with Kazakhstan")
CIRCUMSTANCES_ASIDE = True
CIRCUMSTANCE_PREPS = frozenset({"AFTER", "DESPITE", "AMID", "AMIDST"})
ASIDE_PREPS = frozenset({"NEAR", "SINCE"} | (CIRCUMSTANCE_PREPS if CIRCUMSTANCES_ASIDE else set()))
_DATELINE = re.compile(
    r"^\s*([A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Za-z.'\- ]{1,40})?)\s*(?::\s*--?|:|\s--|\(\w+\)\s*-)\s*"
)


_MONTHS = {m: k for k, m in enumerate(
    "JANUARY FEBRUARY MARCH APRIL MAY JUNE JULY AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER".split(), start=1)}
_MONTHS.update({m[:3]: k for m, k in list(_MONTHS.items()) if m != "MAY"})
_MONTHS.update({"SEPT": 9, "JAN.": 1, "FEB.": 2, "AUG.": 8, "SEPT.": 9, "OCT.": 10, "NOV.": 11, "DEC.": 12})

# intent and readiness: the act under these is intended, not done (03x; a hostile act is a threat, 13x)
FUTURE_MODALS = upper(lexicon.FUTURE_MODALS)
INTENT_VERBS = frozenset("offer pledge promise vow hope plan intend aim commit volunteer".split())
READY_WORDS = frozenset("ready willing prepared eager determined open committed keen".split())
# an act said to be due, expected or scheduled is intended, not done ("is due to meet" -> 036; the article
# conventions: a scheduled trip is 036 against the country visited)
SCHEDULED_IS_INTENT = True
SCHEDULED_WORDS = frozenset("due expect schedule slate set poised".split())
# a one-word pattern (a preposition) of a block of merged verbs applies only to the verb its comment names: "- * TO
# [030]  # HEAD" is "head to", not "ordered X to" (the other verbs of the block keep the block's own code)
GENERIC_PATTERNS_OWN_VERB = True
PREPOSITION_WORDS = frozenset("TO FOR WITH ON AGAINST IN AT INTO OVER FROM BY OF ABOUT UPON BACK OFF OUT UP DOWN "
                              "AWAY".split())
# a name right after the verb that the parser took for an adverbial noun ("Zarif, speaking in Tehran, warned
# Washington that ...": npadvmod) is the verb's object when it has none
NAME_AFTER_VERB_IS_OBJECT = True
# an active verb with an object joined to a reported passive clause ("said windows had been broken and accused the
# police of ...") takes the reporting verb's subject, not the passive's patient
PASSIVE_PATIENT_ACTS_NOT = True
# "X invited Y to visit/attend": the act of the complement is Y's, not X's; X's act is the invitation
INVITATION_KEEPS_ITS_ACT = True
INVITING = frozenset({"invite"})
# verbs that tell someone to do something: "told residents to stay" is an appeal (02x) to them
DIRECTING = frozenset("tell ask order instruct advise direct".split())
# verbs of agreeing: "agreed to lift sanctions" is an agreement (an intent, 03x) in a scheme that codes it so
AGREEING = frozenset(lexicon.AGREEING)
LIGHT_VERBS = frozenset(lexicon.LIGHT_VERBS)
# verbs that refuse the act under them ("refused to respond", "declined to attend"): a rejection (12x)
REFUSAL_VERBS = frozenset(lexicon.REFUSAL_VERBS)
# what one takes against another when one "will take measures" (upper-case lemmas): an unspecified threat (130)
_COUNTER_MEASURES = frozenset({"MEASURE", "ACTION", "COUNTERMEASURE", "RETALIATION", "STEP"})
# verbs that deny what their that-clause says: "denied that its troops had crossed" is a denial (016)
DENYING = frozenset("deny refute dispute".split())
# verbs of wanting: "want Y to act" asks Y to act (02x) when Y is another actor
WISHING = frozenset("want expect wish".split())
# a weapon's model designation: "F-16", "S-400", "Su-35", "MiG-29"
# number words of a multitude: "4 million Afghans", "thousands of refugees"
_MULTITUDE = frozenset({"THOUSAND", "THOUSANDS", "MILLION", "MILLIONS", "BILLION", "HUNDREDS"})
# nouns that count what their "of" names: "a group of demonstrators", "hundreds of traders"
_QUANTITY_NOUNS = frozenset("group number part rest most dozen dozens hundred hundreds thousand thousands million "
                            "millions crowd".split())
_DESIGNATION = re.compile(r"^[A-Z][A-Za-z]{0,2}-\d{1,3}[A-Z]?$")


def family_code(family: str, code: str) -> str | None:
    """The code of the family ``family`` ("02" appeal, "10" demand, "03" intent) for an act coded ``code``.

    CAMEO gives appeals, demands and intents one structure (021/101/031 material cooperation, 022/102/032
    diplomatic, 023/103/033 aid, 024/104/034 political reform, 025/105/035 yielding, 026/106/036 meeting,
    027/107/037 settling, 028/108/038 mediation); ``urged X to withdraw`` is 0256 like ``intends to
    withdraw`` is 0356. A hostile act intended is a threat (13x). None when the act has no such reading.
    """
    if not code or not code[:2].isdigit():
        return None
    if code[:3] == "027" and family in ("02", "03", "10"):
        return {"02": "027", "03": "037", "10": "100"}[family]  # settling a dispute (subcodes.verb_act)
    if family in ("12", "13") or (code[:3] == "083" and len(code) > 3):
        return subcodes.family_subcode(family, code)  # refusals, threats, 083x (subcodes.py)
    root = code[:2]
    fourth = {"061": "1", "062": "2", "063": "3", "064": "4", "071": "1", "072": "2", "073": "3", "074": "4",
              "081": "1", "082": "2", "084": "3", "085": "4", "086": "5", "087": "6"}
    if family == "10":  # the demands do not mirror the others in this scheme's list: 105 mediation (its 1051-1056
        # the demands to yield), 106 withdrawal, 107 ceasefire, 108 meeting (CAMEO's 1056 is any other de-escalation)
        if code[:4] in ("0871", "0874"):
            return {"0871": "107", "0874": "106"}[code[:4]]
        mirrored = family_code("02", code)
        if mirrored in ("026", "028"):
            return {"026": "108", "028": "105"}[mirrored]
        if mirrored == "027":
            return "100"
        if mirrored is not None and mirrored[:3] == "025":
            # a demand that the target yield: the list's 1051-1056 by the act asked for (081 -> 1051 ... 087 ->
            # 1056); with no act of those (080, 08) it has no "demand to yield" of its own (105 is mediation): 100
            return "105" + mirrored[3] if len(mirrored) > 3 else "100"
        if mirrored == "021":
            return "100"  # material cooperation of no kind below: the list's 101 is "demand information, investigation"
        if root == "09":
            return "101"  # demanding an investigation (09x): the list's 101
    if root in ("06", "07", "08", "04", "05"):
        if code[:3] == "083":
            return family + "4"
        if code[:3] == "045":  # mediating: 039 offers it, 028/108 ask others to
            return "039" if family == "03" else family + "8"
        sub = {"06": "1", "05": "2", "07": "3", "08": "5", "04": "6"}[root]
        if root in ("06", "07", "08") and code[:3] in fourth:
            return family + sub + fourth[code[:3]]
        return family + sub
    if root in ("02", "03", "10"):
        return None
    if family == "03":
        return subcodes.family_subcode("13", code)  # a hostile act intended is a threat (13x)
    return family + "0" if root in ("14", "15", "16", "17", "18", "19", "20", "09", "01") else None


@dataclass
class Candidate:
    code: str
    verb: int  # token index of the trigger verb
    evidence: str
    pattern: D.VerbPattern | None
    entry: D.VerbEntry
    matched: dict = field(default_factory=dict)  # marker -> token index, "prep" -> list
    flags: list[str] = field(default_factory=list)
    extra_trigger: tuple[int, ...] = ()
    steps: tuple[Step, ...] = ()  # what changed the code after the match (provenance, not evidence)


def _inline_file(kind: str, scheme_name: str, lines: Sequence[str]) -> Path:
    """Write a scheme's inline dictionary lines to a file (named after their hash) so they load like files."""
    import hashlib
    import tempfile

    text = "\n".join(lines) + "\n"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", scheme_name)[:40]
    for base in (D._cache_dir(), Path(tempfile.gettempdir()) / "eventcoder"):
        if base is None:
            continue
        path = base / f"inline-{safe}-{kind}-{digest}.txt"
        try:
            if not path.is_file():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    raise OSError("no writable directory for inline dictionaries")


def dateline_end(text: str) -> int:
    """Character offset where a leading dateline ends (0 when there is none)."""
    m = _DATELINE.match(text[:120])
    if not m:
        return 0
    head = m.group(1)
    words = head.replace(",", " ").split()
    if not words or len(words) > 7:
        return 0
    # a dateline is a place name: capitalised words (often all upper case), no verb-like lower words
    if sum(1 for w in words if w[:1].isupper()) < len(words) - 1:
        return 0
    return m.end()


class EventCoder:
    """Codes texts with a verb dictionary, actor/agent dictionaries and discards."""

    _sense_off: frozenset[str] = frozenset()
    """Names of the verb-sense rules switched off on this coder: for measuring each rule's part, never set by the
    product. :meth:`_object_sense`: "expel", "close", "sale", "push", "call", "visit", "seize", "charge", "state",
    "negotiate", "statement_act" (:meth:`_statement_act`), "kept_shut", "jail_term", "claim_land", "state_protest",
    "sign_deal", "summon_explain"; "warn" (the warning's modal clause); :meth:`_subcode`: "subcode", "agreed_intent",
    "ask_ruling"; "as_adjective" ("described X as <adjective>"); "clause_preps" (a pattern's preposition not matched
    inside a reported clause or "according to")."""
    _recall_off: frozenset[str] = frozenset()
    """Names of the recall rules switched off on this coder, for measuring each rule's part (never set by the
    product): "conj_subject", "speaker_conj", "reported_conj", "conj_complement", "orphan_verb", "advcl_acts",
    "speech_participle", "warn_could", "demand", "receive", "disperse", "ready_noun", "crowd_violence", "semicolon",
    "later_set", "appeal_conj", "participle_acts", "pronoun_conj", "renew", "conj_advcl", "bare_conj";
    "praise_one_way" (co-subjects of a 05 act other than 050/057 are not each other's targets)."""

    def __init__(
        self,
        verbs: D.VerbDictionary,
        actors: D.ActorDictionary | None = None,
        agents: D.AgentDictionary | None = None,
        discards: D.DiscardDictionary | None = None,
        scheme=None,
        nlp=None,
        batch_size: int = 64,
    ) -> None:
        self.verbs = verbs
        self.actors = actors
        self.agents = agents
        self.discards = discards
        self.scheme = scheme
        self._nlp = nlp
        self.batch_size = batch_size
        self._transformations = list(verbs.transformations)
        self._upper_cache: dict[int, str] = {}
        self._transform_outer = {t.outer for t in self._transformations}
        # an event needs a coded source (an event with only a target is too often a misreading)
        self.require_source = True
        self.require_target = False
        # events named by nouns ("the US attempts to undermine ...") in sentences without a verb event
        self.nominal_events = True
        # look for a target inside clauses attached to the verb's objects when nothing closer
        self.deep_targets = True
        # a role still empty is suggested from the grammar as an uncoded phrase (suggest/roles.py)
        self.complete_roles = True
        # the fitted confidence of an event (suggest/confidence.py); None keeps the rules' raw confidence
        self.calibration: Calibration | None = None
        # with a calibration: events of an article whose fitted confidence is below this are not suggested
        # (0.4 without a calibration that brings its own; the shipped one's, chosen on the calibration articles, is 0:
        # no threshold raised the F1 there, bench/calibrate_confidence.py)
        self.min_confidence = 0.4
        self.use_news_conventions(False)

    def use_news_conventions(self, on: bool = True) -> None:
        """The article conventions (bench/articles/README.md) on top of PETRARCH's, or PETRARCH's alone.

        :meth:`from_files` turns them on for the built-in CAMEO verb dictionary (the CAMEO scheme, and PLOVER
        coded through it); other verb dictionaries (the PETRARCH validation suite) are coded as PETRARCH codes.
        """
        self.news = on
        # actors across the document: names, descriptions, pronouns, the dateline's country (suggest/coref.py)
        self.document_actors = on
        # intended acts ("would impose", "ready to mediate", "pledged to send") coded as intents/threats (03x/13x)
        self.intents = on
        # "X said it attacked Y" as a claim of responsibility (015, PETRARCH's transformation) or as the attack
        # (the article conventions: a reported act is coded as the act)
        self.said_own_attack_is_claim = not on
        # "the ministry said Azerbaijani forces had shelled ..." as the reported act (the article conventions), or
        # as an accusation by the reporter (PETRARCH's SAY transformation); claim-like verbs accuse either way
        self.neutral_report_is_act = on
        # an event in the passive with no agent ("five people were shot dead") is suggested with no source
        self.agentless_passives = not on
        # acts dated before the story's days ("in 2016", "since 2020", "last year") are background, not events
        self.background_dates = on
        # co-subjects with no target act on each other only in a two-sided act (CAMEO roots 04, 05, 06, 19, a
        # symmetric X:X code or a reciprocal word); off, PETRARCH's convention: always
        self.mutual_only_symmetric = on
        # a pattern's plain words match the verb's own phrases, not words of a prepositional phrase it does not
        # name ("attacked Kyiv with drones" is no "* &AIRCRAFT") nor words deep in a clause under it
        self.complement_words_own = on

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_files(
        cls,
        verbs: Sequence[Path | str] = (),
        actors: Sequence[Path | str] = (),
        agents: Sequence[Path | str] = (),
        discards: Sequence[Path | str] = (),
        scheme=None,
        nlp=None,
        verb_codes: D.SchemeCodes | None | bool = True,
    ) -> EventCoder:
        """``verb_codes``: the codes every code of the verbs is fitted to at load (D.SchemeCodes, so that no
        suggestion carries a code they do not list); True (the default) for the scheme's own unless it is coded
        through a ``cameo_mapping`` (its verbs are CAMEO's: the caller gives CAMEO's codes), None for none."""
        if verb_codes is True:
            verb_codes = D.SchemeCodes.for_verbs_of(scheme)
        coder = cls(
            D.load_verbs(list(verbs), verb_codes or None),
            D.load_actors(list(actors)) if actors else None,
            D.load_agents(list(agents)) if agents else None,
            D.load_discards(list(discards)) if discards else None,
            scheme=scheme,
            nlp=nlp,
        )
        if any(Path(v).name == "CAMEO.2.0.txt" for v in verbs):
            coder.use_news_conventions(True)  # the built-in CAMEO verbs: news text, the article conventions
        return coder

    @classmethod
    def from_scheme(cls, scheme, nlp=None) -> EventCoder:
        """The scheme's dictionary files plus its inline dictionary lines (``<kind>_inline``)."""
        dicts = {k: list(v) for k, v in (getattr(scheme, "dictionaries", {}) or {}).items()}
        for kind, lines in (getattr(scheme, "inline_dictionaries", {}) or {}).items():
            if lines:
                dicts.setdefault(kind, []).append(_inline_file(kind, getattr(scheme, "name", "scheme"), lines))
        coder = cls.from_files(
            verbs=dicts.get("verbs", []),
            actors=dicts.get("actors", []),
            agents=dicts.get("agents", []),
            discards=dicts.get("discards", []),
            scheme=scheme,
            nlp=nlp,
        )
        if any(Path(v).name == "CAMEO.2.0.txt" for v in dicts.get("verbs", [])):
            # the built-in CAMEO dictionaries: the confidence calibration fitted for them (suggest/confidence.py)
            coder.calibration = load_calibration()
            if coder.calibration is not None and coder.calibration.min_confidence is not None:
                coder.min_confidence = coder.calibration.min_confidence  # chosen with the calibration
        return coder

    @property
    def problems(self):
        out = list(self.verbs.problems)
        for d in (self.actors, self.agents, self.discards):
            if d is not None:
                out.extend(d.problems)
        return out

    @property
    def nlp(self):
        """The spaCy pipeline given to this coder, else the process-wide one (read each time, so a corpus worker
        that loads it afresh, :func:`~eventcoder.core.suggest.nlp.reload_model`, codes on with the new one)."""
        if self._nlp is None:
            from eventcoder.core.suggest.nlp import load_model

            return load_model()
        return self._nlp

    # ------------------------------------------------------------------ public API
    def code_text(self, text: str, date: str | None = None) -> CodedDocument:
        return self.code_doc(self.nlp(text), date)

    def code_texts(self, items: Iterable[tuple[str, str | None]], batch_size: int | None = None
                   ) -> Iterator[CodedDocument]:
        pairs = ((t, d) for t, d in items)
        for doc, date in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size or self.batch_size):
            yield self.code_doc(doc, date)

    # ------------------------------------------------------------------ coding
    def code_doc(self, doc, date: str | None = None) -> CodedDocument:
        out = CodedDocument()
        text = doc.text
        dl_end = dateline_end(text)
        structure = doc.user_data.get("eventcoder_structure") or segment(text)  # set by the pipeline's component
        line = structure.dateline  # the dateline where the document's structure says (after a headline too)
        if not date and line is not None and line.date_text:
            date = dateline_date(text, structure)  # no date from the import: the dateline's is the story's
        if line is not None and not text[:line.start].strip():
            dl_end = max(dl_end, line.end)
        skip_tok = 0
        if dl_end:
            while skip_tok < len(doc) and doc[skip_tok].idx < dl_end:
                skip_tok += 1
        future = None
        if self.news and structure.headline is not None and "headline_reparse" not in self._recall_off:
            future = self._reparse_headline(doc, structure.headline)  # a telegraphic headline, parsed plainer
        if LEMMA_FINAL_E:
            self._restore_final_e(doc)
        up, lem = self._token_strings(doc)
        for f in future or ():
            up[f] = lem[f] = "WILL"  # "EU to impose tariffs": the headline's "to" is the future's "will"
        mentions = find_mentions(doc, self.actors, self.agents, date, self.scheme, skip_tok, up=up)
        self._plural_nationals(doc, mentions, up, date)
        if line is not None and line.start > 0:  # a place named by the dateline is not an actor
            mentions = [m for m in mentions if not line.start <= doc[m.start].idx < line.end]
        if self.document_actors:
            story = place_country(line.place_text, self.actors, date) if line is not None else None
            article = len(structure.sentences) >= 3
            mentions = resolve_document(doc, mentions, up, story, self.scheme, skip_tok, article=article,
                                        structure=structure)
        by_head: dict[int, list[Mention]] = {}
        tok_mention: dict[int, Mention] = {}
        for m in mentions:
            last = m.end - 1
            while TRIM_SPAN_PREPOSITIONS and last > m.start and doc[last].pos_ == "ADP":
                last -= 1  # "the French ambassador to": the span is the actor's words, not the preposition after
            span = SuggestedSpan(
                start=doc[m.start].idx,
                end=doc[last].idx + len(doc[last].text),
                text=doc[m.start : last + 1].text,
                layer=Layer.ACTOR.value,
                code=m.codes[0] if m.codes else None,
                kind=m.kind,
                confidence=0.9 if m.coded else 0.4,
                evidence=m.evidence,
                origin=m.resolved or (ANTECEDENT if m.carried else None),
            )
            m.span_index = len(out.spans)
            out.spans.append(span)
            by_head.setdefault(m.head, []).append(m)
            for i in range(m.start, m.end):
                tok_mention[i] = m
        d_obj = D.as_date(date)
        iso = d_obj.isoformat() if d_obj is not None else (str(date) if date else None)
        ctx = _Ctx(doc, up, lem, by_head, tok_mention, iso, skip_tok)
        ctx.article = len(structure.sentences) >= 3  # an article, not a lone sentence
        ctx.structure = structure
        story_discard = None
        year = d_obj.year if d_obj is not None else None
        for sent in doc.sents:
            bounds = sentence_offsets(sent)
            out.sentences.append(bounds)
            disc = self._discard(up, sent.start, sent.end, year)
            if disc is not None:
                kind, phrase = disc
                if kind == "story":
                    story_discard = phrase
                continue
            if sent.end <= skip_tok or (line is not None and line.start <= sent.start_char < line.end):
                continue
            for ev in self._code_sentence(ctx, sent):
                self._emit(out, ctx, ev, sent)
        if self.news and ctx.article and structure.headline is not None and "headline_lead" not in self._recall_off:
            self._headline_from_lead(out, ctx, structure)
        if self.news and structure.headline is not None and headlines.CLAUSE_TARGETS:
            self._headline_clause_targets(out, doc)
        # an event without a target is subsumed by the same event with one
        full = {(e.source_code, e.event_code, e.trigger) for e in out.events if e.target_code is not None}
        out.events = [
            e for e in out.events
            if e.target_code is not None or (e.source_code, e.event_code, e.trigger) not in full
        ]
        if self.document_actors and len(out.sentences) >= 3:  # an article, not a lone sentence
            _targets_from_context(out, structure, doc)
        if story_discard is not None:
            out.discarded = story_discard
            out.events = []
            out.spans = [s for s in out.spans if s.layer != Layer.TRIGGER.value]
        elif self.complete_roles:
            complete_roles(out, doc)
        if self.calibration is not None and story_discard is None:
            self.calibration.apply(out)
            if self.min_confidence > 0 and len(out.sentences) >= 3:
                # in an article (a lone sentence has no document to find a missing target in): fewer, better
                # suggestions -- what is right less than about one time in four on the dev data is not suggested
                out.events = [e for e in out.events
                              if e.confidence >= self.min_confidence or "negated" in (e.flags or ())]
                _drop_unused_spans(out)
        return out

    def _restore_final_e(self, doc) -> None:
        """The small model's lemmatizer strips a verb's final "e" with its ending where its exceptions table does
        not know the verb ("hoped" -> "hop", "waging" -> "wag", "staged" -> "stag"): where the lemma with an "e"
        is a verb of the dictionary that has the token as one of its forms, and the lemma itself is none, the
        token's lemma is set to it -- so "hoped to sign" is read as the intent it is (INTENT_VERBS)."""
        forms = getattr(self.verbs, "forms", None)
        if not forms:
            return
        from spacy.attrs import POS
        from spacy.symbols import VERB

        for i, pos in enumerate(doc.to_array(POS).tolist()):
            if pos != VERB:
                continue
            t = doc[i]
            entries = forms.get(t.text.upper())
            if not entries:
                continue
            lemma = t.lemma_.upper()
            bases = {e.base for e in entries}
            if lemma + "E" not in bases:
                continue
            # the lemma is no verb with this form, or one whose ending would double its last consonant ("hop" makes
            # "hopped", so "hoped" is "hope"'s)
            if lemma not in bases or (_doubles_final(lemma) and t.text.upper() in (lemma + "ED", lemma + "ING")):
                t.lemma_ = t.lemma_ + "e"

    def _plural_nationals(self, doc, mentions: list[Mention], up: Sequence[str], date) -> None:
        """"six detained Americans": the plural of a nationality the dictionary lists in the singular, where the
        plural also begins a longer entry ("Americans for ...") so the dictionary match missed it."""
        index = self.actors.index if self.actors is not None else None
        if index is None:
            return
        for m in mentions:
            w = up[m.head]
            if m.coded or len(w) <= 4 or not w.endswith("S") or doc[m.head].tag_ != "NNPS":
                continue
            hit = index.match_at([w[:-1]], 0)
            if hit is None or hit[0] != 1:
                continue
            codes = hit[1].resolve(D.as_date(date) if date else None)
            if codes and all(len(c) == 3 and guess_kind(c, self.scheme) == "country" for c in codes):
                m.codes, m.coded, m.kind = list(codes), True, "country"
                m.evidence += f'; the plural of "{doc[m.head].text[:-1]}" [{"/".join(codes)}]'

    def _token_strings(self, doc) -> tuple[list[str], list[str]]:
        """Upper-cased token texts and lemmas, via the token hashes (much faster than Token objects)."""
        from spacy.attrs import LEMMA, ORTH

        cache = self._upper_cache
        strings = doc.vocab.strings
        arr = doc.to_array([ORTH, LEMMA]).tolist()
        up: list[str] = []
        lem: list[str] = []
        for o, lm in arr:
            u = cache.get(o)
            if u is None:
                u = cache[o] = strings[o].upper()
            up.append(u)
            v = cache.get(lm)
            if v is None:
                v = cache[lm] = strings[lm].upper()
            lem.append(v)
        if len(cache) > 500_000:
            cache.clear()
        return up, lem

    def _discard(self, up, start, end, year: int | None = None):
        if self.discards is None:
            return None
        idx = self.discards.index
        sub = up[start:end]
        for i in range(len(sub)):
            m = idx.match_at(sub, i)
            if m is not None:
                phrase = m[1][1]
                if year is not None and phrase.isdigit() and len(phrase) == 4 and (
                        int(phrase) >= year - 1 or self.background_dates):
                    # with background dates on, a past year dates the clause it is in (_dated_before), not
                    # the whole sentence ("..., as the country marked the anniversary of the 1932-33 famine")
                    # year discards (Phoenix: 1914 ... 2013) drop stories about the past; a story
                    # dated that year (or the next) is about the present
                    continue
                return m[1]
        return None

    # ------------------------------------------------------------------ sentences
    def _code_sentence(self, ctx: _Ctx, sent) -> list[dict]:
        roots = [sent.root]
        if sent.root.i < ctx.skip:
            # the parser made the dateline the root: the clauses hanging from it are the main ones
            roots = [t for t in sent if t.i >= ctx.skip and t.head.i < ctx.skip and t.pos_ in ("VERB", "AUX")]
        events: list[dict] = []
        for root in roots:
            events.extend(self._code_clause(ctx, root, depth=0))
            # coordinated main-clause verbs: only with their own object or a specific pattern match
            for c in root.children:
                if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
                    if self.news and "bare_conj" not in self._recall_off and self._continues_infinitive(root, c):
                        continue  # "urged Peru to withdraw, release the prisoners and ...": the appeal's act
                    own_obj = any(cc.dep_ in ("dobj", "dative", "agent") for cc in c.children)
                    if self.news and "conj_subject" not in self._recall_off and any(
                            cc.dep_ in ("nsubj", "nsubjpass") for cc in c.children):
                        # "..., and he warned that ...": a coordinated clause with its own subject is a main
                        # clause of its own, coded as one
                        own_obj = True
                    more = self._code_clause(ctx, c, depth=0, need_pattern=not own_obj)
                    if self.news and more and "pronoun_conj" not in self._recall_off:
                        more = self._shared_subject(ctx, root, c, more)
                    events.extend(more)
                elif c.dep_ == "ccomp" and c.i < root.i and self.news and "semicolon" not in self._recall_off and any(
                        ctx.up[k] == ";" for k in range(c.right_edge.i + 1, root.i)):
                    # "Biden quadruples tariffs on EVs; Beijing vows response": a clause before a semicolon is a
                    # sentence of its own, not what the next one's verb says
                    events.extend(self._code_clause(ctx, c, depth=0))
                elif (c.dep_ == "ccomp" and c.i < root.i and c.pos_ == "VERB" and self.news
                      and "fronted_complement" not in self._recall_off
                      and root.lemma_.lower() not in FRONTING_VERBS and any(
                        k.dep_ in ("nsubj", "nsubjpass") for k in c.children) and any(
                        k.dep_ == "nsubj" and k.i > c.right_edge.i for k in root.children)):
                    # "He called on Turkey to abandon the accord it signed with Libya, a deal Athens considers void":
                    # only verbs of saying and thinking take a complement before them ("..., he said"); under any
                    # other the parser has made a sentence-final reduced relative the root -- the complement is
                    # the main clause
                    events.extend(self._code_clause(ctx, c, depth=0))
                elif c.dep_ in ("parataxis", "ccomp") and self.news and c.lemma_.lower() in REPORTING and (
                        "attribution_conj" not in self._recall_off):
                    # "Israeli troops fired on a patrol, the mission said, and UNIFIL lodged a protest": the parser
                    # hangs the next main clause on the attribution; with its own subject it is a main clause
                    for k in c.children:
                        if k.dep_ == "conj" and k.pos_ == "VERB" and k.i > c.i and any(
                                x.dep_ in ("nsubj", "nsubjpass") for x in k.children):
                            events.extend(self._code_clause(ctx, k, depth=0))
        if self.news and not any(self._emittable(ev) for ev in events):
            # the main clause named no one who acted ("23 civilians were killed as government forces launched air
            # strikes"): the act is in the clause that explains it
            for root in roots:
                if self.background_dates and self._dated_before(ctx, {root}):
                    continue  # "talks collapsed in 2019 after a car bomb killed ...": background, its clauses too
                heads = [root]
                if "conj_advcl" not in self._recall_off:
                    # "..., and flights were cancelled after unions joined the stoppage": a coordinated main clause
                    # that names no one either hands over to its own adverbial clause
                    heads += [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
                for head in heads:
                    for c in head.children:
                        if c.dep_ == "advcl" and c.pos_ in ("VERB", "AUX"):
                            events.extend(self._code_clause(ctx, c, depth=1))
        if self.news and "orphan_verb" not in self._recall_off and not any(
                self._emittable(ev) for ev in events):
            events.extend(self._misparsed_clauses(ctx, sent))
        elif self.news and ctx.article and "advcl_acts" not in self._recall_off and any(
                self._emittable(ev) for ev in events):
            # in an article every act is coded: "Police fired tear gas after protesters threw stones at officers"
            # -- a time clause with a finite verb and a subject of its own that acts is an event too
            for root in roots:
                for c in root.children:
                    if c.dep_ == "advcl" and c.tag_ in ("VBD", "VBZ", "VBP") and any(
                            k.dep_ == "mark" and ctx.up[k.i] in ("AFTER", "BEFORE", "WHEN", "AS", "WHILE", "UNTIL")
                            for k in c.children) and any(
                            k.dep_ == "nsubj" and any(m.coded for m in ctx.by_head.get(k.i, ())) for k in c.children):
                        events.extend(self._code_clause(ctx, c, depth=1))
                    elif c.dep_ == "advcl" and c.tag_ == "VBG" and ctx.lem[c.i].lower() in ("warn", "threaten") and (
                            "speech_participle" not in self._recall_off) and not any(
                            k.dep_ in ("nsubj", "mark") for k in c.children):
                        # "imposed sanctions on Niger, warning that they could use force": the participle is the
                        # subject's second act, a warning of what it would do
                        events.extend(self._code_clause(ctx, c, depth=1))
                    elif c.dep_ == "advcl" and c.tag_ == "VBG" and "verbal_participle" not in self._recall_off and (
                            not any(k.dep_ in ("nsubj", "mark") for k in c.children)) and self.verbs.entries_for(
                            ctx.up[c.i], ctx.lem[c.i]):
                        # "expelled three diplomats, accusing them of spying", "..., rejecting U.S. concerns": a
                        # participle that names a verbal act (CAMEO's disapproval, rejection) is the subject's
                        # second act, not the manner or result of the first
                        events.extend(ev for ev in self._code_clause(ctx, c, depth=1) if ev["code"][:2] in (
                            "11", "12") or ev["code"][:3] in ANSWERING_CODES)  # (a denial: "..., rejecting the claims")
                if "participle_acts" not in self._recall_off:
                    events.extend(self._participle_acts(ctx, root, events))
        if self.news and "finite_conj" not in self._recall_off:
            for root in roots:
                events.extend(self._finite_conjuncts(ctx, root, sent, events))
        if self.news and "acl_finite" not in self._recall_off:
            events.extend(self._misparsed_acl(ctx, sent, events))
        if self.news and ctx.article and "message_participle" not in self._recall_off:
            events.extend(self._message_participles(ctx, sent, events))
        if self.nominal_events and not any(self._emittable(ev) for ev in events):
            events.extend(self._nominal(ctx, sent))
        if self.news and ctx.article:
            # in an article every act is coded, a relative clause's too; in a lone sentence, its main act
            events.extend(self._relative_acts(ctx, sent))
        if self.news and "crowd_violence" not in self._recall_off:
            events = [self._crowd_violence(ctx, ev) for ev in events]
        if self.news and ULTIMATUMS:
            events.extend(self._ultimatums(ctx, sent, events))
        if self.news and PROMISED_RESPONSES:
            events.extend(self._promised_responses(ctx, sent, events))
        if self.news and ctx.article and UNSPOKEN_STATEMENTS_DROPPED:
            # a bare statement (010) is said: "saw", "awaited", "watched", "dispersed" in a block with no code of
            # its own are no statement (CAMEO's 010 default of a verb block), and no other act either
            events = [ev for ev in events if ev["code"] != "010"
                      or ctx.lem[ev["verb"]].lower() in lexicon.SPEECH]
        return events

    @staticmethod
    def _continues_infinitive(verb, conj) -> bool:
        """"Chile urged Peru to withdraw its troops, release the prisoners and hold talks": a bare verb (VB) the
        parser coordinated with a finite verb, with no subject or auxiliary of its own, after the finite verb's
        to-infinitive, goes on with that infinitive -- a bare form is no finite clause. Only after an object the
        infinitive is asked of ("urged Peru to ..."): "decided to withdraw, release ..." is the subject's own list."""
        return verb.tag_ in ("VBD", "VBZ", "VBP") and conj.tag_ == "VB" and not any(
            k.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for k in conj.children) and any(
            k.dep_ == "xcomp" and k.i < conj.i for k in verb.children) and any(
            k.dep_ in ("dobj", "dative") and k.i < conj.i for k in verb.children)

    def _shared_subject(self, ctx: _Ctx, root, conj, evs: list[dict]) -> list[dict]:
        """"The Chilean minister accused Peru of ..., and she warned that ...": "he" or "she" as the subject of a
        coordinated main clause is the first clause's subject -- one person, named by a singular noun -- where
        the coreference left the pronoun without an actor."""
        subj = [k for k in conj.children if k.dep_ in ("nsubj", "nsubjpass")]
        pronouns = ("HE", "SHE", "IT") if "it_conj" not in self._recall_off else ("HE", "SHE")
        if len(subj) != 1 or ctx.up[subj[0].i] not in pronouns or ctx.by_head.get(subj[0].i):
            return evs
        main = [m for m in self._subjects(ctx, root) if m.coded]
        if len(main) != 1 or ctx.doc[main[0].head].tag_ not in ("NN", "NNP"):
            return evs
        if ctx.up[subj[0].i] == "IT" and self._is_person(ctx, ctx.doc[main[0].head]):
            return evs  # "it" is no person: "the minister ..., and it ..." names something else
        return [dict(ev, source=main[0]) if ev["source"] is None and ev["target"] is not main[0] else ev
                for ev in evs]

    def _finite_conjuncts(self, ctx: _Ctx, root, sent, events: list[dict]) -> list[dict]:
        """"They called on Addis Ababa to hand over the gunmen and criticised Nairobi", "demanded that the Council
        compel Israel to ..., and called on Washington to ...": coordination joins like forms, so a finite verb
        (past or present) with no subject or auxiliary of its own that the parser coordinated with an infinitive,
        gerund or participle goes on from the nearest verb above of its own form -- the main verb: a second act
        of the main clause's subject, coded as a coordinated main clause is."""
        tag = root.tag_
        if tag not in ("VBD", "VBZ"):
            return []
        out: list[dict] = []
        subs: list[Mention] | None = None
        done = {ev["verb"] for ev in events}
        for c in sent:
            if c.dep_ == "conj" and c.tag_ == tag and c.pos_ == "VERB" and c.i not in done and c.head.i != root.i and (
                    c.head.tag_ != tag and c.head.i > root.i and "subject_conj_up" not in self._recall_off) and (
                    c.left_edge.i >= 2 and ctx.doc[c.left_edge.i - 1].dep_ == "cc"
                    and ctx.doc[c.left_edge.i - 2].text == ",") and any(
                    k.dep_ == "nsubj" and k.i < c.i and any(m.coded for m in self._mentions_at(ctx, k))
                    for k in c.children):
                # "marched to demand that the authorities release the results, and security forces fired tear
                # gas": a clause of the main verb's tense with a subject of its own after ", and", that the parser
                # coordinated with a verb of another form deeper down, is a main clause of its own
                out.extend(self._code_clause(ctx, c, depth=0))
                continue
            if c.dep_ != "conj" or c.tag_ != tag or c.pos_ != "VERB" or c.i in done or c.head.i == root.i or (
                    c.head.tag_ not in ("VB", "VBG", "VBN")) or any(
                    k.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for k in c.children):
                continue
            up = c.head  # the nearest finite verb above: of its own tense, or with an auxiliary of its own
            while up.i != up.head.i and up.tag_ not in ("VBD", "VBZ", "VBP") and not any(
                    k.dep_ in ("aux", "auxpass") and k.tag_ != "TO" for k in up.children):
                up = up.head
            if up.i != root.i:
                continue
            if subs is None:
                subs = [m for m in self._subjects(ctx, root) if m.coded]
            if not subs:
                return out
            own_obj = any(k.dep_ in ("dobj", "dative", "agent") for k in c.children)
            for ev in self._code_clause(ctx, c, depth=0, need_pattern=not own_obj):
                out.extend(_fill_role(ev, "source", subs, only=True))
        return out

    @staticmethod
    def _tokens_in(doc, start: int, end: int) -> list:
        """The tokens (white space left out) that begin in ``[start, end)`` near the document's start (a headline's):
        read from the first token on, never the whole document."""
        out = []
        for t in doc:
            if t.idx >= end:
                break
            if t.idx >= start and not t.is_space:
                out.append(t)
        return out

    def _headline_from_lead(self, out: CodedDocument, ctx: _Ctx, structure) -> None:
        """The headline states again what the lead sentence does, in fewer words ("U.S. announces $250 million in
        new weapons for Ukraine" over "... announced a further 250 million dollars in military aid for Ukraine"):
        a lead event whose verb's lemma is a verb of the headline, and whose source and target (by country) the
        headline names too, is the headline's event as well, with the headline's word and actors (the actor with the
        lead's very code before another of its country) -- where the headline gave no event of that kind between the
        two of its own; the headline's own event at that word by that source with no target gives way to it."""
        hs, he = structure.headline
        body = structure.body_start()
        lead = next((b for b in out.sentences if b[0] >= body), None)
        if lead is None:
            return
        doc = ctx.doc
        head_toks = [t for t in self._tokens_in(doc, hs, he) if t.is_alpha]
        actors = [(k, s) for k, s in enumerate(out.spans)
                  if s.layer == Layer.ACTOR.value and hs <= s.start < he and s.code and not s.code.startswith("---")]
        if not head_toks or not actors:
            return
        have = {((e.source_code or "")[:3], e.event_code[:2], (e.target_code or "")[:3])
                for e in out.events if e.sentence_start == hs}
        added = []
        for e in out.events:
            if e.sentence_start != lead[0] or e.trigger is None or not e.source_code or "negated" in (e.flags or ()):
                continue
            trig = out.spans[e.trigger]
            at = doc.char_span(trig.start, trig.end, alignment_mode="expand")
            if at is None or not len(at):
                continue
            at = at[0]
            word = next((t for t in head_toks if ctx.lem[t.i] == ctx.lem[at.i] and t.pos_ == "VERB"), None)
            exact = headlines.LEAD_FILLS  # the headline's actor with the lead's very code first, then by country
            src = (exact and next(((k, s) for k, s in actors if s.code == e.source_code), None)) or next(
                ((k, s) for k, s in actors if s.code[:3] == e.source_code[:3]), None)
            tgt = None
            if e.target_code:
                others = [(k, s) for k, s in actors if s is not (src and src[1])]
                tgt = (exact and next(((k, s) for k, s in others if s.code == e.target_code), None)) or next(
                    ((k, s) for k, s in others if s.code[:3] == e.target_code[:3]), None)
            if word is None or src is None or (e.target_code and tgt is None):
                continue
            key = (src[1].code[:3], e.event_code[:2], tgt[1].code[:3] if tgt else "")
            if key in have:
                continue
            have.add(key)
            why = f'the headline restates the lead\'s "{trig.text}" ({e.event_code})'
            t_span = SuggestedSpan(start=word.idx, end=word.idx + len(word.text), text=word.text,
                                   layer=Layer.TRIGGER.value, code=e.event_code, kind=None,
                                   confidence=e.confidence, evidence=why)
            out.spans.append(t_span)
            added.append(replace(e, source=src[0], source_code=src[1].code, target=tgt[0] if tgt else None,
                                 target_code=tgt[1].code if tgt else None, trigger=len(out.spans) - 1,
                                 sentence_start=hs, sentence_end=he, location=None,
                                 evidence=f"{why}; {e.evidence}" if e.evidence else why,
                                 flags=(*(e.flags or ()), "from_lead")))
        if headlines.LEAD_FILLS and added:
            # the headline's own event at that word, by that source, with no target yet: the lead's gives its target
            filled = {(out.spans[a.trigger].start, (a.source_code or "")[:3], a.event_code[:2]) for a in added}
            out.events = [e for e in out.events if not (
                e.sentence_start == hs and e.target_code is None and e.trigger is not None
                and (out.spans[e.trigger].start, (e.source_code or "")[:3], e.event_code[:2]) in filled)]
        out.events.extend(added)

    def _headline_clause_targets(self, out: CodedDocument, doc) -> None:
        """A headline of two clauses tells an act and what answers it ("Biden quadruples tariffs on Chinese EVs;
        Beijing vows response", "North Korea fires missile as Seoul and Tokyo condemn launch"): an act of a later
        clause that names no target is aimed at the source of an earlier clause's act -- the act done to the later
        clause's source, else, for an answer (an appeal, accusation, rejection), a threat or a protest, the last
        earlier act by another, else the first clause's subject.
        A verb coordinated with the first that shares its subject ("impose sanctions on Niger, threaten force") acts
        on that subject's earlier target. A protest by people who are no state is left to the document's rule (the
        protesters' government); a state's ("...; UAE protests") answers the earlier act too."""
        clauses = doc.user_data.get(headlines.CLAUSES)
        if not clauses:
            return
        hs, he = clauses[0][0], clauses[-1][1]

        def clause_of(e) -> int | None:
            if e.trigger is None:
                return None
            at = out.spans[e.trigger].start
            return next((k for k, (a, b, _kind) in enumerate(clauses) if a <= at < b), None)

        mine = [(clause_of(e), e) for e in out.events if hs <= (e.sentence_start or 0) < he]
        for k, e in mine:
            if (headlines.ANSWER_BEFORE_CAUSE and k == 0 and e.target_code is None and e.source_code
                    and "negated" not in (e.flags or ()) and len(clauses) > 1 and clauses[1][2] in ("as", "after")
                    and (e.event_code[:2] in ANSWERING_ROOTS or e.event_code[:3] in ANSWERING_CODES
                         or e.event_code[:2] == "13" or (e.event_code[:2] == "14" and (
                             len(e.source_code) == 3 or e.source_code[3:6] == "GOV")))):
                # "Japan protests as China sends ships near islands": an answer, a threat or a state's protest whose
                # time clause tells what it answers -- at the author of that clause's act
                cause = next((x for j, x in mine if j == 1 and x.source_code and "negated" not in (x.flags or ())
                              and x.source_code[:3] != e.source_code[:3]), None)
                if cause is not None:
                    _fill_target(e, cause.source_code,
                                 f"the headline's time clause tells the act it answers [{cause.source_code}]")
                continue
            if k is None or k == 0 or e.target_code is not None or not e.source_code or "negated" in (e.flags or ()):
                continue
            if e.event_code[:2] == "14" and len(e.source_code) > 3 and e.source_code[3:6] != "GOV":
                continue  # "as shopkeepers protest price rises": at their own government (_targets_from_context)
            own = e.source_code[:3]
            if clauses[k][2] in ("and", ","):
                # "impose sanctions on Niger, threaten force": the same subject's next act, at the same target
                same = next((x for j, x in reversed(mine) if j is not None and j < k and x.target_code
                             and x.source_code == e.source_code and "negated" not in (x.flags or ())), None)
                if same is not None:
                    why = f"the headline's coordinated verb acts on its first verb's target [{same.target_code}]"
                    _fill_target(e, same.target_code, why)
                continue
            earlier = [x for j, x in mine if j is not None and j < k and x.source_code and x.source_code[:3] != own
                       and "negated" not in (x.flags or ())]
            prior = next((x for x in reversed(earlier) if x.target_code and x.target_code[:3] == own), None)
            new = prior.source_code if prior is not None else None
            if new is None and (e.event_code[:2] in ANSWERING_ROOTS or e.event_code[:3] in ANSWERING_CODES
                                or e.event_code[:2] in ("13", "14")):
                # an answer, a threat or a state's protest: at the last earlier act's author, else at the first
                # clause's subject ("Iran's Revolutionary Guards stage drills on disputed island; UAE protests")
                new = earlier[-1].source_code if earlier else self._first_subject_code(out, doc, hs, own)
            if new is None:
                continue
            _fill_target(e, new, f"the headline's clause answers its earlier clause [{new}]")

    @staticmethod
    def _first_subject_code(out: CodedDocument, doc, hs: int, own: str) -> str | None:
        """The code of the actor that is the subject of a headline's root (the headline starting at ``hs``), where it
        is of another country than ``own``."""
        root = next((t for t in doc if t.idx >= hs and t.dep_ == "ROOT"), None)
        if root is None:
            return None
        for sub in (c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")):
            for s in out.spans:
                if (s.layer == Layer.ACTOR.value and s.code and not s.code.startswith("---")
                        and s.start <= sub.idx < s.end and s.code[:3] != own):
                    return s.code
        return None

    def _reparse_headline(self, doc, bounds: tuple[int, int]) -> list[int] | None:
        """A wire headline is telegraphic ("Thousands rally in Lusaka against fuel prices", "EU to impose tariffs on
        steel", "Egypt brokers truce"): the small model often reads its verb as a noun, or "to" as no verb at all.
        Parse it again in a plainer form of the same words -- "to" + verb at its start as "will" + verb, the first
        word lower-cased when it names no one, a closing period; a verb form in "-s" right after the name that
        begins it (read as a plural noun) stood in for by "takes" -- and, where that parse has a verb of the
        dictionary as its root with a subject before it and the document's had none, give the headline's words
        that parse (tags, lemmas, heads). A headline of two clauses ("...; Moscow vows to respond", "... as Seoul
        and Tokyo condemn launch") is parsed clause by clause (:mod:`~eventcoder.core.suggest.headlines`). The text
        and its offsets are untouched: only the annotations of the headline's own tokens change. Returns the
        indices of the "to"s read as "will" (the coder reads those tokens' word as "will"), else None."""
        start, end = bounds
        doc.user_data.pop(headlines.CLAUSES, None)
        toks = self._tokens_in(doc, start, end)
        if len(toks) < 3 or len(toks) > 40 or toks[0].sent != toks[-1].sent:
            return None
        if headlines.PIECES and toks[-1].i - toks[0].i + 1 == len(toks):
            got = self._reparse_pieces(doc, toks)
            if got is not None:
                return got or None
        n = len(toks)
        old_root = toks[0].sent.root
        has_verb = old_root.pos_ in ("VERB", "AUX") and not any(
            c.dep_ == "nsubj" and c.pos_ == "NOUN" and any(k.tag_ == "NNS" and k.i < c.i for k in c.lefts)
            for c in old_root.children)  # "Thousands rally in Lusaka against price rises": "rises" is no verb
        words, future, misread = self._headline_words(toks)
        if misread is not None and old_root.pos_ in ("VERB", "AUX") and old_root.i < toks[misread].i:
            misread = None  # the verb the parser found comes first: the word is no verb of the headline's subject
        if has_verb and future is None and misread is None:
            return None
        tries = [(list(words), None)] if words != [t.text for t in toks] else []
        if misread is not None:
            tries.append((self._stood_in(words, misread), misread))
        for w, stand_in in tries:
            if self._take_headline_parse(doc, toks, w, old_root, future, stand_in):
                return [toks[future].i] if future is not None and future < n else None
        return None

    def _headline_words(self, toks, relaxed: bool = False) -> tuple[list[str], int | None, int | None]:
        """The words a headline (or one clause of it) is parsed again in: "to" + verb at its start as "will" + verb,
        the first word lower-cased when it names no one. Returns those words, the position of the "to" (else None)
        and of a verb the parser may have misread (:meth:`_misread_verb`, else None)."""
        n = len(toks)
        words = [t.text for t in toks]
        future = next((k for k, t in enumerate(toks) if t.tag_ == "TO" and k > 0), None)
        if future is not None and (
                future + 1 >= n or toks[future + 1].tag_ != "VB"
                or any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in toks[:future])):
            future = None  # "X to VERB" only where nothing before "to" is a verb
        if future is not None:
            words[future] = "will"  # "EU to impose tariffs": the wire's future
        first = toks[0]
        named = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
        if first.pos_ != "PROPN" and first.ent_type_ not in named and first.text[:1].isupper() and (
                first.text[1:].islower()):
            words[0] = first.text.lower()  # "Thousands rally ...": a capital the model reads as a name's
        return words, future, self._misread_verb(toks, relaxed)

    @staticmethod
    def _stood_in(words: list[str], k: int) -> list[str]:
        """``words`` with the verb at ``k`` stood in for by a verb the model knows: "takes" for a form in "-s",
        "take" for a plain one."""
        return [*words[:k], "takes" if words[k].endswith("s") else "take", *words[k + 1:]]

    def _reparse_pieces(self, doc, toks) -> list[int] | None:
        """Parse a headline of two or more clauses (:func:`headlines.pieces`) clause by clause, each in its plainer
        words (:meth:`_headline_words`), and give the headline's tokens the joined parse: the first clause's verb
        the root, a clause after a semicolon coordinated with it, a time clause ("as Seoul and Tokyo condemn
        launch") its adverbial clause, a verb after a comma or "and" that shares the subject coordinated with it. A
        piece the document's parse reads as a clause keeps that parse; the others are parsed in one call of the
        model, a misread verb's stand-in with them where the document's parse read no verb there either, else in a
        second call only where the plain words gave no clause. A cut before a
        conjunction stays only where what follows is a clause; the first clause must be one too. Returns the "to"s
        read as "will", or None (one clause only; no parse taken)."""
        parts = headlines.pieces([t.text for t in toks], self._verbs_after(toks))
        for _round in range(2):
            if len(parts) < 2:
                return None
            chosen: list[tuple[int | None, tuple | None]] = []
            plans: list[tuple[int, list, str]] = []  # (part, tries, pronoun) of the pieces to parse
            for k, p in enumerate(parts):
                ptoks = toks[p.lo:p.hi]
                bare = p.kind in ("and", ",")
                words, future, misread = self._headline_words(ptoks, relaxed=headlines.RELAXED_STAND_IN)
                if bare and future is not None:
                    words[future], future = ptoks[future].text, None  # "and pledges to ...": no "X to VERB"
                own = self._doc_clause(ptoks, bare=bare) if future is None else None
                if own is not None and misread is not None and misread < own:
                    own = None  # "Court issues arrest warrant": a word before the verb the model found may be the verb
                if own is not None:  # the document's parse reads the piece as a clause already: no call of the model
                    chosen.append((None, (doc[ptoks[0].i: ptoks[-1].i + 1].as_doc(), own, [t.text for t in ptoks],
                                          None, True)))
                    continue
                chosen.append((future, None))
                tries = [(words, None)]
                if bare:
                    tries.append((self._stood_in(words, 0), 0))  # "pledges aid": the verb the piece begins with
                elif misread is not None:
                    tries.append((self._stood_in(words, misread), misread))
                # a verb that shares the headline's subject is parsed after a pronoun standing for it ("It pledges
                # aid on state visit."), the pronoun's parse then left out
                # where the document's parse did not read the word as a verb either, the stand-in is parsed in the
                # same call as the plain words (one call of the model, not two)
                eager = len(tries) > 1 and ptoks[tries[1][1]].pos_ != "VERB"
                plans.append((k, tries, ("It " if words[0].endswith("s") else "They ") if bare else "",
                              misread if len(tries) > 1 and not bare else None, eager))
            for j in range(2):
                todo = [(k, tries[jj], pronoun, misread, jj) for k, tries, pronoun, misread, eager in plans
                        for jj in ((0, 1) if j == 0 and eager else (j,))
                        if len(tries) > jj and (chosen[k][1] is None or not chosen[k][1][4])
                        and not (j == 1 and eager)]
                if not todo:
                    break
                parsed = self._parse_headline_texts(
                    [pronoun + self._headline_text(w, toks[parts[k].lo:parts[k].hi])
                     for k, (w, _s), pronoun, _m, _j in todo],
                    [bool(pronoun) for _k, _t, pronoun, _m, _j in todo])
                if parsed is None:
                    return None
                for (k, (w, stand_in), _pronoun, misread, jj), new in zip(todo, parsed, strict=True):
                    if jj == 1 and chosen[k][1] is not None and chosen[k][1][4]:
                        continue  # the plain words parsed as a clause: the stand-in parsed with them is not needed
                    v = self._clause_verb(new, w, stand_in, bare=parts[k].kind in ("and", ","))
                    if v is not None and stand_in is None and misread is not None and v > misread:
                        v = None  # "court issues arrest warrant": a verb after the misread one; the stand-in decides
                    if v is not None:
                        chosen[k] = (chosen[k][0], (new, v, w, stand_in, True))
                    elif jj == 0:
                        v = self._clause_verb(new, w, None, clause=False)
                        chosen[k] = (chosen[k][0], (new, v, w, None, False) if v is not None else None)
            if chosen[0][1] is None or not chosen[0][1][4] or any(
                    p.kind == ";" and pick is None for p, (_f, pick) in zip(parts, chosen, strict=True)):
                return None  # the first clause is no clause: the whole headline's parse decides
            drop = {k for k, (p, (_f, pick)) in enumerate(zip(parts, chosen, strict=True))
                    if k > 0 and p.kind != ";" and (pick is None or not pick[4])}
            if not drop:
                break
            if _round == 1:
                return None
            parts = headlines.merge(parts, drop)
        joined = []
        joints: list[tuple[int, str, int]] = []
        for k, (p, (future, pick)) in enumerate(zip(parts, chosen, strict=True)):
            new, v, _w, stand_in, clause = pick
            coordinated = p.kind in ("and", ",")
            dep = "ROOT" if k == 0 else ("conj" if coordinated else "advcl" if p.kind != ";" else (
                "conj" if clause else "parataxis"))
            joined.append((list(range(p.lo, p.hi)), new, v, dep, future, stand_in))
            if p.joint is not None:
                joints.append((p.joint, {";": "punct", ",": "punct", "and": "cc"}.get(p.kind, "mark"),
                               k if p.kind in headlines.SUBORDINATORS else 0))
        if not self._copy_headline_parse(doc, toks, joined, joints, present=True):
            return None
        doc.user_data[headlines.CLAUSES] = [(toks[p.lo].idx, toks[p.hi - 1].idx + len(toks[p.hi - 1].text), p.kind)
                                           for p in parts]
        return [toks[p.lo + f].i for p, (f, _pick) in zip(parts, chosen, strict=True) if f is not None]

    @staticmethod
    def _headline_text(words: list[str], ptoks) -> str:
        """``words`` (a headline's tokens, some replaced) as a sentence: the tokens' white space, a closing period."""
        text = "".join(x + t.whitespace_ for x, t in zip(words, ptoks, strict=True)).rstrip()
        return text if text[-1:] in ".!?" else text + "."

    def _parse_headline_texts(self, texts: list[str], pronoun: list[bool]) -> list | None:
        """Parse ``texts`` in one call of the model (no entities); where ``pronoun``, the text begins with a pronoun
        standing for a shared subject, and the parse returned is that of the words after it (None where the pronoun
        is no subject of the verb after it). None if the model fails."""
        try:
            parsed: list = list(self.nlp.pipe(texts, disable=[p for p in ("ner",) if p in self.nlp.pipe_names]))
        except Exception:  # noqa: BLE001 -- a re-parse is an improvement only; the document's parse stands
            return None
        for k, d in enumerate(parsed):
            if pronoun[k]:
                ok = len(d) > 1 and d[0].dep_ == "nsubj" and d[0].head.i == 1 and d[1].head.i == 1
                parsed[k] = d[1:].as_doc() if ok else None
        return parsed

    @staticmethod
    def _doc_clause(ptoks, bare: bool = False) -> int | None:
        """The position of the verb that heads the piece ``ptoks`` of a headline in the document's own parse, where
        that parse reads the piece as one clause (one token whose head is outside it, a verb with a subject before
        it; with ``bare``, the verb the piece begins with and no subject), else None."""
        lo, hi = ptoks[0].i, ptoks[-1].i + 1
        tops = [t for t in ptoks if not lo <= t.head.i < hi or t.head.i == t.i]
        if len(tops) != 1 or tops[0].pos_ not in ("VERB", "AUX"):
            return None
        r = tops[0]
        subject = [c for c in r.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        if bare:
            return 0 if r.i == lo and r.pos_ == "VERB" and not subject else None
        return r.i - lo if any(lo <= c.i < r.i and c.dep_ != "expl" for c in subject) else None

    def _verbs_after(self, toks) -> set[int]:
        """The positions of the commas and "and"s of a headline that a verb of the dictionary follows, in a form of
        the headline's present or past ("..., accuses Moscow of ...", "... and pledges aid"; a form in "-s" the
        parser read as a plural noun too, before what may be its object): where a coordinated clause sharing the
        subject may begin."""
        out: set[int] = set()
        for k in range(1, len(toks) - 2):
            t, nxt = toks[k], toks[k + 1]
            if t.text not in (",", "and"):
                continue
            w = nxt.text
            after = toks[k + 2]
            # a plural noun is a verb only before what may be its object ("and pledges aid", not "arms and funds to")
            misread = nxt.tag_ == "NNS" and w.endswith("s") and after.pos_ in ("DET", "NUM", "ADJ", "NOUN", "PROPN",
                                                                                 "PRON")
            if len(w) > 2 and w.isalpha() and w.islower() and (
                    nxt.tag_ in ("VBZ", "VBP", "VBD", "VB") or misread) and self.verbs.entries_for(w.upper()):
                out.add(k)
        return out

    @staticmethod
    def _clause_verb(new, words: list[str], stand_in, clause: bool = True, bare: bool = False) -> int | None:
        """The root of ``new`` (a parse of ``words`` and a closing period) where it is one root over the words --
        with ``clause``, a verb with a subject before it (the stand-in where there is one); with ``bare`` too, the
        verb the words begin with and no subject (a clause that shares the headline's subject) -- else None."""
        n = len(words)
        if new is None or len(new) < n or [t.text for t in new[:n]] != words or any(not t.is_punct for t in new[n:]):
            return None
        roots = [t for t in new[:n] if t.head.i == t.i or t.head.i >= n]
        if len(roots) != 1:
            return None
        verb = roots[0]
        if clause and bare and verb.i == 0 and verb.pos_ == "VERB" and not any(
                c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
            return verb.i
        if clause and (verb.pos_ not in ("VERB", "AUX") or not any(
                c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i for c in verb.children)):
            return None
        if clause and stand_in is not None and verb.i != stand_in:
            return None
        return verb.i

    def _misread_verb(self, toks, relaxed: bool = False) -> int | None:
        """The position of a verb form in "-s" the parser did not read as a verb, right after the name (or noun
        phrase) that begins the headline: "Qatar brokers return of ...", "Finland seizes tanker ..."; or of a
        plain form right after a coordinated or plural subject: "Seoul and Tokyo condemn launches", "Revolutionary
        Guards stage drills". ``relaxed`` (a clause of a headline, stood in for only where its own words do not
        parse as a clause): whatever the parser made of the word, after a name the tagger read as a common noun
        (an entity's word) too, with ``headlines.AFTER_NOUNS`` after any common noun ("as army seizes power")."""
        plural = False
        def name_before(k: int) -> bool:
            t = toks[k - 1]
            return t.pos_ == "PROPN" or relaxed and (t.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") or (
                headlines.AFTER_NOUNS and t.pos_ == "NOUN"))

        for k in range(1, min(len(toks), 8)):
            t = toks[k]
            if headlines.PLAIN_STAND_IN and t.pos_ == "CCONJ" and toks[k - 1].pos_ == "PROPN":
                plural = True  # "Seoul and Tokyo ..."
                continue
            if t.pos_ not in ("PROPN", "NOUN", "ADJ", "DET", "PART", "NUM", "VERB"):
                return None
            w = t.text
            misread = relaxed or t.pos_ != "VERB" or t.dep_ in ("compound", "amod", "nmod", "nsubj", "dobj", "pobj")
            if (len(w) > 3 and w.isalpha() and w.islower() and w.endswith("s") and name_before(k)
                    and misread and self.verbs.entries_for(w.upper())):
                return k
            if (headlines.PLAIN_STAND_IN and (plural or toks[k - 1].tag_ in ("NNS", "NNPS")) and len(w) > 3
                    and w.isalpha() and w.islower() and not w.endswith("s") and name_before(k) and misread
                    and self.verbs.entries_for(w.upper())):
                return k
            if t.pos_ == "VERB":
                return None
        return None

    def _take_headline_parse(self, doc, toks, words: list[str], old_root, future, stand_in) -> bool:
        """Parse ``words`` (the headline's tokens, some replaced) and, when the parse is a better one, copy it onto
        the headline's tokens in ``doc`` (see :meth:`_reparse_headline`)."""
        n = len(toks)
        text = "".join(w + t.whitespace_ for w, t in zip(words, toks, strict=True)).rstrip()
        if text[-1:] not in ".!?":
            text += "."
        try:
            new = self.nlp(text, disable=[p for p in ("ner",) if p in self.nlp.pipe_names])
        except Exception:  # noqa: BLE001 -- a re-parse is an improvement only; the document's parse stands
            return False
        v = self._clause_verb(new, words, stand_in)
        if v is None:
            return False
        base = toks[0].i
        verb = new[v]
        if stand_in is None and (not self.verbs.entries_for(verb.text.upper(), verb.lemma_.upper()) or (
                future is None and old_root.pos_ in ("VERB", "AUX") and base + verb.i >= old_root.i)):
            return False
        return self._copy_headline_parse(doc, toks, [(list(range(n)), new, v, "ROOT", future, stand_in)], [])

    def _copy_headline_parse(self, doc, toks, parts, joints, present: bool = False) -> bool:
        """Give the headline's tokens ``toks`` in ``doc`` the parses in ``parts``: each (positions in ``toks``, the
        parse of their words, the position of its root in it, the root's relation, the position of a "to" read as
        "will", the position of a stood-in verb). The first part's root is the sentence's root, the other parts'
        roots hang on it; ``joints`` are (position, relation, part) for the semicolons and conjunctions between the
        parts (on the first part's root, on their own clause's). With ``present``, a root in the plain form after its
        subject, with no auxiliary ("as Seoul and Tokyo condemn launch"), is the headline's present (VBP). Returns
        False (the parse left as it was) where the document's sentences would change."""
        import numpy
        from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

        attrs = [TAG, POS, MORPH, LEMMA, DEP]
        col = {a: attrs.index(a) for a in attrs}
        strings = doc.vocab.strings
        before = doc.to_array([*attrs, HEAD])  # arrays, not Token objects: a document may be long
        old = before[:, :len(attrs)].copy()
        heads = before[:, len(attrs)].astype("int64") + numpy.arange(len(doc), dtype="int64")
        root_i = toks[parts[0][0][parts[0][2]]].i
        for pos, new, v, dep, future, stand_in in parts:
            fresh = new.to_array(attrs)
            n = len(pos)
            for j in range(n):
                i = toks[pos[j]].i
                old[i] = fresh[j]
                h = new[j].head.i
                heads[i] = toks[pos[h]].i if h < n and j != v else (i if dep == "ROOT" else root_i)
            vi = toks[pos[v]].i
            old[vi, col[DEP]] = strings.add(dep)
            if present and new[v].tag_ == "VB" and not any(c.dep_ in ("aux", "auxpass") for c in new[v].children):
                old[vi, col[TAG]] = strings.add("VBP")
            if future is not None:  # the document's word is "to": its tag and lemma stay, it is the verb's aux now
                fi = toks[pos[future]].i
                old[fi, col[TAG]] = strings["TO"]
                old[fi, col[LEMMA]] = strings["to"]
                old[fi, col[POS]] = strings["PART"]
            if stand_in is not None:  # the headline's own verb where "take(s)" stood: its lemma from the dictionary
                w = toks[pos[stand_in]].text
                lemma = w
                if w.endswith("s"):
                    bases = [w[:-3] + "y", w[:-2], w[:-1]] if w.endswith("ies") else [w[:-2], w[:-1]]
                    own = {id(e) for e in self.verbs.entries_for(w.upper())}
                    lemma = next((b for b in bases if own & {id(e) for e in self.verbs.entries_for(b.upper())}),
                                 w[:-1])
                old[toks[pos[stand_in]].i, col[LEMMA]] = strings.add(lemma)
        for k, dep, part in joints:
            i = toks[k].i
            pos, _new, v = parts[part][0], parts[part][1], parts[part][2]
            heads[i] = toks[pos[v]].i
            old[i, col[DEP]] = strings.add(dep)
            if dep == "mark":
                old[i, col[POS]] = strings.add("SCONJ")
                old[i, col[TAG]] = strings.add("IN")
        for t in doc[toks[-1].i + 1: toks[0].sent.end]:  # the blank line after it
            heads[t.i] = root_i
        rel = heads - numpy.arange(len(doc), dtype="int64")
        sents = doc.to_array([SENT_START])
        arr = numpy.concatenate([old.astype("uint64"), rel.astype("uint64").reshape(-1, 1)], axis=1)
        doc.from_array([*attrs, HEAD], arr)
        if not numpy.array_equal(doc.to_array([SENT_START]), sents):  # never expected: the document's parse stands
            doc.from_array([*attrs, HEAD], before)
            return False
        return True

    def _crowd_violence(self, ctx: _Ctx, ev: dict) -> dict:
        """"Protesters threw stones at the police", "demonstrators attacked the embassy": force used by a crowd is a
        violent protest, a riot (CAMEO 145), not an assault (180-182) or an attack (190)."""
        src = ev.get("source")
        blocking = (CROWD_BLOCKADES and ev["code"][:3] in ("170", "191") and isinstance(ev.get("verb"), int)
                    and ctx.lem[ev["verb"]].lower() in BLOCKING_VERBS)
        if src is None or (ev["code"][:3] not in ("180", "181", "182", "190") and not blocking):
            return ev  # a crowd's missiles or artillery (193-195) are no riot
        head = ctx.doc[src.head]
        crowd = self._synset_words("&CROWD")
        if ctx.up[head.i] not in crowd and ctx.lem[head.i] + "S" not in crowd:
            return ev
        if blocking:
            # "protesters blocked the gates of the Russian embassy": a crowd's blockade obstructs passage (144)
            why = "a crowd's blockade: a protest obstructing passage"
            return dict(ev, code="144", evidence=ev["evidence"] + f"; {why} [144]",
                        steps=(*ev.get("steps", ()), Step("crowd", "144", why)))
        why = "force used by a crowd: a violent protest"
        return dict(ev, code="145", evidence=ev["evidence"] + f"; {why} [145]",
                    steps=(*ev.get("steps", ()), Step("crowd", "145", why)))

    def _participle_acts(self, ctx: _Ctx, root, main: list[dict]) -> list[dict]:
        """The main clause's subject acts again, before or after its main act: "fired tear gas before detaining
        dozens", "arrested him after raiding his home". A participle with no subject of its own that is the object
        of "before", "after", "while" or "upon" on the main verb is a second act of the main clause's subject: coded
        as its clause, sourced by that subject. A bare participle ("..., killing six", "..., leaving scores dead")
        mostly tells the main act's result or manner, one event, and is left alone. Verbs of saying are left to the
        rules that read them, and what protesters march "demanding" is their protest's cause (CAMEO's 141x), not a
        demand of its own."""
        out: list[dict] = []
        subs: list[Mention] | None = None
        protest = any(ev["verb"] == root.i and ev["code"][:2] == "14" for ev in main)
        for c in root.children:
            if c.dep_ != "prep" or ctx.up[c.i] not in ("BEFORE", "AFTER", "WHILE", "UPON"):
                continue
            verbs = [k for k in c.children if k.dep_ == "pcomp" and k.tag_ == "VBG"]
            for v in verbs:
                lem = ctx.lem[v.i].lower()
                if lem in REPORTING or lem in CLAIMING or lem in ("warn", "threaten") or any(
                        k.dep_ in ("nsubj", "nsubjpass", "mark") for k in v.children):
                    continue
                if not self.verbs.entries_for(ctx.up[v.i], ctx.lem[v.i]) and not any(
                        k.dep_ == "xcomp" for k in v.children):
                    continue  # no verb of the dictionary, none after it: nothing to code (cheap, before the clause)
                if subs is None:
                    subs = [m for m in self._subjects(ctx, root) if m.coded]
                if not subs:
                    return out
                for ev in self._code_clause(ctx, v, depth=1):
                    if ev["code"][:2] == "01" or (protest and ev["code"][:2] in ("02", "10")):
                        continue  # "..., speaking on the sidelines of a summit": no act of its own
                    out.extend(_fill_role(ev, "source", subs))
        return out

    def _misparsed_clauses(self, ctx: _Ctx, sent) -> list[dict]:
        """Finite verbs the parser hung on a noun as a modifier, with a subject of their own: headlines and long
        names ("Finland seizes tanker", "President X hosted President Y and Z at ..."). The verb is a clause; the
        noun it was hung on, when after it, is its object."""
        out: list[dict] = []
        for t in sent:
            if t.i < ctx.skip or t.dep_ not in ("amod", "compound", "nmod", "dep") or t.tag_ not in (
                    "VBD", "VBZ", "VBP", "VBN"):
                continue
            if not any(c.dep_ == "nsubj" and any(m.coded for m in ctx.by_head.get(c.i, ())) for c in t.children):
                continue
            evs = self._code_clause(ctx, t, depth=1)
            head = t.head
            while head.dep_ == "compound" and head.head.i > head.i:
                head = head.head  # "hosted President Gustavo Petro": the name's head
            own = {k.i for k in t.subtree}
            objs = [m for m in self._mentions_at(ctx, head) if m.coded and m.head not in own] if head.i > t.i else []
            for ev in evs:
                out.extend(_fill_role(ev, "target", objs))
        return out

    def _misparsed_acl(self, ctx: _Ctx, sent, events: list[dict]) -> list[dict]:
        """"Oman, which has ties with both, called on Iran to ...", "Thailand's army on Tuesday accused Cambodian
        troops of ...": a finite past verb (VBD), or a past participle with a direct object of its own (a passive
        participle takes none), that the parser hung on a noun before it as its modifier (acl) is that noun's
        verb: the noun, an actor, is its subject."""
        out: list[dict] = []
        done = {ev["verb"] for ev in events}
        for t in sent:
            if t.dep_ != "acl" or t.i < ctx.skip or t.i in done or t.head.i > t.i or t.pos_ != "VERB" or any(
                    c.dep_ in ("nsubj", "nsubjpass", "auxpass", "mark") for c in t.children):
                continue
            if not (t.tag_ == "VBD" or (t.tag_ == "VBN" and any(c.dep_ == "dobj" for c in t.children))):
                continue
            subs = [m for m in self._mentions_at(ctx, t.head) if m.coded]
            if not subs:
                continue
            for ev in self._code_clause(ctx, t, depth=1):
                out.extend(_fill_role(ev, "source", subs))
        return out

    _SPEECH_ROOTS = frozenset(("02", "03", "05", "10", "11", "12", "13"))

    def _message_participles(self, ctx: _Ctx, sent, events: list[dict]) -> list[dict]:
        """"issued a joint statement backing the proposal and urging the parties to ...", "carried banners
        denouncing the bloc", "adopted a resolution condemning the attack": a participle on the object of a verb,
        with no subject of its own, that names a verbal act (appeal, intent, praise, demand, disapproval,
        rejection, threat) tells what the object says -- the act of the verb's subject, who issued it. An object
        that is an actor ("hosted a delegation demanding ...") acts itself, and is left alone; a participle an
        event already took as its trigger (the statement's own act, _statement_act) is not coded again."""
        out: list[dict] = []
        done = {ev["verb"] for ev in events} | {k for ev in events for k in (ev.get("extra") or ())
                                                 if isinstance(k, int)}
        told = [p for v in sent if v.pos_ == "VERB" for _, p in self._object_participles(v, ("dobj",))]
        for t in sorted(told, key=lambda p: p.i):
            if t.i < ctx.skip or any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in t.children):
                continue
            if ctx.by_head.get(t.head.i) or self._is_actor(ctx, t.head):
                continue
            verbs = [t] + [c for c in t.children if c.dep_ == "conj" and c.tag_ == "VBG" and not any(
                k.dep_ in ("nsubj", "nsubjpass") for k in c.children)]
            subs: list[Mention] | None = None
            for v in verbs:
                if v.i in done or not self.verbs.entries_for(ctx.up[v.i], ctx.lem[v.i]):
                    continue
                if subs is None:
                    subs = [m for m in self._subjects(ctx, t.head.head) if m.coded]
                if not subs:
                    break
                for ev in self._code_clause(ctx, v, depth=1):
                    if ev["code"][:2] not in self._SPEECH_ROOTS:
                        continue
                    out.extend(_fill_role(ev, "source", subs, only=True))
        return out

    def _promised_responses(self, ctx: _Ctx, sent, events: list[dict]) -> list[dict]:
        """"Russia would respond to Warsaw in kind", "vowed to retaliate against the rebels", "would respond firmly if
        the army kept bombing": an answer promised is a threat (130, the article conventions' "warned ... would
        respond"), aimed at whom it answers ("to" / "against" phrase) or whom its condition is about. CAMEO's REACT
        block has no code of its own, so nothing else codes it."""
        out: list[dict] = []
        told = {ev["verb"] for ev in events}
        for v in sent:
            lem = ctx.lem[v.i].lower()
            if v.pos_ != "VERB" or lem not in RETALIATING or v.i in told or (
                    lem == "hit" and not any(c.lower_ == "back" for c in v.children)) or lem == "return":
                continue
            if any(c.dep_ == "neg" for c in v.children) or any(
                    c.dep_ == "neg" for a in v.children if a.dep_ == "aux" for c in a.children):
                continue
            future = any(c.dep_ == "aux" and ctx.up[c.i] in FUTURE_MODALS for c in v.children)
            vowed = v.dep_ == "xcomp" and ctx.lem[v.head.i].lower() in VOWING and not any(
                c.dep_ == "neg" for c in v.head.children)
            if not (future or vowed):
                continue
            if self.background_dates and self._dated_before(ctx, {v}):
                continue
            sources = [m for m in self._subjects(ctx, v) if m.coded and m.codes and not m.codes[0].startswith("---")]
            if not sources:
                continue
            own = {m.codes[0][:3] for m in sources}
            targets = [m for c in v.children if c.dep_ == "prep" and ctx.up[c.i] in ("TO", "AGAINST")
                       for p in c.children if p.dep_ == "pobj" for m in self._mentions_at(ctx, p)
                       if m.coded and m.codes and not m.codes[0].startswith("---")]
            if not targets:
                targets = self._condition_subjects(ctx, v, {m.head for m in sources})
            targets = [m for m in targets if m not in sources and m.codes[0] not in {x.codes[0] for x in sources}
                       and not (m.codes[0][:3] in own and _first_person(ctx, m))]
            if not targets:
                continue
            why = f'"{v.text}" promised: an answer to come is a threat'
            entry = D.VerbEntry(ctx.up[v.i], ctx.lem[v.i].upper(), "PROMISED_RESPONSE", "130", file="(rule)")
            for s in _dedupe(sources):
                for t in _dedupe(targets):
                    out.append(dict(
                        code="130", source=s, target=t, verb=v.i, extra=(), evidence=f"{why} [130]",
                        flags=("threat",), confidence=0.55, block=entry.block, base=entry.base, subj_pron=False,
                        pattern=None, entry=entry, steps=(Step("threat", "130", why),)))
        return out

    def _ultimatums(self, ctx: _Ctx, sent, events: list[dict]) -> list[dict]:
        """"Abuja said it would not reopen the crossings until its neighbour stopped the smuggling", "Russia would
        walk out of the deal unless the West lifted curbs": an act refused or promised *until* or *unless* another
        party acts is a demand on that party (1042, a policy change asked for) or an ultimatum (139). The source
        is the main clause's subject (else, for a reported clause with no actor as subject, "the sanctions would
        stay in place until ...", the speaker); the target the subject of the "until"/"unless" clause."""
        out: list[dict] = []
        for mark in sent:
            if mark.dep_ != "mark" or ctx.up[mark.i] not in ULTIMATUM_MARKS:
                continue
            cond = mark.head
            v = cond.head
            if cond.dep_ != "advcl" or cond.pos_ not in ("VERB", "AUX") or v.pos_ not in ("VERB", "AUX", "ADJ"):
                continue
            while v.dep_ in ("xcomp", "acomp") and v.head.i != v.i:
                v = v.head  # "would keep the valves shut until ...": the clause's own verb
            stated = any(c.dep_ in ("aux", "auxpass") and ctx.up[c.i] in FUTURE_MODALS for c in v.children) or any(
                c.dep_ == "neg" for c in v.children)
            if not stated:
                continue  # "fought until dawn", "talks went on until Friday": no demand on anyone
            if self.background_dates and self._dated_before(ctx, {v}):
                continue
            if ctx.lem[cond.i].lower() == "be" or any(c.dep_ in ("nsubjpass", "auxpass") for c in cond.children):
                continue  # "would not rest until the reporter is home", "until every child is returned": a state
            subj = {c.i for c in cond.children if c.dep_ == "nsubj"}
            subj |= {k.i for c in cond.children if c.dep_ == "nsubj" for k in c.conjuncts}
            targets = [m for m in self._subjects(ctx, cond) if m.coded and m.codes and m.head in subj
                       and not m.codes[0].startswith("---")]  # (the subject itself: not "control of the company")
            if not targets:
                continue
            sources = [m for m in self._subjects(ctx, v) if m.coded and m.codes and not m.codes[0].startswith("---")]
            if not sources:  # (an unresolved "it" / "they" under a verb of saying is most often the speaker)
                head = v
                while head.dep_ in ("ccomp", "conj", "xcomp") and head.head.i != head.i:
                    head = head.head
                    if ctx.lem[head.i].lower() in REPORTING:
                        sources = [m for m in self._subjects(ctx, head) if m.coded and m.codes
                                   and not m.codes[0].startswith("---")]
                        break
            own = {m.codes[0][:3] for m in sources}
            targets = [m for m in targets if m not in sources and not (m.codes[0][:3] in own and _first_person(ctx, m))]
            if not sources or not targets:
                continue
            code = ULTIMATUM_MARKS[ctx.up[mark.i]]
            why = f'"{v.text} ... {mark.text} {cond.text}": an act held back {mark.text.lower()} another acts'
            entry = D.VerbEntry(ctx.up[v.i], ctx.lem[v.i].upper(), "ULTIMATUM", code, file="(rule)")
            for s in sources:
                for t in targets:
                    out.append(dict(
                        code=code, source=s, target=t, verb=v.i, extra=(mark.i,),
                        evidence=f"{why} [{code}]", flags=("demand",), confidence=0.55,
                        block=entry.block, base=entry.base, subj_pron=False, pattern=None, entry=entry,
                        steps=(Step("ultimatum", code, why),)))
        return out

    def _valence_judgements(self, ctx: _Ctx, verb, comp, inner: list[dict], judged_verbs: set[int],
                            depth: int) -> list[dict]:
        """"'Russia wants to terrorise us,' he said", "said the junta bombs schools with impunity": a reported
        clause that tells no act the dictionaries code, whose subject is another party and whose words judge it
        (VADER's negative words, polarity.py: "terrorise", "lied", "aggressor") is the speaker's accusation of
        that party (112). A clause with an act of its own, a negation, or the speaker's own side as subject is
        left to the other rules."""
        entries = self.verbs.entries_for(ctx.up[verb.i], ctx.lem[verb.i])
        if not entries:
            return []
        speakers = {m.codes[0][:3] for m in self._subjects(ctx, verb) if m.coded and m.codes}
        if not speakers:
            return []
        # (an act told with no one it is aimed at is no act here: "wants to terrorise us" is no intent of Russia's
        # at anyone the dictionaries code)
        told = {ev["verb"] for ev in inner if ev.get("target") is not None} | judged_verbs
        out: list[dict] = []
        for c in comp:
            span = {k.i for k in c.subtree}
            if told & span or c.i in judged_verbs or c.pos_ not in ("VERB", "AUX"):
                continue
            quotes = getattr(ctx.structure, "quote_at", None)
            if VALENCE_IN_QUOTES_ONLY and (quotes is None or quotes(ctx.doc[c.i].idx) is None):
                continue  # (a neutral report of an act, "said two frigates had shadowed the vessel", is the act's)
            if any(k.dep_ == "neg" for k in c.subtree):
                continue
            subj = next((k for k in c.children if k.dep_ == "nsubj"), None)
            if subj is None:
                continue
            targets = [m for m in ctx.by_head.get(subj.i, ()) if m.coded and m.codes
                       and not m.codes[0].startswith("---") and m.codes[0][:3] not in speakers]
            if not targets:
                continue
            if any(k.dep_ == "aux" and ctx.up[k.i] in DEMAND_MODALS for k in c.children):
                continue  # "the Taliban must deliver on their commitments": a demand, no judgement
            # the clause's own words: its verb, the verbs and nouns it takes and their modifiers -- not its subject's,
            # nor those of a clause or phrase under them ("must prevent the terrorist threat": the threat is not what
            # the subject does; "the right to protest without being shot at")
            heads = [c] + [x for x in c.children if x.dep_ in ("xcomp", "dobj", "acomp", "attr", "advmod")]
            heads += [y for x in heads[1:] if x.dep_ == "xcomp" for y in x.children if y.dep_ in ("dobj", "acomp")]
            toks = heads + [y for x in heads for y in x.children if y.dep_ in ("amod", "advmod", "compound")]
            words = [ctx.lem[k.i].lower() for k in toks
                     if k.pos_ in ("VERB", "NOUN", "ADJ", "ADV") and ctx.by_head.get(k.i) is None]
            if polarity.phrase_valence(words) >= 0:
                continue
            why = f'"{c.text}" said of another party in words that judge it: an accusation'
            evs = self._events_for(ctx, Candidate("112", verb.i, f"verb {verb.text} + clause: {why} [112]", None,
                                                  entries[0], {}, [], (), (Step("judgement", "112", why),)),
                                   verb, depth)
            out.extend(dict(ev, target=m) for ev in evs for m in targets)
        return out

    def _code_clause(self, ctx: _Ctx, verb, depth: int, need_pattern: bool = False) -> list[dict]:
        if depth > 4:
            return []
        lemma = verb.lemma_.lower()
        comp = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and (c.pos_ in ("VERB", "AUX") or (
            PSYCH_ADJ_PASSIVE and _psych_passive_adjective(c)))]
        own = self._best_in_chain(ctx, verb)
        is_reporting = lemma in REPORTING or lemma in CLAIMING or (
            own is not None and own.pattern is None and own.code[:2] == "01"
        )
        denial: list[dict] = []
        if comp and own is None and self.news and lemma in DENYING and "deny_that" not in self._recall_off and not any(
                c.dep_ == "neg" for c in verb.children):
            entries = self.verbs.entries_for(ctx.up[verb.i], ctx.lem[verb.i])
            if entries:
                # "denied that its troops had crossed the border": the denial is the speaker's own act, an answer
                # to the accusation (016, aimed at its author); the denied act is not coded
                why = "denied that: a denial"
                evs = self._events_for(ctx, Candidate(
                    "016", verb.i, f"verb {verb.text} + that-clause: {why} [016]", None, entries[0], {}, [], (),
                    (Step("denial", "016", why),)), verb, depth)
                inside = {k.i for c in comp for k in c.subtree}  # the denied clause's actors are no target
                out, seen = [], set()
                for ev in evs:
                    if ev["target"] is not None and ev["target"].head in inside:
                        ev = dict(ev, target=None)
                    key = (id(ev["source"]), id(ev["target"]))
                    if key not in seen:
                        seen.add(key)
                        denial.append(ev)
        judged: list[dict] = []
        judged_verbs: set[int] = set()
        if comp and self.news and REPORTED_JUDGEMENTS and lemma in REPORTING and not any(
                c.dep_ == "neg" for c in verb.children):
            # "said the launch violated Security Council resolutions", "said the measures were unjustified": a
            # report whose content judges another's act or conduct is the speaker's accusation or criticism of
            # its author (the article conventions: "said X violated" 112), not the reported act
            entries = self.verbs.entries_for(ctx.up[verb.i], ctx.lem[verb.i])
            for c in comp:
                found = _reported_judgement(ctx, c) if entries else None
                if found is None:
                    continue
                code, judged_tok, why = found
                targets = [m for k in judged_tok.children if k.dep_ in ("nsubj", "nsubjpass")
                           for m in ctx.by_head.get(k.i, ()) if m.coded]
                evs = self._events_for(ctx, Candidate(
                    code, verb.i, f"verb {verb.text} + that-clause: {why} [{code}]", None, entries[0], {}, [], (),
                    (Step("judgement", code, why),)), verb, depth)
                inside = {k.i for k in c.subtree}
                for ev in evs:
                    if targets:
                        judged.extend(dict(ev, target=m) for m in targets)
                    elif ev["target"] is None or ev["target"].head in inside or any(
                            c.endswith("MED") for c in ev["target"].codes):
                        judged.append(dict(ev, target=None))  # (not "told reporters": the press is no party)
                    else:
                        judged.append(ev)  # "told the ambassador that the blocking violated ...": the addressee
                judged_verbs.add(judged_tok.i)
        if comp and (is_reporting or own is None):
            # reported speech: pass through to the reported clause
            inner: list[dict] = []
            for c in comp:
                inner.extend(self._code_clause(ctx, c, depth + 1))
                if self.news and inner and "reported_conj" not in self._recall_off:
                    # "said Russia regretted the closures and rejected the accusations": a coordinated verb of the
                    # reported clause with its own object or subject is reported too, as in a main clause
                    done = {ev["verb"] for ev in inner}
                    for k in c.children:
                        if not (k.dep_ == "conj" and k.pos_ == "VERB" and k.i not in done and (
                                k.tag_ in ("VBD", "VBZ", "VBP", c.tag_) or any(x.dep_ == "aux" for x in k.children))):
                            continue
                        if any(x.dep_ in ("dobj", "dative", "agent", "nsubj", "nsubjpass") for x in k.children):
                            inner.extend(self._code_clause(ctx, k, depth + 1))
                        elif "reported_conj_pattern" not in self._recall_off:
                            # "said it was concerned by the moves and called on both sides to talk": with no
                            # object of its own, a specific pattern ("call on") makes it an act, as in a main clause
                            inner.extend(self._code_clause(ctx, k, depth + 1, need_pattern=True))
            if self.news and REPORTED_VALENCE and lemma in REPORTING and not any(
                    c.dep_ == "neg" for c in verb.children):
                judged.extend(self._valence_judgements(ctx, verb, comp, inner, judged_verbs, depth))
            if inner:
                reporter = self._subjects(ctx, verb)
                speaker = self.news and "speaker_conj" not in self._recall_off and [
                    m for m in reporter if m.coded]
                # "..., officials said": a trailing attribution sources the report, it is no claim
                trailing = all(c.i < verb.i for c in comp)
                out: list[dict] = []
                for ev in inner:
                    if speaker and self._speaker_conjunct(ctx, ev, comp):
                        out.extend(dict(ev, source=m) for m in speaker)  # the speaker's own act, not reported
                        continue
                    out.extend(self._transform(ctx, ev, verb, reporter, own, apply=not trailing))
                if self.news and lemma in self._TELLING and "told_addressee" not in self._recall_off:
                    out = self._told_addressee(ctx, verb, out)
                if judged:
                    out = judged + [ev for ev in out if ev["verb"] not in judged_verbs]
                if denial:
                    # the denied act is not coded; a coordinated act of the speaker's is ("denied that ... and
                    # accused Thailand of ...")
                    kept = {k.i for c in comp for x in c.children if x.dep_ == "conj" and x.pos_ == "VERB"
                            for k in x.subtree}
                    denied = {k.i for c in comp for k in c.subtree} - kept
                    out = denial + [ev for ev in out if ev["verb"] not in denied]
                return out
            if denial or judged:
                return denial + judged
            if own is None or own.code[:2] == "01" or lemma in REPORTING:
                return []
        if comp and own is not None and (
            {lemma.upper(), own.entry.base} & self._transform_outer
        ):
            # "Obama wants Putin to attack Switzerland": a transformation line may recode it
            inner = []
            for c in comp:
                inner.extend(self._code_clause(ctx, c, depth + 1))
            outer_subj = self._subjects(ctx, verb)
            done = []
            for ev in inner:
                for ev2 in self._transform(ctx, ev, verb, outer_subj, own, flag="intent"):
                    if any(step.kind == "transformation" for step in ev2.get("steps", ())):
                        done.append(ev2)
            if done:
                return done
        if own is not None and "intent" in own.flags and self._transformations:
            own = self._chain_transform(ctx, verb, own)
        if own is None:
            if self.news and verb.lemma_.lower() == "be":
                for c in verb.children:
                    # "Russia is opposed to any attempts by the US": a participle after the copula is the verb
                    if c.dep_ == "acomp" and c.tag_ == "VBN":
                        evs = self._code_clause(ctx, c, depth + 1)
                        if evs:
                            return evs
            if (depth == 0 or (self.news and verb.dep_ == "ccomp" and depth == 1)) and not need_pattern:
                # an uncoded main verb ("The stopover came as ..."), or the uncoded main verb of a reported
                # clause ("..., Lavrov said"): code the clauses it governs
                for c in verb.children:
                    if c.dep_ in ("advcl", "ccomp", "conj") and c.pos_ in ("VERB", "AUX"):
                        # a coordinated verb with its own object is a clause of its own, as in _code_sentence
                        own_obj = self.news and any(k.dep_ in ("dobj", "dative", "agent") for k in c.children)
                        evs = self._code_clause(ctx, c, depth + 1, need_pattern=c.dep_ == "conj" and not own_obj)
                        if evs:
                            return evs
                    elif c.dep_ == "prep" and ctx.up[c.i] == "WITH" and self.news and lemma in self._ANSWERING and (
                            "answer_with" not in self._recall_off):
                        evs = self._answered_with(ctx, verb, c, depth)
                        if evs:
                            return evs
                    elif c.dep_ == "prep" and ctx.up[c.i] == "BY" and self.news and "by_means" not in self._recall_off:
                        # "responded by calling Maduro a dictator", "reacted by closing the border": the act is
                        # the means the uncoded verb names
                        for k in c.children:
                            if k.dep_ == "pcomp" and k.tag_ == "VBG":
                                evs = self._code_clause(ctx, k, depth + 1)
                                subs = [m for m in self._subjects(ctx, verb) if m.coded]
                                evs = [dict(ev, source=m) for ev in evs for m in (
                                    subs if ev["source"] is None else [ev["source"]]) if m is not ev["target"]]
                                if evs:
                                    return evs
                if any(c.dep_ == "expl" for c in verb.children):
                    # "There were 10 Russian soldiers killed in Ukraine": the participle is the clause
                    for c in verb.children:
                        if c.dep_ in ("attr", "nsubj"):
                            for a in c.children:
                                if a.dep_ == "acl" and a.tag_ == "VBN":
                                    evs = self._code_clause(ctx, a, depth + 1)
                                    if evs:
                                        return evs
            return []
        if need_pattern and own.pattern is None and not (
                self.news and "conj_complement" not in self._recall_off and (
                    "threat" in own.flags or own.verb != verb.i
                    and any(k.dep_ in ("dobj", "prep", "dative") for k in ctx.doc[own.verb].children))) and not (
                self.news and "conj_clause" not in self._recall_off and own.verb == verb.i
                and any(k.dep_ == "ccomp" for k in verb.children)):
            # "... and vowed to crack down on them": a coordinated verb whose complement acts on something is a
            # clause with its own content, as one with its own object
            return []
        if lemma in REPORTING and own.pattern is None and own.verb == verb.i and not (
                {"appeal", "threat", "light", "object"} & set(own.flags)):
            return []  # no event for every "said"
        evs = self._events_for(ctx, own, verb, depth)
        if self.news and evs and own.verb == verb.i and own.code[:2] in ("01", "04") and (
                "purpose_act" not in self._recall_off):
            evs.extend(self._purpose_acts(ctx, verb, depth))
        if self.news and evs and own.verb == verb.i and own.code[:2] in ("02", "10") and (
                "appeal_conj" not in self._recall_off):
            for more in self._more_acts_asked(ctx, verb, own):
                evs.extend(self._events_for(ctx, more, verb, depth))
        return evs

    def _purpose_acts(self, ctx: _Ctx, verb, depth: int) -> list[dict]:
        """"telephoned Hamdok to congratulate him", "met the envoy to protest the raid": a contact (a statement or a
        consultation, 01x/04x) made to do a verbal act -- the to-infinitive of its purpose -- is that act too, done
        by the same subject, to the one it names or else to the one contacted."""
        out: list[dict] = []
        for x in verb.children:
            if x.dep_ not in ("xcomp", "advcl") or x.tag_ != "VB" or not any(
                    k.dep_ == "aux" and k.tag_ == "TO" for k in x.children) or any(
                    k.dep_ in ("nsubj", "nsubjpass") for k in x.children):
                continue
            act = self._code_verb(ctx, x, self._chain(x))
            if act is None or act.code[:2] not in self._SPEECH_ROOTS or act.code[:2] == "03":
                continue
            contacted = [m for k in verb.children if k.dep_ == "dobj" for m in self._mentions_at(ctx, k) if m.coded]
            for ev in self._events_for(ctx, act, x, depth + 1):
                out.extend(_fill_role(ev, "target", contacted))
        return out

    _ANSWERING = frozenset("respond answer reply react retaliate".split())

    def _answered_with(self, ctx: _Ctx, verb, prep, depth: int) -> list[dict]:
        """"Pakistan answered with artillery fire and drone attacks", "Russia responded with a missile attack on
        Kyiv": a verb of answering names no act of its own; the act is the hostile one its "with" names (each of a
        list), done by the verb's subject."""
        out: list[dict] = []
        nouns = [p for p in prep.children if p.dep_ == "pobj"]
        nouns += [k for p in nouns for k in p.conjuncts if k.pos_ == "NOUN"]
        for noun in nouns:
            act = self._code_verb(ctx, noun, [noun], noun=True)
            code = act.code.split(":")[0] if act is not None and act.code else ""
            if not code[:2].isdigit() or not 11 <= int(code[:2]) <= 20:
                continue  # "responded with a statement": no act named
            if code in ("190", "193") and "answer_weapon" not in self._sense_off:
                # "answered with heavy artillery fire", "responded with air strikes": the weapon named decides the
                # armed act, as for a verb (subcodes: 194 shelling and artillery, 195 air strikes, drones, missiles)
                words = subcodes.phrase_lemmas(ctx, noun)
                code = "194" if words & subcodes.HEAVY_WEAPONS else "195" if words & subcodes.AERIAL_WEAPONS else code
            why = f'answered with "{noun.text}"'
            cand = self._noun_carried(verb, noun, act, code, f"{act.evidence}; {why} [{code}]",
                                      Step("answer with", code, noun.text), keep_match=False)
            out.extend(self._events_for(ctx, cand, verb, depth))
        return out

    def _more_acts_asked(self, ctx: _Ctx, verb, own: Candidate) -> list[Candidate]:
        """"urged Iran to free the hostages and open talks": an appeal (or demand) asks for each act of its
        to-infinitive, the coordinated ones too -- one appeal per act asked for, each with the subcode of its act
        (family_code), where that differs from the first's."""
        chain = self._chain(verb)
        if len(chain) < 2:
            return []
        out: list[Candidate] = []
        codes = {own.code}
        conjs, todo = [], [chain[1]]
        if "bare_conj" not in self._recall_off:
            todo += [c for c in verb.children if c.dep_ == "conj" and self._continues_infinitive(verb, c)]
            conjs += todo[1:]
        while todo and len(conjs) < 6:  # "to free the hostages, open the border and hold talks": a list of acts
            x = todo.pop(0)
            for c in x.children:
                if c.dep_ == "conj" and c.pos_ == "VERB" and c.tag_ == "VB" and not any(
                        k.dep_ in ("nsubj", "nsubjpass") for k in c.children):
                    conjs.append(c)
                    todo.append(c)
        for c in conjs:
            inner_chain = self._chain(c)
            inner = self._code_verb(ctx, c, inner_chain)
            if inner is None or (ctx.lem[c.i].lower() in LIGHT_VERBS and inner.pattern is None and (
                    inner.code[:2] == "01")):
                inner = self._light_noun(ctx, c) or inner  # "... and open talks": the act its object names
            inner = self._object_sense(ctx, inner_chain, inner)
            code = family_code(own.code[:2], inner.code.split(":")[0]) if inner is not None and inner.code else None
            if not code or code in codes:
                continue
            codes.add(code)
            why = f'and asks for "{c.text}" [{inner.code}] -> [{code}]'
            out.append(Candidate(code, verb.i, f"{own.evidence}; {why}", None, own.entry, {}, [*own.flags, "appeal"],
                                 own.extra_trigger, (*own.steps, Step("appeal", code, c.text))))
        return out

    def _speaker_conjunct(self, ctx: _Ctx, ev: dict, comp) -> bool:
        """"The observers said the vote had been peaceful and praised the commission": the parser hangs the second
        verb on the reported clause, but a finite verb with no subject of its own whose clause's subject is no one
        who acts (a thing, "there") is the speaker's second act: its event takes the reporter as source."""
        if ev.get("source") is not None:
            return False
        v = ctx.doc[ev["verb"]]
        if v.dep_ != "conj" or v.tag_ not in ("VBD", "VBZ", "VBP") or v.head not in comp or any(
                c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in v.children):
            return False
        head = v.head
        subs = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")]
        if not subs or any(c.dep_ in ("nsubj", "nsubjpass") and (
                ctx.by_head.get(c.i) or self._is_actor(ctx, c) or c.pos_ == "PRON") for c in subs):
            return False
        return True

    def _nominal(self, ctx: _Ctx, sent) -> list[dict]:
        """Events named by a noun with its actor: "the US attempts to undermine this cooperation".

        Only for sentences whose clauses gave no event; low confidence, flagged ``"nominal"``.
        """
        out: list[dict] = []
        for tok in sent:
            if tok.pos_ != "NOUN" or tok.i < ctx.skip:
                continue
            owners = [m for m in ctx.by_head.get(tok.i, ()) if m.coded and not (m.start <= tok.i < m.end)]
            if not owners:
                owners = self._nominal_agent(ctx, tok)
            misread = self.news and any(c.dep_ == "dobj" for c in tok.children)
            if not owners and misread:
                # a noun with a direct object is a verb the tagger misread, as in headlines ("Bangladesh police
                # arrest opposition leader"): the actor words before it are its subject
                left = [c for c in tok.children if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod", "poss")]
                if tok.head.i < tok.i and tok.head.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "compound"):
                    left.append(tok.head)  # the parser hung the verb on its subject: "Bangladesh <- arrest"
                owners = [m for c in left for m in self._mentions_at(ctx, c) if m.coded]
            if not owners:
                continue
            cand = self._code_verb(ctx, tok, [tok], noun=True)
            inner_verbs = [c for c in tok.children if c.dep_ in ("acl", "xcomp") and c.pos_ == "VERB"]
            if (cand is None or tok.lemma_.lower() in TRANSPARENT) and inner_verbs:
                inner = self._best_in_chain(ctx, inner_verbs[0])
                if inner is not None:
                    cand = inner
                    cand.flags.append("intent")
            if cand is None:
                continue
            cand.flags.append("nominal")
            cand.evidence = f'noun "{tok.text}": {cand.evidence}'
            cand.steps = (*cand.steps, Step("noun", text=tok.text))
            v = ctx.doc[cand.verb]
            targets = []
            if misread:
                targets = [m for c in tok.children if c.dep_ == "dobj" for m in self._mentions_at(ctx, c) if m.coded]
            for c in ([] if targets else tok.children):
                if c.dep_ == "prep" and ctx.up[c.i] in ("OF", "AGAINST", "ON", "WITH", "TO", "TOWARD", "TOWARDS"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            targets = [m for m in self._mentions_at(ctx, p) if m.coded]
                    if targets:
                        break
            if not targets and v.i != tok.i:
                targets = [m for m in self._objects(ctx, v, cand, exclude={m.head for m in owners}) if m.coded]
            if not targets and v.i == tok.i:
                continue  # a bare noun with its owner ("the Gondor parade") is too weak
            code = cand.code.split(":")[0] or cand.code.split(":")[-1]
            reporters = self._reporters(ctx, sent) if self.news else []
            if code[:2].isdigit() and 10 <= int(code[:2]) <= 20 and code[:2] != "13" and reporters and not (
                    {c[:3] for m in reporters for c in m.codes} & {c[:3] for m in owners for c in m.codes}):
                # "... despite the US attempts to undermine this cooperation, Lavrov said": a speaker naming
                # another's hostile act accuses it (112), as "X claimed that Y attacked" does
                owners, targets, code = reporters, owners, "112"
                cand.flags.append("accusation")
                cand.evidence += "; named by a speaker -> accusation [112]"
                cand.steps = (*cand.steps, Step("accusation", "112", "a speaker naming another's hostile act"))
            for s_m in owners:
                for t_m in targets or [None]:
                    out.append(dict(
                        code=code, source=s_m, target=t_m, verb=cand.verb, extra=cand.extra_trigger,
                        evidence=cand.evidence, flags=tuple(cand.flags), confidence=0.35,
                        block=cand.entry.block, base=cand.entry.base, subj_pron=False,
                        pattern=cand.pattern, entry=cand.entry, steps=cand.steps,
                    ))
        return out

    def _reporters(self, ctx: _Ctx, sent) -> list[Mention]:
        """The coded speakers of a sentence whose main verb reports speech ("..., Lavrov said")."""
        root = sent.root
        if root.lemma_.lower() not in REPORTING and root.lemma_.lower() not in CLAIMING:
            return []
        return [m for m in self._subjects(ctx, root) if m.coded and not m.codes[0].startswith("---")]

    def _nominal_agent(self, ctx: _Ctx, tok) -> list[Mention]:
        """The agent of an event noun: "attempts by the US", "attempts on the part of the US"."""
        for c in tok.children:
            if c.dep_ != "prep":
                continue
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                if ctx.up[c.i] == "BY":
                    return [m for m in self._mentions_at(ctx, p) if m.coded]
                if ctx.up[c.i] == "ON" and ctx.up[p.i] == "PART":
                    for c2 in p.children:
                        if c2.dep_ == "prep" and ctx.up[c2.i] == "OF":
                            for p2 in c2.children:
                                if p2.dep_ == "pobj":
                                    return [m for m in self._mentions_at(ctx, p2) if m.coded]
        return []

    def _chain_transform(self, ctx: _Ctx, outer, cand: Candidate) -> Candidate:
        """``~ a (_ b ATTACK) WANT = a b 138``: "X wants to attack Y" is a threat, not an attack."""
        names = {outer.lemma_.upper(), ctx.up[outer.i]}
        info = {"block": cand.entry.block, "base": cand.entry.base, "code": cand.code}
        for tr in self._transformations:
            if tr.inner_source != "_" or tr.outer not in names or not self._inner_matches(tr.inner, info):
                continue
            code = cand.code if tr.code == "Q" else tr.code
            return Candidate(
                code, cand.verb, f"{cand.evidence}; transformation {tr.text!r} (line {tr.line})",
                cand.pattern, cand.entry, cand.matched, [f for f in cand.flags if f != "intent"],
                cand.extra_trigger, (*cand.steps, Step("transformation", code, tr.text, tr.line)),
            )
        return cand

    def _chain(self, verb) -> list:
        chain = [verb]
        cur = verb
        for _ in range(5):
            nxt = None
            if INVITATION_KEEPS_ITS_ACT and cur.lemma_.lower() in INVITING and any(
                    c.dep_ in ("dobj", "obj") for c in cur.children):
                break  # "invited Xi to attend the summit": the invitation is the inviter's act, attending Xi's
            for c in cur.children:
                if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                    nxt = c
                    break
                if (CONCERNED_ADJECTIVES and c.dep_ == "acomp" and cur.lemma_ == "be" and c.i > cur.i
                        and _psych_base(c) in PSYCH_VERBS):
                    nxt = c  # "Japan was deeply concerned about ...": the feeling voiced (CONCERN, WORRY, ALARM)
                    break
                if c.dep_ == "acomp":
                    for cc in c.children:
                        if cc.dep_ == "xcomp" and cc.pos_ in ("VERB", "AUX"):
                            nxt = cc
                            break
                    if nxt is not None:
                        break
            if nxt is None:
                break
            chain.append(nxt)
            cur = nxt
        return chain

    def _best_in_chain(self, ctx: _Ctx, verb) -> Candidate | None:
        chain = self._chain(verb)
        cands = [self._code_verb(ctx, v, chain) for v in chain]
        if self.news:
            for k, v in enumerate(chain):
                c = cands[k]
                if (ctx.lem[v.i].lower() in LIGHT_VERBS or (
                        ctx.lem[v.i].lower() in self._RENEWING and "renew" not in self._recall_off)) and (c is None or (
                        c.pattern is None and c.verb == v.i and c.code[:2] == "01")):
                    # "launched air strikes against", "held talks with", "ordered the release of": the noun's act;
                    # "renewed its appeal for", "reiterated its threat to": the act named again
                    cands[k] = self._light_noun(ctx, v) or c
        chosen: Candidate | None = None
        for k, cand in enumerate(cands):
            v = chain[k]
            if cand is None:
                continue
            chosen = cand
            # an outer transparent verb matched only by its block default gives way
            # to a coded inner verb (PETRARCH's CAMEO convention)
            if cand.pattern is None and (v.lemma_.lower() in TRANSPARENT or cand.code[:2] == "03"):
                inner = next((c for c in cands[k + 1 :] if c is not None), None)
                if inner is not None:
                    inner.flags.append("intent")
                    chosen = inner
                    if v.lemma_.lower() in AGREEING and self._agreement_is_intent():
                        chosen = self._agreed_act(inner)
                elif v.lemma_.lower() in AGREEING and self._agreement_is_intent() and (
                        k + 1 < len(chain) or any(c.dep_ == "prep" and ctx.up[c.i] == "TO" for c in v.children)):
                    # "agreed to open its borders", "agreed to a five-year programme": an agreement to act (030),
                    # not the block default's support of someone (050)
                    chosen = Candidate("030", cand.verb, cand.evidence + "; agreed to -> intent [030]", None,
                                       cand.entry, {}, [*cand.flags, "intent"], cand.extra_trigger,
                                       (*cand.steps, Step("intent", "030", "agreed to")))
            break
        if (self.news and len(chain) > 1 and verb.lemma_.lower() in DIRECTING and cands[0] is not None
                and (chosen is None or chosen.code[:2] in ("01", "02") or chosen.verb != verb.i)
                and any(c.dep_ in ("dobj", "dative") and c.i in ctx.by_head for c in verb.children)
                and (chain[1].tag_ == "VB" or "tell_infinitive" in self._recall_off)):
            # "told residents to stay in shelters": telling someone to act is an appeal to them -- only with an
            # infinitive to act ("told the crowd outside the building that ...": a participle the parser hung on
            # the verb asks nothing)
            first = cands[0]
            chosen = Candidate("020", verb.i, f"verb {verb.text} + object + to-infinitive [020]", None,
                               first.entry, {}, first.flags + ["appeal"], first.extra_trigger,
                               (*first.steps, Step("appeal", "020")))
        if (self.news and chosen is not None and chosen.verb == verb.i and chosen.pattern is None
                and chosen.code[:2] == "03" and verb.lemma_.lower() in WISHING):
            # "both sides want the Taliban to deliver", "expects Beijing to release": wanting another actor to
            # act is an appeal to it (02x, the subcode from the act wanted), not an intent of one's own
            for c in verb.children:
                if c.dep_ not in ("ccomp", "xcomp") or c.pos_ not in ("VERB", "AUX"):
                    continue
                if not any(k.dep_ in ("nsubj", "nsubjpass") and k.i in ctx.by_head
                           and any(m.coded for m in ctx.by_head[k.i]) for k in c.children):
                    continue
                inner = self._code_verb(ctx, c, self._chain(c))
                code = (family_code("02", inner.code.split(":")[0]) if inner is not None else None) or "020"
                chosen = Candidate(code, verb.i, chosen.evidence + f"; wants another actor to act -> appeal [{code}]",
                                   None, chosen.entry, {}, chosen.flags + ["appeal"], chosen.extra_trigger,
                                   (*chosen.steps, Step("appeal", code)))
                break
        if self.news and chosen is not None and chosen.verb == verb.i and chosen.code in ("020", "100", "1041", "130") \
                and len(chain) > 1:
            # "urged New Delhi to take steps", "called on both sides to end hostilities": the appeal (or demand)
            # takes its subcode from the act it asks for; "threatened to shoot down" is a threat of force (138)
            inner = next((c for c in cands[1:] if c is not None), None)
            if inner is not None:
                family = "03" if chosen.code == "130" else chosen.code[:2]
                code = family_code(family, inner.code.split(":")[0])
                kind = "threat" if chosen.code == "130" else "appeal"
                if chosen.code == "130" and code and code[:2] != "13":
                    code = None
                if code and code != chosen.code:
                    chosen = Candidate(
                        code, chosen.verb, chosen.evidence + f"; asks for [{inner.code}] -> [{code}]",
                        chosen.pattern, chosen.entry, chosen.matched, chosen.flags + [kind],
                        chosen.extra_trigger, (*chosen.steps, Step(kind, code)),
                    )
        if (self.news and chosen is not None and chosen.verb == verb.i and chosen.code == "130"
                and chosen.pattern is None and "warn" not in self._sense_off):
            # "warned Lima that Congress would suspend sales if ...": a warning of a hostile act to come threatens it
            for c in verb.children:
                warned = FUTURE_MODALS if "warn_could" in self._recall_off else FUTURE_MODALS | {
                    "COULD", "MIGHT", "MAY"}  # "warned that they could use force": a threat too
                if c.dep_ != "ccomp" or not any(a.dep_ == "aux" and ctx.up[a.i] in warned for a in c.children):
                    continue
                inner_chain = self._chain(c)
                inner = self._object_sense(ctx, inner_chain, self._code_verb(ctx, c, inner_chain))
                code = family_code("03", inner.code.split(":")[0]) if inner is not None else None
                if code and code[:2] == "13" and code != "130":
                    chosen = Candidate(code, chosen.verb, chosen.evidence + f"; warns of [{inner.code}] -> [{code}]",
                                       None, chosen.entry, {}, chosen.flags + ["threat"], chosen.extra_trigger,
                                       (*chosen.steps, Step("threat", code)))
                break
        if (self.news and chosen is not None and chosen.code[:2] == "02"
                and ctx.lem[chosen.verb].lower() in ("demand", "insist")
                and "demand" not in self._recall_off):
            # "demanded talks", "demanded the release of": CAMEO's DEMAND block lists the appeal patterns (026,
            # 0253) of the verbs it merged, but demanding is a demand (10x), the same subcode in its family
            code = "10" + chosen.code[2:]
            chosen = Candidate(code, chosen.verb, chosen.evidence + f"; demanded -> [{code}]", chosen.pattern,
                               chosen.entry, chosen.matched, chosen.flags, chosen.extra_trigger,
                               (*chosen.steps, Step("demand", code)))
        if self.news:
            chosen = self._object_sense(ctx, chain, chosen)
        if chosen is None and self.news:
            chosen = self._refused_act(ctx, chain)
        if self.news and "ready_noun" not in self._recall_off and (chosen is None or (
                chosen.pattern is None and chosen.verb == verb.i and chosen.code[:2] == "01")):
            chosen = self._ready_for(ctx, verb) or chosen
        if self.news and chosen is None and "ready_uncoded" not in self._recall_off:
            chosen = self._ready_to_act(ctx, verb)
        if self.news and chosen is None and "future_with" not in self._recall_off:
            chosen = self._future_with(ctx, verb, chain, cands)
        if chosen is not None and chosen.verb != verb.i:
            # "refused to send peacekeepers": the inner act does not happen
            outer = [t for t in chain if t.i < chosen.verb]
            if any(t.lemma_.lower() in REFUSING for t in outer):
                root = chosen.code[:2]
                if root in NEG_REJECT:
                    chosen = Candidate(
                        NEG_REJECT[root], chosen.verb, chosen.evidence + f"; refused -> [{NEG_REJECT[root]}]",
                        chosen.pattern, chosen.entry, chosen.matched, chosen.flags + ["refusal"],
                        chosen.extra_trigger, (*chosen.steps, Step("refusal", NEG_REJECT[root])),
                    )
                else:
                    chosen.flags.append("negated")
        if (self.news and chosen is not None and chosen.verb != verb.i and "halted_act" not in self._recall_off
                and ctx.doc[chosen.verb].tag_ == "VBG" and ctx.doc[chosen.verb].dep_ == "xcomp"
                and ctx.lem[ctx.doc[chosen.verb].head.i].lower() in STOPPING):
            # "stopped supplying gas", "suspended issuing visas": a cooperative act stopped is its reduction (16x)
            halt = ctx.doc[chosen.verb].head
            code = self._halted_object(ctx, halt, ctx.doc[chosen.verb], chain) or self._halted(
                chosen.code.split(":")[0])
            if code is not None:
                chosen = Candidate(code, chosen.verb, chosen.evidence + f"; {halt.text} + the act -> [{code}]", None,
                                   chosen.entry, {}, chosen.flags, chosen.extra_trigger,
                                   (*chosen.steps, Step("halted", code, halt.text)))
        return self._subcode(ctx, verb, chain, chosen)  # the most specific code (subcodes.py, helper C)

    def _halted_object(self, ctx: _Ctx, halt, act, chain) -> str | None:
        """The halting verb's own pattern for the stopped act's object when it names a reduction or a sanction (16x,
        17x): "stopped issuing visas" is "stopped visas" ("* VISAS" [172])."""
        _pre, post = self._material(ctx, act, chain)
        if not post:
            return None
        words = {ctx.up[t] for t in post} | {ctx.lem[t] for t in post}
        best, best_n = None, 0
        for e in self.verbs.entries_for(ctx.up[halt.i], ctx.lem[halt.i]):
            block = self.verbs.blocks.get(e.block)
            if block is None or e.pre or e.post:
                continue
            for pat in block.candidates(words):
                if not pat.code or pat.pre or pat.size <= best_n or pat.code[:2] not in ("16", "17"):
                    continue  # only a pattern naming a reduction or a sanction ("stopped weapons" 087 is no sale)
                m = self._match(ctx, pat, act, [], post, set())
                if m is not None and m.get("n", 0) > best_n:
                    best, best_n = pat.code.split(":")[0], m.get("n", 0)
        return best

    @staticmethod
    def _halted(code: str) -> str | None:
        """The CAMEO reduction of a cooperative act stopped: aid 07x -> 162x (1621-1623), negotiation 046 -> 164,
        mediation 045 -> 165, other consultation, diplomatic or material cooperation (04-06) -> 160."""
        if code[:2] == "07":
            return {"071": "1621", "072": "1622", "073": "1623"}.get(code[:3], "162")
        if code[:3] == "046":
            return "164"
        if code[:3] == "045":
            return "165"
        if code[:2] in ("04", "05", "06"):
            return "160"
        return None

    # verbs that name an act again ("renewed its appeal for", "reiterated its demand", "reaffirmed its commitment
    # to"): the act is the one their object noun names, as after a light verb (_best_in_chain)
    _RENEWING = frozenset({"renew", "reiterate", "repeat", "reaffirm", "restate"})

    def _ready_for(self, ctx: _Ctx, verb) -> Candidate | None:
        """"remained open to dialogue with ECOWAS", "says ready for talks with India": readiness for an act a noun
        names (its verb entry, or its verb's for a nominalisation) is the intent of that act (03x; a hostile one is a
        threat, 13x), as "ready to talk" is."""
        for adj in self._readiness(ctx, verb, ("acomp", "dobj", "oprd", "xcomp"), READY_WORDS):
            for prep in adj.children:
                if prep.dep_ != "prep" or ctx.up[prep.i] not in ("TO", "FOR"):
                    continue
                for noun in prep.children:
                    if noun.dep_ != "pobj":
                        continue
                    act = self._code_verb(ctx, noun, [noun], noun=True)
                    code = family_code("03", act.code.split(":")[0]) if act is not None and act.code else None
                    if not code:
                        continue
                    return Candidate(code, verb.i, f'"{adj.text} {prep.text} {noun.text}": {act.evidence}; ready for '
                                     f"the act -> intent [{code}]", None, act.entry, {}, ["intent", "light"],
                                     (adj.i, noun.i), (*act.steps, Step("intent", code, adj.text)))
        return None

    @staticmethod
    def _readiness(ctx: _Ctx, verb, deps: tuple[str, ...], words: frozenset[str]) -> list:
        """The adjectives of readiness on ``verb`` (one of ``words``, hung on it as one of ``deps``): "remained open
        to dialogue", "says ready for talks" (_ready_for: an act a noun names), "stood ready to arrange" (_ready_to_act:
        an act the dictionary has no verb for)."""
        return [adj for adj in verb.children if adj.dep_ in deps and adj.pos_ == "ADJ"
                and ctx.lem[adj.i].lower() in words]

    def _future_with(self, ctx: _Ctx, verb, chain, cands: list[Candidate | None]) -> Candidate | None:
        """"Ethiopia would work with Kenya", "Beijing would keep working with ASEAN": a future act done with a
        named partner that the dictionary has no verb for is an intent to cooperate with it (CAMEO 030; the
        article conventions' "will"/"would" + a future act)."""
        if not any(c.tag_ == "MD" and ctx.lem[c.i].lower() in ("will", "would", "shall") for c in verb.children) or any(
                c.dep_ == "neg" for v in chain for c in v.children):
            return None
        if any(c is not None for c in cands):  # the chain's verbs as _best_in_chain coded them
            return None
        for v in chain:
            for p in v.children:
                if p.dep_ == "prep" and ctx.up[p.i] == "WITH" and any(
                        k.dep_ == "pobj" and any(m.coded for m in self._mentions_at(ctx, k)) for k in p.children):
                    return self._intent_030(verb, f'"{verb.text} ... with": a future act with a partner -> '
                                            'intent [030]', (v.i, p.i))
        return None

    def _intent_030(self, verb, why: str, extra: tuple[int, ...]) -> Candidate | None:
        """An intent to cooperate, not otherwise specified (030), read from grammar, not from a verb pattern: the
        dictionary's INTEND entry as its source (None without one)."""
        entries = self.verbs.entries_for("INTEND")
        if not entries:
            return None
        return Candidate("030", verb.i, why, None, entries[0], {}, ["intent"], extra, (Step("intent", "030", why),))

    _TELLING = frozenset(("tell", "inform", "assure"))

    def _told_addressee(self, ctx: _Ctx, verb, evs: list[dict]) -> list[dict]:
        """"Pezeshkian told the United States that Tehran was ready to return to negotiations": what a statement
        announces to a named addressee (a name: not "told reporters", "told the crowd") and names no target of its
        own is aimed at the addressee."""
        to = [m for k in verb.children if k.dep_ in ("dobj", "dative") and k.pos_ == "PROPN"
              for m in self._mentions_at(ctx, k) if m.coded]
        if not to:
            return evs
        out: list[dict] = []
        for ev in evs:
            if ev["source"] is not None and not any(ev["source"] is m for m in to):
                out.extend(_fill_role(ev, "target", to))
            else:
                out.append(ev)
        return out

    _READY_TO = frozenset(("ready", "willing", "prepared"))

    def _ready_to_act(self, ctx: _Ctx, verb) -> Candidate | None:
        """"Lima was ready to open a new chapter of relations with Santiago", "stood ready to arrange further
        exchanges between Moscow and Kyiv": readiness to do an act the dictionary has no verb for is an intent to
        cooperate, not otherwise specified (CAMEO 030; the article conventions' "is ready/willing to" intents). A
        coded act keeps its own intent (the chain codes it), and a target is still required downstream."""
        if any(c.dep_ == "neg" for c in verb.children):
            return None
        for adj in self._readiness(ctx, verb, ("acomp",), self._READY_TO):
            if any(c.dep_ == "neg" for c in adj.children):
                continue
            for x in adj.children:
                if x.dep_ != "xcomp" or x.tag_ != "VB" or not any(
                        c.dep_ == "aux" and c.tag_ == "TO" for c in x.children) or any(
                        c.dep_ == "neg" for c in x.children):
                    continue
                if self._code_verb(ctx, x, self._chain(x)) is not None:
                    return None  # an act the dictionary codes: the chain codes its intent
                return self._intent_030(verb, f'"{adj.text} to {x.text}": readiness for an uncoded act -> intent '
                                        '[030]', (adj.i, x.i))
        return None

    # ------------------------------------------------------------------ verbs and patterns
    def _code_verb(self, ctx: _Ctx, v, chain, noun: bool = False) -> Candidate | None:
        if noun:
            if v.pos_ != "NOUN":
                return None
        elif v.pos_ not in ("VERB", "AUX") and v.tag_ not in ("VBN", "VBG", "VBD", "VBZ", "VBP", "VB") and not (
                CONCERNED_ADJECTIVES and _psych_base(v) in PSYCH_VERBS and (v.dep_ == "acomp" or (
                    PSYCH_ADJ_PASSIVE and _psych_passive_adjective(v)))):
            # ("said on Monday that it was deeply concerned by the move": the tagger's adjective with a passive's
            # "was" is the feeling's clause, as "said it was deeply concerned" is)
            return None
        i = v.i
        entries = self.verbs.entries_for(ctx.up[i], ctx.lem[i])
        if not entries and noun:
            # a nominalisation names its verb's act: "the suspension of aid" ~ SUSPEND, "deployment" ~ DEPLOY
            for stem in lexicon.verb_stems(ctx.lem[i]):
                entries = [e for e in self.verbs.entries_for(stem) if not e.pre and not e.post]
                if entries:
                    break
        if not entries:
            return None
        pre_toks: list[int] | None = None
        post_toks: list[int] | None = None
        words_here: set[str] | None = None
        best: Candidate | None = None
        discard = -1  # tokens the longest matched pattern of the verb's own coded [---] covers
        phrasal = False
        if self.news and "phrasal_blocks" not in self._recall_off:
            entries = sorted(entries, key=lambda e: not e.post)  # phrasal entries first: they block the head's
        for e in entries:
            extra: list[int] = []
            if e.pre:
                k = len(e.pre)
                if i - k < 0 or tuple(ctx.up[i - k : i]) != e.pre:
                    continue
                extra.extend(range(i - k, i))
            if e.post:
                # particles/prepositions of a multi-word verb: in order among the next tokens
                j = i + 1
                ok = True
                for w in e.post:
                    while j < len(ctx.up) and j <= i + 6 and ctx.up[j] != w:
                        j += 1
                    if j >= len(ctx.up) or j > i + 6:
                        ok = False
                        break
                    if self.news and "real_particle" in self._trial_on and not self._particle_of(
                            ctx, v, j, extra[-1] if extra else i):
                        ok = False
                        break
                    extra.append(j)
                    j += 1
                if not ok:
                    continue
                if self.news and "phrasal_blocks" not in self._recall_off and any(
                        ctx.doc[t].dep_ == "prt" and ctx.doc[t].head.i == i for t in extra):
                    phrasal = True  # "wound up the operation": the phrasal verb, never WOUND's senses
            elif phrasal or (not e.pre and v.tag_ in ("VBD", "VBN") and ctx.up[i] == e.base
                             and ctx.lem[i] != e.base and self.news and "past_homograph" in self._trial_on):
                # a past form spelled as another verb's base ("wound" of wind, "found" of find) is not that verb
                continue
            if pre_toks is None:
                pre_toks, post_toks = self._material(ctx, v, chain)
            block = self.verbs.blocks.get(e.block)
            if block is None:
                continue
            cand = None
            best_n = -1
            if words_here is None:
                words_here = {ctx.up[t] for t in pre_toks} | {ctx.lem[t] for t in pre_toks}
                words_here |= {ctx.up[t] for t in post_toks} | {ctx.lem[t] for t in post_toks}
            for pat in block.candidates(words_here):
                if pat.size < best_n:
                    break  # sorted by size: no longer pattern can match more tokens
                if (GENERIC_PATTERNS_OWN_VERB and pat.size <= 1 and pat.for_verb and pat.for_verb != e.base.upper()
                        and pat.need and pat.need[0] <= PREPOSITION_WORDS):
                    continue  # "- * TO [030]  # HEAD": "head to" is no "order to"
                matched = self._match(ctx, pat, v, pre_toks, post_toks, set(extra))
                if matched is None:
                    continue
                n_tok = matched.get("n", 0)
                if n_tok <= best_n:
                    continue
                best_n = n_tok
                if pat.code is None:
                    cand = Candidate("", i, f'verb {e.base} pattern "{pat.text}" [---]', pat, e, matched)
                    continue
                cand = Candidate(
                    pat.code, i, f'verb {e.base} pattern "{pat.text}" [{pat.code}] ({pat.file}:{pat.line})',
                    pat, e, matched, extra_trigger=tuple(extra),
                )
            if cand is not None and not cand.code:
                if cand.pattern is not None and cand.pattern.for_verb == e.base.upper():
                    discard = max(discard, cand.matched.get("n", 0))  # the verb's own (not a block-mate's) line
                continue  # a pattern coded [---]: no event
            if cand is None and e.code is not None:
                cand = Candidate(
                    e.code, i, f"verb {e.base} in block {e.block.split('#')[0]} [{e.code}] "
                    f"({e.file}:{e.line})", None, e, {}, extra_trigger=tuple(extra),
                )
            if cand is None and e.code is None and self.news and not noun and self._has_object(v) and (
                    e.block.split("#")[0].split("_")[0] == e.base.split("_")[0].lstrip("+")):
                # a block with no default whose patterns mostly give one root ("lift" 08x: lifting
                # sanctions, a ban, a curfew, a blockade): an object the patterns do not list is that root's act
                root = self._block_root(block)
                if root is not None:
                    cand = Candidate(
                        root, i, f"verb {e.base} with an object no pattern of block {e.block.split('#')[0]} "
                        f"lists: the block's patterns' root [{root}]", None, e, {}, ["class"],
                        extra_trigger=tuple(extra), steps=(Step("verb class", root, e.base),),
                    )
            if cand is None:
                continue
            # multi-word verbs are more specific than single words
            # and of two entries' patterns (another dictionary file's too) the one covering more tokens
            if best is None or (len(extra) > len(best.extra_trigger)) or (
                best.pattern is None and cand.pattern is not None and len(extra) >= len(best.extra_trigger)
            ) or (
                self.news and best.pattern is not None and cand.pattern is not None
                and len(extra) >= len(best.extra_trigger)
                and cand.matched.get("n", 0) > best.matched.get("n", 0)
            ) or (
                # of two entries that cover as much, a later dictionary set's (the project's supplement over
                # PETRARCH's CAMEO file) wins, as it does for actors' phrases (dictionaries.file_layers)
                self.news and "later_set" not in self._recall_off and len(extra) == len(best.extra_trigger)
                and (cand.pattern is None) == (best.pattern is None) and "class" not in cand.flags
                and cand.matched.get("n", 0) == best.matched.get("n", 0)
                and e.file != best.entry.file and D.dictionary_set(e.file) != D.dictionary_set(best.entry.file)
            ):
                best = cand
        if best is not None and discard >= 0 and self.news and "discard_veto" not in self._recall_off and (
                best.pattern is None or best.matched.get("n", 0) <= discard):
            # "struck a cautious tone": a pattern coded [---] in one entry of the verb says the phrase is no event;
            # another entry's bare verb (CAMEO's STRIKE, 190) or a pattern that covers no more does not overrule it
            return None
        return best

    _trial_on: frozenset[str] = frozenset()
    """Rules measured neutral on the dev sets, off in the product until a set shows their part (helper V2):
    "real_particle" (:meth:`_particle_of`), "past_homograph" ("wound" of wind is not WOUND), "purpose_clause" (a
    purpose clause's "to" and verb as pattern material, "* &ENVOY_ (TO EXPLAIN)"). Names listed here are on.
    ("penalty_noun", imposing tariffs or duties 163 not 170, was one: neutral on the dev articles, which never reach
    it, it is on since a new user's "the bloc would impose provisional duties on Norwegian salmon" came out a threat
    of repression (137) instead of sanctions (1312), against the article conventions.)"""

    @staticmethod
    def _particle_of(ctx: _Ctx, v, j: int, prev: int) -> bool:
        """Whether token ``j`` can be the next word of ``v``'s multi-word form after token ``prev``: a particle of the
        verb, the word right after the last one, a word governed by the last one ("took X to the WTO"), or one that
        only the verb's object, adverbs or its own modifiers separate from it ("took the city over", "put more
        pressure on"); not a preposition after another phrase of the verb ("takes X to the WTO over tariffs")."""
        doc = ctx.doc
        t = doc[j]
        if (t.dep_ == "prt" and t.head.i == v.i) or j == prev + 1 or t.head.i == prev:
            return True
        left = t.left_edge.i
        for g in range(prev + 1, j):
            if g >= left:
                continue
            a = doc[g]
            while a.head.i != v.i and a.head.i != a.i and a.i != v.i:
                a = a.head
            if a.head.i != v.i or a.dep_ not in ("dobj", "dative", "advmod", "neg", "prt"):
                return False
        return True

    def _agreement_is_intent(self) -> bool:
        """A scheme coded through the CAMEO mapping (PLOVER) codes "agreed to X" as the agreement, not as X.

        PLOVER's AGREE is "offering, promising or agreeing to cooperate ... announced for the future"; PETRARCH's
        CAMEO convention (kept for CAMEO itself) codes the act agreed to.
        """
        return bool(getattr(self.scheme, "cameo_mapping", None))

    def _agreed_act(self, inner: Candidate) -> Candidate:
        """The intent (03x) of the act agreed to ("agreed to resign" 034); a cooperative act whose 03x code
        the scheme maps away from the plain intent's type is the plain intent to cooperate (030)."""
        act = inner.code.split(":")[0]
        code = family_code("03", act) or "030"
        if act[:2].isdigit() and int(act[:2]) < 10:
            mapped = self.scheme.from_cameo(code) if hasattr(self.scheme, "from_cameo") else None
            plain = self.scheme.from_cameo("030") if hasattr(self.scheme, "from_cameo") else None
            if mapped is not None and plain is not None and mapped[0] != plain[0]:
                code = "030"
        if code == inner.code:
            return inner
        return Candidate(code, inner.verb, inner.evidence + f"; agreed to -> intent [{code}]", inner.pattern,
                         inner.entry, inner.matched, inner.flags, inner.extra_trigger,
                         (*inner.steps, Step("intent", code, "agreed to")))

    def _subcode(self, ctx: _Ctx, verb, chain, chosen: Candidate | None) -> Candidate | None:
        """The most specific code of the chain's act (:mod:`eventcoder.core.suggest.subcodes`): an appeal, demand,
        intent or threat takes its subcode from the act it asks for, intends or threatens ("urged Moscow to free
        X" 0253, "pledged to deliver rockets" 0332, "threatened to halt talks" 134), a refusal from the act refused
        ("refused to free" 1243), an accusation from the accused act ("accused X of spying" 1125); an intended act,
        and a done act of the same root, from its verb's sense ("ready to mediate" 039, "frees six Americans"
        0841). Off with ``"subcode"`` in ``_sense_off``."""
        if chosen is None or not self.news or "subcode" in self._sense_off:
            return chosen
        if ("agreed_intent" not in self._sense_off and ctx.article and len(chain) > 1
                and not self._agreement_is_intent() and ctx.lem[chain[0].i].lower() in AGREEING
                and "refusal" not in chosen.flags):
            # "agreed to hold a joint exercise", "had agreed to accept deportation flights": in an article the act
            # agreed to is to come, an intent (03x of the act, else 030; bench/articles/README.md), neither the act
            # nor support (050); a lone sentence keeps PETRARCH's CAMEO convention (the act: "agreed to lift" 085)
            if chosen.verb != chain[0].i:
                chosen = self._agreed_act(chosen)
            elif chosen.pattern is None and chosen.code.split(":")[0] == "050":
                chosen = Candidate("030", chosen.verb, chosen.evidence + "; agreed to -> intent [030]", None,
                                   chosen.entry, {}, [*chosen.flags, "intent"], chosen.extra_trigger,
                                   (*chosen.steps, Step("intent", "030", "agreed to")))
        demanded = bool(chosen.steps) and chosen.steps[-1].kind == "demand"
        if demanded and chosen.entry is not None:
            # "demanded talks": the demand made of the DEMAND block's appeal pattern (026 -> 106) is numbered as the
            # verbs file numbers demands; the scheme's number of it (108), as for every code read from the file
            scheme_code = self.verbs.scheme_code(chosen.code, chosen.entry.file)
            if scheme_code != chosen.code:
                chosen = replace(chosen, code=scheme_code,
                                 evidence=chosen.evidence + f" (the scheme's [{scheme_code}])",
                                 steps=(*chosen.steps[:-1], replace(chosen.steps[-1], code=scheme_code)))
        code = chosen.code.split(":")[0]
        if len(code) < 3 or not code[:2].isdigit():
            return chosen
        sense = self.__dict__.get("_subcode_sense")
        if sense is None:
            sense = self.__dict__["_subcode_sense"] = subcodes.SubcodeSense(self)
        doc = ctx.doc
        root = code[:2]
        at_outer = chosen.verb == verb.i
        lem = ctx.lem[verb.i].lower()
        new, why, found, intended = None, "", None, False
        # a code made of another family's pattern (an appeal's, a threat's; a demand made of an appeal pattern) is
        # only that family's: the act asked for decides
        derived = bool({"appeal", "threat"} & set(chosen.flags)) or demanded
        if ("ask_ruling" not in self._sense_off and at_outer and root == "02" and len(chain) > 1
                and ctx.lem[chain[1].i].lower() in lexicon.RULING):
            # "asked the WTO to rule on Chinese tariffs", "asked the court to rule against the ministry": asking an
            # adjudicator for its ruling takes the dispute to it (CAMEO 115, the article conventions' "filing for
            # arbitration 115"), against the party whose act it is to rule on
            ruled = chain[1]
            matched = dict(chosen.matched)
            against = [p for c in ruled.children if c.dep_ == "prep" and ctx.up[c.i] in ("ON", "AGAINST")
                       for p in c.children if p.dep_ == "pobj"]
            # "to rule that Russia had violated the convention": the clause's subject
            against += [k for c in ruled.children if c.dep_ == "ccomp" for k in c.children if k.dep_ == "nsubj"]
            if against:
                matched["+"] = against[0].i
            return Candidate("115", chosen.verb, chosen.evidence + "; asks an adjudicator to rule [115]", None,
                             chosen.entry, matched, [f for f in chosen.flags if f != "appeal"],
                             chosen.extra_trigger, (*chosen.steps, Step("verb sense", "115", "asked for a ruling")))
        if at_outer and root in ("02", "10", "03", "13"):
            nominal = False
            toks = [chain[1]] if len(chain) > 1 else []
            if not toks and root in ("02", "10"):
                # "called on Serbia to cooperate": the parser hangs the infinitive on the verb as a clause
                toks = [c for c in verb.children if c.dep_ == "advcl" and c.pos_ == "VERB" and c.i > verb.i and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
            if not toks:
                modal_ok = root != "13" or lem in ("warn", "threaten")
                toks = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and modal_ok and (
                    root != "13" or any(a.dep_ == "aux" and ctx.up[a.i] in MODALS for a in c.children))]
            if not toks:
                # a nominal complement: "called for talks", "demanded the release of", "asked X for military aid",
                # "announced 250 million dollars in military aid"
                objs = [c for c in verb.children if c.dep_ in ("dobj", "obj") and c.pos_ == "NOUN"]
                toks = objs + [p for h in (subcodes.attached(verb) if lem in subcodes.ASKING else ())
                               for c in h.children if c.dep_ == "prep" and ctx.up[c.i] in ("FOR", "TO")
                               for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"]
                # "threatened Norway with tariffs", "warned Mexico of sanctions": what is threatened
                toks += [p for c in (verb.children if root == "13" else ()) if c.dep_ == "prep"
                         and ctx.up[c.i] in ("WITH", "OF") for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"]
                # "250 million dollars in military aid": the "of"/"in" phrase of an amount (not "a suspension of aid")
                toks += [p for o in objs if any(k.dep_ == "nummod" for k in o.children)
                         or ctx.lem[o.i].lower() in sense.currency
                         for c in o.children if c.dep_ == "prep" and ctx.up[c.i] in ("OF", "IN")
                         for p in c.children if p.dep_ == "pobj" and p.pos_ == "NOUN"]
                nominal = True
            found = sense.complement_act(ctx, toks, fallback=not nominal and (
                root == "13" or code in ("020", "100", "030")))
            if found is not None:
                act = found[0]
                family = root
                if root == "03" and lem in subcodes.APPEALING and any(
                        c.dep_ == "prep" and ctx.up[c.i] == "FOR" for c in verb.children):
                    family = "02"  # "called for talks": an appeal to meet, not an intent
                elif (HOPING_IS_INTENT and root == "02" and lem in INTENT_VERBS and toks
                      and toks[0].dep_ == "xcomp" and toks[0].head.i == verb.i):
                    family = "03"  # "Sweden hopes to sign a deal with Turkey": its own act intended, no appeal
                new = subcodes.family_subcode("13", act) if root == "13" else family_code(family, act)
                aid = code[1:3] in ("23", "33", "03") and new is not None and new[1:3] == code[1:3]
                generic = code in ("020", "100", "030", "130") or derived or chosen.pattern is None or family != root
                # a demand for de-escalation (1056): this scheme's list names two kinds of it apart, 106 withdrawal
                # and 107 ceasefire (family_code), so the act asked for decides (the verbs file's own numbering of
                # the demands is the scheme's since it was loaded: CAMEO.2.0.codes.tsv)
                generic = generic or code == "1056"
                if root == "03" and new is not None and new[:2] == "13" and not (
                        lem in INTENT_VERBS or lem in READY_WORDS):
                    new = None  # "ordered the paper to suspend publication": no threat of the orderer
                if new is None or new == code or not (generic or aid or new.startswith(code)):
                    new = None
                why = f"asks for, intends or threatens [{act}]"
        elif at_outer and code in ("111", "112") and lem in subcodes.ACCUSING:
            new = sense.accusation_code(ctx, verb)
            why = "the accused act's kind"
        elif at_outer and root == "12" and len(code) == 3:
            # "rejected the demand for a caretaker administration", "rejected his proposal to restore ...": the
            # rejected request's act
            reqs = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")
                    and ctx.lem[c.i].lower() in subcodes.REQUEST_NOUNS]
            toks = [k for r in reqs for k in r.children if k.dep_ in ("acl", "relcl", "xcomp") and k.pos_ == "VERB"]
            toks += [p for r in reqs for c in r.children if c.dep_ == "prep" and ctx.up[c.i] == "FOR"
                     for p in c.children if p.dep_ == "pobj"]
            found = sense.complement_act(ctx, toks, fallback=False)
            new = subcodes.family_subcode("12", found[0]) if found else None
            why = f"rejects a request for [{found[0]}]" if found else ""
        elif root == "12" and "refusal" in chosen.flags and not at_outer:
            act = sense.verb_act(ctx, doc[chosen.verb])
            new = subcodes.family_subcode("12", act) if act else None
            why = f"refuses [{act}]"
        elif root not in ("02", "03", "10", "11", "12", "13") and doc[chosen.verb].pos_ in ("VERB", "AUX"):
            # an act: refined within its root ("frees six Americans" 080 -> 0841); an intended one ("would respect
            # the truce", "ready to mediate") by its sense whatever the root, its 03x follows in _events_for
            v = doc[chosen.verb]
            act = sense.verb_act(ctx, v) if ctx.lem[v.i].lower() in subcodes.SENSE_VERBS else None
            intended = bool(act and self.intents and self._intended(ctx, v, verb))
            if act and act[:2] == "14" and code[:3] in ("142", "144", "145"):
                act = code[:3] + act[3:]  # a hunger strike, a road block, a riot with a stated demand
            if act and act[:3] in ("141", "143") and code[:3] == "150" and ctx.lem[v.i].lower() == "rally":
                code = root = "14"  # "rallied against sanctions": a demonstration, not a mobilisation
            if act and act != code and (act[:2] != "04" or act[:3] == "045") and (
                    act[:2] == root and not code.startswith(act) or act[:3] in ("045", "139") or intended):
                new, why = act, "the act's sense"
        listed = getattr(self.verbs, "fitted_to", None)
        if new and listed is not None:
            new = listed.fit(new)[0]  # a code the scheme's list has (the nearest), as every code read from the verbs
        if not new or new == code:
            return chosen
        if getattr(self.scheme, "cameo_mapping", None) and hasattr(self.scheme, "from_cameo"):
            # a scheme coded through the CAMEO mapping (PLOVER): a subcode never moves the event to another type
            def mapped(c: str):
                if intended:
                    c = family_code("03", c) or c
                m = self.scheme.from_cameo(c)
                return m[0] if m else None
            if mapped(new) != mapped(chosen.code.split(":")[0]):
                return chosen
        first = chosen.code.split(":")[0]
        # a paired code keeps its reverse; a symmetric one ("190:190", clashed) stays symmetric
        full = ":".join(new if part == first else part for part in chosen.code.split(":")) if new[:2] == first[:2] \
            else new
        return Candidate(full, chosen.verb, chosen.evidence + f"; {why} -> [{new}]", chosen.pattern, chosen.entry,
                         chosen.matched, chosen.flags, chosen.extra_trigger,
                         (*chosen.steps, Step("subcode", new, why)))

    def _synset_words(self, *names: str) -> frozenset[str]:
        """The one-word members (upper case) of the verb dictionary's synsets ``names`` (cached)."""
        cache = self.__dict__.setdefault("_synset_cache", {})
        hit = cache.get(names)
        if hit is None:
            sets = getattr(self.verbs, "synsets", None) or {}
            hit = frozenset(alt[0][0] for n in names for alt in sets.get(n, ()) if len(alt) == 1)
            cache[names] = hit
        return hit

    @staticmethod
    def _object_heads(v) -> list:
        """The nouns a verb acts on: its direct object (the subject in the passive) and their conjuncts; a
        quantity ("all but one of its crossing points", "a group of demonstrators") gives way to what it counts."""
        out: list = []
        todo = [c for c in v.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
        for _ in range(12):
            if not todo:
                break
            t = todo.pop(0)
            out.append(t)
            todo.extend(c for c in t.children if c.dep_ == "conj")
            if t.pos_ in ("DET", "NUM", "PRON") or t.lemma_.lower() in _QUANTITY_NOUNS:
                todo.extend(p for c in t.children if c.dep_ == "prep" and c.lower_ in ("of", "but")
                            for p in c.children if p.dep_ == "pobj")
        return out

    @staticmethod
    def _phrase_words(ctx: _Ctx, t) -> set[str]:
        """Upper-case words and lemmas of a noun and its modifiers, with what an "of" names ("sale of jets")."""
        toks = [t, *(c for c in t.children if c.dep_ in ("compound", "amod", "nummod", "nmod"))]
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        toks.append(p)
                        toks.extend(k for k in p.children if k.dep_ in ("compound", "amod", "nummod", "nmod"))
        return {ctx.up[k.i] for k in toks} | {ctx.lem[k.i] for k in toks}

    def _is_actor(self, ctx: _Ctx, t) -> bool:
        """The noun names a person, a group or an organisation (an actor), not a thing."""
        if any(m.coded and m.start <= t.i < m.end for m in ctx.by_head.get(t.i, ())) or t.ent_type_ in (
                "PERSON", "ORG", "GPE", "NORP"):
            return True
        if t.pos_ == "PRON" and ctx.up[t.i] in ("HIM", "HER", "THEM", "US", "ME", "YOU"):
            return True
        words = {ctx.up[t.i], ctx.lem[t.i]}
        if ctx.lem[t.i].lower() in lexicon.PERSON_NOUNS or words & self._synset_words(
                "&ENVOY", "&CROWD", "&PEOPLE", "&LEADER", "&NEGOTIATOR", "&MILITARY", "&SUSPECT", "&HOSTAGE",
                "&REFUGEE"):
            return True
        return self.agents is not None and any(self.agents.lookup(w) is not None for w in words)

    def _is_person(self, ctx: _Ctx, t) -> bool:
        """The noun names people ("him", "Rosa Quispe", "seven members of the gang"), not a state or a body."""
        if t.ent_type_ == "PERSON" or (t.pos_ == "PRON" and ctx.up[t.i] in ("HIM", "HER", "THEM")):
            return True
        if t.ent_type_ in ("GPE", "ORG", "NORP", "LOC") or t.pos_ != "NOUN":
            return False
        return self._is_actor(ctx, t) and not any(m.coded and m.codes[0][3:6] in ("GOV", "MIL", "LEG", "JUD")
                                                  for m in ctx.by_head.get(t.i, ()) if m.start <= t.i < m.end)

    def _names_act(self, ctx: _Ctx, t) -> bool:
        """The noun names an act the verb dictionary knows ("the launch", "the vote", "the plan", "the decision")."""
        return bool(self.verbs.entries_for(ctx.up[t.i], ctx.lem[t.i])) or any(
            self.verbs.entries_for(st) for st in lexicon.verb_stems(ctx.lem[t.i]))

    def _object_sense(self, ctx: _Ctx, chain, chosen: Candidate | None) -> Candidate | None:
        """A material act's sense decided by the kind of thing it acts on (CAMEO's distinctions), by grammar and
        the dictionaries' noun classes, not by the verb alone:

        * ordering or telling someone to leave expels them: diplomats (&ENVOY) 161, other people 174; expelling
          diplomats is 161 too;
        * closing a place of passage (border, crossing, airspace, port) restricts movement: 191;
        * approving or agreeing to a transfer (sale, delivery) of weapons (&WEAPON, &AIRCRAFT, a model designation
          such as "F-16") is military cooperation: 062; halting a transfer of goods is an embargo: 163;
        * pushing or driving back a crowd is repression: 175;
        * "call" with a thing as object ("called the vote a fraud", "called the warrants meaningless") names,
          it is no telephone call (041): no event.
        """
        off = self._sense_off
        doc = ctx.doc
        first = chain[0]
        v = doc[chosen.verb] if chosen is not None else chain[-1]
        lem = ctx.lem[v.i].lower()

        def make(code: str, at, why: str) -> Candidate | None:
            entry = chosen.entry if chosen is not None and chosen.verb == at.i else None
            if entry is None:
                entries = self.verbs.entries_for(ctx.up[at.i], ctx.lem[at.i])
                entry = entries[0] if entries else (chosen.entry if chosen is not None else None)
            if entry is None:
                return chosen
            ev = (chosen.evidence + "; " if chosen is not None else f"verb {at.text}: ") + f"{why} [{code}]"
            steps = (*(chosen.steps if chosen is not None else ()), Step("object kind", code, why))
            extra = chosen.extra_trigger if chosen is not None and chosen.verb == at.i else ()
            return Candidate(code, at.i, ev, None, entry, {}, ["object"], extra, steps)

        envoys = self._synset_words("&ENVOY")
        if "expel" not in off and ctx.lem[first.i].lower() in DIRECTING | {"force"} and any(
                ctx.lem[t.i].lower() in lexicon.DEPARTING for t in chain[1:]):
            objs = [o for o in self._object_heads(first) if o.dep_ != "nsubjpass"]
            if any(self._phrase_words(ctx, o) & envoys for o in objs):
                return make("161", first, "ordered diplomats to leave: expelled")
            if any(self._is_actor(ctx, o) for o in objs):
                return make("174", first, "ordered people to leave: expelled")
        if chosen is None and "receive" not in self._recall_off and (
                ctx.lem[chain[-1].i].lower() == "receive"):
            # "Xi received Blinken": receiving a visitor is hosting a visit (043, CAMEO's "host or receive a
            # visitor"; one event, as the article conventions code "hosted"); receiving aid, a letter or refugees
            # is no visit
            at = chain[-1]
            objs = [c for c in at.children if c.dep_ in ("dobj", "obj")]
            if objs and all(o.ent_type_ == "PERSON" or any(
                    m.coded and m.codes[0][3:6] not in ("CVL", "REF", "PPL") for m in ctx.by_head.get(o.i, ()))
                    for o in objs):
                return make("043", at, "received a visitor: hosted a visit")
        if "naming" not in self._recall_off:
            for at in chain:
                named = self._naming(ctx, at)
                if named == 0 and ctx.lem[at.i].lower() == "call":
                    return None  # "called the strike a political act": a neutral name, no call and no strike
                if named:
                    code, word = ("111", "criticised") if named < 0 else ("051", "praised")
                    return make(code, at, f"named its object with a {'negative' if named < 0 else 'positive'} "
                                f"word: {word}")
        if chosen is not None and chosen.code[:2] == "01" and "statement_act" not in off:
            said = self._statement_act(ctx, doc[chosen.verb], chosen)
            if said is not None:
                return said
        if "sign_deal" not in off and ctx.lem[chain[-1].i].lower() in lexicon.SIGNING and (
                chosen is None or chosen.verb == chain[-1].i) and (chosen is None or chosen.code[:3] != "057"):
            # "signed a ceasefire deal", "signed a trade agreement", "signed a contract": the signed instrument's head
            # noun decides, signing a formal agreement (057) whatever it is about (its modifiers only name the
            # subject; CAMEO's 057 "sign or ratify an agreement, treaty, protocol")
            at = chain[-1]
            docs = [o for o in self._object_heads(at) if o.dep_ != "nsubjpass"]
            if not docs and at.dep_ == "relcl":
                docs = [at.head]  # "the deal it signed on Friday"
            # a headline's "sign ceasefire deal" parsed as two objects: the first noun modifies the second
            docs = [o for o in docs if not any(p.i == o.i + 1 for p in docs)]
            if docs and all(ctx.lem[o.i].lower() in lexicon.SIGNED_NOUNS for o in docs):
                return make("057", at, "signed an instrument: a formal agreement")
        if chosen is None and "close_uncoded" not in self._recall_off and "close" not in off and (
                ctx.lem[chain[-1].i].lower() in lexicon.CLOSING) and any(
                {w.lower() for w in self._phrase_words(ctx, o)} & lexicon.PASSAGE
                for o in self._object_heads(chain[-1])):
            # "closed its members' borders with Mali": no pattern of the verb matched, the place closed decides
            return make("191", chain[-1], "closed a place of passage")
        if chosen is None:
            halt = next((t for t in chain if ctx.lem[t.i].lower() in lexicon.HALTING), None)
            if halt is None or "sale" in off:
                return None
            v, lem = halt, ctx.lem[halt.i].lower()
        heads = self._object_heads(v)
        words = [self._phrase_words(ctx, o) for o in heads]
        if "expel" not in off and chosen is not None and chosen.code[:3] == "174" and any(w & envoys for w in words):
            return make("161", v, "expelled diplomats")
        kept = []
        if "kept_shut" not in off and lem in lexicon.CLOSING and (
                v.dep_ in ("advcl", "xcomp", "oprd", "ccomp", "conj") and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in v.children)) and (
                ctx.lem[v.head.i].lower() in ("keep", "remain", "stay")):
            # "keeps its border with Benin shut" (the parser makes "shut" a clause or a conjunct of "keeps"): the
            # place kept shut is the keeping verb's object
            kept = [self._phrase_words(ctx, o) for o in self._object_heads(v.head)]
        if "close" not in off and lem in lexicon.CLOSING and any(
                {w.lower() for w in ws} & lexicon.PASSAGE for ws in words + kept):
            return make("191", v, "closed a place of passage")
        if "sale" not in off:
            arms = self._synset_words("&WEAPON", "&AIRCRAFT")
            for o, ws in zip(heads, words, strict=True):
                lows = {w.lower() for w in ws}
                if not lows & lexicon.TRANSFER_NOUNS:
                    continue
                root = chosen.code[:2] if chosen is not None else ""
                if lem in lexicon.HALTING or root == "16":
                    return make("163", v, "halted a transfer of goods: embargo")
                weapon = ws & arms or lows & lexicon.WEAPONS or any(
                    _DESIGNATION.match(k.text) for k in o.subtree)
                if weapon and root in ("03", "05", "06", "07", "08"):
                    return make("062", v, "a transfer of weapons: military cooperation")
        if chosen is None:
            return None
        if "crowd_gathers" not in self._recall_off and chosen.pattern is None and chosen.code[:3] == "040" and (
                chosen.entry.block == "ASSEMBLE"):
            # "thousands of supporters gathered in Dhaka to demand ...": a crowd that gathers demonstrates (141),
            # leaders who gather meet (040)
            crowd = self._synset_words("&CROWD")
            for sub in self._subject_tokens(v):
                heads = [sub, *(p for c in sub.children if c.dep_ == "prep" and ctx.up[c.i] == "OF"
                                for p in c.children if p.dep_ == "pobj")]
                if ctx.up[sub.i] in _MULTITUDE or ctx.lem[sub.i].lower() in _QUANTITY_NOUNS or any(
                        ctx.up[h.i] in crowd or ctx.lem[h.i] + "S" in crowd for h in heads):
                    return make("141", v, "a crowd gathered: a demonstration")
        if lem == "disperse" and "disperse" not in self._recall_off and any(
                self._is_actor(ctx, o) or any(m.coded for m in ctx.by_head.get(o.i, ())) for o in heads):
            return make("175", v, "dispersed a crowd: repression")
        if "push" not in off and lem in lexicon.PUSHING and any(
                c.dep_ in ("prt", "advmod") and ctx.up[c.i] in ("BACK", "AWAY") for c in v.children) and any(
                ws & self._synset_words("&CROWD", "&PEOPLE") for ws in words):
            return make("175", v, "pushed back a crowd: repression")
        if "call" not in off and lem == "call" and chosen.code.split(":")[0] == "041" and chosen.pattern is None:
            objs = [c for c in v.children if c.dep_ in ("dobj", "obj")]
            if any(c.dep_ == "oprd" and not self._is_actor(ctx, c) for c in v.children) or any(
                    k.dep_ in ("dobj", "attr", "oprd") for o in objs for k in o.children) or any(
                    o.tag_ in ("WP", "WDT") or (o.pos_ == "NOUN" and not self._is_actor(ctx, o)
                                                and self._names_act(ctx, o)) for o in objs):
                return None  # "called the launch a violation", "what she called": naming an act, no call
        code = chosen.code.split(":")[0]
        if "visit" not in off and code in ("042", "043"):
            objs = [c for c in v.children if c.dep_ in ("dobj", "obj")]
            if objs and all(o.pos_ == "NOUN" and o.ent_type_ not in ("GPE", "LOC", "FAC")
                            and ctx.lem[o.i].lower() not in lexicon.EVENT_NOUNS
                            and not self._is_actor(ctx, o) and self._names_act(ctx, o) for o in objs):
                # "rules the plan unlawful": a visit or a host takes someone, somewhere or a gathering, not an act
                return None
            if any(ctx.up[k.i] in _MULTITUDE for o in objs for c in o.children if c.dep_ == "nummod"
                   for k in c.subtree):
                return None  # "hosts about 4 million Afghans": a population, no visitors
        if "seize" not in off and code[:3] == "171":
            objs = [c for c in v.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
            if objs and all(o.pos_ == "NOUN" and not self._is_actor(ctx, o)
                            and not self.verbs.entries_for(ctx.up[o.i], ctx.lem[o.i])
                            and any(self.verbs.entries_for(st) for st in lexicon.verb_stems(ctx.lem[o.i]))
                            for o in objs):
                return None  # "took a decision", "stole the election": an act taken is no thing seized
            if "light_take" not in self._recall_off and lem == "take" and chosen.pattern is None and objs and all(
                    o.pos_ == "NOUN" and not self._is_actor(ctx, o) and (
                        self._names_act(ctx, o) or ctx.lem[o.i] in _COUNTER_MEASURES)
                    and not any(c.dep_ == "prep" and ctx.up[c.i] == "OF" for c in o.children) for o in objs):
                # "took measures", "take steps", "took the lead": an object that names an act (one the verb
                # dictionary knows) makes the verb a light verb, no material seizure; "will take measures" (action,
                # countermeasures) is CAMEO's unspecified threat (130), as its ANNOUNCE/PLEDGE "* MEASURES" lines
                if any(ctx.lem[o.i] in _COUNTER_MEASURES for o in objs) and any(
                        c.dep_ == "aux" and ctx.up[c.i] in FUTURE_MODALS for c in v.children):
                    return make("130", v, "will take measures: a threat")
                return None
        if "jail_term" not in off and ctx.article and code[:2] == "17" and lem in ("jail", "imprison") and any(
                c.dep_ == "prep" and ctx.up[c.i] == "FOR" and any(
                    p.dep_ == "pobj" and ctx.lem[p.i].lower() in ("year", "month", "life") for p in c.children)
                for c in v.children):  # a prison term, not days held by police
            # in an article (bench/articles/README.md: "conviction and sentencing 116"); a lone sentence keeps
            # PETRARCH's CAMEO reading, detention (173)
            return make("116", v, "jailed for a term: sentenced")
        if "penalty_noun" not in off and code == "170" and chosen.pattern is None:
            # "imposed tariffs on", "levied duties on", "the tariffs that Trump imposed": imposing (the blocks'
            # unspecified coercion, 170; not "vetoed an embargo", 172) an economic penalty is an embargo or sanction
            # (163, the article conventions' "tariffs ... 163"), by the object's noun class, as the dictionary's own
            # "* SANCTIONS" line codes it
            fines = [o for o in heads if o.dep_ != "nsubjpass"]
            if not fines and v.dep_ == "relcl":
                fines = [v.head]
            if fines and all(ctx.lem[o.i].lower() in lexicon.PENALTY_NOUNS for o in fines):
                return make("163", v, "imposed an economic penalty: sanction")
        if "summon_explain" not in off and lem == "summon" and code[:3] == "114" and any(
                c.dep_ in ("advcl", "xcomp", "relcl", "acl") and ctx.lem[c.i].lower() in lexicon.EXPLAINING and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                for c in [*v.children, *(k for o in heads for k in o.children)]):
            # "summoned the ambassador to explain the incident", "to account for the activity": the purpose clause
            # (an infinitive the parser may hang on the envoy) says the summons demands an explanation (101), as the
            # verbs file's "* &ENVOY_ (TO EXPLAIN)" line
            return make("101", v, "summoned to explain: a demand for information")
        if "claim_land" not in off and lem == "claim" and code[:2] == "11":
            # "China claims almost the entire South China Sea", "waters that Malaysia also claims": sovereignty
            # claimed, nobody accused
            lands = [o for o in heads if o.pos_ not in ("DET", "NUM", "PRON")
                     and ctx.lem[o.i].lower() not in _QUANTITY_NOUNS]
            if v.dep_ == "relcl" and not heads:
                lands = [v.head]
            if lands and all(o.dep_ != "nsubjpass" and (o.ent_type_ in ("LOC", "GPE") or (
                    ctx.lem[o.i].lower() in lexicon.TERRITORY_NOUNS)) for o in lands):
                return None
        if "state_protest" not in off and lem == "protest" and code[:2] == "14" and self._state_subject(ctx, v):
            return make("114", v, "a government protested: an official complaint")
        if "state_accused" not in off and lem in subcodes.ACCUSING and code == "173" and heads and all(
                o.dep_ != "nsubjpass" and self._is_state(ctx, o, STATE_BODIES if STATE_FORCES_ARE_STATES
                                                         else ("GOV", "IGO")) for o in heads):
            # "accused Turkey of a flagrant violation": the verbs file's "* (OF &CRIME)" is a charge (173), which
            # no state or government faces from another; accusing one is an accusation (112)
            return make("112", v, "accused a state: no legal action")
        if "charge" not in off and lem == "charge" and code[:2] == "11" and any(
                self._is_person(ctx, o) for o in heads if o.dep_ != "nsubjpass"):
            return make("173", v, "charged a person: legal action")
        if "seize" not in off and code[:3] == "192" and any(
                {w.lower() for w in ws} & lexicon.VESSELS or ws & self._synset_words("&CAR", "&AIRCRAFT")
                for ws in words):
            return make("171", v, "seized a vehicle: a thing, no territory")
        if "state" not in off and v.dep_ == "relcl" and v.tag_ in ("VBZ", "VBP") and not any(
                c.dep_ in ("aux", "auxpass") for c in v.children):
            return None  # "Finland, which shares a border with Russia": a standing state, no event
        if "negotiate" not in off and ctx.lem[v.i].lower() in lexicon.NEGOTIATING and code[:2] == "05":
            # negotiating is CAMEO's 046 (engage in negotiation); refused, 125
            new = "046:046" if ":" in chosen.code else "046"
            return Candidate(new, chosen.verb, chosen.evidence + f"; negotiating [{new}]", chosen.pattern,
                             chosen.entry, chosen.matched, chosen.flags, chosen.extra_trigger,
                             (*chosen.steps, Step("verb sense", new, "negotiate")))
        return chosen

    def _state_subject(self, ctx: _Ctx, v) -> bool:
        """The verb's subjects are all states or their governments ("the UAE protested", "Tokyo protested", "the
        foreign ministry protested"): a country named as a place-name entity, a government or an IGO, never people
        (protesters, the opposition, "Kenyans")."""
        subs = self._subject_tokens(v)
        return bool(subs) and all(self._is_state(ctx, t) for t in subs)

    @staticmethod
    def _is_state(ctx: _Ctx, t, bodies: tuple[str, ...] = ("GOV", "IGO")) -> bool:
        """The token names a state or its government: every code of its mentions a government, an IGO (or one of
        ``bodies``), or a bare country named as a proper noun ("the UAE", "Tokyo"), never a nationality's people
        ("Kenyans")."""
        ms = [m for m in ctx.by_head.get(t.i, ()) if m.coded and m.codes]
        return bool(ms) and all(
            c[3:6] in bodies or c[:3] == "IGO" or (
                len(c) == 3 and t.pos_ == "PROPN" and t.ent_type_ != "NORP" and t.tag_ != "NNPS")
            for m in ms for c in m.codes)

    def _statement_act(self, ctx: _Ctx, v, chosen: Candidate) -> Candidate | None:
        """"issued a joint statement backing the proposal", "released a communique condemning the attack": a statement
        whose participle says what it does is that act (051, 111, an appeal ...), aimed at the participle's object;
        the issuing is only its vehicle, as a light verb's is."""
        for o, p in self._object_participles(v, ("dobj", "obj", "nsubjpass")):
            if ctx.lem[o.i].lower() not in lexicon.STATEMENT_NOUNS:
                continue
            inner = self._best_in_chain(ctx, p)
            if inner is None or not inner.code or inner.code[:2] == "01" or "negated" in inner.flags:
                continue
            matched: dict = {}
            target = next((k for k in p.children if k.dep_ in ("dobj", "obj", "dative")), None)
            if target is not None:
                matched["+"] = target.i
            return Candidate(inner.code, v.i, f"{chosen.evidence}; the statement {p.text} ...: {inner.evidence}",
                             None, inner.entry, matched, [*inner.flags, "light"], (o.i, p.i, *inner.extra_trigger),
                             (*chosen.steps, *inner.steps, Step("statement act", inner.code, p.text)))
        return None

    @staticmethod
    def _object_participles(v, deps: tuple[str, ...]) -> list[tuple]:
        """(object, participle) for each -ing participle (acl, VBG) on an object of ``v`` (one of ``deps``): "issued a
        statement backing the proposal", "carried banners denouncing the bloc". The participle tells what the object
        says -- the act of ``v``'s subject, who issued it (_statement_act for a statement noun, whose act it is;
        _message_participles for the rest)."""
        return [(o, p) for o in v.children if o.dep_ in deps for p in o.children
                if p.dep_ == "acl" and p.tag_ == "VBG"]

    def _naming(self, ctx: _Ctx, v) -> int | None:
        """"called Maduro a dictator", "described the protesters as criminals", "branded the vote a sham": a verb of
        naming with an object and what it names it (a predicate noun or adjective, or "as" and a noun). The name's
        polarity (polarity.py: its head, modifiers and coordinated words) tells criticism (-1) from praise (+1);
        0 for a neutral name or a negated verb, None for no name."""
        if ctx.lem[v.i].lower() not in polarity.NAMING_VERBS:
            return None
        objs = [c for c in v.children if c.dep_ in ("dobj", "obj")]
        if not objs:
            return None
        names = [c for c in v.children if c.dep_ == "oprd"]
        for at in (v, *objs):
            for c in at.children:
                if c.dep_ == "prep" and ctx.up[c.i] == "AS":
                    names.extend(p for p in c.children if p.dep_ == "pobj" or (
                        # "described the decision as \"outrageous and legally null\"": an adjective after "as"
                        p.pos_ == "ADJ" and p.i > c.i and "as_adjective" not in self._sense_off))
        if ctx.lem[v.i].lower() == "call":
            # "called the launch a flagrant violation": the parser hangs the name on the object
            # "called the Chilean leader a dictator": or takes the name for an apposition (no comma between)
            names.extend(k for o in objs for k in o.children if k.i > o.i and (
                k.dep_ in ("dobj", "attr", "oprd") or k.dep_ == "appos" and "," not in ctx.up[o.i:k.i]))
        if not names:
            return None
        if any(c.dep_ == "neg" for c in v.children):
            return 0
        words: list[str] = []
        todo = list(names)
        while todo:
            t = todo.pop()
            words.append(ctx.lem[t.i])
            todo.extend(c for c in t.children if c.dep_ in ("amod", "compound", "conj", "advmod", "acomp"))
        val = polarity.phrase_valence(words)
        if not val and "naming_deep" not in self._recall_off:
            # "a political act by union bosses defending the failed policies": a neutral head takes the polarity
            # its phrase's modifiers give it
            val = polarity.phrase_valence([ctx.lem[k.i] for n in names for k in n.subtree if k.dep_ == "amod"])
        return val

    def _refused_act(self, ctx: _Ctx, chain) -> Candidate | None:
        """An act the dictionary knows but gives no code, refused: "will not end the strike", "cannot accept",
        "refused to respond to a request". Refusing or declining to act, or saying one will not, is a rejection
        (12x) whatever the act; the dictionary's codes are not needed to see it."""
        act = chain[-1]
        lem = ctx.lem[act.i].lower()
        if lem in REPORTING or lem in CLAIMING or lem in ("be", "have", "do") or act.pos_ != "VERB":
            return None
        entries = self.verbs.entries_for(ctx.up[act.i], ctx.lem[act.i])
        if not entries:
            return None
        outer = next((t for t in chain[:-1] if ctx.lem[t.i].lower() in REFUSAL_VERBS), None)
        if outer is not None:
            return Candidate("120", outer.i, f"verb {outer.text} to {act.text}: a refusal [120]", None, entries[0],
                             {}, ["refusal"], steps=(Step("refusal", "120", outer.text),))
        negs = [c for c in act.children if c.dep_ == "neg"]
        negs += [cc for c in act.children if c.dep_ == "aux" for cc in c.children if cc.dep_ == "neg"]
        modal = any(c.dep_ == "aux" and ctx.up[c.i] in MODALS for c in act.children)
        if not negs or not modal or len(chain) > 1 or not (
                self._has_object(act) or any(c.dep_ == "prep" for c in act.children)):
            return None  # "it will not succeed": no act on anything, nothing refused
        # the act as a plain cooperative one: the negated modal makes it the refusal (_events_for: NEG_REJECT)
        return Candidate("030", act.i, f"verb {act.text} in the dictionary with no code of its own", None,
                         entries[0], {}, [])

    def _light_noun(self, ctx: _Ctx, v) -> Candidate | None:
        """A light verb's act named by its object noun, coded through the noun's verb entry (or its verb's,
        for a nominalisation): "launched an attack on" ~ ATTACK, "ordered an investigation" ~ INVESTIGATE."""
        for c in v.children:
            if c.dep_ not in ("dobj", "obj") or c.pos_ != "NOUN":
                continue
            cand = self._code_verb(ctx, c, [c], noun=True)
            if cand is None or not cand.code or cand.code[:2] == "01":
                continue
            return self._noun_carried(v, c, cand, cand.code, f'verb {v.text} + noun "{c.text}": {cand.evidence}',
                                      Step("noun", text=c.text), keep_match=True)
        return None

    @staticmethod
    def _noun_carried(v, noun, act: Candidate, code: str, evidence: str, step: Step, keep_match: bool) -> Candidate:
        """The act a noun names, coded (``act``, _code_verb on the noun) as the act of the verb ``v`` that carries
        it: "launched an attack on" (_light_noun), "answered with artillery fire" (_answered_with). The noun and its
        act's own trigger words join the trigger, flagged "light"; ``keep_match`` keeps the noun's pattern and the
        slots it matched (its object is the act's target), else the verb's own reading finds the roles."""
        return Candidate(code, v.i, evidence, act.pattern if keep_match else None, act.entry,
                         act.matched if keep_match else {}, [*act.flags, "light"], (noun.i, *act.extra_trigger),
                         (*act.steps, step))

    @staticmethod
    def _has_object(v) -> bool:
        """The verb has a direct object (or, in the passive, a subject that is its object)."""
        return any(c.dep_ in ("dobj", "obj", "nsubjpass") for c in v.children)

    def _block_root(self, block) -> str | None:
        """The CAMEO root ``X0`` most of a block's patterns give (cached), or None.

        A verb class in the dictionary's own terms: at least three coded patterns and half or more of them
        under one root (LIFT: sanctions, a ban, a curfew, a blockade -> 08x yielding; RETURN: prisoners,
        property, equipment -> 08x). Statements (01) are no class: a statement needs its pattern.
        """
        cache = self.__dict__.setdefault("_block_roots", {})
        key = id(block)
        hit = cache.get(key)
        if hit is not None and hit[0] is block:
            return hit[1]
        roots: dict[str, int] = {}
        for pat in block.patterns:
            code = (pat.code or "").split(":")[0]
            if len(code) >= 2 and code[:2].isdigit():
                roots[code[:2]] = roots.get(code[:2], 0) + 1
        n = sum(roots.values())
        best = max(roots, key=roots.__getitem__) if roots else None
        root = best + "0" if best is not None and n >= 3 and roots[best] * 2 >= n and best != "01" else None
        cache[key] = (block, root)
        return root

    def _material(self, ctx: _Ctx, v, chain) -> tuple[list[int], list[int]]:
        doc = ctx.doc
        post: set[int] = set()

        def add_subtree(tok, into: set[int], prune=PRUNE_DEPS):
            stack = [tok]
            while stack:
                t = stack.pop()
                into.add(t.i)
                for c in t.children:
                    if c.dep_ in prune:
                        continue
                    stack.append(c)

        for c in v.children:
            if c.i < v.i:
                continue
            if c.dep_ not in POST_DEPS and not (
                    c.dep_ == "advcl" and self.news and "purpose_clause" in self._trial_on
                    and any(k.dep_ == "aux" and k.tag_ == "TO" for k in c.children)):
                continue
            if c.dep_ == "advcl":
                # a purpose clause's "to" and verb are the verb's material ("summoned the envoy to explain ...":
                # "* &ENVOY_ (TO EXPLAIN)"), its own words stay its own
                post.add(c.i)
                post.update(k.i for k in c.children if k.dep_ == "aux" and k.tag_ == "TO")
                continue
            if c.dep_ == "prep" and self._is_date_phrase(ctx, c):
                continue
            if c.dep_ == "npadvmod" and (c.ent_type_ in ("DATE", "TIME") or ctx.up[c.i] in DATE_WORDS):
                continue
            if c.dep_ == "ccomp" and (v.lemma_.lower() in REPORTING or v.lemma_.lower() in CLAIMING):
                continue
            add_subtree(c, post)
        pre: set[int] = set()
        cur = v
        for _ in range(6):
            for c in cur.children:
                if c.i >= v.i or c.dep_ not in PRE_DEPS:
                    continue
                if c.dep_ == "prep" and self._is_date_phrase(ctx, c):
                    continue
                if c.dep_ in ("nsubj", "nsubjpass"):
                    add_subtree(c, pre)
                else:
                    add_subtree(c, pre)
            if cur.i < v.i:
                pre.add(cur.i)
            if cur.dep_ in ("xcomp", "acomp", "conj", "ccomp") and cur.head.i != cur.i:
                cur = cur.head
            else:
                break
        passive_subj: set[int] = set()
        for c in v.children:
            if c.dep_ == "nsubjpass":
                add_subtree(c, passive_subj)
        # in the passive the subject is the verb's object: "Evidence was presented" ~ "* EVIDENCE"
        pre_l = sorted(x for x in pre if x < v.i and x not in passive_subj)
        post_l = sorted(passive_subj) + sorted(x for x in post if x > v.i)
        del doc
        return pre_l, post_l

    def _is_date_phrase(self, ctx: _Ctx, prep) -> bool:
        for c in prep.children:
            if c.dep_ == "pobj" and (c.ent_type_ in ("DATE", "TIME") or ctx.up[c.i] in DATE_WORDS):
                return c.i not in ctx.by_head
        return False

    def _match(self, ctx: _Ctx, pat: D.VerbPattern, v, pre: list[int], post: list[int], extra: set[int]):
        matched: dict = {}
        if pat.pre:
            toks = self._side_tokens(ctx, v, pre, extra, True)
            if not self._match_side(ctx, pat.pre, toks, v, matched, before=True,
                                    glued_end=pat.pre_glued_to_verb, extra=extra):
                return None
        if pat.post:
            toks = self._side_tokens(ctx, v, post, extra, False)
            if not self._match_side(ctx, pat.post, toks, v, matched, before=False,
                                    glued_start=pat.post_glued_to_verb, extra=extra):
                return None
        return matched

    @staticmethod
    def _side_tokens(ctx: _Ctx, v, material: list[int], extra: set[int], before: bool) -> list[int]:
        """The verb's material on one side without the words of its multi-word form (cached per verb)."""
        key = (before, tuple(sorted(extra)), tuple(material))
        hit = ctx.sides.get(key)
        if hit is None:
            hit = ctx.sides[key] = [t for t in material if t not in extra]
        return hit

    def _match_side(self, ctx, slots, toks, v, matched, before, glued_start=False, glued_end=False,
                    extra=frozenset()) -> bool:
        up = ctx.up
        n = len(toks)
        plurals = self.news and "plural_words" not in self._recall_off
        words = {up[t] for t in toks}
        if plurals:
            words |= {ctx.lem[t] for t in toks if ctx.doc[t].tag_ == "NNS" and ctx.lem[t].lower() in ENVOY_NOUNS}
        pos_of = {t: k for k, t in enumerate(toks)}
        verb_left = min([v.i, *extra]) if extra else v.i
        verb_right = max([v.i, *extra]) if extra else v.i

        # after the verb, a pattern's object words are the verb's objects, not words of a prepositional phrase
        # the pattern does not name: "attacked Kyiv with drones" is no "* &AIRCRAFT" (attacking aircraft)
        in_pp: set[int] = ctx.own_words.get(v.i, set()) if not before else set()
        if not before and self.complement_words_own and v.i not in ctx.own_words:
            ctx.own_words[v.i] = in_pp
            for c in v.children:
                if c.dep_ in ("prep", "agent") and c.i > v.i:
                    in_pp.update(t.i for t in c.subtree)
                elif c.dep_ == "advcl" and c.i > v.i:
                    in_pp.update(t.i for t in c.subtree if t.dep_ != "aux")  # a purpose clause: only "(TO EXPLAIN)"
                elif c.dep_ in ("xcomp", "ccomp") and c.i > v.i and c.pos_ == "VERB":
                    # nor words deep in a clause it governs ("want the Taliban to deliver on commitments" is
                    # no "WANT * ON"); the clause's verb and its "to" stay ("* TO UNDERMINE")
                    keep = {c.i} | {k.i for k in c.children if k.dep_ in ("aux", "mark")}
                    in_pp.update(t.i for t in c.subtree if t.i not in keep)
        # a pattern's prepositional phrase is the verb's own too: not one deep in a clause it governs ("warned that
        # no weapon would change the course of the war" is no "* (OF &FIGHT)"), nor the attribution "according to"
        deep: frozenset[int] = frozenset()
        if not before and self.news and "clause_preps" not in self._sense_off:
            deep = ctx.own_words.get(("deep", v.i))
            if deep is None:
                deep = ctx.own_words[("deep", v.i)] = self._clause_words(ctx, v)

        def word_ok(t: int, w: str, ban=frozenset()) -> bool:
            # a plural envoy noun matches its singular pattern word ("recalled its ambassadors" is "* AMBASSADOR":
            # the dictionaries name envoys in the singular); other plurals only as the dictionaries list them
            if t in ban:
                return False
            if w == "^" or up[t] == w:
                return True
            if plurals and ctx.doc[t].tag_ == "NNS" and ctx.lem[t].upper() == w and ctx.lem[t].lower() in ENVOY_NOUNS:
                by_lemma.add(t)  # counts half: a pattern naming the plural itself wins
                return True
            return False

        by_lemma: set[int] = set()

        def match_alt(alt, start_k: int, prev_tok: int | None, glued: bool, ban=frozenset()):
            # returns the list of matched token indices, or None
            res = []
            k = start_k
            for wi, (w, g) in enumerate(alt):
                must_follow = (glued if wi == 0 else g)
                if must_follow and prev_tok is not None:
                    t = prev_tok + 1
                    if t not in pos_of or pos_of[t] < k or not word_ok(t, w, ban):
                        return None
                    res.append(t)
                    k = pos_of[t] + 1
                    prev_tok = t
                    continue
                found = None
                while k < n:
                    if word_ok(toks[k], w, ban):
                        found = toks[k]
                        break
                    k += 1
                if found is None:
                    return None
                res.append(found)
                k += 1
                prev_tok = found
            return res

        path: list[tuple[Slot, list[int]]] = []

        def finish() -> bool:
            matched["n"] = matched.get("n", 0) + sum(len(r) for _s, r in path) - 0.5 * len(
                {t for _s, r in path for t in r} & by_lemma)
            for slot, res in path:
                if slot.marker:
                    matched[slot.marker] = res[-1]
                if slot.prep:
                    matched.setdefault("prep", []).append(res[0])
            return True

        def rec(si: int, k: int, prev_tok: int | None) -> bool:
            if si == len(slots):
                if before and glued_end:
                    return prev_tok is not None and prev_tok == verb_left - 1 and finish()
                return finish()
            slot = slots[si]
            if slot.compound:
                if before:
                    subj = self._subject_tokens(v)
                    if not any(any(cc.dep_ == "conj" for cc in s.children) for s in subj):
                        return False
                elif not any(ctx.doc[t].dep_ == "conj" and ctx.doc[t].head.i in pos_of for t in toks[k:]):
                    return False
                return rec(si + 1, k, prev_tok)
            glued = slot.glued
            if si == 0 and not before and glued_start:
                glued = True
                prev_tok = verb_right
            for alt in slot.alts_for(words):
                w0 = alt[0][0]
                if w0 != "^" and w0 not in words:
                    continue
                kk = k
                ban = in_pp if in_pp and not slot.prep and not any(sl.prep for sl, _r in path) else deep
                while kk <= n:
                    res = match_alt(alt, kk, prev_tok, glued, ban)
                    if res is None:
                        break
                    if slot.prep and ctx.doc[res[0]].dep_ not in ("prep", "agent", "dative") \
                            and ctx.doc[res[0]].pos_ != "ADP" and not (
                                up[res[0]] == "TO" and ctx.doc[res[0]].head.dep_ == "advcl"
                                and ctx.doc[res[0]].head.head.i == v.i):  # "(TO EXPLAIN)": a purpose clause
                        kk = pos_of[res[0]] + 1
                        if glued:
                            break
                        continue
                    path.append((slot, res))
                    if rec(si + 1, pos_of[res[-1]] + 1, res[-1]):
                        return True
                    path.pop()
                    if glued:
                        break
                    kk = pos_of[res[0]] + 1
            return False

        return rec(0, 0, None)

    @staticmethod
    def _clause_words(ctx: _Ctx, v) -> frozenset[int]:
        """The words after ``v`` that a pattern's prepositional phrase may not take: those deep in a clause ``v``
        governs with a clause of its own ("warned that ..."; its verb and "to" stay: "(TO EXPLAIN)"; a complement of
        the verb's chain is its own: "agreed to work with" is "AGREE * (WITH)") and the attribution "according to X"."""
        out: set[int] = set()
        for c in v.children:
            if c.i < v.i:
                continue
            if c.dep_ in ("ccomp", "advcl") and c.pos_ in ("VERB", "AUX"):
                keep = {c.i} | {k.i for k in c.children if k.dep_ in ("aux", "mark")}
                out.update(t.i for t in c.subtree if t.i not in keep)
            elif c.dep_ == "prep" and ctx.lem[c.i].lower() == "accord":
                out.update(t.i for t in c.subtree)
        return frozenset(out)

    # ------------------------------------------------------------------ actors of an event
    def _subject_tokens(self, v) -> list:
        cur = v
        for _ in range(6):
            subs = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subs and cur.dep_ == "relcl" and all(c.tag_ in ("WDT", "WP") for c in subs):
                return [cur.head]  # "Anwar, who hosted ...": the relative pronoun stands for its noun
            if (PASSIVE_PATIENT_ACTS_NOT and subs and cur is not v and all(c.dep_ == "nsubjpass" for c in subs)
                    and any(c.dep_ in ("dobj", "obj") for c in v.children)
                    and not any(c.dep_ == "auxpass" for c in v.children) and cur.dep_ == "ccomp"
                    and cur.head.pos_ in ("VERB", "AUX")):
                # "The embassy said several windows had been broken and accused the police of ...": the patient of
                # a reported passive is not the agent of an active verb joined to it; the reporting verb's
                # subject is (the parser hangs "accused" on "broken")
                cur = cur.head
                continue
            if subs:
                return subs
            if cur.dep_ in ("xcomp", "conj", "acomp", "advcl") and cur.head.i != cur.i:
                cur = cur.head
                continue
            if cur.dep_ == "relcl":
                return [cur.head]
            break
        return []

    def _mentions_at(self, ctx: _Ctx, tok) -> list[Mention]:
        """Mentions for a noun token: its own noun phrase and coordinated ones; else inside its subtree."""
        out: list[Mention] = []

        def conjs(t, depth=0):
            yield t
            if depth > 8:
                return
            for c in t.children:
                if c.dep_ == "conj":
                    yield from conjs(c, depth + 1)
                elif c.dep_ == "appos" and (
                    any(cc.dep_ == "conj" for cc in c.children) or any(cc.dep_ == "conj" for cc in t.children)
                ):
                    # a list parsed as an apposition: "Mordor, the Shire, Fornost and Bree"
                    yield from conjs(c, depth + 1)

        heads = list(conjs(tok))
        if REPEATED_PREPS and tok.dep_ == "pobj":
            # "held talks with Hichilema and with Hassan": the objects of a preposition repeated in coordination
            heads += [p for c in tok.head.children if c.dep_ == "conj" and c.pos_ == "ADP"
                      and c.lower_ == tok.head.lower_ for q in c.children if q.dep_ == "pobj" for p in conjs(q)]
        for t in heads:
            ms = ctx.by_head.get(t.i)
            if ms:
                out.extend(ms)
        if out:
            # coordination attached inside a multi-word name ("Barack Obama and Vladimir Putin")
            for m in list(out):
                for i in range(m.start, m.end):
                    for c in ctx.doc[i].children:
                        if c.dep_ == "conj" and not (m.start <= c.i < m.end):
                            for t in conjs(c):
                                for m2 in ctx.by_head.get(t.i, ()):
                                    if m2 not in out:
                                        out.append(m2)
                    # ... or a word of the phrase joined to a noun before it ("[Sudan's [government and rebel]
                    # groups]", the actors split by actors.COORDINATED_MODIFIER_ROLES): that noun's actor too
                    t = ctx.doc[i]
                    if (COORDINATED_MODIFIER_ACTORS and t.dep_ == "conj" and not (m.start <= t.head.i < m.end)
                            and t.head.dep_ in ("nmod", "compound")):
                        out.extend(m2 for m2 in ctx.by_head.get(t.head.i, ()) if m2 not in out)
            if SUBJECT_AND_MISPARSED and tok.dep_ in ("nsubj", "nsubjpass"):
                out.extend(m2 for m2 in self._joined_in_subject(ctx, tok) if m2 not in out)
            return out
        # no actor at the head: search the phrase (prepositional attachments); an apposition that describes
        # the head ("AUKUS, the defence alliance between Australia, the UK and the US") names no actor of it
        skip = ("relcl", "acl", "advcl", "ccomp", "appos") if self.news else ("relcl", "acl", "advcl", "ccomp")
        stack = [c for c in tok.children if c.dep_ not in skip]
        if self.news and tok.lemma_.lower() in lexicon.EVENT_NOUNS:
            # "negotiations in Caracas", "a summit at Camp David": where the event is held, not who takes part
            stack = [c for c in stack if not (c.dep_ == "prep" and ctx.up[c.i] in PLACE_PREPS)]
        order = []
        while stack:
            t = stack.pop(0)
            order.append(t)
            stack.extend(c for c in t.children if c.dep_ not in skip)
        for t in sorted(order, key=lambda x: x.i):
            if ctx.by_head.get(t.i):
                found: list[Mention] = []
                for tt in conjs(t):
                    found.extend(ctx.by_head.get(tt.i, ()))
                return found
        return []

    @staticmethod
    def _joined_in_subject(ctx: _Ctx, tok) -> list[Mention]:
        """Coded mentions that begin right after an "and" inside a subject's phrase, where the parser hung the second
        titled person on the first's name ("Guinea-Bissau's President Umaro Sissoco Embalo and Gambian President
        Adama Barrow congratulated ..."): the "and" on a path of names, titles and appositions from the subject, never
        inside a prepositional phrase ("talks between Kenya and Uganda") or a clause."""
        out: list[Mention] = []
        lo, hi = tok.left_edge.i, tok.right_edge.i
        for i in range(lo, hi + 1):
            t = ctx.doc[i]
            if t.dep_ != "cc" or ctx.up[i] != "AND" or i + 1 > hi:
                continue
            cur, ok = t, True
            for _ in range(12):
                if cur.i == tok.i:
                    break
                if cur.dep_ in ("prep", "pobj", "relcl", "acl", "advcl", "ccomp") or cur.pos_ in ("VERB", "AUX"):
                    ok = False
                    break
                cur = cur.head
            if not ok or cur.i != tok.i:
                continue
            m = ctx.tok_mention.get(i + 1)
            if m is not None and m.start == i + 1 and m.coded and m.codes and m.end - 1 <= hi:
                out.append(m)
        return out

    def _relative_acts(self, ctx: _Ctx, sent) -> list[dict]:
        """The acts of non-restrictive relative clauses on an actor: "Anwar, who hosted Phumtham and Hun Manet,
        said ..." -> Anwar hosted them; "He thanked Germany, which promised Ukraine aid" -> Germany promised. The
        relative pronoun is the clause's subject; a clause set off without a comma ("the lawmakers who were
        targeted") only says which ones are meant."""
        out: list[dict] = []
        for v in sent:
            if v.dep_ != "relcl" or v.pos_ not in ("VERB", "AUX") or v.i < ctx.skip:
                continue
            subs = [c for c in v.children if c.dep_ == "nsubj"]
            edge = v.left_edge.i
            if subs and not any(c.tag_ in ("WDT", "WP") for c in subs):
                if "object_relcl" not in self._recall_off:
                    out.extend(self._object_relative(ctx, v, subs))
                continue
            if not subs or any(c.tag_ not in ("WDT", "WP") for c in subs):
                continue
            if (edge == 0 or ctx.doc[edge - 1].text != ",") and (
                    "restrictive_relcl" in self._recall_off or v.tag_ != "VBD" or not self._told_act(v) or not any(
                        c.dep_ == "dobj" for c in v.children)):
                # without an object ("the crowd who gathered") it says which ones are meant; in the pluperfect
                # ("a reporter who had criticised the bans") it tells the background of the main act
                continue
            if (edge == 0 or ctx.doc[edge - 1].text != ",") and "relcl_appos" not in self._recall_off and \
                    self._in_apposition(v.head):
                # "the Front, an alliance of groups that fought the old regime": an apposition describes a named
                # actor; what its relative clause tells is what the actor is, not an act of the story
                continue
            # the noun it is said of is an actor itself ("the pipeline, which goes from Iraq" names no actor)
            if not any(m.coded for m in ctx.by_head.get(v.head.i, ())):
                continue
            out.extend(self._code_clause(ctx, v, depth=1))
        return out

    @staticmethod
    def _in_apposition(noun) -> bool:
        """The noun is (or hangs by "of" phrases from) an apposition: "an umbrella of armed groups" after a name."""
        t = noun
        for _ in range(6):
            if t.dep_ == "appos":
                return True
            if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ == "of":
                t = t.head.head
                continue
            return False
        return False


    @staticmethod
    def _told_act(v) -> bool:
        """A relative clause set off without a comma tells an act of its own when its verb is active and in the
        past ("protesters who stormed parliament", "gunmen who had kidnapped the pupils"); in the present or the
        passive ("the lawmakers who were targeted", "the groups that represent farmers") it only says which ones
        are meant."""
        if any(c.dep_ in ("auxpass", "nsubjpass") or c.tag_ == "MD" for c in v.children):
            return False  # "a resolution that would have imposed an embargo": no act
        if v.tag_ == "VBD":
            return not any(c.dep_ == "aux" for c in v.children)
        return v.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in v.children)

    def _object_relative(self, ctx: _Ctx, v, subs) -> list[dict]:
        """"planes that it accused of violating its airspace", "the tariffs Trump imposed on both countries": a
        relative clause whose subject is an actor of its own tells that actor's act; the noun the clause is said
        of is the act's object (its target when it is an actor). Only an active verb in the past, as for a
        restrictive clause (_told_act)."""
        if not self._told_act(v):
            return []
        where = any(c.tag_ == "WRB" and ctx.up[c.i] in ("WHERE", "WHEN") for c in v.children)
        if where and not any(c.dep_ == "dobj" for c in v.children):
            return []  # "the prison where he died": no act on anyone
        if not where and (any(c.dep_ in ("dobj", "dative") and c.tag_ not in ("WDT", "WP") or c.tag_ == "WRB"
                                  for c in v.children) or (not any(c.dep_ == "dobj" for c in v.children) and any(
                                      c.tag_ in ("WDT", "WP", "IN") and c.i < v.i for c in v.children))):
            return []  # the noun is no object of it ("the day Russia attacked Kyiv" has one of its own)
        if where and "where_relcl" in self._recall_off:
            return []
        if where and any(ctx.up[c.i] == "WHEN" for c in v.children) and self.background_dates:
            up = v.head  # "since 2014, when militants took 300 schoolgirls": the time it is said of dates it
            while up.pos_ not in ("VERB", "AUX") and up.i != up.head.i:
                up = up.head
            if self._dated_before(ctx, {up}):
                return []
        own = [m for s in subs for m in self._mentions_at(ctx, s) if m.coded]
        if not own and len(subs) == 1 and ctx.up[subs[0].i] in ("IT", "THEY", "HE", "SHE"):
            # "Pyongyang threatened to shoot down planes that it accused of ...": a pronoun left unresolved in the
            # clause is the subject of the clause the noun belongs to
            up = v.head
            while up.pos_ not in ("VERB", "AUX") and up.i != up.head.i:
                up = up.head
            own = [m for m in self._subjects(ctx, up) if m.coded] if up.pos_ in ("VERB", "AUX") else []
            if not own:
                return []
        elif not own:
            return []
        evs = self._code_clause(ctx, v, depth=1)
        # "Kuala Lumpur, where he signed 31 agreements with Anwar": the place or time is no object of the act;
        # only what is done to a place ("the mission, where protesters tore down the gate") is done to its owner
        objs = [m for m in self._mentions_at(ctx, v.head) if m.coded]
        out = []
        for ev in evs:
            if ev["source"] is None:
                ev = dict(ev, source=own[0]) if len(own) == 1 else ev
            if not where or ev["code"][:2] in ("14", "17", "18", "19"):
                out.extend(_fill_role(ev, "target", objs))
            else:
                out.append(ev)
        return out

    def _subjects(self, ctx: _Ctx, v) -> list[Mention]:
        out: list[Mention] = []
        for s in self._subject_tokens(v):
            out.extend(self._mentions_at(ctx, s))
        return out

    def _events_for(self, ctx: _Ctx, cand: Candidate, clause_verb, depth: int) -> list[dict]:
        doc = ctx.doc
        v = doc[cand.verb]
        if self.background_dates and self._dated_before(ctx, {v, clause_verb} - {None}):
            return []  # "Mali has been led by the military since August 2020": background
        if self.news and HABITS_ARE_BACKGROUND and _habitual(ctx, v):
            return []  # "has repeatedly denied", "have long accused each other": a habit, not an event of the story
        flags = list(cand.flags)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
        participle = v.dep_ == "acl" and v.tag_ == "VBN"  # "soldiers killed in Ukraine"
        # "the economy grew, helped by exports to China": an adverbial participle with an agent is a passive whose
        # patient is its clause's subject
        adverbial = (ADVERBIAL_PARTICIPLES and v.dep_ == "advcl" and v.tag_ == "VBN"
                     and any(c.dep_ == "agent" for c in v.children))
        passive = passive or participle or adverbial
        if passive:
            flags.append("passive")
        # negation
        neg = [c for c in v.children if c.dep_ == "neg"]
        for c in v.children:
            if c.dep_ == "aux":
                neg.extend(cc for cc in c.children if cc.dep_ == "neg")
        pat_words = set()
        if cand.pattern is not None:
            for s in cand.pattern.pre + cand.pattern.post:
                for a in s.alts:
                    pat_words.update(w for w, _g in a)
        code_override = None
        steps_why = ""
        if neg and not (pat_words & NEG_WORDS):
            modal = any(c.dep_ == "aux" and ctx.up[c.i] in MODALS for c in v.children)
            root = cand.code[:2]
            if modal and root in NEG_REJECT:
                # "will not / would not provide support" is a refusal (CAMEO 12x), not the action
                code_override = NEG_REJECT[root]
                flags.append("refusal")
            else:
                flags.append("negated")
        elif self.intents and not {"appeal", "threat"} & set(flags):
            why = self._intended(ctx, v, clause_verb)
            code = family_code("03", cand.code.split(":")[0]) if why else None
            if code and code != cand.code:
                # "would impose sanctions", "ready to mediate", "pledged to send aid": an intent (or a threat)
                code_override = code
                flags.append("intent")
                steps_why = why
        # source
        sources: list[Mention] = []
        targets: list[Mention] = []
        if "$" in cand.matched:
            sources = self._mentions_at(ctx, _past_determiner(doc[cand.matched["$"]]))
        if "+" in cand.matched and not self._answered_acts_patient(ctx, cand, v, doc[cand.matched["+"]]):
            # (a pattern's "+" may fall on the article before the name: "stood with the Netherlands")
            targets = self._mentions_at(ctx, _past_determiner(doc[cand.matched["+"]]))
        subj_ms = self._mentions_at(ctx, v.head) if participle else (
            self._subjects(ctx, v.head) if adverbial else self._subjects(ctx, v))
        psych = (passive and self.news and "psych_passive" not in self._recall_off and not participle
                 and not adverbial and (ctx.lem[v.i].lower() in PSYCH_VERBS or (
                     PSYCH_ADJ_PASSIVE and _psych_passive_adjective(v))) and "$" not in cand.matched)
        if psych:
            # "Peru was alarmed by Chile's moves": the subject feels and voices it (the source), the agent is
            # what it is felt at (the target); not Chile alarming Peru
            flags.remove("passive")
            sources = subj_ms
            if not targets:
                targets = [m for c in v.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                           for m in self._mentions_at(ctx, p)]
            if PSYCH_AGENT_ACT and self.news and not any(m.coded and not m.codes[0].startswith("---")
                                                         for m in targets):
                # "was deeply concerned by the army's raid": concern at an act is aimed at its author (its
                # possessor or nationality; the article conventions), else at whoever the document says did it
                targets = self._felt_act_author(ctx, v, {m.head for m in sources}) or targets
        elif passive:
            if not sources:
                for c in v.children:
                    if c.dep_ == "agent":
                        for p in c.children:
                            if p.dep_ == "pobj":
                                sources = self._mentions_at(ctx, p)
                                if adverbial:  # "helped by exports to China": China is not who helped
                                    sources = [m for m in sources if _heads_phrase(ctx, m, p)]
                                if self.news and not any(m.coded for m in sources):
                                    # "by a missile believed to be fired by rebels": the agent of the agent
                                    sources = [m for a in p.subtree if a.dep_ == "agent" and a.i != c.i
                                               for q in a.children if q.dep_ == "pobj"
                                               for m in self._mentions_at(ctx, q) if m.coded]
                if not sources:
                    for c in v.children:
                        if c.dep_ == "prep" and ctx.up[c.i] in SOURCE_PREPS and not self._is_date_phrase(ctx, c):
                            for p in c.children:
                                if p.dep_ == "pobj":
                                    sources = self._mentions_at(ctx, p)
                            if sources:
                                break
            if not targets:
                targets = subj_ms
        else:
            if not sources:
                sources = subj_ms
            if not targets:
                targets = self._objects(ctx, v, cand, exclude={m.head for m in sources})
        if (self.news and PURPOSE_TARGET and not passive and not any(m.coded for m in targets)
                and (code_override or cand.code)[:2] in FORCE_ROOTS):
            # "police fired into the air to disperse the protesters", "fired tear gas to break up the march": the
            # purpose's object is whom the force is aimed at; dispersing a crowd is 175
            for c in v.children:
                if c.dep_ not in ("advcl", "xcomp") or c.pos_ != "VERB" or not any(
                        a.dep_ == "aux" and ctx.up[a.i] == "TO" for a in c.children):
                    continue
                aimed = [m for o in c.children if o.dep_ in ("dobj", "obj")
                         for m in self._mentions_at(ctx, o) if m.coded and m not in sources]
                if aimed:
                    targets = aimed
                    crowd = any(m.codes and m.codes[0][3:6] in CROWD_ROLES for m in aimed) or any(
                        ctx.lem[o.i].lower() in CROWD_NOUNS for o in c.children if o.dep_ in ("dobj", "obj"))
                    if ctx.lem[c.i].lower() in DISPERSING and crowd and code_override is None:
                        code_override, steps_why = "175", f'force used to {c.text} a crowd'
                        flags.append("purpose")
                    break
        if self.news and HELD_ARE_NO_TARGET and targets and (cand.code[:2] in ("02", "10") or cand.code.split(
                ":")[0] in RELEASE_CODES):
            # "demanded the release of the detained farmers": the people held are not whom the demand is made of;
            # whoever holds them is ("held by Zambian troops"; else the detainer the document names, in
            # _targets_from_context)
            held, holders = self._held(ctx, v, exclude={m.head for m in sources})
            if held:
                # (a lone sentence tells no detention: there a foreign captive's country is the best guess of
                # who holds them, "the EU demanded the release of a Chinese lawyer"; one's own nationals are held
                # by another)
                own = {m.codes[0][:3] for m in sources if m.coded and m.codes}
                kept = [m for m in targets if m.head not in held or not ctx.article and m.codes
                        and m.codes[0][:3] not in own]
                targets = holders or kept
        if (self.news and CONDITION_TARGET and (code_override or cand.code)[:2] == "13"
                and not any(m.coded and m.codes and not m.codes[0].startswith("---") for m in targets)):
            # "warned that they would defend themselves if the army attacked", "would respond with all measures if
            # Cameroon did not reopen the pipeline": a threat is aimed at whoever its condition is about
            cond = self._condition_subjects(ctx, v, {m.head for m in sources})
            if cond:
                targets = cond
        if self.news and OWN_SIDE_NO_TARGET and targets and sources:
            # "'Our soldiers are ready to protect our people,' he said": "we"/"our" are the speaker's side; of the
            # speaker's own country they are never whom the act is aimed at
            own = {m.codes[0][:3] for m in sources if m.coded and m.codes}
            targets = [m for m in targets if not (m.codes and m.codes[0][:3] in own and _first_person(ctx, m))]
        if (self.news and UNADDRESSED_NO_GUESS and not targets and cand.code[:2] in ("02", "10")
                and not self._addressed(ctx, v)):
            # "called for restraint", "urged calm": an appeal to no one named takes no target from the document
            ctx.doc.user_data.setdefault(UNADDRESSED, set()).add(cand.verb)
        if not sources and not targets and not (depth > 0):
            return []
        if (self.news and code_override is None and cand.pattern is None and cand.code[:2] == "01" and targets
                and cand.code[:3] not in REGRET_CODES and self._names_hostile_act(ctx, v)):
            # "We witnessed attempts on the part of the US to undermine this cooperation": a statement whose
            # object is a hostile act of another is an accusation of it (112); concern or regret at one ("deeply
            # regretted Morocco's attacks") stays concern, 012 (the article conventions: "expressed or raised
            # concern 012"; accusing and blaming are 112)
            code_override = "112"
            flags.append("accusation")
            steps_why = "a statement naming another's hostile act"
        sources = _prefer_coded(_dedupe(sources))
        targets = _prefer_coded([t for t in _dedupe(targets) if t not in sources])
        subj_pron = not sources and any(
            t.pos_ == "PRON" and ctx.up[t.i] in PRONOUNS for t in self._subject_tokens(v)
        )
        pairs: list[tuple[Mention | None, Mention | None]] = []
        mutual = False
        if not targets and len(sources) == 1 and sources[0].resolved == "group" and len(
                {c[:3] for c in sources[0].codes}) >= 2:
            # "commanders from both sides met", "the two leaders agreed": each member a side of its own
            sources = [replace(sources[0], codes=[c]) for c in sources[0].codes]
        elif (JOINED_NATIONALITIES_SIDES and not targets and len(sources) == 1 and sources[0].coded
              and len({c[:3] for c in sources[0].codes}) >= 2
              and any(ctx.doc[i].dep_ == "cc" for i in range(sources[0].start, sources[0].end))):
            # "Rwandan and Burundian soldiers exchanged gunfire": one phrase, two countries' troops -- two sides
            sources = [replace(sources[0], codes=[c]) for c in sources[0].codes]
        real_sources = [m for m in sources if m.coded and not m.codes[0].startswith("---")]
        reciprocal = False
        for t in {v, clause_verb} if clause_verb is not None else {v}:
            for c in t.children:
                if ctx.up[c.i] in RECIPROCAL or any(ctx.up[cc.i] in RECIPROCAL for cc in c.children):
                    reciprocal = True
        if reciprocal and len(real_sources) >= 2:
            targets = []  # "India and Russia agreed to work together": they act on each other
        full_code = code_override or cand.code
        symmetric = not self.mutual_only_symmetric or reciprocal or (
            ":" in full_code and len(set(full_code.split(":"))) == 1) or (full_code[:2] in MUTUAL_ROOTS and (
                full_code[:2] != "05" or full_code[:3] in MUTUAL_05 or "praise_one_way" in self._recall_off)) or (
            # "the army and the RSF had agreed to a ceasefire": agreeing takes two sides
            any(t is not None and t.lemma_.lower() in MUTUAL_VERBS for t in (v, clause_verb))) or (
            # "Kenya and Somalia will hold talks": the intent of a two-sided act (046:046) takes two sides too
            INTENDED_MUTUAL and code_override is not None and "intent" in flags and ":" in cand.code
            and len(set(cand.code.split(":"))) == 1)
        if (self.news and MUTUAL_PLACE_IS_WHERE and targets and len(real_sources) >= 2 and symmetric and all(
                _in_place_phrase(ctx, m, v) for m in targets)):
            # "the army and the RSF clashed in Khartoum", "A, B and C sign a deal at Athens summit": where they
            # acted on each other, not whom
            targets = []
        if (self.news and PROTEST_PLACE_IS_WHERE and ctx.article and targets and (code_override or cand.code)[:2]
                == "14" and all(_in_place_phrase(ctx, m, v) for m in targets)):
            # "protesters blocked roads in Basra", "marched in Nairobi": where they protested; whom they protest
            # against is for the document to say (the protesters' government; a lone sentence, with no document
            # to say it, keeps the place's country: PETRARCH's reading)
            targets = []
        if len(real_sources) >= 2 and symmetric and (not targets or (UNCODED_OBJECT_MUTUAL and self.news and not any(
                m.coded and m.codes and not m.codes[0].startswith("---") for m in targets))):
            # "Gondor and Osgiliath delayed their meeting": the coordinated actors act on each other; only
            # in an act that takes two sides ("Japan and Australia expressed concern" is not at each other); an
            # object no dictionary codes is no other side ("Pakistan and Afghanistan reopened the Torkham
            # crossing": a place, the two act on each other)
            pairs = [(a, b) for a in sources for b in sources if a is not b]
            mutual = True
        else:
            pairs = [(a, b) for a in (sources or [None]) for b in (targets or [None])]
        conf = 0.55 + (0.15 if cand.pattern is not None else 0.0)
        if "negated" in flags:
            conf = 0.2
        if "passive" in flags:
            conf -= 0.05
        events = []
        full = code_override or cand.code
        codes = full.split(":", 1) if ":" in full else [full, ""]
        if mutual:
            codes = [codes[0] or codes[1], ""]
        if code_override and "accusation" in flags:
            evidence = cand.evidence + f"; {steps_why} -> accusation [{code_override}]"
            steps = (*cand.steps, Step("accusation", code_override, steps_why))
        elif code_override and "purpose" in flags:
            evidence = cand.evidence + f"; {steps_why} -> [{code_override}]"
            steps = (*cand.steps, Step("purpose", code_override, steps_why))
        elif code_override and "refusal" not in flags:
            evidence = cand.evidence + f"; {steps_why} -> intent [{code_override}]"
            steps = (*cand.steps, Step("intent", code_override, steps_why))
        else:
            evidence = cand.evidence + (f"; negated -> refusal [{code_override}]" if code_override else "")
            steps = (*cand.steps, Step("refusal", code_override)) if code_override else cand.steps
        # the reverse of a symmetric code (X:X) only where a side is a coordination of actors
        # (the article conventions: "A spoke with B, C and D" is A -> each, a list of targets is no side that acts)
        reverse_ok = codes[1] != codes[0] or _coordinated(ctx, sources) or (
            not self.news and _coordinated(ctx, targets))
        if self.news and NO_REVERSE_OF_PAIRED and (
                codes[0][:3] in VISIT_CODES and codes[1][:3] in HOST_CODES
                or HOSTING_NO_VISIT and codes[0][:3] in HOST_CODES and codes[1][:3] in VISIT_CODES):
            # the article conventions: "Misri visited Dhaka" is the visit (042) alone, not also Dhaka hosting him
            # (043); the host's act is coded where the text tells it ("hosted", "received"); and "Mitsotakis hosted
            # Netanyahu" is the hosting alone (the guests' visit is told where the text tells it)
            reverse_ok = False
        for s, t in pairs:
            for k, code in enumerate(codes):
                if not code:
                    continue
                src, tgt = (s, t) if k == 0 else (t, s)
                if k == 1 and (src is None or tgt is None or not reverse_ok):
                    continue
                events.append(dict(
                    code=code, source=src, target=tgt, verb=cand.verb, extra=cand.extra_trigger,
                    evidence=evidence, flags=tuple(flags) + (("reverse",) if k == 1 else ()),
                    confidence=round(max(conf, 0.05), 2),
                    block=cand.entry.block, base=cand.entry.base, subj_pron=subj_pron,
                    pattern=cand.pattern, entry=cand.entry, steps=steps,
                ))
        return events

    def _addressed(self, ctx: _Ctx, v) -> bool:
        """The appeal or demand of ``v`` names whom it is made of, coded or not: an object or an "on"/"to" phrase
        that is a person, a group or a body ("urged the electoral council", "called on all parties", "appealed
        to them"), or the subject of the clause it asks for ("demanded that the government resign")."""
        # "urged X to publish", "called on X to refrain": an object before an infinitive is whom it asks
        control = any(c.dep_ == "xcomp" for c in v.children)
        for c in v.children:
            if c.dep_ in ("dobj", "dative", "iobj") and (control or c.pos_ == "PROPN" or self._is_actor(ctx, c)):
                return True
            if c.dep_ == "prep" and ctx.up[c.i] in ("ON", "UPON", "TO") and any(
                    p.dep_ == "pobj" and (control or self._is_actor(ctx, p)) for p in c.children):
                return True
            if c.dep_ == "ccomp" and any(k.dep_ in ("nsubj", "nsubjpass") and self._is_actor(ctx, k)
                                         for k in c.children):
                return True
        return False

    def _held(self, ctx: _Ctx, v, exclude) -> tuple[set[int], list[Mention]]:
        """The people or things whose release the clause of ``v`` asks for ("the release of the farmers", "their
        release", "that the farmers be freed", "to free the hostages"): their tokens, and the agents that hold
        them when a participle names one ("the farmers held by Zambian troops")."""
        held: set[int] = set()
        holders: list[Mention] = []
        for t in v.subtree:
            lemma = ctx.lem[t.i].lower()
            if lemma not in RELEASE_WORDS or t.i == v.i and t.pos_ != "NOUN":
                continue
            if t.pos_ == "NOUN":
                phrases = [p for k in t.children if k.dep_ == "prep" and ctx.up[k.i] == "OF"
                           for p in k.children if p.dep_ == "pobj"] + [k for k in t.children if k.dep_ == "poss"]
            elif t.pos_ == "VERB":
                phrases = [k for k in t.children if k.dep_ in ("nsubjpass", "dobj")]
            else:
                continue
            for p in phrases:
                held.update(x.i for x in p.subtree)
                holders.extend(self._agent_of(ctx, p, exclude))
        return held, _dedupe(holders)

    def _answered_acts_patient(self, ctx: _Ctx, cand: Candidate, v, plus) -> bool:
        """A pattern's target slot on the patient of the act an answer names ("condemned the attack on +"): the
        article conventions aim the answer at the act's author instead (_objects)."""
        if not (self.news and ANSWER_TARGETS_AUTHOR and (
                cand.code[:2] in ANSWERING_ROOTS or cand.code[:3] in ANSWERING_CODES)):
            return False
        for _ in range(3):  # from the slot's word ("Lithuanian border guards") to its phrase's head
            if plus.dep_ == "pobj" or plus.head.i == plus.i:
                break
            plus = plus.head
        prep = plus.head
        return (plus.dep_ == "pobj" and ctx.up[prep.i] in PATIENT_PREPS and prep.head.dep_ == "dobj"
                and prep.head.head.i == v.i)

    def _dated_before(self, ctx: _Ctx, verbs) -> str:
        """The date phrase that puts the act before the story's days ("in 2016", "since August 2020", "in
        January" in a June story, "last year"), or "": background, not an event of the story."""
        if not ctx.date or len(ctx.date) < 10:
            return ""
        year, month, day = int(ctx.date[:4]), int(ctx.date[5:7]), int(ctx.date[8:10])
        for v in verbs:
            for c in v.children:
                if c.dep_ == "prep":
                    objs = [p for p in c.children if p.dep_ == "pobj"]
                    prep = ctx.up[c.i]
                elif c.dep_ in ("npadvmod", "advmod", "tmod"):
                    objs, prep = [c], ""
                else:
                    continue
                for o in objs:
                    words = [ctx.up[t.i] for t in o.subtree]
                    text = " ".join(words)
                    if not (o.ent_type_ == "DATE" or any(w in DATE_WORDS or w.isdigit() for w in words)):
                        continue
                    if "SINCE" in words:
                        prep = "SINCE"
                    if prep == "SINCE" and any(w.isdigit() or w in _MONTHS for w in words):
                        return f"since {text.lower()}"
                    years = [int(w) for w in words if w.isdigit() and len(w) == 4 and 1900 < int(w) < 2100]
                    if years and max(years) < year:
                        return text.lower()
                    if prep == "SINCE":
                        continue  # "has mediated ... since last year": going on in the story's days
                    if "LAST" in words and ("YEAR" in words or "DECADE" in words or (
                            "MONTH" in words and BACKGROUND_LAST_MONTH)) or "AGO" in words and (
                            "YEARS" in words or "MONTHS" in words):
                        return text.lower()
                    months = [_MONTHS[w] for w in words if w in _MONTHS]
                    # a month of the half-year before the story's (not the previous one early in a month;
                    # a later month is the future: "could impose duties by July"); told in the past ("joined NATO
                    # in April"), any other month of the year before
                    back = 11 if BACKGROUND_PAST_MONTHS and prep in ("IN", "ON", "DURING", "") and _told_in_past(
                        ctx, v) else 6  # not "was set for January", "gave them until March"
                    if MODAL_MONTHS_AHEAD and any(c.dep_ == "aux" and ctx.up[c.i] in MODALS for c in v.children):
                        back = 0  # "will hold elections in October": a month ahead, whatever the story's month
                    if months and not years and all(
                            1 <= (month - m) % 12 <= back and not ((month - m) % 12 == 1 and day <= 14)
                            for m in months):
                        return text.lower()
        return ""

    def _names_hostile_act(self, ctx: _Ctx, v) -> bool:
        """The verb's object is an event noun whose act is hostile ("attempts ... to undermine", "aggression")."""
        for c in v.children:
            if c.dep_ not in ("dobj", "attr") or c.pos_ != "NOUN":
                continue
            inner = [k for k in c.children if k.dep_ in ("acl", "xcomp") and k.pos_ == "VERB"]
            cand = self._best_in_chain(ctx, inner[0]) if inner else self._code_verb(ctx, c, [c], noun=True)
            code = cand.code.split(":")[0] if cand is not None else ""
            if code[:2].isdigit() and 10 <= int(code[:2]) <= 20 and code[:2] != "13":
                return True
        return False

    def _intended(self, ctx: _Ctx, v, clause_verb) -> str:
        """Why the act of ``v`` is only intended ("will", "ready to", "pledged to"), or "" when it is done."""
        if any(c.dep_ == "aux" and ctx.up[c.i] in FUTURE_MODALS for c in v.children):
            return "future"
        cur = v
        for _ in range(5):
            if cur.dep_ != "xcomp" or cur.head.i == cur.i:
                break
            head = cur.head
            if head.lemma_.lower() in INTENT_VERBS or head.lemma_.lower() in READY_WORDS:
                return head.lemma_.lower()
            if SCHEDULED_IS_INTENT and head.lemma_.lower() in SCHEDULED_WORDS and (
                    head.pos_ == "ADJ" or head.lemma_.lower() == "expect"
                    or any(c.dep_ == "auxpass" for c in head.children)):
                return "scheduled"  # "is due to meet", "is expected to visit", "is scheduled to sign"
            if any(c.dep_ == "aux" and ctx.up[c.i] in FUTURE_MODALS for c in head.children):
                return "future"
            if head.dep_ == "acomp" and head.head.i != head.i:
                head = head.head
            cur = head
        return ""

    def _condition_subjects(self, ctx: _Ctx, v, exclude) -> list[Mention]:
        """The coded subjects of the first "if" / "unless" clause under ``v`` (its own, or its complement's): whom a
        threat's condition is about."""
        for t in v.subtree:
            if t.dep_ != "advcl" or t.i <= v.i or not any(
                    c.dep_ == "mark" and ctx.up[c.i] in CONDITION_MARKS for c in t.children):
                continue
            subs = [m for m in self._subjects(ctx, t) if m.coded and m.codes and not m.codes[0].startswith("---")
                    and m.head not in exclude]
            if subs:
                return subs
        return []

    def _felt_act_author(self, ctx: _Ctx, v, exclude) -> list[Mention]:
        """The author of the act a feeling names ("concerned by the army's raid", "alarmed at Russia's moves": the
        army, Russia); where the phrase names none, the act's word is kept under ANSWERED_ACTS for the document to
        say who did it ("deeply concerned by the raid")."""
        for c in v.children:
            if not (c.dep_ == "agent" or c.dep_ == "prep" and ctx.up[c.i] in FELT_AT_PREPS):
                continue
            for p in c.children:
                if p.dep_ != "pobj" or p.pos_ != "NOUN" or p.i in ctx.tok_mention or not self._names_an_act(ctx, p):
                    continue
                author = [m for m in _dedupe([ctx.tok_mention[t.i] for k in p.children
                                              if k.dep_ in ("poss", "amod", "compound", "nmod")
                                              for t in k.subtree if t.i in ctx.tok_mention])
                          if m.coded and m.head not in exclude]
                if author:
                    return author
                if ANSWERED_ACT_AUTHOR:
                    named = self._code_verb(ctx, p, [p], noun=True)
                    words = {ctx.lem[p.i].lower(), *(w.lower() for w in lexicon.verb_stems(ctx.lem[p.i].upper()))}
                    ctx.doc.user_data.setdefault(ANSWERED_ACTS, {})[v.i] = (
                        words, named.code.split(":")[0][:2] if named is not None else "")
        return []

    def _objects(self, ctx: _Ctx, v, cand: Candidate, exclude) -> list[Mention]:
        fallback: list[Mention] = []
        sources = set(exclude)  # the source's heads (``exclude`` grows with words that name no target)
        if self.news:
            preps = ASIDE_PREPS | CHANNEL_PREPS if CHANNEL_NO_TARGET else ASIDE_PREPS
            aside = {t.i for c in v.subtree if c.dep_ == "prep" and ctx.up[c.i] in preps for t in c.subtree}
            if aside:
                exclude = set(exclude) | aside

        def take(ms: list[Mention]) -> bool:
            """True when ``ms`` has a coded actor; an uncoded one is kept as the last resort."""
            if any(m.coded and not m.codes[0].startswith("---") for m in ms):
                return True
            if ms and not fallback:
                fallback.extend(ms)
            return False

        welcome = self.news and WELCOME_ANSWERS and cand.code[:3] in WELCOMING_CODES
        regret = self.news and REGRET_ANSWERS and cand.code[:3] in REGRET_CODES
        if (self.news and PSYCH_AGENT_ACT and cand.code[:3] in REGRET_CODES and v.pos_ == "ADJ"
                and (felt := self._felt_act_author(ctx, v, exclude))):
            return felt  # "was deeply concerned by the army's raid"
        if self.news and ANSWER_TARGETS_AUTHOR and (cand.code[:2] in ANSWERING_ROOTS or cand.code[:3] in ANSWERING_CODES
                                                   or welcome or regret
                                                   ) and not any(c.dep_ == "prep" and ctx.up[c.i] in ("OF", "FOR")
                                                                 for c in v.children):  # "accused X of", "blamed X for"
            # "condemned the attack on the police", "rejected the opposition's demand": an answer is aimed at the
            # author of the act it names (its possessor, nationality or "by" agent), never at the act's patient;
            # so is welcoming or backing an act ("welcomed the release", the article conventions)
            for c in v.children:
                if (c.dep_ == "dobj" and c.i > v.i and c.pos_ == "NOUN" and c.i not in ctx.tok_mention
                        and c.i not in cand.extra_trigger and "light" not in cand.flags
                        and ctx.lem[v.i].lower() not in lexicon.LIGHT_VERBS  # "launched a scathing attack on"
                        and self._names_an_act(ctx, c)):  # not "condemned the opposition"
                    # (the possessor of a welcomed act is as often whom it befell: "welcomed Bongo's removal")
                    author = _dedupe([ctx.tok_mention[t.i] for k in c.children
                                      if k.dep_ in ("poss", "amod", "compound", "nmod") and not welcome
                                      for t in k.subtree if t.i in ctx.tok_mention]) or [
                        m for k in c.children if k.dep_ == "prep" and ctx.up[k.i] == "BY"
                        for p in k.children if p.dep_ == "pobj" for m in self._mentions_at(ctx, p)
                    ] or self._agent_of(ctx, c, exclude)  # "the offer made by the Taliban"
                    author = [m for m in author if m.coded and m.head not in exclude]
                    if author:
                        return author
                    if ANSWERED_ACT_AUTHOR:
                        # the document may tell who did the act (_targets_from_context): its word and its code
                        named = self._code_verb(ctx, c, [c], noun=True)
                        words = {ctx.lem[c.i].lower(), *(w.lower() for w in lexicon.verb_stems(ctx.lem[c.i].upper()))}
                        ctx.doc.user_data.setdefault(ANSWERED_ACTS, {})[v.i] = (
                            words, named.code.split(":")[0][:2] if named is not None else "")
                    # no author named: whatever else the clause names, but not the act's patient ("on the police"),
                    # nor the source's own country ("China opposed the inclusion of Chinese firms")
                    own = {m.codes[0][:3] for h in exclude for m in ctx.by_head.get(h, ()) if m.codes}
                    patient = {t.i for k in c.children if k.dep_ == "prep" and ctx.up[k.i] in PATIENT_PREPS
                               for t in k.subtree}
                    patient |= {m.head for k in c.children if k.dep_ == "prep" and ctx.up[k.i] == "OF"
                                for t in k.subtree for m in [ctx.tok_mention.get(t.i)]
                                if m is not None and m.codes and m.codes[0][:3] in own}
                    if CHARACTERISED_NO_TARGET:
                        # "condemned the raids as a violation of Afghan sovereignty", "called the vetoes a betrayal of
                        # the Myanmar people": what the act is called is the source's judgement of it, not its author
                        # (but "called the strike a political act by union bosses": its "by" names the author)
                        said = [k for k in v.children if k.dep_ == "oprd" or k.dep_ == "prep" and ctx.up[k.i] == "AS"]
                        patient |= {t.i for k in said for t in k.subtree} - {
                            t.i for k in said for a in k.subtree if a.dep_ in ("prep", "agent") and ctx.up[a.i] == "BY"
                            for t in a.subtree}
                    exclude = set(exclude) | patient
        if self.news and CHARACTERISED_ANY_OBJECT and (cand.code[:2] in ANSWERING_ROOTS
                                                      or cand.code[:3] in ANSWERING_CODES):
            # "dismissed the motion as a stunt that would help Russian propaganda": whatever its object, what an
            # answer calls it is the source's judgement, no target (but a "by" in it names the author)
            said = [k for k in v.children if k.dep_ == "oprd" or k.dep_ == "prep" and ctx.up[k.i] == "AS"]
            exclude = set(exclude) | ({t.i for k in said for t in k.subtree} - {
                t.i for k in said for a in k.subtree if a.dep_ in ("prep", "agent") and ctx.up[a.i] == "BY"
                for t in a.subtree})
        if self.news and ENVOYS_POSTED:
            exclude = self._posted_envoy(ctx, v, sources, exclude)
            if isinstance(exclude, list):
                return exclude  # "recalled its ambassador to Zambia": the country the envoy is posted to
        # the direct object first, then a pattern's prepositional phrase
        for c in v.children:
            if c.dep_ in ("dobj", "dative") and c.i > v.i or (
                    NAME_AFTER_VERB_IS_OBJECT and c.dep_ == "npadvmod" and c.i == v.i + 1 and c.pos_ == "PROPN"
                    and c.ent_type_ in ("GPE", "ORG", "PERSON", "NORP")
                    and not any(k.dep_ in ("dobj", "dative") for k in v.children)):
                # ("warned Washington that ...": a name the parser hung on the verb as an adverb is its object)
                # "shot down drones launched by Russia": the object's agent is whom the act is against
                agent = self._agent_of(ctx, c, exclude)
                if agent:
                    return agent
                ms = [m for m in self._mentions_at(ctx, c) if m.head not in exclude]
                if take(ms):
                    return ms
        if self.news:
            # "rallied in the capital against sanctions imposed by ECOWAS": "against" names whom the act is aimed
            # at, before a place a pattern matched
            for c in v.children:
                if c.dep_ == "prep" and ctx.up[c.i] == "AGAINST":
                    for o in c.children:
                        if o.dep_ == "pobj":
                            agent = self._agent_of(ctx, o, exclude)
                            ms = agent or [m for m in self._mentions_at(ctx, o) if m.head not in exclude and m.coded]
                            if ms:
                                return ms
        for p in cand.matched.get("prep", []):
            for c in ctx.doc[p].children:
                if c.dep_ == "pobj":
                    # "rallied against sanctions imposed by ECOWAS": against the sanctions' author
                    agent = self._agent_of(ctx, c, exclude) if ctx.up[p] in ("AGAINST", "OVER", "ON") else []
                    if agent:
                        return agent
                    ms = [m for m in self._mentions_at(ctx, c) if m.head not in exclude]
                    if take(ms):
                        return ms
        chain_objs = []
        cur = v
        for _ in range(4):
            chain_objs.append(cur)
            nxt = next((c for c in cur.children if c.dep_ == "xcomp"), None)
            if nxt is None and self.news:
                # "send ships to help protect Finland": a purpose clause of help names whom the act is for
                nxt = next((c for c in cur.children if c.dep_ == "advcl" and c.tag_ == "VB"
                            and c.lemma_.lower() in BENEFIT_VERBS
                            and any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.children)
                            and not any(a.dep_ in ("nsubj", "nsubjpass", "mark") for a in c.children)), None)
            if nxt is None:
                break
            cur = nxt
        for verb in chain_objs:
            kids = sorted(verb.children, key=lambda c: c.i)
            for dep in (("dobj", "dative", "attr", "oprd"), ("prep", "agent")):
                for c in kids:
                    if c.dep_ not in dep or c.i < verb.i and c.dep_ != "dobj":
                        continue
                    if c.dep_ == "prep":
                        if self._is_date_phrase(ctx, c):
                            continue
                        for p in c.children:
                            if p.dep_ in ("pobj", "pcomp"):
                                ms = [m for m in self._mentions_at(ctx, p) if m.head not in exclude]
                                if ms and self._where_held(ctx, p, verb, ms, cand.code):
                                    # "agreed to resume negotiations in Caracas": a place the act happens in
                                    # (no pattern names it) is where, not whom
                                    continue
                                if take(ms):
                                    return ms
                    else:
                        ms = [m for m in self._mentions_at(ctx, c) if m.head not in exclude]
                        if take(ms):
                            return ms
        # "Arnor believes Dagolath and Osgiliath can cope": the subject of the clause it governs
        for c in v.children:
            if c.dep_ == "ccomp" and c.i > v.i:
                for sub in c.children:
                    if sub.dep_ in ("nsubj", "nsubjpass"):
                        ms = [m for m in self._mentions_at(ctx, sub) if m.head not in exclude]
                        if take(ms):
                            return ms
        # (not the actors of a clause on a noun with a subject of its own: "waters that the Philippines claim")
        told = _told_clauses(v) if self.news and DEEP_SKIPS_RELATIVE else set()
        # anything else after the verb in its own material (odd parses: "contribute ... florin to X")
        _pre, post = self._material(ctx, v, [v])
        for t in post:
            if t in told:
                continue
            ms = [m for m in ctx.by_head.get(t, ()) if m.head not in exclude]
            if ms and self._where_held(ctx, ctx.doc[t], v, ms, cand.code):
                continue
            if ms and take(self._mentions_at(ctx, ctx.doc[t])):
                return self._mentions_at(ctx, ctx.doc[t])
        if self.deep_targets:
            # the clauses attached to the objects ("roads leading into Mordor")
            for c in v.children:
                if c.i > v.i and c.dep_ in ("dobj", "prep", "advmod", "npadvmod") and not (
                    c.dep_ == "prep" and self._is_date_phrase(ctx, c)
                ):
                    for t in sorted(c.subtree, key=lambda x: x.i):
                        if t.i in told:
                            continue
                        ms = [m for m in ctx.by_head.get(t.i, ()) if m.head not in exclude]
                        if ms and self._where_held(ctx, t, v, ms, cand.code):
                            continue
                        if ms and take(self._mentions_at(ctx, t)):
                            return self._mentions_at(ctx, t)
        return fallback[:1]

    def _posted_envoy(self, ctx: _Ctx, v, sources: set[int], exclude):
        """The verb's object is the source's own envoy ("recalled its ambassador to Zambia", "withdrew our envoy
        from Quito", "Kenya's high commissioner in Kampala"): the envoy is no other party, the country it is posted
        to is. Returns that country's mentions (a list), else ``exclude`` with the own envoy added (a set: no
        target from it; the document's other party may still be found)."""
        own = {m.codes[0][:3] for h in sources for m in ctx.by_head.get(h, ()) if m.coded and m.codes}
        from_verb = "envoy_from_verb" not in self._recall_off
        if not own and not from_verb:
            return exclude
        for c in v.children:
            if c.dep_ != "dobj" or c.i < v.i or ctx.lem[c.i].lower() not in ENVOY_NOUNS:
                continue
            envoy = [m for m in self._mentions_at(ctx, c) if m.head not in exclude]
            if not own and any(k.dep_ == "poss" and k.tag_ == "PRP$" for k in c.children):
                # "responded by recalling its own ambassadors": the envoy "its" names is the subject's own
                own = {m.codes[0][:3] for m in envoy if m.coded and m.codes}
            if not own:
                continue
            if from_verb:
                # "recalled its ambassadors from Caracas": the phrase of the post hangs on the verb as often
                for k in v.children:
                    if k.dep_ == "prep" and k.i > c.i and ctx.up[k.i] in ("FROM", "TO"):
                        posted = [m for p in k.children if p.dep_ == "pobj" for m in self._mentions_at(ctx, p)
                                  if m.coded and m.codes and m.codes[0][:3] not in own]
                        if posted:
                            return posted
            if not envoy or any(not m.codes or m.codes[0][:3] not in own for m in envoy):
                continue  # another's envoy ("expelled Togo's ambassador") is the target as it stands
            for k in c.children:
                if k.dep_ == "prep" and ctx.up[k.i] in POSTING_PREPS:
                    posted = [m for p in k.children if p.dep_ == "pobj" for m in self._mentions_at(ctx, p)
                              if m.coded and m.codes and m.codes[0][:3] not in own]
                    if posted:
                        return posted
            return set(exclude) | {m.head for m in envoy} | {t.i for t in c.subtree}
        return exclude

    def _names_an_act(self, ctx: _Ctx, noun) -> bool:
        """``noun`` names an act: a gathering or exchange, a noun the verb dictionary codes ("attack", "launch",
        "accusation"), or a nominalisation ("the inclusion of")."""
        lemma = ctx.lem[noun.i]
        if lemma.lower() in lexicon.EVENT_NOUNS or lexicon.verb_stems(lemma):
            return True
        if lemma.lower() in lexicon.RESULT_NOUN_VERBS:
            return True  # "welcomed the outcome": the result of an act (act_verbs)
        if self._code_verb(ctx, noun, [noun], noun=True) is not None:
            return True
        # a noun that is the verb itself ("condemned the launch", "the test", "the raid"), the dictionary's verb
        forms = getattr(self.verbs, "forms", None) or {}
        return ACT_NOUNS_ARE_VERBS and noun.tag_ == "NN" and any(
            e.base == lemma for e in forms.get(lemma, ()))

    def _agent_of(self, ctx: _Ctx, tok, exclude) -> list[Mention]:
        """The coded agent of a participle on ``tok``'s phrase ("drones launched by Russia", "sanctions imposed
        by ECOWAS"): whom an act on that thing is aimed at."""
        if not self.news:
            return []
        return [m for a in tok.subtree if a.dep_ == "acl" and a.tag_ == "VBN"
                for ag in a.children if ag.dep_ == "agent"
                for p in ag.children if p.dep_ == "pobj"
                for m in self._mentions_at(ctx, p) if m.head not in exclude and m.coded]

    def _where_held(self, ctx: _Ctx, t, v, ms: list[Mention], code: str = "") -> bool:
        """``t`` is the venue of a meeting, not a party to it: "resumed negotiations in Caracas", "will meet in
        Zurich" -- a country or city after a place preposition on an event noun, or on the verb of a talk, a
        meeting or an intent (roots 03-05). A protest or an exercise in a foreign capital is aimed at its
        country ("protested in Beijing" -> CHN), so a place stays a target for other acts."""
        if not self.news or t.dep_ not in ("pobj", "pcomp") or not all(m.codes and len(m.codes[0]) == 3 for m in ms):
            return False
        prep = t.head
        if ctx.up[prep.i] not in PLACE_PREPS:
            return False
        if prep.head.lemma_.lower() in lexicon.EVENT_NOUNS:
            return True
        return prep.head.i == v.i and code[:2] in ("03", "04", "05")

    # ------------------------------------------------------------------ reported speech
    def _transform(self, ctx: _Ctx, ev: dict, verb, reporter: list[Mention], own: Candidate | None,
                   apply: bool = True, flag: str = "reported") -> list[dict]:
        ev = dict(ev)
        ev["flags"] = tuple(ev["flags"]) + (flag,)
        ev["confidence"] = round(max(0.05, ev["confidence"] - 0.05), 2)
        if not reporter or not apply:
            return [ev] if (ev.get("source") or ev.get("target")) else []
        if ev.get("source") is None and ev.get("subj_pron"):
            # "Obama said he would ...": a pronoun subject of the reported clause is the reporter
            out = []
            for rep in reporter:
                e2 = dict(ev, source=rep)
                out.append(self._transform_one(ctx, e2, verb, rep, own))
            return out
        return [self._transform_one(ctx, ev, verb, reporter[0], own)]

    def _transform_one(self, ctx: _Ctx, ev: dict, verb, rep: Mention, own: Candidate | None) -> dict:
        outer_names = {verb.lemma_.upper(), ctx.up[verb.i]}
        if own is not None:
            outer_names |= {own.entry.base, own.entry.block.split("#")[0]}
        src = ev.get("source")
        # the same actor, or one of its own bodies ("Russia's Defence Ministry said its forces had struck")
        width = 3 if self.news else None
        same = src is not None and rep.codes and src.codes and rep.codes[0][:width] == src.codes[0][:width]
        for tr in self._transformations:
            if tr.outer not in outer_names:
                continue
            if not self._inner_matches(tr.inner, ev):
                continue
            if tr.inner_source == "a" and not same:
                continue
            if tr.inner_source in ("b",) and (same or src is None):
                continue
            if tr.inner_source == "_":
                continue  # infinitival complements are handled in _chain_transform
            if tr.inner_source == "a" and tr.code == "015" and tr.outer == "SAY" and not self.said_own_attack_is_claim:
                continue  # "the air force said it had shot down drones": the report of one's own act is the act
            if (self.neutral_report_is_act and tr.inner_source == "b" and tr.outer == "SAY"
                    and verb.lemma_.lower() in REPORTING):
                continue  # "the ministry said Azerbaijani forces had shelled ...": a neutral report is the act reported
            code = ev["code"] if tr.code == "Q" else tr.code
            if tr.inner_source == "a":
                new_src, new_tgt = rep, ev.get("target")
            else:
                new_src, new_tgt = rep, src
            ev.update(code=code, source=new_src, target=new_tgt,
                      evidence=f"{ev['evidence']}; transformation {tr.text!r} (line {tr.line})",
                      steps=(*ev.get("steps", ()), Step("transformation", code, tr.text, tr.line)))
            break
        return ev

    @staticmethod
    def _inner_matches(inner: str, ev: dict) -> bool:
        if inner == "Q":
            return False  # quoted speech keeps its own coding already
        name = inner.replace(" ", "")
        if name in (ev.get("block", "").split("#")[0], ev.get("base")):
            return True
        if name == "ATTACK":
            return ev["code"][:2] in ("18", "19", "20")
        return False

    # ------------------------------------------------------------------ output
    def _emittable(self, ev: dict) -> bool:
        src: Mention | None = ev["source"]
        tgt: Mention | None = ev["target"]
        if (src is None or not src.coded) and (tgt is None or not tgt.coded):
            return False
        if self.require_source and (src is None or not src.coded) and (
                "passive" not in ev["flags"] or not self.agentless_passives):
            return False  # "were detained", "was killed": an agentless passive names no one who acted
        if self.require_target and (tgt is None or not tgt.coded):
            return False
        return True

    def _emit(self, out: CodedDocument, ctx: _Ctx, ev: dict, sent) -> None:
        if not self._emittable(ev):
            return
        doc = ctx.doc
        toks = sorted({ev["verb"], *ev["extra"]})
        trig = SuggestedSpan(
            start=doc[toks[0]].idx,
            end=doc[toks[-1]].idx + len(doc[toks[-1]].text),
            text=doc[toks[0] : toks[-1] + 1].text,
            layer=Layer.TRIGGER.value,
            code=ev["code"],
            kind=None,
            confidence=ev["confidence"],
            evidence=ev["evidence"],
        )
        # one trigger span per (position, code)
        t_index = None
        for k, s in enumerate(out.spans):
            if s.layer == trig.layer and s.start == trig.start and s.end == trig.end and s.code == trig.code:
                t_index = k
                break
        if t_index is None:
            t_index = len(out.spans)
            out.spans.append(trig)
        src: Mention | None = ev["source"]
        tgt: Mention | None = ev["target"]
        sent_start, sent_end = sentence_offsets(sent)
        place = _event_place(ctx, ev["code"], toks, src, tgt, sent, sent_start)
        for s_code in (src.codes if src is not None and src.codes else [None]):
            for t_code in (tgt.codes if tgt is not None and tgt.codes else [None]):
                t_idx = tgt.span_index if tgt is not None else None
                if (GROUP_TARGET_IS_THE_OTHER and s_code and t_code and tgt is not None and len(tgt.codes) > 1
                        and s_code[:3] == t_code[:3] and any(c[:3] != s_code[:3] for c in tgt.codes)):
                    continue  # "both governments agreed to more flights between the two countries": the other one
                if s_code is not None and (s_code == t_code or OWN_COUNTRY_NO_TARGET and t_code == s_code[:3]
                                           and s_code[3:6] == "GOV" and _names_a_country(ctx, tgt)):
                    # an actor acting on itself, a government on its own country ("Kishida promised that Japan
                    # would help"): keep the event, drop the target
                    t_code, t_idx = None, None
                e = SuggestedEvent(
                    event_code=ev["code"],
                    source_code=s_code,
                    target_code=t_code,
                    source=src.span_index if src is not None else None,
                    target=t_idx,
                    trigger=t_index,
                    sentence_start=sent_start,
                    sentence_end=sent_end,
                    date=ctx.date,
                    confidence=ev["confidence"],
                    evidence=ev["evidence"],
                    flags=tuple(ev["flags"]),
                    provenance=_rules_provenance(ev),
                )
                key = (e.event_code, e.source_code, e.target_code, e.sentence_start)
                if any((x.event_code, x.source_code, x.target_code, x.sentence_start) == key for x in out.events):
                    continue
                e.location = _location_span(out, place)
                out.events.append(e)


def _event_place(ctx: _Ctx, ev_code: str, trigger: list[int], src: Mention | None, tgt: Mention | None, sent,
                 sent_start: int):
    """Where the event happened (:mod:`eventcoder.core.suggest.places`): a place in its clause or sentence, else
    the dateline's city for an event of the lead paragraph; None when no place is found or locations are off."""
    from eventcoder.core.suggest import places

    if not places.LOCATIONS:
        return None
    code = ev_code if ev_code.isdigit() else ""
    found = places.event_place(ctx.doc, trigger, range(src.start, src.end) if src is not None else (),
                               range(tgt.start, tgt.end) if tgt is not None else (), sent,
                               verbal=code[:2] not in places.DEED_ROOTS)
    return found if found is not None else places.dateline_place(ctx.doc, sent_start)


def _location_span(out: CodedDocument, place) -> int | None:
    """The index of the location span for ``place`` in ``out.spans`` (one span per place, added when first used)."""
    from eventcoder.core.suggest.places import PLACE_ORIGIN

    if place is None:
        return None
    for k, s in enumerate(out.spans):
        if s.layer == Layer.LOCATION.value and s.start == place.start and s.end == place.end:
            return k
    out.spans.append(SuggestedSpan(start=place.start, end=place.end, text=place.text, layer=Layer.LOCATION.value,
                                   code=None, kind=None, confidence=None, origin=PLACE_ORIGIN,
                                   evidence=f"where it happened ({place.how}: {place.label})"))
    return len(out.spans) - 1


def _drop_unused_spans(out: CodedDocument) -> None:
    """Trigger spans and grammar-suggested role phrases no event uses any more (after the confidence filter)."""
    used = {i for e in out.events for i in (e.source, e.target, e.trigger, e.location) if i is not None}
    keep = [k for k, s in enumerate(out.spans) if k in used
            or not (s.layer in (Layer.TRIGGER.value, Layer.LOCATION.value) or s.origin == GRAMMAR)]
    if len(keep) == len(out.spans):
        return
    new_index = {old: new for new, old in enumerate(keep)}
    out.spans = [out.spans[k] for k in keep]
    for e in out.events:
        e.source = new_index[e.source] if e.source is not None else None
        e.target = new_index[e.target] if e.target is not None else None
        e.trigger = new_index[e.trigger] if e.trigger is not None else None
        e.location = new_index[e.location] if e.location is not None else None


# acts that answer another's act: with no target named, the target is the author of the act they refer to
# an answer with no target takes a hostile act told before it in its own sentence (_targets_from_context)
ANSWER_IN_SENTENCE = True
# a second titled person after "and" that the parser hung on the first one's name is a co-subject
# (EventCoder._joined_in_subject)
SUBJECT_AND_MISPARSED = True
# one phrase naming two countries' people ("Rwandan and Burundian soldiers") is two sides of a two-sided act
JOINED_NATIONALITIES_SIDES = True
# a protest's place ("blocked roads in Basra") is no target of it (EventCoder._events_for)
PROTEST_PLACE_IS_WHERE = True
# force whose purpose clause names whom it is for ("fired into the air to disperse the protesters") is aimed at them
PURPOSE_TARGET = True
# force that answers force ("returned fire", "retaliated") with no target is aimed at whoever last attacked the source
RETALIATION_TARGET = True
RETALIATING = frozenset({"return", "retaliate", "respond", "answer", "hit"})


def _retaliates(out: CodedDocument, e: SuggestedEvent, doc) -> bool:
    """The event's trigger is a verb of answering force ("returned fire", "retaliated", "hit back")."""
    if doc is None or not isinstance(e.trigger, int) or not 0 <= e.trigger < len(out.spans):
        return False
    span = out.spans[e.trigger]
    for t in _tokens_between(doc, span.start, span.end):
        lem = t.lemma_.lower()
        if lem in RETALIATING and (lem != "hit" or any(c.lower_ == "back" for c in t.children)):
            return True
    return False
FORCE_ROOTS = frozenset({"15", "17", "18", "19"})
DISPERSING = frozenset({"disperse", "scatter", "break", "clear"})
# whom dispersing is done to: a crowd (its roles, or the words naming it), never troops ("fired to repel soldiers")
CROWD_ROLES = frozenset({"CVL", "OPP", "EDU", "LAB", "AGR", "PPL", "REF"})
CROWD_NOUNS = frozenset("crowd protester demonstrator march rally protest demonstration gathering mob".split())


def _fill_target(e: SuggestedEvent, code: str, why: str) -> None:
    """Give a targetless event the target the document tells, flagged ``context_target``, with the reason."""
    e.target_code = code
    e.flags = (*(e.flags or ()), "context_target")
    e.evidence = f"{e.evidence}; {why}" if e.evidence else why


def _trigger_start(out: CodedDocument, e: SuggestedEvent) -> int | None:
    """The character offset of an event's trigger span (None without one)."""
    return out.spans[e.trigger].start if isinstance(e.trigger, int) and 0 <= e.trigger < len(out.spans) else None


ANSWERING_ROOTS = frozenset({"11", "12"})
ANSWERING_CODES = frozenset({"016"})
# Switches for measuring each precision rule's part (bench/bench_articles.py A/B); the product keeps them all on.
# Any other act with no target named (not an answer, not a protest): the other party of the source's last act
# was right about one time in three on the dev articles, no better than the suggestions it adds to; where the
# source has dealt with another party before, its target is ambiguous and none is guessed; where it has not (a
# third party's aid pledge, praise or appeal), the story's other party is
OTHER_TARGETS_FROM_CONTEXT = False
OTHER_TARGETS_FROM_STORY = True
# the story's other party is never one of the act's own co-subjects
STORY_SKIPS_COSUBJECTS = True
CONTEXT_BLOCKS_STORY = True
# the article conventions: an act with no target actor is not coded; a quote naming no target is not coded
DROP_TARGETLESS = True
QUOTE_NEEDS_TARGET = True
# an answering act's target is the author of the act it answers: none when it answers a kind of act ("any attempt")
ANSWER_NEEDS_PARTICULAR_ACT = True
# ... but a denial always answers a particular claim ("Moscow denied any involvement": the accusation made)
DENIALS_ANSWER_PARTICULARS = True
# an answering act's named object is an act: the target is its author, never its patient (_objects)
ANSWER_TARGETS_AUTHOR = True
# welcoming or backing an act ("welcomed the release", "backed the closure") is aimed at the act's author too (the
# article conventions), not at its patient (_objects)
WELCOME_ANSWERS = True
WELCOMING_CODES = frozenset({"051"})
# an answered or welcomed act whose author the sentence does not name: the authors of that act where the document
# told it (the last earlier event with the act's code root or trigger word; _answered_act_authors)
ANSWERED_ACT_AUTHOR = True
ANSWERED_ACTS = "eventcoder.answered_acts"
# ... and where no earlier event is that act, the subject of the last earlier verb of its word (_told_act_authors)
ANSWERED_ACT_TOLD = True
TOLD_ACT_REACH = 3  # the last tellings of the act looked at
ANSWERS_TELL_NO_ACT = True  # an earlier answer or welcome is never the answered act (_answered_act_authors)
# a singular noun that is a verb of the dictionary names an act ("condemned the launch", _names_an_act)
ACT_NOUNS_ARE_VERBS = True
# regretting an act ("regretted the closures", 012) is aimed at the act's author, as an answer is (_objects), and
# takes the author the document told when the sentence names none (_targets_from_context); no other guess
REGRET_ANSWERS = False  # dev: the targets it finds stay below the confidence threshold (no change)
REGRET_CODES = frozenset({"012"})
# a threat naming no target, coordinated with its speaker's act aimed at another in the same sentence ("accused
# Washington of prolonging the war, and he warned that ..."): the threat is aimed at that act's target
THREAT_TAKES_PARTNER = True
# the predicate an answer puts on the act it names ("condemned the raids as a violation of X", "called the vetoes a
# betrayal of X") names no target (_objects)
CHARACTERISED_NO_TARGET = True
# ... whatever the answer's object is, an act or not ("dismissed the motion as a stunt that would help X")
CHARACTERISED_ANY_OBJECT = True
# the channel an act goes through is not its target ("lodged a protest with the North through its embassy in
# Beijing", "sent the message via Swiss diplomats")
CHANNEL_NO_TARGET = True
CHANNEL_PREPS = frozenset({"THROUGH", "VIA"})
# (Seven more target guesses -- the sentence partner's target, the story's other party for third parties only, the
# answer's partner, the answered act's target and patient -- raised the dev articles' country triple 0.718 -> 0.731
# but lowered it on both sets of unseen articles, 1 Dec: they were removed.)
PATIENT_PREPS = frozenset({"ON", "AGAINST", "AT", "INTO", "UPON"})
GENERAL_DETERMINERS = frozenset({"any", "all", "every", "each", "no"})
# background dates (_dated_before): "last month" (the article conventions), any earlier month of an act told in
# the past ("joined NATO in April" in a November story); a month with a modal is ahead ("will vote in May")
BACKGROUND_LAST_MONTH = True
BACKGROUND_PAST_MONTHS = True
MODAL_MONTHS_AHEAD = True
# habits and long-held stances ("has repeatedly denied", "have long accused") are background
HABITS_ARE_BACKGROUND = True
# "the economy grew, helped by exports to China": an adverbial participle with an agent is a passive (_events_for)
ADVERBIAL_PARTICIPLES = True
# a visit is not also its host's act (042 without its reverse 043)
NO_REVERSE_OF_PAIRED = True
HOSTING_NO_VISIT = True  # ... nor is hosting also the guest's visit (043 without its reverse 042)
CONCERNED_ADJECTIVES = True  # "was deeply concerned about X" is the verb of feeling's act (012), as "expressed concern"
# ... also when the parser reads it as an adjective's passive ("said on Monday that it was concerned by"; _code_verb)
PSYCH_ADJ_PASSIVE = True
CROWD_BLOCKADES = True  # a crowd blocking or blockading is a protest obstructing passage (144; _crowd_violence)
BLOCKING_VERBS = frozenset({"block", "blockade", "barricade"})
CONDITION_TARGET = True  # a threat with no target is aimed at whom its "if" clause is about (_condition_subjects)
CONDITION_MARKS = frozenset({"IF", "UNLESS"})
# a state's forces and bodies, and armed groups, are no persons a charge is laid on: "accused the military of war
# crimes" is an accusation (112), not CAMEO.2.0's ACCUSE * (OF &CRIME) arrest or charge (173; _is_state)
STATE_FORCES_ARE_STATES = True
STATE_BODIES = ("GOV", "IGO", "MIL", "COP", "SPY", "LEG", "JUD", "REB", "INS")
FELT_AT_PREPS = frozenset({"BY", "ABOUT", "OVER", "AT"})  # what a feeling is felt at
PSYCH_AGENT_ACT = True  # "concerned by the army's raid": at the act's author (_felt_act_author)
UNCODED_OBJECT_MUTUAL = True  # co-subjects of a symmetric act whose object no dictionary codes act on each other
REPEATED_PREPS = True  # "talks with A and with B": both are the objects (_mentions_at)
# a group target ("the two countries") of one of its members is the other members (_emit)
GROUP_TARGET_IS_THE_OTHER = True
# a government is never the target of its own act as its bare country ("Kishida promised that Japan would help",
# "warned that a Russian missile could"): the target is dropped, as an actor's on itself (_emit)
OWN_COUNTRY_NO_TARGET = True
# the lemma of a verb whose final "e" the small model's lemmatizer strips ("hoped" -> "hop") is restored from the
# verb dictionary's forms (EventCoder._restore_final_e)
LEMMA_FINAL_E = True
# an intent verb the dictionary files as an appeal ("hope" [020]) with its subject's own act as its complement
# ("hopes to sign a deal with Turkey") is an intent (03x), not an appeal (_subcode)
HOPING_IS_INTENT = True
# the source's own envoy as the object ("recalled its ambassador to Zambia") is no target: the country it is posted
# to is (_objects, _posted_envoy)
ENVOYS_POSTED = True
ENVOY_NOUNS = frozenset({"ambassador", "envoy", "diplomat", "commissioner", "chargé", "charge", "emissary", "consul",
                         "attaché", "attache", "representative", "delegation", "mission", "embassy"})
POSTING_PREPS = frozenset({"TO", "IN", "FROM", "AT"})
# co-subjects of a symmetric act with only a place as its object ("clashed in Khartoum") act on each other (_events_for)
MUTUAL_PLACE_IS_WHERE = True
MUTUAL_PLACE_ON_OBJECT = True  # ... also a place phrase on the verb's object ("sign a deal at Athens summit")
# the last-resort targets after the verb skip the clauses on its nouns that have a subject of their own (relative
# clauses, "waters that the Philippines also claim"): they tell their own acts (_objects)
DEEP_SKIPS_RELATIVE = True
# whose release an appeal or demand asks for is not its target; whoever holds them is (_events_for, _held,
# _targets_from_context: the last detention, seizure or abduction the document tells)
HELD_ARE_NO_TARGET = True
RELEASE_WORDS = frozenset({"release", "free", "freedom", "freeing", "unfreeze"})
RELEASE_CODES = frozenset({"0253", "1053"})
DETAINING_CODES = ("17", "181")
# an appeal or demand that names no addressee ("called for restraint", "urged calm") takes no target from the
# document (the article conventions); its verbs are kept in the doc's user_data under UNADDRESSED
UNADDRESSED_NO_GUESS = True
# a first-person target ("our soldiers", "us") of the source's own country is no target (_events_for)
OWN_SIDE_NO_TARGET = True
FIRST_PERSON = frozenset({"WE", "US", "OUR", "OURS", "OURSELVES", "I", "ME", "MY", "MINE"})
UNADDRESSED = "eventcoder.unaddressed"
# an actor span ends at its last word that is not a preposition ("the French ambassador to") (code_doc)
TRIM_SPAN_PREPOSITIONS = True
# an attack on a place or building no actor holds ("struck an energy facility in the Sumy region", "hit a market and
# a displacement camp") is aimed at the place's country (the article conventions: places attacked), the country of an
# actor named in the place's phrase, else the country the story names most (_attacked_place_country)
ATTACKED_PLACE_COUNTRY = True
ATTACK_ROOTS = frozenset({"18", "19", "20"})
NONSTATE_ROLES = frozenset({"REB", "UAF", "INS", "OPP", "CVL", "CRM"})
# a mediation that names no party ("said it had brokered a ceasefire") is between the story's two parties: the two
# countries it names most beside the mediator's (_targets_from_context)
MEDIATION_PAIR = True
MEDIATING_CODES = frozenset({"045"})
PLACE_ABROAD = True  # a state's forces striking a place no country is named with strike abroad
VISIT_CODES = frozenset({"042"})
HOST_CODES = frozenset({"043"})
HABIT_ADVERBS = frozenset("REPEATEDLY LONG OFTEN FREQUENTLY ROUTINELY REGULARLY USUALLY TYPICALLY TRADITIONALLY "
                          "HISTORICALLY CONSISTENTLY PERSISTENTLY ALWAYS LONGTIME".split())


def _psych_passive_adjective(t) -> bool:
    """"(said on Monday that) it was deeply concerned by the move": an adjective of feeling the parser gave a
    passive's "was" -- the clause of the feeling voiced, as "said it was deeply concerned" is."""
    return t.pos_ == "ADJ" and _psych_base(t) in PSYCH_VERBS and any(c.dep_ == "auxpass" for c in t.children)


def _psych_base(tok) -> str:
    """The verb a participle adjective of feeling is made of ("concerned" -> concern, "worried" -> worry)."""
    w = tok.lower_
    if w.endswith("ied"):
        return w[:-3] + "y"
    if w.endswith("ed"):
        return w[:-2] if w[:-2] in PSYCH_VERBS else w[:-1]
    return w


def _past_determiner(tok):
    """The noun a determiner belongs to ("the" of "the Netherlands"), else the token itself."""
    return tok.head if tok.dep_ in ("det", "predet") and tok.head.i != tok.i else tok


def _names_a_country(ctx: _Ctx, m: Mention | None) -> bool:
    """The mention is a country's name or word itself ("Japan", "Tokyo", "Japanese"), not people of it ("the
    Ghanaian miners", whose role no dictionary gave)."""
    if m is None:
        return False
    head = ctx.doc[m.head]
    return head.pos_ == "PROPN" or head.ent_type_ in ("GPE", "NORP") or head.pos_ == "ADJ"


def _doubles_final(word: str) -> bool:
    """A one-syllable verb ending in one vowel and one consonant doubles it before -ed/-ing ("hop" -> "hopped")."""
    w = word.upper()
    vowels = "AEIOU"
    return (len(w) >= 3 and w[-1] not in vowels + "WXY" and w[-2] in vowels and w[-3] not in vowels
            and sum(c in vowels for c in w) == 1)


# a place phrase on a noun of a prepositional phrase on the verb is where the act happened too ("A and B met on the
# sidelines of a summit in Ufa, Russia")
NESTED_PLACE_PHRASE = True


def _in_place_phrase(ctx: _Ctx, m: Mention, v) -> bool:
    """``m`` names where ``v``'s act happened: it is (or modifies, "Athens summit") the object of a place
    preposition on the verb or on its direct object ("clashed in Khartoum", "sign a deal at Athens summit")."""
    t = ctx.doc[m.head]
    for _ in range(4):
        if t.dep_ not in ("compound", "amod", "nmod", "poss") and not (
                NESTED_PLACE_PHRASE and t.dep_ == "appos") or t.head.i == t.i:
            break
        t = t.head  # (and "Ufa, Russia": the country in apposition to the city is the place too)
    if t.dep_ != "pobj" or ctx.up[t.head.i] not in PLACE_PREPS:
        return False
    at = t.head.head
    for _ in range(3 if NESTED_PLACE_PHRASE else 0):
        # "met on the sidelines of a summit in Ufa": the place of a noun in a prepositional phrase on the verb
        if at.dep_ != "pobj" or at.head.dep_ != "prep":
            break
        at = at.head.head
    return at.i == v.i or (MUTUAL_PLACE_ON_OBJECT and at.dep_ == "dobj" and at.head.i == v.i)


def _heads_phrase(ctx: _Ctx, m: Mention, p) -> bool:
    """``m`` is ``p``'s own phrase (its head, a compound or possessor), not inside a prepositional phrase under it."""
    t = ctx.doc[m.head]
    for _ in range(8):
        if t.i == p.i:
            return True
        if t.dep_ == "prep" or t.head.i == t.i:
            return False
        t = t.head
    return False


def _habitual(ctx: _Ctx, v) -> bool:
    """``v`` tells a habit or a long-held stance: a present or present-perfect verb with an adverb of frequency or
    duration ("has repeatedly denied", "have long accused", "routinely detains"); a past act stays an event
    ("repeatedly fired at the crowd on Sunday")."""
    aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    if not any(c.dep_ == "advmod" and ctx.up[c.i] in HABIT_ADVERBS for c in v.children):
        return False
    if any(ctx.up[c.i] in MODALS or c.tag_ == "VBD" for c in aux):
        return False
    return v.tag_ in ("VBZ", "VBP") or any(c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in aux)


def _told_in_past(ctx: _Ctx, v) -> bool:
    """``v`` is told in the past ("joined", "had joined", "has joined"), not with a modal or in the present."""
    aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    if any(ctx.up[c.i] in MODALS or c.tag_ in ("VBP", "VBZ") and c.lemma_ == "be" for c in aux):
        return False
    return v.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lemma_ == "have" for c in aux)


def _answers_no_particular_act(out: CodedDocument, e: SuggestedEvent, doc) -> bool:
    """The object of an answering act (condemn, reject, oppose) is a kind of act, not a particular one: "any
    attempt", "all forms of cyberattacks", "every provocation" -- no author to take for the target."""
    if doc is None or not isinstance(e.trigger, int) or not 0 <= e.trigger < len(out.spans):
        return False
    span = out.spans[e.trigger]
    toks = _tokens_between(doc, span.start, span.end)
    verb = next((t for t in toks if t.pos_ in ("VERB", "AUX")), toks[0] if toks else None)
    if verb is None:
        return False
    for v in (verb, *[c for c in verb.children if c.dep_ == "conj"]):  # "opposes and cracks down on all forms"
        objs = [c for c in v.children if c.dep_ == "dobj"] or [
            p for c in v.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        for o in objs:
            return any(d.dep_ in ("det", "predet") and d.lower_ in GENERAL_DETERMINERS for d in o.children)
    return False


def _answered_act_authors(out: CodedDocument, e: SuggestedEvent, doc, earlier: list[SuggestedEvent],
                          actor_spans: _ActorSpans | None = None) -> list[str]:
    """The authors of the act an answer or a welcome names without its author ("welcomed the exchange", "condemned
    the bombing"; ``EventCoder._objects`` keeps the act's word and code under ANSWERED_ACTS): the sources of the
    last earlier event of the document that is that act -- its code's root, or its trigger's word -- by another
    than the answer's sources, with every source of that act in its sentence ("Russia and Ukraine exchanged
    prisoners": both)."""
    named = doc.user_data.get(ANSWERED_ACTS) if doc is not None else None
    if not named or not isinstance(e.trigger, int) or not 0 <= e.trigger < len(out.spans):
        return []
    span = out.spans[e.trigger]
    act = next((named[t.i] for t in _tokens_between(doc, span.start, span.end) if t.i in named), None)
    if act is None:
        return []
    words, root = act
    own = {_side(x.source_code) for x in out.events if x.sentence_start == e.sentence_start and x.source_code}
    own.add(_side(e.source_code or ""))
    for x in reversed(earlier):
        if (x is e or not x.source_code or _side(x.source_code) in own or "negated" in x.flags
                or x.sentence_start == e.sentence_start and x.trigger == e.trigger):
            continue
        answer = x.event_code[:2] in ANSWERING_ROOTS or x.event_code[:3] in ANSWERING_CODES | WELCOMING_CODES
        # (another's answer to the same act is no telling of it: "the EU welcomed the agreement ... Saudi Arabia
        # also welcomed the agreement")
        same = bool(root) and x.event_code[:2] == root and not (ANSWERS_TELL_NO_ACT and answer)
        if not same and isinstance(x.trigger, int) and 0 <= x.trigger < len(out.spans) and not answer:
            # (not another's answer to the same act: "Borrell condemned the attack ... Blinken also condemned the
            # attack")
            # its trigger ("released" for "the release", "closed" for "the closure") or a noun the trigger governs
            # ("handed over prisoners in an exchange")
            t = out.spans[x.trigger]
            toks = _tokens_between(doc, t.start, t.end)
            toks += [o for k in toks for c in k.children if c.dep_ in ("dobj", "prep")
                     for o in ([c] if c.dep_ == "dobj" else [p for p in c.children if p.dep_ == "pobj"])]
            same = any(k.lemma_.lower() in words for k in toks)
        if same:
            return list(dict.fromkeys(y.source_code for y in earlier if y.sentence_start == x.sentence_start
                                      and y.event_code == x.event_code and y.source_code
                                      and _side(y.source_code) not in own))
    if ANSWERED_ACT_TOLD:
        return _told_act_authors(out, doc, words | act_verbs(words), e.sentence_start or 0, own,
                                 actor_spans or _ActorSpans(out.spans))
    return []


def act_verbs(words: set[str]) -> set[str]:
    """The verbs that tell the act a result noun names ("outcome" -> vote, decide ...; lexicon.RESULT_NOUN_VERBS)."""
    return {v for w in words for v in lexicon.RESULT_NOUN_VERBS.get(w, ())}


def _told_act_authors(out: CodedDocument, doc, words: set[str], before: int, own: set[str],
                      actors: _ActorSpans) -> list[str]:
    """The authors of an act the text told before ``before`` as a verb of the act's word that is no event of its
    own ("North Korea launches spy satellite ... condemned the launch": a launch aims at no one): the coded
    actor that is the subject of the last such verb (active; a passive's "by" agent), none of ``own``."""
    tellings = 0
    for t in reversed(doc[: _token_index(doc, before)]):
        if t.pos_ != "VERB" or t.lemma_.lower() not in words:
            continue
        tellings += 1
        subj = [c for c in t.children if c.dep_ == "nsubj"] or [
            p for c in t.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        for h in subj:
            # the subject's phrase, its coordinated subjects with it ("Iran and the U.S. agreed"), and a body
            # that owns it ("twenty of the council's members voted")
            end = h.right_edge
            found = [sp for sp in actors.starting_in(doc[h.left_edge.i].idx, end.idx + len(end.text))
                     if sp.code and _side(sp.code) not in own and not sp.code.startswith("---")]
            if found:
                return list(dict.fromkeys(sp.code for sp in found))
        if tellings >= TOLD_ACT_REACH:
            return []  # the last tellings of the act name no coded author: no guess from an older one
    return []


def _token_index(doc, char: int) -> int:
    """The index of the first token at or after character ``char``."""
    span = doc.char_span(char, char + 1, alignment_mode="expand") if char < len(doc.text) else None
    return span.start if span is not None else len(doc)


class _ActorSpans:
    """A document's coded actor spans, indexed once by their start: the ones that start in a stretch of text, in
    the document's order, found by bisection (not a scan of every span for every event)."""

    def __init__(self, spans: Sequence[SuggestedSpan]) -> None:
        coded = sorted((s.start, i) for i, s in enumerate(spans) if s.layer == Layer.ACTOR.value and s.code)
        self._starts = [start for start, _ in coded]
        self._order = [i for _, i in coded]
        self._spans = spans

    def starting_in(self, start: int, end: int) -> list[SuggestedSpan]:
        """The coded actor spans whose start lies in ``[start, end)``, in the document's order."""
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return [self._spans[i] for i in sorted(self._order[lo:hi])]


def _attacked_place_country(out: CodedDocument, e: SuggestedEvent, doc, story: list[str],
                            actor_spans: _ActorSpans | None = None) -> str | None:
    """The country of the place an attack with no target struck: its trigger's direct object (or the object of
    "on"/"at") is a place -- a noun of :data:`places.PLACE_NOUNS`, a building or site with a place named in its
    phrase ("a market in the Sagaing region"), a place entity -- and no actor; the country is that of a coded actor
    named inside the place's phrase, else the country the story names most (``story``). A weapon fired ("fired a
    missile into the sea") is no place. ``actor_spans``: the document's actor spans indexed (built here if not
    given; _targets_from_context builds it once per document)."""
    from eventcoder.core.suggest.places import LOCATIVE, PLACE_LABELS, PLACE_NOUNS

    if doc is None or not isinstance(e.trigger, int) or not 0 <= e.trigger < len(out.spans):
        return None
    span = out.spans[e.trigger]
    toks = _tokens_between(doc, span.start, span.end)
    verb = next((t for t in toks if t.pos_ == "VERB"), None)
    if verb is None or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None
    objs = [c for c in verb.children if c.dep_ == "dobj"] or [
        p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "at") for p in c.children
        if p.dep_ == "pobj"]
    if not objs:
        return None
    obj = objs[0]
    heads = [obj, *[c for c in obj.children if c.dep_ == "conj"]]
    sub = range(obj.left_edge.i, obj.right_edge.i + 1)
    if actor_spans is None:
        actor_spans = _ActorSpans(out.spans)
    actors = actor_spans.starting_in(doc[sub.start].idx, doc[sub.stop - 1].idx + len(doc[sub.stop - 1].text))
    if any(s.start <= h.idx < s.end for s in actors for h in heads):
        return None  # an actor is struck: the rules had their say on it
    def place(t) -> bool:
        return t.ent_type_ in PLACE_LABELS or t.lower_ in PLACE_NOUNS and t.pos_ == "NOUN"

    # the struck thing is a place, or a site set in one ("a market in the Sagaing region", "a camp near the town")
    if not any(place(h) or any(c.dep_ == "prep" and c.lower_ in LOCATIVE and any(place(x) for x in c.subtree)
                               for c in h.children) for h in heads):
        return None
    country = next((s.code[:3] for s in actors if s.code[:3].isalpha()
                    and not s.code.startswith(("---", "IGO", "NGO", "MNC"))), None)
    if country is not None:
        return country
    # no country named with the place: the story's, as the country it names most; a state's forces that strike a
    # place of their own country are told so ("a market in the Sagaing region"), rebels and militias strike at home
    mine = (e.source_code or "")[:3]
    at_home = not PLACE_ABROAD or (e.source_code or "")[3:6] in NONSTATE_ROLES
    return next((c for c in story if at_home or c != mine), None)


def _fill_role(ev: dict, role: str, actors: list[Mention], only: bool = False) -> list[dict]:
    """An event a recall rule coded, with its missing ``role`` ("source" or "target") taken by the ``actors`` the
    rule read (the subject of the clause above, the one contacted, the noun a clause was hung on): one event per
    actor, never one whose other role it already is. An event with a role of its own keeps it -- with ``only``, only
    a role that is one of ``actors`` (another is replaced by them); with no actors the event is kept as it is."""
    own = ev[role]
    if not actors or own is not None and (not only or any(own is m for m in actors)):
        return [ev]
    other = ev["target" if role == "source" else "source"]
    return [dict(ev, **{role: m}) for m in actors if m is not other]


def _told_clauses(v) -> set[int]:
    """The tokens of the relative clauses on ``v``'s nouns whose own subject acts on the noun ("waters that the
    Philippines also claim", an active verb with a subject and no object of its own: the noun is its object): they
    tell another's act on the thing, not whom ``v``'s act is aimed at. A content clause ("claims that two servicemen
    abused children", "the announcement that Keita had won") and a relative clause whose noun is its subject ("a
    strike that disrupted ...") do name the parties."""
    out: set[int] = set()
    for r in v.subtree:
        if (r.i != v.i and r.dep_ in ("relcl", "acl") and r.pos_ == "VERB"
                and any(k.dep_ == "nsubj" and k.tag_ not in ("WDT", "WP") for k in r.children)
                and not any(k.dep_ in ("dobj", "attr", "ccomp", "xcomp", "nsubjpass", "auxpass") for k in r.children)):
            # (its own condition or reason still may: "the embargo it imposed ... if Cuba does not release")
            out.update(x.i for x in r.subtree)
            out.difference_update(y.i for k in r.children if k.dep_ == "advcl" for y in k.subtree)
    return out


def _first_person(ctx: _Ctx, m: Mention) -> bool:
    """The mention is a first-person pronoun or a phrase a first-person possessive owns ("we", "our soldiers")."""
    def first(t) -> bool:  # the pronoun, not "US" the country
        return t.pos_ == "PRON" and t.text != "US" and ctx.up[t.i] in FIRST_PERSON

    return any(first(ctx.doc[i]) for i in range(m.start, m.end)) or any(
        c.dep_ == "poss" and first(c) for c in ctx.doc[m.head].children)


def _unaddressed(out: CodedDocument, e: SuggestedEvent, doc) -> bool:
    """The event is an appeal or demand whose verb names no addressee (``EventCoder._addressed``)."""
    marked = doc.user_data.get(UNADDRESSED) if doc is not None else None
    if not marked or not isinstance(e.trigger, int) or not 0 <= e.trigger < len(out.spans):
        return False
    span = out.spans[e.trigger]
    return any(t.i in marked for t in _tokens_between(doc, span.start, span.end))


def _tokens_between(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _in_quote(out: CodedDocument, e: SuggestedEvent, structure) -> bool:
    """The event's trigger lies inside a quoted passage of the document."""
    if structure is None or not isinstance(e.trigger, int) or not 0 <= e.trigger < len(out.spans):
        return False
    return structure.quote_at(out.spans[e.trigger].start) is not None


# a reported clause with no act of its own whose words judge its subject, another party ("'Russia wants to terrorise
# us,' he said"), is the speaker's accusation of it (_valence_judgements)
# the actor of a noun a phrase's word is joined to ("Sudan's government and rebel groups") is a co-subject
# (_mentions_at)
COORDINATED_MODIFIER_ACTORS = True
# an answer promised ("would respond to Warsaw in kind", "vowed to retaliate against") is a threat (130) at whom it
# answers (_promised_responses)
PROMISED_RESPONSES = True
VOWING = frozenset({"vow", "pledge", "promise", "threaten", "warn", "swear", "intend", "plan", "prepare"})
# an act refused or promised until / unless another party acts is a demand on it (1042) or an ultimatum (139):
# "would not reopen the crossings until its neighbour stopped" (_ultimatums)
ULTIMATUMS = True
ULTIMATUM_MARKS = {"UNTIL": "1042", "UNLESS": "139"}
REPORTED_VALENCE = True
DEMAND_MODALS = frozenset({"MUST", "SHOULD", "OUGHT", "NEED"})
VALENCE_IN_QUOTES_ONLY = True  # a quoted clause only: a wire's reported clause is most often a neutral report
# co-subjects of an intended two-sided act ("Kenya and Somalia will hold talks", 046:046 intended: 036) act on each
# other, as in the act itself
INTENDED_MUTUAL = True
# in an article, a bare statement (010) whose verb is no verb of saying is not suggested (right 1 time in 13 on dev)
UNSPOKEN_STATEMENTS_DROPPED = True
# a reported judgement of another's act: "said the launch violated resolutions" (112), "said the measures were
# unjustified" (111), "said the accusations were baseless" (016) -- the speaker's act (_reported_judgement)
REPORTED_JUDGEMENTS = True
VIOLATING_VERBS = frozenset("violate breach break flout contravene infringe".split())
NORMS = frozenset("law laws rule rules treaty treaties charter agreement agreements accord accords resolution "
                  "resolutions sovereignty ceasefire truce terms spirit pact deal convention conventions obligation "
                  "obligations commitment commitments norm norms principle principles regulation regulations "
                  "promise promises protocol mandate constitution understanding airspace waters border".split())
VIOLATIONS = frozenset("violation violations breach breaches infringement infringements".split())
JUDGED_UNLAWFUL = frozenset("unjustified unjustifiable unacceptable illegal unlawful illegitimate insulting "
                            "irresponsible arbitrary provocative unjust outrageous invalid".split())
JUDGED_UNFOUNDED = frozenset("unfounded baseless groundless false untrue fabricated".split())
CLAIM_NOUNS = frozenset("accusation accusations claim claims allegation allegations charge charges report "
                        "reports".split())


def _reported_judgement(ctx, c) -> tuple[str, object, str] | None:
    """(code, the judging clause's verb, why) when the reported clause ``c`` judges an act or actor: a violating
    verb with a norm as its object ("the launch violated ... resolutions", "Hungary had broken the spirit of the
    treaty") is an accusation (112); the copula with a violation as its predicate ("the flights were a flagrant
    violation") too; with a judging adjective ("the measures were unjustified", "his words were unacceptable") a
    criticism (111); calling accusations or claims baseless a denial (016). Negated clauses judge nothing."""
    if any(k.dep_ == "neg" for k in c.children) or any(
            k.dep_ == "aux" and any(x.dep_ == "neg" for x in k.children) for k in c.children):
        return None
    lem = ctx.lem[c.i].lower()
    if lem in VIOLATING_VERBS:
        for k in c.children:
            if k.dep_ == "dobj" and ctx.lem[k.i].lower() in NORMS:
                return "112", c, f'"{c.text} {k.text}": a reported violation, an accusation'
        return None
    if lem != "be":
        return None
    subj = next((k for k in c.children if k.dep_ == "nsubj"), None)
    if subj is None or ctx.up[subj.i] in ("IT", "THIS", "THAT", "WHAT"):
        return None  # "it was unacceptable for ... to": no act named
    for k in c.children:
        if k.dep_ == "attr" and ctx.lem[k.i].lower() in VIOLATIONS:
            return "112", c, f'"{k.text}": a reported violation, an accusation'
        if k.dep_ == "acomp":
            word = ctx.lem[k.i].lower()
            words = {word} | {ctx.lem[x.i].lower() for x in k.children if x.dep_ == "conj"}
            if words & JUDGED_UNFOUNDED and ctx.lem[subj.i].lower() in CLAIM_NOUNS:
                return "016", c, f'"{k.text}": the claims called unfounded, a denial'
            if words & JUDGED_UNLAWFUL:
                return "111", c, f'"{k.text}": a reported judgement, a criticism'
    return None


def _targets_from_context(out: CodedDocument, structure=None, doc=None) -> None:
    """Targets the sentence does not name, from the document: "condemned the launch" -> the launcher (the source
    of the last event before it by another country; "rejected the accusations" -> whoever accused or blamed the
    source's country last; none for an answer to a kind of act, "opposes all forms of ..."); a protest with no
    target -> the protesters' government; any other act with no target, when its source has had no act with
    another party before it (a third party's pledge or praise) -> the story's other party: the country its actors
    name most, other than the source's; when it has, its target is ambiguous and none is guessed (with
    ``OTHER_TARGETS_FROM_CONTEXT``: that act's other party, right one time in three on the dev articles). A quote
    that names no target takes none but an answer's. What is left without a target is not suggested (the
    article conventions: an act with no target actor is not coded).

    The target has a code but no span in the sentence (``target`` stays None); flagged ``"context_target"``
    (the last act's party) or ``"story_target"`` (the story's other party): the calibration weighs them apart.
    """
    earlier: list[SuggestedEvent] = []
    counts: dict[str, int] = {}
    for s in out.spans:
        if s.layer == Layer.ACTOR.value and s.code and s.code[:3].isalpha() and not s.code.startswith(
                ("---", "IGO", "NGO", "MNC", "UAF")):
            counts[s.code[:3]] = counts.get(s.code[:3], 0) + 1
    story = sorted(counts, key=lambda c: -counts[c])
    actor_spans = _ActorSpans(out.spans)
    drop: set[int] = set()
    extra: list[SuggestedEvent] = []
    for e in sorted(out.events, key=lambda x: (x.sentence_start or 0)):
        if e.target_code is None and e.source_code and "negated" not in e.flags:
            new, flag = None, "context_target"
            mine = e.source_code[:3]
            before = [x for x in earlier if (x.sentence_start or 0) < (e.sentence_start or 0)]
            here = before + [x for x in earlier if x.sentence_start == e.sentence_start]
            answering = e.event_code[:2] in ANSWERING_ROOTS or e.event_code in ANSWERING_CODES
            authors = _answered_act_authors(out, e, doc, here, actor_spans) if ANSWERED_ACT_AUTHOR else []
            if QUOTE_NEEDS_TARGET and not answering and _in_quote(out, e, structure):
                pass  # a quote that names no target is not coded ("We will increase patrols," he said)
            elif authors:
                # "welcomed the exchange", "condemned the bombing": the act the document told, by its authors
                new, flag = authors[0], "context_target"
                for other in authors[1:]:
                    extra.append(replace(e, target_code=other, flags=(*e.flags, flag),
                                         evidence=e.evidence + f"; target from the document [{other}]"))
            elif THREAT_TAKES_PARTNER and e.event_code[:2] == "13" and (partner := next((
                    x for x in reversed(earlier) if x.sentence_start == e.sentence_start
                    and x.source_code == e.source_code and x.target_code and x.target_code[:3] != mine
                    and "negated" not in x.flags), None)) is not None:
                new = partner.target_code  # "accused Washington of ..., and he warned that ...": at Washington
            elif HELD_ARE_NO_TARGET and e.event_code in RELEASE_CODES:
                # "demanded the release of the detained farmers": of whoever detained or seized them last
                holder = next((x for x in reversed(here) if x.event_code.startswith(DETAINING_CODES)
                               and x.source_code and x.source_code != e.source_code
                               and "negated" not in x.flags), None)
                if holder is not None:
                    new = holder.source_code
            elif UNADDRESSED_NO_GUESS and _unaddressed(out, e, doc):
                pass  # "called for restraint": an appeal to no one named is not coded
            elif answering and ANSWER_NEEDS_PARTICULAR_ACT and not (
                    DENIALS_ANSWER_PARTICULARS and e.event_code in ANSWERING_CODES) and _answers_no_particular_act(
                        out, e, doc):
                pass  # "opposes all forms of cyberattacks", "will not tolerate any attempt": no one's act in view
            elif answering:
                # the author of the last hostile act (13-20) by another before it, else of the last act; never one
                # of its sentence's own sources ("Yoon and Kishida condemned the launch": neither is the target)
                own = {x.source_code[:3] for x in out.events if x.sentence_start == e.sentence_start and x.source_code}
                others = [x for x in before if x.source_code and x.source_code[:3] not in own | {mine}]
                prior = None
                if e.event_code in ANSWERING_CODES:
                    # "rejected the accusations": whoever accused or blamed the source's country last
                    prior = next((x for x in reversed(others) if x.event_code[:2] in ANSWERING_ROOTS
                                  and x.target_code and x.target_code[:3] == mine), None)
                if prior is None and ANSWER_IN_SENTENCE:
                    # "North Korea fired a missile over Japan, and South Korea lodged a protest": the hostile act
                    # told earlier in the answer's own sentence, by another than the answer's co-subjects
                    cos = {x.source_code[:3] for x in out.events if x.trigger == e.trigger and x.source_code}
                    at = _trigger_start(out, e)
                    prior = next((x for x in reversed(earlier) if x.sentence_start == e.sentence_start
                                  and x.source_code and x.source_code[:3] not in cos | {mine}
                                  and x.event_code[:2].isdigit() and 13 <= int(x.event_code[:2]) <= 20
                                  and "negated" not in x.flags and at is not None
                                  and (t0 := _trigger_start(out, x)) is not None and t0 < at), None)
                prior = prior or next((x for x in reversed(others) if x.event_code[:2].isdigit()
                                       and 13 <= int(x.event_code[:2]) <= 20), None) or (
                    others[-1] if others else None)
                if prior is not None:
                    new = prior.source_code
            elif RETALIATION_TARGET and e.event_code[:2] in ("15", "17", "18", "19", "20") and _retaliates(
                    out, e, doc) and (hit := next((
                        x for x in reversed(here) if x is not e and x.source_code and x.source_code[:3] != mine
                        and x.target_code and x.target_code[:3] == mine and "negated" not in x.flags
                        and x.event_code[:2].isdigit() and 13 <= int(x.event_code[:2]) <= 20), None)) is not None:
                new = hit.source_code  # "its troops had returned fire": at whoever fired on them
            elif ATTACKED_PLACE_COUNTRY and e.event_code[:2] in ATTACK_ROOTS and (
                    place := _attacked_place_country(out, e, doc, story, actor_spans)) is not None:
                new, flag = place, "place_target"  # "bombed a market in the Sagaing region": the place's country
            elif MEDIATION_PAIR and e.event_code in MEDIATING_CODES and len(
                    pair := [c for c in story if c != mine][:2]) == 2:
                # "Moscow said it had brokered a ceasefire", "an exchange the UAE had mediated": a mediation names
                # its two parties or is between the story's two (the article conventions: source -> each party)
                new, flag = pair[0], "story_target"
                extra.append(replace(e, target_code=pair[1], flags=(*e.flags, flag),
                                     evidence=e.evidence + f"; target from the document [{pair[1]}]"))
            elif e.event_code[:2] == "14" and e.source_code[:3].isalpha() and not e.source_code.startswith(
                    ("---", "IGO", "NGO")):
                new = e.source_code[:3] + "GOV"
            elif OTHER_TARGETS_FROM_CONTEXT or OTHER_TARGETS_FROM_STORY:
                # the source's own last act with another party, else the last act aimed at the source
                for x in reversed(here if OTHER_TARGETS_FROM_CONTEXT or CONTEXT_BLOCKS_STORY else ()):
                    if x.source_code and x.source_code[:3] == mine and x.target_code and x.target_code[:3] != mine:
                        new = x.target_code
                        break
                    if x.target_code and x.target_code[:3] == mine and x.source_code and x.source_code[:3] != mine:
                        new = x.source_code
                        break
                if new is not None and not OTHER_TARGETS_FROM_CONTEXT:
                    new = None
                elif new is None and OTHER_TARGETS_FROM_STORY:
                    # never a co-subject of the same act ("Chile, Peru and Argentina praised the rules")
                    own = {x.source_code[:3] for x in out.events if x.trigger == e.trigger and x.source_code} if (
                        STORY_SKIPS_COSUBJECTS) else set()
                    other = next((c for c in story if c != mine and c not in own), None)
                    if other is not None:
                        new, flag = other, "story_target"
            if new is not None:
                if any((x.source_code, x.event_code, x.target_code, x.sentence_start)
                       == (e.source_code, e.event_code, new, e.sentence_start) for x in out.events):
                    drop.add(id(e))  # the same act with that target is already in the sentence
                    continue
                e.target_code = new
                e.flags = (*e.flags, flag)
                e.evidence += f"; target from the document [{new}]"
        earlier.append(e)
        if DROP_TARGETLESS and e.target_code is None and "negated" not in e.flags:
            drop.add(id(e))  # the article conventions: an act with no target actor is not coded
    for x in extra:  # the answered act's other authors ("welcomed the exchange" of two sides), after its event
        if not any((y.source_code, y.event_code, y.target_code, y.sentence_start)
                   == (x.source_code, x.event_code, x.target_code, x.sentence_start) for y in out.events):
            at = max((k for k, y in enumerate(out.events) if y.trigger == x.trigger), default=len(out.events) - 1)
            out.events.insert(at + 1, x)
    if drop:
        out.events = [e for e in out.events if id(e) not in drop]


def _rules_provenance(ev: dict) -> dict:
    """The provenance of an event the rules emit (:mod:`eventcoder.core.provenance`), from the match behind it."""
    pattern: D.VerbPattern | None = ev.get("pattern")
    entry: D.VerbEntry | None = ev.get("entry")
    if pattern is not None:
        where = f"{pattern.file}:{pattern.line}"
    else:
        where = f"{entry.file}:{entry.line}" if entry is not None else None
    match = RuleMatch(
        code=ev["code"],
        verb=entry.base if entry is not None else ev.get("base"),
        block=(entry.block if entry is not None else ev.get("block") or "").split("#")[0] or None,
        pattern=pattern.text if pattern is not None else None,
        where=where,
        steps=tuple(ev.get("steps", ())),
        flags=tuple(ev["flags"]),
    )
    return Provenance(rules=match).to_dict()


@dataclass
class _Ctx:
    doc: object
    up: list[str]
    lem: list[str]
    by_head: dict[int, list[Mention]]
    tok_mention: dict[int, Mention]
    date: str | None
    skip: int = 0
    own_words: dict = field(default_factory=dict)  # verb -> the words its patterns may not match (_match_side)
    sides: dict = field(default_factory=dict)  # (verb, side, multi-word tokens) -> material (_side_tokens)
    article: bool = False  # the document is an article (3+ sentences), not a lone sentence
    structure: object = None  # the document's structure (headline, dateline, paragraphs, quotes)


def _coordinated(ctx: _Ctx, ms: list[Mention]) -> bool:
    """Several actors joined by coordination: "Arnor and Gondor", "Eriadori and Calenardhon leaders".

    A coordination counts when both conjuncts hold an actor: several mentions inside one noun phrase
    ("Minister of Foreign Affairs and Expatriates of Jordan Ayman Al Safadi") are one actor.
    """
    doc = ctx.doc
    # one mention over a coordination: "Eriadori and Calenardhon leaders" [ERI, CAL]
    if any(len(m.codes) > 1 and any(doc[i].dep_ == "conj" for i in range(m.start, m.end)) for m in ms):
        return True
    if len(ms) < 2:
        return False
    for m in ms:
        t = doc[m.head]
        for _ in range(6):
            if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
                break
            link = t.dep_ == "conj" or (
                t.dep_ == "appos" and (any(c.dep_ == "conj" for c in t.children)
                                       or any(c.dep_ == "conj" for c in t.head.children))
            )
            if link:
                lo, hi = t.left_edge.i, t.right_edge.i  # the conjunct holding m
                first = range(t.head.left_edge.i, t.head.right_edge.i + 1)
                if any(o is not m and o.head in first and not lo <= o.head <= hi for o in ms):
                    return True
            t = t.head
    return False


def _prefer_coded(ms: list[Mention]) -> list[Mention]:
    coded = [m for m in ms if m.coded]
    return coded if coded else ms[:1]


def _dedupe(ms: list[Mention]) -> list[Mention]:
    seen: set[int] = set()
    out = []
    for m in ms:
        if id(m) not in seen:
            seen.add(id(m))
            out.append(m)
    return out

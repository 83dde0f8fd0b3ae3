"""The most specific CAMEO code of an appeal, demand, intent, threat, refusal or accusation.

CAMEO gives the families of asking, intending, refusing and threatening one structure: their subcodes mirror the
kind of act asked for, intended, refused or threatened (material cooperation x1, diplomatic cooperation x2, aid x3,
political reform x4, yielding x5 with its own subcodes -- release, easing sanctions, de-escalation --, meeting x6,
settling x7, mediation x8; coercion and force for threats). So the subcode of "urged X to free Y" is the act of
freeing a person (0841) read through the appeal family (0253), and "accused X of spying" is an accusation whose
accused act is espionage (1125). This module finds that act:

* **the complement's act**: the verb of the complement ("to free", "that Y withdraw its troops", "to help the army
  deploy") or the head noun of a nominal complement ("called for talks", "demanded the release of", "urged
  restraint", "asked for military assistance"), its sense decided by the verb's class and the kind of thing it acts
  on (persons or property released, sanctions or troops withdrawn, weapons or food delivered, a ceasefire upheld),
  else the code the verb dictionary gives it;
* :func:`family_subcode`: that act read through the family (CAMEO's own table, ``coding_schemes/cameo.yaml``);
* :func:`accusation_code`: the kind of an accused act (crime 1121, human rights 1122, aggression 1123 -- a
  conventional military act, not terror --, war crimes 1124, espionage 1125).

The word classes are lower-case lemmas; the verb dictionary's synsets (&WEAPON, &CEASEFIRE, &PKO, ...) are read
beside them. :meth:`EventCoder._subcode` applies it to the code a chain of verbs was given.
"""

from __future__ import annotations

from eventcoder.core.suggest import lexicon

# ---------------------------------------------------------------- word classes (lemmas)
PERSON_WORDS = frozenset(
    """prisoner hostage captive detainee journalist reporter activist citizen national man woman child children
    people person leader member soldier worker sailor crew student official politician opponent dissident
    american suspect migrant civilian
    """.split()
)
PROPERTY_WORDS = frozenset(
    "asset ship tanker vessel property aircraft plane equipment cargo territory land artifact artefact".split())
SANCTION_WORDS = frozenset("sanction duty tariff embargo boycott levy".split())
POLICY_WORDS = frozenset("bill law policy decision plan measure order decree legislation scheme rule reform".split())
TROOP_WORDS = frozenset("troop force soldier army military unit".split())
FIGHT_WORDS = frozenset(
    """fighting hostility war offensive attack violence clash shelling bombing bombardment strike operation
    incursion advance aggression combat airstrike
    """.split()
)
TALK_WORDS = frozenset("talk dialogue negotiation meeting summit consultation discussion table".split())
SETTLE_WORDS = frozenset("compromise solution agreement deal settlement peace resolution".split())
COERCION_WORDS = frozenset(
    "deportation return expulsion arrest crackdown demolition eviction execution detention deport expel".split()
)
RESTRAINT_WORDS = frozenset("restraint calm moderation".split())
ESCALATION_WORDS = frozenset(
    "escalation violence action step provocation confrontation tension move escalate".split()
)
JUDICIAL_WORDS = frozenset("investigation inquiry probe court tribunal prosecutor trial justice prosecution".split())
HUMANITARIAN_WORDS = frozenset(
    """humanitarian emergency relief food medical medicine shelter tent water blanket disaster earthquake quake
    flood famine refugee feed survivor victim displaced returnee
    """.split()
)
MILITARY_WORDS = frozenset(
    """military defence defense weapon arm ammunition munition missile rocket howitzer tank artillery jet
    drone shell army troop
    """.split()
)
ECONOMIC_WORDS = frozenset("economic financial budget development loan credit debt fund money dollar euro".split())
AID_NOUNS = frozenset("aid assistance help relief donation supply funding support".split())
PROTECTION_WORDS = frozenset("protection patrol peacekeeper peacekeeping escort presence".split())
PROTECTING = frozenset("protect guard patrol defend secure".split())

# verb classes
RELEASING = frozenset("release free".split())
RETURNING = frozenset("return repatriate hand send extradite".split())
LIFTING = frozenset("lift ease remove withdraw scrap drop repeal reverse revoke cancel rescind suspend end".split())
HALTING = frozenset("halt stop end cease suspend abandon freeze".split())
UPHOLDING = frozenset("uphold respect observe honour honor abide implement maintain keep extend".split())
REFRAINING = frozenset("refrain abstain desist".split())
AVOIDING = frozenset("avoid prevent".split())
SHOWING = frozenset("exercise show display use".split())
TALKING = frozenset("talk negotiate".split())
MEDIATING = frozenset("mediate broker".split())
COOPERATING = frozenset("cooperate collaborate".split())
# sharing what one knows with another (CAMEO 064 "share intelligence or information")
SHARING = frozenset("share exchange pool swap".split())
SHARED_INFORMATION = frozenset("intelligence data information finding evidence".split())
HELPING = frozenset("help assist".split())
# what a target would face or incur is the act threatened against it ("would face sanctions")
FACING = frozenset("face incur".split())
SUPPORTING = frozenset("support back".split())
SENDING = frozenset("send deliver supply provide give ship transfer donate dispatch deploy".split())
INCREASING = frozenset("step increase intensify boost bolster strengthen".split())
STAYING = frozenset("keep continue go".split())  # "keep helping": the act is the inner verb's
RESIGNING = frozenset("resign".split())
GRACE_WORDS = frozenset("time extension grace respite reprieve".split())
AGREEMENT_WORDS = frozenset("treaty agreement deal accord pact organisation organization alliance union".split())
TIME_UNITS = frozenset("hour day week month".split())
INSTITUTION_WORDS = frozenset("caretaker interim transitional constitution referendum autonomy independence".split())
TIES_WORDS = frozenset("communication contact cooperation tie channel link exchange hotline".split())
RESTORING = frozenset("restore resume establish reopen expand deepen strengthen".split())
ATTACKING = frozenset("attack strike hit target pound shell".split())
LIGHT_ATTACKING = frozenset("carry launch conduct stage mount".split())
ATTACK_NOUNS = frozenset("strike attack raid airstrike bombardment".split())
# settling a dispute ("settle the row", "resolve their differences"): CAMEO's 027 / 037 / (demand) 100
SETTLING = frozenset("settle resolve".split())
DISPUTE_WORDS = frozenset("dispute row conflict difference quarrel standoff disagreement feud".split())
# verbs of answering force with a named means ("retaliated with missile strikes", "responded with air strikes")
RESPONDING = frozenset("respond answer retaliate reply hit".split())
SHELLING = frozenset({"shell"})  # "bombard" may be from the air
HEAVY_WEAPONS = frozenset("artillery shell shelling mortar tank howitzer".split())
AERIAL_WEAPONS = frozenset("drone missile aircraft jet warplane helicopter air airstrike".split())
PROTESTING = frozenset("rally march protest demonstrate strike".split())
PROTEST_NOUNS = frozenset("strike protest rally demonstration march walkout".split())
# a protest "demanding that" the authorities do something that is no leadership change, right or institution is for
# a change of policy (1412, 1432 ...: CAMEO's "for policy change"; the article conventions code a stated demand 141x)
PROTEST_ASKS_POLICY = True
LEADERSHIP_WORDS = frozenset("resignation resign ouster oust removal election step".split())
DEMAND_POLICY_WORDS = frozenset("reform cut austerity price tax result budget deportation wage pension".split())
FORCE_NOUNS = frozenset("force intervention invasion retaliation attack war airstrike".split())

# the accused act's kind (lemmas in the complement "of ..."/"for ...")
# what a "breach of" may break that is a rule, not a system: an agreement, a law, an obligation ("in breach of the
# trade agreement" accuses no spying)
BREACHED_RULES = lexicon.SIGNED_NOUNS | frozenset(
    "law rule obligation commitment sovereignty resolution norm principle".split())
ESPIONAGE_WORDS = frozenset(
    """spy spying espionage cyber cyberattack cyber-attack hack hacking hacker breach treason secret classified
    intelligence
    """.split()
)
RIGHTS_WORDS = frozenset(
    """torture abuse rights persecute persecution deport deportation disappearance discrimination discriminate
    repression repress oppress oppression minority
    """.split()
)
WAR_CRIME_WORDS = frozenset("genocide massacre atrocity atrocities cleansing".split())
AGGRESSION_WORDS = frozenset("aggression invasion incursion intervention".split())
CRIME_WORDS = frozenset(
    "corruption fraud bribery embezzlement laundering smuggling trafficking theft murder crime graft".split()
)
ACCUSING = frozenset("accuse blame fault".split())
# verbs of appealing: "called for talks" asks others to meet (026), whatever code the dictionary's pattern gives
APPEALING = frozenset("urge call appeal ask plead implore".split())
# verbs of asking for something named by a "for"/"to" phrase ("asked X for military aid", "pressed for talks")
ASKING = APPEALING | frozenset("demand press push petition lobby".split())
# verbs that start the act their object names ("starting the fighting", "launching an offensive")
STARTING = frozenset("start launch begin wage open initiate unleash resume escalate".split())
# modifiers of a war or campaign that is not a military one ("an economic war", "a trade war")
NOT_MILITARY = frozenset("economic trade information propaganda political cyber diplomatic media".split())
# nouns of asking and offering whose complement says what is asked or offered ("rejected the demand for ...")
REQUEST_NOUNS = frozenset("demand request call proposal offer appeal plan invitation ultimatum".split())

_PRUNE = frozenset({"relcl", "advcl", "appos", "parataxis", "punct"})


def phrase_lemmas(ctx, tok, prune=_PRUNE) -> set[str]:
    """The lower-case lemmas of ``tok``'s phrase (relative and adverbial clauses left out)."""
    out: set[str] = set()
    stack = [tok]
    while stack:
        t = stack.pop()
        out.add(ctx.lem[t.i].lower())
        out.add(t.lower_)
        stack.extend(c for c in t.children if c.dep_ not in prune)
    return out


def _objects(v) -> list:
    """The things a verb acts on: direct objects (the subject in the passive), prepositional objects."""
    out = [c for c in v.children if c.dep_ in ("dobj", "obj", "nsubjpass", "attr", "dative")]
    for c in v.children:
        if c.dep_ == "prep":
            out.extend(p for p in c.children if p.dep_ in ("pobj", "pcomp"))
    return out


def attached(verb) -> list:
    """The verb and the actors it acts on (objects and coordinated objects): the phrases that say what an appeal
    or an accusation is about may hang on either ("asked Russia ... and the CSTO for military assistance")."""
    out = [verb]
    for c in verb.children:
        if c.dep_ in ("dobj", "obj", "dative") or (c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")):
            out.append(c)
            out.extend(k for k in c.children if k.dep_ == "conj")
        if c.dep_ == "prep" and c.lower_ in ("on", "to"):  # "called on X", "appealed to X"
            out.extend(p for p in c.children if p.dep_ == "pobj")
    return out


def phrase_tokens(tok) -> list:
    """A noun's phrase without its "of"/"for" phrases (what it is accused of): "hackers linked to China's ministry",
    not "the legislation [of attacking civil society]"."""
    out, stack = [], [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if not (c.dep_ == "prep" and c.lower_ in ("of", "for")) and c.dep_ not in (
            "relcl", "punct"))
    return out


def accused_words(ctx, p) -> set[str]:
    """The words of an accused act: its head, the head's own words and its objects' phrases ("of gathering secret
    information", "for breaking into the systems"), not clauses further down ("by alleging ... genocide")."""
    out = {ctx.lem[p.i].lower(), p.lower_}
    for c in p.children:
        out.add(ctx.lem[c.i].lower())
        if c.dep_ in ("dobj", "obj", "attr", "xcomp", "amod", "compound", "conj", "nmod", "prt"):
            out |= phrase_lemmas(ctx, c, _PRUNE | {"prep"})
            for k in c.children:
                if k.dep_ in ("dobj", "obj") or (k.dep_ == "prep" and c.dep_ == "xcomp"):
                    out |= phrase_lemmas(ctx, k)
        elif c.dep_ == "prep":
            out |= {ctx.lem[k.i].lower() for k in c.children if k.dep_ == "pobj"}
    return out


def antecedent(ctx, pron) -> set[str]:
    """The lemmas of the last thing-noun before a pronoun in its sentence ("announced the truce and urged both
    sides to uphold it"): no actor, no person."""
    for t in reversed(list(pron.sent)[: pron.i - pron.sent.start]):
        if t.pos_ == "NOUN" and not ctx.by_head.get(t.i) and t.ent_type_ not in ("PERSON", "NORP", "GPE", "ORG"):
            return phrase_lemmas(ctx, t)
    return set()


def aid_kind(words: set[str], military: frozenset[str] = frozenset()) -> str:
    """The aid act (07x) a phrase names: military 072, humanitarian 073, economic 071, else 070."""
    if words & HUMANITARIAN_WORDS:
        return "073"
    if words & (MILITARY_WORDS | military):
        return "072"
    if words & ECONOMIC_WORDS:
        return "071"
    return "070"


class SubcodeSense:
    """The act named by a complement, decided by its verb's class and its object's kind (see the module doc)."""

    def __init__(self, coder) -> None:
        self.coder = coder
        syn = coder._synset_words
        self.weapons = frozenset(w.lower() for w in syn("&WEAPON", "&AIRCRAFT"))
        self.ceasefire = frozenset(w.lower() for w in syn("&CEASEFIRE")) | {"truce", "ceasefire", "armistice"}
        self.fight = frozenset(w.lower().rstrip("_") for w in syn("&FIGHT")) | FIGHT_WORDS
        self.pko = frozenset(w.lower() for w in syn("&PKO")) | PROTECTION_WORDS
        self.currency = frozenset(w.lower() for w in syn("&CURRENCY")) | {"dollar", "euro", "million", "billion"}
        self.hostage = frozenset(w.lower() for w in syn("&HOSTAGE")) | PERSON_WORDS

    # ---------------------------------------------------------- acts
    def _is_person(self, ctx, tok) -> bool:
        """A person or a group of people: a named one, a person noun, an actor with a role ("six Spanish
        fishermen" AGR); "six Iraqi artifacts" is an actor word on a thing."""
        if ctx.lem[tok.i].lower() in PROPERTY_WORDS:
            return False
        return tok.ent_type_ in ("PERSON", "NORP") or ctx.lem[tok.i].lower() in self.hostage or (
            tok.pos_ == "PROPN" and bool(ctx.by_head.get(tok.i))) or any(
            len(c) > 3 for m in ctx.by_head.get(tok.i, ()) for c in m.codes)

    def noun_act(self, ctx, tok) -> str | None:
        """The act a noun names: "talks" 046, "the release of X" 0841, "restraint" 080, "military aid" 072; "" when
        the noun names none (the dictionary's code of it is not to be used), None when no rule decides."""
        lem = ctx.lem[tok.i].lower()
        words = phrase_lemmas(ctx, tok)
        if lem in ("release", "freedom", "handover"):
            of = [p for c in tok.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
            if of and all(ctx.lem[p.i].lower() in PROPERTY_WORDS for p in of):
                return "0842"
            return "0841"
        if lem == "extradition":
            return "063"
        if lem in self.ceasefire:
            return "0871"
        if lem in ("withdrawal", "pullout", "de-escalation"):
            return "0874" if lem != "de-escalation" else "087"
        if lem in RESTRAINT_WORDS:
            return "080"
        if lem in ("mediation",):
            return "045"
        if lem in TALK_WORDS - {"table"}:
            if lem == "meeting" and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                return ""  # "an emergency meeting of the Security Council": a session of a body, no talks
            return "046"
        if lem in ("lifting", "easing", "removal", "end") and words & SANCTION_WORDS:
            return "085"
        if lem in AID_NOUNS - {"support", "supply"} or (lem in ("supply", "delivery", "shipment") and words & (
                MILITARY_WORDS | self.weapons)):
            own = {ctx.lem[c.i].lower() for c in tok.children if c.dep_ in ("amod", "compound")}
            kind = aid_kind(own, self.weapons)  # "financial assistance through the Centre for Humanitarian ...": 071
            return kind if kind != "070" else aid_kind(words, self.weapons)
        if lem == "support":
            own = {ctx.lem[c.i].lower() for c in tok.children if c.dep_ in ("amod", "compound")}
            kind = aid_kind(own, self.weapons)
            return kind if kind != "070" else "050"  # "promised its support": diplomatic; "military support": aid
        if lem in self.pko:
            return "074"
        if words & INSTITUTION_WORDS and lem in ("administration", "government", "constitution", "referendum",
                                                  "autonomy", "independence", "federation", "authority"):
            return "0834"  # "a caretaker administration", "a new constitution": a change of institutions
        if lem in FORCE_NOUNS:
            return "190"  # "threatened force", "warned of retaliation": military force
        if lem in lexicon.PENALTY_NOUNS:
            return "163"  # "threatened Norway with tariffs", "warned of sanctions": an embargo or sanction
        if lem in ("election", "resignation"):
            return "0831"
        if lem == "right":
            return "0833"
        return None

    def verb_act(self, ctx, tok, depth: int = 0) -> str | None:
        """The act a complement verb names, by its sense rules; None when no rule decides it."""
        lem = ctx.lem[tok.i].lower()
        objs = _objects(tok)
        words: set[str] = set()
        for o in objs:
            words |= phrase_lemmas(ctx, o)
            if o.pos_ == "PRON" and o.lower_ in ("it", "them"):
                words |= antecedent(ctx, o)
        prts = {ctx.lem[c.i].lower() for c in tok.children if c.dep_ in ("prt", "advmod")}
        negated = any(c.dep_ == "neg" for c in tok.children)
        if lem in STAYING and depth < 3:
            for c in tok.children:
                if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
                    return self.verb_act(ctx, c, depth + 1)
        if lem in MEDIATING:
            return "045"
        if lem in SETTLING and words & DISPUTE_WORDS:
            # "urged both sides to settle the dispute peacefully": settling a dispute, CAMEO's 027 / 037 (asked for,
            # intended); coder.family_code numbers it in each family
            return "027"
        if lem in FACING:
            # "warned that Pyongyang would face tougher sanctions": the act threatened is what the target faces
            for o in objs:
                if o.dep_ in ("dobj", "obj") and o.pos_ == "NOUN":
                    act = self.noun_act(ctx, o)
                    if act:
                        return act
            return None
        answered_with = {ctx.lem[p.i].lower() for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                         for p in c.children if p.dep_ == "pobj"} if lem in RESPONDING else set()
        if lem in ATTACKING or (lem in LIGHT_ATTACKING and {ctx.lem[o.i].lower() for o in objs} & ATTACK_NOUNS) or (
                answered_with & (ATTACK_NOUNS | {"fire", "offensive", "counteroffensive", "counter-offensive"})):
            # ("responded with air strikes", "answered with artillery fire": the force it answered with)
            # the weapon decides the armed act: shelling and artillery 194, air strikes, drones and missiles 195
            if lem in SHELLING or words & HEAVY_WEAPONS:
                return "194"
            if words & AERIAL_WEAPONS:
                return "195"
        if lem in PROTESTING or (lem in LIGHT_ATTACKING | {"hold"} and {ctx.lem[o.i].lower() for o in objs}
                                 & PROTEST_NOUNS):
            digit = self.protest_demand(ctx, tok, objs)
            if digit:
                strike = lem == "strike" or "strike" in {ctx.lem[o.i].lower() for o in objs}
                return ("143" if strike else "141") + digit
            return None
        spans = [*objs, *(c for c in tok.children if c.dep_ == "npadvmod")]
        if lem in ("give", "set", "issue") and (words & {"ultimatum", "deadline"} or (lem == "give" and any(
                ctx.lem[o.i].lower() in TIME_UNITS for o in spans) and any(
                k.dep_ in ("xcomp", "acl", "relcl", "advcl") and k.pos_ == "VERB" and any(
                    a.lower_ == "to" for a in k.children) for o in (tok, *spans) for k in o.children))):
            return "139"  # "gave the junta a week to restore ...": an ultimatum
        if lem in ("give", "grant", "allow") and words & GRACE_WORDS:
            return "080"  # "give the migrants more time": a concession
        if lem in HELPING | SUPPORTING:
            sub = set(words)
            inner = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp", "conj") and c.pos_ in ("VERB", "AUX")]
            for c in inner:
                sub |= phrase_lemmas(ctx, c)
            if sub & SETTLE_WORDS or ("bring" in sub and "together" in sub):
                return "045"  # helping others reach a settlement is mediating
            if lem in HELPING:
                if sub & HUMANITARIAN_WORDS:
                    return "073"
                heads = {ctx.lem[k.i].lower() for o in objs for k in (o, *o.children) if k is o or k.dep_ == "compound"}
                if heads & TROOP_WORDS or any(
                        ctx.lem[k.i].lower() in TROOP_WORDS for c in inner for k in c.children if k.dep_ == "nsubj"):
                    return "062"
                for c in inner:
                    act = self.verb_act(ctx, c, depth + 1) if depth < 3 else None
                    if act:
                        return act
            if lem in SUPPORTING and words & (TALK_WORDS | {"process", "effort"}):
                return "050"
            return None
        if lem == "extradite" or (lem in RETURNING | RELEASING and (
                {"trial", "judicial", "justice", "prosecution"} & {t.lemma_.lower() for t in tok.subtree})):
            return "063"
        heads = [o for o in objs if o.dep_ in ("dobj", "obj", "nsubjpass")]
        if lem in RELEASING or (lem in RETURNING and prts & {"back", "over"}) or (
                lem == "return" and any(self._is_person(ctx, o) for o in heads)):
            if heads and all(ctx.lem[o.i].lower() in PROPERTY_WORDS for o in heads):
                return "0842"
            if heads and any(self._is_person(ctx, o) for o in heads):
                return "0841"
            return None
        if lem in LIFTING | {"roll"}:
            if words & SANCTION_WORDS:
                return "085"
            if "blockade" in words:
                return "0872"
            if "curfew" in words:
                return "0813"
            if words & {"emergency", "martial"}:
                return "0814"
            froms = {ctx.lem[p.i].lower() for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                     for p in c.children if p.dep_ == "pobj"}
            if lem in ("withdraw", "pull") and froms & TALK_WORDS:
                return "164"  # "withdraw from the talks": halting negotiations
            direct = [o for o in objs if o.dep_ in ("dobj", "obj")]
            if lem in ("withdraw", "pull") and (words & TROOP_WORDS or (not direct and not froms & AGREEMENT_WORDS)):
                return "0874"  # "withdraw its troops", "withdraw from the island": a military retreat
            if words & POLICY_WORDS and lem != "suspend":
                return "0832"
        if lem == "pull" and "out" in prts:
            return "0874"
        if lem in HALTING:
            if words & self.fight:
                return "087"
            if words & TALK_WORDS:
                return "164"
            if words & COERCION_WORDS or words & POLICY_WORDS:
                return "0832"
        if lem in UPHOLDING and words & self.ceasefire:
            return "0871"
        if lem in UPHOLDING | PROTECTING | {"guarantee", "ensure", "restore"} and words & {"right", "freedom"}:
            return "0833"  # "respect the rights of minorities": rights
        if lem in ("hold", "call", "organise", "organize", "allow") and "election" in words:
            return "0831"  # "hold new elections": a change of leadership
        if lem in REFRAINING or (lem in SHOWING and words & RESTRAINT_WORDS) or (
                lem in AVOIDING and words & ESCALATION_WORDS) or lem in ("calm", "de-escalate"):
            return "087" if lem == "de-escalate" else "080"
        if lem in TALKING or (lem == "sit" and "down" in prts):
            return "046"
        if lem in ("return", "resume", "rejoin", "hold", "open", "start", "begin", "join") and words & (
                TALK_WORDS - {"meeting", "summit", "consultation"}):
            return "046"
        if lem in COOPERATING | {"work"}:
            if words & JUDICIAL_WORDS:
                return "063"
            if "intelligence" in words:
                return "064"
            return None
        if lem in SHARING and words & SHARED_INFORMATION:
            return "064"  # "was sharing radar data with South Korea", "exchange intelligence": information shared
        if lem in SENDING | {"speed"}:
            for o in objs:
                if o.dep_ in ("dobj", "obj") and ctx.lem[o.i].lower() in AID_NOUNS - {"support", "supply"}:
                    return self.noun_act(ctx, o)  # "provide financial assistance through ...": the aid's own kind
            if words & ((MILITARY_WORDS - TROOP_WORDS) | self.weapons):
                return "072"  # weapons (troops sent are the dictionary's: cooperation or protection)
            if words & self.pko or (words & ({"ship", "warship", "troop", "soldier", "police", "officer"}) and (
                    {t.lemma_.lower() for t in tok.subtree} & PROTECTING)):
                return "074"
            if words & HUMANITARIAN_WORDS or words & AID_NOUNS:
                kind = aid_kind(words, self.weapons)
                return "071" if kind == "070" and words & self.currency else kind
            if words & self.currency:
                return "071"
            return None
        if lem in RESTORING and words & TIES_WORDS and words & (MILITARY_WORDS | {"militaries"}):
            return "062"  # "restore communication between the two militaries": military cooperation
        if lem in INCREASING and words & self.pko:
            return "074"
        if lem in RESIGNING or (lem == "step" and "down" in prts):
            return "0831"
        if negated and words & (self.fight | {"force"}):
            return "080"  # "not to use violence against the protesters": restraint
        if negated:
            code = self.coded(ctx, tok)
            if code and code[:2] in ("16", "17"):
                return "0832"  # "asked Islamabad not to deport Afghans": a change of policy
            if code and code[:2] in ("18", "19", "20"):
                return "087"
        return None

    def protest_demand(self, ctx, tok, objs) -> str | None:
        """The 4th digit of a protest's stated demand (CAMEO 141x-145x, as 083x): leadership 1, policy 2, rights 3,
        institutions 4; from "against ...", "over ...", "to demand that ...", "demanding ..."; None when unstated."""
        words: set[str] = set()
        asked = False  # a demand stated as an act asked of someone ("demanding that the government restore power")
        for h in (tok, *objs):
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("against", "over"):
                    for p in c.children:
                        words |= phrase_lemmas(ctx, p)
                elif c.dep_ in ("advcl", "xcomp", "ccomp", "acl") and c.pos_ == "VERB" and ctx.lem[c.i].lower() in (
                        "demand", "call", "protest", "oppose", "reject", "denounce", "seek"):
                    words |= {t.lemma_.lower() for t in c.subtree}
                    asked = asked or (ctx.lem[c.i].lower() in ("demand", "call", "seek") and any(
                        k.dep_ in ("ccomp", "xcomp", "dobj", "prep") for k in c.children))
        if not words:
            return None
        if words & LEADERSHIP_WORDS:
            return "1"
        if words & {"right", "freedom"}:
            return "3"
        if words & INSTITUTION_WORDS:
            return "4"
        if words & (POLICY_WORDS | SANCTION_WORDS | DEMAND_POLICY_WORDS):
            return "2"
        if PROTEST_ASKS_POLICY and asked:
            return "2"  # an act asked of the authorities that is no leader's exit, right or institution: a policy
        return None

    def coded(self, ctx, tok, strict: bool = False) -> str | None:
        """The code the verb dictionary gives ``tok`` (its first code of a paired one); ``strict``: not a root
        guessed from the verb's block ("class")."""
        coder = self.coder
        if tok.pos_ == "NOUN":
            cand = coder._code_verb(ctx, tok, [tok], noun=True)
        else:
            cand = coder._code_verb(ctx, tok, coder._chain(tok))
        if tok.pos_ != "NOUN" and coder.news:
            cand = coder._object_sense(ctx, coder._chain(tok), cand)  # "expel diplomats" 161, not 174
        if cand is None or not cand.code or (strict and "class" in cand.flags):
            return None
        return cand.code.split(":")[0] or None

    def complement_act(self, ctx, toks, fallback: bool = True) -> tuple[str, int] | None:
        """(act, token) of the first complement in ``toks`` (verbs or nouns, and their conjuncts) a sense rule
        decides; else the dictionary's code of the first coded one."""
        seen = []
        for t in toks:
            seen.append(t)
            seen.extend(c for c in t.children if c.dep_ == "conj" and c.pos_ == t.pos_)
        for t in seen:
            act = self.noun_act(ctx, t) if t.pos_ in ("NOUN", "PROPN") else self.verb_act(ctx, t)
            if act == "":
                return None  # a rule decided the complement names no act of its own
            if act:
                return act, t.i
        if not fallback:
            return None
        for t in seen:
            act = self.coded(ctx, t)
            if act:
                return act, t.i
        return None

    # ---------------------------------------------------------- accusations
    def accusation_code(self, ctx, verb) -> str | None:
        """The subcode of "accused X of ..." / "blamed X for ..." from the accused act's kind, or None."""
        comps = []
        for h in attached(verb):
            # the phrase may hang on the accused's own words ("blamed hackers linked to X for breaking into")
            stack = [h]
            while stack:
                t = stack.pop()
                for c in t.children:
                    if c.dep_ == "prep" and ctx.up[c.i] in ("OF", "FOR"):
                        comps.extend(p for p in c.children if p.dep_ in ("pobj", "pcomp"))
                    elif t is not verb and c.dep_ not in _PRUNE:
                        stack.append(c)
        if not comps:
            return None
        accused = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        if accused and all(o.pos_ == "NOUN" and not (ctx.lem[o.i].lower() in self.hostage or any(
                len(c) > 3 for k in phrase_tokens(o) for m in ctx.by_head.get(k.i, ()) for c in m.codes))
                for o in accused):
            return None  # "accused the legislation of attacking civil society": a thing, no actor accused
        words: set[str] = set()
        for p in comps:
            words |= accused_words(ctx, p)
        spying = words & ESPIONAGE_WORDS
        broken = {ctx.lem[o.i].lower() for p in comps for k in p.subtree if ctx.lem[k.i].lower() == "breach"
                  for c in k.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"}
        if broken and broken <= BREACHED_RULES | self.ceasefire:
            spying -= {"breach"}  # "in breach of their trade agreement": breaking a rule is a violation, no intrusion
        if spying or ("break" in words and "into" in words):
            return "1125"
        if words & WAR_CRIME_WORDS or ("war" in words and "crime" in words):
            return "1124"
        if words & RIGHTS_WORDS or ("fail" in words and "protect" in words):
            return "1122"
        nouns = {ctx.lem[k.i].lower() for p in comps for k in p.subtree if k.pos_ == "NOUN"}
        if words & AGGRESSION_WORDS & nouns and not words & NOT_MILITARY:
            return "1123"
        for p in comps:
            if p.pos_ not in ("VERB", "AUX"):
                continue
            # the accused act itself: a conventional military act (19x) is aggression; breaking a truce too
            lem = ctx.lem[p.i].lower()
            obj = set()
            for o in _objects(p):
                obj |= phrase_lemmas(ctx, o)
            if lem in ("break", "violate") and obj & self.ceasefire:
                return "1123"
            code = self.coded(ctx, p, strict=True)
            if (code is None or code[:2] != "19") and lem in STARTING and not obj & NOT_MILITARY:
                # "starting the fighting", "launching an offensive": the verb's noun names the act
                if obj & self.fight:
                    code = "190"
            if code and code[:2] == "19" and code[:3] not in ("191", "192") and not obj & NOT_MILITARY:
                return "1123"  # entering waters or a blockade is no armed aggression
        if words & CRIME_WORDS:
            return "1121"
        return None


# a lawsuit or arbitration intended is a threat of a non-force act (131; the article conventions)
LEGAL_ACTION_THREATS = True


def family_subcode(family: str, act: str) -> str | None:
    """The code of family ``family`` ("02" appeal, "10" demand, "03" intent, "12" reject, "13" threaten) for the
    act ``act``; None when the act has no reading in the family (CAMEO's table: coding_schemes/cameo.yaml)."""
    if not act or not act[:2].isdigit():
        return None
    root, three = act[:2], act[:3]
    if family == "12":
        if root == "06":
            return {"061": "1211", "062": "1212"}.get(three, "121")
        if root == "07":
            return {"071": "1221", "072": "1222", "073": "1223", "074": "1224"}.get(three, "122")
        if three == "083":
            return "123" + (act[3] if len(act) > 3 else "")
        if three == "045":
            return "126"
        if root == "08":
            return {"081": "1241", "082": "1242", "084": "1243", "085": "1244", "086": "1245",
                    "087": "1246"}.get(three, "124")
        if root == "04":
            return "125"
        return None
    if family == "13":
        if root == "16":
            return {"161": "1313", "162": "1311", "164": "134", "165": "135", "166": "136"}.get(three, "1312")
        if three == "172":
            return "132" + (act[3] if len(act) > 3 and act[3] in "1234" else "")
        if root == "17":
            return "137"
        if three == "191":
            return "1381"
        if three == "192":
            return "1382"
        if root in ("15", "18", "19", "20"):
            return "138"
        if root == "14":
            return "133"
        if three == "115" and LEGAL_ACTION_THREATS:
            return "131"  # "would take the dispute to arbitration", "would sue": a threat of a non-force act
        return None
    if three == "083" and len(act) > 3:
        return family + "4" + act[3]
    return None  # the rest of the table is family_code's (coder.py)


# every verb a sense rule of SubcodeSense.verb_act names (a done act of another verb is never refined: cheap test)
SENSE_VERBS = (RELEASING | RETURNING | LIFTING | HALTING | UPHOLDING | REFRAINING | AVOIDING | SHOWING | TALKING
               | MEDIATING | COOPERATING | HELPING | SUPPORTING | SENDING | INCREASING | STAYING | RESIGNING | RESTORING
               | ATTACKING | LIGHT_ATTACKING | RESPONDING | SETTLING | PROTESTING | SHARING | FACING
               | PROTECTING | frozenset({"guarantee", "ensure", "call", "organise", "organize"})
               | frozenset("roll pull sit resume rejoin hold open start begin join work speed step give set issue "
                           "grant allow calm de-escalate extradite".split()))

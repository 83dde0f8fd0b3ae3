"""Generate the built-in coding schemes from the shared reference data.

Writes ``coding_schemes/cameo.yaml`` and ``coding_schemes/plover.yaml`` and copies the PETRARCH
dictionaries (with their licence) into ``coding_schemes/dictionaries/``. Re-running it on the
same reference data gives the same files byte for byte.

Example:
    python tools/build_schemes.py --reference ../shared/reference
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "coding_schemes"

# ------------------------------------------------------------------ human-written text

CAMEO_ROOT_DESCRIPTIONS = {
    "01": "Public statements that carry no clear cooperative or hostile intent: comments, "
    "denials, symbolic gestures, statements of policy options.",
    "02": "Asking another actor for something cooperative: aid, reform, talks, mediation, "
    "a change of policy, the easing of pressure.",
    "03": "Saying that one intends to cooperate, give aid, reform, meet or settle, without yet doing it.",
    "04": "Meetings, visits, talks, negotiations and mediation, whether face to face or by phone.",
    "05": "Diplomatic (non-material) cooperation: praise, endorsement, defending a partner verbally, "
    "granting recognition, apologising, forgiving, signing formal agreements.",
    "06": "Material cooperation: economic, military, judicial or intelligence cooperation "
    "in practice, such as joint exercises or sharing information.",
    "07": "Giving aid: economic, military, humanitarian, protection or peacekeeping, asylum.",
    "08": "Giving way: easing restrictions, releasing people or property, allowing access, "
    "de-escalating, accepting demands, retreating, resigning.",
    "09": "Investigating crimes, corruption, human rights abuses or military actions.",
    "10": "Demanding something from another actor, more forcefully than an appeal.",
    "11": "Criticising, denouncing, accusing, rallying opposition against, complaining officially, "
    "suing, finding guilty.",
    "12": "Refusing cooperation, aid, requests, proposals, mediation or demands; defying norms; vetoing.",
    "13": "Threatening: with sanctions, force, boycotts, reduced relations or ultimatums.",
    "14": "Civilian protest: demonstrations, hunger strikes, strikes and boycotts, blockades, violent riots.",
    "15": "Showing force without using it: raising alert levels, mobilising or deploying forces.",
    "16": "Cutting back relations: breaking diplomatic ties, reducing or stopping aid, "
    "imposing embargoes and sanctions, halting talks or mediation, expelling or withdrawing "
    "peacekeepers, inspectors or aid agencies.",
    "17": "Coercion short of armed attack: seizing or destroying property, administrative sanctions, "
    "curfews, arrests, deportations, violent repression.",
    "18": "Violent attacks by a small number of people or with few weapons: abductions, "
    "assaults, suicide and car bombings, assassinations.",
    "19": "Conventional military force: fighting with small arms or artillery, "
    "occupying territory, aerial attacks, violating ceasefires.",
    "20": "Unconventional mass violence: mass expulsion or killing, ethnic cleansing, weapons of mass destruction.",
}

# GDELT quad class -> a family of shades (roots in that class take the shades in order)
CAMEO_COLOURS = {
    1: ["#4e79a7", "#5b8fc7", "#3f6a96", "#6fa0d8", "#2f5b86"],
    2: ["#59a14f", "#4b8c43", "#6cb662", "#3d7a36"],
    3: ["#f28e2b", "#e07b1a", "#f5a34f", "#d06c12", "#f7b76f"],
    4: ["#e15759", "#c94446", "#b03032", "#d9696b", "#9b2021", "#7f1416"],
}

CAMEO_QUAD_LABELS = {
    "gdelt": {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"},
    "phoenix": {
        0: "neutral",
        1: "verbal cooperation",
        2: "material cooperation",
        3: "verbal conflict",
        4: "material conflict",
    },
}

PLOVER_DEFINITIONS = {
    "AGREE": "Offering, promising or agreeing to cooperate, including promises to sign an agreement. "
    "Cooperation that is only announced for the future is coded here too.",
    "CONSULT": "Meetings and consultations of any kind: visits, hosting, talks at a neutral place, "
    "negotiations, phone or video calls.",
    "SUPPORT": "Verbal, non-material cooperation: praising, endorsing, recognising, approving a "
    "policy, or signing and ratifying an agreement.",
    "CONCEDE": "Verbal concessions without immediate material effect: promising to ease "
    "restrictions, declaring (not carrying out) a ceasefire, calling off a protest.",
    "COOPERATE": "Starting, resuming or widening material cooperation or exchange between actors.",
    "AID": "Giving material help whose benefit goes mainly to the recipient: money, weapons, relief, troops, asylum.",
    "RETREAT": "Giving way with immediate material effect: releasing prisoners, withdrawing forces, "
    "disarming, allowing access, resigning, observing a ceasefire.",
    "REQUEST": "Requests, demands and orders, less forceful than threats.",
    "ACCUSE": "Criticising, disapproving of, accusing or investigating another actor.",
    "REJECT": "Refusing or rejecting a request, proposal or demand.",
    "THREATEN": "Threats and forceful warnings that announce serious consequences.",
    "PROTEST": "Collective civilian action against the recipient: demonstrations, riots, strikes, "
    "hunger strikes, boycotts, blockades.",
    "SANCTION": "Reducing existing relations or cooperation, not only formal sanctions: cutting ties, "
    "expelling, withdrawing, convicting.",
    "MOBILIZE": "Military or police moves that stop short of using force: deployments, alerts, "
    "arming, shows of strength.",
    "COERCE": "Repression and coercive uses of power short of violence: arrests, seizures, "
    "censorship, curfews, deportations.",
    "ASSAULT": "Deliberate actions that can cause serious physical harm: attacks with any weapon, "
    "abductions, torture, bombings.",
}
PLOVER_SHORTCUTS = {
    "AGREE": "g",
    "CONSULT": "c",
    "SUPPORT": "s",
    "CONCEDE": "n",
    "COOPERATE": "o",
    "AID": "i",
    "RETREAT": "r",
    "REQUEST": "q",
    "ACCUSE": "u",
    "REJECT": "j",
    "THREATEN": "h",
    "PROTEST": "p",
    "SANCTION": "x",
    "MOBILIZE": "m",
    "COERCE": "e",
    "ASSAULT": "k",
}
PLOVER_QUADS = {
    "VERBAL COOPERATION": (1, "#4e79a7"),
    "MATERIAL COOPERATION": (2, "#59a14f"),
    "VERBAL CONFLICT": (3, "#f28e2b"),
    "MATERIAL CONFLICT": (4, "#e15759"),
}
PLOVER_ALIASES = {
    "YIELD": ["CONCEDE", "RETREAT"],
    "DEMAND": ["REQUEST"],
    "DISAPPROVE": ["ACCUSE"],
    "INVESTIGATE": ["ACCUSE"],
    "FIGHT": ["ASSAULT"],
}

# CAMEO code -> (PLOVER type, mode); codes not listed use their nearest listed ancestor.
# An approximate crosswalk from the CAMEO labels and the PLOVER definitions, to be reviewed.
CAMEO_TO_PLOVER: dict[str, tuple[str, str] | tuple[str] | None] = {
    "01": None,
    "016": ("REJECT",),
    "018": ("SUPPORT",),
    "019": ("AGREE",),
    "02": ("REQUEST",),
    "021": ("REQUEST", "assist"),
    "022": ("REQUEST", "assist"),
    "023": ("REQUEST", "assist"),
    "024": ("REQUEST", "change"),
    "025": ("REQUEST", "yield"),
    "026": ("REQUEST", "meet"),
    "027": ("REQUEST", "meet"),
    "028": ("REQUEST", "meet"),
    "03": ("AGREE",),
    "035": ("CONCEDE",),
    "04": ("CONSULT",),
    "041": ("CONSULT", "phone"),
    "042": ("CONSULT", "visit"),
    "043": ("CONSULT", "visit"),
    "044": ("CONSULT", "third-party"),
    "045": ("CONSULT", "third-party"),
    "05": ("SUPPORT",),
    "06": ("COOPERATE",),
    "07": ("AID",),
    "08": ("RETREAT",),
    "083": ("CONCEDE",),
    "0831": ("RETREAT", "resign"),
    "084": ("RETREAT", "release"),
    "086": ("RETREAT", "access"),
    "0871": ("CONCEDE",),
    "0873": ("RETREAT", "disarm"),
    "0874": ("RETREAT", "withdraw"),
    "09": ("ACCUSE", "investigate"),
    "10": ("REQUEST",),
    "101": ("REQUEST", "assist"),
    "102": ("REQUEST", "assist"),
    "103": ("REQUEST", "assist"),
    "104": ("REQUEST", "change"),
    "105": ("REQUEST", "meet"),
    "1051": ("REQUEST", "yield"),
    "1052": ("REQUEST", "yield"),
    "1053": ("REQUEST", "yield"),
    "1054": ("REQUEST", "yield"),
    "1055": ("REQUEST", "yield"),
    "1056": ("REQUEST", "yield"),
    "106": ("REQUEST", "yield"),
    "107": ("REQUEST", "yield"),
    "108": ("REQUEST", "meet"),
    "11": ("ACCUSE", "disapprove"),
    "112": ("ACCUSE", "allege"),
    "115": ("ACCUSE", "allege"),
    "116": ("SANCTION", "convict"),
    "12": ("REJECT",),
    "121": ("REJECT", "assist"),
    "122": ("REJECT", "assist"),
    "123": ("REJECT", "change"),
    "124": ("REJECT", "yield"),
    "125": ("REJECT", "meet"),
    "126": ("REJECT", "meet"),
    "13": ("THREATEN",),
    "1311": ("THREATEN", "relations"),
    "1313": ("THREATEN", "relations"),
    "132": ("THREATEN", "restrict"),
    "134": ("THREATEN", "relations"),
    "135": ("THREATEN", "relations"),
    "136": ("THREATEN", "expel"),
    "137": ("THREATEN", "violence"),
    "138": ("THREATEN", "violence"),
    "1382": ("THREATEN", "territory"),
    "14": ("PROTEST",),
    "141": ("PROTEST", "demo"),
    "142": ("PROTEST", "hunger"),
    "143": ("PROTEST", "strike"),
    "144": ("PROTEST", "obstruct"),
    "145": ("PROTEST", "riot"),
    "15": ("MOBILIZE",),
    "151": ("MOBILIZE", "police"),
    "152": ("MOBILIZE", "troops"),
    "153": ("MOBILIZE", "police"),
    "154": ("MOBILIZE", "troops"),
    "16": ("SANCTION",),
    "161": ("SANCTION", "discontinue"),
    "162": ("SANCTION", "discontinue"),
    "164": ("SANCTION", "discontinue"),
    "165": ("SANCTION", "discontinue"),
    "166": ("SANCTION", "expel"),
    "17": ("COERCE",),
    "171": ("COERCE", "seize"),
    "1712": ("ASSAULT", "destroy"),
    "172": ("COERCE", "restrict"),
    "1723": ("COERCE", "curfew"),
    "1724": ("COERCE", "martial-law"),
    "173": ("COERCE", "arrest"),
    "174": ("COERCE", "deport"),
    "175": ("ASSAULT", "crowd-control"),
    "18": ("ASSAULT",),
    "181": ("ASSAULT", "abduct"),
    "182": ("ASSAULT", "beat"),
    "1821": ("ASSAULT", "sexual"),
    "1822": ("ASSAULT", "torture"),
    "183": ("ASSAULT", "explosives"),
    "1831": ("ASSAULT", "suicide-attack"),
    "185": ("ASSAULT", "targeted"),
    "186": ("ASSAULT", "targeted"),
    "19": ("ASSAULT",),
    "191": ("COERCE", "restrict"),
    "193": ("ASSAULT", "firearms"),
    "194": ("ASSAULT", "heavy-weapons"),
    "195": ("ASSAULT", "aerial"),
    "20": ("ASSAULT",),
    "201": ("COERCE", "deport"),
    "204": ("ASSAULT", "unconventional"),
}

# Short names for role/sector codes; the reference gives long descriptions or none at all.
# Codes without a description there were named from their example phrases in Phoenix.agents.txt.
ROLE_NAMES = {
    "GOV": "Government",
    "MIL": "Military",
    "REB": "Rebels",
    "BUS": "Business",
    "OPP": "Opposition",
    "MED": "Media",
    "CRM": "Criminals",
    "HLH": "Health",
    "JUD": "Judiciary",
    "EDU": "Education",
    "CVL": "Civilians",
    "COP": "Police",
    "LEG": "Legislature",
    "UAF": "Unidentified armed forces",
    "MUS": "Muslim",
    "AGR": "Agriculture",
    "DEV": "Development",
    "LAB": "Labour",
    "SPY": "Intelligence services",
    "REL": "Religious",
    "CHR": "Christian",
    "ENV": "Environmental",
    "PTY": "Political party",
    "HIN": "Hindu",
    "RAD": "Radicals",
    "BUD": "Buddhist",
    "REF": "Refugees",
    "CTH": "Catholic",
    "HRI": "Human rights",
    "JEW": "Jewish",
    "NGO": "Non-governmental organization",
    "ELI": "Elites",
    "PPL": "People (unspecified)",
    "PRO": "Protestant",
    "IGO": "International governmental organization",
    "MAR": "Maronite",
    "IMG": "Transnational militarized group",
    "PRM": "Paramilitary",
    "UNK": "Unidentified actor",
    "JRN": "Journalists",
    "PRE": "Partially recognised entity",
    "SOC": "Civil society",
}
PLOVER_SECTOR_OVERRIDES = {"MED": "Health and medicine"}

RELATION_TYPES = [
    (
        "member_of",
        "member of",
        "The first actor belongs to the second (a minister of a government, a state of an alliance).",
        False,
    ),
    ("same_as", "same as", "Coreference: both spans name the same actor, place or date.", True),
    ("located_in", "located in", "The first span (an event trigger or a place) lies in the second place.", False),
    ("agent_of", "agent of", "The first actor acts on behalf of the second (an envoy, a spokesperson).", False),
]
SPAN_LABELS = [
    ("actor", "Actor", "#1f77b4", "a", "A person, group, organisation or state taking part in an event."),
    ("trigger", "Trigger", "#d62728", "t", "The word or phrase that says what happened."),
    ("location", "Location", "#2ca02c", "l", "Where the event took place."),
    ("date", "Date", "#9467bd", "d", "When the event took place."),
]

CAMEO_DICTIONARIES = {
    # EventCoder.*: supplements written for this project (coding_schemes/dictionaries/, not from PETRARCH)
    "verbs": ["dictionaries/CAMEO.2.0.txt", "dictionaries/EventCoder.news.verbs.txt"],
    "actors": [
        "dictionaries/Phoenix.Countries.actors.txt",
        "dictionaries/Phoenix.International.actors.txt",
        "dictionaries/Phoenix.MilNonState.actors.txt",
        "dictionaries/EventCoder.news.actors.txt",
        "dictionaries/EventCoder.bodies.actors.txt",
    ],
    "agents": ["dictionaries/Phoenix.agents.txt", "dictionaries/EventCoder.news.agents.txt"],
    "discards": ["dictionaries/Phoenix.discards.txt"],
}

# ------------------------------------------------------------------ YAML writing


def q(text: object) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(str(text), ensure_ascii=False)


def num(value: float) -> str:
    return repr(float(value))


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:].lower() if text.isupper() else text


def header(lines: list[str], title: str) -> None:
    lines += [
        f"# {title}",
        "# Generated by tools/build_schemes.py from the shared reference data; edit that script, not this file.",
        "# The format is described in coding_schemes/README.md.",
        "",
    ]


def write_common(lines: list[str]) -> None:
    """The parts both schemes share: roles, span labels and relation types."""
    lines += [
        "roles:",
        "  - {name: source, required: true}",
        "  - {name: target, required: false}",
        "  - {name: location, required: false}",  # where it happened (the coder suggests it, core/suggest/places.py)
        "",
        "span_labels:",
    ]
    for layer, label, colour, key, desc in SPAN_LABELS:
        lines.append(
            f"  - {{layer: {layer}, label: {label}, colour: {q(colour)}, shortcut: {q(key)}, description: {q(desc)}}}"
        )
    lines += ["", "relation_types:"]
    for name, label, desc, symmetric in RELATION_TYPES:
        lines += [
            f"  - name: {name}",
            f"    label: {label}",
            f"    description: {q(desc)}",
            f"    symmetric: {'true' if symmetric else 'false'}",
        ]
    lines.append("")


def write_actor_codes(lines: list[str], actors: list[tuple[str, str, str, str]]) -> None:
    lines.append("actor_codes:")
    for code, name, kind, desc in actors:
        entry = f"  - {{code: {q(code)}, name: {q(name)}, kind: {kind}"
        if desc:
            entry += f", description: {q(desc)}"
        lines.append(entry + "}")
    lines.append("")


# ------------------------------------------------------------------ reference readers


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def agent_examples(agents_file: Path, limit: int = 4) -> dict[str, list[str]]:
    """Example phrases per role code from ``PHRASE [~CODES]`` lines (3-letter segments)."""
    out: dict[str, list[str]] = {}
    pattern = re.compile(r"^([^#\[]+?)\s*\[~([A-Z]+)[\]}]")
    for line in agents_file.read_text(encoding="utf-8", errors="replace").splitlines():
        match = pattern.match(line.strip())
        if not match:
            continue
        phrase = match.group(1).replace("_", " ").strip().lower()
        phrase = re.sub(r"!(\w+)!", lambda m: m.group(1).lower(), phrase)
        codes = match.group(2)
        for i in range(0, len(codes), 3):
            examples = out.setdefault(codes[i : i + 3], [])
            if len(examples) < limit and phrase not in examples:
                examples.append(phrase)
    return out


def dictionary_countries(countries_file: Path) -> dict[str, str]:
    """Country codes the Phoenix country dictionary gives its primary entries, with the entry's name.

    The reference table lists primary entries with a plain ``[XXX]`` code; states whose code is date-limited
    (``UKRAINE_ ... [UKR >911221]``) are only found here.
    """
    found: dict[str, str] = {}
    primary = None
    code_line = re.compile(r"\[([A-Z]{3})(?:\s+[<>]?[0-9-]+)?\]")
    for raw in countries_file.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if not raw[0].isspace() and not line.startswith("+"):
            primary = line.split("[", 1)[0].strip().strip("_").replace("_", " ").title() or None
        for match in code_line.finditer(line):
            if primary and match.group(1) not in found:
                found[match.group(1)] = primary
    return found


def countries(rows: list[dict[str, str]], ref: Path | None = None) -> list[tuple[str, str, str, str]]:
    names: dict[str, list[str]] = {}
    for row in rows:
        if row["kind"] == "country":
            names.setdefault(row["code"], []).append(row["name"])
    out = [(code, ns[0], "country", f"Also: {', '.join(ns[1:])}" if len(ns) > 1 else "") for code, ns in names.items()]
    if ref is not None:
        taken = {row["code"] for row in rows}
        extra = dictionary_countries(ref / "petrarch_dictionaries" / "Phoenix.Countries.actors.txt")
        for code, name in sorted(extra.items()):
            if code not in taken:
                out.append((code, name, "country", "From the Phoenix country dictionary (a date-limited code)."))
    return out


# ------------------------------------------------------------------ CAMEO


def build_cameo(ref: Path) -> str:
    codes = read_tsv(ref / "cameo_codes.tsv")
    actor_rows = read_tsv(ref / "cameo_actor_types.tsv")
    examples = agent_examples(ref / "petrarch_dictionaries" / "Phoenix.agents.txt")
    lines: list[str] = []
    header(lines, "CAMEO (Conflict and Mediation Event Observations), event codes with Goldstein scores")
    lines += [
        "name: CAMEO",
        'version: "1.1b3"',
        "description: >-",
        "  The CAMEO event ontology: 20 root categories and their 3- and 4-digit sub-codes,",
        "  with Goldstein conflict-cooperation scores, GDELT and Phoenix quad classes, CAMEO",
        "  actor codes and the PETRARCH/Phoenix dictionaries used to code news text automatically.",
        "score_name: goldstein",
        "",
        "quad_class_conventions:",
        "  - name: gdelt",
        "    label: GDELT",
        "    description: >-",
        "      GDELT's quad classes by root: 01-05 verbal cooperation, 06-09 material cooperation,",
        "      10-14 verbal conflict, 15-20 material conflict.",
        "    default: true",
        "    classes: {" + ", ".join(f"{k}: {q(v)}" for k, v in CAMEO_QUAD_LABELS["gdelt"].items()) + "}",
        "  - name: phoenix",
        "    label: Phoenix",
        "    description: >-",
        "      The Phoenix pipeline's quad classes: 0 (neutral) for public statements and appeals,",
        "      investigations (09) and reduced relations (16) count as verbal conflict, protests (14)",
        "      as material conflict, and some sub-codes sit in a different class from their root.",
        "    classes: {" + ", ".join(f"{k}: {q(v)}" for k, v in CAMEO_QUAD_LABELS["phoenix"].items()) + "}",
        "",
    ]
    write_common(lines)
    lines.append("event_types:")
    shades = {k: iter(v) for k, v in CAMEO_COLOURS.items()}
    for row in codes:
        code = row["code"]
        lines.append(f"  - code: {q(code)}")
        if len(code) > 2:
            lines.append(f"    parent: {q(code[:-1])}")
        lines.append(f"    label: {q(sentence_case(row['name']))}")
        if code in CAMEO_ROOT_DESCRIPTIONS:
            lines.append(f"    description: {q(CAMEO_ROOT_DESCRIPTIONS[code])}")
        if row["goldstein"]:
            lines.append(f"    score: {num(float(row['goldstein']))}")
        lines.append(f"    quad_class: {{gdelt: {int(row['quad_class'])}, phoenix: {int(row['quad_class_phoenix'])}}}")
        if len(code) == 2:
            lines.append(f"    colour: {q(next(shades[int(row['quad_class'])]))}")
    lines.append("")

    actors = countries(actor_rows, ref)
    by_code = {a[0]: i for i, a in enumerate(actors)}
    nonstate = {r["code"]: r["name"] for r in actor_rows if r["kind"] == "plover_nonstate"}
    for row in actor_rows:
        code = row["code"]
        if row["kind"] != "agent_role" or code in nonstate:
            continue
        name = ROLE_NAMES.get(code, code.title())
        if code in by_code:  # MUS (Mauritius / Muslim), MAR (Morocco / Maronite): the country wins
            c, cname, kind, desc = actors[by_code[code]]
            note = f"After a country code, {code} is the role '{name}'."
            actors[by_code[code]] = (c, cname, kind, f"{desc} {note}".strip())
            continue
        desc = row["name"]
        if not desc:
            found = examples.get(code, [])
            desc = f"Examples in Phoenix.agents.txt: {', '.join(found)}" if found else ""
        actors.append((code, name, "role", desc))
    actors += [(code, name, "nonstate", "") for code, name in nonstate.items()]
    write_actor_codes(lines, actors)

    lines.append("dictionaries:")
    for kind, paths in CAMEO_DICTIONARIES.items():
        lines.append(f"  {kind}:")
        lines += [f"    - {p}" for p in paths]
    lines.append("")
    return "\n".join(lines)


# ------------------------------------------------------------------ PLOVER


def build_plover(ref: Path) -> str:
    plover = json.loads((ref / "plover.json").read_text(encoding="utf-8"))
    actor_rows = read_tsv(ref / "cameo_actor_types.tsv")
    scores = {k.lower(): v for k, v in plover["plover_scores"].items()}
    lines: list[str] = []
    header(lines, "PLOVER (Political Language Ontology for Verifiable Event Records)")
    lines += [
        "name: PLOVER",
        'version: "2.0"',
        "description: >-",
        "  PLOVER: 16 event types in four quad categories, each with optional modes that say",
        "  how the event happened, contexts that say what it was about, and PLOVER scores on a",
        "  -10 (most hostile) to +10 (most cooperative) scale.",
        "score_name: plover_score",
        "",
        "quad_class_conventions:",
        "  - name: plover",
        "    label: PLOVER quad category",
        "    description: The quad category each PLOVER event type belongs to.",
        "    default: true",
        "    classes: {" + ", ".join(f"{n}: {q(label.lower())}" for label, (n, _c) in PLOVER_QUADS.items()) + "}",
        "",
    ]
    write_common(lines)
    lines.append("event_types:")
    for event in plover["events"]:
        code = event["event"]
        quad, colour = PLOVER_QUADS[event["quad_category"]]
        lines += [
            f"  - code: {q(code)}",
            f"    label: {q(code.capitalize())}",
            f"    description: {q(PLOVER_DEFINITIONS[code])}",
            f"    score: {num(scores[code.lower()])}",
            f"    quad_class: {{plover: {quad}}}",
            f"    colour: {q(colour)}",
            f"    shortcut: {q(PLOVER_SHORTCUTS[code])}",
        ]
        if event["requires_recipient"].strip().lower() == "yes":
            lines += ["    roles:", "      - {name: source, required: true}", "      - {name: target, required: true}",
                      "      - {name: location, required: false}"]
        if event["modes"]:
            lines.append("    modes:")
            for mode in event["modes"]:
                name = mode["mode"]
                entry = f"      - {{name: {q(name)}, description: {q(mode['description'].strip())}"
                score = scores.get(f"{code.lower()}: {name.lower()}")
                if score is not None:
                    entry += f", score: {num(score)}"
                lines.append(entry + "}")
    lines.append("")

    lines += [
        "attributes:",
        "  - name: mode",
        "    label: Mode",
        "    description: How the event happened; the allowed modes depend on the event type.",
        "    multiple: false",
        "  - name: context",
        "    label: Context",
        "    description: What the event is about; an event can have several contexts.",
        "    multiple: true",
        "    values:",
    ]
    for context in plover["contexts"]:
        lines.append(f"      - {{name: {q(context['context'])}, description: {q(context['description'].strip())}}}")
    lines += [
        "  - name: auxiliary_mode",
        "    label: Auxiliary mode",
        "    description: Marks events that are reported as past, future, hypothetical or negated.",
        "    multiple: true",
        "    values: [" + ", ".join(q(m) for m in plover["auxiliary_modes"]) + "]",
        "",
        "aliases:",
    ]
    for old, new in PLOVER_ALIASES.items():
        target = q(new[0]) if len(new) == 1 else "[" + ", ".join(q(n) for n in new) + "]"
        lines.append(f"  {q(old)}: {target}")
    lines.append("")

    lines += [
        "# CAMEO code -> PLOVER type and mode; a code not listed takes its nearest listed ancestor's entry.",
        "# An approximate crosswalk made from the CAMEO labels and the PLOVER definitions, to be reviewed.",
        "cameo_mapping:",
    ]
    for cameo_code, target in CAMEO_TO_PLOVER.items():
        if target is None:
            value = "null"
        elif len(target) == 1:
            value = q(target[0])
        else:
            value = f"{{type: {q(target[0])}, mode: {q(target[1])}}}"
        lines.append(f"  {q(cameo_code)}: {value}")
    lines.append("")

    actors = countries(actor_rows, ref)
    for sector in plover["sector_codes"]:
        code = sector["code"]
        name = PLOVER_SECTOR_OVERRIDES.get(code, ROLE_NAMES.get(code, code))
        actors.append((code, name, "role", sector["description"].strip()))
    actors += [(a["code"], a["name"], "nonstate", "") for a in plover["nonstate_actor_codes"]]
    write_actor_codes(lines, actors)

    lines.append("dictionaries:")
    for kind in ("actors", "agents", "discards"):
        lines.append(f"  {kind}:")
        lines += [f"    - {p}" for p in CAMEO_DICTIONARIES[kind]]
    lines.append("")
    return "\n".join(lines)


# ------------------------------------------------------------------ main


def copy_dictionaries(ref: Path) -> list[Path]:
    target = OUT / "dictionaries"
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for source in sorted((ref / "petrarch_dictionaries").iterdir()):
        if source.is_file():
            shutil.copyfile(source, target / source.name)
            copied.append(target / source.name)
    return copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reference",
        type=Path,
        default=REPO.parent / "shared" / "reference",
        help="the shared reference directory (default: ../shared/reference)",
    )
    args = parser.parse_args(argv)
    ref: Path = args.reference
    if not (ref / "cameo_codes.tsv").is_file():
        print(f"error: {ref} does not look like the reference directory", file=sys.stderr)
        return 2
    OUT.mkdir(exist_ok=True)
    copied = copy_dictionaries(ref)
    (OUT / "cameo.yaml").write_text(build_cameo(ref), encoding="utf-8")
    (OUT / "plover.yaml").write_text(build_plover(ref), encoding="utf-8")
    print(f"wrote {OUT / 'cameo.yaml'}, {OUT / 'plover.yaml'} and {len(copied)} dictionary files")
    return 0


if __name__ == "__main__":
    sys.exit(main())

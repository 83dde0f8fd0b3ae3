"""A confidence that means something: the rules' events scored by a calibration fitted on coded data.

The rule coder gives every event a raw confidence from how it was found (a pattern or a block default,
negation, the passive). That number does not separate right from wrong. Here each event is described by what
the coder knows about it -- binary *signals*: how the code was found (``pattern``, ``default``), the flags
(``reported``, ``intent``, ``nominal``, ``appeal``, ``context_target`` ...), whether source and target are
coded and how (a name, a pronoun, the story's country), the code's root -- and a logistic model over them,
fitted on the dev articles and the dev sentence set (``bench/calibrate_confidence.py``), gives the
probability that the event is right. The fitted weights are data (``coding_schemes/dictionaries/
EventCoder.confidence.json``): the calibration is reproducible and replaceable, never code.

Fitted for "right" = the (source country, root, target country) of a gold event of the same sentence (what an
analyst accepting a suggestion needs: the kind of act and the two parties; the full actor code and the subcode
are a quick edit), so a suggestion shown at 0.8 is right about 80% of the time on text like the dev data. The
L2 strength is chosen by cross-validation with folds by article, leaning to the stronger (a signal seen on few
events stays near the overall rate); the script prints the reliability table and the expected calibration
error (:func:`expected_calibration_error`) on dev cross-validated and on the held-out articles as one table.
Text the coder was not tuned on is harder than the dev articles: there the confidences run high.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import CodedDocument, SuggestedEvent
from ..provenance import provenance_of

CALIBRATION_FILE = "EventCoder.confidence.json"
FLAG_SIGNALS = ("reported", "intent", "nominal", "passive", "appeal", "threat", "reverse", "refusal",
                "context_target", "story_target", "place_target")
FAR = 60  # characters between the source phrase and the trigger beyond which the source is "far"
RESOLVED_SIGNALS = ("pronoun", "story", "name", "group")  # SuggestedSpan.origin: how the document coded an actor


# roots whose acts are mostly between two actors of one country (CAMEO 14 protest, 17 coerce)
DOMESTIC_ROOTS = frozenset({"14", "17"})


def signals(event: SuggestedEvent, coded: CodedDocument) -> list[str]:
    """What the coder knows about one of its events, as names of binary signals."""
    out = ["bias"]
    prov = provenance_of(event)
    out.append("pattern" if prov is not None and prov.rules is not None and prov.rules.pattern is not None
               else "default")
    flags = set(event.flags or ())
    out.extend(f"flag={f}" for f in FLAG_SIGNALS if f in flags)
    code = event.event_code or ""
    out.append(f"root={code[:2]}")
    trigger = coded.spans[event.trigger] if isinstance(event.trigger, int) and 0 <= event.trigger < len(
        coded.spans) else None
    for role, idx, actor in (("source", event.source, event.source_code), ("target", event.target, event.target_code)):
        if not actor:
            out.append(f"{role}=none")
            continue
        if actor.startswith("---"):
            out.append(f"{role}=nocountry")
        span = coded.spans[idx] if isinstance(idx, int) and 0 <= idx < len(coded.spans) else None
        how = span.origin if span is not None else None
        if how in RESOLVED_SIGNALS:
            out.append(f"{role}={how}")
        if len(actor) == 3:
            out.append(f"{role}=country")
        if role == "source" and span is not None and trigger is not None and abs(span.start - trigger.start) > FAR:
            # a long subject phrase before its verb ("U.S. Secretary of State Antony Blinken, who ..., said"):
            # a named official, right more often than a short one (dev articles, cross-validated)
            out.append("source=far")
    if event.source_code and event.target_code and actor_side(event.source_code) == actor_side(event.target_code):
        out.append("same_country")
        if code[:2] in DOMESTIC_ROOTS:
            # protest and repression are mostly within one country (police and protesters, a government and its
            # opposition): there, one side for both is no sign of a wrong actor
            out.append("same_country_domestic")
    return out


def actor_side(code: str) -> str:
    """Whose side an actor code is on: a country's code its country ("RUSGOV" -> RUS); an organisation's its own
    first six letters ("IGOEUREEC" -> IGOEUR: the EU and a UN council are not one side, as every IGO would be)."""
    return code[:6] if code.startswith(("IGO", "NGO", "MNC")) else code[:3]


@dataclass
class Calibration:
    """Logistic weights over :func:`signals`; ``apply`` rewrites the events' confidences.

    ``scale`` and ``shift`` recalibrate the weights' log-odds (Platt scaling, ``scale * z + shift``), fitted on
    articles the rules were never tuned on: the weights learn which signals tell right from wrong on the dev
    data, the two numbers how far that overstates text nobody here has tuned on. ``min_confidence``, when set,
    is the confidence below which an article's event is not suggested, chosen with the calibration."""

    weights: dict[str, float]
    about: str = ""
    scale: float = 1.0
    shift: float = 0.0
    min_confidence: float | None = None

    def logit(self, names: Iterable[str]) -> float:
        """The weights' log-odds before the recalibration."""
        return sum(self.weights.get(n, 0.0) for n in names)

    def probability(self, names: Iterable[str]) -> float:
        z = self.scale * self.logit(names) + self.shift
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def apply(self, coded: CodedDocument) -> CodedDocument:
        for e in coded.events:
            if "negated" in (e.flags or ()):
                continue
            e.confidence = round(self.probability(signals(e, coded)), 2)
            if isinstance(e.trigger, int) and 0 <= e.trigger < len(coded.spans):
                span = coded.spans[e.trigger]
                span.confidence = max(e.confidence, span.confidence if span.code == e.event_code else 0.0)
        return coded

    def to_dict(self) -> dict:
        out: dict = {"about": self.about}
        if (self.scale, self.shift) != (1.0, 0.0):
            out["recalibration"] = {"scale": self.scale, "shift": self.shift}
        if self.min_confidence is not None:
            out["min_confidence"] = self.min_confidence
        out["weights"] = dict(sorted(self.weights.items()))
        return out

    @classmethod
    def from_dict(cls, data: dict) -> Calibration:
        again = data.get("recalibration") or {}
        floor = data.get("min_confidence")
        return cls({str(k): float(v) for k, v in (data.get("weights") or {}).items()}, str(data.get("about") or ""),
                   float(again.get("scale", 1.0)), float(again.get("shift", 0.0)),
                   None if floor is None else float(floor))


def platt(logits: Sequence[float], labels: Sequence[bool], steps: int = 2000, rate: float = 0.5
          ) -> tuple[float, float]:
    """``(scale, shift)`` of the logistic fit of ``labels`` on ``logits`` (Platt scaling; plain gradient descent
    on the mean log loss, a tiny L2 pull of the scale towards 1 so that a handful of events cannot flip it)."""
    scale, shift, n = 1.0, 0.0, max(len(logits), 1)
    for _ in range(steps):
        g_scale = g_shift = 0.0
        for z, y in zip(logits, labels, strict=True):
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, scale * z + shift))))
            g_scale += (p - (1.0 if y else 0.0)) * z
            g_shift += p - (1.0 if y else 0.0)
        scale -= rate * (g_scale / n + 0.01 * (scale - 1.0))
        shift -= rate * g_shift / n
    return round(scale, 4), round(shift, 4)


def load_calibration(path: str | Path | None = None) -> Calibration | None:
    """The shipped calibration (or the one at ``path``); None when there is none or it cannot be read."""
    if path is None:
        from ...resources import dictionaries_dir

        path = dictionaries_dir() / CALIBRATION_FILE
    try:
        return Calibration.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, AttributeError):
        return None


def fit(samples: Sequence[tuple[list[str], bool]], l2: float = 1.0, steps: int = 400, rate: float = 0.5,
        about: str = "") -> Calibration:
    """Logistic regression (L2, gradient descent) of "right" on the signals; plain Python, small data."""
    names = sorted({n for s, _ in samples for n in s})
    w = dict.fromkeys(names, 0.0)
    n = max(len(samples), 1)
    for _ in range(steps):
        grad = dict.fromkeys(names, 0.0)
        for feats, y in samples:
            z = sum(w[f] for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            for f in feats:
                grad[f] += p - (1.0 if y else 0.0)
        for f in names:
            reg = 0.0 if f == "bias" else l2 * w[f]
            w[f] -= rate * (grad[f] + reg) / n
    return Calibration({k: round(v, 4) for k, v in w.items()}, about)


def reliability(pairs: Sequence[tuple[float, bool]], edges: Sequence[float] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)
                ) -> list[tuple[float, float, int, float, float]]:
    """(low, high, events, mean confidence, share right) per confidence bin."""
    rows = []
    for lo, hi in zip(edges, edges[1:], strict=False):
        inside = [(c, y) for c, y in pairs if lo <= c < hi]
        if inside:
            rows.append((lo, min(hi, 1.0), len(inside), sum(c for c, _ in inside) / len(inside),
                         sum(1 for _, y in inside if y) / len(inside)))
        else:
            rows.append((lo, min(hi, 1.0), 0, 0.0, 0.0))
    return rows


def expected_calibration_error(pairs: Sequence[tuple[float, bool]],
                               edges: Sequence[float] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)) -> float:
    """The events' weighted mean gap between mean confidence and share right over the :func:`reliability` bins."""
    total = sum(n for _lo, _hi, n, _m, _s in reliability(pairs, edges))
    return sum(n * abs(mean - share) for _lo, _hi, n, mean, share in reliability(pairs, edges)) / max(total, 1)

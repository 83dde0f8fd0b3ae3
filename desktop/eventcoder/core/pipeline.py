"""A project's coding pipeline: the scheme it codes in, and the coder that codes it.

This module is the only place that decides a project's scheme (:func:`project_scheme`) and the only one that
assembles a coder: the rule coder (:class:`~eventcoder.core.suggest.coder.EventCoder`) with the scheme's
dictionaries, or -- for a scheme with a ``cameo_mapping`` and no verb dictionary of its own (PLOVER) -- with
the built-in CAMEO verb dictionary and its codes mapped to the scheme's types
(:class:`~eventcoder.core.suggest.run.MappedCoder`); then, when the project holds a trained type learner for
the scheme (``eventcoder train``), the learner deciding the type (:class:`~eventcoder.core.learn.LearnedCoder`).

API (core only, never Qt; the CLI, the window and the benchmarks call these):

* :func:`project_scheme` ``(project, wanted=None, *, extra=(), record=True, fallback=None) -> SchemeChoice``
* :func:`rules_coder` ``(scheme)`` -- the rule coder (with the mapping), one per scheme content per process.
* :func:`project_rules` ``(project, scheme)`` -- that coder with the project's own actor dictionary first
  (:mod:`eventcoder.core.project_actors`); what :func:`assemble` codes with. The learner is trained (and ranks
  alternatives) on the plain rule coder: it decides types, which the project's actors do not change, and its
  parsed training records stay cached across retrainings.
* :func:`assemble` ``(project, scheme) -> Pipeline`` -- rules, mapping and the project's learner;
  ``Pipeline.coder()`` is what codes.
* :func:`code_documents` ``(project, scheme, ids, progress=None, should_stop=None) -> totals`` -- code and store.
* :func:`train` ``(project, scheme, extra=(), **options) -> TrainReport`` -- the learner, on the rule coder.
* :func:`alternatives` ``(project, event, scheme=None, k=3) -> [(type, probability)]`` -- for the editor's 1/2/3.

Layering: this module imports the suggestion engine (``suggest``) and the learner (``learn``); neither imports
it. ``evaluate`` may; ``tests/core/test_architecture.py`` fails on any import cycle inside ``core``.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dictionaries import SchemeCodes
from .dictionaries.checks import files_signature
from .errors import EventCoderError
from .io.gold import read_gold
from .learn import LearnedCoder, TrainReport, load_model, rank_types
from .learn import train as train_learner
from .learn.learner import TypeLearner
from .model import Event
from .project_actors import ProjectActor, project_actors, with_project_actors
from .provenance import learner_ranking
from .schemes import CodingScheme, builtin_scheme_names, load_scheme
from .store import Project
from .suggest.coder import EventCoder
from .suggest.run import MappedCoder, code_documents_with

DEFAULT_SCHEME = "cameo"  # a project that never named one codes in CAMEO
FALLBACK_ORDER = ("cameo", "plover")  # where a scheme cannot be loaded, the window tries these first

RulesCoder = EventCoder | MappedCoder  # the rule coder of a scheme, mapped or not

_CODERS: dict[str, RulesCoder] = {}
_PROJECT_CODERS: dict[tuple[int, tuple[ProjectActor, ...]], RulesCoder] = {}
_LOCK = threading.Lock()


# --------------------------------------------------------------------------- the scheme


@dataclass(frozen=True)
class SchemeChoice:
    """The scheme a project codes in, with what the caller should tell the analyst."""

    scheme: CodingScheme
    problem: str | None = None  # the scheme wanted could not be loaded and another stands in (``fallback``)
    note: str | None = None  # the --extra codings switched the project's scheme


def project_scheme(
    project: Project,
    wanted: str | Path | CodingScheme | None = None,
    *,
    extra: Sequence[str | Path | dict] = (),
    record: bool = True,
    fallback: CodingScheme | None = None,
) -> SchemeChoice:
    """The scheme ``project`` codes in: ``wanted`` (a name, a scheme file or a loaded scheme) when given; else
    the one the ``extra`` gold codings name (``"scheme": "PLOVER"``) when they agree on one and the project has
    none yet, or when most of their codes mean nothing in the project's scheme (with a ``note``); else the one
    the project was coded with; else CAMEO.

    ``record``: store the choice in the project (the ``scheme`` setting when it was asked for or the project had
    none, and the scheme's version and hash), unless the project is read-only. ``fallback`` (the window): when
    the scheme cannot be loaded, try the built-in ones (CAMEO, PLOVER, the rest), then use ``fallback``, and say
    why in ``problem``; without it a scheme that cannot be loaded raises :class:`~eventcoder.core.errors.
    SchemeError`.
    """
    note = None
    asked: str | Path | CodingScheme | None = wanted or None
    if asked is None and extra:
        asked, note = _scheme_of_extra(project, extra)
    current = project.get_meta("scheme")
    if isinstance(asked, CodingScheme):
        scheme, problem = asked, None
    elif fallback is None:
        scheme, problem = load_scheme(asked or current or DEFAULT_SCHEME), None
    else:
        scheme, problem = _load_with_fallback(asked or current, fallback)
    if record and not project.readonly:
        if asked is not None or not current:
            name = asked.name if isinstance(asked, CodingScheme) else asked or current or DEFAULT_SCHEME
            project.set_meta("scheme", scheme_setting(name, scheme))
        project.record_scheme(scheme.name, scheme.version, scheme.content_hash, str(scheme.path or ""))
    return SchemeChoice(scheme, problem, note)


def scheme_setting(name_or_path: str | Path, scheme: CodingScheme) -> str:
    """What a project's ``scheme`` setting keeps for ``name_or_path``, loaded as ``scheme``: a built-in name as
    given, a scheme file by its absolute path (a relative one names another file, or none, from another folder:
    ``eventcoder code --scheme my.yaml`` and then ``eventcoder code`` or the window started elsewhere)."""
    text = str(name_or_path)
    if isinstance(name_or_path, Path) or "/" in text or "\\" in text or text.lower() not in builtin_scheme_names():
        return str(scheme.path) if scheme.path is not None else text
    return text


def _load_with_fallback(wanted: str | Path | None, fallback: CodingScheme) -> tuple[CodingScheme, str | None]:
    candidates: list[str | Path] = [wanted] if wanted else []
    names = builtin_scheme_names()
    candidates += [n for n in FALLBACK_ORDER if n in names] + names
    problem = None
    for name in candidates:
        try:
            return load_scheme(name), problem
        except EventCoderError as exc:
            problem = problem or f"scheme {name} could not be loaded: {str(exc).splitlines()[0]}"
    return fallback, problem or "no coding scheme installed: codes are shown as typed"


def _scheme_of_extra(project: Project, extra: Sequence[str | Path | dict]) -> tuple[str | None, str | None]:
    """(the scheme the --extra records name, a note when it replaces the project's) or (None, None)."""
    records = [rec for item in extra for rec in (read_gold(item) if isinstance(item, str | Path) else [item])]
    names = {str(rec["scheme"]) for rec in records if rec.get("scheme")}
    if len(names) != 1:
        return None, None
    name = names.pop()
    current = project.get_meta("scheme")
    if not current:
        return name, None
    codes = [ev.get("code") for rec in records for ev in rec.get("events") or [] if isinstance(ev, dict)]
    mine, theirs = load_scheme(current), load_scheme(name)
    if mine.name == theirs.name or not codes:
        return None, None
    if sum(mine.knows(c) for c in codes) * 2 < sum(theirs.knows(c) for c in codes):
        return name, f"the --extra codings are {theirs.name} codes: the project now uses {theirs.name}"
    return None, None


# --------------------------------------------------------------------------- the coder


def needs_cameo_mapping(scheme: CodingScheme) -> bool:
    """A scheme that maps CAMEO codes to its own types and brings no verb dictionary of its own."""
    dicts = getattr(scheme, "dictionaries", {}) or {}
    inline = getattr(scheme, "inline_dictionaries", {}) or {}
    return bool(getattr(scheme, "cameo_mapping", None)) and not dicts.get("verbs") and not inline.get("verbs")


def rules_coder(scheme: CodingScheme) -> RulesCoder:
    """The rule coder for ``scheme`` (mapped from CAMEO where the scheme asks for it): one per scheme content per
    process, so the spaCy model and the dictionaries load once."""
    key = scheme.content_hash  # the scheme's YAML and every dictionary file it names (schemes.content_hash)
    if needs_cameo_mapping(scheme):  # it also reads the built-in CAMEO verb dictionary
        key += ":" + _builtin_cameo().content_hash
    with _LOCK:
        if key not in _CODERS:
            if needs_cameo_mapping(scheme):
                _CODERS[key] = MappedCoder(_cameo_coder(scheme), scheme)
            else:
                _CODERS[key] = EventCoder.from_scheme(scheme)
        return _CODERS[key]


_CAMEO: list[tuple[CodingScheme, tuple]] = []  # the built-in CAMEO scheme last loaded, with its files' signature
_CAMEO_LOCK = threading.Lock()


def _builtin_cameo() -> CodingScheme:
    """The built-in CAMEO scheme (a mapped scheme reads its verbs), loaded again only once one of its files
    changed (stat): rules_coder runs on every learner alternative (keys 1/2/3), and reloading cost ~25 ms."""
    with _CAMEO_LOCK:
        if not _CAMEO or files_signature(_CAMEO[0][0]) != _CAMEO[0][1]:
            cameo = load_scheme("cameo")
            _CAMEO[:] = [(cameo, files_signature(cameo))]
        return _CAMEO[0][0]


def _cameo_coder(scheme: CodingScheme) -> EventCoder:
    """The built-in CAMEO verb dictionary with the scheme's own actor, agent and discard dictionaries."""
    cameo = _builtin_cameo()
    dicts = {k: list(v) for k, v in (getattr(scheme, "dictionaries", {}) or {}).items()}
    for kind in ("actors", "agents", "discards"):
        if not dicts.get(kind):
            dicts[kind] = list(cameo.dictionaries.get(kind, []))
    return EventCoder.from_files(
        verbs=cameo.dictionaries.get("verbs", []),
        actors=dicts.get("actors", []),
        agents=dicts.get("agents", []),
        discards=dicts.get("discards", []),
        scheme=scheme,
        verb_codes=SchemeCodes.of(cameo),  # the CAMEO verbs give only codes CAMEO's list has
    )


@dataclass
class Pipeline:
    """What codes a project in a scheme: the rule coder (with the mapping) and the project's learner, if any."""

    scheme: CodingScheme
    rules: RulesCoder
    learner: TypeLearner | None = None

    def coder(self) -> RulesCoder | LearnedCoder:
        """A coder for one run: the rules, their types decided by the learner when there is one (a fresh
        :class:`LearnedCoder` each call, so its ``totals`` count that run only)."""
        if self.learner is None:
            return self.rules
        return LearnedCoder(self.rules, self.learner, self.scheme)


def assemble(project: Project, scheme: CodingScheme) -> Pipeline:
    """The pipeline for ``project`` coding in ``scheme``: the rule coder, then the newest learner stored for it."""
    rules = project_rules(project, scheme)
    return Pipeline(scheme, rules, load_model(project, scheme))


def project_rules(project: Project, scheme: CodingScheme) -> RulesCoder:
    """The rule coder for ``scheme`` with ``project``'s own actor dictionary before the built-in one for the same
    words (dated entries honoured); the plain rule coder when the project has none. One per (scheme, entries) is
    kept, so coding again without a change to the entries builds nothing."""
    rules = rules_coder(scheme)
    entries = tuple(project_actors(project))
    if not entries:
        return rules
    key = (id(rules), entries)
    with _LOCK:
        found = _PROJECT_CODERS.get(key)
        if found is None:
            found = _with_actors(rules, entries)
            if len(_PROJECT_CODERS) >= 8:
                _PROJECT_CODERS.pop(next(iter(_PROJECT_CODERS)))
            _PROJECT_CODERS[key] = found
        return found


def _with_actors(rules: RulesCoder, entries: tuple[ProjectActor, ...]) -> RulesCoder:
    """A shallow copy of the rule coder (same model, verbs, agents, settings) whose actor dictionary has the
    project's entries first; the shared rule coder is left as it is."""
    if isinstance(rules, MappedCoder):
        return MappedCoder(_with_actors(rules.inner, entries), rules.scheme)  # type: ignore[arg-type]
    coder = copy.copy(rules)
    coder.actors = with_project_actors(rules.actors, rules.agents, entries)
    return coder


def code_documents(
    project: Project,
    scheme: CodingScheme,
    document_ids: Iterable[int],
    progress: Callable[[int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> dict[str, Any]:
    """Code the documents with the project's pipeline and store the suggestions (one transaction per document).

    Totals as :func:`eventcoder.core.suggest.run.code_documents_with` gives them; with a learner, also
    ``model_version`` and what it decided: ``learner_decided`` (every event it decided: ``learner_confirmed``
    kept the rules' type, ``learner_retyped``, ``learner_added`` where the rules found none,
    ``learner_dropped``).
    """
    pipe = assemble(project, scheme)
    coder = pipe.coder()
    totals = code_documents_with(project, scheme, coder, document_ids, progress, should_stop)
    if pipe.learner is not None:
        totals["model_version"] = int(getattr(pipe.learner, "version", 0) or 0)
        totals.update(coder.totals)
    return totals


def train(project: Project, scheme: CodingScheme, extra: Iterable[str | Path | dict] = (), **options: Any
          ) -> TrainReport:
    """Train the type learner on the project's codings (and ``extra`` gold files or records) with the scheme's rule
    coder, and store it: :func:`eventcoder.core.learn.train` (``options``: ``folds``, ``seed``, ``store``,
    ``progress``, ``should_stop``, ``history_mark``)."""
    return train_learner(project, scheme, extra, coder=rules_coder(scheme), **options)


def alternatives(project: Project, event: Event | int, scheme: CodingScheme | str | None = None, k: int = 3
                 ) -> list[tuple[str, float]]:
    """The learner's top ``k`` types for a stored event, its sentence parsed afresh, most probable first; [] without
    a model. ``scheme``: the project's (:func:`project_scheme`, not recorded) when None."""
    if isinstance(event, int):
        event = project.get_event(event)
    sch = scheme if isinstance(scheme, CodingScheme) else project_scheme(project, scheme, record=False).scheme
    learner = load_model(project, sch)
    if learner is None or event.sentence_start is None or event.sentence_end is None:
        return []
    text = project.get_document(event.document_id).text[event.sentence_start : event.sentence_end]
    trig = project.get_span(event.trigger_span_id) if event.trigger_span_id else None
    trigger_at = trig.start - event.sentence_start if trig is not None else None
    return rank_types(learner, rules_coder(sch), sch, text, event.date, trigger_at, k)


def learned_alternatives(project: Project, event: Event, scheme: CodingScheme, k: int = 3
                         ) -> list[tuple[str, float]]:
    """The learner's top ``k`` other types of the scheme for ``event``, its sentence parsed afresh; [] without a
    model. The learner's errors are the caller's (the window falls back to :func:`event_alternatives` without it)."""
    return _other_codes(event, scheme, alternatives(project, event, scheme, k=k + 1), k)


def stored_alternatives(event: Event, scheme: CodingScheme, k: int = 3) -> list[tuple[str, float]]:
    """The other types of the learner's ranking stored in ``event``'s provenance when it decided the event (no
    parse, so there while the coder is busy); [] for an event it did not decide."""
    return _other_codes(event, scheme, learner_ranking(event), k)


def event_alternatives(project: Project, event: Event | None, scheme: CodingScheme, k: int = 3, *,
                       use_learner: bool = True) -> list[tuple[str, float | None]]:
    """Other codes the analyst may mean for ``event`` (the window's Alt+1/2/3), best first, with the learner's
    probability where it has one: the learner's ranking parsed afresh (``use_learner``), else the one stored with
    the event, else the scheme's neighbours of its code (:meth:`CodingScheme.neighbours`, no probability)."""
    if event is None or not event.event_code:
        return []
    learned = learned_alternatives(project, event, scheme, k) if use_learner else []
    return (list(learned) or list(stored_alternatives(event, scheme, k))
            or [(c, None) for c in scheme.neighbours(event.event_code, k)])


def _other_codes(event: Event, scheme: CodingScheme, ranked: Iterable[tuple[str, float]], k: int
                 ) -> list[tuple[str, float]]:
    """The ranked codes other than the event's own that the scheme knows, the first ``k``."""
    return [(str(c), p) for c, p in ranked if c != event.event_code and scheme.event_type(str(c)) is not None][:k]

"""Coding schemes: load and validate scheme files (YAML) and answer questions about codes.

A scheme file describes one coding ontology (CAMEO, PLOVER, or an analyst's own variant):
event types in a hierarchy, actor codes, the span layers an analyst marks, relation types,
extra event attributes, old names (aliases) and the PETRARCH dictionaries that go with it.
The format is documented in ``coding_schemes/README.md``.

Validation never stops at the first mistake: every problem is collected with its file and
1-based line (line numbers come from ``yaml.compose`` nodes) and raised together as one
:class:`SchemeError`, so an analyst can fix a file in one pass.

:func:`check_scheme_file` (``eventcoder scheme validate``) also reads the scheme's PETRARCH dictionaries
(:func:`eventcoder.core.dictionaries.scheme_dictionary_problems`): their errors make the scheme invalid,
their warnings are listed. :func:`load_scheme` does not read them (the window asks
:meth:`CodingScheme.dictionary_report` once the scheme is loaded).

The package, by concern: :mod:`.types` (the public dataclasses), :mod:`.source` (YAML with line numbers),
:mod:`.extends` (folding in what a scheme extends), :mod:`.build` (checks across the folded scheme and the
:class:`CodingScheme` of :mod:`.scheme`), :mod:`.catalogue` (the built-in schemes) and :mod:`.load` (the entry
points). Import from ``eventcoder.core.schemes``: the names below are the API.
"""

from __future__ import annotations

from .build import content_hash
from .catalogue import BUILTIN_DIR, builtin_scheme_names
from .load import SchemeCheck, check_scheme_file, load_scheme, validate_scheme_file
from .scheme import CodingScheme
from .types import (
    ACTOR_KINDS,
    BASE_DICTIONARIES,
    DICTIONARY_KINDS,
    MULTI_VALUE_SEP,
    ROLE_NAMES,
    ActorCode,
    Attribute,
    EventType,
    QuadConvention,
    RelationType,
    RoleSpec,
    SpanLabel,
    join_values,
    split_values,
)

__all__ = [
    "ACTOR_KINDS",
    "BASE_DICTIONARIES",
    "BUILTIN_DIR",
    "DICTIONARY_KINDS",
    "MULTI_VALUE_SEP",
    "ROLE_NAMES",
    "ActorCode",
    "Attribute",
    "CodingScheme",
    "EventType",
    "QuadConvention",
    "RelationType",
    "RoleSpec",
    "SchemeCheck",
    "SpanLabel",
    "builtin_scheme_names",
    "check_scheme_file",
    "content_hash",
    "join_values",
    "load_scheme",
    "split_values",
    "validate_scheme_file",
]

"""Readers for PETRARCH/TABARI dictionaries (verbs, actors, agents, discards).

The files are read directly, in the format analysts already maintain (see
``shared/reference/README.md``). Each reader returns a small, picklable object that the
suggestion engine matches against spaCy tokens:

* words are compared in upper case; ``_`` joins the words of a phrase;
* a phrase is stored as a tuple of *tokens* split the way spaCy's English tokenizer splits
  them (``AL-QAEDA`` -> ``AL - QAEDA``, ``GONDOR'S`` -> ``GONDOR 'S``), so that matching is a
  plain comparison of token texts;
* for the same words, a later dictionary set (a file name's first dotted word: ``Phoenix.*``, ``EventCoder.*``)
  overrides an earlier one -- the project's supplement over Phoenix -- while within a set the first entry
  wins, and a longer phrase always wins over a shorter one (:func:`file_layers`);
* a line the reader does not understand is recorded as a :class:`~eventcoder.core.errors.Problem`
  (file:line) on the loaded object's ``problems`` list and skipped -- never a crash.

Compiled dictionaries are cached (pickle keyed by the sha256 of every file read and of the code that
builds them, :data:`CODE_HASH`) in the user cache directory: editing a dictionary file or any module of
this package invalidates the cache without anyone bumping a version; an unwritable cache is silently ignored. Use
:func:`load_verbs`, :func:`load_actors`, :func:`load_agents`, :func:`load_discards` (cached) or the ``parse_*``
functions (uncached, used by tests).

Problems are :class:`DictionaryProblem` objects (a :class:`Problem` with a ``severity``), located by
the path as given and 1-based line. A file that is not text at all (binary, UTF-16 without a byte
order mark, unreadable) raises :class:`DictionaryError`. :func:`scheme_dictionary_problems` and
:func:`scheme_dictionary_report` read every dictionary of a coding scheme and add what only shows
across a whole file or scheme (a file that codes nothing, a verb code the scheme does not define).

The package, by concern: :mod:`.files` (reading a file: text, lines, problems), :mod:`.phrases` (words as tokens,
plurals and verb forms, the phrase index), one reader per kind (:mod:`.verbs`, :mod:`.actors`, :mod:`.agents`,
:mod:`.discards`), :mod:`.cache` (the content-keyed cache and the cached loaders) and :mod:`.checks` (the problems
of a kind's files and of a scheme's dictionaries). Import from ``eventcoder.core.dictionaries``: the names below
are the API.
"""

from __future__ import annotations

from .actors import (
    ActorCode,
    ActorDictionary,
    ActorEntry,
    actor_code_text,
    actor_name_text,
    as_date,
    format_actors,
    parse_actors,
    parse_date,
    writable_actor_name,
)
from .agents import (
    MAX_MACRO_DEPTH,
    MAX_MACRO_VARIANTS,
    AgentDictionary,
    AgentEntry,
    parse_agents,
)
from .cache import (
    CODE_HASH,
    CODE_VERSION,
    LOADERS,
    STALE_AFTER_S,
    cached,
    file_sha256,
    files_digest,
    load_actors,
    load_agents,
    load_discards,
    load_verbs,
)
from .cache import _cache_dir as _cache_dir  # suggest/coder.py writes inline dictionaries beside it
from .cache import _code_hash as _code_hash
from .checks import (
    DictionaryReport,
    dictionary_problems,
    scheme_dictionary_problems,
    scheme_dictionary_report,
)
from .discards import (
    DiscardDictionary,
    parse_discards,
)
from .files import (
    BINARY_SHARE,
    DICTIONARY_KINDS,
    ERROR,
    WARNING,
    DictionaryProblem,
    bracket_trouble,
    strip_comment,
)
from .phrases import (
    PhraseDictionary,
    PhraseIndex,
    dictionary_set,
    file_layers,
    phrase_tokens,
    plurals,
    split_word,
    verb_forms,
)
from .verbs import (
    SchemeCodes,
    Slot,
    Transformation,
    VerbBlock,
    VerbDictionary,
    VerbEntry,
    VerbPattern,
    code_map_path,
    parse_verbs,
)

__all__ = [
    "ActorCode",
    "ActorDictionary",
    "ActorEntry",
    "AgentDictionary",
    "AgentEntry",
    "BINARY_SHARE",
    "CODE_HASH",
    "CODE_VERSION",
    "DICTIONARY_KINDS",
    "DictionaryProblem",
    "DictionaryReport",
    "DiscardDictionary",
    "ERROR",
    "LOADERS",
    "MAX_MACRO_DEPTH",
    "MAX_MACRO_VARIANTS",
    "PhraseDictionary",
    "PhraseIndex",
    "STALE_AFTER_S",
    "SchemeCodes",
    "Slot",
    "Transformation",
    "VerbBlock",
    "VerbDictionary",
    "VerbEntry",
    "VerbPattern",
    "WARNING",
    "actor_code_text",
    "actor_name_text",
    "as_date",
    "bracket_trouble",
    "cached",
    "code_map_path",
    "dictionary_problems",
    "dictionary_set",
    "file_layers",
    "file_sha256",
    "files_digest",
    "format_actors",
    "writable_actor_name",
    "load_actors",
    "load_agents",
    "load_discards",
    "load_verbs",
    "parse_actors",
    "parse_agents",
    "parse_date",
    "parse_discards",
    "parse_verbs",
    "phrase_tokens",
    "plurals",
    "scheme_dictionary_problems",
    "scheme_dictionary_report",
    "split_word",
    "strip_comment",
    "verb_forms",
]

"""Coding a corpus of millions of articles on Dask into Parquet shards, and reviewing a sample in the window.

API (core only; the CLI's ``eventcoder corpus`` and ``bench/bench_corpus.py`` call these):

* :func:`run_corpus` ``(inputs, out, *, scheme, model, engine, scheduler, workers, shard_size) -> RunReport`` --
  code JSON Lines / CSV / TSV / Parquet files into ``out`` (events, documents and errors per shard, a manifest of
  finished shards); a later run skips finished shards.
* :func:`corpus_stats` ``(out) -> CorpusStats`` -- events by code, month and dyad.
* :func:`sample_into` ``(out, project, n, by="code"|"uncertainty", seed) -> SampleReport`` -- a sample of the coded
  documents into a project, with their suggestions.

Modules: :mod:`.inputs` (files, shards, records), :mod:`.shard` (what a worker runs: one shard coded through the
same path as ``eventcoder code``), :mod:`.run` (manifest, engines, progress), :mod:`.review` (stats, sample).
Dask and PyArrow come with the ``[corpus]`` extra; without Dask the engine is ``local``.
"""

from __future__ import annotations

from .inputs import DEFAULT_SHARD_SIZE, Shard, corpus_files, plan, read_shard
from .review import CorpusStats, SampleReport, choose_sample, corpus_stats, sample_into
from .run import MANIFEST, RunReport, coder_spec, corpus_manifest, default_engine, run_corpus
from .shard import EVENT_COLUMNS, CoderSpec, code_shard

__all__ = [
    "DEFAULT_SHARD_SIZE",
    "EVENT_COLUMNS",
    "MANIFEST",
    "CoderSpec",
    "CorpusStats",
    "RunReport",
    "SampleReport",
    "Shard",
    "choose_sample",
    "code_shard",
    "coder_spec",
    "corpus_files",
    "corpus_manifest",
    "corpus_stats",
    "default_engine",
    "plan",
    "read_shard",
    "run_corpus",
    "sample_into",
]

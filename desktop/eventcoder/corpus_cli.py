"""``eventcoder corpus code|sample|stats``: the command line of :mod:`eventcoder.core.corpus`.

:func:`register` adds the subcommand to the main parser (``cli.py`` calls it); each action sets its handler as
``args.handler``. Errors are the core's :class:`~eventcoder.core.errors.EventCoderError`: one line (or a list of
``file:line: reason``) on stderr and exit 1, as every other command.
"""

from __future__ import annotations

import argparse
import json
import sys

EXAMPLES = """\
examples:
  eventcoder corpus code news/ --out coded/ --workers 2             JSONL/CSV/Parquet under news/, on Dask
  eventcoder corpus code wire.jsonl --out coded/ --model news.db    with the project's scheme and type learner
  eventcoder corpus code wire.jsonl --out coded/ --scheduler tcp://head:8786   on a running Dask cluster
  eventcoder corpus stats coded/
  eventcoder corpus sample coded/ --into review.db --n 500 --by uncertainty    then: eventcoder --db review.db
"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``corpus`` and its actions to the main parser's subcommands."""
    p = sub.add_parser("corpus", help="code a large corpus into Parquet shards (Dask); sample it for review",
                       epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = p.add_subparsers(dest="corpus_command", metavar="ACTION", required=True)

    c = actions.add_parser("code", help="code JSONL/CSV/TSV/Parquet files into Parquet shards under --out")
    c.add_argument("inputs", nargs="+", metavar="INPUT", help="files, or folders of them (searched recursively)")
    c.add_argument("-o", "--out", required=True, metavar="DIR",
                   help="output folder; a second run goes on where it stopped")
    c.add_argument("--scheme", metavar="NAME_OR_FILE", help="coding scheme (default: --model's, else cameo)")
    c.add_argument("--model", metavar="PROJECT", help="a project whose scheme and stored type learner decide, as "
                   "`eventcoder code` would in it")
    c.add_argument("--engine", choices=["local", "dask"], help="dask (the default when Dask is installed) or local")
    c.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler (tcp://host:8786)")
    c.add_argument("--workers", type=int, metavar="N", help="local Dask workers, one process each (default: cores)")
    c.add_argument("--shard-size", type=int, metavar="N", help="records per shard (default 1000; fixed per folder)")
    c.add_argument("--json", action="store_true", help="print the run's report as JSON")
    c.set_defaults(handler=cmd_code)

    s = actions.add_parser("sample", help="import a sample of the coded documents, with suggestions, into a project")
    s.add_argument("dir", metavar="DIR")
    s.add_argument("--into", required=True, metavar="PROJECT", help="project file (created if new)")
    s.add_argument("--n", type=int, default=500, help="documents to sample (default 500)")
    s.add_argument("--by", choices=["code", "uncertainty"], default="code",
                   help="code: stratified by event code (default); uncertainty: least certain first")
    s.add_argument("--seed", type=int, default=0, help="another seed draws another sample")
    s.set_defaults(handler=cmd_sample)

    t = actions.add_parser("stats", help="events by code, month and dyad")
    t.add_argument("dir", metavar="DIR")
    t.add_argument("--top", type=int, default=20, help="codes and dyads to list (default 20)")
    t.add_argument("--json", action="store_true")
    t.set_defaults(handler=cmd_stats)


def cmd_corpus(args: argparse.Namespace) -> int:
    return args.handler(args)


def cmd_code(args: argparse.Namespace) -> int:
    from .core.corpus import run_corpus
    from .core.corpus.run import report_dict

    try:
        report = run_corpus(args.inputs, args.out, scheme=args.scheme, model=args.model, engine=args.engine,
                            scheduler=args.scheduler, workers=args.workers, shard_size=args.shard_size)
    except KeyboardInterrupt:  # the manifest lists only whole shards: the same command goes on from there
        print("\neventcoder: interrupted; finished shards are kept, run the same command to resume", file=sys.stderr)
        return 130
    if args.json:
        print(json.dumps(report_dict(report), ensure_ascii=False))
    else:
        for line in report.lines():
            print(line)
    for key, why in report.failed:
        print(f"  shard {key} not finished: {why}", file=sys.stderr)
    if report.failed:
        print(f"{len(report.failed)} shard(s) not finished; run the same command again to retry them", file=sys.stderr)
        return 1
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    from .cli import project_in_existing_folder
    from .core.corpus import sample_into
    from .core.corpus.inputs import require_corpus_extra
    from .core.store import Project

    require_corpus_extra()  # before the project is opened (or made)
    with Project(project_in_existing_folder(args.into)) as project:
        if project.readonly:
            raise_readonly(project)
        report = sample_into(args.dir, project, n=args.n, by=args.by, seed=args.seed)
    how = "stratified by code" if args.by == "code" else "least certain first"
    print(f"{report.documents} document(s) sampled ({how}) into {args.into}: {report.created} new, "
          f"{report.events} suggestion(s); review them with: eventcoder --db {args.into}")
    if report.strata:
        print("documents per code: " + ", ".join(f"{c or '(no event)'} {n}" for c, n in report.strata.items()),
              file=sys.stderr)
    return 0


def raise_readonly(project) -> None:
    from .core.errors import EventCoderError

    raise EventCoderError(f"cannot store a sample: {project.path} is read-only ({project.readonly_reason})")


def cmd_stats(args: argparse.Namespace) -> int:
    from .core.corpus import corpus_stats
    from .core.corpus.inputs import require_corpus_extra

    require_corpus_extra()

    stats = corpus_stats(args.dir)
    if args.json:
        print(json.dumps(stats.as_dict(), ensure_ascii=False))
    else:
        for line in stats.lines(args.top):
            print(line)
    return 0

"""Parley's commands beside run and test: import, export, check and report datasets.

./parley.sh check data/russia-ukraine-2025        # load a folder and list its problems
./parley.sh report data/russia-ukraine-2025       # what a reviewer must look at
./parley.sh import data/my-talks [--force]        # into the store (PARLEY_DATABASE_URL)
./parley.sh export my-talks /tmp/my-talks         # back to a folder of YAML files
./parley.sh history my-talks                      # every write to a dataset
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from parley.load import load_dataset


def _store():
    from parley.store import Store

    return Store()


def _check(args: argparse.Namespace) -> int:
    result = load_dataset(Path(args.folder))
    for problem in result.problems:
        print(problem)
    if result.ok:
        ds = result.dataset
        print(
            f"{ds.id}: no problems ({len(ds.parties)} parties, {len(ds.issues)} issues, "
            f"{len(ds.sources)} sources, {len(ds.positions)} positions, {len(ds.events)} events)"
        )
    return 0 if result.ok else 1


def _report(args: argparse.Namespace) -> int:
    from parley.report import coding_report, report_text

    target = Path(args.dataset)
    if target.is_dir():
        result = load_dataset(target)
        if not result.ok:
            for problem in result.problems:
                print(problem)
            return 1
        ds = result.dataset
    else:
        ds = _store().dataset(args.dataset)
    entries = coding_report(ds)
    print(report_text(ds, entries))
    return 0 if all(e.explained for e in entries) else 1


def _import(args: argparse.Namespace) -> int:
    from parley.store.folders import import_folder

    result = import_folder(_store(), Path(args.folder), args.actor, args.reason, force=args.force)
    for problem in result.problems:
        print(problem)
    if result.note:
        print(result.note)
    if result.revision is not None:
        print(f"{result.dataset_id}: imported, revision {result.revision}")
    return 0 if result.revision is not None else 1


def _export(args: argparse.Namespace) -> int:
    from parley.store.folders import export_dataset

    folder = export_dataset(_store(), args.dataset, Path(args.folder))
    print(f"{args.dataset}: written to {folder}")
    return 0


def _history(args: argparse.Namespace) -> int:
    for entry in reversed(_store().history(args.dataset, limit=args.limit)):
        print(
            f"{entry.at:%Y-%m-%d %H:%M} r{entry.revision} {entry.action:8} {entry.kind}:{entry.key} by "
            f"{entry.actor}: {entry.reason} (#{entry.pk})"
        )
    return 0


def _restore(args: argparse.Namespace) -> int:
    revision = _store().restore(args.entry, args.actor, args.reason)
    print(f"restored history entry #{args.entry}: revision {revision}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="parley", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="load a dataset folder and list every problem")
    check.add_argument("folder")
    check.set_defaults(run=_check)
    report = commands.add_parser("report", help="the coding report of a folder or a stored dataset")
    report.add_argument("dataset", help="a dataset folder, or the id of a dataset in the store")
    report.set_defaults(run=_report)
    who = getpass.getuser()
    for name, helptext, run in (
        ("import", "import a dataset folder into the store", _import),
        ("restore", "put back what a history entry recorded before it", _restore),
    ):
        sub = commands.add_parser(name, help=helptext)
        if name == "import":
            sub.add_argument("folder")
            sub.add_argument("--force", action="store_true", help="replace a dataset edited in the store")
        else:
            sub.add_argument("entry", type=int, help="the history entry's number (#N in `history`)")
        sub.add_argument("--reason", default=f"{name} from the command line")
        sub.add_argument("--actor", default=who)
        sub.set_defaults(run=run)
    export = commands.add_parser("export", help="write a stored dataset to a folder of YAML files")
    export.add_argument("dataset")
    export.add_argument("folder")
    export.set_defaults(run=_export)
    history = commands.add_parser("history", help="every write to a stored dataset, oldest first")
    history.add_argument("dataset")
    history.add_argument("--limit", type=int, default=200)
    history.set_defaults(run=_history)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

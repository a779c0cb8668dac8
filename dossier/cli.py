"""The `dossier` command: parse the command line, call `build()`, print results. Nothing else."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dossier import __version__
from dossier.build import BuildResult, JobResult, build
from dossier.errors import DossierError


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dossier", description="Build Word briefings and PowerPoint decks from data.")
    parser.add_argument("--version", action="version", version=f"dossier {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("build", "build the reports"), ("check", "validate data and templates; write nothing")):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("subjects", nargs="*", metavar="SUBJECT", help="subjects to build (default: all)")
        command.add_argument("--project", type=Path, default=Path("."), help="project folder (default: .)")
        command.add_argument("--strict", action="store_true", help="treat warnings as errors")
        command.add_argument("--quiet", "-q", action="store_true", help="print only errors")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 a job failed, 2 bad command line)."""
    args = make_parser().parse_args(argv)
    quiet = args.quiet
    printed: set[str] = set()

    def show(result: JobResult) -> None:
        sys.stdout.flush()  # keep the order of progress lines and errors on a shared terminal
        if result.status == "failed":
            for line in (result.error or "").splitlines():
                if line not in printed:  # a subject's data error fails all its jobs: say it once
                    printed.add(line)
                    print(line, file=sys.stderr)
        elif not quiet:
            print(f"{result.status:>7}  {result.job.target}  ({result.seconds:.2f} s)")

    try:
        outcome: BuildResult = build(
            args.project, args.subjects, check_only=args.command == "check", strict=args.strict, on_result=show
        )
    except DossierError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    sys.stdout.flush()
    if not quiet:
        for warning in outcome.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        done = len(outcome.results) - len(outcome.failed)
        print(f"{done} {'checked' if args.command == 'check' else 'built'}, {len(outcome.failed)} failed "
              f"in {outcome.seconds:.1f} s")
    return 1 if outcome.failed else 0


if __name__ == "__main__":
    sys.exit(main())

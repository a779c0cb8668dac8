"""The `dossier` command: parse the command line, call `build()`, report. Nothing else."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dossier import __version__
from dossier.build import build
from dossier.job_types import BuildResult, Job, JobResult
from dossier.errors import DossierError, UsageError
from dossier.fs_errors import file_system_error
from dossier.interruption import Interrupted, interruptible
from dossier.manifest import reference_file


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dossier", description="Build Word briefings and PowerPoint decks from data.")
    parser.add_argument("--version", action="version", version=f"dossier {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("build", "build the reports"), ("check", "validate data and templates; write no reports")):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("subjects", nargs="*", metavar="SUBJECT", help="subjects to build (default: all)")
        command.add_argument("--project", type=Path, default=Path("."), help="project folder (default: .)")
        command.add_argument("--strict", action="store_true", help="treat warnings as errors")
        command.add_argument("--quiet", "-q", action="store_true", help="print only errors")
        command.add_argument("--jobs", "-j", type=positive_int, default=None, metavar="N",
                             help="worker processes (default: the number of cores)")
        if name == "build":
            command.add_argument("--force", action="store_true", help="rebuild even what is up to date")
            command.add_argument("--scheduler", metavar="ADDRESS", default=None,
                                 help="run the jobs on this Dask scheduler, e.g. tcp://host:8786 "
                                      "(default: $DOSSIER_SCHEDULER, else local processes)")
    new = commands.add_parser("new", help="start a project that builds at once")
    new.add_argument("folder", type=Path, metavar="DIR", help="an empty or new folder")
    new.add_argument("--from", dest="source", type=Path, metavar="PROJECT",
                     help="copy this project's dossier.toml, templates and schemas (not its data)")
    layouts = commands.add_parser("layouts", help="list a PowerPoint template's layouts and placeholders")
    layouts.add_argument("file", nargs="?", type=Path, help="a .pptx (default: the project's reference.pptx)")
    layouts.add_argument("--project", type=Path, default=Path("."), help="project folder (default: .)")
    return parser


def show_layouts(file: Path | None, project_dir: Path) -> int:
    """Print the layouts of `file`, or of the project's theme (or dossier's own template)."""
    from dossier.writers.pptx.layouts import describe_layouts

    if file is None:
        theme_dir = project_dir / "templates" / "theme"
        if (project_dir / "dossier.toml").is_file():
            from dossier.project import load_project

            theme_dir = load_project(project_dir).theme_dir
        file = reference_file(theme_dir, "pptx")
    print(describe_layouts(file))
    return 0


def start_project(folder: Path, source: Path | None) -> int:
    """Write a new project into `folder`; say what was written and what to run next."""
    from dossier.scaffold import new_project

    try:
        written = new_project(folder, source)
    except DossierError as exc:
        print(f"dossier new: error: {exc}", file=sys.stderr)
        return 1
    print(f"{folder}: {', '.join(written)}\nnext: dossier build --project {folder}")
    return 0


class Reporter:
    """Progress for people (a Rich bar on a terminal) and for logs (one line per job), errors once each."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.printed: set[str] = set()
        self.progress = None
        self.task = None

    def plan(self, jobs: list[Job]) -> None:
        if self.quiet or not sys.stdout.isatty() or not jobs:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), transient=True)
        self.progress.start()
        self.task = self.progress.add_task("building", total=len(jobs))

    def result(self, result: JobResult) -> None:
        if result.status == "failed":
            for line in (result.error or "").splitlines():
                if line not in self.printed:  # a subject's data error fails all its jobs: say it once
                    self.printed.add(line)
                    self.say(line, error=True)
        elif not self.quiet:
            self.say(f"{result.status:>10}  {result.job.target}" +
                     (f"  ({result.seconds:.2f} s)" if result.status != "up to date" else ""))
        if self.progress is not None:
            self.progress.advance(self.task)

    def say(self, line: str, error: bool = False) -> None:
        stream = sys.stderr if error else sys.stdout
        if self.progress is not None:
            self.progress.console.print(line, markup=False, highlight=False, style="red" if error else None)
        else:
            sys.stdout.flush()
            print(line, file=stream, flush=True)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 a job failed, 2 bad command line, 130/143 SIGINT/SIGTERM)."""
    args = make_parser().parse_args(argv)
    if args.command == "layouts":
        try:
            return show_layouts(args.file, args.project)
        except DossierError as exc:
            print(str(exc), file=sys.stderr)
            return 1
    if args.command == "new":
        return start_project(args.folder, args.source)
    reporter = Reporter(args.quiet)
    try:
        with interruptible():
            outcome: BuildResult = build(
                args.project, args.subjects, check_only=args.command == "check", strict=args.strict,
                force=getattr(args, "force", False), jobs=args.jobs, on_plan=reporter.plan, on_result=reporter.result,
                scheduler=getattr(args, "scheduler", None),
                on_wait=lambda message: print(message, file=sys.stderr, flush=True),
            )
    except Interrupted as stop:  # workers and LibreOffice are ended, temp files removed, the lock released
        reporter.close()
        print(f"dossier {args.command}: stopped by {stop.name}; outputs not yet built are as they were",
              file=sys.stderr, flush=True)
        return stop.exit_code
    except UsageError as exc:  # the command line names what the project lacks: a bad command line
        reporter.close()
        print(f"dossier {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except DossierError as exc:
        reporter.close()
        print(str(exc), file=sys.stderr)
        return 1
    except OSError as exc:  # the lock, the manifest, the temp cleanup: a read-only or full disk, a file in the way
        reporter.close()
        print(str(file_system_error(exc, args.project)), file=sys.stderr)
        return 1
    reporter.close()
    if not args.quiet:
        for warning in outcome.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        verb = "checked" if args.command == "check" else "built"
        counts = [f"{outcome.count(verb)} {verb}"]
        if outcome.count("up to date"):
            counts.append(f"{outcome.count('up to date')} up to date")
        counts.append(f"{len(outcome.failed)} failed")
        from dossier.sql_data import seconds_querying

        querying = f" (queries {seconds_querying():.2f} s)" if seconds_querying() else ""
        print(f"{', '.join(counts)} in {outcome.seconds:.2f} s{querying}", flush=True)
    return 1 if outcome.failed else 0


if __name__ == "__main__":
    sys.exit(main())

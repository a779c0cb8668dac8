"""The plain data a build passes around: a job, its result, the build's result.

Kept apart from the code that plans, runs and records jobs (`build`, `jobs`, `executors`,
`manifest`), which all import it and none of which imports another through it. Only the standard
library is imported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Job:
    """One output of one subject: plain data, so any executor can run it."""

    subject: str
    output: str
    template: str
    format: str
    locale: str
    target: str  # relative to the project folder
    source: str = ""  # a PDF job: the target of the output it converts
    notes: bool = False  # a PDF job of a deck: with its notes pages


@dataclass
class JobResult:
    """What became of a job: "built", "up to date", "checked" or "failed" (with the error lines).

    ``files`` are the bytes the job made, by project-relative path (the output, its rendered
    Markdown): the build process alone writes them into place, so a worker never replaces a
    report, and a worker that needs no shared folder (a cluster's) can build too.
    """

    job: Job
    status: str
    seconds: float = 0.0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    templates: list[str] = field(default_factory=list)
    inputs: dict[str, str] = field(default_factory=dict)
    peak_memory_mb: float = 0.0
    pid: int = 0
    files: dict[str, bytes] = field(default_factory=dict, repr=False)
    #: Files in ``files`` whose page numbers the build process fills in (`page_finishing`).
    unfinished: set[str] = field(default_factory=set)


@dataclass
class BuildResult:
    """Every job's result, in the planned order."""

    results: list[JobResult]
    seconds: float

    @property
    def failed(self) -> list[JobResult]:
        return [r for r in self.results if r.status == "failed"]

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def warnings(self) -> list[str]:
        return list(dict.fromkeys(w for r in self.results for w in r.warnings))

"""Page numbers filled in by the build process, so that no worker waits for LibreOffice.

Only a layout engine knows on which page a heading lands, so a briefing's contents get their page
numbers from the build's one LibreOffice (`writers.libreoffice_layout`). When the job that wrote
the briefing also waited for that layout, a worker sat idle for LibreOffice's answer (0.1-0.3 s a
briefing, longer while LibreOffice starts): now a job writes the briefing without them, says so
(``JobResult.unfinished``), and goes on to its next job, while the build process hands the file to
LibreOffice and fills the numbers in (`writers.docx.fields.refresh_docx_bytes`, the same function
the job called before, on the same bytes: the same file comes out).

A few threads do it, each waiting for LibreOffice; the build records a finished result as soon as
the next one arrives, and all of them before it converts PDFs or saves the manifest. A cluster's
workers need no LibreOffice at all: the machine that builds lays every briefing out.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Iterable, Iterator

from dossier.errors import WriterError
from dossier.job_types import JobResult

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

#: Briefings laid out at once: LibreOffice takes them one by one, so two keep it busy.
THREADS = 2


class PageFinisher:
    """Takes the jobs' results; gives them back with every unfinished briefing's page numbers filled in."""

    def __init__(self) -> None:
        self._pool: "ThreadPoolExecutor | None" = None  # started with the first unfinished result: a no-op build has none
        self._pending: "set[Future]" = set()

    def __enter__(self) -> "PageFinisher":
        return self

    def __exit__(self, *exc_info) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def results(self, arriving: Iterable[JobResult]) -> Iterator[JobResult]:
        """Yield each result once it is finished: at once when nothing is left to do, else when its layout is in."""
        for result in arriving:
            if result.unfinished:
                self._start(result)
            else:
                yield result
            yield from self._done(block=False)
        while self._pending:
            yield from self._done(block=True)

    def _start(self, result: JobResult) -> None:
        if self._pool is None:
            # Imported here, not first in a thread: a worker forked while a thread imports would inherit its lock.
            import dossier.bug_report  # noqa: F401
            import dossier.writers.docx.fields  # noqa: F401
            import dossier.writers.package_check  # noqa: F401
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="dossier-pages")
        self._pending.add(self._pool.submit(finish, result))

    def _done(self, *, block: bool) -> Iterator[JobResult]:
        if not self._pending:
            return
        from concurrent.futures import FIRST_COMPLETED, wait

        finished, self._pending = wait(self._pending, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for future in finished:
            yield future.result()


def finish(result: JobResult) -> JobResult:
    """Fill in the page numbers of the result's unfinished briefings; a file that comes out malformed fails the job."""
    from dossier.bug_report import internal_error
    from dossier.writers.docx.fields import refresh_docx_bytes
    from dossier.writers.package_check import check_written_package

    try:
        for target in sorted(result.unfinished):
            refreshed = refresh_docx_bytes(result.files[target])
            if refreshed is None:  # LibreOffice could not: the file stays valid, and Word fills them in on opening
                continue
            check_written_package(io.BytesIO(refreshed), target)  # a malformed file never replaces the report
            result.files[target] = refreshed
    except WriterError as exc:
        result.status, result.error, result.files = "failed", str(exc), {}
    except Exception as exc:  # noqa: BLE001 - a bug: reported as the job's error, the other jobs go on
        result.status, result.error, result.files = "failed", str(internal_error(exc, f"numbering the pages of "
                                                                                   f"{result.job.target}")), {}
    result.unfinished = set()
    return result

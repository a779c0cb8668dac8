"""A bug in dossier, as a failure that crosses a process boundary: its traceback as text, never the exception.

An exception raised in a worker process travels back pickled; many do not pickle (lxml's parse
errors hold an error log, jsonschema's errors hold validators), and one that fails to pickle
breaks the whole pool. A job therefore hands back every exception as a `DossierError` that is
plain text: a user's error as its one line, anything else as "internal error" with the traceback
it keeps for the bug report.
"""

from __future__ import annotations

import traceback

from dossier.errors import DossierError


class InternalError(DossierError):
    """An exception dossier did not expect (a bug), with its traceback as text."""

    stage = "internal"


def internal_error(exc: BaseException, doing: str) -> InternalError:
    """Return `exc` as an InternalError whose message is a first line and the traceback."""
    trace = "".join(traceback.format_exception(exc)).rstrip()
    first = f"internal error while {doing}: {type(exc).__name__}: {exc} (a bug in dossier; please report it)"
    return InternalError(f"{first}\n{trace}")

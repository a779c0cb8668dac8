"""SIGINT and SIGTERM end a build cleanly: an exception that unwinds it, then one line and exit 128+signal.

While :func:`interruptible` is active, either signal raises :class:`Interrupted` where the build
is; unwinding it ends the workers (the executor's ``with``), LibreOffice (the layout service's),
removes the temp files (``write_atomically``) and releases the lock. Further signals are ignored
until then, so the clean-up itself is not interrupted.
"""

from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Iterator

HANDLED = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """The build was asked to stop by a signal (a KeyboardInterrupt, so no ``except Exception`` swallows it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _raise_interrupted(signum: int, _frame) -> None:
    for handled in HANDLED:
        signal.signal(handled, signal.SIG_IGN)
    raise Interrupted(signum)


@contextmanager
def interruptible() -> Iterator[None]:
    """Inside, SIGINT and SIGTERM raise :class:`Interrupted`; the previous handlers come back on leaving."""
    previous = {handled: signal.signal(handled, _raise_interrupted) for handled in HANDLED}
    try:
        yield
    finally:
        for handled, handler in previous.items():
            signal.signal(handled, handler)

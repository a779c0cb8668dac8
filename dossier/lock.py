"""One build of a project at a time: an exclusive lock on build/.lock, waited for with a message.

The lock is a POSIX record lock (``lockf``) on a descriptor opened close-on-exec: worker
processes forked by the build do not inherit it, LibreOffice does not receive it, and the kernel
releases it the moment the build ends, however it ends. So a killed build never blocks the next:
the next build takes the lock at once and says whose build it takes over.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import Callable

from dossier.processes import running


class BuildLock:
    """Hold `build/.lock` while a build runs; a second build waits for it (and says so)."""

    def __init__(self, build_dir: Path, on_wait: Callable[[str], None] | None = None) -> None:
        self.path = build_dir / ".lock"
        self.on_wait = on_wait
        self.descriptor: int | None = None

    def __enter__(self) -> "BuildLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.lockf(self.descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held by a running build (the kernel frees the lock of one that ended)
            self.say(f"another build of this project is running (pid {self.holder() or 'unknown'}); "
                     "waiting for it to finish")
            fcntl.lockf(self.descriptor, fcntl.LOCK_EX)
        else:
            previous = self.holder()
            if previous.isdigit() and int(previous) != os.getpid() and not running(int(previous)):
                self.say(f"the build of pid {previous} ended without finishing (killed?); "
                         "its lock is taken over and its outputs rebuilt as needed")
        os.ftruncate(self.descriptor, 0)
        os.pwrite(self.descriptor, str(os.getpid()).encode(), 0)
        return self

    def holder(self) -> str:
        """The pid written in the lock file by the build holding it (or that last held it), or ""."""
        return os.pread(self.descriptor, 32, 0).decode("ascii", "replace").strip()

    def say(self, message: str) -> None:
        if self.on_wait:
            self.on_wait(message)

    def __exit__(self, *exc_info) -> None:
        if self.descriptor is not None:
            os.ftruncate(self.descriptor, 0)
            fcntl.lockf(self.descriptor, fcntl.LOCK_UN)
            os.close(self.descriptor)
            self.descriptor = None

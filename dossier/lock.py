"""One build of a project at a time: an exclusive lock on build/.lock, waited for with a message."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import Callable


class BuildLock:
    """Hold `build/.lock` while a build runs; a second build waits for it (and says so)."""

    def __init__(self, build_dir: Path, on_wait: Callable[[str], None] | None = None) -> None:
        self.path = build_dir / ".lock"
        self.on_wait = on_wait
        self.handle = None

    def __enter__(self) -> "BuildLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "a+")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.seek(0)
            holder = self.handle.read().strip() or "unknown"
            if self.on_wait:
                self.on_wait(f"another build of this project is running (pid {holder}); waiting for it to finish")
            fcntl.flock(self.handle, fcntl.LOCK_EX)
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(str(os.getpid()))
        self.handle.flush()
        return self

    def __exit__(self, *exc_info) -> None:
        if self.handle is not None:
            self.handle.seek(0)
            self.handle.truncate()
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None

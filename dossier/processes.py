"""Processes that end with the build: a worker dies with its parent, a dead process's temp folder is removed.

Only the standard library; Linux gets the kernel's help (``PR_SET_PDEATHSIG``), elsewhere a
thread watches the parent.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
#: A job's private folder (where its file is written before the build takes its bytes): "dossier-job-<pid>-<random>".
JOB_FOLDER_PREFIX = "dossier-job-"


def die_with_parent(parent_pid: int) -> None:
    """Make this process end the moment ``parent_pid`` (its parent) ends, however it ends (SIGKILL included)."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl")
    except (OSError, AttributeError):  # not Linux: watch the parent from a thread
        threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True, name="parent-watch").start()
    if os.getppid() != parent_pid:  # the parent died before the kernel was told to warn us
        os._exit(1)


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(0.25)
    os.kill(os.getpid(), signal.SIGKILL)


def running(pid: int) -> bool:
    """Whether process ``pid`` still runs (one that has ended but not been waited for does not; 0: unknown, so yes)."""
    if pid <= 0:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        return state not in {"Z", "X"}
    except (OSError, IndexError):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def remove_folders_of_ended_processes(prefix: str = JOB_FOLDER_PREFIX) -> None:
    """Remove the temp folders "<prefix><pid>-…" whose process has ended (a killed worker's, a killed build's)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{prefix}*-*"):
        pid = folder.name[len(prefix):].partition("-")[0]
        if pid.isdigit() and not running(int(pid)) and folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)

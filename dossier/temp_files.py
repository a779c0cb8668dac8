"""Dossier's own temp files: named so that a cleanup can never mistake someone else's file for one.

An output is written to `.NAME.dossier-PID.tmp` beside its target and renamed into place. A build
killed before the rename leaves that file behind; the next build removes it. Only files with
exactly this shape, whose process is no longer running, are removed: a reports folder shared
with other people (an editor's `.notes.txt.swp`, another tool's `.x.tmp`) keeps its files, and a
concurrent build of another project writing into the same folder keeps its temp files.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable

_TEMP_NAME = re.compile(r"\..+\.dossier-(\d+)\.tmp")


def temp_path_for(target: Path) -> Path:
    """Return the temp file this process writes `target` through (beside it, so the rename is atomic)."""
    return target.with_name(f".{target.name}.dossier-{os.getpid()}.tmp")


def target_of(path: Path) -> Path:
    """Return the file a dossier temp file stands for (`.NAME.dossier-PID.tmp` → NAME), else `path` itself."""
    match = _TEMP_NAME.fullmatch(path.name)
    return path.with_name(path.name[1:path.name.rindex(".dossier-")]) if match else path


def _running(pid: int) -> bool:
    """Whether process `pid` is running (a zombie, dead but not yet reaped, is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return True  # no /proc: the signal said it exists
    return stat[stat.rindex(")") + 2:][:1] not in ("Z", "X")


def stale_temp_files(folders: Iterable[Path]) -> list[Path]:
    """Return dossier's temp files under `folders` whose writing process has ended."""
    found = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob(".*.dossier-*.tmp"):
            match = _TEMP_NAME.fullmatch(path.name)
            if match and path.is_file() and not path.is_symlink() and not _running(int(match.group(1))):
                found.append(path)
    return found


def remove_stale_temp_files(folders: Iterable[Path]) -> None:
    """Delete dossier's temp files that a killed build left under `folders`."""
    for path in stale_temp_files(folders):
        try:
            path.unlink()
        except FileNotFoundError:
            pass

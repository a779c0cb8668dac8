"""Filesystem faults as the user's errors: one line naming the path and what is wrong with it.

A read-only folder, a file where a folder should be, a full disk or a name too long are facts about
the machine, not bugs: they print as `reports/demo/briefing.docx: no space left on the device`,
exit 1, and the previous reports stay as they were (outputs are renamed into place only once
complete).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from dossier.errors import DossierError
from dossier.temp_files import target_of


class FileSystemError(DossierError):
    """A file or folder the build needs cannot be read or written."""

    stage = "filesystem"


_MEANINGS = {
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file is larger than this system allows",
    errno.ENAMETOOLONG: "the name is too long for the file system",
    errno.EISDIR: "a folder stands where a file is needed",
    errno.ENOTDIR: "a file stands where a folder is needed",
    errno.EEXIST: "a file stands where a folder is needed",
    errno.ENOENT: "no such file or folder",
}


def _blocking_file(path: Path) -> Path:
    """Return the first part of `path` that is a file (what stops a folder being made there), else `path`."""
    for part in reversed(path.parents):
        if part.exists() and not part.is_dir():
            return part
    return path


def file_system_error(exc: OSError, root: Path | None = None) -> FileSystemError:
    """Return `exc` as a one-line FileSystemError naming its path (inside `root` when it lies there).

    An error that names no file (a write to a full disk through an open file) names `root` itself.
    """
    if exc.filename is not None:
        path = target_of(Path(os.fsdecode(exc.filename)))
    else:
        path = Path(root).resolve() if root is not None else None
    if path is not None and exc.errno in (errno.ENOTDIR, errno.EEXIST):
        path = _blocking_file(path)
    meaning = _MEANINGS.get(exc.errno or 0, exc.strerror or str(exc))
    shown = None
    if path is not None:
        shown = str(path)
        if root is not None:
            try:
                shown = path.resolve().relative_to(Path(root).resolve()).as_posix()
            except (ValueError, OSError):
                pass
            if shown == ".":
                shown = str(path)
    return FileSystemError(f"cannot write or read here: {meaning}" if shown else meaning, file=shown)

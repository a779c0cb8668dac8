"""Write a generated file without ever replacing the user's: the reference generators' output step.

``python -m dossier.writers.docx.reference PATH`` and ``... pptx_reference PATH`` used to
overwrite whatever was at PATH, an organisation's own reference included. They now create
PATH and refuse when it exists, unless ``--force`` says so; with ``--force`` the new bytes
replace the file atomically (a temp file beside it, then a rename).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


class FileExists(Exception):
    """The target exists and ``force`` was not given."""


def write_new_file(target: Path, data: bytes, *, force: bool = False) -> Path:
    """Write ``data`` to ``target``; raise ``FileExists`` if it exists and ``force`` is false. Return ``target``."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not force:
        try:
            with open(target, "xb") as handle:  # exclusive: fails if the file appeared meanwhile
                handle.write(data)
        except FileExistsError:
            raise FileExists(f"{target}: exists; not replaced (add --force to replace it)") from None
        return target
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temp.write_bytes(data)
        os.replace(temp, target)
    finally:
        if temp.exists():
            temp.unlink()
    return target


def split_force(argv: list[str] | None) -> tuple[list[str], bool]:
    """Return the command line's arguments without ``--force``, and whether it was given."""
    args = list(sys.argv[1:] if argv is None else argv)
    force = "--force" in args
    return [a for a in args if a != "--force"], force

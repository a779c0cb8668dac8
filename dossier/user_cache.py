"""The user's cache folder for what outlives a build: $XDG_CACHE_HOME/dossier, else ~/.cache/dossier.

What is kept there (LibreOffice's prepared profile, the embedded fonts' intermediates) only saves
time: every reader treats a missing or broken entry as none, and without a usable folder (no home,
a read-only one) a build does the work itself, as on a first build.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


def user_cache_folder(name: str) -> Path | None:
    """The writable folder ``name`` in the user's dossier cache (made when missing), or None when there is none."""
    return _made(os.environ.get("XDG_CACHE_HOME") or "", os.environ.get("HOME") or "", name)


@lru_cache(maxsize=16)
def _made(xdg_cache_home: str, home: str, name: str) -> Path | None:
    """Made and checked once per process for each place (the environment decides which): not at every lookup."""
    try:
        folder = Path(xdg_cache_home or Path.home() / ".cache") / "dossier" / name
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):
        return None
    return folder if os.access(folder, os.W_OK) else None

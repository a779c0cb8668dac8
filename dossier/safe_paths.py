"""Keep a build inside its project: subject names, folders outside the project, symbolic links that leave it.

A project is edited by other people and filled by git, which happily stores symbolic links. A
build must not read or write anywhere the project file does not name: a subject is one folder
name (never `..` or a path), the configured folders lie inside the project unless `[limits]
allow_outside` lists them, and a symbolic link in the input folders that resolves outside the
project is refused, naming the link, unless `[limits] allow_symlinks_outside = true`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Callable, Iterable

from dossier.errors import ConfigError

#: One path segment: letters (any script), digits, '.', '_', '-'; not hidden, not '.' or '..'.
SUBJECT_NAME = re.compile(r"(?!\.)[\w.-]{1,100}")


def subject_name_problem(name: str) -> str | None:
    """Return why `name` cannot be a subject (a folder name in data/ and reports/), or None."""
    if SUBJECT_NAME.fullmatch(name):
        return None
    return (f"subject {name!r} is not a folder name: use letters, digits, '.', '_' and '-' "
            "(at most 100, not starting with '.'); a subject is one folder, never a path")


def is_inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every symbolic link resolved, lies in `root` (also resolved)."""
    return Path(os.path.realpath(path)).is_relative_to(Path(os.path.realpath(root)))


def folder_outside_problem(key: str, folder: Path, root: Path, allowed: Iterable[str]) -> str | None:
    """Return why the configured folder `key` may not be used (it lies outside the project undeclared), or None."""
    if key in allowed or is_inside(folder, root):
        return None
    return (f"{os.path.realpath(folder)} is outside the project; add {key!r} to [limits] allow_outside "
            "to read or write there")


def escaping_links(folders: Iterable[Path], root: Path) -> Iterable[tuple[Path, str]]:
    """Yield (link, where it leads) for every symbolic link under `folders` that resolves outside `root`.

    Links that stay inside are not followed (so a loop of links is harmless); a folder that does
    not exist has none.
    """
    real_root = Path(os.path.realpath(root))
    for folder in folders:
        if not folder.is_dir():
            continue
        for directory, subfolders, files in os.walk(folder):
            for name in subfolders + files:
                path = Path(directory) / name
                if path.is_symlink():
                    target = Path(os.path.realpath(path))
                    if not target.is_relative_to(real_root):
                        yield path, str(target)


def check_links(folders: Iterable[Path], root: Path, shown: Callable[[Path], str]) -> None:
    """Raise ConfigError naming the first symbolic link under `folders` that leads outside the project."""
    for link, target in escaping_links(folders, root):
        raise ConfigError(
            f"a symbolic link to {target}, outside the project: not followed; replace it with the file, "
            "or set [limits] allow_symlinks_outside = true", file=shown(link),
        )

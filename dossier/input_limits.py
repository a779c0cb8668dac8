"""The `[limits]` settings: how large and how deep untrusted input may be, and what may lie outside the project.

A scheduled build reads files other people edit. Every limit below turns an input that would take
the machine down (an alias bomb, a zip bomb, a template that loops for ever) into one line naming
the file, before the expensive work starts. The defaults fit real briefings with room to spare;
`dossier.toml` can raise or lower each:

```toml
[limits]
data_file_mb = 50            # a data file larger than this is refused before it is parsed
nesting_depth = 100          # lists and mappings inside each other, in YAML and JSON (at most 200)
alias_nodes = 10000          # values that YAML aliases (*name) may add by repeating an anchor
xlsx_rows = 100000           # rows read from a workbook's first sheet
xlsx_cells = 1000000         # cells read from it
unzipped_mb = 200            # a workbook's or theme file's parts, decompressed
template_seconds = 60        # time to render one template
template_output_mb = 20      # Markdown one template may produce
template_string_mb = 10      # a string or list one expression may make ('x' * n, a ~ b)
allow_outside = []           # folders ("reports", "build", "data", ...) that may lie outside the project
allow_symlinks_outside = false   # follow symbolic links in data/, templates/, schemas/ that leave the project
```
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Callable

MB = 1024 * 1024
#: The folders of [project] that `allow_outside` may name.
FOLDER_KEYS = ("data", "templates", "schemas", "theme", "build", "reports")


@dataclass(frozen=True)
class InputLimits:
    """Bounds on what a build reads and renders (see the module docstring for each)."""

    data_file_mb: float = 50
    nesting_depth: int = 100
    alias_nodes: int = 10_000
    xlsx_rows: int = 100_000
    xlsx_cells: int = 1_000_000
    unzipped_mb: float = 200
    template_seconds: float = 60
    template_output_mb: float = 20
    template_string_mb: float = 10
    allow_outside: tuple[str, ...] = ()
    allow_symlinks_outside: bool = False

    @property
    def data_file_bytes(self) -> int:
        return int(self.data_file_mb * MB)

    @property
    def unzipped_bytes(self) -> int:
        return int(self.unzipped_mb * MB)

    @property
    def template_output_chars(self) -> int:
        return int(self.template_output_mb * MB)

    @property
    def template_string_chars(self) -> int:
        return int(self.template_string_mb * MB)


DEFAULT_LIMITS = InputLimits()
#: Deeper structures than this overflow the recursion of the parsers and walkers that read them.
MAX_NESTING_DEPTH = 200


def size_text(size: float) -> str:
    """Return a byte count as people read it: "812 bytes", "3.4 KB", "61.0 MB"."""
    if size < 1024:
        return f"{size:.0f} bytes"
    if size < MB:
        return f"{size / 1024:.1f} KB"
    return f"{size / MB:.1f} MB"
_WHOLE = {"nesting_depth", "alias_nodes", "xlsx_rows", "xlsx_cells"}


def parse_limits(section: object, fail: Callable[[str, str], Exception]) -> InputLimits:
    """Return the `[limits]` table as InputLimits; raise `fail(message, key)` for a wrong key or value."""
    if section is None:
        return DEFAULT_LIMITS
    if not isinstance(section, dict):
        raise fail("must be a table of limits", "limits")
    known = [f.name for f in fields(InputLimits)]
    values: dict[str, object] = {}
    for key, value in section.items():
        if key not in known:
            raise fail(f"unknown limit; expected one of: {', '.join(known)}", f"limits.{key}")
        if key == "allow_outside":
            if not (isinstance(value, list) and all(item in FOLDER_KEYS for item in value)):
                raise fail(f"must be a list of folder settings among: {', '.join(FOLDER_KEYS)}", f"limits.{key}")
            value = tuple(value)
        elif key == "allow_symlinks_outside":
            if not isinstance(value, bool):
                raise fail("must be true or false", f"limits.{key}")
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0 or (
                key in _WHOLE and not isinstance(value, int)):
            kind = "a whole number" if key in _WHOLE else "a number"
            raise fail(f"must be {kind} greater than 0", f"limits.{key}")
        if key == "nesting_depth" and value > MAX_NESTING_DEPTH:
            raise fail(f"must be at most {MAX_NESTING_DEPTH}: deeper data overflows the parsers", f"limits.{key}")
        values[key] = value
    return InputLimits(**values)

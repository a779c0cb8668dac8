"""PDF outputs: an output with `format = "pdf"` is another output of the subject converted by LibreOffice.

```toml
[outputs.handout]
format = "pdf"
from = "deck"        # the output it converts: a docx or pptx output of the project
notes = true         # a deck's PDF with its notes pages (optional, default false)
```

This module reads such a table; the conversion itself is `dossier.writers.pdf`.
"""

from __future__ import annotations

from typing import Callable

from dossier.errors import ConfigError

CONVERTIBLE = ("docx", "pptx")
KEYS = ("format", "from", "notes")


def pdf_output(spec: dict, outputs: dict, fail_at: Callable[[str, str | None], ConfigError]) -> tuple[str, bool]:
    """Return (the output it converts, notes pages or not) of a `format = "pdf"` table; fail naming the key."""
    unknown = sorted(set(spec) - set(KEYS))
    if unknown:
        hint = ": a PDF converts another output, named by `from`" if unknown[0] in ("template", "locale") else ""
        raise fail_at(f"unknown key {unknown[0]!r} for a PDF output; expected {', '.join(KEYS)}{hint}", unknown[0])
    source = spec.get("from")
    convertible = [name for name, other in outputs.items()
                   if isinstance(other, dict) and other.get("format") in CONVERTIBLE]
    if not isinstance(source, str):
        raise fail_at(f"a PDF output needs `from`, the output it converts ({', '.join(convertible) or 'none'})",
                      None)
    if source not in convertible:
        raise fail_at(f"{source!r} is not a Word or PowerPoint output of this project; "
                      f"expected one of: {', '.join(convertible) or 'none'}", "from")
    notes = spec.get("notes", False)
    if not isinstance(notes, bool):
        raise fail_at("must be true or false", "notes")
    if notes and outputs[source].get("format") != "pptx":
        raise fail_at(f"notes pages are a deck's: {source!r} is not a pptx output", "notes")
    return source, notes

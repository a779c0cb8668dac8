"""The validation gate: every Office file the test session writes passes Microsoft's validator.

The validator is the Open XML SDK's, as the npm package ``@ooxml-tools/validate`` (the SDK compiled
to WebAssembly, run by Node.js). The README's test command installs it into
``.venv/ooxml-validate/`` (beside the Python that runs the tests); ``OOXML_VALIDATE_MODULES``
names another ``node_modules`` folder. ``validate_ooxml.mjs`` starts it once for all the files.

The files: every ``.docx``/``.pptx`` a writer wrote during the session (recorded by the
``conftest`` wrapper around the writers' ``write``) and every file in a ``reports/`` folder under
the session's temp folder (what builds wrote, in this process, workers or ``dossier`` commands).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
SCRIPT = HERE / "validate_ooxml.mjs"
PACKAGE = "@ooxml-tools/validate"
OFFICE_SUFFIXES = (".docx", ".pptx")

#: Findings of the validator accepted on purpose: (error id, text in its description) → why Office accepts it.
#: Empty: every output passes as it is. An entry needs a reason Office itself is known to accept.
ALLOWED: dict[tuple[str, str], str] = {}

#: Paths of the files the writers wrote in this session (the conftest wrapper appends to it).
written: list[Path] = []


def validator_modules() -> Path | None:
    """Return the node_modules folder holding the validator, or None when it is not installed."""
    configured = os.environ.get("OOXML_VALIDATE_MODULES")
    folder = Path(configured) if configured else Path(sys.prefix) / "ooxml-validate" / "node_modules"
    installed = (folder / PACKAGE / "package.json").is_file() and shutil.which("node")
    return folder if installed else None


def office_validator_errors(files: list[Path], timeout: float = 1800) -> dict[Path, list[dict]]:
    """Return each file's findings from Microsoft's validator (those in ALLOWED left out)."""
    modules = validator_modules()
    assert modules is not None, f"the validator {PACKAGE} is not installed (see the README's test command)"
    found: dict[Path, list[dict]] = {}
    for start in range(0, len(files), 200):  # keeps the command line short
        chunk = files[start:start + 200]
        run = subprocess.run(["node", str(SCRIPT), str(modules), *map(str, chunk)],
                             capture_output=True, text=True, timeout=timeout)
        assert run.returncode == 0, f"the validator failed: {run.stderr[-2000:]}"
        for line in run.stdout.splitlines():
            result = json.loads(line)
            found[Path(result["file"])] = [e for e in result["errors"] if not allowed(e)]
    missing = set(files) - set(found)
    assert not missing, f"the validator gave no answer for {sorted(missing)}"
    return found


def allowed(error: dict) -> bool:
    """Whether a finding is on the allow-list."""
    return any(error.get("id") == rule_id and text in error.get("description", "") for rule_id, text in ALLOWED)


def describe(error: dict) -> str:
    """One line for a validator finding: part, XPath, id, description."""
    where = error.get("path") or {}
    return f"{where.get('partUri', '')} {where.get('xpath', '')}: {error.get('id')}: {error.get('description')}"


def session_outputs(basetemp: Path) -> list[Path]:
    """Return the Office files written in this session, one per distinct content (the first path seen)."""
    candidates = [path for path in written if path.suffix in OFFICE_SUFFIXES]
    for reports in sorted(basetemp.rglob("reports")):
        if reports.is_dir():
            candidates += sorted(p for p in reports.rglob("*") if p.suffix in OFFICE_SUFFIXES)
    distinct: dict[str, Path] = {}
    for path in candidates:
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except (FileNotFoundError, IsADirectoryError):
            continue  # a temp name the build renamed, or a folder the test removed
        distinct.setdefault(digest, path)
    return list(distinct.values())

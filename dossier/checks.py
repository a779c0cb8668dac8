"""Cross-checks declared in dossier.toml: figures that should agree, compared after the data loads.

```toml
[[checks]]
name = "exports + imports = turnover"
kind = "sum"                                   # parts add up to the total
data = ["trade", "trade_partial"]              # row by row, where all the values are present
parts = ["exports", "imports"]
total = "turnover"
tolerance = 0.05                               # relative (5%)

[[checks]]
name = "the article's 2023 trade against the 2023 turnover"
kind = "sum"
parts = ["trade_partial[period=2023 (article)].exports",
         "trade_partial[period=2023 (article)].imports"]
total = "trade[year=2023, side=AZ].turnover"

[[checks]]
name = "China's share of imports"
kind = "share"                                 # part / whole × 100 = percent
part = "trade_partial[period=2023 (article)].imports"
whole = "figures[id=az-imports-total-2023].value * 1000"
percent = "figures[id=china-share-imports-2023-article].value"
tolerance = 1.0                                # percentage points
```
A failed check is a warning naming both figures and their sources, at the `dossier.toml` line of
its `[[checks]]` entry; `--strict` makes it an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from dossier.errors import ConfigError

REFERENCE = re.compile(r"^\s*(?P<data>[\w.]+)\[(?P<where>[^\]]*)\]\.(?P<column>\w+)\s*(?:\*\s*(?P<scale>[\d.]+))?\s*$")
KINDS = ("sum", "share")
CHECKS_HEADER = re.compile(r"^\s*\[\[\s*checks\s*\]\]\s*(?:#.*)?$")


@dataclass(frozen=True)
class Figure:
    """One value taken from the data, with where it came from."""

    label: str
    value: float
    source: str


def check_lines(config_file: Path) -> list[int]:
    """Return the line of each `[[checks]]` header of `config_file`, in order (the entries' locations)."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except OSError:
        return []
    return [number for number, line in enumerate(text.splitlines(), start=1) if CHECKS_HEADER.match(line)]


def run_checks(checks: list[dict], context: dict[str, Any], config_file: str = "dossier.toml",
               lines: Sequence[int] = (), subject: str | None = None) -> list[str]:
    """Return one warning per failed check (or per failing row of a row-by-row check).

    `lines[i]` is the line of check i's `[[checks]]` entry in `config_file`: each warning starts
    `config_file:line:` so that it points at the check that failed. A check with `subjects = [...]`
    is run only for those subjects (its references name one subject's rows).
    """
    warnings: list[str] = []
    entry_lines = list(lines) if len(lines) == len(checks) else [None] * len(checks)
    for index, check in enumerate(checks):
        name = str(check.get("name") or f"check {index + 1}")
        kind = check.get("kind", "sum")
        line = entry_lines[index]
        if subject is not None and "subjects" in check and subject not in check["subjects"]:
            continue
        if kind not in KINDS:
            raise ConfigError(f"unknown check kind {kind!r}; known: {', '.join(KINDS)}", file=config_file,
                              line=line, key=f"checks[{index}].kind")
        try:
            if kind == "sum" and check.get("data"):
                found = _row_sums(name, check, context)
            elif kind == "sum":
                parts = [_figure(ref, context) for ref in check.get("parts", [])]
                warning = _compare_sum(name, parts, _figure(check["total"], context), check)
                found = [warning] if warning else []
            else:
                found = _share(name, check, context)
        except (KeyError, LookupError, ValueError) as exc:
            raise ConfigError(f"check {name!r}: {exc}", file=config_file, line=line,
                              key=f"checks[{index}]") from None
        where = f"{config_file}:{line}" if line is not None else config_file
        warnings.extend(f"{where}: {warning}" for warning in found)
    return warnings


def _row_sums(name: str, check: dict, context: dict[str, Any]) -> list[str]:
    warnings = []
    names = check["data"] if isinstance(check["data"], list) else [check["data"]]
    for data_name in names:
        for number, row in enumerate(_rows(data_name, context)):
            values = [row.get(col) for col in [*check["parts"], check["total"]]]
            if any(not isinstance(v, (int, float)) for v in values):
                continue
            label = _row_label(data_name, number, row)
            parts = [Figure(f"{label}.{col}", float(row[col]), str(row.get("source", "?"))) for col in check["parts"]]
            total = Figure(f"{label}.{check['total']}", float(row[check["total"]]), str(row.get("source", "?")))
            warning = _compare_sum(name, parts, total, check)
            if warning:
                warnings.append(warning)
    return warnings


def _compare_sum(name: str, parts: list[Figure], total: Figure, check: dict) -> str | None:
    tolerance = float(check.get("tolerance", 0.05))
    added = sum(part.value for part in parts)
    if total.value and abs(added - total.value) / abs(total.value) <= tolerance:
        return None
    difference = (added - total.value) / total.value * 100 if total.value else float("inf")
    described = " + ".join(f"{p.label} {_fmt(p.value)} ({p.source})" for p in parts)
    return (f"check {name!r}: {described} = {_fmt(added)}, but {total.label} is {_fmt(total.value)} "
            f"({total.source}): they differ by {difference:+.1f}%")


def _share(name: str, check: dict, context: dict[str, Any]) -> list[str]:
    part, whole, stated = (_figure(check[key], context) for key in ("part", "whole", "percent"))
    computed = part.value / whole.value * 100 if whole.value else float("inf")
    if abs(computed - stated.value) <= float(check.get("tolerance", 1.0)):
        return []
    return [f"check {name!r}: {stated.label} states {_fmt(stated.value)}% ({stated.source}), but "
            f"{part.label} {_fmt(part.value)} ({part.source}) of {whole.label} {_fmt(whole.value)} ({whole.source}) "
            f"is {computed:.1f}%"]


def _figure(reference: str, context: dict[str, Any]) -> Figure:
    """Return the value a reference like `trade[year=2023, side=AZ].turnover * 1000` points at."""
    match = REFERENCE.match(str(reference))
    if not match:
        raise ValueError(f"{reference!r} is not a reference like data[key=value].column")
    conditions = dict(
        (part.split("=", 1)[0].strip(), part.split("=", 1)[1].strip())
        for part in match.group("where").split(",") if "=" in part
    )
    rows = [row for row in _rows(match.group("data"), context)
            if all(_text(row.get(key)) == value for key, value in conditions.items())]
    if len(rows) != 1:
        raise LookupError(f"{reference!r} matches {len(rows)} rows; it must match exactly one")
    column = match.group("column")
    value = rows[0].get(column)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise ValueError(f"{reference!r} is {value!r}, not a number")
    scale = float(match.group("scale") or 1)
    label = f"{match.group('data')}[{match.group('where')}].{column}"
    return Figure(label, float(value) * scale, str(rows[0].get("source", "?")))


def _rows(data_name: str, context: dict[str, Any]) -> list[dict]:
    value: Any = context
    for part in data_name.split("."):
        value = value[part]
    if not isinstance(value, list):
        raise ValueError(f"{data_name!r} is not a list of rows")
    return value


def _row_label(data_name: str, number: int, row: dict) -> str:
    for key in ("period", "year", "date", "id"):
        if key in row:
            side = f", side={row['side']}" if "side" in row else ""
            return f"{data_name}[{key}={_text(row[key])}{side}]"
    return f"{data_name}[{number}]"


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"

"""Data files a subject may leave out, and the empty values templates see in their place.

A schema marked `"x-dossier-optional": "…why…"` names a file a subject may omit: the template
then sees an empty list (an array schema) or a mapping whose declared keys are empty (an object
schema), so `{% if timeline %}` leaves a section out instead of failing. A present object file
gets the same empty values for the keys it leaves out.
"""

from __future__ import annotations

from typing import Any

from dossier.lookups import Rows

OPTIONAL_KEY = "x-dossier-optional"


def is_optional(schema: dict) -> bool:
    """Return whether a subject may leave out the data file this schema describes."""
    return bool(schema.get(OPTIONAL_KEY))


def _types(schema: dict) -> set[str]:
    kind = schema.get("type", "")
    return set(kind if isinstance(kind, list) else [kind])


def empty_value(schema: dict) -> Any:
    """Return what a template sees for data that is not there: Rows(), a mapping of empty values, or None."""
    types = _types(schema)
    if "array" in types:
        return Rows()
    if "object" in types:
        return {name: empty_value(spec) for name, spec in schema.get("properties", {}).items()}
    return None


def with_defaults(value: Any, schema: dict) -> Any:
    """Return a file's value with every declared key a mapping leaves out set to its empty value.

    A mapping (the file, or each record of a list) is filled in place, so a record keeps its origin line.
    """
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        for item in value:
            with_defaults(item, schema["items"])
    elif isinstance(value, dict) and "object" in _types(schema):
        for name, spec in schema.get("properties", {}).items():
            if name not in value:
                value[name] = empty_value(spec)
            elif isinstance(value[name], (list, dict)):
                with_defaults(value[name], spec)
    return value

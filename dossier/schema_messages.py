"""Messages for data that does not fit its schema, saying what was expected and how to fix it."""

from __future__ import annotations

import datetime
from typing import Any

from dossier.data import expected_text


def type_message(value: Any, allowed: set[str]) -> str:
    """Return why `value` is not of the `allowed` JSON types, with the fix when YAML read it as something else."""
    expected = expected_text(allowed)
    if "string" in allowed and isinstance(value, (datetime.date, datetime.datetime)):
        text = value.isoformat() if isinstance(value, datetime.date) else str(value)
        return (f"{text} was read as a date, but must be {expected}: quote it, \"{text}\" "
                "(YAML turns an unquoted 2001-06-15 into a date)")
    if "string" in allowed and isinstance(value, bool):
        word = "true" if value else "false"
        return (f"{word} was read as {word}, but must be {expected}: quote it, \"{word}\" "
                "(YAML reads yes, no, on, off, true and false unquoted as true or false)")
    if "string" in allowed and isinstance(value, (int, float)):
        return f"{value!r} was read as a number, but must be {expected}: quote it, \"{value}\""
    if allowed & {"number", "integer"} and isinstance(value, str):
        return f"{value!r} is text, but must be {expected}: write the number without quotes or units"
    return f"{value!r} is not {expected}"


def length_message(value: Any, kind: str, limit: int) -> str:
    """Return why a text is too long or too short, naming the limit and the text's length."""
    length = len(value) if isinstance(value, str) else 0
    if kind == "maxLength":
        return (f"is too long: {length} characters, at most {limit} allowed; shorten it "
                f"(it starts {str(value)[:30]!r})")
    if limit <= 1:
        return "is empty; give it a value or leave the field out"
    return f"is too short: {length} characters, at least {limit} needed"

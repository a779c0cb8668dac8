"""How a chart shows qualified values (lower/upper bounds, approximations) and says what they mean."""

from __future__ import annotations

from dossier import qualifiers as q
from dossier.charts.formatting import format_value, word
from dossier.model import ChartSpec

HATCH = "////"  # a qualified bar: a light fill hatched in its colour, never a solid bar


def used(spec: ChartSpec) -> list[str]:
    """Return the qualifier symbols the spec's series use, in the order ">", "<", "~"."""
    found = {qual for s in spec.series for qual in s.qualifiers if qual}
    return [symbol for symbol in q.SYMBOLS if symbol in found]


def note(spec: ChartSpec) -> list[str]:
    """Return the footer note that explains the symbols in use ("> lower bound; ~ approximate"), in the locale, or none."""
    symbols = used(spec)
    return ["; ".join(word(s) for s in symbols)] if symbols else []


def value_text(value: float, qualifier: str, decimals: int | None = None) -> str:
    """Return a value label: "4,870", "> 200", "~800"."""
    return q.symbol_form(format_value(value, decimals), qualifier)

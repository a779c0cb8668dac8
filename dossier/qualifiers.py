"""Qualified values: a number the data gives as a lower or upper bound, or as approximate.

Data marks a value with a qualifier (a `qualifier` column or field): ``>`` (a lower bound,
"over 200"), ``<`` (an upper bound, "under 50") or ``~`` (approximate, "about 800"); the
English words `over`, `more than`, `under`, `less than`, `about`, `approx.`, `approximately`,
`around` are read as the same. An empty qualifier is an exact value. Charts draw a
qualified value distinctly (hollow marker, "> 200" label) and the text filter `qualified`
prints it in the locale's words. Pure Python: charts, chart blocks and filters share it.
"""

from __future__ import annotations

from dossier.messages import N_, has_catalogue, translate

LOWER, UPPER, APPROX = ">", "<", "~"
SYMBOLS = (LOWER, UPPER, APPROX)
_ALIASES = {
    ">": LOWER, "over": LOWER, "more than": LOWER, "above": LOWER,
    "<": UPPER, "under": UPPER, "less than": UPPER, "below": UPPER,
    "~": APPROX, "≈": APPROX, "about": APPROX, "approx.": APPROX, "approx": APPROX,
    "approximately": APPROX, "around": APPROX, "c.": APPROX, "ca.": APPROX,
}
# The words a text filter prints around the number, translated by the locale's catalogue
# (dossier.messages). A locale without a catalogue gets the symbol form ("> 200"): a guessed
# word would be worse than a symbol.
WORDS: dict[str, str] = {LOWER: N_("over {n}"), UPPER: N_("under {n}"), APPROX: N_("about {n}")}


def normalise(text: object) -> str:
    """Return ">", "<", "~" or "" for a qualifier as the data writes it; raise ValueError on anything else."""
    if text is None:
        return ""
    key = " ".join(str(text).strip().lower().split())
    if not key:
        return ""
    try:
        return _ALIASES[key]
    except KeyError:
        known = "'>' (over), '<' (under), '~' (about), or empty"
        raise ValueError(f"qualifier {str(text)!r} is not one of {known}") from None


def symbol_form(number: str, qualifier: str) -> str:
    """Return "> 200", "< 50", "~800" (no space after the tilde, as typeset), or the number alone."""
    if not qualifier:
        return number
    return f"~{number}" if qualifier == APPROX else f"{qualifier}\N{NO-BREAK SPACE}{number}"


def in_words(number: str, qualifier: str, locale: str) -> str:
    """Return "over 200" / "около 800" in the locale's words, the symbol form for a locale without a catalogue."""
    if not qualifier:
        return number
    if not has_catalogue(locale):
        return symbol_form(number, qualifier)
    return translate(locale, WORDS[qualifier]).format(n=number)

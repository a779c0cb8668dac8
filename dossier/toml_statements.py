"""Remove settings from a dossier.toml's text and keep everything else as written (comments, order, layout).

Python reads TOML (`tomllib`) but does not write it, and a reader-writer that keeps comments
(tomlkit) moves a removed table's comments onto its neighbour. So the text is cut into statements
(a table header, a key and its whole value, however many lines an array or a multi-line string
takes, a comment or a blank line), the statements to drop are dropped, and the result is parsed
again and compared with the original settings less the dropped ones: a text this module misreads
is never written.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from typing import Callable

#: A table's path: ("project",), ("outputs", "briefing"), ("checks",) for [[checks]].
Path = tuple[str, ...]


@dataclass
class Statement:
    text: str            # its lines, each with its newline
    kind: str            # "header", "key", "comment" or "blank"
    table: Path          # the table it is in (a header: the table it opens)
    key: Path = ()       # a key statement's dotted key, relative to its table


def statements(text: str) -> list[Statement]:
    """``text`` (valid TOML) cut into statements, in order; joined, they give ``text`` back."""
    found: list[Statement] = []
    table: Path = ()
    position = 0
    while position < len(text):
        end = statement_end(text, position)
        chunk = text[position:end]
        stripped = chunk.strip()
        if not stripped:
            kind = "blank"
        elif stripped.startswith("#"):
            kind = "comment"
        elif stripped.startswith("["):
            kind, table = "header", first_path(tomllib.loads(chunk))
        else:
            kind = "key"
        found.append(Statement(chunk, kind, table, key_path(chunk) if kind == "key" else ()))
        position = end
    for index, statement in enumerate(found):  # the comment lines right above a header are that table's
        if statement.kind == "header":
            above = index - 1
            while above >= 0 and found[above].kind == "comment":
                found[above].table = statement.table
                above -= 1
    return found


def key_path(statement: str) -> Path:
    """The dotted key of a key statement (``a."b.c" = …`` gives ("a", "b.c")), read by tomllib."""
    i = 0
    while statement[i] != "=":
        i = string_end(statement, i) if statement[i] in "\"'" else i + 1
    return first_path(tomllib.loads(statement[:i] + "= 0"))


def without(text: str, drop_table: Callable[[Path], bool], drop_key: Callable[[Path], bool]) -> str:
    """``text`` without the tables ``drop_table`` accepts (with the comment lines right above their
    headers, which are theirs) and the keys ``drop_key`` accepts (called with the key's full path).

    Raises ValueError when ``text`` is not valid TOML, or when the cut text would not read as the
    original settings less the dropped ones.
    """
    original = tomllib.loads(text)
    kept: list[Statement] = []
    for statement in statements(text):
        if drop_table(statement.table) or (statement.kind == "key" and drop_key(statement.table + statement.key)):
            continue
        kept.append(statement)
    result = "".join(s.text for s in kept).rstrip() + "\n"
    if tomllib.loads(result) != pruned(original, (), drop_table, drop_key):
        raise ValueError("its layout could not be read statement by statement")
    return result


def pruned(settings: dict, table: Path, drop_table, drop_key) -> dict:
    """``settings`` (parsed) without what ``without`` drops, to compare the cut text against."""
    kept = {}
    for name, value in settings.items():
        path = table + (name,)
        if drop_table(path) or drop_key(path):
            continue
        kept[name] = pruned(value, path, drop_table, drop_key) if isinstance(value, dict) else value
    return kept


def first_path(parsed: dict) -> Path:
    """The dotted path of the one key in a parsed statement: {"a": {"b": {}}} from ``[a.b]`` gives ("a", "b")."""
    path: list[str] = []
    node = parsed
    while isinstance(node, dict) and len(node) == 1:
        name, node = next(iter(node.items()))
        path.append(name)
        if isinstance(node, list):  # [[array.of.tables]]: one empty table
            break
        if not isinstance(node, dict) or not node:
            break
    return tuple(path)


def statement_end(text: str, start: int) -> int:
    """Where the statement starting at ``start`` ends: after the newline that closes it, outside any
    string, array or inline table."""
    depth = 0
    i = start
    length = len(text)
    while i < length:
        c = text[i]
        if c == "#":
            i = text.find("\n", i)
            if i < 0:
                return length
            continue
        if c == "\n":
            if depth == 0:
                return i + 1
        elif c in "\"'":
            i = string_end(text, i)
            continue
        elif c in "[{" and not at_header(text, start, i):
            depth += 1
        elif c in "]}" and depth:
            depth -= 1
        i += 1
    return length


def at_header(text: str, start: int, i: int) -> bool:
    """Whether the bracket at ``i`` belongs to a table header (a statement that starts with one)."""
    return not text[start:i].strip() or text[start:i].strip() == "["


def string_end(text: str, i: int) -> int:
    """The index just past the string (basic, literal, or multi-line) that opens at ``i``."""
    quote = text[i]
    if text.startswith(quote * 3, i):
        close = text.find(quote * 3, i + 3)
        while quote == '"' and close > 0 and escaped(text, close):
            close = text.find(quote * 3, close + 1)
        end = close + 3
        while end < len(text) and text[end] == quote:  # up to two quotes may close the content
            end += 1
        return end if close >= 0 else len(text)
    j = i + 1
    while j < len(text) and text[j] != "\n":
        if quote == '"' and text[j] == "\\":
            j += 2
            continue
        if text[j] == quote:
            return j + 1
        j += 1
    return j


def escaped(text: str, i: int) -> bool:
    """Whether the character at ``i`` is escaped by an odd number of backslashes before it."""
    count = 0
    while i - count - 1 >= 0 and text[i - count - 1] == "\\":
        count += 1
    return count % 2 == 1

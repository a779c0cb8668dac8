"""Load a subject's data files (YAML, JSON, CSV) into the template context, checked against schemas.

Every value keeps the line it came from, so a problem reads
`data/azerbaijan-china/trade.csv:7: year: 'n/a' is not a whole number`.
All problems in a subject are collected before the build stops.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from dossier.errors import DataError, DossierError
from dossier.input_limits import DEFAULT_LIMITS, InputLimits, size_text
from dossier.structure_bounds import check_json_structure, check_yaml_structure, checked_yaml_events
from dossier.utf8_text import read_utf8
from dossier.xlsx_rows import sheet_rows
from dossier.input_formats import InputFormat, MachineNumber, local_cell

KeyPath = tuple[str | int, ...]
DATA_SUFFIXES = (".yaml", ".yml", ".json", ".csv", ".xlsx")


class DataProblems(DossierError):
    """Several data problems at once; prints one `path:line: key: message` line per problem."""

    stage = "data"

    def __init__(self, problems: list[DossierError]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    def __reduce__(self):
        return (self.__class__, (self.problems,))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class Row(dict):
    """A record of a data file (a CSV row, a YAML list item) that knows where it was written.

    ``origin`` is "path:line", so that an error about two rows can name both. To template
    authors a record is a dict: the class calls itself ``dict`` (Jinja names an object's type
    in its error messages: "'dict object' has no attribute 'x'"), and pickles through
    :func:`_make_row`, not through its name.
    """

    __slots__ = ("origin",)

    def __init__(self, *args, origin: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.origin = origin

    def __reduce__(self):
        return (_make_row, (dict(self), self.origin))


Row.__module__, Row.__name__, Row.__qualname__ = "builtins", "dict", "dict"


def _make_row(values: dict, origin: str) -> Row:
    return Row(values, origin=origin)


@dataclass
class DataFile:
    """One data file: its context name (the file's stem), its value, and the line of every key path."""

    name: str
    path: str
    value: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, key_path: KeyPath) -> int | None:
        """Return the line of the deepest known prefix of `key_path`."""
        for end in range(len(key_path), -1, -1):
            line = self.lines.get(tuple(key_path[:end]))
            if line is not None:
                return line
        return None

    def key_text(self, key_path: KeyPath) -> str:
        """Return how messages name the value at `key_path` (`events[3].date`)."""
        return format_key_path(key_path)

    def origin_of(self, key_path: KeyPath) -> str:
        """Return `path:line` of the value at `key_path`: where a record came from."""
        return f"{self.path}:{self.line_of(key_path) or '?'}"


def format_key_path(key_path: KeyPath) -> str:
    """Return `events[3].date` style text for a key path."""
    text = ""
    for part in key_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# ---------------------------------------------------------------- YAML and JSON


def load_yaml(text: str, path: str, limits: InputLimits = DEFAULT_LIMITS) -> DataFile:
    """Parse YAML safely, recording the line of every key and item; duplicate keys are errors."""
    if not text.strip():
        raise DataError("the file is empty; remove it or give it content", file=path, line=1)
    try:
        return _load_yaml_fast(text, path, limits)
    except Exception:  # noqa: BLE001 - broken, over a limit, or a bug: the reading below says which, as always
        node, value = _read_yaml_checked(text, path, limits)
    data_file = DataFile(Path(path).stem, path, value)
    _record_lines(node, (), data_file)
    return data_file


def _read_yaml_checked(text: str, path: str, limits: InputLimits) -> tuple[yaml.Node | None, Any]:
    """Return the YAML's node tree and value, read by PyYAML's pure-Python parser: the one whose errors we print.

    Slow (the text is parsed three times), so it runs only when the fast reading failed: its
    errors, with their lines and columns, are the messages users have always seen.
    """
    try:
        check_yaml_structure(text, path, limits)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        value = yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506 - SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if "\t" in problem or "'\\t'" in problem:
            problem = "a tab character; indent YAML with spaces"
        raise DataError(
            f"invalid YAML: {problem}", file=path,
            line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
        ) from None
    return node, value


def _load_yaml_fast(text: str, path: str, limits: InputLimits) -> DataFile:
    """Return the YAML as a DataFile from one libyaml parse, checked for depth and aliases on the way.

    libyaml (C) parses ~20 times faster than PyYAML's pure-Python parser; its events go through
    the same structure check and PyYAML's own composer and safe constructor, so nodes, lines and
    values are those of `_read_yaml_checked`. Any failure raises (a duplicate key too), and the
    caller reads the text again with the pure-Python parser, whose error (or, for a text the two
    parsers read differently, whose value) is the one users have always had. The lines are read
    before the value is made, because the constructor rewrites a mapping with merge keys (`<<`)
    in place, and `_read_yaml_checked` records them from a node the constructor never saw.
    """
    loader = _libyaml_loader(text, path, limits)
    node = loader.get_single_node()
    data_file = DataFile(Path(path).stem, path, None)
    _record_lines(node, (), data_file)
    data_file.value = loader.construct_document(node) if node is not None else None
    return data_file


def _libyaml_loader(text: str, path: str, limits: InputLimits) -> _EventLoader:
    """Return a loader composing from libyaml's events, checked for structure and for known disagreements."""
    if not (yaml.__with_libyaml__ and _libyaml_reads_as_pyyaml(text)):
        raise _NotForLibyaml
    events = checked_yaml_events(_as_pyyaml_reads(yaml.parse(text, Loader=yaml.CSafeLoader)), path, limits)
    return _EventLoader(events)


class _NotForLibyaml(Exception):
    """A text the pure-Python parser must read."""


def _libyaml_reads_as_pyyaml(text: str) -> bool:
    """Return False for texts the two parsers are known to read differently.

    libyaml allows tabs where PyYAML does not; and at the end of a text whose last line has no
    line break, libyaml counts one more line, so a value there (`- ` last) would get another line.
    """
    return "\t" not in text and text.endswith("\n")


def _as_pyyaml_reads(events: Iterator[yaml.Event]) -> Iterator[yaml.Event]:
    """Yield libyaml's events, raising _NotForLibyaml at one that PyYAML's parser may not produce the same.

    Two are known: an explicit tag (libyaml reads an empty `!` as text, PyYAML as null), and a
    plain scalar inside [ ] or { } holding a '?' (which ends it for PyYAML, not for libyaml).
    """
    flow_level = 0
    for event in events:
        if getattr(event, "tag", None) is not None:
            raise _NotForLibyaml
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            flow_level += 1 if (flow_level or event.flow_style) else 0
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            flow_level = max(flow_level - 1, 0)
        elif isinstance(event, yaml.ScalarEvent) and flow_level and not event.style and "?" in event.value:
            raise _NotForLibyaml
        yield event


class _EventParser:
    """The parser interface PyYAML's composer reads (check, peek, get event), over an iterator of events."""

    def __init__(self, events: Iterator[yaml.Event]) -> None:
        self._events = events
        self._current: yaml.Event | None = next(events, None)

    def check_event(self, *choices: type) -> bool:
        if self._current is None:
            return False
        return not choices or isinstance(self._current, choices)

    def peek_event(self) -> yaml.Event | None:
        return self._current

    def get_event(self) -> yaml.Event | None:
        event, self._current = self._current, next(self._events, None)
        return event


class _EventLoader(_EventParser, Composer, SafeConstructor, Resolver):
    """PyYAML's SafeLoader with its parser replaced by events parsed elsewhere (by libyaml)."""

    def __init__(self, events: Iterator[yaml.Event]) -> None:
        _EventParser.__init__(self, events)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


def _record_lines(node: yaml.Node | None, key_path: KeyPath, data_file: DataFile) -> None:
    if node is None:
        return
    data_file.lines.setdefault(key_path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                raise DataError(
                    f"duplicate key {key!r} (first on line {seen[key]}); keep one",
                    file=data_file.path, line=line, key=format_key_path(key_path + (key,)),
                )
            seen[key] = line
            data_file.lines[key_path + (key,)] = line
            _record_lines(value_node, key_path + (key,), data_file)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, key_path + (index,), data_file)


def load_json(text: str, path: str, limits: InputLimits = DEFAULT_LIMITS) -> DataFile:
    """Parse JSON; the line of every key comes from reading the same text as YAML (JSON is YAML)."""
    if not text.strip():
        raise DataError("the file is empty; remove it or give it content", file=path, line=1)
    check_json_structure(text, path, limits)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"invalid JSON: {exc.msg}", file=path, line=exc.lineno, column=exc.colno) from None
    data_file = DataFile(Path(path).stem, path, value)
    try:
        _record_lines(_json_as_yaml_node(text, path, limits), (), data_file)
    except (yaml.YAMLError, DataError):
        pass  # valid JSON that YAML reads differently: lines stay unknown, the data is still right
    return data_file


def _json_as_yaml_node(text: str, path: str, limits: InputLimits) -> yaml.Node | None:
    """Return the node tree of JSON text read as YAML (for its lines): by libyaml, else by PyYAML as before."""
    try:
        return _libyaml_loader(text, path, limits).get_single_node()
    except Exception:  # noqa: BLE001 - read as it always was, errors and all
        return yaml.compose(text, Loader=yaml.SafeLoader)


# ---------------------------------------------------------------- CSV


def load_csv(text: str, path: str, schema: dict | None,
             local: InputFormat | None = None) -> tuple[DataFile, list[DossierError]]:
    """Parse CSV (comma or semicolon) into a list of row dicts, typed by the schema's column types.

    Returns the file and the problems found in cells (all of them, not only the first).
    """
    if not text.strip():
        raise DataError("the file is empty; it needs a header row", file=path, line=1)
    header_line = text.splitlines()[0]
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [name.strip() for name in next(reader)]
    except csv.Error as exc:
        raise DataError(f"invalid CSV header: {exc}", file=path, line=1) from None
    problems: list[DossierError] = []
    rows: list[tuple[int, list[str]]] = []
    previous_end = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise DataError(f"invalid CSV: {exc}", file=path, line=reader.line_num) from None
        line, previous_end = previous_end + 1, reader.line_num
        if cells and len(cells) != len(header) and any(c.strip() for c in cells):
            problems.append(DataError(
                f"row has {len(cells)} cells but the header has {len(header)} columns ({delimiter.join(header)})",
                file=path, line=line,
            ))
            continue
        rows.append((line, cells))
    data_file, cell_problems = typed_table(path, header, rows, schema, local)
    return data_file, problems + cell_problems


def typed_table(
    path: str, header: list[str], rows: list[tuple[int, list[str]]], schema: dict | None,
    local: InputFormat | None = None,
) -> tuple[DataFile, list[DossierError]]:
    """Turn (line, cells as text) rows under a header into records typed by the schema's columns.

    Shared by CSV and Excel: the header is checked against the schema, blank rows are skipped,
    and every cell that is not what its column holds is a problem naming its line and column.
    With ``local``, number and date cells are read in the file's input format (``dossier.input_formats``).
    """
    if len(set(header)) != len(header) or "" in header:
        raise DataError("header has an empty or repeated column name", file=path, line=1)
    if schema:
        header_problems = _header_problems(header, schema, path)
        if header_problems:
            return DataFile(Path(path).stem, path, []), header_problems
    columns = _column_types(schema)
    properties = (schema or {}).get("items", {}).get("properties", {})
    records: list[dict[str, Any]] = []
    data_file = DataFile(Path(path).stem, path, records)
    problems: list[DossierError] = []
    for line, cells in rows:
        if all(not cell.strip() for cell in cells):
            continue
        index = len(records)
        record: dict[str, Any] = {}
        data_file.lines[(index,)] = line
        for name, cell in zip(header, cells):
            data_file.lines[(index, name)] = line
            try:
                machine = local_cell(cell, properties.get(name), columns.get(name), local)
                record[name] = _convert_cell(machine.strip(), columns.get(name))
            except ValueError as exc:
                problems.append(DataError(str(exc), file=path, line=line, key=name))
                record[name] = cell
        data_file.lines[(index,)] = line
        records.append(record)
    return data_file, problems


def _header_problems(header: list[str], schema: dict, path: str) -> list[DossierError]:
    """Return problems with the header row: columns the schema does not know, required ones missing."""
    items = schema.get("items", {})
    known = list(items.get("properties", {}))
    problems: list[DossierError] = []
    if items.get("additionalProperties") is False:
        for name in header:
            if name not in known:
                problems.append(DataError(f"unknown column; expected: {', '.join(known)}", file=path, line=1, key=name))
    for name in items.get("required", []):
        if name not in header:
            problems.append(DataError("required column is missing from the header row", file=path, line=1, key=name))
    return problems


_TYPE_WORDS = {
    "number": "a number", "integer": "a whole number", "string": "text", "boolean": "true or false",
    "array": "a list", "object": "a mapping of keys to values", "null": "empty",
}


def _column_types(schema: dict | None) -> dict[str, set[str]]:
    """Return each column's allowed JSON types from an array-of-objects schema."""
    if not schema:
        return {}
    properties = schema.get("items", {}).get("properties", {})
    types: dict[str, set[str]] = {}
    for name, spec in properties.items():
        kind = spec.get("type", "string")
        types[name] = set(kind if isinstance(kind, list) else [kind])
    return types


def _convert_cell(cell: str, allowed: set[str] | None) -> Any:
    """Return a cell as the type the schema allows; raise ValueError saying what was expected."""
    if allowed is None:  # no schema: numbers become numbers, empty becomes None
        if cell == "":
            return None
        for convert in (int, float):
            try:
                return convert(cell.replace(",", "")) if convert is float else convert(cell)
            except ValueError:
                pass
        return cell
    if cell == "":
        if "null" in allowed:
            return None
        if "string" in allowed:
            return ""
        raise ValueError(f"is empty but must be {expected_text(allowed)}")
    if "integer" in allowed:
        try:
            return int(cell)
        except ValueError:
            pass
    if "number" in allowed:
        try:
            number = float(cell)
        except ValueError:
            pass
        else:
            return int(number) if number.is_integer() and "integer" in allowed else number
    if "boolean" in allowed and cell.lower() in ("true", "false"):
        return cell.lower() == "true"
    if "string" in allowed:
        return cell
    raise ValueError(f"{cell!r} is not {expected_text(allowed)}")


def expected_text(allowed: set[str]) -> str:
    words = [_TYPE_WORDS.get(kind, kind) for kind in sorted(allowed) if kind != "null"]
    return " or ".join(words) or "empty"


# ---------------------------------------------------------------- a subject


def read_text(file_path: Path, shown: str) -> str:
    """Read UTF-8 text (a BOM is allowed); non-UTF-8 bytes are an error naming their line."""
    return read_utf8(file_path, shown, DataError)


def load_xlsx(file_path: Path, shown: str, schema: dict | None,
              limits: InputLimits = DEFAULT_LIMITS,
              local: InputFormat | None = None) -> tuple[DataFile, list[DossierError]]:
    """Read the first sheet of an Excel workbook as rows under its header row, typed like CSV cells."""
    rows = [(number, [_cell_text(cell) for cell in values]) for number, values in sheet_rows(file_path, shown, limits)]
    if not rows or not any(cell for cell in rows[0][1]):
        raise DataError("the workbook's first sheet is empty; it needs a header row", file=shown, line=1)
    header = [cell.strip() for cell in rows[0][1]]
    while header and header[-1] == "":
        header.pop()
    padded = [(number, cells + [""] * (len(header) - len(cells))) for number, cells in rows[1:]]
    return typed_table(shown, header, padded, schema, local)


def _cell_text(cell: Any) -> str:
    """Return an Excel cell as the text a CSV file would hold."""
    if cell is None:
        return ""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return MachineNumber(repr(cell))
    return str(cell)


def load_data_file(file_path: Path, shown: str, schema: dict | None,
                   limits: InputLimits = DEFAULT_LIMITS,
                   local: InputFormat | None = None) -> tuple[DataFile, list[DossierError]]:
    """Load one data file by its suffix; return it with the problems found (``local``: its number format).

    A file over the size limit is refused unread.
    """
    size = file_path.stat().st_size
    if size > limits.data_file_bytes:
        raise DataError(f"the file is {size_text(size)}, over the limit of {limits.data_file_mb:g} MB; "
                        "raise [limits] data_file_mb if it is genuine", file=shown)
    suffix = file_path.suffix.lower()
    if suffix == ".xlsx":
        return load_xlsx(file_path, shown, schema, limits, local)
    text = read_text(file_path, shown)
    if suffix == ".csv":
        return load_csv(text, shown, schema, local)
    if suffix == ".json":
        return load_json(text, shown, limits), []
    return load_yaml(text, shown, limits), []

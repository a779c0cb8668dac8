"""Refuse YAML and JSON whose structure would exhaust the machine, before it is built in memory.

Two shapes do: nesting deep enough to overflow the parser's (or any later walker's) recursion,
and YAML aliases that repeat an anchor that itself repeats one, so that 400 bytes stand for
billions of values once anything walks them. Both are measured on the parser's event stream
(PyYAML's parser and JSON scanning here are loops, not recursion), so the check itself is bounded.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

import yaml

from dossier.errors import DataError
from dossier.input_limits import InputLimits


def check_yaml_structure(text: str, path: str, limits: InputLimits) -> None:
    """Raise DataError (with the line) when YAML nests deeper than allowed or its aliases expand too far.

    An alias `*name` adds as many values as its anchor `&name` holds, counting the aliases inside
    that anchor expanded too; the values all aliases add together must stay within `alias_nodes`.
    Parse errors are left to the loader, which reports them with their line.
    """
    for _ in checked_yaml_events(yaml.parse(text, Loader=yaml.SafeLoader), path, limits):
        pass


def checked_yaml_events(events: Iterable[yaml.Event], path: str, limits: InputLimits) -> Iterator[yaml.Event]:
    """Yield the parser's events, raising DataError at the first one that nests too deep or repeats too much.

    A generator, so that one parse both checks and feeds the composer (`data.load_yaml`): each
    event is checked before the composer sees it, and nothing deeper than the limit is ever built.
    """
    depth = 0
    added = 0
    anchor_sizes: dict[str, int] = {}
    open_collections: list[tuple[str | None, int]] = []  # (anchor, values counted when it opened)
    total = 0
    for event in events:
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > limits.nesting_depth:
                raise DataError(
                    f"nested more than {limits.nesting_depth} levels deep (lists and mappings inside each other); "
                    "flatten the data or raise [limits] nesting_depth", file=path, line=event.start_mark.line + 1,
                )
            open_collections.append((event.anchor, total))
            total += 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
            anchor, opened_at = open_collections.pop()
            if anchor is not None:
                anchor_sizes[anchor] = total - opened_at
        elif isinstance(event, yaml.ScalarEvent):
            total += 1
            if event.anchor is not None:
                anchor_sizes[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            size = anchor_sizes.get(event.anchor, 1)
            total += size
            added += size
            if added > limits.alias_nodes:
                raise DataError(
                    f"aliases (*{event.anchor} and the others) repeat more than {limits.alias_nodes} values; "
                    "write the values out or raise [limits] alias_nodes", file=path, line=event.start_mark.line + 1,
                )
        yield event


_JSON_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"|[\[\]{}\n]')


def check_json_structure(text: str, path: str, limits: InputLimits) -> None:
    """Raise DataError (with the line) when JSON nests deeper than allowed."""
    depth = 0
    line = 1
    for token in _JSON_TOKENS.finditer(text):
        char = token.group()
        if char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            if depth > limits.nesting_depth:
                raise DataError(
                    f"nested more than {limits.nesting_depth} levels deep (arrays and objects inside each other); "
                    "flatten the data or raise [limits] nesting_depth", file=path, line=line,
                )
        elif char in "]}":
            depth -= 1

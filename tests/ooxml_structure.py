"""A fast structural check of an Office package (.docx, .pptx), in pure Python.

What Office refuses before it reads a word, and what LibreOffice forgives silently:

- every part is named by ``[Content_Types].xml`` (an Override, or a Default for its extension),
  and every Override names a part that exists;
- every XML part is well-formed;
- every internal relationship points at a part that exists, and relationship ids are unique
  in their ``.rels`` file;
- every ``r:id``/``r:embed``/``r:link``/``r:pict`` a part uses is one of its relationships;
- ids that must be unique are: drawing object ids (``wp:docPr``) across a Word document,
  bookmark ids (each with its end), footnote ids; shape ids within a slide, slide ids, and the
  master/layout ids of a presentation.

`structure_problems(path)` returns one line per problem: ``part: what is wrong``.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections import Counter
from pathlib import Path
from typing import Callable
from xml.etree import ElementTree

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
RELATIONSHIP_ATTRIBUTES = tuple(f"{R}{name}" for name in ("id", "embed", "link", "pict", "dm", "lo", "qs", "cs"))
CONTENT_TYPES = "[Content_Types].xml"
GENERIC_XML = "application/xml"


def structure_problems(path: Path) -> list[str]:
    """Return the package's structural problems, one line each (empty when it is sound)."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = {name: package.read(name) for name in package.namelist() if not name.endswith("/")}
    except (zipfile.BadZipFile, OSError) as exc:
        return [f"package: not a zip file ({exc})"]
    problems: list[str] = []
    trees: dict[str, ElementTree.Element] = {}
    for name, data in parts.items():
        if name.endswith((".xml", ".rels")) or name == CONTENT_TYPES:
            try:
                trees[name] = ElementTree.fromstring(data)
            except ElementTree.ParseError as exc:
                problems.append(f"{name}: not well-formed XML ({exc})")
    problems += _content_type_problems(parts, trees.get(CONTENT_TYPES))
    type_of = _content_types(trees.get(CONTENT_TYPES))
    relationships = {}
    for name, tree in trees.items():
        if name.endswith(".rels"):
            source, ids = _source_of(name), []
            relationships[source] = {}
            for rel in tree.iter(f"{PR}Relationship"):
                ids.append(rel.get("Id"))
                relationships[source][rel.get("Id")] = rel
                if rel.get("TargetMode") != "External":
                    target = _resolve(source, rel.get("Target", ""))
                    if target not in parts:
                        problems.append(f"{name}: relationship {rel.get('Id')} points at /{target}, which is missing")
                    elif type_of(target) == GENERIC_XML and not target.startswith("customXml/"):
                        problems.append(f"{target}: content type {GENERIC_XML}, not the type of its kind of part")
            problems += [f"{name}: relationship id {rid} used {n} times" for rid, n in Counter(ids).items() if n > 1]
    for name, tree in trees.items():
        if name.endswith(".rels") or name == CONTENT_TYPES:
            continue
        known = relationships.get(name, {})
        for element in tree.iter():
            for attribute in RELATIONSHIP_ATTRIBUTES:
                rid = element.get(attribute)
                if rid and rid not in known:
                    problems.append(f"{name}: {_local(element.tag)} refers to relationship {rid}, which {name} lacks")
    problems += _unique_id_problems(trees)
    return problems


def _content_type_problems(parts: dict[str, bytes], types: ElementTree.Element | None) -> list[str]:
    if types is None:
        return [f"package: no {CONTENT_TYPES}"]
    defaults = {d.get("Extension", "").lower() for d in types.iter(f"{CT}Default")}
    overrides = {o.get("PartName", "").lstrip("/") for o in types.iter(f"{CT}Override")}
    problems = [f"{CONTENT_TYPES}: Override for /{name}, which is missing" for name in sorted(overrides - set(parts))]
    for name in parts:
        if name != CONTENT_TYPES and name not in overrides and name.rpartition(".")[2].lower() not in defaults:
            problems.append(f"{name}: no content type (no Override and no Default for its extension)")
    return problems


def _content_types(types: ElementTree.Element | None) -> Callable[[str], str | None]:
    """Return a function giving a part's content type: its Override, else the Default for its extension."""
    if types is None:
        return lambda name: None
    defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in types.iter(f"{CT}Default")}
    overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType", "") for o in types.iter(f"{CT}Override")}
    return lambda name: overrides.get(name, defaults.get(name.rpartition(".")[2].lower()))


def _unique_id_problems(trees: dict[str, ElementTree.Element]) -> list[str]:
    problems: list[str] = []
    word_parts = [n for n in trees if n.startswith("word/") and not n.endswith(".rels")]
    if word_parts:
        drawing_ids = Counter(d.get("id") for n in word_parts for d in trees[n].iter(f"{WP}docPr"))
        problems += [f"word/: drawing object id {i} used {c} times" for i, c in drawing_ids.items() if c > 1]
        for name in word_parts:
            starts = Counter(b.get(f"{W}id") for b in trees[name].iter(f"{W}bookmarkStart"))
            ends = {b.get(f"{W}id") for b in trees[name].iter(f"{W}bookmarkEnd")}
            problems += [f"{name}: bookmark id {i} used {c} times" for i, c in starts.items() if c > 1]
            problems += [f"{name}: bookmark id {i} has no end" for i in starts if i not in ends]
        if "word/footnotes.xml" in trees:
            notes = Counter(f.get(f"{W}id") for f in trees["word/footnotes.xml"].findall(f"{W}footnote"))
            problems += [f"word/footnotes.xml: footnote id {i} used {c} times" for i, c in notes.items() if c > 1]
    for name, tree in trees.items():
        if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
            shapes = Counter(c.get("id") for c in tree.iter() if _local(c.tag) == "cNvPr" and c.tag.startswith(P))
            problems += [f"{name}: shape id {i} used {c} times" for i, c in shapes.items() if c > 1]
    presentation = trees.get("ppt/presentation.xml")
    if presentation is not None:
        slide_ids = Counter(s.get("id") for s in presentation.iter(f"{P}sldId"))
        problems += [f"ppt/presentation.xml: slide id {i} used {c} times" for i, c in slide_ids.items() if c > 1]
        problems += [f"ppt/presentation.xml: slide id {i} is below 256" for i in slide_ids if int(i or 0) < 256]
        master_ids = Counter(m.get("id") for m in presentation.iter(f"{P}sldMasterId"))
        master_ids.update(l.get("id") for n, t in trees.items() if n.startswith("ppt/slideMasters/")
                          for l in t.iter(f"{P}sldLayoutId"))
        problems += [f"ppt/: master/layout id {i} used {c} times" for i, c in master_ids.items() if c > 1]
    return problems


def _source_of(rels_name: str) -> str:
    """Return the part a .rels file belongs to ("" for the package's own)."""
    folder, _, file = rels_name.rpartition("_rels/")
    return folder + file[: -len(".rels")]


def _resolve(source: str, target: str) -> str:
    """Return a relationship target as a part name (no leading slash)."""
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]

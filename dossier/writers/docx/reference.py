"""Generate the reference document: the .docx whose styles give a briefing its look.

    python -m dossier.writers.docx.reference [--force] templates/theme/reference.docx
    python -m dossier.writers.docx.reference --merge [--force] THEIRS.docx OUT.docx

writes the built-in look (``docx_stylesheet``) as a small, reviewable package: styles,
numbering, fonts, settings and an empty body that carries the page set-up. The bytes
are reproducible (fixed part order, zip times and properties), so the committed binary
changes only when the stylesheet does. ``DocxWriter`` uses the same bytes in memory
when a project has no reference document of its own.

An organisation can instead hand in its own .docx or .dotx (pandoc's ``--reference-doc``
convention); the writer supplies the styles it lacks at build time (``docx_style_supply``).
``--merge`` writes those supplied styles into a copy of the organisation's file, so they can
be edited in Word; every other part of the file is copied byte for byte. Neither form
replaces an existing file without ``--force`` (``new_file``).
"""

from __future__ import annotations

import functools
import io
import sys
import zipfile
from pathlib import Path

from dossier.errors import DossierError
from dossier.writers.new_file import FileExists, split_force, write_new_file
from dossier.writers.docx.stylesheet import LANGUAGE, W_NS, fonts_xml, numbering_xml, section_xml, styles_xml

_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

_CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_CT}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_CT}.styles+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{_CT}.numbering+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_CT}.settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{_CT}.fontTable+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)


def _rels(*targets: tuple[str, str, str]) -> str:
    body = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in targets)
    return f'<Relationships xmlns="{_PKG_REL}">{body}</Relationships>'


_OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = _rels(
    ("rId1", f"{_OD}/officeDocument", "word/document.xml"),
    ("rId2", f"{_PKG_REL}/metadata/core-properties", "docProps/core.xml"),
    ("rId3", f"{_OD}/extended-properties", "docProps/app.xml"),
)
_DOCUMENT_RELS = _rels(
    ("rId1", f"{_OD}/styles", "styles.xml"),
    ("rId2", f"{_OD}/numbering", "numbering.xml"),
    ("rId3", f"{_OD}/settings", "settings.xml"),
    ("rId4", f"{_OD}/fontTable", "fontTable.xml"),
)

_CORE = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<dc:title>dossier reference document</dc:title>"
    "<dc:description>Styles for dossier briefings. Regenerate with: "
    "python -m dossier.writers.docx.reference templates/theme/reference.docx</dc:description>"
    "</cp:coreProperties>"
)
_APP = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>dossier</Application></Properties>"
)


def _settings() -> str:
    latin, east_asian, _ = LANGUAGE
    return (
        f'<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="567"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
        ' w:val="15"/></w:compat>'
        f'<w:themeFontLang w:val="{latin}" w:eastAsia="{east_asian}"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>'
    )


def _document() -> str:
    return f'<w:document xmlns:w="{W_NS}" xmlns:r="{_R_NS}"><w:body>{section_xml()}</w:body></w:document>'


def _parts() -> list[tuple[str, str]]:
    """Every part of the package, in the order they are zipped."""
    return [
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _PACKAGE_RELS),
        ("docProps/core.xml", _CORE),
        ("docProps/app.xml", _APP),
        ("word/document.xml", _document()),
        ("word/_rels/document.xml.rels", _DOCUMENT_RELS),
        ("word/styles.xml", styles_xml()),
        ("word/numbering.xml", numbering_xml()),
        ("word/settings.xml", _settings()),
        ("word/fontTable.xml", fonts_xml()),
    ]


@functools.lru_cache(maxsize=1)
def reference_docx_bytes() -> bytes:
    """Return the built-in reference document as .docx bytes (the same on every call and machine)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in _parts():
            entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            zf.writestr(entry, (_DECL + xml).encode("utf-8"))
    return out.getvalue()


def write_reference_docx(target: Path, *, force: bool = False) -> Path:
    """Write the built-in reference document to ``target``; return it. A file there is replaced only with ``force``."""
    return write_new_file(Path(target), reference_docx_bytes(), force=force)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``[--force] PATH`` writes the built-in reference; ``--merge [--force] THEIRS OUT`` adds to theirs."""
    args, force = split_force(argv)
    merge = bool(args) and args[0] == "--merge"
    args = args[1:] if merge else args
    if len(args) != (2 if merge else 1) or any(a.startswith("-") for a in args):
        print("usage: python -m dossier.writers.docx.reference [--force] PATH.docx\n"
              "       python -m dossier.writers.docx.reference --merge [--force] THEIRS.docx|.dotx OUT.docx|.dotx",
              file=sys.stderr)
        return 2
    try:
        if merge:
            from dossier.writers.docx.merge import merge_reference
            from dossier.writers.docx.styles import display_name, listed

            supplied = merge_reference(Path(args[0]), Path(args[1]), force=force)
            print(f"{args[1]}: added {len(supplied)} styles: {listed([display_name(n) for n in supplied])}" if supplied
                  else f"{args[1]}: {args[0]} already has every style a briefing uses; copied as it is")
        else:
            print(write_reference_docx(Path(args[0]), force=force))
    except FileExists as exc:
        print(exc, file=sys.stderr)
        return 1
    except DossierError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

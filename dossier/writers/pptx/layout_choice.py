"""Which layout each kind of slide takes: by placeholder types first, then by name in any language.

A layout is made for a kind of slide when its type says so (``<p:sldLayout type="secHead">``),
or, for a custom layout, when its placeholders do (a centred title and a subtitle make a
title layout). Names are the second test, matched in the languages Office and Google Slides
speak ("Titel und Inhalt", "タイトルとコンテンツ", "TITLE_AND_BODY"); the last is a
fallback (a slide with a chart takes a "Title Only" layout). At every step a layout must hold
the placeholders the kind needs: a title placeholder, and two content placeholders side by
side for two columns. A layout without a title placeholder is never chosen for a slide with
a title, whatever its name (its static "Title goes here" would show under the text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

#: the kinds of slide the deck writer makes
ROLES = ("title", "section", "content", "two", "chart", "table", "quote", "sources", "closing")

#: standard layout names, by the English name Office gives them, in other UI languages
LOCALISED_NAMES: dict[str, tuple[str, ...]] = {
    "title slide": (
        "title", "タイトル スライド", "titelfolie", "diapositive de titre", "diapositiva de título",
        "标题幻灯片", "標題投影片", "титульный слайд", "slide de título", "diapositiva titolo", "제목 슬라이드",
    ),
    "title and content": (
        "title_and_body", "title and body", "タイトルとコンテンツ", "titel und inhalt", "titre et contenu",
        "título y objetos", "标题和内容", "標題及內容", "заголовок и объект", "título e conteúdo",
        "titolo e contenuto", "제목 및 내용",
    ),
    "section header": (
        "section_header", "section", "セクション見出し", "abschnittsüberschrift", "titre de section",
        "encabezado de sección", "节标题", "章節標題", "заголовок раздела", "cabeçalho da seção",
        "intestazione sezione", "구역 머리글",
    ),
    "two content": (
        "title_and_two_columns", "2 つのコンテンツ", "zwei inhalte", "deux contenus", "dos objetos",
        "两栏内容", "兩個內容", "два объекта", "duas partes de conteúdo", "due contenuti", "콘텐츠 2개",
    ),
    "comparison": ("比較", "vergleich", "comparaison", "comparación", "比较", "сравнение", "comparação", "confronto", "비교"),
    "title only": (
        "title_only", "タイトルのみ", "nur titel", "titre seul", "solo el título", "仅标题", "只有標題",
        "только заголовок", "somente título", "solo titolo", "제목만",
    ),
    "blank": ("白紙", "leer", "vide", "en blanco", "空白", "пустой слайд", "em branco", "vuoto", "빈 화면"),
}


def normalise(name: str) -> str:
    """Return a layout name folded for comparison: case, spaces, line breaks and underscores."""
    return re.sub(r"[\s_]+", " ", name).strip().casefold()


def name_matches(layout_name: str, wanted: str) -> bool:
    """Return whether a layout's name is ``wanted`` (an English standard name) in any language."""
    own = normalise(layout_name)
    key = normalise(wanted)
    return own == key or own in (normalise(n) for n in LOCALISED_NAMES.get(key, ()))


@dataclass(frozen=True)
class Shape:
    """What the choice needs to know about a layout: its type, name and placeholders."""

    name: str
    type: str  # the sldLayout type ("title", "obj", "cust", ...)
    structure: str  # the type its placeholders make ("title", "obj", "twoObj", "titleOnly", "blank", ...)
    has_title: bool  # a horizontal title placeholder
    has_content: bool  # a big content placeholder
    has_columns: bool  # two content placeholders side by side
    chart: bool = False  # its big content placeholder is a chart placeholder
    table: bool = False  # ... a table placeholder


Needs = Callable[[Shape], bool]


def _title(s: Shape) -> bool:
    return s.has_title


def _content(s: Shape) -> bool:
    return s.has_title and s.has_content


def _columns(s: Shape) -> bool:
    return s.has_title and s.has_columns


@dataclass(frozen=True)
class Step:
    """One test of the choice: layouts of these types (or, for custom layouts, made so by their
    placeholders), or of these names; the first layout passing it that has what ``needs`` asks."""

    why: str
    types: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    needs: Needs = _title


_TITLE = Step("type title (centred title and subtitle)", types=("title",))
_ONLY = Step("fallback: type titleOnly", types=("titleOnly",))
_OBJ = Step("type obj/tx (title and content)", types=("obj", "tx"), needs=_content)

RULES: dict[str, tuple[Step, ...]] = {
    "title": (_TITLE, Step("name", names=("title slide",)), _ONLY),
    "section": (
        Step("type secHead", types=("secHead",)),
        Step("name", names=("section header",)),
        Step("fallback: type titleOnly", types=("titleOnly",)),
        Step("fallback: type title", types=("title",)),
    ),
    "content": (_OBJ, Step("name", names=("title and content",), needs=_content), _ONLY),
    "two": (
        Step("type twoObj (two content placeholders)", types=("twoObj", "twoTxTwoObj", "twoColTx"), needs=_columns),
        Step("name", names=("two content", "comparison"), needs=_columns),
        Step("fallback: " + _OBJ.why, types=_OBJ.types, needs=_content),
        _ONLY,
    ),
    "chart": (
        Step("chart placeholder", types=("chart",), needs=_content),
        Step("name", names=("chart",)),
        _ONLY,
        Step("fallback: " + _OBJ.why, types=_OBJ.types, needs=_content),
    ),
    "table": (
        Step("table placeholder", types=("tbl",), needs=_content),
        Step("name", names=("table",)),
        _ONLY,
        Step("fallback: " + _OBJ.why, types=_OBJ.types, needs=_content),
    ),
    "quote": (Step("name", names=("quote",)), _ONLY, Step("fallback: " + _OBJ.why, types=_OBJ.types, needs=_content)),
    "sources": (Step("name", names=("sources",), needs=_content), _OBJ, _ONLY),
    "closing": (
        Step("name", names=("closing", "end")),
        Step("fallback: " + _TITLE.why, types=_TITLE.types),
        _ONLY,
    ),
}

#: the names the README promises (dossier's own reference uses them), best first
ROLE_NAMES: dict[str, tuple[str, ...]] = {
    role: tuple(n for step in steps for n in step.names) for role, steps in RULES.items()
}


def _of_type(s: Shape, types: tuple[str, ...]) -> bool:
    if s.type in types:
        return True
    return s.type in ("cust", "") and s.structure in types


def choose(role: str, shapes: list[Shape]) -> tuple[int, str] | None:
    """Return (index into ``shapes``, the reason) of the layout a role takes, or None."""
    for step in RULES[role]:
        fit = [(k, s) for k, s in enumerate(shapes) if step.needs(s)]
        for k, s in fit:  # a layout whose type says so, before one whose placeholders do
            if s.type in step.types:
                return k, step.why
        for k, s in fit:
            if step.types and _of_type(s, step.types):
                return k, f"{step.why} (its placeholders; layout type {s.type or 'none'})"
        for k, s in fit:
            if step.names and any(name_matches(s.name, n) for n in step.names):
                return k, f"{step.why} {s.name!r}"
    if role in ("title", "section", "closing"):
        last = next((k for k, s in enumerate(shapes) if s.has_title), None)
        return (last, "fallback: the first layout with a title placeholder") if last is not None else None
    last = next((k for k, s in enumerate(shapes) if s.has_title and s.has_content), None)
    return (last, "fallback: the first layout with title and content placeholders") if last is not None else None


def missing(role: str) -> str:
    """Return what a role needs, for the error when no layout has it."""
    names = ", ".join(repr(n.title()) for n in ROLE_NAMES[role])
    types = sorted({t for step in RULES[role] for t in step.types})
    needs = "a title placeholder" if role in ("title", "section", "closing") else "title and content placeholders"
    return f"a layout with {needs} (of type {', '.join(types)}, or named {names})"

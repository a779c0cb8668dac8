"""Render a Jinja template to Markdown: sandboxed, strict, and with every value escaped.

`{{ value }}` always prints data as literal text, escaped for where it lands (Markdown text, YAML,
a link target, an attribute: see `literal_values`); `| md` marks Markdown on purpose.
`cite("id")` inserts a footnote reference and the engine appends its definition; `source_list()`
prints the Sources list. Marks are numbered, ordered and placed by `dossier.citations`.
"""

from __future__ import annotations

import json
import re
import threading
import traceback
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import _PassArg
from markupsafe import Markup

from dossier.citations import Numbering, footnote_definitions, number_citations, source_list
from dossier.data_text import fill_data_text
from dossier.derived import HELPERS, DerivedFigureError
from dossier.errors import TemplateError
from dossier.formatting import filters_for, not_reported
from dossier.input_limits import DEFAULT_LIMITS, InputLimits
from dossier.literal_values import LiteralValueError, mark, place_values
from dossier.value_typography import LocaleWords
from dossier.markdown_text import escape_markdown
from dossier.template_budget import BoundedSandbox, render_within_budget
from dossier.template_errors import with_expression
from dossier.source_groups import publisher_list

CHART_FENCE = re.compile(r"^(\s*)```chart[ \t]*$")
FOOTNOTE_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


class MarkdownText(Markup):
    """Text that is already Markdown: printed as it is."""


class AnnotatingLoader(jinja2.FileSystemLoader):
    """Load templates, tagging each ```chart fence with its template file and line."""

    def __init__(self, folder: Path, shown_folder: str) -> None:
        super().__init__(str(folder))
        self.shown_folder = shown_folder
        self.loaded: list[str] = []  # every template read, includes too: the inputs of an output

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        if template not in self.loaded:
            self.loaded.append(template)
        shown = f"{self.shown_folder}/{template}"
        lines = source.split("\n")
        for number, line in enumerate(lines, start=1):
            if JINJA_DEFAULT_COMMENT.search(line):
                raise TemplateError(f"a comment is {COMMENT_START} … {COMMENT_END} in dossier templates "
                                    f"({{# … #}} is left for pandoc attributes such as {{#tbl-trade}})",
                                    file=shown, line=number)
            match = CHART_FENCE.match(line)
            if match:
                lines[number - 1] = f"{match.group(1)}```chart @{shown}:{number}"
        return "\n".join(lines), filename, uptodate


@dataclass
class RenderResult:
    """The rendered Markdown, the sources cited (in order of number), their numbering, and the templates used."""

    markdown: str
    cited: list[str] = field(default_factory=list)
    templates: list[str] = field(default_factory=list)
    numbering: Numbering = field(default_factory=Numbering)


#: Jinja comments are `{## … ##}` (`{##- … -##}` trims white space), not Jinja's `{# … #}`: pandoc
#: attributes (`{#tbl-trade}`, `{#fig-trade}`, `{#intro .unnumbered}`) begin with `{#` and pass through.
COMMENT_START, COMMENT_END = "{##", "##}"
#: Jinja's own comment, `{# … #}` (an attribute never ends in `#}`): an error saying what to write instead.
JINJA_DEFAULT_COMMENT = re.compile(r"(?<!\{)\{#(?!#)-?.*?-?(?<!#)#\}")


class DossierEnvironment(BoundedSandbox):
    """The sandbox, where what a macro returns is template text: its values are already marked, not printed twice."""

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        result = super().call(__context, __obj, *args, **kwargs)
        return MarkdownText(result) if isinstance(__obj, jinja2.runtime.Macro) else result


class CompiledTemplates(BytecodeCache):
    """The compiled code of templates, kept in memory for the whole process and found by the template's text.

    Every job makes its own environment (its loader records the templates the job read; its
    budget is its own), and compiling a template (parsing it, generating and compiling Python)
    was most of what rendering cost. The code depends only on the template's text, its name and
    file, and the environment's compile settings, so it is kept under those: the text as read
    afresh at every load (Jinja's checksum of it), so an edited template is compiled again and
    its old code dropped; the name and file because they are written into the code (the file is
    where Jinja puts an error's template line, which the error messages read back); the settings
    (`compile_settings`) so that an environment made otherwise never gets code made for another.
    A template that does not compile is never kept: its error is raised at every load. At most
    `size` templates are kept, the least recently used dropped first.
    """

    def __init__(self, size: int = 64) -> None:  # ~100 KB each: a few projects of ~10 templates
        self.size = size
        self._code: OrderedDict[tuple, tuple[str, CodeType]] = OrderedDict()
        self._lock = threading.Lock()  # jobs may run in threads (a Dask worker's)

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = (compile_settings(environment), name, filename)
        bucket = Bucket(environment, key, self.get_source_checksum(source))  # type: ignore[arg-type]
        with self._lock:
            kept = self._code.get(key)
            if kept is not None:
                self._code.move_to_end(key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        with self._lock:
            self._code[bucket.key] = (bucket.checksum, bucket.code)
            self._code.move_to_end(bucket.key)
            while len(self._code) > self.size:
                self._code.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._code.clear()

    def __len__(self) -> int:
        return len(self._code)


def compile_settings(env: jinja2.Environment) -> tuple:
    """Return what Jinja's compiled code depends on besides the template's text, name and file.

    The syntax (delimiters, white space), the environment's class (the sandbox's intercepted
    operators), its extensions and compile options, whether it finalizes, and the names of its
    filters and tests (an unknown filter's error is raised while compiling).
    """
    return (type(env), env.block_start_string, env.block_end_string, env.variable_start_string,
            env.variable_end_string, env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
            env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
            env.keep_trailing_newline, tuple(sorted(env.extensions)), env.optimized, env.is_async,
            env.autoescape, env.code_generator_class,
            None if env.finalize is None else _PassArg.from_obj(env.finalize),
            frozenset(env.filters), frozenset(env.tests))


#: Shared by every environment `make_environment` makes: see CompiledTemplates.
COMPILED_TEMPLATES = CompiledTemplates()


def make_environment(templates_dir: Path, shown_folder: str, locale: str,
                     limits: InputLimits = DEFAULT_LIMITS) -> SandboxedEnvironment:
    """Return the sandboxed, strict Jinja environment with dossier's filters, held to the project's limits.

    A new environment for each job (cheap); the templates' compiled code is shared (`COMPILED_TEMPLATES`).
    """
    env = DossierEnvironment(
        limits=limits,
        bytecode_cache=COMPILED_TEMPLATES,
        loader=AnnotatingLoader(templates_dir, shown_folder),
        comment_start_string=COMMENT_START,
        comment_end_string=COMMENT_END,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        finalize=lambda value: _finalize(value, locale),
    )
    env.filters.update(filters_for(locale))
    env.globals.update(HELPERS)
    env.filters["md"] = lambda text: MarkdownText(text)
    env.filters["yaml"] = lambda value: MarkdownText(yaml_scalar(value))
    return env


_NOT_YAML_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def yaml_scalar(value: Any) -> str:
    """Return `value` as a double-quoted YAML scalar (JSON syntax), escaping what YAML may not hold raw."""
    text = json.dumps(value, ensure_ascii=False)
    return _NOT_YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _finalize(value: Any, locale: str) -> str:
    """Return what `{{ value }}` prints: Markdown as it is, anything else escaped; None is 'not reported'."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return mark(LocaleWords(not_reported(locale)), not_reported(locale))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return mark(value, str(value))  # placed (escaped for where it lands) by place_values after rendering


def render_template(
    env: SandboxedEnvironment, name: str, context: dict[str, Any], sources: dict[str, dict], shown_folder: str,
    *, locale: str = "en", numbering: Numbering | None = None,
) -> RenderResult:
    """Render template `name` with the data context; raise TemplateError with the template's file:line.

    Sources are numbered at first citation, continuing `numbering` (another output's) when given.
    """
    result = RenderResult(markdown="", numbering=numbering.copy() if numbering else Numbering())
    shown = f"{shown_folder}/{name}"
    templates_dir = Path(env.loader.searchpath[0])
    list_placeholder = f"dossier-source-list-{uuid.uuid4().hex}"
    publisher_placeholder = f"dossier-source-publishers-{uuid.uuid4().hex}"
    cited_ids: set[str] = set()

    def cite(source_id: str) -> MarkdownText:
        if not isinstance(source_id, str) or not FOOTNOTE_LABEL.match(source_id):
            raise TemplateError(f"cite({source_id!r}): a source id is letters, digits, '-' and '_'")
        if source_id not in sources:
            known = ", ".join(sorted(sources)) or "none"
            raise TemplateError(f"cite({source_id!r}): no such source; known: {known}")
        cited_ids.add(source_id)
        return MarkdownText(f"[^{source_id}]")

    def sources_cited(by_publisher: bool = False) -> MarkdownText:
        return MarkdownText(publisher_placeholder if by_publisher else list_placeholder)

    def data_text(text: str) -> MarkdownText:
        filters = filters_for(locale)
        return MarkdownText(fill_data_text(text, context, filters, lambda value: _finalize(value, locale)))

    def source_name(source_id: str) -> str:
        if source_id not in sources:
            raise TemplateError(f"source_name({source_id!r}): no such source")
        source = sources[source_id]
        return ", ".join(str(part) for part in (source.get("publisher"), source.get("date")) if part)

    try:
        template = env.get_template(name)
        text = place_values(render_within_budget(env, template, dict(
            context, cite=cite, source_name=source_name, source_list=sources_cited, data_text=data_text)), locale)
    except jinja2.TemplateSyntaxError as exc:
        file = _shown_template(exc.filename, exc.name, templates_dir, shown_folder) or shown
        message = exc.message or "invalid template"
        if message.startswith("No filter named"):
            ours = sorted(set(env.filters) & (set(filters_for("en")) | {"md", "yaml"}))
            message = f"{message.rstrip('.')}; dossier's filters: {', '.join(ours)} (and Jinja's built-ins)"
        raise TemplateError(f"template syntax: {message}", file=file, line=exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name!r} not found in {shown_folder}/", file=shown) from None
    except LiteralValueError as exc:
        raise TemplateError(str(exc), file=shown) from None
    except TemplateError as exc:
        if exc.file:  # raised where the template was read: it knows its place
            raise
        file, line = _template_frame(exc, templates_dir, shown_folder) or (shown, None)
        raise TemplateError(with_expression(exc.message, templates_dir, shown_folder, file, line),
                            file=file, line=line) from None
    except DerivedFigureError as exc:
        file, line = _template_frame(exc, templates_dir, shown_folder) or (shown, None)
        raise TemplateError(with_expression(str(exc), templates_dir, shown_folder, file, line),
                            file=file, line=line) from None
    except (jinja2.UndefinedError, jinja2.exceptions.SecurityError, TypeError, ValueError,
            KeyError, AttributeError, ZeroDivisionError, jinja2.TemplateRuntimeError, OverflowError,
            RecursionError, MemoryError) as exc:
        file, line = _template_frame(exc, templates_dir, shown_folder) or (shown, None)
        message = _BUDGET_MESSAGES.get(type(exc)) or str(exc).replace("jinja2.exceptions.", "")
        if isinstance(exc, jinja2.UndefinedError):
            message = f"undefined: {message}; check the name against the data files"
        raise TemplateError(with_expression(message, templates_dir, shown_folder, file, line),
                            file=file, line=line) from None
    try:
        text, result.cited = number_citations(text, result.numbering, locale, cited_ids)
        listed = source_list(result.cited, result.numbering, sources, locale)
        text = text.replace(publisher_placeholder, publisher_list(result.cited, result.numbering, sources))
        result.markdown = text.replace(list_placeholder, listed) + footnote_definitions(result.cited, sources, locale)
    except LiteralValueError as exc:
        raise TemplateError(f"a cited source's url: {exc}", file=shown) from None
    except ValueError as exc:  # a source whose date or url the data check let through
        raise TemplateError(str(exc), file=shown) from None
    result.templates = list(env.loader.loaded)
    return result


_BUDGET_MESSAGES = {
    RecursionError: "calls nest deeper than Python allows: a macro that calls itself without end?",
    MemoryError: "ran out of memory: an expression builds a value far too large",
}


def _shown_template(filename: str | None, name: str | None, templates_dir: Path, shown_folder: str) -> str | None:
    """Return a template as messages show it: `shown_folder/` + its path inside the templates folder.

    Jinja names the template sometimes by its name, sometimes by its file path; both give one path.
    """
    root = templates_dir.resolve()
    for candidate in (filename, name):
        if not candidate:
            continue
        # A file path is absolute or relative to the working folder; a template name, to the templates folder.
        for path in (Path(candidate).resolve(), (root / candidate).resolve()):
            if path.is_relative_to(root) and path.is_file():
                return f"{shown_folder}/{path.relative_to(root).as_posix()}"
    return f"{shown_folder}/{name}" if name else None


def _template_frame(exc: BaseException, templates_dir: Path, shown_folder: str) -> tuple[str, int] | None:
    """Return the innermost template file and line in an exception's traceback."""
    found = None
    root = templates_dir.resolve()
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename).resolve()
        if path.is_relative_to(root) and frame.lineno:
            found = (f"{shown_folder}/{path.relative_to(root).as_posix()}", frame.lineno)
    return found

"""Errors that are the user's to fix: one line, `path:line: message`, no traceback."""

from __future__ import annotations


class DossierError(Exception):
    """A problem in the user's project; prints as `file:line: key: message`.

    The location is kept as fields and formatted only in ``__str__`` so that
    errors survive pickling across worker processes.
    """

    stage = "build"

    def __init__(
        self,
        message: str,
        file: str | None = None,
        line: int | None = None,
        key: str | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.key = key
        self.column = column

    def __reduce__(self):  # keep fields when crossing a process boundary
        return (self.__class__, (self.message, self.file, self.line, self.key, self.column))

    @property
    def where(self) -> str:
        """Return `file:line[:column]`, or what part of it is known."""
        if not self.file:
            return ""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.key}: {self.message}" if self.key else self.message
        return f"{self.where}: {text}" if self.where else text


class ConfigError(DossierError):
    """dossier.toml or the project layout is wrong."""

    stage = "config"


class UsageError(ConfigError):
    """The command line asks for something the project does not have (an unknown subject): exit code 2."""

    stage = "usage"


class DataError(DossierError):
    """A data file cannot be read or does not have the expected shape."""

    stage = "data"


class TemplateError(DossierError):
    """A template cannot be parsed or rendered."""

    stage = "template"


class ChartError(DossierError):
    """A chart spec is wrong: unknown kind, missing series, text where numbers belong.

    ``character`` is set when the problem is a character no font can draw, so that the build can
    name the data file and line it came from.
    """

    stage = "chart"
    character: str | None = None


class WriterError(DossierError):
    """The document model holds something a writer cannot put into its file."""

    stage = "writer"


def invalid_toml(exc: Exception, file: str, advice: str = "") -> ConfigError:
    """A ConfigError at the line and column of a ``tomllib.TOMLDecodeError``.

    Python before 3.14 keeps the position only in the message ("… (at line 3, column 10)").
    """
    text = str(exc)
    message, _, position = text.partition(" (at line ")
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    if line is None and position:
        numbers = position.rstrip(")").split(", column ")
        if all(part.isdigit() for part in numbers):
            line = int(numbers[0])
            column = int(numbers[1]) if len(numbers) > 1 else None
    return ConfigError(f"invalid TOML: {message}{advice}", file=file, line=line, column=column)

"""Render a template within a budget of time, output and string size: a hostile template stops, it never hangs.

Jinja's sandbox keeps a template from reaching Python's internals and bounds `range` to 100,000
items, but not what a template may build or how long it may run: `'x' * 10**9`, `2 ** 10**9`,
nested loops over big ranges. `BoundedSandbox` checks each `*`, `+`, `%` and `**` and each call's
result against `[limits] template_string_mb`, and `render_within_budget` stops rendering once it
has produced `template_output_mb` of Markdown or run `template_seconds`. Time is watched at every
call, operator, loop step of `range` and piece of output, and (in a process's main thread) by an
interval timer as well, so a loop that calls nothing still stops.

The time budget is spent once per render and its error is always raised in the template's own
code, so that the one-line error names the template line that was running. Two clocks watch the
same budget (the deadline read by `check_time`, the timer's signal), and whichever comes second
used to raise again wherever Python stood, typically in Jinja's traceback rewriting after the
first error: that second error, raised outside the template, had no template line. A loaded
machine (a process paused between setting the deadline and arming the timer, or while Jinja
rewrote the traceback) made this likely; how the template was compiled had nothing to do with it.
Now the timer raises only while the template's code runs (elsewhere it looks again 10 ms later),
and the check between two pieces of output raises inside the paused template.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from contextlib import contextmanager
from typing import Any, Iterator

from jinja2.sandbox import SandboxedEnvironment, safe_range

from dossier.errors import TemplateError
from dossier.input_limits import DEFAULT_LIMITS, InputLimits

_SIZED = (str, bytes, list, tuple)
#: The widths and precisions of a %-format ("%09999999d"), which make a string that long.
_FORMAT_WIDTHS = re.compile(r"%[#0 +-]*(\d*)(?:\.(\d+))?")


class TemplateBudgetError(TemplateError):
    """A template went over one of its budgets (time, output, string size)."""


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox, with every string- or list-making operator and call held to the project's limits."""

    intercepted_binops = frozenset(["*", "+", "%", "**"])

    def __init__(self, *args: Any, limits: InputLimits = DEFAULT_LIMITS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits
        self.deadline: float | None = None
        self.out_of_time = False  # the render's time is spent: every later check says so (see time_is_up)
        self._steps = 0
        self.globals["range"] = self._range

    def time_is_up(self) -> bool:
        """Whether the render's time is spent (the clock is read every 256th step: cheap).

        Once it is, it stays so until the next render: an error swallowed on its way out is raised
        again at the next check.
        """
        self._steps += 1
        if not self.out_of_time and self._steps & 255 == 0 and self.deadline is not None and \
                time.monotonic() > self.deadline:
            self.out_of_time = True
        return self.out_of_time

    def check_time(self) -> None:
        """Raise TemplateBudgetError once the render's time is spent (called from the template's code)."""
        if self.time_is_up():
            raise TemplateBudgetError(_time_message(self.limits))

    def _check_size(self, value: Any) -> Any:
        if isinstance(value, _SIZED) and len(value) > self.limits.template_string_chars:
            raise TemplateBudgetError(
                f"an expression made a value of {len(value):,} items, over the limit of "
                f"{self.limits.template_string_mb:g} MB ([limits] template_string_mb)")
        return value

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.check_time()
        if operator == "*":
            for sized, count in ((left, right), (right, left)):
                if isinstance(sized, _SIZED) and isinstance(count, int) and len(sized) * count > \
                        self.limits.template_string_chars:
                    raise TemplateBudgetError(
                        f"{type(sized).__name__} * {count} would make {len(sized) * count:,} items, over the limit "
                        f"of {self.limits.template_string_mb:g} MB ([limits] template_string_mb)")
        if operator == "%" and isinstance(left, str):
            widths = [int(number) for match in _FORMAT_WIDTHS.findall(left) for number in match if number]
            if widths and max(widths) > self.limits.template_string_chars:
                raise TemplateBudgetError(f"a %-format asks for a field {max(widths):,} characters wide, over the "
                                          f"limit of {self.limits.template_string_mb:g} MB ([limits] template_string_mb)")
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and \
                right * abs(left).bit_length() > 8 * self.limits.template_string_chars:
            raise TemplateBudgetError(f"{left} ** {right} is too large a number to compute")
        return self._check_size(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        __self.check_time()
        return __self._check_size(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.check_time()
        return super().getattr(obj, attribute)

    def _range(self, *args: int) -> Iterator[int]:
        for number in safe_range(*args):
            self.check_time()
            yield number


def _time_message(limits: InputLimits) -> str:
    return (f"rendering took longer than {limits.template_seconds:g} s ([limits] template_seconds): "
            "a loop without end, or one far too large?")


def render_within_budget(env: SandboxedEnvironment, template: Any, context: dict[str, Any]) -> str:
    """Return the template rendered with `context`, stopping with TemplateBudgetError when over a budget."""
    limits = getattr(env, "limits", DEFAULT_LIMITS)
    pieces: list[str] = []
    size = 0
    with _deadline(env, limits):
        rendering = template.generate(**context)
        for piece in rendering:
            size += len(piece)
            if size > limits.template_output_chars:
                raise TemplateBudgetError(
                    f"the template produced more than {limits.template_output_mb:g} MB of Markdown "
                    "([limits] template_output_mb)")
            if isinstance(env, BoundedSandbox) and env.time_is_up():
                _stop_in_template(rendering, limits)
            pieces.append(piece)
    return "".join(pieces)


def _stop_in_template(rendering: Iterator[str], limits: InputLimits) -> None:
    """Raise the time budget's error inside the paused template, at the line that produced the last piece.

    Raised here, between two pieces, the error would carry no template line; thrown into the
    template's generator it is raised in the template's code, and Jinja gives it that line.
    """
    rendering.throw(TemplateBudgetError(_time_message(limits)))  # type: ignore[attr-defined]
    raise TemplateBudgetError(_time_message(limits))  # not reached: a template cannot catch an error


@contextmanager
def _deadline(env: SandboxedEnvironment, limits: InputLimits) -> Iterator[None]:
    """Set the environment's deadline; in the main thread also arm a timer that interrupts a silent loop."""
    if isinstance(env, BoundedSandbox):
        env.out_of_time = False
        env.deadline = time.monotonic() + limits.template_seconds
    use_timer = threading.current_thread() is threading.main_thread() and \
        signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    previous = None
    if use_timer:
        def on_timer(signum: int, frame: Any) -> None:
            if isinstance(env, BoundedSandbox):
                env.out_of_time = True
                if not _in_template_code(frame):
                    # The template is paused between two pieces or not started (its next check raises,
                    # in its code), or check_time's error is on its way out (Jinja rewriting its
                    # traceback): look again shortly rather than raise a second error here, lineless.
                    signal.setitimer(signal.ITIMER_REAL, _LOOK_AGAIN_SECONDS)
                    return
            raise TemplateBudgetError(_time_message(limits))

        previous = signal.signal(signal.SIGALRM, on_timer)
        signal.setitimer(signal.ITIMER_REAL, limits.template_seconds)
    try:
        yield
    finally:
        if use_timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        if isinstance(env, BoundedSandbox):
            env.deadline = None


#: How soon the timer looks again when it went off outside the template's code.
_LOOK_AGAIN_SECONDS = 0.01


def _in_template_code(frame: Any) -> bool:
    """Whether a template's code is running in `frame` or below one of its callers (a filter, `range`)."""
    while frame is not None:
        if "__jinja_template__" in frame.f_globals:  # the module globals of every compiled template
            return True
        frame = frame.f_back
    return False

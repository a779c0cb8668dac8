"""The time budget's error names the template line that was running, however the render was stopped."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import jinja2.debug
import pytest

import dossier.template_budget as template_budget
from dossier.errors import TemplateError
from dossier.input_limits import InputLimits
from dossier.templating import make_environment, render_template

ENDLESS = "# Title\n\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n"
TIME_UP = "templates/t.md.j2:{line}: rendering took longer than 0.2 s ([limits] template_seconds)"


def render(tmp_path: Path, source: str, **context) -> str:
    (tmp_path / "t.md.j2").write_text(source, encoding="utf-8")
    env = make_environment(tmp_path, "templates", "en_GB", InputLimits(template_seconds=0.2))
    return render_template(env, "t.md.j2", context, {}, "templates").markdown


def error_of(tmp_path: Path, source: str, **context) -> str:
    with pytest.raises(TemplateError) as error:
        render(tmp_path, source, **context)
    return str(error.value)


def test_a_silent_endless_loop_stops_at_its_line(tmp_path: Path) -> None:
    assert error_of(tmp_path, ENDLESS).startswith(TIME_UP.format(line=3))


def test_the_line_is_kept_when_the_deadline_and_the_timer_both_fire(tmp_path: Path, monkeypatch) -> None:
    """A loaded machine: paused between setting the deadline and arming the timer, so the deadline's
    check raises first; paused again while Jinja rewrites that error's traceback, so the timer fires
    then. The timer used to raise a second error there, outside the template: no line."""
    arm, rewrite = template_budget.signal.setitimer, jinja2.debug.rewrite_traceback_stack

    def armed_late(which: int, seconds: float, *interval: float):
        if seconds:
            time.sleep(0.02)
        return arm(which, seconds, *interval)

    def rewritten_slowly(*args, **kwargs):
        time.sleep(0.1)
        return rewrite(*args, **kwargs)

    monkeypatch.setattr(template_budget.signal, "setitimer", armed_late)
    monkeypatch.setattr(jinja2.debug, "rewrite_traceback_stack", rewritten_slowly)
    assert error_of(tmp_path, ENDLESS).startswith(TIME_UP.format(line=3))


def test_the_line_is_kept_when_time_runs_out_between_two_pieces_of_output(tmp_path: Path) -> None:
    """Outside the main thread there is no timer: a loop that only prints is stopped between two of
    its pieces, by `render_within_budget`, which raises inside the template at the printing line."""
    errors: list[str] = []
    source = "# Title\n\n{% for a in rows %}\n{% for b in rows %}{{ b }}{% endfor %}{% endfor %}\n"
    worker = threading.Thread(target=lambda: errors.append(error_of(tmp_path, source, rows=list(range(3000)))))
    worker.start()
    worker.join()
    assert len(errors) == 1 and errors[0].startswith(TIME_UP.format(line=4))


def test_a_template_stopped_once_renders_again_with_the_same_environment(tmp_path: Path) -> None:
    """The spent budget is the render's, not the environment's: a job renders two templates with one."""
    (tmp_path / "t.md.j2").write_text(ENDLESS, encoding="utf-8")
    (tmp_path / "ok.md.j2").write_text("{% for i in range(3000) %}{% endfor %}fine\n", encoding="utf-8")
    env = make_environment(tmp_path, "templates", "en_GB", InputLimits(template_seconds=0.2))
    with pytest.raises(TemplateError):
        render_template(env, "t.md.j2", {}, {}, "templates")
    assert render_template(env, "ok.md.j2", {}, {}, "templates").markdown == "fine\n"


def test_a_silent_loop_still_stops_when_the_timer_went_off_before_the_template_started(
        tmp_path: Path, monkeypatch) -> None:
    """The timer, going off outside the template's code, looks again shortly instead of giving up:
    a loop that calls nothing (no check of its own) is still stopped, at its line."""
    new_context = jinja2.Template.new_context

    def paused_before_starting(self, *args, **kwargs):
        time.sleep(0.3)
        return new_context(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "new_context", paused_before_starting)
    source = "{% for a in rows %}{% for b in rows %}{% for c in rows %}{% endfor %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    assert error_of(tmp_path, source, rows=list(range(400))).startswith(TIME_UP.format(line=1))
    assert time.monotonic() - started < 2

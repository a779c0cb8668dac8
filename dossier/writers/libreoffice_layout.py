"""Page numbers from LibreOffice: on which page each bookmark lands, and how many pages there are.

Only a layout engine knows where a heading falls, so a briefing is laid out by LibreOffice
(headless, a throw-away profile) running a small Basic macro. Starting LibreOffice costs about
0.9 s; laying an 8-page briefing out about 0.1 s. So a build starts one :class:`LayoutService`
before its jobs run, and every briefing of the build, in this process or a worker, is laid out
by that one LibreOffice; a writer used on its own starts one just for its document.

The protocol is a folder, so that any process of the build can use it: a client writes
``NAME.docx`` (under a temp name, then renamed); the macro lays it out, writes
``NAME.docx.pages`` (one ``bookmark<TAB>page`` line each, then ``*PAGES<TAB>count``; renamed
into place when complete) and deletes the request. The macro ends when a ``stop`` file is there
and no request is left, or when the process that started it is gone (a killed build must not
leave LibreOffice running), checked twice a second through /proc, or after five minutes without
a request (systems without /proc). A client whose service has ended lays its document out alone.
The macro looks for a request every 10 ms for 0.2 s after its last one, then every 50 ms: polling
every 10 ms all along cost about 0.09 CPU-s a second while it waited (from its start to a build's
first briefing, seconds that the build's workers need on a 2-core machine), every 50 ms about 0.015;
a first request waits 25 ms longer on average.

The macro asks for the page count before anything else: that makes LibreOffice lay out the
whole document; without it, a hidden document reports pages of a partial layout.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from dossier.processes import remove_folders_of_ended_processes
from dossier.processes import running as _running

log = logging.getLogger(__name__)

PAGE_COUNT = "*PAGES"
#: Environment variable: "0" (or "no", "off", "false") → never run LibreOffice after writing.
REFRESH_ENV = "DOSSIER_REFRESH_FIELDS"
#: Set by a running :class:`LayoutService` for the processes of its build: "FOLDER<TAB>PID".
SERVICE_ENV = "DOSSIER_LAYOUT_SERVICE"
STOP_FILE = "stop"
#: A service with no request for this long ends (where /proc cannot tell it that its build is gone).
IDLE_LIMIT_S = 300
#: LibreOffice's folders (request queue and profile) are "<temp dir>/dossier-lo-<pid of the build>-<random>".
FOLDER_PREFIX = "dossier-lo-"

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Main
  Dim folder As String, request As String, idle As Long
  folder = "{folder}/"
  Do
    request = Dir(folder &amp; "*.docx")
    If request = "" Then request = Dir(folder &amp; "*.pdfjob")
    If request &lt;&gt; "" Then
      If Right(request, 7) = ".pdfjob" Then
        Export(folder, request)
      Else
        LayOut(folder, request)
      End If
      idle = 0
    ElseIf FileExists(folder &amp; "{stop}") Then
      Exit Do
    ElseIf idle &lt; 20 Then
      Wait 10
      idle = idle + 1
    Else
      Wait 50
      idle = idle + 5
      If idle Mod 50 = 0 Then
        If Not FileExists("{watch}") Then Exit Do
      End If
      If idle > {idle_limit} Then Exit Do
    End If
  Loop
  StarDesktop.terminate()
End Sub

Sub LayOut(folder As String, request As String)
  Dim doc As Object, n As Integer, report As String
  report = folder &amp; request &amp; ".pages"
  n = FreeFile()
  Open report &amp; ".part" For Output As #n
  On Error GoTo Failed
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(folder &amp; request), "_blank", 0, args())
  controller = doc.getCurrentController()
  pages = controller.getPropertyValue("PageCount")
  cursor = controller.getViewCursor()
  marks = doc.getBookmarks()
  names = marks.getElementNames()
  For i = 0 To UBound(names)
    cursor.gotoRange(marks.getByName(names(i)).getAnchor(), False)
    Print #n, names(i) &amp; Chr(9) &amp; cursor.getPage()
  Next
  Print #n, "{count}" &amp; Chr(9) &amp; pages
  doc.close(True)
Finish:
  On Error Resume Next
  Close #n
  Kill folder &amp; request
  Name report &amp; ".part" As report
  Exit Sub
Failed:
  On Error Resume Next
  If Not IsNull(doc) Then doc.close(True)
  Resume Finish
End Sub

Sub Export(folder As String, request As String)
  Dim doc As Object, n As Integer, name As String, source As String, notes As String, filter As String
  name = Left(request, Len(request) - 7)
  n = FreeFile()
  Open folder &amp; request For Input As #n
  Line Input #n, source
  Line Input #n, notes
  Close #n
  On Error GoTo Failed
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(folder &amp; source), "_blank", 0, args())
  If Right(source, 5) = ".pptx" Then
    filter = "impress_pdf_Export"
  Else
    filter = "writer_pdf_Export"
  End If
  Dim options(2) As New com.sun.star.beans.PropertyValue
  options(0).Name = "ExportNotesPages"
  options(0).Value = (notes = "1")
  options(1).Name = "EmbedStandardFonts"
  options(1).Value = True
  options(2).Name = "UseTaggedPDF"
  options(2).Value = True
  Dim props(1) As New com.sun.star.beans.PropertyValue
  props(0).Name = "FilterName"
  props(0).Value = filter
  props(1).Name = "FilterData"
  props(1).Value = options()
  doc.storeToURL(ConvertToURL(folder &amp; name &amp; ".pdf"), props())
  doc.close(True)
Finish:
  On Error Resume Next
  Kill folder &amp; source
  Kill folder &amp; request
  n = FreeFile()
  Open folder &amp; name &amp; ".pdfdone" For Output As #n
  Close #n
  Exit Sub
Failed:
  On Error Resume Next
  If Not IsNull(doc) Then doc.close(True)
  Resume Finish
End Sub
</script:module>
"""

# A new profile is made by a first run (its Basic library among it), unless a prepared one was
# copied in ($5 = "1"); a profile made here is kept as the prepared one ($7, when given: renamed into
# place whole, so a build racing this one copies either all of it or nothing). Then the macro is
# written into that library and the second run executes it. One shell, so that starting costs the
# build nothing. A watcher in the same process group ends the group when the build ($4) is gone,
# whatever stage LibreOffice is in (the macro's own check only runs once the macro does).
_START = (
    '( tail --pid="$4" -s 0.2 -f /dev/null 2>/dev/null || while kill -0 "$4" 2>/dev/null; do sleep 0.5; done; '
    'kill -KILL 0 ) & '
    'if [ -z "$5" ]; then '
    '"$0" "-env:UserInstallation=$1" --headless --norestore --nologo --terminate_after_init || exit 1; '
    '[ -z "$7" ] || [ ! -f "$6/user/basic/Standard/script.xlb" ] '
    '|| { cp -R "$6" "$7.$$" && mv -T "$7.$$" "$7"; } 2>/dev/null || rm -rf "$7.$$"; '
    'fi; '
    'printf "%s" "$2" > "$3" '
    '&& exec "$0" "-env:UserInstallation=$1" --headless --norestore --nologo "macro:///Standard.Module1.Main"'
)
_requests = itertools.count()


def find_soffice() -> str | None:
    """Return the LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


_layout_off = False


@contextmanager
def without_layout():
    """Inside, no writer lays its document out (``dossier check`` writes documents only to throw them away)."""
    global _layout_off
    previous, _layout_off = _layout_off, True
    try:
        yield
    finally:
        _layout_off = previous


def layout_wanted() -> bool:
    """Whether briefings get their page numbers: LibreOffice is installed and ``DOSSIER_REFRESH_FIELDS`` is not off."""
    if _layout_off or os.environ.get(REFRESH_ENV, "").strip().lower() in {"0", "no", "off", "false"}:
        return False
    return find_soffice() is not None


class LayoutService:
    """One LibreOffice, started in the background, laying out the documents put in its folder.

    Use as a context manager around the work that needs it: inside, :func:`layout_pages` in
    this process and in processes started from it sends its documents here.
    """

    def __init__(self, soffice: str) -> None:
        self.soffice = soffice
        self.folder: Path | None = None
        self.process: subprocess.Popen | None = None
        self._previous_env: str | None = None

    def __enter__(self) -> LayoutService:
        remove_abandoned_folders()
        self.folder = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))
        self.process = _start(self.soffice, self.folder, watch_pid=os.getpid())
        self._previous_env = os.environ.get(SERVICE_ENV)
        os.environ[SERVICE_ENV] = f"{self.folder}\t{self.process.pid}"
        return self

    def __exit__(self, *exc_info) -> None:
        if self._previous_env is None:
            os.environ.pop(SERVICE_ENV, None)
        else:
            os.environ[SERVICE_ENV] = self._previous_env
        _end(self.process)
        shutil.rmtree(self.folder, ignore_errors=True)


def remove_abandoned_folders() -> None:
    """Remove LibreOffice folders left by builds that were killed (their process is gone): ~1 MB each."""
    remove_folders_of_ended_processes(FOLDER_PREFIX)


def layout_pages(data: bytes, *, timeout: float = 120.0, attempts: int = 2) -> dict[str, int] | None:
    """Lay ``data`` (a .docx) out; return {bookmark name: page, ``PAGE_COUNT``: pages}, or None.

    Uses the build's :class:`LayoutService` when one runs, otherwise starts LibreOffice for
    this document alone. A cold first start of LibreOffice (fonts being cached, a profile being
    created) now and then ends before the profile is complete, so a failed attempt is tried
    once more; a timed-out one is not. LibreOffice is ended after ``timeout`` seconds.
    """
    service = os.environ.get(SERVICE_ENV, "")
    if service:
        folder, _, pid = service.partition("\t")
        pages = _ask(Path(folder), int(pid or 0), data, timeout)
        if pages is not None:
            return pages
    soffice = find_soffice()
    if soffice is None:
        return None
    problem = ""
    for _ in range(attempts):
        with tempfile.TemporaryDirectory(prefix=f"{FOLDER_PREFIX}{os.getpid()}-") as tmp:
            try:
                pages = _layout_alone(soffice, Path(tmp), data, timeout)
            except subprocess.TimeoutExpired as exc:
                pages, problem = None, str(exc)
                break  # a hung office suite will hang again: do not wait twice
            except (OSError, subprocess.SubprocessError) as exc:
                pages, problem = None, str(exc)
            if pages is not None:
                return pages
    forget_prepared_profile(soffice)  # in case the prepared profile is what failed
    log.warning("LibreOffice could not lay the document out%s; page numbers left empty",
                f" ({problem})" if problem else "")
    return None


def export_pdf(data: bytes, suffix: str, *, notes: bool = False, timeout: float = 300.0) -> bytes | None:
    """Convert ``data`` (a ``suffix`` file: .docx or .pptx) to PDF; return its bytes, or None when LibreOffice could not.

    Fonts are embedded (subsets, the standard 14 too), links kept, the PDF tagged; ``notes`` adds
    a deck's notes pages after its slides. Uses the build's :class:`LayoutService` when one runs,
    otherwise starts LibreOffice for this file alone.
    """
    service = os.environ.get(SERVICE_ENV, "")
    if service:
        folder, _, pid = service.partition("\t")
        if Path(folder).is_dir():
            done, pdf = _put_export(Path(folder), data, suffix, notes)
            if _wait_for(done, int(pid or 0), timeout):
                return _take(done, pdf)
    soffice = find_soffice()
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory(prefix=f"{FOLDER_PREFIX}{os.getpid()}-") as tmp:
        done, pdf = _put_export(Path(tmp), data, suffix, notes)
        try:
            _run_alone(soffice, Path(tmp), timeout)
        except (OSError, subprocess.SubprocessError):
            return None
        return _take(done, pdf)


def _put_export(folder: Path, data: bytes, suffix: str, notes: bool) -> tuple[Path, Path]:
    """Write a conversion request (the file in ``pdf/``, then NAME.pdfjob); return (done marker, PDF) paths."""
    name = f"{os.getpid()}-{next(_requests)}"
    (folder / "pdf").mkdir(exist_ok=True)
    (folder / "pdf" / f"{name}{suffix}").write_bytes(data)
    temp = folder / f"{name}.pdfjob.part"
    temp.write_text(f"pdf/{name}{suffix}\n{1 if notes else 0}\n", encoding="ascii")
    os.replace(temp, folder / f"{name}.pdfjob")
    return folder / f"{name}.pdfdone", folder / f"{name}.pdf"


def _take(done: Path, pdf: Path) -> bytes | None:
    """The PDF's bytes (None when the conversion failed); both files removed."""
    data = pdf.read_bytes() if done.is_file() and pdf.is_file() and pdf.stat().st_size else None
    done.unlink(missing_ok=True)
    pdf.unlink(missing_ok=True)
    return data


def _layout_alone(soffice: str, folder: Path, data: bytes, timeout: float) -> dict[str, int] | None:
    """Start LibreOffice with the request and the stop file already in place, and wait for it to end."""
    report = _put_request(folder, data)
    _run_alone(soffice, folder, timeout)
    return _read_report(report)


def _run_alone(soffice: str, folder: Path, timeout: float) -> None:
    """Run LibreOffice on the requests already in ``folder`` until it has done them (``TimeoutExpired`` after ``timeout``)."""
    (folder / STOP_FILE).touch()
    process = _start(soffice, folder, watch_pid=os.getpid())
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _end(process)
        raise


def _ask(folder: Path, pid: int, data: bytes, timeout: float) -> dict[str, int] | None:
    """Put a request in a running service's folder and wait for its report; None when the service is gone."""
    if not folder.is_dir():
        return None
    report = _put_request(folder, data)
    return _read_report(report) if _wait_for(report, pid, timeout) else None


def _wait_for(report: Path, pid: int, timeout: float) -> bool:
    """Wait until the service writes ``report``; False when it is gone or takes longer than ``timeout``."""
    deadline = time.monotonic() + timeout
    checked = time.monotonic()
    while not report.is_file():
        now = time.monotonic()
        if now > deadline:
            log.warning("LibreOffice did not finish %s within %.0f s", report.name, timeout)
            return False
        if now - checked > 0.5:
            checked = now
            if not _running(pid):
                return False
        time.sleep(0.005)
    return True


def _put_request(folder: Path, data: bytes) -> Path:
    """Write ``data`` as a new request in ``folder``; return the path its report will have."""
    name = f"{os.getpid()}-{next(_requests)}.docx"
    temp = folder / f"{name}.part"
    temp.write_bytes(data)
    os.replace(temp, folder / name)
    return folder / f"{name}.pages"


def _read_report(report: Path) -> dict[str, int] | None:
    """The report's pages, or None when it is missing or has no page count (the layout failed)."""
    if not report.is_file():
        return None
    pages: dict[str, int] = {}
    for line in report.read_text(encoding="utf-8", errors="replace").splitlines():
        name, _, page = line.rpartition("\t")
        if name and page.strip().isdigit():
            pages[name] = int(page)
    report.unlink(missing_ok=True)
    return pages if PAGE_COUNT in pages else None


def _start(soffice: str, folder: Path, *, watch_pid: int) -> subprocess.Popen:
    """Start LibreOffice running the macro on ``folder``, with a profile of its own there, in its own process group.

    The profile is a copy of the prepared one when there is one (LibreOffice then starts once, not
    twice: about 1 s less before the first briefing is laid out); otherwise it is made, and kept
    as the prepared one for the next builds.
    """
    profile = folder / "profile"
    watch = Path(f"/proc/{watch_pid}")
    macro = _MACRO.format(folder=_basic(folder), stop=STOP_FILE, count=PAGE_COUNT, idle_limit=IDLE_LIMIT_S * 100,
                          watch=_basic(watch if watch.exists() else folder))
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    scratch = folder / "tmp"  # LibreOffice's own temp files (lu*.tmp) go with the folder, even when it is killed
    scratch.mkdir(exist_ok=True)
    prepared = prepared_profile(soffice)
    seeded = prepared is not None and _copy_profile(prepared, profile)
    keep_as = "" if seeded or prepared is None else str(prepared)
    return subprocess.Popen(["/bin/sh", "-c", _START, soffice, profile.as_uri(), macro, str(module), str(watch_pid),
                             "1" if seeded else "", str(profile), keep_as],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                            start_new_session=True, env={**os.environ, "TMPDIR": str(scratch)})


def prepared_profile(soffice: str) -> Path | None:
    """Where this LibreOffice's prepared profile is (or will be) kept; None when there is no cache folder to keep it in.

    It is named after the LibreOffice installation (its program's path and modification time), so
    an upgraded LibreOffice makes a new one.
    """
    from dossier.user_cache import user_cache_folder

    base = user_cache_folder("")
    try:
        program = Path(soffice).resolve()
        identity = f"{program}\t{program.stat().st_mtime_ns}"
    except (OSError, RuntimeError):
        return None
    if base is None:  # no home, a read-only one: every build makes its own profile, as before
        return None
    return base / f"libreoffice-profile-{hashlib.sha256(identity.encode()).hexdigest()[:16]}"


def _copy_profile(prepared: Path, profile: Path) -> bool:
    """Copy the prepared profile to ``profile``; False when there is none yet (or it cannot be read)."""
    if not (prepared / "user" / "basic" / "Standard" / "script.xlb").is_file():
        return False
    try:
        shutil.copytree(prepared, profile)
    except OSError:
        shutil.rmtree(profile, ignore_errors=True)
        return False
    return True


def forget_prepared_profile(soffice: str) -> None:
    """Remove the prepared profile (LibreOffice failed with it: the next build makes a new one)."""
    prepared = prepared_profile(soffice)
    if prepared is not None:
        shutil.rmtree(prepared, ignore_errors=True)


def _end(process: subprocess.Popen | None) -> None:
    """End LibreOffice and everything it started."""
    if process is None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def _basic(path: Path) -> str:
    """``path`` as the text of a Basic string literal inside the XML module.

    Escaped by hand, as ``xml.sax.saxutils.escape(text, {'"': "&quot;"})`` would: that module
    imports urllib.request (and ssl), ~0.1 s before LibreOffice can be started.
    """
    text = str(path).replace('"', '""')
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace('"', "&quot;")

"""Review many files in parallel; one bad file (crash, hang, dead worker) never stops the batch.

Each worker is a process of its own that builds the spaCy pipeline once and keeps it for
every file it is given. The parent hands out one file at a time, so it knows which file
each worker holds and since when: a worker over the per-file timeout is killed and
replaced, and a worker that dies is replaced; either way that file becomes a FileResult
with status "error" and the rest go on. Results come back in input order, and only a
bounded number of finished results wait for a slower earlier file.
"""
from __future__ import annotations

import errno
import gc
import logging
import multiprocessing
import os
import signal
import stat
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence

from sla_check.errors import INGEST_CODES, SlaCheckError
from sla_check.ingest import DOCUMENT_EXTENSIONS, HTML_EXTENSIONS
from sla_check.models import ErrorInfo, FileResult
from sla_check.pipeline import Options

log = logging.getLogger(__name__)

#: File types the batch picks up from folders (a file named on the command line is always tried).
SUPPORTED_SUFFIXES = DOCUMENT_EXTENSIONS

#: TEST-ONLY hooks, honoured inside workers: a file whose name equals the value hangs / kills
#: its worker, so tests can prove the batch survives both. Never set them in real use.
TEST_HANG_ENV = "SLA_CHECK_TEST_HANG"
TEST_DIE_ENV = "SLA_CHECK_TEST_DIE"

DEFAULT_TIMEOUT = 120.0


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Skipped:
    """An entry found in a folder and not reviewed, with a code (errors.SKIP_CODES) and why."""

    path: Path
    code: str
    reason: str

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class Inputs:
    """The files to review, in a stable order; the entries found in folders but not taken
    (listed in the report with the reason); and how many unrelated files were ignored."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    ignored: int = 0


#: types a contract might arrive in that we cannot read: listed as skipped in the report.
#: Other files in a folder (ground-truth YAML, scripts, spreadsheets of notes...) are ignored.
DOCUMENT_LIKE_SUFFIXES = frozenset(
    {".doc", ".rtf", ".odt", ".pages", ".xps", ".gif", ".bmp", ".heic",
     ".zip", ".eml", ".msg", ".pptx", ".ppt"}
)


def _looks_like_document(path: Path) -> bool:
    """A file without a suffix is taken when its first bytes say PDF or Office (zip)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(5)
    except OSError:
        return False
    return head.startswith(b"%PDF") or head.startswith(b"PK")


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link loop
        return False


def _link_target(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def _page_assets(folder: Path) -> bool:
    """The "<page>_files" folder a browser saves beside "<page>.html"."""
    if not folder.name.endswith("_files"):
        return False
    stem = folder.name[: -len("_files")]
    return any((folder.parent / (stem + ext)).is_file() for ext in HTML_EXTENSIONS)


def _walk(top: Path) -> Iterator[tuple[Path, Optional[str], str]]:
    """Every entry under `top` as (path, skip code or None to consider it, reason).

    Follows links to folders (a contracts folder is often a link) but never twice into the
    same folder; hidden entries (".DS_Store", ".git") and links that lead nowhere are
    reported, never silently dropped.
    """
    seen: set[tuple[int, int]] = set()
    try:
        st = top.stat()
        seen.add((st.st_dev, st.st_ino))
    except OSError:
        pass
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError as e:
            yield folder, "unreadable", f"the folder cannot be read ({e.strerror or e})"
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                what = "folder" if _is_dir(entry) else "file"
                yield path, "hidden", f"hidden {what} (its name starts with a dot), not reviewed"
                continue
            try:
                st = entry.stat()  # follows links
            except OSError as e:
                if e.errno == errno.ELOOP:
                    yield path, "link_loop", "a link that leads back to itself (a loop)"
                elif entry.is_symlink():
                    yield path, "broken_link", f"a link to {_link_target(entry.path)!r}, which does not exist"
                else:
                    yield path, "unreadable", f"cannot be read ({e.strerror or e})"
                continue
            if stat.S_ISDIR(st.st_mode):
                if _page_assets(path):
                    continue  # a saved web page's images and scripts: the page itself is read
                key = (st.st_dev, st.st_ino)
                if key in seen:
                    yield path, "link_loop", "a link to a folder already searched (a loop or a second route), not searched again"
                    continue
                seen.add(key)
                stack.append(path)
            elif stat.S_ISREG(st.st_mode):
                yield path, None, ""
            else:
                yield path, "not_a_regular_file", "not a regular file (a pipe, socket or device), not read"


def collect_inputs(paths: Iterable[str | Path]) -> Inputs:
    """Expand folders (recursively, sorted) and drop duplicates, keeping the given order.

    Files named directly are always reviewed, whatever their type (an unsupported one is
    reported as such). Inside folders .pdf/.docx/.txt/.md/.html are taken (and suffix-less files
    that start like a PDF or DOCX); other document types (.doc, .rtf, images...), hidden
    entries, broken links, link loops and pipes or devices are listed as skipped with the
    reason, so that no contract is left out silently; unrelated files are counted. A saved web
    page's "<page>_files" folder of images and scripts is not searched.
    """
    out = Inputs()
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            out.files.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child, code, reason in sorted(_walk(p), key=lambda c: c[0].relative_to(p).as_posix()):
                suffix = child.suffix.strip().lower()  # "contract.pdf " is still a PDF
                if code is not None:
                    out.skipped.append(Skipped(child, code, reason))
                elif suffix in SUPPORTED_SUFFIXES or (not suffix and _looks_like_document(child)):
                    add(child)
                elif suffix in DOCUMENT_LIKE_SUFFIXES:  # a contract we cannot read: list it, never drop it
                    out.skipped.append(Skipped(child, "unsupported_format",
                                               "a format sla-check cannot read: save it as PDF or .docx to have it reviewed"))
                else:
                    out.ignored += 1
        else:
            add(p)
    return out


# --------------------------------------------------------------------------- worker side


def _die_with_parent(parent_pid: int) -> None:
    """Make sure this worker cannot outlive the process that started it, whatever kills that
    one (SIGKILL included): the kernel's parent-death signal on Linux, else a watchdog thread."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent_pid:  # the parent died before prctl took effect
                    os._exit(0)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="sla-check-parent-watch", daemon=True).start()


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _limit_memory(megabytes: Optional[int]) -> None:
    """Cap this worker's address space, so that a file that would need gigabytes (a bomb the
    stream checks do not recognise) fails alone instead of exhausting the machine. Never
    below what the worker already uses (its pipeline) plus room to read a file."""
    if not megabytes:
        return
    try:
        import resource

        with open("/proc/self/statm") as fh:
            used = int(fh.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = max(megabytes * 1024 * 1024, used + 256 * 1024 * 1024)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):  # not Linux: no /proc; the timeout still bounds it
        log.debug("no memory limit for workers on this system")


def _worker_main(conn: Connection, options: Options, parent_pid: int, inherited: Sequence[Connection] = (),
                 tmpdir: Optional[str] = None, processes: int = 1) -> None:
    """A worker: build the pipeline once, then review each (index, path) it is sent.

    `inherited`: the parent's ends of every pipe, which a forked worker holds copies of.
    Closed at once: a worker holding its own pipe's other end would never see it close when
    the parent dies. `tmpdir`: this worker's temporary folder, removed by the parent even
    when the worker is killed (a timeout), so library temp files with contract text go too.
    `processes`: how many workers share the cores (OCR takes its share).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by fork
    for c in inherited:
        c.close()
    _die_with_parent(parent_pid)
    import faulthandler

    # a worker that dies (its memory cap, a crash in a C library) is reported by the parent as
    # that file's result; a traceback dump from a faulthandler inherited from the caller (a test
    # runner enables one) would only print "Fatal Python error" for a death already handled
    faulthandler.disable()
    if tmpdir:
        import tempfile

        os.environ["TMPDIR"] = tmpdir  # for programs it runs (ocrmypdf)
        tempfile.tempdir = tmpdir
    from sla_check.ingest.ocr import share_cores
    from sla_check.pipeline import get_nlp, internal_error, review_file

    share_cores(processes)

    try:
        nlp = get_nlp(options.rules_dir)
    except BaseException as e:  # noqa: BLE001 - reported to the parent, which stops the batch
        conn.send(("init_error", f"{type(e).__name__}: {e}"))
        return
    _limit_memory(options.max_memory_mb)
    # The pipeline, lexicons and modules live as long as the worker: keep them out of every
    # later garbage collection, which would otherwise walk them all again and again
    # (measured on the bench's SLAs: 2.5-3.3 ms a page of collecting, against 1.0-1.5 frozen).
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    conn.send(("ready",))
    hang, die = os.environ.get(TEST_HANG_ENV), os.environ.get(TEST_DIE_ENV)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, path = task
        name = Path(path).name
        if hang and name == hang:
            import tempfile

            tempfile.mkstemp(prefix="sla-check-test-")  # as a library reading the file might
            time.sleep(10**6)
        if die and name == die:
            os._exit(70)
        try:
            result = review_file(path, options, nlp)
        except Exception as e:  # noqa: BLE001 - one bad file must not stop the batch
            result = internal_error(path, e, options.max_bytes)
        conn.send(("done", index, result))


# --------------------------------------------------------------------------- parent side


@dataclass
class _Worker:
    process: Any
    conn: Connection
    tmpdir: str = ""
    ready: bool = False
    task: Optional[tuple[int, str]] = None
    started: float = 0.0


#: collector thresholds while reviewing (Python's default: 700, 10, 10). A document's work makes and
#: frees millions of objects, nearly all by reference counting; at 700 the collector ran ~30 times
#: a document for little garbage (0.23 s of CPU per 60 bench SLAs in a worker, 0.04 s with these)
GC_THRESHOLDS = (20000, 20, 20)


def _warm_before_fork(options: Options) -> None:
    """Build and warm the pipeline once here, so forked workers start with it ready.

    Otherwise every worker imports spaCy, builds its pipeline and warms it on its first file
    (about 3 s of CPU each), all at once, competing for the same cores; a worker restarted
    after a timeout would pay it again. If this fails (e.g. invalid rules), the workers try
    again themselves and report the error as before.
    """
    from sla_check.pipeline import warm_up

    try:
        warm_up(options)
    except Exception:  # noqa: BLE001 - the workers' own attempt reports it
        log.debug("warm-up before fork failed", exc_info=True)


def _context() -> Any:
    """fork on Linux: workers start at once with the parent's modules (and any pipeline it
    already built), and the caller's __main__ is not re-imported. The parent must not run
    threads while workers start (the CLI's progress bar refreshes without a thread).
    Elsewhere (macOS, Windows) fork is unsafe or missing, so spawn."""
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


_TMP_PREFIX = "sla-check-worker-"


def _remove_orphaned_tmpdirs() -> None:
    """Remove the temporary folders of workers whose run was killed outright (SIGKILL leaves
    no chance to clean up): each folder's name carries its run's process id."""
    import shutil
    import tempfile

    for path in Path(tempfile.gettempdir()).glob(f"{_TMP_PREFIX}*"):
        try:
            pid = int(path.name[len(_TMP_PREFIX):].split("-", 1)[0])
        except ValueError:
            continue
        if pid == os.getpid():
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except OSError:  # alive, another user's
            continue


def failed_result(path: str | Path, code: str, message: str) -> FileResult:
    """A file whose worker timed out or died. Not hashed here: reading a file that has just
    hung a worker (a FIFO, a device, a huge sparse file) would hang the whole run."""
    return FileResult(file=str(path), sha256="", status="error", error=ErrorInfo(code, message))


def _died(path: str, exitcode: Optional[int], options: Options) -> FileResult:
    """The result for a file whose worker died. The PDF library aborts (SIGABRT) when an
    allocation fails: under the worker's memory limit that is the file needing too much."""
    if exitcode == -signal.SIGABRT and options.max_memory_mb:
        return failed_result(path, "too_large", f"{INGEST_CODES['too_large']}: the reader ran out of the "
                                                f"{options.max_memory_mb} MB of memory allowed to each worker (see --max-memory-mb)")
    return failed_result(path, "internal", f"{INGEST_CODES['internal']}: the process reviewing it stopped unexpectedly (exit code {exitcode})")


def skipped_result(entry: Skipped) -> FileResult:
    """An entry found in a folder and not reviewed, as a result with status "skipped"."""
    return FileResult(file=str(entry.path), status="skipped", error=ErrorInfo(entry.code, entry.reason))


def worker_count(workers: Optional[int], files: int) -> int:
    """All cores by default, never more workers than files."""
    return max(1, min(workers or os.cpu_count() or 1, files))


class Workers:
    """Worker processes, started before they are needed.

    Where workers are forked (Linux), the pipeline is built and warmed here first and every
    worker inherits it. Elsewhere each worker spends its first seconds importing spaCy and
    building its own. Either way the CLI starts them first, so they are reviewing (or
    building) while it loads the checklist and opens the workbook.
    """

    def __init__(self, options: Options, count: int) -> None:
        self.options = options
        self.count = count
        self.ctx = _context()
        if self.ctx.get_start_method() == "fork":
            _warm_before_fork(options)
        _remove_orphaned_tmpdirs()
        self.pool: list[_Worker] = []
        for _ in range(count):
            self.pool.append(self.start())

    def start(self) -> _Worker:
        import tempfile

        parent, child = self.ctx.Pipe(duplex=True)
        tmpdir = tempfile.mkdtemp(prefix=f"{_TMP_PREFIX}{os.getpid()}-")
        # a forked worker inherits the parent's end of its own pipe and of the others': it closes them
        inherited = [parent] + [w.conn for w in self.pool] if self.ctx.get_start_method() == "fork" else []
        proc = self.ctx.Process(target=_worker_main, args=(child, self.options, os.getpid(), inherited, tmpdir, self.count),
                                daemon=True, name="sla-check-worker")
        # Forked with the parent's objects frozen (Python's advice for fork without exec): the
        # worker's collections never touch them, so their memory pages stay shared. Thawed
        # here at once unless the caller had frozen objects itself: its collector is its own.
        thawed = gc.get_freeze_count() == 0
        gc.freeze()
        try:
            proc.start()
        finally:
            if thawed:
                gc.unfreeze()
        child.close()
        return _Worker(proc, parent, tmpdir)

    def close(self) -> None:
        """Ask every idle worker to stop and kill the busy ones (only an interrupted or failed
        run closes with a file still in hand), then make sure every one has gone."""
        for w in list(self.pool):
            if w.task is not None:
                w.process.kill()
                continue
            try:
                w.conn.send(None)
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 2
        for w in list(self.pool):
            w.process.join(max(0.0, deadline - time.monotonic()))
            self.retire(w)

    def retire(self, w: _Worker) -> None:
        import shutil

        if w.process.is_alive():
            w.process.kill()
        w.process.join(5)
        w.conn.close()
        shutil.rmtree(w.tmpdir, ignore_errors=True)
        self.pool.remove(w)


def review_files(
    files: Sequence[str | Path],
    options: Options = Options(),
    workers: Optional[int] = None,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
    on_done: Optional[Callable[[FileResult], None]] = None,
    started: Optional[Workers] = None,
) -> Iterator[FileResult]:
    """Review `files` in parallel and yield one FileResult per file, in input order.

    `on_done` is called as each file finishes (in completion order), for progress bars.
    `started`: workers already started for these options (they are closed at the end).
    Raises SlaCheckError only when no worker can start at all (e.g. invalid rules).
    """
    paths = [str(f) for f in files]
    n = len(paths)
    if n == 0:
        if started is not None:
            started.close()
        return
    pending = deque(enumerate(paths))
    done: dict[int, FileResult] = {}
    next_out = 0
    workers_ = started  # started lazily below when not given
    start_at = time.monotonic()

    def finish(index: int, result: FileResult) -> None:
        done[index] = result
        if on_done is not None:
            on_done(result)

    try:
        if workers_ is None:
            workers_ = Workers(options, worker_count(workers, n))
        pool, start, retire = workers_.pool, workers_.start, workers_.retire
        window = max(4 * workers_.count, 8)  # finished results allowed to wait for an earlier file

        def feed() -> None:
            """Give every idle worker its next file (before handing results out: the
            caller's work on a result must not keep a worker waiting)."""
            for w in pool:
                if w.ready and w.task is None and pending and pending[0][0] < next_out + window:
                    task = pending.popleft()
                    try:
                        w.conn.send(task)
                    except OSError:  # the worker just died: its sentinel says so below; the file waits
                        pending.appendleft(task)
                        continue
                    w.task, w.started = task, time.monotonic()

        while next_out < n:
            feed()
            now = time.monotonic()
            busy = [w for w in pool if w.task is not None]
            wait_for = None
            if timeout is not None and busy:
                wait_for = max(0.0, min(w.started + timeout for w in busy) - now)
            ready = set(wait([w.conn for w in pool] + [w.process.sentinel for w in pool], wait_for))
            for w in list(pool):
                dead = False
                if w.conn in ready:
                    try:
                        while w.conn.poll():
                            msg = w.conn.recv()
                            if msg[0] == "ready":
                                w.ready = True
                            elif msg[0] == "done":
                                finish(msg[1], msg[2])
                                w.task = None
                            elif msg[0] == "init_error":
                                raise SlaCheckError(f"the review workers could not start: {msg[1]}")
                    except (EOFError, OSError):
                        dead = True
                if not dead and w.process.sentinel in ready:
                    try:
                        dead = not w.conn.poll()
                    except (EOFError, OSError):
                        dead = True
                if dead:
                    w.process.join(1)
                    if w.task is not None:
                        index, path = w.task
                        log.error("worker died on %s (exit code %s)", path, w.process.exitcode)
                        finish(index, _died(path, w.process.exitcode, options))
                    elif not w.ready:
                        raise SlaCheckError(f"a review worker could not start (exit code {w.process.exitcode})")
                    retire(w)
                    if pending:
                        pool.append(start())
                elif timeout is not None and w.task is not None and time.monotonic() - w.started >= timeout:
                    index, path = w.task
                    log.error("timed out on %s after %g s", path, timeout)
                    retire(w)
                    finish(index, failed_result(path, "timeout", f"{INGEST_CODES['timeout']}: no result after {timeout:g} s, so it was stopped"))
                    if pending:
                        pool.append(start())
            feed()
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        if workers_ is not None:
            workers_.close()
        log.debug("reviewed %d files in %.1f s", n, time.monotonic() - start_at)


def review_paths(
    paths: Iterable[str | Path],
    options: Options = Options(),
    workers: Optional[int] = None,
    timeout: Optional[float] = DEFAULT_TIMEOUT,
    on_done: Optional[Callable[[FileResult], None]] = None,
) -> Iterator[FileResult]:
    """Files and folders in, one FileResult per reviewable file out, in input order."""
    return review_files(collect_inputs(paths).files, options, workers, timeout, on_done)

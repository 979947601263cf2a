"""Run `soffice --headless --convert-to` on a batch of files, with one profile per process.

LibreOffice's first run with a new profile costs seconds; later runs with the same profile start
in about one second, and one run converts every file it is given. A `Converter` therefore keeps
one profile for the life of its process (a numbered slot under the user's cache folder, held with
a file lock, so that parallel workers never share one and the next build finds it warm) and
converts a batch in one run. A run that exceeds its timeout is killed with its process group;
a batch run that failed as a whole is retried file by file, so one bad file fails alone.

`REPORTGEN_SOFFICE` names the program to run (empty: LibreOffice counts as missing); without
it `soffice`, then `libreoffice`, is looked up on the PATH.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Sequence

from reportgen.i18n import _

__all__ = ["INSTALL_HINT", "MISSING", "missing_message", "ENV_PROGRAM", "OfficeError", "OfficeMissing", "Converter",
           "program", "available", "converter", "convert", "convert_many"]

ENV_PROGRAM = "REPORTGEN_SOFFICE"
INSTALL_HINT = "install libreoffice-writer-nogui"
MISSING = f"LibreOffice is not installed ({INSTALL_HINT})"


def missing_message() -> str:
    """MISSING in the current language."""
    return _("LibreOffice is not installed ({hint})").format(hint=INSTALL_HINT)
#: Seconds a run may take: this much, plus PER_FILE for each file of its batch.
TIMEOUT = 60.0
PER_FILE = 30.0
_SLOTS = 64
# Lines LibreOffice prints on every run, which say nothing about the conversion.
_NOISE = ("javaldx", "failed to launch", "warning:")


class OfficeError(RuntimeError):
    """A conversion that could not be done; the message is one line."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


class OfficeMissing(OfficeError):
    """LibreOffice is not installed (or `REPORTGEN_SOFFICE` names no program)."""


def program() -> str | None:
    """The LibreOffice program to run, or None when there is none."""
    configured = os.environ.get(ENV_PROGRAM)
    if configured is not None:
        return shutil.which(configured) if configured.strip() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    """Whether LibreOffice can be run."""
    return program() is not None


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reportgen" / "libreoffice"


def _reason(output: str) -> str:
    """The first line of LibreOffice's output that says something."""
    for line in output.splitlines():
        text = line.strip()
        if text and not any(n in text.lower() for n in _NOISE) and not text.startswith("convert "):
            return text[:160]
    return ""


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Kill a LibreOffice run with its helper processes, and reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    proc.communicate()


class Converter:
    """Converts files with LibreOffice, one run per batch, with one profile for all its runs."""

    def __init__(self, timeout: float = TIMEOUT, per_file: float = PER_FILE) -> None:
        self.timeout, self.per_file = timeout, per_file
        self.runs = 0  # LibreOffice runs started (for tests and benchmarks)
        self._lock = threading.Lock()
        self._profile: Path | None = None
        self._slot: int | None = None  # the file descriptor holding the profile's lock
        self._own_profile = False  # a temporary profile, removed by close()

    def profile(self) -> Path:
        """This converter's LibreOffice profile folder: a free cache slot, else a temporary one."""
        if self._profile is not None:
            return self._profile
        import fcntl

        root = _cache_root()
        try:
            root.mkdir(parents=True, exist_ok=True)
            for i in range(_SLOTS):
                fd = os.open(root / f"profile-{i}.lock", os.O_RDWR | os.O_CREAT, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    os.close(fd)
                    continue
                self._slot, self._profile = fd, root / f"profile-{i}"
                return self._profile
        except OSError:
            pass  # no writable cache: a profile of this process only
        self._profile, self._own_profile = Path(tempfile.mkdtemp(prefix="reportgen-office-")), True
        return self._profile

    def close(self) -> None:
        """Release the profile slot (a temporary profile is removed)."""
        if self._slot is not None:
            os.close(self._slot)
        if self._own_profile and self._profile is not None:
            shutil.rmtree(self._profile, ignore_errors=True)
        self._profile, self._slot, self._own_profile = None, None, False

    def _run(self, soffice: str, inputs: Sequence[Path], fmt: str, outdir: Path,
             infilter: str | None) -> OfficeError | None:
        """One LibreOffice run over `inputs`; the error of the run as a whole, if any."""
        command = [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
                   "--nolockcheck", f"-env:UserInstallation={self.profile().as_uri()}"]
        if infilter:
            command.append(f"--infilter={infilter}")
        command += ["--convert-to", fmt, "--outdir", str(outdir), *map(str, inputs)]
        limit = self.timeout + self.per_file * len(inputs)
        self.runs += 1
        try:
            # Its own process group: on a timeout, LibreOffice's helper processes die with it.
            proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, start_new_session=True)
        except OSError as err:
            return OfficeError(_("LibreOffice could not be started ({value})").format(
                value=err.strerror or err))
        try:
            output, _unused = proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            _kill(proc)
            return OfficeError(_("LibreOffice did not finish within {limit:.0f} s").format(limit=limit))
        except BaseException:  # the caller's own time limit, Ctrl-C: LibreOffice must not stay
            _kill(proc)
            raise
        if proc.returncode != 0:
            reason = _reason(output.decode("utf-8", "replace"))
            if reason:
                return OfficeError(_("LibreOffice failed (exit status {status}: {reason})").format(
                    status=proc.returncode, reason=reason))
            return OfficeError(_("LibreOffice failed (exit status {status})").format(status=proc.returncode))
        return None

    def convert_many(self, files: Sequence[Path], fmt: str, outdir: Path,
                     infilter: str | None = None) -> dict[Path, Path | OfficeError]:
        """Convert each file to `fmt` ("pdf", "docx", ...) into `outdir`, as `<n>.<ext>` for the
        n-th file; the output of each file, or why it has none. OfficeMissing without LibreOffice."""
        soffice = program()
        if soffice is None:
            raise OfficeMissing(missing_message())
        ext = fmt.split(":", 1)[0]
        outdir.mkdir(parents=True, exist_ok=True)
        results: dict[Path, Path | OfficeError] = {}
        with self._lock, tempfile.TemporaryDirectory(prefix="reportgen-office-") as work:
            # Copies with plain names: LibreOffice names outputs by the input's stem, and some
            # characters in a file name confuse its command line.
            staged: list[tuple[Path, Path, Path]] = []
            for n, path in enumerate(files):
                copy = Path(work) / f"{n}{path.suffix.lower()}"
                try:
                    shutil.copyfile(path, copy)
                except OSError as err:
                    results[path] = OfficeError(_("cannot read {path} ({value})").format(
                        path=path, value=err.strerror or err))
                    continue
                staged.append((path, copy, outdir / f"{n}.{ext}"))
            batches = [staged] if staged else []
            while batches:
                batch = batches.pop()
                failure = self._run(soffice, [copy for _, copy, _ in batch], fmt, outdir, infilter)
                missing = [item for item in batch if not item[2].is_file()]
                if failure is not None and len(missing) > 1:
                    batches.extend([item] for item in reversed(missing))  # one by one
                    missing = []
                for path, _unused, out in batch:
                    if out.is_file():
                        results[path] = out
                for path, _unused, _unused in missing:
                    results[path] = failure or OfficeError(_("LibreOffice could not convert it "
                                                           "(damaged, or not a document it reads)"))
        return {path: results[path] for path in files if path in results}

    def convert(self, path: Path, fmt: str, outdir: Path, infilter: str | None = None) -> Path:
        """Convert one file; its output, or OfficeError."""
        result = self.convert_many([path], fmt, outdir, infilter)[path]
        if isinstance(result, OfficeError):
            raise result
        return result


_SHARED: Converter | None = None


def converter() -> Converter:
    """The converter of this process (its profile is kept until the process ends)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = Converter()
    return _SHARED


def convert(path: Path, fmt: str, outdir: Path, infilter: str | None = None) -> Path:
    """`Converter.convert` with this process's converter."""
    return converter().convert(path, fmt, outdir, infilter)


def convert_many(files: Sequence[Path], fmt: str, outdir: Path,
                 infilter: str | None = None) -> dict[Path, Path | OfficeError]:
    """`Converter.convert_many` with this process's converter."""
    return converter().convert_many(files, fmt, outdir, infilter)

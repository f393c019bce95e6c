"""A real CUPS for the printing tests: the two test queues, a stand-in Zebra, cups-pdf's output.

- `cups_available()`: None when a CUPS scheduler runs and can make the queues, else the reason
  (tests skip with it).
- `ensure_queues(zebra_port)`: `ShipDesk-PDF` (cups-pdf, custom page sizes) and `ShipDesk-Zebra`
  (raw, `socket://127.0.0.1:PORT`). Needs root or the lpadmin group, as in CI.
- `ZebraListener`: a TCP server on 127.0.0.1 that keeps every byte of every connection, the way
  a Zebra on port 9100 takes a `socket://` job (connect, write, close).
- `wait_for_pdf_output(since)`: the PDF cups-pdf wrote for a job (its file names are mangled,
  so by time), once complete.

.ci/cups-setup.sh starts cupsd and points cups-pdf's output to /var/spool/cups-pdf/ShipDesk;
on a desktop cups-pdf writes to ~/PDF (its default), which is read from cups-pdf.conf here.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

PDF_QUEUE = "ShipDesk-PDF"
ZEBRA_QUEUE = "ShipDesk-Zebra"
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
COMMAND_TIMEOUT_S = 20
_C_LOCALE = {**os.environ, "LC_ALL": "C", "LANG": "C"}


class CupsSetupError(Exception):
    """The queues could not be made; the message is a skip reason."""


def _run(*command: str, input: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        capture_output=True,
        text=input is None,
        input=input,
        timeout=COMMAND_TIMEOUT_S,
        env=_C_LOCALE,
        check=False,
    )


# -- is there a CUPS? --


def cups_available() -> str | None:
    """None when CUPS runs here with what the tests need; otherwise why not (a skip reason)."""
    for tool in ("lpstat", "lpadmin", "lp", "lpinfo"):
        if shutil.which(tool) is None:
            return f"no CUPS here: `{tool}` is not installed (apt-get install cups cups-client)"
    try:
        status = _run("lpstat", "-r")
    except subprocess.TimeoutExpired:
        return "the CUPS scheduler does not answer `lpstat -r`"
    if "scheduler is running" not in status.stdout or "not running" in status.stdout:
        return "the CUPS scheduler is not running (start it with .ci/cups-setup.sh or `cupsd`)"
    if not CUPS_PDF_BACKEND.exists():
        return "the cups-pdf backend is missing (apt-get install printer-driver-cups-pdf)"
    return None


# -- the queues --


def _cups_pdf_model() -> str:
    """cups-pdf's own PPD ("w/ options": it takes custom page sizes), or any cups-pdf model."""
    models = _run("lpinfo", "-m").stdout.splitlines()
    names = [line.split(maxsplit=1)[0] for line in models if "cups-pdf" in line.lower()]
    for name in names:
        if name.endswith("CUPS-PDF_opt.ppd"):
            return name
    if names:
        return names[0]
    raise CupsSetupError("CUPS offers no cups-pdf printer model (`lpinfo -m | grep -i pdf`)")


def _lpadmin(*args: str) -> None:
    result = _run("lpadmin", *args)
    if result.returncode != 0:
        raise CupsSetupError(
            f"`lpadmin {' '.join(args)}` failed (run the tests as root or in group lpadmin): "
            + result.stderr.strip()
        )


def ensure_queues(zebra_port: int) -> None:
    """(Re)create both test queues; the Zebra queue sends to the listener on `zebra_port`.

    Jobs left over from an earlier run are cancelled first: the raw queue would otherwise
    deliver them to this run's listener.
    """
    for queue in (PDF_QUEUE, ZEBRA_QUEUE):
        _run("cancel", "-a", queue)
    shared = ("-o", "printer-is-shared=false")
    _lpadmin("-p", PDF_QUEUE, "-E", "-v", "cups-pdf:/", "-m", _cups_pdf_model(), *shared)
    # `-m raw` is deprecated in CUPS 2.4 (a warning) but still the way to a raw queue.
    _lpadmin(
        "-p", ZEBRA_QUEUE, "-E", "-v", f"socket://127.0.0.1:{zebra_port}", "-m", "raw", *shared
    )
    for queue in (PDF_QUEUE, ZEBRA_QUEUE):
        _run("cupsenable", queue)
        _run("cupsaccept", queue)
    sizes = _run("lpoptions", "-p", PDF_QUEUE, "-l").stdout
    if "Custom.WIDTHxHEIGHT" not in sizes:
        raise CupsSetupError(f"{PDF_QUEUE}'s printer model takes no custom page sizes")


def queue_job_ids(queue: str, which: str = "all") -> list[str]:
    """Job ids ("QUEUE-12") CUPS lists for `queue`: which = all | not-completed | completed."""
    listing = _run("lpstat", "-W", which, "-o", queue).stdout
    ids = [line.split(maxsplit=1)[0] for line in listing.splitlines() if line.strip()]
    return [job for job in ids if re.fullmatch(re.escape(queue) + r"-\d+", job)]


def wait_for_job_done(job_id: str, timeout: float = 30) -> None:
    """Until CUPS no longer lists the job as pending or processing."""
    queue = job_id.rsplit("-", 1)[0]
    deadline = time.monotonic() + timeout
    while job_id in queue_job_ids(queue, "not-completed"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"CUPS job {job_id} still not done after {timeout} s")
        time.sleep(0.05)


def job_status(job_id: str) -> str:
    """What `lpstat -l` says about a job (its "Status:" line), "" when nothing."""
    listing = _run("lpstat", "-l", "-o", job_id.rsplit("-", 1)[0]).stdout
    lines = iter(listing.splitlines())
    for line in lines:
        if line.split(maxsplit=1)[:1] == [job_id]:
            for detail in lines:
                if not detail.startswith(("\t", " ")):
                    break
                if detail.strip().startswith("Status:"):
                    return detail.split(":", 1)[1].strip()
    return ""


def wait_for_job_status(job_id: str, timeout: float = 15) -> str:
    """The job's status line, once CUPS has one (a backend said something about it)."""
    deadline = time.monotonic() + timeout
    while not (status := job_status(job_id)):
        if time.monotonic() > deadline:
            raise TimeoutError(f"CUPS job {job_id} has no status after {timeout} s")
        time.sleep(0.05)
    return status


# -- a Zebra on the loopback --


class ZebraListener:
    """Accepts connections on 127.0.0.1 and keeps what each one sent, in order."""

    def __init__(self, port: int = 0) -> None:
        self._wanted_port = port
        self._server: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._received: list[bytes] = []
        self._arrived = threading.Condition(self._lock)
        self.port = port

    def start(self) -> ZebraListener:
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # The same port again after stop(): a queue that points at it keeps working.
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self._wanted_port))
        server.listen(8)
        self._server = server
        self.port = self._wanted_port = server.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, name="zebra-listener", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close the port (connections are refused, as by a printer switched off)."""
        if self._server is not None:
            with contextlib.suppress(OSError):  # never connected to: nothing to shut down
                self._server.shutdown(socket.SHUT_RDWR)
            self._server.close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> ZebraListener:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def received(self) -> list[bytes]:
        """The bytes of each finished connection, oldest first."""
        with self._lock:
            return list(self._received)

    def wait_for(self, count: int, timeout: float = 30) -> list[bytes]:
        """The first `count` connections' bytes, waiting for them to arrive."""
        with self._arrived:
            if not self._arrived.wait_for(lambda: len(self._received) >= count, timeout):
                raise TimeoutError(
                    f"the Zebra listener got {len(self._received)} of {count} jobs "
                    f"in {timeout} s (lpstat -t shows where they are)"
                )
            return list(self._received[:count])

    def _serve(self) -> None:
        server = self._server
        assert server is not None
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return  # closed by stop()
            threading.Thread(target=self._read, args=(connection,), daemon=True).start()

    def _read(self, connection: socket.socket) -> None:
        chunks = []
        with connection:
            connection.settimeout(COMMAND_TIMEOUT_S)
            try:
                while chunk := connection.recv(65536):
                    chunks.append(chunk)
            except OSError:
                pass
        data = b"".join(chunks)
        if not data:
            return  # a probe that sent nothing is not a job
        with self._arrived:
            self._received.append(data)
            self._arrived.notify_all()


# -- cups-pdf's output --


def _conf_value(key: str, default: str) -> str:
    try:
        text = CUPS_PDF_CONF.read_text(errors="replace")
    except OSError:
        return default
    for line in text.splitlines():
        parts = line.strip().split(maxsplit=1)
        if len(parts) == 2 and parts[0] == key:
            return parts[1].strip()
    return default


def pdf_output_dirs() -> list[Path]:
    """Where cups-pdf puts this user's jobs: its `Out` and `AnonDirName` settings."""
    home = str(Path.home())
    user = os.environ.get("USER") or Path.home().name
    dirs = []
    for key, default in (("Out", "/var/spool/cups-pdf/${USER}"), ("AnonDirName", "")):
        value = _conf_value(key, default) or "/var/spool/cups-pdf/ANONYMOUS"
        value = value.replace("${HOME}", home).replace("${USER}", user)
        dirs.append(Path(value))
    return list(dict.fromkeys(dirs))


def pdf_outputs_since(since: float) -> list[Path]:
    """cups-pdf files written at or after `since` (time.time()), oldest first."""
    found = []
    for folder in pdf_output_dirs():
        try:
            found += [p for p in folder.glob("*.pdf") if p.stat().st_mtime >= since]
        except OSError:
            continue  # a folder we may not read, or one not made yet
    return sorted(found, key=lambda p: p.stat().st_mtime)


def _complete(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            file.seek(max(0, path.stat().st_size - 1024))
            return b"%%EOF" in file.read()
    except OSError:
        return False


def pdf_output_of(job_id: str, timeout: float = 60) -> Path:
    """The PDF cups-pdf wrote for this job (its name ends in the job's number), once complete:
    found by job, not by time, as other tests (or runs) may print to the same queue."""
    wait_for_job_done(job_id, timeout)
    number = job_id.rsplit("-", 1)[1]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for folder in pdf_output_dirs():
            for path in folder.glob(f"*job_{number}.pdf"):
                if _complete(path):
                    return path
        time.sleep(0.05)
    raise TimeoutError(f"cups-pdf wrote no PDF for job {job_id} in {timeout} s")


def wait_for_pdf_output(since: float, timeout: float = 30, job_id: str | None = None) -> Path:
    """The PDF cups-pdf wrote for `job_id` (by its number), or without one the newest it wrote
    after `since`, once complete."""
    if job_id:
        return pdf_output_of(job_id, timeout)
    deadline = time.monotonic() + timeout
    last: tuple[Path, int] | None = None
    while time.monotonic() < deadline:
        outputs = pdf_outputs_since(since)
        if outputs and _complete(outputs[-1]):
            seen = (outputs[-1], outputs[-1].stat().st_size)
            if seen == last:  # unchanged since the last look: gs is done writing
                return seen[0]
            last = seen
        time.sleep(0.05)
    raise TimeoutError(
        f"cups-pdf wrote no PDF in {timeout} s to {', '.join(map(str, pdf_output_dirs()))} "
        "(see /var/log/cups/error_log and cups-pdf_log)"
    )


def jobs_since(queue: str, before: list[str]) -> list[str]:
    """The queue's jobs that were not there in `before` (a queue_job_ids listing): by id, as
    CUPS forgets its oldest finished jobs once it keeps its maximum."""
    known = set(before)
    return [job for job in queue_job_ids(queue) if job not in known]

"""Logging to a rotating file in the data folder, with secrets and tokens redacted.

Personal data is kept out of log calls at the source (we log order ids and counts, never names
or addresses); the filter below is the safety net for credentials that could slip through in
exception texts or URLs.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from shipdesk.files import make_private

LOG_FILE = "shipdesk.log"

_PATTERNS = [
    # LWA tokens and secrets, whatever wraps them.
    (re.compile(r"Atz[ar]\|[A-Za-z0-9_\-|.+/=]+"), "Atz?|<redacted>"),
    (re.compile(r"amzn1\.oa2-cs\.v1\.[A-Za-z0-9]+"), "<redacted client secret>"),
    # Bearer tokens and JWTs.
    (re.compile(r"(?i)bearer\s+[A-Za-z0-9._\-+/=]+"), "Bearer <redacted>"),
    (re.compile(r"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*"), "<redacted jwt>"),
    # key=value pairs in query strings, form bodies and JSON.
    (
        re.compile(
            r"(?i)(\"?(?:client_secret|refresh_token|access_token|password|api_?key|key|"
            r"secret|spapi_oauth_code|state)\"?\s*[:=]\s*\"?)[^\"&\s,}]+"
        ),
        r"\1<redacted>",
    ),
]


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if record.exc_info and record.exc_info[1] is not None:
            # Render the traceback now so the redaction applies to it as well.
            formatter = logging.Formatter()
            cleaned += "\n" + redact(formatter.formatException(record.exc_info))
            record.exc_info = None
            record.exc_text = None
        record.msg, record.args = cleaned, None
        return True


def setup_logging(log_dir: Path, *, level: int = logging.INFO, stderr: bool = False) -> Path | None:
    """The rotating log file in `log_dir`, or None when it cannot be written (a full disk, a
    read-only folder): then warnings go to stderr, and nobody is pointed at a file that isn't."""
    file_path = log_dir / LOG_FILE
    path: Path | None = file_path
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_shipdesk", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = []
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            str(file_path), maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        make_private(file_path)
    except OSError:
        path = None
        stderr_handler = logging.StreamHandler()
        stderr_handler.setLevel(logging.DEBUG if stderr else logging.WARNING)
        handlers.append(stderr_handler)
    else:
        file_handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
        )
        handlers.append(file_handler)
        if stderr:
            handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.addFilter(RedactingFilter())
        handler._shipdesk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    # A log line that cannot be written (the disk filled up) must not print a traceback.
    logging.raiseExceptions = False
    # werkzeug logs every sandbox request line at INFO; keep the file readable.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    return path

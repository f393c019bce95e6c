"""Files written for the owner (packing slips, diagnostics): whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> Path:
    """Written to a temporary name beside `path` and renamed, so a crash or a full disk never
    leaves half a file under the name the owner chose."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=".shipdesk-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())  # the new content is on disk before its name points at it
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise
    return path


# The shop's data (buyers' names and addresses) is for this OS account alone. On Windows the
# per-user AppData folder already is; on POSIX the modes say so (0700 folders, 0600 files).
PRIVATE_FOLDER, PRIVATE_FILE = 0o700, 0o600


def make_private(path: Path) -> None:
    """Narrow an existing folder or file to this account (POSIX; a no-op elsewhere). A file
    system that keeps no modes (a FAT stick, some network shares) is left as it is."""
    if os.name != "posix":
        return
    with contextlib.suppress(FileNotFoundError, PermissionError, NotImplementedError):
        # Only narrowed: what the owner took away (a read-only folder) is never given back.
        current = path.stat().st_mode & 0o777
        narrowed = current & (PRIVATE_FOLDER if path.is_dir() else PRIVATE_FILE)
        if narrowed != current:
            os.chmod(path, narrowed)


def write_private(path: Path, text: str) -> Path:
    """`text` written atomically to a file only this account can read (mkstemp makes 0600)."""
    return write_atomically(path, text.encode("utf-8"))


def private_folder(path: Path) -> Path:
    """Make `path` (and its missing parents' last part) a folder for this account only."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    make_private(path)
    return path

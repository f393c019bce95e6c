"""Where ShipDesk keeps its files: one data folder per installation (or per --data-dir)."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from shipdesk import APP_NAME
from shipdesk.files import private_folder

DATA_DIR_ENV = "SHIPDESK_DATA_DIR"


class DataFolderError(RuntimeError):
    """The data folder cannot be made or written; `code` (disk_full, read_only, not_a_folder,
    disk_error)
    for the UI, and the message says which folder and what to do."""

    def __init__(self, folder: Path, exc: OSError) -> None:
        reason = exc.strerror or str(exc)
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            self.code = "disk_full"
            text = f"The disk that holds ShipDesk's data folder {folder} is full. Free some "
            text += "space on it, then start ShipDesk again: nothing was lost."
        elif exc.errno in (errno.EEXIST, errno.ENOTDIR) and folder.exists() and not folder.is_dir():
            self.code = "not_a_folder"
            text = f"ShipDesk's data folder {folder} is a file, not a folder. Start ShipDesk "
            text += "with another data folder (--data-dir), or move that file away."
        elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST):
            self.code = "read_only"
            text = f"ShipDesk cannot write to its data folder {folder} ({reason}). Check that "
            text += "this account may write there (and that it is not a read-only disk), or "
            text += "start ShipDesk with another data folder (--data-dir)."
        else:
            self.code = "disk_error"
            text = f"ShipDesk's data folder {folder} could not be used ({reason}). Check the disk "
            text += "(or the network drive) and start ShipDesk again."
        super().__init__(text)
        self.folder = folder


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "shipdesk.sqlite3"

    @property
    def key_record(self) -> Path:
        """Which key opens the data file and where it is kept (never the key itself, except
        wrapped with the owner's passphrase): services/database_key.py."""
        return self.data_dir / "shipdesk.key.json"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @property
    def exports(self) -> Path:
        return self.data_dir / "exports"

    def ensure(self) -> AppPaths:
        """Make the folders; DataFolderError when they cannot be made or written."""
        for folder in (self.data_dir, self.backups, self.logs, self.exports):
            try:
                private_folder(folder)  # buyers' data: this OS account only
            except OSError as exc:
                raise DataFolderError(folder, exc) from exc
        if not os.access(self.data_dir, os.W_OK):  # an existing folder this account can't write
            raise DataFolderError(
                self.data_dir, PermissionError(errno.EACCES, os.strerror(errno.EACCES))
            )
        return self


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def resolve_paths(
    data_dir: str | os.PathLike[str] | None = None, *, demo: bool = False
) -> AppPaths:
    """--data-dir wins, then $SHIPDESK_DATA_DIR, then the OS default.

    Demo mode always gets a folder of its own so sandbox orders never mix with real ones.
    """
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    base = Path(chosen).expanduser() if chosen else default_data_dir()
    if demo and not data_dir:
        base = base / "demo"
    return AppPaths(base.resolve()).ensure()

"""Where ShipDesk keeps its files: one data folder per installation (or per --data-dir)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from shipdesk import APP_NAME

DATA_DIR_ENV = "SHIPDESK_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "shipdesk.sqlite3"

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
        for folder in (self.data_dir, self.backups, self.logs, self.exports):
            folder.mkdir(parents=True, exist_ok=True)
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

"""The errors the layers below raise that the window shows, in one place for the UI.

Each carries a stable `code` (the UI words it in the owner's language) and an English message
with the outside party's own words (the carrier's, Amazon's, the printer's).
"""

from __future__ import annotations

import errno
import sqlite3

from shipdesk.amazon.errors import AmazonError
from shipdesk.carriers.base import CarrierError, CarrierRejected, NotConnected
from shipdesk.keychain import KeychainUnavailable
from shipdesk.paths import AppPaths
from shipdesk.printing.printers import PrintError
from shipdesk.store.database import DatabaseError, database_error


class NoSenderAddress(CarrierError):
    """Labels and packing slips need the shop's own address (Shipping Options, setting 1)."""

    code = "no_sender"

    def __init__(self) -> None:
        super().__init__("Add a sender address in the Shipping Options tab (setting 1) first.")


# What a full or read-only disk says (a network error is an OSError too, without these).
DISK_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EACCES, errno.EPERM, errno.EROFS, errno.EIO}
    | {getattr(errno, "EDQUOT", errno.ENOSPC)}
)


def as_database_error(error: BaseException, paths: AppPaths | None) -> DatabaseError | None:
    """A data-file problem met while working (the disk filled up, the folder became
    read-only), in the words of DatabaseError; None for any other error."""
    if isinstance(error, DatabaseError):
        return error
    disk = isinstance(error, OSError) and error.errno in DISK_ERRNOS
    if isinstance(error, sqlite3.Error) or disk:
        problem = database_error(
            error, paths.database if paths else None, paths.backups if paths else None
        )
        return problem if problem.code != "database_error" else None
    return None


__all__ = [
    "AmazonError",
    "CarrierError",
    "CarrierRejected",
    "DatabaseError",
    "KeychainUnavailable",
    "NoSenderAddress",
    "NotConnected",
    "PrintError",
]

"""The errors the layers below raise that the window shows, in one place for the UI.

Each carries a stable `code` (the UI words it in the owner's language) and an English message
with the outside party's own words (the carrier's, Amazon's, the printer's).

Each class loads with its own layer, when first named here (`errors.CarrierError`, or
`from shipdesk.services.errors import CarrierError`): the window's first paint loads neither
the carriers nor printing (tests/test_startup_imports.py). `is_print_error` and its siblings
tell an error's kind without loading anything: an error of a layer not loaded yet cannot have
been raised.
"""

from __future__ import annotations

import errno
import importlib
import sqlite3
import sys
from typing import TYPE_CHECKING, TypeGuard

if TYPE_CHECKING:
    from shipdesk.amazon.errors import AmazonError as AmazonError
    from shipdesk.carriers.base import CarrierError as CarrierError
    from shipdesk.carriers.base import CarrierRejected as CarrierRejected
    from shipdesk.carriers.base import NotConnected as NotConnected
    from shipdesk.keychain import KeychainUnavailable as KeychainUnavailable
    from shipdesk.paths import AppPaths
    from shipdesk.printing.paper import PrintError as PrintError
    from shipdesk.services.sender_required import NoSenderAddress as NoSenderAddress
    from shipdesk.store.database import DatabaseError as DatabaseError

# Each error class, by the module that defines it.
_HOMES = {
    "AmazonError": "shipdesk.amazon.errors",
    "CarrierError": "shipdesk.carriers.base",
    "CarrierRejected": "shipdesk.carriers.base",
    "NotConnected": "shipdesk.carriers.base",
    "KeychainUnavailable": "shipdesk.keychain",
    "PrintError": "shipdesk.printing.paper",
    "NoSenderAddress": "shipdesk.services.sender_required",
    "DatabaseError": "shipdesk.store.database",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> type[Exception]:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value: type[Exception] = getattr(importlib.import_module(home), name)
    globals()[name] = value  # looked up once
    return value


def _is(error: BaseException, name: str) -> bool:
    module = sys.modules.get(_HOMES[name])
    return module is not None and isinstance(error, getattr(module, name))


def is_print_error(error: BaseException) -> TypeGuard[PrintError]:
    return _is(error, "PrintError")


def is_carrier_error(error: BaseException) -> TypeGuard[CarrierError]:
    return _is(error, "CarrierError")


def is_amazon_error(error: BaseException) -> TypeGuard[AmazonError]:
    return _is(error, "AmazonError")


def is_keychain_unavailable(error: BaseException) -> TypeGuard[KeychainUnavailable]:
    return _is(error, "KeychainUnavailable")


def is_database_error(error: BaseException) -> TypeGuard[DatabaseError]:
    return _is(error, "DatabaseError")


# What a full or read-only disk says (a network error is an OSError too, without these).
DISK_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EACCES, errno.EPERM, errno.EROFS, errno.EIO}
    | {getattr(errno, "EDQUOT", errno.ENOSPC)}
)


def as_database_error(error: BaseException, paths: AppPaths | None) -> DatabaseError | None:
    """A data-file problem met while working (the disk filled up, the folder became
    read-only), in the words of DatabaseError; None for any other error."""
    if is_database_error(error):
        return error
    disk = isinstance(error, OSError) and error.errno in DISK_ERRNOS
    if isinstance(error, sqlite3.Error) or disk:
        from shipdesk.store.database import database_error

        problem = database_error(
            error, paths.database if paths else None, paths.backups if paths else None
        )
        return problem if problem.code != "database_error" else None
    return None

"""The key that opens the data file: made once, kept in the OS keychain, never written plain.

A random 256-bit key encrypts the data file and its backups (SQLCipher). Beside the data file,
`shipdesk.key.json` (the key record) says which key that is and where it is kept, but holds no
key in the clear:

- `keychain`: the key is in the OS keychain, under the record's key id;
- `passphrase`: no keychain on this machine; the key is in the record, wrapped (AES-256-GCM)
  with a key derived from the owner's passphrase by Argon2id (256 MiB, slow on purpose: once
  per start, never per connection);
- `demo`: demo mode's fictional shop, whose key sits beside it (the demo's keychain is memory).

The record also holds a check value (an HMAC of a constant under the key), so a key that was
changed by hand is told apart from a damaged file. The owner's way back when the keychain loses
the key is the recovery key (shown once at setup) or a passphrase-wrapped export.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shipdesk.files import write_private
from shipdesk.keychain import Keychain, KeychainUnavailable
from shipdesk.paths import AppPaths
from shipdesk.store import cipher, conversion
from shipdesk.store.backups import SUFFIX
from shipdesk.store.conversion import ConversionFailed as ConversionFailed

KEYCHAIN_ENTRY = "database-key"
RECORD_FORMAT = "shipdesk-key-record"
EXPORT_FORMAT = "shipdesk-key-export"
PASSPHRASE_ENV = "SHIPDESK_DATABASE_PASSPHRASE"
MIN_PASSPHRASE = 10
_CHECK_LABEL = b"ShipDesk database key check"
_WRAP_AAD = b"ShipDesk database key"
# Argon2id as RFC 9106's second recommendation, with more memory: about 0.5 s on a laptop.
ARGON2 = {"memoryKiB": 262_144, "iterations": 3, "lanes": 4}


class KeyNeeded(Exception):
    """The data file cannot be opened without the owner: `reason` says what is needed.

    - new_passphrase: no keychain; choose a passphrase to protect the key of a new data file;
    - passphrase: no keychain; the passphrase chosen earlier (`wrong`: the one given did not fit);
    - recovery: the key is not where the record says (`detail` says why): the recovery key or
      an export restores it;
    - key_changed: the keychain holds another key than the one the data file was made with.
    """

    def __init__(self, reason: str, detail: str = "", wrong: bool = False) -> None:
        super().__init__(reason if not detail else f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.wrong = wrong


class KeyFileRefused(ValueError):
    """A recovery key, export file or passphrase that does not open this data file; the
    message says which and why."""


@dataclass
class KeyRecord:
    key_id: str
    check: str
    kept: str  # keychain | passphrase | demo
    wrapped: dict[str, Any] | None = None
    demo_key: str | None = None
    recovery_shown: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": RECORD_FORMAT,
            "version": 1,
            "keyId": self.key_id,
            "check": self.check,
            "keptIn": self.kept,
            "recoveryKeyShown": self.recovery_shown,
        }
        if self.wrapped is not None:
            data["wrapped"] = self.wrapped
        if self.demo_key is not None:
            data["demoKey"] = self.demo_key
        return data

    @classmethod
    def from_json(cls, data: Any) -> KeyRecord:
        if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
            raise ValueError("not a ShipDesk key record")
        kept = data.get("keptIn")
        if kept not in ("keychain", "passphrase", "demo"):
            raise ValueError(f"unknown place for the key: {kept!r}")
        return cls(
            key_id=str(data["keyId"]),
            check=str(data["check"]),
            kept=kept,
            wrapped=data.get("wrapped"),
            demo_key=data.get("demoKey"),
            recovery_shown=bool(data.get("recoveryKeyShown")),
        )


def key_check(key: bytes) -> str:
    return hmac.new(key, _CHECK_LABEL, hashlib.sha256).hexdigest()[:32]


# --- the record ------------------------------------------------------------------------------


def read_record(paths: AppPaths) -> KeyRecord | None:
    try:
        text = paths.key_record.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        return KeyRecord.from_json(json.loads(text))
    except (ValueError, KeyError, TypeError) as exc:
        raise KeyNeeded(
            "recovery", f"the key record {paths.key_record.name} cannot be read ({exc})"
        ) from None


def write_record(paths: AppPaths, record: KeyRecord) -> None:
    write_private(paths.key_record, json.dumps(record.to_json(), indent=2) + "\n")


# --- where the key is kept -------------------------------------------------------------------


def _keychain(record_or_id: KeyRecord | str) -> Keychain:
    key_id = record_or_id if isinstance(record_or_id, str) else record_or_id.key_id
    return Keychain(f"key-{key_id}")


def unlock(paths: AppPaths, *, demo: bool = False, passphrase: str | None = None) -> bytes:
    """The key of this data folder's data file, made on first use; a plain data file (and
    its backups) from an older ShipDesk is encrypted on the way. KeyNeeded when the owner
    must help: a passphrase, or the recovery key."""
    record = read_record(paths)
    if record is None:
        if paths.database.exists() and not cipher.is_plain(paths.database) and _has_data(paths):
            raise KeyNeeded(
                "recovery",
                f"the data file is encrypted, and {paths.key_record.name}, which says where "
                "its key is kept, is not in the data folder",
            )
        key = os.urandom(cipher.KEY_BYTES)
        record = _keep(paths, key, demo=demo, passphrase=passphrase)
    else:
        key = _key_from(record, passphrase)
    encrypt_plain_files(paths, key)
    return key


def _has_data(paths: AppPaths) -> bool:
    try:
        return paths.database.stat().st_size > 0
    except OSError:
        return False


def _keep(
    paths: AppPaths,
    key: bytes,
    *,
    demo: bool = False,
    passphrase: str | None = None,
    recovery_shown: bool = False,
) -> KeyRecord:
    """Put `key` where this machine keeps it and write the record saying so."""
    record = KeyRecord(uuid.uuid4().hex, key_check(key), "keychain", recovery_shown=recovery_shown)
    if demo:
        record.kept, record.demo_key, record.recovery_shown = "demo", key.hex(), True
    elif passphrase is not None:
        record.kept, record.wrapped = "passphrase", wrap(key, _checked_new(passphrase))
    else:
        try:
            _keychain(record).put(KEYCHAIN_ENTRY, {"key": key.hex()})
        except KeychainUnavailable as exc:
            raise KeyNeeded("new_passphrase", str(exc)) from None
    write_record(paths, record)
    return record


def _key_from(record: KeyRecord, passphrase: str | None) -> bytes:
    if record.kept == "demo":
        key = _hex_key(record.demo_key)
    elif record.kept == "passphrase":
        if passphrase is None:
            raise KeyNeeded("passphrase")
        try:
            key = unwrap(record.wrapped, passphrase)
        except KeyFileRefused:
            raise KeyNeeded("passphrase", wrong=True) from None
    else:
        try:
            entry = _keychain(record).get(KEYCHAIN_ENTRY)
        except KeychainUnavailable as exc:
            raise KeyNeeded("recovery", str(exc)) from None
        if entry is None:
            raise KeyNeeded("recovery", "the system keychain no longer holds the key")
        key = _hex_key(entry.get("key"))
    if key is None or not hmac.compare_digest(key_check(key), record.check):
        raise KeyNeeded("key_changed")
    return key


def _hex_key(text: Any) -> bytes | None:
    try:
        key = bytes.fromhex(str(text))
    except ValueError:
        return None
    return key if len(key) == cipher.KEY_BYTES else None


def encrypt_plain_files(paths: AppPaths, key: bytes) -> list[Path]:
    """Encrypt the data file and every backup still plain (or half done), each crash-safe."""
    done = []
    files = [paths.database]
    if paths.backups.is_dir():
        files += sorted(p for p in paths.backups.glob(f"*{SUFFIX}") if not p.name.startswith("."))
        files += [
            p.with_name(p.name.removesuffix(conversion.READY))
            for p in paths.backups.glob(f"*{SUFFIX}{conversion.READY}")
        ]
    for path in dict.fromkeys(files):
        if conversion.pending(path) and conversion.encrypt_in_place(path, key):
            done.append(path)
    return done


# --- the owner's ways back: recovery key and passphrase-wrapped export -------------------------


def recovery_key(key: bytes) -> str:
    """The key for a person: base32 with a 3-byte check, in 14 groups of 4 (typos are caught)."""
    check = hashlib.sha256(key).digest()[:3]
    text = base64.b32encode(key + check).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def key_from_recovery(text: str) -> bytes:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")  # base32 has none
    try:
        raw = base64.b32decode(cleaned)
    except (binascii.Error, ValueError):
        raw = b""
    key, check = raw[: cipher.KEY_BYTES], raw[cipher.KEY_BYTES :]
    if len(raw) != cipher.KEY_BYTES + 3 or hashlib.sha256(key).digest()[:3] != check:
        raise KeyFileRefused(
            "That is not a ShipDesk recovery key, or it was mistyped: it has 14 groups of 4 "
            "letters and digits. Check each group against the printout."
        )
    return key


def restore(
    paths: AppPaths, key: bytes, *, passphrase: str | None = None, demo: bool = False
) -> bytes:
    """Take `key` (from a recovery key or an export) as this data folder's key, after
    checking it opens the data file; it is kept in the keychain (or under `passphrase` when
    there is none) and the record is written anew. KeyFileRefused when it does not fit."""
    if _has_data(paths) and not cipher.is_plain(paths.database):
        try:
            cipher.connect(paths.database, key).close()
        except cipher.KeyRefused:
            raise KeyFileRefused(
                f"That key does not open the data file {paths.database}: it belongs to another "
                "data folder, or to a copy made after the key was replaced."
            ) from None
    record = read_record_or_none(paths)
    if record is not None and record.kept == "keychain":
        # The new record names a new entry; an old one that cannot be removed is harmless.
        with contextlib.suppress(KeychainUnavailable):
            _keychain(record).delete(KEYCHAIN_ENTRY)
    _keep(paths, key, demo=demo, passphrase=passphrase, recovery_shown=True)
    encrypt_plain_files(paths, key)
    return key


def read_record_or_none(paths: AppPaths) -> KeyRecord | None:
    try:
        return read_record(paths)
    except KeyNeeded:
        return None


def recovery_pending(paths: AppPaths) -> bool:
    """True until the owner has been shown the recovery key once."""
    record = read_record_or_none(paths)
    return record is not None and not record.recovery_shown


def mark_recovery_shown(paths: AppPaths) -> None:
    record = read_record(paths)
    if record is not None and not record.recovery_shown:
        record.recovery_shown = True
        write_record(paths, record)


def kept_where(paths: AppPaths) -> str:
    record = read_record_or_none(paths)
    return record.kept if record else ""


def export_key(key: bytes, target: Path, passphrase: str) -> Path:
    """The key wrapped with `passphrase` in a file to keep apart from the computer (a USB
    stick, a password manager): with it and the passphrase, a data folder or backup opens on
    another PC."""
    data = {"format": EXPORT_FORMAT, "version": 1, "check": key_check(key)}
    data["wrapped"] = wrap(key, _checked_new(passphrase))
    write_private(target, json.dumps(data, indent=2) + "\n")
    return target


def key_from_export(source: Path, passphrase: str) -> bytes:
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KeyFileRefused(f"The key file {source} cannot be read ({exc}).") from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise KeyFileRefused(f"{source} is not a ShipDesk key export.")
    key = unwrap(data.get("wrapped"), passphrase)
    if not hmac.compare_digest(key_check(key), str(data.get("check"))):
        raise KeyFileRefused(f"The key file {source} is damaged.")
    return key


# --- wrapping with a passphrase ----------------------------------------------------------------


def _checked_new(passphrase: str) -> str:
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyFileRefused(f"Choose a passphrase of at least {MIN_PASSPHRASE} characters.")
    return passphrase


def _derive(passphrase: str, salt: bytes, params: dict[str, Any]) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    return Argon2id(
        salt=salt,
        length=32,
        iterations=int(params["iterations"]),
        lanes=int(params["lanes"]),
        memory_cost=int(params["memoryKiB"]),
    ).derive(passphrase.encode("utf-8"))


def wrap(key: bytes, passphrase: str) -> dict[str, Any]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_derive(passphrase, salt, ARGON2)).encrypt(nonce, key, _WRAP_AAD)
    b64 = base64.b64encode
    return {
        "kdf": "argon2id",
        **ARGON2,
        "salt": b64(salt).decode(),
        "nonce": b64(nonce).decode(),
        "sealed": b64(sealed).decode(),
    }


def unwrap(wrapped: Any, passphrase: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        if not isinstance(wrapped, dict) or wrapped.get("kdf") != "argon2id":
            raise ValueError("unknown wrapping")
        salt, nonce, sealed = (
            base64.b64decode(wrapped[name], validate=True) for name in ("salt", "nonce", "sealed")
        )
        params = {name: int(wrapped[name]) for name in ARGON2}
        if not 8 <= params["memoryKiB"] <= 4_194_304 or not 1 <= params["iterations"] <= 64:
            raise ValueError("implausible key-derivation settings")
        key = AESGCM(_derive(passphrase, salt, params)).decrypt(nonce, sealed, _WRAP_AAD)
    except InvalidTag:
        raise KeyFileRefused("That passphrase is not the one the key was protected with.") from None
    except (KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise KeyFileRefused(f"The wrapped key cannot be read ({exc}).") from None
    if len(key) != cipher.KEY_BYTES:
        raise KeyFileRefused("The wrapped key cannot be read (wrong length).")
    return key

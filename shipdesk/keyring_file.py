"""An encrypted keyring file, for machines without a system keychain (a headless Linux box).

Never chosen by itself: the owner selects it through keyring's own configuration,

    export PYTHON_KEYRING_BACKEND=shipdesk.keyring_file.EncryptedFileKeyring
    export SHIPDESK_KEYRING_PASSPHRASE='a long passphrase'   # from a secret store, not a script

and every `shipdesk` command of that shell then keeps its secrets in one file (default
`keyring.enc` in ShipDesk's default data folder; `SHIPDESK_KEYRING_FILE` names another),
encrypted with AES-256-GCM under a key derived from the passphrase with scrypt. Without the
passphrase the file reads as noise; a wrong one is refused, never overwritten. The file is
private to the account (0600) and replaced whole on every change, so a crash leaves the old one.

Why not keyrings.cryptfile: unmaintained since 2022, and it would add pycryptodome and argon2
to the bundle; `cryptography`, already shipped for the broker, does the same in a page.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import tempfile
from pathlib import Path

import keyring.backend
import keyring.errors
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

PASSPHRASE_ENV = "SHIPDESK_KEYRING_PASSPHRASE"
FILE_ENV = "SHIPDESK_KEYRING_FILE"
FORMAT = "shipdesk-keyring"
VERSION = 1
MIN_PASSPHRASE = 12
# scrypt at 2**15 costs ~50-100 ms and 32 MB once per command: slow to guess, quick to use.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


def default_file() -> Path:
    import platformdirs

    from shipdesk import APP_NAME

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True)) / (
        "keyring.enc"
    )


class EncryptedFileKeyring(keyring.backend.KeyringBackend):
    """keyring's backend interface over one encrypted JSON file."""

    # Below keyring's "no keychain" backend (0): used only when named in keyring's
    # configuration, never as a silent fallback.
    priority = -1

    def __init__(self) -> None:
        super().__init__()
        self.path = Path(os.environ.get(FILE_ENV) or default_file())
        self._key: bytes | None = None
        self._salt = b""

    # -- keyring's interface --
    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(f"{service}\0{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        items = self._read()
        items[f"{service}\0{username}"] = password
        self._write(items)

    def delete_password(self, service: str, username: str) -> None:
        items = self._read()
        if items.pop(f"{service}\0{username}", None) is None:
            raise keyring.errors.PasswordDeleteError(username)
        self._write(items)

    # -- the file --
    def _passphrase(self) -> bytes:
        value = os.environ.get(PASSPHRASE_ENV, "")
        if len(value) < MIN_PASSPHRASE:
            raise keyring.errors.KeyringError(
                f"{PASSPHRASE_ENV} must hold the keyring file's passphrase "
                f"(at least {MIN_PASSPHRASE} characters)"
            )
        return value.encode("utf-8")

    def _derive(self, salt: bytes) -> bytes:
        kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
        return kdf.derive(self._passphrase())

    def _read(self) -> dict[str, str]:
        try:
            envelope = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            self._passphrase()  # say at once when it is missing, not after the first store
            return {}
        except (OSError, ValueError) as exc:
            raise keyring.errors.KeyringError(f"{self.path} cannot be read: {exc}") from None
        try:
            if envelope.get("format") != FORMAT or envelope.get("version") != VERSION:
                raise ValueError("not a ShipDesk keyring file of a version this one reads")
            salt = base64.b64decode(envelope["salt"])
            nonce = base64.b64decode(envelope["nonce"])
            sealed = base64.b64decode(envelope["data"])
        except (KeyError, TypeError, ValueError) as exc:
            raise keyring.errors.KeyringError(f"{self.path} is not readable: {exc}") from None
        if self._key is None or self._salt != salt:  # derived once per file and passphrase
            self._key, self._salt = self._derive(salt), salt
        try:
            plain = AESGCM(self._key).decrypt(nonce, sealed, FORMAT.encode())
        except InvalidTag:
            raise keyring.errors.KeyringError(
                f"the passphrase in {PASSPHRASE_ENV} does not open {self.path}"
            ) from None
        items = json.loads(plain)
        return {str(k): str(v) for k, v in items.items()} if isinstance(items, dict) else {}

    def _write(self, items: dict[str, str]) -> None:
        if self._key is None:  # a new file: a new salt
            self._salt = os.urandom(16)
            self._key = self._derive(self._salt)
        nonce = os.urandom(12)
        sealed = AESGCM(self._key).encrypt(
            nonce, json.dumps(items, sort_keys=True).encode("utf-8"), FORMAT.encode()
        )
        envelope = {
            "format": FORMAT,
            "version": VERSION,
            "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P},
            "salt": base64.b64encode(self._salt).decode(),
            "nonce": base64.b64encode(nonce).decode(),
            "data": base64.b64encode(sealed).decode(),
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=self.path.parent, prefix=".keyring-")
        try:
            os.chmod(partial, 0o600)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(envelope, out)
            os.replace(partial, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(partial)
            raise

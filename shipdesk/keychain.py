"""The only module that talks to the OS keychain (keyring).

Secrets are stored per installation (the data folder's installation id), one JSON entry per
credential set, so a set is written or removed as a whole and two data folders never share
secrets. When no usable keychain exists we raise `KeychainUnavailable`; callers show that
plainly and never fall back to storing secrets anywhere else on their own.
"""

from __future__ import annotations

import json
import os
from typing import Any

import keyring
import keyring.backend
import keyring.errors
from keyring.compat import properties

from shipdesk import APP_NAME

SERVICE = APP_NAME


class KeychainUnavailable(RuntimeError):
    """No OS keychain can be used (none installed, locked, or access refused)."""


class Keychain:
    def __init__(self, installation_id: str, service: str = SERVICE) -> None:
        self._scope = installation_id
        self._service = service

    def _user(self, name: str) -> str:
        return f"{self._scope}:{name}"

    def get(self, name: str) -> dict[str, Any] | None:
        try:
            raw = keyring.get_password(self._service, self._user(name))
        except LOAD_ERRORS as exc:
            raise KeychainUnavailable(_describe(exc)) from None
        if raw is None:
            return None
        try:
            value = json.loads(raw)
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def put(self, name: str, value: dict[str, Any]) -> None:
        try:
            keyring.set_password(self._service, self._user(name), json.dumps(value))
        except LOAD_ERRORS as exc:
            raise KeychainUnavailable(_describe(exc)) from None

    def delete(self, name: str) -> None:
        try:
            keyring.delete_password(self._service, self._user(name))
        except keyring.errors.PasswordDeleteError:
            pass  # already gone: deleting is idempotent
        except LOAD_ERRORS as exc:
            raise KeychainUnavailable(_describe(exc)) from None

    def ensure_usable(self) -> None:
        """KeychainUnavailable now, before anyone types a secret that could not be kept."""
        self.get("probe")

    @staticmethod
    def where() -> str:
        """Where secrets go, for messages: the system keychain, or the encrypted file."""
        try:
            backend = keyring.get_keyring()
        except LOAD_ERRORS:
            return "the system keychain"
        path = getattr(backend, "path", None)
        if type(backend).__name__ == "EncryptedFileKeyring" and path is not None:
            return f"ShipDesk's encrypted keyring file {path}"
        return "the system keychain"

    @staticmethod
    def backend_name() -> str:
        backend = keyring.get_keyring()
        return f"{type(backend).__module__}.{type(backend).__name__}"


# Where a machine has no keychain at all (a headless Linux server), the way out.
NO_KEYCHAIN_HELP = (
    "No system keychain is available on this machine. To keep ShipDesk's secrets in an "
    "encrypted file instead, set PYTHON_KEYRING_BACKEND=shipdesk.keyring_file."
    "EncryptedFileKeyring and SHIPDESK_KEYRING_PASSPHRASE to a long passphrase (see the README, "
    '"Without a system keychain")'
)


# keyring's own failures, and a PYTHON_KEYRING_BACKEND that names nothing loadable.
LOAD_ERRORS = (keyring.errors.KeyringError, ImportError, AttributeError)


def _describe(exc: Exception) -> str:
    # keyring's messages name the backend, never the secret; keep them for support.
    if isinstance(exc, keyring.errors.NoKeyringError):
        return NO_KEYCHAIN_HELP
    chosen = os.environ.get("PYTHON_KEYRING_BACKEND", "")
    if isinstance(exc, (ImportError, AttributeError)):
        return (
            f"PYTHON_KEYRING_BACKEND names {chosen!r}, which cannot be loaded ({exc}). Unset it "
            "to use the system keychain, or set it to shipdesk.keyring_file.EncryptedFileKeyring"
        )
    if chosen.endswith("EncryptedFileKeyring"):
        return f"ShipDesk's encrypted keyring file cannot be used: {exc}"
    return f"The system keychain cannot be used: {exc}"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Secrets held in this process only: demo mode and tests, never a silent fallback."""

    @properties.classproperty
    def priority(cls) -> float:
        # keyring picks among viable backends at random when priorities tie (the failing
        # backend has 0 too): raising makes this one not viable, so only set_keyring uses it.
        raise RuntimeError("only used when set explicitly")

    def __init__(self) -> None:
        super().__init__()
        self._items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self._items.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


def use_memory_keyring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


_session_only = False


def use_session_only_secrets() -> None:
    """The user's explicit choice when no keychain works: secrets in memory, this session only."""
    global _session_only
    use_memory_keyring()
    _session_only = True


def session_only_secrets() -> bool:
    return _session_only

"""A keyring backend in a JSON file, for CLI tests that run ShipDesk in a subprocess.

Selected with PYTHON_KEYRING_BACKEND=tests.support.file_keyring.FileKeyring and the file named
in SHIPDESK_TEST_KEYRING_FILE. Tests only: it stores secrets in plain text on purpose, so the
tests can check what was stored.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring.backend
import keyring.errors


class FileKeyring(keyring.backend.KeyringBackend):
    priority = -1  # viable when named in PYTHON_KEYRING_BACKEND, never chosen by itself

    @property
    def path(self) -> Path:
        return Path(os.environ["SHIPDESK_TEST_KEYRING_FILE"])

    def _load(self) -> dict[str, str]:
        try:
            return json.loads(self.path.read_text())
        except FileNotFoundError:
            return {}

    def _save(self, items: dict[str, str]) -> None:
        self.path.write_text(json.dumps(items))

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\x00{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        items = self._load()
        items[f"{service}\x00{username}"] = password
        self._save(items)

    def delete_password(self, service: str, username: str) -> None:
        items = self._load()
        if items.pop(f"{service}\x00{username}", None) is None:
            raise keyring.errors.PasswordDeleteError(username)
        self._save(items)


def share_keychain(env: dict[str, str]) -> None:
    """Make this test process's in-memory keychain and the CLI's keyring file (named in `env`)
    hold the same entries, as one OS keychain serves every process of a real user: a data
    folder made in the test process opens in the CLI, and the other way round."""
    from shipdesk.keychain import MemoryKeyring

    backend = keyring.get_keyring()
    name = env.get("SHIPDESK_TEST_KEYRING_FILE")
    if not isinstance(backend, MemoryKeyring) or not name:
        return
    path = Path(name)
    try:
        stored = json.loads(path.read_text())
    except FileNotFoundError:
        stored = {}
    for joined, password in stored.items():
        service, _, username = joined.partition("\x00")
        backend._items.setdefault((service, username), password)
    merged = {
        f"{service}\x00{username}": value for (service, username), value in backend._items.items()
    }
    if merged != stored:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(merged))

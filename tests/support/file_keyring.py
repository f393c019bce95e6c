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

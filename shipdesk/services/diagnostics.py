"""Support material: versions and licences, and a diagnostics file without secrets or
personal data."""

from __future__ import annotations

import importlib.metadata as metadata
import io
import json
import platform
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shipdesk import __version__
from shipdesk.files import write_atomically
from shipdesk.keychain import Keychain
from shipdesk.logs import redact
from shipdesk.services.context import AppContext
from shipdesk.store import settings as settings_store
from shipdesk.store.orders import now_iso

# Parts of the app that are not Python packages, with their licences.
BUNDLED_EXTRAS = (
    ("Qt", "{qt}", "LGPL-3.0-only"),
    # Inside the sqlcipher3 wheel: the encryption of the data file, and its crypto library.
    ("SQLCipher (with SQLite {sqlite})", "{sqlcipher}", "BSD-3-Clause (Zetetic LLC)"),
    ("OpenSSL", "{openssl}", "Apache-2.0"),
    ("DejaVu fonts", "2.37", "Bitstream Vera licence; DejaVu changes public domain"),
)
# Settings that could hold personal data or addresses stay out of diagnostics.
PRIVATE_SETTINGS = ("shipping.settings",)


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    license: str


def _license(dist: metadata.Distribution) -> str:
    meta = dist.metadata.json  # PEP 566's JSON form: lower-case keys, lists for repeated ones
    expression = meta.get("license_expression")
    if isinstance(expression, str) and expression:
        return expression
    classifiers = [
        c.split("::")[-1].strip() for c in meta.get("classifier", []) if c.startswith("License")
    ]
    if classifiers:
        return ", ".join(dict.fromkeys(classifiers))
    found = meta.get("license")
    text = found.strip() if isinstance(found, str) else ""
    return text.splitlines()[0][:80] if text else "see the package"


def components() -> list[Component]:
    """ShipDesk's Python dependencies, followed through their own requirements."""
    seen: dict[str, Component] = {}
    pending = ["shipdesk"]
    while pending:
        name = pending.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = Component(dist.metadata["Name"], dist.version, _license(dist))
        for requirement in dist.requires or []:
            if "extra ==" in requirement:
                continue  # test and developer tools are not shipped
            # Requirements for other platforms are simply not installed: skipped above.
            pending.append(re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0])
    found = sorted(seen.values(), key=lambda c: c.name.lower())
    from PySide6.QtCore import qVersion

    from shipdesk.store import cipher

    inside = {"qt": qVersion(), **cipher.versions()}
    found += [
        Component(name, version.format(**inside), licence)
        for name, version, licence in BUNDLED_EXTRAS
    ]
    return found


def environment(ctx: AppContext | None = None) -> dict[str, Any]:
    try:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        qt = {"pyside6": pyside_version, "qt": qVersion()}
    except ImportError:
        qt = {}
    info = {
        "shipdesk": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "keyring_backend": Keychain.backend_name(),
        **qt,
    }
    if ctx is not None:
        info["demo"] = ctx.demo
        info["data_folder"] = _without_home(ctx.paths.data_dir)
    return info


def _without_home(path: Path) -> str:
    """The home folder usually carries the owner's name: shown as ~."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def _counts(ctx: AppContext) -> dict[str, Any]:
    queries = {
        "orders_by_status": "SELECT status, count(*) FROM orders GROUP BY status",
        "labels_by_state": "SELECT state, count(*) FROM labels GROUP BY state",
        "tracking_by_state": "SELECT state, count(*) FROM tracking_outbox GROUP BY state",
        "open_alerts_by_kind": "SELECT kind, count(*) FROM alerts WHERE resolved_at IS NULL "
        "GROUP BY kind",
        "migrations": "SELECT name, applied_at FROM _sqlite_migrations ORDER BY id",
    }
    with ctx.connect() as db:
        return {name: dict(db.execute(sql).fetchall()) for name, sql in queries.items()}


def _settings(ctx: AppContext) -> dict[str, Any]:
    with ctx.connect() as db:
        rows = db.execute("SELECT key FROM settings ORDER BY key").fetchall()
        return {
            key: _redacted(settings_store.get(db, key))
            for (key,) in rows
            if not key.startswith(PRIVATE_SETTINGS)
        }


def _redacted(value: Any) -> Any:
    """Texts through the log redactor (a pending consent link holds its one-time state);
    the structure, and states such as "connected", stay as they are."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: _redacted(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_redacted(item) for item in value]
    return value


def _clean_log(text: str) -> str:
    """Logs never hold secrets or personal data by design; redact once more anyway, and hide
    the owner's name in paths under the home folder."""
    home = str(Path.home())
    text = redact(text)
    return text.replace(home, "~") if len(home) > 1 else text


def diagnostics_zip(ctx: AppContext) -> bytes:
    buffer = io.BytesIO()
    stamp = now_iso()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("about.json", json.dumps({"created": stamp, **environment(ctx)}, indent=2))
        archive.writestr("settings.json", json.dumps(_settings(ctx), indent=2, default=str))
        archive.writestr("counts.json", json.dumps(_counts(ctx), indent=2))
        archive.writestr(
            "components.json", json.dumps([c.__dict__ for c in components()], indent=2)
        )
        for log in sorted(ctx.paths.logs.glob("shipdesk.log*")):
            archive.writestr(f"logs/{log.name}", _clean_log(log.read_text(errors="replace")))
    return buffer.getvalue()


def export_diagnostics(ctx: AppContext, target: Path) -> Path:
    return write_atomically(target, diagnostics_zip(ctx))

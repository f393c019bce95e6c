"""The rule for the addresses ShipDesk sends requests (and secrets) to, wherever they are given:
the settings (`shipdesk endpoints set`, the support dialog) and the environment variables."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """The URL as stored, or ValueError saying what is wrong with it."""
    parts = urlsplit(url.strip())
    try:
        parts.port  # noqa: B018 - reading it checks it
    except ValueError:
        raise ValueError(f"{url!r} has no valid port number") from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(f"{url!r} is not a web address (https://host[:port][/path])")
    if parts.username or parts.password:
        raise ValueError("no user name or password in the address: ShipDesk signs in itself")
    if parts.scheme == "http" and not _loopback(parts.hostname):
        raise ValueError("secrets travel to this address: use https (plain http only on 127.0.0.1)")
    if parts.query or parts.fragment:
        raise ValueError("give the base address only, without ?query or #fragment")
    return url.strip().rstrip("/")

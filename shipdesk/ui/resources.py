"""Icons and other files the UI shows."""

from __future__ import annotations

from pathlib import Path

from shipdesk.resources import resource


def icon_path() -> Path:
    return resource("shipdesk.png")


def amazon_mark_path() -> Path:
    return resource("amazon-order.png")

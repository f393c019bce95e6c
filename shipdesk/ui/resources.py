"""Icons and other files the UI shows."""

from __future__ import annotations

from pathlib import Path

from shipdesk.resources import document, resource


def icon_path() -> Path:
    return resource("shipdesk.png")


def amazon_mark_path() -> Path:
    return resource("amazon-order.png")


def privacy_page(language: str) -> str:
    """The privacy page (docs/privacy.md) in `language` ("nl" or "en"), without its title: the
    file holds both, English first, each under its own second-level heading."""
    text = document("privacy.md").read_text(encoding="utf-8")
    _, _, rest = text.partition("\n## English\n")
    english, _, dutch = rest.partition("\n## Nederlands\n")
    body = dutch if language == "nl" else english.rstrip().removesuffix("---")
    return body.strip() + "\n"

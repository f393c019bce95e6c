"""Whether the first-run guide is still wanted: until the owner finishes or dismisses it."""

from __future__ import annotations

from shipdesk.services.context import AppContext
from shipdesk.store import settings

DONE_KEY = "setup.done"


def dismissed(ctx: AppContext) -> bool:
    with ctx.connect() as db:
        return bool(settings.get(db, DONE_KEY))


def dismiss(ctx: AppContext) -> None:
    with ctx.connect() as db:
        settings.put(db, DONE_KEY, True)

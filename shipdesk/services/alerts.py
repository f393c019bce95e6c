"""What needs the owner's attention now: refused tracking uploads, broken connections."""

from __future__ import annotations

from dataclasses import dataclass

from shipdesk.services import amazon_account, carrier_account
from shipdesk.services.context import AppContext
from shipdesk.store import outbox


@dataclass(frozen=True)
class Alert:
    key: str  # stable: the same problem keeps its key while it lasts
    kind: str  # tracking_upload | amazon_connection | carrier_connection
    order_id: str | None
    detail: str


def current(ctx: AppContext) -> list[Alert]:
    with ctx.connect() as db:
        stored = outbox.open_alerts(db)
    alerts = [
        Alert(f"alert:{row['id']}", row["kind"], row["order_id"], row["message"]) for row in stored
    ]
    amazon = amazon_account.status(ctx)
    if amazon.state == amazon_account.ERROR:
        alerts.append(
            Alert(
                f"amazon:{amazon.error_code}:{amazon.since}",
                "amazon_connection",
                None,
                amazon.error_code or "",
            )
        )
    for carrier in carrier_account.statuses(ctx):
        if carrier.state == carrier_account.ERROR:
            alerts.append(
                Alert(
                    f"carrier:{carrier.carrier}:{carrier.error_code}",
                    "carrier_connection",
                    None,
                    carrier.name,
                )
            )
    return alerts

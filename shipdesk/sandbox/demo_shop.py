"""The demo shop: how its owner set ShipDesk up once (sender, the six settings per carrier,
the carrier rules), so that demo mode opens on a morning's work with both carriers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from shipdesk.domain.routing import CarrierRule
from shipdesk.domain.shipping import DayWindow, SenderAddress

DEMO_MARKETPLACES = ["A1805IZSGTT6HS", "AMEN7PMS3EDWL", "A1PA6795UKMFR9"]  # NL, BE, DE
DEMO_SENDER = SenderAddress(
    None,
    "Petra de Mok",
    "Webwinkel De Mok",
    "Oudegracht",
    "112",
    "",
    "3511 AW",
    "Utrecht",
    "NL",
    "info@demok.example",
    "030 123 4567",
)
# Same day on weekdays for orders placed before 14:00; no neighbours; Saturday where possible.
DEMO_SETTINGS: dict[str, dict[str, Any]] = {
    "dhl": dict(
        default_services=("NBB",),
        same_day=tuple(DayWindow(day < 5, dt.time(0, 0), dt.time(14, 0)) for day in range(7)),
        optional_services=("S",),
        parcel_type="SMALL",
        weight_kg=1.0,
    ),
    # Saturday delivery where GLS has it (Belgium), silently left out elsewhere.
    "gls": dict(optional_services=("SATURDAY",), parcel_type="PARCEL", weight_kg=1.0),
}
DEMO_DEFAULT_CARRIER = "dhl"
DEMO_RULES = (CarrierRule("gls", countries=("BE", "DE", "LU", "FR", "AT")),)

"""Pickup points: finding them at the connected carriers, and putting one on an order's label.

A label delivered to a pickup point holds the point twice: its id in the carrier's pickup
option (what goes to the carrier; the receiver stays the buyer) and the point itself in the
label's `service_point` (its name and address, to show). Both are written together here and by
the edit dialog (labels.save_edit).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from shipdesk.carriers.base import (
    CarrierError,
    CarrierRejected,
    NotConnected,
)
from shipdesk.carriers.base import ServicePointClosed as ServicePointClosed
from shipdesk.carriers.registry import UnknownCarrier, spec
from shipdesk.domain.labels import EDITABLE, Receiver
from shipdesk.domain.options import choose_capability
from shipdesk.domain.service_points import AMAZON_PICKUP_POINT as AMAZON_PICKUP_POINT
from shipdesk.domain.service_points import LOCKER as LOCKER
from shipdesk.domain.service_points import OpeningHours as OpeningHours
from shipdesk.domain.service_points import (
    ServicePoint,
    by_distance,
    point_id_of,
    with_point,
)
from shipdesk.domain.service_points import without_point as without_point
from shipdesk.errors import ServiceError
from shipdesk.keychain import KeychainUnavailable
from shipdesk.services import carrier_account
from shipdesk.services.context import AppContext
from shipdesk.services.drafts import PICKUP_REVIEW as PICKUP_REVIEW  # the draft's review code
from shipdesk.store import labels as label_store
from shipdesk.store.labels import Label
from shipdesk.store.orders import StoredOrder, list_orders
from shipdesk.store.transactions import write_transaction

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 10


class UnknownServicePoint(CarrierRejected):
    """The carrier has no open point with this id (where the order goes)."""

    code = "service_point_unknown"


class PickupNotPossible(CarrierRejected):
    """The carrier delivers this order (its destination, its size) to the door only."""

    code = "service_point_not_possible"


class OrderNotFound(ServiceError):
    code = "order_unknown"


class LabelAlreadyMade(ServiceError):
    """The carrier has the label: its pickup point can no longer change (void it first)."""

    code = "label_made"

    def __init__(self, message: str, *, state: str) -> None:
        super().__init__(message)
        self.state = state


@dataclass
class Finding:
    """Points found, nearest first, each with its carrier; why a carrier could not be asked."""

    points: list[ServicePoint] = field(default_factory=list)
    failures: dict[str, Exception] = field(default_factory=dict)  # carrier key -> error
    asked: tuple[str, ...] = ()  # the carriers asked


def pickup_option(carrier: str) -> str | None:
    """The carrier's option key for delivery to a pickup point (None: it has none)."""
    try:
        return spec(carrier).roles.pickup_point
    except UnknownCarrier:
        return None


def carriers_with_points(ctx: AppContext) -> list[str]:
    """The connected carriers that deliver to pickup points."""
    return [key for key in carrier_account.connected(ctx) if spec(key).roles.pickup_point]


def find(
    ctx: AppContext,
    country: str,
    postcode: str,
    *,
    carrier: str | None = None,
    limit: int = DEFAULT_LIMIT,
    cancel: threading.Event | None = None,
) -> Finding:
    """The pickup points nearest to a postcode: at `carrier`, or at every connected carrier
    that has them (one carrier failing leaves the others' points). NotConnected when there is
    no carrier to ask."""
    country = country.strip().upper()
    if carrier is not None:
        try:
            roles = spec(carrier).roles
        except UnknownCarrier:
            raise NotConnected(f"No carrier {carrier!r} is known.", service=carrier) from None
        if roles.pickup_point is None:
            raise NotConnected(f"{spec(carrier).name} delivers to the door only.", service=carrier)
        keys = [carrier]
    else:
        keys = carriers_with_points(ctx)
        if not keys:
            raise NotConnected("Connect a carrier in the Connections tab first.")
    finding = Finding(asked=tuple(keys))
    for key in keys:
        try:
            client = carrier_account.client(ctx, key)
            finding.points += client.service_points(country, postcode, limit, cancel)
        except (CarrierError, KeychainUnavailable) as exc:
            if isinstance(exc, CarrierError):
                carrier_account.record_error(ctx, exc, key)
            log.info("pickup points at %s failed: %s", key, exc)
            finding.failures[key] = exc
    finding.points = by_distance(finding.points)
    return finding


def look_up(
    ctx: AppContext,
    carrier: str,
    country: str,
    point_id: str,
    postcode: str = "",
    cancel: threading.Event | None = None,
) -> ServicePoint:
    """One point at `carrier`; UnknownServicePoint when it has no such point open there,
    ServicePointClosed when the carrier says it closed."""
    name = spec(carrier).short_name
    client = carrier_account.client(ctx, carrier)
    found = client.service_point(country.strip().upper(), point_id.strip(), postcode, cancel)
    if found is None:
        raise UnknownServicePoint(
            f"{name} has no pickup point {point_id.strip()!r} open in {country.upper()}"
            + (f" near {postcode}" if postcode else "")
            + ". Look for points with `shipdesk servicepoints`.",
            service=carrier,
        )
    return found


# -- on an order's label --


def _label_and_order(ctx: AppContext, order_id: str) -> tuple[Label, StoredOrder]:
    with ctx.connect() as db:
        orders = list_orders(db, [order_id])
        if not orders:
            raise OrderNotFound(f"There is no order {order_id} here.")
        ids = label_store.active_label_ids(db, [order_id])
        labels = label_store.get_labels(db, ids[:1])
    if not labels:
        raise OrderNotFound(
            f"Order {order_id} has no draft label yet (`shipdesk labels create` or the "
            "Orders tab makes one)."
        )
    return labels[0], orders[0]


def set_for_order(
    ctx: AppContext,
    order_id: str,
    point_id: str,
    cancel: threading.Event | None = None,
) -> ServicePoint:
    """Put pickup point `point_id` (of the order's carrier, in its receiver's country) on the
    order's draft label; its review as a pickup-point order is settled."""
    label, order = _label_and_order(ctx, order_id)
    if label.state not in EDITABLE:
        raise LabelAlreadyMade(
            f"The label of order {order_id} is already {label.state} at the carrier, so its "
            "pickup point can no longer change; void the label first "
            "(`shipdesk labels void`).",
            state=label.state,
        )
    carrier = label.carrier
    receiver = Receiver.from_json(label.receiver)
    country = receiver.country_code or order.country_code or ""
    postcode = receiver.postal_code or order.postal_code or ""
    point = look_up(ctx, carrier, country, point_id, postcode, cancel)
    options = _options_for(ctx, label, receiver, point.id, cancel)
    save(ctx, label, options, point)
    return point


def remove_from_order(ctx: AppContext, order_id: str, cancel: threading.Event | None = None):
    """The order's draft goes to the door again."""
    label, _ = _label_and_order(ctx, order_id)
    if label.state not in EDITABLE:
        raise LabelAlreadyMade(
            f"The label of order {order_id} is already {label.state}.", state=label.state
        )
    roles = spec(label.carrier).roles
    capability = _capability(ctx, label, Receiver.from_json(label.receiver), cancel)
    save(ctx, label, without_point(label_options(label), roles, capability), None)


def label_options(label: Label) -> list[tuple[str, str | None]]:
    return label.option_pairs


def _capability(ctx, label, receiver: Receiver, cancel):
    from shipdesk.services.labels import destination_capabilities

    capabilities = destination_capabilities(ctx, receiver, cancel, carrier=label.carrier)
    wanted = label.parcel_type or ""
    return next(
        (c for c in capabilities if c.parcel_type == wanted),
        choose_capability(capabilities, wanted)[0],
    )


def _options_for(ctx, label, receiver: Receiver, point_id: str, cancel):
    carrier = spec(label.carrier)
    capability = _capability(ctx, label, receiver, cancel)
    options = with_point(label_options(label), point_id, carrier.roles, capability)
    if options is None:
        raise PickupNotPossible(
            f"{carrier.short_name} does not deliver this parcel to a pickup point in "
            f"{receiver.country_code} (its size or destination): it goes to the door.",
            service=carrier.key,
        )
    return options


def save(
    ctx: AppContext,
    label: Label,
    options: Sequence[tuple[str, str | None]],
    point: ServicePoint | None,
) -> None:
    review = [n for n in label.review or () if n.get("code") != PICKUP_REVIEW or point is None]
    with ctx.connect() as db, write_transaction(db):
        done = label_store.set_service_point(
            db,
            label.id,
            options=list(options),
            service_point=point.to_json() if point else None,
            review=review,
        )
    if not done:
        raise LabelAlreadyMade(
            f"The label of order {label.order_id} changed meanwhile.", state=label.state
        )


def chosen(label: Label) -> ServicePoint | None:
    """The pickup point a label goes to (None: to the door). The options are what goes to
    the carrier: a stored point whose id is not there is not chosen, and an id there without
    a stored point (typed in by an older version) is shown by its id."""
    if not label.carrier:
        return None
    point_id = point_id_of(label_options(label), spec(label.carrier).roles)
    if not point_id:
        return None
    stored = label.service_point
    point = ServicePoint.from_json(stored) if stored else None
    if point is None or point.id != point_id:
        return ServicePoint(point_id, label.carrier, point_id)
    return point


def today_weekday() -> int:
    return dt.date.today().weekday()

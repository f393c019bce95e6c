"""Today at the desk: what must leave today and by when (per carrier, same-day and Saturday
apart), drafts to review, labels made but not printed, parcels printed but not handed over.
Each figure keeps its orders, so the Overview opens the Orders tab on exactly those."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from shipdesk.carriers.registry import CARRIERS
from shipdesk.domain.shop_time import day_start, local_day, moment
from shipdesk.services.context import AppContext
from shipdesk.store import overview as counts
from shipdesk.store.orders import iso_z

FAR_FUTURE = "9999-12-31T00:00:00Z"


@dataclass(frozen=True)
class Today:
    now: dt.datetime
    # Orders to print that are due by the end of today (late ones too), per carrier ("": no
    # label yet), same-day and Saturday ones apart.
    due: dict[str, tuple[str, ...]] = field(default_factory=dict)
    same_day: tuple[str, ...] = ()
    saturday: tuple[str, ...] = ()
    first_ship_by: dt.datetime | None = None  # the next ship-by moment to come among them
    late: tuple[str, ...] = ()  # of those, already past their ship-by moment
    to_review: tuple[str, ...] = ()
    not_printed: tuple[str, ...] = ()  # labels made, not printed
    not_handed_over: tuple[str, ...] = ()  # printed, not scanned by the carrier yet

    @property
    def due_count(self) -> int:
        return sum(len(v) for v in self.due.values()) + len(self.same_day) + len(self.saturday)


def today(ctx: AppContext, now: dt.datetime | None = None) -> Today:
    now = now or dt.datetime.now(dt.UTC)
    tonight = day_start(local_day(now) + dt.timedelta(days=1))
    with ctx.connect() as db:
        open_orders = counts.to_print(db, iso_z(tonight))
        to_review = counts.in_label_state(db, "needs_review")
        not_printed = counts.in_label_state(db, "created")
        printed = counts.printed_not_scanned(db, FAR_FUTURE)
    moment_now = iso_z(now)  # stored moments compare as text: same format, UTC
    due: dict[str, list[str]] = defaultdict(list)
    same_day, saturday, late = [], [], []
    for order in open_orders:
        spec = CARRIERS.get(order.carrier)
        chosen = set(order.options)
        if spec is not None and spec.roles.same_day in chosen:
            same_day.append(order.order_id)
        elif spec is not None and spec.roles.saturday in chosen:
            saturday.append(order.order_id)
        else:
            due[order.carrier].append(order.order_id)
        if order.ship_by and order.ship_by < moment_now:
            late.append(order.order_id)
    upcoming = [o.ship_by for o in open_orders if o.ship_by and o.ship_by >= moment_now]
    first = upcoming[0] if upcoming else None
    return Today(
        now,
        {carrier: tuple(ids) for carrier, ids in sorted(due.items())},
        tuple(same_day),
        tuple(saturday),
        moment(first),
        tuple(late),
        tuple(to_review),
        tuple(not_printed),
        tuple(order_id for order_id, _ in printed),
    )

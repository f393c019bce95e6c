"""Labels in SQLite: drafts for new orders, and their state as they move on."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from shipdesk.domain.labels import CANCELLED, DRAFT, NEEDS_REVIEW, Draft
from shipdesk.domain.options import Notice
from shipdesk.domain.orders import ITEM_PROBLEMS
from shipdesk.domain.shipping import SenderAddress
from shipdesk.store.connection import Database, chunks
from shipdesk.store.orders import now_iso
from shipdesk.store.records import columns_of

KEEP = object()  # update_draft: leave the label's pickup point as it is


# The columns stored as JSON: empty reads as [] (lists, and the receiver an erasure emptied),
# or as None (objects a label may not have).
JSON_LISTS = frozenset(
    {
        "receiver", "review", "warnings", "options", "tracker_codes", "carrier_label_ids",
        "error_details", "parcel_numbers", "parcel_weights",
    }
)  # fmt: skip
JSON_OBJECTS = frozenset({"sender", "service_point"})


@dataclass(frozen=True)
class Label:
    """A stored label, as read from its row: one field per column (in the table's order), the
    JSON columns parsed. `to_json()` gives the plain mapping the row was read as."""

    id: int
    order_id: str
    package_no: int
    carrier: str
    state: str
    account_number: str | None
    recipient_type: str | None
    receiver: dict[str, Any]  # Receiver.to_json(); erased: only country and business flag
    sender: dict[str, Any] | None  # the SenderAddress it was drafted with
    review: list[dict[str, Any]]  # notices: code, option, detail
    warnings: list[dict[str, Any]]
    product: str | None
    parcel_type: str | None
    options: list[list[str | None]]  # [key, input] pairs
    weight_kg: float | None
    pieces: int
    created_at: str
    updated_at: str
    shipment_id: str | None
    tracker_codes: list[str]
    carrier_label_ids: list[str]
    error_code: str | None
    error_message: str | None
    attempts: int
    edited: int  # 1 once the owner changed it
    note: str
    label_created_at: str | None
    printed_at: str | None
    print_count: int
    shipped_at: str | None
    error_details: list[dict[str, Any]]  # the carrier's refusals, field by field
    parcel_numbers: list[dict[str, str]]
    carrier_confirmed_at: str | None
    carrier_confirm_refused: str | None
    delivery_status: str | None
    first_scan_at: str | None
    delivered_at: str | None
    tracking_event: str | None
    tracking_checked_at: str | None
    service_point: dict[str, Any] | None  # ServicePoint.to_json() of its pickup point
    parcel_weights: list[float]  # each parcel's weight; empty: each weighs weight_kg

    @property
    def option_pairs(self) -> list[tuple[str, str | None]]:
        """The options as (key, input) pairs, as the domain takes them."""
        return [(str(key), value) for key, value in self.options]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Label:
        """The label of a `SELECT * FROM labels` row (JSON columns as stored)."""
        return cls(**columns_of(cls, row, lists=JSON_LISTS, objects=JSON_OBJECTS))

    def to_json(self) -> dict[str, Any]:
        """The label as plain data: its columns by name, the JSON ones parsed (a copy)."""
        return asdict(self)


def _notices(notices: Iterable[Notice]) -> str:
    return json.dumps([{"code": n.code, "option": n.option, "detail": n.detail} for n in notices])


def insert_draft(
    db: Database,
    draft: Draft,
    *,
    carrier: str,
    account_number: str,
    sender: SenderAddress | None,
    weight_kg: float,
    service_point: dict[str, Any] | None = None,
    pieces: int = 1,
) -> bool:
    """Add the draft unless the order already has an active label; the caller owns the
    transaction. True when a draft was added. `service_point`: the pickup point it goes to
    (ServicePoint.to_json()), its id also in the draft's options."""
    stamp = now_iso()
    cursor = db.execute(
        "INSERT INTO labels (order_id, package_no, carrier, state, account_number, "
        "recipient_type, receiver, sender, review, warnings, product, parcel_type, options, "
        "weight_kg, pieces, service_point, created_at, updated_at) "
        "VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        [
            draft.order_id,
            carrier,
            draft.state,
            account_number,
            draft.recipient_type,
            json.dumps(draft.receiver.to_json()),
            json.dumps(asdict(sender)) if sender else None,
            _notices(draft.review),
            _notices(draft.resolution.warnings),
            draft.resolution.product,
            draft.resolution.parcel_type,
            json.dumps([[k, v] for k, v in draft.resolution.options]),
            weight_kg,
            max(1, int(pieces)),
            json.dumps(service_point) if service_point else None,
            stamp,
            stamp,
        ],
    )
    return cursor.rowcount == 1


# Orders whose items cannot be trusted get no label (they are shown with their problem).
_ITEMS_READABLE = "NOT EXISTS (SELECT 1 FROM json_each(o.problems) WHERE value IN ({}))".format(
    ", ".join(f"'{p.value}'" for p in sorted(ITEM_PROBLEMS))
)


_NEEDS_DRAFT = (
    "o.status IN ('UNSHIPPED', 'PARTIALLY_SHIPPED') "
    "AND (o.fulfilled_by = 'MERCHANT' OR o.fulfilled_by IS NULL) "
    f"AND {_ITEMS_READABLE} "
    "AND o.buyer_data_erased_at IS NULL "  # no address to send it to any more
    "AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.order_id = o.order_id "
    "AND l.state != 'cancelled')"
)


def orders_needing_drafts(
    db: Database, limit: int = 10_000, order_ids: Iterable[str] | None = None
) -> list[str]:
    """Merchant-fulfilled orders waiting to ship, with readable items, and no active label
    (all of them, or those of `order_ids`)."""
    if order_ids is None:
        rows = db.execute(
            f"SELECT o.order_id FROM orders o WHERE {_NEEDS_DRAFT} ORDER BY o.created_time LIMIT ?",
            [limit],
        ).fetchall()
        return [r[0] for r in rows]
    found: list[str] = []
    for chunk in chunks(list(order_ids)):
        found += [
            r[0]
            for r in db.execute(
                f"SELECT o.order_id FROM orders o WHERE {_NEEDS_DRAFT} "
                f"AND o.order_id IN ({','.join('?' * len(chunk))}) ORDER BY o.created_time",
                chunk,
            ).fetchall()
        ]
    return found


# Drafts as the settings made them: not edited by the owner, never sent to a carrier.
_FROM_SETTINGS = "state IN ('draft', 'needs_review') AND shipment_id IS NULL"


def drafts_from_settings(
    db: Database,
    order_ids: Iterable[str] | None = None,
    carrier: str | None = None,
) -> tuple[list[str], int]:
    """The orders whose drafts are still as the settings made them, and how many drafts the
    owner edited (those keep the owner's changes); of one carrier, or of all."""
    rows = db.execute(
        f"SELECT order_id, edited FROM labels WHERE {_FROM_SETTINGS} AND "
        "(? IS NULL OR carrier = ?)",
        [carrier, carrier],
    ).fetchall()
    wanted = None if order_ids is None else set(order_ids)
    rows = [r for r in rows if wanted is None or r[0] in wanted]
    return [r[0] for r in rows if not r[1]], sum(1 for r in rows if r[1])


def drop_draft_from_settings(db: Database, order_id: str) -> None:
    """Make room for a draft made anew from changed settings; the caller owns the
    transaction (and inserts the new draft in it)."""
    db.execute(
        f"DELETE FROM labels WHERE order_id = ? AND edited = 0 AND {_FROM_SETTINGS}", [order_id]
    )


def drop_drafts_of_cancelled_orders(db: Database) -> int:
    """Cancelled orders lose their draft (labels already made stay, for the owner to see)."""
    cursor = db.execute(
        "DELETE FROM labels WHERE state IN (?, ?) AND order_id IN "
        "(SELECT order_id FROM orders WHERE status = 'CANCELLED')",
        [DRAFT, NEEDS_REVIEW],
    )
    return cursor.rowcount


def active_labels(db: Database, order_ids: Iterable[str] | None = None) -> dict[str, Label]:
    """The active label of each order, keyed by order id; of every order when None."""
    if order_ids is None:
        rows = db.query("SELECT * FROM labels WHERE state != ?", [CANCELLED])
    else:
        wanted = list(order_ids)
        rows = (
            row
            for chunk in chunks(wanted)
            for row in db.query(
                f"SELECT * FROM labels WHERE state != ? AND order_id IN "
                f"({','.join('?' * len(chunk))})",
                [CANCELLED, *chunk],
            )
        )
    return {row["order_id"]: Label.from_row(row) for row in rows}


def get_labels(db: Database, label_ids: Iterable[int]) -> list[Label]:
    """These labels, in the order asked (unknown ids left out)."""
    wanted = list(label_ids)
    found: dict[int, Label] = {}
    for chunk in chunks(wanted):
        for row in db.query(
            f"SELECT * FROM labels WHERE id IN ({','.join('?' * len(chunk))})", chunk
        ):
            found[row["id"]] = Label.from_row(row)
    return [found[i] for i in wanted if i in found]


def active_label_ids(db: Database, order_ids: Iterable[str]) -> list[int]:
    wanted = list(order_ids)
    ids: list[int] = []
    for chunk in chunks(wanted):
        ids += [
            r[0]
            for r in db.execute(
                f"SELECT id FROM labels WHERE state != ? AND order_id IN "
                f"({','.join('?' * len(chunk))}) ORDER BY id",
                [CANCELLED, *chunk],
            ).fetchall()
        ]
    return ids


def label_ids_in_state(db: Database, states: Iterable[str]) -> list[int]:
    wanted = list(states)
    rows = db.execute(
        f"SELECT id FROM labels WHERE state IN ({','.join('?' * len(wanted))}) ORDER BY id",
        wanted,
    ).fetchall()
    return [r[0] for r in rows]


def start_attempt(db: Database, label_id: int, new_id: str) -> tuple[str, bool]:
    """The shipment id for this attempt, committed before the carrier is called: the stored
    one when an earlier attempt may have reached the carrier (True), else `new_id`."""
    row = db.execute("SELECT shipment_id FROM labels WHERE id = ?", [label_id]).fetchone()
    earlier = row[0] if row else None
    shipment_id = earlier or new_id
    db.execute(
        "UPDATE labels SET shipment_id = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?",
        [shipment_id, now_iso(), label_id],
    )
    return shipment_id, earlier is not None


def mark_created(
    db: Database,
    label_id: int,
    shipment_id: str,
    *,
    product: str,
    tracker_codes: list[str],
    carrier_label_ids: list[str],
    parcel_numbers: Sequence[dict[str, str]] = (),
) -> bool:
    """The carrier made `shipment_id`. False when the owner edited the label meanwhile (the
    edit retired that shipment): the label stays as edited."""
    stamp = now_iso()
    cursor = db.execute(
        "UPDATE labels SET state = 'created', product = COALESCE(NULLIF(?, ''), product), "
        "tracker_codes = ?, carrier_label_ids = ?, parcel_numbers = ?, error_code = NULL, "
        "error_message = NULL, error_details = '[]', "
        "label_created_at = ?, updated_at = ? WHERE id = ? AND shipment_id = ?",
        [
            product,
            json.dumps(tracker_codes),
            json.dumps(carrier_label_ids),
            json.dumps(list(parcel_numbers)),
            stamp,
            stamp,
            label_id,
            shipment_id,
        ],
    )
    return cursor.rowcount == 1


def parcels_of_other_labels(db: Database, label_id: int, numbers: Sequence[str]) -> set[str]:
    """Which of these parcel numbers ShipDesk already has on another label."""
    if not numbers:
        return set()
    rows = db.execute(
        "SELECT DISTINCT j.value FROM labels, json_each(labels.tracker_codes) AS j "
        f"WHERE labels.id != ? AND j.value IN ({','.join('?' * len(numbers))})",
        [label_id, *numbers],
    ).fetchall()
    return {r[0] for r in rows}


# What a draft is made of: a voided label's new draft keeps them (the owner's edits too).
_DRAFT_COLUMNS = (
    "order_id, package_no, carrier, account_number, recipient_type, receiver, sender, review, "
    "warnings, product, parcel_type, options, weight_kg, pieces, edited, note, service_point"
)


def void(db: Database, label_id: int, reason: str) -> int | None:
    """The label is no more (deleted at the carrier, or binned): kept as history, and the
    order gets a draft with the same details to make it again. The id of that draft, or None
    when the label was not one that was made. The caller owns the transaction."""
    stamp = now_iso()
    cursor = db.execute(
        "UPDATE labels SET state = 'cancelled', error_code = 'voided', error_message = ?, "
        "updated_at = ? WHERE id = ? AND state IN ('created', 'printed', 'shipped')",
        [reason, stamp, label_id],
    )
    if cursor.rowcount != 1:
        return None
    cursor = db.execute(
        f"INSERT INTO labels ({_DRAFT_COLUMNS}, state, created_at, updated_at) "
        f"SELECT {_DRAFT_COLUMNS}, 'draft', ?, ? FROM labels WHERE id = ?",
        [stamp, stamp, label_id],
    )
    return cursor.lastrowid


def to_confirm(db: Database, carrier: str, since: str) -> list[dict[str, Any]]:
    """This carrier's labels made since `since`, not yet confirmed to it nor refused by it."""
    rows = db.execute(
        "SELECT id, order_id, carrier_label_ids FROM labels WHERE carrier = ? "
        "AND state IN ('created', 'printed', 'shipped') AND carrier_confirmed_at IS NULL "
        "AND carrier_confirm_refused IS NULL AND label_created_at >= ? ORDER BY id",
        [carrier, since],
    ).fetchall()
    return [
        {"id": r[0], "order_id": r[1], "carrier_label_ids": json.loads(r[2] or "[]")} for r in rows
    ]


def mark_carrier_confirmed(db: Database, label_ids: Iterable[int]) -> None:
    stamp = now_iso()
    for label_id in label_ids:
        db.execute(
            "UPDATE labels SET carrier_confirmed_at = ?, updated_at = ? WHERE id = ?",
            [stamp, stamp, label_id],
        )


def mark_carrier_confirm_refused(db: Database, label_id: int, why: str) -> None:
    db.execute(
        "UPDATE labels SET carrier_confirm_refused = ?, updated_at = ? WHERE id = ?",
        [why, now_iso(), label_id],
    )


def mark_unclear(db: Database, label_id: int, shipment_id: str, message: str) -> bool:
    """The carrier may have made it and cannot tell: held for the owner, never retried by
    itself (the shipment id stays, so a later answer or lookup still finds its label)."""
    cursor = db.execute(
        "UPDATE labels SET state = 'unclear', error_code = 'carrier_unclear', "
        "error_message = ?, error_details = '[]', updated_at = ? "
        "WHERE id = ? AND shipment_id = ?",
        [message, now_iso(), label_id, shipment_id],
    )
    return cursor.rowcount == 1


def release_unclear(db: Database, label_id: int) -> bool:
    """The owner checked at the carrier and found nothing: the label may be made again."""
    cursor = db.execute(
        "UPDATE labels SET state = 'error', shipment_id = NULL, updated_at = ? "
        "WHERE id = ? AND state = 'unclear'",
        [now_iso(), label_id],
    )
    return cursor.rowcount == 1


def mark_failed(
    db: Database,
    label_id: int,
    shipment_id: str,
    code: str,
    message: str,
    *,
    forget_shipment: bool,
    details: Sequence[dict[str, str]] = (),
) -> bool:
    """A failed create. A refused request made nothing at the carrier, so the next attempt
    (after an edit) gets a fresh shipment id; an unclear failure keeps it. `details`: what
    was refused, field by field. False when the owner edited the label meanwhile."""
    cursor = db.execute(
        "UPDATE labels SET state = 'error', error_code = ?, error_message = ?, "
        "error_details = ?, updated_at = ?"
        + (", shipment_id = NULL" if forget_shipment else "")
        + " WHERE id = ? AND shipment_id = ?",
        [code, message, json.dumps(list(details)), now_iso(), label_id, shipment_id],
    )
    return cursor.rowcount == 1


# A label is "shipped" once it is on paper (or the owner said it left) and Amazon was told;
# a label Amazon hears of when it is made (GLS) stays in the work list until it is printed.
def mark_printed(db: Database, label_ids: Iterable[int]) -> None:
    stamp = now_iso()
    for label_id in label_ids:
        db.execute(
            "UPDATE labels SET state = CASE WHEN state = 'created' THEN "
            "(CASE WHEN shipped_at IS NULL THEN 'printed' ELSE 'shipped' END) ELSE state END, "
            "printed_at = ?, print_count = print_count + 1, updated_at = ? WHERE id = ?",
            [stamp, stamp, label_id],
        )


def mark_confirmed(db: Database, label_id: int) -> None:
    """Amazon has the label's tracking number (or had every item as shipped already)."""
    stamp = now_iso()
    db.execute(
        "UPDATE labels SET state = CASE WHEN state = 'printed' THEN 'shipped' ELSE state END, "
        "shipped_at = COALESCE(shipped_at, ?), updated_at = ? WHERE id = ?",
        [stamp, stamp, label_id],
    )


def mark_handed_over(db: Database, label_ids: Iterable[int]) -> None:
    """The owner said these left without printing here ("Mark shipped"): out of the work list."""
    stamp = now_iso()
    for label_id in label_ids:
        db.execute(
            "UPDATE labels SET state = 'shipped', updated_at = ? "
            "WHERE id = ? AND state IN ('created', 'printed')",
            [stamp, label_id],
        )


def update_draft(
    db: Database,
    label_id: int,
    *,
    receiver: dict[str, Any],
    options: list[tuple[str, str | None]],
    parcel_type: str | None,
    weight_kg: float,
    pieces: int,
    note: str,
    carrier: str | None = None,
    account_number: str | None = None,
    service_point: dict[str, Any] | object | None = KEEP,
    parcel_weights: Sequence[float] | object = KEEP,
) -> str | None:
    """The owner's edit: it replaces the draft's values and settles its review.
    `service_point`: the pickup point chosen (None: to the door; KEEP: as it was).
    `parcel_weights`: each parcel's weight (KEEP: as they were, while the number of parcels
    stays; empty: every parcel weighs `weight_kg`).

    An earlier attempt that may have reached the carrier made its shipment with the old
    values: adopting it would print the address the owner just corrected. The edit retires
    that shipment id (returned, for the log), so the next attempt makes a shipment with what
    the owner saved; a shipment the old attempt did make is never printed or handed over."""
    row = db.execute(
        "SELECT shipment_id FROM labels WHERE id = ? AND state IN "
        "('draft', 'needs_review', 'error')",
        [label_id],
    ).fetchone()
    db.execute(
        "UPDATE labels SET receiver = ?, options = ?, parcel_type = ?, weight_kg = ?, "
        "pieces = ?, note = ?, review = '[]', edited = 1, state = 'draft', error_code = NULL, "
        "error_message = NULL, error_details = '[]', shipment_id = NULL, updated_at = ?, "
        "carrier = COALESCE(?, carrier), account_number = COALESCE(?, account_number), "
        "service_point = CASE WHEN ? THEN service_point ELSE ? END, "
        "parcel_weights = CASE WHEN ? THEN (CASE WHEN json_array_length(parcel_weights) = ? "
        "THEN parcel_weights END) ELSE ? END, "
        # Another carrier: the old one's warnings about the settings no longer apply.
        "warnings = CASE WHEN ? IS NOT NULL AND ? != carrier THEN '[]' ELSE warnings END "
        "WHERE id = ? AND state IN ('draft', 'needs_review', 'error')",
        [
            json.dumps(receiver),
            json.dumps([list(o) for o in options]),
            parcel_type,
            weight_kg,
            pieces,
            note,
            now_iso(),
            carrier,
            account_number,
            service_point is KEEP,
            json.dumps(service_point) if isinstance(service_point, dict) else None,
            parcel_weights is KEEP,
            pieces,
            _weights_json(parcel_weights, pieces),
            carrier,
            carrier,
            label_id,
        ],
    )
    return row[0] if row else None


def set_parcel_details(
    db: Database,
    label_ids: Sequence[int],
    *,
    parcel_type: str | None = None,
    weight_kg: float | None = None,
    pieces: int | None = None,
) -> list[int]:
    """A bulk change of size, weight or parcels (None: left as it is) on the labels not made
    yet; their receiver, options and review stay. A refused label becomes a draft again (the
    owner changed it), and an attempt that may have reached the carrier is retired, as with
    an edit. Returns the ids changed; the caller owns the transaction."""
    changed = []
    stamp = now_iso()
    for label_id in label_ids:
        cursor = db.execute(
            "UPDATE labels SET parcel_type = COALESCE(?, parcel_type), "
            "weight_kg = COALESCE(?, weight_kg), pieces = COALESCE(?, pieces), "
            "parcel_weights = CASE WHEN ? IS NULL AND ? IS NULL THEN parcel_weights END, "
            "state = CASE state WHEN 'error' THEN 'draft' ELSE state END, "
            "error_code = NULL, error_message = NULL, error_details = '[]', shipment_id = NULL, "
            "edited = 1, updated_at = ? "
            "WHERE id = ? AND state IN ('draft', 'needs_review', 'error')",
            [parcel_type, weight_kg, pieces, weight_kg, pieces, stamp, label_id],
        )
        if cursor.rowcount:
            changed.append(label_id)
    return changed


def _weights_json(weights: Sequence[float] | object, pieces: int) -> str | None:
    """Each parcel's weight as stored: only for several parcels, one weight each."""
    if not isinstance(weights, Sequence) or pieces < 2 or len(weights) != pieces:
        return None
    return json.dumps([round(float(w), 3) for w in weights])


def set_service_point(
    db: Database,
    label_id: int,
    *,
    options: list[tuple[str, str | None]],
    service_point: dict[str, Any] | None,
    review: Sequence[dict[str, Any]],
) -> bool:
    """A pickup point chosen for a draft (None: back to the door), with the options that
    carry it and the review reasons still open (none left: the draft is ready). An earlier
    attempt's shipment is retired, as by any edit. False when the label is no draft (any
    more); the caller owns the transaction."""
    cursor = db.execute(
        "UPDATE labels SET options = ?, service_point = ?, review = ?, edited = 1, "
        "state = CASE WHEN ? THEN 'needs_review' ELSE 'draft' END, error_code = NULL, "
        "error_message = NULL, error_details = '[]', shipment_id = NULL, updated_at = ? "
        "WHERE id = ? AND state IN ('draft', 'needs_review', 'error')",
        [
            json.dumps([list(o) for o in options]),
            json.dumps(service_point) if service_point else None,
            json.dumps(list(review)),
            bool(review),
            now_iso(),
            label_id,
        ],
    )
    return cursor.rowcount == 1


def save_document(db: Database, carrier_label_id: str, fmt: str, data: bytes) -> None:
    db.execute(
        "INSERT INTO label_documents (carrier_label_id, format, data, fetched_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(carrier_label_id, format) DO UPDATE SET "
        "data = excluded.data, fetched_at = excluded.fetched_at",
        [carrier_label_id, fmt, data, now_iso()],
    )


def document(db: Database, carrier_label_id: str, fmt: str) -> bytes | None:
    row = db.execute(
        "SELECT data FROM label_documents WHERE carrier_label_id = ? AND format = ?",
        [carrier_label_id, fmt],
    ).fetchone()
    return bytes(row[0]) if row else None


def to_follow(
    db: Database, carrier: str, checked_before: str, made_since: str, limit: int
) -> list[dict[str, Any]]:
    """This carrier's labels handed over and not yet delivered, made since `made_since`, not
    asked about since `checked_before`: the least recently asked first."""
    rows = db.execute(
        "SELECT id, order_id, tracker_codes FROM labels WHERE carrier = ? "
        "AND state IN ('printed', 'shipped') AND coalesce(delivery_status, '') != 'delivered' "
        "AND label_created_at >= ? AND coalesce(tracking_checked_at, '') < ? "
        "ORDER BY coalesce(tracking_checked_at, ''), id LIMIT ?",
        [carrier, made_since, checked_before, limit],
    ).fetchall()
    return [{"id": r[0], "order_id": r[1], "tracker_codes": json.loads(r[2] or "[]")} for r in rows]


def record_delivery(
    db: Database,
    label_id: int,
    *,
    status: str,
    first_scan_at: str | None,
    delivered_at: str | None,
    event: str,
    checked_at: str,
) -> None:
    """What the carrier said of the label's parcels (a first scan, once known, is kept)."""
    db.execute(
        "UPDATE labels SET delivery_status = ?, first_scan_at = coalesce(first_scan_at, ?), "
        "delivered_at = ?, tracking_event = ?, tracking_checked_at = ? WHERE id = ?",
        [status, first_scan_at, delivered_at, event, checked_at, label_id],
    )


def mark_checked(db: Database, label_ids: Iterable[int], checked_at: str) -> None:
    """Asked, but the carrier knows nothing of these parcels yet."""
    for label_id in label_ids:
        db.execute("UPDATE labels SET tracking_checked_at = ? WHERE id = ?", [checked_at, label_id])

"""`shipdesk orders list`: the stored orders as a table to read, or every detail as JSON
(`order_json`, what scripts read). `register` gives back the `orders` actions, for the ones
other modules add (commands/servicepoints.py)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from shipdesk.commands.common import EXIT_OK, context, notice_words, table

if TYPE_CHECKING:
    from shipdesk.services.labels import Label
    from shipdesk.services.orders import OrderWithLabel


def register(commands: argparse._SubParsersAction) -> argparse._SubParsersAction:
    orders = commands.add_parser("orders", help="work with the stored orders")
    order_commands = orders.add_subparsers(dest="orders_command", metavar="ACTION", required=True)
    listing = order_commands.add_parser(
        "list",
        help="list the stored orders",
        description="List the stored orders: a table to read, or every detail as JSON.",
    )
    listing.add_argument("--json", action="store_true", help="print the orders as a JSON array")
    listing.set_defaults(handler=cmd_orders)
    return order_commands


def cmd_orders(args: argparse.Namespace) -> int:
    from shipdesk.services.orders import list_orders

    orders = list_orders(context(args))
    if args.json:
        json.dump([order_json(o) for o in orders], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    if not orders:
        print("No orders yet: connect Amazon, then run `shipdesk import`.")
        return EXIT_OK
    print(table([_order_line(o) for o in orders], ORDER_COLUMNS))
    print(f"{len(orders)} orders.")
    return EXIT_OK


ORDER_COLUMNS = ["ORDER", "DATE", "STATE", "SHIP BY", "TO", "CARRIER", "TRACKING", "ATTENTION"]


def _order_line(order: OrderWithLabel) -> list[str]:
    """One order as the owner reads it: what it is, where it goes, where it stands."""
    from shipdesk.services.labels import normalise_postal_code

    label = order.label
    state = order.status.lower()
    if label and order.status in ("UNSHIPPED", "PARTIALLY_SHIPPED", "SHIPPED"):
        state = label.state.replace("_", " ")
    attention = [p.replace("_", " ") for p in order.problems]
    if label and label.state == "error":
        attention.append(label.error_message or "label failed")
    attention += [notice_words(n) for n in (label.review if label else [])]
    postcode = normalise_postal_code(order.postal_code or "", order.country_code or "")
    where = ", ".join(p for p in (postcode, order.city, order.country_code) if p)
    return [
        order.order_id,
        (order.created_time or "")[:10],
        state,
        (order.ship_by_latest or "")[:16].replace("T", " "),
        where[:40],
        (label.carrier if label else "") or "",  # the label's carrier key; blank without one
        " ".join(label.tracker_codes if label else []),
        "; ".join(attention)[:80],
    ]


TRACKING_TO_AMAZON = {"pending": "waiting", "done": "sent", "needs_attention": "refused"}


def order_json(order: OrderWithLabel) -> dict[str, Any]:
    label = order.label
    return {
        "orderId": order.order_id,
        "createdTime": order.created_time,
        "lastUpdatedTime": order.last_updated_time,
        "status": order.status,
        "marketplaceId": order.marketplace_id,
        "fulfilledBy": order.fulfilled_by,
        "programs": order.programs,
        "shipByLatest": order.ship_by_latest,
        "recipientName": order.recipient_name,
        "companyName": order.company_name,
        "addressLines": [
            line for line in (order.address_line1, order.address_line2, order.address_line3) if line
        ],
        "city": order.city,
        "postalCode": order.postal_code,
        "countryCode": order.country_code,
        "problems": order.problems,
        "packages": order.packages,
        "draft": draft_json(label),
        # One per parcel, from the carrier (none before the label is created).
        "trackingNumbers": list(label.tracker_codes) if label else [],
        # `status` is Amazon's, as last imported; this is ours: has Amazon been told?
        "trackingToAmazon": TRACKING_TO_AMAZON.get(order.upload_state or ""),
        # Where the parcel is, from the carrier's track & trace (null before it is asked).
        "deliveryStatus": label.delivery_status if label else None,
        "deliveredAt": label.delivered_at if label else None,
        # The moments the reports count with (null until they happen).
        "carrier": label.carrier if label else None,
        "labelState": label.state if label else None,
        "labelCreatedAt": label.label_created_at if label else None,
        "printedAt": label.printed_at if label else None,
        "trackingSentAt": order.tracking_sent_at,
        "trackingAcceptedAt": order.tracking_accepted_at,
        "firstScanAt": label.first_scan_at if label else None,
        # Name, company, address and phone erased (30 days after delivery, or Amazon asked).
        "buyerDataErased": bool(order.buyer_data_erased_at),
        # Return labels (never sent to Amazon): state made | failed | voided | pending.
        "returnLabels": [
            {
                "state": r.state,
                "carrier": r.carrier,
                "trackingNumbers": r.tracker_codes,
                "createdAt": r.created_at,
                "printedAt": r.printed_at,
                "error": r.error_code,
            }
            for r in order.returns
        ],
        "items": [
            {
                "orderItemId": item.order_item_id,
                "sellerSku": item.seller_sku,
                "asin": item.asin,
                "title": item.title,
                "quantity": item.quantity,
            }
            for item in order.items
        ],
    }


def draft_json(label: Label | None) -> dict[str, Any] | None:
    if label is None:
        return None
    receiver = label.receiver
    return {
        "state": label.state,
        "carrier": label.carrier,
        "accountNumber": label.account_number,
        "recipientType": label.recipient_type,
        "receiver": {
            "firstName": receiver.get("first_name"),
            "lastName": receiver.get("last_name"),
            "companyName": receiver.get("company_name"),
            "street": receiver.get("street"),
            "number": receiver.get("number"),
            "addition": receiver.get("addition"),
            "postalCode": receiver.get("postal_code"),
            "city": receiver.get("city"),
            "countryCode": receiver.get("country_code"),
            "isBusiness": receiver.get("is_business"),
        },
        "needsReview": label.state == "needs_review",
        "review": label.review,
        "product": label.product,
        "options": [{"key": k, "input": v} for k, v in label.options],
        "parcelType": label.parcel_type,
        "weightKg": label.weight_kg,
        "warnings": label.warnings,
        "servicePoint": label.service_point,  # the pickup point it goes to, or null
    }

"""`shipdesk orders list`: the stored orders as a table to read, or every detail as JSON
(`order_json`, what scripts read). `register` gives back the `orders` actions, for the ones
other modules add (commands/servicepoints.py)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from shipdesk.commands.common import EXIT_OK, context, notice_words, table


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

    rows = list_orders(context(args))
    if args.json:
        json.dump([order_json(r) for r in rows], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    if not rows:
        print("No orders yet: connect Amazon, then run `shipdesk import`.")
        return EXIT_OK
    print(table([_order_line(r) for r in rows], ORDER_COLUMNS))
    print(f"{len(rows)} orders.")
    return EXIT_OK


ORDER_COLUMNS = ["ORDER", "DATE", "STATE", "SHIP BY", "TO", "CARRIER", "TRACKING", "ATTENTION"]


def _order_line(row: dict[str, Any]) -> list[str]:
    """One order as the owner reads it: what it is, where it goes, where it stands."""
    from shipdesk.services.labels import normalise_postal_code

    label = row.get("label") or {}
    state = row["status"].lower()
    if label and row["status"] in ("UNSHIPPED", "PARTIALLY_SHIPPED", "SHIPPED"):
        state = label["state"].replace("_", " ")
    attention = [p.replace("_", " ") for p in row["problems"]]
    if label.get("state") == "error":
        attention.append(label.get("error_message") or "label failed")
    attention += [notice_words(n) for n in label.get("review") or []]
    postcode = normalise_postal_code(row["postal_code"] or "", row["country_code"] or "")
    where = ", ".join(p for p in (postcode, row["city"], row["country_code"]) if p)
    return [
        row["order_id"],
        (row["created_time"] or "")[:10],
        state,
        (row["ship_by_latest"] or "")[:16].replace("T", " "),
        where[:40],
        label.get("carrier") or "",  # the label's carrier key; blank without a label
        " ".join(label.get("tracker_codes") or []),
        "; ".join(attention)[:80],
    ]


TRACKING_TO_AMAZON = {"pending": "waiting", "done": "sent", "needs_attention": "refused"}


def order_json(row: dict[str, Any]) -> dict[str, Any]:
    label = row.get("label") or {}
    return {
        "orderId": row["order_id"],
        "createdTime": row["created_time"],
        "lastUpdatedTime": row["last_updated_time"],
        "status": row["status"],
        "marketplaceId": row["marketplace_id"],
        "fulfilledBy": row["fulfilled_by"],
        "programs": row["programs"],
        "shipByLatest": row["ship_by_latest"],
        "recipientName": row["recipient_name"],
        "companyName": row["company_name"],
        "addressLines": [
            line
            for line in (row["address_line1"], row["address_line2"], row["address_line3"])
            if line
        ],
        "city": row["city"],
        "postalCode": row["postal_code"],
        "countryCode": row["country_code"],
        "problems": row["problems"],
        "packages": row["packages"],
        "draft": draft_json(row.get("label")),
        # One per parcel, from the carrier (none before the label is created).
        "trackingNumbers": list(label.get("tracker_codes") or []),
        # `status` is Amazon's, as last imported; this is ours: has Amazon been told?
        "trackingToAmazon": TRACKING_TO_AMAZON.get(row.get("upload_state") or ""),
        # Where the parcel is, from the carrier's track & trace (null before it is asked).
        "deliveryStatus": label.get("delivery_status"),
        "deliveredAt": label.get("delivered_at"),
        # The moments the reports count with (null until they happen).
        "carrier": label.get("carrier"),
        "labelState": label.get("state"),
        "labelCreatedAt": label.get("label_created_at"),
        "printedAt": label.get("printed_at"),
        "trackingSentAt": label.get("tracking_sent_at"),
        "trackingAcceptedAt": label.get("tracking_accepted_at"),
        "firstScanAt": label.get("first_scan_at"),
        # Name, company, address and phone erased (30 days after delivery, or Amazon asked).
        "buyerDataErased": bool(row.get("buyer_data_erased_at")),
        # Return labels (never sent to Amazon): state made | failed | voided | pending.
        "returnLabels": [
            {
                "state": r["state"],
                "carrier": r["carrier"],
                "trackingNumbers": r["tracker_codes"],
                "createdAt": r["created_at"],
                "printedAt": r["printed_at"],
                "error": r["error_code"],
            }
            for r in row.get("returns") or []
        ],
        "items": [
            {
                "orderItemId": item["order_item_id"],
                "sellerSku": item["seller_sku"],
                "asin": item["asin"],
                "title": item["title"],
                "quantity": item["quantity"],
            }
            for item in row["items"]
        ],
    }


def draft_json(label: dict[str, Any] | None) -> dict[str, Any] | None:
    if label is None:
        return None
    receiver = label["receiver"]
    return {
        "state": label["state"],
        "carrier": label["carrier"],
        "accountNumber": label["account_number"],
        "recipientType": label["recipient_type"],
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
        "needsReview": label["state"] == "needs_review",
        "review": label["review"],
        "product": label["product"],
        "options": [{"key": k, "input": v} for k, v in label["options"]],
        "parcelType": label["parcel_type"],
        "weightKg": label["weight_kg"],
        "warnings": label["warnings"],
        "servicePoint": label.get("service_point"),  # the pickup point it goes to, or null
    }

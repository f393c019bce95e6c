"""`shipdesk servicepoints` (the pickup points near a postcode, at one carrier or at every
connected one) and `shipdesk orders set-servicepoint ORDER POINT-ID` (one on an order)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from shipdesk.commands.common import EXIT_OK, CliError, UsageError, context, count_between, table

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def register(commands: argparse._SubParsersAction, order_commands: argparse._SubParsersAction):
    from shipdesk.carriers.registry import CARRIERS

    finder = commands.add_parser(
        "servicepoints",
        help="the carriers' pickup points (ServicePoints, ParcelShops) near a postcode",
        description="The pickup points nearest to a postcode, nearest first, with distance "
        "and today's opening hours: at one carrier, or at every connected carrier that has "
        "them (each point marked with its carrier). Put one on an order with `shipdesk "
        "orders set-servicepoint ORDER POINT-ID`.",
    )
    finder.add_argument("--country", required=True, metavar="CC", help="country code, e.g. NL")
    finder.add_argument("--postcode", required=True, metavar="P", help="postcode, e.g. 3511AB")
    finder.add_argument(
        "--carrier",
        choices=sorted(k for k, c in CARRIERS.items() if c.roles.pickup_point),
        help="only this carrier (default: every connected one)",
    )
    finder.add_argument(
        "--limit",
        type=count_between(1, 50),
        default=10,
        metavar="N",
        help="points per carrier (default 10; some carriers give at most 10)",
    )
    finder.add_argument("--json", action="store_true", help="the points as a JSON array")
    finder.set_defaults(handler=cmd_servicepoints)

    choose = order_commands.add_parser(
        "set-servicepoint",
        help="deliver an order to a pickup point of its carrier",
        description="Put the pickup point POINT-ID (found with `shipdesk servicepoints`) on "
        "the order's draft label: the label goes to that point, the receiver stays the "
        "buyer. The point must be one of the order's carrier, open, in the receiver's "
        "country. A label the carrier already made cannot change (void it first). "
        "`--door` sends it to the door again.",
    )
    choose.add_argument("order", metavar="ORDER", help="Amazon order id")
    choose.add_argument("point", metavar="POINT-ID", nargs="?", help="the pickup point's id")
    choose.add_argument("--door", action="store_true", help="no pickup point: to the door")
    choose.set_defaults(handler=cmd_set_servicepoint)


def _hours_today(point: Any, weekday: int) -> str:
    hours = point.hours_on(weekday)
    if not point.hours:
        return "?"
    return ", ".join(f"{h.opens}-{h.closes}" for h in hours) or "closed"


def _distance(metres: int | None) -> str:
    if metres is None:
        return ""
    return f"{metres} m" if metres < 1000 else f"{metres / 1000:.1f} km"


def cmd_servicepoints(args: argparse.Namespace) -> int:
    from shipdesk.services import service_points
    from shipdesk.services.errors import CarrierError, NotConnected

    country = args.country.strip().upper()
    if len(country) != 2 or not country.isalpha():
        raise UsageError(f"--country {args.country!r} is not a two-letter country code")
    if not args.postcode.strip():
        raise UsageError("--postcode is empty")
    ctx = context(args)
    try:
        finding = service_points.find(
            ctx, country, args.postcode.strip(), carrier=args.carrier, limit=args.limit
        )
    except NotConnected as exc:
        raise CliError(str(exc)) from None
    for key, error in finding.failures.items():
        words = str(error) if isinstance(error, CarrierError) else f"{error}"
        print(f"shipdesk: {key}: no pickup points: {words}", file=sys.stderr)
    if len(finding.failures) == len(finding.asked):  # nobody answered: the job failed
        raise CliError("no carrier could give its pickup points (see above)")
    weekday = service_points.today_weekday()
    if args.json:
        json.dump([p.to_json() for p in finding.points], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    if not finding.points:
        print(f"No pickup points near {args.postcode.strip()} ({country}).")
        return EXIT_OK
    rows = [
        [
            p.carrier,
            p.id,
            p.name + (" (locker)" if p.kind == service_points.LOCKER else ""),
            p.address_line,
            _distance(p.distance_m),
            _hours_today(p, weekday),
        ]
        for p in finding.points
    ]
    print(table(rows, ["CARRIER", "ID", "NAME", "ADDRESS", "DISTANCE", "OPEN TODAY"]))
    return EXIT_OK


def cmd_set_servicepoint(args: argparse.Namespace) -> int:
    from shipdesk.services import service_points
    from shipdesk.services.errors import CarrierError

    if bool(args.point) == bool(args.door):
        raise UsageError("give a POINT-ID, or --door for delivery to the door")
    ctx = context(args)
    try:
        if args.door:
            service_points.remove_from_order(ctx, args.order)
            print(f"{args.order}: to the door.")
            return EXIT_OK
        point = service_points.set_for_order(ctx, args.order, args.point)
    except service_points.ServicePointClosed as exc:
        raise CliError(f"{args.order}: pickup point {args.point} is closed: {exc}") from None
    except (
        service_points.OrderNotFound,
        service_points.LabelAlreadyMade,
        CarrierError,
    ) as exc:
        raise CliError(f"{args.order}: {exc}") from None
    print(f"{args.order}: to {point.name}, {point.address_line} ({point.carrier} {point.id}).")
    return EXIT_OK

"""`shipdesk alerts` and `shipdesk report`: the Overview's alerts and report figures for a
script or support (see services/alerts.py and services/reports.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from shipdesk.commands.common import EXIT_OK, UsageError, context, now_option, qt_for_printing


def register(commands: argparse._SubParsersAction) -> None:
    alerts = commands.add_parser(
        "alerts",
        help="what needs attention now (the Overview's alerts)",
        description="Every alert, each with a stable code, the orders it concerns and what to "
        "do. Exits 0 whether or not there are alerts.",
    )
    add_now(alerts)
    alerts.add_argument("--json", action="store_true", help="as JSON, one object per alert")
    alerts.set_defaults(handler=cmd_alerts)
    report = commands.add_parser(
        "report",
        help="parcels, late shipments, tracking and returns over a period",
        description="The report's figures: dates inclusive, in the shop's time zone "
        "(Europe/Amsterdam); default the last 30 days. No personal data.",
    )
    report.add_argument("--from", dest="first", metavar="DATE", help="first day (YYYY-MM-DD)")
    report.add_argument("--to", dest="last", metavar="DATE", help="last day (YYYY-MM-DD)")
    add_now(report)
    report.add_argument("--json", action="store_true", help="as JSON")
    report.add_argument("--csv", action="store_true", help="as CSV, a line per day and carrier")
    report.set_defaults(handler=cmd_report)


def add_now(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--now",
        metavar="TIME",
        help="judge at this moment, an ISO 8601 time with its UTC offset (default: now)",
    )


def date_arg(text: str | None, option: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r}: give a date like 2026-12-04") from None


def cmd_alerts(args: argparse.Namespace) -> int:
    from shipdesk.services import alerts, printing

    now = now_option(args.now)
    ctx = context(args)
    qt_for_printing()  # to tell a label printer that is gone
    found = alerts.current(
        ctx, now, printers=lambda: [p.name for p in printing.available_printers()]
    )
    if args.json:
        json.dump([a.to_json() for a in found], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    if not found:
        print("No alerts.")
        return EXIT_OK
    for alert in found:
        orders = ""
        if alert.orders:
            shown = ", ".join(alert.orders[:5])
            more = f" and {len(alert.orders) - 5} more" if len(alert.orders) > 5 else ""
            orders = f" ({len(alert.orders)}: {shown}{more})"
        about = f" [{alert.detail}]" if alert.detail else ""
        seen = " (acknowledged)" if alert.acknowledged else ""
        print(f"{alert.severity}: {alert.code}{about}{orders}{seen}: {alerts.TODO[alert.code]}")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from shipdesk.services import reports

    first, last = date_arg(args.first, "--from"), date_arg(args.last, "--to")
    now = now_option(args.now)
    ctx = context(args)
    try:
        result = reports.report(ctx, first, last, now)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        json.dump(result.to_json(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return EXIT_OK
    if args.csv:
        sys.stdout.write(result.csv())
        return EXIT_OK
    total = result.total
    print(f"{result.first} to {result.last} (Europe/Amsterdam)")
    print(f"Parcels: {total.parcels} on {total.labels} labels; returns: {total.returns}")
    print(
        f"Late shipments: {total.late} of {total.due} due ({_percent(total.late_rate)}; "
        f"Amazon's limit {reports.LATE_SHIPMENT_LIMIT:.0%})"
        + (
            f", {total.shipped_elsewhere} shipped outside ShipDesk"
            if total.shipped_elsewhere
            else ""
        )
    )
    print(
        f"Valid tracking: {total.valid} of {total.confirmed - total.awaiting_scan} "
        f"({_percent(total.valid_rate)}; Amazon's target {reports.VALID_TRACKING_TARGET:.0%}), "
        f"{total.awaiting_scan} awaiting a first scan; sent on time: {total.sent_on_time} of "
        f"{total.confirmed}"
    )
    for carrier, counts in sorted(result.carriers.items()):
        print(
            f"  {carrier}: {counts.parcels} parcels, late {_percent(counts.late_rate)}, "
            f"valid tracking {_percent(counts.valid_rate)}, {counts.returns} returns"
        )
    times = ", ".join(
        f"{step} {hours:g} h" for step, hours in result.times.items() if hours is not None
    )
    print(f"Median hours: {times or 'none yet'}")
    return EXIT_OK


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"

"""`shipdesk endpoints [set | reset]`: where Amazon, LWA, the broker and the carriers are,
and where each address comes from."""

from __future__ import annotations

import argparse

from shipdesk.carriers.registry import CARRIERS
from shipdesk.commands.common import EXIT_OK, CliError, context


def register(commands: argparse._SubParsersAction) -> None:
    endpoints = commands.add_parser(
        "endpoints",
        help="show or set where Amazon, LWA, the broker and the carriers are",
        description="Without an action: each service's address and where it comes from. "
        "Environment variables (SHIPDESK_*_ENDPOINT, SHIPDESK_BROKER_URL) win over what is "
        "set here; what is set here wins over the built-in production addresses.",
    )
    endpoint_commands = endpoints.add_subparsers(dest="endpoints_command", metavar="ACTION")
    set_endpoint = endpoint_commands.add_parser("set", help="store an address in the settings")
    set_endpoint.add_argument("name", choices=("amazon", "lwa", "broker", *CARRIERS))
    set_endpoint.add_argument("url", help="base address, https:// (http:// only on 127.0.0.1)")
    reset_endpoint = endpoint_commands.add_parser(
        "reset", help="forget a stored address (back to the default)"
    )
    reset_endpoint.add_argument("name", choices=("amazon", "lwa", "broker", *CARRIERS))
    endpoints.set_defaults(handler=cmd_endpoints)


def cmd_endpoints(args: argparse.Namespace) -> int:
    from shipdesk.services import endpoints

    ctx = context(args)
    try:
        if args.endpoints_command == "set":
            endpoints.set_endpoint(ctx, args.name, args.url)
        elif args.endpoints_command == "reset":
            endpoints.reset_endpoint(ctx, args.name)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    for endpoint in endpoints.describe(ctx):
        print(f"{endpoint.name:<7} {endpoint.url or '-':<45} {endpoint.source}")
    return EXIT_OK

"""`shipdesk connect amazon | <carrier>`: connect (or disconnect) the Amazon seller account,
through ShipDesk's connection service or the seller's own app, and each carrier's account."""

from __future__ import annotations

import argparse
import sys

from shipdesk.carriers.registry import CARRIERS
from shipdesk.commands.common import (
    EXIT_OK,
    Ask,
    CliError,
    UsageError,
    carrier_said,
    context,
    read_secret_lines,
)

# Where secrets go (shipdesk/keychain.py, through keyring; Keychain.where() says which).
KEYCHAIN_WORDS = (
    "the OS keychain (Windows Credential Manager, macOS Keychain, or the Secret Service on "
    "Linux, such as GNOME Keyring), or in ShipDesk's encrypted keyring file when "
    "PYTHON_KEYRING_BACKEND chooses it (see the README)"
)


def register(commands: argparse._SubParsersAction) -> None:
    connect = commands.add_parser("connect", help="connect an account (Amazon, carriers)")
    accounts = connect.add_subparsers(dest="account", metavar="ACCOUNT", required=True)
    amazon = accounts.add_parser(
        "amazon",
        help="connect the Amazon seller account",
        description="Connect the Amazon seller account through ShipDesk's connection service: "
        "prints the Seller Central consent page to open in a browser on this computer, then "
        "waits (at most 10 minutes) until Amazon's consent comes back to this command, which "
        "completes the connection. With --no-wait (a browser elsewhere), Amazon's page shows "
        "a one-time code afterwards: complete with --confirm --code CODE. With --own-app: "
        "a seller's own private SP-API app; reads the LWA "
        "client id, client secret and refresh token (asked for, or three lines on stdin), "
        f"checks them with Login with Amazon and stores them in {KEYCHAIN_WORDS}.",
    )
    amazon.add_argument(
        "--own-app",
        action="store_true",
        help="use my own private SP-API app (self-authorized)",
    )
    amazon.add_argument(
        "--customer-number",
        metavar="NUMBER",
        help="the carrier customer number to link with the Amazon account",
    )
    amazon.add_argument(
        "--no-wait",
        action="store_true",
        help="print the consent page and exit; the page shows a code after the consent: "
        "run again with --confirm --code CODE",
    )
    amazon.add_argument(
        "--confirm",
        action="store_true",
        help="complete a consent started with --no-wait (with --code), or check how it stands",
    )
    amazon.add_argument(
        "--code",
        metavar="CODE",
        help="the one-time code Amazon's page showed after the consent (type it only here)",
    )
    amazon.add_argument(
        "--disconnect", action="store_true", help="end the Amazon connection (orders stay)"
    )

    for carrier in CARRIERS.values():
        required = [f.prompt for f in carrier.credentials if not f.optional]
        optional = [f.prompt for f in carrier.credentials if f.optional]
        asked = " and ".join(required) + "".join(f", and the {p} if any" for p in optional)
        carrier_parser = accounts.add_parser(
            carrier.key,
            help=f"connect {carrier.name}",
            description=f"Reads the {asked} (asked for, or one line each on stdin"
            + ("; an empty line when there is none" if optional else "")
            + f"), logs in at {carrier.short_name} to check them, "
            f"stores them in {KEYCHAIN_WORDS}, and prints the account's customer numbers.",
        )
        carrier_parser.add_argument(
            "--customer-number",
            metavar="NUMBER",
            help="the customer number to make labels on and link with Amazon (default: the "
            "first of the account)",
        )
        carrier_parser.add_argument(
            "--disconnect",
            action="store_true",
            help=f"remove the {carrier.short_name} connection (labels already made stay)",
        )
    connect.set_defaults(handler=cmd_connect)


def cmd_connect(args: argparse.Namespace) -> int:
    from shipdesk.amazon.errors import AmazonError
    from shipdesk.keychain import KeychainUnavailable

    ctx = context(args)
    if not getattr(args, "disconnect", False):
        try:  # before asking for secrets that could not be kept
            ctx.keychain.ensure_usable()
        except KeychainUnavailable as exc:
            raise CliError(f"{exc}. Nothing was stored.") from None
    if args.account in CARRIERS:
        return _connect_carrier(ctx, args)
    try:
        if args.disconnect:
            return _disconnect_amazon(ctx)
        if args.own_app:
            return _connect_own_app(ctx)
        return _connect_through_broker(ctx, args)
    except AmazonError as exc:
        raise CliError(str(exc)) from None
    except KeychainUnavailable as exc:
        raise CliError(f"{exc}. Nothing was stored.") from None


def _connect_carrier(ctx, args: argparse.Namespace) -> int:
    from shipdesk.carriers.base import CarrierError
    from shipdesk.keychain import KeychainUnavailable
    from shipdesk.services import amazon_account, carrier_account

    carrier = CARRIERS[args.account]
    if args.disconnect:
        carrier_account.disconnect(ctx, carrier.key)
        print(f"{carrier.name} disconnected. Labels already made stay.")
        return EXIT_OK
    fields = carrier.credentials
    values = read_secret_lines(fields)  # as the carrier declares them: required, optional
    try:
        accounts = carrier_account.connect(
            ctx,
            carrier.key,
            {f.key: v for f, v in zip(fields, values, strict=True)},
            account_number=args.customer_number,
        )
    except CarrierError as exc:
        raise CliError(carrier_said(exc.code, str(exc), carrier.short_name)) from None
    except carrier_account.UnknownAccountNumber as exc:
        raise CliError(f"{exc}. Nothing was stored.") from None
    except KeychainUnavailable as exc:
        raise CliError(f"{exc}. Nothing was stored.") from None
    if args.customer_number:
        amazon_account.set_customer_number(ctx, args.customer_number)
    print(
        f"{carrier.name} connected; customer numbers: {', '.join(accounts)}; labels made on "
        f"{carrier_account.account_number(ctx, carrier.key)}; linked to Amazon: "
        f"{amazon_account.customer_number(ctx)}; credentials stored in {ctx.keychain.where()}."
    )
    return EXIT_OK


def _disconnect_amazon(ctx) -> int:
    from shipdesk.services import amazon_account

    amazon_account.disconnect(ctx)
    print(
        "Amazon disconnected. Imported orders stay. To remove ShipDesk's access at Amazon too: "
        "Seller Central → Apps and Services → Manage Your Apps."
    )
    return EXIT_OK


def _connect_through_broker(ctx, args: argparse.Namespace) -> int:
    from shipdesk.services import amazon_account

    if args.customer_number:
        try:
            amazon_account.set_customer_number(ctx, args.customer_number)
        except ValueError as exc:
            raise CliError(str(exc)) from None
    if args.code and not args.confirm:
        raise UsageError("--code goes with --confirm")
    if args.confirm:
        if args.code:
            state = amazon_account.complete_broker_connection(ctx, args.code)
        else:
            state = amazon_account.confirm_broker_connection(ctx)
        return _said_connection(state, typed=True)
    if not amazon_account.customer_number(ctx):
        raise CliError("give the carrier customer number to link: --customer-number NUMBER")
    url = amazon_account.start_broker_connection(ctx, loopback=not args.no_wait)
    if args.no_wait:
        print(
            "Open this page (on any device), sign in to Seller Central and confirm:\n"
            f"{url}\n"
            "Amazon's page then shows a code. Complete with:\n"
            "  shipdesk connect amazon --confirm --code CODE\n"
            "Type the code only into ShipDesk on this computer; never give it to anyone.",
            flush=True,
        )
        return EXIT_OK
    print(
        "Open this page in a browser on this computer, sign in to Seller Central and confirm:\n"
        f"{url}",
        flush=True,
    )
    print("waiting for the consent in Seller Central…", file=sys.stderr, flush=True)
    try:
        state = amazon_account.wait_for_handback(ctx, 11 * 60)
    finally:
        amazon_account.forget_pending_consent(ctx)
    return _said_connection(state, typed=False)


def _said_connection(state, *, typed: bool) -> int:
    from shipdesk.services import amazon_account

    if state.state == amazon_account.CONNECTED:
        print(f"Amazon connected (seller {state.selling_partner_id}).")
        return EXIT_OK
    if state.state == amazon_account.PENDING:
        if typed:
            raise CliError(
                "not connected yet: give the code Amazon's page showed after the consent "
                "(--confirm --code CODE)"
            )
        raise CliError("Amazon's consent did not come back in time; start again")
    raise CliError(f"the connection did not complete ({state.error_code}); start again")


def _connect_own_app(ctx) -> int:
    from shipdesk.amazon.lwa import LwaCredentials
    from shipdesk.services import amazon_account

    client_id, client_secret, refresh_token = read_secret_lines(
        [Ask("LWA client id", secret=False), Ask("LWA client secret"), Ask("Refresh token")]
    )
    if not refresh_token.startswith("Atzr|"):
        raise CliError(
            "the refresh token should start with 'Atzr|' (Seller Central → Develop "
            "Apps → Authorize)"
        )
    credentials = LwaCredentials(client_id, client_secret, refresh_token)
    amazon_account.connect_own_app(ctx, credentials)
    print(
        f"Amazon connected with your own SP-API app; credentials stored in {ctx.keychain.where()}."
    )
    return EXIT_OK

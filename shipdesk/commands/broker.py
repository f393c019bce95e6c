"""`shipdesk broker` (and the `shipdesk-broker` script): the hosted authorization broker
(shipdesk/broker/), served with waitress; a new key, or the stored tokens re-encrypted."""

from __future__ import annotations

import argparse
import logging

from shipdesk.commands.common import EXIT_OK, CliError


def register(commands: argparse._SubParsersAction) -> None:
    broker = commands.add_parser(
        "broker",
        help="run ShipDesk's authorization broker (for the ShipDesk vendor)",
        description="Serve the authorization broker with waitress. Configuration comes from "
        "SHIPDESK_BROKER_* environment variables (see README).",
    )
    broker.add_argument("--host", default="127.0.0.1")
    broker.add_argument("--port", type=int, default=8080)
    broker.add_argument("--threads", type=int, default=8)
    broker.add_argument(
        "--trusted-proxy",
        metavar="ADDR",
        help="address of the TLS reverse proxy whose X-Forwarded-For to trust",
    )
    broker.add_argument(
        "--new-key", action="store_true", help="print a new encryption key and exit"
    )
    broker.add_argument(
        "--reencrypt",
        action="store_true",
        help="re-encrypt the stored refresh tokens with the first key of "
        "SHIPDESK_BROKER_ENCRYPTION_KEYS and exit (after adding a new key)",
    )
    broker.set_defaults(handler=cmd_broker)


def cmd_broker(args: argparse.Namespace) -> int:
    from shipdesk.broker.config import BrokerConfig, ConfigError
    from shipdesk.broker.crypto import new_key
    from shipdesk.broker.server import serve

    if args.new_key:
        print(new_key())
        return EXIT_OK
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    from shipdesk.logs import RedactingFilter

    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactingFilter())
    try:
        config = BrokerConfig.from_env()
        if args.reencrypt:
            from shipdesk.broker.crypto import SecretBox
            from shipdesk.broker.store import BrokerStore

            store = BrokerStore(config.database)
            box = SecretBox(config.encryption_keys)
            unreadable, stored = store.unreadable_tokens(box.decrypt)
            if unreadable:
                raise CliError(
                    f"{unreadable} of the {stored} stored refresh tokens cannot be opened with "
                    "the keys given, so nothing was changed. Give the new key first and the old "
                    "one after it: SHIPDESK_BROKER_ENCRYPTION_KEYS=NEW_KEY,OLD_KEY"
                )
            count = store.reencrypt(box.rotate)
            print(f"Re-encrypted {count} refresh tokens with the first key.")
            return EXIT_OK
        serve(config, args.host, args.port, args.threads, args.trusted_proxy)
    except ConfigError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"cannot listen on {args.host}:{args.port}: {exc}") from None
    return EXIT_OK

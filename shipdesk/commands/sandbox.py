"""`shipdesk sandbox`: the sandbox servers that stand in for Amazon, LWA, Seller Central and
the carriers (shipdesk/sandbox/), on loopback until interrupted."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import threading

from shipdesk.commands.common import EXIT_OK, CliError


def register(commands: argparse._SubParsersAction) -> None:
    sandbox = commands.add_parser(
        "sandbox",
        help="run the sandbox servers that stand in for Amazon and the carriers",
        description="Run the sandbox servers on loopback and print one JSON line with their "
        "base URLs and the credentials they accept; serve until interrupted.",
    )
    sandbox.add_argument("--host", default="127.0.0.1")
    sandbox.add_argument(
        "--port",
        type=int,
        default=0,
        help="first port (services use consecutive ports); 0: free ports",
    )
    sandbox.add_argument(
        "--orders",
        type=int,
        default=250,
        metavar="N",
        help="number of generated orders (default 250)",
    )
    sandbox.add_argument("--seed", type=int, default=1, metavar="S")
    sandbox.add_argument(
        "--rate-limits",
        choices=("amazon", "off"),
        default="amazon",
        help="Amazon's published rate limits, or none",
    )
    sandbox.add_argument(
        "--time-scale",
        type=float,
        default=1.0,
        metavar="K",
        help="run the clocks of rate limits and time rules K times faster",
    )
    sandbox.add_argument(
        "--fault-rate",
        type=float,
        default=0.0,
        metavar="P",
        help="share of requests that fail (5xx, 429, slow, dropped, bad JSON)",
    )
    sandbox.add_argument(
        "--latency",
        type=float,
        default=0.0,
        metavar="MS",
        help="add this many milliseconds to every answer (a network's round trip)",
    )
    sandbox.add_argument(
        "--days", type=float, default=7.0, help="spread the generated orders over this many days"
    )
    sandbox.add_argument(
        "--env-file",
        metavar="FILE",
        help="also write `export` lines for a shell once the servers listen: ShipDesk's "
        "endpoint variables pointed at the sandbox, and its test credentials (SANDBOX_*)",
    )
    sandbox.set_defaults(handler=cmd_sandbox)


def cmd_sandbox(args: argparse.Namespace) -> int:
    from shipdesk.sandbox.server import Sandbox, SandboxOptions

    if not 0 <= args.fault_rate <= 1:
        raise CliError("--fault-rate must be between 0 and 1")
    if args.time_scale <= 0:
        raise CliError("--time-scale must be greater than 0")
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    sandbox = Sandbox(
        SandboxOptions(
            host=args.host,
            port=args.port,
            orders=args.orders,
            seed=args.seed,
            rate_limits=args.rate_limits == "amazon",
            time_scale=args.time_scale,
            fault_rate=args.fault_rate,
            order_days=args.days,
            latency_ms=args.latency,
        )
    )
    try:
        sandbox.start()
    except OSError as exc:
        raise CliError(f"cannot start the sandbox on {args.host}:{args.port}: {exc}") from None
    print(json.dumps(sandbox.describe()), flush=True)
    if args.env_file:
        from pathlib import Path

        from shipdesk.files import write_atomically

        write_atomically(Path(args.env_file), sandbox.shell_env().encode("utf-8"))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(3600):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.stop()
    return EXIT_OK

"""Benchmark: packing slips, 500 ordinary orders (1-5 items, Dutch names), on A4 and on A6.

Measures one batch render (the morning's print run: one PDF for all slips) and 500 single
renders (one slip per PDF, as when the owner prints a single order), with the PDF sizes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time

from common import peak_rss_mb, print_table

from shipdesk.printing.packing_slip import PackingSlip, SlipItem, SlipParty, render_packing_slips
from shipdesk.sandbox.generator import PRODUCTS

FIRST = ("Jan", "Sanne", "Pieter", "Lotte", "Daan", "Femke", "Bram", "Lieke", "Sem", "Noor")
LAST = ("de Vries", "van den Berg", "Bakker", "Janssen", "Visser", "Smit", "Meijer", "de Jong")
STREETS = ("Kerkstraat", "Dorpsstraat", "Molenstraat", "Stationsweg", "Julianalaan")
CITIES = (("1017 GC", "Amsterdam"), ("3511 AB", "Utrecht"), ("9711 LM", "Groningen"),
          ("5611 AZ", "Eindhoven"), ("2511 CV", "Den Haag"))  # fmt: skip
SHOP = SlipParty(
    name="Webwinkel De Kade",
    company="De Kade B.V.",
    lines=("Industrieweg 12",),
    postal_code="3542 AD",
    city="Utrecht",
    country_code="NL",
    phone="+31 30 123 4567",
    email="klantenservice@dekade.nl",
)


def make_slips(count: int, seed: int = 7) -> list[PackingSlip]:
    rnd = random.Random(seed)
    slips = []
    for n in range(count):
        postal_code, city = rnd.choice(CITIES)
        recipient = SlipParty(
            name=f"{rnd.choice(FIRST)} {rnd.choice(LAST)}",
            lines=(f"{rnd.choice(STREETS)} {rnd.randint(1, 250)}",),
            postal_code=postal_code,
            city=city,
            country_code="NL",
        )
        products = rnd.sample(PRODUCTS, rnd.randint(1, 5))
        items = tuple(SlipItem(p[0], p[3], rnd.choice((1, 1, 1, 2, 3))) for p in products)
        slips.append(
            PackingSlip(
                order_id=f"403-{rnd.randrange(10**7):07d}-{n:07d}",
                order_date=dt.date(2026, 11, 24) - dt.timedelta(days=rnd.randint(0, 2)),
                sender=SHOP,
                recipient=recipient,
                items=items,
                note="Bedankt voor je aankoop!" if n % 5 == 0 else "",
                marketplace="Amazon.nl",
            )
        )
    return slips


def measure(slips: list[PackingSlip], paper: str) -> list[tuple[str, str, str]]:
    started = time.perf_counter()
    batch = render_packing_slips(slips, paper=paper)
    batch_seconds = time.perf_counter() - started

    started, single_bytes = time.perf_counter(), 0
    for slip in slips:
        single_bytes += len(render_packing_slips([slip], paper=paper))
    single_seconds = time.perf_counter() - started

    n = len(slips)
    size = f"{len(batch) / 1024:,.0f} KiB ({len(batch) / n:,.0f} B per slip)"
    return [
        (f"{paper} batch: slips per second", f"{n / batch_seconds:,.0f}", ">= 200"),
        (f"{paper} batch: PDF size", size, ""),
        (f"{paper} single: slips per second", f"{n / single_seconds:,.0f}", ""),
        (f"{paper} single: PDF size (mean)", f"{single_bytes / n / 1024:,.1f} KiB", ""),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--slips", type=int, default=500)
    args = parser.parse_args()

    slips = make_slips(args.slips)
    render_packing_slips(slips[:1])  # registers the font once, as the app does at its first print
    rows = [row for paper in ("A4", "A6") for row in measure(slips, paper)]
    rows.append(("peak RSS", f"{peak_rss_mb():.0f} MB", ""))
    print_table(f"Packing slips: {args.slips} orders with 1-5 items", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())

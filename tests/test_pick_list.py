"""The pick list (issue 14, point 7): units per SKU for a selection of orders, counted the way
a packer checks them off, as a PDF, printed on a real CUPS queue, from the window and the
command line."""

from __future__ import annotations

import subprocess
from collections import Counter

import pytest

from shipdesk.domain.orders import FulfillmentStatus, Order, OrderItem
from shipdesk.domain.pick_list import pick_list
from shipdesk.services import pick_list as pick_lists
from shipdesk.services import printing
from shipdesk.store.orders import list_orders
from shipdesk.store.transactions import write_transaction
from tests.conftest import cli_env, run_cli
from tests.support.cups import PDF_QUEUE, jobs_since, queue_job_ids
from tests.test_gui_worklist import open_list, select_rows
from tests.test_labels import open_shop


def item(sku: str, quantity: int, title: str = "", asin: str = "B0TEST0001") -> OrderItem:
    return OrderItem("1", quantity, seller_sku=sku, asin=asin, title=title or sku)


def an_order(order_id: str, status: str, items: list[OrderItem]) -> Order:
    return Order(order_id, "", "", None, FulfillmentStatus(status), items=tuple(items))


def test_units_are_summed_per_sku_and_left_out_orders_are_named() -> None:
    orders = [
        an_order("A", "UNSHIPPED", [item("MUG-BLU", 2), item("TEA", 1)]),
        an_order("B", "UNSHIPPED", [item("MUG-BLU", 1), item("MUG-BLU", 1)]),
        an_order("C", "CANCELLED", [item("MUG-BLU", 5)]),
        an_order("D", "UNSHIPPED", [item("", 1, "No SKU", asin="B0ASIN")]),
    ]
    picks = pick_list(["A", "B", "C", "D", "E", "A"], orders)
    assert picks.orders == ("A", "B", "D") and picks.left_out == ("C", "E")
    assert [(line.sku, line.quantity, line.orders) for line in picks.lines] == [
        ("B0ASIN", 1, 1),  # no SKU from Amazon: its ASIN stands in
        ("MUG-BLU", 4, 2),  # B's two lines of the same SKU count as one order
        ("TEA", 1, 1),
    ]
    assert picks.units == 6


@pytest.fixture
def desk(tmp_path, start_sandbox):
    ctx, sandbox = open_shop(tmp_path, start_sandbox, orders=30, seed=21)
    return ctx, sandbox


def expected(ctx, order_ids) -> Counter:
    """Units per SKU, counted independently from the stored orders."""
    counts: Counter = Counter()
    with ctx.connect() as db:
        for order in list_orders(db, order_ids):
            for it in order.items:
                counts[it.seller_sku or it.asin] += it.quantity
    return counts


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def test_the_pdf_lists_every_sku_with_its_units(tmp_path, desk) -> None:
    ctx, _ = desk
    orders = pick_lists.orders_to_pack(ctx)[:12]
    with ctx.connect() as db, write_transaction(db):  # one cancelled meanwhile: left out
        db.execute("UPDATE orders SET status = 'CANCELLED' WHERE order_id = ?", [orders[0]])
    path, picks = pick_lists.save_pick_list(ctx, orders, tmp_path / "picks.pdf", "en")
    assert picks.left_out == (orders[0],)
    counts = expected(ctx, orders[1:])
    assert {line.sku: line.quantity for line in picks.lines} == dict(counts)
    text = pdf_text(path)
    assert (
        "Pick list" in text and f"{len(orders) - 1} orders · {sum(counts.values())} items" in text
    )
    for sku, units in counts.items():
        line = next(row for row in text.splitlines() if sku in row)
        assert line.split()[-2:] == [
            str(units),
            str(next(p.orders for p in picks.lines if p.sku == sku)),
        ]
    assert orders[0] in text.split("Left out")[1]


def test_the_window_prints_the_pick_list_of_the_selection(qtbot, desk, zebra) -> None:
    ctx, _ = desk
    printing.save_settings(ctx, printing.PrintSettings(label_printer=PDF_QUEUE))
    window = open_list(qtbot, ctx, "to_ship")
    tab = window.orders
    qtbot.waitUntil(lambda: tab.model.rowCount() >= 3)
    select_rows(window, [0, 1, 2])
    chosen = tab.selected_order_ids()
    jobs = queue_job_ids(PDF_QUEUE)
    with qtbot.waitSignal(tab.work_done, timeout=30_000) as done:
        tab.print_picks_action.trigger()
    assert done.args[0] == "pick-list" and done.args[1].orders == tuple(chosen)
    assert len(jobs_since(PDF_QUEUE, jobs)) == 1
    assert "Pick list for 3 orders sent to" in tab.message.text()


def test_the_command_line_writes_it_and_refuses_what_it_cannot(tmp_path, desk) -> None:
    ctx, sandbox = desk
    env = cli_env(tmp_path, sandbox, SHIPDESK_DATA_DIR=str(ctx.paths.data_dir))
    out = tmp_path / "picks.pdf"
    made = run_cli(["pick-list", "--out", str(out), "--language", "nl"], env)
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"pick list written to {out}:")
    assert "Picklijst" in pdf_text(out)
    nothing = run_cli(["pick-list", "--out", str(out), "999-0000000-0000000"], env)
    assert nothing.returncode == 1 and "has items to pick" in nothing.stderr

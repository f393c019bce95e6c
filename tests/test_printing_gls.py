"""GLS labels printed through ShipDesk's print service on a real CUPS: the A6 PDF comes out A6
(within a point) with its parcel number scannable; ZPL reaches the raw queue byte for byte;
a label whose document GLS never gave again is named, and the rest print."""

from __future__ import annotations

import time

import pytest

from shipdesk.services import label_recovery, printing
from shipdesk.services import labels as label_service
from shipdesk.store import labels as label_store
from tests.support.cups import PDF_QUEUE, ZEBRA_QUEUE, wait_for_pdf_output
from tests.test_gls_labels import open_gls_shop
from tests.test_printing import barcodes_per_page, media_boxes, need_tools

A6_POINTS = (297.64, 419.53)


def made_labels(ctx, count: int, config: printing.PrintSettings) -> list[dict]:
    """Labels made with the documents `config` prints (GLS sends them only with the label)."""
    printing.save_settings(ctx, config)
    ids = label_service.drafts_ready_ids(ctx)[:count]
    assert label_service.create_labels(ctx, ids).created == count
    with ctx.connect() as db:
        return label_store.get_labels(db, ids)


@pytest.mark.cups
def test_a_gls_label_prints_a6_and_its_parcel_number_scans(
    zebra, qapp, tmp_path, start_sandbox
) -> None:
    need_tools("pdfinfo", "pdftoppm", "zbarimg")
    ctx, _sandbox = open_gls_shop(tmp_path, start_sandbox)
    config = printing.PrintSettings(label_printer=PDF_QUEUE, label_size="a6")
    labels = made_labels(ctx, 2, config)
    since = time.time()
    result = printing.print_labels(ctx, [lb.id for lb in labels])
    assert result.pages == 2 and not result.not_printed
    output = wait_for_pdf_output(since, job_id=result.job_id)
    for width, height in media_boxes(output):
        assert width == pytest.approx(A6_POINTS[0], abs=1)
        assert height == pytest.approx(A6_POINTS[1], abs=1)
    pages = barcodes_per_page(output, tmp_path)
    assert [lb.tracker_codes[0] in page for lb, page in zip(labels, pages, strict=True)] == [
        True,
        True,
    ]
    output.unlink()


@pytest.mark.cups
def test_gls_zpl_reaches_the_zebra_unchanged(zebra, qapp, tmp_path, start_sandbox) -> None:
    ctx, sandbox = open_gls_shop(tmp_path, start_sandbox)
    config = printing.PrintSettings(label_printer=ZEBRA_QUEUE, label_format="zpl", zpl_dpi=300)
    [label] = made_labels(ctx, 1, config)
    unit_no = label.tracker_codes[0]
    sent = sandbox.gls.documents[unit_no]
    assert sent.startswith(b"^XA") and b"^PW1181" in sent  # 300 dpi, as GLS made it
    already = len(zebra.received)
    result = printing.print_labels(ctx, [label.id])
    assert result.pages == 1
    assert zebra.wait_for(already + 1, timeout=30)[already] == sent


@pytest.mark.cups
def test_a_label_marked_made_is_named_and_the_others_print(
    zebra, qapp, tmp_path, start_sandbox
) -> None:
    """Marked made from MyGLS, it has no document here: named with its reason, not printed."""
    ctx, sandbox = open_gls_shop(tmp_path, start_sandbox)
    config = printing.PrintSettings(label_printer=PDF_QUEUE, label_size="a6")
    [made] = made_labels(ctx, 1, config)
    sandbox.gls.search_before_scan = False
    draft = label_service.drafts_ready_ids(ctx)[0]
    sandbox.faults.kinds = ("drop",)
    sandbox.faults.only_paths = ("/Label/Create",)
    sandbox.set_fault_rate(1.0)
    label_service.create_labels(ctx, [draft])
    sandbox.set_fault_rate(0)
    with ctx.connect() as db:
        [held] = label_store.get_labels(db, [draft])
    [unit] = sandbox.gls.live_units(held.order_id)
    label_recovery.mark_made(ctx, draft, unit.unit_no)
    since = time.time()
    result = printing.print_labels(ctx, [made.id, draft])
    assert result.pages == 1
    [missing] = result.not_printed
    assert missing.order_id == held.order_id and missing.code == "document_gone"
    wait_for_pdf_output(since, job_id=result.job_id).unlink()

"""Printing DHL labels: PDF through Qt to a real CUPS (cups-pdf), ZPL raw to a stand-in Zebra.

The PDF tests read back what cups-pdf wrote: its page size in points and every barcode, decoded
from a 300 dpi rendering by zbar. Tests that need CUPS skip, saying why, where there is none.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPageSize
from PySide6.QtPrintSupport import QPrinter
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from shipdesk.carriers.dhl.client import DhlClient
from shipdesk.printing.printers import (
    LABEL_SIZES,
    PageSize,
    PrintError,
    available_printers,
    check_page_size,
    default_printer,
    print_pdfs,
    print_raw,
    render_pdf_page,
)
from tests.conftest import REPO
from tests.support.cups import (
    PDF_QUEUE,
    ZEBRA_QUEUE,
    pdf_outputs_since,
    queue_job_ids,
    wait_for_job_done,
    wait_for_job_status,
    wait_for_pdf_output,
)
from tests.test_dhl_client import client_for
from tests.test_dhl_client import request as shipment_request

DHL_LABEL = LABEL_SIZES["label_10x21"]
LABEL_POINTS = (283.46, 595.28)  # 10 × 21 cm


@dataclass(frozen=True)
class Label:
    tracker_code: str
    order_reference: str
    pdf: bytes
    label_id: str


# -- fixtures --


@pytest.fixture
def dhl(start_sandbox) -> DhlClient:
    return client_for(start_sandbox(orders=0))


def make_label(client: DhlClient, order_reference: str = "403-1234567-1234567") -> Label:
    created = client.create_shipment(
        shipment_request(order_reference=order_reference, options=(("DOOR", None),))
    )
    piece = created.pieces[0]
    return Label(piece.tracker_code, order_reference, client.label(piece.label_id), piece.label_id)


# -- reading the output back --


def need_tools(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(
            f"{', '.join(missing)} not installed (apt-get install poppler-utils zbar-tools)"
        )


def media_boxes(pdf: Path) -> list[tuple[float, float]]:
    """Each page's MediaBox width × height in points."""
    info = subprocess.run(
        ["pdfinfo", "-box", "-f", "1", "-l", "9999", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    boxes = re.findall(r"Page\s+\d+ MediaBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", info)
    return [(float(x2) - float(x1), float(y2) - float(y1)) for x1, y1, x2, y2 in boxes]


def barcodes_per_page(pdf: Path, workdir: Path) -> list[dict[str, str]]:
    """Each page's Code 128 values read by zbar (at 300 dpi, grey), with their orientation
    (UP: bars upright, as on a portrait DHL label; LEFT/RIGHT: turned)."""
    prefix = workdir / f"page-{uuid.uuid4().hex[:8]}"
    subprocess.run(
        ["pdftoppm", "-r", "300", "-gray", "-png", str(pdf), str(prefix)], check=True, timeout=60
    )
    pages = sorted(workdir.glob(prefix.name + "*.png"))
    return [decode(page) for page in pages]


def decode(image: Path) -> dict[str, str]:
    found = subprocess.run(
        ["zbarimg", "--xml", "-q", "-Sdisable", "-Scode128.enable", str(image)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    symbols = re.findall(
        r"<symbol type='CODE-128'[^>]*orientation='(\w+)'[^>]*><data><!\[CDATA\[(.*?)\]\]>",
        found.stdout,
    )
    return {value: orientation for orientation, value in symbols}


def assert_label_size(width: float, height: float) -> None:
    assert width == pytest.approx(LABEL_POINTS[0], abs=1)
    assert height == pytest.approx(LABEL_POINTS[1], abs=1)


# -- PDF labels on CUPS --


@pytest.mark.cups
def test_a_dhl_label_prints_at_label_size_and_scans(zebra, dhl, qapp, tmp_path) -> None:
    need_tools("pdfinfo", "pdftoppm", "zbarimg")
    label = make_label(dhl)
    since = time.time()
    result = print_pdfs([label.pdf], PDF_QUEUE, DHL_LABEL, job_name="DHL label", dpi=203)
    assert result.printer == PDF_QUEUE and result.pages == 1
    assert result.job_id and result.job_id.startswith(PDF_QUEUE + "-")
    output = wait_for_pdf_output(since, job_id=result.job_id)
    [size] = media_boxes(output)
    assert_label_size(*size)
    [values] = barcodes_per_page(output, tmp_path)
    assert label.tracker_code in values
    assert label.order_reference in values
    output.unlink()


@pytest.mark.cups
def test_a_batch_is_one_job_with_a_page_per_label(zebra, dhl, qapp, tmp_path) -> None:
    need_tools("pdfinfo", "pdftoppm", "zbarimg")
    labels = [make_label(dhl, "403-0000001-0000001"), make_label(dhl, "403-0000002-0000002")]
    jobs_before = set(queue_job_ids(PDF_QUEUE))
    since = time.time()
    # No dpi: the queue's own resolution (cups-pdf's driver: 300 dpi), not Qt's 1200.
    result = print_pdfs([lb.pdf for lb in labels], PDF_QUEUE, DHL_LABEL)
    assert result.pages == 2
    assert set(queue_job_ids(PDF_QUEUE)) - jobs_before == {result.job_id}
    output = wait_for_pdf_output(since, job_id=result.job_id)
    assert pdf_outputs_since(since) == [output]
    sizes = media_boxes(output)
    assert len(sizes) == 2
    for size in sizes:
        assert_label_size(*size)
    pages = barcodes_per_page(output, tmp_path)
    assert len(pages) == 2
    assert labels[0].tracker_code in pages[0] and labels[1].tracker_code in pages[1]
    output.unlink()


def landscape_label(value: str) -> bytes:
    """A 21 × 10 cm landscape page with one Code 128, as some carriers send their labels."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(210 * mm, 100 * mm))
    Code128(value, barWidth=3 * 72 / 203, barHeight=30 * mm).drawOn(canvas, 20 * mm, 30 * mm)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.mark.cups
def test_a_landscape_label_is_turned_onto_the_portrait_label(zebra, qapp, tmp_path) -> None:
    need_tools("pdfinfo", "pdftoppm", "zbarimg")
    since = time.time()
    result = print_pdfs([landscape_label("JVGL0000000000000042")], PDF_QUEUE, DHL_LABEL, dpi=203)
    output = wait_for_pdf_output(since, job_id=result.job_id)
    [size] = media_boxes(output)
    assert_label_size(*size)
    # Turned a quarter clockwise, not shrunk to fit across: the bars now run across the label.
    assert barcodes_per_page(output, tmp_path) == [{"JVGL0000000000000042": "RIGHT"}]
    output.unlink()


@pytest.mark.cups
def test_a_damaged_label_is_refused_before_anything_is_sent(zebra, dhl, qapp) -> None:
    good = make_label(dhl).pdf
    jobs_before = queue_job_ids(PDF_QUEUE)
    with pytest.raises(PrintError) as caught:
        print_pdfs([good, good[: len(good) // 3]], PDF_QUEUE, DHL_LABEL)
    assert caught.value.code == "printer_error"
    assert "damaged" in caught.value.message
    assert queue_job_ids(PDF_QUEUE) == jobs_before  # not even the good one went out


@pytest.mark.cups
def test_a_paper_size_the_driver_cannot_take(zebra, dhl, qapp) -> None:
    """cups-pdf's PPD takes custom sizes from 36 pt (12.7 mm) up to 100000 pt (35 m): a
    10 × 10 mm label is below it. (2000 × 3000 mm is within it, so cups-pdf would take that.)"""
    jobs_before = queue_job_ids(PDF_QUEUE)
    tiny = PageSize("tiny", 10, 10, "10 × 10 mm label")
    with pytest.raises(PrintError) as caught:
        print_pdfs([make_label(dhl).pdf], PDF_QUEUE, tiny)
    assert caught.value.code == "page_size_unsupported"
    assert "10 × 10 mm" in caught.value.message and "driver settings" in caught.value.message
    assert queue_job_ids(PDF_QUEUE) == jobs_before


@pytest.mark.cups
def test_a_queue_that_refuses_jobs_is_reported(zebra, dhl, qapp) -> None:
    """Qt hands the job to CUPS without saying whether CUPS took it: ShipDesk checks."""
    pdf = make_label(dhl).pdf
    subprocess.run(["cupsreject", "-r", "paper jam", PDF_QUEUE], check=True, timeout=20)
    try:
        with pytest.raises(PrintError) as caught:
            print_pdfs([pdf], PDF_QUEUE, DHL_LABEL, dpi=203)
    finally:
        subprocess.run(["cupsaccept", PDF_QUEUE], check=True, timeout=20)
    assert caught.value.code == "printer_error"
    assert "not accepting" in caught.value.message and "paper jam" in caught.value.message


@pytest.mark.cups
def test_the_test_queues_are_listed(zebra, qapp) -> None:
    names = {printer.name for printer in available_printers()}
    assert {PDF_QUEUE, ZEBRA_QUEUE} <= names
    assert default_printer() is None or isinstance(default_printer(), str)


# -- raw ZPL on CUPS --


@pytest.mark.cups
def test_zpl_reaches_the_zebra_byte_for_byte(zebra, dhl) -> None:
    label = make_label(dhl)
    zpl = dhl.label(label.label_id, fmt="zpl")
    assert zpl.startswith(b"^XA") and label.tracker_code.encode() in zpl
    already = len(zebra.received)
    result = print_raw(zpl, ZEBRA_QUEUE, job_name="DHL label")
    assert result.job_id and result.job_id.startswith(ZEBRA_QUEUE + "-")
    assert result.pages == zpl.count(b"^XZ")
    assert zebra.wait_for(already + 1, timeout=30)[already] == zpl


@pytest.mark.cups
def test_a_zebra_that_is_off_gets_the_label_once_it_is_back(zebra, dhl) -> None:
    """The spooler takes the job (no error for ShipDesk to show) and keeps it, retrying, with
    "The printer may not exist or is unavailable" in `lpstat -l`, until the printer answers."""
    zpl = dhl.label(make_label(dhl).label_id, fmt="zpl")
    already = len(zebra.received)
    zebra.stop()
    try:
        result = print_raw(zpl, ZEBRA_QUEUE)
        assert result.job_id
        assert "unavailable" in wait_for_job_status(result.job_id)  # what the OS shows
        assert result.job_id in queue_job_ids(ZEBRA_QUEUE, "not-completed")
    finally:
        zebra.start()  # same port: the queue's next retry (≈5 s) gets through
    assert zebra.wait_for(already + 1, timeout=30)[already] == zpl
    wait_for_job_done(result.job_id)


@pytest.mark.cups
def test_raw_to_a_queue_cups_does_not_know(zebra) -> None:
    with pytest.raises(PrintError) as caught:
        print_raw(b"^XA^XZ", "ShipDesk-No-Such-Queue")
    assert caught.value.code == "printer_error"
    assert "does not exist" in caught.value.message  # lp's own words


# -- without CUPS --


def test_render_a_dhl_label_at_203_dpi(dhl, qapp, tmp_path) -> None:
    label = make_label(dhl)
    image = render_pdf_page(label.pdf, 0, 203)
    assert abs(image.width() - 799) <= 1 and abs(image.height() - 1677) <= 1
    assert not image.hasAlphaChannel()  # on white paper, as printed (and as zbar needs it)
    if shutil.which("zbarimg"):
        path = tmp_path / "label.png"
        assert image.save(str(path))
        assert decode(path) == {label.tracker_code: "UP", label.order_reference: "UP"}


def test_no_printer_chosen(qapp) -> None:
    for attempt in (
        lambda: print_pdfs([b"%PDF-1.4"], "", DHL_LABEL),
        lambda: print_raw(b"^XA^XZ", "  "),
    ):
        with pytest.raises(PrintError) as caught:
            attempt()
        assert caught.value.code == "no_printer"
        assert "Settings" in caught.value.message


def test_a_printer_that_is_not_installed(dhl, qapp) -> None:
    with pytest.raises(PrintError) as caught:
        print_pdfs([make_label(dhl).pdf], "ShipDesk-No-Such-Printer", DHL_LABEL)
    assert caught.value.code == "printer_unknown"
    assert "ShipDesk-No-Such-Printer" in caught.value.message


def test_nothing_to_print(qapp) -> None:
    with pytest.raises(PrintError) as caught:
        print_pdfs([], "any", DHL_LABEL)
    assert caught.value.code == "nothing_to_print"


def test_the_page_size_check_catches_a_driver_that_swapped_the_paper(qapp) -> None:
    """Some drivers silently replace a size they do not know (here: A4 for the DHL label)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    with pytest.raises(PrintError) as caught:
        check_page_size(printer, DHL_LABEL)
    assert caught.value.code == "page_size_unsupported"
    assert "100 × 210 mm" in caught.value.message and "driver settings" in caught.value.message
    check_page_size(printer, LABEL_SIZES["a4"])  # the size it did set passes


def test_listing_printers_without_a_print_system(tmp_path) -> None:
    """No scheduler to talk to (CUPS_SERVER points at a socket that is not there): no crash,
    no printers, no default."""
    script = (
        "from PySide6.QtGui import QGuiApplication\n"
        "from shipdesk.printing.printers import available_printers, default_printer\n"
        "app = QGuiApplication([])\n"
        "print(available_printers(), default_printer())\n"
    )
    env = dict(
        os.environ,
        CUPS_SERVER=str(tmp_path / "no-cups.sock"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(REPO),
    )
    run = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[] None"


@pytest.mark.cups
@pytest.mark.parametrize("paper", ["A4", "A6"])
def test_a_packing_slip_prints_at_its_paper_size_and_scans(zebra, qapp, tmp_path, paper) -> None:
    """ShipDesk's own packing slip, through the same printing path as the labels."""
    import datetime as dt

    from shipdesk.printing.packing_slip import (
        PAPER,
        PackingSlip,
        SlipItem,
        SlipParty,
        render_packing_slips,
    )
    from shipdesk.services.printing import SLIP_SIZES

    need_tools("pdfinfo", "pdftoppm", "zbarimg")
    slip = PackingSlip(
        order_id="403-7654321-1234567",
        order_date=dt.date(2026, 11, 24),
        sender=SlipParty(
            "Petra de Mok", "Webwinkel De Mok", ("Oudegracht 112",), "3511 AW", "Utrecht", "NL"
        ),
        recipient=SlipParty(
            "Jürgen Müller",
            lines=("Hauptstraße 7a",),
            postal_code="50667",
            city="Köln",
            country_code="DE",
        ),
        items=(SlipItem("MUG-BLU-350", "Koffiemok blauw 350 ml", 2),),
    )
    pdf = render_packing_slips([slip], paper=paper, language="nl")
    since = time.time()
    result = print_pdfs([pdf], PDF_QUEUE, SLIP_SIZES[paper], job_name="slip")
    output = wait_for_pdf_output(since, job_id=result.job_id)
    [(width, height)] = media_boxes(output)
    expected_width, expected_height = PAPER[paper]
    assert abs(width - expected_width) <= 1 and abs(height - expected_height) <= 1
    [values] = barcodes_per_page(output, tmp_path)
    assert slip.order_id in values
    output.unlink()


@pytest.mark.parametrize("size", sorted(LABEL_SIZES))
def test_the_test_label_fits_its_label_and_speaks_the_owners_language(size, tmp_path) -> None:
    """The barcode lies wholly on the label (it ran off a 100 mm one) and scans at a label
    printer's 203 dpi; the words are the window's, not English in a Dutch window."""
    from shipdesk.services.printing import TestPrintWords, test_label_pdf

    need_tools("pdftoppm", "zbarimg", "pdftotext")
    words = TestPrintWords(
        title="ShipDesk-testlabel",
        size="%1: %2 x %3 mm",
        frame="Het kader moet 2 mm van elke rand liggen.",
        barcode="De streepjescode hieronder moet scannen.",
    )
    pdf = tmp_path / f"test-{size}.pdf"
    pdf.write_bytes(test_label_pdf(LABEL_SIZES[size], words))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "ShipDesk-testlabel" in text and "Het kader moet" in text
    assert "test label" not in text.lower().replace("testlabel", "")
    prefix = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-r", "203", "-gray", "-png", str(pdf), str(prefix)], check=True, timeout=60
    )
    [page] = sorted(tmp_path.glob("page*.png"))
    assert decode(page) == {"SHIPDESK-TEST": "UP"}
    # On the barcode's row, the only dark pixels outside the 8 mm margins are the frame's,
    # 2 mm from each edge: the bars stay on the label.
    from PySide6.QtGui import QImage

    image = QImage(str(page))
    px = 203 / 25.4
    row = image.height() // 2
    dark = [x for x in range(image.width()) if QColor(image.pixel(x, row)).lightness() < 128]
    frame = {x for x in dark if abs(x - 2 * px) <= 4 or abs(image.width() - x - 2 * px) <= 4}
    bars = [x for x in dark if x not in frame]
    assert bars and min(bars) >= 8 * px - 2 and max(bars) <= image.width() - 8 * px + 2


@pytest.mark.parametrize("dpi", [203, 300])
def test_the_zpl_test_label_frames_a_4x6_roll_2_mm_from_every_edge(dpi: int) -> None:
    from shipdesk.services.printing import TestPrintWords, test_label_zpl

    zpl = test_label_zpl(dpi, LABEL_SIZES["4x6in"], TestPrintWords()).decode()
    per_mm = dpi / 25.4
    width, length = (int(v) for v in re.search(r"\^PW(\d+)\^LL(\d+)", zpl).groups())
    assert (width, length) == (round(101.6 * per_mm), round(152.4 * per_mm))
    x, y, w, h = (int(v) for v in re.search(r"\^FO(\d+),(\d+)\^GB(\d+),(\d+)", zpl).groups())
    for start, extent, total in ((x, w, width), (y, h, length)):
        assert start == round(2 * per_mm)
        assert total - (start + extent) == pytest.approx(2 * per_mm, abs=1)  # 2 mm, to a dot
    assert "SHIPDESK-TEST" in zpl and zpl.startswith("^XA") and zpl.endswith("^XZ")

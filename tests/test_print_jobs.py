"""The print job of a batch of PDF labels, as a real CUPS receives it: small (1 bit a dot, at
the queue's own resolution; ≤ 100 KB a label), on the label's page size, and every barcode
still decoding when the page is printed at 203 dpi.

The job's bytes are read where CUPS keeps them (its spool file, when this user may read it;
else the size `lpstat` reports). Tests that need CUPS skip, saying why, where there is none.
"""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

import pytest

from shipdesk.carriers.dhl.client import DhlClient
from shipdesk.printing.printers import (
    LABEL_SIZES,
    PageSize,
    print_pdfs,
    queue_resolution,
    save_pdfs,
)
from shipdesk.services import printing
from tests.support.cups import PDF_QUEUE, pdf_output_of
from tests.test_dhl_client import client_for
from tests.test_gls_labels import open_gls_shop
from tests.test_printing import (
    assert_label_size,
    decode,
    make_label,
    media_boxes,
    need_tools,
)
from tests.test_printing_gls import A6_POINTS, made_labels

GOAL_BYTES_PER_LABEL = 100_000
CUPS_SPOOL = Path("/var/spool/cups")
DHL_LABEL = LABEL_SIZES["label_10x21"]


@pytest.fixture
def dhl(start_sandbox) -> DhlClient:
    return client_for(start_sandbox(orders=0))


def job_bytes(job_id: str) -> int:
    """The job's size as CUPS received it: its spool file, else what lpstat says (whole KiB)."""
    number = int(job_id.rsplit("-", 1)[1])
    try:
        spooled = sorted(CUPS_SPOOL.glob(f"d{number:05d}-*"))
        if spooled:
            return sum(path.stat().st_size for path in spooled)
    except OSError:
        pass  # the spool folder is CUPS's own (root, lp): ask CUPS instead
    queue = job_id.rsplit("-", 1)[0]
    listing = subprocess.run(
        ["lpstat", "-W", "all", "-o", queue],
        capture_output=True,
        text=True,
        timeout=20,
        env={"LC_ALL": "C", "LANG": "C", "PATH": "/usr/bin:/bin:/usr/sbin:/sbin"},
    ).stdout
    for line in listing.splitlines():
        words = line.split()
        if words and words[0] == job_id and len(words) > 2 and words[2].isdigit():
            return int(words[2])
    raise AssertionError(f"CUPS does not list job {job_id}")


def barcodes_at(pdf: Path, page: PageSize, dpi: int, workdir: Path) -> list[dict[str, str]]:
    """Each page as a `dpi` printer prints it: on the dot grid of a `page`-sized label (the
    job's own pixels, 1:1, though cups-pdf rounds its pages to whole points), in black and
    white (pdftoppm -mono), read by zbar."""
    prefix = workdir / f"mono-{uuid.uuid4().hex[:8]}"
    width, height = (round(mm / 25.4 * dpi) for mm in (page.width_mm, page.height_mm))
    scale = ["-scale-to-x", str(width), "-scale-to-y", str(height)]
    subprocess.run(["pdftoppm", *scale, "-mono", str(pdf), str(prefix)], check=True, timeout=120)
    return [decode(image) for image in sorted(workdir.glob(prefix.name + "*.pbm"))]


def images(pdf: Path) -> list[tuple[str, int, int, int]]:
    """Each image in the PDF: (colour space, bits per component, x-ppi, y-ppi)."""
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True, timeout=30
    ).stdout.splitlines()[2:]
    found = []
    for line in listing:
        cols = line.split()
        found.append((cols[5], int(cols[7]), int(cols[12]), int(cols[13])))
    return found


@pytest.mark.cups
def test_a_batch_of_dhl_labels_is_a_small_job_whose_barcodes_scan_at_203_dpi(
    zebra, dhl, qapp, tmp_path
) -> None:
    need_tools("pdfinfo", "pdftoppm", "zbarimg")
    labels = [make_label(dhl, f"403-000000{n}-000000{n}") for n in range(1, 7)]
    # A 203 dpi label printer, as the owner sets it: the job is made at its dots.
    result = print_pdfs([lb.pdf for lb in labels], PDF_QUEUE, DHL_LABEL, dpi=203, monochrome=True)
    assert result.pages == len(labels) and result.job_id
    size = job_bytes(result.job_id)
    assert size <= GOAL_BYTES_PER_LABEL * len(labels), f"{size / len(labels):.0f} B a label"
    output = pdf_output_of(result.job_id)
    sizes = media_boxes(output)
    assert len(sizes) == len(labels)
    for width_height in sizes:
        assert_label_size(*width_height)
    pages = barcodes_at(output, DHL_LABEL, 203, tmp_path)
    for label, found in zip(labels, pages, strict=True):
        assert label.tracker_code in found, found
        assert label.order_reference in found, found
    output.unlink()


@pytest.mark.cups
def test_the_job_is_made_at_the_queues_own_resolution_in_one_bit(
    zebra, dhl, qapp, tmp_path
) -> None:
    """No dpi given: the queue's driver's default (cups-pdf: 300 dpi), not Qt's 1200."""
    need_tools("pdfinfo", "pdfimages", "pdftoppm", "zbarimg")
    assert queue_resolution(PDF_QUEUE) == 300
    labels = [make_label(dhl, f"403-100000{n}-100000{n}") for n in range(1, 4)]
    result = print_pdfs([lb.pdf for lb in labels], PDF_QUEUE, DHL_LABEL, monochrome=True)
    assert job_bytes(result.job_id) <= GOAL_BYTES_PER_LABEL * len(labels)
    output = pdf_output_of(result.job_id)
    found = images(output)
    assert len(found) == len(labels)
    assert {(space, bits) for space, bits, _x, _y in found} == {("gray", 1)}
    assert {(x, y) for _space, _bits, x, y in found} == {(300, 300)}
    for width_height in media_boxes(output):
        assert_label_size(*width_height)
    # Read back at the job's own dots, in black and white, as a 300 dpi printer prints it.
    pages = barcodes_at(output, DHL_LABEL, 300, tmp_path)
    for label, found in zip(labels, pages, strict=True):
        assert label.tracker_code in found and label.order_reference in found, found
    output.unlink()


@pytest.mark.cups
def test_gls_labels_printed_by_the_service_make_a_small_a6_job(
    zebra, qapp, tmp_path, start_sandbox
) -> None:
    need_tools("pdfinfo", "pdftoppm", "zbarimg")
    ctx, _sandbox = open_gls_shop(tmp_path, start_sandbox)
    config = printing.PrintSettings(label_printer=PDF_QUEUE, label_size="a6")
    labels = made_labels(ctx, 4, config)
    result = printing.print_labels(ctx, [lb.id for lb in labels])
    assert result.pages == 4 and result.job_id
    assert job_bytes(result.job_id) <= GOAL_BYTES_PER_LABEL * 4
    output = pdf_output_of(result.job_id)
    for width, height in media_boxes(output):
        assert width == pytest.approx(A6_POINTS[0], abs=1)
        assert height == pytest.approx(A6_POINTS[1], abs=1)
    pages = barcodes_at(output, LABEL_SIZES["a6"], 203, tmp_path)
    assert [lb.tracker_codes[0] in page for lb, page in zip(labels, pages, strict=True)] == [
        True
    ] * 4
    output.unlink()


def test_labels_saved_to_a_file_are_one_bit_and_keep_their_page_size(dhl, qapp, tmp_path) -> None:
    need_tools("pdfinfo", "pdfimages", "pdftoppm", "zbarimg")
    labels = [make_label(dhl, "403-2000001-2000001"), make_label(dhl, "403-2000002-2000002")]
    path = tmp_path / "labels.pdf"
    save_pdfs([lb.pdf for lb in labels], str(path), DHL_LABEL, dpi=203, monochrome=True)
    assert path.stat().st_size <= GOAL_BYTES_PER_LABEL * len(labels)
    assert [(space, bits) for space, bits, _x, _y in images(path)] == [("gray", 1)] * 2
    for width_height in media_boxes(path):
        assert_label_size(*width_height)
    pages = barcodes_at(path, DHL_LABEL, 203, tmp_path)
    assert [lb.tracker_code in page for lb, page in zip(labels, pages, strict=True)] == [True] * 2


def test_without_monochrome_the_pages_keep_their_greys(dhl, qapp, tmp_path) -> None:
    """Packing slips (grey table heads) are not made 1-bit: only what asks for it is."""
    need_tools("pdfimages")
    path = tmp_path / "colour.pdf"
    save_pdfs([make_label(dhl).pdf], str(path), DHL_LABEL, dpi=100)
    [(space, bits, _x, _y)] = images(path)
    assert (space, bits) == ("rgb", 8)


def test_a_queue_that_names_no_resolution() -> None:
    """A queue CUPS does not know (or no CUPS at all): the resolution Qt reports is used."""
    assert queue_resolution(f"no-such-queue-{uuid.uuid4().hex[:6]}") is None

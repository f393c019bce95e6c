"""Printing labels and packing slips on the printers beside the desk.

A batch of labels prints as one job, in the format the label printer wants: the carrier's PDF
at the exact label size, or raw ZPL at the printer's resolution. Label documents are kept after
the first download, so a reprint needs no carrier. Printing marks the labels printed and puts
their tracking numbers in the outbox for Amazon, in one transaction; a failed print changes
nothing and keeps the labels for another try.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from shipdesk.carriers.base import CarrierError, DocumentGone
from shipdesk.domain.labels import CREATED, PRINTED, SHIPPED
from shipdesk.domain.shop_time import SHOP_TIME_ZONE
from shipdesk.files import write_atomically
from shipdesk.printing import printers
from shipdesk.printing.printers import LABEL_SIZES, PageSize, PrintError, PrintResult
from shipdesk.services import label_documents as label_docs
from shipdesk.services import orders as orders_service
from shipdesk.services import shipping_settings, tracking
from shipdesk.services.context import AppContext
from shipdesk.services.print_settings import SLIP_SIZES as SLIP_SIZES
from shipdesk.services.print_settings import PrintSettings as PrintSettings
from shipdesk.services.print_settings import load_settings as load_settings
from shipdesk.services.print_settings import save_settings as save_settings
from shipdesk.store import labels as label_store
from shipdesk.store import returns as return_store
from shipdesk.store.labels import Label
from shipdesk.store.orders import StoredOrder
from shipdesk.store.transactions import write_transaction

if TYPE_CHECKING:  # printing.packing_slip brings reportlab: loaded with the first slip
    from shipdesk.printing.packing_slip import SlipParty

log = logging.getLogger(__name__)

CANCELLED_STATUSES = ("CANCELLED", "UNFULFILLABLE")
PRINTABLE = (CREATED, PRINTED, SHIPPED)


@dataclass(frozen=True)
class NotPrinted:
    """A label left out of a batch, and why (`code` for the UI, the English detail)."""

    order_id: str
    code: str  # document_unavailable | document_damaged | document_gone | buyer_data_erased
    # | return_document_unavailable
    detail: str


@dataclass(frozen=True)
class LabelsPrinted:
    printer: str
    pages: int
    job_id: str | None
    labels: int  # labels printed
    not_printed: tuple[NotPrinted, ...] = ()
    returns: int = 0  # return labels printed with them


class LabelsNotPrinted(PrintError):
    """No label of the batch could be printed; each one's reason is in `not_printed`."""

    def __init__(self, not_printed: Sequence[NotPrinted]) -> None:
        orders = ", ".join(n.order_id for n in not_printed)
        super().__init__("labels_not_printed", f"No label could be printed ({orders}).")
        self.not_printed = tuple(not_printed)


def available_printers() -> list[printers.PrinterInfo]:
    """The printers the system knows (name, description, whether it is the default)."""
    return printers.available_printers()


def _fmt(print_settings: PrintSettings) -> str:
    return "zpl" if print_settings.label_format == "zpl" else "pdf"


def label_documents(
    ctx: AppContext,
    labels: Sequence[Label],
    fmt: str,
    dpi: int = 203,
    cancel: threading.Event | None = None,
) -> list[bytes]:
    """One document per parcel, from the local copy or else the carrier (then kept)."""
    found: list[bytes] = []
    for label in labels:
        found += label_docs.documents(ctx, label, fmt, dpi, cancel)
    return found


def _documents_per_label(
    ctx: AppContext, labels: Sequence[Label], fmt: str, dpi: int, cancel: threading.Event | None
) -> tuple[list[tuple[Label, list[bytes]]], list[NotPrinted]]:
    """Each label's documents; a label whose documents cannot be had is left out, with why."""
    ready, missing = [], []
    for label in labels:
        try:
            ready.append((label, label_docs.documents(ctx, label, fmt, dpi, cancel)))
        except DocumentGone as exc:  # the carrier gave it once, and ShipDesk never had it
            missing.append(NotPrinted(label.order_id, "document_gone", str(exc)))
        except CarrierError as exc:
            log.warning("label %s: document not to be had: %s", label.id, exc)
            missing.append(NotPrinted(label.order_id, "document_unavailable", str(exc)))
    return ready, missing


def print_labels(
    ctx: AppContext,
    label_ids: Sequence[int],
    cancel: threading.Event | None = None,
    *,
    config: PrintSettings | None = None,
    to_file: Path | None = None,
) -> LabelsPrinted:
    """Print as one job; then mark printed and queue the tracking numbers for Amazon.
    One bad label never stops the batch: the others print, and it is named with its reason
    (`not_printed`); when none can print, LabelsNotPrinted says why for each.
    `config` is a one-off choice (the CLI's --printer); the saved settings otherwise.
    `to_file`: the labels into one file (PDF, or ZPL) instead of a printer, to print elsewhere;
    they count as printed (the owner has them)."""
    config = config or load_settings(ctx)
    if not config.label_printer and to_file is None:
        raise PrintError("no_printer", "Choose a label printer first (Orders tab → Printers).")
    with ctx.connect() as db:
        labels = [lb for lb in label_store.get_labels(db, label_ids) if lb.state in PRINTABLE]
    if not labels:
        raise PrintError("no_created_labels", "None of the chosen orders has a created label.")
    ready, not_printed = _documents_per_label(ctx, labels, _fmt(config), config.zpl_dpi, cancel)
    if not ready:
        raise LabelsNotPrinted(not_printed)
    # Each label's return label right behind it: they go in the box together.
    with ctx.connect() as db:
        returned = return_store.made_for_labels(db, [label.id for label, _ in ready])
    parts: list[tuple[label_docs.HasDocuments, list[bytes]]] = []
    for label, docs in ready:
        parts.append((label, docs))
        return_parts, missing = _return_documents(ctx, returned.get(label.id, []), config)
        parts += return_parts
        not_printed += missing
    result, damaged = _print_job(config, parts, _job_name([lb for lb, _ in ready]), to_file)
    printed = [label for label, _ in ready if id(label) not in damaged]
    not_printed += _damaged(parts, damaged)
    returns_printed = _returns_printed(parts, damaged)
    chosen = tracking.rules(ctx)
    with ctx.connect() as db, write_transaction(db):
        label_store.mark_printed(db, [lb.id for lb in printed])
        tracking.enqueue(db, [lb.id for lb in printed], chosen)
        return_store.mark_printed(db, returns_printed)
    log.info(
        "printed %d labels on %s (job %s), %d left out",
        len(printed),
        result.printer,
        result.job_id,
        len(not_printed),
    )
    return LabelsPrinted(
        result.printer,
        result.pages,
        result.job_id,
        len(printed),
        tuple(not_printed),
        len(returns_printed),
    )


def _return_documents(
    ctx: AppContext, rows: Sequence[return_store.StoredReturn], config: PrintSettings
) -> tuple[list[tuple[label_docs.HasDocuments, list[bytes]]], list[NotPrinted]]:
    """The documents of these return labels, each with its owner (return_id, order_id)."""
    parts: list[tuple[label_docs.HasDocuments, list[bytes]]] = []
    missing: list[NotPrinted] = []
    for row in rows:
        owner = label_docs.Owner(
            row.label_id, row.order_id, row.carrier, row.carrier_label_ids, return_id=row.id
        )
        try:
            parts.append((owner, label_docs.documents(ctx, owner, _fmt(config), config.zpl_dpi)))
        except CarrierError as exc:
            log.warning("return label %s: document not to be had: %s", row.id, exc.code)
            code = exc.code if exc.code == "buyer_data_erased" else "return_document_unavailable"
            missing.append(NotPrinted(row.order_id, code, str(exc)))
    return parts, missing


def _print_job(
    config: PrintSettings,
    parts: Sequence[tuple[label_docs.HasDocuments, list[bytes]]],
    job_name: str,
    to_file: Path | None,
) -> tuple[PrintResult, set[int]]:
    """Send the documents as one job (or into one file); the ids (`id()`) of the owners whose
    PDF was damaged and left out."""
    if config.label_format == "zpl":
        data = b"".join(d for _, docs in parts for d in docs)
        if to_file is not None:
            write_atomically(to_file, data)
            return printers.PrintResult(str(to_file), data.count(b"^XZ"), None), set()
        return printers.print_raw(data, config.label_printer, job_name=job_name), set()
    documents, owners = [], []
    for owner, docs in parts:
        documents += docs
        owners += [owner] * len(docs)
    if to_file is not None:
        to_file.parent.mkdir(parents=True, exist_ok=True)
        result = printers.save_pdfs(
            documents,
            str(to_file),
            LABEL_SIZES[config.label_size],
            skip_damaged=True,
            monochrome=True,
        )
    else:
        # 1 bit at the printer's dots: a small job, fast to make (see printers.py).
        result = printers.print_pdfs(
            documents,
            config.label_printer,
            LABEL_SIZES[config.label_size],
            job_name=job_name,
            skip_damaged=True,
            monochrome=True,
        )
    return result, {id(owners[i]) for i in result.skipped}


def _returns_printed(
    parts: Sequence[tuple[label_docs.HasDocuments, list[bytes]]], damaged: set[int]
) -> list[int]:
    """The ids of the return labels among the job's parts that went to the printer whole."""
    return [
        owner.return_id
        for owner, _ in parts
        if isinstance(owner, label_docs.Owner)
        and owner.return_id is not None
        and id(owner) not in damaged
    ]


def _damaged(
    parts: Sequence[tuple[label_docs.HasDocuments, list[bytes]]], damaged: set[int]
) -> list[NotPrinted]:
    """The owners `_print_job` left out for a damaged document, each named once."""
    return [
        NotPrinted(owner.order_id, "document_damaged", "")
        for owner, _ in parts
        if id(owner) in damaged
    ]


def print_returns(
    ctx: AppContext,
    order_ids: Sequence[str],
    *,
    config: PrintSettings | None = None,
    to_file: Path | None = None,
) -> LabelsPrinted:
    """Print the made return labels of these orders alone (made later, for a parcel already
    sent), or save them into one file (to e-mail to the buyer)."""
    config = config or load_settings(ctx)
    if not config.label_printer and to_file is None:
        raise PrintError("no_printer", "Choose a label printer first (Orders tab → Printers).")
    with ctx.connect() as db:
        rows = [
            row
            for found in return_store.of_orders(db, order_ids).values()
            for row in found
            if row.state == return_store.MADE
        ]
    if not rows:
        raise PrintError("no_return_labels", "None of the chosen orders has a return label.")
    parts, not_printed = _return_documents(ctx, rows, config)
    if not parts:
        raise LabelsNotPrinted(not_printed)
    result, damaged = _print_job(config, parts, f"ShipDesk return {rows[0].order_id}", to_file)
    done = _returns_printed(parts, damaged)
    not_printed += _damaged(parts, damaged)
    with ctx.connect() as db, write_transaction(db):
        return_store.mark_printed(db, done)
    return LabelsPrinted(
        result.printer, result.pages, result.job_id, 0, tuple(not_printed), len(done)
    )


def _job_name(labels: Sequence[Label]) -> str:
    first = labels[0].order_id
    return f"ShipDesk {first}" + (f" +{len(labels) - 1}" if len(labels) > 1 else "")


def mark_shipped(
    ctx: AppContext, label_ids: Sequence[int], *, include_unprinted: bool = False
) -> tracking.Queued:
    """Handed to the carrier without printing here: queue the tracking numbers anyway.
    Labels never printed are only sent when the owner chose so (`include_unprinted`)."""
    with ctx.connect() as db:
        chosen = [
            label.id
            for label in label_store.get_labels(db, label_ids)
            if include_unprinted or label.state != CREATED
        ]
    rules = tracking.rules(ctx)
    with ctx.connect() as db, write_transaction(db):
        queued = tracking.enqueue(db, chosen, rules)
        label_store.mark_handed_over(db, chosen)  # they left: out of the work list
    return queued


def _party_from_order(order: StoredOrder) -> SlipParty:
    from shipdesk.printing.packing_slip import SlipParty

    lines = tuple(
        line for line in (order.address_line1, order.address_line2, order.address_line3) if line
    )
    return SlipParty(
        name=order.recipient_name or "",
        company=order.company_name or "",
        lines=lines,
        postal_code=order.postal_code or "",
        city=order.city or "",
        country_code=order.country_code or "",
    )


@dataclass(frozen=True)
class SlipOrders:
    """The orders asked for, sorted out: which get a slip, which do not exist here, and which
    Amazon cancelled (no slip: they must not ship)."""

    ready: tuple[str, ...]
    unknown: tuple[str, ...]
    cancelled: tuple[str, ...]


def slip_orders(ctx: AppContext, order_ids: Sequence[str]) -> SlipOrders:
    wanted = list(dict.fromkeys(order_ids))  # once each, in the order asked
    found = {o.order_id: o for o in orders_service.list_orders(ctx, wanted)}
    cancelled = [o for o in wanted if o in found and found[o].status in CANCELLED_STATUSES]
    return SlipOrders(
        tuple(o for o in wanted if o in found and o not in cancelled),
        tuple(o for o in wanted if o not in found),
        tuple(cancelled),
    )


def packing_slips_pdf(
    ctx: AppContext,
    order_ids: Sequence[str],
    *,
    paper: str | None = None,
    language: str | None = None,
) -> bytes:
    """One PDF with a packing slip per order, in the order given."""
    from shipdesk.printing.packing_slip import (
        PackingSlip,
        SlipItem,
        SlipParty,
        render_packing_slips,
    )

    config = load_settings(ctx)
    sender = shipping_settings.sender(ctx)
    if sender is None:
        raise PrintError("no_sender", "Add a sender address in the Shipping Options tab.")
    shop = SlipParty(
        name=sender.name,
        company=sender.company_name,
        lines=(f"{sender.street} {sender.number}{sender.addition}".strip(),),
        postal_code=sender.postal_code,
        city=sender.city,
        country_code=sender.country_code,
        phone=sender.phone,
        email=sender.email,
    )
    orders = {o.order_id: o for o in orders_service.list_orders(ctx, order_ids)}
    slips = []
    for order_id in order_ids:
        order = orders.get(order_id)
        if order is None:
            continue
        created = dt.datetime.fromisoformat(order.created_time.replace("Z", "+00:00"))
        created = created.astimezone(SHOP_TIME_ZONE)
        slips.append(
            PackingSlip(
                order_id=order_id,
                order_date=created.date(),
                sender=shop,
                recipient=_party_from_order(order),
                items=tuple(
                    SlipItem(i.seller_sku or "", i.title or "", i.quantity) for i in order.items
                ),
                note=order.label.note if order.label is not None else "",
                marketplace=_marketplace_name(order.marketplace_id),
            )
        )
    if not slips:
        raise PrintError("no_orders", "No orders were chosen.")
    return render_packing_slips(
        slips, paper=paper or config.slip_paper, language=language or config.slip_language
    )


def _marketplace_name(marketplace_id: str | None) -> str:
    from shipdesk.domain.marketplaces import marketplace

    found = marketplace(marketplace_id)
    return found.name if found else ""


def print_packing_slips(
    ctx: AppContext,
    order_ids: Sequence[str],
    *,
    printer: str | None = None,
    paper: str | None = None,
    language: str | None = None,
) -> PrintResult:
    config = load_settings(ctx)
    printer = printer or config.slip_printer or config.label_printer
    if not printer:
        raise PrintError(
            "no_printer", "Choose a packing-slip printer first (Orders tab → Printers)."
        )
    pdf = packing_slips_pdf(ctx, order_ids, paper=paper, language=language)
    return printers.print_pdfs(
        [pdf],
        printer,
        SLIP_SIZES[paper or config.slip_paper],
        job_name=f"ShipDesk packing slips ({len(order_ids)})",
    )


def save_packing_slips(
    ctx: AppContext,
    order_ids: Sequence[str],
    path: Path,
    *,
    paper: str | None = None,
    language: str | None = None,
) -> Path:
    pdf = packing_slips_pdf(ctx, order_ids, paper=paper, language=language)
    return write_atomically(path, pdf)


def labels_for_orders(ctx: AppContext, order_ids: Sequence[str]) -> list[int]:
    with ctx.connect() as db:
        return label_store.active_label_ids(db, order_ids)


@dataclass(frozen=True)
class TestPrintWords:
    """What the test pages say, in the owner's language (the window words them)."""

    title: str = "ShipDesk test label"
    size: str = "%1: %2 x %3 mm"
    frame: str = "The frame must be 2 mm from every edge."
    barcode: str = "The barcode below must scan."
    slip_note: str = "ShipDesk test print"


def size_of_test_label(config: PrintSettings) -> str:
    """The size the test label is drawn at: the chosen one for PDF; for ZPL the Zebra roll's
    4 x 6 inch, whose frame shows whether the printer is set to it."""
    return "4x6in" if config.label_format == "zpl" else config.label_size


def test_print(
    config: PrintSettings, which: str, words: TestPrintWords | None = None
) -> PrintResult:
    """A test page on the chosen printer, in the chosen format, before anything is saved."""
    words = words or TestPrintWords()
    if which == "slip":
        from shipdesk.printing.packing_slip import (
            PackingSlip,
            SlipItem,
            SlipParty,
            render_packing_slips,
        )

        printer = config.slip_printer or config.label_printer
        if not printer:
            raise PrintError("no_printer", "Choose a packing-slip printer first.")
        sample = PackingSlip(
            order_id="000-0000000-0000000",
            order_date=dt.date.today(),
            sender=SlipParty("ShipDesk", lines=("Test",)),
            recipient=SlipParty(
                "Test",
                lines=("Teststraat 1",),
                postal_code="1234 AB",
                city="Testdorp",
                country_code="NL",
            ),
            items=(SlipItem("TEST", words.title, 1),),
            note=words.slip_note,
        )
        pdf = render_packing_slips([sample], paper=config.slip_paper, language=config.slip_language)
        return printers.print_pdfs(
            [pdf], printer, SLIP_SIZES[config.slip_paper], job_name="ShipDesk test"
        )
    if not config.label_printer:
        raise PrintError("no_printer", "Choose a label printer first.")
    page = LABEL_SIZES[size_of_test_label(config)]
    if config.label_format == "zpl":
        return printers.print_raw(
            test_label_zpl(config.zpl_dpi, page, words),
            config.label_printer,
            job_name="ShipDesk test",
        )
    return printers.print_pdfs(
        [test_label_pdf(page, words)],
        config.label_printer,
        page,
        job_name="ShipDesk test",
        monochrome=True,  # as the labels print
    )


TEST_BARCODE = "SHIPDESK-TEST"
MARGIN_MM = 8
MIN_BAR_MM = 0.25  # two dots at 203 dpi: the narrowest bar a label printer draws sharply


def test_label_pdf(page: printers.PageSize, words: TestPrintWords | None = None) -> bytes:
    """A page at exactly the label size: a frame 2 mm inside the edge shows any offset or
    scaling, and a barcode, as wide as fits within the margins, shows whether the print is
    sharp enough to scan."""
    import io

    from reportlab.graphics.barcode import code128
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    words = words or TestPrintWords()
    buffer = io.BytesIO()
    width, height = page.width_mm * mm, page.height_mm * mm
    pdf = canvas.Canvas(buffer, pagesize=(width, height), invariant=1)
    pdf.setLineWidth(0.5 * mm)
    pdf.rect(2 * mm, 2 * mm, width - 4 * mm, height - 4 * mm)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(MARGIN_MM * mm, height - 14 * mm, words.title)
    pdf.setFont("Helvetica", 9)
    size = (
        words.size.replace("%1", page.label)
        .replace("%2", f"{page.width_mm:g}")
        .replace("%3", f"{page.height_mm:g}")
    )
    for n, line in enumerate((size, words.frame, words.barcode)):
        pdf.drawString(MARGIN_MM * mm, height - (21 + 6 * n) * mm, line)
    # Bars as wide as the label allows (quiet zones included), never narrower than 2 dots.
    room = width - 2 * MARGIN_MM * mm
    modules = code128.Code128(TEST_BARCODE, barWidth=1).width
    bar = max(MIN_BAR_MM * mm, min(0.5 * mm, room / modules))
    barcode = code128.Code128(TEST_BARCODE, barHeight=18 * mm, barWidth=bar)
    barcode.drawOn(pdf, (width - barcode.width) / 2, height / 2 - 9 * mm)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_label_zpl(
    dpi: int, page: PageSize | None = None, words: TestPrintWords | None = None
) -> bytes:
    """The ZPL test label: the same frame 2 mm inside the chosen label size, the same words
    and the same barcode as the PDF one, at the printer's resolution."""
    words, page = words or TestPrintWords(), page or LABEL_SIZES["4x6in"]
    dots = dpi / 25.4  # dots per mm

    def d(mm_: float) -> int:
        return round(mm_ * dots)

    def field(text: str) -> str:  # ^FH: hex-escaped, so no character of a translation ends it
        return "^FH^FD" + "".join(f"_{b:02X}" for b in text.encode("utf-8")) + "^FS"

    size = (
        words.size.replace("%1", page.label)
        .replace("%2", f"{page.width_mm:g}")
        .replace("%3", f"{page.height_mm:g}")
    )
    lines = [
        (10, 6, words.title),
        (19, 3.2, size),
        (24, 3.2, words.frame),
        (29, 3.2, words.barcode),
    ]
    return (
        "^XA^CI28"
        f"^PW{d(page.width_mm)}^LL{d(page.height_mm)}"
        f"^FO{d(2)},{d(2)}^GB{d(page.width_mm - 4)},{d(page.height_mm - 4)},{max(2, d(0.5))}^FS"
        + "".join(f"^FO{d(MARGIN_MM)},{d(y)}^A0N,{d(h)},{d(h)}" + field(t) for y, h, t in lines)
        + f"^FO{d(MARGIN_MM)},{d(40)}^BY{max(2, round(dpi / 100))}"
        f"^BCN,{d(18)},Y,N,N^FD{TEST_BARCODE}^FS"
        "^XZ"
    ).encode()

"""DHL Parcel NL label documents as the sandbox renders them: PDF (10 × 21 cm) and ZPL II.

The PDF is DHL's "B2X_Generic_A4_Third" label: one third of A4 at 10 × 21 cm, portrait, with
the tracker code as a large Code 128 barcode whose module (bar) width is exactly three printer
dots at 203 dpi, so it survives a thermal label printer. PDFs are rendered with reportlab's
`invariant` mode: the same label always gives the same bytes (the JSON answer's base64 is the
PDF answer, byte for byte).

The ZPL is laid out in millimetres on a 100 × 210 mm label and converted to dots for 203, 300
or 600 dpi; its content stays within the top 200 mm so that it also fits a 4 × 8 in roll.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import Color, black
from reportlab.lib.units import cm, mm
from reportlab.pdfgen.canvas import Canvas

from shipdesk.sandbox.label_drawing import (
    COUNTRY_NAMES,
    Zpl,
    barcode,
    draw_line,
    fit,
    format_postal_code,
    text_of,
    weight_text,
)

PAGE_SIZE = (10 * cm, 21 * cm)  # 283.46 × 595.28 pt
LABEL_TYPE = "B2X_Generic_A4_Third"
ZPL_DPIS = (203, 300, 600)
DHL_YELLOW = Color(1, 0.8, 0)
DHL_RED = Color(0.831, 0.02, 0.067)
MARGIN = 3 * mm
# One barcode module = 3 dots of a 203 dpi printer (0.375 mm): scans well, fits 20 characters.
TRACKER_MODULE_PT = 3 * 72 / 203
REFERENCE_MODULE_PT = 2 * 72 / 203


@dataclass
class LabelData:
    """Everything printed on one label (one piece of a shipment)."""

    tracker_code: str
    order_reference: str
    product_label: str
    parcel_type: str
    piece_number: int
    piece_count: int
    receiver: dict[str, Any]
    shipper: dict[str, Any]
    account_id: str
    created_at: dt.datetime
    weight_kg: float | None = None
    option_lines: list[str] = field(default_factory=list)  # "EVE  Evening delivery"
    option_keys: list[str] = field(default_factory=list)
    hide_sender: bool = False
    label_type: str = LABEL_TYPE


# -- address formatting (shared by PDF and ZPL) --


def name_lines(party: dict[str, Any]) -> list[str]:
    name = party.get("name") or {}
    first, last = text_of(name.get("firstName")), text_of(name.get("lastName"))
    person = " ".join(p for p in (first, last) if p)
    return [line for line in (text_of(name.get("companyName")), person) if line]


def address_lines(party: dict[str, Any]) -> list[str]:
    """Street line, postal code + city, country: as DHL prints them."""
    address = party.get("address") or {}
    number = text_of(address.get("number"))
    addition = text_of(address.get("addition"))
    house = number + (f" {addition}" if addition and number else addition)
    street = " ".join(p for p in (text_of(address.get("street")), house) if p)
    country = text_of(address.get("countryCode")).upper()
    postal = format_postal_code(text_of(address.get("postalCode")), country)
    city = text_of(address.get("city")).upper()
    return [
        line
        for line in (street, f"{postal}  {city}".strip(), COUNTRY_NAMES.get(country, country))
        if line
    ]


# -- PDF --


def _draw_header(canvas: Canvas, label: LabelData, width: float, top: float) -> float:
    band = 16 * mm
    canvas.setFillColor(DHL_YELLOW)
    canvas.rect(0, top - band, width, band, stroke=0, fill=1)
    canvas.setFillColor(DHL_RED)
    canvas.setFont("Helvetica-BoldOblique", 30)
    canvas.drawString(MARGIN + 2, top - band + 4.5 * mm, "DHL")
    canvas.setFillColor(black)
    right = width - MARGIN
    size = fit(label.product_label, "Helvetica-Bold", 11, 42 * mm)
    canvas.setFont("Helvetica-Bold", size)
    canvas.drawRightString(right, top - 7 * mm, label.product_label)
    canvas.setFont("Helvetica", 7)
    canvas.drawRightString(right, top - 11 * mm, "DHL Parcel NL")
    canvas.drawRightString(right, top - 14 * mm, label.label_type)
    return top - band


def _draw_sender(canvas: Canvas, label: LabelData, width: float, top: float) -> float:
    y = top - 4 * mm
    left_width = width * 0.58
    canvas.setFont("Helvetica-Bold", 6.5)
    canvas.drawString(MARGIN, y, "Afzender / Sender")
    lines = (
        [f"Account {label.account_id}"]
        if label.hide_sender
        else name_lines(label.shipper) + address_lines(label.shipper)
    )
    for line in lines[:5]:
        y -= 3.2 * mm
        draw_line(canvas, MARGIN, y, line, "Helvetica", 7.5, left_width - MARGIN)
    info = [
        ("Date", label.created_at.strftime("%d-%m-%Y")),
        ("Account", label.account_id),
        ("Piece", f"{label.piece_number}/{label.piece_count}"),
        ("Weight", weight_text(label.weight_kg)),
    ]
    x = left_width + 2 * mm
    info_y = top - 4 * mm
    for name, value in info:
        canvas.setFont("Helvetica", 6.5)
        canvas.drawString(x, info_y, name)
        canvas.setFont("Helvetica-Bold", 8)
        canvas.drawString(x + 13 * mm, info_y, value)
        info_y -= 3.6 * mm
    bottom = top - 22 * mm
    canvas.setLineWidth(0.8)
    canvas.line(MARGIN, bottom, width - MARGIN, bottom)
    return bottom


def _draw_receiver(canvas: Canvas, label: LabelData, width: float, top: float) -> float:
    y = top - 5 * mm
    canvas.setFont("Helvetica-Bold", 7)
    canvas.drawString(MARGIN, y, "Aan / To")
    text_width = width - 2 * MARGIN
    lines = name_lines(label.receiver)
    for line in lines[:3]:
        y -= 6 * mm
        draw_line(canvas, MARGIN, y, line, "Helvetica-Bold", 14, text_width)
    address = address_lines(label.receiver)
    sizes = (14, 18, 12)  # street, postal code + city (largest: what the sorter reads), country
    for line, size in zip(address, sizes, strict=False):
        y -= (size * 0.35 + 2) * mm
        draw_line(canvas, MARGIN, y, line, "Helvetica-Bold", size, text_width)
    bottom = min(y - 4 * mm, top - 50 * mm)
    canvas.line(MARGIN, bottom, width - MARGIN, bottom)
    return bottom


def _draw_services(canvas: Canvas, label: LabelData, width: float, top: float) -> float:
    box = 26 * mm  # the parcel type box on the right
    y = top - 5 * mm
    text_width = width - 2 * MARGIN - box - 2 * mm
    draw_line(canvas, MARGIN, y, label.product_label, "Helvetica-Bold", 10, text_width)
    for line in label.option_lines[:6]:
        y -= 3.6 * mm
        draw_line(canvas, MARGIN, y, line, "Helvetica", 7.5, text_width)
    if len(label.option_lines) > 6:
        y -= 3.6 * mm
        extra = ", ".join(label.option_keys[6:])
        draw_line(canvas, MARGIN, y, f"+ {extra}", "Helvetica", 7.5, text_width)
    x = width - MARGIN - box
    canvas.rect(x, top - 26 * mm, box, 23 * mm, stroke=1, fill=0)
    size = fit(label.parcel_type, "Helvetica-Bold", 14, box - 2 * mm)
    canvas.setFont("Helvetica-Bold", size)
    canvas.drawCentredString(x + box / 2, top - 11 * mm, label.parcel_type)
    canvas.setFont("Helvetica", 9)
    canvas.drawCentredString(x + box / 2, top - 17 * mm, weight_text(label.weight_kg))
    canvas.setFont("Helvetica-Bold", 11)
    canvas.drawCentredString(
        x + box / 2, top - 23.5 * mm, f"{label.piece_number}/{label.piece_count}"
    )
    bottom = min(y - 4 * mm, top - 29 * mm)
    canvas.line(MARGIN, bottom, width - MARGIN, bottom)
    return bottom


def _draw_barcodes(canvas: Canvas, label: LabelData, width: float) -> None:
    """Tracker barcode and the order reference barcode, anchored to the bottom of the label."""
    usable = width - 2 * MARGIN
    canvas.setFont("Helvetica", 6)
    canvas.drawCentredString(
        width / 2, 3 * mm, f"{label.label_type} · my.dhlparcel.nl/home/tracktrace"
    )
    if label.order_reference:
        ref = barcode(label.order_reference, REFERENCE_MODULE_PT, 10 * mm, usable - 8 * mm)
        ref_x = MARGIN + 8 * mm + (usable - 8 * mm - ref.width) / 2
        ref.drawOn(canvas, ref_x, 10 * mm)
        canvas.setFont("Helvetica-Bold", 9)
        canvas.drawString(MARGIN, 14 * mm, "Ref")
        canvas.setFont("Helvetica", 8)
        canvas.drawCentredString(ref_x + ref.width / 2, 6.5 * mm, label.order_reference)
    tracker = barcode(label.tracker_code, TRACKER_MODULE_PT, 30 * mm, usable)
    canvas.setFillColor(black)
    tracker.drawOn(canvas, (width - tracker.width) / 2, 32 * mm)
    canvas.setFont("Helvetica-Bold", 13)
    canvas.drawCentredString(width / 2, 26.5 * mm, label.tracker_code)


def _draw_label(canvas: Canvas, label: LabelData) -> None:
    width, height = PAGE_SIZE
    top = _draw_header(canvas, label, width, height)
    top = _draw_sender(canvas, label, width, top)
    top = _draw_receiver(canvas, label, width, top)
    _draw_services(canvas, label, width, top)
    _draw_barcodes(canvas, label, width)


def render_pdf(labels: Sequence[LabelData]) -> bytes:
    """One page of 10 × 21 cm per label; deterministic bytes for the same labels."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE_SIZE, invariant=1, pageCompression=1)
    canvas.setTitle("DHL Parcel NL label" + ("s" if len(labels) > 1 else ""))
    canvas.setAuthor("DHL Parcel NL (ShipDesk sandbox)")
    canvas.setSubject(", ".join(label.tracker_code for label in labels))
    for label in labels:
        _draw_label(canvas, label)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# -- ZPL II --


def render_zpl(label: LabelData, dpi: int = 203) -> str:
    """A ZPL II document (^XA … ^XZ) for a 100 × 210 mm label, UTF-8 text (^CI28)."""
    if dpi not in ZPL_DPIS:
        raise ValueError(f"dpi must be one of {ZPL_DPIS}")
    z = Zpl(dpi)
    z.add("^XA")
    z.add("^CI28")
    z.add(f"^PW{z.dots(100)}")
    z.add(f"^LL{z.dots(210)}")
    z.add("^LH0,0")
    # Header: a black band with DHL reversed out of it (no yellow on a thermal printer).
    z.box(0, 0, 100, 16, 16)
    z.text(4, 3, 11, "DHL", reverse=True)
    z.text(40, 3, 4.5, label.product_label[:28], reverse=True)
    z.text(40, 9, 3, f"DHL Parcel NL  {label.label_type}", reverse=True)
    # Sender and shipment facts.
    y = 19.0
    z.text(3, y, 2.5, "Afzender / Sender")
    sender = (
        [f"Account {label.account_id}"]
        if label.hide_sender
        else name_lines(label.shipper) + address_lines(label.shipper)
    )
    for line in sender[:5]:
        y += 3.2
        z.text(3, y, 2.6, line[:40])
    facts = [
        f"Date {label.created_at.strftime('%d-%m-%Y')}",
        f"Account {label.account_id}",
        f"Piece {label.piece_number}/{label.piece_count}",
        f"Weight {weight_text(label.weight_kg)}",
    ]
    for n, fact in enumerate(facts):
        z.text(62, 22.2 + n * 3.6, 2.8, fact)
    z.box(3, 40, 94, 0.3, 0.3)
    # Receiver, large.
    y = 43.0
    z.text(3, y, 2.5, "Aan / To")
    y += 3.5
    for line in name_lines(label.receiver)[:3]:
        z.text(3, y, 5, line[:32])
        y += 6
    for line, size in zip(address_lines(label.receiver), (5, 7, 4.5), strict=False):
        z.text(3, y, size, line[: 32 if size < 6 else 24])
        y += size + 1.5
    y = max(y + 2, 78.0)
    z.box(3, y, 94, 0.3, 0.3)
    # Product, options, parcel type.
    z.text(3, y + 3, 3.8, label.product_label[:32])
    for n, line in enumerate(label.option_lines[:6]):
        z.text(3, y + 8 + n * 3.4, 2.7, line[:46])
    z.box(72, y + 3, 25, 22, 0.4)
    z.text(74, y + 6, 4.5, label.parcel_type)
    z.text(74, y + 13, 3.2, weight_text(label.weight_kg))
    z.text(74, y + 18.5, 4.2, f"{label.piece_number}/{label.piece_count}")
    # Barcodes: tracker code large, order reference small, each with its readable text.
    z.barcode(118, 30, label.tracker_code, 3)
    z.text(0, 150, 5, label.tracker_code, centred=True)
    if label.order_reference:
        z.text(3, 166, 3.5, "Ref")
        z.barcode(163, 10, label.order_reference, 2)
        z.text(0, 175, 3, label.order_reference, centred=True)
    z.text(3, 186, 2.4, "my.dhlparcel.nl/home/tracktrace")
    z.add("^PQ1")
    z.add("^XZ")
    return "\n".join(z.commands) + "\n"

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

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.colors import Color, black
from reportlab.lib.units import cm, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

PAGE_SIZE = (10 * cm, 21 * cm)  # 283.46 × 595.28 pt
LABEL_TYPE = "B2X_Generic_A4_Third"
ZPL_DPIS = (203, 300, 600)
DHL_YELLOW = Color(1, 0.8, 0)
DHL_RED = Color(0.831, 0.02, 0.067)
MARGIN = 3 * mm
# One barcode module = 3 dots of a 203 dpi printer (0.375 mm): scans well, fits 20 characters.
TRACKER_MODULE_PT = 3 * 72 / 203
REFERENCE_MODULE_PT = 2 * 72 / 203
COUNTRY_NAMES = {
    "NL": "NETHERLANDS",
    "BE": "BELGIUM",
    "LU": "LUXEMBOURG",
    "DE": "GERMANY",
    "FR": "FRANCE",
    "IT": "ITALY",
    "ES": "SPAIN",
    "AT": "AUSTRIA",
    "PL": "POLAND",
    "SE": "SWEDEN",
    "DK": "DENMARK",
    "GB": "UNITED KINGDOM",
    "CH": "SWITZERLAND",
    "NO": "NORWAY",
}


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


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def name_lines(party: dict[str, Any]) -> list[str]:
    name = party.get("name") or {}
    person = " ".join(p for p in (_text(name.get("firstName")), _text(name.get("lastName"))) if p)
    return [line for line in (_text(name.get("companyName")), person) if line]


def address_lines(party: dict[str, Any]) -> list[str]:
    """Street line, postal code + city, country: as DHL prints them."""
    address = party.get("address") or {}
    number = _text(address.get("number"))
    addition = _text(address.get("addition"))
    house = number + (f" {addition}" if addition and number else addition)
    street = " ".join(p for p in (_text(address.get("street")), house) if p)
    country = _text(address.get("countryCode")).upper()
    postal = format_postal_code(_text(address.get("postalCode")), country)
    city = _text(address.get("city")).upper()
    return [
        line
        for line in (street, f"{postal}  {city}".strip(), COUNTRY_NAMES.get(country, country))
        if line
    ]


def format_postal_code(postal_code: str, country: str) -> str:
    code = postal_code.upper()
    if country == "NL" and len(code.replace(" ", "")) == 6:
        compact = code.replace(" ", "")
        return f"{compact[:4]} {compact[4:]}"
    return code


def weight_text(weight_kg: float | None) -> str:
    return f"{weight_kg:.2f} kg" if weight_kg is not None else "-"


# -- PDF --


def _fit(text: str, font: str, size: float, width: float, smallest: float = 6) -> float:
    """The largest font size up to `size` at which `text` fits `width` (not below smallest)."""
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _clip(text: str, font: str, size: float, width: float) -> str:
    while text and stringWidth(text, font, size) > width:
        text = text[:-1]
    return text


def _line(
    canvas: Canvas, x: float, y: float, text: str, font: str, size: float, width: float
) -> None:
    size = _fit(text, font, size, width)
    canvas.setFont(font, size)
    canvas.drawString(x, y, _clip(text, font, size, width))


def _barcode(value: str, module: float, height: float, max_width: float) -> Code128:
    """A Code 128 symbol with 10-module quiet zones; thinner bars only if it would not fit."""
    barcode = Code128(value, barWidth=module, barHeight=height, humanReadable=0)
    while barcode.width > max_width and module > 1 * 72 / 203:
        module -= 72 / 203
        barcode = Code128(value, barWidth=module, barHeight=height, humanReadable=0)
    return barcode


def _draw_header(canvas: Canvas, label: LabelData, width: float, top: float) -> float:
    band = 16 * mm
    canvas.setFillColor(DHL_YELLOW)
    canvas.rect(0, top - band, width, band, stroke=0, fill=1)
    canvas.setFillColor(DHL_RED)
    canvas.setFont("Helvetica-BoldOblique", 30)
    canvas.drawString(MARGIN + 2, top - band + 4.5 * mm, "DHL")
    canvas.setFillColor(black)
    right = width - MARGIN
    size = _fit(label.product_label, "Helvetica-Bold", 11, 42 * mm)
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
        _line(canvas, MARGIN, y, line, "Helvetica", 7.5, left_width - MARGIN)
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
        _line(canvas, MARGIN, y, line, "Helvetica-Bold", 14, text_width)
    address = address_lines(label.receiver)
    sizes = (14, 18, 12)  # street, postal code + city (largest: what the sorter reads), country
    for line, size in zip(address, sizes, strict=False):
        y -= (size * 0.35 + 2) * mm
        _line(canvas, MARGIN, y, line, "Helvetica-Bold", size, text_width)
    bottom = min(y - 4 * mm, top - 50 * mm)
    canvas.line(MARGIN, bottom, width - MARGIN, bottom)
    return bottom


def _draw_services(canvas: Canvas, label: LabelData, width: float, top: float) -> float:
    box = 26 * mm  # the parcel type box on the right
    y = top - 5 * mm
    text_width = width - 2 * MARGIN - box - 2 * mm
    _line(canvas, MARGIN, y, label.product_label, "Helvetica-Bold", 10, text_width)
    for line in label.option_lines[:6]:
        y -= 3.6 * mm
        _line(canvas, MARGIN, y, line, "Helvetica", 7.5, text_width)
    if len(label.option_lines) > 6:
        y -= 3.6 * mm
        extra = ", ".join(label.option_keys[6:])
        _line(canvas, MARGIN, y, f"+ {extra}", "Helvetica", 7.5, text_width)
    x = width - MARGIN - box
    canvas.rect(x, top - 26 * mm, box, 23 * mm, stroke=1, fill=0)
    size = _fit(label.parcel_type, "Helvetica-Bold", 14, box - 2 * mm)
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
        ref = _barcode(label.order_reference, REFERENCE_MODULE_PT, 10 * mm, usable - 8 * mm)
        ref_x = MARGIN + 8 * mm + (usable - 8 * mm - ref.width) / 2
        ref.drawOn(canvas, ref_x, 10 * mm)
        canvas.setFont("Helvetica-Bold", 9)
        canvas.drawString(MARGIN, 14 * mm, "Ref")
        canvas.setFont("Helvetica", 8)
        canvas.drawCentredString(ref_x + ref.width / 2, 6.5 * mm, label.order_reference)
    tracker = _barcode(label.tracker_code, TRACKER_MODULE_PT, 30 * mm, usable)
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


def _zpl_field(text: str) -> str:
    """Field data with ^FH hex escapes, so ^ ~ and _ in names cannot break the format."""
    escaped = text.replace("_", "_5F").replace("^", "_5E").replace("~", "_7E")
    return f"^FH^FD{escaped}^FS"


def _code128_modules(value: str) -> int:
    """Width of the Code 128 symbol in modules (without quiet zones), to centre it."""
    barcode = Code128(value, barWidth=1, quiet=0)
    return round(barcode.width)


class _Zpl:
    """Builds a ZPL II label, laid out in millimetres, in dots for one printer resolution."""

    def __init__(self, dpi: int) -> None:
        self.dpi = dpi
        self.commands: list[str] = []

    def dots(self, millimetres: float) -> int:
        return round(millimetres * self.dpi / 25.4)

    def add(self, command: str) -> None:
        self.commands.append(command)

    def text(
        self,
        x: float,
        y: float,
        size: float,
        text: str,
        *,
        reverse: bool = False,
        centred: bool = False,
    ) -> None:
        height = self.dots(size)
        flags = ("^FR" if reverse else "") + (f"^FB{self.dots(100)},1,0,C" if centred else "")
        self.add(
            f"^FO{self.dots(x)},{self.dots(y)}^A0N,{height},{height}{flags}" + _zpl_field(text)
        )

    def box(self, x: float, y: float, w: float, h: float, thickness: float) -> None:
        self.add(
            f"^FO{self.dots(x)},{self.dots(y)}"
            f"^GB{self.dots(w)},{self.dots(h)},{max(1, self.dots(thickness))}^FS"
        )

    def barcode(self, y: float, height: float, value: str, module_dots_203: int) -> None:
        """A centred Code 128 (automatic code sets: ^BC mode A) with no printed text line."""
        module = max(1, round(module_dots_203 * self.dpi / 203))
        width = _code128_modules(value) * module
        x = max(0, (self.dots(100) - width) // 2)
        self.add(
            f"^FO{x},{self.dots(y)}^BY{module},3,{self.dots(height)}"
            f"^BCN,{self.dots(height)},N,N,N,A" + _zpl_field(value)
        )


def render_zpl(label: LabelData, dpi: int = 203) -> str:
    """A ZPL II document (^XA … ^XZ) for a 100 × 210 mm label, UTF-8 text (^CI28)."""
    if dpi not in ZPL_DPIS:
        raise ValueError(f"dpi must be one of {ZPL_DPIS}")
    z = _Zpl(dpi)
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

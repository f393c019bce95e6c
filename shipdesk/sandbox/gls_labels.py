"""GLS NL label documents as the sandbox renders them, for each `labelType` of Label/Create.

A GLS label is A6 (105 × 148 mm, portrait) with the parcel number (`unitNo`, 14 digits) as a
large Code 128 barcode of three printer dots per module at 203 dpi, the Track ID (`uniqueNo`)
and the order reference in text. The PDF types place that label differently:

    pdfA6U   one A6 document per unit            (answer: units[].label)
    pdfA6S   one A6 document, a page per unit     (answer: labels)
    pdf      one A4 document per unit, the label in the top left quarter (units[].label)
    pdf2A4   one A4 document, two labels a page   (labels)
    pdf4A4   one A4 document, four labels a page  (labels)

ZPL (`zpl` 203 dpi, `zpl300` 300 dpi) is a 100 × 150 mm label (a 4 × 6 in roll) per unit, its
text in Windows-1252 (^CI27); the `…Utf8` types send UTF-8 (^CI28). PDFs are rendered in
reportlab's invariant mode: the same label always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from shipdesk.sandbox.label_drawing import (
    COUNTRY_NAMES,
    Zpl,
    barcode,
    draw_line,
    format_postal_code,
    text_of,
    weight_text,
)

GLS_BLUE = Color(0.024, 0.102, 0.694)
GLS_YELLOW = Color(1, 0.82, 0)
MARGIN = 3 * mm
UNIT_MODULE_PT = 3 * 72 / 203  # one module = 3 dots of a 203 dpi printer
REFERENCE_MODULE_PT = 2 * 72 / 203
# labelType -> (document per unit?, labels per page, page size)
PDF_TYPES: dict[str, tuple[bool, int, tuple[float, float]]] = {
    "pdfA6U": (True, 1, A6),
    "pdfA6S": (False, 1, A6),
    "pdf": (True, 1, A4),
    "pdf2A4": (False, 2, A4),
    "pdf4A4": (False, 4, A4),
}
ZPL_TYPES = {
    "zpl": (203, False),
    "zpl300": (300, False),
    "zplUtf8": (203, True),
    "zpl300Utf8": (300, True),
}
LABEL_TYPES = frozenset(PDF_TYPES) | frozenset(ZPL_TYPES)


def per_unit(label_type: str) -> bool:
    """Whether the answer carries a document per unit (else one document in `labels`)."""
    return label_type in ZPL_TYPES or PDF_TYPES[label_type][0]


@dataclass
class GlsLabelData:
    """Everything printed on one unit's label."""

    unit_no: str
    unique_no: str
    reference: str
    product: str  # "BusinessParcel", "EuroBusinessParcel", "ShopReturn"
    unit_number: int
    unit_count: int
    delivery: dict[str, Any]  # GLS's deliveryAddress fields
    pickup: dict[str, Any]  # the sender: the request's pickupAddress or the registered one
    customer_no: str
    shipping_date: dt.date
    weight_kg: float | None = None
    services: list[str] = field(default_factory=list)  # "T12  Express before 12:00"
    parcel_shop: str = ""  # the ParcelShop id when delivered to a shop


def party_lines(party: dict[str, Any]) -> list[str]:
    """Names, street line, postcode + city, country: as GLS prints an address."""
    names = [text_of(party.get(key)) for key in ("name1", "name2", "name3")]
    house = " ".join(
        p for p in (text_of(party.get("houseNo")), text_of(party.get("houseNoExt"))) if p
    )
    street = " ".join(p for p in (text_of(party.get("street")), house) if p)
    country = text_of(party.get("countryCode")).upper()
    postal = format_postal_code(text_of(party.get("zipCode")), country)
    city = text_of(party.get("city")).upper()
    place = f"{country}-{postal}  {city}".strip() if country != "NL" else f"{postal}  {city}"
    return [
        line
        for line in (*names, street, place.strip(), COUNTRY_NAMES.get(country, country))
        if line
    ]


# -- PDF --


def _draw_label(canvas: Canvas, label: GlsLabelData) -> None:
    """One A6 label with its bottom left corner at the canvas's origin."""
    width, height = A6
    usable = width - 2 * MARGIN
    # Header: GLS on its blue band, product and unit count on the right.
    band = 14 * mm
    canvas.setFillColor(GLS_BLUE)
    canvas.rect(0, height - band, width, band, stroke=0, fill=1)
    canvas.setFillColor(GLS_YELLOW)
    canvas.setFont("Helvetica-Bold", 26)
    canvas.drawString(MARGIN + 1, height - band + 3.5 * mm, "GLS")
    canvas.setFillColor(white)
    right = width - MARGIN
    canvas.setFont("Helvetica-Bold", 10)
    canvas.drawRightString(right, height - 6 * mm, label.product)
    canvas.setFont("Helvetica", 7)
    canvas.drawRightString(
        right,
        height - 10.5 * mm,
        f"Unit {label.unit_number}/{label.unit_count}  ·  "
        f"{weight_text(label.weight_kg)}  ·  {label.shipping_date.strftime('%d-%m-%Y')}",
    )
    canvas.setFillColor(black)
    # Sender, small.
    y = height - band - 4 * mm
    canvas.setFont("Helvetica-Bold", 6)
    canvas.drawString(MARGIN, y, f"Afzender / Sender  ·  GLS {label.customer_no}")
    for line in party_lines(label.pickup)[:4]:
        y -= 2.8 * mm
        draw_line(canvas, MARGIN, y, line, "Helvetica", 6.5, usable)
    y -= 2.5 * mm
    canvas.setLineWidth(0.8)
    canvas.line(MARGIN, y, width - MARGIN, y)
    # Receiver, large.
    y -= 4 * mm
    canvas.setFont("Helvetica-Bold", 6.5)
    canvas.drawString(MARGIN, y, "Aan / To")
    lines = party_lines(label.delivery)
    for n, line in enumerate(lines[:6]):
        size = 13 if n == len(lines[:6]) - 2 else 10.5
        y -= (size * 0.35 + 1.6) * mm
        draw_line(canvas, MARGIN, y, line, "Helvetica-Bold", size, usable)
    if label.parcel_shop:
        y -= 4 * mm
        draw_line(canvas, MARGIN, y, f"ParcelShop {label.parcel_shop}", "Helvetica-Bold", 9, usable)
    y -= 2.5 * mm
    canvas.line(MARGIN, y, width - MARGIN, y)
    for line in label.services[:3]:
        y -= 3.4 * mm
        draw_line(canvas, MARGIN, y, line, "Helvetica-Bold", 8, usable)
    # Bottom: the parcel number as a barcode, with the number, the Track ID and the reference.
    canvas.setFont("Helvetica", 7)
    canvas.drawString(MARGIN, 3 * mm, f"Ref {label.reference}"[:40])
    canvas.drawRightString(width - MARGIN, 3 * mm, "gls-info.nl/tracking")
    canvas.setFont("Helvetica-Bold", 9)
    canvas.drawString(MARGIN, 7 * mm, f"Track ID {label.unique_no}")
    symbol = barcode(label.unit_no, UNIT_MODULE_PT, 20 * mm, usable)
    symbol.drawOn(canvas, (width - symbol.width) / 2, 16 * mm)
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawCentredString(width / 2, 11.5 * mm, label.unit_no)


def render_pdf(labels: Sequence[GlsLabelData], label_type: str = "pdfA6U") -> bytes:
    """One document holding `labels` laid out as `label_type` places them."""
    _, per_page, page = PDF_TYPES[label_type]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page, invariant=1, pageCompression=1)
    canvas.setTitle("GLS label" + ("s" if len(labels) > 1 else ""))
    canvas.setAuthor("GLS Netherlands (ShipDesk sandbox)")
    canvas.setSubject(", ".join(label.unit_no for label in labels))
    # Quarter positions of an A6 label on an A4 page, filled top left first.
    spots = [(0, A4[1] - A6[1]), (A4[0] - A6[0], A4[1] - A6[1]), (0, 0), (A4[0] - A6[0], 0)]
    for start in range(0, len(labels), per_page):
        for n, label in enumerate(labels[start : start + per_page]):
            canvas.saveState()
            if page == A4:
                canvas.translate(*spots[n])
            _draw_label(canvas, label)
            canvas.restoreState()
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# -- ZPL II --


def render_zpl(label: GlsLabelData, label_type: str = "zpl") -> bytes:
    """A ZPL II document (^XA … ^XZ) for a 100 × 150 mm label."""
    dpi, utf8 = ZPL_TYPES[label_type]
    z = Zpl(dpi, width_mm=100)
    z.add("^XA")
    z.add("^CI28" if utf8 else "^CI27")
    z.add(f"^PW{z.dots(100)}")
    z.add(f"^LL{z.dots(150)}")
    z.add("^LH0,0")
    z.box(0, 0, 100, 13, 13)
    z.text(3, 2.5, 9, "GLS", reverse=True)
    z.text(45, 2, 4, label.product[:24], reverse=True)
    unit = f"Unit {label.unit_number}/{label.unit_count}  {weight_text(label.weight_kg)}"
    z.text(45, 7.5, 3, unit, reverse=True)
    y = 16.0
    z.text(3, y, 2.4, f"Afzender / Sender  GLS {label.customer_no}")
    for line in party_lines(label.pickup)[:4]:
        y += 2.9
        z.text(3, y, 2.4, line[:48])
    y += 4
    z.box(3, y, 94, 0.3, 0.3)
    y += 2
    z.text(3, y, 2.5, "Aan / To")
    y += 3
    lines = party_lines(label.delivery)[:6]
    for n, line in enumerate(lines):
        size = 5.5 if n == len(lines) - 2 else 4.2
        z.text(3, y, size, line[:30])
        y += size + 1.2
    if label.parcel_shop:
        z.text(3, y, 3.5, f"ParcelShop {label.parcel_shop}")
        y += 4.5
    z.box(3, y, 94, 0.3, 0.3)
    for line in label.services[:3]:
        y += 1.5
        z.text(3, y, 3, line[:44])
        y += 2.5
    z.barcode(104, 22, label.unit_no, 3)
    z.text(0, 128, 5, label.unit_no, centred=True)
    z.text(3, 136, 3.5, f"Track ID {label.unique_no}")
    z.text(3, 142, 2.8, f"Ref {label.reference}"[:40])
    z.add("^PQ1")
    z.add("^XZ")
    text = "\n".join(z.commands) + "\n"
    return text.encode("utf-8") if utf8 else text.encode("cp1252", errors="replace")

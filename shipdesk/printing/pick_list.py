"""The pick list as a PDF (A4): one line per SKU with the units to take from the shelves, a box
to tick, and how many of the orders need it; the orders it is for at the end.

Drawn with reportlab's platypus (tables that wrap and flow over pages), in the packing slips'
Unicode font so every title reads as Amazon gave it.
"""

from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from shipdesk.domain.pick_list import PickList
from shipdesk.printing.packing_slip import fonts

TEXTS = {
    "nl": {
        "title": "Picklijst",
        "summary": "{orders} bestellingen · {units} artikelen · {when}",
        "sku": "Artikelnr.",
        "item": "Omschrijving",
        "quantity": "Aantal",
        "orders": "Bestellingen",
        "for": "Voor de bestellingen",
        "left_out": "Niet meegenomen (geannuleerd, verzonden of onbekend)",
        "page": "Pagina {page}",
    },
    "en": {
        "title": "Pick list",
        "summary": "{orders} orders · {units} items · {when}",
        "sku": "SKU",
        "item": "Item",
        "quantity": "Quantity",
        "orders": "Orders",
        "for": "For the orders",
        "left_out": "Left out (cancelled, shipped or unknown)",
        "page": "Page {page}",
    },
}


def render_pick_list(picks: PickList, *, language: str = "nl", when: dt.datetime) -> bytes:
    """The pick list as PDF bytes (deterministic for the same input and time)."""
    if language not in TEXTS:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(TEXTS)}")
    if not picks.lines:
        raise ValueError("nothing to pick")
    words = TEXTS[language]
    regular, bold = fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=12.5)
    strong = ParagraphStyle("strong", parent=body, fontName=bold)
    title = ParagraphStyle("title", parent=body, fontName=bold, fontSize=18, leading=22)
    small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=10.5)

    def text(value: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(escape(value), style)  # Amazon's titles are text, never markup

    header = [text(words[k], strong) for k in ("sku", "item", "quantity", "orders")]
    rows = [["", *header]]
    for line in picks.lines:
        rows.append(
            [
                "",
                text(line.sku or "–"),
                text(line.title),
                text(str(line.quantity), strong),
                text(str(line.orders)),
            ]
        )
    width = A4[0] - 30 * mm
    table = Table(
        rows,
        colWidths=[8 * mm, 38 * mm, width - 8 * mm - 38 * mm - 20 * mm - 24 * mm, 20 * mm, 24 * mm],
        repeatRows=1,
    )
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
        ("ALIGN", (3, 0), (4, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    for row in range(1, len(rows)):  # a box to tick per line
        style.append(("BOX", (0, row), (0, row), 0.8, colors.black))
    table.setStyle(TableStyle(style))
    stamp = when.strftime("%d-%m-%Y %H:%M" if language == "nl" else "%d %b %Y %H:%M")
    summary = words["summary"].format(orders=len(picks.orders), units=picks.units, when=stamp)
    story = [text(words["title"], title), text(summary), Spacer(1, 6 * mm), table]
    story += [Spacer(1, 6 * mm), text(words["for"], strong), text(", ".join(picks.orders), small)]
    if picks.left_out:
        story += [Spacer(1, 3 * mm), text(words["left_out"], strong)]
        story += [text(", ".join(picks.left_out), small)]

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, words["page"].format(page=document.page))
        canvas.restoreState()

    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=words["title"],
        author="ShipDesk",
        creator="ShipDesk",
        invariant=1,
    )
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()

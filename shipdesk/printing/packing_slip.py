"""Packing slips ("pakbonnen"): one PDF for a batch of orders, drawn with reportlab.

Every slip starts on a new page and shows the shop's address, the recipient, the Amazon order
id as text and as a Code 128 barcode, the order date, the marketplace, the items (SKU, title,
quantity) with their total, the shop's optional note and a short thank-you. Long orders flow
onto further pages that repeat the order id, the table header and "page n of m".

Drawing goes straight to the canvas (no platypus): we lay each slip out ourselves (wrap, then
paginate, then draw), which keeps a batch of hundreds of slips fast, and the output is
deterministic (`invariant=1`) so tests and caches can compare bytes.

Decisions worth knowing:
- Dates: Dutch "24-11-2026", English "24 Nov 2026" (month names from `TEXTS`, not the locale).
- The recipient's phone and e-mail are not printed: the slip travels inside the parcel to that
  same person, so they add nothing but personal data. The shop's phone/e-mail are printed as
  the contact line.
- An order id that Code 128 cannot carry exactly (empty, non-ASCII, control characters) is
  printed as text only: a barcode that decodes to something else would be worse than none.
- The footer thanks the customer and gives the shop's e-mail/phone; no returns text, as the
  slip's data carries no return address or policy.
- Item titles wrap to at most `_MAX_TITLE_LINES` lines (then "…"), SKUs to `_MAX_SKU_LINES`;
  the note wraps without limit and flows over pages like the items. Address fields wrap to
  two lines each, at most four street lines: that bounds the header, so an item always fits.
- Font: the first usable of a bundled `resources/fonts/DejaVuSans.ttf`, the system's DejaVu,
  Segoe UI or Arial, and finally reportlab's Vera (no Ł, İ or Greek), see `_font()`.
"""

from __future__ import annotations

import datetime
import io
import logging
import os
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import reportlab
from reportlab.graphics.barcode.code128 import Code128
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from shipdesk.resources import resource

__all__ = [
    "PAPER",
    "TEXTS",
    "PackingSlip",
    "SlipItem",
    "SlipParty",
    "render_packing_slips",
]

log = logging.getLogger(__name__)

PAPER = {"A4": (595.27, 841.89), "A6": (297.64, 419.53)}  # points, portrait

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Pakbon",
        "order_id": "Bestelnummer",
        "order_date": "Besteldatum",
        "marketplace": "Marktplaats",
        "ship_to": "Verzendadres",
        "sku": "Artikelnr.",
        "item": "Omschrijving",
        "quantity": "Aantal",
        "total": "Totaal aantal artikelen",
        "note": "Bericht",
        "thanks": "Bedankt voor je bestelling!",
        "contact": "Vragen? Neem contact met ons op: {contact}",
        "page": "Pagina {page} van {pages}",
        "continued": "vervolg",
        "date": "{day:02d}-{month:02d}-{year}",
        "months": "jan feb mrt apr mei jun jul aug sep okt nov dec",
    },
    "en": {
        "title": "Packing slip",
        "order_id": "Order number",
        "order_date": "Order date",
        "marketplace": "Marketplace",
        "ship_to": "Ship to",
        "sku": "SKU",
        "item": "Description",
        "quantity": "Qty",
        "total": "Total items",
        "note": "Message",
        "thanks": "Thank you for your order!",
        "contact": "Questions? Contact us: {contact}",
        "page": "Page {page} of {pages}",
        "continued": "continued",
        "date": "{day} {month_name} {year}",
        "months": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    },
}

_MAX_TITLE_LINES = 8
_MAX_SKU_LINES = 4
_MAX_ADDRESS_FIELD_LINES = 2
_MAX_ADDRESS_LINES = 4  # street lines per party: bounds the header's height
_ELLIPSIS = "…"


@dataclass(frozen=True)
class SlipParty:
    """The sender (the shop) or the recipient, as printed."""

    name: str
    company: str = ""
    lines: tuple[str, ...] = ()  # street + number lines, as printed
    postal_code: str = ""
    city: str = ""
    country_code: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class SlipItem:
    sku: str
    title: str
    quantity: int


@dataclass(frozen=True)
class PackingSlip:
    order_id: str  # Amazon order id, e.g. "403-1234567-1234567"
    order_date: datetime.date
    sender: SlipParty
    recipient: SlipParty
    items: tuple[SlipItem, ...]
    note: str = ""  # optional message from the shop
    marketplace: str = ""  # e.g. "Amazon.nl"


# --- fonts -------------------------------------------------------------------------------------

_FONT_NAME = "ShipDeskSans"
_FONT_BOLD_NAME = "ShipDeskSans-Bold"
_font_lock = threading.Lock()
_fonts: tuple[str, str] | None = None
_font_path: Path | None = None  # the regular font file in use, once registered


def _font_candidates() -> list[tuple[Path, Path | None]]:
    """(regular, bold) files in order of preference; bold None means "use the regular one"."""
    windows = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    mac = Path("/System/Library/Fonts/Supplemental")
    rl_fonts = Path(reportlab.__file__).parent / "fonts"
    linux_dirs = [
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu",
        "/usr/share/fonts/TTF",
    ]
    return [
        (resource("fonts/DejaVuSans.ttf"), resource("fonts/DejaVuSans-Bold.ttf")),
        *((Path(d, "DejaVuSans.ttf"), Path(d, "DejaVuSans-Bold.ttf")) for d in linux_dirs),
        (windows / "segoeui.ttf", windows / "segoeuib.ttf"),
        (windows / "arial.ttf", windows / "arialbd.ttf"),
        (mac / "Arial.ttf", mac / "Arial Bold.ttf"),
        (mac / "Arial Unicode.ttf", None),
        (Path("/Library/Fonts/Arial Unicode.ttf"), None),
        # Last resort, always there: Vera lacks e.g. Ł, İ and Greek (they print as boxes).
        (rl_fonts / "Vera.ttf", rl_fonts / "VeraBd.ttf"),
    ]


def _register(name: str, path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        pdfmetrics.registerFont(TTFont(name, str(path)))
    except Exception as exc:  # a broken or unsupported (CFF, .ttc) file: try the next one
        log.warning("font %s unusable: %s", path, exc)
        return False
    return True


def _font() -> tuple[str, str]:
    """Register the first usable Unicode TrueType font once; return its (regular, bold) names."""
    global _fonts, _font_path
    with _font_lock:
        if _fonts is None:
            for regular, bold in _font_candidates():
                if not _register(_FONT_NAME, regular):
                    continue
                has_bold = bold is not None and _register(_FONT_BOLD_NAME, bold)
                _fonts = (_FONT_NAME, _FONT_BOLD_NAME if has_bold else _FONT_NAME)
                _font_path = regular
                if regular.name == "Vera.ttf":
                    log.warning("no Unicode font found; packing slips fall back to Vera")
                else:
                    log.info("packing slips use the font %s", regular)
                break
            else:  # pragma: no cover - reportlab always ships Vera
                raise RuntimeError("no TrueType font available for packing slips")
        return _fonts


def fonts() -> tuple[str, str]:
    """The (regular, bold) font names of ShipDesk's printed documents (registered once)."""
    return _font()


# --- layout ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    width: float
    height: float
    margin: float
    title_size: float
    size: float  # recipient, meta, table body
    small: float  # sender, footer, table header
    leading: float  # line height as a multiple of the type size
    gap: float  # vertical space between blocks
    bar_module: float  # Code 128 X dimension, points
    bar_height: float
    header_shade: float | None  # table header fill (grey level); none on thermal printers
    compact_sender: bool  # sender as one run-on line instead of an address block
    sku_width: float  # fractions of the content width
    qty_width: float
    # Header rows; each row holds columns of (start, width) fractions and block names.
    header: tuple[tuple[tuple[float, float, tuple[str, ...]], ...], ...]

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin


# X dimension 1 pt (0.35 mm): ~2.8 dots at 203 dpi, ~4.2 at 300 dpi, well above the 0.25 mm
# that label scanners need; 211 modules + 2 x 10 quiet = 231 pt for an Amazon order id.
_LAYOUTS = {
    "A4": _Layout(
        *PAPER["A4"],
        margin=42,
        title_size=22,
        size=10,
        small=8.5,
        leading=1.25,
        gap=14,
        bar_module=1.0,
        bar_height=42,
        header_shade=0.88,
        compact_sender=False,
        sku_width=0.24,
        qty_width=0.11,
        header=(
            (
                (0.0, 0.5, ("sender", "recipient")),
                (0.54, 0.46, ("title", "meta", "barcode")),
            ),
        ),
    ),
    "A6": _Layout(
        *PAPER["A6"],
        margin=14,
        title_size=14,
        size=7.5,
        small=6.5,
        leading=1.22,
        gap=6,
        bar_module=1.0,
        bar_height=34,
        header_shade=None,
        compact_sender=True,
        sku_width=0.27,
        qty_width=0.13,
        header=(
            ((0.0, 1.0, ("title", "sender")),),
            ((0.0, 0.54, ("recipient",)), (0.58, 0.42, ("meta",))),
            ((0.0, 1.0, ("barcode",)),),
        ),
    ),
}


# --- text helpers ------------------------------------------------------------------------------


def _clean(text: str, *, keep_newlines: bool = False) -> str:
    """NFC, no control characters; single-line fields get their whitespace collapsed."""
    text = unicodedata.normalize("NFC", str(text))
    text = "".join(
        c if c == "\n" or unicodedata.category(c)[0] != "C" else " "
        for c in text.replace("\r\n", "\n")
    )
    if keep_newlines:
        return "\n".join(" ".join(part.split()) for part in text.split("\n")).strip("\n")
    return " ".join(text.split())


def _width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


_BREAK_AFTER = "-_/.:"  # a SKU like "SCR-IP15-XL-2PACK" breaks after its separators


def _break_word(word: str, font: str, size: float, width: float) -> list[str]:
    """Split a word wider than `width` into pieces that fit (at least one character each),
    after a separator where one falls on the line, else where the line is full."""
    pieces, current = [], ""
    for char in word:
        if current and _width(current + char, font, size) > width:
            cut = max(current.rfind(c) for c in _BREAK_AFTER) + 1
            tail = current[cut:]
            # The tail after the separator moves down, when it still fits with this character.
            if 0 < cut < len(current) and _width(tail + char, font, size) <= width:
                pieces.append(current[:cut])
                current = tail
            else:
                pieces.append(current)
                current = ""
        current += char
    pieces.append(current)
    return pieces


def _wrap_paragraph(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current, used = "", 0.0
    space = _width(" ", font, size)
    for word in text.split():
        w = _width(word, font, size)
        if current and used + space + w <= width:
            current, used = f"{current} {word}", used + space + w
            continue
        if current:
            lines.append(current)
        if w <= width:
            current, used = word, w
        else:
            *full, current = _break_word(word, font, size, width)
            lines.extend(full)
            used = _width(current, font, size)
    lines.append(current)
    return lines


def _wrap(
    text: str, font: str, size: float, width: float, max_lines: int | None = None
) -> list[str]:
    """Greedy word wrap by measured width; paragraphs at newlines; "…" past `max_lines`."""
    lines = [ln for para in text.split("\n") for ln in _wrap_paragraph(para, font, size, width)]
    if max_lines is not None and len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and _width(last + _ELLIPSIS, font, size) > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + _ELLIPSIS]
    return lines


def _format_date(date: datetime.date, texts: dict[str, str]) -> str:
    month_name = texts["months"].split()[date.month - 1]
    return texts["date"].format(
        day=date.day, month=date.month, month_name=month_name, year=date.year
    )


# --- barcode -----------------------------------------------------------------------------------


def _barcode_bars(value: str) -> tuple[list[tuple[int, int]], int] | None:
    """Code 128 bars as (start module, width in modules) and the total modules, or None."""
    if not value or not all(32 <= ord(c) < 127 for c in value):
        return None
    symbol = Code128(value)
    symbol.validate()
    symbol.encode()
    bars, pos = [], 0
    # decompose(): capitals are bars, lower case spaces, A/a = 1 module wide.
    for code in symbol.decompose():
        modules = ord(code.upper()) - ord("A") + 1
        if code.isupper():
            bars.append((pos, modules))
        pos += modules
    return bars, pos


# --- drawing -----------------------------------------------------------------------------------


class _Pen:
    """Draws on one page: graphics go straight to the canvas, text into one text object."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self._text: PDFTextObject = canvas.beginText()
        self._font: tuple[str, float] | None = None

    def text(self, x: float, y: float, s: str, font: str, size: float, align: str = "l") -> None:
        if not s:
            return
        if align != "l":
            w = _width(s, font, size)
            x -= w if align == "r" else w / 2
        if self._font != (font, size):
            self._text.setFont(font, size)
            self._font = (font, size)
        self._text.setTextOrigin(x, y)
        self._text.textOut(s)

    def line(self, x1: float, y: float, x2: float, width: float = 0.5) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x1, y, x2, y)

    def fill(self, x: float, y: float, w: float, h: float, gray: float) -> None:
        self.canvas.setFillGray(gray)
        self.canvas.rect(x, y, w, h, stroke=0, fill=1)
        self.canvas.setFillGray(0)

    def bars(
        self, x: float, y: float, module: float, height: float, bars: list[tuple[int, int]]
    ) -> None:
        # One filled path of rectangles, written as operators: reportlab's path object formats
        # every number through its slow pure-Python fp_str, a third of a slip's drawing time.
        ops = [
            f"{x + start * module:.3f} {y:.3f} {n * module:.3f} {height:.3f} re"
            for start, n in bars
        ]
        self.canvas.addLiteral("\n".join([*ops, "f"]))

    def finish(self) -> None:
        self.canvas.drawText(self._text)
        self.canvas.showPage()


@dataclass
class _Block:
    """A vertical piece of a page: its height and how to draw it with its top at y."""

    height: float
    draw: Callable[[_Pen, float], None]
    is_item: bool = False
    keep_with_next: bool = False


_Run = tuple[str, str, float, int | None]  # text, font, size, max lines
_Piece = tuple[float, Callable[[_Pen, float, float], None]]  # height, draw(pen, x, top)


class _SlipRenderer:
    """Lays out and draws one slip on as many pages as it needs."""

    def __init__(self, slip: PackingSlip, layout: _Layout, texts: dict[str, str]) -> None:
        self.slip, self.lay, self.t = slip, layout, texts
        self.font, self.bold = _font()
        self.x0 = layout.margin
        self.x1 = layout.width - layout.margin
        self.order_id = _clean(slip.order_id)

    # Text blocks -------------------------------------------------------------------------------

    def _lines_block(
        self, runs: list[_Run], width: float
    ) -> tuple[float, list[tuple[str, str, float, float]]]:
        """Wrap (text, font, size, max_lines) runs: total height and (text, font, size, dy)."""
        out, dy = [], 0.0
        for text, font, size, max_lines in runs:
            if not text:
                continue
            for line in _wrap(text, font, size, width, max_lines):
                dy += size * self.lay.leading
                # The baseline sits above the bottom of its line box by about the descent.
                out.append((line, font, size, dy - size * 0.22 * self.lay.leading))
        return dy, out

    def _party_runs(self, party: SlipParty, size: float, with_contact: bool) -> list[_Run]:
        cap = _MAX_ADDRESS_FIELD_LINES
        place = " ".join(p for p in (_clean(party.postal_code), _clean(party.city)) if p)
        runs: list[_Run] = [
            (_clean(party.name), self.bold, size, cap),
            (_clean(party.company), self.font, size, cap),
        ]
        runs += [(_clean(line), self.font, size, cap) for line in party.lines[:_MAX_ADDRESS_LINES]]
        runs += [(place, self.font, size, cap), (_clean(party.country_code), self.font, size, 1)]
        if with_contact:
            runs += [
                (_clean(party.phone), self.font, size, 1),
                (_clean(party.email), self.font, size, 1),
            ]
        return runs

    def _header_piece(self, name: str, width: float) -> _Piece:
        """One named header block: (height, draw(pen, x, top))."""
        lay, t = self.lay, self.t
        if name == "barcode":
            return self._barcode_piece(width)
        runs: list[_Run]
        if name == "title":
            runs = [(t["title"], self.bold, lay.title_size, 1)]
        elif name == "sender":
            runs = self._party_runs(self.slip.sender, lay.small, with_contact=True)
            if lay.compact_sender:  # the whole sender on one wrapped small line
                flat = " · ".join(r[0] for r in runs if r[0])
                runs = [(flat, self.font, lay.small, 3)]
        elif name == "recipient":
            runs = [(t["ship_to"], self.bold, lay.small, 1)]
            runs += self._party_runs(self.slip.recipient, lay.size + 1, with_contact=False)
        else:
            runs = self._meta_runs()
        height, lines = self._lines_block(runs, width)

        def draw(pen: _Pen, x: float, top: float) -> None:
            for text, font, size, dy in lines:
                pen.text(x, top - dy, text, font, size)

        return height, draw

    def _meta_runs(self) -> list[_Run]:
        t, size = self.t, self.lay.size
        meta = [
            (t["order_id"], self.order_id),
            (t["order_date"], _format_date(self.slip.order_date, t)),
            (t["marketplace"], _clean(self.slip.marketplace)),
        ]
        # Wrapping breaks after "label:" first, so a narrow column shows the value below it.
        return [(f"{label}: {value}", self.font, size, 3) for label, value in meta if value]

    def _barcode_piece(self, width: float) -> _Piece:
        lay = self.lay
        encoded = _barcode_bars(self.order_id)
        if encoded is None:
            return 0.0, lambda pen, x, top: None
        bars, modules = encoded
        module = min(lay.bar_module, width / (modules + 20))  # shrink only if it can't fit
        caption = lay.small * lay.leading

        def draw(pen: _Pen, x: float, top: float) -> None:
            # Centred in its column, which leaves at least 10 modules of quiet zone each side.
            left = x + (width - modules * module) / 2
            pen.bars(left, top - lay.bar_height, module, lay.bar_height, bars)
            centre = left + modules * module / 2
            pen.text(
                centre, top - lay.bar_height - caption, self.order_id, self.font, lay.small, "c"
            )

        return lay.bar_height + caption + 2, draw

    def _header(self) -> tuple[float, Callable[[_Pen, float], None]]:
        lay, cw = self.lay, self.lay.content_width
        rows = []
        total = 0.0
        for row in lay.header:
            cols, row_h = [], 0.0
            for start, frac, names in row:
                x, pieces, col_h = self.x0 + start * cw, [], 0.0
                for name in names:
                    h, draw_piece = self._header_piece(name, frac * cw)
                    if h:
                        pieces.append((col_h, draw_piece))
                        col_h += h + lay.gap * 0.6
                cols.append((x, pieces))
                row_h = max(row_h, col_h)
            rows.append((total, cols))
            total += row_h + lay.gap * 0.4

        def draw(pen: _Pen, top: float) -> None:
            for row_top, cols in rows:
                for x, pieces in cols:
                    for offset, piece in pieces:
                        piece(pen, x, top - row_top - offset)

        return total, draw

    def _continuation_header(self) -> tuple[float, Callable[[_Pen, float], None]]:
        lay = self.lay
        text = f"{self.t['title']} {self.order_id} ({self.t['continued']})"
        height, lines = self._lines_block([(text, self.bold, lay.size + 1, 2)], lay.content_width)

        def draw(pen: _Pen, top: float) -> None:
            for line, font, size, dy in lines:
                pen.text(self.x0, top - dy, line, font, size)

        return height + lay.gap, draw

    # Body --------------------------------------------------------------------------------------

    def _columns(self) -> tuple[float, float, float, float]:
        """x of SKU, title and the right edge of quantity, plus the padding between them."""
        cw, pad = self.lay.content_width, self.lay.size * 0.6
        title_x = self.x0 + self.lay.sku_width * cw
        return self.x0, title_x, self.x1, pad

    def _table_header(self) -> _Block:
        lay, t = self.lay, self.t
        sku_x, title_x, right, _ = self._columns()
        h = lay.small * lay.leading + 6

        def draw(pen: _Pen, top: float) -> None:
            if lay.header_shade is not None:
                pen.fill(sku_x, top - h, right - sku_x, h, lay.header_shade)
            base = top - h + 4
            pen.text(sku_x + 2, base, t["sku"], self.bold, lay.small)
            pen.text(title_x, base, t["item"], self.bold, lay.small)
            pen.text(right - 2, base, t["quantity"], self.bold, lay.small, "r")
            pen.line(sku_x, top - h, right, 0.8)

        return _Block(h, draw)

    def _item_block(self, item: SlipItem) -> _Block:
        lay = self.lay
        sku_x, title_x, right, pad = self._columns()
        qty_x = right - lay.qty_width * lay.content_width
        size, lead = lay.size, lay.size * lay.leading
        skus = _wrap(_clean(item.sku), self.font, size, title_x - sku_x - pad - 2, _MAX_SKU_LINES)
        titles = _wrap(_clean(item.title), self.font, size, qty_x - title_x - pad, _MAX_TITLE_LINES)
        h = max(len(skus), len(titles)) * lead + 4
        quantity = str(item.quantity)

        def draw(pen: _Pen, top: float) -> None:
            for i, line in enumerate(skus):
                pen.text(sku_x + 2, top - 2 - (i + 0.8) * lead, line, self.font, size)
            for i, line in enumerate(titles):
                pen.text(title_x, top - 2 - (i + 0.8) * lead, line, self.font, size)
            pen.text(right - 2, top - 2 - 0.8 * lead, quantity, self.bold, size, "r")
            pen.line(sku_x, top - h, right, 0.3)

        return _Block(h, draw, is_item=True)

    def _text_blocks(
        self, text: str, font: str, size: float, *, keep_first: bool = False
    ) -> list[_Block]:
        """One block per wrapped line, so long text can flow over pages."""
        lead = size * self.lay.leading
        blocks = []
        for line in _wrap(text, font, size, self.lay.content_width):

            def draw(pen: _Pen, top: float, line: str = line) -> None:
                pen.text(self.x0, top - 0.8 * lead, line, font, size)

            blocks.append(_Block(lead, draw))
        if keep_first and blocks:
            blocks[0].keep_with_next = True
        return blocks

    def _total_block(self) -> _Block:
        lay = self.lay
        total = sum(item.quantity for item in self.slip.items)
        text = f"{self.t['total']}: {total}"
        h = lay.size * lay.leading + lay.gap

        def draw(pen: _Pen, top: float) -> None:
            pen.text(
                self.x1 - 2, top - 4 - 0.8 * lay.size * lay.leading, text, self.bold, lay.size, "r"
            )

        return _Block(h, draw)

    def _body(self) -> list[_Block]:
        lay, t = self.lay, self.t
        blocks = [self._item_block(item) for item in self.slip.items]
        blocks.append(self._total_block())
        note = _clean(self.slip.note, keep_newlines=True)
        if note:
            blocks += self._text_blocks(t["note"], self.bold, lay.size, keep_first=True)
            blocks += self._text_blocks(note, self.font, lay.size)
            blocks.append(_Block(lay.gap, lambda pen, top: None))
        blocks += self._text_blocks(t["thanks"], self.bold, lay.size + 1, keep_first=True)
        contact = " / ".join(
            c for c in (_clean(self.slip.sender.email), _clean(self.slip.sender.phone)) if c
        )
        if contact:
            blocks += self._text_blocks(t["contact"].format(contact=contact), self.font, lay.small)
        return blocks

    # Pages -------------------------------------------------------------------------------------

    def render(self, canvas: Canvas) -> None:
        lay = self.lay
        header_h, draw_header = self._header()
        cont_h, draw_cont = self._continuation_header()
        table = self._table_header()
        footer_h = lay.small * lay.leading + lay.gap
        top = lay.height - lay.margin
        bottom = lay.margin + footer_h
        pages = self._paginate_blocks(self._body(), top - header_h, top - cont_h, bottom, table)
        for number, page in enumerate(pages, start=1):
            pen = _Pen(canvas)
            if number == 1:
                draw_header(pen, top)
                y = top - header_h
            else:
                draw_cont(pen, top)
                y = top - cont_h
            table_drawn = False
            for block in page:
                if block.is_item and not table_drawn:
                    table.draw(pen, y)
                    y -= table.height
                    table_drawn = True
                block.draw(pen, y)
                y -= block.height
            self._footer(pen, number, len(pages))
            pen.finish()

    def _paginate_blocks(
        self, blocks: list[_Block], first_top: float, next_top: float, bottom: float, table: _Block
    ) -> list[list[_Block]]:
        """Greedy: fill each page; the table header comes before the first item on a page."""
        pages: list[list[_Block]] = [[]]
        y, has_items = first_top, False
        for i, block in enumerate(blocks):
            extra = table.height if block.is_item and not has_items else 0.0
            need = block.height + extra
            if block.keep_with_next and i + 1 < len(blocks):
                need += blocks[i + 1].height
            # A block that doesn't fit moves on, unless the page is already a continuation
            # page with nothing on it (then nothing would gain by moving it).
            if y - need < bottom and (pages[-1] or len(pages) == 1):
                pages.append([])
                y, has_items = next_top, False
                extra = table.height if block.is_item else 0.0
            pages[-1].append(block)
            has_items = has_items or block.is_item
            y -= block.height + extra
        return pages

    def _footer(self, pen: _Pen, number: int, pages: int) -> None:
        lay = self.lay
        y = lay.margin
        pen.line(self.x0, y + lay.small * lay.leading, self.x1, 0.3)
        pen.text(self.x0, y, f"{self.t['title']} {self.order_id}", self.font, lay.small)
        page = self.t["page"].format(page=number, pages=pages)
        pen.text(self.x1, y, page, self.font, lay.small, "r")


RECIPIENT = "recipient"  # the language chosen per slip from where it goes
LANGUAGES = (*TEXTS, RECIPIENT)
_DUTCH_SPEAKING = frozenset({"NL", "BE"})  # Flanders and Brussels read Dutch; the rest English


def recipient_language(country_code: str) -> str:
    """The slip language for a destination when the shop lets the recipient decide."""
    return "nl" if country_code.upper() in _DUTCH_SPEAKING else "en"


def render_packing_slips(
    slips: Sequence[PackingSlip], *, paper: str = "A4", language: str = "nl"
) -> bytes:
    """All slips in one PDF, each from a new page, in the given order; with language
    "recipient" each slip speaks its recipient's language."""
    if paper not in _LAYOUTS:
        raise ValueError(f"unknown paper {paper!r}; choose one of {', '.join(PAPER)}")
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    if not slips:
        raise ValueError("no packing slips to render")
    layout = _LAYOUTS[paper]

    def texts_for(slip: PackingSlip) -> dict[str, str]:
        if language == RECIPIENT:
            return TEXTS[recipient_language(slip.recipient.country_code)]
        return TEXTS[language]

    _font()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(layout.width, layout.height), invariant=1, pageCompression=1)
    canvas.setTitle(texts_for(slips[0])["title"])
    canvas.setCreator("ShipDesk")
    canvas.setAuthor("ShipDesk")
    for slip in slips:
        _SlipRenderer(slip, layout, texts_for(slip)).render(canvas)
    canvas.save()
    return out.getvalue()

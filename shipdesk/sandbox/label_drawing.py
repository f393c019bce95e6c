"""Drawing pieces the sandbox carriers' label documents share: fitting text, Code 128
barcodes that survive a thermal printer, and a ZPL II builder laid out in millimetres."""

from __future__ import annotations

from typing import Any

from reportlab.graphics.barcode.code128 import Code128
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas


def text_of(value: Any) -> str:
    return str(value).strip() if value is not None else ""


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


def format_postal_code(postal_code: str, country: str) -> str:
    code = postal_code.upper()
    if country == "NL" and len(code.replace(" ", "")) == 6:
        compact = code.replace(" ", "")
        return f"{compact[:4]} {compact[4:]}"
    return code


def weight_text(weight_kg: float | None) -> str:
    return f"{weight_kg:.2f} kg" if weight_kg is not None else "-"


def fit(text: str, font: str, size: float, width: float, smallest: float = 6) -> float:
    """The largest font size up to `size` at which `text` fits `width` (not below smallest)."""
    while size > smallest and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def clip(text: str, font: str, size: float, width: float) -> str:
    while text and stringWidth(text, font, size) > width:
        text = text[:-1]
    return text


def draw_line(
    canvas: Canvas, x: float, y: float, text: str, font: str, size: float, width: float
) -> None:
    size = fit(text, font, size, width)
    canvas.setFont(font, size)
    canvas.drawString(x, y, clip(text, font, size, width))


def barcode(value: str, module: float, height: float, max_width: float) -> Code128:
    """A Code 128 symbol with 10-module quiet zones; thinner bars only if it would not fit."""
    barcode = Code128(value, barWidth=module, barHeight=height, humanReadable=0)
    while barcode.width > max_width and module > 1 * 72 / 203:
        module -= 72 / 203
        barcode = Code128(value, barWidth=module, barHeight=height, humanReadable=0)
    return barcode


def zpl_field(text: str) -> str:
    """Field data with ^FH hex escapes, so ^ ~ and _ in names cannot break the format."""
    escaped = text.replace("_", "_5F").replace("^", "_5E").replace("~", "_7E")
    return f"^FH^FD{escaped}^FS"


def code128_modules(value: str) -> int:
    """Width of the Code 128 symbol in modules (without quiet zones), to centre it."""
    barcode = Code128(value, barWidth=1, quiet=0)
    return round(barcode.width)


class Zpl:
    """Builds a ZPL II label, laid out in millimetres, in dots for one printer resolution."""

    def __init__(self, dpi: int, width_mm: float = 100) -> None:
        self.dpi = dpi
        self.width_mm = width_mm
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
        block = f"^FB{self.dots(self.width_mm)},1,0,C" if centred else ""
        flags = ("^FR" if reverse else "") + block
        self.add(f"^FO{self.dots(x)},{self.dots(y)}^A0N,{height},{height}{flags}" + zpl_field(text))

    def box(self, x: float, y: float, w: float, h: float, thickness: float) -> None:
        self.add(
            f"^FO{self.dots(x)},{self.dots(y)}"
            f"^GB{self.dots(w)},{self.dots(h)},{max(1, self.dots(thickness))}^FS"
        )

    def barcode(self, y: float, height: float, value: str, module_dots_203: int) -> None:
        """A centred Code 128 (automatic code sets: ^BC mode A) with no printed text line."""
        module = max(1, round(module_dots_203 * self.dpi / 203))
        width = code128_modules(value) * module
        x = max(0, (self.dots(self.width_mm) - width) // 2)
        self.add(
            f"^FO{x},{self.dots(y)}^BY{module},3,{self.dots(height)}"
            f"^BCN,{self.dots(height)},N,N,N,A" + zpl_field(value)
        )

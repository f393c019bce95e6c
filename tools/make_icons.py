"""Draw ShipDesk's application icon with Qt: resources/shipdesk.png, .ico and .icns.

Run: python tools/make_icons.py. Writes resources/shipdesk.png (512 px, the window icon),
resources/shipdesk.ico (Windows: 16-256 px; the 256 px entry PNG-compressed, the smaller ones
32-bit BMP as Windows' own tools write them) and resources/shipdesk.icns (macOS 10.7+: ic07-ic10,
128-1024 px, each a PNG). The containers are written here with `struct`, so the result does not
depend on which Qt image plugins are installed. All three files are committed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

SIZE = 512
OUT = Path(__file__).resolve().parent.parent / "resources" / "shipdesk.png"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entry types with a PNG payload (macOS 10.7+): 128, 256, 512 and 1024 (512@2x) px.
ICNS_TYPES = ((b"ic07", 128), (b"ic08", 256), (b"ic09", 512), (b"ic10", 1024))


def draw(size: int = SIZE) -> QImage:
    """The icon at `size` px, drawn as vectors (not scaled down): small sizes stay sharp."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / SIZE, size / SIZE)
    # Rounded tile.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#0f766e"))
    p.drawRoundedRect(QRectF(16, 16, SIZE - 32, SIZE - 32), 96, 96)
    # A parcel seen from the front-top: lid and box.
    white, shade = QColor("#ffffff"), QColor("#d7f3ef")
    box = QPainterPath()
    box.addRect(QRectF(120, 220, 272, 190))
    p.setBrush(white)
    p.drawPath(box)
    lid = QPainterPath()
    lid.moveTo(QPointF(104, 220))
    lid.lineTo(QPointF(160, 140))
    lid.lineTo(QPointF(352, 140))
    lid.lineTo(QPointF(408, 220))
    lid.closeSubpath()
    p.setBrush(shade)
    p.drawPath(lid)
    # Tape and a label with barcode lines.
    p.setBrush(QColor("#f59e0b"))
    p.drawRect(QRectF(236, 140, 40, 270))
    p.setBrush(QColor("#0f766e"))
    for n, width in enumerate((6, 3, 9, 3, 6, 3, 9, 6)):
        p.drawRect(QRectF(150 + n * 11, 330, width, 50))
    pen = QPen(QColor("#0f766e"), 10)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.drawLine(QPointF(300, 300), QPointF(370, 300))
    p.drawLine(QPointF(300, 330), QPointF(350, 330))
    p.end()
    return image


def draw_marketplace_mark(size: int = 64) -> QImage:
    """A small orange badge with an 'a' that marks Amazon orders in the list (our own drawing,
    not Amazon's logo)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#ff9900"))
    p.drawRoundedRect(QRectF(2, 2, size - 4, size - 4), size * 0.22, size * 0.22)
    font = p.font()
    font.setBold(True)
    font.setPixelSize(int(size * 0.72))
    p.setFont(font)
    p.setPen(QColor("#232f3e"))
    p.drawText(QRectF(0, -size * 0.06, size, size), Qt.AlignmentFlag.AlignCenter, "a")
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("PNG encoding failed")
    buffer.close()
    return bytes(data)


def bmp_icon_bytes(image: QImage) -> bytes:
    """A 32-bit ICO image entry: BITMAPINFOHEADER (height doubled for the mask), BGRA rows
    bottom-up, then the 1-bit AND mask (all zero: the alpha channel decides)."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    width, height = image.width(), image.height()
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in range(height - 1, -1, -1):
        # Format_ARGB32 is 0xAARRGGBB per pixel: B, G, R, A in memory on little-endian.
        line = image.constScanLine(y)
        rows.append(bytes(line)[: width * 4])
    pixels = b"".join(rows)
    if sys.byteorder != "little":  # pragma: no cover - every desktop we build on is little-endian
        raise RuntimeError("BMP icon entries are written for little-endian machines only")
    mask_row = ((width + 31) // 32) * 4
    return header + pixels + bytes(mask_row * height)


def ico_bytes(sizes: tuple[int, ...] = ICO_SIZES) -> bytes:
    """An ICO container: ICONDIR, one ICONDIRENTRY per size, then the images."""
    images = [png_bytes(draw(n)) if n >= 256 else bmp_icon_bytes(draw(n)) for n in sizes]
    directory = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(directory) + 16 * len(sizes)
    entries = []
    for size, data in zip(sizes, images, strict=True):
        side = 0 if size >= 256 else size  # 0 means 256
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset))
        offset += len(data)
    return directory + b"".join(entries) + b"".join(images)


def icns_bytes(types: tuple[tuple[bytes, int], ...] = ICNS_TYPES) -> bytes:
    """An ICNS container: 'icns' + total length, then (type, 8 + length, PNG) per entry."""
    body = b""
    for kind, size in types:
        data = png_bytes(draw(size))
        body += kind + struct.pack(">I", 8 + len(data)) + data
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


if __name__ == "__main__":
    app = QGuiApplication(sys.argv)
    OUT.parent.mkdir(exist_ok=True)
    draw().save(str(OUT))
    draw_marketplace_mark().save(str(OUT.parent / "amazon-order.png"))
    OUT.with_suffix(".ico").write_bytes(ico_bytes())
    OUT.with_suffix(".icns").write_bytes(icns_bytes())
    for path in (OUT, OUT.with_suffix(".ico"), OUT.with_suffix(".icns")):
        print(path)

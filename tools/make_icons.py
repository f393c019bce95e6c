"""Draw ShipDesk's application icon (resources/shipdesk.png) with Qt.

Run: python tools/make_icons.py. The .ico and .icns for the installers are made from the PNG by
the packaging step.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

SIZE = 512
OUT = Path(__file__).resolve().parent.parent / "resources" / "shipdesk.png"


def draw() -> QImage:
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
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


if __name__ == "__main__":
    app = QGuiApplication(sys.argv)
    OUT.parent.mkdir(exist_ok=True)
    draw().save(str(OUT))
    draw_marketplace_mark().save(str(OUT.parent / "amazon-order.png"))
    print(OUT)

"""The printers the OS knows (Qt's print support only): what the window's alerts check a chosen
printer against at the start, without loading the PDF renderer that printing needs."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtPrintSupport import QPrinterInfo


@dataclass(frozen=True)
class PrinterInfo:
    name: str
    description: str
    is_default: bool


def available_printers() -> list[PrinterInfo]:
    """The printers the OS knows; [] when there are none or the print system is not running."""
    default = default_printer()
    return [_printer_info(info, default) for info in QPrinterInfo.availablePrinters()]


def _printer_info(info: QPrinterInfo, default: str | None) -> PrinterInfo:
    name = info.printerName()
    return PrinterInfo(name, info.description() or name, info.isDefault() or name == default)


def default_printer() -> str | None:
    return QPrinterInfo.defaultPrinterName() or None

"""Paper sizes and print outcomes, without Qt: settings and services use them before (or
without) anything is printed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSize:
    key: str
    width_mm: float
    height_mm: float
    label: str  # English name, for the settings UI (translated there)


LABEL_SIZES: dict[str, PageSize] = {
    size.key: size
    for size in (
        PageSize("label_10x21", 100, 210, "10 × 21 cm label"),
        PageSize("a6", 105, 148, "A6 (10.5 × 14.8 cm)"),
        PageSize("4x6in", 101.6, 152.4, "4 × 6 inch label"),
        PageSize("a4", 210, 297, "A4"),
    )
}


class PrintError(Exception):
    """A print that did not happen; `code` for the UI, `message` says what to do (English).

    Codes: no_printer, printer_unknown, page_size_unsupported, printer_error, nothing_to_print,
    raw_unsupported; and from the print service: no_created_labels, no_orders, no_sender.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class PrintResult:
    printer: str
    pages: int
    job_id: str | None  # e.g. "Zebra-42" from CUPS; None when the spooler does not say
    skipped: tuple[int, ...] = ()  # documents left out as damaged (with skip_damaged)

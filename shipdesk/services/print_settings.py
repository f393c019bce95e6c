"""Which printers and formats the desk prints with, kept in SQLite (no Qt: label creation
reads the label format to keep the right documents)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from shipdesk.printing.paper import LABEL_SIZES, PageSize
from shipdesk.printing.printer_list import available_printers
from shipdesk.services.context import AppContext
from shipdesk.store import settings

SETTINGS_KEY = "printing.settings"
SLIP_SIZES = {
    "A4": PageSize("a4", 210, 297, "A4"),
    "A6": PageSize("a6", 105, 148, "A6"),
}
# nl | en | recipient: Dutch to NL and BE, English elsewhere (as the packing slips know them).
SLIP_LANGUAGES = ("nl", "en", "recipient")
RENAMED_SIZES = {"dhl_10x21": "label_10x21"}


@dataclass(frozen=True)
class PrintSettings:
    label_printer: str = ""
    slip_printer: str = ""
    label_format: str = "pdf"  # pdf | zpl
    label_size: str = "label_10x21"  # a key of LABEL_SIZES, for PDF labels
    zpl_dpi: int = 203  # 203 or 300, for ZPL labels
    slip_paper: str = "A4"  # A4 | A6
    slip_language: str = "recipient"  # nl | en | recipient (Dutch to NL and BE, else English)
    slips_with_labels: bool = False  # print the packing slips right after the labels

    @classmethod
    def from_json(cls, data: dict | None) -> PrintSettings:
        known = set(cls.__dataclass_fields__)
        values = {k: v for k, v in (data or {}).items() if k in known}
        if values.get("label_size") in RENAMED_SIZES:  # saved by an earlier version
            values["label_size"] = RENAMED_SIZES[values["label_size"]]
        return cls(**values)

    @property
    def label_documents(self) -> tuple[tuple[str, int], ...]:
        """The documents a new label needs: the PDF (preview, PDF printers) and, for a Zebra,
        the ZPL at its resolution."""
        pdf = ("pdf", 203)
        return (pdf, ("zpl", self.zpl_dpi)) if self.label_format == "zpl" else (pdf,)


def load_settings(ctx: AppContext) -> PrintSettings:
    with ctx.connect() as db:
        return PrintSettings.from_json(settings.get(db, SETTINGS_KEY))


def save_settings(ctx: AppContext, value: PrintSettings) -> None:
    if value.label_format not in ("pdf", "zpl") or value.zpl_dpi not in (203, 300):
        raise ValueError("label format must be pdf or zpl at 203 or 300 dpi")
    if value.label_size not in LABEL_SIZES or value.slip_paper not in SLIP_SIZES:
        raise ValueError("unknown paper size")
    if value.slip_language not in SLIP_LANGUAGES:
        raise ValueError("unknown packing-slip language")
    with ctx.connect() as db:
        settings.put(db, SETTINGS_KEY, asdict(value))


def printer_names() -> list[str]:
    """The names of the printers the system knows (what the alerts check a chosen one against)."""
    return [p.name for p in available_printers()]

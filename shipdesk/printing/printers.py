"""Printers beside the desk: PDF labels through Qt's print system, raw ZPL through the spooler.

PDF pages are rendered with QtPdf at the printer's resolution and drawn 1:1 onto a page of
exactly the label's size, so a 203 dpi barcode lands on whole printer dots. Raw data (ZPL for a
Zebra) goes to the OS spooler unchanged: `lp -o raw` on Linux/macOS, win32print on Windows.

Labels go into the job in 1 bit (`monochrome`), which keeps a batch fast and small (issue 14:
≤ 0.1 s and ≤ 100 KB a label, where 24-bit pages at 600 dpi took 0.24 s and 620 KB):

- Qt hands CUPS a PDF that its own PDF engine writes, with every page we paint in it; there is
  no way to put the carrier's PDF page into that job as vectors (QtPdf only renders pixels, and
  Qt's PDF engine cannot import a page). Sending the carrier's PDF to CUPS ourselves (`lp`)
  would need a PDF library to put several labels on the label's page size, turned and scaled,
  would not exist on Windows (its drivers take GDI, not PDF), and would leave the barcode's
  rasterising to whatever filter the queue has. So the page is rasterised here, once, at the
  printer's own dots.
- The resolution is the queue's own (its driver's default Resolution, as `lpoptions` reads it):
  Qt says 1200 dpi for every CUPS printer, which made 600 dpi pages for a 203 dpi printer.
- 1 bit, by threshold (no dithering): a label printer prints dots, not greys, and a dithered edge
  would blur the bars. Qt's PDF engine writes a Format_Mono image as a 1-bit, Flate-compressed
  image only when its colour table is exactly (black, white); Qt's own conversion makes it
  (white, black), which the engine would expand to 24-bit RGB: `_one_bit` turns it round.

The caller owns the QGuiApplication (or QApplication): QPrinter, QPainter and QtPdf need one to
exist, in any thread. `print_raw` needs no Qt at all. Every function here blocks (rendering,
spooling): call them from a worker, never from the UI thread.
"""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEventLoop,
    QIODevice,
    QMarginsF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from shipdesk.printing.paper import LABEL_SIZES as LABEL_SIZES
from shipdesk.printing.paper import PageSize as PageSize
from shipdesk.printing.paper import PrintError as PrintError
from shipdesk.printing.paper import PrintResult as PrintResult
from shipdesk.printing.printer_list import PrinterInfo as PrinterInfo
from shipdesk.printing.printer_list import available_printers as available_printers
from shipdesk.printing.printer_list import default_printer as default_printer

MM_PER_INCH = 25.4
SIZE_TOLERANCE_MM = 0.5
# Above this the page is rendered at a whole fraction of the device resolution and replicated
# pixel for pixel: an A4 page at 1200 dpi would need ~190 MB per image for no visible gain.
MAX_RENDER_DPI = 600
LOAD_TIMEOUT_MS = 10_000
SPOOLER_TIMEOUT_S = 30
# The C locale keeps lp/lpstat output parseable (and their errors in English, like ours).
_C_LOCALE = {"LC_ALL": "C", "LANG": "C"}


# -- PDF --


def print_pdfs(
    documents: list[bytes],
    printer: str,
    page: PageSize,
    *,
    job_name: str = "ShipDesk",
    dpi: int | None = None,
    skip_damaged: bool = False,
    monochrome: bool = False,
) -> PrintResult:
    """Every page of every document, in order, as ONE print job on `page`-sized paper.

    `dpi`: the printer's real resolution (203 or 300 for label printers) when the driver
    rasterises at a resolution Qt does not know; default: the queue's own resolution where CUPS
    says it, else the one Qt reports.
    `skip_damaged`: print the others and name the damaged ones in `skipped` (a batch of
    labels), instead of refusing the whole job (when every one is damaged, it is refused).
    `monochrome`: pages in 1 bit, black or white (labels: a small, fast job); otherwise in
    colour (packing slips, with their grey shading).
    """
    _require_printer(printer)
    loaded, skipped, pages = _load_all(documents, skip_damaged)
    qprinter = _make_printer(printer, page, job_name, dpi)
    jobs_before = _cups_job_ids(printer)
    try:
        _paint(qprinter, loaded, page, monochrome)
    except BaseException:
        _cancel_new_jobs(printer, jobs_before)
        raise
    job_id = _new_job_id(printer, jobs_before)
    return PrintResult(printer, pages, job_id, tuple(skipped))


def _load_all(
    documents: list[bytes], skip_damaged: bool
) -> tuple[list[QPdfDocument], list[int], int]:
    """Every document loaded (checked before anything is printed), the damaged ones left out
    when `skip_damaged` (all damaged: refused); and the number of pages."""
    if not documents:
        raise PrintError("nothing_to_print", "There is nothing to print: no documents were given.")
    loaded, skipped = [], []
    for index, data in enumerate(documents):
        try:
            loaded.append(_load(data))
        except PrintError:
            if not skip_damaged or (not loaded and index == len(documents) - 1):
                raise
            skipped.append(index)
    pages = sum(doc.pageCount() for doc in loaded)
    if pages == 0:
        raise PrintError("nothing_to_print", "There is nothing to print: the documents are empty.")
    return loaded, skipped, pages


def save_pdfs(
    documents: list[bytes],
    path: str,
    page: PageSize,
    *,
    dpi: int = 300,
    skip_damaged: bool = False,
    monochrome: bool = False,
) -> PrintResult:
    """The same pages as `print_pdfs` would print, as one PDF file of `page`-sized pages
    (rendered at `dpi`): labels to print elsewhere, or to keep. Written whole or not at all."""
    loaded, skipped, pages = _load_all(documents, skip_damaged)
    partial = f"{path}.partial"
    writer = QPrinter(QPrinter.PrinterMode.HighResolution)
    writer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    writer.setOutputFileName(partial)
    writer.setResolution(dpi)
    writer.setCreator("ShipDesk")
    writer.setPageSize(
        QPageSize(
            QSizeF(page.width_mm, page.height_mm),
            QPageSize.Unit.Millimeter,
            page.label,
            QPageSize.SizeMatchPolicy.ExactMatch,
        )
    )
    writer.setPageOrientation(QPageLayout.Orientation.Portrait)
    writer.setFullPage(True)
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    try:
        _paint(writer, loaded, page, monochrome)
        os.replace(partial, path)
    except OSError as exc:
        raise PrintError(
            "printer_error", f"{path} could not be written: {exc.strerror or exc}"
        ) from None
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return PrintResult(str(path), pages, None, tuple(skipped))


def render_pdf_page(document: bytes, page_index: int, dpi: int) -> QImage:
    """One page at its own size and `dpi`, on white (for previews and tests)."""
    doc = _load(document)
    if not 0 <= page_index < doc.pageCount():
        raise IndexError(f"page {page_index} of a {doc.pageCount()}-page document")
    points = doc.pagePointSize(page_index)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    return _render(doc, page_index, size)


def check_page_size(printer: QPrinter, page: PageSize) -> None:
    """Raise page_size_unsupported unless the printer's page is exactly `page` (±0.5 mm).

    Two checks: what the driver says it can take (its paper list and custom size limits), and
    what the printer really set up: some drivers quietly swap an unknown size for another.
    """
    info = QPrinterInfo.printerInfo(printer.printerName()) if printer.printerName() else None
    full = printer.pageLayout().fullRect(QPageLayout.Unit.Millimeter)
    fits = _close(full.width(), page.width_mm) and _close(full.height(), page.height_mm)
    if fits and (info is None or info.isNull() or _driver_takes(info, page)):
        return
    where = printer.printerName() or "the printer"
    raise PrintError(
        "page_size_unsupported",
        f"{where} cannot print on {page.label} paper ({_mm(page.width_mm)} × "
        f"{_mm(page.height_mm)} mm). Add this paper size to the printer's driver settings "
        "(custom paper size, portrait), or choose another printer or label size.",
    )


def _driver_takes(info: QPrinterInfo, page: PageSize) -> bool:
    sizes = info.supportedPageSizes()
    custom = info.supportsCustomPageSizes()
    if not sizes and not custom:
        return True  # the driver tells nothing (a raw queue): nothing to go by
    wanted = sorted((page.width_mm, page.height_mm))
    for size in sizes:
        mm = size.size(QPageSize.Unit.Millimeter)
        if all(map(_close, sorted((mm.width(), mm.height())), wanted)):
            return True
    if not custom:
        return False
    low = info.minimumPhysicalPageSize().size(QPageSize.Unit.Millimeter)
    high = info.maximumPhysicalPageSize().size(QPageSize.Unit.Millimeter)
    if low.isEmpty() or high.isEmpty():
        return True
    return (
        low.width() - SIZE_TOLERANCE_MM <= page.width_mm <= high.width() + SIZE_TOLERANCE_MM
        and low.height() - SIZE_TOLERANCE_MM <= page.height_mm <= high.height() + SIZE_TOLERANCE_MM
    )


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= SIZE_TOLERANCE_MM


def _mm(value: float) -> str:
    return f"{value:g}"


def _require_printer(printer: str) -> None:
    if not printer.strip():
        raise PrintError(
            "no_printer", "No printer is chosen. Choose one in Settings → Printers and try again."
        )


def _load(data: bytes) -> QPdfDocument:
    document = QPdfDocument()
    buffer = QBuffer(document)  # QtPdf reads pages lazily: the buffer lives as long as the doc
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() == QPdfDocument.Status.Loading:
        _wait_loaded(document)
    if document.status() != QPdfDocument.Status.Ready:
        raise PrintError(
            "printer_error",
            "The label document is damaged and was not printed "
            f"({document.error().name}). Download the label again from the carrier.",
        )
    return document


def _wait_loaded(document: QPdfDocument) -> None:
    loop = QEventLoop()
    document.statusChanged.connect(lambda _status: loop.quit())
    QTimer.singleShot(LOAD_TIMEOUT_MS, loop.quit)
    if document.status() == QPdfDocument.Status.Loading:
        loop.exec()


def _make_printer(name: str, page: PageSize, job_name: str, dpi: int | None) -> QPrinter:
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        raise PrintError(
            "printer_unknown",
            f'The printer "{name}" is not installed (or is switched off and removed from the '
            "system). Choose another printer in Settings → Printers.",
        )
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    dpi = dpi or queue_resolution(name)
    if dpi:
        printer.setResolution(dpi)
    printer.setDocName(job_name)
    printer.setCreator("ShipDesk")
    printer.setCopyCount(1)
    printer.setDuplex(QPrinter.DuplexMode.DuplexNone)  # labels on both sides stick to nothing
    size = QPageSize(
        QSizeF(page.width_mm, page.height_mm),
        QPageSize.Unit.Millimeter,
        page.label,
        QPageSize.SizeMatchPolicy.ExactMatch,
    )
    printer.setPageSize(size)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    check_page_size(printer, page)
    return printer


_RESOLUTION = re.compile(r"\*(\d+)(?:x(\d+))?dpi\b")


def queue_resolution(name: str) -> int | None:
    """The dots per inch a CUPS queue prints at: its driver's default Resolution choice
    (`lpoptions -l`: "Resolution/...: 150dpi *203dpi 300dpi"). None where CUPS does not say
    (Windows, a raw queue, a driver without the option): then the resolution Qt reports.
    Qt itself says 1200 dpi for every CUPS printer, whatever its driver prints at."""
    run = _run(["lpoptions", "-p", name, "-l"])
    if run is None:
        return None
    for line in run.stdout.splitlines():
        if line.split("/", 1)[0].split(":", 1)[0].strip() != "Resolution":
            continue
        found = _RESOLUTION.search(line.split(":", 1)[-1])
        if found:
            return max(int(found.group(1)), int(found.group(2) or 0))
    return None


def _render_dpi(device_dpi: int) -> int:
    """The device resolution, or a whole fraction of it when that is beyond MAX_RENDER_DPI."""
    return device_dpi // math.ceil(device_dpi / MAX_RENDER_DPI)


def _paint(
    printer: QPrinter, documents: list[QPdfDocument], page: PageSize, monochrome: bool = False
) -> None:
    device_dpi = printer.resolution()
    dpi = _render_dpi(device_dpi)
    scale = device_dpi / dpi  # 1 except on >600 dpi devices, where it is a whole number
    paper = QSize(_px(page.width_mm, dpi), _px(page.height_mm, dpi))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(
            "printer_error",
            f'Could not start a print job on "{printer.printerName()}". Check that the printer '
            "is switched on and connected, then try again.",
        )
    # PDF-based spoolers (CUPS) would otherwise JPEG the page, blurring the barcodes.
    painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
    first = True
    try:
        for document in documents:
            for index in range(document.pageCount()):
                if not first and not printer.newPage():
                    raise PrintError("printer_error", "The printer refused a further page.")
                first = False
                image, offset = _render_on_paper(document, index, paper, dpi)
                if monochrome:
                    image = _one_bit(image)
                x, y = offset
                target = QRectF(x * scale, y * scale, image.width() * scale, image.height() * scale)
                painter.drawImage(target, image)
    finally:
        # On failure, QPrinter.abort() would be the way to drop the job, but the CUPS engine
        # ignores it and spools the pages drawn so far; print_pdfs cancels that job instead.
        painter.end()


def _px(mm: float, dpi: int) -> int:
    return round(mm / MM_PER_INCH * dpi)


def _render_on_paper(
    document: QPdfDocument, index: int, paper: QSize, dpi: int
) -> tuple[QImage, tuple[int, int]]:
    """The page at `dpi`, turned to portrait if need be, fitted to the paper; and its offset.

    A page of the paper's size (the normal case) fills it exactly; any other is scaled to fit,
    keeping its proportions, and centred.
    """
    points = document.pagePointSize(index)
    width, height = points.width() * dpi / 72, points.height() * dpi / 72
    turn = (width > height) != (paper.width() > paper.height())
    if turn:
        width, height = height, width
    fit = min(paper.width() / width, paper.height() / height)
    size = QSize(round(width * fit), round(height * fit))
    slack = _px(SIZE_TOLERANCE_MM, dpi)
    if abs(size.width() - paper.width()) <= slack and abs(size.height() - paper.height()) <= slack:
        size = paper
    image = _render(document, index, size, turn)
    offset = ((paper.width() - size.width()) // 2, (paper.height() - size.height()) // 2)
    return image, offset


def _render(document: QPdfDocument, index: int, size: QSize, turn: bool = False) -> QImage:
    options = QPdfDocumentRenderOptions()
    if turn:
        options.setRotation(QPdfDocumentRenderOptions.Rotation.Clockwise90)
    image = document.render(index, size, options)
    if image.isNull():
        raise PrintError(
            "printer_error",
            f"Page {index + 1} of the label document could not be drawn (the document is "
            "damaged or too large). Download the label again from the carrier.",
        )
    return _on_white(image)


def _on_white(image: QImage) -> QImage:
    """QtPdf leaves the paper transparent; flatten onto white, in place (no second copy)."""
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOver)
    painter.fillRect(image.rect(), Qt.GlobalColor.white)
    painter.end()
    image.convertTo(QImage.Format.Format_RGB32)
    return image


_BLACK_WHITE = [0xFF000000, 0xFFFFFFFF]


def _one_bit(image: QImage) -> QImage:
    """Black where the page is darker than mid-grey, white elsewhere: 1 bit a dot, no dither.

    The colour table must end up exactly (black, white): only then does Qt's PDF engine write
    the image as it is, 1 bit a pixel and Flate-compressed (about 10 KB for a 10 × 21 cm label
    at 203 dpi); with the (white, black) table Qt's conversion makes, it writes 24-bit RGB
    (ten times the bytes)."""
    flags = Qt.ImageConversionFlag.MonoOnly | Qt.ImageConversionFlag.ThresholdDither
    mono = image.convertToFormat(QImage.Format.Format_Mono, flags)
    if mono.colorTable() != _BLACK_WHITE:
        black_is_one = QColor(mono.color(1)) == QColor(Qt.GlobalColor.black)
        if black_is_one:
            mono.invertPixels()
        mono.setColorTable(_BLACK_WHITE)
    return mono


# -- the CUPS job id (Linux/macOS) --


def _run(command: list[str]) -> subprocess.CompletedProcess[str] | None:
    """A CUPS command's output (C locale); None if it is missing, hangs or fails."""
    if sys.platform == "win32":
        return None
    try:
        run = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=SPOOLER_TIMEOUT_S,
            env={**os.environ, **_C_LOCALE},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return run if run.returncode == 0 else None


def _cups_job_ids(printer: str) -> set[int] | None:
    """The ids of all jobs CUPS remembers for this printer; None when lpstat can't tell."""
    run = _run(["lpstat", "-W", "all", "-o", printer])
    if run is None:
        return None
    ids = set()
    prefix = printer + "-"
    for line in run.stdout.splitlines():
        word = line.split(maxsplit=1)[0] if line.strip() else ""
        if word.startswith(prefix) and word[len(prefix) :].isdigit():
            ids.add(int(word[len(prefix) :]))
    return ids


def _new_job_id(printer: str, before: set[int] | None) -> str | None:
    """The job our print made: the one new id on this printer, if there is exactly one.

    Qt hands the job to CUPS without telling whether CUPS took it; a queue that refuses jobs
    makes the print vanish silently, so that is checked here and reported.
    """
    if before is None:
        return None
    after = _cups_job_ids(printer)
    new = sorted((after or set()) - before)
    if len(new) == 1:
        return f"{printer}-{new[0]}"
    if not new:
        _raise_if_rejecting(printer)
    return None  # none seen or several (another program printed too): can't tell which


def _cancel_new_jobs(printer: str, before: set[int] | None) -> None:
    """Best effort: half a batch is worse than none (the owner would reprint it all)."""
    if before is None:
        return
    for job in sorted((_cups_job_ids(printer) or set()) - before):
        _run(["cancel", f"{printer}-{job}"])


def _raise_if_rejecting(printer: str) -> None:
    run = _run(["lpstat", "-a", printer])
    if run is not None and "not accepting" in run.stdout:
        # "Q not accepting requests since <date> -" and the reason on the next line
        reason = " ".join(line.strip() for line in run.stdout.splitlines()[1:] if line.strip())
        raise PrintError(
            "printer_error",
            f'The printer "{printer}" is not accepting jobs'
            + (f" ({reason})" if reason else "")
            + ", so nothing was printed. Enable it in the system's printer settings "
            "and print again.",
        )


# -- raw (ZPL) --

_REQUEST_ID = re.compile(r"request id is (\S+)")


def print_raw(data: bytes, printer: str, *, job_name: str = "ShipDesk") -> PrintResult:
    """Send `data` (ZPL, EPL...) to the printer unchanged, as one job."""
    _require_printer(printer)
    if not data:
        raise PrintError("nothing_to_print", "There is nothing to print: the label is empty.")
    if sys.platform == "win32":
        return _print_raw_windows(data, printer, job_name)
    return _print_raw_lp(data, printer, job_name)


def _print_raw_lp(data: bytes, printer: str, job_name: str) -> PrintResult:
    try:
        run = subprocess.run(
            ["lp", "-d", printer, "-o", "raw", "-t", job_name],
            input=data,
            capture_output=True,
            timeout=SPOOLER_TIMEOUT_S,
            env={**os.environ, **_C_LOCALE},
        )
    except FileNotFoundError:
        raise PrintError(
            "raw_unsupported",
            "Raw label printing needs the CUPS command lp, which is not installed. Install "
            "CUPS (package cups-client), or print PDF labels instead.",
        ) from None
    except subprocess.TimeoutExpired:
        raise PrintError(
            "printer_error",
            f"The print system did not answer within {SPOOLER_TIMEOUT_S} s. Check that CUPS is "
            "running, then print again.",
        ) from None
    if run.returncode != 0:
        said = (
            run.stderr.decode(errors="replace").strip().rstrip(".")
            or f"lp exit status {run.returncode}"
        )
        raise PrintError(
            "printer_error",
            f'Could not send the label to "{printer}": {said}. Check the printer in the '
            "system's printer settings and print again.",
        )
    found = _REQUEST_ID.search(run.stdout.decode(errors="replace"))
    return PrintResult(printer, _raw_labels(data), found.group(1) if found else None)


def _print_raw_windows(data: bytes, printer: str, job_name: str) -> PrintResult:
    try:
        import win32print  # pywin32, on Windows only
    except ImportError:
        raise PrintError(
            "raw_unsupported",
            "Raw label printing on Windows needs pywin32, which is missing from this "
            "installation. Reinstall ShipDesk, or print PDF labels instead.",
        ) from None
    try:
        handle = win32print.OpenPrinter(printer)
    except Exception as exc:  # pywintypes.error: unknown or unreachable printer
        raise PrintError(
            "printer_unknown",
            f'The printer "{printer}" could not be opened ({_win_reason(exc)}). Choose another '
            "printer in Settings → Printers.",
        ) from None
    try:
        job = win32print.StartDocPrinter(handle, 1, (job_name, None, "RAW"))
        try:
            win32print.StartPagePrinter(handle)
            win32print.WritePrinter(handle, data)
            win32print.EndPagePrinter(handle)
        finally:
            win32print.EndDocPrinter(handle)
    except Exception as exc:  # pywintypes.error
        raise PrintError(
            "printer_error",
            f'Could not send the label to "{printer}" ({_win_reason(exc)}). Check the printer '
            "and print again.",
        ) from None
    finally:
        win32print.ClosePrinter(handle)
    return PrintResult(printer, _raw_labels(data), str(job))


def _raw_labels(data: bytes) -> int:
    """Labels in a ZPL job: one per ^XA...^XZ format; other raw languages count as one."""
    return max(1, data.count(b"^XZ"))


def _win_reason(exc: Exception) -> str:
    parts = getattr(exc, "args", ())
    return str(parts[-1]) if parts else type(exc).__name__

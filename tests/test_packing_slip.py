"""Packing slips: page sizes, text, wrapping, pagination and a barcode that scans.

The PDFs are checked the way a person or a scanner sees them: text through poppler's
`pdftotext`, the barcode rendered by `pdftoppm` and decoded by zbar's `zbarimg`.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shipdesk.printing import packing_slip
from shipdesk.printing.packing_slip import (
    PAPER,
    PackingSlip,
    SlipItem,
    SlipParty,
    render_packing_slips,
)

HAS_POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdftoppm"))
HAS_ZBAR = shutil.which("zbarimg") is not None
needs_poppler = pytest.mark.skipif(
    not HAS_POPPLER, reason="poppler-utils (pdftotext, pdftoppm) not installed"
)
needs_zbar = pytest.mark.skipif(
    not (HAS_POPPLER and HAS_ZBAR), reason="poppler-utils and zbar-tools (zbarimg) needed"
)

SHOP = SlipParty(
    name="Fietsenwinkel De Spaak",
    company="De Spaak B.V.",
    lines=("Kerkstraat 12",),
    postal_code="1017 GC",
    city="Amsterdam",
    country_code="NL",
    phone="+31 20 123 4567",
    email="info@despaak.nl",
)
CUSTOMER = SlipParty(
    name="Anna de Vries", lines=("Dorpsstraat 3",), postal_code="3511 AB", city="Utrecht"
)
LONG_TITLE = (
    "Fietsbel van verchroomd staal met extra luide heldere klank, geschikt voor alle sturen "
    "van 22 tot 25,4 millimeter, inclusief montageset, reserveveer en Nederlandstalige "
    "handleiding voor de montage"
)[:200]


def slip(
    order_id: str = "403-1234567-1234567",
    *,
    items: tuple[SlipItem, ...] = (SlipItem("BELL-01", "Fietsbel chroom", 2),),
    recipient: SlipParty = CUSTOMER,
    note: str = "",
) -> PackingSlip:
    return PackingSlip(
        order_id=order_id,
        order_date=datetime.date(2026, 11, 24),
        sender=SHOP,
        recipient=recipient,
        items=items,
        note=note,
        marketplace="Amazon.nl",
    )


def write(tmp_path: Path, pdf: bytes, name: str = "slips.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def pdf_pages_text(path: Path) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    return out.split("\f")[:-1]


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<')


def pdf_words(path: Path) -> list[tuple[float, float, float, str, int]]:
    """(xMin, xMax, page width, word, page number) for every word, from `pdftotext -bbox`."""
    html = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    words = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        width = float(re.search(r'width="([\d.]+)"', page).group(1))
        for x0, x1, word in WORD.findall(page):
            words.append((float(x0), float(x1), width, word, number))
    return words


def media_boxes(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height of every page, read from the page objects' /MediaBox."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", pdf)
    return [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in boxes]


def decode_barcodes(path: Path, dpi: int, page: int = 1) -> list[str]:
    """Render one page in grey at `dpi` and return what zbar reads as Code 128."""
    prefix = path.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", str(page), "-l", str(page),
                    str(path), str(prefix)], check=True)  # fmt: skip
    (image,) = path.parent.glob(f"{prefix.name}-*.pgm")
    result = subprocess.run(["zbarimg", "--raw", "-q", "-Sdisable", "-Scode128.enable",
                             str(image)], capture_output=True, text=True)  # fmt: skip
    image.unlink()
    return result.stdout.split()


# --- page size and batches ---------------------------------------------------------------------


@pytest.mark.parametrize("paper", ["A4", "A6"])
def test_every_page_has_the_exact_paper_size(paper: str) -> None:
    many = tuple(SlipItem(f"SKU-{i}", LONG_TITLE, 1) for i in range(40))
    pdf = render_packing_slips([slip(), slip("028-0000000-0000001", items=many)], paper=paper)
    assert pdf.startswith(b"%PDF-")
    boxes = media_boxes(pdf)
    assert len(boxes) >= 3
    width, height = PAPER[paper]
    for w, h in boxes:
        assert abs(w - width) <= 0.5 and abs(h - height) <= 0.5


@needs_poppler
def test_a_batch_prints_each_slip_from_its_own_page_in_order(tmp_path: Path) -> None:
    ids = ["403-0000001-0000001", "171-0000002-0000002", "028-0000003-0000003"]
    pdf = render_packing_slips([slip(i) for i in ids])
    pages = pdf_pages_text(write(tmp_path, pdf))
    assert len(pages) >= 3
    for page, order_id in zip(pages, ids, strict=False):
        assert order_id in page
        assert not any(other in page for other in ids if other != order_id)


def test_the_same_input_gives_the_same_bytes() -> None:
    slips = [slip(), slip("171-0000002-0000002", note="Veel plezier ermee!")]
    assert render_packing_slips(slips) == render_packing_slips(slips)


# --- barcode -----------------------------------------------------------------------------------


@needs_zbar
@pytest.mark.parametrize("dpi", [200, 203, 300])
@pytest.mark.parametrize("paper", ["A4", "A6"])
def test_the_order_id_barcode_scans(tmp_path: Path, paper: str, dpi: int) -> None:
    order_id = "403-9876543-2109876"
    path = write(tmp_path, render_packing_slips([slip(order_id)], paper=paper))
    assert decode_barcodes(path, dpi) == [order_id]


@needs_poppler
@pytest.mark.parametrize("order_id", ["", "Bestelling-Ä1"])
def test_an_id_code_128_cannot_carry_is_printed_as_text_only(tmp_path: Path, order_id: str) -> None:
    path = write(tmp_path, render_packing_slips([slip(order_id)]))
    text = "".join(pdf_pages_text(path))
    assert "Fietsbel chroom" in text
    assert order_id in text
    if HAS_ZBAR:
        assert decode_barcodes(path, 200) == []


@needs_poppler
def test_the_order_date_is_the_day_it_was_in_the_netherlands(tmp_path, start_sandbox) -> None:
    """Amazon writes times in UTC: an order placed at 23:30 UTC was placed the next day in
    the Netherlands (00:30, or 01:30 in summer), and its slip says that day."""
    from shipdesk.services.printing import packing_slips_pdf
    from tests.test_drafts import amazon_order, open_shop

    day = (datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)).date()
    placed = datetime.datetime.combine(day, datetime.time(23, 30), datetime.UTC)
    order = amazon_order(14, "Damstraat 1", "1012 JM", "Amsterdam", created=placed)
    ctx, _ = open_shop(tmp_path, start_sandbox, orders=[order])
    pdf = packing_slips_pdf(ctx, [order["orderId"]], language="nl")
    text = " ".join(" ".join(pdf_pages_text(write(tmp_path, pdf))).split())
    assert f"Besteldatum: {(day + datetime.timedelta(days=1)):%d-%m-%Y}" in text
    assert f"{day:%d-%m-%Y}" not in text


# --- languages and Unicode ---------------------------------------------------------------------


@needs_poppler
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", ["Pakbon", "Bestelnummer", "Besteldatum", "24-11-2026", "Marktplaats",
                "Verzendadres", "Omschrijving", "Aantal", "Totaal aantal artikelen: 2",
                "Bedankt voor je bestelling!", "Pagina 1 van 1"]),
        ("en", ["Packing slip", "Order number", "Order date", "24 Nov 2026", "Marketplace",
                "Ship to", "Description", "Qty", "Total items: 2",
                "Thank you for your order!", "Page 1 of 1"]),
    ],
)  # fmt: skip
def test_fixed_words_come_in_the_chosen_language(
    tmp_path: Path, language: str, words: list[str]
) -> None:
    path = write(tmp_path, render_packing_slips([slip()], language=language))
    text = " ".join(" ".join(pdf_pages_text(path)).split())
    for word in [*words, "403-1234567-1234567", "Amazon.nl", "info@despaak.nl", "Anna de Vries"]:
        assert word in text


@needs_poppler
def test_recipient_language_gives_each_slip_the_language_of_where_it_goes(tmp_path) -> None:
    """A batch to Utrecht, Gent and Köln: Dutch, Dutch and English, each on its own page."""
    utrecht = SlipParty(name="Anna de Vries", lines=("Dorpsstraat 3",), country_code="nl")
    gent = SlipParty(name="Lotte Peeters", lines=("Veldstraat 5",), country_code="BE")
    koeln = SlipParty(name="Jonas Weber", lines=("Ringstraße 7a",), country_code="DE")
    batch = [slip(f"403-000000{n}-000000{n}", recipient=party)
             for n, party in enumerate((utrecht, gent, koeln), start=1)]  # fmt: skip
    pages = pdf_pages_text(write(tmp_path, render_packing_slips(batch, language="recipient")))
    assert ["Pakbon" in page for page in pages] == [True, True, False]
    assert ["Packing slip" in page for page in pages] == [False, False, True]


@needs_poppler
@pytest.mark.parametrize("paper", ["A4", "A6"])
def test_names_in_any_european_script_come_out_exactly(tmp_path: Path, paper: str) -> None:
    packing_slip._font()
    if packing_slip._font_path is None or packing_slip._font_path.name == "Vera.ttf":
        pytest.skip("no Unicode TrueType font (DejaVu, Segoe UI, Arial) on this machine")
    names = ["Jürgen Müller", "Łukasz Ørsted", "François", "İstanbul", "Ελλάδα"]
    recipient = SlipParty(
        name=names[0], company=names[1], lines=("Rue de " + names[2] + " 4", names[4]),
        postal_code="34000", city=names[3], country_code="GR", phone="", email="",
    )  # fmt: skip
    note = "Groeten aan " + " en ".join(names)
    path = write(
        tmp_path, render_packing_slips([slip(recipient=recipient, note=note)], paper=paper)
    )
    text = "".join(pdf_pages_text(path))
    for name in names:
        assert text.count(name) >= 2  # in the address block and in the note


# --- many items, long titles, notes ------------------------------------------------------------


@needs_poppler
@pytest.mark.parametrize(("paper", "language"), [("A4", "nl"), ("A6", "en")])
def test_sixty_items_flow_over_pages_without_losing_one(
    tmp_path: Path, paper: str, language: str
) -> None:
    items = tuple(
        SlipItem(f"SKU-{i:03d}", LONG_TITLE if i % 4 == 0 else f"Artikel {i}", i % 3 + 1)
        for i in range(60)
    )
    path = write(
        tmp_path, render_packing_slips([slip(items=items)], paper=paper, language=language)
    )
    pages = pdf_pages_text(path)
    assert len(pages) > 1
    header = "Omschrijving" if language == "nl" else "Description"
    page_of = "Pagina {} van {}" if language == "nl" else "Page {} of {}"
    for number, page in enumerate(pages, start=1):
        assert "403-1234567-1234567" in page
        assert page_of.format(number, len(pages)) in page
        if re.search(r"SKU-\d{3}", page):
            assert header in page  # the table header repeats on every page with items
    text = "".join(pages)
    for i in range(60):
        assert len(re.findall(rf"\bSKU-{i:03d}\b", text)) == 1
    total = sum(item.quantity for item in items)
    assert (
        f"Totaal aantal artikelen: {total}" if language == "nl" else f"Total items: {total}"
    ) in text


@needs_poppler
@pytest.mark.parametrize("paper", ["A4", "A6"])
def test_long_titles_and_skus_wrap_inside_the_page(tmp_path: Path, paper: str) -> None:
    items = (
        SlipItem("SKU-LONG-" + "X" * 31, LONG_TITLE, 1),
        SlipItem("NOSPACE", "Z" * 200, 2),  # one unbreakable "word" must wrap too
        SlipItem("SHORT", "Pomp", 1),
    )
    path = write(tmp_path, render_packing_slips([slip(items=items)], paper=paper))
    words = pdf_words(path)
    margin = 10.0  # both layouts keep at least this much paper free on the right
    for x0, x1, width, word, _ in words:
        assert x0 >= 0 and x1 <= width - margin, f"{word!r} sticks out: {x1:.1f} > {width}"
    text_words = [w[3] for w in words]
    title_lines = [w for w in text_words if set(w) == {"Z"}]
    assert len(title_lines) > 1 and sum(map(len, title_lines)) == 200
    for word in LONG_TITLE.split():
        assert word in text_words


@needs_poppler
@pytest.mark.parametrize("paper", ["A4", "A6"])
def test_a_long_note_wraps_and_keeps_its_paragraphs(tmp_path: Path, paper: str) -> None:
    first = " ".join(f"woord{i}" for i in range(150))
    note = f"{first}\nTot ziens, Team De Spaak"
    path = write(tmp_path, render_packing_slips([slip(note=note)], paper=paper))
    words = pdf_words(path)
    note_words = [w for w in words if w[3].startswith("woord")]
    assert [w[3] for w in note_words] == first.split()
    assert all(x1 <= width - 10 for _, x1, width, _, _ in note_words)
    starts = [x0 for x0, *_ in note_words]
    assert starts.count(min(starts)) > 2  # several lines, each starting at the left margin
    assert "Tot ziens, Team De Spaak" in "".join(pdf_pages_text(path))


@given(
    text=st.text(
        alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=300
    ),
    width=st.floats(min_value=20, max_value=400),
)
@settings(max_examples=150, deadline=None)
def test_wrapped_lines_fit_and_keep_every_word(text: str, width: float) -> None:
    font, _ = packing_slip._font()
    lines = packing_slip._wrap(text, font, 9, width)
    for line in lines:
        assert len(line) == 1 or packing_slip._width(line, font, 9) <= width + 1e-6
    assert "".join("".join(lines).split()) == "".join(text.split())


# --- errors ------------------------------------------------------------------------------------


def test_unknown_paper_language_or_an_empty_batch_is_refused() -> None:
    with pytest.raises(ValueError, match="paper"):
        render_packing_slips([slip()], paper="Letter")
    with pytest.raises(ValueError, match="language"):
        render_packing_slips([slip()], language="de")
    with pytest.raises(ValueError, match="no packing slips"):
        render_packing_slips([])


@needs_poppler
def test_a_long_sku_breaks_after_its_separators_on_an_a6_slip(tmp_path: Path) -> None:
    sku = "SCR-IP15-GLS-XL-BLACK-2PACK"
    items = (SlipItem(sku, "Screenprotector", 1),)
    path = write(tmp_path, render_packing_slips([slip(items=items)], paper="A6"))
    pieces = [w[3] for w in pdf_words(path) if w[3] in sku and len(w[3]) > 2]
    assert "".join(pieces) == sku  # every character kept, in order
    assert len(pieces) > 1 and all(p.endswith("-") for p in pieces[:-1])

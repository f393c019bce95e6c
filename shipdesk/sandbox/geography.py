"""Countries and postcodes as the sandbox carriers check them (both serve the same Europe)."""

from __future__ import annotations

from shipdesk.domain.countries import ISO_COUNTRIES as ISO_COUNTRIES
from shipdesk.domain.countries import normalize_postal_code as normalize_postal_code
from shipdesk.domain.countries import postal_code_ok as postal_code_ok


def words(text: str) -> tuple[str, ...]:
    """Readable tables: keys written as one space-separated string."""
    return tuple(text.split())


EU27 = frozenset(
    words("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK")
)
SERVED_COUNTRIES = EU27 | {"CH", "NO", "GB"}
# The Wadden islands: no evening, Saturday or express delivery there.
WADDEN_ISLANDS = (
    (1791, 1797, "Texel"),
    (8881, 8899, "Vlieland, Terschelling"),
    (9161, 9166, "Ameland, Schiermonnikoog"),
)


def nl_area(country: str, postal_code: str) -> int | None:
    """The 4 digits of a Dutch postcode, the unit area rules use."""
    if country != "NL" or not postal_code:
        return None
    digits = normalize_postal_code(postal_code)[:4]
    return int(digits) if digits.isdigit() else None


def in_areas(area: int | None, ranges: tuple[tuple[int, int, str], ...]) -> bool:
    return area is not None and any(lo <= area <= hi for lo, hi, _ in ranges)

"""Countries and postcodes as the sandbox carriers check them (both serve the same Europe)."""

from __future__ import annotations

import re


def words(text: str) -> tuple[str, ...]:
    """Readable tables: keys written as one space-separated string."""
    return tuple(text.split())


ISO_COUNTRIES = frozenset(
    words(
        """AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO
    DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU
    GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW
    KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU
    MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW
    PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF
    TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA
    ZM ZW"""
    )
)
EU27 = frozenset(
    words("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK")
)
SERVED_COUNTRIES = EU27 | {"CH", "NO", "GB"}
# Postal code formats the carriers accept, after upper-casing and trimming.
POSTAL_CODE_PATTERNS = {
    "NL": r"[1-9]\d{3} ?[A-Z]{2}",
    "BE": r"\d{4}",
    "LU": r"(L-)?\d{4}",
    "DE": r"\d{5}",
    "FR": r"\d{5}",
    "IT": r"\d{5}",
    "ES": r"\d{5}",
    "AT": r"\d{4}",
    "BG": r"\d{4}",
    "CY": r"\d{4}",
    "CZ": r"\d{3} ?\d{2}",
    "DK": r"\d{4}",
    "EE": r"\d{5}",
    "FI": r"\d{5}",
    "GR": r"\d{3} ?\d{2}",
    "HR": r"\d{5}",
    "HU": r"\d{4}",
    "IE": r"[A-Z]\d[\dW] ?[\dA-Z]{4}",
    "LT": r"(LT-)?\d{5}",
    "LV": r"(LV-)?\d{4}",
    "MT": r"[A-Z]{3} ?\d{4}",
    "PL": r"\d{2}-\d{3}",
    "PT": r"\d{4}-\d{3}",
    "RO": r"\d{6}",
    "SE": r"\d{3} ?\d{2}",
    "SI": r"\d{4}",
    "SK": r"\d{3} ?\d{2}",
    "CH": r"\d{4}",
    "NO": r"\d{4}",
    "GB": r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}",
}
# The Wadden islands: no evening, Saturday or express delivery there.
WADDEN_ISLANDS = (
    (1791, 1797, "Texel"),
    (8881, 8899, "Vlieland, Terschelling"),
    (9161, 9166, "Ameland, Schiermonnikoog"),
)


def normalize_postal_code(postal_code: str) -> str:
    return " ".join(postal_code.upper().split())


def postal_code_ok(country: str, postal_code: str) -> bool:
    pattern = POSTAL_CODE_PATTERNS.get(country)
    code = normalize_postal_code(postal_code)
    return bool(code) and (pattern is None or re.fullmatch(pattern, code) is not None)


def nl_area(country: str, postal_code: str) -> int | None:
    """The 4 digits of a Dutch postcode, the unit area rules use."""
    if country != "NL" or not postal_code:
        return None
    digits = normalize_postal_code(postal_code)[:4]
    return int(digits) if digits.isdigit() else None


def in_areas(area: int | None, ranges: tuple[tuple[int, int, str], ...]) -> bool:
    return area is not None and any(lo <= area <= hi for lo, hi, _ in ranges)

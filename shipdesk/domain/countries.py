"""Countries and the post's postcode formats: what an address can be checked against before
a carrier sees it (the ISO 3166-1 alpha-2 codes; postcode patterns per country, after
upper-casing and trimming)."""

from __future__ import annotations

import re


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ISO_COUNTRIES = frozenset(
    _words(
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

# Postcode formats, after upper-casing and trimming (countries not listed: any).
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


# A postcode of each format above, written as the post writes it (for messages: "for example
# 1234 AB"); each matches its pattern.
POSTAL_CODE_EXAMPLES = {
    "NL": "1234 AB",
    "BE": "1000",
    "LU": "L-1611",
    "DE": "10115",
    "FR": "75001",
    "IT": "00184",
    "ES": "28001",
    "AT": "1010",
    "BG": "1000",
    "CY": "1010",
    "CZ": "110 00",
    "DK": "1050",
    "EE": "10111",
    "FI": "00100",
    "GR": "105 57",
    "HR": "10000",
    "HU": "1051",
    "IE": "D02 X285",
    "LT": "LT-01100",
    "LV": "LV-1050",
    "MT": "VLT 1117",
    "PL": "00-950",
    "PT": "1000-001",
    "RO": "010011",
    "SE": "113 51",
    "SI": "1000",
    "SK": "811 01",
    "CH": "8001",
    "NO": "0150",
    "GB": "SW1A 1AA",
}


def postal_code_example(country: str) -> str:
    """A postcode as the post of `country` writes it; "" where any form is taken."""
    return POSTAL_CODE_EXAMPLES.get(country.strip().upper(), "")


def normalize_postal_code(postal_code: str) -> str:
    return " ".join(postal_code.upper().split())


def postal_code_ok(country: str, postal_code: str) -> bool:
    pattern = POSTAL_CODE_PATTERNS.get(country)
    code = normalize_postal_code(postal_code)
    return bool(code) and (pattern is None or re.fullmatch(pattern, code) is not None)

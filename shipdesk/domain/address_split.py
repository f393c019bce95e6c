"""Split Amazon's free-text address lines into street, house number and addition.

Carriers (DHL Parcel NL, GLS NL) want ``street``, ``number`` and ``addition`` separately;
Amazon gives ``addressLine1..3`` as typed by the buyer. :func:`split_address` does the split
and never guesses silently: whenever the result is not clearly right, ``needs_review`` is set
and ``reason`` says why in one short English sentence (the best-effort fields are still
filled). Pure Python, standard library only, no I/O.

Rules
=====

Input
    Lines are Unicode-normalised (NFC); runs of whitespace collapse to one space; dashes of
    any kind become ``-``; stray commas/semicolons at the ends are dropped. Every line is cut
    at commas and semicolons into *parts* ("Kerkstraat, 12" is the street part "Kerkstraat"
    and the number part "12"). The street keeps its original capitalisation and accents.

Which part is the street
    Parts are classified first. These are never taken as the street: attention lines
    ("t.a.v.", "c/o", "p/a", "z. Hd.", "Attn", "à l'attention de", and "bei"/"chez" without
    digits), company names (a legal form such as B.V., GmbH, SARL, NV and no digits),
    floor/apartment/building details ("2e verdieping", "3. OG", "App. 12", "Bâtiment B",
    "Résidence ...", "Digicode ...", "ZA/ZI ..."), and a postcode + city ("75001 Paris").
    The street is the first remaining part that holds a house number. If no part holds one,
    a street part without number is combined with a part that is only a number
    ("Kerkstraat" + "12 A"; French "8" + "rue des Lilas").

Where the number is
    NL, BE, DE and the other number-last countries (IT, ES, AT, CH, PL, ...): the house
    number is the LAST number-like token with everything after it parsing as an addition.
    Numbers inside a street name are fine when they are a year ("Plein 1944 12", "Laan
    1940-1945 3"), an ordinal ("1e Jan Steenstraat 5", "Straße des 17. Juni 112") or a date
    ("3 Octoberstraat 14", "Rue du 11 Novembre 21"); any other number left in the street
    means two readings are plausible ("Kerkstraat 12 3", "Straße 70 5") and is flagged.
    A number written before the street in these countries is used but flagged.
    FR and the number-first countries (LU, GB, IE, ...): the number leads ("12 bis rue de la
    Paix", "12, rue de la Paix", "12-14 rue de Rivoli"); a number after the street ("Rue de
    la Paix 12") is accepted too. Unknown countries: whichever end holds the number; both
    ends is flagged.
    Markers "Nr.", "No", "n°", "Hausnummer", "#" before the number are dropped. The number
    holds only ASCII digits (1 to 5 of them) or is empty.

Addition (normalised)
    - a house letter is upper-cased: "25A", "7a", "12-A" -> "A";
    - NL toevoeging: "4-2" -> "2", "4-2 hoog"/"4-2hg" -> "2 hoog", "263-II" -> "II",
      "hs"/"huis" kept in lower case;
    - ranges "12-14", "12 - 14", "12/14" (not BE) -> number "12", addition "14" (the
      reading is the same for an NL addition and a DE range);
    - FR "bis", "ter", "quater", "quinquies" in lower case;
    - BE box: "bus 3"/"box 3"/"b 3" -> "bus 3", "boîte 3"/"bte 3"/"bt 3" -> "boîte 3";
      BE "12/3" means box 3 and becomes "boîte 3" when the street starts with a French
      street word (Rue, Avenue, Chaussée, ...), else "bus 3";
    - floor/apartment text written right after the number in the same line ("Whg. 4",
      "3. OG", "Hinterhaus", and for FR after the street: "Apt 12", "2ème étage") is kept,
      as written, in the addition: line 1 is otherwise lost on the label.
    The separator in front of the addition is dropped; between its parts a space is used
    ("A bus 2"), except that a dash or slash before a later number is kept ("12A-3" -> "A-3").

Other lines
    Line 2/3 content goes into the addition only when the whole line is an official
    number part: a letter, an NL toevoeging ("2 hoog", "III", "hs"), FR bis/ter, a BE box
    ("bus 3", "boîte 4"). Descriptive floor/apartment/building text, names and contact
    lines on their own line (or comma part in front of the street) are ignored for the
    split and do not cause a review: the caller passes the raw lines to the carrier in its
    free-text fields. Comma parts after the house number in the same line count as
    written right after the number (see above).

needs_review is set (with the best-effort split) for
    PO boxes (Postbus, Postfach, Antwoordnummer, BP, Boîte postale, CS, TSA, PO Box,
    Apartado; ``is_po_box=True``; whether a parcel shop delivery is fine is the caller's
    decision); parcel lockers (Packstation, Postfiliale); a street and a PO box together;
    no house number (also "s/n", "zn", "z/n": the marker goes into the addition); a lone
    year as number ("Plein 1944"); more than one plausible house number; a number before
    the street in a number-last country; unrecognised text after the number; two parts
    that both look like a street with a number; a bare number on another line when the
    street already has one; only floor/contact details and no street. Finally every
    unflagged result is re-joined ("street number-addition") and split again; if that does
    not give the same result the split is flagged, so unflagged results are stable.
    Lines longer than MAX_LINE_LENGTH characters are not split at all (flagged).

Known limit: a year followed by a plain number ("Plein 1944 12") is read as a street name
with a year, as the rule above says; a house numbered 1800-2099 with a space-separated
numeric addition would be misread. Dashed additions ("Hoofdweg 1944-12") are read right.

Street length limits are checked elsewhere (carrier layer), not here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from shipdesk.domain.characters import unseen_characters, without_unseen


@dataclass(frozen=True)
class AddressSplit:
    street: str
    number: str  # digits only, or "" when none found
    addition: str  # "" when none; normalised, e.g. "A", "2 hoog", "bis", "bus 3"
    needs_review: bool
    reason: str  # "" when sure; else a short English sentence for a support person
    is_po_box: bool = False


# Reasons shown to support people; keep them short and plain.
R_EMPTY = "Address is empty"
R_NO_NUMBER = "No house number found"
R_NO_STREET = "No street name found"
R_PO_BOX = "PO box: carriers need a street address"
R_LOCKER = "Parcel locker or post office address: check that the carrier delivers there"
R_STREET_AND_PO = "Address has both a street and a PO box"
R_AMBIGUOUS = "More than one number could be the house number"
R_YEAR = "The number could be part of the street name"
R_NUMBER_FIRST = "The house number is written before the street name"
R_UNCLEAR = "Unclear text after the house number"
R_SN = "The address says it has no house number"
R_TWO_STREETS = "More than one line looks like a street address"
R_EXTRA_NUMBER = "A separate number may belong to the house number"
R_ONLY_DETAILS = "Only floor, apartment or contact details found, no street"
R_UNSURE = "Street and house number could not be separated with certainty"
R_TOO_LONG = "Address line is too long to split automatically"
R_UNSEEN = "Characters nobody can see were taken out"

# Amazon's address lines are short; anything much longer is junk, and the candidate search
# is quadratic in the number of digit groups, so very long lines are not searched.
MAX_LINE_LENGTH = 200


def _word_list(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _words(text: str) -> frozenset[str]:
    return frozenset(_word_list(text))


# Countries that write the house number after the street, and those that write it first;
# any other country gets the generic strategy (whichever end has the number, else flag).
_NUMBER_LAST = _words(
    """
    NL BE DE AT CH LI IT SM VA ES AD PT DK SE NO FI IS PL CZ SK HU SI HR BA RS ME MK AL RO
    BG GR LT LV EE TR
    """
)
_NUMBER_FIRST = _words("FR LU MC GB UK IE US CA AU NZ")

_L = r"[^\W\d_]"  # any Unicode letter
_HAS_LETTER = re.compile(_L)
_NOT_LETTER_BEFORE = rf"(?<!{_L})"
_NOT_LETTER_AFTER = rf"(?!{_L})"
_END = r"(?=$|[\s\-/.,])"  # a piece must end on a token boundary
_I = re.IGNORECASE

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")
_APOSTROPHES = dict.fromkeys(map(ord, "\u2018\u2019\u02bc\u00b4"), "'")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"\s+")
_PART_SPLIT = re.compile(r"[,;]")
_NUM = re.compile(r"(?<![0-9])[0-9]{1,5}(?![0-9])")
_DIGIT = re.compile(r"[0-9]")
_LEADING_NUMBER = re.compile(r"([0-9]{1,5})(?![0-9])")
_LEADING_HOUSE_NUMBER = re.compile(r"([0-9]{1,4})(?![0-9])")  # 5 digits in front: a postcode

_ORDINAL_SUFFIX = r"(?:e|de|ste|er|re|ère|ème|eme|è|nd|rd|st|th|\.)"
# Digits glued to an ordinal suffix and followed by a word: "1e Jan", "17. Juni".
_ORDINAL_TAIL = re.compile(rf"^{_ORDINAL_SUFFIX}(?=\s+{_L})", _I)

_MONTHS = _words(
    """
    januari februari maart april mei juni juli augustus september oktober october november
    december januar jänner februar märz mai august dezember janvier février fevrier mars
    avril juin juillet août aout septembre octobre novembre décembre decembre january
    february march may june july
    """
)
# Compound Dutch/German street names that start with a month: "3 Octoberstraat".
_STREET_SUFFIXES = _word_list(
    """
    straat str weg laan plein gracht kade dijk singel steeg pad hof dreef markt baan wal
    haven plantsoen dam brink lei vest steenweg straße strasse allee platz gasse ring damm
    ufer chaussee pfad steig stieg
    """
)
_STREET_WORDS = _words(
    """
    rue r. avenue av av. bd boulevard place pl. chemin route impasse allée allee quai cours
    square chaussée passage voie sentier esplanade promenade rond-point drève dreve via
    viale piazza calle carrer avenida plaza rua largo street st road rd lane ul ul. ulica
    """
)
_FRENCH_STREET = re.compile(
    r"^(?:rue|r\.|avenue|av\.?|chaussée|chaussee|boulevard|bd|place|chemin|route|drève|dreve|"
    r"clos|allée|allee|quai|square|impasse|sentier|cours|galerie|parvis|rond-point|voie|"
    r"ruelle|cité|cite|venelle|esplanade|passage|promenade)(?![^\W_])",
    _I,
)

# --- part classification -----------------------------------------------------------------

_ATTENTION = re.compile(
    r"^(?:t\.?\s?a\.?\s?v\.?|attn\.?|attention|à\s+l'attention|a\s+l'attention|"
    r"ter\s+attentie|z\.?\s?hd?\.?|zu\s+h(?:ä|ae)nden|c/o|c\.o\.|p/a|p\.a\.|per\s+adres|"
    r"care\s+of)(?=$|[\s:.,])",
    _I,
)
_ATTENTION_NO_DIGITS = re.compile(r"^(?:bei|chez)\s", _I)
_COMPANY = re.compile(
    _NOT_LETTER_BEFORE
    + r"(?:b\.\s?v\.?|bv|n\.\s?v\.?|nv|v\.o\.f\.?|vof|gmbh|mbh|ag|kg|ohg|ug|e\.\s?k\.|e\.\s?v\.|"
    r"sarl|s\.a\.r\.l\.?|sas|sasu|eurl|sa|s\.a\.|srl|s\.r\.l\.?|bvba|sprl|comm\.?\s?v|vzw|"
    r"asbl|ltd|inc|llc|plc|holding)" + _NOT_LETTER_AFTER,
    _I,
)
_EXTRA_START = re.compile(
    r"^(?:[0-9]{1,2}\s*" + _ORDINAL_SUFFIX + r"?\s*(?:verdieping|verd\b|etage|étage|stock|og\b|"
    r"obergeschoss|floor)"
    r"|(?:app|apt|appt|appart|appartement|apartment|flat|unit|kamer|zimmer|suite|whg|wohnung|"
    r"etage|étage|verdieping|stock|floor|og|eg|dg|ug|erdgeschoss|dachgeschoss|hinterhaus|"
    r"vorderhaus|seitenflügel|gartenhaus|hinterhof|haus|gebäude|aufgang|eingang|stiege|top|"
    r"gebouw|building|bldg|bâtiment|batiment|bât|bat|résidence|residence|residentie|escalier|"
    r"esc|digicode|code\s+porte|interphone|bovenwoning|benedenwoning|achterhuis|voorhuis|zone|"
    r"za|zi|zac|zae|lotissement|lot|hal|rdc|rez-de-chaussée|rez\s+de\s+chaussée|bloc|block|"
    r"kantoor|afdeling|abteilung|dept|department)(?![^\W_])"
    r"|porte\s*[0-9])",
    _I,
)
_POSTCODE_CITY = re.compile(r"^(?:[0-9]{5}|[0-9]{4}(?:\s?[A-Za-z]{2})?)\s+" + _L)
# PO box words that mean a PO box on their own, and short ones that need a number.
_PO_BOX = re.compile(
    _NOT_LETTER_BEFORE
    + r"(?P<kw>postbus|postbox|post\s*box|p\.\s?o\.\s?box|po\s?box|post\s+office\s+box|"
    r"postfach|antwoordnummer|bo[iî]te\s+postale|apartado(?:\s+de\s+correos)?|"
    r"casella\s+postale|case\s+postale)" + _NOT_LETTER_AFTER + r"\.?\s*(?P<num>[0-9][0-9 ]*)?",
    _I,
)
_PO_BOX_SHORT = re.compile(
    r"(?<![\w.])(?P<kw>(?i:b\.?\s?p\.?|pob|apdo\.?)|CS|TSA)\s*(?P<num>[0-9][0-9 ]*)"
)
_LOCKER = re.compile(
    _NOT_LETTER_BEFORE
    + r"(?P<kw>packstation|postfiliale|paketshop|paketbox|paketkasten|pakketautomaat|"
    r"parcel\s*locker)" + _NOT_LETTER_AFTER + r"\s*(?P<num>[0-9]{1,5})?",
    _I,
)
_SN = re.compile(
    _NOT_LETTER_BEFORE + r"(?P<sn>s/n|s\.\s?n\.?|sn|snc|z/n|zn|sin\s+n[uú]mero|"
    r"ohne\s+(?:haus)?nummer|o\.\s?nr\.?|sans\s+num[ée]ro)\s*$",
    _I,
)
_MARKER = re.compile(
    r"(?:"
    + _NOT_LETTER_BEFORE
    + r"(?:nr|no|num|hausnr|hnr)\.?|"
    + _NOT_LETTER_BEFORE
    + r"(?:nummer|numéro|numero|hausnummer|huisnummer)|"
    + _NOT_LETTER_BEFORE
    + r"n\.|n[°º]|[°º#])\s*$",
    _I,
)
_LEAD_MARKER = re.compile(r"^(?:(?:n[°º]|no\.?|nr\.?|n\.)\s*)", _I)
# A number right after one of these words is an apartment/box/floor number, not the house.
_KEYWORD_BEFORE_NUMBER = re.compile(
    _NOT_LETTER_BEFORE
    + r"(?:app|apt|appt|appartement|apartment|whg|wohnung|flat|unit|kamer|zimmer|suite|bus|box|"
    r"bte|boîte|boite|bt|b|bât|bat|bâtiment|batiment|esc|escalier|porte|etage|étage|stock|"
    r"verdieping|gebouw|building|hal|lot|top|stiege|haus)\.?\s*$",
    _I,
)
# Floor/apartment details written inside a number-first street: "5 rue Pasteur Apt 12".
_EXTRA_IN_STREET = re.compile(
    r"\s(?:(?:app|apt|appt|appartement|bât|bat|bâtiment|batiment|esc|escalier|porte|whg|"
    r"wohnung|flat|unit)\.?\s*(?:[0-9]{1,4}[a-z]?|[a-z])(?![^\W_])"
    r"|[0-9]{1,2}\s*" + _ORDINAL_SUFFIX + r"?\s*(?:étage|etage|verdieping|stock|og)(?![^\W_])"
    r"|rdc(?![^\W_]))",
    _I,
)

# --- addition pieces -------------------------------------------------------------------------

_SEP = re.compile(r"(\s*)([-/])?(\s*)")
_P_BOX = re.compile(
    r"(?P<w>bus|box|bte|boîte|boite|bt|b)\.?\s*(?P<id>[0-9]{1,4}[a-z]?|[a-z](?![^\W_]))" + _END,
    _I,
)
_P_FLOOR_NL = re.compile(r"(?P<n>[0-9]{1,2})\s*(?:e|de|ste)?\s*-?\s*(?:hoog|hg)" + _END, _I)
_P_FLOOR = re.compile(
    r"(?:[0-9]{1,2}\s*" + _ORDINAL_SUFFIX + r"?\s*(?:verdieping|verd\.?|etage|étage|stock|og|"
    r"obergeschoss|floor)|(?:etage|étage|stock|verdieping)\s*[0-9]{1,2})" + _END,
    _I,
)
_P_APT = re.compile(
    r"(?:app|apt|appt|appartement|apartment|whg|wohnung|flat|unit|kamer|zimmer|suite|porte|"
    r"esc|escalier|bât|bat|bâtiment|batiment|gebouw|building|top|stiege)\.?\s*"
    r"(?:[0-9]{1,4}[a-z]?|[a-z])" + _END,
    _I,
)
_P_DE_PART = re.compile(
    r"(?:hinterhaus|vorderhaus|seitenflügel|seitenfluegel|gartenhaus|hinterhof|quergebäude|"
    r"hh|vh|eg|og|dg|ug|erdgeschoss|dachgeschoss|souterrain|hochparterre)" + _END,
    _I,
)
_P_FR = re.compile(r"(?:bis|ter|quater|quinquies)" + _END, _I)
_P_NL_WORD = re.compile(
    r"(?:hs|huis|bg|bel|beg|boven|bov|beneden|ben|achter|voor|zw|rd|rood|zwart|links|rechts|"
    r"li|re|hinten|vorne|bovenwoning|benedenwoning|parterre|sous|rdc)" + _END,
    _I,
)
_P_ROMAN = re.compile(r"(?:iii|ii|iv|viii|vii|vi|ix)" + _END, _I)
_P_DIGITS = re.compile(r"(?P<d>[0-9]{1,5})(?P<l>[a-z])?" + _END, _I)
_P_LETTER = re.compile(r"[a-z]" + _END, _I)

# Pieces that may stand alone on another line and still belong to the house number.
_STANDALONE_KINDS = frozenset({"letter", "roman", "fr", "box", "floor_nl", "hs"})


@dataclass(frozen=True)
class _Piece:
    kind: str
    text: str  # normalised text for the addition
    sep: str  # "", "space", "dash" or "slash": what stood before it
    start: int  # offset in the parsed string


@dataclass(frozen=True)
class _Parse:
    street: str
    number: str
    addition: str
    reasons: tuple[str, ...] = ()
    style: str = "last"  # "last": street then number; "first": number then street


@dataclass
class _Part:
    text: str
    line: int
    kind: str = "text"
    parse: _Parse | None = field(default=None, repr=False)


# --- helpers ---------------------------------------------------------------------------------


def _clean(value: object) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = unicodedata.normalize("NFC", text).translate(_DASHES).translate(_APOSTROPHES)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text).strip(" ,;:")


def _trim_street(text: str) -> str:
    # Trailing dots stay ("Kerkstr."); separators and commas do not.
    return text.strip(" ,;:-/")


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and 1800 <= int(digits) <= 2099


def _is_french_street(street: str) -> bool:
    return bool(_FRENCH_STREET.match(street))


# Suffixes that city names practically never end with ("Amsterdam", "Bremerhaven" do).
_STRICT_SUFFIXES = (
    "straat",
    "str",
    "weg",
    "laan",
    "plein",
    "gracht",
    "straße",
    "strasse",
    "allee",
    "platz",
    "gasse",
    "steenweg",
)


def _has_street_word(text: str, *, strict: bool = False) -> bool:
    suffixes = _STRICT_SUFFIXES if strict else _STREET_SUFFIXES
    for word in text.casefold().split():
        if word in _STREET_WORDS or word.rstrip(".") in _STREET_WORDS:
            return True
        if word.rstrip(".").endswith(suffixes):
            return True
    return False


def _is_month_word(word: str) -> bool:
    word = word.casefold()
    if word in _MONTHS:
        return True
    return any(
        word.startswith(month) and word[len(month) :] in _STREET_SUFFIXES for month in _MONTHS
    )


def _street_digits_ok(street: str) -> bool:
    """True when every number left in a street name is a year, an ordinal, a date or a
    road code ("A12"); any other number means the house number might be in the street."""
    for m in re.finditer(r"[0-9]+", street):
        digits, before, after = m.group(), street[: m.start()], street[m.end() :]
        if _is_year(digits):
            continue
        if re.match(_ORDINAL_SUFFIX + r"(?![^\W\d_])", after, _I):
            continue
        nxt = re.match(r"\s+(" + _L + r"+)", after)
        if nxt and _is_month_word(nxt.group(1)):
            continue
        glued = re.search(r"(?<![^\W\d_])(" + _L + r"{1,2})$", before)
        if glued and not re.match(_L, after):
            continue  # road or block code such as "N201", "A12", "Q7"
        return False
    return True


def _parse_pieces(
    text: str, *, offset: int = 0, be: bool = False, french: bool = False, max_pieces: int = 4
) -> list[_Piece] | None:
    """Parse everything after a house number as addition pieces; None if it does not parse."""
    pieces: list[_Piece] = []
    pos = 0
    while pos < len(text):
        m = _SEP.match(text, pos)
        assert m is not None  # every part of _SEP is optional: it always matches
        sep = "dash" if m.group(2) == "-" else "slash" if m.group(2) == "/" else ""
        if not sep and (m.group(1) or m.group(3)):
            sep = "space"
        pos = m.end()
        if pos >= len(text) or re.fullmatch(r"\.+", text[pos:]):
            break
        piece = _match_piece(text, pos, sep, be=be, french=french)
        if piece is None or len(pieces) >= max_pieces:
            return None
        kind, out, end = piece
        pieces.append(_Piece(kind, out, sep, offset + pos))
        pos = end
    return pieces


def _match_piece(
    text: str, pos: int, sep: str, *, be: bool, french: bool
) -> tuple[str, str, int] | None:
    if m := _P_BOX.match(text, pos):
        word, ident = m.group("w").casefold(), m.group("id")
        if not (word == "b" and (not be or not ident[0].isdigit())):
            if word in ("bus", "box"):
                fr = False
            elif word == "b":
                fr = french
            else:
                fr = True
            return "box", f"{'boîte' if fr else 'bus'} {ident.upper()}", m.end()
    if m := _P_FLOOR_NL.match(text, pos):
        return "floor_nl", f"{m.group('n')} hoog", m.end()
    if m := _P_FLOOR.match(text, pos):
        return "floor", _SPACES.sub(" ", m.group()), m.end()
    if m := _P_APT.match(text, pos):
        return "apt", _SPACES.sub(" ", m.group()), m.end()
    if m := _P_DE_PART.match(text, pos):
        return "de", m.group(), m.end()
    if m := _P_FR.match(text, pos):
        return "fr", m.group().casefold(), m.end()
    if m := _P_NL_WORD.match(text, pos):
        kind = "hs" if m.group().casefold() in ("hs", "huis") else "word"
        return kind, m.group().casefold(), m.end()
    if m := _P_ROMAN.match(text, pos):
        return "roman", m.group().upper(), m.end()
    if m := _P_DIGITS.match(text, pos):
        out = m.group("d") + (m.group("l") or "").upper()
        if be and sep == "slash":
            # Belgian "12/3" is box 3.
            return "box", f"{'boîte' if french else 'bus'} {out}", m.end()
        return "digits", out, m.end()
    if m := _P_LETTER.match(text, pos):
        return "letter", m.group().upper(), m.end()
    return None


def _join(pieces: list[_Piece]) -> str:
    # The first separator is dropped ("12-A" -> "A"); a dash or slash in front of a later
    # number is kept ("12A-3" -> "A-3") so the addition reads, and re-splits, the same.
    out = ""
    for i, piece in enumerate(pieces):
        if i and piece.kind == "digits" and piece.sep in ("dash", "slash"):
            out += ("-" if piece.sep == "dash" else "/") + piece.text
        else:
            out += (" " if i else "") + piece.text
    return out


# --- one street part -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    start: int
    street: str
    number: str
    pieces: tuple[_Piece, ...] | None  # None for a weak (unrecognised) tail
    tail: str


def _number_last(text: str, be: bool) -> _Parse | None:
    cands: list[_Candidate] = []
    for m in _NUM.finditer(text):
        prefix, tail = text[: m.start()], text[m.end() :]
        if re.search(r"[0-9]\s*[-/]\s*$", prefix):
            continue  # second half of a range or an addition: "12-14", "4-2"
        if _ORDINAL_TAIL.match(tail):
            continue  # "1e Jan Steenstraat", "17. Juni"
        if _KEYWORD_BEFORE_NUMBER.search(prefix):
            continue  # "bus 3", "Apt 12": not the house number
        street = _trim_street(_MARKER.sub("", prefix.rstrip()))
        if not _HAS_LETTER.search(street):
            continue
        pieces = _parse_pieces(tail, offset=m.end(), be=be, french=_is_french_street(street))
        if pieces is not None:
            cands.append(_Candidate(m.start(), street, m.group(), tuple(pieces), tail))
        elif not _DIGIT.search(tail) and len(tail) <= 40:
            cands.append(_Candidate(m.start(), street, m.group(), None, tail))
    strong = [c for c in cands if c.pieces is not None]
    by_start = {c.start: c for c in strong}
    reasons: list[str] = []
    if strong:
        cand = strong[0]
        # A plain number after a space in the addition could itself be the house number,
        # with the first number then being part of the street name ("Plein 1944 12").
        while True:
            assert cand.pieces is not None
            k = next(
                (
                    i
                    for i, p in enumerate(cand.pieces)
                    if p.kind == "digits" and p.sep in ("space", "")
                ),
                None,
            )
            if k is None:
                break
            alt = by_start.get(cand.pieces[k].start)
            year_expr = _is_year(cand.number) and all(
                p.kind == "digits" and p.sep == "dash" and _is_year(p.text) for p in cand.pieces[:k]
            )
            if alt is None:
                reasons.append(R_AMBIGUOUS)
                break
            if not year_expr:
                reasons.append(R_AMBIGUOUS)  # best effort: the last number, as the rule says
            cand = alt
        assert cand.pieces is not None
        addition = _join(list(cand.pieces))
        if _is_year(cand.number) and all(
            p.kind == "digits" and _is_year(p.text) for p in cand.pieces
        ):
            reasons.append(R_YEAR)
    elif weak := [c for c in cands if c.pieces is None]:
        cand = weak[-1]
        addition = _trim_street(cand.tail.strip(" -/"))
        reasons.append(R_UNCLEAR)
    else:
        return None
    if not _street_digits_ok(cand.street):
        reasons.append(R_AMBIGUOUS)
    return _Parse(cand.street, cand.number, addition, tuple(dict.fromkeys(reasons)), "last")


def _number_first(text: str) -> _Parse | None:
    lead = _LEAD_MARKER.match(text)
    start = lead.end() if lead else 0
    m = _LEADING_HOUSE_NUMBER.match(text, start)
    if not m:
        return None
    number, rest = m.group(1), text[m.end() :]
    if _ORDINAL_TAIL.match(rest):
        return None  # "1er étage", "2e Avenue"
    pieces: list[_Piece] = []
    pos = 0
    while len(pieces) < 2:
        s = _SEP.match(rest, pos)
        assert s is not None  # every part of _SEP is optional: it always matches
        sep = "dash" if s.group(2) == "-" else "slash" if s.group(2) == "/" else ""
        if not sep and (s.group(1) or s.group(3)):
            sep = "space"
        p = s.end()
        hit = _P_FR.match(rest, p) or _P_LETTER.match(rest, p)
        kind = "fr" if hit and hit.re is _P_FR else "letter"
        if hit is None and sep in ("dash", "slash"):
            hit, kind = _P_DIGITS.match(rest, p), "digits"
        # A letter must be followed by a space ("12 B rue"), not start the street word.
        if hit is None or not re.match(r"\s", rest[hit.end() :]):
            break
        text_out = hit.group().casefold() if kind == "fr" else hit.group().upper()
        pieces.append(_Piece(kind, text_out, sep, p))
        pos = hit.end()
    street = rest[pos:]
    if not street.startswith(" "):
        return None
    street = _trim_street(street)
    if not street or not re.match(_L, street):
        return None
    reasons: list[str] = []
    addition = _join(pieces)
    if cut := _EXTRA_IN_STREET.search(street):
        # Floor/apartment details after the street belong with the number.
        extra = _SPACES.sub(" ", street[cut.start() :].strip())
        street = _trim_street(street[: cut.start()])
        addition = f"{addition} {extra}".strip()
    if not _street_digits_ok(street):
        reasons.append(R_AMBIGUOUS)
    return _Parse(street, number, addition, tuple(reasons), "first")


def _convention(country: str) -> str:
    if country in _NUMBER_LAST:
        return "last"
    if country in _NUMBER_FIRST:
        return "first"
    return "either"


def _parse_street(text: str, country: str) -> _Parse | None:
    be = country == "BE"
    convention = _convention(country)
    last = _number_last(text, be)
    if convention == "last":
        if last is not None:
            return last
        first = _number_first(text)
        if first is not None:
            return _with_reason(first, R_NUMBER_FIRST)
        return None
    first = _number_first(text)
    if convention == "first":
        return first if first is not None else last
    if first is not None and last is not None:
        return _with_reason(last, R_AMBIGUOUS)
    return first if first is not None else last


def _with_reason(parse: _Parse, reason: str) -> _Parse:
    return _Parse(
        parse.street,
        parse.number,
        parse.addition,
        tuple(dict.fromkeys((*parse.reasons, reason))),
        parse.style,
    )


def _number_only(text: str, *, be: bool, french: bool) -> tuple[str, list[_Piece]] | None:
    lead = _LEAD_MARKER.match(text)
    start = lead.end() if lead else 0
    m = _LEADING_NUMBER.match(text, start)
    if not m or _ORDINAL_TAIL.match(text[m.end() :]):
        return None
    pieces = _parse_pieces(text[m.end() :], offset=m.end(), be=be, french=french)
    if pieces is None:
        return None
    return m.group(1), pieces


def _addition_only(text: str, *, be: bool, french: bool) -> str | None:
    pieces = _parse_pieces(text, be=be, french=french, max_pieces=2)
    if not pieces or any(p.kind not in _STANDALONE_KINDS for p in pieces):
        return None
    return _join(pieces)


def _classify(text: str, country: str) -> str:
    has_digit = bool(_DIGIT.search(text))
    if _ATTENTION.match(text) or (not has_digit and _ATTENTION_NO_DIGITS.match(text)):
        return "attention"
    if _PO_BOX.search(text) or _PO_BOX_SHORT.search(text):
        return "po_box"
    if _LOCKER.search(text):
        return "locker"
    if _EXTRA_START.match(text):
        return "extra"
    if (
        _POSTCODE_CITY.match(text)
        and len(_DIGIT.findall(text)) <= 5
        and not _has_street_word(text, strict=True)
        and not re.search(r"[0-9]\D+[0-9]", text)
    ):
        return "postcode"
    be = country == "BE"
    if _number_only(text, be=be, french=False) is not None:
        return "number"
    if _addition_only(text, be=be, french=False) is not None:
        return "addition"
    if not has_digit and _COMPANY.search(text):
        return "company"
    if not _HAS_LETTER.search(text):
        return "other"
    return "text"


# --- the whole address -----------------------------------------------------------------------


def _po_box_result(part: _Part, fallback_number: str) -> AddressSplit:
    m = _PO_BOX.search(part.text) or _PO_BOX_SHORT.search(part.text)
    assert m is not None
    number = re.sub(r"[^0-9]", "", m.group("num") or "")[:10] or fallback_number
    return AddressSplit(
        street=_trim_street(m.group("kw")),
        number=number,
        addition="",
        needs_review=True,
        reason=R_PO_BOX,
        is_po_box=True,
    )


def _reason(reasons: list[str]) -> str:
    return "; ".join(dict.fromkeys(r for r in reasons if r))


def _split(lines: tuple[object, ...], country: str) -> AddressSplit:
    cleaned = [_clean(line) for line in lines]
    if any(len(line) > MAX_LINE_LENGTH for line in cleaned):
        first = next(line for line in cleaned if line)
        return AddressSplit(first[:MAX_LINE_LENGTH].strip(), "", "", True, R_TOO_LONG)
    parts: list[_Part] = []
    for index, line in enumerate(cleaned):
        for chunk in _PART_SPLIT.split(line):
            text = _clean(chunk)
            if text:
                parts.append(_Part(text, index, _classify(text, country)))
    if not parts:
        return AddressSplit("", "", "", True, R_EMPTY)
    be = country == "BE"

    for part in parts:
        if part.kind == "text":
            part.parse = _parse_street(part.text, country)
    numbered = [p for p in parts if p.kind == "text" and p.parse is not None]
    plain = [p for p in parts if p.kind == "text" and p.parse is None]
    number_parts = [p for p in parts if p.kind == "number"]
    po_parts = [p for p in parts if p.kind == "po_box"]
    locker_parts = [p for p in parts if p.kind == "locker"]
    reasons: list[str] = []

    main: _Part | None = None
    street = number = addition = ""
    if numbered:
        main = numbered[0]
        distinct = list({p.text.casefold(): p for p in numbered}.values())
        if len(distinct) > 1:
            reasons.append(R_TWO_STREETS)
            with_word = [p for p in distinct if p.parse and _has_street_word(p.parse.street)]
            if with_word and main not in with_word:
                main = with_word[0]
        assert main.parse is not None
        street, number, addition = main.parse.street, main.parse.number, main.parse.addition
        reasons.extend(main.parse.reasons)
        if number_parts:
            reasons.append(R_EXTRA_NUMBER)
        # Comma parts after the number in the same line belong with it.
        for part in parts[parts.index(main) + 1 :]:
            if part.line != main.line:
                break
            if part.kind == "extra":
                addition = f"{addition} {part.text}".strip()
            elif part.kind == "text" and part.parse is None:
                addition = f"{addition} {part.text}".strip()
                reasons.append(R_UNCLEAR)
    elif number_parts and plain:
        num_part = number_parts[0]
        i = parts.index(num_part)
        neighbours = [p for p in (parts[i - 1] if i else None, *parts[i + 1 : i + 2]) if p]
        street_part = next((p for p in neighbours if p in plain), None)
        if street_part is None:
            street_part = plain[0]
            reasons.append(R_UNSURE)
        street = _trim_street(_MARKER.sub("", street_part.text))
        parsed = _number_only(num_part.text, be=be, french=_is_french_street(street))
        assert parsed is not None
        number, pieces = parsed
        addition = _join(pieces)
        if any(p.kind == "digits" and p.sep == "space" for p in pieces):
            reasons.append(R_AMBIGUOUS)
        if len(number_parts) > 1:
            reasons.append(R_EXTRA_NUMBER)
        main = street_part
    elif po_parts:
        fallback = ""
        if number_parts:
            parsed = _number_only(number_parts[0].text, be=be, french=False)
            fallback = parsed[0] if parsed else ""
        return _po_box_result(po_parts[0], fallback)
    elif locker_parts:
        m = _LOCKER.search(locker_parts[0].text)
        assert m is not None
        return AddressSplit(_trim_street(m.group("kw")), m.group("num") or "", "", True, R_LOCKER)
    elif plain:
        chosen = next((p for p in plain if _has_street_word(p.text)), plain[0])
        street = chosen.text
        if sn := _SN.search(street):
            addition = sn.group("sn")
            street = _trim_street(street[: sn.start()])
            reasons.append(R_SN)
        else:
            reasons.append(R_NO_NUMBER)
        return AddressSplit(street, "", addition, True, _reason(reasons))
    elif number_parts:
        parsed = _number_only(number_parts[0].text, be=be, french=False)
        number, pieces = parsed if parsed else ("", [])
        return AddressSplit("", number, _join(pieces), True, R_NO_STREET)
    else:
        # Only details (floor, contact, company): try them anyway, but never unflagged.
        extra = next((p for p in parts if p.kind == "extra"), None)
        if extra is not None:
            parsed_extra = _parse_street(extra.text, country)
            if parsed_extra is not None:
                return AddressSplit(
                    parsed_extra.street,
                    parsed_extra.number,
                    parsed_extra.addition,
                    True,
                    R_ONLY_DETAILS,
                )
            return AddressSplit(extra.text, "", "", True, R_ONLY_DETAILS)
        details = any(p.kind in ("attention", "company") for p in parts)
        return AddressSplit("", "", "", True, R_ONLY_DETAILS if details else R_NO_STREET)

    # Line-2/3 parts (or comma parts) that are nothing but an official number part.
    for part in parts:
        if part.kind == "addition":
            extra_add = _addition_only(part.text, be=be, french=_is_french_street(street))
            if extra_add:
                addition = f"{addition} {extra_add}".strip()
    if po_parts or locker_parts:
        reasons.append(R_STREET_AND_PO)
    return AddressSplit(street, number, addition, bool(reasons), _reason(reasons))


def _rejoin(split: AddressSplit) -> str:
    if not split.addition:
        return f"{split.street} {split.number}"
    joiner = "-" if split.addition[0].isdigit() else " "
    return f"{split.street} {split.number}{joiner}{split.addition}"


def split_address(
    line1: str, line2: str | None = None, line3: str | None = None, *, country: str = "NL"
) -> AddressSplit:
    """Split Amazon address lines into street, house number and addition (see module doc)."""
    cc = _clean(country).upper() if isinstance(country, str) else ""
    lines = (line1, line2, line3)
    unseen = [u for line in lines if isinstance(line, str) for u in unseen_characters(line)]
    if unseen:  # split what a person can read, and have it checked
        cleaned = tuple(without_unseen(line) if isinstance(line, str) else line for line in lines)
        result = _split(cleaned, cc)
        reason = f"{R_UNSEEN} ({' '.join(dict.fromkeys(unseen))})"
        reasons = "; ".join(r for r in (reason, result.reason) if r)
        return replace(result, needs_review=True, reason=reasons)
    result = _split(lines, cc)
    if result.needs_review:
        return result
    # Self-check: the canonical form of an unflagged split must split the same way.
    again = _split((_rejoin(result),), cc)
    if again.needs_review or (again.street, again.number, again.addition) != (
        result.street,
        result.number,
        result.addition,
    ):
        return AddressSplit(result.street, result.number, result.addition, True, R_UNSURE)
    return result

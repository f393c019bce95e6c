"""User-facing wording for codes that come from the layers below (which hold no Qt).

Everything here goes through Qt's translation system, in the "Texts" context.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Texts", text)


def status_name(status: str) -> str:
    names = {
        "PENDING_AVAILABILITY": _t("Pre-order"),
        "PENDING": _t("Awaiting payment"),
        "UNSHIPPED": _t("To ship"),
        "PARTIALLY_SHIPPED": _t("Partly shipped"),
        "SHIPPED": _t("Shipped"),
        "CANCELLED": _t("Cancelled"),
        "UNFULFILLABLE": _t("Unfulfillable"),
    }
    return names.get(status, _t("Unknown"))


def label_state_name(state: str) -> str:
    names = {
        "draft": _t("Draft"),
        "needs_review": _t("Needs review"),
        "created": _t("Created"),
        "printed": _t("Printed"),
        "shipped": _t("Shipped"),
        "error": _t("Error"),
        "cancelled": _t("Cancelled"),
    }
    return names.get(state, state)


def problem_text(code: str) -> str:
    texts = {
        "no_address": _t("No delivery address yet: Amazon shares it once the order is paid."),
        "no_items": _t("The order has no items."),
        "unknown_marketplace": _t("Unknown marketplace: check the order in Seller Central."),
        "unknown_status": _t("Amazon reported a status ShipDesk does not know."),
    }
    return texts.get(code, code)


def connection_error_text(code: str, fallback: str) -> str:
    """Why the Amazon connection needs attention, and what to do next."""
    texts = {
        "state_expired": _t(
            "The consent was not finished within 10 minutes. Click “Connect again” and "
            "confirm in Seller Central."
        ),
        "state_unknown": _t(
            "Amazon returned an unknown or already used connection link. Click “Connect again”."
        ),
        "code_rejected": _t(
            "Amazon did not accept the authorization (it expired or was used twice). Click "
            "“Connect again”."
        ),
        "amazon_unavailable": _t(
            "Amazon could not be reached while connecting. Click “Connect again” in a moment."
        ),
        "consent_failed": _t("The connection was not completed. Click “Connect again”."),
        "bad_request": _t("Amazon's answer was incomplete. Click “Connect again”."),
    }
    return texts.get(code) or amazon_error_text(code, fallback)


def amazon_error_text(code: str, fallback: str) -> str:
    """A sentence that says what happened and what to do; falls back to the English detail."""
    texts = {
        "authorization_revoked": _t(
            "Amazon no longer accepts ShipDesk's access: it was revoked in Seller Central or "
            "has expired. Connect Amazon again in the Connections tab."
        ),
        "invalid_client": _t(
            "Amazon rejected the LWA client id or client secret. Check them in Seller Central "
            "(Develop Apps) and enter them again."
        ),
        "access_denied": _t(
            "Amazon denied access. Check in Seller Central that ShipDesk is still authorized "
            "and has the Direct-to-Consumer Shipping role."
        ),
        "not_connected": _t("Amazon is not connected yet. Connect it in the Connections tab."),
        "rate_limited": _t(
            "Amazon is limiting requests right now. ShipDesk tries again automatically later."
        ),
        "unavailable": _t(
            "Amazon could not be reached or answered with errors. ShipDesk tries again "
            "automatically; check the internet connection if this persists."
        ),
        "request_rejected": _t("Amazon rejected the request: %1"),
        "broker_unavailable": _t(
            "ShipDesk's connection service cannot be reached. Check the internet connection; "
            "ShipDesk tries again automatically."
        ),
        "installation_rejected": _t(
            "ShipDesk's connection service no longer recognises this computer. Click "
            "“Connect again”."
        ),
        "broker_error": _t("ShipDesk's connection service refused the request: %1"),
        "keychain_unavailable": _t(
            "The system keychain is not available, so ShipDesk cannot read or store the "
            "connection secrets. Details: %1"
        ),
    }
    text = texts.get(code)
    if text is None:
        return fallback
    return text.replace("%1", fallback)


def carrier_error_text(code: str, fallback: str) -> str:
    texts = {
        "carrier_auth": _t(
            "DHL refused the user id or API key. Check them in My DHL Portal (Settings → API "
            "keys), or make a new key."
        ),
        "carrier_unavailable": _t(
            "DHL could not be reached or answered with errors. Check the internet connection "
            "and try again."
        ),
        "carrier_not_connected": _t("Connect DHL Parcel NL in the Connections tab first."),
        "carrier_rejected": _t("DHL refused the request: %1"),
    }
    text = texts.get(code)
    return fallback if text is None else text.replace("%1", fallback)


def option_name(key: str, fallback: str = "") -> str:
    """DHL option keys in the shop owner's words (DHL's own description as fallback)."""
    names = {
        "DOOR": _t("Home delivery"),
        "BP": _t("Mailbox parcel"),
        "PS": _t("DHL ServicePoint"),
        "EVE": _t("Evening delivery"),
        "S": _t("Saturday delivery"),
        "EXP": _t("Delivery before 11:00"),
        "SDD": _t("DHL Vandaag (same day)"),
        "NBB": _t("No delivery at neighbours"),
        "HANDT": _t("Signature on delivery"),
        "AGE_CHECK": _t("Age check 18+"),
        "INS": _t("Insurance"),
        "REFERENCE": _t("Reference"),
        "REFERENCE2": _t("Reference (Amazon order number)"),
        "PERS_NOTE": _t("Personal note in the track & trace e-mail"),
        "SSN": _t("Hide sender"),
        "ADD_RETURN_LABEL": _t("Return label"),
    }
    return names.get(key) or fallback or key


def parcel_type_name(key: str) -> str:
    names = {
        "ENVELOPE": _t("Envelope"),
        "XSMALL": _t("Extra small (mailbox size)"),
        "SMALL": _t("Small"),
        "MEDIUM": _t("Medium"),
        "LARGE": _t("Large"),
        "XLARGE": _t("Extra large"),
        "BULKY": _t("Bulky"),
        "PALLET": _t("Pallet"),
        "ROLL": _t("Roll"),
    }
    return names.get(key, key)


def field_name(key: str) -> str:
    names = {
        "first_name": _t("first name"),
        "last_name": _t("last name"),
        "company_name": _t("company name"),
        "street": _t("street"),
        "number": _t("house number"),
        "addition": _t("addition"),
        "postal_code": _t("postcode"),
        "city": _t("city"),
        "name": _t("name"),
        "country_code": _t("country"),
        "number_digits": _t("house number (digits only)"),
    }
    return names.get(key, key)


def weekday_name(index: int) -> str:
    return (
        _t("Monday"),
        _t("Tuesday"),
        _t("Wednesday"),
        _t("Thursday"),
        _t("Friday"),
        _t("Saturday"),
        _t("Sunday"),
    )[index]


# The address splitter's reasons (English in the domain layer), for translation by source text.
SPLIT_REASONS = (
    QT_TRANSLATE_NOOP("AddressSplit", "Address is empty"),
    QT_TRANSLATE_NOOP("AddressSplit", "No house number found"),
    QT_TRANSLATE_NOOP("AddressSplit", "No street name found"),
    QT_TRANSLATE_NOOP("AddressSplit", "PO box: carriers need a street address"),
    QT_TRANSLATE_NOOP(
        "AddressSplit",
        "Parcel locker or post office address: check that the carrier delivers there",
    ),
    QT_TRANSLATE_NOOP("AddressSplit", "Address has both a street and a PO box"),
    QT_TRANSLATE_NOOP("AddressSplit", "More than one number could be the house number"),
    QT_TRANSLATE_NOOP("AddressSplit", "The number could be part of the street name"),
    QT_TRANSLATE_NOOP("AddressSplit", "The house number is written before the street name"),
    QT_TRANSLATE_NOOP("AddressSplit", "Unclear text after the house number"),
    QT_TRANSLATE_NOOP("AddressSplit", "The address says it has no house number"),
    QT_TRANSLATE_NOOP("AddressSplit", "More than one line looks like a street address"),
    QT_TRANSLATE_NOOP("AddressSplit", "A separate number may belong to the house number"),
    QT_TRANSLATE_NOOP("AddressSplit", "Only floor, apartment or contact details found, no street"),
    QT_TRANSLATE_NOOP(
        "AddressSplit", "Street and house number could not be separated with certainty"
    ),
    QT_TRANSLATE_NOOP("AddressSplit", "Address line is too long to split automatically"),
)


def notice_text(code: str, option: str | None = None, detail: str = "") -> str:
    """A draft's warning or review reason, or a settings problem, in words."""
    name = option_name(option or "")
    if code == "address_split":
        return _t("Check the address: %1").replace(
            "%1", QCoreApplication.translate("AddressSplit", detail)
        )
    if code == "parcel_type_unavailable" and ">" in detail:
        wanted, used = detail.split(">", 1)
        return (
            _t("%1 is not possible to this destination; %2 is used.")
            .replace("%1", parcel_type_name(wanted))
            .replace("%2", parcel_type_name(used))
        )
    texts = {
        "no_address": _t("Amazon has not shared the delivery address yet."),
        "destination_not_served": _t("The carrier does not deliver to %2 with this contract."),
        "default_service_impossible": _t("%1 is not possible for this destination."),
        "default_services_conflict": _t("%1 cannot be combined with %3."),
        "same_day_excluded_by_default": _t(
            "DHL Vandaag cannot be combined with the default service %3."
        ),
        "input_missing": _t("%1 needs a value."),
        "input_invalid": _t("%1: the value is not a number."),
        "input_out_of_range": _t("%1: the value is out of range."),
        "input_too_long": _t("%1: the text is too long."),
        "too_long": _t("The %4 is longer than the carrier's %2 characters."),
        "missing": _t("The %4 is missing."),
        "window_order": _t("DHL Vandaag on %5: the window must start before it ends."),
        "both_times_needed": _t("DHL Vandaag on %5: give both a start and an end time."),
        "not_digits": _t("The %4 may hold digits only; put letters in the addition."),
        "pieces_out_of_range": _t("A label has 1 to 10 parcels."),
        "parcel_type_impossible": _t("This size is not possible to this destination."),
        "weight_out_of_range": _t("The weight must be at most %2 kg for this size."),
    }
    text = texts.get(code, code)
    other = (
        option_name(detail)
        if code in ("default_services_conflict", "same_day_excluded_by_default")
        else detail
    )
    day = ""
    if detail in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        day = weekday_name(("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(detail))
    return (
        text.replace("%1", name)
        .replace("%2", detail)
        .replace("%3", other)
        .replace("%4", field_name(option or ""))
        .replace("%5", day)
    )


def option_short_name(key: str) -> str:
    """Compact names for the Orders list's Options column."""
    names = {
        "DOOR": _t("Home"),
        "BP": _t("Mailbox"),
        "PS": _t("ServicePoint"),
        "EVE": _t("Evening"),
        "S": _t("Saturday"),
        "EXP": _t("Before 11"),
        "SDD": _t("Same day"),
        "NBB": _t("No neighbours"),
        "HANDT": _t("Signature"),
        "AGE_CHECK": _t("18+"),
        "INS": _t("Insured"),
        "PERS_NOTE": _t("Note"),
        "SSN": _t("Hide sender"),
        "ADD_RETURN_LABEL": _t("Return label"),
    }
    return names.get(key, key)


def upload_state_name(state: str) -> str:
    names = {
        "pending": _t("tracking to Amazon"),
        "done": _t("tracking sent"),
        "needs_attention": _t("tracking refused"),
    }
    return names.get(state, state)


def upload_problem_text(error: str) -> str:
    return _t("Amazon refused the tracking number: %1").replace("%1", error)


def print_error_text(code: str, fallback: str) -> str:
    texts = {
        "no_printer": _t("Choose a printer first: Orders tab → Printers…"),
        "printer_unknown": _t(
            "The printer is not there any more (switched off, unplugged or renamed). Check it, "
            "or choose another one under Printers…. The labels are kept; print them again."
        ),
        "page_size_unsupported": _t(
            "The printer does not accept this paper size: %1 The labels are kept."
        ),
        "printer_error": _t("Printing failed: %1 The labels are kept; print them again."),
        "nothing_to_print": _t("Nothing to print: %1"),
        "raw_unsupported": _t(
            "This computer cannot send ZPL straight to a printer: %1 Choose PDF labels instead."
        ),
    }
    text = texts.get(code)
    return fallback if text is None else text.replace("%1", fallback)

"""User-facing wording for codes that come from the layers below (which hold no Qt).

Everything here goes through Qt's translation system, in the "Texts" context.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from shipdesk.services import errors
from shipdesk.services.carrier_names import carrier_portal, carrier_short_name
from shipdesk.services.shipping_settings import WEEKDAYS
from shipdesk.ui import carrier_texts
from shipdesk.ui.carrier_texts import option_name as option_name
from shipdesk.ui.carrier_texts import option_short_name as option_short_name

# Written out as translate("Texts", "…") at each text so that lupdate finds them.
translate = QCoreApplication.translate


def status_name(status: str) -> str:
    names = {
        "PENDING_AVAILABILITY": translate("Texts", "Pre-order"),
        "PENDING": translate("Texts", "Awaiting payment"),
        "UNSHIPPED": translate("Texts", "To ship"),
        "PARTIALLY_SHIPPED": translate("Texts", "Partly shipped"),
        "SHIPPED": translate("Texts", "Shipped"),
        "CANCELLED": translate("Texts", "Cancelled"),
        "UNFULFILLABLE": translate("Texts", "Unfulfillable"),
    }
    return names.get(status, translate("Texts", "Unknown"))


def label_state_name(state: str) -> str:
    names = {
        "draft": translate("Texts", "Draft"),
        "needs_review": translate("Texts", "Needs review"),
        "created": translate("Texts", "Created"),
        "printed": translate("Texts", "Printed"),
        "shipped": translate("Texts", "Shipped"),
        "error": translate("Texts", "Error"),
        "unclear": translate("Texts", "Check at the carrier"),
        "cancelled": translate("Texts", "Cancelled"),
    }
    return names.get(state, state)


def problem_text(code: str) -> str:
    texts = {
        "no_address": translate(
            "Texts", "No delivery address yet: Amazon shares it once the order is paid."
        ),
        "no_items": translate(
            "Texts", "The order has no items: no label is made. Check it in Seller Central."
        ),
        "invalid_quantity": translate(
            "Texts",
            "Amazon sent a quantity ShipDesk cannot read: no label is made. Check the order in "
            "Seller Central.",
        ),
        "unknown_marketplace": translate(
            "Texts", "Unknown marketplace: check the order in Seller Central."
        ),
        "unknown_status": translate("Texts", "Amazon reported a status ShipDesk does not know."),
    }
    return texts.get(code, code)


def connection_error_text(code: str, fallback: str) -> str:
    """Why the Amazon connection needs attention, and what to do next."""
    texts = {
        "state_expired": translate(
            "Texts",
            "The consent was not finished within 10 minutes. Click “Connect again” and "
            "confirm in Seller Central.",
        ),
        "state_unknown": translate(
            "Texts",
            "Amazon returned an unknown or already used connection link. Click “Connect again”.",
        ),
        "code_rejected": translate(
            "Texts",
            "Amazon did not accept the authorization (it expired or was used twice). Click "
            "“Connect again”.",
        ),
        "amazon_unavailable": translate(
            "Texts",
            "Amazon could not be reached while connecting. Click “Connect again” in a moment.",
        ),
        "consent_failed": translate(
            "Texts", "The connection was not completed. Click “Connect again”."
        ),
        "bad_request": translate("Texts", "Amazon's answer was incomplete. Click “Connect again”."),
        "consent_expired": translate(
            "Texts",
            "The connection was not completed in time (10 minutes), or a wrong code was typed "
            "too often. Click “Connect again”.",
        ),
        "consent_interrupted": translate(
            "Texts",
            "Amazon's consent came back after the ShipDesk that asked for it had closed. Click "
            "“Connect again” and keep ShipDesk open until it says connected.",
        ),
        "broker_credentials_unreadable": translate(
            "Texts",
            "ShipDesk's connection service cannot read its stored Amazon authorization. This is "
            "a fault on ShipDesk's side, not your internet connection: click “Connect again”.",
        ),
        "consent_declined": translate(
            "Texts",
            "The consent was declined in Seller Central, so ShipDesk has no access. Click "
            "“Connect again” and confirm to connect.",
        ),
        # Said on the Connections tab itself: what to click here, not where to go.
        "authorization_revoked": translate(
            "Texts",
            "Amazon no longer accepts ShipDesk's access: it was revoked in Seller Central or "
            "has expired. Click “Connect again”.",
        ),
    }
    return texts.get(code) or amazon_error_text(code, fallback)


def amazon_error_text(code: str, fallback: str) -> str:
    """A sentence that says what happened and what to do; falls back to the English detail."""
    texts = {
        "authorization_revoked": translate(
            "Texts",
            "Amazon no longer accepts ShipDesk's access: it was revoked in Seller Central or "
            "has expired. Connect Amazon again in the Connections tab.",
        ),
        "invalid_client": translate(
            "Texts",
            "Amazon rejected the LWA client id or client secret. Check them in Seller Central "
            "(Develop Apps) and enter them again.",
        ),
        "access_denied": translate(
            "Texts",
            "Amazon denied access. Check in Seller Central that ShipDesk is still authorized "
            "and has the Direct-to-Consumer Shipping role.",
        ),
        "not_connected": translate(
            "Texts", "Amazon is not connected yet. Connect it in the Connections tab."
        ),
        "broker_credentials_unreadable": translate(
            "Texts",
            "ShipDesk's connection service cannot read its stored Amazon authorization. This is "
            "a fault on ShipDesk's side, not your internet connection: connect Amazon again in "
            "the Connections tab.",
        ),
        "invalid_completion_code": translate(
            "Texts",
            "That code is not right. Type the code Amazon's page showed after you confirmed "
            "(after five wrong codes, start connecting again).",
        ),
        "consent_expired": translate(
            "Texts",
            "This connection can no longer be completed (10 minutes passed, or too many wrong "
            "codes). Click “Connect again”.",
        ),
        "consent_not_given": translate(
            "Texts",
            "Amazon has not had your consent yet: confirm on Amazon's page first, then type "
            "the code it shows.",
        ),
        "rate_limited": translate(
            "Texts",
            "Amazon is limiting requests right now. ShipDesk tries again automatically later.",
        ),
        "unavailable": translate(
            "Texts",
            "Amazon could not be reached or answered with errors. ShipDesk tries again "
            "automatically; check the internet connection if this persists.",
        ),
        "request_rejected": translate("Texts", "Amazon rejected the request: %1"),
        "broker_unavailable": translate(
            "Texts",
            "ShipDesk's connection service cannot be reached. Check the internet connection; "
            "ShipDesk tries again automatically.",
        ),
        "installation_rejected": translate(
            "Texts",
            "ShipDesk's connection service no longer recognises this computer. Click "
            "“Connect again”.",
        ),
        "broker_error": translate("Texts", "ShipDesk's connection service refused the request: %1"),
        "unexpected_consent_url": translate(
            "Texts",
            "ShipDesk's connection service sent a link that does not lead to Amazon Seller "
            "Central, so it was not opened. Contact ShipDesk support.",
        ),
        "keychain_unavailable": translate(
            "Texts",
            "The system keychain is not available, so ShipDesk cannot read or store the "
            "connection secrets. Details: %1",
        ),
    }
    text = texts.get(code)
    if text is None:
        return fallback
    return text.replace("%1", fallback)


def refusal_text(refusal: dict, carrier: str = "") -> str:
    """One thing the carrier refused, in the owner's words (the carrier's own are details)."""
    who = carrier or translate("Texts", "The carrier")
    field = refusal.get("field", "")
    reason = refusal.get("reason", "other")
    limit = refusal.get("limit", "")
    if reason == "not_served":
        return translate("Texts", "%1 does not deliver to this country.").replace("%1", who)
    if reason == "not_allowed" or field == "option":
        return translate("Texts", "%1 does not allow one of the chosen options here.").replace(
            "%1", who
        )
    if not field:
        return translate("Texts", "%1 refused the label.").replace("%1", who)
    if reason == "too_heavy" and limit:
        text = translate("Texts", "%1 refused the %2: a parcel may weigh at most %3 kg.")
    elif reason == "too_long" and limit:
        text = translate("Texts", "%1 refused the %2: it is longer than %3 characters.")
    elif reason == "too_long":
        text = translate("Texts", "%1 refused the %2: it is too long.")
    elif reason == "missing":
        text = translate("Texts", "%1 needs the %2: it is empty.")
    elif reason == "not_digits":
        text = translate("Texts", "%1 refused the %2: it may hold digits only.")
    elif reason == "invalid":
        text = translate("Texts", "%1 refused the %2: it is not valid.")
    else:
        text = translate("Texts", "%1 refused the %2.")
    return text.replace("%1", who).replace("%2", field_name(field)).replace("%3", limit)


# Labels refused by earlier versions stored their message with this prefix: not twice.
_OLD_PREFIX = re.compile(r"^\w+ refused the request: ")


def carrier_details_text(message: str) -> str:
    """The carrier's own words, marked as theirs."""
    return translate("Texts", "In the carrier's words: %1").replace(
        "%1", _OLD_PREFIX.sub("", message)
    )


def carrier_error_text(
    code: str, fallback: str, refusals: Sequence[dict] = (), carrier: str = ""
) -> str:
    """A label's failure in the owner's words (`carrier`: its registry key); a refusal the
    carrier explained field by field is worded per field (its own text is for the details:
    carrier_details_text)."""
    who = carrier_short_name(carrier) or translate("Texts", "The carrier")
    if code == "carrier_rejected" and refusals:
        return " ".join(dict.fromkeys(refusal_text(r, who) for r in refusals))
    texts = {
        "carrier_auth": carrier_texts.auth_refused_text(carrier),
        "carrier_unavailable": translate(
            "Texts",
            "%2 could not be reached or answered with errors. Check the internet connection "
            "and try again.",
        ),
        "carrier_unclear": translate(
            "Texts",
            "%2 may have made this label, but its answer was lost and the label is not found "
            "by the order number. Check in %3 whether it is there, then make the label again "
            "or mark it as made.",
        ),
        "carrier_not_connected": translate("Texts", "Connect %2 in the Connections tab first."),
        "carrier_subscription": translate(
            "Texts",
            "%2 asks for a subscription key that ShipDesk does not have (or one that is not "
            "valid). Ask your %2 account manager for the key and enter it in the Connections "
            "tab.",
        ),
        "carrier_rate_limited": translate(
            "Texts", "%2 is receiving too many requests just now. Try again in a minute."
        ),
        "carrier_document_gone": translate(
            "Texts",
            "%2 gives a label's document only when the label is made, and ShipDesk has no copy "
            "of this one. Print it from %3, or void the label and make it again.",
        ),
        "carrier_replaced": translate(
            "Texts",
            "%2's answer was lost, so the label it made was deleted there (its document cannot "
            "be had again). Make the label again.",
        ),
        "carrier_rejected": translate("Texts", "%2 refused the request: %1"),
        "no_sender": no_sender_text(),
        "superseded": translate("Texts", "The label was edited while %2 made it; create it again."),
        "order_items_unreadable": translate(
            "Texts",
            "The order's items could not be read, so no label is made. Check the order in "
            "Seller Central.",
        ),
        "buyer_data_erased": translate(
            "Texts",
            "The buyer's name and address of this order were erased (30 days after delivery, "
            "or at Amazon's request), so its label can no longer be made, shown or printed.",
        ),
    }
    fallback = _OLD_PREFIX.sub("", fallback)
    text = texts.get(code)
    if text is None:
        return fallback
    portal = carrier_portal(carrier) or translate("Texts", "the carrier's portal")
    return text.replace("%1", fallback).replace("%2", who).replace("%3", portal)


def draft_not_made_text(drafts) -> str:
    """Why a label could not be made by hand (`drafts` is the DraftResult of the attempt)."""
    if drafts.skipped_reason == "no_carrier":
        return translate(
            "Texts", "No label was made: connect a carrier in the Connections tab first."
        )
    if drafts.skipped_reason == "failed":
        return translate("Texts", "No label was made: %1").replace(
            "%1", sentence(" ".join(drafts.problems))
        )
    if drafts.unchecked:
        return translate(
            "Texts",
            "No label was made: the carrier could not be reached to check the address. Try "
            "again in a moment.",
        )
    return translate(
        "Texts",
        "No label can be made for this order: it is not waiting to be shipped, or its items "
        "could not be read.",
    )


def data_problem_text(code: str, folder: str, backup: str = "") -> str:
    """Why ShipDesk cannot use its data folder, and what to do (never "restore a backup" for
    a full disk or a folder it may not write: that would lose data). `backup`: the newest
    copy that reads back whole, for a damaged file."""
    if code == "damaged" and backup:
        return (
            translate(
                "Texts",
                "ShipDesk's data file in %1 is damaged. Close ShipDesk, delete "
                "shipdesk.sqlite3-wal and shipdesk.sqlite3-shm there if you see them, and put "
                "the newest good copy, %2, in its place (renamed to shipdesk.sqlite3).",
            )
            .replace("%2", backup)
            .replace("%1", folder)
        )
    texts = {
        "disk_full": translate(
            "Texts",
            "The disk that holds ShipDesk's data is full (%1). Free some space on it and try "
            "again: nothing was lost.",
        ),
        "read_only": translate(
            "Texts",
            "ShipDesk may not write to its data folder %1. Check that your account may write "
            "there and that it is not on a read-only disk, or start ShipDesk with another data "
            "folder.",
        ),
        "damaged": translate(
            "Texts",
            "ShipDesk's data file in %1 is damaged. Close ShipDesk and put the newest copy from "
            "the backups folder in its place; the details say which one.",
        ),
        "damaged_no_backup": translate(
            "Texts",
            "ShipDesk's data file in %1 is damaged, and there is no good copy of it in the "
            "backups folder. Keep the file (support may rescue it) and start ShipDesk with a new "
            "data folder to go on working.",
        ),
        "newer_version": translate(
            "Texts",
            "ShipDesk's data in %1 was last used by a newer version of ShipDesk than this one. "
            "Install the newest version again and start that one; nothing was changed.",
        ),
        "busy": translate(
            "Texts",
            "ShipDesk's data file in %1 is in use by another program. Close it and try again.",
        ),
        "not_a_folder": translate(
            "Texts",
            "ShipDesk's data folder %1 is a file, not a folder. Start ShipDesk with another "
            "data folder, or move that file away.",
        ),
    }
    text = texts.get(code) or translate(
        "Texts",
        "ShipDesk could not read or write its data in %1. Check the disk (or the network "
        "drive) and try again; the details say more.",
    )
    return text.replace("%1", folder)


def cannot_start_text(code: str, subject: str, backup: str = "") -> str:
    """Why the window cannot open: the data folder's problems, a second ShipDesk on the same
    folder that does not answer, or an endpoint variable that is refused (`subject` names the
    folder, or the variable)."""
    if code == "not_answering":
        return translate(
            "Texts",
            "ShipDesk is already open for the data folder %1, but it does not answer. Wait a "
            "moment, or close that ShipDesk, then start it again.",
        ).replace("%1", subject)
    if code == "endpoint_refused":
        return translate(
            "Texts",
            "ShipDesk was started with %1 set to an address it does not send your data to: only "
            "https addresses are allowed (plain http only on this computer), without a name, "
            "password or ?query. Correct or remove %1, then start ShipDesk again.",
        ).replace("%1", subject)
    return data_problem_text(code, subject, backup)


def sentence(words: str) -> str:
    """Someone else's words as a sentence, so that ours can follow them."""
    words = words.strip()
    return words if not words or words[-1] in ".!?…" else words + "."


def no_sender_text() -> str:
    return translate("Texts", "Add a sender address in the Shipping Options tab (setting 1) first.")


def error_text(error: BaseException) -> str:
    """Any error the window shows, in the owner's words; the outside party's own words (a
    carrier's or printer's reason) stay as they were said."""
    if errors.is_print_error(error):
        text = print_error_text(error.code, error.message)
        for missing in getattr(error, "not_printed", ()):
            text += " " + not_printed_text(missing.order_id, missing.code)
        return text
    if errors.is_carrier_error(error) and error.code.startswith("return_"):
        return return_error_text(error, error.service)
    if errors.is_carrier_error(error):
        refusals = [r.to_json() for r in getattr(error, "refusals", ())]
        return carrier_error_text(error.code, str(error), refusals, error.service)
    if errors.is_amazon_error(error):
        return amazon_error_text(error.code, str(error))
    if errors.is_keychain_unavailable(error):
        return amazon_error_text("keychain_unavailable", str(error))
    problem = errors.as_database_error(error, None)
    if problem is not None:
        folder = str(problem.path.parent) if problem.path else ""
        folder = folder or translate("Texts", "its data folder")
        return data_problem_text(problem.code, folder, str(problem.backup or ""))
    return translate("Texts", "Something went wrong: %1").replace("%1", str(error) or repr(error))


def option_code_hint(key: str) -> str:
    """The carrier's own code, for talking to its support (its description is often English)."""
    return translate("Texts", "Carrier option code: %1").replace("%1", key)


def parcel_type_name(key: str) -> str:
    names = {
        "ENVELOPE": translate("Texts", "Envelope"),
        "XSMALL": translate("Texts", "Extra small (mailbox size)"),
        "SMALL": translate("Texts", "Small"),
        "MEDIUM": translate("Texts", "Medium"),
        "LARGE": translate("Texts", "Large"),
        "XLARGE": translate("Texts", "Extra large"),
        "BULKY": translate("Texts", "Bulky"),
        "PALLET": translate("Texts", "Pallet"),
        "PARCEL": translate("Texts", "Parcel"),
        "ROLL": translate("Texts", "Roll"),
    }
    return names.get(key, key)


def field_name(key: str) -> str:
    if key.startswith("sender_"):
        return translate("Texts", "sender's %1").replace("%1", field_name(key[7:]))
    names = {
        "first_name": translate("Texts", "first name"),
        "last_name": translate("Texts", "last name"),
        "company_name": translate("Texts", "company name"),
        "street": translate("Texts", "street"),
        "number": translate("Texts", "house number"),
        "addition": translate("Texts", "addition"),
        "postal_code": translate("Texts", "postcode"),
        "city": translate("Texts", "city"),
        "name": translate("Texts", "name"),
        "full_name": translate("Texts", "name (first and last name together)"),
        "reference": translate("Texts", "order reference"),
        "country_code": translate("Texts", "country"),
        "number_digits": translate("Texts", "house number (digits only)"),
        "phone": translate("Texts", "phone number"),
        "email": translate("Texts", "e-mail address"),
        "is_business": translate("Texts", "business address setting"),
        "weight": translate("Texts", "weight"),
        "parcel_type": translate("Texts", "parcel size"),
        "pieces": translate("Texts", "number of parcels"),
    }
    return names.get(key, key)


def address_invalid_text(field: str, reason: str) -> str:
    """Why a sender address field cannot go on a label as given (SenderAddress.invalid)."""
    texts = {
        "control_characters": translate(
            "Texts", "The %1 holds characters nobody can see (such as a direction mark)."
        ),
        "unknown_country": translate(
            "Texts", "The country is not a country code: two letters, such as NL or BE."
        ),
        "postal_code_format": translate(
            "Texts", "The postcode is not written the way the post of that country writes it."
        ),
        "number_zero": translate("Texts", "The house number cannot be 0."),
        "email_format": translate("Texts", "The e-mail address is not one."),
        "phone_format": translate(
            "Texts", "The phone number may hold digits, spaces and + ( ) - / . only."
        ),
    }
    return texts.get(reason, texts["control_characters"]).replace("%1", field_name(field))


def country_name(code: str) -> str:
    """A destination's name for messages; the code stays alongside so it matches the label."""
    names = {
        "AT": translate("Texts", "Austria"),
        "BE": translate("Texts", "Belgium"),
        "BG": translate("Texts", "Bulgaria"),
        "CH": translate("Texts", "Switzerland"),
        "CY": translate("Texts", "Cyprus"),
        "CZ": translate("Texts", "Czechia"),
        "DE": translate("Texts", "Germany"),
        "DK": translate("Texts", "Denmark"),
        "EE": translate("Texts", "Estonia"),
        "ES": translate("Texts", "Spain"),
        "FI": translate("Texts", "Finland"),
        "FR": translate("Texts", "France"),
        "GB": translate("Texts", "the United Kingdom"),
        "GR": translate("Texts", "Greece"),
        "HR": translate("Texts", "Croatia"),
        "HU": translate("Texts", "Hungary"),
        "IE": translate("Texts", "Ireland"),
        "IS": translate("Texts", "Iceland"),
        "IT": translate("Texts", "Italy"),
        "LI": translate("Texts", "Liechtenstein"),
        "LT": translate("Texts", "Lithuania"),
        "LU": translate("Texts", "Luxembourg"),
        "LV": translate("Texts", "Latvia"),
        "MT": translate("Texts", "Malta"),
        "NL": translate("Texts", "the Netherlands"),
        "NO": translate("Texts", "Norway"),
        "PL": translate("Texts", "Poland"),
        "PT": translate("Texts", "Portugal"),
        "RO": translate("Texts", "Romania"),
        "SE": translate("Texts", "Sweden"),
        "SI": translate("Texts", "Slovenia"),
        "SK": translate("Texts", "Slovakia"),
        "TR": translate("Texts", "Turkey"),
        "US": translate("Texts", "the United States"),
    }
    code = (code or "").upper()
    name = names.get(code)
    return f"{name} ({code})" if name else code


def weekday_name(index: int) -> str:
    return (
        translate("Texts", "Monday"),
        translate("Texts", "Tuesday"),
        translate("Texts", "Wednesday"),
        translate("Texts", "Thursday"),
        translate("Texts", "Friday"),
        translate("Texts", "Saturday"),
        translate("Texts", "Sunday"),
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


def notice_text(code: str, option: str | None = None, detail: str = "", carrier: str = "") -> str:
    """A draft's warning or review reason, or a settings problem, in words (`carrier`: the
    registry key of the carrier it is about, where the words name it)."""
    name = option_name(option or "")
    if code == "address_split":
        return translate("Texts", "Check the address: %1").replace(
            "%1", QCoreApplication.translate("AddressSplit", detail)
        )
    if code == "parcel_type_unavailable" and ">" in detail:
        wanted, used = detail.split(">", 1)
        return (
            translate("Texts", "%1 is not possible to this destination; %2 is used.")
            .replace("%1", parcel_type_name(wanted))
            .replace("%2", parcel_type_name(used))
        )
    texts = {
        "no_address": translate("Texts", "Amazon has not shared the delivery address yet."),
        "destination_refused": translate(
            "Texts", "%6 refused to check this address: %2 Correct the address and save."
        ),
        "destination_not_served": translate(
            "Texts", "The carrier does not deliver to %2 with this contract."
        ),
        "default_service_impossible": translate(
            "Texts", "This destination does not offer “%1”: the label goes without it."
        ),
        "default_services_conflict": translate("Texts", "%1 cannot be combined with %3."),
        "same_day_excluded_by_default": translate(
            "Texts", "%7 cannot be combined with the default service %3."
        ),
        "input_missing": translate("Texts", "%1 needs a value."),
        "input_invalid": translate("Texts", "%1: the value is not a number."),
        "input_out_of_range": translate("Texts", "%1: the value is out of range."),
        "input_too_long": translate("Texts", "%1: the text is too long."),
        "too_long": translate("Texts", "The %4 is longer than the carrier's %2 characters."),
        "control_characters": translate(
            "Texts",
            "The %4 holds characters that cannot be seen on a label (%2): retype it without them.",
        ),
        "missing": translate("Texts", "The %4 is missing."),
        "window_order": translate("Texts", "%7 on %5: the window must start before it ends."),
        "both_times_needed": translate("Texts", "%7 on %5: give both a start and an end time."),
        "not_digits": translate(
            "Texts", "The %4 may hold digits only; put letters in the addition."
        ),
        "pieces_out_of_range": translate("Texts", "A label has 1 to 10 parcels."),
        "parcel_type_impossible": translate(
            "Texts", "This size is not possible to this destination."
        ),
        "weight_out_of_range": translate(
            "Texts", "The weight must be at most %2 kg for this size."
        ),
    }
    if code == "pickup_point":  # Amazon says the buyer collects it at a pickup point
        texts[code] = (
            translate(
                "Texts",
                "Amazon says the buyer collects this order at a pickup point: %2 is chosen "
                "for it. Check it, then save.",
            )
            if detail
            else translate(
                "Texts",
                "Amazon says the buyer collects this order at a pickup point, and none of "
                "the carrier's points matches its address. Choose one under Delivery; without "
                "one the parcel goes to the door.",
            )
        )
    text = texts.get(code, code)
    other = (
        option_name(detail)
        if code in ("default_services_conflict", "same_day_excluded_by_default")
        else detail
    )
    if code == "destination_not_served":
        detail = country_name(detail)
    if code == "destination_refused":
        detail = sentence(detail)
    day = ""
    if detail in WEEKDAYS:
        day = weekday_name(WEEKDAYS.index(detail))
    return (
        text.replace("%1", name)
        .replace("%2", detail)
        .replace("%3", other)
        .replace("%4", field_name(option or ""))
        .replace("%5", day)
        .replace("%6", carrier_short_name(carrier) or translate("Texts", "The carrier"))
        .replace("%7", carrier_texts.same_day_short(carrier))
    )


def upload_state_name(state: str) -> str:
    names = {
        "pending": translate("Texts", "tracking to Amazon"),
        "done": translate("Texts", "tracking sent"),
        "needs_attention": translate("Texts", "tracking refused"),
    }
    return names.get(state, state)


def delivery_status_name(status: str) -> str:
    """Where the parcel is, as the carrier's track & trace says."""
    names = {
        "not_scanned": translate("Texts", "not scanned yet"),
        "in_transit": translate("Texts", "on its way"),
        "delivered": translate("Texts", "delivered"),
        "problem": translate("Texts", "delivery problem"),
    }
    return names.get(status, status)


def upload_problem_text(error: str) -> str:
    return translate("Texts", "Amazon refused the tracking number: %1").replace("%1", error)


def not_printed_text(order_id: str, code: str) -> str:
    """Why one label of a batch was left out (the others were printed)."""
    texts = {
        "document_unavailable": translate(
            "Texts",
            "%1: the label document is not stored here and the carrier did not send it. "
            "Print it again later.",
        ),
        "document_damaged": translate(
            "Texts", "%1: the label document is damaged. Print it again later."
        ),
        "document_gone": translate(
            "Texts",
            "%1: ShipDesk has no document of this label (the carrier gives it only when the "
            "label is made). Print it from the carrier's portal, or void it and make it again.",
        ),
        "return_document_unavailable": translate(
            "Texts",
            "%1: the return label's document is not stored here and the carrier did not send "
            "it. Print it again later.",
        ),
        "buyer_data_erased": translate(
            "Texts",
            "%1: the buyer's name and address were erased, so its labels are not printed again.",
        ),
    }
    return texts.get(code, texts["document_unavailable"]).replace("%1", order_id)


def return_error_text(error: BaseException, carrier: str = "") -> str:
    """Why no return label was made, in the owner's words, with what to do."""
    code = getattr(error, "code", "")
    who = carrier_short_name(carrier) or translate("Texts", "The carrier")
    if code == "return_no_label":
        return translate(
            "Texts",
            "This order has no label made yet. A return label goes with the label the parcel "
            "was sent with: make that first.",
        )
    if code == "return_country":
        return (
            translate(
                "Texts",
                "%1 takes return labels back only from %2; this buyer is in %3. Send the buyer "
                "the shop's address instead.",
            )
            .replace("%1", who)
            .replace("%2", ", ".join(country_name(c) for c in getattr(error, "allowed", ())))
            .replace("%3", country_name(getattr(error, "country", "")))
        )
    if code == "return_unclear":
        return translate(
            "Texts",
            "The answer to the last return label for this order was lost. Check in %1 whether "
            "it was made; ask again to make a new one.",
        ).replace("%1", carrier_portal(carrier) or translate("Texts", "the carrier's portal"))
    if errors.is_carrier_error(error):
        return carrier_error_text(code, str(error), (), carrier)
    return error_text(error)


def amazon_has_voided_text(order_id: str, voided: list[str], new: list[str]) -> str:
    """Amazon kept a voided label's number: where the owner replaces it by hand."""
    return (
        translate(
            "Texts",
            "%1: Amazon still has the voided label's tracking number %2 and cannot take it "
            "back through ShipDesk. In Seller Central, open Orders → Manage Orders → this "
            "order → Edit shipment and replace it with %3.",
        )
        .replace("%1", order_id)
        .replace("%2", ", ".join(voided))
        .replace("%3", ", ".join(new))
    )


def print_error_text(code: str, fallback: str) -> str:
    texts = {
        "no_printer": translate("Texts", "Choose a printer first: Orders tab → Printers…"),
        "printer_unknown": translate(
            "Texts",
            "The printer is not there any more (switched off, unplugged or renamed). Check it, "
            "or choose another one under “Printers…”. The labels are kept; print them again.",
        ),
        "page_size_unsupported": translate(
            "Texts", "The printer does not accept this paper size: %1 The labels are kept."
        ),
        "printer_error": translate(
            "Texts", "Printing failed: %1 The labels are kept; print them again."
        ),
        "nothing_to_print": translate("Texts", "Nothing to print: %1"),
        "labels_not_printed": translate("Texts", "Nothing was printed."),
        "no_created_labels": translate(
            "Texts", "None of the chosen orders has a created label yet: create the labels first."
        ),
        "no_orders": translate("Texts", "Choose one or more orders in the list first."),
        "no_return_labels": translate(
            "Texts",
            "None of the chosen orders has a return label yet: make one first with “Return "
            "label…” in its label window.",
        ),
        "nothing_to_pick": translate(
            "Texts",
            "Nothing to pick: the chosen orders are cancelled, shipped or have no items.",
        ),
        "no_sender": no_sender_text(),
        "raw_unsupported": translate(
            "Texts",
            "This computer cannot send ZPL straight to a printer: %1 Choose PDF labels instead.",
        ),
    }
    text = texts.get(code)
    return fallback if text is None else text.replace("%1", sentence(fallback))

"""The carriers' own words in the owner's language: their option names, their services and
portals, where their credentials are found. The one UI module that names a carrier (the rest
of the window asks the registry, through the services, and words what it gets here).

Everything goes through Qt's translation system, in the "CarrierTexts" context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def option_name(key: str, fallback: str = "") -> str:
    """A carrier's option key in the shop owner's words (the carrier's own description as
    fallback). DHL's keys are its API's; GLS's are ShipDesk's names for its services fields."""
    names = {
        # DHL Parcel NL
        "DOOR": translate("CarrierTexts", "Home delivery"),
        "BP": translate("CarrierTexts", "Mailbox parcel"),
        "PS": translate("CarrierTexts", "DHL ServicePoint"),
        "EVE": translate("CarrierTexts", "Evening delivery"),
        "S": translate("CarrierTexts", "Saturday delivery"),
        "EXP": translate("CarrierTexts", "Delivery before 11:00"),
        "SDD": translate("CarrierTexts", "DHL Vandaag (same day)"),
        "NBB": translate("CarrierTexts", "No delivery at neighbours"),
        "HANDT": translate("CarrierTexts", "Signature on delivery"),
        "AGE_CHECK": translate("CarrierTexts", "Age check 18+"),
        "INS": translate("CarrierTexts", "Insurance"),
        "REFERENCE": translate("CarrierTexts", "Reference"),
        "REFERENCE2": translate("CarrierTexts", "Reference (Amazon order number)"),
        "PERS_NOTE": translate("CarrierTexts", "Personal note in the track & trace e-mail"),
        "SSN": translate("CarrierTexts", "Hide sender"),
        "ADD_RETURN_LABEL": translate("CarrierTexts", "Return label"),
        # GLS NL
        "ADDRESSEE_ONLY": translate("CarrierTexts", "Deliver to the addressee only"),
        "SATURDAY": translate("CarrierTexts", "Saturday delivery"),
        "EXPRESS_T9": translate("CarrierTexts", "Express, before 9:00"),
        "EXPRESS_T12": translate("CarrierTexts", "Express, before 12:00"),
        "EXPRESS_T17": translate("CarrierTexts", "Express, before 17:00"),
        "SHOP_RETURN": translate("CarrierTexts", "ShopReturn label (returns via a ParcelShop)"),
        "LETTERBOX": translate("CarrierTexts", "Letterbox parcel"),
        "PARCELSHOP": translate("CarrierTexts", "GLS ParcelShop"),
        "ORDER_REFERENCE": translate("CarrierTexts", "Reference (Amazon order number)"),
    }
    return names.get(key) or fallback or key


def option_short_name(key: str) -> str:
    """Compact names for the Orders list's Options column."""
    names = {
        "DOOR": translate("CarrierTexts", "Home"),
        "BP": translate("CarrierTexts", "Mailbox"),
        "PS": translate("CarrierTexts", "ServicePoint"),
        "EVE": translate("CarrierTexts", "Evening"),
        "S": translate("CarrierTexts", "Saturday"),
        "EXP": translate("CarrierTexts", "Before 11"),
        "SDD": translate("CarrierTexts", "Same day"),
        "NBB": translate("CarrierTexts", "No neighbours"),
        "HANDT": translate("CarrierTexts", "Signature"),
        "AGE_CHECK": translate("CarrierTexts", "18+"),
        "INS": translate("CarrierTexts", "Insured"),
        "PERS_NOTE": translate("CarrierTexts", "Note"),
        "SSN": translate("CarrierTexts", "Hide sender"),
        "ADD_RETURN_LABEL": translate("CarrierTexts", "Return label"),
        "ADDRESSEE_ONLY": translate("CarrierTexts", "Addressee only"),
        "SATURDAY": translate("CarrierTexts", "Saturday"),
        "EXPRESS_T9": translate("CarrierTexts", "Before 9"),
        "EXPRESS_T12": translate("CarrierTexts", "Before 12"),
        "EXPRESS_T17": translate("CarrierTexts", "Before 17"),
        "SHOP_RETURN": translate("CarrierTexts", "ShopReturn"),
        "LETTERBOX": translate("CarrierTexts", "Letterbox"),
        "PARCELSHOP": translate("CarrierTexts", "ParcelShop"),
    }
    return names.get(key, key)


def same_day_name(carrier: str) -> str:
    """The carrier's same-day service, as setting 4 names it."""
    names = {"dhl": translate("CarrierTexts", "DHL Vandaag (same-day delivery)")}
    return names.get(carrier) or translate("CarrierTexts", "Same-day delivery")


def same_day_short(carrier: str) -> str:
    """The carrier's same-day service in a sentence."""
    names = {"dhl": "DHL Vandaag"}  # a product name: the same in both languages
    return names.get(carrier) or translate("CarrierTexts", "Same-day delivery")


def no_same_day_text(carrier: str) -> str:
    """Setting 4 on a carrier that has no same-day service."""
    names = {
        "gls": translate(
            "CarrierTexts",
            "GLS NL has no same-day delivery: this setting is DHL's (DHL Vandaag). For a GLS "
            "parcel that must arrive early the next day, choose an Express service in (3).",
        )
    }
    return names.get(carrier) or translate("CarrierTexts", "This carrier has no same-day delivery.")


def connect_hint(carrier: str) -> str:
    """Where the owner finds what the Connections tab asks for this carrier."""
    hints = {
        "dhl": translate(
            "CarrierTexts",
            "Make an API key in My DHL Portal (Settings → API keys) and copy its user id and "
            "key here. ShipDesk keeps them in the system keychain.",
        ),
        "gls": translate(
            "CarrierTexts",
            "Your MyGLS username and password (the ones of the GLS web portal), and the "
            "subscription key if GLS gave you one. ShipDesk keeps them in the system keychain.",
        ),
    }
    return hints.get(carrier, "")


def credential_label(carrier: str, field: str) -> str:
    names = {
        ("dhl", "user_id"): translate("CarrierTexts", "User ID"),
        ("dhl", "api_key"): translate("CarrierTexts", "API key"),
        ("gls", "username"): translate("CarrierTexts", "MyGLS username"),
        ("gls", "password"): translate("CarrierTexts", "MyGLS password"),
        ("gls", "subscription_key"): translate("CarrierTexts", "Subscription key (optional)"),
    }
    return names.get((carrier, field), field)


def credential_placeholder(carrier: str, field: str) -> str:
    names = {("dhl", "user_id"): "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"}
    return names.get((carrier, field), "")


def auth_refused_text(carrier: str) -> str:
    """The carrier refused the stored credentials: what to do."""
    texts = {
        "dhl": translate(
            "CarrierTexts",
            "DHL refused the user id or API key. Check them in My DHL Portal (Settings → API "
            "keys), or make a new key.",
        ),
        "gls": translate(
            "CarrierTexts",
            "GLS refused the username or password (or the subscription key). Check them in "
            "MyGLS; for a subscription key, ask your GLS account manager.",
        ),
    }
    return texts.get(carrier) or translate(
        "CarrierTexts", "The carrier refused the login. Enter it again in the Connections tab."
    )


def label_size_name(key: str) -> str:
    names = {
        "label_10x21": translate("CarrierTexts", "DHL label, 10 × 21 cm"),
        "a6": translate("CarrierTexts", "A6 (10.5 × 14.8 cm), as GLS labels"),
        "4x6in": translate("CarrierTexts", "4 × 6 inch"),
        "a4": translate("CarrierTexts", "A4 sheet"),
    }
    return names.get(key, key)


def label_size_hint() -> str:
    return translate(
        "CarrierTexts",
        "DHL advises PDF at 10 × 21 cm for label printers; GLS labels are A6. Set the same "
        "paper size in the printer's own settings.",
    )


def product_line() -> str:
    """What ShipDesk does, as the About box says it."""
    return translate(
        "CarrierTexts",
        "Amazon orders in, DHL Parcel NL and GLS NL labels out, tracking back to Amazon.",
    )


def first_step_text() -> str:
    return translate(
        "CarrierTexts",
        "Connect DHL Parcel NL or GLS NL (or both) in the Connections tab: enter the login and "
        "click “Check”.",
    )

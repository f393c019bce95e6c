"""User-facing wording for codes that come from the layers below (which hold no Qt).

Everything here goes through Qt's translation system, in the "Texts" context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


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

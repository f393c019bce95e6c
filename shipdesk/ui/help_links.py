"""Where the owner's manual explains each screen, settings group and message of the app.

The manual's sections carry the same id in every language (`## Connect GLS {#connect-gls}` in
docs/manual/<lang>/*.md), so the app links to a section without knowing the language.
tests/test_manual.py keeps these tables true: every id exists in every language, every screen
is listed, and every code the window words (ui/texts.py, ui/alert_texts.py) has its entry.
"""

from __future__ import annotations

from shipdesk.services import errors

# The screens, by class name: Help → Manual (F1) opens the tab in front's, each dialog's Help
# button its own.
SCREENS = {
    "OverviewTab": "overview",
    "OrdersTab": "orders",
    "LabelDialog": "edit-label",
    "BulkEditDialog": "bulk-edit",
    "ServicePointFinder": "service-points",
    "ConnectionsTab": "connections",
    "ShippingOptionsTab": "shipping-options",
    "AddressDialog": "setting-sender",
    "ProductDefaultsDialog": "product-defaults",
    "PrinterDialog": "printers",
    "PrivacyDialog": "privacy",
    "AboutDialog": "support",
    "UnlockDialog": "unlock",
    "NewPassphraseDialog": "unlock",
    "RecoveryKeyDialog": "recovery-key",
    "CrashDialog": "trouble-crash",
}

# The settings groups, by their object name: each links to its own section. A carrier's card
# (carrier_<key>) links to connect-<key>, for every carrier in carriers/registry.py.
SETTINGS = {
    "carrierSettings": "carrier-rules",
    "setting1": "setting-sender",
    "setting2": "setting-recipient",
    "setting3": "setting-default-services",
    "setting4": "setting-same-day",
    "setting5": "setting-optional-services",
    "setting6": "setting-parcel-size",
    "amazonGroup": "connect-amazon",
    "ownAppGroup": "own-app",
    "todayBox": "overview",
    "alertsBox": "alerts",
    "reportBox": "reports",
}
CARRIER_CARD = "carrier_"


def settings_section(object_name: str) -> str:
    """The section of a settings group by its object name; "" when the manual has none."""
    if object_name.startswith(CARRIER_CARD):
        return "connect-" + object_name.removeprefix(CARRIER_CARD)
    return SETTINGS.get(object_name, "")


# Every message the window words, by the family it comes in (the function of ui/texts.py or
# ui/alert_texts.py that words it) and its code: the section that says what to do about it.
_AMAZON_CONSENT = "trouble-amazon-consent"
_AMAZON_ACCESS = "trouble-amazon-access"
_AMAZON_UNREACHABLE = "trouble-amazon-unreachable"
_CARRIER_LOGIN = "trouble-carrier-login"
_CARRIER_UNREACHABLE = "trouble-carrier-unreachable"
_CHECK_AT_CARRIER = "trouble-check-at-carrier"
_LABEL_REFUSED = "trouble-label-refused"
_LABEL_REPLACED = "trouble-label-replaced"
_NO_SENDER = "trouble-no-sender"
_ERASED = "trouble-buyer-data-erased"
_ORDER_DATA = "trouble-order-data"
_REVIEW = "needs-review"
_INPUT = "trouble-input"
_PRINTING = "trouble-printing"
_NOTHING = "trouble-nothing-chosen"
_DOCUMENTS = "trouble-documents"
_DATA = "trouble-data-folder"

TROUBLESHOOTING: dict[str, dict[str, str]] = {
    "problem_text": dict.fromkeys(
        ("no_address", "no_items", "invalid_quantity", "unknown_marketplace", "unknown_status"),
        _ORDER_DATA,
    ),
    "connection_error_text": {
        **dict.fromkeys(
            (
                "state_expired",
                "state_unknown",
                "code_rejected",
                "consent_failed",
                "bad_request",
                "consent_expired",
                "consent_interrupted",
                "consent_declined",
            ),
            _AMAZON_CONSENT,
        ),
        "amazon_unavailable": _AMAZON_UNREACHABLE,
        "broker_credentials_unreadable": "trouble-keychain",
        "authorization_revoked": _AMAZON_ACCESS,
    },
    "amazon_error_text": {
        **dict.fromkeys(
            (
                "consent_expired",
                "consent_not_given",
                "invalid_completion_code",
                "unexpected_consent_url",
            ),
            _AMAZON_CONSENT,
        ),
        **dict.fromkeys(
            (
                "authorization_revoked",
                "invalid_client",
                "access_denied",
                "not_connected",
                "installation_rejected",
            ),
            _AMAZON_ACCESS,
        ),
        **dict.fromkeys(
            (
                "rate_limited",
                "unavailable",
                "request_rejected",
                "broker_unavailable",
                "broker_error",
            ),
            _AMAZON_UNREACHABLE,
        ),
        "broker_credentials_unreadable": "trouble-keychain",
        "keychain_unavailable": "trouble-keychain",
    },
    "refusal_text": dict.fromkeys(
        (
            "invalid",
            "missing",
            "not_allowed",
            "not_digits",
            "not_served",
            "option",
            "too_heavy",
            "too_long",
        ),
        _LABEL_REFUSED,
    ),
    "carrier_error_text": {
        "carrier_auth": _CARRIER_LOGIN,
        "carrier_subscription": _CARRIER_LOGIN,
        "carrier_not_connected": _CARRIER_LOGIN,
        "carrier_unavailable": _CARRIER_UNREACHABLE,
        "carrier_rate_limited": _CARRIER_UNREACHABLE,
        "carrier_unclear": _CHECK_AT_CARRIER,
        "carrier_rejected": _LABEL_REFUSED,
        "carrier_replaced": _LABEL_REPLACED,
        "carrier_document_gone": _LABEL_REPLACED,
        "superseded": _LABEL_REPLACED,
        "no_sender": _NO_SENDER,
        "order_items_unreadable": _ORDER_DATA,
        "buyer_data_erased": _ERASED,
    },
    "draft_not_made_text": {"no_carrier": _CARRIER_LOGIN, "failed": _ORDER_DATA},
    "data_problem_text": dict.fromkeys(
        (
            "busy",
            "damaged",
            "damaged_no_backup",
            "disk_full",
            "newer_version",
            "not_a_folder",
            "read_only",
        ),
        _DATA,
    ),
    "cannot_start_text": {"not_answering": _DATA, "endpoint_refused": "trouble-endpoint"},
    "address_invalid_text": dict.fromkeys(
        (
            "control_characters",
            "email_format",
            "number_zero",
            "phone_format",
            "postal_code_format",
            "unknown_country",
        ),
        _INPUT,
    ),
    "notice_text": {
        **dict.fromkeys(
            (
                "address_split",
                "no_address",
                "pickup_point",
                "destination_not_served",
                "destination_refused",
                "default_service_impossible",
                "default_services_conflict",
                "same_day_excluded_by_default",
                "parcel_type_impossible",
                "parcel_type_unavailable",
            ),
            _REVIEW,
        ),
        **dict.fromkeys(
            (
                "input_missing",
                "input_invalid",
                "input_out_of_range",
                "input_too_long",
                "too_long",
                "control_characters",
                "missing",
                "not_digits",
                "pieces_out_of_range",
                "weight_out_of_range",
                "window_order",
                "both_times_needed",
            ),
            _INPUT,
        ),
    },
    "not_printed_text": {
        "buyer_data_erased": _ERASED,
        **dict.fromkeys(
            (
                "document_damaged",
                "document_gone",
                "document_unavailable",
                "return_document_unavailable",
            ),
            _DOCUMENTS,
        ),
    },
    "return_error_text": {
        "return_no_label": "trouble-returns",
        "return_country": "trouble-returns",
        "return_unclear": _CHECK_AT_CARRIER,
    },
    "print_error_text": {
        **dict.fromkeys(
            (
                "no_printer",
                "printer_unknown",
                "page_size_unsupported",
                "printer_error",
                "raw_unsupported",
                "labels_not_printed",
            ),
            _PRINTING,
        ),
        **dict.fromkeys(
            ("nothing_to_print", "no_created_labels", "no_orders", "nothing_to_pick"), _NOTHING
        ),
        "no_sender": _NO_SENDER,
        "no_return_labels": "trouble-returns",
    },
    "label_state_name": {
        **dict.fromkeys(("draft", "created", "printed", "shipped", "cancelled"), "label-states"),
        "needs_review": _REVIEW,
        "error": _LABEL_REFUSED,
        "unclear": _CHECK_AT_CARRIER,
    },
    "upload_state_name": dict.fromkeys(("pending", "done", "needs_attention"), "tracking"),
    "delivery_status_name": dict.fromkeys(
        ("not_scanned", "in_transit", "delivered", "problem"), "delivery-status"
    ),
    # ui/scan_bar.py: what a scan answers at the packing desk.
    "outcome_text": {
        "printed": "scan-to-print",
        "already_printed": "reprint",
        "needs_review": _REVIEW,
        "cancelled": "scan-to-print",
        "not_shippable": "scan-to-print",
        "unknown": "scan-to-print",
        "unclear": _CHECK_AT_CARRIER,
        "failed": _LABEL_REFUSED,
    },
    # ui/alert_texts.py: the Overview's alerts, each with its own entry.
    "todo": {
        "ship_by_late": "alert-ship-by",
        "ship_by_at_risk": "alert-ship-by",
        "cancelled_after_label": "alert-cancelled-after-label",
        "tracking_refused": "alert-tracking",
        "tracking_not_sent": "alert-tracking",
        "tracking_not_activated": "alert-not-scanned",
        "not_scanned": "alert-not-scanned",
        "carrier_confirm": "alert-carrier-confirm",
        "carrier_confirm_refused": "alert-carrier-confirm",
        "amazon_connection": "alert-connection",
        "carrier_connection": "alert-connection",
        "printer_gone": "alert-printer",
        "import_stale": "alert-import",
    },
}


TROUBLESHOOTING_CHAPTER = "troubleshooting"


def section_for(family: str, code: str) -> str:
    """The section for a message of a family (KeyError for a family that does not exist);
    the troubleshooting chapter for a code it does not know (a carrier's or Amazon's own)."""
    return TROUBLESHOOTING[family].get(code, TROUBLESHOOTING_CHAPTER)


def draft_not_made_section(skipped_reason: str, unchecked: int) -> str:
    """For texts.draft_not_made_text: its reason, or the carrier that could not be asked."""
    if not skipped_reason and unchecked:
        return _CARRIER_UNREACHABLE
    return section_for("draft_not_made_text", skipped_reason or "failed")


def cannot_start_section(code: str) -> str:
    """For texts.cannot_start_text, which words the data folder's problems too."""
    return TROUBLESHOOTING["cannot_start_text"].get(code) or section_for("data_problem_text", code)


def section_for_error(error: BaseException) -> str:
    """The section for an error the window words with texts.error_text (in the same kinds)."""
    code = str(getattr(error, "code", "") or "")
    if errors.is_print_error(error):
        return section_for("print_error_text", code)
    if errors.is_carrier_error(error):
        family = "return_error_text" if code.startswith("return_") else "carrier_error_text"
        return section_for(family, code)
    if errors.is_amazon_error(error):
        return section_for("amazon_error_text", code)
    if errors.is_keychain_unavailable(error):
        return section_for("amazon_error_text", "keychain_unavailable")
    problem = errors.as_database_error(error, None)
    if problem is not None:
        return section_for("data_problem_text", problem.code)
    return TROUBLESHOOTING_CHAPTER

"""Alerts in the owner's words: a title and what to do, for the Overview and the tray."""

from __future__ import annotations

from PySide6.QtCore import QObject

from shipdesk.services import alerts
from shipdesk.services.carrier_names import carrier_portal, carrier_short_name


class AlertTexts(QObject):
    """Holds the words (a QObject for `tr`, whose plural forms lupdate reads)."""

    def title(self, alert: alerts.Alert) -> str:
        n = len(alert.orders)
        titles = {
            "ship_by_late": self.tr("%n order(s) past their ship-by time", "", n),
            "ship_by_at_risk": self.tr("%n order(s) due soon without a printed label", "", n),
            "cancelled_after_label": self.tr(
                "%n cancelled order(s) with a label: do not ship", "", n
            ),
            "tracking_refused": self.tr("Amazon refused %n tracking number(s)", "", n),
            "tracking_not_sent": self.tr(
                "%n parcel(s) on their way without tracking at Amazon", "", n
            ),
            "not_scanned": self.tr("%n parcel(s) printed but not scanned by the carrier", "", n),
            "tracking_not_activated": self.tr("%1 has scanned none of your parcels"),
            "carrier_confirm": self.tr("The day's labels were not confirmed"),
            "carrier_confirm_refused": self.tr("A label was not confirmed"),
            "amazon_connection": self.tr("The Amazon connection needs attention"),
            "carrier_connection": self.tr("The %1 connection needs attention"),
            "printer_gone": self.tr("The label printer is not there"),
            "import_stale": self.tr("No new orders fetched for a while"),
        }
        return titles.get(alert.code, alert.code).replace("%1", self.who(alert))

    def orders(self, alert: alerts.Alert, shown: int = 3) -> str:
        named = ", ".join(alert.orders[:shown])
        rest = len(alert.orders) - shown
        if not alert.orders:
            return ""
        if rest > 0:
            return self.tr("Orders %1 and %n more.", "", rest).replace("%1", named)
        return self.tr("Order(s) %1.", "", len(alert.orders)).replace("%1", named)

    def who(self, alert: alerts.Alert) -> str:
        return carrier_short_name(alert.detail) or self.tr("The carrier")


_words: AlertTexts | None = None


def _texts() -> AlertTexts:
    global _words
    if _words is None:
        _words = AlertTexts()
    return _words


def translate(_context: str, text: str) -> str:
    return _texts().tr(text)


def title(alert: alerts.Alert) -> str:
    """What is wrong, in a line."""
    return _texts().title(alert)


def todo(alert: alerts.Alert) -> str:
    """What to do about it."""
    texts = {
        "ship_by_late": translate(
            "AlertTexts",
            "Print their labels and hand the parcels over now: Amazon counts them as late "
            "shipments (keep the Late Shipment Rate under 4%).",
        ),
        "ship_by_at_risk": translate(
            "AlertTexts", "Make and print their labels before their ship-by time."
        ),
        "cancelled_after_label": translate(
            "AlertTexts", "The buyer cancelled: do not ship. Open each order and void its label."
        ),
        "tracking_refused": translate(
            "AlertTexts",
            "Open the Errors view in the Orders tab: it shows Amazon's reason for each.",
        ),
        "tracking_not_sent": translate(
            "AlertTexts",
            "The carrier is carrying them but Amazon has no tracking number yet (a Valid "
            "Tracking Rate defect in the making): “Show orders” says why for each.",
        ),
        "not_scanned": translate(
            "AlertTexts",
            "Check that these parcels were handed over to the carrier (a pickup may have been "
            "missed).",
        ),
        "tracking_not_activated": translate(
            "AlertTexts",
            "%1's tracking updates are probably not switched on for your account yet: ask "
            "your %1 account manager to switch them on.",
        ),
        "carrier_confirm": translate(
            "AlertTexts",
            "%1 did not take the confirmation of today's labels. ShipDesk tries again every "
            "minute; check the connection in the Connections tab.",
        ),
        "carrier_confirm_refused": translate(
            "AlertTexts",
            "%1 refused the end-of-day confirmation of a label (deleted in %2?). The day's "
            "other labels were confirmed.",
        ),
        "amazon_connection": translate("AlertTexts", "Open the Connections tab to see what to do."),
        "carrier_connection": translate(
            "AlertTexts", "Open the Connections tab to see what to do."
        ),
        "printer_gone": translate(
            "AlertTexts",
            "“%3” is switched off, unplugged or renamed. Check it, or choose another label "
            "printer under Orders → Printers….",
        ),
        "import_stale": translate(
            "AlertTexts",
            "The last orders were fetched at %3. Check the internet connection and the Amazon "
            "connection; click “Start import” in the Orders tab to try.",
        ),
    }
    text = texts.get(alert.code, "")
    return (
        text.replace("%1", _who(alert))
        .replace(
            "%2", carrier_portal(alert.detail) or translate("AlertTexts", "the carrier's portal")
        )
        .replace("%3", _when(alert.detail) if alert.code == "import_stale" else alert.detail)
    )


def orders_text(alert: alerts.Alert, shown: int = 3) -> str:
    """The orders it concerns, the first few by number ("" when none)."""
    return _texts().orders(alert, shown)


def _who(alert: alerts.Alert) -> str:
    return _texts().who(alert)


def _when(detail: str) -> str:
    from PySide6.QtCore import QDateTime, QLocale, Qt

    if detail == "never":
        return translate("AlertTexts", "no time yet")
    stamp = QDateTime.fromString(detail, Qt.DateFormat.ISODate).toLocalTime()
    return QLocale().toString(stamp, QLocale.FormatType.ShortFormat)

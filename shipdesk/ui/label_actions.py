"""The label window's actions on a label the carrier has (or may have): void a made one, or
make and print its return label; for an *unclear* one (the carrier's answer was lost), make it
again or mark it made with the parcel number the owner found in the carrier's portal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLabel, QPushButton, QWidget

from shipdesk.services import label_recovery, printing, returns
from shipdesk.services import labels as label_service
from shipdesk.services.context import AppContext
from shipdesk.services.jobs import JobRunner
from shipdesk.services.labels import Label
from shipdesk.ui import texts
from shipdesk.ui.widgets import confirm

MADE = ("created", "printed", "shipped")


class LabelActions(QObject):
    done = Signal(str)  # what happened, for the Orders list's status line (the window closes)

    def __init__(
        self,
        ctx: AppContext,
        runner: JobRunner,
        window: QWidget,
        buttons: QDialogButtonBox,
        problems: QLabel,
    ) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.runner = runner
        self.window = window
        self.problems = problems
        self.label: Label  # set by show_for
        self.make_again = QPushButton(self.tr("Not there: make it again"))
        self.make_again.setObjectName("makeAgain")
        self.mark_made = QPushButton(self.tr("It is there: mark as made…"))
        self.mark_made.setObjectName("markMade")
        self.void = QPushButton(self.tr("Void label…"))
        self.void.setObjectName("voidLabel")
        self.return_label = QPushButton(self.tr("Return label…"))
        self.return_label.setObjectName("returnLabel")
        self.buttons = (self.make_again, self.mark_made, self.void, self.return_label)
        for button in self.buttons:
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.setVisible(False)
        self.make_again.clicked.connect(self._make_again)
        self.mark_made.clicked.connect(self._ask_parcel_number)
        self.void.clicked.connect(self._void)
        self.return_label.clicked.connect(self._return_label)
        self.made_return: returns.StoredReturn | None = None  # its return label, if made

    def show_for(self, label: Label) -> None:
        self.label = label
        unclear = label.state == "unclear"
        portal = label_service.carrier_portal(label.carrier)
        self.make_again.setText(self.tr("Not in %1: make it again").replace("%1", portal))
        self.mark_made.setText(self.tr("In %1: mark as made…").replace("%1", portal))
        self.make_again.setVisible(unclear)
        self.mark_made.setVisible(unclear)
        self.void.setVisible(label.state in MADE)
        made = [
            r
            for r in returns.returns_of(self.ctx, [label.order_id]).get(label.order_id, [])
            if r.state == "made" and r.label_id == label.id
        ]
        self.made_return = made[0] if made else None
        self.return_label.setText(
            self.tr("Print return label") if self.made_return else self.tr("Return label…")
        )
        self.return_label.setToolTip(
            self.tr("Return label %1").replace("%1", ", ".join(self.made_return.tracker_codes))
            if self.made_return
            else self.tr("Make a return label for the buyer and print it on the label printer")
        )
        self.return_label.setVisible(label.state in MADE)

    def unclear_text(self) -> str:
        return texts.carrier_error_text(
            "carrier_unclear", self.label.error_message or "", (), self.label.carrier
        )

    # -- unclear --
    def _make_again(self) -> None:
        self._run(
            "make-again",
            lambda _r, cancel: label_recovery.make_again(self.ctx, [self.label.id], None, cancel),
            self._made_again,
        )

    def _made_again(self, result: label_service.BatchProgress) -> None:
        if result.created:
            self.done.emit(self.tr("The label was made again."))
            return
        if not result.outcomes:  # skipped: no longer unclear (made meanwhile); show it as it is
            self.done.emit("")
            return
        outcome = result.outcomes[0]
        self.problems.setText(
            texts.carrier_error_text(
                outcome.error_code,
                outcome.message,
                [r.to_json() for r in outcome.refusals],
                self.label.carrier,
            )
            if outcome
            else self.tr("The label could not be made again.")
        )

    def _ask_parcel_number(self) -> None:
        portal = label_service.carrier_portal(self.label.carrier)
        number, ok = QInputDialog.getText(
            self.window,
            self.tr("Mark as made"),
            self.tr(
                "The parcel number of this order's label in %1 (ShipDesk has no document of "
                "it: print it from %1):"
            ).replace("%1", portal),
        )
        if not ok or not number.strip():
            return
        try:
            label_recovery.mark_made(self.ctx, self.label.id, number)
        except label_recovery.BadParcelNumber:
            self.problems.setText(
                self.tr("“%1” is not a %2 parcel number.")
                .replace("%1", number.strip())
                .replace("%2", label_service.carrier_short_name(self.label.carrier))
            )
            return
        except label_recovery.NotUnclear:
            self.problems.setText(self.tr("The label changed meanwhile; open it again."))
            return
        self.done.emit(
            self.tr("Marked as made with parcel %1; its tracking number goes to Amazon.").replace(
                "%1", number.strip()
            )
        )

    # -- void --
    def _void(self) -> None:
        carrier = self.label.carrier
        who = label_service.carrier_short_name(carrier)
        portal = label_service.carrier_portal(carrier)
        if label_recovery.can_void(carrier):
            text = self.tr(
                "%1 deletes the label; that is possible until the parcel is first scanned, and "
                "cannot be undone. The order gets a new draft, and the label's tracking number "
                "is not sent to Amazon if it is still waiting."
            )
        else:
            text = self.tr(
                "%1 has no way to cancel a label: ShipDesk voids it here and never prints or "
                "sends it again; bin it in %2. The order gets a new draft, and the label's "
                "tracking number is not sent to Amazon if it is still waiting."
            )
        if not confirm(
            self.window,
            self.tr("Void this label?"),
            text.replace("%1", who).replace("%2", portal),
            self.tr("Void label"),
        ):
            return
        self._run(
            "void-label",
            lambda _r, cancel: label_recovery.void(self.ctx, [self.label.id], cancel),
            self._voided,
        )

    def _voided(self, outcomes: list[label_recovery.VoidOutcome]) -> None:
        [outcome] = outcomes
        carrier = self.label.carrier
        who = label_service.carrier_short_name(carrier)
        portal = label_service.carrier_portal(carrier)
        if not outcome.ok:
            if outcome.error_code == "confirmation_sending":
                text = self.tr(
                    "Its tracking number is being sent to Amazon right now. Try again in a minute."
                )
            else:
                text = texts.carrier_error_text(outcome.error_code, outcome.message, (), carrier)
            self.problems.setText(self.tr("Not voided: %1").replace("%1", text))
            return
        said = (
            self.tr("The label was deleted at %1; the order has a new draft.")
            if outcome.at_carrier
            else self.tr(
                "The label was voided in ShipDesk (bin it in %2); the order has a new draft."
            )
        )
        if outcome.amazon == "sent":
            said += " " + self.tr(
                "Amazon already has its tracking number and cannot take it back: correct it in "
                "Seller Central once the new label is made."
            )
        self.done.emit(said.replace("%1", who).replace("%2", portal))

    # -- return label --
    def _return_label(self) -> None:
        order_id = self.label.order_id
        if self.made_return is None:
            reason, ok = QInputDialog.getText(
                self.window,
                self.tr("Return label"),
                self.tr(
                    "A return label for order %1: the buyer sends the parcel back to your "
                    "sender address with it. Its tracking number stays in ShipDesk (Amazon is "
                    "not told). Reason for the return (shown to the carrier):"
                ).replace("%1", order_id),
                text=self.tr("Return"),
            )
            if not ok:
                return
        else:
            reason = ""

        def work(_report, cancel):
            made = returns.make_return(self.ctx, order_id, reason.strip(), cancel)
            try:
                return made, printing.print_returns(self.ctx, [order_id])
            except printing.PrintError as exc:  # made and kept: printed another time
                return made, exc

        self._run("return-label", work, self._returned)

    def _returned(self, result) -> None:
        made, printed = result
        numbers = ", ".join(made.tracker_codes)
        if isinstance(printed, printing.PrintError):
            self.problems.setText(
                self.tr("Return label %1 made, not printed: %2")
                .replace("%1", numbers)
                .replace("%2", texts.error_text(printed))
            )
            self.show_for(self.label)
            return
        self.done.emit(
            self.tr("Return label %1 printed on %2.")
            .replace("%1", numbers)
            .replace("%2", printed.printer)
        )

    def _run(self, name: str, work, succeeded) -> None:
        self.problems.setText("")
        for button in self.buttons:
            button.setEnabled(False)
        self.runner.run(
            work,
            name,
            succeeded=succeeded,
            failed=lambda error: self.problems.setText(
                texts.return_error_text(error, self.label.carrier)
                if name == "return-label"
                else texts.error_text(error)
            ),
            finished=self._finished,
        )

    def _finished(self) -> None:
        for button in self.buttons:
            button.setEnabled(True)

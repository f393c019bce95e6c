"""The guided start: four steps through the real tabs, shown as a banner above them.

Connect the carrier, connect Amazon, check the shipping options, choose the printers. Each
step opens the tab where it is done and ticks itself off when it is; with no accounts yet the
welcome step also offers the demo.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from shipdesk.services import (
    amazon_account,
    carrier_account,
    first_run,
    print_settings,
    shipping_settings,
)
from shipdesk.services.context import AppContext
from shipdesk.ui import carrier_texts


@dataclass(frozen=True)
class Step:
    key: str
    tab: str  # connections | shipping_options | orders
    done: Callable[[AppContext], bool]


STEPS = (
    Step(
        "carrier",
        "connections",
        lambda ctx: any(
            s.state == carrier_account.CONNECTED for s in carrier_account.statuses(ctx)
        ),
    ),
    Step(
        "amazon",
        "connections",
        lambda ctx: amazon_account.status(ctx).state == amazon_account.CONNECTED,
    ),
    Step("shipping", "shipping_options", lambda ctx: shipping_settings.sender(ctx) is not None),
    Step("printers", "orders", lambda ctx: bool(print_settings.load_settings(ctx).label_printer)),
)


def setup_needed(ctx: AppContext) -> bool:
    """At the first start, until the owner finishes or dismisses the guide."""
    if ctx.demo:
        return False
    if first_run.dismissed(ctx):
        return False
    return not all(step.done(ctx) for step in STEPS)


def demo_command() -> list[str]:
    """How to start ShipDesk in demo mode, frozen or from source."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--demo"]
    return [sys.executable, "-m", "shipdesk", "--demo"]


class SetupGuide(QFrame):
    show_tab = Signal(str)  # the tab a step happens in
    open_printers = Signal()
    demo_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.index = 0  # 0: welcome; 1..4: the steps
        self.setObjectName("setupGuide")
        self.setStyleSheet(
            "QFrame#setupGuide { background: #e3f2ef; border-bottom: 1px solid #0f766e; }"
        )
        self.title = QLabel()
        self.title.setObjectName("setupTitle")
        self.title.setStyleSheet("font-weight: 700; color: #0f4f49;")
        self.text = QLabel()
        self.text.setObjectName("setupText")
        self.text.setWordWrap(True)
        self.state = QLabel()
        self.state.setObjectName("setupState")
        self.back_button = QPushButton(self.tr("Back"))
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setObjectName("setupNext")
        self.demo_button = QPushButton(self.tr("Try the demo first"))
        self.demo_button.setObjectName("setupDemo")
        self.printers_button = QPushButton(self.tr("Choose printers…"))
        self.later_button = QPushButton(self.tr("Finish later"))
        self.later_button.setObjectName("setupLater")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.state)
        for button in (
            self.printers_button,
            self.demo_button,
            self.back_button,
            self.next_button,
            self.later_button,
        ):
            layout.addWidget(button)
        self.back_button.clicked.connect(lambda: self.go(self.index - 1))
        self.next_button.clicked.connect(self._next)
        self.demo_button.clicked.connect(self.demo_requested)
        self.printers_button.clicked.connect(self.open_printers)
        self.later_button.clicked.connect(self.hide)
        self.go(0)

    def _texts(self) -> list[tuple[str, str]]:
        return [
            (
                self.tr("Welcome to ShipDesk"),
                self.tr(
                    "Four short steps to your first printed labels: connect your carrier, "
                    "connect Amazon, check the shipping options, choose the printers."
                ),
            ),
            (
                self.tr("Step 1 of 4: your carrier"),
                carrier_texts.first_step_text(),
            ),
            (
                self.tr("Step 2 of 4: Amazon"),
                self.tr(
                    "Choose the customer number, click “Connect with Amazon” and confirm in "
                    "Seller Central."
                ),
            ),
            (
                self.tr("Step 3 of 4: shipping options"),
                self.tr(
                    "Add your sender address and check the six settings every draft label "
                    "is made from."
                ),
            ),
            (
                self.tr("Step 4 of 4: printers"),
                self.tr(
                    "Choose your label printer and packing-slip printer, and make a test print."
                ),
            ),
        ]

    def go(self, index: int) -> None:
        self.index = max(0, min(index, len(STEPS)))
        title, text = self._texts()[self.index]
        self.title.setText(title)
        self.text.setText(text)
        self.back_button.setVisible(self.index > 0)
        no_accounts = not any(step.done(self.ctx) for step in STEPS[:2])
        self.demo_button.setVisible(self.index == 0 and no_accounts)
        self.printers_button.setVisible(self.index == len(STEPS))
        last = self.index == len(STEPS)
        self.next_button.setText(
            self.tr("Start") if self.index == 0 else self.tr("Done") if last else self.tr("Next")
        )
        if self.index > 0:
            self.show_tab.emit(STEPS[self.index - 1].tab)
        self.refresh()

    def refresh(self) -> None:
        """Tick the step off once it is done (the tabs call this after changes)."""
        if self.index == 0:
            self.state.clear()
            return
        done = STEPS[self.index - 1].done(self.ctx)
        self.state.setText("✓ " + self.tr("done") if done else "")
        self.state.setStyleSheet("color: #1e6b34; font-weight: 700;")

    def _next(self) -> None:
        if self.index == len(STEPS):
            first_run.dismiss(self.ctx)
            self.hide()
            return
        self.go(self.index + 1)

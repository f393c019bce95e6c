"""Guards against a known-bad Qt binding: PySide6 6.12.0 on Python 3.11 drops a reference to
None on every call that returns nothing, and the app crashes after a few thousand updates."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_widget_calls_keep_none_and_bools_alive(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for n in range(2_000):
        label.setText(str(n))
        label.setEnabled(n % 2 == 0)
        label.setVisible(label.isEnabled())
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    # Ordinary churn moves these by a handful; the bug moves them by thousands.
    assert all(a - b > -500 for a, b in zip(after, before, strict=True)), (before, after)

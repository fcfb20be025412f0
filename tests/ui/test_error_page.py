"""The error page: what happened, what to do, Retry only where safe, help, support details."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from smartcard_linker.ui.pages.error import ErrorPage
from tests.ui.states import error_state, journey


def page(qtbot: QtBot, opened: list[str] | None = None) -> ErrorPage:
    sink = opened if opened is not None else []
    flow = journey()
    widget = ErrorPage(flow, flow.settings, sink.append)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def child(widget: ErrorPage, kind: type, name: str):  # type: ignore[no-untyped-def]
    found = widget.findChild(kind, name)
    assert found is not None, name
    return found


def test_copy_details_has_codes_and_time_but_no_secrets(qtbot: QtBot) -> None:
    widget = page(qtbot)
    widget.show_state(error_state("timeout"))
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(child(widget, QPushButton, "copyDetailsButton"), Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "Error code: timeout" in copied
    assert "Request id: req-7f3k" in copied
    assert "2026-11-25 09:30:05" in copied
    for secret in ("jo.bloggs@nhs.net", "Jo Bloggs", "102048843983", "Bearer", "123456"):
        assert secret not in copied
    assert child(widget, QLabel, "copiedNote").isVisible()


def test_retry_only_where_safe(qtbot: QtBot) -> None:
    widget = page(qtbot)
    retry = child(widget, QPushButton, "retryButton")
    widget.show_state(error_state("timeout", retry=True))
    assert retry.isVisible()
    widget.show_state(error_state("identity_unknown", retry=False))
    assert not retry.isVisible()
    assert child(widget, QLabel, "errorTitle").text() == "Your NHS Care Identity was not found"
    assert "Registration Authority" in child(widget, QLabel, "errorAction").text()


def test_locked_card_links_to_self_service_unlock(qtbot: QtBot) -> None:
    opened: list[str] = []
    widget = page(qtbot, opened)
    widget.show_state(error_state("pin_locked", retry=False, link="https://unlock.test/"))
    link = child(widget, QPushButton, "errorLinkButton")
    assert link.isVisible() and link.text() == "Unlock my smartcard online"
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert opened == ["https://unlock.test/"]


def test_help_names_local_admin_first_then_helpdesk(qtbot: QtBot) -> None:
    opened: list[str] = []
    widget = page(qtbot, opened)
    widget.show_state(error_state())
    first = child(widget, QLabel, "errorLocalAdmin").text()
    second = child(widget, QLabel, "errorHelpdesk").text()
    assert first.startswith("1.") and "Local Administrator" in first
    assert second.startswith("2.") and "NHSmail Helpdesk" in second and "0333 200 1133" in second
    qtbot.mouseClick(child(widget, QPushButton, "errorHelpdeskButton"), Qt.MouseButton.LeftButton)
    assert opened == ["https://support.nhs.net/"]


def test_copy_by_keyboard(qtbot: QtBot) -> None:
    widget = page(qtbot)
    widget.show_state(error_state("network"))
    copy = child(widget, QPushButton, "copyDetailsButton")
    copy.setFocus()
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(copy, Qt.Key.Key_Space)
    assert "Error code: network" in QGuiApplication.clipboard().text()

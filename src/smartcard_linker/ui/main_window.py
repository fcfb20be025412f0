"""The wizard window: renders each ``JourneyState`` and forwards the user's actions.

No decisions here: which page, which buttons and which words come from the
state; kiosk timers only tell the flow that time passed.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from smartcard_linker import __version__
from smartcard_linker.config import Settings
from smartcard_linker.flow.journey import Journey
from smartcard_linker.flow.state import JourneyState, Operation, Step
from smartcard_linker.language import LanguageChoice, remember
from smartcard_linker.ui.announce import Announcer
from smartcard_linker.ui.executor import QtExecutor
from smartcard_linker.ui.i18n import current_language, set_language
from smartcard_linker.ui.kiosk_timers import KioskTimers
from smartcard_linker.ui.language_switch import LanguageSwitch
from smartcard_linker.ui.page_warmup import PageWarmup
from smartcard_linker.ui.pages.account import AccountPage
from smartcard_linker.ui.pages.blocked import BlockedPage
from smartcard_linker.ui.pages.busy import BusyPage
from smartcard_linker.ui.pages.card import CardPage
from smartcard_linker.ui.pages.done import DonePage
from smartcard_linker.ui.pages.error import ErrorPage, HelpPanel
from smartcard_linker.ui.pages.insert_card import InsertCardPage
from smartcard_linker.ui.pages.review import ReviewPage
from smartcard_linker.ui.pages.start import StartPage
from smartcard_linker.ui.pin_dialog import PinActions, PinDialog
from smartcard_linker.ui.widgets import (
    Page,
    UrlOpener,
    WrapLayout,
    button,
    label,
    reading_order,
    row,
    set_button_text,
    set_prop,
)

log = logging.getLogger(__name__)

_STAGES: tuple[frozenset[Step], ...] = (
    frozenset({Step.SIGNING_IN}),
    frozenset({Step.ACCOUNT, Step.BLOCKED}),
    frozenset({Step.INSERT_CARD, Step.CARD, Step.PIN}),
    frozenset({Step.REVIEW}),
    frozenset({Step.DONE}),
)


def open_in_browser(url: str) -> None:
    if url:
        QDesktopServices.openUrl(QUrl(url))


class HelpDialog(QDialog):
    def __init__(self, settings: Settings, open_url: UrlOpener, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(self.tr("Help and support"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(HelpPanel(settings, open_url, "dialog"))
        close = button(self.tr("Close"), "helpCloseButton", "primary")
        close.clicked.connect(self.accept)
        layout.addLayout(row(close))
        self.setMinimumWidth(560)  # room for the wrapped lines (Welsh runs long)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Tall enough for every wrapped line: a dialog does not follow heightForWidth."""
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            self.resize(self.width(), max(self.height(), layout.totalHeightForWidth(self.width())))
        super().showEvent(event)


class MainWindow(QMainWindow):
    """The window: chrome, the page for the current step, the PIN dialog, kiosk timers."""

    def __init__(
        self,
        journey: Journey,
        executor: QtExecutor,
        *,
        open_url: UrlOpener | None = None,
        language: LanguageChoice | None = None,
    ) -> None:
        super().__init__()
        self.language = language or LanguageChoice(current_language())
        self.journey = journey
        self.executor = executor
        self.open_url: UrlOpener = open_url or open_in_browser
        self.pin_dialog: PinDialog | None = None
        self.pin_actions = PinActions(journey, self)
        self._pin_seq = -1
        self._last_step: Step | None = None
        self._last_state: JourneyState | None = None
        self._visit = 0
        self._stage = 0
        self._closing = False
        self.announcer = Announcer(self)
        self._said: tuple[str, str, str] = ("", "", "")
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Link your NHS Smartcard"))
        self.setMinimumSize(480, 360)  # 960×540 (a 1080p screen at 200 %) fits with room
        space = self.screen().availableGeometry()
        self.resize(min(860, space.width()), min(720, space.height()))

        root = QWidget()
        root.setObjectName("mainRoot")
        outer = QVBoxLayout(root)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._header())
        outer.addWidget(self._step_indicator())
        outer.addWidget(self._page_stack(), 1)
        outer.addWidget(self._footer())
        self.setCentralWidget(root)
        self._kiosk_timers()
        self.retranslate()
        journey.subscribe(self.show_state)
        self.warmup = PageWarmup(self.stack, self.pages.values())  # skips the page shown

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not event.spontaneous():
            self.warmup.start()

    def _page_stack(self) -> QWidget:
        """One widget per page in a stack; each page scrolls its own body."""
        journey, settings = self.journey, self.journey.settings
        self.stack = QStackedWidget()
        self.stack.setObjectName("pageStack")
        pages: dict[str, Page] = {
            "start": StartPage(journey, settings, self.open_url),
            "busy": BusyPage(journey, settings, self.open_url),
            "account": AccountPage(journey, settings, self.open_url),
            "blocked": BlockedPage(journey, settings, self.open_url),
            "insert": InsertCardPage(journey, settings, self.open_url),
            "card": CardPage(journey, settings, self.open_url),
            "review": ReviewPage(journey, settings, self.open_url),
            "done": DonePage(journey, settings, self.open_url),
            "error": ErrorPage(journey, settings, self.open_url),
        }
        self.pages = pages
        self.language_switch = LanguageSwitch()
        self.language_switch.chosen.connect(self.switch_language)
        self.language_switch.setVisible(not self.language.locked)
        switch_row = row(self.language_switch, stretch_end=False)
        switch_row.insertStretch(0, 1)
        pages["start"].body.insertLayout(0, switch_row)
        for page in pages.values():
            self.stack.addWidget(page)
        self._page_for: dict[Step, Page] = {
            Step.START: pages["start"],
            Step.SIGNING_IN: pages["busy"],
            Step.WORKING: pages["busy"],
            Step.ACCOUNT: pages["account"],
            Step.BLOCKED: pages["blocked"],
            Step.INSERT_CARD: pages["insert"],
            Step.CARD: pages["card"],
            Step.PIN: pages["card"],
            Step.REVIEW: pages["review"],
            Step.DONE: pages["done"],
            Step.ERROR: pages["error"],
            Step.CLOSED: pages["done"],
        }
        return self.stack  # each page scrolls its own body under its pinned actions

    def _kiosk_timers(self) -> None:
        """Kiosk: the idle reset with its warning, and the done page's live countdown."""
        self.kiosk_timers: KioskTimers | None = None
        if self.journey.settings.kiosk_mode:
            done = self.pages["done"]
            assert isinstance(done, DonePage)
            self.kiosk_timers = KioskTimers(
                self.journey, self.journey.settings, self, done.show_seconds_left
            )

    # ---------------------------------------------------------------- chrome
    def _header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("header")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = WrapLayout(spacing=12)  # large text: the words go under the logo
        layout.setContentsMargins(24, 12, 24, 12)
        header.setLayout(layout)
        logo = QLabel("NHS")
        logo.setObjectName("nhsLogo")
        logo.setAccessibleName("NHS")
        self.header_title = QLabel()
        self.header_title.setObjectName("headerTitle")
        self.header_product = QLabel()
        self.header_product.setObjectName("headerProduct")
        layout.addWidget(logo)
        layout.addWidget(self.header_title)
        layout.addWidget(self.header_product)
        return header

    def _step_indicator(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("stepIndicator")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(24, 8, 24, 8)
        layout.setSpacing(20)
        self.stage_labels: list[QLabel] = []
        for i in range(len(_STAGES)):
            stage = label(name=f"stage_{i + 1}")
            stage.setProperty("stepState", "todo")
            layout.addWidget(stage)
            self.stage_labels.append(stage)
        layout.addStretch(1)
        self.step_bar = bar
        return bar

    def _footer(self) -> QWidget:
        footer = QWidget()
        footer.setObjectName("footer")
        footer.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(footer)
        layout.setContentsMargins(24, 4, 24, 4)
        self.help_button = button("", "helpButton", "link")
        self.help_button.clicked.connect(self.show_help)
        self.version = label(role="muted")
        layout.addWidget(self.help_button)
        layout.addStretch(1)
        layout.addWidget(self.version)
        return footer

    def show_help(self) -> HelpDialog:
        dialog = HelpDialog(self.journey.settings, self.open_url, self)
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        """Every word in the current language: the chrome, each page's fixed words, and the
        current page rendered again (other pages render afresh when they are next shown)."""
        self.header_title.setText(self.tr("Link your NHS Smartcard"))
        self.header_product.setText(
            self.tr("to your {product} account").format(product=self.journey.settings.product_name)
        )
        names = (
            self.tr("Sign in"),
            self.tr("Your account"),
            self.tr("Smartcard"),
            self.tr("Review"),
            self.tr("Done"),
        )
        for i, (stage, name) in enumerate(zip(self.stage_labels, names, strict=True)):
            stage.setText(self.tr("{n}. {name}").format(n=i + 1, name=name))
        set_button_text(self.help_button, self.tr("Help and support"))
        self.version.setText(self.tr("Version {v}").format(v=__version__))
        for page in self.pages.values():
            page.retranslate()
        if self._last_state is not None:
            self._render(self._last_state, self._page_for[self._last_state.step])

    # ---------------------------------------------------------------- rendering
    def show_state(self, state: JourneyState) -> None:
        """Render ``state``: only the page it shows, except on a reset, when every page
        forgets the previous person."""
        if self._closing:
            return
        self._last_state = state
        page = self._page_for[state.step]
        if state.visit != self._visit:
            self._visit = state.visit
            self._station_language()  # kiosk: the next person starts in the station's language
            for each in self.pages.values():
                each.clear(state)
        self._render(state, page)
        self.stack.setCurrentWidget(page)
        self._render_pin(state)
        if self.kiosk_timers is not None:
            self.kiosk_timers.show_state(state)
        if state.step is not self._last_step:
            self._last_step = state.step
            self._on_step_changed(state, page)
        elif state.step is not Step.PIN:
            focused = self.focusWidget()
            if focused is None or not (focused.isVisible() and focused.isEnabled()):
                self._focus_first(page)  # what had focus went away with this render

    def _render(self, state: JourneyState, page: Page) -> None:
        page.show_state(state)
        page.tidy()
        order = reading_order(page)
        if order:
            QWidget.setTabOrder(order[-1], self.help_button)  # then the footer's Help
        self._render_stage(state)
        self._speak(page)

    def _render_stage(self, state: JourneyState) -> None:
        step = state.error.step if state.step is Step.ERROR and state.error else state.step
        for i, steps in enumerate(_STAGES):
            if step in steps:
                self._stage = i + 1
        if state.step is Step.START:
            self._stage = 0
        self.step_bar.setVisible(self._stage > 0)
        for i, stage in enumerate(self.stage_labels):
            number = i + 1
            value = (
                "done" if number < self._stage else "current" if number == self._stage else "todo"
            )
            if state.step is Step.DONE:
                value = "done" if number < len(_STAGES) else "current"
            set_prop(stage, "stepState", value)
            status = {
                "done": self.tr("done"),
                "current": self.tr("current"),
                "todo": self.tr("to do"),
            }[value]
            stage.setAccessibleName(
                self.tr("{step} ({status})").format(step=stage.text(), status=status)
            )

    def _render_pin(self, state: JourneyState) -> None:
        dialog = self.pin_dialog
        if state.step is Step.PIN and state.pin is not None:
            if state.pin.seq == self._pin_seq and dialog is not None:
                return
            if dialog is not None:
                dialog.dismiss()
            self._pin_seq = state.pin.seq
            dialog = PinDialog(state.pin, self)
            self.pin_actions.connect_dialog(dialog)
            self.pin_dialog = dialog
            dialog.open()
            words, urgent = dialog.announcement()
            self.announcer.announce(dialog, words, urgent=urgent)
            return
        # The PIN pad is waiting: the dialog stays up with its countdown.
        keep = (
            dialog is not None and dialog.request.pin_pad and state.operation is Operation.PIN_PAD
        )
        if dialog is not None and not keep:
            dialog.dismiss()
            dialog.deleteLater()
            self.pin_dialog = None

    def _speak(self, page: Page) -> None:
        """Window title = the page's heading; a new heading or problem is announced."""
        heading = page.heading.text()
        title = heading or self.tr("Link your NHS Smartcard")
        if self.windowTitle() != title:
            self.setWindowTitle(title)
        alert = page.alert()
        said = (page.objectName(), heading, alert)
        if said != self._said:
            self._said = said
            self.announcer.announce(
                page, f"{heading}. {alert}" if alert else heading, urgent=bool(alert)
            )

    def _on_step_changed(self, state: JourneyState, page: Page) -> None:
        if state.step is Step.CLOSED:
            QTimer.singleShot(0, self.close)
            return
        if state.step is not Step.PIN:
            self._focus_first(page)

    def _focus_first(self, page: Page) -> None:
        target = page.first_focus()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---------------------------------------------------------------- language
    def switch_language(self, language: str) -> None:
        """The switch on the start page: every page now, remembered for next time (not in
        kiosk mode, where the next person starts in the station's language again)."""
        if self.language.locked or language == current_language():
            return
        set_language(language)
        if self.language.remember_to is not None and not self.journey.settings.kiosk_mode:
            remember(self.language.remember_to, language)

    def _station_language(self) -> None:
        """Kiosk: a new person's session starts in the station's language."""
        if self.journey.settings.kiosk_mode and current_language() != self.language.station:
            set_language(self.language.station)

    # ---------------------------------------------------------------- quitting
    def shutdown(self) -> None:
        """Stop every wait, the card monitor and the workers (called once on quit)."""
        if self._closing:
            return
        self._closing = True
        if self.kiosk_timers is not None:
            self.kiosk_timers.stop()
        if self.pin_dialog is not None:
            self.pin_dialog.dismiss()
        self.journey.shutdown()
        self.executor.shutdown()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()  # a translator was installed or removed
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.shutdown()
        super().closeEvent(event)

"""Start: the three steps in one screen and the live readiness check."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from smartcard_linker.config import Settings
from smartcard_linker.flow.actions import JourneyActions
from smartcard_linker.flow.state import CheckStatus, JourneyState
from smartcard_linker.ui.diagnostics_actions import DiagnosticsActions
from smartcard_linker.ui.translate import t
from smartcard_linker.ui.widgets import (
    Page,
    UrlOpener,
    button,
    label,
    panel,
    set_button_text,
    set_prop,
    set_text,
)

_ICONS = {
    CheckStatus.OK: "✓",
    CheckStatus.FAILED: "✕",
    CheckStatus.CHECKING: "…",
    CheckStatus.SKIPPED: "–",
}


class StartPage(Page):
    def __init__(self, actions: JourneyActions, settings: Settings, open_url: UrlOpener) -> None:
        super().__init__(actions, settings, open_url, "startPage")
        self.title = self.heading = label(role="h1", name="startTitle")
        self.intro = label(role="lead")
        self.body.addWidget(self.title)
        self.body.addWidget(self.intro)

        steps = QGridLayout()
        steps.setHorizontalSpacing(14)
        steps.setVerticalSpacing(10)
        self.step_labels: list[QLabel] = []
        for i in range(3):
            number = label(str(i + 1), role="stepNumber")
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            text = label(role="lead")
            steps.addWidget(number, i, 0)
            steps.addWidget(text, i, 1)
            self.step_labels.append(text)
        steps.setColumnStretch(1, 1)
        self.body.addLayout(steps)

        self.checks_frame, checks = panel("card", "readinessPanel")
        self.checks_title = label(role="h2")
        checks.addWidget(self.checks_title)
        self.check_rows: dict[str, tuple[QLabel, QLabel, QLabel]] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        for i, key in enumerate(("service", "reader", "middleware", "portal")):
            icon = label(role=None, name=f"check_{key}_icon")
            icon.setFixedWidth(22)
            name = label(name=f"check_{key}")
            fix = label(role="fix", name=f"check_{key}_fix")
            grid.addWidget(icon, i * 2, 0)
            grid.addWidget(name, i * 2, 1)
            grid.addWidget(fix, i * 2 + 1, 1)
            self.check_rows[key] = (icon, name, fix)
        grid.setColumnStretch(1, 1)
        checks.addLayout(grid)
        self.diagnostics = DiagnosticsActions(settings, "start")
        checks.addWidget(self.diagnostics)
        self.body.addWidget(self.checks_frame)

        self.config_banner, config_layout = panel("error", "configProblem")
        self.config_text = label(name="configProblemText")
        config_layout.addWidget(self.config_text)
        self.body.addWidget(self.config_banner)

        self.body.addStretch(1)
        self.start_button = button("", "startButton", "primary")
        self.start_button.clicked.connect(actions.begin)
        self.recheck_button = button("", "recheckButton")
        self.recheck_button.clicked.connect(actions.recheck)
        self.add_actions(self.start_button, self.recheck_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.diagnostics.retranslate()
        set_button_text(self.start_button, self.tr("Start now"))
        set_button_text(self.recheck_button, self.tr("Check again"))

    def clear(self, blank: JourneyState) -> None:
        super().clear(blank)
        self.diagnostics.reset()

    def show_state(self, state: JourneyState) -> None:
        product = state.product_name
        set_text(
            self.title,
            self.tr("Link your NHS Smartcard to your {product} account").format(product=product),
        )
        set_text(self.intro, self.tr("It takes about 2 minutes. You will:"))
        texts = (
            self.tr("Sign in with your {product} account in your web browser."),
            self.tr("Insert your NHS Smartcard and enter its passcode."),
            self.tr("Check the details and confirm."),
        )
        for widget, text in zip(self.step_labels, texts, strict=True):
            set_text(widget, text.format(product=product))
        set_text(self.checks_title, self.tr("Checking this computer is ready"))
        for check in state.readiness:
            icon, name, fix = self.check_rows[check.key]
            icon.setText(_ICONS[check.status])
            set_prop(icon, "status", check.status.value)
            status_word = {
                CheckStatus.OK: self.tr("ready"),
                CheckStatus.FAILED: self.tr("problem"),
                CheckStatus.CHECKING: self.tr("checking"),
                CheckStatus.SKIPPED: self.tr("not checked yet"),
            }[check.status]
            icon.setAccessibleName(status_word)
            detail = t(check.detail)
            name.setText(f"{t(check.label)} ({detail})" if detail else t(check.label))
            name.setAccessibleName(f"{t(check.label)}: {status_word}")
            set_text(fix, t(check.fix))
        self.config_banner.setVisible(bool(state.config_error))
        if state.config_error:
            set_text(
                self.config_text,
                self.tr(
                    "This app is not set up correctly, so it cannot link yet: {problem}"
                ).format(problem=state.config_error),
            )
        failed = any(c.status is CheckStatus.FAILED for c in state.readiness)
        self.start_button.setEnabled(state.ready)
        self.recheck_button.setVisible(failed)

    def alert(self) -> str:
        problems = [self.config_text.text()] if self.config_banner.isVisibleTo(self) else []
        for _icon, name, fix in self.check_rows.values():
            if fix.text():
                problems.append(f"{name.accessibleName()}. {fix.text()}")
        return " ".join(problems)

    def first_focus(self) -> QWidget | None:
        return self.start_button if self.start_button.isEnabled() else self.recheck_button

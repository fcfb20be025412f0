"""The readiness check as plain decisions: the four checks, and the plain fix for a failure.

Which fix a failed check shows depends only on the check and the failure's code, so it is
decided here and unit-tested without a journey.
"""

from __future__ import annotations

from dataclasses import replace

from smartcard_linker.card.errors import ModuleNotFound
from smartcard_linker.card.model import MonitorStatus, ReaderState
from smartcard_linker.card.modules import module_name
from smartcard_linker.flow.msg import Msg, msg
from smartcard_linker.flow.state import CheckStatus, ReadinessCheck

CTX = "Journey"


def initial_checks() -> tuple[ReadinessCheck, ...]:
    """The four checks, all still running."""
    return (
        ReadinessCheck("service", msg("Journey", "Smartcard service")),
        ReadinessCheck("reader", msg("Journey", "Smartcard reader")),
        ReadinessCheck("middleware", msg("Journey", "Smartcard software")),
        ReadinessCheck("portal", msg("Journey", "Link My NHS Accounts portal")),
    )


def fix_for(key: str, code: str | None) -> Msg:
    """What the person can do about a failed check ``key`` that failed with ``code``."""
    if key == "service":
        return msg(
            "Journey",
            "The smartcard service is not running. Restart the computer, or ask your "
            "Local Administrator to start it.",
        )
    if key == "reader":
        return msg("Journey", "No smartcard reader found. Plug in your smartcard reader.")
    if key == "middleware":
        if code == "pkcs11_module_failed":
            return msg(
                "Journey",
                "The NHS smartcard software did not start. Restart the computer, or ask your "
                "Local Administrator to repair it.",
            )
        return msg(
            "Journey",
            "No smartcard software was found. Ask your Local Administrator to install it: "
            "OpenSC for Series 9 and 10 cards, Oberthur AWP for Series 8 cards.",
        )
    if code == "tls":
        return msg(
            "Journey", "The secure connection to the portal failed. Ask your Local Administrator."
        )
    if code not in (None, "network", "timeout"):
        return msg("Journey", "The portal is not available. Try again in a few minutes.")
    return msg(
        "Journey", "Cannot reach the portal. Check this computer is connected to the network."
    )


def note_for_skipped(key: str) -> Msg | None:
    """Why check ``key`` cannot run yet (the reader waits for the smartcard service)."""
    if key == "reader":
        return msg("Journey", "Checked once the smartcard service is running.")
    return None


def middleware_detail(found: object, failure: Exception | None) -> Msg | None:
    """The module in use (its name and path), or, when none was found, where the app looked."""
    if isinstance(found, str) and found:
        return msg("Journey", "{name}: {path}").fill(name=module_name(found), path=found)
    if isinstance(failure, ModuleNotFound) and failure.tried:
        return msg("Journey", "Looked in: {places}").fill(places="; ".join(failure.tried))
    return None


def with_result(
    checks: tuple[ReadinessCheck, ...],
    key: str,
    status: CheckStatus,
    code: str | None = None,
    detail: Msg | None = None,
) -> tuple[ReadinessCheck, ...]:
    """``checks`` with check ``key`` set to ``status`` (and its fix, when it failed)."""
    return tuple(
        replace(
            check,
            status=status,
            code=code,
            detail=detail,
            fix=(
                fix_for(key, code)
                if status is CheckStatus.FAILED
                else note_for_skipped(key)
                if status is CheckStatus.SKIPPED
                else None
            ),
        )
        if check.key == key
        else check
        for check in checks
    )


def all_passed(checks: tuple[ReadinessCheck, ...], config_error: str | None) -> bool:
    """Start is allowed only when the settings are valid and every check passed."""
    return config_error is None and all(c.status is CheckStatus.OK for c in checks)


def card_checks(
    checks: tuple[ReadinessCheck, ...], status: MonitorStatus, readers: tuple[ReaderState, ...]
) -> tuple[ReadinessCheck, ...]:
    """The service and reader checks as the card monitor's status and readers say."""
    service_ok = status not in (MonitorStatus.SERVICE_UNAVAILABLE, MonitorStatus.STOPPED)
    checks = with_result(
        checks,
        "service",
        CheckStatus.OK if service_ok else CheckStatus.FAILED,
        None if service_ok else "card_service_unavailable",
    )
    if not service_ok:  # no service, no reader list: the reader is not known to be missing
        return with_result(checks, "reader", CheckStatus.SKIPPED, "card_service_unavailable")
    has_reader = status is not MonitorStatus.NO_READER and bool(readers)
    return with_result(
        checks,
        "reader",
        CheckStatus.OK if has_reader else CheckStatus.FAILED,
        None if has_reader else "no_reader",
    )

"""The error catalogue: every failure code → what the user is told and can do.

Covers every card-layer code (card/errors.py), every sign-in code
(signin/errors.py), every Link API ``ErrorCode``, the portal client's transport
codes (network, tls, timeout, unexpected) and the flow's own codes. Text uses
``{product}`` for the configurable mail service name ("NHSmail" or
"NHS.net Connect"). ``retry`` says whether trying the same step again is safe
and may help; the flow then offers Retry.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from smartcard_linker.flow.msg import Msg, msg

CONTEXT = "ErrorCatalogue"


class Link(StrEnum):
    """An outside page an error points to; the flow resolves it to a URL from the settings."""

    NONE = ""
    UNLOCK = "unlock"  # self-service unlock
    AUP = "aup"  # the Acceptable Use Policy (from MeView.aup_url)
    HELPDESK = "helpdesk"


@dataclass(frozen=True)
class ErrorEntry:
    code: str
    title: str
    message: str
    action: str
    retry: bool
    link: Link = Link.NONE
    sign_in_again: bool = False  # the action is to sign in again (not a plain retry)

    def texts(self, product: str) -> tuple[Msg, Msg, Msg]:
        def m(template: str) -> Msg:
            return msg(CONTEXT, template, product=product)

        return m(self.title), m(self.message), m(self.action)


_ADMIN = "If this keeps happening, contact your Local Administrator."

_ENTRIES: tuple[ErrorEntry, ...] = (
    # ---- card layer -------------------------------------------------------------
    ErrorEntry(
        "card_error",
        "There is a problem with your smartcard",
        "Your smartcard could not be read.",
        "Take the card out, put it back in and try again. " + _ADMIN,
        retry=True,
    ),
    ErrorEntry(
        "card_service_unavailable",
        "The smartcard service is not running",
        "This computer's smartcard service is stopped, so no card can be read.",
        "Restart the computer. If that does not help, ask your Local Administrator to start "
        "the smartcard service.",
        retry=True,
    ),
    ErrorEntry(
        "no_reader",
        "No smartcard reader found",
        "No smartcard reader is connected to this computer.",
        "Plug in your smartcard reader, then select Retry.",
        retry=True,
    ),
    ErrorEntry(
        "no_card",
        "No smartcard in the reader",
        "There is no smartcard in the reader.",
        "Put your smartcard in the reader, chip first and facing up, then select Retry.",
        retry=True,
    ),
    ErrorEntry(
        "card_unsupported",
        "This card cannot be used",
        "The card in the reader is not an NHS Smartcard this app can use. Series 4, 5 and 6 "
        "cards are no longer supported.",
        "Check you inserted your NHS Smartcard. If it is an old card, ask your Registration "
        "Authority for a new one.",
        retry=True,
    ),
    ErrorEntry(
        "card_series_retired",
        "This card series no longer works",
        "The card in the reader is an old NHS Smartcard series (Series 4 to 6) that NHS England "
        "has blocked. No passcode was asked for.",
        "Ask your Registration Authority for a replacement. If you have a newer NHS Smartcard, "
        "insert it and select Retry.",
        retry=True,
    ),
    ErrorEntry(
        "card_not_nhs",
        "This is not an NHS Smartcard",
        "The card in the reader is a smartcard, but its certificate was not issued by the NHS, "
        "so it cannot be linked. No passcode was asked for.",
        "Take it out and insert your NHS Smartcard, then select Retry.",
        retry=True,
    ),
    ErrorEntry(
        "pkcs11_module_missing",
        "Smartcard software is not installed",
        "The smartcard software (card middleware) this app needs was not found on this computer.",
        "Ask your Local Administrator to install the NHS smartcard software, then start this "
        "app again.",
        retry=True,
    ),
    ErrorEntry(
        "pkcs11_module_failed",
        "Smartcard software did not start",
        "The smartcard software (card middleware) is installed but failed to start.",
        "Restart the computer. If that does not help, ask your Local Administrator to repair "
        "the NHS smartcard software.",
        retry=True,
    ),
    ErrorEntry(
        "pin_wrong",
        "The passcode was not accepted",
        "The smartcard did not accept that passcode.",
        "Check your passcode and try again. Three wrong passcodes lock the card.",
        retry=True,
    ),
    ErrorEntry(
        "pin_format",
        "That passcode is not the right length",
        "The passcode you typed is shorter or longer than your card allows. No attempt was used.",
        "Type your passcode again.",
        retry=True,
    ),
    ErrorEntry(
        "pin_locked",
        "Your smartcard is locked",
        "Too many wrong passcodes were entered, so your smartcard is locked. It cannot be "
        "used until it is unlocked.",
        "Unlock it yourself online (you need an email address or mobile number on your NHS "
        "Care Identity profile), or ask your Registration Authority to unlock it.",
        retry=False,
        link=Link.UNLOCK,
    ),
    ErrorEntry(
        "pin_stopped",
        "You stopped before your last try",
        "Your card has one passcode try left. You chose not to risk locking it.",
        "Unlock or reset your passcode online (you need an email address or mobile number "
        "on your NHS Care Identity profile), or ask your Registration Authority. Then start "
        "again.",
        retry=False,
        link=Link.UNLOCK,
    ),
    ErrorEntry(
        "pin_pad_timeout",
        "Time ran out to enter your passcode",
        "No passcode was entered on the reader's keypad in time. No attempt was used.",
        "Select Retry and type your passcode on the reader's keypad.",
        retry=True,
    ),
    ErrorEntry(
        "card_removed",
        "Your smartcard was removed",
        "The smartcard was taken out of the reader before the step finished.",
        "Put your smartcard back in the reader, then select Retry.",
        retry=True,
    ),
    ErrorEntry(
        "card_busy",
        "Your smartcard is in use by another program",
        "Another program is using the smartcard right now.",
        "Close other programs that use the smartcard, then select Retry.",
        retry=True,
    ),
    ErrorEntry(
        "certificate_missing",
        "No NHS certificate on this card",
        "The card does not hold the NHS certificate needed to link it.",
        "Ask your Registration Authority to check your smartcard.",
        retry=False,
    ),
    ErrorEntry(
        "certificate_expired",
        "Your smartcard certificate has expired",
        "The certificate on your smartcard is out of date, so the card cannot be linked.",
        "Ask your Registration Authority to renew the certificate on your card, then try again.",
        retry=False,
    ),
    # ---- sign-in -----------------------------------------------------------------
    ErrorEntry(
        "signin_failed",
        "Sign-in did not work",
        "Signing in to {product} did not complete.",
        "Select Sign in again. " + _ADMIN,
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        "signin_cancelled",
        "Sign-in was cancelled",
        "You cancelled signing in to {product}.",
        "Select Sign in again when you are ready.",
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        "signin_timeout",
        "Sign-in took too long",
        "The browser sign-in to {product} was not finished in time.",
        "Select Sign in again, then finish signing in in your browser.",
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        "browser_unavailable",
        "The web browser could not be opened",
        "Signing in to {product} needs a web browser, and none could be opened.",
        "Ask your Local Administrator to set a default web browser, then select Sign in again.",
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        "signin_network",
        "Cannot reach the {product} sign-in service",
        "This computer could not connect to the {product} sign-in service.",
        "Check the computer is connected to the network, then select Sign in again. " + _ADMIN,
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        "signin_provider_error",
        "{product} could not sign you in",
        "The {product} sign-in service refused the sign-in.",
        "Check you used your {product} address and password. " + _ADMIN,
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        "signin_required",
        "Please sign in again",
        "Your {product} sign-in has ended.",
        "Select Sign in again to carry on where you left off.",
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        "signin_cancelled_at_provider",
        "Sign-in was cancelled",
        "Sign-in to {product} was cancelled on the sign-in page.",
        "Select Sign in again when you are ready.",
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        "token_cache_unavailable",
        "Your sign-in cannot be remembered",
        "This computer's protected store is not available, so your {product} sign-in is "
        "kept only until you close this app.",
        "Select Sign in again to carry on. " + _ADMIN,
        retry=True,
        sign_in_again=True,
    ),
    # ---- Link API problem codes -----------------------------------------------------
    ErrorEntry(
        "token_invalid",
        "Please sign in again",
        "The portal did not accept your {product} sign-in.",
        "Select Sign in again to carry on where you left off.",
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        "aup_not_accepted",
        "Accept the Acceptable Use Policy first",
        "You need to accept the {product} Acceptable Use Policy before you can link your "
        "smartcard.",
        "Open the policy, accept it, then come back. It can take about 2 hours before "
        "linking works.",
        retry=False,
        link=Link.AUP,
    ),
    ErrorEntry(
        "account_inactive",
        "Your {product} account is not active",
        "Your {product} account is not active, so it cannot be linked.",
        "Contact your Local Administrator to make your account active.",
        retry=False,
    ),
    ErrorEntry(
        "challenge_expired",
        "That took too long",
        "The security check for this link ran out of time.",
        "Select Retry to run the check again. You may need to enter your passcode again.",
        retry=True,
    ),
    ErrorEntry(
        "challenge_used",
        "The security check was already used",
        "This security check was used already, so it cannot be used again.",
        "Select Retry to run a new check.",
        retry=True,
    ),
    ErrorEntry(
        "certificate_untrusted",
        "Your smartcard is not recognised",
        "The portal does not recognise the certificate on this smartcard as an NHS one.",
        "Check you are using your own NHS Smartcard. If you are, contact your Registration "
        "Authority.",
        retry=False,
    ),
    ErrorEntry(
        "certificate_revoked",
        "Your smartcard certificate has been cancelled",
        "The certificate on this smartcard has been revoked, so the card cannot be linked.",
        "Contact your Registration Authority about your smartcard.",
        retry=False,
    ),
    ErrorEntry(
        "signature_invalid",
        "Your smartcard could not be checked",
        "The portal could not confirm the signature made by your smartcard.",
        "Take the card out, put it back in and start again. " + _ADMIN,
        retry=False,
    ),
    ErrorEntry(
        "identity_unknown",
        "Your NHS Care Identity was not found",
        "The portal cannot find the NHS Care Identity on this smartcard.",
        "Contact your Registration Authority to check your NHS Care Identity.",
        retry=False,
    ),
    ErrorEntry(
        "identity_inactive",
        "Your NHS Care Identity is not active",
        "The NHS Care Identity on this smartcard is not active, so it cannot be linked.",
        "Contact your Registration Authority.",
        retry=False,
    ),
    ErrorEntry(
        "already_linked",
        "Already linked",
        "This {product} account or this smartcard is already linked.",
        "If the link is wrong, contact your Local Administrator.",
        retry=False,
    ),
    ErrorEntry(
        "not_found",
        "This link request no longer exists",
        "The portal has no record of this link request.",
        "Start again.",
        retry=False,
    ),
    ErrorEntry(
        "rate_limited",
        "Too many attempts",
        "The portal is receiving too many requests right now.",
        "Wait a minute, then select Retry.",
        retry=True,
    ),
    ErrorEntry(
        "bad_request",
        "Something went wrong",
        "The portal could not understand a request from this app.",
        "Start again. If it keeps happening, your Local Administrator may need to update this app.",
        retry=False,
    ),
    ErrorEntry(
        "link_request_expired",
        "That took too long",
        "The time to confirm this link ran out.",
        "Start again from inserting your smartcard.",
        retry=False,
    ),
    ErrorEntry(
        "service_unavailable",
        "The portal is busy",
        "The Link My NHS Accounts portal cannot take requests right now.",
        "Wait a few minutes, then select Retry. Nothing is linked twice if you retry.",
        retry=True,
    ),
    ErrorEntry(
        "internal_error",
        "The portal had a problem",
        "Something went wrong in the Link My NHS Accounts portal.",
        "Select Retry in a few minutes. If it keeps happening, copy the details and contact "
        "your Local Administrator.",
        retry=True,
    ),
    # ---- transport (portal client) ------------------------------------------------------
    ErrorEntry(
        "network",
        "Cannot reach the portal",
        "This computer could not connect to the Link My NHS Accounts portal.",
        "Check the computer is connected to the network, then select Retry.",
        retry=True,
    ),
    ErrorEntry(
        "tls",
        "Secure connection failed",
        "The connection to the portal could not be checked as secure, so it was stopped.",
        "Contact your Local Administrator: the network may be intercepting secure connections.",
        retry=True,
    ),
    ErrorEntry(
        "timeout",
        "The portal is taking too long",
        "The portal did not answer in time.",
        "Select Retry. Nothing is linked twice if you retry.",
        retry=True,
    ),
    ErrorEntry(
        "unexpected",
        "The portal had a problem",
        "The portal gave an answer this app did not expect.",
        "Select Retry in a few minutes. Nothing is linked twice if you retry.",
        retry=True,
    ),
    # ---- the flow's own codes -------------------------------------------------------------
    ErrorEntry(
        "origin_mismatch",
        "Wrong portal",
        "The portal answered for a different address than the one this app is set up for, "
        "so your smartcard was not used.",
        "Contact your Local Administrator: this app's portal setting may be wrong.",
        retry=False,
    ),
    ErrorEntry(
        "app_error",
        "Something went wrong in this app",
        "This app hit a problem it did not expect.",
        "Select Retry. If it happens again, copy the details and contact your Local Administrator.",
        retry=True,
    ),
)

CATALOGUE: dict[str, ErrorEntry] = {entry.code: entry for entry in _ENTRIES}
FALLBACK = CATALOGUE["app_error"]


def entry_for(code: str) -> ErrorEntry:
    """The entry for ``code``; unknown codes fall back to the generic one (never a crash)."""
    return CATALOGUE.get(code, FALLBACK)


def all_templates() -> list[str]:
    """Every catalogue string (for translation tooling)."""
    return [t for e in _ENTRIES for t in (e.title, e.message, e.action)]

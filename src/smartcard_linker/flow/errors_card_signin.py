"""The error catalogue's words for the card layer and sign-in failures (card/errors.py,
signin/errors.py)."""

from __future__ import annotations

from smartcard_linker.codes import MessageCode
from smartcard_linker.flow.error_entry import ErrorEntry, Link
from smartcard_linker.translatable import QT_TRANSLATE_NOOP

ENTRIES: tuple[ErrorEntry, ...] = (
    # ---- card layer ----------------------------------------------------------------------
    ErrorEntry(
        MessageCode.CARD_ERROR,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "There is a problem with your smartcard"),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Your smartcard could not be read."),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Take the card out, put it back in and try again. If this keeps happening, contact "
            "your Local Administrator.",
        ),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.CARD_SERVICE_UNAVAILABLE,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "The smartcard service is not running"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "This computer's smartcard service is stopped, so no card can be read.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Restart the computer. If that does not help, ask your Local Administrator to start "
            "the smartcard service.",
        ),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.NO_READER,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "No smartcard reader found"),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "No smartcard reader is connected to this computer."),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Plug in your smartcard reader, then select Retry."),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.NO_CARD,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "No smartcard in the reader"),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "There is no smartcard in the reader."),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Put your smartcard in the reader, chip first and facing up, then select Retry.",
        ),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.CARD_UNSUPPORTED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "This card cannot be used"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The card in the reader is not an NHS Smartcard this app can use. Series 4, 5 and 6 "
            "cards are no longer supported.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Check you inserted your NHS Smartcard. If it is an old card, ask your Registration "
            "Authority for a new one.",
        ),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.CARD_SERIES_RETIRED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "This card series no longer works"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The card in the reader is an old NHS Smartcard series (Series 4 to 6) that NHS "
            "England has blocked. No passcode was asked for.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Ask your Registration Authority for a replacement. If you have a newer NHS "
            "Smartcard, insert it and select Retry.",
        ),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.CARD_NOT_NHS,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "This is not an NHS Smartcard"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The card in the reader is a smartcard, but its certificate was not issued by the "
            "NHS, so it cannot be linked. No passcode was asked for.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue", "Take it out and insert your NHS Smartcard, then select Retry."
        ),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.PKCS11_MODULE_MISSING,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Smartcard software is not installed"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The smartcard software (card middleware) this app needs was not found on this "
            "computer.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Ask your Local Administrator to install the NHS smartcard software, then start this "
            "app again.",
        ),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.PKCS11_MODULE_FAILED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Smartcard software did not start"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The smartcard software (card middleware) is installed but failed to start.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Restart the computer. If that does not help, ask your Local Administrator to repair "
            "the NHS smartcard software.",
        ),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.PIN_WRONG,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "The passcode was not accepted"),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "The smartcard did not accept that passcode."),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Check your passcode and try again. Three wrong passcodes lock the card.",
        ),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.PIN_FORMAT,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "That passcode is not the right length"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The passcode you typed is shorter or longer than your card allows. No attempt was "
            "used.",
        ),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Type your passcode again."),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.PIN_LOCKED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Your smartcard is locked"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Too many wrong passcodes were entered, so your smartcard is locked. It cannot be "
            "used until it is unlocked.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Unlock it yourself online (you need an email address or mobile number on your NHS "
            "Care Identity profile), or ask your Registration Authority to unlock it.",
        ),
        retry=False,
        link=Link.UNLOCK,
    ),
    ErrorEntry(
        MessageCode.PIN_STOPPED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "You stopped before your last try"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Your card has one passcode try left. You chose not to risk locking it.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Unlock or reset your passcode online (you need an email address or mobile number on "
            "your NHS Care Identity profile), or ask your Registration Authority. Then start "
            "again.",
        ),
        retry=False,
        link=Link.UNLOCK,
    ),
    ErrorEntry(
        MessageCode.PIN_PAD_TIMEOUT,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Time ran out to enter your passcode"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "No passcode was entered on the reader's keypad in time. No attempt was used.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Select Retry and type your passcode on the reader's keypad.",
        ),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.CARD_REMOVED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Your smartcard was removed"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The smartcard was taken out of the reader before the step finished.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Put your smartcard back in the reader, then select Retry.",
        ),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.CARD_BUSY,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Your smartcard is in use by another program"),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Another program is using the smartcard right now."),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Close other programs that use the smartcard, then select Retry.",
        ),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.CERTIFICATE_MISSING,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "No NHS certificate on this card"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The card does not hold the NHS certificate needed to link it.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Ask your Registration Authority to check your smartcard.",
        ),
        retry=False,
    ),
    ErrorEntry(
        MessageCode.CERTIFICATE_EXPIRED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Your smartcard certificate has expired"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The certificate on your smartcard is out of date, so the card cannot be linked.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Ask your Registration Authority to renew the certificate on your card, then try "
            "again.",
        ),
        retry=False,
    ),
    # ---- sign-in -------------------------------------------------------------------------
    ErrorEntry(
        MessageCode.SIGNIN_FAILED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Sign-in did not work"),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Signing in to {product} did not complete."),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Select Sign in again. If this keeps happening, contact your Local Administrator.",
        ),
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        MessageCode.SIGNIN_CANCELLED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Sign-in was cancelled"),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "You cancelled signing in to {product}."),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Select Sign in again when you are ready."),
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        MessageCode.SIGNIN_TIMEOUT,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Sign-in took too long"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The browser sign-in to {product} was not finished in time.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Select Sign in again, then finish signing in in your browser.",
        ),
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        MessageCode.BROWSER_UNAVAILABLE,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "The web browser could not be opened"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Signing in to {product} needs a web browser, and none could be opened.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Ask your Local Administrator to set a default web browser, then select Sign in again.",
        ),
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        MessageCode.SIGNIN_NETWORK,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Cannot reach the {product} sign-in service"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "This computer could not connect to the {product} sign-in service.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Check the computer is connected to the network, then select Sign in again. If this "
            "keeps happening, contact your Local Administrator.",
        ),
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        MessageCode.SIGNIN_PROVIDER_ERROR,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "{product} could not sign you in"),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "The {product} sign-in service refused the sign-in."),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Check you used your {product} address and password. If this keeps happening, contact"
            " your Local Administrator.",
        ),
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        MessageCode.SIGNIN_REQUIRED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Please sign in again"),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Your {product} sign-in has ended."),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Select Sign in again to carry on where you left off."),
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        MessageCode.SIGNIN_CANCELLED_AT_PROVIDER,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Sign-in was cancelled"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Sign-in to {product} was cancelled on the sign-in page.",
        ),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Select Sign in again when you are ready."),
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        MessageCode.TOKEN_CACHE_UNAVAILABLE,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Your sign-in cannot be remembered"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "This computer's protected store is not available, so your {product} sign-in is kept "
            "only until you close this app.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Select Sign in again to carry on. If this keeps happening, contact your Local "
            "Administrator.",
        ),
        retry=True,
        sign_in_again=True,
    ),
)

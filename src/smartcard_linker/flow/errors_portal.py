"""The error catalogue's words for the Link API's problem codes, the portal client's transport
failures and the flow's own codes."""

from __future__ import annotations

from smartcard_linker.codes import MessageCode
from smartcard_linker.flow.error_entry import ErrorEntry, Link
from smartcard_linker.translatable import QT_TRANSLATE_NOOP

ENTRIES: tuple[ErrorEntry, ...] = (
    # ---- Link API problem codes ----------------------------------------------------------
    ErrorEntry(
        MessageCode.TOKEN_INVALID,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Please sign in again"),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "The portal did not accept your {product} sign-in."),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Select Sign in again to carry on where you left off."),
        retry=True,
        sign_in_again=True,
    ),
    ErrorEntry(
        MessageCode.AUP_NOT_ACCEPTED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Accept the Acceptable Use Policy first"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "You need to accept the {product} Acceptable Use Policy before you can link your "
            "smartcard.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Open the policy, accept it, then come back. It can take about 2 hours before linking"
            " works.",
        ),
        retry=False,
        link=Link.AUP,
    ),
    ErrorEntry(
        MessageCode.ACCOUNT_INACTIVE,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Your {product} account is not active"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Your {product} account is not active, so it cannot be linked.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Contact your Local Administrator to make your account active.",
        ),
        retry=False,
    ),
    ErrorEntry(
        MessageCode.CHALLENGE_EXPIRED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "That took too long"),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "The security check for this link ran out of time."),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Select Retry to run the check again. You may need to enter your passcode again.",
        ),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.CHALLENGE_USED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "The security check was already used"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "This security check was used already, so it cannot be used again.",
        ),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Select Retry to run a new check."),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.CERTIFICATE_UNTRUSTED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Your smartcard is not recognised"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The portal does not recognise the certificate on this smartcard as an NHS one.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Check you are using your own NHS Smartcard. If you are, contact your Registration "
            "Authority.",
        ),
        retry=False,
    ),
    ErrorEntry(
        MessageCode.CERTIFICATE_REVOKED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Your smartcard certificate has been cancelled"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The certificate on this smartcard has been revoked, so the card cannot be linked.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Contact your Registration Authority about your smartcard.",
        ),
        retry=False,
    ),
    ErrorEntry(
        MessageCode.SIGNATURE_INVALID,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Your smartcard could not be checked"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The portal could not confirm the signature made by your smartcard.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Take the card out, put it back in and start again. If this keeps happening, contact "
            "your Local Administrator.",
        ),
        retry=False,
    ),
    ErrorEntry(
        MessageCode.IDENTITY_UNKNOWN,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Your NHS Care Identity was not found"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The portal cannot find the NHS Care Identity on this smartcard.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Contact your Registration Authority to check your NHS Care Identity.",
        ),
        retry=False,
    ),
    ErrorEntry(
        MessageCode.IDENTITY_INACTIVE,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Your NHS Care Identity is not active"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The NHS Care Identity on this smartcard is not active, so it cannot be linked.",
        ),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Contact your Registration Authority."),
        retry=False,
    ),
    ErrorEntry(
        MessageCode.ALREADY_LINKED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Already linked"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "This {product} account or this smartcard is already linked.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "If the link is wrong, contact your Local Administrator.",
        ),
        retry=False,
    ),
    ErrorEntry(
        MessageCode.NOT_FOUND,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "This link request no longer exists"),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "The portal has no record of this link request."),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Start again."),
        retry=False,
    ),
    ErrorEntry(
        MessageCode.RATE_LIMITED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Too many attempts"),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "The portal is receiving too many requests right now."),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Wait a minute, then select Retry."),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.BAD_REQUEST,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Something went wrong"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The portal could not understand a request from this app.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Start again. If it keeps happening, your Local Administrator may need to update this"
            " app.",
        ),
        retry=False,
    ),
    ErrorEntry(
        MessageCode.LINK_REQUEST_EXPIRED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "That took too long"),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "The time to confirm this link ran out."),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Start again from inserting your smartcard."),
        retry=False,
    ),
    ErrorEntry(
        MessageCode.SERVICE_UNAVAILABLE,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "The portal is busy"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The Link My NHS Accounts portal cannot take requests right now.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Wait a few minutes, then select Retry. Nothing is linked twice if you retry.",
        ),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.INTERNAL_ERROR,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "The portal had a problem"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Something went wrong in the Link My NHS Accounts portal.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Select Retry in a few minutes. If it keeps happening, copy the details and contact "
            "your Local Administrator.",
        ),
        retry=True,
    ),
    # ---- transport (portal client) -------------------------------------------------------
    ErrorEntry(
        MessageCode.NETWORK,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Cannot reach the portal"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "This computer could not connect to the Link My NHS Accounts portal.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Check the computer is connected to the network, then select Retry.",
        ),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.TLS,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Secure connection failed"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The connection to the portal could not be checked as secure, so it was stopped.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Contact your Local Administrator: the network may be intercepting secure connections.",
        ),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.TIMEOUT,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "The portal is taking too long"),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "The portal did not answer in time."),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Select Retry. Nothing is linked twice if you retry."),
        retry=True,
    ),
    ErrorEntry(
        MessageCode.UNEXPECTED,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "The portal had a problem"),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "The portal gave an answer this app did not expect."),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Select Retry in a few minutes. Nothing is linked twice if you retry.",
        ),
        retry=True,
    ),
    # ---- the flow's own codes ------------------------------------------------------------
    ErrorEntry(
        MessageCode.ORIGIN_MISMATCH,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Wrong portal"),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "The portal answered for a different address than the one this app is set up for, so "
            "your smartcard was not used.",
        ),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Contact your Local Administrator: this app's portal setting may be wrong.",
        ),
        retry=False,
    ),
    ErrorEntry(
        MessageCode.APP_ERROR,
        QT_TRANSLATE_NOOP("ErrorCatalogue", "Something went wrong in this app"),
        QT_TRANSLATE_NOOP("ErrorCatalogue", "This app hit a problem it did not expect."),
        QT_TRANSLATE_NOOP(
            "ErrorCatalogue",
            "Select Retry. If it happens again, copy the details and contact your Local "
            "Administrator.",
        ),
        retry=True,
    ),
)

"""Card failures with plain meaning; the flow maps each ``code`` to words and an action."""

from __future__ import annotations

from smartcard_linker.codes import MessageCode


class CardError(Exception):
    """Base of every card-layer failure. ``code`` is stable and shown to support."""

    code: str = MessageCode.CARD_ERROR  # a MessageCode


class SmartCardServiceUnavailable(CardError):
    code = MessageCode.CARD_SERVICE_UNAVAILABLE


class NoReader(CardError):
    code = MessageCode.NO_READER


class NoCard(CardError):
    code = MessageCode.NO_CARD


class UnsupportedCard(CardError):
    code = MessageCode.CARD_UNSUPPORTED


class ModuleNotFound(CardError):
    """No PKCS#11 module (card middleware) at any configured or known path (``tried``)."""

    code = MessageCode.PKCS11_MODULE_MISSING

    def __init__(self, message: str, *, tried: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.tried = tried


class ModuleLoadFailed(CardError):
    code = MessageCode.PKCS11_MODULE_FAILED


class WrongPin(CardError):
    """The card refused the PIN. ``tries_left`` is None when the card does not say."""

    code = MessageCode.PIN_WRONG

    def __init__(
        self, message: str = "wrong PIN", *, tries_left: int | None = None, final_try: bool = False
    ) -> None:
        super().__init__(message)
        self.tries_left = tries_left
        self.final_try = final_try


class PinFormatRejected(CardError):
    """The PIN breaks the token's length rules; refused before the card saw it (no try used)."""

    code = MessageCode.PIN_FORMAT

    def __init__(self, message: str, *, min_length: int, max_length: int) -> None:
        super().__init__(message)
        self.min_length = min_length
        self.max_length = max_length


class PinLocked(CardError):
    code = MessageCode.PIN_LOCKED


class PinPadTimeout(CardError):
    code = MessageCode.PIN_PAD_TIMEOUT


class CardRemoved(CardError):
    """The card left the reader during an operation."""

    code = MessageCode.CARD_REMOVED


class CardBusy(CardError):
    """Another program holds the card exclusively."""

    code = MessageCode.CARD_BUSY


class CertificateMissing(CardError):
    code = MessageCode.CERTIFICATE_MISSING


class CertificateExpired(CardError):
    code = MessageCode.CERTIFICATE_EXPIRED


class NotAnNhsCard(CardError):
    """The card's certificate is not from an NHS issuer (``recognition`` says which, and why)."""

    code = MessageCode.CARD_NOT_NHS

    def __init__(self, message: str, *, recognition: object | None = None) -> None:
        super().__init__(message)
        self.recognition = recognition


class RetiredCardSeries(CardError):
    """An NHS card series that no longer works (known by its ATR); stopped before any PIN."""

    code = MessageCode.CARD_SERIES_RETIRED

    def __init__(self, message: str, *, recognition: object | None = None) -> None:
        super().__init__(message)
        self.recognition = recognition

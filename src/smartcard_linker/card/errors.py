"""Card failures with plain meaning; the flow maps each ``code`` to words and an action."""

from __future__ import annotations


class CardError(Exception):
    """Base of every card-layer failure. ``code`` is stable and shown to support."""

    code = "card_error"


class SmartCardServiceUnavailable(CardError):
    code = "card_service_unavailable"


class NoReader(CardError):
    code = "no_reader"


class NoCard(CardError):
    code = "no_card"


class UnsupportedCard(CardError):
    code = "card_unsupported"


class ModuleNotFound(CardError):
    """No PKCS#11 module (card middleware) at any configured or known path (``tried``)."""

    code = "pkcs11_module_missing"

    def __init__(self, message: str, *, tried: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.tried = tried


class ModuleLoadFailed(CardError):
    code = "pkcs11_module_failed"


class WrongPin(CardError):
    """The card refused the PIN. ``tries_left`` is None when the card does not say."""

    code = "pin_wrong"

    def __init__(
        self, message: str = "wrong PIN", *, tries_left: int | None = None, final_try: bool = False
    ) -> None:
        super().__init__(message)
        self.tries_left = tries_left
        self.final_try = final_try


class PinFormatRejected(CardError):
    """The PIN breaks the token's length rules; refused before the card saw it (no try used)."""

    code = "pin_format"

    def __init__(self, message: str, *, min_length: int, max_length: int) -> None:
        super().__init__(message)
        self.min_length = min_length
        self.max_length = max_length


class PinLocked(CardError):
    code = "pin_locked"


class PinPadTimeout(CardError):
    code = "pin_pad_timeout"


class CardRemoved(CardError):
    """The card left the reader during an operation."""

    code = "card_removed"


class CardBusy(CardError):
    """Another program holds the card exclusively."""

    code = "card_busy"


class CertificateMissing(CardError):
    code = "certificate_missing"


class CertificateExpired(CardError):
    code = "certificate_expired"


class NotAnNhsCard(CardError):
    """The card's certificate is not from an NHS issuer (``recognition`` says which, and why)."""

    code = "card_not_nhs"

    def __init__(self, message: str, *, recognition: object | None = None) -> None:
        super().__init__(message)
        self.recognition = recognition


class RetiredCardSeries(CardError):
    """An NHS card series that no longer works (known by its ATR); stopped before any PIN."""

    code = "card_series_retired"

    def __init__(self, message: str, *, recognition: object | None = None) -> None:
        super().__init__(message)
        self.recognition = recognition

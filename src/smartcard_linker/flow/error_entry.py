"""One failure's entry in the error catalogue: its words, whether Retry may help, where it points.

Text uses ``{product}`` for the configurable mail service name; each text is marked with
``QT_TRANSLATE_NOOP("ErrorCatalogue", ...)`` where it is written so lupdate puts it in the .ts.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from smartcard_linker.codes import MessageCode
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
    code: MessageCode
    title: str
    message: str
    action: str
    retry: bool
    link: Link = Link.NONE
    sign_in_again: bool = False  # the action is to sign in again (not a plain retry)

    def texts(self, product: str) -> tuple[Msg, Msg, Msg]:
        def m(template: str) -> Msg:
            return msg(CONTEXT, template).fill(product=product)

        return m(self.title), m(self.message), m(self.action)

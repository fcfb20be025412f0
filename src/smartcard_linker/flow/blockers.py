"""Whether an account may be linked, as plain decisions: the blocker for a ``MeView``.

The portal says what it knows (active, AUP accepted, current link); this module turns that
into the one thing in the way and what to do about it, or ``None`` when linking can go ahead.
"""

from __future__ import annotations

from link_protocol import group_uuid
from link_protocol.models import MeView
from smartcard_linker.flow.format import format_date
from smartcard_linker.flow.msg import Msg, msg
from smartcard_linker.flow.state import AccountKind, Blocker

CTX = "Journey"
CARE_IDENTITY = "care_identity"


def _m(template: str, **args: object) -> Msg:
    return msg(CTX, template, **args)


def account_kinds() -> tuple[AccountKind, ...]:
    """The kinds of account the app can link (one today; the page has room for more)."""
    return (
        AccountKind(
            CARE_IDENTITY,
            _m("NHS Care Identity"),
            _m("Your NHS Smartcard: the identity you use for clinical systems."),
        ),
    )


def blocker_for(me: MeView, product: str) -> Blocker | None:
    """The first prerequisite that fails for ``me``, in the order the person must fix them."""
    if not me.account_active:
        return Blocker(
            "account_inactive",
            _m("Your {product} account is not active", product=product),
            _m("Only an active {product} account can be linked.", product=product),
            _m("Contact your Local Administrator to make your account active."),
        )
    if not me.aup_accepted:
        return Blocker(
            "aup_not_accepted",
            _m("Accept the Acceptable Use Policy first", product=product),
            _m(
                "You need to accept the {product} Acceptable Use Policy (AUP) before you "
                "can link your smartcard.",
                product=product,
            ),
            _m(
                "Open the policy and accept it. It can take about 2 hours before linking "
                "works. Then come back and select Check again."
            ),
            link_url=me.aup_url,
            link_label=_m("Open the Acceptable Use Policy"),
        )
    link = me.current_link
    if link is None:
        return None
    return Blocker(
        "already_linked",
        _m("Your {product} account is already linked", product=product),
        _m(
            "Your {product} account is already linked to your NHS Care Identity, Care Identity "
            "number {uuid} (since {date}).",
            product=product,
            uuid=group_uuid(link.identity.uuid),
            date=format_date(link.linked_at),
        ),
        _m(
            "There is nothing more to do. If this link is wrong, contact your Local "
            "Administrator and quote reference {reference}.",
            reference=link.reference,
        ),
        link=link,
    )

"""Whether an account may be linked, as plain decisions: the blocker for a ``MeView``.

The portal says what it knows (active, AUP accepted, current link); this module turns that
into the one thing in the way and what to do about it, or ``None`` when linking can go ahead.
"""

from __future__ import annotations

from link_protocol import group_uuid
from link_protocol.models import MeView
from smartcard_linker.flow.msg import msg
from smartcard_linker.flow.state import AccountKind, Blocker

CTX = "Journey"
CARE_IDENTITY = "care_identity"


def account_kinds() -> tuple[AccountKind, ...]:
    """The kinds of account the app can link (one today; the page has room for more)."""
    return (
        AccountKind(
            CARE_IDENTITY,
            msg("Journey", "NHS Care Identity"),
            msg("Journey", "Your NHS Smartcard: the identity you use for clinical systems."),
        ),
    )


def blocker_for(me: MeView, product: str) -> Blocker | None:
    """The first prerequisite that fails for ``me``, in the order the person must fix them."""
    if not me.account_active:
        return Blocker(
            "account_inactive",
            msg("Journey", "Your {product} account is not active").fill(product=product),
            msg("Journey", "Only an active {product} account can be linked.").fill(product=product),
            msg("Journey", "Contact your Local Administrator to make your account active."),
        )
    if not me.aup_accepted:
        return Blocker(
            "aup_not_accepted",
            msg("Journey", "Accept the Acceptable Use Policy first").fill(product=product),
            msg(
                "Journey",
                "You need to accept the {product} Acceptable Use Policy (AUP) before you "
                "can link your smartcard.",
            ).fill(product=product),
            msg(
                "Journey",
                "Open the policy and accept it. It can take about 2 hours before linking "
                "works. Then come back and select Check again.",
            ),
            link_url=me.aup_url,
            link_label=msg("Journey", "Open the Acceptable Use Policy"),
        )
    link = me.current_link
    if link is None:
        return None
    return Blocker(
        "already_linked",
        msg("Journey", "Your {product} account is already linked").fill(product=product),
        msg(
            "Journey",
            "Your {product} account is already linked to your NHS Care Identity, Care Identity "
            "number {uuid} (since {date}).",
        ).fill(product=product, uuid=group_uuid(link.identity.uuid), date=link.linked_at),
        msg(
            "Journey",
            "There is nothing more to do. If this link is wrong, contact your Local "
            "Administrator and quote reference {reference}.",
        ).fill(reference=link.reference),
        link=link,
    )

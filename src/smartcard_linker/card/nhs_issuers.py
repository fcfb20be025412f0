"""The shipped NHS issuer rules (a module of its own: settings import it at start-up)."""

from __future__ import annotations

# pki.nhs.uk / NHS England "NHS PKI certificate information": the issuing CA of NHS
# smartcard authentication certificates, subject C=GB, O=nhs, OU=CA, CN=NHS
# Authentication G2 (expires 15 September 2032). The outgoing chain's issuing CA is
# named "NHS Level 1C" (pki.nhs.uk/G2Transition); its full subject is not published
# there, so the rule names only the CN. No key identifiers: none is published.
DEFAULT_NHS_CARD_ISSUERS: tuple[str, ...] = (
    "CN=NHS Authentication G2,OU=CA,O=nhs,C=GB",
    "CN=NHS Level 1C",
)

"""``link-portal conformance``: black-box checks of any Link API v1 implementation.

Given the service's URL, two users' access tokens and two cards (certificate and
private key files), it runs the contract's cases over HTTPS as the app would: the
happy path, every documented error code a client can reach, replay, cross-user
access, concurrent single use and idempotency. Each case prints PASS, FAIL or SKIP
(a case whose special input, such as an expired card, was not given is skipped, never
passed); the exit code is 0 only when no case failed.

The two users must not be linked yet, and the first one is linked by the run (the
Link API has no unlink call): give fresh users, or remove the link between runs.
"""

from link_portal.conformance.cases import CASES, Inputs, Outcome, run_cases

__all__ = ["CASES", "Inputs", "Outcome", "run_cases"]

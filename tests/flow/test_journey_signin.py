"""Sign-in edges of the journey: no browser (address to copy, keep waiting), Cancel on the
provider's page (say so, offer Sign in again), and closing the sign-in adapter on quit."""

from __future__ import annotations

from smartcard_linker.flow.state import Step
from smartcard_linker.signin.errors import BrowserUnavailable, SignInCancelledAtProvider
from tests.flow.harness import Harness

URL = "https://login.test/tenant/oauth2/v2.0/authorize?client_id=x&state=s"


def started(h: Harness) -> Harness:
    h.journey.start_up()
    h.run()
    assert h.state.ready
    return h


def no_browser(h: Harness) -> None:
    """Start now; the system browser cannot be opened."""
    h.services.signin.fail_with = BrowserUnavailable("no browser", url=URL)
    h.journey.begin()
    h.executor.queue.pop(0)()  # the sign-in task: the browser fails to open
    h.executor.queue.pop(0)()  # its "waiting for the browser" message (stale by now)
    assert len(h.executor.queue) == 1  # the wait for the copied address


def test_no_browser_shows_the_address_and_keeps_waiting(harness: Harness) -> None:
    h = started(harness)
    no_browser(h)
    state = h.state
    assert state.step is Step.SIGNING_IN and state.error is None
    assert state.sign_in_url == URL
    assert state.busy is not None and state.busy.cancellable
    assert "web browser" in state.busy.message.render()
    state = h.run()  # the person signs in at the copied address
    assert h.services.signin.continued == 1
    assert state.step is Step.ACCOUNT and state.sign_in_url is None
    assert state.account is not None and state.account.email == "ready.user@nhs.net"


def test_no_browser_then_cancel_forgets_the_address(harness: Harness) -> None:
    h = started(harness)
    h.services.signin.block_until_cancel = True
    no_browser(h)
    assert h.state.sign_in_url == URL
    h.journey.cancel()
    assert h.state.step is Step.START and h.state.sign_in_url is None
    h.run()  # the wait ends cancelled; its late answer is dropped
    assert h.state.step is Step.START and h.state.error is None and h.state.account is None


def test_cancel_on_the_provider_page_says_so_and_offers_sign_in_again(harness: Harness) -> None:
    h = started(harness)
    h.services.signin.fail_with = SignInCancelledAtProvider("access_denied")
    h.journey.begin()
    state = h.run()
    assert state.step is Step.ERROR and state.error is not None
    assert state.error.code == "signin_cancelled_at_provider"
    assert state.error.title.render() == "Sign-in was cancelled"
    assert state.error.retry_allowed and state.error.retry_label.render() == "Sign in again"
    h.journey.retry()
    assert h.run().step is Step.ACCOUNT
    assert h.services.signin.interactive_calls == 2


def test_quit_closes_the_sign_in_adapter_once_built(harness: Harness) -> None:
    h = started(harness)
    h.services.signin.block_until_cancel = True
    no_browser(h)
    h.journey.shutdown()
    assert h.services.signin.closed == 1
    h.run()  # the cancelled wait returns; nothing renders after quit
    assert h.state.step is Step.SIGNING_IN


def test_quit_before_any_sign_in_builds_nothing(harness: Harness) -> None:
    h = started(harness)
    h.journey.shutdown()
    assert h.services.signin.closed == 0 and "sign_in" not in h.services.built

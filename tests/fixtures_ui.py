"""Pytest plugin: the wizard on the real sandbox (identity provider, portal, virtual cards).

Fixtures:
- ``journey_world``: a ``SandboxWorld`` for the session on the card tests' private pcscd.
- ``wizard``: ``wizard(person="ready", **settings)`` → a ``WizardDriver``: the real window
  with the real adapters (``build_services``) and a scripted browser that signs ``person``
  in; it clicks by objectName, types the PIN, inserts/removes cards and takes screenshots.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from linker_sandbox.drivers.browser import ScriptedBrowser
from linker_sandbox.drivers.wizard_driver import WizardDriver
from linker_sandbox.processes.pcscd import PrivatePcscd
from linker_sandbox.world import SandboxWorld
from smartcard_linker.adapters import build_services
from smartcard_linker.config import Settings
from smartcard_linker.language import SpokenLanguage
from smartcard_linker.ui.app import show_main_window
from smartcard_linker.ui.kiosk_window import KioskGuard

SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots" / "e2e"


@pytest.fixture(scope="session")
def journey_world(
    private_pcscd: PrivatePcscd, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SandboxWorld]:
    with SandboxWorld(tmp_path_factory.mktemp("journey-world"), pcscd=private_pcscd) as world:
        yield world


@pytest.fixture
def wizard(
    qtbot: QtBot,
    qapp: QApplication,
    journey_world: SandboxWorld,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Callable[..., WizardDriver]]:
    made: list[WizardDriver] = []
    # A kiosk window keeps station counters in the data folder: the test's, not the home's.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))

    def make(
        person: str = "ready",
        *,
        open_browser: Callable[[str], bool] | None = None,
        **overrides: object,
    ) -> WizardDriver:
        """``open_browser`` replaces the scripted browser as the app's browser opener."""
        assert journey_world.pki is not None
        browser = ScriptedBrowser(journey_world.pki.tls_ca_file, user=person)
        settings = Settings(**(journey_world.app_settings() | overrides))  # type: ignore[arg-type]
        opened: list[str] = []
        spoken = SpokenLanguage()  # shared by the window and the sign-in, as ui/launch.py does
        window = show_main_window(
            qapp,
            settings,
            build_services(settings, open_browser=open_browser or browser, spoken=spoken),
            None,
            open_url=opened.append,
            theme="light",
            spoken=spoken,
        )
        window.resize(900, 760)
        driver = WizardDriver(journey_world, window, person, browser, opened, SCREENSHOTS)
        made.append(driver)
        return driver

    yield make
    for driver in made:
        for guard in driver.window.findChildren(KioskGuard):
            guard.release()  # a kiosk window closes only when the session ends
        driver.window.close()
        driver.browser.join(5)
    if journey_world.rig is not None:
        for reader in journey_world.rig.readers:
            journey_world.rig.remove(reader)
    forget_links_made_by_tests(journey_world)


def forget_links_made_by_tests(world: SandboxWorld) -> None:
    """Each test starts from the seeded world: links the test people made are removed
    (the seeded "already linked to someone else" links stay)."""
    from link_portal.admin import list_links, remove_link
    from link_portal.db import make_engine
    from linker_sandbox.testdata.people import PEOPLE

    test_oids = {p.oid for p in PEOPLE}
    engine = make_engine(world.database_url)
    try:
        for row in list_links(engine):
            if row["oid"] in test_oids:
                remove_link(engine, str(row["id"]), reason="test clean-up")
    finally:
        engine.dispose()

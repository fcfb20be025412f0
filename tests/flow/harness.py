from __future__ import annotations

from dataclasses import dataclass

from smartcard_linker.config import Settings
from smartcard_linker.flow.journey import Journey
from smartcard_linker.flow.state import JourneyState, Step
from tests.flow.doubles import NOW, ORIGIN, DeferredExecutor, FakeServices


def make_settings(**changes: object) -> Settings:
    base: dict[str, object] = {
        "portal_url": ORIGIN + "/",
        "client_id": "client",
        "api_scope": "api://portal/.default",
        "product_name": "NHSmail",
        "self_service_unlock_url": "https://unlock.example.test/",
    }
    base.update(changes)
    return Settings(**base)  # type: ignore[arg-type]


@dataclass
class Harness:
    journey: Journey
    services: FakeServices
    executor: DeferredExecutor
    seen: list[JourneyState]

    @property
    def state(self) -> JourneyState:
        return self.journey.state

    def step(self) -> Step:
        return self.journey.state.step

    def run(self) -> JourneyState:
        self.executor.run_all()
        return self.journey.state


def build(services: FakeServices | None = None, **settings: object) -> Harness:
    services = services or FakeServices()
    executor = DeferredExecutor()
    journey = Journey(make_settings(**settings), services, executor, clock=lambda: NOW)
    seen: list[JourneyState] = []
    journey.subscribe(seen.append)
    return Harness(journey, services, executor, seen)

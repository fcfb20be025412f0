from __future__ import annotations

import pytest

from tests.flow.harness import Harness, build


@pytest.fixture
def harness() -> Harness:
    return build()

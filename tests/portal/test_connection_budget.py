"""PostgreSQL: a worker process keeps to its connection budget under a burst of calls
(``database_connections``: the calls it runs at once, each on its own connection; the
rest wait for a thread), so a deployment can size PostgreSQL's ``max_connections`` for
its workers and servers. The in-process portal here opens exactly that many; the bound
keeps the slack of 3 it had when writes held connections of their own."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from sqlalchemy.engine import make_url

from linker_sandbox.processes.postgres import PrivatePostgres
from tests.fixtures_portal import _make_kit, _PortalParts
from tests.portal.helpers import call, challenge, post_link_request

pytestmark = pytest.mark.postgres
READS = 2


def test_a_burst_of_calls_stays_within_the_connection_budget(
    _portal_parts: _PortalParts,
    private_postgres: PrivatePostgres,
    request: pytest.FixtureRequest,
) -> None:
    kit = _make_kit(_portal_parts, request, "postgresql", database_connections=READS)
    users = [kit.new_user() for _ in range(6)]
    tokens = [user.token() for user in users]

    def account_check(n: int) -> int:
        return call(kit, "GET", "/api/v1/me", token=tokens[n % len(tokens)]).status_code

    def link_request(n: int) -> int:
        user = users[n]
        return post_link_request(
            kit, user, user.link_body(challenge(kit, user)).to_json()
        ).status_code

    with ThreadPoolExecutor(16) as pool:
        checks = list(pool.map(account_check, range(64)))
        links = list(pool.map(link_request, range(len(users))))
    assert checks == [200] * 64
    assert links == [201] * len(users)

    database = make_url(kit.database_url).database
    with psycopg.connect(private_postgres.dsn(), autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (database,)
        ).fetchone()
    assert row is not None
    assert 1 <= row[0] <= READS + 3

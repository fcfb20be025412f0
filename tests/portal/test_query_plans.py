"""PostgreSQL: the calls' statements find their rows through indexes, whatever the
table sizes were when the plan was made.

psycopg prepares a statement after a few runs and PostgreSQL keeps one generic plan
per connection. Made while the tables were small (a new portal), that plan scanned
whole tables, and went on scanning them as they grew: in the portal benchmark the
confirm statement's mean time grew to 0.75 ms. The portal's connections run with
``PG_SESSION_OPTIONS``; this test makes every generic plan on small tables and looks
for a sequential scan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.dialects import postgresql

import link_portal.statements as statements
from link_portal.driver_sql import DriverSQL
from link_portal.transactions import PG_SESSION_OPTIONS
from linker_sandbox.portal_runner import prepare_database
from linker_sandbox.postgres import PrivatePostgres

pytestmark = pytest.mark.postgres

# 300 rows, a few pages per table: small enough that a scan looks cheaper than an index
FILL = """
INSERT INTO identities (uuid, display_name, status, updated_at)
  SELECT lpad(i::text, 12, '0'), 'Name', 'active', now() FROM generate_series(1, 300) i;
INSERT INTO accounts (oid, email, display_name, aup_accepted, active, updated_at)
  SELECT 'oid' || i, 'user' || i || '@nhs.net', 'Name', true, true, now()
  FROM generate_series(1, 300) i;
INSERT INTO challenges (id, oid, nonce, created_at, expires_at, used_at)
  SELECT 'ch' || i, 'oid' || i, '\\x00', now(), now(), now() FROM generate_series(1, 300) i;
INSERT INTO link_requests (id, oid, email, account_name, uuid, certificate_not_after,
    certificate_issuer, names_match, created_at, expires_at, status, idempotency_key)
  SELECT 'lr' || i, 'oid' || i, 'user@nhs.net', 'Name', lpad(i::text, 12, '0'), now(), 'CA',
    true, now(), now(), 'confirmed', 'key' || i FROM generate_series(1, 300) i;
INSERT INTO links (id, reference, link_request_id, oid, email, account_name, uuid,
    certificate_not_after, certificate_issuer, linked_at, active)
  SELECT 'ln' || i, 'ref' || i, 'lr' || i, 'oid' || i, 'user@nhs.net', 'Name',
    lpad(i::text, 12, '0'), now(), 'CA', now(), true FROM generate_series(1, 300) i;
INSERT INTO audit_log (at, event, oid, uuid, outcome, request_id, subject_id, detail)
  SELECT now(), 'link_request', 'oid' || i, 'uuid', 'ok', 'req', 'sub', NULL
  FROM generate_series(1, 300) i;
ANALYZE;
"""


def _statements() -> dict[str, DriverSQL]:
    return {
        name: value
        for name, value in vars(statements).items()
        if isinstance(value, DriverSQL) and not name.startswith("_")
    }


def _numbered(sql: str) -> tuple[str, int]:
    """psycopg's %(name)s placeholders as PREPARE's $1, $2…"""
    names: list[str] = []

    def number(match: re.Match[str]) -> str:
        if match.group(1) not in names:
            names.append(match.group(1))
        return f"${names.index(match.group(1)) + 1}"

    return re.sub(r"%\((\w+)\)s", number, sql), len(names)


@pytest.fixture(scope="module")
def small_tables(private_postgres: PrivatePostgres) -> Iterator[str]:
    url = private_postgres.create_database("plans_small_tables")
    prepare_database(url).dispose()
    dsn = private_postgres.dsn("plans_small_tables")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(FILL.encode())
    yield dsn


def _scans(dsn: str, options: str) -> dict[str, list[str]]:
    """Each statement's sequential scans in its generic plan, by statement name."""
    dialect = postgresql.psycopg.dialect()  # type: ignore[attr-defined]
    found: dict[str, list[str]] = {}
    with psycopg.connect(dsn, autocommit=True, options=options) as conn:
        conn.execute("SET plan_cache_mode = force_generic_plan")
        for name, statement in _statements().items():
            sql, count = _numbered(statement.compiled(dialect).sql)
            conn.execute(f"PREPARE plan_check AS {sql}".encode())
            nulls = ", ".join(["NULL"] * count)
            plan = [
                str(row[0])
                for row in conn.execute(
                    f"EXPLAIN EXECUTE plan_check({nulls})".encode()
                    if count
                    else b"EXPLAIN EXECUTE plan_check"
                )
            ]
            conn.execute("DEALLOCATE plan_check")
            found[name] = [line.strip() for line in plan if "Seq Scan" in line]
    return found


def test_every_statement_uses_indexes_on_the_portals_connections(small_tables: str) -> None:
    scans = _scans(small_tables, PG_SESSION_OPTIONS)
    assert len(scans) > 20  # all of them were checked
    assert {name: lines for name, lines in scans.items() if lines} == {}


def test_without_the_session_options_small_tables_get_scanned(small_tables: str) -> None:
    """The condition the options guard against is real here (so the test above can fail)."""
    scans = _scans(small_tables, "")
    assert scans["PG_CONFIRM_PENDING"], "expected a sequential scan in the confirm's plan"

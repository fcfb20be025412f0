"""Plain indexes for link lookups by account and by Care Identity.

The partial unique indexes enforce one active link per side, but SQLite only uses a
partial index when a query repeats its WHERE clause verbatim, so lookups by oid or
UUID scanned the links table.

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-02
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_links_oid", "links", ["oid"])
    op.create_index("ix_links_uuid", "links", ["uuid"])


def downgrade() -> None:
    op.drop_index("ix_links_uuid", table_name="links")
    op.drop_index("ix_links_oid", table_name="links")

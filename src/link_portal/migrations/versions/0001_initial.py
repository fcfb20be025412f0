"""Initial schema: directory, accounts, challenges, link requests, links, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from link_portal.db import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "identities",
        sa.Column("uuid", sa.String(12)),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name="pk_identities"),
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("oid", sa.String(64), nullable=True),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("aup_accepted", sa.Boolean, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
        sa.UniqueConstraint("oid", name="uq_accounts_oid"),
        sa.UniqueConstraint("email", name="uq_accounts_email"),
    )
    op.create_table(
        "challenges",
        sa.Column("id", sa.String(40)),
        sa.Column("oid", sa.String(64), nullable=False),
        sa.Column("nonce", sa.LargeBinary(32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_challenges"),
    )
    op.create_index("ix_challenges_oid", "challenges", ["oid"])
    op.create_table(
        "link_requests",
        sa.Column("id", sa.String(40)),
        sa.Column("oid", sa.String(64), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("account_name", sa.String(200), nullable=False),
        sa.Column("uuid", sa.String(12), nullable=False),
        sa.Column("certificate_not_after", UTCDateTime(), nullable=False),
        sa.Column("certificate_issuer", sa.String(400), nullable=False),
        sa.Column("names_match", sa.Boolean, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("idempotency_key", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_link_requests"),
        sa.ForeignKeyConstraint(
            ["uuid"], ["identities.uuid"], name="fk_link_requests_uuid_identities"
        ),
    )
    op.create_index("ix_link_requests_oid", "link_requests", ["oid"])
    op.create_table(
        "links",
        sa.Column("id", sa.String(40)),
        sa.Column("reference", sa.String(20), nullable=False),
        sa.Column("link_request_id", sa.String(40), nullable=True),
        sa.Column("oid", sa.String(64), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("account_name", sa.String(200), nullable=False),
        sa.Column("uuid", sa.String(12), nullable=False),
        sa.Column("certificate_not_after", UTCDateTime(), nullable=True),
        sa.Column("certificate_issuer", sa.String(400), nullable=True),
        sa.Column("linked_at", UTCDateTime(), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("removed_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_links"),
        sa.UniqueConstraint("reference", name="uq_links_reference"),
        sa.UniqueConstraint("link_request_id", name="uq_links_link_request_id"),
        sa.ForeignKeyConstraint(
            ["link_request_id"],
            ["link_requests.id"],
            name="fk_links_link_request_id_link_requests",
        ),
        sa.ForeignKeyConstraint(["uuid"], ["identities.uuid"], name="fk_links_uuid_identities"),
    )
    op.create_index(
        "uq_links_active_oid",
        "links",
        ["oid"],
        unique=True,
        sqlite_where=sa.text("active"),
        postgresql_where=sa.text("active"),
    )
    op.create_index(
        "uq_links_active_uuid",
        "links",
        ["uuid"],
        unique=True,
        sqlite_where=sa.text("active"),
        postgresql_where=sa.text("active"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("event", sa.String(40), nullable=False),
        sa.Column("oid", sa.String(64), nullable=True),
        sa.Column("uuid", sa.String(12), nullable=True),
        sa.Column("outcome", sa.String(40), nullable=False),
        sa.Column("request_id", sa.String(80), nullable=True),
        sa.Column("subject_id", sa.String(40), nullable=True),
        sa.Column("detail", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_table("links")
    op.drop_table("link_requests")
    op.drop_table("challenges")
    op.drop_table("accounts")
    op.drop_table("identities")

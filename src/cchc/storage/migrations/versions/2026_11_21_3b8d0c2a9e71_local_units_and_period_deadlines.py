"""local units, period deadlines, admin changes

Revision ID: 3b8d0c2a9e71
Revises: f172b0069df8
Create Date: 2026-11-21 08:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "3b8d0c2a9e71"
down_revision = "f172b0069df8"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("origin", sa.String(length=8), server_default="data", nullable=False)
        )
    op.create_table(
        "period_deadlines",
        sa.Column("period_code", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("set_by", sa.String(length=120), nullable=False),
        sa.Column(
            "set_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.PrimaryKeyConstraint("period_code", "level"),
    )
    op.create_table(
        "admin_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column(
            "at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("admin_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_admin_changes_kind"), ["kind"], unique=False)


def downgrade() -> None:
    op.drop_table("admin_changes")
    op.drop_table("period_deadlines")
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_column("origin")

"""Alerts by email: subscriptions to a search, a committee, a person or one's own actions

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08 02:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('alert_subscription',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('target', sa.Text(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('frequency', sa.String(length=10), nullable=False),
    sa.Column('confirmed', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('alert_subscription', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_subscription_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('alert_subscription', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_subscription_user_id'))

    op.drop_table('alert_subscription')

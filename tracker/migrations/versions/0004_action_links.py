"""Action links: a later meeting discharging or repeating an earlier action (proposed, confirmed or rejected)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 08:05:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('action_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('item_number', sa.String(length=50), nullable=True),
    sa.Column('record_kind', sa.String(length=20), nullable=True),
    sa.Column('record_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('terms', sa.String(length=500), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_item.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('action_id', 'kind', 'meeting_id', name='uq_action_link_action_kind_meeting')
    )
    with op.batch_alter_table('action_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_link_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_link_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_link_state'), ['state'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('action_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_link_state'))
        batch_op.drop_index(batch_op.f('ix_action_link_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_action_link_action_id'))

    op.drop_table('action_link')

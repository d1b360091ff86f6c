"""Committees: the committee one replaced (its predecessor), so discharges and repeats follow it across a rename

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-08 02:45:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('committee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('successor_of_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_committee_successor_of_id_committee'), 'committee',
                                    ['successor_of_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('committee', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_committee_successor_of_id_committee'), type_='foreignkey')
        batch_op.drop_column('successor_of_id')

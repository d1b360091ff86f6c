"""Scrutinised reports: reports attached to meetings, their priorities and indicators, and links from records

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 07:40:23

``report`` belongs to a meeting (and optionally an agenda item) and goes when the meeting
goes; ``report_priority`` and ``report_indicator`` are what was read from it;
``report_link`` ties a question, comment or action to a report's priority or indicator.
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('period', sa.String(length=100), nullable=True),
    sa.Column('source_name', sa.String(length=255), nullable=True),
    sa.Column('source_format', sa.String(length=10), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('tables', sa.Text(), nullable=False),
    sa.Column('warnings', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_item.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('meeting_id', 'checksum', name='uq_report_meeting_checksum')
    )
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('report_indicator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=True),
    sa.Column('key', sa.String(length=40), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=True),
    sa.Column('good', sa.String(length=10), nullable=True),
    sa.Column('category', sa.String(length=40), nullable=True),
    sa.Column('two_years_ago', sa.Float(), nullable=True),
    sa.Column('previous', sa.Float(), nullable=True),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(length=10), nullable=True),
    sa.Column('value_date', sa.Date(), nullable=True),
    sa.Column('numerator', sa.Float(), nullable=True),
    sa.Column('denominator', sa.Float(), nullable=True),
    sa.Column('forecast', sa.Float(), nullable=True),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('target_text', sa.String(length=100), nullable=True),
    sa.Column('rag', sa.String(length=10), nullable=True),
    sa.Column('trend', sa.String(length=12), nullable=True),
    sa.Column('section', sa.String(length=200), nullable=True),
    sa.Column('raw', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('report_indicator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_indicator_key'), ['key'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_indicator_report_id'), ['report_id'], unique=False)

    op.create_table('report_priority',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('report_priority', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_priority_report_id'), ['report_id'], unique=False)

    op.create_table('report_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=True),
    sa.Column('priority', sa.Integer(), nullable=True),
    sa.Column('question_id', sa.Integer(), nullable=True),
    sa.Column('comment_id', sa.Integer(), nullable=True),
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.Column('how', sa.String(length=20), nullable=False),
    sa.Column('mention', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['indicator_id'], ['report_indicator.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('report_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_link_action_id'), ['action_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_link_comment_id'), ['comment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_link_indicator_id'), ['indicator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_link_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_link_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_link_report_id'), ['report_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('report_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_link_report_id'))
        batch_op.drop_index(batch_op.f('ix_report_link_question_id'))
        batch_op.drop_index(batch_op.f('ix_report_link_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_report_link_indicator_id'))
        batch_op.drop_index(batch_op.f('ix_report_link_comment_id'))
        batch_op.drop_index(batch_op.f('ix_report_link_action_id'))

    op.drop_table('report_link')
    with op.batch_alter_table('report_priority', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_priority_report_id'))

    op.drop_table('report_priority')
    with op.batch_alter_table('report_indicator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_indicator_report_id'))
        batch_op.drop_index(batch_op.f('ix_report_indicator_key'))

    op.drop_table('report_indicator')
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_report_item_id'))

    op.drop_table('report')

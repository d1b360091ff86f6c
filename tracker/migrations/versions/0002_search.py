"""Search: saved searches, searches that found nothing, and (PostgreSQL only) the full-text search tables

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 12:00:00

On PostgreSQL, ``search_document`` holds one row per agenda item and record
with tsvector columns (English stemming, and 'simple' for exact words) under
GIN indexes; ``search_stamp`` fingerprints each indexed meeting so the index
can be reconciled with the database. Both are derived data, rebuilt by
``tracker reindex``. On SQLite they are not created (search uses Whoosh).
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('saved_search',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('query', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('saved_search', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_saved_search_user_id'), ['user_id'], unique=False)
    op.create_table('search_miss',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('query', sa.String(length=500), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('search_miss', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_miss_at'), ['at'], unique=False)

    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("""
        CREATE TABLE search_document (
            key varchar(40) PRIMARY KEY,
            kind varchar(20) NOT NULL,
            record_id integer NOT NULL,
            meeting_id integer NOT NULL,
            meeting_date date,
            year varchar(10) NOT NULL,
            committee text NOT NULL,
            committee_slug varchar(200) NOT NULL,
            published boolean NOT NULL,
            speaker text,
            status varchar(20),
            text text NOT NULL,
            tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
            tsv_exact tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED,
            speaker_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(speaker, ''))) STORED
        )""")
    op.execute("CREATE INDEX ix_search_document_tsv ON search_document USING gin (tsv)")
    op.execute("CREATE INDEX ix_search_document_tsv_exact ON search_document USING gin (tsv_exact)")
    op.execute("CREATE INDEX ix_search_document_meeting ON search_document (meeting_id)")
    op.execute("CREATE INDEX ix_search_document_filters ON search_document (published, committee_slug, meeting_date)")
    op.execute("CREATE TABLE search_stamp (meeting_id integer PRIMARY KEY, stamp text NOT NULL)")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TABLE IF EXISTS search_stamp")
        op.execute("DROP TABLE IF EXISTS search_document")
    with op.batch_alter_table('search_miss', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_miss_at'))
    op.drop_table('search_miss')
    with op.batch_alter_table('saved_search', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_saved_search_user_id'))
    op.drop_table('saved_search')

"""Search (PostgreSQL only): facet counts per search term, and an index on meeting dates

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 10:30:00

PostgreSQL must visit every matching row to count facets, and a word found in
tens of thousands of records is too slow to count that way at a million
records. ``search_term_count`` keeps, for each English-stemmed term, how many
documents hold it by kind, committee and year (published and drafts apart), so
a one-word search reads its counts instead of counting. The backend keeps it in
step on every index write; like ``search_document`` it is derived data, filled
here from what is already indexed. ``ix_search_document_date`` lets a search
that matches very many records reach its newest ones without reading the rest.
"""

from alembic import op


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("""
        CREATE TABLE search_term_count (
            lexeme text NOT NULL,
            published boolean NOT NULL,
            facet varchar(10) NOT NULL,
            value varchar(200) NOT NULL,
            n integer NOT NULL,
            PRIMARY KEY (lexeme, published, facet, value)
        )""")
    op.execute("""
        INSERT INTO search_term_count (lexeme, published, facet, value, n)
        SELECT t.lexeme, d.published,
               CASE WHEN GROUPING(d.kind) = 0 THEN 'kind' WHEN GROUPING(d.committee_slug) = 0 THEN 'committee'
                    ELSE 'year' END,
               coalesce(d.kind, d.committee_slug, d.year), count(*)
        FROM search_document d, unnest(d.tsv) t
        GROUP BY GROUPING SETS ((t.lexeme, d.published, d.kind), (t.lexeme, d.published, d.committee_slug),
                                (t.lexeme, d.published, d.year))""")
    op.execute("CREATE INDEX ix_search_document_date ON search_document (meeting_date)")


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("DROP INDEX IF EXISTS ix_search_document_date")
    op.execute("DROP TABLE IF EXISTS search_term_count")

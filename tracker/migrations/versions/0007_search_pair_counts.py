"""Search (PostgreSQL only): facet counts per pair of adjacent search terms

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 11:40:00

Counting a phrase's matches means checking the word positions of every record
that holds both its words, one heap page each: at a million records a phrase
of two common words took up to half a second. ``search_pair_count`` keeps, for
each pair of English-stemmed terms found next to each other, how many documents
hold it by kind, committee and year (published and drafts apart), as
``search_term_count`` does for single terms, so a two-word phrase reads its
counts. The backend keeps it in step on every index write; like
``search_document`` it is derived data, filled here from what is indexed.
"""

from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("""
        CREATE TABLE search_pair_count (
            first text NOT NULL,
            second text NOT NULL,
            published boolean NOT NULL,
            facet varchar(10) NOT NULL,
            value varchar(200) NOT NULL,
            n integer NOT NULL,
            PRIMARY KEY (first, second, published, facet, value)
        )""")
    # pairs are terms whose positions are one apart; words past the 16,383rd all have position 16,383
    op.execute("""
        INSERT INTO search_pair_count (first, second, published, facet, value, n)
        SELECT pair.first, pair.second, d.published,
               CASE WHEN GROUPING(d.kind) = 0 THEN 'kind' WHEN GROUPING(d.committee_slug) = 0 THEN 'committee'
                    ELSE 'year' END,
               coalesce(d.kind, d.committee_slug, d.year), count(*)
        FROM search_document d,
             LATERAL (SELECT array_agg(t.lexeme ORDER BY p) AS terms, array_agg(p ORDER BY p) AS at
                      FROM unnest(d.tsv) AS t, unnest(t.positions) AS p) AS sorted,
             LATERAL (SELECT sorted.terms[i] AS first, sorted.terms[i + 1] AS second
                      FROM generate_series(1, cardinality(sorted.terms) - 1) AS i
                      WHERE sorted.at[i + 1] = sorted.at[i] + 1
                      UNION
                      SELECT a.lexeme, b.lexeme FROM unnest(d.tsv) AS a, unnest(d.tsv) AS b
                      WHERE sorted.at[cardinality(sorted.at)] = 16383 AND 16382 = ANY(a.positions)
                        AND 16383 = ANY(b.positions)) AS pair
        GROUP BY GROUPING SETS ((pair.first, pair.second, d.published, d.kind),
                                (pair.first, pair.second, d.published, d.committee_slug),
                                (pair.first, pair.second, d.published, d.year))""")


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("DROP TABLE IF EXISTS search_pair_count")

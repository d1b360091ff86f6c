"""Minutes: reading documents in (readers), storing them segmented (ingest), the people they name, editors'
corrections, the read queries the pages use (queries), the public pages (views) and the editors' upload and
review pages (review)."""

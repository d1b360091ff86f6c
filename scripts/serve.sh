#!/usr/bin/env bash
# Set up, create or migrate the instance database, load corpus/ (published), and serve at http://127.0.0.1:5000.
# Re-running is safe: documents already stored are recognised by checksum and left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
.venv/bin/tracker db upgrade
# Every annotated minutes folder (corpus/reports holds a performance report, attached with `tracker ingest-report`).
.venv/bin/tracker ingest $(ls -d corpus/*/ | grep -v '^corpus/reports/') --publish | tail -n 1
# The sample performance report, to the meeting that considered that quarter's figures; then the demo's
# history of officers' updates (seeded, through the services; a second run changes neither).
.venv/bin/tracker ingest-report corpus/reports/stockport-2023-cfe-mid-year-pprr.txt \
  --committee "Children and Young People Scrutiny Committee" --date 2023-11-15
.venv/bin/tracker demo seed
exec .venv/bin/tracker serve --host "${HOST:-127.0.0.1}" --port "${PORT:-5000}"

#!/usr/bin/env bash
# Set up, create or migrate the instance database, load corpus/ (published), and serve at http://127.0.0.1:5000
# with one `tracker worker` beside it for the minutes editors add.
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
# One worker beside the web server reads, segments and stores the minutes editors add (and sends email alerts
# hourly); it stops when the server stops (Ctrl+C, or the script is killed).
.venv/bin/tracker worker &
worker=$!
.venv/bin/tracker serve --host "${HOST:-127.0.0.1}" --port "${PORT:-5000}" &
server=$!
trap 'kill "$server" "$worker" 2>/dev/null; wait' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP
wait "$server"

#!/usr/bin/env bash
# Set up, then segment a real set of minutes from corpus/ and print what was found.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/tracker extract "${1:-corpus/real/stockport-seed-001.txt}" --format "${2:-text}"

#!/usr/bin/env bash
# Set up, then segment a set of minutes (a written one from corpus/ unless given) and print what was found.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/tracker extract "${1:-corpus/unseen/eastmarsh-2023-adults-health-scrutiny.txt}" --format "${2:-text}"

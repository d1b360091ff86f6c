"""The load script runs and reports (the real run, 50 users for 2 minutes, is by hand: see benchmarks/load.py)."""

import re
import subprocess
import sys

from conftest import ROOT


def test_load_script_two_users_for_six_seconds_print_the_figures_and_no_errors():
    result = subprocess.run(
        [sys.executable, "benchmarks/load.py", "--users", "2", "--duration", "6", "--think", "0.1",
         "--preload", "corpus/unseen/eastmarsh-2023-adults-health-scrutiny.txt",
         "corpus/quarry/little-hendon-2025-town-council.txt",
         "--ingest", "corpus/quarry/tamsford-2023-hwb-item-pharmacy.txt"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert re.search(r"^requests: [1-9]\d*, throughput: [\d.]+ requests/s, errors: 0$", out, re.M), out
    assert re.search(r"^latency: p50 \d+ ms, p95 \d+ ms, p99 \d+ ms", out, re.M), out
    assert "bulk ingest of corpus/quarry/tamsford" in out
    for page in ("home", "committees", "committee", "meeting"):  # each user goes round the pages in turn
        assert re.search(rf"^{page}\s+\d+\s+\d+\s+\d+\s+0$", out, re.M), (page, out)
    assert "target (50 users, p95 < 300 ms, 0 errors, 2 minutes)" in out and "smaller scale" in out

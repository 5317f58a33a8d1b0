"""scripts/bench.py runs end to end on a tiny folder and prints the JSON it promises (timings are not checked)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYS = {
    "meetings",
    "startup_ratio",
    "review_cold_ratio",
    "review_warm_ratio",
    "search_ratio",
    "save_ratio",
    "keypress_ms",
    "rss_ratio",
}


def test_bench_json_has_exactly_the_keys_with_positive_numbers() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--meetings", "20", "--quick", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)  # the whole of stdout is one JSON object
    assert set(result) == KEYS
    assert result["meetings"] == 20
    for key, value in result.items():
        assert isinstance(value, (int, float)) and not isinstance(value, bool), key
        assert value > 0, key

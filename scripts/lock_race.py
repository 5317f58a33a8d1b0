"""Race many homerooms for the same stale lock and count the races with more than one winner.

    python scripts/lock_race.py [--races 1000] [--racers 4]

Half the races are run by threads of one process, half by separate processes. Prints one line
per kind and exits 1 if any race had no winner or more than one (docs/RELIABILITY.md).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.lock_race import race_processes, race_threads


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--races", type=int, default=1000)
    parser.add_argument("--racers", type=int, default=4)
    args = parser.parse_args()
    bad = 0
    with tempfile.TemporaryDirectory() as folder:
        for kind, race in (("threads", race_threads), ("processes", race_processes)):
            began = time.perf_counter()
            wins = race(Path(folder), args.races // 2, args.racers)
            wrong = sum(1 for w in wins if w != 1)
            bad += wrong
            print(
                f"{kind}: {len(wins)} races of {args.racers}, {wrong} without exactly one winner "
                f"(most winners in one race: {max(wins)}), {time.perf_counter() - began:.1f} s"
            )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

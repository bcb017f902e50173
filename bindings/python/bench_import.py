"""Import time of ``cleverkit`` against ``requests_oauthlib``, in the same venv and the same run.

The measure of issue 23: ``python -X importtime -c 'import cleverkit'`` and the same for
``requests_oauthlib`` (the usual alternative for OAuth 1.0a in Python), each in a fresh
interpreter, interleaved round by round so that both see the same machine load. The figure per
import is the cumulative time ``-X importtime`` reports for the top-level module; the ratio is
taken round by round (cleverkit / requests_oauthlib), then its median. Target: at most 0.5.

Run it with the venv that has both installed (``bench.sh --import`` installs the wheel and
requests-oauthlib first)::

    python bindings/python/bench_import.py [--rounds 21] [--json out.json]

A benchmark, not a timed test: nothing fails on a slow machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

MODULES = ("cleverkit", "requests_oauthlib")


def import_microseconds(module: str) -> int:
    """The cumulative import time of ``module`` in a fresh interpreter, as ``-X importtime``
    reports it (µs)."""
    # Bytecode caches stay as installed: PYTHONDONTWRITEBYTECODE only stops writing new ones.
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    for line in reversed(result.stderr.splitlines()):
        # "import time:   self [us] | cumulative | imported package"
        fields = [part.strip() for part in line.removeprefix("import time:").split("|")]
        if len(fields) == 3 and fields[2] == module:
            return int(fields[1])
    raise RuntimeError(f"no -X importtime line for {module}:\n{result.stderr}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=21, help="interleaved rounds (21)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()

    print(
        f"# import time: {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}, {args.rounds} rounds"
    )
    for module in MODULES:  # a warm-up: the file system cache, not the figures
        import_microseconds(module)
    samples: dict[str, list[int]] = {module: [] for module in MODULES}
    ratios = []
    for _ in range(args.rounds):
        round_samples = {module: import_microseconds(module) for module in MODULES}
        for module, value in round_samples.items():
            samples[module].append(value)
        ratios.append(round_samples["cleverkit"] / round_samples["requests_oauthlib"])

    results: dict[str, float] = {}
    for module in MODULES:
        values = samples[module]
        best, median = min(values) / 1e3, statistics.median(values) / 1e3
        print(f"  import {module:<18} best {best:6.1f} ms   median {median:6.1f} ms")
        results[f"import {module} best ms"] = round(best, 1)
        results[f"import {module} median ms"] = round(median, 1)
    ratio = statistics.median(ratios)
    results["ratio median"] = round(ratio, 2)
    verdict = "met" if ratio <= 0.5 else "NOT met"
    print(f"  cleverkit / requests_oauthlib: median ratio {ratio:.2f} (target <= 0.5: {verdict})")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

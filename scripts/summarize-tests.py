"""Adds up the test counts that each runner printed in a `scripts/test.sh` log, and prints one
closing line, `tests: N passed, N failed`, so the whole run reads as one result.

Runners: cargo test, pytest, Maven Surefire, XCTest, JUnit's console launcher.
"""

from __future__ import annotations

import re
import sys

RUST = re.compile(r"test result: \w+\. (\d+) passed; (\d+) failed")
PYTEST = re.compile(r"^(?:(\d+) failed, )?(\d+) passed(?:, \d+ \w+)* in [\d.]+s")
SUREFIRE = re.compile(r"^\[\w+\] Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: \d+$")
XCTEST = re.compile(r"Executed (\d+) tests?, with (\d+) failures?")
# JUnit's console launcher (scripts/platforms/aarch64.sh): "[        42 tests successful      ]".
JUNIT_CONSOLE = re.compile(r"^\[\s*(\d+) tests (successful|failed)\s*\]$")


def main(log_path: str) -> int:
    passed = failed = 0
    xctest_total_next = False
    with open(log_path, encoding="utf-8", errors="replace") as log:
        for raw in log:
            line = re.sub(r"\x1b\[[0-9;]*m", "", raw).strip()
            if match := RUST.search(line):
                passed += int(match[1])
                failed += int(match[2])
            elif match := PYTEST.search(line):
                passed += int(match[2])
                failed += int(match[1] or 0)
            elif match := SUREFIRE.search(line):
                # The module's total (per-class lines end with "-- in <class>").
                run, failures, errors = (int(group) for group in match.groups())
                passed += run - failures - errors
                failed += failures + errors
            elif match := JUNIT_CONSOLE.search(line):
                if match[2] == "successful":
                    passed += int(match[1])
                else:
                    failed += int(match[1])
            elif re.search(r"Test Suite 'All tests' (passed|failed)", line):
                xctest_total_next = True
            elif xctest_total_next and (match := XCTEST.search(line)):
                passed += int(match[1]) - int(match[2])
                failed += int(match[2])
                xctest_total_next = False
    print(f"tests: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

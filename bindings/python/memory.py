"""Creates and drops 100,000 credentials and 100,000 clients; prints resident memory.

Not a test (timing and memory depend on the machine): `python bindings/python/memory.py`
with the package installed. Memory must stay flat once the allocator has warmed up.
"""

from __future__ import annotations

import gc
import sys

import cleverkit

COUNT = 100_000


def resident_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def churn(make: object, label: str) -> None:
    warm_up = COUNT // 10
    for _ in range(warm_up):
        make()  # type: ignore[operator]
    gc.collect()
    before = resident_kib()
    for index in range(COUNT):
        make()  # type: ignore[operator]
        if index == COUNT // 2:
            gc.collect()
            middle = resident_kib()
    gc.collect()
    after = resident_kib()
    print(
        f"{label}: {COUNT} created and dropped; RSS after warm-up {before} KiB, "
        f"half-way {middle} KiB, end {after} KiB (growth {after - before} KiB)"
    )


def main() -> int:
    churn(
        lambda: cleverkit.OAuth1Credentials(
            "consumer-key", "consumer-secret", "token", "token-secret"
        ),
        "OAuth1Credentials",
    )
    options = cleverkit.ClientOptions(
        api_host="http://127.0.0.1:9", bridge_host="http://127.0.0.1:9"
    )
    churn(lambda: cleverkit.Client.with_api_token("api-token", options), "Client")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of `cleverkit.AsyncClient`: not a test, it prints figures and ratios measured in one
run.

    bash bindings/python/bench.sh --async        # builds and installs everything, then runs this
    python bindings/python/bench_async.py [--standin PATH] [--quick] [--json FILE]

2,000 signed `GET /v2/self` (HMAC-SHA512) at a concurrency of 32 coroutines on one event loop,
against a release build of the local stand-in API (another process), in interleaved rounds:

- `cleverkit.AsyncClient.myself()` (its default pool of worker threads);
- the same with `worker_threads` set to the size of asyncio's default executor
  (`min(32, os.cpu_count() + 4)`), the pool `to_thread` runs on: same threads, same work
  (not used by the targets, which are for the defaults);
- Clever Cloud's official SDK, `clevercloud-sdk` (module `clever_cloud`, on httpx):
  `CleverCloudClient(OAuthCredentials(…), base_url=…, allow_insecure_http=True).get_profile()`;
- what a user writes today over the sync client: `asyncio.to_thread(client.myself)` (the
  loop's default executor).

For each: requests per second (wall time of the round) and this process's CPU time per request
(`time.process_time()`: every thread of the process, the worker threads included; the stand-in
runs in another process). Each figure is given for the best round and the median round (on a
busy machine the rounds scatter; the ratios use the medians). Every contender's requests are
checked first: 200s, signed with HMAC-SHA512, as many as were asked.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any, Optional

try:
    from clever_cloud import CleverCloudClient, OAuthCredentials

    import cleverkit
except ImportError as missing:  # pragma: no cover - a message, not a test
    sys.exit(
        f"{missing}: run `bash bindings/python/bench.sh --async`, which installs what it needs"
    )

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parents[1]
# The targets: against the SDK, at least 20x its requests/s and 15x less client CPU per
# request; against the to_thread wrapper, at least its requests/s at no more CPU per request.
SDK_THROUGHPUT_TARGET = 20.0
SDK_CPU_TARGET = 15.0

Call = Callable[[], Awaitable[str]]


@contextmanager
def standin(binary: Path) -> Iterator[dict[str, str]]:
    process = subprocess.Popen(
        [str(binary)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        yield json.loads(process.stdout.readline())
    finally:
        process.stdin.close()
        process.wait(timeout=10)
        process.stdout.close()


DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def control(info: dict[str, str], method: str, path: str) -> Any:
    request = urllib.request.Request(info["api"] + path, method=method)
    with DIRECT.open(request, timeout=10) as response:
        text = response.read().decode()
    return json.loads(text) if text else None


async def run_round(call: Call, requests: int, concurrency: int) -> tuple[float, float]:
    """`requests` calls spread over `concurrency` coroutines: wall and CPU seconds."""
    per_lane, extra = divmod(requests, concurrency)

    async def lane(count: int) -> None:
        for _ in range(count):
            await call()

    started, started_cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(lane(per_lane + (index < extra)) for index in range(concurrency)))
    return time.perf_counter() - started, time.process_time() - started_cpu


def check(info: dict[str, str], name: str, ids: list[str], user_id: str) -> None:
    """Every call returned the user, and the stand-in saw each one signed with HMAC-SHA512."""
    assert ids == [user_id] * len(ids), (name, set(ids))
    recorded = control(info, "GET", "/__standin/requests")
    methods = {
        {key.lower(): value for key, value in item["headers"]}["authorization"]
        .split('oauth_signature_method="')[1]
        .split('"')[0]
        for item in recorded
    }
    assert len(recorded) == len(ids) and methods == {"HMAC-SHA512"}, (name, len(recorded), methods)


def target_mark(met: bool) -> str:
    return "met" if met else "NOT met"


async def bench(info: dict[str, str], requests: int, concurrency: int, rounds: int) -> Any:
    credentials = cleverkit.OAuth1Credentials(
        info["consumer_key"],
        info["consumer_secret"],
        token=info["token"],
        token_secret=info["token_secret"],
        signature_method=cleverkit.SignatureMethod.HMAC_SHA512,
    )
    options = cleverkit.ClientOptions(api_host=info["api"], bridge_host=info["bridge"])
    async_client = cleverkit.AsyncClient.with_oauth1(credentials, options)
    executor_threads = min(32, (os.cpu_count() or 1) + 4)  # asyncio's default executor
    matched_client = cleverkit.AsyncClient.with_oauth1(
        credentials, dataclasses.replace(options, worker_threads=executor_threads)
    )
    sync_client = cleverkit.Client.with_oauth1(credentials, options)
    sdk = CleverCloudClient(
        OAuthCredentials(
            consumer_key=info["consumer_key"],
            consumer_secret=info["consumer_secret"],
            token=info["token"],
            secret=info["token_secret"],
        ),  # HMAC-SHA512 is its default signature method
        base_url=info["api"],
        allow_insecure_http=True,
    )

    async def with_cleverkit() -> str:
        return (await async_client.myself()).id

    async def with_matched() -> str:
        return (await matched_client.myself()).id

    async def with_sdk() -> str:
        return (await sdk.get_profile()).id

    async def with_to_thread() -> str:
        return (await asyncio.to_thread(sync_client.myself)).id

    contenders: dict[str, Call] = {
        "cleverkit AsyncClient": with_cleverkit,
        f"AsyncClient, {executor_threads} threads": with_matched,
        "clevercloud-sdk": with_sdk,
        "to_thread(Client.myself)": with_to_thread,
    }
    for name, call in contenders.items():
        control(info, "POST", "/__standin/reset")
        ids = await asyncio.gather(*(call() for _ in range(concurrency)))
        check(info, name, list(ids), info["user_id"])

    walls: dict[str, list[float]] = {name: [] for name in contenders}
    cpus: dict[str, list[float]] = {name: [] for name in contenders}
    for number in range(rounds):
        for name, call in contenders.items():
            control(info, "POST", "/__standin/reset")  # the recordings stay small
            wall, spent = await run_round(call, requests, concurrency)
            walls[name].append(wall)
            cpus[name].append(spent)
            print(
                f"  round {number + 1}: {name:<26} {requests / wall:9,.0f} requests/s"
                f"   CPU {spent / requests * 1e6:7.1f} us/request"
            )
    async_client.close()
    matched_client.close()
    sync_client.close()
    await sdk.close()

    results: dict[str, Any] = {}
    for label, pick in (("best", min), ("median", statistics.median)):
        print(f"\n  {label} round of each:")
        for name in contenders:
            throughput = requests / pick(walls[name])
            per_request = pick(cpus[name]) / requests
            print(
                f"  {name:<26} {throughput:9,.0f} requests/s"
                f"   CPU {per_request * 1e6:7.1f} us/request"
            )
            results[f"{name} {label} requests/s"] = round(throughput)
            results[f"{name} {label} cpu us"] = round(per_request * 1e6, 1)
    median_wall = {name: statistics.median(values) for name, values in walls.items()}
    median_cpu = {name: statistics.median(values) for name, values in cpus.items()}
    ours, matched, sdk_name, wrapper = contenders
    speed_sdk = median_wall[sdk_name] / median_wall[ours]
    cpu_sdk = median_cpu[sdk_name] / median_cpu[ours]
    speed_wrapper = median_wall[wrapper] / median_wall[ours]
    cpu_wrapper = median_cpu[wrapper] / median_cpu[ours]
    print("\n  ratios of the medians:")
    throughput_met = target_mark(speed_sdk >= SDK_THROUGHPUT_TARGET)
    print(
        f"  vs clevercloud-sdk: {speed_sdk:.1f}x the requests/s "
        f"(target >= {SDK_THROUGHPUT_TARGET:g}x: {throughput_met}), "
        f"{cpu_sdk:.1f}x less CPU per request "
        f"(target >= {SDK_CPU_TARGET:g}x: {target_mark(cpu_sdk >= SDK_CPU_TARGET)})"
    )
    print(
        f"  vs to_thread(Client.myself): {speed_wrapper:.2f}x the requests/s "
        f"(target >= 1x: {target_mark(speed_wrapper >= 1)}), {cpu_wrapper:.2f}x less CPU "
        f"per request (target >= 1x: {target_mark(cpu_wrapper >= 1)})"
    )
    speed_matched = median_wall[wrapper] / median_wall[matched]
    cpu_matched = median_cpu[wrapper] / median_cpu[matched]
    print(
        f"  {matched} vs to_thread(Client.myself) (the same number of threads, "
        f"no target): {speed_matched:.2f}x the requests/s, {cpu_matched:.2f}x less CPU per request"
    )
    results.update(
        {
            "matched threads vs to_thread requests/s ratio": round(speed_matched, 2),
            "matched threads vs to_thread cpu ratio": round(cpu_matched, 2),
            "sdk requests/s ratio": round(speed_sdk, 2),
            "sdk cpu ratio": round(cpu_sdk, 2),
            "to_thread requests/s ratio": round(speed_wrapper, 2),
            "to_thread cpu ratio": round(cpu_wrapper, 2),
        }
    )
    return results


def default_standin() -> Optional[Path]:
    candidate = REPOSITORY / "target" / "release" / "cleverkit-standin"
    return candidate if candidate.is_file() else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--standin", type=Path, default=None, help="cleverkit-standin binary")
    parser.add_argument("--quick", action="store_true", help="fewer rounds, for a smoke run")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    binary = args.standin or default_standin()
    if binary is None:
        sys.exit("no release cleverkit-standin: `cargo build --release -p cleverkit-standin`")
    # httpx reads proxies from the environment: none for a loopback server.
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1"

    requests, concurrency, rounds = 2000, 32, 2 if args.quick else 7
    versions = {name: version(name) for name in ("cleverkit", "clevercloud-sdk", "httpx")}
    print(
        f"# cleverkit async benchmark: {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    print("versions: " + ", ".join(f"{name} {number}" for name, number in versions.items()))
    print(
        f"\n## {requests} signed GET /v2/self (HMAC-SHA512), concurrency {concurrency}, "
        f"{rounds} interleaved rounds\nserver: {binary} (loopback, another process)"
    )
    with standin(binary) as info:
        results = asyncio.run(bench(info, requests, concurrency, rounds))
    results["versions"] = versions
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

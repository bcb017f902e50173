"""Benchmarks of the Python binding: not a test, it prints figures and ratios measured in one run.

    bash bindings/python/bench.sh            # builds and installs everything, then runs this
    python bindings/python/bench.py [--standin PATH] [--quick]

Needs, besides the installed `cleverkit` wheel, the bench-only packages that bench.sh installs
(pinned there): oauthlib, requests, requests-oauthlib and clevercloud-sdk (`clever_cloud`).

1. Signing one request (fixed nonce and timestamp): `cleverkit.sign_request` against oauthlib's
   `Client.sign` (HMAC-SHA512 and HMAC-SHA1) and the official SDK's
   `OAuthCredentials.get_authorization_header` (HMAC-SHA512; the SDK has no HMAC-SHA1).
2. Signed GETs of /v2/self over one keep-alive connection to the local stand-in API: a
   `cleverkit.Client` against `requests` with `requests_oauthlib.OAuth1Session` (HMAC-SHA512).
3. `import cleverkit` time, in fresh interpreters.

Each figure is the best of several interleaved rounds (the least disturbed by other processes
on the machine); every contender's output is checked first, so they all do the same work.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any, Callable, Optional

try:
    from clever_cloud import OAuthCredentials as SdkCredentials
    from oauthlib import oauth1 as oauthlib_oauth1
    from requests_oauthlib import OAuth1Session

    import cleverkit
except ImportError as missing:  # pragma: no cover - a message, not a test
    sys.exit(f"{missing}: run `bash bindings/python/bench.sh`, which installs what bench.py needs")

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parents[1]

SIGNING_TARGETS = {"oauthlib": 25.0, "clevercloud-sdk": 10.0}
HTTP_TARGET = 4.0

URL = "https://api.clever-cloud.com/v2/organisations/orga_x/applications?limit=10&offset=20"
CONSUMER_KEY, CONSUMER_SECRET = "bench-consumer-key", "bench-consumer-secret"
TOKEN, TOKEN_SECRET = "bench-token", "bench-token-secret"
NONCE, TIMESTAMP = "0123456789abcdef0123456789abcdef", 1_700_000_000


def best_per_call(
    contenders: Mapping[str, Callable[[], object]], calls: int, rounds: int
) -> dict[str, float]:
    """Seconds per call of each contender: the best round, rounds interleaved."""
    best = {name: float("inf") for name in contenders}
    for _ in range(rounds):
        for name, function in contenders.items():
            started = time.perf_counter()
            for _ in range(calls):
                function()
            best[name] = min(best[name], (time.perf_counter() - started) / calls)
    return best


def verify(authorization: str, method: str = "GET", url: str = URL) -> None:
    """Every contender's header must be a valid signature of the same request."""
    cleverkit.verify_request(method, url, None, None, authorization, CONSUMER_SECRET, TOKEN_SECRET)


def target_mark(ratio: float, target: float) -> str:
    return f"target >= {target:g}x: {'met' if ratio >= target else 'NOT met'}"


def bench_signing(calls: int, rounds: int) -> dict[str, Any]:
    print(f"\n## Signing one request ({calls} calls x {rounds} rounds, best round)")
    print(f"GET {URL}")
    results: dict[str, Any] = {}
    for method in ("HMAC-SHA512", "HMAC-SHA1"):
        credentials = cleverkit.OAuth1Credentials(
            CONSUMER_KEY,
            CONSUMER_SECRET,
            token=TOKEN,
            token_secret=TOKEN_SECRET,
            signature_method=getattr(cleverkit.SignatureMethod, method.replace("-", "_")),
        )
        oauthlib_client = oauthlib_oauth1.Client(
            CONSUMER_KEY,
            client_secret=CONSUMER_SECRET,
            resource_owner_key=TOKEN,
            resource_owner_secret=TOKEN_SECRET,
            signature_method=method,
            nonce=NONCE,
            timestamp=str(TIMESTAMP),
        )

        def with_cleverkit(credentials: cleverkit.OAuth1Credentials = credentials) -> str:
            # Built inside the timed call, as a user signing a new request each time would.
            request = cleverkit.RequestToSign(
                method="GET", url=URL, nonce=NONCE, timestamp=TIMESTAMP
            )
            return cleverkit.sign_request(request, credentials).authorization

        def with_oauthlib(client: oauthlib_oauth1.Client = oauthlib_client) -> str:
            return str(client.sign(URL, "GET")[1]["Authorization"])

        contenders: dict[str, Callable[[], str]] = {
            "cleverkit": with_cleverkit,
            "oauthlib": with_oauthlib,
        }
        if method == "HMAC-SHA512":
            sdk = SdkCredentials(
                consumer_key=CONSUMER_KEY,
                consumer_secret=CONSUMER_SECRET,
                token=TOKEN,
                secret=TOKEN_SECRET,
            )

            def with_sdk(sdk: SdkCredentials = sdk) -> str:
                return sdk.get_authorization_header("GET", URL, timestamp=TIMESTAMP, nonce=NONCE)

            contenders["clevercloud-sdk"] = with_sdk
        signatures = set()
        for name, function in contenders.items():
            header = function()
            verify(header)
            assert f'oauth_signature_method="{method}"' in header, (name, header)
            signatures.add(header.split('oauth_signature="')[1].split('"')[0])
        assert len(signatures) == 1, f"{method}: the contenders disagree: {signatures}"

        best = best_per_call(contenders, calls, rounds)
        print(f"\n{method}:")
        for name, seconds in best.items():
            line = f"  {name:<16} {seconds * 1e6:9.2f} us/call {1 / seconds:12,.0f} calls/s"
            if name != "cleverkit":
                ratio = seconds / best["cleverkit"]
                line += f"   cleverkit is {ratio:5.2f}x faster"
                if method == "HMAC-SHA512" or name == "oauthlib":
                    line += f" ({target_mark(ratio, SIGNING_TARGETS[name])})"
                results[f"{method} {name} ratio"] = round(ratio, 2)
            results[f"{method} {name} us"] = round(seconds * 1e6, 2)
            print(line)

    credentials = cleverkit.OAuth1Credentials(
        CONSUMER_KEY, CONSUMER_SECRET, token=TOKEN, token_secret=TOKEN_SECRET
    )
    fresh = best_per_call(
        {
            "fresh": lambda: cleverkit.sign_request(
                cleverkit.RequestToSign(method="GET", url=URL), credentials
            )
        },
        calls,
        rounds,
    )["fresh"]
    floor = best_per_call({"floor": credentials.consumer_key}, calls, rounds)["floor"]
    results["cleverkit fresh nonce us"] = round(fresh * 1e6, 2)
    results["cleverkit smallest FFI call us"] = round(floor * 1e6, 2)
    print(f"\n  cleverkit with a fresh nonce and timestamp: {fresh * 1e6:.2f} us/call")
    print(f"  the cheapest cleverkit call (credentials.consumer_key()): {floor * 1e6:.2f} us")
    return results


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


def bench_http(binary: Path, calls: int, rounds: int) -> dict[str, Any]:
    print(f"\n## Signed GET /v2/self over one keep-alive connection ({calls} x {rounds} rounds)")
    print(f"server: {binary} (loopback)")
    results: dict[str, Any] = {}
    with standin(binary) as info:
        url = info["api"] + "/v2/self"
        credentials = cleverkit.OAuth1Credentials(
            info["consumer_key"],
            info["consumer_secret"],
            token=info["token"],
            token_secret=info["token_secret"],
        )
        options = cleverkit.ClientOptions(api_host=info["api"], bridge_host=info["bridge"])
        client = cleverkit.Client.with_oauth1(credentials, options)
        session = OAuth1Session(
            info["consumer_key"],
            client_secret=info["consumer_secret"],
            resource_owner_key=info["token"],
            resource_owner_secret=info["token_secret"],
            signature_method=oauthlib_oauth1.SIGNATURE_HMAC_SHA512,
        )
        session.trust_env = False  # no proxy from the environment for a loopback server

        def with_cleverkit() -> bytes:
            return bytes(client.request("GET", "/v2/self").body)

        def with_cleverkit_typed() -> str:
            return client.myself().id

        def with_requests() -> bytes:
            response = session.get(url)
            response.raise_for_status()
            return response.content

        def with_requests_json() -> str:
            response = session.get(url)
            response.raise_for_status()
            return str(response.json()["id"])

        host, port = info["api"].removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)

        def with_http_client() -> bytes:
            """Reference: the standard library's client, signed by cleverkit.sign_request."""
            signed = cleverkit.sign_request(
                cleverkit.RequestToSign(method="GET", url=url), credentials
            )
            headers = {"Authorization": signed.authorization, "Accept": "application/json"}
            connection.request("GET", "/v2/self", headers=headers)
            response = connection.getresponse()
            body = response.read()
            assert response.status == 200, body
            return body

        contenders: dict[str, Callable[[], object]] = {
            "cleverkit request": with_cleverkit,
            "requests": with_requests,
            "cleverkit myself()": with_cleverkit_typed,
            "requests + .json()": with_requests_json,
            "http.client + sign": with_http_client,
        }
        for name, function in contenders.items():
            control(info, "POST", "/__standin/reset")
            for _ in range(5):
                function()
            recorded = control(info, "GET", "/__standin/requests")
            connections = {item["connection"] for item in recorded}
            signed = all(
                'oauth_signature_method="HMAC-SHA512"'
                in {key.lower(): value for key, value in item["headers"]}["authorization"]
                for item in recorded
            )
            assert len(recorded) == 5 and len(connections) == 1 and signed, (name, recorded)

        best = {name: float("inf") for name in contenders}
        cpu = {name: float("inf") for name in contenders}
        for _ in range(rounds):
            for name, function in contenders.items():
                control(info, "POST", "/__standin/reset")  # the recordings stay small
                started, started_cpu = time.perf_counter(), time.process_time()
                for _ in range(calls):
                    function()
                best[name] = min(best[name], (time.perf_counter() - started) / calls)
                cpu[name] = min(cpu[name], (time.process_time() - started_cpu) / calls)
        client.close()
        session.close()
        connection.close()

    print("  (wall time per request; CPU: this process's CPU time per request, server excluded)")
    for name, seconds in best.items():
        print(
            f"  {name:<20} {seconds * 1e6:9.1f} us/request {1 / seconds:10,.0f} requests/s"
            f"   CPU {cpu[name] * 1e6:7.1f} us/request"
        )
        results[f"{name} requests/s"] = round(1 / seconds)
        results[f"{name} cpu us"] = round(cpu[name] * 1e6, 1)
    raw = best["requests"] / best["cleverkit request"]
    typed = best["requests + .json()"] / best["cleverkit myself()"]
    raw_cpu = cpu["requests"] / cpu["cleverkit request"]
    print(f"  cleverkit request vs requests: {raw:.2f}x ({target_mark(raw, HTTP_TARGET)})")
    print(f"  client CPU per request, requests / cleverkit: {raw_cpu:.2f}x")
    results["http cpu ratio"] = round(raw_cpu, 2)
    print(f"  cleverkit myself() vs requests + .json(): {typed:.2f}x")
    results["http ratio"] = round(raw, 2)
    results["http typed ratio"] = round(typed, 2)
    return results


def import_seconds(module: str, runs: int) -> tuple[float, float]:
    """Best and median import time of `module` in fresh interpreters, measured inside them."""
    code = (
        "import time; started = time.perf_counter(); "
        f"import {module}; print(time.perf_counter() - started)"
    )
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    samples = []
    for _ in range(runs):
        output = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        ).stdout
        samples.append(float(output))
    return min(samples), statistics.median(samples)


def bench_import(runs: int) -> dict[str, Any]:
    print(f"\n## Import time ({runs} fresh interpreters each, best and median)")
    results = {}
    for module in ("cleverkit", "requests_oauthlib", "clever_cloud"):
        best, median = import_seconds(module, runs)
        print(f"  import {module:<18} best {best * 1e3:6.1f} ms   median {median * 1e3:6.1f} ms")
        results[f"import {module} ms"] = round(best * 1e3, 1)
    return results


def default_standin() -> Optional[Path]:
    for profile in ("release", "debug"):
        candidate = REPOSITORY / "target" / profile / "cleverkit-standin"
        if candidate.is_file():
            return candidate
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--standin", type=Path, default=None, help="cleverkit-standin binary")
    parser.add_argument("--quick", action="store_true", help="fewer calls, for a smoke run")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    binary = args.standin or (
        Path(os.environ["CLEVERKIT_STANDIN"]) if "CLEVERKIT_STANDIN" in os.environ else None
    )
    binary = binary or default_standin()
    if binary is None:
        sys.exit("no cleverkit-standin binary: build it (bench.sh does) or pass --standin")

    versions = {
        name: version(name)
        for name in ("cleverkit", "oauthlib", "requests", "requests-oauthlib", "clevercloud-sdk")
    }
    print(
        f"# cleverkit Python benchmark: {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    print("versions: " + ", ".join(f"{name} {number}" for name, number in versions.items()))

    scale = 10 if args.quick else 1
    results: dict[str, Any] = {"versions": versions}
    results.update(bench_signing(calls=5000 // scale, rounds=7))
    results.update(bench_http(binary, calls=1000 // scale, rounds=5))
    results.update(bench_import(runs=15 // (3 if args.quick else 1)))
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

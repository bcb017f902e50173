"""One `Client` shared by several threads: every call succeeds and connections are pooled."""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from support import StandIn, wait_until

import cleverkit

THREADS = 8
REQUESTS_PER_THREAD = 200


def test_one_client_shared_by_eight_threads(standin: StandIn) -> None:
    start = threading.Barrier(THREADS)

    def work(client: cleverkit.Client, index: int) -> Counter[str]:
        seen: Counter[str] = Counter()
        start.wait()
        for number in range(REQUESTS_PER_THREAD):
            # Mix the typed calls with generic requests carrying a per-thread query.
            if number % 4 == 3:
                query = [cleverkit.Param(name="thread", value=str(index))]
                response = client.request("GET", "/v2/self", query=query)
                seen[f"status {response.status}"] += 1
            else:
                seen[client.myself().id] += 1
        return seen

    with standin.oauth_client() as client:
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            futures = [pool.submit(work, client, index) for index in range(THREADS)]
            results = [future.result(timeout=120) for future in futures]

    total: Counter[str] = Counter()
    for seen in results:
        total.update(seen)
    generic = THREADS * REQUESTS_PER_THREAD // 4
    typed = THREADS * REQUESTS_PER_THREAD - generic
    assert total == {standin.user_id: typed, "status 200": generic}

    recorded = standin.requests()
    assert len(recorded) == THREADS * REQUESTS_PER_THREAD
    for index in range(THREADS):
        assert sum(item.target == f"/v2/self?thread={index}" for item in recorded) == 50
    # Pooled keep-alive connections: at most one per thread, far fewer than requests.
    assert len({item.connection for item in recorded}) <= THREADS
    # Every request had a nonce of its own (the stand-in refuses a replayed one anyway).
    assert len({item.oauth_params()["oauth_nonce"] for item in recorded}) == len(recorded)


def test_close_while_other_threads_call(standin: StandIn) -> None:
    """`close()` during calls: calls in flight finish, later ones raise InvalidInput, no crash."""
    client = standin.oauth_client()
    started = threading.Barrier(THREADS + 1)

    def work() -> tuple[int, bool]:
        """Calls until the client is closed: (successful calls, whether it saw the close)."""
        successes = 0
        started.wait()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                assert client.myself().id == standin.user_id
            except cleverkit.CleverError.InvalidInput as error:
                assert "closed" in error.detail
                return successes, True
            successes += 1
        return successes, False

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(work) for _ in range(THREADS)]
        started.wait()
        for _ in range(20):
            client.myself()
        client.close()
        results = [future.result(timeout=60) for future in futures]
    assert all(saw_close for _, saw_close in results)
    assert sum(successes for successes, _ in results) == len(standin.requests()) - 20
    assert client.closed


def test_close_during_a_call_lets_it_finish(standin: StandIn) -> None:
    """A call the server is still answering when another thread closes the client returns its
    result; the next call raises InvalidInput."""
    standin.inject(action="delay", before_headers_ms=1000, path_prefix="/v2/self")
    client = standin.oauth_client()
    with ThreadPoolExecutor(max_workers=1) as pool:
        call = pool.submit(client.myself)
        assert wait_until(lambda: len(standin.requests()) == 1)  # the request is in flight
        client.close()
        assert client.closed
        assert call.result(timeout=30).id == standin.user_id
    with pytest.raises(cleverkit.CleverError.InvalidInput):
        client.myself()

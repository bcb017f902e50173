"""`AsyncClient` and the async dance against the stand-in: concurrency, a free event loop,
cancellation that stops the call, typed errors, bounded threads, download progress, sharing a
sync client's core.

The timing bounds are behavioural (a cancelled call returns at once, not after its stall), with
generous margins for a loaded machine; the measured figures are printed (`pytest -s`).
"""

from __future__ import annotations

import asyncio
import datetime
import gc
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional, TypeVar
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
from support import StandIn
from test_config import VARIABLES, profile, write_config
from test_dance import CALLBACK, BrowserOpener, SilentOpener, play_browser

import cleverkit

T = TypeVar("T")

# A cancelled call must return "at once" (the issue says within 200 ms): asserted with room for
# a loaded 2-core machine; the figure is printed.
CANCEL_BOUND_SECONDS = 1.0
INVOICE_BYTES = 1_048_576
# /proc/self/task/*/comm holds at most 15 characters: "cleverkit-worker" reads "cleverkit-worke".
WORKER_COMM = "cleverkit-worker"[:15]


def async_client(standin: StandIn, **overrides: Any) -> cleverkit.AsyncClient:
    return cleverkit.AsyncClient.with_oauth1(standin.credentials(), standin.options(**overrides))


async def in_thread(function: Callable[[], T]) -> T:
    """A blocking control request to the stand-in, off the event loop under test."""
    return await asyncio.to_thread(function)


def requests_to(standin: StandIn, path: str) -> int:
    return sum(1 for item in standin.requests() if item.target.split("?")[0] == path)


async def cancel_returns_in(
    how: str, call: Awaitable[object], stalled: Callable[[], Awaitable[bool]]
) -> float:
    """Starts `call`, waits until `stalled()` says it is stuck, then cancels it the way `how`
    names: `wait_for` (a timeout) or `cancel` (`task.cancel()`). Returns the seconds between
    the cancel and the caller getting control back, with the language's own error."""
    task = asyncio.ensure_future(call)
    deadline = time.monotonic() + 10
    while not await stalled():
        assert time.monotonic() < deadline, "the call never stalled"
        assert not task.done(), task
        await asyncio.sleep(0.02)
    if how == "cancel":
        started = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return time.monotonic() - started
    # wait_for on a call that is already stalled: the timeout is the cancel.
    timeout = 0.05
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(task, timeout)
    return time.monotonic() - started - timeout


@pytest.mark.asyncio
async def test_async_with_closes_and_aclose_closes(standin: StandIn) -> None:
    async with async_client(standin) as client:
        assert isinstance(client, cleverkit.AsyncClient)
        assert (await client.myself()).id == standin.user_id
        assert not client.closed
    assert client.closed
    with pytest.raises(cleverkit.CleverError.InvalidInput) as raised:
        await client.myself()
    assert "closed" in str(raised.value)

    other = cleverkit.AsyncClient.with_api_token(standin.api_token, standin.options())
    assert [token.name for token in await other.list_api_tokens()] == ["standin"]
    await other.aclose()
    await other.aclose()  # closing twice is fine
    assert other.closed and other.is_closed()


@pytest.mark.asyncio
async def test_every_constructor_builds_the_async_with_class(
    standin: StandIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("CLEVER_TOKEN", standin.token)
    monkeypatch.setenv("CLEVER_SECRET", standin.token_secret)
    monkeypatch.setenv("OAUTH_CONSUMER_KEY", standin.consumer_key)
    monkeypatch.setenv("OAUTH_CONSUMER_SECRET", standin.consumer_secret)
    config = write_config(tmp_path / "clever-tools.json", profile(standin, "work"))
    sync = standin.oauth_client()
    clients = [
        async_client(standin),
        cleverkit.AsyncClient.with_api_token(standin.api_token, standin.options()),
        cleverkit.AsyncClient.from_environment(standin.options()),
        cleverkit.AsyncClient.from_config_file(config, "work"),
        sync.async_client(),
    ]
    for client in clients:
        assert type(client) is cleverkit.AsyncClient
        async with client:
            assert (await client.myself()).id == standin.user_id
    sync.close()


@pytest.mark.asyncio
async def test_200_concurrent_calls_all_succeed_and_are_signed(standin: StandIn) -> None:
    async with async_client(standin) as client:
        users = await asyncio.gather(*(client.myself() for _ in range(200)))
    assert [user.id for user in users] == [standin.user_id] * 200
    recorded = [item for item in standin.requests() if item.target == "/v2/self"]
    assert len(recorded) == 200
    # The stand-in verified each signature (a refused one is a 401, which raises).
    params = [item.oauth_params() for item in recorded]
    assert {p["oauth_signature_method"] for p in params} == {"HMAC-SHA512"}
    assert len({p["oauth_nonce"] for p in params}) == 200


@pytest.mark.asyncio
async def test_the_event_loop_keeps_ticking_during_a_stalled_call(standin: StandIn) -> None:
    standin.inject(path_prefix="/v2/self", action="delay", before_headers_ms=1000)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    async with async_client(standin) as client:
        ticking = asyncio.create_task(ticker())
        started = time.monotonic()
        user = await client.myself()
        elapsed = time.monotonic() - started
        ticking.cancel()
    assert user.id == standin.user_id
    assert elapsed >= 0.9, elapsed  # the call really was stalled
    print(f"\n{ticks} ticks of 10 ms during a call stalled {elapsed * 1000:.0f} ms")
    # A blocked loop would tick once or not at all; a free one about 100 times.
    assert ticks >= 30, ticks


@pytest.mark.asyncio
@pytest.mark.parametrize("how", ["wait_for", "cancel"])
async def test_cancelling_a_call_in_its_backoff_stops_the_retries(
    standin: StandIn, how: str
) -> None:
    # Every attempt gets a 503 asking to wait 2 s: the first attempt leaves the call in its
    # backoff sleep, and without the cancel a retry would reach the stand-in 2 s later.
    standin.inject(path_prefix="/v2/self", times=0, status=503, retry_after="2")
    client = async_client(
        standin, max_retries=3, max_retry_wait=datetime.timedelta(seconds=10)
    )

    async def in_backoff() -> bool:
        return await in_thread(lambda: requests_to(standin, "/v2/self")) >= 1

    seconds = await cancel_returns_in(how, client.myself(), in_backoff)
    print(f"\n{how}: control back {seconds * 1000:.1f} ms after the cancel (in backoff)")
    assert seconds < CANCEL_BOUND_SECONDS
    await asyncio.sleep(3)  # past the 2 s the retry would have waited
    assert await in_thread(lambda: requests_to(standin, "/v2/self")) == 1
    await client.aclose()


@pytest.mark.asyncio
@pytest.mark.parametrize("how", ["wait_for", "cancel"])
async def test_cancelling_a_call_waiting_for_headers_returns_at_once(
    standin: StandIn, how: str
) -> None:
    # ureq cannot be interrupted while it waits for the headers: the call is abandoned, ends
    # when the answer comes (2 s later) and starts nothing more.
    standin.inject(path_prefix="/v2/self", action="delay", before_headers_ms=2000)
    client = async_client(standin, max_retries=3)

    async def waiting() -> bool:
        return await in_thread(lambda: requests_to(standin, "/v2/self")) >= 1

    seconds = await cancel_returns_in(how, client.myself(), waiting)
    print(f"\n{how}: control back {seconds * 1000:.1f} ms after the cancel (awaiting headers)")
    assert seconds < CANCEL_BOUND_SECONDS
    await asyncio.sleep(2.5)
    assert await in_thread(lambda: requests_to(standin, "/v2/self")) == 1
    # The client is still usable.
    assert (await client.myself()).id == standin.user_id
    await client.aclose()


@pytest.mark.asyncio
@pytest.mark.parametrize("how", ["wait_for", "cancel"])
async def test_a_cancelled_download_leaves_no_file(
    standin: StandIn, tmp_path: Path, how: str
) -> None:
    standin.inject(
        path_prefix="/v4/billing/", action="stall_body", after_bytes=65_536, for_ms=1500
    )
    destination = tmp_path / "invoice.pdf"
    client = async_client(standin, max_retries=3)

    async def mid_download() -> bool:
        # The temporary file beside the destination exists once the body is being written.
        return any(tmp_path.iterdir())

    download = client.download_invoice(standin.organisation_id, str(INVOICE_BYTES), destination)
    seconds = await cancel_returns_in(how, download, mid_download)
    print(f"\n{how}: control back {seconds * 1000:.1f} ms after the cancel (mid-download)")
    assert seconds < CANCEL_BOUND_SECONDS
    # The worker is stuck in the stalled read for up to 1.5 s, then sees the cancel at its next
    # chunk and removes the temporary file.
    deadline = time.monotonic() + 10
    while any(tmp_path.iterdir()) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)  # nothing appears afterwards either
    assert list(tmp_path.iterdir()) == []
    invoices = [i for i in await in_thread(standin.requests) if "/billing/" in i.target]
    assert len(invoices) == 1, [i.target for i in invoices]
    await client.aclose()


class Progress(cleverkit.DownloadProgress):
    def __init__(self) -> None:
        self.calls: list[tuple[int, Optional[int]]] = []
        self.threads: set[str] = set()

    def on_progress(self, written: int, total: Optional[int]) -> None:
        self.calls.append((written, total))
        self.threads.add(threading.current_thread().name)


@pytest.mark.asyncio
async def test_download_progress_hears_each_chunk_and_the_total(
    standin: StandIn, tmp_path: Path
) -> None:
    progress = Progress()
    destination = tmp_path / "invoice.pdf"
    async with async_client(standin) as client:
        written = await client.download_invoice(
            standin.organisation_id, str(INVOICE_BYTES), destination, progress=progress
        )
    assert written == INVOICE_BYTES == destination.stat().st_size
    counts = [count for count, _ in progress.calls]
    assert len(counts) > 1, progress.calls
    assert all(earlier < later for earlier, later in zip(counts, counts[1:])), counts
    assert counts[-1] == INVOICE_BYTES
    assert {total for _, total in progress.calls} == {INVOICE_BYTES}
    assert threading.main_thread().name not in progress.threads  # a worker thread calls it


def test_the_sync_download_takes_a_progress_listener_too(
    standin: StandIn, tmp_path: Path
) -> None:
    progress = Progress()
    with standin.oauth_client() as client:
        client.download_invoice(standin.organisation_id, "4096", tmp_path / "a.pdf", progress)
    assert progress.calls[-1] == (4096, 4096)


@pytest.mark.asyncio
async def test_errors_are_the_sync_api_exceptions_with_the_same_sentence(
    standin: StandIn,
) -> None:
    def same_sentence(async_error: Any, sync_error: Any) -> None:
        assert str(async_error) == cleverkit.error_message(async_error)
        # The sentences differ only by the response's own request id.
        assert async_error.request_id and sync_error.request_id
        assert str(async_error).replace(async_error.request_id, "ID") == str(sync_error).replace(
            sync_error.request_id, "ID"
        )

    wrong = standin.credentials(token_secret="wrong-secret")
    async with cleverkit.AsyncClient.with_oauth1(wrong, standin.options()) as client:
        with pytest.raises(cleverkit.CleverError.Unauthorized) as unauthorized:
            await client.myself()
    with cleverkit.Client.with_oauth1(wrong, standin.options()) as sync:
        with pytest.raises(cleverkit.CleverError.Unauthorized) as sync_unauthorized:
            sync.myself()
    assert "bad signature" in unauthorized.value.detail
    same_sentence(unauthorized.value, sync_unauthorized.value)

    async with async_client(standin) as client:
        with pytest.raises(cleverkit.CleverError.NotFound) as not_found:
            await client.applications("orga_unknown")
    with standin.oauth_client() as sync:
        with pytest.raises(cleverkit.CleverError.NotFound) as sync_not_found:
            sync.applications("orga_unknown")
    assert isinstance(not_found.value, cleverkit.CleverError)
    same_sentence(not_found.value, sync_not_found.value)
    assert repr(not_found.value).startswith("CleverError.NotFound(")


def test_worker_threads_is_an_option_of_at_least_one(standin: StandIn) -> None:
    assert async_client(standin).worker_threads() == 16
    assert async_client(standin, worker_threads=3).worker_threads() == 3
    with pytest.raises(cleverkit.CleverError.InvalidInput) as raised:
        async_client(standin, worker_threads=0)
    assert "worker_threads" in str(raised.value)


def worker_thread_ids() -> set[str]:
    """The ids of the process's threads named as CleverKit's worker threads."""
    ids = set()
    for comm in Path("/proc/self/task").glob("*/comm"):
        try:
            if comm.read_text(encoding="utf-8").strip() == WORKER_COMM:
                ids.add(comm.parent.name)
        except FileNotFoundError:  # the thread ended between the listing and the read
            pass
    return ids


@contextmanager
def sampled_worker_threads(before: set[str]) -> Iterator[list[int]]:
    """Counts, every millisecond from a thread of its own, the worker threads that were not
    there `before` (those of other clients can only end meanwhile; thread ids are not reused
    that soon)."""
    samples: list[int] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            samples.append(len(worker_thread_ids() - before))
            time.sleep(0.001)

    sampler = threading.Thread(target=sample, name="thread-sampler")
    sampler.start()
    try:
        yield samples
    finally:
        stop.set()
        sampler.join()


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
@pytest.mark.asyncio
async def test_1000_concurrent_calls_use_at_most_the_pool_of_threads(standin: StandIn) -> None:
    gc.collect()  # earlier tests' clients: their pools end their threads when dropped
    before = worker_thread_ids()
    async with async_client(standin, worker_threads=8) as client:
        with sampled_worker_threads(before) as samples:
            users = await asyncio.gather(*(client.myself() for _ in range(1000)))
    assert len(users) == 1000 and {user.id for user in users} == {standin.user_id}
    busy = [count for count in samples if count]
    print(
        f"\n{len(samples)} samples, {len(busy)} with workers, at most {max(samples)} threads"
        f" ({len(before)} of other clients before)"
    )
    assert busy, "the sampler never saw a worker thread"
    assert max(samples) <= 8


@pytest.mark.asyncio
async def test_async_client_shares_the_sync_clients_connections(standin: StandIn) -> None:
    sync = standin.oauth_client()
    shared = sync.async_client()
    assert type(shared) is cleverkit.AsyncClient
    sync.myself()
    assert (await shared.myself()).id == standin.user_id
    sync.myself()
    connections = {item.connection for item in await in_thread(standin.requests)}
    assert len(connections) == 1, "one pool of keep-alive connections for both"

    await shared.aclose()
    assert shared.closed and not sync.closed
    assert sync.myself().id == standin.user_id
    with pytest.raises(cleverkit.CleverError.InvalidInput):
        await shared.myself()

    # An AsyncClient made before keeps working once the sync client is closed.
    again = sync.async_client()
    sync.close()
    assert (await again.myself()).id == standin.user_id
    await again.aclose()
    with pytest.raises(cleverkit.CleverError.InvalidInput):
        sync.async_client()


@pytest.mark.asyncio
async def test_async_dance_steps(standin: StandIn) -> None:
    oauth = cleverkit.OAuthDance(
        standin.consumer_key, standin.consumer_secret, CALLBACK, options=standin.options()
    )
    request_token = await oauth.request_token_async()
    location = await in_thread(lambda: play_browser(oauth.authorization_url(request_token)))
    verifier = oauth.verify_callback(location, request_token)
    assert verifier == parse_qs(urlsplit(location).query)["oauth_verifier"][0]
    credentials = await oauth.access_token_async(request_token, verifier)
    assert credentials.token() not in (None, standin.token, request_token.token())
    assert credentials.expires_at() is not None
    async with cleverkit.AsyncClient.with_oauth1(credentials, standin.options()) as client:
        assert (await client.myself()).id == standin.user_id

    with pytest.raises(cleverkit.CleverError.OAuth) as refused:
        await oauth.access_token_async(request_token, "wrong-verifier")
    assert refused.value.step == cleverkit.OAuthStep.ACCESS_TOKEN


@pytest.mark.asyncio
async def test_login_with_loopback_async(standin: StandIn) -> None:
    opener = BrowserOpener()
    credentials = await cleverkit.login_with_loopback_async(
        standin.consumer_key,
        standin.consumer_secret,
        opener,
        options=standin.options(),
        timeout=datetime.timedelta(seconds=20),
    )
    assert await in_thread(lambda: opener.finished.wait(10))
    assert opener.error is None, opener.error
    async with cleverkit.AsyncClient.with_oauth1(credentials, standin.options()) as client:
        assert (await client.myself()).id == standin.user_id


def loopback_port(standin: StandIn) -> Optional[int]:
    """The port of the login's loopback listener, from the callback its request token named."""
    for item in standin.requests():
        if item.target.startswith("/v2/oauth/request_token"):
            callback = dict(parse_qsl(item.body)).get("oauth_callback", "")
            return urlsplit(callback).port
    return None


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.asyncio
async def test_cancelling_login_with_loopback_async_closes_its_listener(
    standin: StandIn,
) -> None:
    login = cleverkit.login_with_loopback_async(
        standin.consumer_key,
        standin.consumer_secret,
        SilentOpener(),
        options=standin.options(),
        timeout=datetime.timedelta(seconds=60),
    )

    async def waiting_for_the_browser() -> bool:
        return await in_thread(lambda: loopback_port(standin)) is not None

    seconds = await cancel_returns_in("cancel", login, waiting_for_the_browser)
    assert seconds < CANCEL_BOUND_SECONDS
    port = loopback_port(standin)
    assert port is not None
    deadline = time.monotonic() + 10
    while await in_thread(lambda: listening(port)) and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    assert not listening(port), "the loopback listener is still open after the cancel"


# cleverkit/_async.py: the awaiting loop that replaces the generated one.


def test_the_generated_awaiting_loop_is_replaced() -> None:
    from cleverkit import _async
    from cleverkit.cleverkit import cleverkit_ffi

    # Until the first call, the stand-in that makes the replacement; then the replacement.
    replaced = cleverkit_ffi._uniffi_rust_call_async
    assert replaced.__module__ == "cleverkit._async", replaced
    assert asyncio.iscoroutinefunction(replaced)
    # On Unix the library has the channel that spares worker threads the GIL.
    import os

    assert _async._native(cleverkit_ffi._UniffiLib) == (os.name == "posix")


def test_calls_from_event_loops_in_several_threads_and_runs_all_complete(
    standin: StandIn,
) -> None:
    """Each loop gets its own results, including loops that come after closed ones."""
    client = async_client(standin, worker_threads=2)
    user_id = standin.user_id

    async def calls() -> list[str]:
        return [user.id for user in await asyncio.gather(*(client.myself() for _ in range(20)))]

    results: list[list[str]] = []
    threads = [
        threading.Thread(target=lambda: results.append(asyncio.run(calls()))) for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results == [[user_id] * 20] * 3
    # The loops above are closed; a new one on this thread works as well.
    assert asyncio.run(calls()) == [user_id] * 20
    client.close()

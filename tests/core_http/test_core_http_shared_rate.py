"""A fleet's shared send rate through a real ``redis-server`` (``RateLimitPolicy.shared``).

The tests start and stop their own ``redis-server`` on 127.0.0.1 (a free port, no disk
persistence) and skip only when it is not installed; ``.ci/run`` installs it.
"""

from __future__ import annotations

import logging
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import anyio
import pytest

from awaitops import RateLimitPolicy, RedisRateStore
from awaitops.emulator import Emulator, EmulatorConfig
from awaitops.pinecone import Pinecone

KEY = "pcsk_shared_rate_key"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not on PATH (apt-get install -y redis-server)")
    port = _free_port()
    child = subprocess.Popen(
        [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if child.poll() is not None or time.monotonic() > deadline:
                    child.kill()
                    out, _ = child.communicate(timeout=5)
                    raise RuntimeError(f"redis-server did not start:\n{out}") from None
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        child.terminate()
        child.communicate(timeout=10)


def test_the_store_is_configured_with_checks_and_keeps_its_url_out_of_reprs() -> None:
    store = RedisRateStore("redis://:hunter2@127.0.0.1:1/0", key="proj")
    policy = RateLimitPolicy(shared=store)
    assert policy.shared == store
    assert "hunter2" not in repr(store)
    assert "hunter2" not in repr(policy)
    with pytest.raises(ValueError, match="url"):
        RedisRateStore("http://127.0.0.1", key="proj")
    with pytest.raises(ValueError, match="key"):
        RedisRateStore("redis://127.0.0.1", key="")
    with pytest.raises(TypeError, match="RedisRateStore"):
        RateLimitPolicy(shared="redis://127.0.0.1")  # type: ignore[arg-type]


async def test_two_clients_sharing_a_store_keep_to_the_limit_together(
    redis_url: str, anyio_backend: str
) -> None:
    emulator = Emulator(EmulatorConfig(api_key=KEY, rate_limit=40.0))
    emulator.add_assistant("docs")
    key = f"two-clients-{anyio_backend}"
    policy = RateLimitPolicy(shared=RedisRateStore(redis_url, key=key))
    if anyio_backend == "trio":
        # redis-py's asyncio client does not run under trio: a clear error, not a hang.
        async with emulator.serve() as url, Pinecone(KEY, control_url=url, rate_limit=policy) as pc:
            with pytest.raises(RuntimeError, match="asyncio only"):
                await pc.assistants.get("docs")
        return
    calls = 120
    ok = 0
    with anyio.fail_after(60):
        async with (
            emulator.serve() as url,
            Pinecone(KEY, control_url=url, rate_limit=policy) as first,
            Pinecone(KEY, control_url=url, rate_limit=policy) as second,
        ):

            async def one(pc: Pinecone) -> None:
                nonlocal ok
                await pc.assistants.get("docs")
                ok += 1

            async with anyio.create_task_group() as group:
                for index in range(calls):
                    group.start_soon(one, first if index % 2 else second)
    assert ok == calls
    statuses = [r.status for r in emulator.requests if r.path.endswith("/assistants/docs")]
    # Two clients, one bucket of 40: the first wave meets the limit, then the one shared
    # rate paces both (a generous bound; the benchmark measures the share).
    assert statuses.count(429) <= 0.3 * len(statuses)
    assert first.stats.queued + second.stats.queued > 0
    # Both drew on the one shared queue: the store's state is there, under the key.
    import redis.asyncio

    async with redis.asyncio.from_url(redis_url) as store:
        keys = await store.keys(f"awaitops:rate:{key}:*")
    assert len(keys) == 1


# The shared store is asyncio-only (the trio case is the clear error tested above).
@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_the_store_admits_no_faster_than_its_shared_rate(
    redis_url: str, anyio_backend: str
) -> None:
    from awaitops.core._shared_rate import SharedRate

    policy = RateLimitPolicy(recovery=1e-9)
    learning = (policy.decrease, policy.recovery, policy.forget_after, policy.min_rate)
    store = RedisRateStore(redis_url, key=f"pace-{anyio_backend}")
    lanes = [SharedRate(store, "https://h"), SharedRate(store, "https://h")]
    try:
        # Teach the store a rate: 10 answers accepted this second, then a 429.
        for _ in range(10):
            lanes[0].accepted()
        _, epoch, _ = await lanes[0].admit(learning, 60.0)
        lanes[0].throttled(epoch, None)
        await lanes[0].admit(learning, 60.0)
        # Forty admissions from two lanes are spread over about 4 s at 10 a second.
        waits = [(await lanes[i % 2].admit(learning, 60.0))[0] for i in range(40)]
        assert 3.0 <= max(waits) <= 5.0
        assert waits == sorted(waits)
        # A caller that cannot wait that long is refused, and reserves nothing.
        wait, _, admitted = await lanes[1].admit(learning, 1.0)
        assert not admitted
        assert wait > 1.0
        assert (await lanes[0].admit(learning, 60.0))[0] == pytest.approx(wait, abs=0.5)
    finally:
        for lane in lanes:
            await lane.aclose()


@pytest.mark.parametrize("anyio_backend", ["asyncio"])
async def test_an_unreachable_store_falls_back_to_the_local_limiter_with_a_warning(
    anyio_backend: str, caplog: pytest.LogCaptureFixture
) -> None:
    emulator = Emulator(EmulatorConfig(api_key=KEY))
    emulator.add_assistant("docs")
    store = RedisRateStore(f"redis://127.0.0.1:{_free_port()}/0", key="down", timeout=0.2)
    policy = RateLimitPolicy(shared=store)
    with anyio.fail_after(30), caplog.at_level(logging.WARNING, logger="awaitops"):
        async with emulator.serve() as url, Pinecone(KEY, control_url=url, rate_limit=policy) as pc:
            for _ in range(3):
                await pc.assistants.get("docs")
    warnings = [r for r in caplog.records if "shared rate store is unreachable" in r.message]
    # Once per outage, not once per call: the lane keeps to its local limiter meanwhile.
    assert len(warnings) == 1

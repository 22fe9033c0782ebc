"""One learned send rate for a fleet: processes that share a limit share it through Redis.

Independent clients each learn a rate from what they alone saw accepted and converge only
roughly (see ``BENCHMARKS.md``, section 10); with :class:`RedisRateStore` they keep one
rate and one queue of send times in Redis instead. Each admission is one round trip: a Lua
script that, on the store's clock (``TIME``), reserves the caller's send time at the shared
rate, and carries what this process saw since its last admission (answers accepted while
the rate is still unknown, a 429 and its ``Retry-After``). Nothing here imports redis until
a lane first uses the store, so the core does not depend on it; it comes with the
``awaitops[redis]`` extra and its asyncio client (the store is asyncio-only).

If the store cannot be reached, the lane falls back to its own local limiter with a
warning and tries the store again a few seconds later: a coordinator store being down
never fails a call.
"""

from __future__ import annotations

import logging
import math
import time
from typing import Any

import anyio

from ._values import Frozen

logger = logging.getLogger("awaitops")

# How long a lane keeps to its local limiter after the store failed, before trying again.
_RETRY_STORE_AFTER = 5.0

# The state of one shared rate: a hash under the store's key. All times on the store's clock.
#   rate   the learned send rate (absent: no limit known yet), as of ``stamp``
#   tat    the next free send time (GCRA's theoretical arrival time)
#   epoch  bumped by every cut: 429s of sends admitted before it are already answered
#   cut    when the last 429 was reported; paused: the server's Retry-After, until then
#   okc/okp/oks  answers accepted in this second / the previous second / this second's start
_ADMIT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local key = KEYS[1]
local s = redis.call('HMGET', key, 'rate', 'stamp', 'tat', 'epoch', 'cut', 'paused',
                     'okc', 'okp', 'oks')
local rate = tonumber(s[1])
local stamp = tonumber(s[2]) or now
local tat = tonumber(s[3]) or 0
local epoch = tonumber(s[4]) or 0
local cut = tonumber(s[5]) or 0
local paused = tonumber(s[6]) or 0
local okc = tonumber(s[7]) or 0
local okp = tonumber(s[8]) or 0
local oks = tonumber(s[9]) or 0
local ok = tonumber(ARGV[1])
local hit = tonumber(ARGV[2])
local pause = tonumber(ARGV[3])
local decrease = tonumber(ARGV[4])
local recovery = tonumber(ARGV[5])
local forget = tonumber(ARGV[6])
local min_rate = tonumber(ARGV[7])
local max_wait = tonumber(ARGV[8])
local ttl = tonumber(ARGV[9])
if ok > 0 then
  if now - oks >= 1 then
    if now - oks < 2 then okp = okc else okp = 0 end
    okc = 0
    oks = now
  end
  okc = okc + ok
end
if rate then
  if now - cut > forget then
    rate = nil
  else
    rate = rate * (1 + recovery * math.max(0, now - stamp))
  end
end
stamp = now
if hit >= 0 then
  cut = now
  if pause > 0 and now + pause > paused then paused = now + pause end
  if hit == epoch then
    epoch = epoch + 1
    if rate then
      rate = math.max(min_rate, rate * decrease)
    else
      local into = now - oks
      local accepted
      if into <= 1 then accepted = okc + okp * (1 - into) else accepted = okc / into end
      if accepted >= 1 then rate = math.max(min_rate, accepted) end
    end
  end
end
local start = math.max(now, paused)
if rate then start = math.max(start, tat) end
local wait = start - now
local admitted = 0
if wait <= max_wait then
  admitted = 1
  if rate then tat = start + 1 / rate end
end
local known = 0
if rate then known = 1 end
redis.call('HSET', key, 'stamp', tostring(stamp), 'tat', tostring(tat), 'epoch', epoch,
           'cut', tostring(cut), 'paused', tostring(paused), 'okc', okc, 'okp', okp,
           'oks', tostring(oks))
if rate then redis.call('HSET', key, 'rate', tostring(rate)) else redis.call('HDEL', key, 'rate') end
redis.call('EXPIRE', key, ttl)
return {tostring(wait), epoch, known, admitted}
"""


class RedisRateStore(Frozen):
    """Where the clients of a fleet keep one shared send rate: a Redis server (``url``, as
    ``redis.asyncio.from_url`` takes it) and the ``key`` every process of the fleet uses
    for one limit (e.g. the project's name); each host a client talks to gets its own
    rate under it. Give it to :class:`RateLimitPolicy` as ``shared``.

    Needs the ``awaitops[redis]`` extra and an asyncio event loop (redis-py's asyncio
    client does not run under trio: a call there raises ``RuntimeError``). ``timeout`` bounds
    each round trip to the store; when the store cannot be reached (or answers an error), the
    client paces the host with its own local limiter, logs a warning, and tries the store
    again a few seconds later. The URL may hold a password: it is never shown in a repr.
    """

    __match_args__ = ("url", "key", "timeout")
    __slots__ = __match_args__
    _unshown = frozenset({"url"})

    url: str
    key: str
    timeout: float

    def __init__(self, url: str, key: str, *, timeout: float = 0.5) -> None:
        if not isinstance(url, str) or not url.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("url must be a redis://, rediss:// or unix:// URL")
        if not isinstance(key, str) or not key:
            raise ValueError("key must be a non-empty string")
        if not timeout > 0:
            raise ValueError(f"timeout must be positive, got {timeout!r}")
        self._set(url, key, float(timeout))


class SharedRate:
    """One lane's side of a shared rate: its connection to the store and what it has seen
    since its last admission, reported with the next one."""

    def __init__(self, store: RedisRateStore, host: str) -> None:
        self._store = store
        self._key = f"awaitops:rate:{store.key}:{host}"
        self._redis: Any = None
        self._script: Any = None
        self._down_until = 0.0
        # Reported with the next admission: answers accepted, and the latest 429.
        self._accepted = 0
        self._hit: int = -1
        self._pause_until = 0.0
        # Whether the store knew a rate at the last admission: until it does, this lane
        # counts the answers accepted, from which the first 429 learns the rate.
        self.learning = True

    def up(self) -> bool:
        """Whether to ask the store (False for a while after it failed)."""
        return time.monotonic() >= self._down_until

    def accepted(self) -> None:
        if self.learning:
            self._accepted += 1

    def throttled(self, epoch: int, retry_after: float | None) -> None:
        self._hit = max(self._hit, epoch)
        if retry_after is not None and retry_after > 0:
            self._pause_until = max(self._pause_until, time.monotonic() + retry_after)

    async def admit(
        self, learning: tuple[float, float, float, float], max_wait: float
    ) -> tuple[float, int, bool]:
        """Reserve a send time: ``(seconds to wait, epoch, admitted)``; not admitted when the
        wait would be longer than ``max_wait`` (then nothing is reserved). ``learning``: the
        rate policy's ``decrease``, ``recovery``, ``forget_after`` and ``min_rate``. Raises
        ``ConnectionError`` when the store cannot answer, after marking it down."""
        decrease, recovery, forget_after, min_rate = learning
        accepted, hit = self._accepted, self._hit
        pause = max(0.0, self._pause_until - time.monotonic())
        self._accepted, self._hit, self._pause_until = 0, -1, 0.0
        try:
            with anyio.fail_after(self._store.timeout * 2):
                script = self._script or self._connect()
                wait, epoch, known, admitted = await script(
                    keys=[self._key],
                    args=[
                        accepted,
                        hit,
                        repr(pause),
                        repr(decrease),
                        repr(recovery),
                        repr(forget_after),
                        repr(min_rate),
                        repr(max_wait if math.isfinite(max_wait) else 1e9),
                        max(60, math.ceil(forget_after * 2)),
                    ],
                )
        except Exception as exc:  # any failure of the store means "down"
            if isinstance(exc, ImportError):
                raise
            self._down_until = time.monotonic() + _RETRY_STORE_AFTER
            logger.warning(
                "the shared rate store is unreachable (%s: %s); pacing %s locally for %.0fs",
                type(exc).__name__,
                exc,
                self._key,
                _RETRY_STORE_AFTER,
            )
            raise ConnectionError("shared rate store unreachable") from exc
        self.learning = not int(known)
        return float(wait), int(epoch), bool(int(admitted))

    def _connect(self) -> Any:
        try:
            import redis.asyncio
        except ImportError:
            raise ImportError("RedisRateStore needs redis-py: install awaitops[redis]") from None
        store = self._store
        self._redis = redis.asyncio.from_url(
            store.url, socket_timeout=store.timeout, socket_connect_timeout=store.timeout
        )
        self._script = self._redis.register_script(_ADMIT)
        return self._script

    async def aclose(self) -> None:
        connection, self._redis, self._script = self._redis, None, None
        if connection is not None:
            await connection.aclose()

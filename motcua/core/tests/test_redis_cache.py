"""With REDIS_URL set, the login throttle is shared through Redis (real server)."""

import socket

import pytest

from motcua.core import login_throttle


def _redis_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_answers(), reason="no Redis on 127.0.0.1:6379")
def test_throttle_counts_survive_in_redis(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    from django.core.cache import cache

    cache.clear()
    settings.LOGIN_MAX_FAILURES = 2
    for _ in range(2):
        login_throttle.record_failure(username="thucphan.xuly", address="198.51.100.1")
    assert login_throttle.seconds_locked(username="thucphan.xuly", address="198.51.100.2") > 0
    cache.clear()

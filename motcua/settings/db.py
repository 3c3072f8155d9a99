from motcua.env import env
from motcua.settings.base import VAR_DIR

_default_url = f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}"
_database = env.database("DATABASE_URL", _default_url)

if _database["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue instead of
    # failing with "database is locked" when a read lock cannot be upgraded.
    _database["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    _database["TEST"] = {"NAME": env.str("SQLITE_TEST_NAME", "") or None}
elif _database["ENGINE"] == "django.db.backends.postgresql":
    _database["OPTIONS"] = {"pool": env.bool("DATABASE_POOL", default=False)}
    _database["CONN_MAX_AGE"] = 0 if _database["OPTIONS"]["pool"] else 60
    _database["CONN_HEALTH_CHECKS"] = True

DATABASES = {"default": _database}

_redis_url = env.str("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        # The database cache is shared by every web process, so login throttling holds
        # across gunicorn workers without extra infrastructure.
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "motcua_cache"}
    )
}

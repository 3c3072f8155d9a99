from django.core.management.utils import get_random_secret_key

from motcua.env import EnvError, env
from motcua.settings.base import DEBUG, VAR_DIR

_secret = env.str("SECRET_KEY")
if not _secret:
    if not DEBUG and env.bool("MOTCUA_REQUIRE_SECRET_KEY", default=False):
        raise EnvError("SECRET_KEY must be set in production (MOTCUA_REQUIRE_SECRET_KEY=true).")
    # The embedded default keeps a generated key under var/ so sessions survive restarts.
    _key_file = VAR_DIR / "secret_key"
    if _key_file.exists():
        _secret = _key_file.read_text().strip()
    else:
        _secret = get_random_secret_key()
        try:
            VAR_DIR.mkdir(parents=True, exist_ok=True)
            _key_file.write_text(_secret)
            _key_file.chmod(0o600)
        except OSError:
            pass
SECRET_KEY = _secret

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])

_https = env.bool("HTTPS", default=False)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = _https
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", 31536000 if _https else 0, minimum=0)
# Both are hard to undo once browsers have seen them: on with HTTPS, but each can be refused.
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https and env.bool("HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = _https and env.bool("HSTS_PRELOAD", default=True)
# Load balancers and `serve` probe these over plain HTTP on the private side.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _https else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", 8 * 3600, minimum=60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Officials' login throttle: failures per username (and per client address) within the
# window lock further attempts until the window passes.
LOGIN_MAX_FAILURES = env.int("LOGIN_MAX_FAILURES", 5, minimum=1)
LOGIN_LOCKOUT_SECONDS = env.int("LOGIN_LOCKOUT_SECONDS", 15 * 60, minimum=1)

# Public tracking (/tra-cuu/): lookups per client address and failed lookups per dossier
# code within one fixed window; past either limit no lookup is made until the window ends.
# A commune office behind one address serves many people, hence the address's larger room.
TRACKING_LOOKUPS_PER_ADDRESS = env.int("TRACKING_LOOKUPS_PER_ADDRESS", 30, minimum=1)
TRACKING_FAILURES_PER_CODE = env.int("TRACKING_FAILURES_PER_CODE", 5, minimum=1)
TRACKING_WINDOW_SECONDS = env.int("TRACKING_WINDOW_SECONDS", 15 * 60, minimum=1)

# /metrics: with a token set, scrapers send "Authorization: Bearer <token>"; without one,
# only loopback clients and staff users may read it.
METRICS_TOKEN = env.str("METRICS_TOKEN")
CSRF_FAILURE_VIEW = "motcua.core.error_views.csrf_failure"

# Reverse proxies in front of the application that append to X-Forwarded-For (0 = none).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", 0, minimum=0)

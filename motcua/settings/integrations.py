from motcua.env import env
from motcua.settings.base import VAR_DIR

INTEGRATIONS_MODE = env.choice("INTEGRATIONS_MODE", ["simulated", "live"], default="simulated")

# Simulators served as HTTP servers and shared by every process in simulated mode, as
# "system=url,system=url" (``make run`` sets it; empty: each process has its own in memory).
SIMULATOR_SERVERS = dict(
    item.split("=", 1) for item in env.str("SIMULATOR_SERVERS", "").split(",") if "=" in item
)

# The National Public Service Portal (used when INTEGRATIONS_MODE=live; the simulator otherwise).
NATIONAL_PORTAL_URL = env.str("NATIONAL_PORTAL_URL", "")
NATIONAL_PORTAL_TOKEN = env.str("NATIONAL_PORTAL_TOKEN", "")

# The National Population Database (docs/integrations/population.md): citizen lookups at the
# desk and for e-form prefill, each with a hard time budget; the simulator when not live.
# The simulator's demo people live in a JSON file every process reads ("" = memory only).
POPULATION_URL = env.str("POPULATION_URL", "")
POPULATION_TOKEN = env.str("POPULATION_TOKEN", "")
POPULATION_TIMEOUT_SECONDS = env.float("POPULATION_TIMEOUT_SECONDS", 3.0)
POPULATION_SIMULATOR_FILE = env.str("POPULATION_SIMULATOR_FILE", str(VAR_DIR / "population-simulator.json"))

# The payment platform (docs/integrations/payment.md): the national platform by default,
# or the province's gateway; URL and key are used when INTEGRATIONS_MODE=live.
PAYMENT_PLATFORM_URL = env.str("PAYMENT_PLATFORM_URL", "")
PAYMENT_PLATFORM_KEY = env.str("PAYMENT_PLATFORM_KEY", "")
PAYMENT_PLATFORM_CHANNEL = env.choice(
    "PAYMENT_PLATFORM_CHANNEL", ["national", "provincial"], default="national"
)

# Shared secrets of the systems that post events to /api/v1/integrations/<system>/events/
# (HMAC, see docs/integrations/inbound-events.md). The simulated defaults are public: set
# real ones in live mode (check --deploy warns when a default is left).
SIMULATED_INBOUND_SECRET = "motcua-simulated-secret"
INBOUND_SECRETS = {
    system: env.str(f"{system.upper().replace('-', '_')}_EVENTS_SECRET", SIMULATED_INBOUND_SECRET)
    for system in ("payment", "tax", "national-portal", "population")
}

# The tax office (sector software, docs/integrations/tax.md): where dossiers are filed in live mode.
TAX_OFFICE_URL = env.str("TAX_OFFICE_URL", "")
TAX_OFFICE_TOKEN = env.str("TAX_OFFICE_TOKEN", "")

# Notifications (docs/integrations/notifications.md): SMS through a primary and a secondary
# provider, e-mail through Django's backend then a secondary provider (live mode URLs).
NOTIFY_APPLICANTS = env.bool("NOTIFY_APPLICANTS", default=True)
NOTIFY_SMS_PRIMARY_URL = env.str("NOTIFY_SMS_PRIMARY_URL", "")
NOTIFY_SMS_PRIMARY_TOKEN = env.str("NOTIFY_SMS_PRIMARY_TOKEN", "")
NOTIFY_SMS_SECONDARY_URL = env.str("NOTIFY_SMS_SECONDARY_URL", "")
NOTIFY_SMS_SECONDARY_TOKEN = env.str("NOTIFY_SMS_SECONDARY_TOKEN", "")
NOTIFY_EMAIL_SECONDARY_URL = env.str("NOTIFY_EMAIL_SECONDARY_URL", "")
NOTIFY_EMAIL_SECONDARY_TOKEN = env.str("NOTIFY_EMAIL_SECONDARY_TOKEN", "")
EMAIL_BACKEND = env.str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "Một cửa <no-reply@motcua.localhost>")
EMAIL_HOST = env.str("EMAIL_HOST", "localhost")
EMAIL_PORT = env.int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)

# VNeID login (OpenID Connect, docs/integrations/vneid.md). In simulated mode an empty
# discovery URL means the bundled simulator at /gia-lap/vneid/ on the host the citizen is
# using; in live mode set all three to the values VNeID issued for this province.
VNEID_DISCOVERY_URL = env.str("VNEID_DISCOVERY_URL", "")
VNEID_CLIENT_ID = env.str("VNEID_CLIENT_ID", "motcua-portal")
VNEID_CLIENT_SECRET = env.str("VNEID_CLIENT_SECRET", "motcua-simulated-vneid-secret")
VNEID_TIMEOUT_S = env.float("VNEID_TIMEOUT_S", 10.0)
# A citizen's portal session ends this long after the VNeID login (or the session's last
# change), shorter than the back office's SESSION_COOKIE_AGE: the portal is used on shared
# computers at the one-stop desk and in internet cafés.
CITIZEN_SESSION_AGE_S = env.int("CITIZEN_SESSION_AGE_S", 2 * 3600, minimum=60)

# The simulator's OIDC provider (django-oauth-toolkit); its URLs are mounted only when
# INTEGRATIONS_MODE=simulated. The RS256 key is made once under var/ (bootstrap, or on
# first use) and read lazily, so importing settings never touches the disk for it.
from motcua.integrations.vneid.simulator.keys import lazy_signing_key  # noqa: E402

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": lazy_signing_key(),
    "PKCE_REQUIRED": True,
    "SCOPES": {"openid": "OpenID Connect", "profile": "Họ tên, ngày sinh, số điện thoại"},
    "DEFAULT_SCOPES": ["openid"],
    "OAUTH2_VALIDATOR_CLASS": "motcua.integrations.vneid.simulator.validator.SimulatorValidator",
    "ACCESS_TOKEN_EXPIRE_SECONDS": 300,
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    "ID_TOKEN_EXPIRE_SECONDS": 300,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,  # S256 only
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    # The simulator accepts plain-HTTP callbacks only on a plain-HTTP (demo) deployment.
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"] if env.bool("HTTPS", default=False) else ["http", "https"],
}

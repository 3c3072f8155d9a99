from motcua.env import env

INTEGRATIONS_MODE = env.choice("INTEGRATIONS_MODE", ["simulated", "live"], default="simulated")

# The National Public Service Portal (used when INTEGRATIONS_MODE=live; the simulator otherwise).
NATIONAL_PORTAL_URL = env.str("NATIONAL_PORTAL_URL", "")
NATIONAL_PORTAL_TOKEN = env.str("NATIONAL_PORTAL_TOKEN", "")

from motcua.env import env

INTEGRATIONS_MODE = env.choice("INTEGRATIONS_MODE", ["simulated", "live"], default="simulated")

from motcua.integrations.vneid.tests.support import vneid_simulator  # noqa: F401  (fixture)

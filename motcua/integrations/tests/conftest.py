import pytest

from motcua.integrations.base import registry
from motcua.integrations.national_portal.simulator import simulator as portal_simulator


@pytest.fixture(autouse=True)
def simulator(settings):
    """The in-process national portal, clean for every test, in simulated mode."""
    settings.INTEGRATIONS_MODE = "simulated"
    settings.NOTIFY_APPLICANTS = False  # these tests count the portal's messages (notify: its own tests)
    registry.reset()
    portal_simulator.reset()
    yield portal_simulator
    portal_simulator.reset()
    registry.reset()

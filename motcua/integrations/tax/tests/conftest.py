import pytest

from motcua.integrations.base import registry
from motcua.integrations.notifications import simulator as notify_simulators
from motcua.integrations.tax.simulator import simulator as tax_simulator


@pytest.fixture(autouse=True)
def tax_office(settings):
    """The in-process tax office, clean for every test, in simulated mode."""
    settings.INTEGRATIONS_MODE = "simulated"
    registry.reset()
    tax_simulator.reset()
    notify_simulators.reset_all()
    yield tax_simulator
    tax_simulator.reset()
    notify_simulators.reset_all()
    registry.reset()

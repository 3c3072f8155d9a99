import pytest

from motcua.integrations.base import registry
from motcua.integrations.notifications import simulator as providers


@pytest.fixture(autouse=True)
def notify(settings):
    """The in-process SMS and e-mail providers, clean, in simulated mode; notifications on."""
    settings.INTEGRATIONS_MODE = "simulated"
    settings.NOTIFY_APPLICANTS = True
    registry.reset()
    providers.reset_all()
    yield providers
    providers.reset_all()
    registry.reset()

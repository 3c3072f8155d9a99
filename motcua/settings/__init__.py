"""Settings composed by concern; each module reads its values through ``motcua.env``."""

from motcua.settings.base import *  # noqa: F403
from motcua.settings.db import *  # noqa: F403
from motcua.settings.i18n import *  # noqa: F403
from motcua.settings.integrations import *  # noqa: F403
from motcua.settings.logging import *  # noqa: F403
from motcua.settings.security import *  # noqa: F403
from motcua.settings.tasks import *  # noqa: F403

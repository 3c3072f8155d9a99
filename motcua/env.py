"""The only module that reads the process environment.

Every setting that can change between deployments is read here through a typed helper
with a safe default. A malformed value raises ``EnvError`` with a one-line message that
names the variable, so ``manage.py`` can print it instead of a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import dj_database_url

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class EnvError(Exception):
    """A configuration value in the environment is malformed."""


class Env:
    def __init__(self, source: dict[str, str] | None = None) -> None:
        self._source = os.environ if source is None else source

    def raw(self, name: str) -> str | None:
        return self._source.get(name)

    def str(self, name: str, default: str = "") -> str:
        value = self.raw(name)
        return default if value is None else value.strip()

    def bool(self, name: str, default: bool = False) -> bool:
        value = self.raw(name)
        if value is None:
            return default
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise EnvError(f"{name}={value!r} is not a boolean (use true/false, 1/0, yes/no).")

    def int(self, name: str, default: int, *, minimum: int | None = None) -> int:
        value = self.raw(name)
        if value is None or not value.strip():
            return default
        try:
            number = int(value.strip())
        except ValueError:
            raise EnvError(f"{name}={value!r} is not a whole number.") from None
        if minimum is not None and number < minimum:
            raise EnvError(f"{name}={number} must be at least {minimum}.")
        return number

    def float(self, name: str, default: float) -> float:
        value = self.raw(name)
        if value is None or not value.strip():
            return default
        try:
            return float(value.strip())
        except ValueError:
            raise EnvError(f"{name}={value!r} is not a number.") from None

    def list(self, name: str, default: Iterable[str] = ()) -> list[str]:
        value = self.raw(name)
        if value is None:
            return list(default)
        return [item.strip() for item in value.split(",") if item.strip()]

    def choice(self, name: str, choices: Iterable[str], default: str) -> str:
        allowed = list(choices)
        value = self.str(name, default)
        if value not in allowed:
            raise EnvError(f"{name}={value!r} must be one of: {', '.join(allowed)}.")
        return value

    def path(self, name: str, default: Path) -> Path:
        value = self.str(name)
        return Path(value).expanduser().resolve() if value else default

    def database(self, name: str, default: str) -> dict:
        url = self.str(name) or default  # an empty value means "not set"
        try:
            config = dj_database_url.parse(url)
        except ValueError as error:
            raise EnvError(f"{name} is not a valid database URL: {error}") from None
        if not config.get("ENGINE"):
            raise EnvError(f"{name}={url!r}: unsupported database scheme.")
        return config


env = Env()

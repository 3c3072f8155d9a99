import subprocess
import sys
from pathlib import Path

import pytest

from motcua.env import Env, EnvError

ROOT = Path(__file__).resolve().parents[3]


def test_typed_values_and_defaults():
    env = Env({"DEBUG": "yes", "N": "7", "HOSTS": "a.vn, b.vn,", "MODE": "live"})
    assert env.bool("DEBUG") is True
    assert env.bool("MISSING", default=True) is True
    assert env.int("N", 1) == 7
    assert env.int("MISSING", 3) == 3
    assert env.list("HOSTS") == ["a.vn", "b.vn"]
    assert env.choice("MODE", ["simulated", "live"], default="simulated") == "live"


@pytest.mark.parametrize(
    ("source", "call", "fragment"),
    [
        ({"DEBUG": "maybe"}, lambda e: e.bool("DEBUG"), "DEBUG='maybe' is not a boolean"),
        ({"PORT": "80a"}, lambda e: e.int("PORT", 8000), "PORT='80a' is not a whole number"),
        ({"PORT": "0"}, lambda e: e.int("PORT", 8000, minimum=1), "PORT=0 must be at least 1"),
        (
            {"MODE": "real"},
            lambda e: e.choice("MODE", ["simulated", "live"], "simulated"),
            "must be one of: simulated, live",
        ),
        ({"DATABASE_URL": "nosuch://x"}, lambda e: e.database("DATABASE_URL", "sqlite://"), "DATABASE_URL"),
    ],
)
def test_malformed_values_name_the_variable(source, call, fragment):
    with pytest.raises(EnvError) as error:
        call(Env(source))
    assert fragment in str(error.value)


def _manage(*args: str, **environment: str) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, **environment}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_manage_py_prints_one_line_for_a_malformed_setting(tmp_path):
    result = _manage("check", DEBUG="perhaps", MOTCUA_VAR_DIR=str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "motcua: configuration error: DEBUG='perhaps' is not a boolean (use true/false, 1/0, yes/no)."
    ]


def test_manage_py_prints_one_line_when_the_database_is_unreachable(tmp_path):
    result = _manage(
        "migrate", DATABASE_URL="postgres://nobody@127.0.0.1:1/none", MOTCUA_VAR_DIR=str(tmp_path)
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("motcua: cannot use the database:")


def test_deploy_check_passes_with_the_documented_production_values(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="k" * 20 + "-Zq8#mV2@pL5!xR9$wT3^nB7&cF1*hJ4(",
        DEBUG="false",
        HTTPS="true",
        ALLOWED_HOSTS="dichvucong.caobang.example",
        MOTCUA_REQUIRE_SECRET_KEY="true",
        TRUSTED_PROXY_COUNT="1",
        METRICS_TOKEN="t",
        MOTCUA_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _manage("check", MOTCUA_REQUIRE_SECRET_KEY="true", SECRET_KEY="", MOTCUA_VAR_DIR=str(tmp_path))
    assert result.returncode == 2
    assert "SECRET_KEY must be set" in result.stderr

"""The checked-in OpenAPI document is the contract: a change to the API must update it
(`make schema`) so the change is visible in review."""

from pathlib import Path

from django.core.management import call_command

CHECKED_IN = Path(__file__).resolve().parents[1] / "openapi.yaml"


def test_checked_in_schema_matches_the_code(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(generated), "--lang", "en")
    assert generated.read_text() == CHECKED_IN.read_text(), (
        "The API changed: run `make schema` and commit motcua/api/openapi.yaml"
    )

"""Running poppler's ``pdfsig`` with an NSS database that trusts the province's root."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

TOOLS = ("pdfsig", "certutil")
missing = [tool for tool in TOOLS if shutil.which(tool) is None]
needs_pdfsig = pytest.mark.skipif(
    bool(missing), reason=f"{' and '.join(missing)} not installed (apt: poppler-utils, libnss3-tools)"
)


def nss_database(folder: Path, root_pem: str) -> str:
    """A new NSS database in ``folder`` trusting ``root_pem`` for signing; its ``sql:`` name."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "root.pem").write_text(root_pem)
    name = f"sql:{folder}"
    subprocess.run(["certutil", "-N", "-d", name, "--empty-password"], check=True, capture_output=True)
    subprocess.run(
        [
            "certutil",
            "-A",
            "-d",
            name,
            "-n",
            "motcua test root",
            "-t",
            "CT,C,C",
            "-i",
            str(folder / "root.pem"),
        ],
        check=True,
        capture_output=True,
    )
    return name


def pdfsig(pdf: Path, nss: str) -> list[dict[str, str]]:
    """One dict per signature: field, signer, validation, certificate, total (pdfsig's lines).

    ``pdfsig`` exits 0 even for a digest mismatch, so its output is what counts.
    """
    run = subprocess.run(["pdfsig", "-nssdir", nss, str(pdf)], capture_output=True, text=True, timeout=60)
    found: list[dict[str, str]] = []
    for line in run.stdout.splitlines():
        if re.match(r"Signature #\d+:", line):
            found.append({})
        elif found and (match := re.match(r"\s+- ([^:]+): (.*)", line)):
            found[-1][match[1]] = match[2].strip()
        elif found and line.strip().startswith("- "):
            found[-1][line.strip()[2:]] = "yes"  # "Total document signed", "Not total document signed"
    return found

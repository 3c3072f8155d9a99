"""The Vietnamese catalogue is complete, well-formed, and the one Django actually loads.

No database needed: the .po file is parsed here and checked with GNU msgfmt.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils import translation

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
VI_PO = LOCALE_DIR / "vi" / "LC_MESSAGES" / "django.po"
VI_MO = VI_PO.with_suffix(".mo")
MSGFMT = shutil.which("msgfmt")
NO_MSGFMT = "msgfmt (GNU gettext) is not installed: run `make install` or apt-get install gettext"


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")

    @property
    def msgstrs(self) -> dict[str, str]:
        return {k: v for k, v in self.fields.items() if k.startswith("msgstr")}

    def __str__(self) -> str:
        return f"line {self.line}: {self.msgid!r}"


def parse_po(path: Path) -> list[Entry]:
    """Entries of a .po file (obsolete `#~` entries are skipped), header included."""
    entries: list[Entry] = []
    entry: Entry | None = None
    key = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            if not line and entry is not None and entry.fields:
                entries.append(entry)
                entry = None
            continue
        if entry is None:
            entry = Entry(line=number)
        if line.startswith("#,"):
            entry.flags.update(f.strip() for f in line[2:].split(",") if f.strip())
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry.fields[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry.fields[key] = ast.literal_eval(value)
    if entry is not None and entry.fields:
        entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return parse_po(VI_PO)


@pytest.fixture(scope="session")
def vi_catalogue() -> Path:
    """Compile locale/vi/LC_MESSAGES/django.mo (what Django loads) if missing or stale."""
    stale = not VI_MO.exists() or VI_MO.stat().st_mtime < VI_PO.stat().st_mtime
    if stale:
        if MSGFMT is None:
            pytest.skip(NO_MSGFMT)
        # Write next to the target and rename, so parallel workers never read half a file.
        fd, tmp = tempfile.mkstemp(dir=VI_MO.parent, prefix=".django.", suffix=".mo")
        os.close(fd)
        try:
            result = subprocess.run(
                [MSGFMT, "--check-format", "-o", tmp, str(VI_PO)],
                capture_output=True,
                text=True,
                check=False,
            )
            assert result.returncode == 0, f"msgfmt failed:\n{result.stderr}"
            os.chmod(tmp, 0o644)
            os.replace(tmp, VI_MO)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
        # Django caches catalogues per process; drop any loaded before the .mo was rebuilt
        # (the same reset Django's own setting_changed handler does for LOCALE_PATHS).
        from django.utils.translation import trans_real

        trans_real._translations = {}
        trans_real._default = None
    return VI_MO


def test_po_file_exists() -> None:
    assert VI_PO.is_file(), f"{VI_PO} is missing: run `make messages`"


def test_header_declares_vietnamese_with_one_plural_form(entries: list[Entry]) -> None:
    header = entries[0]
    assert header.msgid == "", "the first entry of the .po file must be the header"
    meta = dict(line.split(":", 1) for line in header.fields["msgstr"].splitlines() if ":" in line)
    meta = {k.strip(): v.strip() for k, v in meta.items()}
    assert meta.get("Language") == "vi"
    assert re.fullmatch(r"text/plain; charset=UTF-8", meta.get("Content-Type", ""), re.I)
    assert meta.get("Plural-Forms", "").replace(" ", "") == "nplurals=1;plural=0;"


def test_no_fuzzy_entries(entries: list[Entry]) -> None:
    fuzzy = [str(e) for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, "fuzzy entries in the Vietnamese catalogue:\n" + "\n".join(fuzzy)


def test_every_entry_is_translated(entries: list[Entry]) -> None:
    untranslated = [str(e) for e in entries[1:] if not e.msgstrs or not all(e.msgstrs.values())]
    assert not untranslated, "untranslated entries:\n" + "\n".join(untranslated)


def test_plural_entries_have_exactly_one_form(entries: list[Entry]) -> None:
    wrong = [str(e) for e in entries if "msgid_plural" in e.fields and set(e.msgstrs) != {"msgstr[0]"}]
    assert not wrong, "Vietnamese has one plural form; give msgstr[0] only:\n" + "\n".join(wrong)


def test_placeholders_are_kept(entries: list[Entry]) -> None:
    placeholder = re.compile(r"%\(\w+\)[sdif]|\{\{\s*\w+\s*\}\}|\{\w*\}")
    wrong = []
    for e in entries[1:]:
        expected = set(placeholder.findall(e.msgid)) | set(
            placeholder.findall(e.fields.get("msgid_plural", ""))
        )
        for key, text in e.msgstrs.items():
            if set(placeholder.findall(text)) != expected:
                wrong.append(f"{e} [{key}]")
    assert not wrong, "placeholders differ from the source:\n" + "\n".join(wrong)


@pytest.mark.skipif(MSGFMT is None, reason=NO_MSGFMT)
def test_msgfmt_check_format(tmp_path: Path) -> None:
    assert MSGFMT is not None
    result = subprocess.run(
        [MSGFMT, "--check-format", "--statistics", "-o", str(tmp_path / "vi.mo"), str(VI_PO)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "LC_ALL": "C"},
    )
    assert result.returncode == 0, f"msgfmt reported errors:\n{result.stderr}"
    stats = result.stderr
    assert "fuzzy" not in stats and "untranslated" not in stats, stats
    assert re.search(r"\d+ translated message", stats), stats


def test_django_uses_the_vietnamese_catalogue(vi_catalogue: Path) -> None:
    assert vi_catalogue.exists()
    with translation.override("vi"):
        assert translation.gettext("Log in") == "Đăng nhập"
        assert translation.gettext("Log out") == "Đăng xuất"
        assert translation.gettext("People's Committee") == "Ủy ban nhân dân"
        assert translation.ngettext("%(n)s agency", "%(n)s agencies", 3) % {"n": 3} == "3 cơ quan"
    with translation.override("en"):
        assert translation.gettext("Log in") == "Log in"


@pytest.mark.skipif(MSGFMT is None or shutil.which("xgettext") is None, reason=NO_MSGFMT)
def test_every_string_in_the_code_is_in_the_catalogue(tmp_path: Path, entries: list[Entry]) -> None:
    """Extract the strings from a copy of the code: each must already be in the .po file.

    Fails when a page or message was added without `make messages` and a translation.
    """
    root = Path(__file__).resolve().parent.parent
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "tests")
    shutil.copytree(root / "motcua", tmp_path / "motcua", ignore=ignore)
    shutil.copytree(root / "locale", tmp_path / "locale", ignore=ignore)
    shutil.copy(root / "manage.py", tmp_path / "manage.py")
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "vi", "--no-obsolete"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MOTCUA_VAR_DIR": str(tmp_path / "var")},
    )
    assert result.returncode == 0, result.stderr
    extracted = {e.msgid for e in parse_po(tmp_path / "locale" / "vi" / "LC_MESSAGES" / "django.po")[1:]}
    known = {e.msgid for e in entries[1:]}
    missing = sorted(extracted - known)
    assert not missing, "run `make messages` and translate:\n" + "\n".join(missing)

# motcua — `make run` serves the demo province, `make test` runs everything CI runs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.lock | cut -c1-12)
APT_PACKAGES := gettext python3-venv
# Browser journeys (tests/e2e) drive Debian's Chromium; the slip tests read PDFs with
# poppler (pdftotext, pdftoppm, pdfsig) and NSS (certutil, the trust store pdfsig reads);
# make run needs none of them.
TEST_APT_PACKAGES := chromium fonts-noto-core poppler-utils libnss3-tools
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

.PHONY: run test install lint messages lock clean check-python schema

run: install $(MO_FILES)
	@$(PY) manage.py bootstrap
	@$(PY) manage.py serve

test: install $(MO_FILES)
	@scripts/ensure-apt.sh $(TEST_APT_PACKAGES)
	@PY=$(PY) scripts/test.sh

install: $(STAMP)

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "motcua needs Python >= 3.11 (found $$($(PYTHON) --version))"; exit 1; }

$(STAMP): requirements.lock | check-python
	@scripts/ensure-apt.sh $(APT_PACKAGES)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "installing Python packages from requirements.lock"
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@rm -f $(VENV)/.installed-* && touch $@

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	@msgfmt --check-format -o $@ $<

# Re-extract translatable strings after changing code or templates, then translate the .po.
messages: install
	@$(PY) manage.py makemessages --locale vi --locale en --no-obsolete --add-location file \
	  --ignore '.venv/*' --ignore 'var/*'

lint: install
	@$(PY) -m ruff check . && $(PY) -m ruff format --check motcua tests conftest.py

# Regenerate the pinned, hashed lock file from pyproject.toml.
lock:
	@$(PYTHON) -m venv /tmp/motcua-lock && /tmp/motcua-lock/bin/pip install -q pip-tools
	@/tmp/motcua-lock/bin/pip-compile --quiet --extra dev --generate-hashes --strip-extras \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf var .pytest_cache

# Regenerate the checked-in OpenAPI document after changing the API.
schema: install
	@$(PY) manage.py spectacular --file motcua/api/openapi.yaml --lang en --validate

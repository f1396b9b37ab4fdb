# Accès Direct — every workflow is a make target, the same locally and in CI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: venv demo serve test browser-test fuzz quality lock bench messages clean

$(VENV)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Accès Direct demande Python 3.11 ou plus récent.")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e . || $(PIP) install --no-deps -e .
	@touch $@

venv: $(VENV)/.installed

## make demo: SQLite database under var/, reference data and demo territory (once), web server and worker.
demo: venv
	DEMO=1 $(BIN)/python manage.py demo_setup --port $(PORT)
	OTP_REQUIRED=false $(BIN)/python manage.py serve --port $(PORT)

## make test: the whole test suite (SQLite by default; DATABASE_URL=postgres://... for PostgreSQL).
test: venv
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

## make browser-test: the main pages in Debian's Chromium (apt install chromium), desk and phone width;
## screenshots under var/screenshots/. Left out of make test, which needs no browser.
browser-test: venv
	$(BIN)/pytest -m browser -p no:randomly $(PYTEST_ARGS)

## make fuzz: a bounded fuzzing pass of the JSON API (schemathesis, about three minutes) against the
## production server on a free local port, over a throwaway database: 0 server error, 0 answer
## outside the OpenAPI schema. Report under var/fuzz/.
fuzz: venv
	$(BIN)/python -m accesdirect.testing.api_fuzz

quality: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

## make lock: re-pin the dependencies after editing pyproject.toml.
lock:
	rm -rf var/lockenv && $(PYTHON) -m venv var/lockenv
	var/lockenv/bin/pip install --quiet --disable-pip-version-check ".[dev]"
	( echo "# Pinned dependencies installed by 'make' (regenerate with 'make lock')."; \
	  var/lockenv/bin/pip freeze --exclude-editable | grep -vi '^accesdirect' ) > requirements.lock
	rm -rf var/lockenv

bench: venv
	@for script in bench/bench_*.py; do [ -e "$$script" ] || continue; $(BIN)/python "$$script" || exit 1; done

## make messages: extract the French interface text into the English catalogue, then compile it
## (translate every new entry of accesdirect/locale/en/LC_MESSAGES/django.po and commit the .po and .mo).
## The French catalogue is the text itself (msgen), for French plural rules: "0 poste visé".
messages: venv
	$(BIN)/python manage.py makemessages -l en -l fr --ignore=.venv --ignore=var --ignore="*/tests/*"
	msgen -o accesdirect/locale/fr/LC_MESSAGES/django.po accesdirect/locale/fr/LC_MESSAGES/django.po
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var staticfiles

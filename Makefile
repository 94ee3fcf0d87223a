# Two commands do all set-up on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build test check serve bench clean browser-deps

build: $(STAMP)
	$(PY) -m sitegen build

test: $(STAMP) browser-deps
	$(PY) -m pytest -q -p no:cacheprovider

check: $(STAMP)
	$(PY) -m sitegen check

serve: $(STAMP)
	$(PY) -m sitegen serve

bench: $(STAMP)
	$(PY) benchmarks/run.py

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

# axe-core for the accessibility tests, pinned by tests/browser/package-lock.json.
browser-deps: tests/browser/node_modules/axe-core/axe.min.js

tests/browser/node_modules/axe-core/axe.min.js: tests/browser/package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --prefix tests/browser
	touch $@

clean:
	rm -rf $(VENV) tests/browser/node_modules .sitegen-cache

# Two commands do everything: `make book` builds the site, `make test` runs every test.
# Both create the virtual environment from requirements.txt if it is missing or stale.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000

.PHONY: book test serve notebook geometry bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-build-isolation --no-deps -e .
	touch $(STAMP)

## book: build the website into _build/html (warnings are errors)
book: $(STAMP)
	$(BIN)/python scripts/cache_guard.py
	$(BIN)/jb build . --warningiserror --nitpick --keep-going
	@echo "Site built: open _build/html/index.html, or run 'make serve' and visit http://localhost:$(PORT)"

## test: lint, then data, notebooks, build and browser tests
test: $(STAMP)
	$(BIN)/ruff check --quiet .
	$(BIN)/python -m pytest

## serve: serve the built site on http://localhost:$(PORT)
serve:
	$(BIN)/python -m http.server $(PORT) --directory _build/html

## notebook: open the chapters in JupyterLab to rerun them interactively
notebook: $(STAMP)
	$(BIN)/python -m pip install --quiet jupyterlab
	$(BIN)/jupyter lab chapters/

## geometry: regenerate data/geo from Natural Earth (needs npm and the network once)
geometry: $(STAMP)
	$(BIN)/python scripts/build_geometry.py

clean:
	rm -rf _build

## bench: time the test suite and the builds (cold and cached) and weigh every page (needs Chromium)
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

# Two commands do everything: `make book` builds the site, `make test` runs every test.
# Both create the virtual environment if it is missing, stale, or was made by another interpreter
# or in another folder, and both run `make check` first. pyproject.toml declares what the project
# uses; requirements.txt is the lock made from it (`make lock`), and every install takes its
# versions from the lock.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
SITE   := _build/html
SUPPORTED := 3.11, 3.12 or 3.13

# What the stamp records: the folder and the interpreter the .venv was made for. A .venv
# copied with its checkout, or made by another Python, finds its own site-packages and
# scripts pointing at the original, so it is rebuilt rather than reused.
VENV_ID := $(CURDIR) $(shell $(PYTHON) -c 'import os, sys; print(os.path.realpath(sys.executable))' 2>/dev/null)
# A .venv without this stamp (made elsewhere, by another Python, or left half-made by a failed
# install: the stamp is written last) is made afresh; otherwise only its packages are updated.
ifneq ($(shell cat $(STAMP) 2>/dev/null),$(VENV_ID))
.PHONY: $(STAMP)
FRESH_VENV := rm -rf $(VENV) && $(PYTHON) -m venv $(VENV)
else
FRESH_VENV := @true
endif

.PHONY: book test test-fast check serve notebook geometry geometry-check unga bench lock lock-check clean distclean

# The lock's maker (uv, pinned in the lock itself) and its command; tests/test_setup.py runs the same.
LOCK := uv pip compile pyproject.toml --extra test --extra data --extra notebook --python-version 3.11 -o requirements.txt

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] not in [(3, 11), (3, 12), (3, 13)])' 2>/dev/null || \
	  { echo "make: Python $(SUPPORTED) is needed; '$(PYTHON)' is $$($(PYTHON) --version 2>&1 || echo missing). Try PYTHON=python3.11."; exit 1; }
	$(FRESH_VENV)
	@rm -f $(STAMP)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.txt setuptools
	@# setuptools warns in ten lines, on every editable install, that a folder named like the package
	@# may shadow it; here that folder is the package itself, so the warning is silenced.
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --no-build-isolation -c requirements.txt -e ".[test,data]"
	@# The notebook kernels warn on every start that they talk to the build over local TCP without
	@# encryption (ipykernel >= 7); harmless for a build on one machine, so this venv's kernels log errors only.
	@mkdir -p $(VENV)/etc/ipython && echo '{"IPKernelApp": {"log_level": "ERROR"}}' > $(VENV)/etc/ipython/ipython_kernel_config.json
	@echo "$(VENV_ID)" > $(STAMP)

## check: the environment, the bibliography and every dataset, one line per problem (no notebook runs)
check: $(STAMP)
	@$(BIN)/python -m mongolia_report.check

## book: check, then build the website into _build/html (warnings are errors); a failed build leaves no site
book: $(STAMP)
	@$(BIN)/python scripts/build.py

## test: check, lint, then data, notebooks, build and browser tests
test: check
	$(BIN)/ruff check --quiet .
	MNR_CHECKED=$(CURDIR) $(BIN)/python -m pytest

## test-fast: check, lint, then the fast layer while editing (under a minute): the package's helpers, the data
## package, the prose and structure checks; no build, no browser, no notebook run (tests/conftest.py sorts the layers)
test-fast: check
	$(BIN)/ruff check --quiet .
	MNR_CHECKED=$(CURDIR) $(BIN)/python -m pytest tests -m "not build and not browser and not notebook and not slow"

## serve: serve the built site on http://localhost:$(PORT), if the last build succeeded
serve:
	@$(BIN)/python scripts/build.py --verify
	$(BIN)/python -m http.server $(PORT) --directory $(SITE)

## notebook: open the chapters in JupyterLab to rerun them interactively
notebook: $(STAMP)
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --no-build-isolation -c requirements.txt -e ".[notebook]"
	$(BIN)/jupyter lab chapters/

## geometry: regenerate data/geo from Natural Earth (needs npm and the network once)
geometry: $(STAMP)
	$(BIN)/python scripts/build_geometry.py

## geometry-check: fetch the pinned world-atlas tarball (npm, network) and check data/geo rebuilds byte for byte
geometry-check: $(STAMP)
	$(BIN)/python -c "import importlib.util as u; s = u.spec_from_file_location('g', 'scripts/build_geometry.py'); g = u.module_from_spec(s); s.loader.exec_module(g); g.fetch_tarball()"
	MNR_GEOMETRY_CHECK=1 $(BIN)/python -m pytest -q tests/test_geometry.py

## unga: derive the UN General Assembly tables in data/ from the raw files in ../shared/data/unga/ (about 45 s)
unga: $(STAMP)
	$(BIN)/python scripts/derive_unga.py

## lock: regenerate requirements.txt from pyproject.toml, keeping every pin that still fits (network)
lock: $(STAMP)
	$(BIN)/$(LOCK)

## lock-check: check that make lock would write requirements.txt byte for byte (asks the package index)
lock-check: $(STAMP)
	MNR_LOCK_CHECK=1 $(BIN)/python -m pytest -q tests/test_setup.py -k lock

## clean: remove the built site and the build caches (_build/)
clean:
	@echo "make clean: removing _build/ (the site and the notebook execution cache)"
	rm -rf _build

## distclean: also remove the virtual environment (.venv/)
distclean: clean
	@echo "make distclean: removing $(VENV)/"
	rm -rf $(VENV)

## bench: time the test suite and the builds (cold and cached) and weigh every page (needs Chromium)
bench: check
	$(BIN)/python scripts/bench.py

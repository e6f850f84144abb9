PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpora/putin-xi
OUT ?= out/putin-xi

# Locks (requirements/*.lock, made by `make lock`): every package, transitive ones included, pinned
# with its hashes. The venv gets a lock's exact set, then Storyline itself with nothing resolved.
# No pip upgrade first: the stock pip (23.2.1 for Python 3.11) resolves nothing here, it only installs
# pinned, hashed files, and the lock itself brings the pip that sqlite-utils depends on (pinned like
# the rest), so the venv's pip is the locked one afterwards.
# setuptools and wheel ([build-system] requires) are locked too, so the editable install builds
# without fetching an unpinned backend.
define install_lock
	$(BIN)/python -m pip install --quiet -r requirements/$(1).lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
endef

.PHONY: demo test install bench lock clean chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(call install_lock,runtime)

demo: install
	$(BIN)/storyline run $(CORPUS) --out $(OUT)

# The report's browser tests run in Debian's headless chromium through chromium-driver (selenium, in
# the test lock); installed here when missing (root: apt-get). They skip only if it cannot be installed.
chromium:
	command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) || \
	  echo "chromium could not be installed: the report's browser tests will be skipped"

test: $(BIN)/python chromium
	$(call install_lock,test)
	$(BIN)/python -m pytest

bench: $(BIN)/python chromium
	$(call install_lock,bench)
	$(BIN)/python -m pip install --quiet --no-deps tilse==0.2.1
	perl -MXML::DOM -e1 2>/dev/null || (apt-get update -qq && apt-get install -y -qq libxml-dom-perl)
	for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# Regenerate the locks from pyproject.toml with uv (in a venv of its own). Existing pins are kept
# unless a change in pyproject.toml needs otherwise; `make lock LOCK_FLAGS=--upgrade` takes the
# newest versions allowed. bench.lock (all extras) is made first; runtime.lock and test.lock are
# constrained by it, so the three agree on every version.
UV_VERSION := 0.13.9
LOCK_VENV := .venv-lock
UV := $(LOCK_VENV)/bin/uv
# [build-system] requires, read from pyproject.toml, each quoted for the shell
BUILD_REQS = $(shell $(PYTHON) -c "import tomllib; print(' '.join(repr(r) for r in tomllib.load(open('pyproject.toml', 'rb'))['build-system']['requires']))")
LOCK_FLAGS ?=
LOCK_ARGS := --universal --generate-hashes --quiet --custom-compile-command 'make lock' $(LOCK_FLAGS)

$(UV):
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet uv==$(UV_VERSION)

lock: $(UV)
	mkdir -p requirements
	printf '%s\n' $(BUILD_REQS) | $(UV) pip compile pyproject.toml - --all-extras $(LOCK_ARGS) -o requirements/bench.lock
	printf '%s\n' $(BUILD_REQS) | $(UV) pip compile pyproject.toml - --extra test -c requirements/bench.lock $(LOCK_ARGS) -o requirements/test.lock
	printf '%s\n' $(BUILD_REQS) | $(UV) pip compile pyproject.toml - -c requirements/bench.lock $(LOCK_ARGS) -o requirements/runtime.lock

clean:
	rm -rf $(VENV) $(LOCK_VENV) out build src/*.egg-info

# Quickstart: `make run` (set up, ingest if needed, start the bot) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
INDEX_DIR ?= index

.PHONY: run setup ingest test eval bench browser-deps clean

run: setup ingest
	$(PY) -m bot

setup: $(STAMP)

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# torch first, pinned: it installs from the local CPU wheel instead of pulling CUDA builds.
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# Incremental: unchanged files are not re-embedded, so this is quick when nothing changed.
# Exit status 1 means some file was skipped (named on stderr): the rest is indexed, so the bot still starts.
ingest: setup
	$(PY) ingest.py --index $(INDEX_DIR) || [ $$? -eq 1 ]

# The evaluation gate (tests/test_eval_gate.py) runs inside pytest against a freshly built index.
test: setup browser-deps
	$(PY) -m pytest -q tests

eval: setup ingest
	$(PY) -m bot eval tests/questions.jsonl

bench: setup ingest
	$(PY) -m bot bench

BROWSER_PKGS := chromium chromium-driver fonts-noto-cjk fonts-noto-color-emoji

# Headless Chromium for tests/test_web_browser.py, from Debian's packages (self-downloading browsers cannot install here).
# Under CI a failed install fails the build; elsewhere the browser tests skip and say why.
browser-deps:
	@dpkg -s $(BROWSER_PKGS) >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PKGS) >/dev/null; } || { \
	  echo "error: could not install $(BROWSER_PKGS) (run as root); browser tests need them" >&2; [ -z "$$CI" ]; }

clean:
	rm -rf $(VENV) $(INDEX_DIR)/builds $(INDEX_DIR)/CURRENT

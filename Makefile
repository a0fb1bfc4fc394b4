# Every target sets itself up: a fresh clone needs only python3 (3.11+).
VENV    ?= .venv
PYTHON  ?= python3
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed-stamp
# Tests run in a private network namespace with only loopback up, so a request that would
# leave the machine fails loudly. Needs root (or user namespaces) and iproute2.
OFFLINE := scripts/offline

.PHONY: install demo test lint format clean bench nginx bench-snapshot bench-search eval eval-dev chromium pywb

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/secnews demo

# Two test processes (TEST_WORKERS=0 for one), each taking whole files, so a file's fixtures
# (a sample site, a reference crawl) are made once in one process.
TEST_WORKERS ?= 2
test: $(STAMP) chromium pywb
	$(OFFLINE) $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# pywb, which a test has replay an article from a snapshot's captures.wacz, lives in a venv
# of its own: it pins pyOpenSSL<26.2 (our Scrapy's is newer), werkzeug and an old redis,
# and brings gevent. Made here, before the offline namespace; if pip cannot reach a
# registry, that one test is skipped and says why.
PYWB_VENV := .venv-pywb
pywb: $(PYWB_VENV)/.installed-stamp
$(PYWB_VENV)/.installed-stamp:
	@[ -x $(PYWB_VENV)/bin/python ] || $(PYTHON) -m venv $(PYWB_VENV)
	@$(PYWB_VENV)/bin/pip install --quiet pywb==2.10.0 \
		&& touch $@ \
		|| echo "pywb could not be installed: the replay test will be skipped" >&2

# The browser test drives Debian's chromium. Installed here, before the offline namespace,
# when it is missing and we are root; otherwise that one test is skipped and says why.
chromium:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing chromium for the browser test" >&2; \
		apt-get install -y -qq chromium >/dev/null 2>&1 \
		|| { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
		|| echo "chromium could not be installed: the browser test will be skipped" >&2; \
	fi

# Not part of `make test`: builds a 100k-article synthetic archive (once, in /tmp) and times
# each snapshot format in its own process. BENCH_ARGS='--sizes 20000' for a quicker run.
bench-snapshot: $(STAMP)
	$(BIN)/python bench/snapshot.py $(BENCH_ARGS)

# Not part of `make test`: crawl→archive on a generated zh/ru site of BENCH_PAGES articles
# (default 5000) against trafilatura alone, a naive Scrapy spider and news-please (its own
# venv in /tmp/np, if installed: make bench-news-please-venv); a no-change recrawl; a
# 100k-URL frontier. All offline.
bench: $(STAMP) nginx
	$(BIN)/python bench/crawl.py $(BENCH_ARGS)

# The crawl bench's real-page site is served by Debian's nginx, so the server is never what
# a crawl waits for; installed here, before the offline namespace, when missing and root.
nginx:
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ] && [ "$$(id -u)" = 0 ] \
		&& command -v apt-get >/dev/null; then \
		echo "installing nginx for the crawl benchmark" >&2; \
		apt-get install -y -qq nginx-light >/dev/null 2>&1 \
		|| { apt-get update -qq && apt-get install -y -qq nginx-light >/dev/null; }; \
	fi

# news-please for `make bench`, in its own venv apart from ours (/tmp/np, where bench/peers.py
# looks); jieba is the Chinese tokenizer its newspaper4k extractor needs for the zh half of the
# site. Needs the network (PyPI): run it before `make bench`, which is offline.
.PHONY: bench-news-please-venv
bench-news-please-venv:
	[ -x /tmp/np/bin/python ] || $(PYTHON) -m venv /tmp/np
	/tmp/np/bin/pip install --quiet news-please==1.6.16 jieba

# Not part of `make test`: synthetic zh/ru/en archives of 100k and 1M articles; index size and
# build time, query p50/p95 next to a LIKE scan; then the web pages a visitor opens by default
# (bench/pages.py), timed against 200 ms. BENCH_ARGS='--sizes 100000' for a quicker run.
bench-search: $(STAMP)
	$(BIN)/python bench/search.py $(BENCH_ARGS)
	$(BIN)/python bench/pages.py $(BENCH_ARGS)

# Not part of `make test`: secnews against plain trafilatura on the gold pages in
# tests/data/pages, per language and field. EVAL_ARGS='--page zh-metinfo-seed' for one page.
eval: $(STAMP)
	$(BIN)/python -m crawler.evaluation $(EVAL_ARGS)

# Not part of `make test`: secnews against plain trafilatura on ../shared/extraction-dev (real
# pages, gold by the benchmarks' authors), per language and source, and the pages where secnews
# trails. The yardstick for every extraction change. EVAL_ARGS='--source wcxb' for a part.
DEV_SET ?= ../shared/extraction-dev
eval-dev: $(STAMP)
	$(BIN)/python -m crawler.evaluation.devset $(DEV_SET) $(EVAL_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check crawler archive tests
	$(BIN)/ruff format --check crawler archive tests
	$(BIN)/mypy archive

format: $(STAMP)
	$(BIN)/ruff format crawler archive tests
	$(BIN)/ruff check --fix crawler archive tests

clean:
	rm -rf $(VENV) $(PYWB_VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache

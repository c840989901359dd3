# thidua — see the README for every target.
.PHONY: demo test test-sqlite setup setup-test serve worker messages lint format bench clean pictures architecture

HOST ?= 127.0.0.1
PORT ?= 8000
# The demo runs as users see it: DEBUG off, so no technical page is ever shown (the error pages are
# thidua's own); plain HTTP on this machine, so no HTTPS redirect, secure cookies or HSTS. Static files
# are served by WhiteNoise, already in the middleware for production, from what setup collected.
DEMO_ENV = DEBUG=false THIDUA_DEMO=true ALLOWED_HOSTS=$(HOST),127.0.0.1,localhost SECURE_SSL_REDIRECT=false \
	SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false SECURE_HSTS_SECONDS=0

demo: setup  ## set up, load the demo data and serve it on http://127.0.0.1:8000 with a worker
	@$(DEMO_ENV) .venv/bin/python manage.py demo --story
	@$(DEMO_ENV) HOST=$(HOST) PORT=$(PORT) scripts/serve.sh

test: setup-test  ## set up and run the whole suite on PostgreSQL
	@scripts/test.sh

test-sqlite: setup-test  ## the test suite on the embedded SQLite database
	@scripts/test.sh sqlite

setup:
	@scripts/setup.sh demo

setup-test:
	@scripts/setup.sh test

serve: setup  ## serve without reloading the demo data
	@$(DEMO_ENV) HOST=$(HOST) PORT=$(PORT) scripts/serve.sh

worker: setup  ## run a background-task worker alone
	@DEBUG=true .venv/bin/python manage.py db_worker

messages: setup  ## refresh the translation catalogues from the code
	@DEBUG=true .venv/bin/python manage.py makemessages -l vi -l en --no-obsolete --no-location --ignore '.venv/*' --ignore 'var/*'
	@DEBUG=true .venv/bin/python manage.py makemessages -d djangojs -l vi -l en --no-obsolete --no-location --ignore '.venv/*' --ignore 'var/*' >/dev/null 2>&1 || true

pictures: setup  ## render every document of the demo story to docs/pictures/*.png (after make demo)
	@$(DEMO_ENV) .venv/bin/python scripts/render_documents.py

architecture: setup-test  ## draw the apps, their layers and their imports to docs/architecture-graph.svg
	@.venv/bin/python scripts/architecture.py

lint: setup-test
	@.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy

format: setup-test
	@.venv/bin/ruff format . && .venv/bin/ruff check --fix .

clean:
	rm -rf var .venv

bench: setup  ## benchmarks on PostgreSQL (BENCH_DATABASE_URL, default the local server's thidua_bench)
	@DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/thidua_bench} scripts/bench.sh

#!/usr/bin/env bash
# Run the whole test suite with a real PostgreSQL server on 127.0.0.1 (started and stopped here).
set -euo pipefail
cd "$(dirname "$0")/.."
pgdir=$(mktemp -d /tmp/cchc-test-pg.XXXXXX)
trap 'scripts/postgres.sh stop "$pgdir" || true; rm -rf "$pgdir"' EXIT
CCHC_TEST_POSTGRES_URL=$(scripts/postgres.sh start "$pgdir" "${CCHC_TEST_PG_PORT:-54329}")
export CCHC_TEST_POSTGRES_URL
CCHC_REQUIRE_POSTGRES=1 .venv/bin/pytest "$@"

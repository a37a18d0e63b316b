#!/usr/bin/env bash
# Benchmarks (numbers, not timed tests): national-scale synthetic data on SQLite, PostgreSQL and
# DuckDB. Starts a throw-away PostgreSQL on 127.0.0.1 (another port than the tests'), prints
# the numbers and writes bench/results/aggregate-national.json and validate-national.json;
# then the reading benchmarks (extraction.json, ocr.json, restore.json), bounded work
# (scaling.json, malformed.json) and rendering (render.json).
#   scripts/run-bench.sh            # national scale (a few minutes)
#   BENCH_SCALE=small scripts/run-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${BENCH_SCALE:-national}
results=bench/results
mkdir -p "$results"
pgdir=$(mktemp -d /tmp/cchc-bench-pg.XXXXXX)
trap 'scripts/postgres.sh stop "$pgdir" || true; rm -rf "$pgdir"' EXIT
url=$(scripts/postgres.sh start "$pgdir" "${CCHC_BENCH_PG_PORT:-54339}")

status=0
echo "== cchc bench aggregate --scale $scale" >&2
.venv/bin/cchc bench aggregate --scale "$scale" --json --postgres-url "$url" \
  --output "$results/aggregate-$scale.json.tmp" >/dev/null || status=$?
echo "== cchc bench validate --scale $scale" >&2
.venv/bin/cchc bench validate --scale "$scale" --json \
  --output "$results/validate-$scale.json.tmp" >/dev/null || status=$?
for name in aggregate validate; do
  if [ -f "$results/$name-$scale.json.tmp" ]; then
    mv "$results/$name-$scale.json.tmp" "$results/$name-$scale.json"
  fi
done

.venv/bin/python - "$results/aggregate-$scale.json" "$results/validate-$scale.json" <<'PY'
import json
import sys

aggregate, validate = (json.load(open(path, encoding="utf-8")) for path in sys.argv[1:3])
print(f"scale {aggregate['scale']}: {aggregate['rows']:,} values, {aggregate['reports']:,} reports,"
      f" roll-up of {aggregate['period']}")
for name, seconds in aggregate["seconds"].items():
    unit = "ms" if name.endswith("_ms") else "s"
    print(f"  {name:<28} {seconds:>10.3f} {unit}")
print(f"  ratio_to_duckdb ({aggregate['ratio_backend']}): {aggregate['ratio_to_duckdb']}")
print(f"  backends identical: {aggregate['crosscheck']['identical']}"
      f" ({aggregate['crosscheck']['indicators']} indicators)")
print(f"  validation: {aggregate['validation']['errors']} errors,"
      f" {aggregate['validation']['warnings']} warnings")
for level, spread in validate["per_report_ms"].items():
    print(f"  validate one {level:<10} median {spread['median']} ms, p95 {spread['p95']} ms,"
          f" max {spread['max']} ms")
for name, target in aggregate["targets"].items():
    verdict = {True: "met", False: "MISSED", None: "not measured"}[target["met"]]
    print(f"  target {name} <= {target['target']}: {target['measured']} ({verdict})")
for note in aggregate["notes"]:
    print(f"  note: {note}")
PY
echo "JSON written to $results/aggregate-$scale.json and $results/validate-$scale.json" >&2

# The web app under load: 50 users opening dashboards and saving values, on PostgreSQL.
# The national database is stopped first: its background vacuum would share the 2 cores.
scripts/postgres.sh stop "$pgdir" || true
echo "== web (50 users)" >&2
.venv/bin/python -m cchc.bench.web --users 50 --seconds 30 --pg-port "${CCHC_BENCH_WEB_PG_PORT:-54359}" \
  --output "$results/web.json" >/dev/null || status=$?
.venv/bin/python - "$results/web.json" <<'PY' || true
import json
import sys

web = json.load(open(sys.argv[1], encoding="utf-8"))
print(f"web: {web['users']} users, {web['requests']} requests in {web['seconds']} s, "
      f"{web['errors']} errors; p50 {web['overall']['p50_ms']} ms, p95 {web['overall']['p95_ms']} ms"
      f" (target p95 <= {web['target']['p95_ms']} ms: {'met' if web['target']['met'] else 'MISSED'})")
PY

# Reading reports: extraction against the gold files, OCR of a page, text restoration.
for bench in extraction ocr restore; do
  echo "== $bench" >&2
  .venv/bin/python -m "cchc.bench.$bench" --output "$results/$bench.json" || status=$?
done

# Reading reports cchc has never seen: the corpus in four forms, tuning and held-out halves.
echo "== extraction (corpus)" >&2
.venv/bin/python scripts/build_corpus.py >&2 || status=$?
.venv/bin/python -m cchc.bench.extraction --corpus --output "$results/extraction-corpus.json" \
  || status=$?

# Bounded work: reading time against size (1,000–20,000 lines, one 800 KB line) and the
# malformed-input probe (1,000 damaged documents and spreadsheets: crashes, hangs, partial
# writes, tracebacks shown — all targets 0).
echo "== scaling" >&2
.venv/bin/python -m cchc.bench.scaling --output "$results/scaling.json" || status=$?
echo "== malformed" >&2
.venv/bin/python -m cchc.bench.malformed --count "${BENCH_MALFORMED:-1000}" \
  --output "$results/malformed.json" || status=$?

# Producing reports: tỉnh Bắc Giang's report with all annexes as DOCX (target ≤ 1 s), XLSX, PDF.
echo "== render" >&2
.venv/bin/python -m cchc.bench.render --output "$results/render.json" || status=$?
exit "$status"

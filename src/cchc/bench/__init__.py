"""Benchmarks (đo hiệu năng): a synthetic national data set, bulk loading, and measurements.

Numbers, not timed tests: speed targets live here and in ``make bench``, never in the test
suite. Modules: :mod:`cchc.bench.synthetic` (the generator, with :mod:`~cchc.bench.plan`,
:mod:`~cchc.bench.unit_values`, :mod:`~cchc.bench.dataset` and :mod:`~cchc.bench.validate`),
:mod:`cchc.bench.load` (bulk loading into SQLite, PostgreSQL and DuckDB), :mod:`cchc.bench.run`
(the measurements, with :mod:`~cchc.bench.measure`, :mod:`~cchc.bench.result` and
:mod:`~cchc.bench.progress`). DuckDB is imported only when a benchmark runs (it comes with the
``dev`` and ``bench`` extras).
"""

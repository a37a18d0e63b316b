"""Load benchmark of the web app on 127.0.0.1 with PostgreSQL: simulated users opening
dashboards and saving values, with p50/p95 latencies and errors.

Run: ``python -m cchc.bench.web [--users 50] [--seconds 30] [--output FILE]``. Without
``--postgres-url`` a throw-away server is started with scripts/postgres.sh on port 54359.
Traffic goes to 127.0.0.1 only; every user's loop is bounded in time and count.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import httpx
from sqlalchemy import text

from cchc.catalog import default_catalog
from cchc.storage import (
    ReportStatus,
    change_status,
    children,
    find_unit,
    init_database,
    make_engine,
    open_report,
    save_values,
    transaction,
)
from cchc.storage.models import Base, User
from cchc.units import load_unit_records, parse_period_code
from cchc.values import Value
from cchc.web.accounts import hash_password

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "bench-password"
PERIODS = ("2022-Q3", "2022-Y", "2023-Q1", "2023-H1", "2023-Q3")
TARGET_P95_MS = 300
MAX_REQUESTS_PER_USER = 400


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres(url: str | None, port: int):
    """The given server, or a throw-away one started with scripts/postgres.sh."""
    if url:
        yield url
        return
    folder = tempfile.mkdtemp(prefix="cchc-bench-web-pg.")
    script = ROOT / "scripts" / "postgres.sh"
    started = subprocess.run([str(script), "start", folder, str(port)], check=True,
                             capture_output=True, text=True)  # fmt: skip
    try:
        yield started.stdout.strip()
    finally:
        subprocess.run([str(script), "stop", folder], check=False)
        subprocess.run(["rm", "-rf", folder], check=False)


def seed(url: str, users: int) -> list[tuple[str, str, str]]:
    """A fresh database: the province Bắc Giang with every commune's approved reports for
    five periods, and accounts (username, role, editor path) — most are commune clerks,
    some district approvers and province aggregators."""
    engine = make_engine(url)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    catalog = default_catalog()
    init_database(engine, catalog, load_unit_records())
    hashed = hash_password(PASSWORD)
    accounts = []
    with transaction(engine) as session:
        province = find_unit(session, "p24")
        q3 = parse_period_code("2023-Q3")
        districts = [u for u in children(session, province, on=q3.end) if u.level == "district"]
        communes = [c for d in districts for c in children(session, d, on=q3.end)]
        rng = random.Random(7)
        for code in PERIODS:
            _reports(session, communes, parse_period_code(code), rng)
        plan = _plan(users, province, districts, communes)
        for username, role, unit in plan:
            session.add(User(username=username, full_name=username, password_hash=hashed,
                             role=role, unit_id=unit.id, active=True))  # fmt: skip
            accounts.append((username, role, f"/reports/{unit.key}/2023-Y/commune-581"))
    with engine.connect() as connection:
        connection.execute(text("ANALYZE"))
        connection.commit()
    engine.dispose()
    return accounts


def _plan(users, province, districts, communes):
    aggregators = max(1, users // 10)
    approvers = max(1, users // 10)
    plan = [(f"tinh{i}", "aggregator", province) for i in range(aggregators)]
    plan += [(f"huyen{i}", "approver", districts[i % len(districts)]) for i in range(approvers)]
    clerks = users - len(plan)
    plan += [(f"xa{i}", "reporter", communes[i]) for i in range(clerks)]
    return plan


def _reports(session, communes, period, rng) -> None:
    for unit in communes:
        report = open_report(session, unit=unit, period=period, template_key="commune-581",
                             actor="bench")  # fmt: skip
        resolved = rng.randint(200, 3000)
        on_time = int(resolved * rng.uniform(0.9, 1.0))
        values = [
            Value("procedures.resolved.commune", float(resolved), 0),
            Value("procedures.resolved_on_time.commune", float(on_time), 0),
            Value("procedures.dossiers_received.commune", float(resolved + 50), 0),
            Value("direction.plan_tasks", 20.0, 0),
            Value("direction.plan_tasks_done", float(rng.randint(5, 20)), 0),
            Value("direction.directive_documents", float(rng.randint(1, 9)), 0),
        ]
        save_values(session, report=report, values=values, actor="bench")
        if unit.key.endswith(("1", "3", "5", "7", "9")) and period.code == "2023-Q3":
            continue  # some communes keep a draft in the current period
        change_status(session, report=report, to=ReportStatus.submitted, actor="bench")
        change_status(session, report=report, to=ReportStatus.approved, actor="bench")
        report.submitted_at = datetime.combine(period.deadline_for("commune"), datetime.min.time())


@contextmanager
def server(url: str, port: int, workers: int):
    """uvicorn serving the app on 127.0.0.1."""
    env = {**os.environ, "CCHC_DATABASE_URL": url, "CCHC_SECRET_KEY": "bench-secret"}
    command = [sys.executable, "-m", "uvicorn", "--factory", "cchc.web.app:create_app",
               "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
               "--log-level", "warning", "--no-access-log"]  # fmt: skip
    process = subprocess.Popen(command, env=env)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"http://127.0.0.1:{port}/login", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


async def log_in(client: httpx.AsyncClient, username: str) -> dict[str, str]:
    """Log in through the login form; the HTMX headers with the session's CSRF token."""
    page = await client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    form = {"username": username, "password": PASSWORD, "csrf_token": token}
    landing = await client.post("/login", data=form)
    token = re.search(r'name="csrf_token" value="([^"]+)"', landing.text).group(1)
    return {"HX-Request": "true", "X-CSRF-Token": token}


async def simulate(client, headers, account, until: float, think: float, samples: dict) -> None:
    """One user: open the dashboard or save a value, with a pause between."""
    username, role, editor = account
    rng = random.Random(username)
    await asyncio.sleep(rng.uniform(0, 2 * think))
    for _ in range(MAX_REQUESTS_PER_USER):
        if time.monotonic() >= until:
            break
        if role == "reporter" and rng.random() < 0.5:
            kind = "save_value"
            data = {"procedures.dossiers_pending.commune": str(rng.randint(0, 999))}
            call = client.post(editor + "/values", data=data, headers=headers)
        else:
            kind = "dashboard"
            call = client.get("/?period=2023-Q3")
        started = time.perf_counter()
        try:
            response = await call
            ok = response.status_code == 200
        except httpx.HTTPError:
            ok = False
        samples.setdefault(kind, []).append(((time.perf_counter() - started) * 1000, ok))
        await asyncio.sleep(rng.uniform(0, 2 * think))


async def load(base: str, accounts, seconds: float, think: float) -> tuple[dict, float]:
    """Log everyone in (not measured), then run every user for ``seconds``."""
    limits = httpx.Limits(max_connections=1)
    clients = [
        httpx.AsyncClient(base_url=base, timeout=30, follow_redirects=True, limits=limits)
        for _ in accounts
    ]
    try:
        headers = []
        for client, account in zip(clients, accounts, strict=True):
            headers.append(await log_in(client, account[0]))
        samples: dict[str, list] = {}
        started = time.perf_counter()
        until = time.monotonic() + seconds
        await asyncio.gather(
            *(
                simulate(c, h, a, until, think, samples)
                for c, h, a in zip(clients, headers, accounts, strict=True)
            )
        )
        return samples, time.perf_counter() - started
    finally:
        for client in clients:
            await client.aclose()


def _percentiles(values: list[float]) -> dict:
    if not values:
        return {}
    ordered = sorted(values)
    pick = lambda q: round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)  # noqa: E731
    return {
        "count": len(values),
        "p50_ms": round(statistics.median(values), 1),
        "p95_ms": pick(0.95),
        "p99_ms": pick(0.99),
        "max_ms": round(ordered[-1], 1),
    }


def run(args) -> dict:
    """Seed, serve, load, measure."""
    load_before = os.getloadavg()
    with postgres(args.postgres_url, args.pg_port) as url:
        accounts = seed(url, args.users)
        with server(url, _free_port(), args.workers) as base:
            load_at_start = os.getloadavg()
            samples, elapsed = asyncio.run(load(base, accounts, args.seconds, args.think))
    everything = [ms for kind in samples.values() for ms, _ok in kind]
    errors = sum(not ok for kind in samples.values() for _ms, ok in kind)
    overall = _percentiles(everything)
    return {
        "users": args.users,
        "seconds": round(elapsed, 1),
        "think_seconds_mean": args.think,
        "workers": args.workers,
        "database": "postgresql (127.0.0.1)",
        "requests": len(everything),
        "requests_per_second": round(len(everything) / elapsed, 1),
        "errors": errors,
        "overall": overall,
        "by_kind": {kind: _percentiles([ms for ms, _ok in rows]) for kind, rows in samples.items()},
        "target": {"p95_ms": TARGET_P95_MS, "errors": 0,
                   "met": bool(overall) and overall["p95_ms"] <= TARGET_P95_MS and errors == 0},
        "cpu_count": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_at_start": [round(x, 2) for x in load_at_start],
        "note": "load generator (httpx, one process) runs on the same 2 cores as the server",
    }  # fmt: skip


def main() -> None:
    """Command line: print the numbers, write them as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--think", type=float, default=0.5, help="mean pause between requests")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--postgres-url")
    parser.add_argument("--pg-port", type=int, default=54359)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    result = run(args)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()

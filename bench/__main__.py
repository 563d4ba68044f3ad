"""Benchmarks: scheduling (P2, P3, P3s, P5), the conflict answer under a race (P6), reminders
(P4; needs REDIS_URL), the audit page (A1, A2; `python -m bench audit`, or AUDIT_BENCH_SIZES=10000
for the small size only), the FHIR bulk export (F1; `python -m bench fhir_export`) the practice
dashboard (P9; `python -m bench dashboard`) and the scale part (P6 scale: P2, P3, P5, P7 and the audit
page at 10,000 appointments against 100,000, BENCH_FULL=1 1,000,000; `python -m bench scale`). Each seeds a
scratch PostgreSQL database and prints ratios measured side by side in one run; writes them to bench/results.json,
with how long each part took (`part_seconds`).

`python -m bench` with no argument runs every part, at sizes that fit well under an hour on two
cores: the FHIR export at 2,000 and 20,000 patients and the dashboard's and the scale part's large practice at
100,000 appointments. BENCH_FULL=1 runs them at 10,000/100,000 patients and 1,000,000
appointments, the scale part also with 100,000 patients and 10,000,000 audit entries (the export
alone then takes about half an hour).

The database is always a dedicated one, dropped and created for each part, so a part sees only
its own rows (the FHIR export exports every patient; P4 waits for its own reminders only):
BENCH_DATABASE_URL if set, else DATABASE_URL's server with the database named by
BENCH_DATABASE_NAME (default `veinflow_bench`), else the same name on
postgres://postgres@127.0.0.1:5432. Two people benchmarking on one server give
themselves different BENCH_DATABASE_NAMEs. P4's broker is BENCH_REDIS_URL if set,
else REDIS_URL, else redis://127.0.0.1:6379/5; the other parts use the same Redis as their
cache, as production does.

Django runs as in production (DEBUG off: cached template loader, no query log),
whatever the shell's DEBUG says.
"""

import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

RESULTS = Path(__file__).resolve().parent / "results.json"


def bench_database_url() -> str:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/veinflow"
    parts = urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        sys.exit("The benchmark needs PostgreSQL (P2 compares with raw psycopg); set BENCH_DATABASE_URL.")
    name = os.environ.get("BENCH_DATABASE_NAME") or "veinflow_bench"
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    try:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        sys.exit(f"PostgreSQL is not reachable at {admin}: {error}")


def fresh_database(url: str) -> None:
    """Drop and recreate the scratch database between parts; the next part migrates it."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections

    for connection in connections.all():
        connection.close()
        # The pool's idle connections would be cut by the drop; the next query opens a new pool.
        if hasattr(connection, "close_pool"):
            connection.close_pool()
    recreate(url)
    ContentType.objects.clear_cache()


def merge_results(figures: dict) -> None:
    """Other benchmarks (reminders: P4) write to the same file; keep their keys.

    `part_seconds` merges per part, so running one part keeps the others' last durations.
    """
    existing = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    if "part_seconds" in figures:
        figures = {"part_seconds": {**existing.get("part_seconds", {}), **figures["part_seconds"]}}
    existing.update(figures)
    RESULTS.write_text(json.dumps(existing, indent=2, sort_keys=True) + "\n")


def start_django() -> str:
    """Django on a freshly created scratch database, as in production (DEBUG off); its URL."""
    url = bench_database_url()
    recreate(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DEBUG"] = "False"
    # Production runs with Redis (cache, broker); so does the benchmark. The worker processes
    # of P4 inherit it too. Redis database 5 unless told otherwise, apart from a developer's 0.
    os.environ["REDIS_URL"] = (
        os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/5"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings

    assert not settings.DEBUG, "The benchmark measures the production configuration."
    return url


def main() -> None:
    url = start_django()
    from bench import audit, conflicts, dashboard, fhir_export, reminders, scale, scheduling

    # `python -m bench reminders` runs one; no argument runs all.
    modules = {
        "scheduling": scheduling,
        "conflicts": conflicts,
        "reminders": reminders,
        "audit": audit,
        "fhir_export": fhir_export,
        "dashboard": dashboard,
        "scale": scale,
    }
    chosen = sys.argv[1:] or list(modules)
    unknown = set(chosen) - set(modules)
    if unknown:
        sys.exit(f"Unknown part(s) {', '.join(sorted(unknown))}; the parts are {', '.join(modules)}.")
    durations = {}
    for name, module in modules.items():
        if name not in chosen:
            continue
        if durations:
            fresh_database(url)
        print(f"\n== {name}", flush=True)
        began = time.perf_counter()
        figures = module.run(url)
        durations[name] = round(time.perf_counter() - began, 1)
        print(f"== {name} took {durations[name]:.0f} s", flush=True)
        merge_results(figures)
        merge_results({"part_seconds": durations})
    print("\nTime per part: " + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in durations.items()))
    print(f"\nWritten to {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}")


if __name__ == "__main__":
    main()

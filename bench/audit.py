"""A1 (audit page, first page) and A2 (a page deep in a filtered result), at 10,000 and
1,000,000 entries.

Entries are seeded in one INSERT ... SELECT over generate_series (the ORM would take
longer than the measuring): sixty percent reads, the rest creates, changes and deletes,
spread over a year, across 50 staff and 50,000 records. Everything measured goes
through the real view, signed in as a clinic admin.

Side by side in each run (see bench.scheduling.side_by_side):
  - the first page against the deep filtered page: keyset pagination makes them cost
    the same, however deep;
  - the deep page's query (keyset) against what the page did before: COUNT(*) plus
    OFFSET of the same rows.
The 1M/10k ratios compare figures from the two sizes of one run (the table grows in
between), so they are not side by side; the query counts are exact.
"""

import os
import statistics

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.scheduling import side_by_side, signed_in
from clinic.audit_page import PAGE_SIZE, Cursor
from clinic.models import AuditEntry
from clinic.roles import Role, sync_role_groups

SIZES = tuple(int(n) for n in os.environ.get("AUDIT_BENCH_SIZES", "10000,1000000").split(","))
ACTORS = 50
RECORDS = 50_000
YEAR_SECONDS = 365 * 24 * 3600
# A1: the deep page may cost at most this many times the first page; A2: the keyset
# page against COUNT + OFFSET of the same rows (lower is better for us).
GOALS = {"A1": 1.5, "A2": 1.0}

SEED = """
INSERT INTO clinic_auditentry
    (content_type_id, object_pk, object_id, object_repr, action, changes_text, changes,
     actor_id, remote_addr, timestamp)
SELECT
    (%(types)s::int[])[(1 + g %% cardinality(%(types)s::int[]))::int],
    (1 + (g * 7919) %% %(records)s)::text,
    1 + (g * 7919) %% %(records)s,
    'Record ' || (1 + (g * 7919) %% %(records)s),
    CASE WHEN g %% 100 < 60 THEN 3 WHEN g %% 100 < 85 THEN 1 WHEN g %% 100 < 97 THEN 0 ELSE 2 END,
    '',
    CASE WHEN g %% 100 < 60 THEN NULL
         ELSE jsonb_build_object(
             'phone', jsonb_build_array('+15035550100', '+1503555' || lpad((g %% 10000)::text, 4, '0'))
         )
    END,
    (%(actors)s::int[])[(1 + g %% cardinality(%(actors)s::int[]))::int],
    ('10.0.0.' || (1 + g %% 200))::inet,
    TIMESTAMPTZ '2025-01-01 00:00:00+00' + g * make_interval(secs => %(step)s)
FROM generate_series(%(first)s::bigint, %(last)s::bigint) AS g
"""


def seed(first: int, last: int, *, types: list[int], actors: list[int]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            SEED,
            {
                "types": types,
                "actors": actors,
                "records": RECORDS,
                "step": YEAR_SECONDS / 1_000_000,
                "first": first,
                "last": last,
            },
        )
        cursor.execute("ANALYZE clinic_auditentry")


def deep_cursor(actor_id: int, depth: int) -> Cursor:
    """The cursor of the page that starts ``depth`` entries into this actor's trail (read once, not timed)."""
    entry = AuditEntry.objects.filter(actor_id=actor_id).newest_first()[depth - 1]
    return Cursor.of(entry)


def pages(actor_id: int) -> tuple[int, int, Cursor, str, dict, dict]:
    """One person's trail: its length, the deep page's depth and cursor, the page's URL and the
    parameters of the first and of the deep page (read once, not timed)."""
    total = AuditEntry.objects.filter(actor_id=actor_id).count()
    # Nine tenths of the way in, leaving a full page after it.
    depth = min(int(total * 0.9), total - PAGE_SIZE - 1)
    cursor = deep_cursor(actor_id, depth)
    url = reverse("audit_log")
    return total, depth, cursor, url, {"actor": actor_id}, {"actor": actor_id, "before": str(cursor)}


def measure(client: Client, actor_id: int) -> dict:
    total, depth, cursor, url, first_page, deep_page = pages(actor_id)

    def first() -> None:
        assert client.get(url, first_page).status_code == 200

    def deep() -> None:
        assert client.get(url, deep_page).status_code == 200

    queries = {}
    for name, params in (("first", first_page), ("deep", deep_page)):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, params)
        assert response.content.decode().count('<td class="text-nowrap">') == PAGE_SIZE
        queries[name] = len(captured)

    filtered = AuditEntry.objects.select_related("actor", "content_type").filter(actor_id=actor_id)

    def keyset() -> list:
        return list(filtered.older_than(cursor.timestamp, cursor.pk).newest_first()[: PAGE_SIZE + 1])

    def offset() -> list:
        filtered.count()
        return list(filtered.newest_first()[depth : depth + PAGE_SIZE])

    assert [e.pk for e in keyset()[:PAGE_SIZE]] == [e.pk for e in offset()]
    deep_ms, first_ms = side_by_side(deep, first)
    keyset_ms, offset_ms = side_by_side(keyset, offset)
    return {
        "depth": depth,
        "actor_entries": total,
        "queries": queries,
        "first": statistics.median(first_ms),
        "deep": statistics.median(deep_ms),
        "keyset": statistics.median(keyset_ms),
        "offset": statistics.median(offset_ms),
    }


def run(url: str) -> dict:
    call_command("migrate", verbosity=0)
    sync_role_groups()
    users = get_user_model()
    admin = users.objects.create(username="bench-audit-admin")
    admin.groups.add(Group.objects.get(name=Role.CLINIC_ADMIN.value))
    actors = [users.objects.create(username=f"bench-audit-{n}").pk for n in range(ACTORS)]
    from auditlog.registry import auditlog

    types = [ct.pk for ct in ContentType.objects.get_for_models(*auditlog.get_models()).values()]
    client = signed_in(admin)

    results = {}
    seeded = 0
    for size in SIZES:
        seed(seeded + 1, size, types=types, actors=actors)
        seeded = size
        print(f"  seeded {AuditEntry.objects.count():,} audit entries", flush=True)
        results[size] = measure(client, actors[7])

    small, large = results[SIZES[0]], results[SIZES[-1]]
    figures: dict = {"sizes": {}}
    print(
        f"\n{'':4} {'measured':<66} {'ours ms':>9} {'base ms':>9} {'ratio':>7} {'goal':>6}  met",
    )
    for size, got in results.items():
        rows = [
            (
                "A1",
                f"{size:,} entries, one person's: page {got['depth']:,} entries in vs their first page",
                got["deep"],
                got["first"],
            ),
            ("A2", f"{size:,} entries: that page's keyset query vs COUNT + OFFSET", got["keyset"], got["offset"]),
        ]
        figures["sizes"][str(size)] = {
            "first_page_ms": round(got["first"] * 1000, 2),
            "deep_page_ms": round(got["deep"] * 1000, 2),
            "keyset_query_ms": round(got["keyset"] * 1000, 2),
            "count_offset_query_ms": round(got["offset"] * 1000, 2),
            "deep_page_depth": got["depth"],
            "queries": got["queries"],
        }
        for key, label, ours, base in rows:
            ratio = ours / base
            met = ratio <= GOALS[key]
            figures["sizes"][str(size)][key] = {"ratio": round(ratio, 2), "goal": GOALS[key], "met": met}
            print(
                f"{key:4} {label:<66} {ours * 1000:9.2f} {base * 1000:9.2f} {ratio:7.2f} {GOALS[key]:6.1f}  "
                f"{'yes' if met else 'NO'}"
            )
        print(f"{'':4}   queries per page: first {got['queries']['first']}, deep {got['queries']['deep']}")
    if len(results) > 1:
        growth = {
            "first_page": round(large["first"] / small["first"], 2),
            "deep_page": round(large["deep"] / small["deep"], 2),
        }
        figures["growth_1m_over_10k"] = growth
        print(
            f"\n     {SIZES[-1]:,} vs {SIZES[0]:,} entries (not side by side): first page x{growth['first_page']}, "
            f"deep filtered page x{growth['deep_page']}; queries {large['queries']} vs {small['queries']}"
        )
    return {"audit": figures}

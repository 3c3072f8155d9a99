"""Do the indicator rollups keep up with 100 dossier events per second? Measure the job's rate.

Run by hand (not in CI) against a database built by ``bench/generate.py`` whose rollups
exist (``bench/dashboard_speed.py --rebuild`` builds them):

    .venv/bin/python bench/rollup_throughput.py \\
        --database-url postgres://postgres@127.0.0.1:5432/motcua_bench [--events 3000]

1. The job catches up with any events not yet taken in.
2. ``--events`` open dossiers are withdrawn through the engine's real service (one event
   each, and every one changes its dossier's fact: the worst case for the job, as most
   real events — assigning, passing a step — leave the fact as it was).
3. The job (``reporting.rollups.process_new_events``, what the worker runs every minute)
   takes them in; its rate in events per second is the figure. At 100 events/s a
   minute brings 6,000 events, so the job keeps up while its rate stays above 100/s.
4. Check: the month rows still equal the day rows summed by month, over the whole table.

It changes the database (the withdrawn dossiers stay withdrawn): use a bench database.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _catch_up() -> dict[str, Any]:
    from motcua.reporting import rollups

    started = time.perf_counter()
    events = rollups.process_new_events(budget_seconds=3600)
    return {"events": events, "seconds": round(time.perf_counter() - started, 2)}


def _withdraw(count: int) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from motcua.dossiers import services
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.types import Status

    official = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    open_ids = list(
        Dossier.objects.filter(status__in=[Status.RECEIVED, Status.PROCESSING])
        .order_by("?")
        .values_list("code", flat=True)[:count]
    )
    started, done = time.perf_counter(), 0
    for code in open_ids:
        services.withdraw_dossier(dossier=code, by=official, reason="Người nộp rút hồ sơ (đo tải)")
        done += 1
    seconds = time.perf_counter() - started
    return {"actions": done, "seconds": round(seconds, 2), "actions_per_second": round(done / seconds, 1)}


def _take_in() -> dict[str, Any]:
    from motcua.reporting import rollups

    started = time.perf_counter()
    events = rollups.process_new_events(budget_seconds=3600)
    seconds = time.perf_counter() - started
    return {"events": events, "seconds": round(seconds, 2), "events_per_second": round(events / seconds, 1)}


def _months_equal_days() -> bool:
    from django.db import connection

    from motcua.reporting.models import DAILY_COUNTS

    sums = ", ".join(f"SUM({name})" for name in DAILY_COUNTS)
    dims = "agency_id, unit_id, procedure_id, channel, online_level"
    query = f"""
        SELECT count(*) FROM (
            (SELECT date_trunc('month', day)::date, {dims}, {sums} FROM reporting_dailyrollup
             GROUP BY 1, {dims}
             EXCEPT
             SELECT month, {dims}, {sums} FROM reporting_monthlyrollup GROUP BY month, {dims})
            UNION ALL
            (SELECT month, {dims}, {sums} FROM reporting_monthlyrollup GROUP BY month, {dims}
             EXCEPT
             SELECT date_trunc('month', day)::date, {dims}, {sums} FROM reporting_dailyrollup
             GROUP BY 1, {dims})
        ) differences
    """
    with connection.cursor() as cursor:
        cursor.execute(query)
        return cursor.fetchone()[0] == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--events", type=int, default=3000)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.REPORTING_ROLLUP_LAG_SECONDS = 0  # take in what was just written
    results = {"load_average_before": os.getloadavg(), "catch_up": _catch_up()}
    results["actions"] = _withdraw(args.events)
    results["job"] = _take_in()
    results["months_equal_days"] = _months_equal_days()
    results["load_average_after"] = os.getloadavg()
    rate = results["job"]["events_per_second"]
    print(f"job: {rate} events/s ({'keeps up' if rate >= 100 else 'falls behind'} at 100/s)")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()

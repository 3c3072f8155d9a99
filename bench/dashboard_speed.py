"""Dashboard speed at scale: the province leader's page, a commune's, the public summary, the API.

Run by hand (not in CI) against a database built by ``bench/generate.py``:

    .venv/bin/python bench/dashboard_speed.py \\
        --database-url postgres://postgres@127.0.0.1:5432/motcua_bench [--repeat 50] [--rebuild]

The generator writes dossiers and their events but no rollups, so the first run (or
``--rebuild``) builds them with ``reporting.services.rebuild_rollups`` and reports how long
that took. Then each page is requested with the Django test client (the whole request:
session, scope, a dozen aggregate queries on the rollups, template, SVG), after a warm-up,
next to the trivial ``/healthz`` view as the yardstick, for the default period (a year
of months), a single month and a three-year period. Prints a Markdown table, then JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PROVINCE_LEADER = "tinh.quantri"  # the province administrator: the whole province
COMMUNE_LEADER = "thucphan.lanhdao"  # Phường Thục Phán's People's Committee: its commune


def summary(timings: list[float]) -> dict[str, Any]:
    timings = sorted(timings)
    return {
        "n": len(timings),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[max(0, int(0.95 * len(timings)) - 1)], 2),
        "max_ms": round(timings[-1], 2),
    }


def timed(call: Callable[[], Any], repeat: int, warmup: int) -> dict[str, Any]:
    for _ in range(warmup):
        call()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return summary(timings)


def queries(call: Callable[[], Any]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def periods() -> dict[str, str]:
    from motcua.core import clock

    today = clock.today()
    month = today.replace(day=1)
    three_years = today - timedelta(days=3 * 365)
    return {
        "default (12 months)": "",
        "this month": f"from={month}&to={today}",
        "3 years": f"from={three_years}&to={today}",
    }


def client_for(username: str | None) -> Any:
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def pages() -> list[tuple[str, str | None, str]]:
    """(name, username, path) of what is measured."""
    return [
        ("province dashboard", PROVINCE_LEADER, "/dashboard/"),
        ("commune dashboard (own scope)", COMMUNE_LEADER, "/dashboard/"),
        ("commune view by the province", PROVINCE_LEADER, "/dashboard/?unit=01273"),
        ("public summary", None, "/dashboard/cong-khai/"),
        ("API indicators, province", None, "/api/v1/indicators/"),
        ("export communes.xlsx", PROVINCE_LEADER, "/dashboard/xuat/communes.xlsx"),
    ]


def measure(repeat: int, warmup: int) -> list[dict[str, Any]]:
    rows = []
    for name, username, path in pages():
        client = client_for(username)
        for period, query in periods().items():
            url = path + (("&" if "?" in path else "?") + query if query else "")

            def request(client: Any = client, url: str = url) -> Any:
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                return response

            row = {"page": name, "period": period, "url": url, **timed(request, repeat, warmup)}
            row["queries"] = queries(request)
            rows.append(row)
            print(f"{name}, {period}: p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms", file=sys.stderr)
    return rows


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "| page | period | p50 ms | p95 ms | max ms | queries |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    trivial = results["trivial_healthz"]
    lines.append(
        f"| trivial view `/healthz` | | {trivial['p50_ms']} | {trivial['p95_ms']} | {trivial['max_ms']} | |"
    )
    for r in results["pages"]:
        cells = [r["page"], r["period"], r["p50_ms"], f"**{r['p95_ms']}**", r["max_ms"], r["queries"]]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines)


def rollups_ready(rebuild: bool) -> dict[str, Any]:
    from motcua.reporting.models import DailyRollup
    from motcua.reporting.services import rebuild_rollups

    if DailyRollup.objects.exists() and not rebuild:
        return {"rebuilt": False, "daily_rows": DailyRollup.objects.count()}
    started = time.perf_counter()
    dossiers = rebuild_rollups()
    seconds = round(time.perf_counter() - started, 1)
    return {
        "rebuilt": True,
        "dossiers": dossiers,
        "seconds": seconds,
        "daily_rows": DailyRollup.objects.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the rollups even if there are some")
    args = parser.parse_args()
    if args.repeat < 1 or args.warmup < 0:
        parser.error("--repeat must be at least 1 and --warmup at least 0")
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()
    from django.db import connection

    from motcua.dossiers.models import Dossier

    results: dict[str, Any] = {
        "database": connection.vendor,
        "dossiers": Dossier.objects.count(),
        "cpus": os.cpu_count(),
        "date": date.today().isoformat(),  # noqa: DTZ011 - a label for the report
        "load_average_before": os.getloadavg(),
    }
    results["rollups"] = rollups_ready(args.rebuild)
    results["trivial_healthz"] = timed(lambda: client_for(None).get("/healthz"), args.repeat, args.warmup)
    results["pages"] = measure(args.repeat, args.warmup)
    results["load_average_after"] = os.getloadavg()
    head = f"{results['dossiers']:,} dossiers, {results['database']}, {results['cpus']} CPUs"
    print(f"{head}, rollups {results['rollups']}\n")
    print(markdown(results))
    print()
    print(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()

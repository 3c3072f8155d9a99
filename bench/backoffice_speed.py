"""Server time of the back office's work-queue pages (issue 7: under 100 ms), through Django's test client.

    .venv/bin/python bench/backoffice_speed.py --database-url postgres://postgres@127.0.0.1:5432/motcua_bench

Run after bench/generate.py. Each line: 35 timed requests after 5 warm-up ones, with the
queue counts, the page of 50 and the template; no network.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

USERS = ("thucphan.motcua", "thucphan.xuly", "tinh.motcua", "tinh.quantri")
PAGES = ("/backoffice/ho-so/", "/backoffice/ho-so/?queue=due_soon", "/backoffice/ho-so/?queue=finished")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=35)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    print("| official | page | p50 ms | p95 ms |\n| --- | --- | --- | --- |")
    for username in USERS:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        for url in PAGES:
            times = [_timed(client, url) for _ in range(args.repeat + 5)][5:]
            p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
            print(f"| {username} | `{url}` | {statistics.median(times):.1f} | {p95:.1f} |")


def _timed(client, url: str) -> float:  # noqa: ANN001
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()

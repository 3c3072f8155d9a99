"""Dossier engine speed at scale: work queues, public status by code, a receipt.

Run by hand (not in CI) against a database built by ``bench/generate.py``:

    .venv/bin/python bench/dossier_speed.py \\
        --database-url postgres://postgres@127.0.0.1:5432/motcua_bench [--repeat 200] [--explain]

Measures, in process (no network), each after a warm-up:

1. an official's work queue, first page: ``selectors.queue_page(selectors.work_queue(user,
   queue="open", …), size=50)`` (the keyset page) evaluated to a list, for the officials in
   ``OFFICIALS`` (commune desk and handler, the provincial center's desk, two departments, the
   province administrator), without and with a filter (the procedure most common in their
   queue, the online channel, overdue); then the same through
   ``GET /api/v1/dossiers/?queue=open…`` with the test client, logged in with ``force_login``
   (session, user, scope, serializer: the whole request), next to the trivial ``/healthz``
   view as the yardstick;
2. public status by code: ``selectors.public_status`` for random existing codes, and
   ``GET /api/v1/public/dossiers/<code>/`` with the anonymous throttle switched off
   (``PublicStatusThrottle.allow_request`` patched to allow: its 60/min would answer 429);
3. a receipt: a desk dossier is created and submitted with every document ticked (not
   timed), then ``services.receive_dossier`` alone is timed, commit included. Receiving
   queues the receipt slip as a job (a ``django_tasks_db`` row) and a national-portal
   message; no PDF is rendered inline. Each run leaves these dossiers in the database, at a
   desk whose queue is not measured.

Prints a Markdown table, then JSON; ``--explain`` adds EXPLAIN (ANALYZE, BUFFERS) of each
work-queue query.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

OFFICIALS = {
    "commune desk": "thucphan.motcua",  # Phường Thục Phán: the desk of its service center
    # A handler of the ward's People's Committee: sees its service center's receipts too.
    "commune handler": "thucphan.xuly",
    # The provincial center's desk receives ~13 % of the province's dossiers.
    "province center desk": "tinh.motcua",
    # Sở Tư pháp: the demo's department; the demo catalog routes no dossier to it (its
    # procedures are commune-level too, or the police's), so its queue is empty.
    "department handler": "sotuphap.xuly",
    # Sở Nông nghiệp và Môi trường decides the provincial land procedures; the demo has no
    # official there, so this script adds one (a handler, idempotent).
    "busy department handler": "sonnmt.xuly",
    "province admin": "tinh.quantri",  # every agency of the province
}
BUSY_DEPARTMENT = "000.00.06.H14"
RECEIPT_PROCEDURE = "1.004884"  # 5 working days, commune level
# Receipts are made at Xã Bảo Lâm's desk, whose queue is not measured: the dossiers they
# leave behind do not change the queues above from one run to the next.
RECEIPT_DESK = "baolam.motcua"


def timed(call: Callable[[], Any], repeat: int, warmup: int) -> dict[str, Any]:
    for _ in range(warmup):
        call()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return summary(timings)


def summary(timings: list[float]) -> dict[str, Any]:
    timings = sorted(timings)
    return {
        "n": len(timings),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[max(0, int(0.95 * len(timings)) - 1)], 2),
        "max_ms": round(timings[-1], 2),
    }


def queries(call: Callable[[], Any]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def queue_filters(user: Any) -> dict[str, dict[str, Any]]:
    """No filter; the procedure most common in the user's open queue; online; overdue."""
    from django.db.models import Count

    from motcua.dossiers import selectors

    top = (
        selectors.work_queue(user, queue="open")
        .order_by()
        .values("procedure__code")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    filters: dict[str, dict[str, Any]] = {"none": {}}
    if top:
        filters[f"procedure {top['procedure__code']}"] = {"procedure": top["procedure__code"]}
    filters["channel online"] = {"channel": "online"}
    filters["overdue"] = {"overdue": True}
    return filters


def queue_page() -> Callable[..., tuple[list, str | None]]:
    """The engine's keyset page: ``selectors.queue_page`` (``motcua.api.keyset.page`` before)."""
    from motcua.dossiers import selectors

    found = getattr(selectors, "queue_page", None)
    if found is None:
        from motcua.api.keyset import page as found
    return found


def work_queues(repeat: int, warmup: int, explain: bool) -> list[dict[str, Any]]:
    from django.contrib.auth import get_user_model
    from django.db.models import F
    from django.test import Client

    from motcua.dossiers import selectors

    page = queue_page()

    users = get_user_model().objects
    add_department_handler()
    rows = []
    for who, username in OFFICIALS.items():
        user = users.get(username=username)
        client = Client()
        client.force_login(user)
        for label, filters in queue_filters(user).items():

            def first_page(user: Any = user, filters: dict = filters) -> list:
                rows, _next = page(selectors.work_queue(user, queue="open", **filters), size=50)
                return rows

            params = "&".join(f"{k}={'true' if v is True else v}" for k, v in filters.items())
            path = f"/api/v1/dossiers/?queue=open{'&' + params if params else ''}"

            def request(client: Client = client, path: str = path) -> Any:
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code, response.content[:300])
                return response

            found = len(first_page())
            selector = timed(first_page, repeat, warmup)
            http = timed(request, repeat, warmup)
            row = {
                "official": f"{who} ({username})",
                "filter": label,
                "rows": found,
                "selector": selector | {"queries": queries(first_page)},
                "http": http | {"queries": queries(request)},
                "path": path,
            }
            if explain:
                queryset = selectors.work_queue(user, queue="open", **filters)
                ordered = queryset.order_by(F("appointment_on").asc(nulls_last=True), "id")[:51]
                row["explain"] = ordered.explain(analyze=True, buffers=True)
            rows.append(row)
            print(
                f"  queue {who:<19} {label:<22} rows {found:>3}  selector p95 {selector['p95_ms']:>7} ms"
                f"  http p95 {http['p95_ms']:>7} ms",
                file=sys.stderr,
            )
    return rows


def add_department_handler() -> None:
    from motcua.agencies.models import Agency
    from motcua.agencies.services import grant_role, upsert_official

    agency = Agency.objects.get(code=BUSY_DEPARTMENT)
    official, _created = upsert_official(
        username=OFFICIALS["busy department handler"],
        full_name="Hoàng Thị Thu",
        agency=agency,
        position="Chuyên viên",
        by="bench",
    )
    grant_role(official=official, agency=agency, role="handler", by="bench")


def public_status(repeat: int, warmup: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client

    from motcua.api.dossiers import PublicStatusThrottle
    from motcua.dossiers import selectors

    with connection.cursor() as cursor:
        # A random 0.5 % of the table's pages: codes from all over it, not one hot corner.
        cursor.execute(
            "SELECT code FROM dossiers_dossier TABLESAMPLE SYSTEM (0.5) WHERE code IS NOT NULL LIMIT 5000"
        )
        codes = [code for (code,) in cursor.fetchall()]
    random.Random(3).shuffle(codes)
    pick = iter(codes * 10)

    def lookup() -> Any:
        return selectors.public_status(code=next(pick))

    client = Client()

    def request() -> Any:
        response = client.get(f"/api/v1/public/dossiers/{next(pick)}/")
        assert response.status_code == 200, response.status_code
        return response

    result = {"codes_sampled": len(codes), "selector": timed(lookup, repeat, warmup)}
    result["selector"]["queries"] = queries(lookup)
    with mock.patch.object(PublicStatusThrottle, "allow_request", return_value=True):
        result["http"] = timed(request, repeat, warmup)
        result["http"]["queries"] = queries(request)
    return result


def receipt(repeat: int, warmup: int) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django_tasks_db.models import DBTaskResult

    from motcua.agencies.models import OfficialRole
    from motcua.dossiers.services import ApplicantInput, DossierInput, create_dossier, receive_dossier
    from motcua.dossiers.services import submit_dossier as submit

    desk = get_user_model().objects.get(username=RECEIPT_DESK)
    center = OfficialRole.objects.select_related("agency__unit").get(official__user=desk, role="desk_officer")
    center = center.agency
    rng = random.Random(5)

    def submitted() -> Any:
        owner = ApplicantInput(
            name="Nông Văn Dũng",
            id_number=f"0040950{rng.randrange(10**5):05d}",
            phone="0912345678",
            address=f"Thôn Nà Pàn, {center.unit.name_in_text}, tỉnh Cao Bằng",
            unit_code=center.unit.code,
        )
        data = DossierInput(
            procedure_code=RECEIPT_PROCEDURE, channel="desk", owner=owner, served_at=center.code
        )
        dossier = create_dossier(data=data, by=desk, submit=False)
        dossier.components.update(copies=1)  # the desk ticks every document it was handed
        return submit(dossier=dossier, by=desk)

    jobs_before = DBTaskResult.objects.count()
    timings, counted, codes = [], 0, []
    for i in range(warmup + repeat):
        dossier = submitted()
        started = time.perf_counter()
        if i == warmup:
            counted = queries(lambda d=dossier: receive_dossier(dossier=d, by=desk))
        else:
            receive_dossier(dossier=dossier, by=desk)
        elapsed = (time.perf_counter() - started) * 1000
        dossier.refresh_from_db(fields=["code", "status"])
        assert dossier.status == "received" and dossier.code, dossier
        codes.append(dossier.code)
        if i >= warmup:
            timings.append(elapsed)
    result = summary(timings)
    result["queries"] = counted
    result["jobs_queued"] = DBTaskResult.objects.count() - jobs_before
    result["codes"] = [codes[0], codes[-1]]
    return result


def trivial(repeat: int, warmup: int) -> dict[str, Any]:
    from django.test import Client

    client = Client()
    return timed(lambda: client.get("/healthz"), repeat, warmup)


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "| measurement | rows | p50 ms | p95 ms | max ms | queries |",
        "| --- | --- | --- | --- | --- | --- |",
    ]

    def line(name: str, r: dict[str, Any], rows: Any = "") -> None:
        cells = [name, rows, r["p50_ms"], f"**{r['p95_ms']}**", r["max_ms"], r.get("queries", "")]
        lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")

    line("trivial view `/healthz` (HTTP)", results["trivial_healthz"])
    for row in results["work_queue"]:
        line(
            f"work queue, {row['official']}, filter: {row['filter']} — selector", row["selector"], row["rows"]
        )
    for row in results["work_queue"]:
        line(f"work queue, {row['official']}, filter: {row['filter']} — HTTP", row["http"], row["rows"])
    line("public status by code — selector", results["public_status"]["selector"], 1)
    line("public status by code — HTTP (throttle off)", results["public_status"]["http"], 1)
    line("receive a desk dossier — `receive_dossier`", results["receive"], 1)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--receipts", type=int, default=120)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN (ANALYZE, BUFFERS) each work queue")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()
    from django.db import connection

    from motcua.dossiers.models import Dossier

    version = connection.vendor
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version += " " + cursor.fetchone()[0]
    results: dict[str, Any] = {
        "database": version,
        "dossiers": Dossier.objects.count(),
        "cpus": os.cpu_count(),
        "load_average_before": os.getloadavg(),
    }
    results["trivial_healthz"] = trivial(args.repeat, args.warmup)
    results["work_queue"] = work_queues(args.repeat, args.warmup, args.explain)
    results["public_status"] = public_status(args.repeat * 2, args.warmup)
    results["receive"] = receipt(args.receipts, 5)
    results["load_average_after"] = os.getloadavg()
    load = "/".join(f"{x:.1f}" for x in results["load_average_before"])
    print(f"{results['dossiers']:,} dossiers, {results['database']}, {results['cpus']} CPUs, load {load}\n")
    print(markdown(results))
    if args.explain:
        for row in results["work_queue"]:
            print(f"\n### {row['official']}, filter: {row['filter']}\n```\n{row['explain']}\n```")
    print()
    for row in results["work_queue"]:
        row.pop("explain", None)
    print(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()

"""Catalog search benchmark: N procedures, catalog search through the API and the public page.

Run by hand (not in CI), against a database of its own:

    createdb -h 127.0.0.1 -U postgres motcua_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench \\
        .venv/bin/python bench/catalog_search.py --procedures 2000 --requests 400

Prints JSON: p50/p95/p99 server time (in-process Django test client, so the figures are
the application's time without the network) for the API search, the public catalog page,
a procedure's page and, as the yardstick, the trivial /healthz view, plus ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")

import django

django.setup()

from django.core.management import call_command
from django.test import Client

from motcua.catalog.models import Procedure
from motcua.catalog.services import import_catalog
from motcua.catalog.tests.records import birth_registration

SUBJECTS = [
    "khai sinh",
    "kết hôn",
    "khai tử",
    "chứng thực bản sao",
    "giám hộ",
    "thay đổi hộ tịch",
    "hộ kinh doanh",
    "giấy phép xây dựng",
    "đất đai",
    "trợ cấp xã hội",
    "nghĩa vụ quân sự",
    "cư trú",
    "xác nhận tình trạng hôn nhân",
    "nhận cha mẹ con",
    "lý lịch tư pháp",
    "an toàn thực phẩm",
]
VERBS = ["Đăng ký", "Cấp", "Cấp lại", "Điều chỉnh", "Thu hồi", "Xác nhận", "Gia hạn", "Trích lục"]
FIELDS = [
    "Hộ tịch",
    "Chứng thực",
    "Đất đai",
    "Xây dựng",
    "Thành lập và hoạt động doanh nghiệp",
    "Bảo trợ xã hội",
    "Quân sự",
    "Y tế",
    "Giáo dục",
    "Giao thông",
]
QUERIES = [
    "dang ky khai sinh",
    "khai sinh",
    "ket hon",
    "chung thuc ban sao",
    "giay phep xay dung",
    "ho kinh doanh",
    "tro cap",
    "khai sihn",
    "dat dai",
    "xac nhan tinh trang hon nhan",
]


def generate(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    records = []
    for n in range(count):
        subject, verb = rng.choice(SUBJECTS), rng.choice(VERBS)
        records.append(
            birth_registration(
                code=f"9.{n:06d}",
                name=f"{verb} {subject} ({n})",
                field=rng.choice(FIELDS),
                levels=rng.choice([["commune"], ["province"], ["province", "commune"]]),
                online_level=rng.choice(["full", "partial", None]),
                life_events=[],
                keywords=[subject],
                results=[{"name": f"Văn bản {verb.lower()} {subject}", "paper": True}],
            )
        )
    return records


def measure(client: Client, paths: list[str], repeat: int) -> dict:
    timings = []
    for i in range(repeat):
        started = time.perf_counter()
        response = client.get(paths[i % len(paths)])
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (paths[i % len(paths)], response.status_code)
    timings.sort()
    return {
        "n": repeat,
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(0.95 * len(timings)) - 1], 2),
        "p99_ms": round(timings[int(0.99 * len(timings)) - 1], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if Procedure.objects.filter(code__startswith="9.").count() != args.procedures:
        started = time.perf_counter()
        report = import_catalog(records=generate(args.procedures), by="bench")
        assert report.ok, report.errors
        print(
            f"generated {args.procedures} procedures in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    client = Client()
    some = list(Procedure.objects.values_list("code", flat=True)[:50])
    results = {
        "database": django.db.connection.vendor,
        "procedures": Procedure.objects.count(),
        "trivial_healthz": measure(client, ["/healthz"], args.requests),
        "api_search": measure(client, [f"/api/v1/procedures/?q={q}" for q in QUERIES], args.requests),
        "public_catalog_search": measure(client, [f"/thu-tuc/?q={q}" for q in QUERIES], args.requests),
        "public_catalog_index": measure(client, ["/thu-tuc/"], args.requests // 4),
        "public_procedure_page": measure(client, [f"/thu-tuc/{c}/" for c in some], args.requests),
    }
    base = results["trivial_healthz"]["p50_ms"]
    results["ratio_to_trivial_p50"] = {
        k: round(v["p50_ms"] / base, 1) for k, v in results.items() if isinstance(v, dict) and "p50_ms" in v
    }
    print(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()

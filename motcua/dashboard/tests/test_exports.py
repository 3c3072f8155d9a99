"""Every dashboard table exports as CSV and XLSX that parse back to the page's figures."""

import csv
import io
from urllib.parse import urlencode

import pytest
from openpyxl import load_workbook

from motcua.dashboard.exports import to_csv, to_xlsx
from motcua.dashboard.tables import Cell, Column, Table
from motcua.dashboard.tests.conftest import HAND_PERIOD
from motcua.dashboard.tests.test_pages import MOUNTAIN_SCORE, WARD_SCORE

TABLE = Table(
    "t", "Title",
    [Column("Name"), Column("Count", "count"), Column("Share", "percent"), Column("Score", "score")],
    [[Cell("Xã Ả"), Cell(3), Cell(0.754), Cell(61.234)], [Cell("Xã B"), Cell(None), Cell(None), Cell(None)]],
)  # fmt: skip


def _csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheet programs then read UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _xlsx(body: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))


def test_csv_writes_percentages_and_leaves_missing_cells_empty():
    assert _csv(to_csv(TABLE)) == [
        ["Name", "Count", "Share (%)", "Score"],
        ["Xã Ả", "3", "75.4", "61.23"],
        ["Xã B", "", "", ""],
    ]


def test_xlsx_has_a_title_the_header_and_numbers():
    rows = _xlsx(to_xlsx(TABLE, subtitle="01/01/2024 – 30/06/2024"))
    assert rows[0][0] == "Title" and rows[1][0] == "01/01/2024 – 30/06/2024"
    assert rows[2] == ("Name", "Count", "Share (%)", "Score")
    assert rows[3] == ("Xã Ả", 3, 75.4, 61.23) and rows[4] == ("Xã B", None, None, None)


@pytest.mark.django_db
@pytest.mark.parametrize("table", ["figures", "indicators", "months", "communes", "agencies"])
def test_every_table_of_the_province_dashboard_exports_in_both_formats(
    client, admin_user, hand_rollups, table
):
    client.force_login(admin_user)
    query = urlencode(HAND_PERIOD)
    rows = _csv(client.get(f"/dashboard/xuat/{table}.csv?{query}").content)
    sheet = _xlsx(client.get(f"/dashboard/xuat/{table}.xlsx?{query}").content)
    assert len(rows) > 1 and [str(v) for v in sheet[2]] == rows[0]
    assert len(sheet) - 3 == len(rows) - 1


@pytest.mark.django_db
def test_the_ranking_export_has_the_hand_computed_scores(client, admin_user, hand_rollups):
    client.force_login(admin_user)
    response = client.get(f"/dashboard/xuat/communes.csv?{urlencode(HAND_PERIOD)}")
    assert response["Content-Disposition"] == 'attachment; filename="motcua-communes-20240101-20240630.csv"'
    rows = _csv(response.content)
    assert rows[0] == [
        "Rank",
        "Commune",
        "Code",
        "Score",
        "Received",
        "Finished",
        "On time (%)",
        "Online (%)",
    ]
    assert rows[1][0] == "1" and rows[1][2:] == ["01290", str(MOUNTAIN_SCORE), "2", "2", "100.0", "100.0"]
    assert rows[2][0] == "2" and rows[2][2:] == ["01273", str(WARD_SCORE), "10", "8", "75.0", "40.0"]
    assert rows[3][0] == "" and rows[3][3:] == ["", "", "", "", ""]  # no data, not zeros
    sheet = _xlsx(client.get(f"/dashboard/xuat/communes.xlsx?{urlencode(HAND_PERIOD)}").content)
    assert sheet[3][2:] == ("01290", MOUNTAIN_SCORE, 2, 2, 100.0, 100.0)


@pytest.mark.django_db
def test_the_public_summary_exports_without_login_but_official_exports_need_a_scope(client, hand_rollups):
    query = urlencode(HAND_PERIOD)
    assert client.get(f"/dashboard/cong-khai/xuat/communes.csv?{query}").status_code == 200
    assert client.get(f"/dashboard/xuat/communes.csv?{query}").status_code == 404


@pytest.mark.django_db
def test_bad_exports(client, admin_user, ward_leader, board):
    client.force_login(admin_user)
    assert client.get("/dashboard/xuat/everything.csv").status_code == 404
    assert client.get("/dashboard/xuat/communes.pdf").status_code == 404
    response = client.get("/dashboard/xuat/communes.csv?channel=fax")
    assert response.status_code == 400 and "fax" in response.content.decode()
    client.force_login(ward_leader)
    assert client.get("/dashboard/xuat/communes.csv").status_code == 404  # not a province-wide view
    assert client.get("/dashboard/xuat/agencies.csv?unit=01290").status_code == 404


@pytest.mark.parametrize("table", ["figures", "indicators", "months", "communes", "agencies"])
def test_an_export_builds_only_its_table_and_gives_what_the_page_shows(hand_rollups, table):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from motcua.dashboard.figures import build
    from motcua.dashboard.tables import table_of, tables_of
    from motcua.reporting.selectors import parse_filters, province_scope

    scope = province_scope()
    filters = parse_filters(HAND_PERIOD, scope=scope)
    with CaptureQueriesContext(connection) as whole:
        page = tables_of(build(filters, scope))
    with CaptureQueriesContext(connection) as one:
        exported = table_of(build(filters, scope, table=table), table)
    assert len(one) < len(whole)
    assert exported == page[table]

"""The province's calendar: CalendarDay rows over the national holidays, and its cache."""

from datetime import date

import pytest

from motcua.agencies.errors import UnknownAdminUnit
from motcua.core.models import AuditEntry
from motcua.dossiers import calendar as calendar_module
from motcua.dossiers import selectors
from motcua.dossiers.calendar import national_calendar, province_calendar
from motcua.dossiers.deadlines import WorkCalendar
from motcua.dossiers.models import CalendarDay, CalendarDayKind

pytestmark = pytest.mark.django_db


def test_without_rows_it_is_the_national_calendar():
    calendar = province_calendar()
    assert calendar.add_working_days(date(2026, 2, 13), 3) == date(2026, 2, 25)
    assert calendar.days_off == national_calendar(tuple(calendar_module.YEARS)).days_off


def test_a_provincial_day_off_moves_deadlines():
    # given: Tuesday 3 March 2026 is a plain working day
    assert province_calendar().add_working_days(date(2026, 3, 2), 1) == date(2026, 3, 3)
    # when
    CalendarDay.objects.create(date=date(2026, 3, 3), kind=CalendarDayKind.DAY_OFF, name="Nghỉ lễ tỉnh")
    # then
    calendar = province_calendar()
    assert calendar.add_working_days(date(2026, 3, 2), 1) == date(2026, 3, 4)
    assert calendar.working_days_between(date(2026, 3, 2), date(2026, 3, 6)) == 3
    assert calendar.day_off_name(date(2026, 3, 3)) == "Nghỉ lễ tỉnh"


def test_a_make_up_saturday_is_a_working_day():
    CalendarDay.objects.create(
        date=date(2026, 3, 7), kind=CalendarDayKind.WORKING_DAY, name="Làm bù cho ngày 02/01"
    )
    calendar = province_calendar()
    assert calendar.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 7)
    assert calendar.working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 2


def test_rows_win_over_the_national_calendar():
    # The province keeps Saturday 22 Aug 2026 off and works on Monday 31 Aug instead.
    CalendarDay.objects.create(date=date(2026, 8, 22), kind=CalendarDayKind.DAY_OFF, name="Nghỉ")
    CalendarDay.objects.create(date=date(2026, 8, 31), kind=CalendarDayKind.WORKING_DAY, name="Làm việc")
    calendar = province_calendar()
    assert calendar.is_working_day(date(2026, 8, 22)) is False
    assert calendar.is_working_day(date(2026, 8, 31)) is True
    assert calendar.add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 24)


def test_the_cache_is_reused_until_a_row_changes(django_assert_num_queries):
    first = province_calendar()
    with django_assert_num_queries(1):
        assert province_calendar() is first
    CalendarDay.objects.create(date=date(2026, 3, 3), kind=CalendarDayKind.DAY_OFF, name="Nghỉ")
    second = province_calendar()
    assert second is not first
    assert second.is_working_day(date(2026, 3, 3)) is False
    assert province_calendar() is second


def test_the_cache_notices_edits_bulk_updates_and_deletions():
    row = CalendarDay.objects.create(date=date(2026, 3, 7), kind=CalendarDayKind.WORKING_DAY, name="Làm bù")
    assert province_calendar().is_working_day(date(2026, 3, 7)) is True
    # a bulk update does not touch updated_at; it must be noticed all the same
    CalendarDay.objects.filter(pk=row.pk).update(kind=CalendarDayKind.DAY_OFF)
    assert province_calendar().is_working_day(date(2026, 3, 7)) is False
    row.refresh_from_db()
    row.name = "Nghỉ bù"
    row.save()
    assert province_calendar().day_off_name(date(2026, 3, 7)) == "Nghỉ bù"
    row.delete()
    assert province_calendar().day_off_name(date(2026, 3, 7)) is None


def test_culture_day_added_by_the_province_when_the_package_lacks_it(monkeypatch):
    # given: a package release without Vietnam Culture Day (24 Nov, observed since 2026)
    full = national_calendar(tuple(calendar_module.YEARS))
    without = WorkCalendar(
        days_off={day: name for day, name in full.days_off.items() if day != date(2026, 11, 24)},
        extra_working_days=full.extra_working_days,
        first=full.first,
        last=full.last,
    )
    monkeypatch.setattr(calendar_module, "national_calendar", lambda years: without)
    monkeypatch.setattr(calendar_module, "_cache", {})
    assert province_calendar().add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 24)
    # when
    CalendarDay.objects.create(
        date=date(2026, 11, 24), kind=CalendarDayKind.DAY_OFF, name="Ngày Văn hóa Việt Nam"
    )
    # then
    assert province_calendar().add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 25)


def test_calendar_for_checks_the_unit():
    assert selectors.calendar_for(unit_code="04").add_working_days(date(2026, 2, 13), 3) == date(2026, 2, 25)
    assert selectors.calendar_for(unit_code="01273") is selectors.calendar_for(unit_code=None)
    with pytest.raises(UnknownAdminUnit):
        selectors.calendar_for(unit_code="99")
    with pytest.raises(UnknownAdminUnit):
        selectors.calendar_for(unit_code="0x")


def test_admin_adds_a_swap_and_it_is_audited(admin_client):
    # when
    response = admin_client.post(
        "/admin/dossiers/calendarday/add/",
        {
            "date": "2026-03-07",
            "kind": "working_day",
            "name": "Làm bù cho ngày 02/01",
            "note": "QĐ 12/QĐ-UBND",
        },
    )
    # then
    assert response.status_code == 302
    row = CalendarDay.objects.get(date=date(2026, 3, 7))
    assert (row.kind, row.name, row.note) == ("working_day", "Làm bù cho ngày 02/01", "QĐ 12/QĐ-UBND")
    entry = AuditEntry.objects.get(action="calendarday.created_in_admin")
    assert entry.object_id == str(row.pk)
    assert province_calendar().is_working_day(date(2026, 3, 7)) is True


def test_admin_lists_rows_by_year(admin_client):
    CalendarDay.objects.create(date=date(2025, 5, 2), kind=CalendarDayKind.DAY_OFF, name="Năm trước")
    CalendarDay.objects.create(date=date(2026, 3, 3), kind=CalendarDayKind.DAY_OFF, name="Năm nay")
    response = admin_client.get("/admin/dossiers/calendarday/", {"year": "2026"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [CalendarDay.objects.get(name="Năm nay")]
    response = admin_client.get("/admin/dossiers/calendarday/", {"kind": "day_off"})
    assert [row.name for row in response.context["cl"].result_list] == ["Năm trước", "Năm nay"]

"""Page helpers of the dashboards: filter choices, links, the charts and a period's wording."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from motcua.agencies import selectors as agency_selectors
from motcua.core import clock
from motcua.dashboard.charts import Point, bar_chart, column_chart, line_chart
from motcua.dashboard.figures import Dashboard, RankRow
from motcua.dashboard.tables import Linker
from motcua.dossiers.types import Channel
from motcua.reporting import selectors as reporting

__all__ = ["FilterOptions", "charts", "describe", "filter_options", "linker"]


@dataclass(frozen=True)
class FilterOptions:
    units: list[tuple[str, str]]
    agencies: list[tuple[str, str]]
    channels: list[tuple[str, str]]


def filter_options(scope: reporting.Scope) -> FilterOptions:
    """Units and agencies the filter form offers: the province's, or those of the official's scope."""
    if scope.everything:
        province = agency_selectors.get_province(code=settings.MOTCUA_PROVINCE_CODE)
        communes = agency_selectors.admin_units(parent=province.code, on=clock.today())
        units = [(province.code, province.full_name)] + [(u.code, u.full_name) for u in communes]
        agencies = agency_selectors.agencies_in_province(province_id=scope.province_id)
    else:
        agencies = sorted(
            agency_selectors.agency_names(ids=scope.agency_ids or ()).values(), key=lambda a: a.code
        )
        units = sorted({(a.unit.code, a.unit.full_name) for a in agencies})
    return FilterOptions(
        units=units,
        agencies=[(a.code, a.name) for a in agencies],
        channels=[(value, str(label)) for value, label in Channel.choices],
    )


def linker(filters: reporting.Filters, *, public: bool) -> Linker:
    """Links of a page's figures: drill-downs (officials only) and a commune's or agency's view."""
    period = {"from": filters.start.isoformat(), "to": filters.end.isoformat()}
    page = reverse("dashboard:public" if public else "dashboard:home")

    def link(kind: str, code: str) -> str:
        if kind == "drill":
            return (
                ""
                if public
                else f"{reverse('dashboard:dossiers')}?{urlencode(filters.as_query() | {'figure': code})}"
            )
        if kind == "unit":
            return f"{page}?{urlencode(period | {'unit': code})}"
        return f"{page}?{urlencode(period | {'agency': code})}"

    return link


def _percent(value: float) -> str:
    return f"{number_format(value, 1)} %"


def _score(value: float) -> str:
    return number_format(value, 1)


def _count(value: float) -> str:
    return number_format(value, 0, force_grouping=True)


def _ranking_chart(rows: list[RankRow], link: Linker, title: str) -> SafeString | None:
    """Bars for the ranked rows only: those without data are listed in the table below."""
    points = [Point(r.name, r.score, link(r.kind, r.code)) for r in rows if r.score is not None]
    return bar_chart(points, title=title, maximum=100, fmt=_score) if points else None


def charts(board: Dashboard, link: Linker) -> dict[str, Any]:
    """The SVG charts of a dashboard: monthly score and receipts, and the rankings."""
    months = [(date_format(m.month, "m/y"), m) for m in board.months]
    found = {
        "score": line_chart(
            [Point(label, m.score) for label, m in months],
            title=_("Service index by month"),
            maximum=100,
            fmt=_score,
        ),
        "received": column_chart(
            [Point(label, m.counts.received if m.counts else None) for label, m in months],
            title=_("Dossiers received by month"),
            fmt=_count,
        ),
    }
    if board.communes is not None:
        found["communes"] = _ranking_chart(board.communes, link, _("Service index of communes and wards"))
    found["agencies"] = _ranking_chart(board.agencies, link, _("Service index of agencies"))
    return found


def describe(filters: reporting.Filters) -> str:
    """The period and filters in words, for a heading or an export's subtitle."""
    parts = [
        _("from %(start)s to %(end)s")
        % {"start": date_format(filters.start, "d/m/Y"), "end": date_format(filters.end, "d/m/Y")}
    ]
    if filters.unit is not None:
        parts.append(filters.unit.full_name)
    if filters.agency is not None:
        parts.append(filters.agency.name)
    if filters.procedure is not None:
        parts.append(_("procedure %(code)s") % {"code": filters.procedure.code})
    if filters.channel:
        parts.append(_("channel: %(channel)s") % {"channel": Channel(filters.channel).label})
    return " · ".join(parts)

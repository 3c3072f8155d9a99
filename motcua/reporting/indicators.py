"""The service index of Decision 766/QĐ-TTg (domain.md §7), as pure functions over plain counts.

Each indicator is a ratio ``numerator ÷ denominator`` worth ``max_points``; it earns
``max_points × min(1, ratio ÷ full_at)`` (``full_at`` is 1 unless the decision gives full
points earlier, e.g. 50 % of dossiers submitted online). When motcua has no data for an
indicator (no feedback module, catalog publication dates not kept…) or its denominator is
zero, the indicator is *missing*: ``ratio`` and ``points`` are ``None`` and the index is
scored over the indicators that have data, never with a silent zero.

Weights and thresholds are configuration: ``settings.REPORTING_INDICATORS`` may override
``points`` and ``full_at`` of any indicator by key (defaults below, from domain.md §7).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from django.utils.translation import gettext_lazy as _

# Text of the interface, translated when shown: a dashboard computes a hundred indices and
# shows the words of one.
Text = Any

__all__ = [
    "DEFINITIONS",
    "GROUPS",
    "Counts",
    "Definition",
    "GroupScore",
    "Index",
    "IndicatorValue",
    "compute_index",
    "points_for",
]


@dataclass(frozen=True)
class Counts:
    """The plain counts of one scope and period (what the rollups add up)."""

    # Counted on the day of receipt (dossiers received in the period).
    received: int = 0
    received_online: int = 0
    received_full_eligible: int = 0  # of procedures offered full-process online
    received_full_online: int = 0  # ... and submitted online
    digitised: int = 0  # at least one component digitised
    from_store: int = 0  # at least one component taken from the personal data store
    from_population: int = 0  # at least one component filled from the population database
    reused: int = 0  # from the store or the population database
    with_fees: int = 0
    paid_online: int = 0  # every fee paid through the national platform or the provincial gateway
    supplement_requested: int = 0
    multi_supplement: int = 0  # more than one supplement request: late on the national portal
    extended: int = 0
    # Counted on the day processing ended (first end state).
    finished: int = 0
    finished_on_time: int = 0  # early or on the appointment date, at most one supplement request
    finished_late: int = 0
    withdrawn: int = 0
    refused: int = 0
    stopped: int = 0
    processed: int = 0  # ended with a result (signed / returned)
    e_results: int = 0  # ... and an electronic result <code>-KQ<n>
    rated: int = 0
    rated_very: int = 0
    rated_satisfied: int = 0
    rated_unsatisfied: int = 0
    satisfaction_bad: int = 0  # rated not satisfied, or late (counted once)
    # Dossiers received in the period and still open now.
    open: int = 0
    open_within_time: int = 0
    # Procedures with dossiers received in the period, and those of them offered online.
    procedures_used: int = 0
    procedures_online: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


Ratio = Callable[[Counts], tuple[int, int] | None]


@dataclass(frozen=True)
class Definition:
    key: str
    group: str
    label: Any
    max_points: float
    numerator: Any  # text: what is counted
    denominator: Any
    period_rule: Any
    ratio: Ratio | None  # None: motcua has no data for it
    missing_reason: Any = ""
    full_at: float = 1.0


GROUPS: dict[str, Any] = {
    "transparency": _("Transparency"),
    "progress": _("Progress"),
    "online": _("Online service"),
    "payment": _("Online payment"),
    "satisfaction": _("Satisfaction"),
    "digitisation": _("Digitisation"),
}

RECEIVED = _("dossiers received in the period (day of receipt)")
FINISHED = _("dossiers whose processing ended in the period (day of the first end state)")
NO_CATALOG_DATES = _("The catalog does not keep announcement and publication dates yet.")
NO_FEEDBACK = _("motcua has no feedback (PAKN) module yet.")


def _on_time(c: Counts) -> tuple[int, int]:
    return c.finished_on_time + c.open_within_time, c.finished + c.open


def _satisfaction(c: Counts) -> tuple[int, int]:
    return c.finished - c.satisfaction_bad, c.finished


DEFINITIONS: tuple[Definition, ...] = (
    Definition(
        "transparency.announced_on_time", "transparency", _("Procedures announced on time"), 6,
        _("procedures announced on time"), _("procedures announced"), _("announcements in the period"),
        None, NO_CATALOG_DATES,
    ),
    Definition(
        "transparency.published_on_time", "transparency", _("Procedures published on time"), 4,
        _("procedures published on time"), _("procedures published"), _("publications in the period"),
        None, NO_CATALOG_DATES,
    ),
    Definition(
        "transparency.published_complete", "transparency", _("Procedures published complete"), 2,
        _("procedures published complete"), _("procedures published"), _("publications in the period"),
        None, NO_CATALOG_DATES,
    ),
    Definition(
        "transparency.synced_real_time", "transparency",
        _("Dossiers synced to the national portal in real time"), 6,
        _("dossiers whose every status reached the national portal in real time"), RECEIVED, RECEIVED,
        None, _("Delivery times of the national portal sync are not counted per dossier yet."),
    ),
    Definition(
        "progress.on_time", "progress", _("Dossiers handled on time"), 20,
        _("finished early or on time (at most one supplement request) + still open within time"),
        _("finished in the period + received in the period and still open"),
        _("finished: day processing ended; open: day of receipt, status as of today"),
        _on_time,
    ),
    Definition(
        "online.full_process_dossiers", "online", _("Full-process online dossiers"), 4,
        _("dossiers of full-process procedures submitted online"),
        _("dossiers of procedures offered full-process online"), RECEIVED,
        lambda c: (c.received_full_online, c.received_full_eligible),
    ),
    Definition(
        "online.procedures_online", "online", _("Procedures offered online"), 4,
        _("procedures offered online (full or partial)"), _("procedures with dossiers in the period"),
        RECEIVED, lambda c: (c.procedures_online, c.procedures_used), full_at=0.8,
    ),
    Definition(
        "online.dossiers_online", "online", _("Dossiers submitted online"), 4,
        _("dossiers submitted online"), _("dossiers received"), RECEIVED,
        lambda c: (c.received_online, c.received), full_at=0.5,
    ),
    Definition(
        "payment.paid_online", "payment", _("Fees paid online"), 6,
        _("dossiers whose fees were all paid online"), _("dossiers with fees"), RECEIVED,
        lambda c: (c.paid_online, c.with_fees),
    ),
    Definition(
        "payment.procedures_payable_online", "payment", _("Procedures with fees payable online"), 4,
        _("procedures with fees payable online"), _("procedures with fees"), _("catalog, as of today"),
        None, _("The catalog does not record which fees may be paid online yet."),
    ),
    Definition(
        "satisfaction.feedback_on_time", "satisfaction", _("Feedback handled on time"), 6,
        _("feedback handled within its deadline"), _("feedback due in the period"), _("feedback due"),
        None, NO_FEEDBACK,
    ),
    Definition(
        "satisfaction.feedback_satisfactory", "satisfaction", _("Feedback handled satisfactorily"), 6,
        _("feedback answers accepted"), _("feedback answered"), _("feedback answered in the period"),
        None, NO_FEEDBACK,
    ),
    Definition(
        "satisfaction.dossiers", "satisfaction", _("Satisfaction with dossiers"), 6,
        _("finished dossiers − rated not satisfied − late (complaints are not recorded yet)"),
        _("finished dossiers"), FINISHED, _satisfaction, full_at=0.9,
    ),
    Definition(
        "digitisation.e_results", "digitisation", _("Electronic results"), 6,
        _("dossiers with an electronic result"), _("dossiers that ended with a result"), FINISHED,
        lambda c: (c.e_results, c.processed),
    ),
    Definition(
        "digitisation.digitised", "digitisation", _("Digitised dossiers"), 4,
        _("dossiers with digitised components"), _("dossiers received"), RECEIVED,
        lambda c: (c.digitised, c.received),
    ),
    Definition(
        "digitisation.e_certified_copies", "digitisation", _("Communes offering e-certified copies"), 2,
        _("communes issuing electronic certified copies"), _("communes"), _("as of today"),
        None, _("Electronic certified copies are not issued through motcua yet."),
    ),
    Definition(
        "digitisation.reuse", "digitisation", _("Dossiers reusing digitised data"), 2,
        _("dossiers with a component from the personal data store or the population database"),
        _("dossiers received"), RECEIVED, lambda c: (c.reused, c.received), full_at=0.8,
    ),
    Definition(
        "digitisation.personal_store", "digitisation", _("Dossiers using the personal data store"), 4,
        _("dossiers with a component taken from the personal data store"), _("dossiers received"),
        RECEIVED, lambda c: (c.from_store, c.received),
    ),
    Definition(
        "digitisation.population_db", "digitisation", _("Dossiers using population data"), 2,
        _("dossiers with data from the National Population Database"), _("dossiers received"),
        RECEIVED, lambda c: (c.from_population, c.received),
    ),
    Definition(
        "digitisation.procedures_population", "digitisation",
        _("Procedures connected to the population database"), 2,
        _("procedures taking data from the population database"), _("procedures"), _("as of today"),
        None, _("The connection of each procedure to the population database is not counted yet."),
    ),
)  # fmt: skip


@dataclass(frozen=True)
class IndicatorValue:
    key: str
    group: str
    label: Text
    numerator: int | None
    denominator: int | None
    ratio: float | None
    points: float | None
    max_points: float
    full_at: float
    numerator_text: Text
    denominator_text: Text
    period_rule: Text
    missing_reason: Text

    @property
    def available(self) -> bool:
        return self.points is not None


@dataclass(frozen=True)
class GroupScore:
    key: str
    label: Text
    max_points: float
    points: float | None  # None when no indicator of the group has data
    max_available: float
    indicators: tuple[IndicatorValue, ...]


@dataclass(frozen=True)
class Index:
    points: float | None
    max_available: float
    max_points: float
    groups: tuple[GroupScore, ...]

    @property
    def score(self) -> float | None:
        """Points scaled to 0–100 over the indicators that have data; None when none has."""
        if self.points is None or not self.max_available:
            return None
        return round(self.points * 100 / self.max_available, 2)

    def indicator(self, key: str) -> IndicatorValue:
        for group in self.groups:
            for value in group.indicators:
                if value.key == key:
                    return value
        raise KeyError(key)


def points_for(ratio: float, *, max_points: float, full_at: float = 1.0) -> float:
    """Points earned for a ratio: proportional, full points from ``full_at`` on."""
    if not 0 < full_at <= 1:
        raise ValueError("full_at must be in (0, 1]")
    return round(max_points * min(1.0, max(0.0, ratio) / full_at), 4)


def compute_index(counts: Counts, *, overrides: Mapping[str, Mapping[str, float]] | None = None) -> Index:
    """Every indicator of ``DEFINITIONS`` for these counts, grouped, with the total."""
    overrides = overrides or {}
    values = [_value(definition, counts, overrides.get(definition.key, {})) for definition in DEFINITIONS]
    groups = tuple(_group(key, label, [v for v in values if v.group == key]) for key, label in GROUPS.items())
    scored = [g for g in groups if g.points is not None]
    return Index(
        points=round(sum(g.points for g in scored), 4) if scored else None,  # type: ignore[misc]
        max_available=sum(g.max_available for g in groups),
        max_points=sum(g.max_points for g in groups),
        groups=groups,
    )


def _value(definition: Definition, counts: Counts, override: Mapping[str, float]) -> IndicatorValue:
    max_points = float(override.get("points", definition.max_points))
    full_at = float(override.get("full_at", definition.full_at))
    pair = definition.ratio(counts) if definition.ratio else None
    numerator, denominator = pair if pair else (None, None)
    ratio = numerator / denominator if pair and denominator else None
    reason = (
        definition.missing_reason if definition.ratio is None else ("" if ratio is not None else _("no data"))
    )
    return IndicatorValue(
        key=definition.key,
        group=definition.group,
        label=definition.label,
        numerator=numerator,
        denominator=denominator,
        ratio=ratio,
        points=None if ratio is None else points_for(ratio, max_points=max_points, full_at=full_at),
        max_points=max_points,
        full_at=full_at,
        numerator_text=definition.numerator,
        denominator_text=definition.denominator,
        period_rule=definition.period_rule,
        missing_reason=reason,
    )


def _group(key: str, label: Any, values: list[IndicatorValue]) -> GroupScore:
    available = [v for v in values if v.points is not None]
    return GroupScore(
        key=key,
        label=label,
        max_points=sum(v.max_points for v in values),
        points=round(sum(v.points for v in available), 4) if available else None,  # type: ignore[misc]
        max_available=sum(v.max_points for v in available),
        indicators=tuple(values),
    )

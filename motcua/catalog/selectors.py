"""Reads of the catalog. The catalog is public: no scoping, only what is active."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from motcua.catalog.interchange import CODE, FORMAT
from motcua.catalog.models import LifeEventTag, Procedure, ProcedureField, ProcedureRevision
from motcua.catalog.snapshot import SNAPSHOT_PREFETCH, procedure_snapshot
from motcua.catalog.text import normalise, tokens, word_similarity
from motcua.core.errors import NotFound

# Below this trigram word-similarity a procedure is not a typo-tolerant match.
FUZZY_THRESHOLD = 0.4
# Python-side fuzzy matching (SQLite) reads at most this many candidates.
FUZZY_CANDIDATES = 5000


def active_procedures() -> QuerySet[Procedure]:
    return Procedure.objects.filter(is_active=True).select_related("field")


def filter_procedures(
    queryset: QuerySet[Procedure],
    *,
    level: str | None = None,
    field: str | None = None,
    online_level: str | None = None,
    life_event: str | None = None,
    agency_kind: str | None = None,
) -> QuerySet[Procedure]:
    if level == "province":
        queryset = queryset.filter(at_province=True)
    elif level == "commune":
        queryset = queryset.filter(at_commune=True)
    if field:
        queryset = queryset.filter(field__code=field)
    if online_level:
        queryset = queryset.filter(online_level=online_level)
    if life_event:
        queryset = queryset.filter(life_events__code=life_event)
    if agency_kind:
        queryset = queryset.filter(agency_kinds__contains=f",{agency_kind},")
    return queryset


@dataclass(frozen=True)
class SearchResult:
    procedures: list[Procedure]
    fuzzy: bool  # True when no exact match was found and these are near matches


def search_procedures(
    query: str, queryset: QuerySet[Procedure] | None = None, *, limit: int = 50, offset: int = 0
) -> SearchResult:
    """Diacritic-insensitive search; falls back to typo-tolerant matching when nothing matches."""
    queryset = active_procedures() if queryset is None else queryset
    words = tokens(query)
    if not words:
        return SearchResult(list(queryset.order_by("code")[offset : offset + limit]), fuzzy=False)
    exact = queryset
    for word in words:
        exact = exact.filter(search_text__contains=word)
    found = list(exact.order_by("code")[offset : offset + limit])
    if found or offset:
        return SearchResult(_rank(found, words), fuzzy=False)
    return SearchResult(_fuzzy(queryset, " ".join(words), limit), fuzzy=True)


def _rank(procedures: list[Procedure], words: list[str]) -> list[Procedure]:
    phrase = " ".join(words)
    # Whole phrase in the name first, then the rest in code order.
    return sorted(procedures, key=lambda p: (phrase not in normalise(p.name), p.code))


def _fuzzy(queryset: QuerySet[Procedure], phrase: str, limit: int) -> list[Procedure]:
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramWordSimilarity

        return list(
            queryset.annotate(similarity=TrigramWordSimilarity(phrase, "search_text"))
            .filter(similarity__gte=FUZZY_THRESHOLD)
            .order_by("-similarity", "code")[:limit]
        )
    candidates = queryset.only("id", "code", "name", "search_text", "field__name")[:FUZZY_CANDIDATES]
    scored = [(word_similarity(phrase, p.search_text), p) for p in candidates]
    scored = [(score, p) for score, p in scored if score >= FUZZY_THRESHOLD]
    return [p for _, p in sorted(scored, key=lambda item: (-item[0], item[1].code))[:limit]]


def get_procedure(*, code: str) -> Procedure:
    if not CODE.fullmatch(code):  # junk (NUL bytes, …) never reaches the database
        raise NotFound(code="procedure.not_found")
    try:
        return active_procedures().prefetch_related(*SNAPSHOT_PREFETCH, "processes__agency").get(code=code)
    except Procedure.DoesNotExist:
        raise NotFound(code="procedure.not_found") from None


def procedure_content(procedure: Procedure) -> dict[str, Any]:
    """The procedure in the interchange shape (what the API and the revision hold)."""
    return procedure_snapshot(procedure)


def procedure_fields() -> QuerySet[ProcedureField]:
    return ProcedureField.objects.filter(procedures__is_active=True).distinct().order_by("name")


def life_events() -> QuerySet[LifeEventTag]:
    return LifeEventTag.objects.filter(procedures__is_active=True).distinct().order_by("code")


def export_catalog(queryset: QuerySet[Procedure] | None = None) -> dict[str, Any]:
    queryset = Procedure.objects.all() if queryset is None else queryset
    procedures = queryset.select_related("field").prefetch_related(*SNAPSHOT_PREFETCH).order_by("code")
    return {"format": FORMAT, "procedures": [procedure_snapshot(p) for p in procedures]}


def revisions_of(procedure: Procedure) -> QuerySet[ProcedureRevision]:
    return procedure.revisions.order_by("-number")


@dataclass(frozen=True)
class Change:
    key: str
    before: Any
    after: Any


def diff_snapshots(before: dict[str, Any] | None, after: dict[str, Any]) -> list[Change]:
    before = before or {}
    return [Change(key, before.get(key), value) for key, value in after.items() if before.get(key) != value]


def revision_changes(revision: ProcedureRevision) -> list[Change]:
    previous = (
        ProcedureRevision.objects.filter(procedure_id=revision.procedure_id, number__lt=revision.number)
        .order_by("-number")
        .first()
    )
    return diff_snapshots(previous.snapshot if previous else None, revision.snapshot)


def get_revision(*, code: str, number: int) -> ProcedureRevision:
    try:
        return ProcedureRevision.objects.select_related("procedure").get(procedure__code=code, number=number)
    except ProcedureRevision.DoesNotExist:
        raise NotFound(code="procedure_revision.not_found") from None

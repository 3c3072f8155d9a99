"""Reads of the catalog. The catalog is public: no scoping, only what is active."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Case, Count, Max, QuerySet, Value, When

from motcua.catalog.interchange import CODE, FORMAT, canonical
from motcua.catalog.models import LifeEventTag, Procedure, ProcedureField, ProcedureRevision, ProcessStep
from motcua.catalog.snapshot import SNAPSHOT_PREFETCH, procedure_snapshot
from motcua.catalog.text import closest_word, tokens, word_similarity
from motcua.core.errors import NotFound

# Below this trigram word-similarity a procedure is not a typo-tolerant match.
FUZZY_THRESHOLD = 0.4
# Python-side fuzzy matching (SQLite) reads at most this many candidates.
FUZZY_CANDIDATES = 5000
# Near matches are a suggestion list: the closest ones only, never the whole catalog.
FUZZY_LIMIT = 30


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
    procedures: QuerySet[Procedure] | list[Procedure]  # paginate it: a queryset pages in SQL
    fuzzy: bool  # True when no exact match was found and these are near matches


def search_procedures(query: str, queryset: QuerySet[Procedure] | None = None) -> SearchResult:
    """Diacritic-insensitive search, tolerant of typing mistakes.

    Every word must appear in the procedure's normalised text. If nothing matches, each
    unknown word is replaced by the closest word the catalog uses ("sihn" → "sinh") and the
    search runs again; the trigram similarity of the whole phrase is the last resort.
    """
    queryset = active_procedures() if queryset is None else queryset
    words = tokens(query)
    if not words:
        return SearchResult(queryset.order_by("code"), fuzzy=False)
    found = _all_words(queryset, words)
    if found is not None:
        return SearchResult(found, fuzzy=False)
    vocabulary = catalog_vocabulary()
    corrected = [closest_word(word, vocabulary) or word for word in words]
    if corrected != words:
        found = _all_words(queryset, corrected)
        if found is not None:
            return SearchResult(found, fuzzy=True)
    return SearchResult(_similar(queryset, " ".join(words)), fuzzy=True)


def _all_words(queryset: QuerySet[Procedure], words: list[str]) -> QuerySet[Procedure] | None:
    matches = queryset
    for word in words:  # each word must start a word of the text (see services.search_text)
        matches = matches.filter(search_text__contains=f" {word}")
    if not matches.exists():
        return None
    # The whole phrase first ("khai sinh" before "… sinh … khai …"), then by code.
    phrase_first = Case(When(search_text__contains=f" {' '.join(words)} ", then=Value(0)), default=Value(1))
    return matches.annotate(phrase_rank=phrase_first).order_by("phrase_rank", "code")


_VOCABULARY: dict[tuple, dict[str, int]] = {}


def catalog_vocabulary() -> dict[str, int]:
    """Every word of the active catalog with how often it is used; cached until the catalog changes."""
    state = Procedure.objects.filter(is_active=True).aggregate(n=Count("id"), latest=Max("updated_at"))
    key = (state["n"], state["latest"])
    if key not in _VOCABULARY:
        counts: dict[str, int] = {}
        for text in Procedure.objects.filter(is_active=True).values_list("search_text", flat=True).iterator():
            for word in text.split():
                if not word.isdigit():
                    counts[word] = counts.get(word, 0) + 1
        _VOCABULARY.clear()
        _VOCABULARY[key] = counts
    return _VOCABULARY[key]


def _similar(queryset: QuerySet[Procedure], phrase: str) -> list[Procedure]:
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramWordSimilarity

        return list(
            queryset.annotate(similarity=TrigramWordSimilarity(phrase, "search_text"))
            .filter(similarity__gte=FUZZY_THRESHOLD)
            .order_by("-similarity", "code")[:FUZZY_LIMIT]
        )
    candidates = queryset.only("id", "code", "name", "search_text", "field__name")[:FUZZY_CANDIDATES]
    scored = [(word_similarity(phrase, p.search_text), p) for p in candidates]
    scored = [(score, p) for score, p in scored if score >= FUZZY_THRESHOLD]
    return [p for _, p in sorted(scored, key=lambda item: (-item[0], item[1].code))[:FUZZY_LIMIT]]


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


def procedure_record(code: str) -> dict[str, Any] | None:
    """The procedure with this code, active or not, in the interchange shape; None if there is none."""
    code = code.strip()
    if not CODE.fullmatch(code):  # no such code can be stored (and junk never reaches the database)
        return None
    procedure = (
        Procedure.objects.filter(code=code)
        .select_related("field")
        .prefetch_related(*SNAPSHOT_PREFETCH)
        .first()
    )
    return procedure_snapshot(procedure) if procedure else None


def canonical_record(record: dict[str, Any]) -> dict[str, Any]:
    """An interchange record with defaults filled and values normalised (as a snapshot has it)."""
    return canonical(record)


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


def process_steps_for(procedure: Procedure, *, agency_id: int | None) -> list[ProcessStep]:
    """The internal process an agency follows for a procedure: its own variant, else the default."""
    templates = {t.agency_id: t for t in procedure.processes.all()}
    template = templates.get(agency_id) or templates.get(None)
    return list(template.steps.order_by("position", "id")) if template else []


def current_revision(procedure: Procedure) -> ProcedureRevision | None:
    return procedure.revisions.order_by("-number").first()

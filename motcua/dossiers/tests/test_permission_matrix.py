"""The permission matrix (issue 7): who sees, and who may do what to, which dossier, in every state.

Rows are the demo officials of Cao Bằng; columns are where a dossier sits (the center that
received it, the agency that decides it, the agency holding it now) and its status. The
expectations are written out by hand in ``permission_table``, in two small tables:

- ``PLACEMENTS[...].holds``: the bundle of lifecycle roles each official holds on a dossier
  of that placement; an official not listed may not see it at all (404);
- ``MAY``: what each bundle may do in each status.

So a change to the engine's scoping (agency scope, ``actors``) or to its transition table
shows up as failing cells here, never as an expectation that updated itself. One dossier per
(placement, status) is built through the services once per module, by the superuser (so a
permission regression fails cells, not the set-up), and every test runs in a savepoint.
"""

import pytest
from django.db import connection, transaction

from motcua.core.models import AuditEntry
from motcua.dossiers import selectors, services, workflow
from motcua.dossiers.errors import DossierNotFound
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.helpers import JUSTICE, THUC_PHAN_COMMITTEE, frozen, user
from motcua.dossiers.tests.permission_table import (
    ARGS,
    BUNDLE_ROLES,
    CELLS,
    JUDICIAL_RECORD,
    MAY,
    OFFICIALS,
    PLACEMENTS,
    STATES,
    build_cell,
    holds,
)
from motcua.dossiers.workflow import ActionNotAllowed, RoleNotAllowed
from motcua.integrations.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def matrix(_demo_province_with_catalog, django_db_blocker) -> dict[tuple[str, str], str]:
    """One dossier per (placement, status), its reference by cell; undone when the module ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        with frozen(2026, 3, 2, 9, 0):  # Monday
            services.assign_competence(procedure_code=JUDICIAL_RECORD, agency_code=JUSTICE, by="test")
            built = {(p, s): build_cell(PLACEMENTS[p], s) for p, s in CELLS}
        # PostgreSQL: check the deferred foreign keys of the seed and the dossiers once, here,
        # rather than at the end of every one of the ~950 tests (each rolls back to this point).
        connection.check_constraints()
        yield built
        transaction.set_rollback(True)


# Sanity of the hand-written table: when it disagrees with the declared workflow, the
# transition table changed (not the scoping) — update MAY deliberately, then the cells.
@pytest.mark.parametrize("bundle", list(MAY))
def test_the_table_of_what_each_role_may_do_matches_the_workflow(bundle):
    for status in STATES:
        declared = {str(a) for a in workflow.allowed_actions(status, BUNDLE_ROLES[bundle])}
        assert declared == MAY[bundle].get(status, set()), status


@pytest.mark.parametrize(
    ("official", "placement"),
    [pytest.param(o, p, id=f"{o}-{p}") for p in PLACEMENTS for o in OFFICIALS],
)
def test_who_sees_the_dossier(demo_catalog, matrix, official, placement):
    # given: the placement's dossier in each status
    states = PLACEMENTS[placement].states
    references = {matrix[placement, status] for status in states}
    first, last = matrix[placement, states[0]], matrix[placement, states[-1]]
    caller = user(official)
    sees = holds(official, placement) is not None
    # when: listed (every status), and opened by reference (the first) and by code (the last)
    listed = {str(r) for r in selectors.visible_dossiers(caller).values_list("reference", flat=True)}
    lookups = {first: first, last: Dossier.objects.get(reference=last).code}
    # then
    assert listed & references == (references if sees else set())
    for reference, identifier in lookups.items():
        if sees:
            assert str(selectors.get_dossier(caller, identifier=identifier).reference) == reference
        else:
            with pytest.raises(DossierNotFound):
                selectors.get_dossier(caller, identifier=identifier)


@pytest.mark.parametrize(
    ("official", "placement", "status"),
    [pytest.param(o, p, s, id=f"{o}-{p}-{s}") for p, s in CELLS for o in OFFICIALS],
)
def test_what_the_official_may_do(demo_catalog, matrix, official, placement, status):
    # given
    dossier = Dossier.objects.get(reference=matrix[placement, status])
    assert dossier.status == status
    bundle = holds(official, placement)
    # when
    allowed = selectors.allowed_actions_for(user(official), dossier)
    # then: out of scope, no buttons either (even for an edge that forgot the scope)
    assert set(allowed) == (MAY[bundle].get(status, set()) if bundle else set())
    assert len(allowed) == len(set(allowed))


def _state(reference: str) -> dict:
    dossier = Dossier.objects.get(reference=reference)
    return {
        "status": dossier.status,
        "version": dossier.version,
        "current_agency": dossier.current_agency_id,
        "assignee": dossier.assignee_id,
        "appointment_on": dossier.appointment_on,
        "finished_at": dossier.finished_at,
        "events": dossier.events.count(),
        "results": dossier.results.count(),
        "pauses": dossier.pauses.count(),
        "outbox": OutboxMessage.objects.filter(ordering_key=reference).count(),
        "audit": AuditEntry.objects.count(),
    }


REFUSALS = {
    RoleNotAllowed: (403, "dossier.role_not_allowed"),
    DossierNotFound: (404, "dossier.not_found"),
    ActionNotAllowed: (409, "dossier.action_not_allowed"),
}


def _act(official: str, reference: str, action: str, **overrides):
    with frozen(2026, 3, 2, 10, 0):
        return services.ACTIONS[action](
            dossier=reference, by=user(official), **(ARGS.get(action, {}) | overrides)
        )


def _refused(official: str, reference: str, action: str, error: type, **overrides) -> None:
    before = _state(reference)
    with pytest.raises(error) as raised:
        _act(official, reference, action, **overrides)
    assert type(raised.value) is error
    assert (raised.value.status, raised.value.code) == REFUSALS[error]
    assert _state(reference) == before  # a refused call leaves no trace


def _done(official: str, reference: str, action: str, to: str, **overrides):
    before = _state(reference)
    dossier = _act(official, reference, action, **overrides)
    after = _state(reference)
    assert after["status"] == dossier.status == to
    assert after["version"] == before["version"] + 1
    assert after["events"] == before["events"] + 1
    assert after["results"] == before["results"] + (action == "sign-result")  # …-KQ1, no PDF without a PIN
    last = Dossier.objects.get(reference=reference).events.order_by("-seq").first()
    assert (last.action, last.actor.get_username()) == (action, official)
    return dossier


REFUSED_WITH = {403: RoleNotAllowed, 404: DossierNotFound, 409: ActionNotAllowed}

# (official, placement, status, action, the status it leads to, or the refusal's HTTP status)
SAMPLES = [
    # Receipt: the desk of the center that served the person, nobody else.
    ("thucphan.motcua", "ward", "submitted", "receive", "received"),
    ("thucphan.xuly", "ward", "submitted", "receive", 403),
    ("baolam.motcua", "ward", "submitted", "receive", 404),
    ("tinh.motcua", "ward", "submitted", "receive", 404),
    ("tinh.motcua", "province-desk", "submitted", "receive", "received"),
    ("thucphan.motcua", "province-desk", "submitted", "receive", 404),
    ("thucphan.lanhdao", "province-desk", "submitted", "receive", 403),
    ("baolam.motcua", "baolam-desk-for-ward", "submitted", "receive", "received"),
    # Processing: the roles held at the agency that has the dossier now.
    ("thucphan.motcua", "ward", "received", "assign", "processing"),
    ("thucphan.xuly", "ward", "received", "assign", 403),
    ("baolam.lanhdao", "baolam-desk-for-ward", "received", "assign", 403),
    ("thucphan.lanhdao", "baolam-desk-for-ward", "received", "assign", "processing"),
    ("thucphan.xuly", "ward", "processing", "complete-step", "processing"),
    ("thucphan.quantri", "ward", "processing", "complete-step", 403),
    ("baolam.xuly", "ward", "processing", "complete-step", 404),
    ("thucphan.xuly", "ward", "processing", "request-supplement", "awaiting_supplement"),
    ("thucphan.motcua", "ward", "processing", "request-supplement", 403),
    ("thucphan.motcua", "ward", "awaiting_supplement", "supplement", "processing"),
    ("thucphan.xuly", "ward", "awaiting_supplement", "supplement", 403),
    ("thucphan.lanhdao", "ward", "processing", "pause", "paused"),
    ("thucphan.xuly", "ward", "processing", "pause", 403),
    ("thucphan.lanhdao", "ward", "paused", "resume", "processing"),
    ("thucphan.motcua", "ward", "paused", "resume", 403),
    ("thucphan.lanhdao", "ward", "processing", "extend", "processing"),
    ("thucphan.lanhdao", "ward", "processing", "stop", "stopped"),
    ("thucphan.xuly", "ward", "processing", "transfer", "processing"),
    ("thucphan.lanhdao", "ward", "processing", "approve", "approved"),
    ("thucphan.xuly", "ward", "processing", "approve", 403),
    ("tinh.quantri", "ward", "processing", "approve", 403),  # sees everything, acts on nothing
    ("sotuphap.lanhdao", "ward", "processing", "approve", 404),
    ("thucphan.lanhdao", "ward-for-justice", "processing", "approve", 403),
    ("sotuphap.lanhdao", "ward-for-justice", "processing", "approve", "approved"),
    ("thucphan.lanhdao", "ward-transferred", "processing", "approve", 403),
    ("sotuphap.xuly", "ward-transferred", "processing", "transfer", "processing", THUC_PHAN_COMMITTEE),
    ("thucphan.motcua", "ward-transferred", "processing", "withdraw", "withdrawn"),  # the receiving desk
    # Signing: a signer of the agency that has the approved dossier, nobody else.
    ("thucphan.kyso", "ward", "approved", "sign-result", "signed"),
    ("thucphan.xuly", "ward", "approved", "sign-result", 403),  # a handler cannot sign
    ("thucphan.lanhdao", "ward", "approved", "sign-result", 403),  # nor a leader without the signer role
    ("baolam.kyso", "ward", "approved", "sign-result", 404),  # nor a signer of another commune
    ("sotuphap.kyso", "ward", "approved", "sign-result", 404),  # nor of a department it never reached
    ("thucphan.kyso", "ward-transferred", "approved", "sign-result", 403),
    ("sotuphap.kyso", "ward-transferred", "approved", "sign-result", "signed"),
    ("thucphan.kyso", "ward-for-justice", "approved", "sign-result", 403),
    ("sotuphap.kyso", "ward-for-justice", "approved", "sign-result", "signed"),
    ("thucphan.kyso", "province-desk", "approved", "sign-result", "signed"),
    ("tinh.motcua", "province-desk", "approved", "sign-result", 403),
    ("baolam.kyso", "baolam", "approved", "sign-result", "signed"),
    ("thucphan.kyso", "baolam", "approved", "sign-result", 404),
    ("baolam.kyso", "baolam-desk-for-ward", "approved", "sign-result", 403),  # received there, decided here
    ("admin", "ward-transferred", "approved", "sign-result", "signed"),
    ("thucphan.kyso", "ward", "approved", "return-step", "processing"),
    # Which refusal wins: out of scope (404), then a wrong state (409), then a missing role (403).
    ("thucphan.kyso", "ward", "processing", "sign-result", 409),
    ("thucphan.kyso", "ward", "signed", "sign-result", 409),
    ("thucphan.xuly", "ward", "processing", "sign-result", 409),
    ("baolam.kyso", "ward", "processing", "sign-result", 404),
    # Returning the result: a desk of the center that received the dossier.
    ("thucphan.motcua", "ward", "signed", "return-result", "returned"),
    ("thucphan.kyso", "ward", "signed", "return-result", 403),
    ("tinh.motcua", "province-desk", "signed", "return-result", "returned"),
    ("thucphan.motcua", "ward-for-justice", "signed", "return-result", "returned"),
    ("baolam.motcua", "baolam-desk-for-ward", "signed", "return-result", "returned"),
    ("thucphan.motcua", "ward", "returned", "rate", "returned"),
    ("thucphan.motcua", "ward", "returned", "return-result", 409),
]


@pytest.mark.parametrize(
    "sample", [pytest.param(s, id=f"{s[0]}-{s[3]}-{s[1]}-{s[2]}-{s[4]}") for s in SAMPLES]
)
def test_acting(demo_catalog, matrix, sample):
    official, placement, status, action, outcome, *target = sample
    reference = matrix[placement, status]
    overrides = {"to_agency": target[0]} if target else {}
    # the sample agrees with the matrix: done exactly when the official may do it there
    bundle = holds(official, placement)
    assert (bundle is not None and action in MAY[bundle].get(status, set())) == isinstance(outcome, str)
    if isinstance(outcome, str):
        _done(official, reference, action, outcome, **overrides)
    else:
        _refused(official, reference, action, REFUSED_WITH[outcome], **overrides)


def test_after_a_transfer_to_the_department_only_its_signer_signs(demo_catalog, matrix):
    # given: the ward's dossier, moved to Sở Tư pháp, approved there
    reference = matrix["ward-transferred", "approved"]
    # when / then: the ward's own signer is refused, the department's signs
    _refused("baolam.kyso", reference, "sign-result", DossierNotFound)
    _refused("thucphan.kyso", reference, "sign-result", RoleNotAllowed)
    _refused("thucphan.xuly", reference, "sign-result", RoleNotAllowed)
    signed = _done("sotuphap.kyso", reference, "sign-result", "signed")
    result = signed.results.get()
    assert result.code == f"{signed.code}-KQ1"
    assert result.signer_name == "Ma Thị Hương"  # Giám đốc Sở Tư pháp
    assert signed.current_agency.code == JUSTICE


def test_a_deactivated_signer_neither_sees_nor_signs(demo_catalog, matrix):
    # given: the ward's signer left office
    reference = matrix["ward", "approved"]
    signer = user("thucphan.kyso")
    signer.is_active = False
    signer.save(update_fields=["is_active"])
    # when / then
    assert not selectors.visible_dossiers(user("thucphan.kyso")).filter(reference=reference).exists()
    assert (
        selectors.allowed_actions_for(user("thucphan.kyso"), Dossier.objects.get(reference=reference)) == []
    )
    _refused("thucphan.kyso", reference, "sign-result", DossierNotFound)

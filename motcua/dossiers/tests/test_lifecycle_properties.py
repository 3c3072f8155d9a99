"""Whatever officials try, in whatever order, the dossier stays consistent (hypothesis).

Random sequences of actions by random demo officials are thrown at one dossier; each
attempt either succeeds or is refused with a MotcuaError, and after each one the
invariants hold: the status is the last event's, the version counts the events, events
are numbered without gaps, a refused attempt changed nothing, and the dates only move
forward.
"""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.core.errors import MotcuaError
from motcua.dossiers import services
from motcua.dossiers.codes import parse_dossier_code
from motcua.dossiers.models import Dossier
from motcua.dossiers.tests.helpers import desk_dossier, frozen, user

pytestmark = pytest.mark.django_db

OFFICIALS = [
    "thucphan.motcua",
    "thucphan.xuly",
    "thucphan.lanhdao",
    "thucphan.kyso",
    "baolam.xuly",
    "sotuphap.xuly",
]
ATTEMPTS = {
    "receive": lambda d, by: services.receive_dossier(dossier=d, by=by),
    "assign": lambda d, by: services.assign_dossier(dossier=d, by=by),
    "complete-step": lambda d, by: services.complete_step(dossier=d, by=by),
    "return-step": lambda d, by: services.return_step(dossier=d, by=by, note="Xem lại"),
    "request-supplement": lambda d, by: services.request_supplement(dossier=d, by=by, reason="Thiếu giấy tờ"),
    "supplement": lambda d, by: services.supply_supplement(dossier=d, by=by),
    "pause": lambda d, by: services.pause_dossier(dossier=d, by=by, reason="Chờ ý kiến"),
    "resume": lambda d, by: services.resume_dossier(dossier=d, by=by),
    "transfer": lambda d, by: services.transfer_dossier(dossier=d, by=by, to_agency="000.00.03.H14"),
    "approve": lambda d, by: services.approve_dossier(dossier=d, by=by),
    "sign-result": lambda d, by: services.sign_result(dossier=d, by=by),
    "return-result": lambda d, by: services.return_result(dossier=d, by=by),
    "extend": lambda d, by: services.extend_dossier(
        dossier=d, by=by, reason="Gia hạn", new_appointment=date(2026, 4, 1)
    ),
    "withdraw": lambda d, by: services.withdraw_dossier(dossier=d, by=by),
    "refuse": lambda d, by: services.refuse_dossier(dossier=d, by=by, reason="Không đủ điều kiện"),
}

attempts = st.lists(st.tuples(st.sampled_from(sorted(ATTEMPTS)), st.sampled_from(OFFICIALS)), max_size=25)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(attempts)
def test_any_sequence_keeps_the_dossier_consistent(demo_catalog, sequence):
    with frozen(2026, 3, 2, 9, 0):
        dossier = desk_dossier()
        for action, username in sequence:
            before = _state(dossier.pk)
            try:
                ATTEMPTS[action](dossier.reference, user(username))
            except MotcuaError:
                assert _state(dossier.pk) == before  # a refusal changes nothing
            _check_invariants(Dossier.objects.get(pk=dossier.pk), before)


def _state(pk):
    dossier = Dossier.objects.get(pk=pk)
    return (dossier.status, dossier.version, dossier.events.count(), dossier.appointment_on, dossier.code)


def _check_invariants(dossier, before):
    seqs = list(dossier.events.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
    assert dossier.version == len(seqs) + 1
    assert dossier.status == dossier.events.order_by("-seq").first().to_status
    if dossier.code:
        assert parse_dossier_code(dossier.code) is not None
        assert before[4] in (None, dossier.code)  # a code, once given, never changes
    if before[3] and dossier.appointment_on:
        assert dossier.appointment_on >= before[3]
    if dossier.status in ("returned", "refused", "withdrawn", "stopped") and dossier.received_on:
        assert dossier.finished_at is not None

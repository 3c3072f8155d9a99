"""Every path of the lifecycle through the services, with dates across holidays."""

from datetime import date

import pytest

from motcua.core.errors import Conflict, PermissionDenied
from motcua.dossiers import services
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.tests.helpers import (
    BUSINESS,
    JUSTICE,
    MARRIAGE_STATUS,
    PROVINCE_CENTER,
    THUC_PHAN_COMMITTEE,
    desk_dossier,
    frozen,
    user,
)
from motcua.integrations.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_straight_through_at_a_commune_desk(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):  # Monday
        dossier = desk_dossier()
        assert dossier.status == "submitted" and dossier.code is None
        dossier = services.receive_dossier(dossier=dossier, by=user("thucphan.motcua"))
    assert dossier.code == "001.01.50.H14-260302-0001"
    assert dossier.received_on == date(2026, 3, 2)
    assert dossier.appointment_on == date(2026, 3, 9)  # 5 working days, receipt day not counted
    assert dossier.competent_agency.code == THUC_PHAN_COMMITTEE
    with frozen(2026, 3, 2, 10, 0):
        services.assign_dossier(dossier=dossier.code, by=user("thucphan.motcua"))
        services.complete_step(dossier=dossier.code, by=user("thucphan.xuly"), note="Hồ sơ hợp lệ")
    with frozen(2026, 3, 4, 10, 0):
        services.approve_dossier(dossier=dossier.code, by=user("thucphan.lanhdao"))
        services.sign_result(dossier=dossier.code, by=user("thucphan.kyso"))
    with frozen(2026, 3, 5, 8, 0):
        done = services.return_result(dossier=dossier.code, by=user("thucphan.motcua"))
    assert done.status == "returned"
    assert done.outcome == "early"
    assert done.results.get().code == f"{dossier.code}-KQ1"
    actions = list(DossierEvent.objects.filter(dossier=done).values_list("action", flat=True))
    assert actions == [
        "submit",
        "receive",
        "assign",
        "complete-step",
        "approve",
        "sign-result",
        "return-result",
    ]
    assert OutboxMessage.objects.filter(ordering_key=str(done.reference)).count() == 6  # from receipt on


def test_province_procedure_received_at_a_commune_goes_to_the_department(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        dossier = desk_dossier(BUSINESS)
        dossier = services.receive_dossier(dossier=dossier, by=user("thucphan.motcua"))
    assert dossier.code.startswith("001.01.50.H14-260302-")  # the commune center's code
    assert dossier.competent_agency.code == "000.00.04.H14"  # Finance decides
    assert dossier.current_agency.code == "000.00.04.H14"


def test_forbidden_action_changes_nothing(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        dossier = desk_dossier()
        with pytest.raises(Conflict) as error:
            services.approve_dossier(dossier=dossier.code or dossier.reference, by=user("thucphan.lanhdao"))
    assert error.value.status == 409
    dossier.refresh_from_db()
    assert dossier.status == "submitted" and dossier.version == 2


def test_a_handler_of_another_commune_is_refused(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        dossier = services.receive_dossier(dossier=desk_dossier(), by=user("thucphan.motcua"))
        services.assign_dossier(dossier=dossier.code, by=user("thucphan.motcua"))
        with pytest.raises(Exception) as error:
            services.complete_step(dossier=dossier.code, by=user("baolam.xuly"))
    assert error.value.status == 404  # not theirs: it does not exist for them


def test_transfer_between_commune_and_department(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        dossier = services.receive_dossier(dossier=desk_dossier(), by=user("thucphan.motcua"))
        services.assign_dossier(dossier=dossier.code, by=user("thucphan.motcua"))
        moved = services.transfer_dossier(dossier=dossier.code, by=user("thucphan.xuly"), to_agency=JUSTICE)
    assert moved.current_agency.code == JUSTICE
    with pytest.raises(PermissionDenied):
        services.approve_dossier(dossier=dossier.code, by=user("thucphan.lanhdao"))
    with frozen(2026, 3, 3, 9, 0):
        back = services.transfer_dossier(
            dossier=dossier.code, by=user("sotuphap.xuly"), to_agency=THUC_PHAN_COMMITTEE, note="Đã xác minh"
        )
    assert back.current_agency.code == THUC_PHAN_COMMITTEE
    event = back.events.order_by("-seq").first()
    assert (event.from_agency.code, event.to_agency.code) == (JUSTICE, THUC_PHAN_COMMITTEE)


def test_supplement_during_processing_stops_the_clock_across_tet(demo_catalog):
    with frozen(2026, 2, 9, 9, 0):  # Monday before Tết 2026 (days off 14–22 February)
        dossier = services.receive_dossier(dossier=desk_dossier(), by=user("thucphan.motcua"))
        assert dossier.appointment_on == date(2026, 2, 23)  # 10, 11, 12, 13, then 23 February
        services.assign_dossier(dossier=dossier.code, by=user("thucphan.motcua"))
        services.request_supplement(
            dossier=dossier.code, by=user("thucphan.xuly"), reason="Thiếu bản sao giấy khai sinh"
        )
    with frozen(2026, 2, 24, 9, 0):  # answered after Tết
        back = services.supply_supplement(dossier=dossier.code, by=user("thucphan.motcua"))
    # Paused (9 Feb, 24 Feb]: working days 10, 11, 12, 13, 23, 24 = 6 off the clock.
    assert back.status == "processing"
    assert back.appointment_on == date(2026, 3, 3)  # 23 Feb + 6 working days
    assert back.events.order_by("-seq").first().data["paused_working_days"] == 6
    assert back.supplement_requests == 1


def test_extension_moves_the_appointment(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        dossier = services.receive_dossier(dossier=desk_dossier(), by=user("thucphan.motcua"))
        services.assign_dossier(dossier=dossier.code, by=user("thucphan.motcua"))
    with frozen(2026, 3, 9, 9, 0):
        extended = services.extend_dossier(
            dossier=dossier.code,
            by=user("thucphan.lanhdao"),
            reason="Chờ xác minh",
            new_appointment=date(2026, 3, 13),
        )
    assert extended.appointment_on == date(2026, 3, 13) and extended.extensions == 1


def test_refused_at_receipt_and_withdrawn(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        refused = services.refuse_dossier(
            dossier=desk_dossier(), by=user("thucphan.motcua"), reason="Không thuộc thẩm quyền"
        )
        withdrawn = services.withdraw_dossier(
            dossier=desk_dossier(), by=user("thucphan.motcua"), reason="Người dân rút"
        )
    assert refused.status == "refused" and refused.code is None
    assert withdrawn.status == "withdrawn"


def test_a_stale_version_is_refused(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        dossier = services.receive_dossier(dossier=desk_dossier(), by=user("thucphan.motcua"))
        services.assign_dossier(
            dossier=dossier.code, by=user("thucphan.motcua"), expected_version=dossier.version
        )
        with pytest.raises(Conflict) as error:
            services.complete_step(
                dossier=dossier.code, by=user("thucphan.xuly"), expected_version=dossier.version
            )
    assert error.value.code == "dossier.changed"


def test_province_center_receives(demo_catalog):
    with frozen(2026, 3, 2, 9, 0):
        dossier = desk_dossier(MARRIAGE_STATUS, center=PROVINCE_CENTER, by="tinh.motcua")
        received = services.receive_dossier(dossier=dossier, by=user("tinh.motcua"))
    assert received.code.startswith(PROVINCE_CENTER)
    assert received.competent_agency.code == THUC_PHAN_COMMITTEE  # the applicant's ward decides


def test_within_the_day_after_15h_is_due_the_next_working_day(demo_catalog):
    from motcua.dossiers.tests.helpers import BIRTH

    with frozen(2026, 3, 6, 14, 59):  # Friday, before the cut-off
        before = services.receive_dossier(dossier=desk_dossier(BIRTH), by=user("thucphan.motcua"))
    with frozen(2026, 3, 6, 15, 1):
        after = services.receive_dossier(dossier=desk_dossier(BIRTH), by=user("thucphan.motcua"))
    assert before.appointment_on == date(2026, 3, 6)
    assert after.appointment_on == date(2026, 3, 9)  # Monday


def test_online_dossier_received_outside_hours_counts_from_the_next_working_day(demo_catalog):
    from motcua.dossiers.services import ApplicantInput, DossierInput, create_dossier
    from motcua.dossiers.tests.helpers import THUC_PHAN

    with frozen(2026, 4, 29, 20, 30):  # Wednesday evening; 30 April and 1 May are holidays
        data = DossierInput(
            procedure_code=MARRIAGE_STATUS,
            channel="online",
            owner=ApplicantInput(name="Lục Thị Mai", unit_code=THUC_PHAN),
            form_data={},
        )
        dossier = create_dossier(data=data, by=None, submit=False)
        dossier.components.update(copies=1)
        services.submit_dossier(dossier=dossier, by=None)
        received = services.receive_dossier(dossier=dossier, by=None)  # the portal's automatic receipt
    assert received.receiving_agency.code == "001.01.50.H14"  # the competent commune's center
    assert received.received_on == date(2026, 5, 4)
    assert received.code.endswith("-260504-0001")
    assert received.appointment_on == date(2026, 5, 11)
    assert received.events.order_by("-seq").first().actor_kind == "system"


def test_steps_close_at_their_own_action_when_the_process_has_no_approval(demo_catalog):
    from motcua.dossiers.tests.helpers import BIRTH  # receive, assess, sign, return

    with frozen(2026, 3, 2, 9, 0):
        dossier = services.receive_dossier(dossier=desk_dossier(BIRTH), by=user("thucphan.motcua"))
        services.assign_dossier(dossier=dossier.code, by=user("thucphan.motcua"))
        services.approve_dossier(dossier=dossier.code, by=user("thucphan.lanhdao"))
        open_after_approval = [s.kind for s in dossier.steps.filter(finished_at__isnull=True)]
        services.sign_result(dossier=dossier.code, by=user("thucphan.kyso"))
        open_after_signing = [s.kind for s in dossier.steps.filter(finished_at__isnull=True)]
        services.return_result(dossier=dossier.code, by=user("thucphan.motcua"))
    assert open_after_approval == ["sign", "return"]
    assert open_after_signing == ["return"]
    assert not dossier.steps.filter(finished_at__isnull=True).exists()
    returned = dossier.events.get(action="return-result")
    assert returned.step_name == dossier.steps.get(kind="return").name


def test_online_submission_needs_every_required_document(demo_catalog):
    from django.contrib.auth import get_user_model

    from motcua.dossiers.errors import ComponentMissing
    from motcua.dossiers.services import ApplicantInput, DossierInput, create_dossier
    from motcua.dossiers.tests.helpers import THUC_PHAN

    citizen = get_user_model().objects.create_user("004095009999")
    data = DossierInput(
        procedure_code=MARRIAGE_STATUS,
        channel="online",
        owner=ApplicantInput(name="Bế Văn An", unit_code=THUC_PHAN),
    )
    with pytest.raises(ComponentMissing):
        create_dossier(data=data, by=citizen, account=citizen)
    draft = create_dossier(data=data, by=citizen, account=citizen, submit=False)
    assert draft.status == "draft"

from collections import deque

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from motcua.dossiers import workflow
from motcua.dossiers.workflow import END_STATES, TRANSITIONS, Action, Status

CONTRACT_ACTIONS = {
    "receive",
    "request-supplement",
    "supplement",
    "refuse",
    "assign",
    "complete-step",
    "return-step",
    "pause",
    "resume",
    "extend",
    "approve",
    "sign-result",
    "return-result",
    "withdraw",
    "rate",
}


def test_every_action_of_the_contract_is_in_the_table():
    assert {action.value for (_, action) in TRANSITIONS} >= CONTRACT_ACTIONS
    assert {"returned", "refused", "withdrawn", "stopped"} == {s.value for s in END_STATES}


def test_every_state_reaches_an_end_state():
    graph: dict[Status, set[Status]] = {}
    for (state, _), t in TRANSITIONS.items():
        graph.setdefault(state, set()).add(t.to)
    for start in Status:
        seen, queue = {start}, deque([start])
        while queue:
            for following in graph.get(queue.popleft(), ()):
                if following not in seen:
                    seen.add(following)
                    queue.append(following)
        assert seen & END_STATES, start


def test_end_states_only_allow_rating():
    for (state, action), t in TRANSITIONS.items():
        if state in END_STATES:
            assert action == Action.RATE and t.to == state


def test_straight_through_path():
    path = [
        ("submit", "applicant"),
        ("receive", "desk_officer"),
        ("assign", "desk_officer"),
        ("complete-step", "handler"),
        ("approve", "leader"),
        ("sign-result", "signer"),
        ("return-result", "desk_officer"),
        ("rate", "applicant"),
    ]
    status = "draft"
    for action, role in path:
        status = workflow.check(status, action, [role]).to
    assert status == "returned"


def test_receipt_produces_form_01_and_supplement_form_02():
    assert workflow.check("submitted", "receive", ["desk_officer"]).slip == "receipt"
    assert workflow.check("submitted", "request-supplement", ["desk_officer"]).slip == "supplement_request"
    assert workflow.check("processing", "extend", ["leader"]).slip == "apology_extension"


def test_out_of_order_action_is_a_409_with_a_translated_message():
    with translation.override("en"):
        with pytest.raises(workflow.ActionNotAllowed) as error:
            workflow.check("returned", "approve", ["leader"])
        assert error.value.detail == "“approve” cannot be done now: the dossier is result returned."
    assert error.value.status == 409


def test_wrong_role_is_a_403():
    with pytest.raises(workflow.RoleNotAllowed) as error:
        workflow.check("approved", "sign-result", ["handler"])
    assert error.value.status == 403


def test_unknown_values_are_refused_not_crashing():
    with pytest.raises(workflow.ActionNotAllowed):
        workflow.check("nonsense", "approve", ["leader"])
    with pytest.raises(workflow.ActionNotAllowed):
        workflow.check("processing", "teleport", ["leader"])


def test_allowed_actions_for_buttons():
    assert workflow.allowed_actions("approved", ["signer"]) == [Action.RETURN_STEP, Action.SIGN_RESULT]
    assert workflow.allowed_actions("returned", ["leader"]) == []


ROLES = ["applicant", "desk_officer", "handler", "leader", "signer", "system"]


@given(st.lists(st.tuples(st.sampled_from(Action.values), st.sampled_from(ROLES)), max_size=40))
def test_any_sequence_of_attempts_stays_inside_the_declared_states(attempts):
    status = "draft"
    for action, role in attempts:
        try:
            status = workflow.check(status, action, [role]).to
        except (workflow.ActionNotAllowed, workflow.RoleNotAllowed):
            continue
        assert status in Status.values

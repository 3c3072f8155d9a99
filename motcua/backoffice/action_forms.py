"""One small form per lifecycle action, and what each passes to its service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.dossiers import selectors as dossier_selectors
from motcua.dossiers.types import Action, ResultDelivery, Satisfaction

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ActionForm(forms.Form):
    """Every action form carries the version the official saw: acting on a stale page is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, dossier: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dossier = dossier

    def arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["expected_version"] = data.pop("version")
        return data


class NoteForm(ActionForm):
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=TEXTAREA)


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=TEXTAREA)


class WithdrawForm(ActionForm):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000, widget=TEXTAREA)


class ReturnStepForm(ActionForm):
    note = forms.CharField(label=_("Why it goes back"), max_length=2000, widget=TEXTAREA)


class SupplementRequestForm(ReasonForm):
    missing = forms.CharField(
        label=_("What is missing (one item per line)"), required=False, max_length=4000, widget=TEXTAREA
    )

    def arguments(self) -> dict[str, Any]:
        data = super().arguments()
        data["missing"] = [line.strip() for line in data["missing"].splitlines() if line.strip()]
        return data


class AssignForm(NoteForm):
    assignee = forms.ChoiceField(label=_("Assign to"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        officials = dossier_selectors.assignable_officials(self.dossier) if self.dossier else []
        self.fields["assignee"].choices = [("", _("— the agency's queue —"))] + [
            (o.user.get_username(), f"{o.full_name} ({o.position})" if o.position else o.full_name)
            for o in officials
        ]


class TransferForm(NoteForm):
    to_agency = forms.ChoiceField(label=_("Transfer to"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        targets = dossier_selectors.transfer_targets(self.dossier) if self.dossier else []
        self.fields["to_agency"].choices = [(a.code, a.name) for a in targets]


class ExtendForm(ReasonForm):
    new_appointment = forms.DateField(
        label=_("New appointment date"), widget=forms.DateInput(attrs={"type": "date"})
    )


class SignForm(NoteForm):
    name = forms.CharField(label=_("Name of the result"), required=False, max_length=500)
    pin = forms.CharField(
        label=_("PIN of your signing certificate"),
        required=False,
        max_length=32,
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        help_text=_("The result is generated and signed with your certificate and the agency's."),
    )
    file = forms.FileField(label=_("Or: a result already signed with a USB token (PDF)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("pin") and not data.get("file"):
            self.add_error("pin", _("Enter your PIN, or attach a result already signed."))
        return data


class ReturnResultForm(NoteForm):
    delivery = forms.ChoiceField(label=_("Handed over"), choices=ResultDelivery.choices)


class RateForm(ActionForm):
    satisfaction = forms.TypedChoiceField(
        label=_("How satisfied is the applicant?"),
        choices=Satisfaction.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000, widget=TEXTAREA)


FORMS: dict[str, type[ActionForm]] = {
    Action.SUBMIT: ActionForm,
    Action.RECEIVE: NoteForm,
    Action.REQUEST_SUPPLEMENT: SupplementRequestForm,
    Action.SUPPLEMENT: NoteForm,
    Action.REFUSE: ReasonForm,
    Action.ASSIGN: AssignForm,
    Action.COMPLETE_STEP: NoteForm,
    Action.RETURN_STEP: ReturnStepForm,
    Action.TRANSFER: TransferForm,
    Action.PAUSE: ReasonForm,
    Action.RESUME: NoteForm,
    Action.EXTEND: ExtendForm,
    Action.APPROVE: NoteForm,
    Action.SIGN_RESULT: SignForm,
    Action.RETURN_RESULT: ReturnResultForm,
    Action.WITHDRAW: WithdrawForm,
    Action.STOP: ReasonForm,
    Action.RATE: RateForm,
    Action.SEND_TO_TAX: NoteForm,
}


def form_for(action: str, dossier: Any, data: Any = None, files: Any = None) -> ActionForm:
    initial = {"version": dossier.version}
    if action == Action.RETURN_RESULT:
        initial["delivery"] = dossier.result_delivery
    return FORMS[action](data, files, dossier=dossier, initial=initial, prefix=action)

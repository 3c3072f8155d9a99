"""The forms of the online application (page-level checks only; the rules live in services)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.services.uploads import FileRejected, check_upload
from motcua.dossiers.types import ResultDelivery

PAY_ONLINE, PAY_AT_DESK = "online", "desk"
SUBMIT, SAVE = "submit", "save"


class ApplicationForm(forms.Form):
    """The owner's contact details and the choices around the dossier; name and ID come from VNeID."""

    reference = forms.UUIDField(widget=forms.HiddenInput)
    population = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), max_length=300)
    unit = forms.ChoiceField(label=_("Commune or ward where you live"))
    result_delivery = forms.ChoiceField(
        label=_("Where do you want to receive the result?"),
        choices=ResultDelivery.choices,
        widget=forms.RadioSelect,
        initial=ResultDelivery.ONLINE,
    )
    payment = forms.ChoiceField(
        label=_("How will you pay the fee?"),
        choices=[(PAY_ONLINE, _("Online now (VietQR or card)")), (PAY_AT_DESK, _("At the desk"))],
        widget=forms.RadioSelect,
        initial=PAY_ONLINE,
        required=False,
    )
    keep_copies = forms.BooleanField(
        label=_("Keep a copy of the files I upload in my personal data store, to reuse them later"),
        required=False,  # never ticked in advance (Decree 356/2025: consent is given, not assumed)
    )
    action = forms.ChoiceField(choices=[(SUBMIT, SUBMIT), (SAVE, SAVE)], required=False)

    def __init__(self, *args: Any, communes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("— choose —")), *communes]

    def _post_clean(self) -> None:
        super()._post_clean()
        # WCAG 1.3.1/3.3.1: a screen reader reads a field's error with the field.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-errors"


@dataclass
class ComponentChoice:
    """What the form holds for one required document: an upload, a stored document, or nothing."""

    position: int
    name: str
    mandatory: bool
    kind: str
    upload: Any = None
    stored: Any = None  # a StoredDocument of the citizen's own store
    error: str = ""

    @property
    def file_field(self) -> str:
        return f"doc-{self.position}"

    @property
    def store_field(self) -> str:
        return f"store-{self.position}"


def check_file(upload: Any) -> str:
    """ "" when the upload may be attached, else the message to show next to its field."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    try:
        check_upload(upload.name, head, upload.size)
    except FileRejected as error:
        return error.detail
    return ""
